"""factory_boy factories for the core facts (each app's tests add their own on top)."""

import factory

from arvoketju.actors.models import Alias, Identifier, Organisation, OrganisationType
from arvoketju.collaboration.models import Event, EventAttendance, Participation, Project, ProjectStatus
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.models import Source, SourceKind
from arvoketju.taxonomy.models import Competence, Stage, ValueChain


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = "test-source"
    kind = SourceKind.DATASET
    title = "Test source"


class FactFactory(factory.django.DjangoModelFactory):
    """Base for fact factories: a source and a locator."""

    source = factory.SubFactory(SourceFactory)
    locator = factory.Sequence(lambda n: f"row {n + 2}")


class PlaceFactory(FactFactory):
    class Meta:
        model = Place

    kind = PlaceKind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"{n % 1000:03d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    key = factory.Sequence(lambda n: f"kunta-{n}")


class OrganisationFactory(FactFactory):
    class Meta:
        model = Organisation

    key = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisaatio {n} Oy")
    type = OrganisationType.COMPANY


class AliasFactory(FactFactory):
    class Meta:
        model = Alias

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"ORG{n}")


class IdentifierFactory(FactFactory):
    class Meta:
        model = Identifier

    organisation = factory.SubFactory(OrganisationFactory)
    scheme = "business_id"
    value = "0737546-2"


class ValueChainFactory(FactFactory):
    class Meta:
        model = ValueChain
        django_get_or_create = ("key",)

    key = "test-chain"
    name_fi = "Testiarvoketju"


class StageFactory(FactFactory):
    class Meta:
        model = Stage

    value_chain = factory.SubFactory(ValueChainFactory)
    key = factory.Sequence(lambda n: f"stage-{n}")
    name_fi = factory.Sequence(lambda n: f"Vaihe {n}")
    order = factory.Sequence(lambda n: n * 10)


class CompetenceFactory(FactFactory):
    class Meta:
        model = Competence

    value_chain = factory.SubFactory(ValueChainFactory)
    key = factory.Sequence(lambda n: f"competence-{n}")
    term_fi = factory.Sequence(lambda n: f"Osaaminen {n}")


class ProjectFactory(FactFactory):
    class Meta:
        model = Project

    key = factory.Sequence(lambda n: f"project-{n}")
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    status = ProjectStatus.FUNDED


class ParticipationFactory(FactFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class EventFactory(FactFactory):
    class Meta:
        model = Event

    key = factory.Sequence(lambda n: f"event-{n}")
    name = factory.Sequence(lambda n: f"Työpaja {n}")


class EventAttendanceFactory(FactFactory):
    class Meta:
        model = EventAttendance

    event = factory.SubFactory(EventFactory)
