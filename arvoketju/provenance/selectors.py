"""Reads shared by every domain: visibility filtering and the sources of a fact."""

from django.db.models import Q, QuerySet

from .models import ChangeRecord, Source, Visibility


def visible_levels(user) -> list[str]:
    """The visibility levels a user may read everywhere: anonymous → public; member → + network;
    editor → all. Representatives also read restricted facts of their own organisations (``visible``)."""
    from arvoketju.accounts.selectors import is_editor

    if user is not None and getattr(user, "is_authenticated", False):
        if is_editor(user):
            return [v.value for v in Visibility]
        return [Visibility.PUBLIC, Visibility.NETWORK]
    return [Visibility.PUBLIC]


def visibility_condition(model, user, *, prefix: str = "") -> Q:
    """The condition for rows of ``model`` that ``user`` may see; with ``prefix`` (e.g.
    ``"project__"``) the same condition on a related row, so a query can follow a link by a join."""
    from arvoketju.accounts.selectors import represented_organisation_ids

    levels = visible_levels(user)
    condition = Q(**{f"{prefix}visibility__in": levels})
    path = getattr(model, "concerns_organisation", None)
    if Visibility.RESTRICTED not in levels and path is not None:
        organisations = represented_organisation_ids(user)
        if organisations:
            condition |= Q(**{f"{prefix}visibility": Visibility.RESTRICTED, f"{prefix}{path}__in": organisations})
    if Visibility.RESTRICTED not in levels:
        # a row about an organisation, project, event or network (an alias, a participation, an
        # attendance …) is never more visible than what it is about, whatever its own level says
        for link in getattr(model, "hidden_with", ()):
            related = model._meta.get_field(link).related_model
            condition &= Q(**{f"{prefix}{link}__isnull": True}) | visibility_condition(
                related, user, prefix=f"{prefix}{link}__"
            )
    return condition


def visible(queryset: QuerySet, user) -> QuerySet:
    """Only the rows ``user`` may see. Restricted rows are seen by editors and by the representatives
    of the organisation the row concerns (the model's ``concerns_organisation`` path)."""
    return queryset.filter(visibility_condition(queryset.model, user))


def shown_if_visible(obj, user):
    """A linked object (an area's operator, a unit's parent …) when ``user`` may see it, else None:
    a visible row must not name what it links to if that is hidden from the reader."""
    if obj is None:
        return None
    return obj if visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists() else None


def fact_sources(fact) -> list[dict]:
    """The sources behind a fact, as plain data for API responses and pages: the fact's own source,
    then the sources of single fields that come from elsewhere (with ``field`` set)."""
    source = fact.source
    sources = [_source_entry(source, fact.locator, fact.quote or None, None)]
    for field_name, reference in sorted((getattr(fact, "field_sources", None) or {}).items()):
        other = Source.objects.filter(key=reference.get("source")).first()
        if other is not None:
            sources.append(_source_entry(other, reference.get("locator") or "", None, field_name))
    return sources


def _source_entry(source, locator, quote, field_name) -> dict:
    return {
        "source": source.key,
        "title": source.title,
        "kind": source.kind,
        "url": source.url or None,
        "locator": locator,
        "quote": quote,
        "field": field_name,
    }


def history_for(instance) -> QuerySet:
    """Change records of one object, newest first."""
    from django.contrib.contenttypes.models import ContentType

    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    )


def valid_condition(as_of, *, prefix: str = "") -> Q:
    """The condition for facts that hold on date ``as_of``: ``valid_from`` empty or on/before it and
    ``valid_to`` empty or on/after it. ``prefix`` (e.g. ``"project__"``) applies it to a related fact.
    ``None`` means "now, whatever is recorded": no condition."""
    if as_of is None:
        return Q()
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": as_of})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": as_of})
    )


def valid_on(queryset: QuerySet, as_of) -> QuerySet:
    """Only the rows of ``queryset`` valid on ``as_of`` (see ``valid_condition``); the one time-travel
    rule every analysis uses."""
    return queryset.filter(valid_condition(as_of))


def visible_on(queryset: QuerySet, user, as_of) -> QuerySet:
    """``visible`` and ``valid_on`` together: what ``user`` may see of the state on ``as_of``."""
    return valid_on(visible(queryset, user), as_of)
