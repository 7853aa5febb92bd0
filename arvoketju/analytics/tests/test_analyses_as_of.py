"""The analyses on the battery dataset, and time travel: a past date ignores facts valid only later."""

from datetime import date, timedelta

import pytest

from arvoketju.actors.models import Organisation
from arvoketju.analytics.selectors_analyses import analyses
from arvoketju.capabilities.models import Capability, Infrastructure, SpecialisationDeclaration
from arvoketju.collaboration.models import Event, EventAttendance, EventSeries, Participation, Project
from arvoketju.outcomes.models import Goal
from arvoketju.places.models import Place
from arvoketju.taxonomy.models import Competence, Stage
from arvoketju.testing.factories import OrganisationFactory, PlaceFactory, SourceFactory
from arvoketju.workforce.models import CompetenceNeed

pytestmark = pytest.mark.django_db
DAY = date(2025, 8, 31)
LATER = DAY + timedelta(days=1)


def summary(a) -> dict:
    """What each analysis shows, as comparable plain data."""
    return {
        "specialisation": [
            (row["place"].pk, c["stage"].pk, c["active"], c["potential"], round(c["rca"], 6))
            for row in a.specialisation
            for c in row["cells"]
        ],
        "declared": [(r["place"].pk, r["stage"].pk, r["verdict"], r["active"]) for r in a.declared],
        "opportunities": [(o["place"].pk, [(r["stage"].pk, r["density"]) for r in o["rows"]]) for o in a.opportunities],
        "profiles": [(r["stage"].pk, r["a"].pk, r["b"].pk) for r in a.duplicated_profiles],
        "infrastructure": [(r["kind"], len(r["items"])) for r in a.duplicated_infrastructure],
        "applications": [len(r["items"]) for r in a.competing_applications],
        "thin": [(r["stage"].pk, r["active"]) for r in a.thin],
        "links": [(r["column"].pk, r["stage"].pk, r["direction"]) for r in a.missing_links],
        "needs": [r["id"] for r in a.unmet_needs],
        "network": {k: (v["organisations"], v["ties"], len(v["communities"])) for k, v in a.layers.items()},
        "series": [(s["series"].pk, [(e["event"].pk, len(e["new_places"])) for e in s["events"]]) for s in a.series],
        "goals": [(g["description"], g["computed"]) for g in a.goals + a.indicators],
    }


def test_an_analysis_as_of_a_past_date_ignores_facts_valid_only_later():
    before = summary(analyses(None, as_of=DAY))
    source = SourceFactory()
    later = {"source": source, "locator": "test", "valid_from": LATER}
    kokkola = Place.objects.get(key="kokkola")
    stage = Stage.objects.get(key="cell-manufacturing")
    newcomer = OrganisationFactory(home_place=kokkola, valid_from=LATER)
    old = Organisation.objects.get(key="centria")
    Capability.objects.create(organisation=old, stage=stage, kind="research", status="active", **later)
    Capability.objects.create(organisation=newcomer, stage=stage, kind="production", status="active", **later)
    SpecialisationDeclaration.objects.create(
        place=kokkola, stage=Stage.objects.get(key="recycling"), statement="x", **later
    )
    for name in ("A", "B"):
        lab = Infrastructure.objects.create(organisation=OrganisationFactory(), name=name, kind="laboratory", **later)
        lab.stages.add(stage)
    project = Project.objects.create(key="future", acronym="FUT", call="EAKR 2024", status="submitted", **later)
    Project.objects.create(key="future-2", acronym="FUT2", call="eakr 2024", status="submitted", **later)
    Participation.objects.create(project=project, organisation=old, **later)
    Participation.objects.create(project=project, organisation=newcomer, **later)
    CompetenceNeed.objects.create(need="x", competence=Competence.objects.first(), **later)
    series = EventSeries.objects.get(key="teollisuusalueiden-tyopajat")
    event = Event.objects.create(key="ws5", name="WS5", series=series, start=LATER, **{**later, "valid_from": None})
    EventAttendance.objects.create(event=event, place=PlaceFactory(), **later)
    first = Event.objects.get(key="tp-ws1-2024-02-08")
    EventAttendance.objects.create(event=first, place=PlaceFactory(), **later)
    goal = Goal.objects.exclude(evidence_projects=None).first()
    goal.evidence_projects.add(project)

    assert summary(analyses(None, as_of=DAY)) == before
    after = summary(analyses(None, as_of=LATER))
    changed = {key for key in before if before[key] != after[key]}
    assert {"specialisation", "declared", "infrastructure", "applications", "needs", "series", "goals"} <= changed
    assert after["network"]["projects"][:2] == (
        before["network"]["projects"][0] + 1,
        before["network"]["projects"][1] + 1,
    )


def test_the_workshop_series_grows_with_new_places_per_workshop():
    a = analyses(None, as_of=DAY, compare=date(2024, 1, 1))
    workshops = next(s for s in a.series if s["series"].key == "teollisuusalueiden-tyopajat")
    rows = workshops["events"]
    assert [e["participants"] for e in rows] == [13, 20, 21, 37]
    # counted by hand from the places each workshop's paragraph in section 3.3.2 names
    assert [len(e["new_places"]) for e in rows] == [7, 8, 2, 7]
    assert {p.name_fi for p in rows[3]["new_places"]} == {
        "Oulu",
        "Mikkeli",
        "Kouvola",
        "Kemi",
        "Turku",
        "Pyhäjoki",
        "Luoto",
    }
    assert {p.name_fi for p in rows[2]["new_places"]} == {"Ruukki", "Imatra"}
    # as of a date between the second and third workshop, only two workshops exist
    early = analyses(None, as_of=date(2024, 5, 1))
    assert [
        len(e["new_places"]) for s in early.series if s["series"].key == workshops["series"].key for e in s["events"]
    ] == [7, 8]
    assert a.growth["organisations"]["after"] >= a.growth["organisations"]["before"]


def test_declared_vs_evidenced_for_the_partner_cities():
    a = analyses(None, as_of=DAY)
    cities = {p.key for p in a.partner_cities}
    assert {"kokkola", "vaasa", "pori", "turku", "lappeenranta", "jyvaskyla", "kuopio"} <= cities
    declared_places = {r["place"].key for r in a.declared if r["declared"]}
    # every partner city with a declaration in section 3.1 has its declared rows in the table
    with_declarations = set(
        SpecialisationDeclaration.objects.filter(place__key__in=cities).values_list("place__key", flat=True)
    )
    assert declared_places == with_declarations
    kokkola = {r["stage"].key: r for r in a.declared if r["place"].key == "kokkola"}
    row = kokkola["battery-chemicals"]
    assert row["declared"] and row["statements"]
    # recount independently: organisations in Kokkola active in battery chemicals on DAY
    direct = set(
        Capability.objects.filter(status="active", stage__key="battery-chemicals", visibility="public")
        .filter(organisation__home_place__key="kokkola", place__isnull=True)
        .exclude(valid_from__gt=DAY)
        .values_list("organisation_id", flat=True)
    )
    placed = set(
        Capability.objects.filter(status="active", stage__key="battery-chemicals", place__key="kokkola")
        .exclude(valid_from__gt=DAY)
        .values_list("organisation_id", flat=True)
    )
    assert row["active"] == len(direct | placed)
    assert row["verdict"] == ("backed" if row["rca_active"] >= 1 else "partly")
