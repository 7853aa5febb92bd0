"""Imports through the service: every kind from every format, dry runs, errors, all-or-nothing, matching."""

import pytest

from arvoketju.actors.models import Alias, Identifier, Organisation
from arvoketju.capabilities.models import Capability
from arvoketju.collaboration.models import Event, Membership, Network, Participation, Project
from arvoketju.imports.services import import_file
from arvoketju.provenance.models import ChangeRecord, Source

from .conftest import WRITERS, as_csv, database_state

pytestmark = pytest.mark.django_db

ROWS = {
    "organisations": [
        {
            "key": "akkutesti",
            "name": "Akkutesti Oy",
            "type": "company",
            "place": "Kokkola",
            "business_id": "0737546-2",
            "sme": "yes",
            "aliases": "AkkuT; Akkutesti Battery Testing",
            "parent": "",
        },
        {
            "name": "Kennokemia Ab",
            "type": "company",
            "pic": "999999999",
            "parent": "akkutesti",
            "website": "https://k.fi",
        },
    ],
    "projects": [
        {
            "key": "uusiakku",
            "acronym": "UUSIAKKU",
            "title": "Uudet akut",
            "programme": "eakr-vetovastuuhankkeet",
            "start": "2025-01",
            "end": "2026",
            "budget_eur": "125000.50",
            "stages": "refining; na-ion-batteries",
            "register_numbers": "A123; B456",
            "scope": "regional",
        }
    ],
    "events": [
        {
            "name": "Akkupäivä",
            "kind": "seminar",
            "start": "2025-05-14",
            "place": "Kokkola",
            "participants_total": "42",
            "format": "hybrid",
            "cancelled": "no",
        }
    ],
    "capabilities": [
        {"organisation": "Centria", "stage": "refining", "kind": "research", "status": "potential", "strength": "2"},
        {"place": "Kokkola", "competence": "na-ion-batteries", "kind": "production"},
    ],
    "networks": [{"key": "akkuverkko", "name": "Akkuverkko", "kind": "cluster", "coordinator": "centria"}],
    "memberships": [{"network": "akkukemian-vetovastuuhanke", "organisation": "0737546-2", "status": "interested"}],
    "participations": [{"project": "battsi", "organisation": "Jyväskylän ammattikorkeakoulu", "role": "partner"}],
}


def run(importer, kind, rows, fmt="csv", **options):
    data = WRITERS[fmt](rows)
    return import_file(kind=kind, data=data, filename=f"{kind}.{fmt}", actor=importer, **options)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("kind", list(ROWS))
def test_every_kind_round_trips_from_every_format_and_reimport_changes_nothing(importer, kind, fmt):
    if kind == "memberships":  # refers to an organisation by its business ID
        assert run(importer, "organisations", ROWS["organisations"][:1]).applied
    first = run(importer, kind, ROWS[kind], fmt)
    assert first.ok, [str(p) for p in first.problems] + [str(u) for u in first.uncertain]
    assert first.applied and first.counts["created"] == len(ROWS[kind])
    changes = ChangeRecord.objects.count()
    again = run(importer, kind, ROWS[kind], fmt)
    assert again.applied and again.counts == {"unchanged": len(ROWS[kind])}
    assert ChangeRecord.objects.count() == changes


def test_imported_values_and_provenance(importer):
    result = run(importer, "organisations", ROWS["organisations"])
    assert result.applied
    org = Organisation.objects.get(key="akkutesti")
    assert org.home_place.name_fi == "Kokkola" and org.is_sme is True
    assert org.source.kind == "dataset" and org.locator == "row 2"
    assert org.source.key == result.source_key and result.sha256[:12] in org.source.key
    assert Identifier.objects.get(organisation=org, scheme="business_id").value == "0737546-2"
    assert set(Alias.objects.filter(organisation=org).values_list("name", flat=True)) == {
        "AkkuT",
        "Akkutesti Battery Testing",
    }
    child = Organisation.objects.get(name="Kennokemia Ab")
    assert child.key == "kennokemia-ab" and child.parent == org and child.locator == "row 3"
    project_result = run(importer, "projects", ROWS["projects"], "xlsx")
    project = Project.objects.get(key="uusiakku")
    assert project_result.applied and str(project.budget_eur) == "125000.50"
    assert project.start_precision == "month" and project.end_precision == "year"
    assert {s.key for s in project.stages.all()} == {"refining"}
    assert {c.key for c in project.competences.all()} == {"na-ion-batteries"}
    assert project.register_numbers == ["A123", "B456"]


def test_dry_run_reports_actions_and_writes_nothing(importer):
    before = database_state()
    result = run(importer, "organisations", ROWS["organisations"], dry_run=True)
    assert result.ok and not result.applied
    assert [(a.row, a.action) for a in result.actions] == [(2, "created"), (3, "created")]
    assert database_state() == before
    assert not Source.objects.filter(key=result.source_key).exists()


