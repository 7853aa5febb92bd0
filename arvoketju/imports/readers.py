"""Read an uploaded CSV, XLSX or JSON file into rows of text cells, numbered as a spreadsheet shows them.

The header is row 1, so the first data row is row 2 (JSON items are numbered ``item 1``, ``item 2`` …).
Nothing here touches the database. Every problem is raised as ``ImportFileError`` with a message that
names the row, the column or the byte concerned; no other exception escapes ``read_table``.

Safety: spreadsheets are opened by openpyxl in read-only mode, which never evaluates formulas; a
formula cell is refused. Before openpyxl sees an XLSX file, its zip directory is checked (number of
members, total uncompressed size, compression ratio) and every XML member is scanned for DTD or
entity declarations; with ``defusedxml`` installed openpyxl refuses entities as well.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx", "json")
MULTI_SEPARATOR = ";"


def limit(name: str) -> int:
    """An import limit from the settings (``ARVOKETJU_IMPORT_MAX_BYTES`` …)."""
    return int(getattr(settings, f"ARVOKETJU_IMPORT_{name}"))


@dataclass(frozen=True)
class Problem:
    """One problem: where (row and column, either may be absent) and why."""

    row: int | None
    column: str
    message: str
    row_label: str = "row"

    def __str__(self):
        where = [f"{self.row_label} {self.row}"] if self.row is not None else []
        if self.column:
            where.append(self.column)
        return (", ".join(where) + ": " if where else "") + self.message


class ImportFileError(Exception):
    """The file cannot be imported; ``problems`` says why (nothing was written)."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(None, "", problems)]
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:20]))


@dataclass
class Row:
    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class Table:
    """The parsed file: normalised column names and the non-empty rows."""

    format: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    row_label: str = "row"


def detect_format(filename: str, data: bytes, fmt: str | None = None) -> str:
    """``csv``, ``xlsx`` or ``json`` from the option given, else the file name, else the content."""
    if fmt:
        if fmt not in FORMATS:
            raise ImportFileError(_("unknown format '%(format)s'; use csv, xlsx or json") % {"format": fmt})
        return fmt
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if suffix in FORMATS:
        return suffix
    if suffix in ("txt", "tsv"):
        return "csv"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def column_name(raw) -> str:
    """``"Business ID"`` → ``business_id``."""
    return re.sub(r"[\s\-]+", "_", str(raw if raw is not None else "").strip().lower())


def read_table(data: bytes, *, filename: str = "", fmt: str | None = None) -> Table:
    """Parse ``data`` into a ``Table``; raise ``ImportFileError`` for anything unreadable or too large."""
    if len(data) > limit("MAX_BYTES"):
        raise ImportFileError(
            _("the file is %(size)s bytes; the limit is %(limit)s bytes (split it into smaller files)")
            % {"size": len(data), "limit": limit("MAX_BYTES")}
        )
    if not data.strip():
        raise ImportFileError(_("the file is empty"))
    fmt = detect_format(filename, data, fmt)
    try:
        reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt]
        table = reader(data)
    except ImportFileError:
        raise
    except (MemoryError, RecursionError):
        raise ImportFileError(_("the file is too large or too deeply nested to read")) from None
    except Exception as exc:  # any parser failure on hostile input becomes a message, never a crash
        raise ImportFileError(
            _("the file could not be read as %(format)s: %(reason)s") % {"format": fmt.upper(), "reason": exc}
        ) from None
    _check_columns(table)
    return table


# --- rows and cells -----------------------------------------------------------------------------


def _header(raw_cells, row_label="row") -> list[str]:
    names, problems = [], []
    for raw in raw_cells:
        name = column_name(raw)
        if name in names and name:
            problems.append(Problem(1, name, _("the column appears twice in the header")))
        names.append(name)
    while names and not names[-1]:
        names.pop()
    if problems:
        raise ImportFileError(problems)
    if not any(names):
        raise ImportFileError([Problem(1, "", _("the first row must name the columns (the header)"))])
    return names


