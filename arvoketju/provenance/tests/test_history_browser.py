"""A data steward edits an organisation in the admin, reads the change in its history and reverts it,
in a real headless Chromium against a real server."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM, running_server

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
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def test_steward_reverts_an_edit_from_the_history(page, server):
    page.goto(server + "/en/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    page.goto(server + "/en/admin/actors/organisation/?q=centria")
    page.click("#result_list tbody tr th a")
    page.wait_for_selector("#id_short_name")
    original = page.input_value("#id_short_name")
    page.fill("#id_short_name", "Muutettu nimi")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    change_url = page.url
    page.click("a.historylink")
    newest = page.locator(".arvoketju-change").first
    newest.wait_for()
    assert newest.get_attribute("data-action") == "update"
    assert "Muutettu nimi" in newest.locator("tr[data-field=short_name] td.after").text_content()
    assert "admin" in newest.locator("h2").text_content()  # who made the change
    newest.locator("a.revert-link").click()
    page.wait_for_selector("input[name=revert]")
    assert "Muutettu nimi" in page.text_content("table.arvoketju-diff")
    page.click("input[name=revert]")
    page.wait_for_selector(".messagelist .success")
    assert "/history/" in page.url
    reverted = page.locator(".arvoketju-change").first
    assert reverted.get_attribute("data-action") == "update"
    assert "Muutettu nimi" in reverted.locator("tr[data-field=short_name] td.before").text_content()
    assert "Edits by admin" in reverted.locator("h2").text_content()  # the editor's source
    assert page.locator(".arvoketju-change").count() >= 3
    page.goto(change_url)
    assert page.input_value("#id_short_name") == original
    # the same change cannot be reverted twice: the field moved on
    page.goto(change_url.replace("/change/", "/history/"))
    page.locator(".arvoketju-change").nth(1).locator("a.revert-link").click()
    page.click("input[name=revert]")
    page.wait_for_selector("#revert-error")
    assert "changed again" in page.text_content("#revert-error")
    page.goto(change_url)
    assert page.input_value("#id_short_name") == original
