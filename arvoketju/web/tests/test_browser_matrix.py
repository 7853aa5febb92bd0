"""The matrix and search in a real headless Chromium: what a person sees and does."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]


def test_filter_the_matrix_and_open_a_cell(page, server):
    page.goto(server + "/en/matrix/")
    assert page.locator("table.matrix thead th", has_text="Central Ostrobothnia").count() == 1
    cells_before = page.locator("a.cell").count()
    page.select_option("select[name=type]", "university")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "type=university" in page.url
    cells_after = page.locator("a.cell").count()
    assert 0 < cells_after < cells_before
    first = page.locator("a.cell").first
    label = first.get_attribute("aria-label")
    first.click()
    page.wait_for_selector("#cell-detail")
    stage_and_place = label.split(":")[0]
    assert page.text_content("#cell-title").replace(" · ", ", ") == stage_and_place
    assert page.locator("#cell-detail tbody tr").count() >= 1
    assert "type=university" in page.url and "cell=" in page.url


def test_search_in_finnish_from_the_header(page, server):
    page.goto(server + "/en/")
    page.fill("#site-search", "akkukennojen")
    page.press("#site-search", "Enter")
    page.wait_for_selector("#results-title")
    assert "Battery cell manufacturing" in page.text_content("ol.results")
    page.fill("#site-search", "UEF")
    page.press("#site-search", "Enter")
    page.wait_for_selector("ol.results a")
    page.click("ol.results a >> nth=0")
    page.wait_for_load_state()
    assert "Itä-Suomen yliopisto" in page.text_content("h1")


def test_the_matrix_as_of_a_past_date_keeps_the_date_when_a_cell_is_opened(page, server):
    page.goto(server + "/en/matrix/")
    cells_today = page.locator("a.cell").count()
    page.fill("input[name=as_of]", "2020-01-01")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "as_of=2020-01-01" in page.url
    assert page.input_value("input[name=as_of]") == "2020-01-01"
    assert "Showing the facts valid on" in page.text_content("#as-of-help")
    cells_then = page.locator("a.cell").count()
    assert 0 < cells_then <= cells_today
    page.locator("a.cell").first.click()
    page.wait_for_selector("#cell-detail")
    assert "as_of=2020-01-01" in page.url and "cell=" in page.url
    assert page.input_value("input[name=as_of]") == "2020-01-01"