def _check_columns(table: Table):
    if not table.columns:
        raise ImportFileError(_("the file has no columns"))
    if len(table.columns) > limit("MAX_COLUMNS"):
        raise ImportFileError(
            _("the file has %(count)s columns; the limit is %(limit)s")
            % {"count": len(table.columns), "limit": limit("MAX_COLUMNS")}
        )


def _add_row(table: Table, number: int, values: list[str], problems: list[Problem]):
    """Add one row of cell texts (skipping empty rows); count it against the row limit."""
    if not any(values):
        return
    if len(table.rows) >= limit("MAX_ROWS"):
        raise ImportFileError(
            _("the file has more than %(limit)s rows; split it into smaller files") % {"limit": limit("MAX_ROWS")}
        )
    cells = {}
    for index, value in enumerate(values):
        if index >= len(table.columns) or not table.columns[index]:
            if value:
                problems.append(
                    Problem(number, "", _("a value in column %(n)s, which has no header") % {"n": index + 1})
                )
            continue
        if value.startswith("="):
            problems.append(
                Problem(number, table.columns[index], _("formulas are not accepted; enter the value itself"))
            )
        elif len(value) > limit("MAX_CELL_CHARS"):
            problems.append(
                Problem(
                    number,
                    table.columns[index],
                    _("the value has %(count)s characters; the limit is %(limit)s")
                    % {"count": len(value), "limit": limit("MAX_CELL_CHARS")},
                )
            )
        cells[table.columns[index]] = value
    table.rows.append(Row(number, cells))


def _finish(table: Table, problems: list[Problem]) -> Table:
    if problems:
        raise ImportFileError(problems)
    return table


# --- CSV --------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 text with or without a byte-order mark; anything else is refused with the byte's position."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("the file is UTF-16 text; save it as UTF-8 (in Excel: “CSV UTF-8”)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "not UTF-8 text (byte %(byte)s, line %(line)s: 0x%(value)02X); save the file as UTF-8 "
                "(in Excel: “CSV UTF-8”)"
            )
            % {"byte": exc.start + 1, "line": line, "value": data[exc.start]}
        ) from None
    if "\x00" in text:
        raise ImportFileError(_("the file contains NUL characters; it is not a text file"))
    return text


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True)
    problems: list[Problem] = []
    table = None
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            values = [v.strip() for v in values]
            if table is None:
                table = Table("csv", _header(values))
                continue
            _add_row(table, number, values, problems)
    except csv.Error as exc:
        raise ImportFileError(
            [*problems, Problem(number + 1, "", _("broken CSV: %(reason)s") % {"reason": exc})]
        ) from None
    if table is None:
        raise ImportFileError(_("the file is empty"))
    return _finish(table, problems)


# --- JSON -------------------------------------------------------------------------------------


def _json_cell(value, number, column, problems) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
        return f"{MULTI_SEPARATOR} ".join(_json_cell(v, number, column, problems) for v in value)
    problems.append(Problem(number, column, _("expected text, a number or a list of them"), "item"))
    return ""


def _read_json(data: bytes) -> Table:
    text = decode_text(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            _("not valid JSON (line %(line)s, column %(col)s): %(reason)s")
            % {"line": exc.lineno, "col": exc.colno, "reason": exc.msg}
        ) from None
    if isinstance(document, dict) and isinstance(document.get("rows"), list):
        document = document["rows"]
    if not isinstance(document, list):
        raise ImportFileError(_('expected a list of objects, or {"rows": [...]}'))
    columns: list[str] = []
    for item in document:
        if isinstance(item, dict):
            for key in item:
                name = column_name(key)
                if name and name not in columns:
                    columns.append(name)
    table = Table("json", columns, row_label="item")
    problems: list[Problem] = []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(number, "", _("expected an object of column names and values"), "item"))
            continue
        values = {column_name(k): _json_cell(v, number, column_name(k), problems) for k, v in item.items()}
        if not any(values.values()):
            continue
        before = len(problems)
        _add_row(table, number, [values.get(c, "") for c in columns], problems)
        for index in range(before, len(problems)):
            problems[index] = Problem(problems[index].row, problems[index].column, problems[index].message, "item")
    return _finish(table, problems)


