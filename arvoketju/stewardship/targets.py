"""The models an answer may be written to, and how a proposed row becomes a fact.

A proposed row is ``{"target": "infrastructure", "values": {"name": …, "stages": ["recycling"]}}``;
references are keys (stages, competences) or names (organisations, projects), resolved when the row
is checked and again when it is applied. Only the targets listed here can be written: a survey file
cannot point answers at any other model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arvoketju.actors.models import Organisation
from arvoketju.capabilities.models import Capability, CapabilityBasis, Infrastructure
from arvoketju.collaboration.models import Participation
from arvoketju.taxonomy.models import Competence, Stage
from arvoketju.workforce.models import EducationProgramme

# fields of an organisation a representative may propose changes to (besides the business ID)
ORGANISATION_FIELDS = ("name", "short_name", "website", "description", "home_place", "is_sme")
IDENTIFIER_SCHEMES = ("business_id",)


@dataclass(frozen=True)
class Target:
    """A model answers may be written to: which field holds the organisation, which fields identify
    an existing row (besides the organisation), which fields an answer may set."""

    model: type
    label: object
    org_field: str
    lookup: tuple
    fields: tuple
    m2m: tuple = ()
    fixed: dict = field(default_factory=dict)


TARGETS = {
    "capability": Target(
        Capability,
        gettext_lazy("capability"),
        "organisation",
        ("stage", "competence", "kind", "basis"),
        ("stage", "competence", "kind", "status", "strength", "evidence"),
        fixed={"basis": CapabilityBasis.STATED},
    ),
    "infrastructure": Target(
        Infrastructure,
        gettext_lazy("infrastructure"),
        "organisation",
        ("name",),
        ("name", "kind", "description", "stages", "competences"),
        m2m=("stages", "competences"),
    ),
    "education_programme": Target(
        EducationProgramme,
        gettext_lazy("education programme"),
        "provider",
        ("name",),
        ("name", "level", "stages", "competences"),
        m2m=("stages", "competences"),
    ),
    "cooperation": Target(
        Participation,
        gettext_lazy("company cooperation"),
        "organisation",
        ("project",),
        ("partner", "form", "project"),
    ),
}
REFERENCES = {"stage": Stage, "competence": Competence, "stages": Stage, "competences": Competence}


def _resolve_key(model, key: str):
    found = model.objects.filter(key=key).first()
    if found is None:
        raise ValidationError(_("unknown %(what)s: %(key)s") % {"what": model._meta.verbose_name, "key": key})
    return found


def resolve_organisation(ref: str) -> Organisation | None:
    """A partner organisation by name, short name, alias or key (public organisations only)."""
    from arvoketju.actors.selectors import organisation_resolve

    return organisation_resolve(ref=ref, user=None) if ref else None


def resolve_project(ref: str):
    from arvoketju.collaboration.selectors import project_resolve

    return project_resolve(ref=ref, user=None) if ref else None


@dataclass
class BuiltRow:
    """A proposed row resolved against the registry: the instance to save (new or existing with the
    new values set), its many-to-many values, and which fields change."""

    target: str
    instance: object
    m2m: dict
    changed: list
    is_new: bool
    extra: list = field(default_factory=list)  # further rows written with it (cooperation)
    note: str = ""


def build_row(organisation: Organisation, row: dict) -> BuiltRow:
    """Resolve one proposed row; raises ``ValidationError`` with a clear message when it cannot be used."""
    name = row.get("target")
    if name not in TARGETS:
        raise ValidationError(_("unknown target %(name)s") % {"name": name})
    if name == "cooperation":
        return _build_cooperation(organisation, row.get("values") or {})
    spec = TARGETS[name]
    values = {k: v for k, v in (row.get("values") or {}).items() if v not in (None, "", [])}
    unknown = sorted(set(values) - set(spec.fields))
    if unknown:
        raise ValidationError(_("%(target)s has no field %(fields)s") % {"target": name, "fields": ", ".join(unknown)})
    scalars, m2m = {**spec.fixed}, {}
    for key, value in values.items():
        if key in spec.m2m:
            m2m[key] = [_resolve_key(REFERENCES[key], v) for v in value]
        elif key in REFERENCES:
            scalars[key] = _resolve_key(REFERENCES[key], value)
        else:
            scalars[key] = value
    lookup = {spec.org_field: organisation}
    for key in spec.lookup:
        value = scalars.get(key)
        lookup[f"{key}__iexact" if isinstance(value, str) else key] = value
    existing = spec.model.objects.filter(**lookup).first()
    if existing is None:
        instance = spec.model(**{spec.org_field: organisation}, **scalars)
        changed, is_new = sorted([*scalars, *m2m]), True
    else:
        instance, is_new = existing, False
        changed = [k for k, v in scalars.items() if getattr(instance, k) != v]
        for key, value in scalars.items():
            setattr(instance, key, value)
        changed += [k for k, v in m2m.items() if set(getattr(instance, k).all()) != set(v) and v]
        # answers add to many-to-many values, never remove what other sources stated
        m2m = {k: sorted({*getattr(instance, k).all(), *v}, key=lambda o: o.pk) for k, v in m2m.items()}
    _validate(instance)
    return BuiltRow(name, instance, m2m, changed, is_new)


def _validate(instance):
    locator, had_source = instance.locator, instance.source_id
    instance.locator = instance.locator or "change request"
    try:
        instance.full_clean(exclude=["source", "key"] if not had_source else ["key"], validate_unique=False)
    finally:
        instance.locator = locator


def _build_cooperation(organisation: Organisation, values: dict) -> BuiltRow:
    """Company cooperation: a partner organisation, the form, optionally a project. With a project
    known to the registry both take part in it (``Participation``); otherwise the answer stays on
    the change request for the editor (there is no other place for a bilateral relation yet)."""
    partner_ref = (values.get("partner") or "").strip()
    if not partner_ref:
        raise ValidationError(_("name the partner organisation"))
    partner = resolve_organisation(partner_ref)
    project = resolve_project((values.get("project") or "").strip())
    if partner is None or project is None:
        missing = []
        if partner is None:
            missing.append(_("partner %(name)s is not in the registry") % {"name": partner_ref})
        if project is None:
            missing.append(_("no project in the registry"))
        return BuiltRow("cooperation", None, {}, [], False, note="; ".join(missing))
    rows = []
    for member in (organisation, partner):
        existing = Participation.objects.filter(project=project, organisation=member).first()
        if existing is None:
            instance = Participation(project=project, organisation=member)
            _validate(instance)
            rows.append(instance)
    first = rows[0] if rows else None
    return BuiltRow("cooperation", first, {}, ["project"] if rows else [], bool(rows), extra=rows[1:])


def describe_row(row: dict) -> str:
    """A one-line summary of a proposed row for reviewers."""
    spec = TARGETS.get(row.get("target"))
    values = row.get("values") or {}
    parts = []
    for key, value in values.items():
        if value in (None, "", []):
            continue
        if key in REFERENCES:
            model = REFERENCES[key]
            keys = value if isinstance(value, list) else [value]
            names = {o.key: o.localised() for o in model.objects.filter(key__in=keys)}
            value = ", ".join(names.get(k, k) for k in keys)
        parts.append(f"{key}: {value}")
    return f"{spec.label if spec else row.get('target')} — " + "; ".join(parts)
