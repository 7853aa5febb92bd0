"""The value chain × region matrix page and its download."""

from __future__ import annotations

from urllib.parse import quote

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arvoketju.actors.models import Organisation, OrganisationType
from arvoketju.analytics.selectors import COLUMN_LEVELS, matrix_view
from arvoketju.capabilities.models import Capability, CapabilityKind
from arvoketju.core.caching import cached_for_reader
from arvoketju.core.dates import BadDate, parse_date
from arvoketju.provenance.selectors import visible

from .downloads import DOWNLOAD_FORMATS, table_download


def profile_url(kind: str, key) -> str | None:
    """The profile page of an organisation or place, when it has a key and profiles exist."""
    if not key:
        return None
    try:
        return reverse(f"web:{kind}", args=[key])
    except NoReverseMatch:
        return None


def _choice(value: str, allowed, default: str = "") -> str:
    return value if value in allowed else default


def _level_labels():
    return {
        "region": _("regions"),
        "partner_cities": _("partner cities"),
        "municipality": _("municipalities"),
    }


def matrix(request):
    """Rows are value-chain stages and themes, columns regions, partner cities or municipalities;
    a cell shows active (filled) and potential (outlined) holders and declared specialisations."""
    level = _choice(request.GET.get("columns", ""), COLUMN_LEVELS, "region")
    organisation_type = _choice(request.GET.get("type", ""), OrganisationType.values)
    capability_kind = _choice(request.GET.get("kind", ""), CapabilityKind.values)
    date_error = ""
    try:
        as_of = parse_date(request.GET.get("as_of"))
    except BadDate as error:
        as_of, date_error = None, str(error)
    view = cached_for_reader(
        "matrix",
        request.user,
        lambda: matrix_view(
            request.user,
            level=level,
            organisation_type=organisation_type,
            capability_kind=capability_kind,
            as_of=as_of,
        ),
        level,
        organisation_type,
        capability_kind,
        as_of.isoformat() if as_of else "",
    )
    fmt = request.GET.get("format", "")
    if fmt in DOWNLOAD_FORMATS:
        return _download(view, fmt)
    stage_keys = {stage.key: stage for stage in view.stages}
    column_keys = {column.key: column for column in view.columns}
    selected = None
    stage_key, _sep, column_key = request.GET.get("cell", "").partition("@")
    if stage_key in stage_keys and column_key in column_keys:
        stage, column = stage_keys[stage_key], column_keys[column_key]
        selected = {"stage": stage, "column": column, "cell": view.cell(stage.pk, column.pk)}
        selected["holders"] = _holders(selected["cell"], request.user) if selected["cell"] else []
    query = request.GET.copy()
    query.pop("cell", None)
    query.pop("format", None)
    if not as_of:
        query.pop("as_of", None)
    base_query = query.urlencode()
    rows = cached_for_reader("matrix-rows", request.user, lambda: _rows(view, base_query), base_query)
    return render(
        request,
        "web/matrix.html",
        {
            "nav": "matrix",
            "view": view,
            "rows": rows,
            "column_names": [column.localised() for column in view.columns],
            "selected": selected,
            "level": level,
            "levels": _level_labels(),
            "organisation_type": organisation_type,
            "organisation_types": OrganisationType.choices,
            "capability_kind": capability_kind,
            "capability_kinds": CapabilityKind.choices,
            "as_of": as_of,
            "date_error": date_error,
            "base_query": base_query,
        },
        status=400 if date_error else 200,
    )


def _rows(view, base_query: str) -> list[dict]:
    """The table's rows with each cell as ready HTML (~400 cells through template tags is slow)."""
    prefix = f"?{base_query}&cell=" if base_query else "?cell="
    columns = [(column.key, column.pk, column.localised()) for column in view.columns]
    rows = []
    for stage in view.stages:
        stage_name = stage.localised()
        cells = []
        for column_key, column_id, column_name in columns:
            cell = view.cell(stage.pk, column_id)
            if cell is None:
                cells.append(None)
                continue
            parts = [
                ngettext("%(count)d active", "%(count)d active", cell.active_count) % {"count": cell.active_count},
                ngettext("%(count)d potential", "%(count)d potential", cell.potential_count)
                % {"count": cell.potential_count},
            ]
            if cell.declarations:
                parts.append(_("declared"))
            key = f"{stage.key}@{column_key}"
            marks = []
            if cell.active_count:
                marks.append(format_html('<span class="mark active" aria-hidden="true">●</span>{}', cell.active_count))
            if cell.potential_count:
                marks.append(
                    format_html('<span class="mark potential" aria-hidden="true">○</span>{}', cell.potential_count)
                )
            if cell.declarations:
                marks.append(mark_safe('<span class="mark declared" aria-hidden="true">◆</span>'))
            cells.append(
                format_html(
                    '<a class="cell" data-cell="{}" href="{}{}#cell-detail" aria-label="{}">{}</a>',
                    key,
                    prefix,
                    quote(key),
                    f"{stage_name}, {column_name}: {', '.join(parts)}",
                    mark_safe(" ".join(marks)),  # noqa: S308 - built from format_html pieces above
                )
            )
        rows.append({"name": stage_name, "kind": stage.kind, "child": bool(stage.parent_id), "cells": cells})
    return rows


def _holders(cell, user) -> list[dict]:
    """The actors of an opened cell, active first, each with the capabilities (evidence, source) behind it."""
    evidence: dict = {}
    capabilities = visible(Capability.objects.filter(pk__in=cell.capability_ids), user).select_related("source")
    for capability in capabilities.order_by("pk"):
        holder = (
            ("organisation", capability.organisation_id)
            if capability.organisation_id
            else ("place", capability.place_id)
        )
        evidence.setdefault(holder, []).append(capability)
    keys = dict(
        Organisation.objects.filter(pk__in=[pk for kind, pk in evidence if kind == "organisation"]).values_list(
            "pk", "key"
        )
    )
    holders = []
    for status, group in (("active", cell.active), ("potential", cell.potential)):
        for (kind, pk), name in sorted(group.items(), key=lambda item: item[1]):
            url = profile_url("organisation", keys.get(pk)) if kind == "organisation" else None
            holders.append({"status": status, "name": name, "url": url, "evidence": evidence.get((kind, pk), [])})
    return holders


def _download(view, fmt):
    header = [
        _("stage or theme"),
        _("place"),
        _("active"),
        _("potential"),
        _("declared"),
        _("active holders"),
        _("potential holders"),
    ]
    rows = []
    for stage in view.stages:
        for column in view.columns:
            cell = view.cell(stage.pk, column.pk)
            if cell is None:
                continue
            rows.append(
                [
                    stage.localised(),
                    column.localised(),
                    cell.active_count,
                    cell.potential_count,
                    len(cell.declarations),
                    "; ".join(sorted(cell.active.values())),
                    "; ".join(sorted(cell.potential.values())),
                ]
            )
    return table_download(header, rows, fmt=fmt, filename=f"matrix-{view.level}")