# --- XLSX -------------------------------------------------------------------------------------

_DANGEROUS_XML = [
    pattern
    for text in ("<!DOCTYPE", "<!ENTITY")
    for pattern in (text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be"))
]


def check_zip(data: bytes) -> zipfile.ZipFile:
    """Open an XLSX (zip) file after checking it cannot expand beyond the limits or smuggle entities."""
    if data[:4] != b"PK\x03\x04":
        raise ImportFileError(_("not an XLSX file (an XLSX file is a zip archive; is it an old .xls or a CSV?)"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ImportFileError(
            _("not a readable XLSX file (broken zip archive: %(reason)s)") % {"reason": exc}
        ) from None
    if len(members) > limit("MAX_ZIP_MEMBERS"):
        raise ImportFileError(
            _("the XLSX file has %(count)s parts; the limit is %(limit)s")
            % {"count": len(members), "limit": limit("MAX_ZIP_MEMBERS")}
        )
    total = sum(m.file_size for m in members)
    if total > limit("MAX_UNCOMPRESSED_BYTES"):
        raise ImportFileError(
            _("the XLSX file would expand to %(size)s bytes; the limit is %(limit)s bytes")
            % {"size": total, "limit": limit("MAX_UNCOMPRESSED_BYTES")}
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > limit("MAX_ZIP_RATIO") * max(member.compress_size, 1):
            raise ImportFileError(
                _("the XLSX part %(name)s is compressed suspiciously well (a zip bomb?)") % {"name": member.filename}
            )
    for member in members:
        if member.filename.endswith((".xml", ".rels", ".vml")):
            content = _read_member(archive, member)
            if any(pattern in content for pattern in _DANGEROUS_XML):
                raise ImportFileError(
                    _("the XLSX part %(name)s declares a DTD or XML entities, which are not accepted")
                    % {"name": member.filename}
                )
    return archive


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than its declared size (the zip directory may lie)."""
    with archive.open(member) as stream:
        content = stream.read(member.file_size + 1)
    if len(content) > member.file_size:
        raise ImportFileError(_("the XLSX part %(name)s is larger than it claims") % {"name": member.filename})
    return content


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _xlsx_cell(cell) -> tuple[str, bool]:
    """The text of a cell, and whether it holds a formula."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
        return str(value), True
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("true" if value else "false"), False
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time() else value.isoformat()), False
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(), False
    if isinstance(value, int | float):
        return _number_text(value), False
    return str(value).strip(), False


def _read_xlsx(data: bytes) -> Table:
    import openpyxl

    check_zip(data)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("the workbook has no worksheet"))
        sheet = workbook.worksheets[0]
        problems: list[Problem] = []
        table = None
        max_columns = limit("MAX_COLUMNS")
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            texts = []
            for index, cell in enumerate(cells):
                text, formula = _xlsx_cell(cell)
                if index >= max_columns:
                    if text:
                        raise ImportFileError(
                            [Problem(number, "", _("more than %(limit)s columns") % {"limit": max_columns})]
                        )
                    continue
                if formula:
                    column = table.columns[index] if table and index < len(table.columns) else ""
                    problems.append(
                        Problem(
                            number, column or f"#{index + 1}", _("formulas are not accepted; enter the value itself")
                        )
                    )
                    text = ""
                texts.append(text)
            if table is None:
                if not any(texts):
                    continue  # blank rows above the header
                if number != 1:
                    raise ImportFileError(
                        [Problem(number, "", _("the header must be on row 1 (the rows above it are empty)"))]
                    )
                table = Table("xlsx", _header(texts))
                continue
            _add_row(table, number, texts, problems)
        if table is None:
            raise ImportFileError(_("the first worksheet is empty"))
        return _finish(table, problems)
    finally:
        workbook.close()
