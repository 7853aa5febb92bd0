"""Reads for capabilities, declared specialisations and infrastructure."""

from django.db.models import Q, QuerySet

from arvoketju.provenance.selectors import visible

from .models import Capability, Infrastructure, SpecialisationDeclaration


def declaration_list(*, user, place=None) -> QuerySet:
    """Declared specialisations, optionally of one place (a grouping's own declarations only)."""
    declarations = visible(
        SpecialisationDeclaration.objects.select_related("source", "place", "stage", "competence"), user
    )
    if place is not None:
        declarations = declarations.filter(place=place)
    return declarations


def capability_list(
    *,
    user,
    organisation=None,
    place=None,
    stage: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    basis: str | None = None,
) -> QuerySet:
    capabilities = visible(
        Capability.objects.select_related(
            "source", "organisation", "place", "stage", "competence", "derived_from_project"
        ),
        user,
    )
    if organisation:  # an empty filter value means "any"
        capabilities = capabilities.filter(organisation=organisation)
    if place:
        capabilities = capabilities.filter(Q(place=place) | Q(organisation__home_place=place))
    if stage:
        capabilities = capabilities.filter(Q(stage__key=stage) | Q(competence__key=stage))
    for name, value in (("kind", kind), ("status", status), ("basis", basis)):
        if value:
            capabilities = capabilities.filter(**{name: value})
    return capabilities


def infrastructure_list(*, user) -> QuerySet:
    return visible(Infrastructure.objects.select_related("source", "organisation", "place"), user)
