"""Pages in a real headless Chromium against a real server: what a person sees and does."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]
PASSWORD = "a-long-test-password-123"


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    yield page
    context.close()


def test_home_page_shows_the_registry_in_finnish_and_switches_language(page, server):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert "Suomen akkuarvoketjusta" in page.text_content("main")
    organisations = int(page.text_content("[data-figure=organisations]"))
    assert organisations >= 60
    page.select_option("#language", "sv")
    page.click(".language-form button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "batterivärdekedjan" in page.text_content("main")
    page.select_option("#language", "en")
    page.click(".language-form button")
    page.wait_for_load_state()
    assert "battery value chain" in page.text_content("main")


def test_api_documentation_lists_the_endpoints(page, server):
    page.goto(server + "/api/v1/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/organisations").first.wait_for()
    assert page.locator(".opblock").count() >= 20


def test_data_steward_signs_in_and_finds_an_organisation_by_acronym(page, server):
    page.goto(server + "/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    page.click("a[href$='/admin/actors/organisation/']")
    page.fill("#searchbar", "jamk")
    page.press("#searchbar", "Enter")
    page.wait_for_load_state()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 1
    assert "Jyväskylän ammattikorkeakoulu" in page.text_content("#result_list")
