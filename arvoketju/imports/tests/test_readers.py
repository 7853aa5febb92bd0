"""Reading CSV, XLSX and JSON files into numbered rows, and refusing what is unsafe or too large."""

import io
import zipfile

import openpyxl
import pytest

from arvoketju.imports.readers import ImportFileError, check_zip, read_table

from .conftest import as_csv, as_json, as_xlsx

ROWS = [{"name": "Akku Oy", "type": "company"}, {"name": "Äänekoski Ab", "type": "company"}]


def messages(data, **options):
    with pytest.raises(ImportFileError) as caught:
        read_table(data, **options)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("writer,fmt", [(as_csv, "csv"), (as_xlsx, "xlsx"), (as_json, "json")])
def test_the_same_rows_from_each_format(writer, fmt):
    table = read_table(writer(ROWS), filename=f"x.{fmt}")
    assert table.format == fmt and table.columns == ["name", "type"]
    assert [r.cells for r in table.rows] == ROWS
    assert [r.number for r in table.rows] == ([2, 3] if fmt != "json" else [1, 2])


def test_rows_are_numbered_as_a_spreadsheet_shows_them():
    data = b'Name,Type\n\n"Akku\nOy",company\n,\nB Oy,company\n'
    table = read_table(data, filename="x.csv")
    assert [(r.number, r.cells["name"]) for r in table.rows] == [(3, "Akku\nOy"), (5, "B Oy")]


def test_header_names_are_normalised_and_duplicates_refused():
    assert read_table(b"Business ID,Short-Name\n0737546-2,x\n").columns == ["business_id", "short_name"]
    assert messages(b"name,Name\na,b\n") == ["row 1, name: the column appears twice in the header"]


def test_xlsx_cells_of_every_type_become_text():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "pic", "budget", "start", "sme"])
    import datetime as dt

    sheet.append(["Akku Oy", 999999999, 1250.5, dt.datetime(2025, 3, 1), True])
    out = io.BytesIO()
    workbook.save(out)
    [row] = read_table(out.getvalue(), filename="x.xlsx").rows
    assert row.cells == {
        "name": "Akku Oy",
        "pic": "999999999",
        "budget": "1250.5",
        "start": "2025-03-01",
        "sme": "true",
    }


def test_formulas_are_refused_in_every_format():
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "type"])
    workbook.active.append(['=HYPERLINK("http://evil","x")', "company"])
    out = io.BytesIO()
    workbook.save(out)
    assert messages(out.getvalue(), filename="x.xlsx") == [
        "row 2, name: formulas are not accepted; enter the value itself"
    ]
    assert messages(b"name,type\n=1+1,company\n") == ["row 2, name: formulas are not accepted; enter the value itself"]
    assert messages(b'[{"name": "=cmd|x", "type": "company"}]', filename="x.json") == [
        "item 1, name: formulas are not accepted; enter the value itself"
    ]


def test_encodings():
    assert read_table("\ufeffname\nÄänekoski\n".encode()).rows[0].cells == {"name": "Äänekoski"}
    assert messages("name\nÄänekoski\n".encode("cp1252")) == [
        "not UTF-8 text (byte 6, line 2: 0xC4); save the file as UTF-8 (in Excel: “CSV UTF-8”)"
    ]
    assert "UTF-16" in messages("name\nx\n".encode("utf-16"))[0]
    assert "NUL" in messages(b"name\nab\x00c\n")[0]


def test_broken_files_are_named():
    assert messages(b"") == ["the file is empty"]
    assert messages(b'name\n"unterminated\n') == ["row 2: broken CSV: unexpected end of data"]
    assert messages(b"name,type\na,b,c\n") == ["row 2: a value in column 3, which has no header"]
    assert messages(b"PK\x03\x04garbage", filename="x.xlsx")[0].startswith("not a readable XLSX file")
    assert messages(b"name\n", filename="x.xlsx")[0].startswith("not an XLSX file")
    assert messages(b'[{"name": "a"}', filename="x.json")[0].startswith("not valid JSON (line 1")
    assert messages(b'{"name": "a"}', filename="x.json") == ['expected a list of objects, or {"rows": [...]}']
    assert messages(b'[{"name": {"x": 1}}]', filename="x.json") == [
        "item 1, name: expected text, a number or a list of them"
    ]
    assert messages(b"[" * 100000, filename="x.json")  # too deep: a message, not a RecursionError


def test_limits(settings):
    settings.ARVOKETJU_IMPORT_MAX_BYTES = 100
    assert messages(b"name\n" + b"x\n" * 100) == [
        "the file is 205 bytes; the limit is 100 bytes (split it into smaller files)"
    ]
    settings.ARVOKETJU_IMPORT_MAX_BYTES = 10_000_000
    settings.ARVOKETJU_IMPORT_MAX_ROWS = 3
    assert messages(b"name\na\nb\nc\nd\n") == ["the file has more than 3 rows; split it into smaller files"]
    settings.ARVOKETJU_IMPORT_MAX_CELL_CHARS = 10
    settings.ARVOKETJU_IMPORT_MAX_ROWS = 50
    assert messages(b"name\n" + b"y" * 11 + b"\n") == ["row 2, name: the value has 11 characters; the limit is 10"]
    assert "field larger than field limit" in messages(b"name\n" + b"z" * 200_000 + b"\n")[0]


def hostile_xlsx(sheet_xml: bytes) -> bytes:
    """A real workbook whose first sheet is replaced by ``sheet_xml``."""
    source = zipfile.ZipFile(io.BytesIO(as_xlsx(ROWS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def test_xml_entities_in_a_workbook_are_refused():
    data = hostile_xlsx(BILLION_LAUGHS)
    assert messages(data, filename="x.xlsx") == [
        "the XLSX part xl/worksheets/sheet1.xml declares a DTD or XML entities, which are not accepted"
    ]
    utf16 = hostile_xlsx(BILLION_LAUGHS.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16"))
    assert "declares a DTD or XML entities" in messages(utf16, filename="x.xlsx")[0]


def test_openpyxl_itself_refuses_entities_with_defusedxml_installed():
    import defusedxml  # noqa: F401 - the dependency that makes openpyxl refuse entities

    with pytest.raises(ValueError) as caught:
        workbook = openpyxl.load_workbook(io.BytesIO(hostile_xlsx(BILLION_LAUGHS)), read_only=True)
        list(workbook.worksheets[0].iter_rows(values_only=True))
    assert "EntitiesForbidden" in repr(caught.value.__context__)


def test_zip_bombs_are_refused_before_expansion(settings):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", b"<Types/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    data = out.getvalue()
    assert len(data) < settings.ARVOKETJU_IMPORT_MAX_BYTES
    assert "compressed suspiciously well" in messages(data, filename="x.xlsx")[0]
    settings.ARVOKETJU_IMPORT_MAX_UNCOMPRESSED_BYTES = 10_000_000
    assert "would expand to 50000008 bytes" in messages(data, filename="x.xlsx")[0]
    settings.ARVOKETJU_IMPORT_MAX_ZIP_MEMBERS = 1
    with pytest.raises(ImportFileError, match="2 parts; the limit is 1"):
        check_zip(data)
