"""Site matching as a pure function: which industrial areas meet an investment's hard limits, ranked
by its preferences, with the reasons and the data that is missing.

A hard limit is never bent: an area qualifies only when its known values meet every limit. An area
whose value for a limit is unknown is not ranked among the qualifying ones; it is listed apart as
"might qualify" with the missing data named, so the people keeping the profile know what to add."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

ACCESS = ("port", "rail", "road")


@dataclass(frozen=True)
class Site:
    """What matching needs to know about an area; ``None`` is unknown."""

    key: str
    name: str
    region: str = ""
    free_land_ha: Decimal | None = None
    grid_capacity_mw: Decimal | None = None
    port: bool | None = None
    rail: bool | None = None
    road: bool | None = None


@dataclass(frozen=True)
class Needs:
    """An investment's hard limits (``min_*``, ``require_*``) and preferences (``prefer_*``)."""

    min_free_land_ha: Decimal | None = None
    min_grid_mw: Decimal | None = None
    require: frozenset[str] = frozenset()
    prefer: frozenset[str] = frozenset()
    prefer_region: str = ""


@dataclass
class Match:
    """One area's result: ``status`` is qualifies, unknown (a limit cannot be checked) or excluded."""

    site: Site
    status: str
    points: int = 0
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _access_label(name: str) -> str:
    return {"port": _("port access"), "rail": _("rail access"), "road": _("road access")}[name]


def _check_minimum(match: Match, value, limit, unit_label: str, missing_label: str):
    if limit is None:
        return
    if value is None:
        match.missing.append(missing_label)
    elif value >= limit:
        match.reasons.append(_("{what} {value} ≥ {limit}").format(what=unit_label, value=value, limit=limit))
    else:
        match.failures.append(_("{what} {value} < {limit}").format(what=unit_label, value=value, limit=limit))


def assess_site(site: Site, needs: Needs) -> Match:
    """Check one area against the hard limits, then count the preferences it meets."""
    match = Match(site=site, status="qualifies")
    _check_minimum(match, site.free_land_ha, needs.min_free_land_ha, _("free land (ha)"), _("free land unknown"))
    _check_minimum(match, site.grid_capacity_mw, needs.min_grid_mw, _("grid capacity (MW)"), _("grid capacity unknown"))
    for name in sorted(needs.require):
        value = getattr(site, name)
        if value is None:
            match.missing.append(_("{what} unknown").format(what=_access_label(name)))
        elif value:
            match.reasons.append(_("has {what}").format(what=_access_label(name)))
        else:
            match.failures.append(_("no {what}").format(what=_access_label(name)))
    if match.failures:
        match.status = "excluded"
    elif match.missing:
        match.status = "unknown"
    for name in sorted(needs.prefer - needs.require):
        value = getattr(site, name)
        if value:
            match.points += 1
            match.reasons.append(_("preferred: has {what}").format(what=_access_label(name)))
        elif value is None:
            match.missing.append(_("{what} unknown").format(what=_access_label(name)))
    if needs.prefer_region:
        if site.region == needs.prefer_region:
            match.points += 1
            match.reasons.append(_("preferred: in the region"))
        elif not site.region:
            match.missing.append(_("region unknown"))
    return match


def _rank_key(match: Match):
    site = match.site
    return (
        -match.points,
        -(site.grid_capacity_mw if site.grid_capacity_mw is not None else Decimal(-1)),
        -(site.free_land_ha if site.free_land_ha is not None else Decimal(-1)),
        site.name.casefold(),
    )


def match_sites(sites, needs: Needs) -> dict[str, list[Match]]:
    """Rank ``sites`` for ``needs``: ``qualifying`` (every hard limit met, most preferences first, then
    the larger grid capacity and free land), ``unknown`` (no limit broken, some not checkable) and
    ``excluded`` (a limit broken, with the failures)."""
    groups: dict[str, list[Match]] = {"qualifying": [], "unknown": [], "excluded": []}
    for site in sites:
        match = assess_site(site, needs)
        groups[{"qualifies": "qualifying", "unknown": "unknown", "excluded": "excluded"}[match.status]].append(match)
    for matches in groups.values():
        matches.sort(key=_rank_key)
    return groups
