"""Profile pages (the English ones, under /en/; unprefixed paths are Finnish): each shows its facts
with their sources, links to related profiles, answers 404 for
unknown and invisible objects alike, and shows restricted facts only to those who may see them."""

import re

import pytest
from django.test import Client

from arvoketju.actors.models import ContactPerson, Organisation
from arvoketju.capabilities.models import Capability
from arvoketju.collaboration.models import Event, Network, Project
from arvoketju.places.models import Place
from arvoketju.provenance.models import Source, Visibility
from arvoketju.taxonomy.models import Stage
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def text(response) -> str:
    return response.content.decode()


def test_organisation_profile_shows_facts_with_sources_and_links(client):
    centria = Organisation.objects.get(key="centria")
    body = text(client.get("/en/organisations/centria/"))
    assert "<h1>Centria-ammattikorkeakoulu Oy</h1>" in body
    # the organisation's own source and locator, and the source of a single field (home place)
    assert centria.source.title[:40] in body and f", {centria.locator}</summary>" in body
    assert "Home place: Added by the arvoketju maintainers" in body  # the field's label, then its source
    # aliases with their sources, capabilities by stage, projects with roles, events attended
    assert "Centria University of Applied Sciences" in body
    assert 'href="/en/places/kokkola/"' in body
    capability = Capability.objects.filter(organisation=centria, stage__isnull=False).select_related("stage").first()
    assert capability.stage.name_en in body
    participation = centria.participations.select_related("project").first()
    assert f'href="/en/projects/{participation.project.key}/"' in body
    assert participation.get_role_display() in body
    attendance = centria.attendances.select_related("event").first()
    assert f'href="/en/events/{attendance.event.key}/"' in body
    membership = centria.memberships.select_related("network").first()
    assert f'href="/en/networks/{membership.network.key}/"' in body
    assert body.count('class="source-note"') >= 20  # one note per fact, also for aliases and attendances


def test_organisation_name_in_the_active_language_and_a_bounded_number_of_queries(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = text(client.get("/en/organisations/centria/"))
    assert '<p class="local-name" lang="en">Centria University of Applied Sciences</p>' in body
    assert 'class="local-name"' not in text(client.get("/organisations/centria/"))  # no Finnish alias
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/organisations/centria/").status_code == 200
    assert len(queries) < 40  # not one query per fact


def test_organisation_resolves_by_id_name_and_alias(client):
    centria = Organisation.objects.get(key="centria")
    for ref in (str(centria.pk), "Centria-ammattikorkeakoulu Oy", "Centria University of Applied Sciences"):
        response = client.get(f"/en/organisations/{ref}/")
        assert response.status_code == 200, ref
        assert "<h1>Centria-ammattikorkeakoulu Oy</h1>" in text(response)


def test_quote_is_shown_in_the_details_of_a_source_note(client):
    centria = Organisation.objects.get(key="centria")
    alias = centria.aliases.first()
    alias.quote = "Centria on ammattikorkeakoulu Kokkolassa"
    alias.save()
    body = text(client.get("/en/organisations/centria/"))
    assert 'title="Centria on ammattikorkeakoulu Kokkolassa"' in body  # on hover
    assert "<q>Centria on ammattikorkeakoulu Kokkolassa</q>" in body  # in the opened details


def test_unknown_and_invisible_objects_give_the_same_404(client, editor_client):
    hidden = OrganisationFactory(name="Piilotettu Oy", key="piilotettu", visibility=Visibility.RESTRICTED)
    unknown = client.get("/en/organisations/no-such-organisation/")
    invisible = client.get("/en/organisations/piilotettu/")
    by_id = client.get(f"/en/organisations/{hidden.pk}/")
    assert unknown.status_code == invisible.status_code == by_id.status_code == 404
    assert "Piilotettu" not in text(invisible) and "Piilotettu" not in text(by_id)

    def page(response, ref):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text(response)).replace(ref, "")

    assert page(unknown, "no-such-organisation") == page(invisible, "piilotettu")
    assert editor_client.get("/en/organisations/piilotettu/").status_code == 200
    for url in ("/en/places/nowhere/", "/en/projects/nothing/", "/en/events/never/", "/en/networks/nobody/"):
        assert client.get(url).status_code == 404, url


def test_restricted_facts_are_absent_for_anonymous_and_present_for_editors(client, editor_client):
    centria = Organisation.objects.get(key="centria")
    source = centria.source
    ContactPerson.objects.create(organisation=centria, name="Salainen Yhteyshenkilö", source=source, locator="t")
    Capability.objects.create(
        organisation=centria,
        stage=Stage.objects.get(key="recycling"),
        kind="research",
        source=source,
        locator="Salainen kohta",
        visibility=Visibility.RESTRICTED,
    )
    OrganisationFactory(name="Salainen yksikkö", parent=centria, visibility=Visibility.RESTRICTED)
    public = text(client.get("/en/organisations/centria/"))
    assert "Salainen" not in public
    assert "History" not in public  # the change history is for editors
    edited = text(editor_client.get("/en/organisations/centria/"))
    assert "Salainen Yhteyshenkilö" in edited and "Salainen kohta" in edited and "Salainen yksikkö" in edited
    assert f'href="/en/admin/actors/organisation/{centria.pk}/history/"' in edited
    assert re.search(r'href="/en/admin/actors/alias/\d+/history/"', edited)  # each fact's own history


