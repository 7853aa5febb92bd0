"""The industry pages: the pyramid with the workshop themes, KIP's profile with unknowns, the
comparison, the pipeline's totals of needs per region, site matching; bad input is a form error."""

import re
from decimal import Decimal

import pytest

from arvoketju.industry.models import IndustrialArea

pytestmark = pytest.mark.django_db


def test_pyramid_shows_levels_aspects_and_how_often_workshops_touched_them(client):
    html = client.get("/en/industry/pyramid/").content.decode()
    for name in (
        "Infrastruktuuri",
        "Sosiaalinen toiminta",
        "Kansainvälinen kilpailukyky",
        "Rahoitus",
        "Ennustettavuus",
    ):
        assert name in html
    assert "Vihreä siirtymä" in html and "Digitalisaatio" in html
    counts = dict(re.findall(r'<tr data-aspect="([\w-]+)">.*?class="numeric viewpoint-count">(\d+)<', html, re.S))
    # workshop 3 (services and safety) placed one theme on each of its two aspects; workshop 4 on energy
    assert counts["palvelut"] == "1" and counts["turvallisuus"] == "1" and counts["sahko-energia"] == "1"
    assert counts["rahoitus"] == "0"
    assert "Sähkö ja energia" in html and "Palvelut ja turvallisuus" in html
    # the round-table viewpoints whose placement is only in figure 5 are listed, not guessed
    assert "Viewpoints not yet placed on the pyramid" in html and "työturvallisuuskulttuuri" in html
    # best practices per aspect, with their sources
    assert "monipuoliselle tukiverkostolle" in html and "3.3.2" in html


def test_kokkola_industrial_park_profile_shows_unknowns_as_unknown(client):
    html = client.get("/en/industry/areas/kokkola-industrial-park/").content.decode()
    assert "Kokkola Industrial Park (KIP)" in html
    assert "kansallinen malliesimerkki" in html
    # operator, areas, grid, access, energy, water, permits, services, safety: the report states none
    assert html.count('class="unknown">unknown<') >= 12
    assert "Contacts are restricted" in html
    assert client.get("/en/industry/areas/no-such-area/").status_code == 404


def test_comparison_shows_latest_scores_chart_and_history(client, assessed):
    response = client.get("/en/industry/compare/?area=kokkola-industrial-park&area=kotka-hamina")
    html = response.content.decode()
    bars = re.findall(r'<rect class="bar"[^>]*data-area="([^"]+)" data-score="(\d+)"', html)
    assert ("Kokkola Industrial Park (KIP)", "5") in bars  # the latest of 3 and 5
    assert ("Kokkola Industrial Park (KIP)", "3") not in bars
    assert ("Kotka-Haminan alue", "2") in bars and len(bars) == 3
    assert "not assessed" in html and "<polyline" in html
    assert "4.5" in html  # KIP's mean on 1 June 2025: (5 + 4) / 2


def test_comparison_refuses_unknown_areas_and_too_many(client):
    assert client.get("/en/industry/compare/?area=nonsense").status_code == 200
    keys = "&".join("area=" + k for k in IndustrialArea.objects.values_list("key", flat=True))
    assert "compare at most 6 areas" in client.get("/en/industry/compare/?" + keys).content.decode()


def test_pipeline_totals_needs_per_region_for_what_the_reader_sees(client, cards, editor):
    html = client.get("/en/industry/investments/").content.decode()
    assert "Test card A" in html and "Test card B" not in html
    assert re.search(r'data-region="region-16">.*?need-mw">65(\.0)?\b', html, re.S)  # 40 + 25
    client.force_login(editor)
    html = client.get("/en/industry/investments/").content.decode()
    assert "Test card B" in html and "Jyväskylän yliopisto" in html
    assert re.search(r'data-region="region-08">.*?need-mw">150(\.0)?\b.*?need-ha">60', html, re.S)
    html = client.get("/en/industry/investments/?region=region-08").content.decode()
    assert "Test card B" in html and "Test card A" not in html
    assert client.get("/en/industry/investments/?status=bogus&region=zz").status_code == 200


def test_site_matching_ranks_and_shows_missing_data(client):
    IndustrialArea.objects.filter(key="kotka-hamina").update(
        free_land_ha=Decimal(70), grid_capacity_mw=Decimal(120), port=True
    )
    IndustrialArea.objects.filter(key="pori-harjavalta").update(free_land_ha=Decimal(10), grid_capacity_mw=200)
    html = client.get("/en/industry/site-matching/?min_free_land_ha=50&min_grid_mw=100&prefer=port").content.decode()
    qualifying = html.split('class="match-list qualifying"')[1].split("</ol>")[0]
    assert "Kotka-Haminan alue" in qualifying and "preferred: has port access" in qualifying
    assert "Kokkola Industrial Park" not in qualifying
    assert "free land unknown" in html and "grid capacity unknown" in html
    excluded = html.split('class="match-list excluded"')[1]
    assert "Pori-Harjavallan alue" in excluded and "free land (ha) 10.0 &lt; 50" in excluded


@pytest.mark.parametrize(
    "query", ["min_free_land_ha=abc", "min_grid_mw=-5", "min_grid_mw=1e400", "prefer=moon", "prefer_region=x"]
)
def test_bad_matching_input_is_a_form_error(client, query):
    response = client.get("/en/industry/site-matching/?" + query)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_pages_answer(client):
    for url in ("/en/industry/", "/industry/pyramid/", "/sv/industry/investments/", "/en/skills/"):
        assert client.get(url).status_code == 200, url
