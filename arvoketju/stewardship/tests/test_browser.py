"""A representative fills the update form in a real headless Chromium against a real server, and
the change request waits for review (nothing written to the registry)."""

import os
import subprocess
import sys

import pytest

from arvoketju.testing.server import CHROMIUM, running_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("server")
    with running_server(tmp, admin_password="a-long-test-password-123") as base:
        base.data_dir = str(tmp)
        yield base


def shell(server, code: str) -> str:
    env = {**os.environ, "DATABASE_URL": server.database_url, "ARVOKETJU_DATA_DIR": server.data_dir}
    done = subprocess.run(
        [sys.executable, "-m", "arvoketju", "shell", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stdout.strip().splitlines()[-1]  # `shell` may first report its auto-imports


def test_a_representative_corrects_the_record_through_an_update_link(browser, server):
    token = shell(
        server,
        "from arvoketju.actors.models import Organisation as O; from arvoketju.stewardship.services import link_create;"
        " print(link_create(organisation=O.objects.get(short_name='Centria'))[1])",
    )
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    response = page.goto(f"{server}/update/{token}/")
    assert response.status == 200, (token, page.content()[:2000])
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.input_value("#id_short_name") == "Centria"
    assert "Centria-ammattikorkeakoulu" in page.input_value("#id_name")
    page.fill("#id_website", "not a web address")
    page.fill("#id_submitted_name", "Testi Edustaja")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".has-error #id_website").count() == 1  # validated, nothing sent
    page.fill("#id_website", "https://www.centria.fi")
    page.fill("#id_short_name", "Centria AMK")
    page.fill("#id_submitted_email", "testi@centria.example")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-outcome=submitted]")
    context.close()
    state = shell(
        server,
        "from arvoketju.stewardship.models import ChangeRequest as C; from arvoketju.actors.models import Organisation"
        " as O; c = C.objects.get(); print(c.status, c.submitted_name, sorted(c.proposed['organisation']),"
        " O.objects.get(pk=c.organisation_id).short_name)",
    )
    assert state == "pending Testi Edustaja ['short_name', 'website'] Centria"
    unknown = browser.new_page()
    response = unknown.goto(f"{server}/update/no-such-token/")
    assert response.status == 404 and unknown.locator("[role=alert]").count() == 1
    unknown.close()
