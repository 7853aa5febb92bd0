"""The situational report ("tilannekuva"): the analyses as one readable document in HTML, PDF
(WeasyPrint renders the same HTML, decision 28) or XLSX (one sheet per analysis, openpyxl).

Used by the ``arvoketju report`` command and the analyses page's download links alike.
"""

from __future__ import annotations

import io
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arvoketju.analytics.selectors_analyses import analyses

FORMATS = ("html", "pdf", "xlsx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def today() -> date:
    return timezone.localdate()


def report_context(user, *, as_of: date, compare: date | None = None) -> dict:
    """The template context of the report and the analyses page."""
    a = analyses(user, as_of=as_of, compare=compare)
    labels, goal_labels = VERDICTS(), GOAL_VERDICTS()
    for row in a.declared:
        row["verdict_label"] = labels.get(row["verdict"], row["verdict"])
    for row in a.goals + a.indicators:
        row["verdict_label"] = goal_labels.get(row["verdict"], row["verdict"])
    return {"a": a, "generated": timezone.now()}


def render_html(user, *, as_of: date, compare: date | None = None, language: str = "fi", base: bool = False) -> str:
    """The report as a standalone HTML document in ``language``."""
    with translation.override(language):
        context = report_context(user, as_of=as_of, compare=compare)
        context["language"] = language
        return render_to_string("reports/report.html", context)


def render_pdf(html: str) -> bytes:
    """The same HTML as a PDF (WeasyPrint; needs Pango, installed by the README's setup)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _name(value) -> str:
    if value is None:
        return ""
    localised = getattr(value, "localised", None)
    return localised() if callable(localised) else str(value)


def render_xlsx(user, *, as_of: date, compare: date | None = None, language: str = "fi") -> bytes:
    """The report's tables as a workbook: one sheet per analysis, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        a = analyses(user, as_of=as_of, compare=compare)
        book = Workbook()
        sheets = []

        def sheet(title, header, rows):
            ws = book.create_sheet(title[:31])
            ws.append([str(h) for h in header])
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for row in rows:
                ws.append(row)
            sheets.append(ws)

        book.remove(book.active)
        sheet(
            _("Specialisation"),
            [_("Region"), _("Stage or theme"), _("Active"), _("Potential"), _("RCA (active)"), _("RCA (weighted)")],
            [
                [
                    _name(row["place"]),
                    _name(c["stage"]),
                    c["active"],
                    c["potential"],
                    round(c["rca_active"], 2),
                    round(c["rca"], 2),
                ]
                for row in a.specialisation
                for c in row["cells"]
                if c["active"] or c["potential"]
            ],
        )
        sheet(
            _("Declared vs evidenced"),
            [
                _("Partner city"),
                _("Stage or theme"),
                _("Declared"),
                _("Active"),
                _("Potential"),
                _("RCA (active)"),
                _("Verdict"),
            ],
            [
                [
                    _name(r["place"]),
                    _name(r["stage"]),
                    _("yes") if r["declared"] else _("no"),
                    r["active"],
                    r["potential"],
                    r["rca_active"],
                    str(VERDICTS().get(r["verdict"], r["verdict"])),
                ]
                for r in a.declared
            ],
        )
        sheet(
            _("Gaps"),
            [_("Stage or theme"), _("Active holders nationally"), _("Level")],
            [
                [_name(r["stage"]), r["active"], _("no active holder") if r["level"] == "gap" else _("thin")]
                for r in a.thin
            ],
        )
        sheet(
            _("Missing links"),
            [_("Region"), _("Stage"), _("Direction"), _("Missing stage"), _("Holders elsewhere")],
            [
                [_name(r["column"]), _name(r["stage"]), r["direction"], _name(r["missing"]), r["national"]]
                for r in a.missing_links
            ],
        )
        sheet(
            _("Network"),
            [_("Layer"), _("Organisations"), _("Ties"), _("Inter-regional share"), _("Communities"), _("Isolated")],
            [
                [
                    LAYERS().get(layer, layer),
                    m["organisations"],
                    m["ties"],
                    m["inter_regional_share"],
                    len(m["communities"]),
                    m["isolated"],
                ]
                for layer, m in a.layers.items()
            ],
        )
        series_rows = []
        for series in a.series:
            for e in series["events"]:
                series_rows.append(
                    [
                        series["series"].name,
                        e["event"].name,
                        e["event"].start,
                        e["participants"],
                        e["places"],
                        len(e["new_places"]),
                        ", ".join(_name(p) for p in e["new_places"]),
                    ]
                )
        sheet(
            _("Event series"),
            [_("Series"), _("Event"), _("Date"), _("Participants"), _("Places"), _("New places"), _("Which")],
            series_rows,
        )
        sheet(
            _("Goals and indicators"),
            [_("Goal or indicator"), _("Target (min)"), _("Target (max)"), _("Stated"), _("Computed"), _("Verdict")],
            [
                [
                    g["description"],
                    _num(g["target_min"]),
                    _num(g["target_max"]),
                    _num(g["stated"]),
                    g["computed"],
                    GOAL_VERDICTS().get(g["verdict"], g["verdict"]),
                ]
                for g in a.goals + a.indicators
            ],
        )
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def LAYERS() -> dict:  # noqa: N802
    return {
        "projects": _("joint projects"),
        "events": _("events attended together"),
        "memberships": _("network memberships"),
    }


def _num(value):
    return float(value) if value is not None else None


def VERDICTS() -> dict:  # noqa: N802 — a table of labels, translated when read
    return {
        "backed": _("backed by evidence"),
        "partly": _("some evidence, below the national share"),
        "potential_only": _("only potential capability"),
        "unbacked": _("no evidence recorded"),
        "undeclared_strength": _("strength nobody declared"),
    }


def GOAL_VERDICTS() -> dict:  # noqa: N802
    return {
        "met": _("target met"),
        "not_met": _("target not met"),
        "no_target": _("no numeric target"),
        "unknown": _("not known"),
    }


def render(user, *, fmt: str, as_of: date, compare: date | None = None, language: str = "fi") -> bytes:
    """The report in ``fmt`` (html, pdf or xlsx) as bytes."""
    if fmt == "xlsx":
        return render_xlsx(user, as_of=as_of, compare=compare, language=language)
    html = render_html(user, as_of=as_of, compare=compare, language=language)
    return render_pdf(html) if fmt == "pdf" else html.encode("utf-8")


def filename(fmt: str, as_of: date) -> str:
    return f"tilannekuva-{as_of.isoformat()}.{fmt}"
