"""Skills supply vs need: the pure comparison and the page that highlights needs without education."""

import re

import pytest

from arvoketju.actors.models import Organisation
from arvoketju.places.models import Place
from arvoketju.provenance.services import fact_save
from arvoketju.taxonomy.models import Competence
from arvoketju.testing.factories import SourceFactory
from arvoketju.workforce.models import EducationProgramme
from arvoketju.workforce.supply import NeedRecord, SupplyRecord, by_region, supply_vs_need


def test_nearby_means_the_same_region_and_national_needs_take_any_region():
    needs = [
        NeedRecord(key="lab-r1", label="lab", competence="lab", region="r1", region_label="R1"),
        NeedRecord(key="lab-national", label="lab (national)", competence="lab"),
        NeedRecord(key="sec-r1", label="security", competence="sec", region="r1", region_label="R1"),
        NeedRecord(key="stage-only", label="stage need", stages=frozenset({"education"}), region="r2"),
    ]
    supply = [
        SupplyRecord(label="Lab course", competences=frozenset({"lab"}), region="r2", region_label="R2"),
        SupplyRecord(label="Teacher course", stages=frozenset({"education"}), region="r2"),
    ]
    rows = {row.need.key: row for row in supply_vs_need(needs, supply)}
    assert rows["lab-r1"].gap and [s.label for s in rows["lab-r1"].elsewhere] == ["Lab course"]
    assert not rows["lab-national"].gap
    assert rows["sec-r1"].gap and not rows["sec-r1"].elsewhere
    assert not rows["stage-only"].gap  # a need named by a stage matches education in that stage
    ordered = supply_vs_need(needs, supply)
    assert [r.gap for r in ordered] == sorted((r.gap for r in ordered), reverse=True)  # gaps first
    groups = by_region(ordered)
    assert [g["region"] for g in groups] == ["r1", "r2", ""]
    assert groups[0]["gaps"] == 2


@pytest.mark.django_db
def test_skills_page_highlights_the_reports_shortages_with_sources(client):
    html = client.get("/en/skills/").content.decode()
    gaps = re.findall(r'<tr class="gap" data-need="([\w-]+)">', html)
    for key in ("laborantit", "luma-osaajat", "tietoturva", "sahko-automaatioyhdistelmat"):
        assert key in gaps
    assert "3.4.1" in html  # the report section each need comes from
    assert "National (the source names no place)" in html
    assert "Keski-Pohjanmaa" in html  # the hydrogen-economy need is placed there


@pytest.mark.django_db
def test_a_programme_in_the_region_meets_the_need(client, actor):
    hydrogen = Competence.objects.get(key="hydrogen-economy")
    provider = Organisation.objects.get(key="chydenius")
    programme = fact_save(
        instance=EducationProgramme(
            provider=provider,
            name="Test hydrogen course",
            level="university",
            place=Place.objects.get(key="kokkola"),
            source=SourceFactory(),
            locator="test",
        ),
        actor=actor,
        m2m={"competences": [hydrogen]},
    )
    html = client.get("/en/skills/?region=region-16").content.decode()
    assert re.search(r'<tr class="met" data-need="vety-ja-kaasutalous">.*?Test hydrogen course', html, re.S)
    # another region: the course is elsewhere, the regional need is not shown, national ones are
    html = client.get("/en/skills/?region=region-08&gaps=on").content.decode()
    assert "vety-ja-kaasutalous" not in html and 'data-need="laborantit"' in html
    assert programme.pk


@pytest.mark.django_db
def test_bad_filters_do_not_fail(client):
    for query in ("region=nope", "stage=%00", "gaps=maybe&stage=education"):
        assert client.get("/en/skills/?" + query).status_code in (200, 400)
