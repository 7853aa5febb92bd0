"""Users in every role, and restricted facts that must stay hidden from most of them."""

import pytest
from django.urls import URLPattern, URLResolver

from arvoketju.accounts.models import Representative
from arvoketju.accounts.selectors import EDITORS_GROUP
from arvoketju.actors.models import ContactPerson, Organisation
from arvoketju.actors.selectors import organisation_resolve
from arvoketju.industry.models import InvestmentCard
from arvoketju.provenance.models import Visibility
from arvoketju.testing.factories import OrganisationFactory

SECRET = "Salainen"


@pytest.fixture
def centria():
    return organisation_resolve(ref="Centria", user=None)


@pytest.fixture
def uef():
    return organisation_resolve(ref="UEF", user=None)


def _user(django_user_model, name, **flags):
    return django_user_model.objects.create_user(name, password=f"pw-{name}-123456", **flags)


def _editor(django_user_model):
    from django.contrib.auth.models import Group

    editor = _user(django_user_model, "editor1", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return editor


@pytest.fixture
def users(django_user_model, centria, uef):
    """One user per role: anonymous (None), member, representative (Centria), other representative
    (UEF), editor and administrator."""
    representative = _user(django_user_model, "rep-centria")
    Representative.objects.create(user=representative, organisation=centria)
    other = _user(django_user_model, "rep-uef")
    Representative.objects.create(user=other, organisation=uef)
    return {
        "anonymous": None,
        "member": _user(django_user_model, "member1"),
        "representative": representative,
        "other_representative": other,
        "editor": _editor(django_user_model),
        "administrator": _user(django_user_model, "admin1", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def restricted_facts(uef):
    """Restricted facts that concern UEF: only editors and UEF's representatives may see them."""
    unit = OrganisationFactory(name=f"{SECRET} laboratorio", parent=uef, visibility=Visibility.RESTRICTED)
    contact = ContactPerson.objects.create(
        organisation=uef, name=f"{SECRET} Henkilö", source=unit.source, locator="test"
    )
    card = InvestmentCard.objects.create(name=f"{SECRET} investointi", investor=uef, source=unit.source, locator="test")
    assert Organisation.objects.filter(pk=unit.pk, visibility="restricted").exists()
    return {"unit": unit, "contact": contact, "card": card}


def walk(patterns, prefix="", namespace=""):
    """Every (route, "namespace:name" or None) of a URL configuration, depth first."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else None
