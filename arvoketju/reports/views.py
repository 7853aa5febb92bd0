"""The analyses page and the situational report's downloads."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from arvoketju.core.dates import BadDate, parse_date

from . import report


def _dates(request):
    as_of = parse_date(request.GET.get("as_of"), default=report.today())
    compare = parse_date(request.GET.get("compare"))
    return as_of, compare


def analyses_page(request):
    """Every analysis as of a date (default today), with an optional comparison date; bad dates give
    a clear message and status 400."""
    context = {
        "formats": report.FORMATS,
        "as_of_value": request.GET.get("as_of", "")[:40],
        "compare_value": request.GET.get("compare", "")[:40],
    }
    try:
        as_of, compare = _dates(request)
    except BadDate as error:
        context["error"] = str(error)
        return render(request, "reports/analyses.html", context, status=400)
    context.update(report.report_context(request.user, as_of=as_of, compare=compare))
    context["as_of_value"] = as_of.isoformat()
    context["compare_value"] = compare.isoformat() if compare else ""
    query = f"as_of={as_of.isoformat()}"
    if compare:
        query += f"&compare={compare.isoformat()}"
    context["query"] = query
    return render(request, "reports/analyses.html", context)


def report_download(request, report_format: str):
    """The situational report as HTML, PDF or XLSX in the page's language."""
    if report_format not in report.FORMATS:
        raise Http404
    try:
        as_of, compare = _dates(request)
    except BadDate as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    language = (get_language() or "fi")[:2]
    body = report.render(request.user, fmt=report_format, as_of=as_of, compare=compare, language=language)
    response = HttpResponse(body, content_type=report.CONTENT_TYPES[report_format])
    if report_format != "html":
        response["Content-Disposition"] = f'attachment; filename="{report.filename(report_format, as_of)}"'
    return response
