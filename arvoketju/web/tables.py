"""Tables on list pages: columns, rows, sorting and paging taken from the query string, and the
download of exactly the rows the filters select (all pages) as CSV or XLSX.

A row's ``cells`` are what the download writes and the page shows; the first cell links to the
row's profile on the page. The URL holds the whole state (filters, ``sort``, ``page``), so a link
or a bookmark reopens the same view and ``format=csv|xlsx`` on the same query downloads it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from .downloads import DOWNLOAD_FORMATS, table_download


@dataclass
class Column:
    key: str
    label: str
    sortable: bool = True
    numeric: bool = False


@dataclass
class Row:
    cells: list
    link: str = ""
    obj: object = None
    extra: dict = field(default_factory=dict)


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    sort: str = ""
    page: object = None  # a Django page of rows when the table is paginated

    @property
    def shown_rows(self):
        return self.page.object_list if self.page is not None else self.rows

    def headers(self):
        """Columns with their sort state, for ``<th aria-sort>`` and the sort links."""
        current, descending = self.sort.lstrip("-"), self.sort.startswith("-")
        for column in self.columns:
            state = ""
            if column.key == current:
                state = "descending" if descending else "ascending"
            following = f"-{column.key}" if state == "ascending" else column.key
            yield {"column": column, "state": state, "next_sort": following}


def _sort_value(value):
    if value is None or value == "":
        return (1, "")
    if isinstance(value, int | float):
        return (0, value)
    return (0, str(value).casefold())


def sorted_table(columns: list[Column], rows: list[Row], sort: str | None, default: str) -> Table:
    """Rows sorted by the ``sort`` parameter (a column key, "-" for descending); unknown keys fall
    back to ``default``. Empty values go last either way."""
    keys = {c.key: index for index, c in enumerate(columns) if c.sortable}
    sort = sort or default
    if sort.lstrip("-") not in keys:
        sort = default
    index = keys[sort.lstrip("-")]
    present = [r for r in rows if r.cells[index] not in (None, "")]
    empty = [r for r in rows if r.cells[index] in (None, "")]
    present.sort(key=lambda r: _sort_value(r.cells[index]), reverse=sort.startswith("-"))
    return Table(columns=columns, rows=present + empty, sort=sort)


def paginate(table: Table, page_number, per_page: int = 25) -> Table:
    table.page = Paginator(table.rows, per_page).get_page(page_number)
    return table


def download_response(request, table: Table, filename: str):
    """The download the query asks for (``format=csv|xlsx``), or None for the HTML page."""
    fmt = request.GET.get("format", "")
    if fmt not in DOWNLOAD_FORMATS:
        return None
    header = [str(c.label) for c in table.columns]
    return table_download(header, [row.cells for row in table.rows], fmt=fmt, filename=filename)
