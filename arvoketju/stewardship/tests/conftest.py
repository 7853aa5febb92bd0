import pytest
from django.core import mail  # noqa: F401  (tests read mail.outbox)

from arvoketju.actors.models import ContactPerson, Organisation
from arvoketju.stewardship.services import link_create


@pytest.fixture(autouse=True)
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ARVOKETJU_BASE_URL = "https://arvoketju.example.org"


@pytest.fixture
def centria():
    return Organisation.objects.get(short_name="Centria")


@pytest.fixture
def uef():
    return Organisation.objects.get(short_name="UEF")


@pytest.fixture
def update_link(centria):
    link, token = link_create(organisation=centria, sent_to="rep@centria.example")
    return link, token


@pytest.fixture
def contact(centria):
    return ContactPerson.objects.create(
        organisation=centria, name="Rep Resentative", email="rep@centria.example", source=centria.source, locator="t"
    )
