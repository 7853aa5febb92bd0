"""The analyses page in a real headless Chromium: choosing dates, reading the workshop series,
following a number to its facts and downloading the report."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]


def new_places(page) -> list[str]:
    return [
        cell.split(":")[0].strip()
        for cell in page.locator('table[data-series="teollisuusalueiden-tyopajat"] td.new-places').all_text_contents()
    ]


def test_choose_dates_read_the_workshops_and_follow_a_number(page, server):
    page.goto(server + "/en/")
    page.click("header nav >> text=Analyses")
    page.wait_for_selector("#declared-title")
    page.fill("input[name=as_of]", "2024-05-01")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "as_of=2024-05-01" in page.url
    assert new_places(page) == ["7", "8"]  # only the first two workshops had been held
    page.fill("input[name=as_of]", "2025-08-31")
    page.fill("input[name=compare]", "2024-01-01")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert new_places(page) == ["7", "8", "2", "7"]
    assert page.locator("table.declared tbody tr[data-place=kokkola]").count() >= 1
    assert page.locator("table.growth").is_visible()
    with page.expect_download() as download:
        page.click("a:has-text('XLSX')")
    assert download.value.suggested_filename == "tilannekuva-2025-08-31.xlsx"
    first = page.locator("table.specialisation td a").first
    first.click()
    page.wait_for_selector("#cell-detail")
    assert page.locator("#cell-detail tbody tr").count() >= 1


def test_a_bad_date_is_explained(page, server):
    response = page.goto(server + "/en/analyses/?as_of=31.8.2025")
    assert response.status == 400
    assert "YYYY-MM-DD" in page.text_content("p.error")
