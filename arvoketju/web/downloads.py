"""Downloads of what a page shows: the same rows as the table on screen, as CSV or XLSX.

Cells are formula-neutralised and XLSX cells are never formulas (see ``provenance.exports``).
"""

from __future__ import annotations

import io

from django.http import HttpResponse, StreamingHttpResponse

from arvoketju.provenance.exports import csv_chunks, write_xlsx

DOWNLOAD_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(header: list[str], rows, *, fmt: str, filename: str):
    """A CSV (streamed) or XLSX response of ``header`` and ``rows``; ``filename`` without extension."""
    table = [header, *rows]  # both writers neutralise formulas cell by cell
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(table, buffer, title=filename)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        response = StreamingHttpResponse(csv_chunks(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