def test_an_update_is_reported_and_recorded(importer):
    assert run(importer, "organisations", ROWS["organisations"]).applied
    changed = [dict(ROWS["organisations"][0], website="https://akkutesti.fi"), ROWS["organisations"][1]]
    dry = run(importer, "organisations", changed, dry_run=True)
    assert [(a.row, a.action) for a in dry.actions] == [(2, "updated"), (3, "unchanged")]
    changes = ChangeRecord.objects.count()
    assert run(importer, "organisations", changed).counts == {"updated": 1, "unchanged": 1}
    assert Organisation.objects.get(key="akkutesti").website == "https://akkutesti.fi"
    assert ChangeRecord.objects.count() == changes + 2  # the new source and the organisation


def test_errors_name_row_column_and_reason_and_nothing_is_written(importer):
    rows = [
        {"name": "Hyvä Oy", "type": "company", "business_id": "0737546-2"},
        {"name": "Huono Oy", "type": "company", "business_id": "0737546-5"},
        {"name": "Kolmas Oy", "type": "spaceship", "website": "not a url"},
        {"name": "Neljäs Oy", "type": "company", "place": "Atlantis", "sme": "maybe", "pic": "12"},
    ]
    before = database_state()
    result = run(importer, "organisations", rows)
    messages = [str(p) for p in result.problems]
    assert "row 3, business_id: check digit should be 2, not 5" in messages
    assert any(m.startswith("row 4, type: 'spaceship' is not one of") for m in messages)
    assert any(m.startswith("row 4, website: ") for m in messages)  # from the model's full_clean
    assert any(m.startswith("row 5, place: no place 'Atlantis'") for m in messages)
    assert any(m.startswith("row 5, sme: 'maybe'") for m in messages)
    assert any(m.startswith("row 5, pic: '12' is not an EU PIC") for m in messages)
    assert not result.applied and database_state() == before  # the valid row 2 was not written either


def test_header_problems_unknown_and_missing_columns(importer):
    result = import_file(
        kind="capabilities", data=b"organisation,stage,colour\nCentria,refining,red\n", filename="c.csv", actor=importer
    )
    messages = [str(p) for p in result.problems]
    assert any(m.startswith("row 1, colour: unknown column") for m in messages)
    assert "row 1, kind: the required column is missing" in messages


def test_duplicate_rows_in_one_file_are_refused(importer):
    rows = [{"name": "Sama Oy", "type": "company"}, {"name": "SAMA OY", "type": "company"}]
    result = run(importer, "organisations", rows)
    assert [str(p) for p in result.problems] == ["row 3, name: names the same organisation as row 2"]


def test_organisations_are_matched_by_identifier_name_and_alias(importer):
    centria = Organisation.objects.get(key="centria")
    Identifier.objects.create(
        organisation=centria, scheme="business_id", value="0737546-2", source=centria.source, locator="t"
    )
    for column, ref in [
        ("business_id", "0737546-2"),
        ("name", "Centria-ammattikorkeakoulu Oy"),
        ("name", "centria university of applied sciences"),  # an alias
        ("name", "CENTRIA"),  # the short name
        ("key", "centria"),
    ]:
        result = run(importer, "organisations", [{column: ref, "description": "x"}], dry_run=True)
        assert result.ok, (ref, [str(p) for p in result.problems], [str(u) for u in result.uncertain])
        assert result.actions[0].action == "updated" and "(centria)" in result.actions[0].label, ref


def test_an_identifier_of_another_organisation_is_an_error(importer):
    centria = Organisation.objects.get(key="centria")
    Identifier.objects.create(
        organisation=centria, scheme="business_id", value="0737546-2", source=centria.source, locator="t"
    )
    result = run(importer, "organisations", [{"key": "jamk", "name": "JAMK", "business_id": "0737546-2"}])
    assert [str(p) for p in result.problems] == [
        "row 2, business_id: belongs to Centria-ammattikorkeakoulu Oy (centria), not to this row's organisation"
    ]


def test_an_uncertain_match_waits_for_a_decision(importer):
    rows = [{"name": "Centria ammattikorkeakoulu Oy", "type": "uas", "description": "päivitetty"}]
    before = database_state()
    result = run(importer, "organisations", rows)
    assert not result.applied and database_state() == before
    [uncertain] = result.uncertain
    assert uncertain.row == 2 and uncertain.candidates[0].key == "centria" and uncertain.can_create
    matched = run(importer, "organisations", rows, decisions={2: "centria"})
    assert matched.applied and matched.counts == {"updated": 1}
    assert Organisation.objects.get(key="centria").description == "päivitetty"
    created = run(importer, "organisations", [dict(rows[0], name="Centria Oy")], decisions={2: "new"})
    assert created.applied and created.counts == {"created": 1}


