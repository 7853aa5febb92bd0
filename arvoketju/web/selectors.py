"""Reads for the web pages."""

from collections import Counter

from arvoketju.actors.models import Organisation
from arvoketju.capabilities.models import SpecialisationDeclaration
from arvoketju.collaboration.models import Event, Project
from arvoketju.places.models import Place
from arvoketju.provenance.selectors import visible


def key_figures(*, user) -> dict:
    """Counts of what the registry holds, as the user may see it."""
    return {
        "organisations": visible(Organisation.objects.all(), user).count(),
        "projects": visible(Project.objects.all(), user).count(),
        "events": visible(Event.objects.all(), user).count(),
        "places": visible(Place.objects.all(), user).count(),
    }


def organisations_by_type(*, user) -> list[tuple[str, int]]:
    """(type label, count) pairs, largest first."""
    labels = dict(Organisation._meta.get_field("type").choices)
    counts = Counter(visible(Organisation.objects.all(), user).values_list("type", flat=True))
    return [(labels.get(kind, kind), count) for kind, count in counts.most_common()]


def declarations_by_place(*, user) -> list[dict]:
    """Each place's declared specialisations: the statement and the stages it maps to, with sources."""
    places: dict = {}
    declarations = visible(
        SpecialisationDeclaration.objects.select_related("place", "stage", "competence", "source"), user
    )
    for declaration in declarations.order_by("place__name_fi"):
        entry = places.setdefault(declaration.place_id, {"place": declaration.place, "statements": [], "topics": []})
        if declaration.statement not in entry["statements"]:
            entry["statements"].append(declaration.statement)
        if declaration.topic.localised() not in [t.localised() for t in entry["topics"]]:
            entry["topics"].append(declaration.topic)
        entry["locator"] = declaration.locator
    return list(places.values())


def recent_projects(*, user, limit: int = 12):
    """Projects and applications with their programme, latest start first."""
    return visible(Project.objects.select_related("programme"), user).order_by("-start", "acronym")[:limit]