def test_a_restricted_source_is_not_named_to_anonymous_readers(client):
    centria = Organisation.objects.get(key="centria")
    secret = Source.objects.create(key="salainen-lahde", kind="report", title="Salainen lähde", visibility="restricted")
    alias = centria.aliases.first()
    alias.source = secret
    alias.save()
    body = text(client.get("/en/organisations/centria/"))
    assert "Salainen lähde" not in body and "source not public" in body


def test_place_profile_shows_names_members_organisations_capabilities_and_events(client):
    region = Place.objects.get(key="region-16")
    body = text(client.get(f"/en/places/{region.key}/"))
    assert f"<h1>{region.name_en}</h1>" in body
    assert region.name_fi in body and region.name_sv in body
    assert 'href="/en/places/kokkola/"' in body  # a municipality of the region
    assert 'href="/en/organisations/centria/"' in body  # located in a member municipality
    assert "Capabilities by value-chain stage" in body
    kokkola = text(client.get("/en/places/kokkola/"))
    assert "Kokkola" in kokkola and "Karleby" in kokkola
    assert 'href="/en/places/region-16/"' in kokkola
    grouping = text(client.get("/en/places/kotka-hamina/"))
    assert "Member places" in grouping and "Hamina" in grouping


def test_place_profile_in_swedish_uses_swedish_names(client):
    body = Client().get("/sv/places/kokkola/").content.decode()
    assert "<h1>Karleby</h1>" in body


def test_project_profile_shows_programme_status_history_and_participants(client):
    project = Project.objects.get(key="battsi")
    body = text(client.get("/en/projects/battsi/"))
    assert "<h1>BATTSi</h1>" in body
    assert project.programme.name in body
    assert project.get_status_display() in body
    for participation in project.participations.select_related("organisation").exclude(organisation=None):
        assert f'href="/en/organisations/{participation.organisation.key}/"' in body
    assert project.source.title[:40] in body


def test_project_profile_shows_dates_no_more_precisely_than_stated(client):
    project = Project.objects.get(key="battsi")
    project.start, project.start_precision = project.start or __import__("datetime").date(2024, 3, 1), "month"
    project.save()
    body = text(client.get("/en/projects/battsi/"))
    assert f"<dd>{project.start:%Y-%m}</dd>" in body


def test_event_profile_shows_series_date_place_and_attendance(client):
    event = Event.objects.get(key="tp-ws1-2024-02-08")
    body = text(client.get(f"/en/events/{event.key}/"))
    assert f"<h1>{event.name}</h1>" in body
    assert event.series.name in body and "2024-02-08" in body
    assert str(event.participants_total) in body
    attendance = event.attendances.exclude(organisation=None).select_related("organisation").first()
    if attendance is not None:
        assert attendance.organisation.name in body


def test_network_profile_lists_members_over_time(client):
    network = Network.objects.get(key="akkukemian-vetovastuuhanke")
    body = text(client.get(f"/en/networks/{network.key}/"))
    assert f"<h1>{network.name}</h1>" in body
    assert "Members over time" in body
    assert 'href="/en/organisations/centria/"' in body
    member = network.memberships.exclude(valid_from=None).first()
    assert member.get_status_display() in body


@pytest.mark.parametrize(
    "model, key, url",
    [
        (Project, "battsi", "/en/projects/battsi/"),
        (Event, "tp-ws1-2024-02-08", "/en/events/tp-ws1-2024-02-08/"),
        (Network, "akkukemian-vetovastuuhanke", "/en/networks/akkukemian-vetovastuuhanke/"),
        (Place, "kannus", "/en/places/kannus/"),
    ],
)
def test_restricted_projects_events_networks_and_places_are_not_found_except_for_editors(
    client, editor_client, model, key, url
):
    model.objects.filter(key=key).update(visibility=Visibility.RESTRICTED)
    assert client.get(url).status_code == 404
    assert editor_client.get(url).status_code == 200


def test_links_to_restricted_objects_are_left_out_of_a_profile(client):
    project = Project.objects.get(key="battsi")
    participant = project.participations.exclude(organisation=None).select_related("organisation").first()
    Organisation.objects.filter(pk=participant.organisation_id).update(visibility=Visibility.RESTRICTED)
    body = text(client.get("/en/projects/battsi/"))
    # no participant row or link (the project's own public quote may still name it)
    assert f'href="/en/organisations/{participant.organisation.key}/"' not in body
    assert f">{participant.organisation.name}</a></th>" not in body
