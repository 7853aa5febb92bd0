"""Table downloads for signed-in users: ``/export/KIND.FORMAT``, filtered by what the user may see."""

import tempfile

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import exports


def table_response(model, reader, fmt, *, queryset=None):
    """A download of one table: CSV and JSON streamed row by row, XLSX through a temporary file."""
    kind = exports.kind_for(model)
    filename = f"arvoketju-{kind}-{timezone.now():%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        spool = tempfile.TemporaryFile()
        exports.export_table(model, reader, "xlsx", spool, queryset=queryset)
        spool.seek(0)
        return FileResponse(spool, as_attachment=True, filename=filename, content_type=exports.CONTENT_TYPES["xlsx"])
    rows = exports.table_rows(model, reader, queryset)
    chunks = exports.csv_chunks(rows) if fmt == "csv" else exports.json_chunks(rows, kind=kind)
    response = StreamingHttpResponse(chunks, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_table(request, kind, fmt):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if fmt not in exports.FORMATS:
        raise Http404
    try:
        model = exports.model_for(kind)
    except exports.UnknownKind:
        raise Http404 from None
    return table_response(model, exports.Reader.for_user(request.user), fmt)
