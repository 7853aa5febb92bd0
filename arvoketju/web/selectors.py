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


def organisations_by_region(*, user) -> list[tuple[str, int]]:
    """(region name, organisations whose home place lies there), largest first; abroad/unknown last."""
    from arvoketju.analytics.matrix import columns_of_place
    from arvoketju.analytics.selectors import place_nodes

    places = place_nodes(user)
    names = {p.pk: p.localised() for p in visible(Place.objects.filter(kind="region"), user)}
    counts: Counter = Counter()
    for home_place_id in visible(Organisation.objects.all(), user).values_list("home_place_id", flat=True):
        regions = columns_of_place(home_place_id, places, "region")
        for region in regions or {None}:
            counts[names.get(region, "")] += 1
    known = [(name, count) for name, count in counts.most_common() if name]
    return known + ([("", counts[""])] if counts[""] else [])


def organisations_by_stage(*, user) -> list[tuple[object, int, int]]:
    """(stage, organisations active there, organisations only potential there), in value-chain order."""
    from arvoketju.analytics.selectors import capability_records
    from arvoketju.taxonomy.models import Stage

    active: dict[int, set] = {}
    potential: dict[int, set] = {}
    for record in capability_records(user):
        for stage in record.stage_ids:
            (active if record.status == "active" else potential).setdefault(stage, set()).add(record.holder)
    rows = []
    for stage in sorted(visible(Stage.objects.all(), user), key=lambda s: (s.kind != "stage", s.order)):
        on = active.get(stage.pk, set())
        rows.append((stage, len(on), len(potential.get(stage.pk, set()) - on)))
    return rows


def projects_by_status(*, user) -> list[tuple[str, int]]:
    labels = dict(Project._meta.get_field("status").choices)
    counts = Counter(visible(Project.objects.all(), user).values_list("status", flat=True))
    return [(labels.get(status, status) or "–", count) for status, count in counts.most_common()]


def event_reach(*, user) -> dict:
    """Events held, cancelled, and the participants they reached (as the sources state them)."""
    events = visible(Event.objects.all(), user)
    held = events.filter(cancelled=False)
    totals = [t for t in held.values_list("participants_total", flat=True) if t]
    return {
        "held": held.count(),
        "cancelled": events.filter(cancelled=True).count(),
        "participants": sum(totals),
        "with_counts": len(totals),
    }


def recent_changes(*, user, limit: int = 10) -> list[dict]:
    """The latest changes to objects the user may see now (deleted ones only for editors): what and
    when, never the values or who made them."""
    from arvoketju.accounts.selectors import is_editor
    from arvoketju.provenance.models import ChangeRecord

    editor = is_editor(user)
    found = []
    records = ChangeRecord.objects.select_related("content_type").order_by("-created_at", "-id")[: limit * 20]
    by_type: dict = {}
    for record in records:
        by_type.setdefault(record.content_type, []).append(record)
    allowed: set = set()
    for content_type, group in by_type.items():
        model = content_type.model_class()
        if model is None or not hasattr(model, "visibility"):
            continue
        ids = {r.object_id for r in group}
        allowed |= {
            (content_type.pk, str(pk))
            for pk in visible(model.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
        }
    for record in records:
        if (record.content_type_id, record.object_id) in allowed or (editor and record.action == "delete"):
            found.append(
                {
                    "what": record.object_repr,
                    "kind": record.content_type.model_class()._meta.verbose_name
                    if record.content_type.model_class()
                    else "",
                    "action": record.get_action_display(),
                    "when": record.created_at,
                }
            )
        if len(found) >= limit:
            break
    return found


def overview(*, user) -> dict:
    """Everything the overview page shows, as plain data (so it can be cached)."""
    return {
        "figures": key_figures(user=user),
        "organisation_types": organisations_by_type(user=user),
        "declarations": declarations_by_place(user=user),
        "projects": list(recent_projects(user=user)),
        "by_region": organisations_by_region(user=user),
        "by_stage": organisations_by_stage(user=user),
        "by_status": projects_by_status(user=user),
        "reach": event_reach(user=user),
        "changes": recent_changes(user=user),
        "map": _overview_map(user=user),
    }


def _overview_map(*, user) -> dict:
    """The map's outline and region circles (no actor points) for the overview."""
    from .geomap import MapFilters, map_data

    data = map_data(user=user, filters=MapFilters())
    return {
        "width": data["width"],
        "height": data["height"],
        "outline": data["outline"],
        "boundaries": data["boundaries"],
        "regions": [{k: r[k] for k in ("key", "name", "count", "x", "y", "r")} for r in data["regions"]],
    }
