"""One column spec per kind of import: the columns a file may have and how a row becomes writes.

Blank cells leave stored values as they are (a file need not repeat what is known); a cell can
therefore add or change a value, never erase one — erasing is done in the admin, one record at a time.
Cells with several values separate them with ``;`` (aliases, stages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arvoketju.actors.models import Alias, Identifier, Organisation, OrganisationType
from arvoketju.capabilities.models import Capability, CapabilityBasis, CapabilityKind, CapabilityStatus
from arvoketju.collaboration.models import (
    Event,
    EventFormat,
    EventKind,
    Membership,
    MembershipStatus,
    Network,
    NetworkKind,
    Participation,
    ParticipationRole,
    Project,
    Scope,
)
from arvoketju.core.text import make_key, normalise_name
from arvoketju.taxonomy.models import Competence, Stage

from .context import FACT_COLUMNS, MAIN, NEW, RowContext, RowPlan, Skip, Uncertain, Write
from .selectors import Candidate

IDENTIFIER_SCHEMES = ("business_id", "pic", "ror", "vat")


@dataclass
class Kind:
    """What a file of one kind may hold and how each row is turned into writes."""

    name: str
    label: object
    model: type
    columns: dict[str, str]
    required: tuple[str, ...]
    build: Callable[[RowContext], RowPlan | None]

    @property
    def all_columns(self) -> dict[str, str]:
        return {**self.columns, **FACT_COLUMNS}


def _unique_key(base: str, taken: Callable[[str], bool]) -> str:
    base = (base or "record")[:110].strip("-") or "record"
    key, n = base, 1
    while taken(key):
        n += 1
        key = f"{base}-{n}"
    return key


def _claim(ctx: RowContext, identity, label: str):
    """Refuse a second row that names the same record as an earlier row of the file."""
    first = ctx.state.targets.setdefault(identity, ctx.row.number)
    if first != ctx.row.number:
        ctx.fail(
            "",
            _("names the same %(what)s as %(label)s %(row)s")
            % {"what": label, "label": ctx.state.row_label, "row": first},
        )


def _set(values: dict, name: str, value):
    if value not in (None, "", []):
        values[name] = value


# --- organisations ------------------------------------------------------------------------------


def _organisation_identity(ctx: RowContext, key: str, names: list[str], identifiers: dict) -> tuple[int | None, str]:
    """(pk of the stored organisation the row means or None for a new one, how it was found: ``key``,
    ``identifier``, ``name``, ``decision``, ``new``; or ``uncertain`` when a person must decide)."""
    index, row = ctx.state.organisations, ctx.row.number
    by_key = index.by_key.get(key) if key else None
    by_ids = {}
    for scheme, value in identifiers.items():
        pk = index.by_identifier.get((scheme, value))
        if pk is not None:
            by_ids[scheme] = pk
    found = {by_key} if by_key else set(by_ids.values())
    if len(found) > 1 or (by_key and any(pk != by_key for pk in by_ids.values())):
        for scheme, pk in by_ids.items():
            if pk != (by_key or pk):
                ctx.error(scheme, _("belongs to %(org)s, not to this row's organisation") % {"org": index.label(pk)})
        if not by_key:
            ctx.error("", _("the identifiers belong to different organisations"))
        raise Skip
    if found:
        return next(iter(found)), "key" if by_key else "identifier"
    exact = set().union(*(index.by_name.get(normalise_name(n), set()) for n in names))
    if len(exact) == 1:
        pk = next(iter(exact))
        if key and index.by_pk[pk][0] != key:
            ctx.fail(
                "key",
                _("'%(key)s' is new, but an organisation with this name exists with the key '%(stored)s'")
                % {"key": key, "stored": index.by_pk[pk][0]},
            )
        return pk, "name"
    decision = ctx.state.decisions.get(row)
    if decision == NEW:
        return None, "new"
    if decision:
        pks, _how = index.find(decision)
        if len(pks) != 1:
            ctx.fail("name", _("the chosen organisation '%(key)s' does not exist") % {"key": decision})
        return next(iter(pks)), "decision"
    if not names:
        return None, "new"
    candidates = index.candidates(names[0]) if not exact else []
    if exact:
        candidates = [Candidate(index.by_pk[pk][0], index.by_pk[pk][1], _("the same name")) for pk in sorted(exact)]
    if candidates:
        ctx.state.uncertain.append(
            Uncertain(row, "name", names[0], candidates, can_create=True, row_label=ctx.state.row_label)
        )
        return None, "uncertain"
    return None, "new"


def build_organisation(ctx: RowContext) -> RowPlan | None:
    index = ctx.state.organisations
    name, key = ctx.text("name"), ctx.text("key")
    identifiers = {s: v for s in IDENTIFIER_SCHEMES if (v := ctx.identifier(s))}
    if not name and not key and not identifiers:
        ctx.fail("name", _("is required (or a key or an identifier of a stored organisation)"))
    aliases = ctx.multi("aliases")
    pk, how = _organisation_identity(ctx, key, [n for n in [name, ctx.text("short_name")] if n] + aliases, identifiers)
    if how == "uncertain":
        return None
    values = ctx.fact_values()
    for column in ("name", "short_name", "website", "description"):
        _set(values, column, ctx.text(column))
    if how in ("name", "decision"):
        # found by one of its names or confirmed by a person: the row's name does not replace the official
        # name; a confirmed variant becomes an alias, so the next file matches it exactly
        values.pop("name", None)
        if how == "decision" and name:
            aliases = [name, *aliases]
    _set(values, "type", ctx.choice("type", OrganisationType))
    _set(values, "home_place", ctx.reference("place", "place"))
    _set(values, "is_sme", ctx.boolean("sme"))
    _set(values, "last_confirmed", ctx.date("last_confirmed")[0])
    if pk is None:
        if not name:
            ctx.error("name", _("is required for a new organisation"))
        if not ctx.text("type"):
            ctx.error("type", _("is required for a new organisation"))
        for alias in {name, ctx.text("short_name"), *aliases}:
            if alias and normalise_name(alias) in index.pending:
                earlier = ctx.state.targets.get(("new", index.pending[normalise_name(alias)]))
                ctx.fail(
                    "name",
                    _("names the same organisation as %(label)s %(row)s")
                    % {"label": ctx.state.row_label, "row": earlier},
                )
        key = key or _unique_key(make_key(name), lambda k: k in index.by_key or k in index.pending_keys)
        if key in index.pending_keys:
            ctx.fail("key", _("the same key as an earlier row"))
        lookup, identity, label = {"key": key}, ("new", key), f"{name} ({key})"
        index.pending_keys.add(key)
        for alias in {name, ctx.text("short_name"), key, *aliases}:
            if alias:
                index.pending.setdefault(alias, key)
                index.pending.setdefault(normalise_name(alias), key)
    else:
        lookup, identity, label = {"pk": pk}, pk, index.label(pk)
    _claim(ctx, identity, _("organisation"))
    writes = [Write(Organisation, lookup, values)]
    child = {k: v for k, v in values.items() if k in ("source", "locator", "visibility")}
    for scheme, value in identifiers.items():
        writes.append(Write(Identifier, {"organisation": MAIN, "scheme": scheme}, {**child, "value": value}))
    seen = {normalise_name(n) for n in index.names.get(pk, ())} if pk else {normalise_name(name)}
    for alias in aliases:
        if normalise_name(alias) not in seen:
            seen.add(normalise_name(alias))
            writes.append(
                Write(Alias, {"organisation": MAIN, "normalised": normalise_name(alias)}, {**child, "name": alias})
            )
    parent = ctx.organisation("parent")
    if parent is not None:
        writes.append(Write(Organisation, lookup, {"parent": parent}, later=True))
    return RowPlan(ctx.row.number, label, writes)


# --- projects, events, networks ------------------------------------------------------------------


def _keyed_identity(ctx: RowContext, model, kind: str, names: list[str], *, what: str):
    """The lookup of a record found by key, else by name through the reference index, else a new key."""
    key = ctx.text("key")
    if key:
        stored = model.objects.filter(key=key).first()
        identity = ("key", key)
        _claim(ctx, (model, identity), what)
        return {"key": key}, stored
    for name in names:
        found = ctx.state.references.find(kind, name) if name else None
        if found is not None:
            _claim(ctx, (model, found.pk), what)
            return {"pk": found.pk}, found
    _claim(ctx, (model, "name", normalise_name(" ".join(n for n in names if n))), what)
    base = make_key(" ".join(n for n in names if n)[:100])
    key = _unique_key(base, lambda k: model.objects.filter(key=k).exists() or (model, ("key", k)) in ctx.state.targets)
    _claim(ctx, (model, ("key", key)), what)
    return {"key": key}, None


def build_project(ctx: RowContext) -> RowPlan | None:
    acronym, title = ctx.text("acronym"), ctx.text("title")
    lookup, stored = _keyed_identity(ctx, Project, "project", [acronym, title], what=_("project"))
    values = ctx.fact_values()
    for column in ("acronym", "title", "call", "description"):
        _set(values, column, ctx.text(column))
    _set(values, "programme", ctx.reference("programme", "programme"))
    _set(values, "prepared_by", ctx.reference("network", "prepared_by"))
    _set(values, "scope", ctx.choice("scope", Scope))
    _set(values, "register_numbers", ctx.multi("register_numbers"))
    for column in ("start", "end"):
        date, precision = ctx.date(column)
        if date:
            values[column], values[f"{column}_precision"] = date, precision
    _set(values, "budget_eur", ctx.decimal("budget_eur"))
    if stored is None and not (acronym or title or "programme" in values):
        ctx.error("acronym", _("a new project needs an acronym, a title or its programme"))
    m2m = None
    if ctx.text("stages"):
        stages, competences = ctx.topics("stages")
        m2m = {"stages": stages, "competences": competences}
    return RowPlan(ctx.row.number, acronym or title or str(stored), [Write(Project, lookup, values, m2m)])


def build_event(ctx: RowContext) -> RowPlan | None:
    name = ctx.text("name")
    start, start_precision = ctx.date("start")
    key = ctx.text("key")
    if key:
        lookup, stored = {"key": key}, Event.objects.filter(key=key).first()
    else:
        stored = Event.objects.filter(name__iexact=name, start=start).first() if name else None
        lookup = (
            {"pk": stored.pk}
            if stored
            else {
                "key": _unique_key(
                    make_key(f"{name} {ctx.text('start')}"),
                    lambda k: Event.objects.filter(key=k).exists() or (Event, ("key", k)) in ctx.state.targets,
                )
            }
        )
    _claim(ctx, (Event, ("key", lookup["key"]) if "key" in lookup else lookup["pk"]), _("event"))
    values = ctx.fact_values()
    for column in ("name", "venue", "theme", "outputs"):
        _set(values, column, ctx.text(column))
    if stored is None and not name:
        ctx.error("name", _("is required for a new event"))
    if start:
        values["start"], values["start_precision"] = start, start_precision
    end, end_precision = ctx.date("end")
    if end:
        values["end"], values["end_precision"] = end, end_precision
    _set(values, "series", ctx.reference("series", "series"))
    _set(values, "kind", ctx.choice("kind", EventKind))
    _set(values, "format", ctx.choice("format", EventFormat))
    _set(values, "place", ctx.reference("place", "place"))
    for part in ("total", "onsite", "remote", "registered"):
        _set(values, f"participants_{part}", ctx.integer(f"participants_{part}"))
    _set(values, "cancelled", ctx.boolean("cancelled"))
    return RowPlan(ctx.row.number, name or str(stored), [Write(Event, lookup, values)])


def build_network(ctx: RowContext) -> RowPlan | None:
    name = ctx.text("name")
    lookup, stored = _keyed_identity(ctx, Network, "network", [name], what=_("network"))
    if stored is None and not name:
        ctx.error("name", _("is required for a new network"))
    values = ctx.fact_values()
    for column in ("name", "description"):
        _set(values, column, ctx.text(column))
    _set(values, "kind", ctx.choice("kind", NetworkKind))
    _set(values, "coordinator", ctx.organisation("coordinator"))
    return RowPlan(ctx.row.number, name or str(stored), [Write(Network, lookup, values)])


# --- facts about organisations -------------------------------------------------------------------


def build_capability(ctx: RowContext) -> RowPlan | None:
    org = ctx.organisation("organisation", decidable=True)
    place = ctx.reference("place", "place")
    if not ctx.text("organisation") and place is None and not ctx.text("place"):
        ctx.error("organisation", _("a capability belongs to an organisation or a place"))
    stage = ctx.reference("topic", "stage")
    competence = ctx.reference("topic", "competence")
    if stage is not None and not isinstance(stage, Stage):
        ctx.error(
            "stage", _("'%(value)s' is a competence; put it in the competence column") % {"value": ctx.text("stage")}
        )
    if competence is not None and not isinstance(competence, Competence):
        ctx.error(
            "competence",
            _("'%(value)s' is a stage or theme; put it in the stage column") % {"value": ctx.text("competence")},
        )
    if not ctx.text("stage") and not ctx.text("competence"):
        ctx.error("stage", _("name a stage, a theme or a competence"))
    kind = ctx.choice("kind", CapabilityKind)
    if not kind:
        ctx.error("kind", _("is required"))
    identity = {
        "organisation": org,
        "place": place,
        "stage": stage if isinstance(stage, Stage) else None,
        "competence": competence if isinstance(competence, Competence) else None,
        "kind": kind,
        "basis": CapabilityBasis.STATED,
    }
    values = {**ctx.fact_values(), **identity}
    _set(values, "status", ctx.choice("status", CapabilityStatus))
    _set(values, "strength", ctx.integer("strength", minimum=1, maximum=3))
    _set(values, "evidence", ctx.text("evidence"))
    key = ctx.text("key")
    lookup = {"key": key} if key else identity
    if not key and org is None and ctx.text("organisation"):
        return None  # the organisation is awaiting a decision (or is an error already reported)
    _claim(ctx, (Capability, key or tuple(sorted((k, str(v)) for k, v in identity.items()))), _("capability"))
    label = f"{ctx.text('organisation') or ctx.text('place')}: {ctx.text('stage') or ctx.text('competence')}"
    return RowPlan(ctx.row.number, label, [Write(Capability, lookup, values)])


def build_membership(ctx: RowContext) -> RowPlan | None:
    network = ctx.reference("network", "network", required=True)
    org = ctx.organisation("organisation", decidable=True)
    place = None if ctx.text("organisation") else ctx.reference("place", "place", required=True)
    values = ctx.fact_values()
    _set(values, "status", ctx.choice("status", MembershipStatus))
    lookup = {"network": network, "organisation": org, "place": place, "valid_from": values.get("valid_from")}
    if org is None and ctx.text("organisation"):
        return None
    _claim(ctx, (Membership, tuple(str(v) for v in lookup.values())), _("membership"))
    label = f"{ctx.text('organisation') or ctx.text('place')} – {ctx.text('network')}"
    return RowPlan(ctx.row.number, label, [Write(Membership, lookup, values)])


def build_participation(ctx: RowContext) -> RowPlan | None:
    project = ctx.reference("project", "project", required=True)
    org = ctx.organisation("organisation", decidable=True, required=True)
    values = ctx.fact_values()
    _set(values, "role", ctx.choice("role", ParticipationRole))
    _set(values, "description", ctx.text("description"))
    if org is None:
        return None
    lookup = {"project": project, "organisation": org}
    _claim(ctx, (Participation, str(project), str(org)), _("participation"))
    return RowPlan(
        ctx.row.number, f"{ctx.text('organisation')} in {ctx.text('project')}", [Write(Participation, lookup, values)]
    )


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind(
            "organisations",
            gettext_lazy("organisations"),
            Organisation,
            {
                "key": "stable identifier (lowercase, hyphens); made from the name when blank",
                "name": "official name (required for a new organisation)",
                "short_name": "short name",
                "type": ", ".join(OrganisationType.values) + " (required for a new organisation)",
                "place": "home municipality or place: name, code or key",
                "parent": "parent organisation: key, identifier, name or alias",
                "sme": "yes / no",
                "website": "https://…",
                "description": "free text",
                "last_confirmed": "YYYY-MM-DD",
                "business_id": "Finnish business ID 1234567-8 (check digit verified)",
                "pic": "EU PIC, nine digits",
                "ror": "ROR id such as 03yj89h83",
                "vat": "EU VAT number such as FI07375462",
                "aliases": "other names, separated by ;",
            },
            (),
            build_organisation,
        ),
        Kind(
            "projects",
            gettext_lazy("projects and applications"),
            Project,
            {
                "key": "stable identifier; found by acronym or title when blank",
                "acronym": "acronym",
                "title": "title",
                "programme": "funding programme: key or name",
                "call": "call",
                "register_numbers": "register numbers, separated by ;",
                "scope": ", ".join(Scope.values),
                "start": "YYYY, YYYY-MM or YYYY-MM-DD",
                "end": "YYYY, YYYY-MM or YYYY-MM-DD",
                "budget_eur": "number (EUR)",
                "description": "free text",
                "stages": "taxonomy stages, themes or competences (keys or names), separated by ;",
                "prepared_by": "network that prepared it: key or name",
            },
            (),
            build_project,
        ),
        Kind(
            "events",
            gettext_lazy("events"),
            Event,
            {
                "key": "stable identifier; found by name and start when blank",
                "name": "name (required for a new event)",
                "series": "event series: key or name",
                "kind": ", ".join(EventKind.values),
                "start": "YYYY, YYYY-MM or YYYY-MM-DD",
                "end": "YYYY, YYYY-MM or YYYY-MM-DD",
                "venue": "venue",
                "place": "municipality or place: name, code or key",
                "theme": "theme",
                "format": ", ".join(EventFormat.values),
                "participants_total": "whole number",
                "participants_onsite": "whole number",
                "participants_remote": "whole number",
                "participants_registered": "whole number",
                "cancelled": "yes / no",
                "outputs": "free text",
            },
            (),
            build_event,
        ),
        Kind(
            "capabilities",
            gettext_lazy("capabilities"),
            Capability,
            {
                "key": "stable identifier (optional)",
                "organisation": "organisation: key, identifier, name or alias",
                "place": "or a place: name, code or key",
                "stage": "value-chain stage or theme: key or name",
                "competence": "competence: key or term",
                "kind": ", ".join(CapabilityKind.values) + " (required)",
                "status": ", ".join(CapabilityStatus.values),
                "strength": "1–3",
                "evidence": "free text",
            },
            ("kind",),
            build_capability,
        ),
        Kind(
            "networks",
            gettext_lazy("networks"),
            Network,
            {
                "key": "stable identifier; found by name when blank",
                "name": "name (required for a new network)",
                "kind": ", ".join(NetworkKind.values),
                "coordinator": "organisation: key, identifier, name or alias",
                "description": "free text",
            },
            (),
            build_network,
        ),
        Kind(
            "memberships",
            gettext_lazy("memberships"),
            Membership,
            {
                "network": "network: key or name (required)",
                "organisation": "member organisation: key, identifier, name or alias",
                "place": "or a member place",
                "status": ", ".join(MembershipStatus.values),
            },
            ("network",),
            build_membership,
        ),
        Kind(
            "participations",
            gettext_lazy("project participations"),
            Participation,
            {
                "project": "project: key, acronym or title (required)",
                "organisation": "organisation: key, identifier, name or alias (required)",
                "role": ", ".join(ParticipationRole.values),
                "description": "free text",
            },
            ("project", "organisation"),
            build_participation,
        ),
    ]
}
