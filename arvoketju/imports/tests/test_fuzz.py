"""Property-based tests: whatever bytes arrive, every reader and every kind answers with a message and
never a crash, and a refused import leaves the database exactly as it was."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from arvoketju.imports.kinds import KINDS
from arvoketju.imports.readers import ImportFileError, read_table
from arvoketju.imports.services import import_file
from arvoketju.provenance.services import Actor

from .conftest import WRITERS, as_xlsx, database_state
from .test_readers import BILLION_LAUGHS, hostile_xlsx

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORMATS = ["csv", "xlsx", "json"]
VALID = {fmt: WRITERS[fmt]([{"name": "Akku Oy", "type": "company", "business_id": "0737546-2"}]) for fmt in FORMATS}

cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "=1+1",
            '=HYPERLINK("http://x")',
            "0737546-3",
            "0737546-2",
            "999999999",
            "03yj89h83",
            "Centria",
            "Centria Oy",
            "Kokkola",
            "refining",
            "na-ion-batteries",
            "battsi",
            "company",
            "research",
            "2025-13-40",
            "2025-05",
            "-5",
            "1e400",
            "NaN",
            "yes",
            "x" * 400,
            "\u202e\u0000\ufeff",
            "; ;;",
        ]
    ),
)


def mutations(data: bytes):
    """Truncations, flipped bytes and inserted bytes of a valid file.

    Positions are drawn from a fixed range and folded onto the file, so the strategy does not depend
    on the file's length: a written workbook carries a timestamp, and its length may differ between
    Hypothesis's first run and its replay.
    """
    size = len(data)
    position = st.integers(0, 1 << 16)
    return st.one_of(
        position.map(lambda n: data[: n % (size + 1)]),
        st.tuples(position, st.integers(0, 255)).map(
            lambda t: data[: t[0] % max(size, 1)] + bytes([t[1]]) + data[t[0] % max(size, 1) + 1 :]
        ),
        st.tuples(position, st.binary(min_size=1, max_size=64)).map(
            lambda t: data[: t[0] % (size + 1)] + t[1] + data[t[0] % (size + 1) :]
        ),
    )


def assert_read_cleanly(data: bytes, fmt: str):
    try:
        table = read_table(data, filename=f"fuzz.{fmt}", fmt=fmt)
    except ImportFileError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return
    assert table.columns


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_rows_or_a_message(fmt, data):
    assert_read_cleanly(data, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_truncated_and_corrupted_files_give_rows_or_a_message(fmt, data):
    assert_read_cleanly(data.draw(mutations(VALID[fmt])), fmt)


@FUZZ
@given(
    text=st.text(min_size=1, max_size=200), encoding=st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-32", "cp437"])
)
def test_wrongly_encoded_text_gives_rows_or_a_message(text, encoding):
    try:
        data = ("name,type\n" + text).encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    for fmt in ("csv", "json"):
        assert_read_cleanly(data, fmt)


@FUZZ
@given(
    rows=st.lists(st.dictionaries(st.sampled_from(["name", "type", "=x", "", "a b"]), cells, max_size=4), max_size=8)
)
def test_hostile_cells_in_every_format(rows):
    for fmt in FORMATS:
        try:
            data = WRITERS[fmt](rows)
        except Exception:  # openpyxl refuses control characters; such a file cannot exist
            continue
        assert_read_cleanly(data, fmt)


@FUZZ
@given(entity=st.sampled_from([BILLION_LAUGHS, BILLION_LAUGHS.replace(b"lol", b"x" * 20)]), cut=st.integers(0, 600))
def test_xml_entities_anywhere_in_a_workbook_are_refused(entity, cut):
    data = hostile_xlsx(entity[: len(entity) - cut] if cut < 400 else entity)
    with pytest.raises(ImportFileError):
        read_table(data, filename="x.xlsx")


@FUZZ
@given(size=st.integers(1_000_001, 40_000_000), members=st.integers(1, 3))
def test_zip_bombs_within_the_size_limit_are_refused(size, members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for n in range(members):
            bomb.writestr(f"xl/worksheets/sheet{n + 1}.xml", b"\0" * (size // members + 1_000_001))
    with pytest.raises(ImportFileError, match="suspiciously well|would expand"):
        read_table(out.getvalue(), filename="x.xlsx")


def test_huge_files_are_refused_with_the_limit(settings):
    settings.ARVOKETJU_IMPORT_MAX_BYTES = 1_000_000
    for fmt in FORMATS:
        with pytest.raises(ImportFileError, match="the limit is 1000000 bytes"):
            read_table(b"name\n" + b"x,\n" * 400_000, filename=f"x.{fmt}")
    settings.ARVOKETJU_IMPORT_MAX_BYTES = 10_000_000
    settings.ARVOKETJU_IMPORT_MAX_ROWS = 1000
    big = as_xlsx([{"name": f"Yhtiö {i}"} for i in range(1001)])
    with pytest.raises(ImportFileError, match="more than 1000 rows"):
        read_table(big, filename="x.xlsx")


def kind_rows(kind: str):
    columns = list(KINDS[kind].all_columns)
    return st.lists(st.dictionaries(st.sampled_from(columns + ["unknown"]), cells, min_size=1, max_size=6), max_size=5)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(KINDS))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rows=st.data(), fmt=st.sampled_from(FORMATS), dry_run=st.booleans())
def test_every_kind_answers_with_a_result_and_never_writes_part_of_a_file(kind, rows, fmt, dry_run):
    drawn = rows.draw(kind_rows(kind))
    try:
        data = WRITERS[fmt](drawn)
    except Exception:
        assume(False)
    if rows.draw(st.booleans()):
        data = rows.draw(mutations(data))
    before = database_state()
    result = import_file(kind=kind, data=data, filename=f"fuzz.{fmt}", actor=Actor(label="fuzz"), dry_run=dry_run)
    if result.applied:
        assert result.ok and not dry_run
    else:
        assert database_state() == before
        assert dry_run or result.problems or result.uncertain
        assert all(str(p) for p in result.problems)
        assert not [p for p in result.problems if "the import failed" in str(p)], result.problems  # no bug hidden
