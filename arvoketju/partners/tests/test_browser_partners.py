"""The partner finder in a real headless Chromium: build a call profile, read the explanations,
assemble a consortium and see which rule cannot be met."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]


def test_find_partners_and_assemble_a_consortium(page, server):
    page.goto(server + "/en/")
    page.click("header a:has-text('Partner finder')")
    page.wait_for_selector("form.partner-finder")
    page.fill("#id_text", "battery education and energy storage")
    page.fill("#id_members", "centria")
    page.click("button[name=find]")
    page.wait_for_selector("#partners-title")
    assert page.locator("table.partners tbody tr").count() >= 3
    first = page.text_content("table.partners tbody tr td.explanation")
    assert "worked with Centria" in first or "covers" in first
    page.locator("table.partners details summary").first.click()
    assert "network" in page.text_content("table.partners details")
    page.fill("#id_max_size", "4")
    page.fill("#id_min_universities", "1")
    page.click("button[name=assemble]")
    page.wait_for_selector("#consortium-title")
    assert page.locator("ol.alternatives li").count() >= 1
    assert "proven optimal" in page.text_content("ol.alternatives")
    page.fill("#id_coordinator_country", "NO")
    page.click("button[name=assemble]")
    page.wait_for_selector("ul.unmet")
    assert page.text_content("ul.unmet").strip() == "a coordinator from NO"


def test_unknown_organisation_is_explained(page, server):
    page.goto(server + "/en/partners/?members=no-such-organisation&find=1")
    assert "no organisation 'no-such-organisation'" in page.text_content("main")
