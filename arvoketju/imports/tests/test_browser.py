"""The admin's import pages in a real headless Chromium against a real server."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM, running_server

from .conftest import as_csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]
PASSWORD = "a-long-test-password-123"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("server"), admin_password=PASSWORD) as base:
        yield base


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server + "/en/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    yield page
    context.close()


def choose_file(page, server, kind, name, data):
    page.goto(server + "/en/admin/imports/importedfile/add/")
    page.select_option("#id_kind", kind)
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.click("#import-upload input[type=submit]")
    page.wait_for_selector("#import-summary")


def test_an_editor_checks_decides_and_applies_a_file(page, server):
    rows = [
        {"name": "Selaintesti Oy", "type": "company", "business_id": "0737546-2"},
        {"name": "Centria ammattikorkeakoulu Oy", "description": "selaimesta"},
    ]
    choose_file(page, server, "organisations", "selain.csv", as_csv(rows))
    assert "Selaintesti Oy" in page.text_content("#import-actions")
    assert "Centria-ammattikorkeakoulu Oy" in page.text_content("#import-uncertain")
    page.check("input[name=decision-3][value=centria]")
    page.click("#import-apply input[type=submit]")
    page.wait_for_selector("#result_list")
    assert "imported 2 row(s): 1 created, 1 updated" in page.text_content(".messagelist")
    assert "selain.csv (organisations import)" in page.text_content("#result_list")


def test_problems_are_listed_and_nothing_can_be_applied(page, server):
    choose_file(page, server, "organisations", "huono.csv", b"name,type,business_id\nHuono Oy,company,0737546-5\n")
    assert "check digit should be 2, not 5" in page.text_content("#import-problems")
    assert page.locator("#import-apply").count() == 0


def test_a_large_file_shows_progress_until_it_is_imported(page, server):
    rows = [{"name": f"Selainerä {i} Oy", "type": "company"} for i in range(600)]
    choose_file(page, server, "organisations", "iso.csv", as_csv(rows))
    page.click("#import-apply input[type=submit]")
    page.wait_for_url("**/job/**")
    page.wait_for_selector("#import-summary", timeout=240_000)
    assert "imported 600 row(s): 600 created" in page.text_content("#import-summary")
