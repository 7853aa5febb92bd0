"""Data-quality checks behind ``arvoketju check``: missing provenance, duplicates, invalid identifiers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError

from arvoketju.core.identifiers import VALIDATORS
from arvoketju.core.text import strip_legal_form

from .models import Fact


@dataclass
class Finding:
    """One data-quality finding: what kind, about which object, and why."""

    check: str
    subject: str
    message: str

    def __str__(self):
        return f"[{self.check}] {self.subject}: {self.message}"


def fact_models() -> list:
    return [m for m in apps.get_models() if issubclass(m, Fact)]


def facts_without_source() -> list[Finding]:
    """Facts whose source or locator is missing (the schema forbids a missing source; an empty
    locator slips through raw database writes)."""
    findings = []
    for model in fact_models():
        for obj in model.objects.filter(locator="").only("pk")[:1000]:
            findings.append(Finding("unsourced", f"{model._meta.verbose_name} #{obj.pk}", "no locator in its source"))
    return findings


def duplicate_organisations() -> list[Finding]:
    """Organisations whose names, short names or aliases coincide once legal forms are ignored."""
    from arvoketju.actors.models import Alias, Organisation

    names = defaultdict(set)
    for org in Organisation.objects.all():
        for name in (org.name, org.short_name):
            if name:
                names[strip_legal_form(name)].add(org)
    for alias in Alias.objects.select_related("organisation"):
        names[strip_legal_form(alias.name)].add(alias.organisation)
    findings, seen = [], set()
    for name, orgs in sorted(names.items()):
        if len(orgs) > 1:
            pair = tuple(sorted(o.pk for o in orgs))
            if pair in seen:
                continue
            seen.add(pair)
            findings.append(Finding("duplicate?", " / ".join(sorted(o.name for o in orgs)), f"share the name '{name}'"))
    return findings


def invalid_identifiers() -> list[Finding]:
    from arvoketju.actors.models import Identifier

    findings = []
    for identifier in Identifier.objects.select_related("organisation"):
        try:
            VALIDATORS[identifier.scheme](identifier.value)
        except (ValidationError, KeyError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else "unknown scheme"
            findings.append(Finding("identifier", str(identifier.organisation), f"{identifier}: {message}"))
    return findings


def places_without_coordinates() -> list[Finding]:
    from arvoketju.places.models import Place, PlaceKind

    return [
        Finding("coordinates", str(p), "no coordinates (cannot be shown on the map)")
        for p in Place.objects.filter(latitude=None).exclude(kind=PlaceKind.COUNTRY)
    ]


CHECKS = [facts_without_source, duplicate_organisations, invalid_identifiers, places_without_coordinates]


def run_checks() -> list[Finding]:
    """Every data-quality finding, check by check."""
    return [finding for check in CHECKS for finding in check()]