def test_uncertain_references_in_other_kinds_need_a_decision_too(importer):
    rows = [{"organisation": "Centria ammattikorkeakoulu Oy", "stage": "refining", "kind": "research"}]
    result = run(importer, "capabilities", rows)
    assert not result.applied and result.uncertain and not result.uncertain[0].can_create
    decided = run(importer, "capabilities", rows, decisions={2: "centria"})
    assert decided.applied
    assert Capability.objects.filter(organisation__key="centria", stage__key="refining", kind="research").exists()
    refused = run(importer, "capabilities", rows, decisions={2: "new"})
    assert any("only an organisations import can create" in str(p) for p in refused.problems)


def test_unknown_references_are_errors_with_suggestions(importer):
    result = run(importer, "participations", [{"project": "battsi", "organisation": "Ei Ole Olemassa Oy"}])
    assert [str(p) for p in result.problems] == [
        "row 2, organisation: no organisation 'Ei Ole Olemassa Oy' (found by id, key, identifier, name or alias)"
    ]
    result = run(importer, "networks", [{"name": "Uusi verkko", "coordinator": "Centria Oy"}])
    assert "did you mean Centria-ammattikorkeakoulu Oy (centria)" in str(result.problems[0])


def test_other_kinds_write_what_they_say(importer):
    assert run(importer, "organisations", ROWS["organisations"][:1]).applied
    for kind in ("events", "networks", "memberships", "participations", "capabilities"):
        assert run(importer, kind, ROWS[kind]).applied, kind
    event = Event.objects.get(name="Akkupäivä")
    assert event.participants_total == 42 and event.format == "hybrid" and event.place.name_fi == "Kokkola"
    assert Network.objects.get(key="akkuverkko").coordinator.key == "centria"
    assert Membership.objects.get(organisation__key="akkutesti").status == "interested"
    assert Participation.objects.filter(project__key="battsi", role="partner").exists()
    assert Capability.objects.filter(place__name_fi="Kokkola", competence__key="na-ion-batteries").exists()


def test_blank_cells_leave_stored_values(importer):
    assert run(importer, "organisations", ROWS["organisations"][:1]).applied
    result = run(importer, "organisations", [{"key": "akkutesti", "name": "", "website": "", "sme": ""}])
    assert result.applied and result.counts == {"unchanged": 1}
    assert Organisation.objects.get(key="akkutesti").name == "Akkutesti Oy"


def test_semicolon_delimited_csv_with_bom_from_excel(importer):
    data = "\ufeffname;type;business_id\nÄänekosken Akku Oy;company;0737546-2\n".encode()
    result = import_file(kind="organisations", data=data, filename="excel.csv", actor=importer)
    assert result.applied and Organisation.objects.filter(name="Äänekosken Akku Oy").exists()


def test_unknown_kind(importer):
    result = import_file(kind="unicorns", data=b"name\nx\n", filename="x.csv", actor=importer)
    assert "unknown kind 'unicorns'" in str(result.problems[0])


def test_json_items_are_numbered_as_items(importer):
    result = import_file(
        kind="organisations",
        data=b'{"rows": [{"name": "A Oy", "type": "company"}, {"name": "B Oy", "type": "nope"}]}',
        filename="x.json",
        actor=importer,
    )
    assert [str(p) for p in result.problems][0].startswith("item 2, type: 'nope' is not one of")


def test_progress_is_reported(importer, monkeypatch):
    monkeypatch.setattr("arvoketju.imports.services.PROGRESS_EVERY", 50)
    rows = [{"name": f"Edistys {i} Oy", "type": "company"} for i in range(120)]
    seen = []
    result = import_file(
        kind="organisations",
        data=as_csv(rows),
        filename="p.csv",
        actor=importer,
        dry_run=True,
        progress=lambda phase, done, total: seen.append((phase, done, total)),
    )
    assert result.ok
    assert ("checking", 50, 120) in seen and ("checking", 120, 120) in seen
    assert ("writing", 100, 120) in seen and ("writing", 120, 120) in seen


def test_what_counts_as_a_resemblance():
    from arvoketju.imports.selectors import _resemblance

    assert "company form" in _resemblance("Centria Oy", "Centria")[1]
    assert "contains" in _resemblance("Centria", "Centria-ammattikorkeakoulu Oy")[1]
    assert "similar" in _resemblance("Centira ammattikorkeakoulu", "Centria ammattikorkeakoulu")[1]
    assert _resemblance("Centria ammattikorkeakoulu", "Metropolia ammattikorkeakoulu") is None
    assert _resemblance("Mittausyhtiö 200 Oy", "Mittausyhtiö 2000 Oy") is None
