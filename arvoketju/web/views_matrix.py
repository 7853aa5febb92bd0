"""The value chain × region matrix page and its download."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from arvoketju.actors.models import Organisation, OrganisationType
from arvoketju.analytics.selectors import COLUMN_LEVELS, matrix_view
from arvoketju.capabilities.models import CapabilityKind

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
    view = matrix_view(request.user, level=level, organisation_type=organisation_type, capability_kind=capability_kind)
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
        selected["holders"] = _holders(selected["cell"]) if selected["cell"] else []
    rows = [
        {
            "stage": stage,
            "cells": [
                {"column": column, "cell": view.cell(stage.pk, column.pk), "key": f"{stage.key}@{column.key}"}
                for column in view.columns
            ],
        }
        for stage in view.stages
    ]
    query = request.GET.copy()
    query.pop("cell", None)
    query.pop("format", None)
    return render(
        request,
        "web/matrix.html",
        {
            "nav": "matrix",
            "view": view,
            "rows": rows,
            "selected": selected,
            "level": level,
            "levels": _level_labels(),
            "organisation_type": organisation_type,
            "organisation_types": OrganisationType.choices,
            "capability_kind": capability_kind,
            "capability_kinds": CapabilityKind.choices,
            "base_query": query.urlencode(),
        },
    )


def _holders(cell) -> list[dict]:
    keys = dict(
        Organisation.objects.filter(
            pk__in=[pk for kind, pk in [*cell.active, *cell.potential] if kind == "organisation"]
        ).values_list("pk", "key")
    )
    holders = []
    for status, group in (("active", cell.active), ("potential", cell.potential)):
        for (kind, pk), name in sorted(group.items(), key=lambda item: item[1]):
            url = profile_url("organisation", keys.get(pk)) if kind == "organisation" else None
            evidence = [c for c in cell.capabilities if c.holder == (kind, pk)]
            holders.append({"status": status, "name": name, "url": url, "evidence": evidence})
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
