"""The area comparison, the investment pipeline and the skills view in a real headless Chromium.

The shared server is read-only, so this module serves a copy of its database with the synthetic
cards and assessments of ``data/synthetic`` loaded by ``arvoketju seed`` (a copy takes a second; a
fresh seeded database would take a minute)."""

import contextlib
import io
import os
import sqlite3
import time
import uuid
from pathlib import Path

import dj_database_url
import pytest
from pptx import Presentation

from arvoketju.testing.server import CHROMIUM, _cli, serving
from conftest import BROWSER_ADMIN_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]
SYNTHETIC = Path(__file__).parent / "data" / "synthetic"


@contextlib.contextmanager
def database_copy(database_url: str, folder: Path):
    """A copy of the shared server's database (SQLite backup, or a PostgreSQL template copy)."""
    if database_url.startswith("sqlite"):
        target = folder / "copy.sqlite3"
        with contextlib.closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as source:
            with contextlib.closing(sqlite3.connect(target)) as copy:
                source.backup(copy)
        yield f"sqlite:///{target}"
        return
    import psycopg

    base = dj_database_url.parse(database_url)
    name = "arvoketju_copy_" + uuid.uuid4().hex[:10]
    admin = dict(
        host=base["HOST"], port=base["PORT"], user=base["USER"], password=base["PASSWORD"] or None, dbname="postgres"
    )
    with psycopg.connect(**admin, autocommit=True) as conn:
        for _attempt in range(20):  # the server holds no connection between requests
            try:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base["NAME"]}"')
                break
            except psycopg.errors.ObjectInUse:
                time.sleep(0.25)
        else:
            raise RuntimeError("could not copy the shared server's database")
    try:
        yield database_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def cards_server(server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("industry-server")
    with database_copy(server.database_url, folder) as database_url:
        env = {**os.environ, "DATABASE_URL": database_url, "ARVOKETJU_DATA_DIR": str(folder)}
        _cli(env, "seed", str(SYNTHETIC))
        with serving(env) as base:
            yield base


def sign_in(page, base):
    page.goto(base + "/en/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", BROWSER_ADMIN_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_compare_two_areas_chart_table_and_history(page, cards_server):
    page.goto(cards_server + "/en/industry/compare/")
    page.check("input[name=area][value=kokkola-industrial-park]")
    page.check("input[name=area][value=kotka-hamina]")
    page.click("form.compare-form button")
    page.wait_for_selector("#score-chart")
    assert "area=kokkola-industrial-park" in page.url and "area=kotka-hamina" in page.url
    bars = page.locator("#score-chart rect.bar")
    assert bars.count() == 3
    scores = {(bars.nth(i).get_attribute("data-area"), bars.nth(i).get_attribute("data-score")) for i in range(3)}
    assert scores == {
        ("Kokkola Industrial Park (KIP)", "5"),
        ("Kokkola Industrial Park (KIP)", "4"),
        ("Kotka-Haminan alue", "2"),
    }
    # the bar of a higher score is longer, as drawn on screen
    kip_energy = page.locator("#score-chart rect.bar[data-score='5']").bounding_box()
    kotka_energy = page.locator("#score-chart rect.bar[data-score='2']").bounding_box()
    assert kip_energy["width"] > 2 * kotka_energy["width"]
    assert page.locator("table.comparison tbody tr").count() >= 9  # every aspect, assessed or not
    assert page.locator("table.comparison .unknown", has_text="not assessed").count() > 0
    assert page.locator("#history-chart polyline").count() == 2
    assert page.locator("table.history tbody tr").count() == 3  # KIP on two dates, Kotka-Hamina on one
    with page.expect_download() as download:
        page.click("button[data-export=svg]")
    assert download.value.suggested_filename.endswith(".svg")


def test_pipeline_filters_totals_and_card_deck(page, cards_server, tmp_path):
    page.goto(cards_server + "/en/industry/investments/")
    assert page.locator("li.card").count() == 2  # the restricted card is not shown to a visitor
    assert "Test card B" not in page.text_content("main")
    assert page.text_content("tr[data-region=region-16] td.need-mw").strip() == "65.0"
    assert "confidential" in page.text_content("li[data-card=test-card-confidential-investor]")
    sign_in(page, cards_server)
    page.goto(cards_server + "/en/industry/investments/")
    assert page.locator("li.card").count() == 3
    assert page.text_content("tr[data-region=region-08] td.need-mw").strip() == "150.0"
    assert page.locator(".pipeline-column[data-status=permitting] li.card").count() == 1
    page.select_option("select[name=region]", "region-16")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "region=region-16" in page.url
    assert page.locator("li.card").count() == 2
    with page.expect_download() as download:
        page.click("a.deck-pptx")
    path = tmp_path / "deck.pptx"
    download.value.save_as(path)
    deck = Presentation(io.BytesIO(path.read_bytes()))
    titles = sorted(slide.shapes[0].text_frame.text for slide in deck.slides)
    assert titles == ["Test card A (public)", "Test card C (confidential investor)"]


def test_skills_view_highlights_gaps_and_filters(page, cards_server):
    page.goto(cards_server + "/en/skills/")
    gaps = page.locator("tr.gap")
    keys = {gaps.nth(i).get_attribute("data-need") for i in range(gaps.count())}
    assert {"laborantit", "luma-osaajat", "tietoturva", "sahko-automaatioyhdistelmat"} <= keys
    assert page.locator("tr[data-need=laborantit] .gap-mark").is_visible()
    assert "3.4.1" in page.text_content("tr[data-need=laborantit]")
    page.select_option("select[name=region]", "region-16")
    page.check("input[name=gaps]")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "region=region-16" in page.url
    assert page.locator("section[data-region=region-16] tr[data-need=vety-ja-kaasutalous]").count() == 1
    assert page.locator("tr.met").count() == 0


def test_an_editor_assesses_an_area_in_the_browser(page, cards_server):
    """Last in the module: it adds an assessment (dated before the others, so latest scores stay)."""
    page.goto(cards_server + "/en/industry/areas/kotka-hamina/")
    assert page.locator("a", has_text="Assess this area").count() == 0  # visitors do not see the link
    sign_in(page, cards_server)
    page.goto(cards_server + "/en/industry/areas/kotka-hamina/")
    page.click("text=Assess this area")
    page.fill("input[name=on]", "2019-06-01")
    page.click("form.assess-date button")
    page.wait_for_selector("form.assess-form")
    first_score = page.locator("form.assess-form select").first
    first_score.select_option("3")
    page.click("form.assess-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error", has_text="a score needs its evidence").is_visible()  # nothing saved yet
    page.locator("form.assess-form textarea").first.fill("Site visit 2019, minutes p. 4")
    page.click("form.assess-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Saved 1 assessment(s) of Kotka-Haminan alue" in page.text_content(".messages")
    assert page.url.endswith("/industry/areas/kotka-hamina/")
