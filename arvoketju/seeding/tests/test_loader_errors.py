"""A bad dataset file changes nothing and says which file, record and field is wrong and why."""

import textwrap

import pytest

from arvoketju.actors.models import Organisation
from arvoketju.provenance.models import ChangeRecord
from arvoketju.seeding.context import DatasetError
from arvoketju.seeding.loader import load_dataset

pytestmark = pytest.mark.django_db

SOURCES = """
- {key: mini, kind: dataset, title: Mini dataset}
"""
PLACES = """
countries: [{code: FI, name_fi: Suomi, source: mini, ref: "row 1"}]
regions: [{code: "16", name_fi: Keski-Pohjanmaa, source: mini, ref: "row 2"}]
municipalities: [{code: "272", name_fi: Kokkola, name_sv: Karleby, region: "16", source: mini, ref: "row 3"}]
"""


def write_dataset(folder, **files):
    files = {"sources.yaml": SOURCES, "places.yaml": PLACES, "organisations.yaml": "[]", **files}
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def load(folder, actor):
    return load_dataset(folder, actor=actor)


def test_a_valid_minimal_dataset_loads_and_reloads_without_changes(tmp_path, actor):
    folder = write_dataset(
        tmp_path,
        **{
            "organisations.yaml": """
        - {key: mini-oy, name: Mini Oy, type: company, place: Karleby, source: mini, ref: "row 4",
           identifiers: {business_id: 0737546-2}, aliases: [{name: MINI, kind: acronym}]}
        """
        },
    )
    first = load(folder, actor)
    assert first["organisation created"] == 1
    records = ChangeRecord.objects.count()
    second = load(folder, actor)
    assert not [k for k in second if k.endswith(("created", "updated"))]
    assert ChangeRecord.objects.count() == records
    assert Organisation.objects.get(key="mini-oy").home_place.name_fi == "Kokkola"


def test_wrong_business_id_names_file_record_field_and_reason_and_writes_nothing(tmp_path, actor):
    folder = write_dataset(
        tmp_path,
        **{
            "organisations.yaml": """
        - {key: good-oy, name: Good Oy, type: company, source: mini, ref: "row 2"}
        - {key: bad-oy, name: Bad Oy, type: company, source: mini, ref: "row 3",
           identifiers: {business_id: 0737546-3}}
        """
        },
    )
    before = (Organisation.objects.count(), ChangeRecord.objects.count())
    with pytest.raises(DatasetError) as exc:
        load(folder, actor)
    assert [str(p) for p in exc.value.problems] == [
        "organisations.yaml, organisation #2 (bad-oy), identifiers.business_id: check digit should be 2, not 3"
    ]
    assert (Organisation.objects.count(), ChangeRecord.objects.count()) == before


@pytest.mark.parametrize(
    "organisations, expected",
    [
        ("- {key: x, name: X, type: company}", "organisation #1 (x), ref: every fact needs `ref`"),
        ('- {key: x, name: X, type: shop, ref: "1"}', "organisation #1 (x), type: 'shop' is not one of"),
        ('- {key: x, name: X, type: company, ref: "1", place: Atlantis}', "place: no place 'Atlantis'"),
        ('- {key: x, name: X, type: company, ref: "1", source: nowhere}', "source: unknown source 'nowhere'"),
        ('- {key: x, name: X, type: company, ref: "1", valid_from: "2025-13"}', "valid_from: '2025-13' is not"),
        ('- {key: x, name: X, type: company, ref: "1", parent: nobody}', "parent: no organisation 'nobody'"),
        ("- [not, a, mapping]", "organisation #1: expected a mapping of fields"),
        ("key: [unclosed", "organisations.yaml, file: not valid YAML"),
    ],
)
def test_each_kind_of_mistake_is_reported(tmp_path, actor, organisations, expected):
    folder = write_dataset(tmp_path, **{"organisations.yaml": organisations})
    with pytest.raises(DatasetError) as exc:
        load(folder, actor)
    assert any(expected in str(p) for p in exc.value.problems), exc.value.problems


def test_missing_required_file_is_reported(tmp_path, actor):
    folder = write_dataset(tmp_path)
    (folder / "places.yaml").unlink()
    with pytest.raises(DatasetError, match="the file places.yaml is missing"):
        load(folder, actor)


def test_dry_run_validates_and_counts_but_writes_nothing(tmp_path, actor):
    organisations = '- {key: dry-oy, name: Dry Oy, type: company, ref: "1", source: mini}'
    folder = write_dataset(tmp_path, **{"organisations.yaml": organisations})
    counts = load_dataset(folder, actor=actor, dry_run=True)
    assert counts["organisation created"] == 1
    assert not Organisation.objects.filter(key="dry-oy").exists()
