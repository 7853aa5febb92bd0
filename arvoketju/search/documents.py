"""What is searchable: for each indexed model, the title and the texts (with their visibility) of an
object, and which objects' entries a change to a related row (an alias, a capability) refreshes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.utils import translation

from arvoketju.provenance.models import Visibility

LEVELS = [Visibility.PUBLIC, Visibility.NETWORK, Visibility.RESTRICTED]


def stricter(*levels: str) -> str:
    """The most restrictive of some visibility levels."""
    return max(levels, key=LEVELS.index)


@dataclass
class Document:
    """The searchable content of one object: texts grouped by the visibility they may be seen at."""

    title: str
    organisation_id: int | None = None
    texts: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)

    def add(self, visibility: str, *texts: str):
        self.texts.setdefault(visibility, []).extend(t for t in texts if t)

    def add_names(self, visibility: str, *names: str):
        """Names the object is called by (official, short, alias): an exact match ranks first."""
        self.add(visibility, *names)
        self.names.setdefault(visibility, []).extend(n for n in names if n)


def _names(obj, prefix="name"):
    return [getattr(obj, f"{prefix}_{language}", "") for language in ("fi", "sv", "en")]


def _in_every_language(display) -> list[str]:
    """A translated label (a type, a kind) in Finnish, Swedish and English, so each finds it."""
    labels = []
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            labels.append(str(display()))
    return labels


def _organisation(obj) -> Document:
    document = Document(title=obj.name, organisation_id=obj.pk)
    document.add_names(obj.visibility, obj.name, obj.short_name)
    document.add(obj.visibility, obj.description, *_in_every_language(obj.get_type_display))
    for alias in obj.aliases.all():
        document.add_names(stricter(obj.visibility, alias.visibility), alias.name)
    for identifier in obj.identifiers.all():
        document.add(stricter(obj.visibility, identifier.visibility), identifier.value)
    return document


def _place(obj) -> Document:
    document = Document(title=obj.localised())
    document.add_names(obj.visibility, *_names(obj), obj.code, *(obj.aliases or []))
    return document


def _project(obj) -> Document:
    document = Document(title=obj.acronym or obj.title or str(obj))
    document.add_names(obj.visibility, obj.acronym, obj.title)
    document.add(obj.visibility, obj.call, obj.description, *(obj.register_numbers or []))
    return document


def _named(obj) -> Document:
    document = Document(title=obj.name, organisation_id=_organisation_id(obj))
    document.add_names(obj.visibility, obj.name)
    document.add(obj.visibility, getattr(obj, "description", ""), getattr(obj, "theme", ""))
    document.add(obj.visibility, getattr(obj, "venue", ""))
    return document


def _topic(obj) -> Document:
    prefix = getattr(obj, "name_field_prefix", "name")
    document = Document(title=obj.localised())
    document.add_names(obj.visibility, *_names(obj, prefix), *(getattr(obj, "synonyms", None) or []))
    document.add(obj.visibility, getattr(obj, "description", ""))
    return document


def _capability(obj) -> Document:
    topic = obj.topic
    holder = obj.organisation or obj.place
    document = Document(title=f"{holder}: {topic.localised() if topic else ''}", organisation_id=obj.organisation_id)
    texts = [obj.evidence, *_in_every_language(obj.get_kind_display)]
    if topic is not None:
        texts += _names(topic, getattr(topic, "name_field_prefix", "name")) + list(
            getattr(topic, "synonyms", None) or []
        )
    document.add(obj.visibility, *texts)
    return document


def _organisation_id(obj):
    from arvoketju.accounts.selectors import concerned_organisation_id

    return concerned_organisation_id(obj)


@dataclass(frozen=True)
class IndexedKind:
    label: str
    build: object
    rank: int


INDEXED = [
    IndexedKind("actors.organisation", _organisation, 10),
    IndexedKind("places.place", _place, 20),
    IndexedKind("collaboration.project", _project, 30),
    IndexedKind("collaboration.network", _named, 40),
    IndexedKind("collaboration.programme", _named, 45),
    IndexedKind("collaboration.eventseries", _named, 50),
    IndexedKind("collaboration.event", _named, 55),
    IndexedKind("taxonomy.stage", _topic, 60),
    IndexedKind("taxonomy.competence", _topic, 65),
    IndexedKind("capabilities.capability", _capability, 70),
    IndexedKind("workforce.educationprogramme", _named, 75),
    IndexedKind("industry.industrialarea", _named, 80),
]
KINDS = {kind.label: kind for kind in INDEXED}
# a change to a row of these models refreshes the entry of the object it belongs to
DEPENDANTS = {
    "actors.alias": ("actors.organisation", "organisation_id"),
    "actors.identifier": ("actors.organisation", "organisation_id"),
}


def kind_of(model) -> str:
    return model._meta.label_lower


def indexed_model(label: str):
    return apps.get_model(label)


def prefetch(label: str, queryset):
    """The related rows a document needs, fetched in bulk for reindexing."""
    if label == "actors.organisation":
        return queryset.prefetch_related("aliases", "identifiers")
    if label == "capabilities.capability":
        return queryset.select_related("organisation", "place", "stage", "competence")
    return queryset
