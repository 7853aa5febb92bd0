"""Profiles and lists in a real headless Chromium against a real server: from the organisations list
to a profile by clicking, a fact's source, the CSV of the filtered list, and the language switch."""

import csv
import io
import os

import pytest

from arvoketju.testing.server import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]


def shown_rows(page) -> list[list[str]]:
    rows = []
    for row in page.locator("table.data-table tbody tr").all():
        rows.append([cell.strip() for cell in row.locator("th, td").all_inner_texts()])
    return rows


def test_from_the_filtered_list_to_a_profile_with_a_sourced_fact(page, server):
    page.goto(server + "/en/organisations/")
    page.select_option("select[name=type]", "uas")
    page.click(".filters button[type=submit]")
    page.wait_for_load_state()
    assert "type=uas" in page.url
    page.click("table.data-table a:text-is('Centria-ammattikorkeakoulu Oy')")
    page.wait_for_load_state()
    assert page.url.endswith("/en/organisations/centria/")
    assert page.text_content("h1") == "Centria-ammattikorkeakoulu Oy"
    note = page.locator("section[aria-labelledby=facts] details.source-note").first
    assert not note.locator(".source-detail").is_visible()
    note.locator("summary").click()
    detail = note.locator(".source-detail")
    assert detail.is_visible()
    assert "Akkukemian temaattinen vetovastuuhanke" in detail.inner_text()


def test_the_csv_download_holds_the_rows_of_the_filtered_list(page, server):
    page.goto(server + "/en/organisations/?type=uas&sort=-name")
    shown = shown_rows(page)
    assert len(shown) >= 5
    with page.expect_download() as info:
        page.click("a[data-download=csv]")
    download = info.value
    assert download.suggested_filename == "arvoketju-organisations.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0][0] == "Organisation"
    assert rows[1:] == shown


def test_a_profile_switches_language_and_keeps_its_page(page, server):
    page.goto(server + "/en/organisations/centria/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Kokkola" in page.text_content(".lead")
    page.select_option("#language", "sv")
    page.click(".language-form button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.url.endswith("/sv/organisations/centria/")
    assert "Karleby" in page.text_content(".lead")  # the home place in Swedish
    page.select_option("#language", "fi")
    page.click(".language-form button")
    page.wait_for_load_state()
    assert page.url.endswith("/organisations/centria/") and "/sv/" not in page.url
    assert "Ammattikorkeakoulu" in page.text_content(".lead") or "ammattikorkeakoulu" in page.text_content(".lead")


def test_profiles_and_lists_fit_a_phone_screen(browser, server):
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        for path in ("/en/organisations/centria/", "/en/organisations/", "/en/projects/", "/en/events/"):
            page.goto(server + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path  # wide tables scroll inside
    finally:
        context.close()
