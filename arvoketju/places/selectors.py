"""Reads for places."""

from django.db.models import Q, QuerySet

from arvoketju.provenance.selectors import visible

from .models import Place, PlaceKind


def place_list(*, user, q: str | None = None, kind: str | None = None, region: str | None = None) -> QuerySet:
    """Places the user may see, filtered by name (any language), kind and region."""
    places = visible(Place.objects.select_related("source", "parent"), user).defer("boundary")
    if q:
        places = places.filter(
            Q(name_fi__icontains=q) | Q(name_sv__icontains=q) | Q(name_en__icontains=q) | Q(code=q) | Q(key=q)
        )
    if kind:
        places = places.filter(kind=kind)
    if region:
        region_place = place_resolve(ref=region, user=user)
        places = places.filter(parent=region_place) if region_place else places.none()
    return places


def place_resolve(*, ref: str, user) -> Place | None:
    """A place by key, official code or name (Finnish, Swedish or English), case-insensitively."""
    places = visible(Place.objects.all(), user)
    for condition in (Q(key=ref), Q(code=ref), Q(name_fi__iexact=ref), Q(name_sv__iexact=ref), Q(name_en__iexact=ref)):
        found = places.filter(condition).order_by("kind").first()
        if found:
            return found
    needle = ref.casefold()
    for place in places.exclude(aliases=[]).only("pk", "aliases"):
        if needle in (alias.casefold() for alias in place.aliases):
            return places.get(pk=place.pk)
    return None


def place_with_members(place: Place) -> list[Place]:
    """A place and, for a grouping, its member places (a grouping is represented by its members too)."""
    if place.kind == PlaceKind.GROUPING:
        return [place, *[m.member for m in place.memberships.select_related("member")]]
    return [place]
