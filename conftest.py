"""Suite-wide fixtures: the battery dataset is loaded once into the test database, so every test
starts from it (each test runs in a transaction that is rolled back)."""

import pytest
from django.core.management import call_command
from django.utils import translation

from arvoketju.provenance.services import Actor


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed", "battery-fi", verbosity=0)


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English; the Finnish and Swedish catalogues are tested on their own."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (ids are reused after a test's transaction is rolled back)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def actor():
    return Actor(label="test")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="pw-editor-123", is_staff=True, is_superuser=True)


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("member", password="pw-member-123")


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright, one per test module (for browser tests)."""
    from playwright.sync_api import sync_playwright

    from arvoketju.testing.server import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


BROWSER_ADMIN_PASSWORD = "a-long-test-password-123"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One ``arvoketju serve`` with the battery dataset and a superuser ``admin``
    (password ``BROWSER_ADMIN_PASSWORD``), shared by the browser tests that only read. A test module
    that changes data defines its own module-scoped ``server`` with ``running_server``."""
    from arvoketju.testing.server import running_server

    with running_server(tmp_path_factory.mktemp("server"), admin_password=BROWSER_ADMIN_PASSWORD) as base:
        yield base


@pytest.fixture
def page(browser):
    """A fresh English browser tab; a JavaScript error on the page fails the test."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors
