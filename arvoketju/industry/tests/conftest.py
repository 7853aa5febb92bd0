"""Investment cards and assessments for the industry tests, written through the services (synthetic:
invented values on top of the battery dataset; rolled back after each test)."""

import datetime as dt
from decimal import Decimal

import pytest

from arvoketju.actors.models import Organisation
from arvoketju.industry.models import IndustrialArea, InvestmentCard, PyramidElement
from arvoketju.industry.services import assessment_record, investment_card_set_status
from arvoketju.places.models import Place
from arvoketju.provenance.services import fact_save
from arvoketju.taxonomy.models import Stage
from arvoketju.testing.factories import SourceFactory


@pytest.fixture
def kip():
    """Kokkola Industrial Park, from the battery dataset."""
    return IndustrialArea.objects.get(key="kokkola-industrial-park")


@pytest.fixture
def energy():
    """The pyramid aspect "electricity and energy"."""
    return PyramidElement.objects.get(key="sahko-energia")


@pytest.fixture
def cards(actor):
    """A public card at KIP (planning, with history), a restricted one in Kotka, a public one with a
    confidential investor."""
    source = SourceFactory()
    kip = IndustrialArea.objects.get(key="kokkola-industrial-park")
    common = {"source": source, "locator": "test"}
    public = fact_save(
        instance=InvestmentCard(
            key="card-a",
            name="Test card A",
            visibility="public",
            area=kip,
            investor=Organisation.objects.get(key="kokkolan-kaupunki"),
            stage=Stage.objects.get(key="cathode-materials"),
            capex_meur=Decimal(120),
            jobs=80,
            need_electricity_mw=Decimal(40),
            need_land_ha=Decimal(12),
            need_water="process water",
            **common,
        ),
        actor=actor,
    )
    for status, day in (("idea", dt.date(2024, 2, 1)), ("planning", dt.date(2024, 9, 15))):
        investment_card_set_status(card=public, status=status, changed_on=day, source=source, locator="t", actor=actor)
    restricted = fact_save(
        instance=InvestmentCard(
            key="card-b",
            name="Test card B",
            place=Place.objects.get(key="kotka"),
            investor=Organisation.objects.get(key="oulun-yliopisto"),
            stage=Stage.objects.get(key="battery-chemicals"),
            need_electricity_mw=Decimal(150),
            need_land_ha=Decimal(60),
            status="permitting",
            **common,
        ),
        actor=actor,
    )
    confidential = fact_save(
        instance=InvestmentCard(
            key="card-c",
            name="Test card C",
            visibility="public",
            area=kip,
            investor=Organisation.objects.get(key="jyvaskylan-yliopisto"),
            investor_confidential=True,
            need_electricity_mw=Decimal(25),
            status="decision",
            **common,
        ),
        actor=actor,
    )
    public.refresh_from_db()
    return {"public": public, "restricted": restricted, "confidential": confidential}


@pytest.fixture
def assessed(actor):
    """KIP scored twice on electricity and once on routes; Kotka-Hamina once."""
    source = SourceFactory()
    kip = IndustrialArea.objects.get(key="kokkola-industrial-park")
    kotka = IndustrialArea.objects.get(key="kotka-hamina")
    energy = PyramidElement.objects.get(key="sahko-energia")
    routes = PyramidElement.objects.get(key="vaylat-infra")
    for area, element, score, day in (
        (kip, energy, 3, dt.date(2024, 6, 1)),
        (kip, energy, 5, dt.date(2025, 6, 1)),
        (kip, routes, 4, dt.date(2025, 6, 1)),
        (kotka, energy, 2, dt.date(2025, 6, 1)),
    ):
        assessment_record(
            area=area,
            element=element,
            score=score,
            assessed_on=day,
            evidence=f"evidence {score}",
            source=source,
            locator="test",
            actor=actor,
        )
    return {"kip": kip, "kotka": kotka}
