"""The overview page: figures by region, stage, status, reach and recent changes, as the visitor may see them."""

import pytest

from arvoketju.provenance.models import Visibility
from arvoketju.provenance.services import fact_save
from arvoketju.testing.factories import OrganisationFactory
from arvoketju.web import selectors

pytestmark = pytest.mark.django_db


def test_organisations_by_region_add_up_to_all_visible_organisations(client):
    rows = selectors.organisations_by_region(user=None)
    figures = selectors.key_figures(user=None)
    assert sum(count for _name, count in rows) == figures["organisations"]
    assert dict(rows)["Central Ostrobothnia"] >= 5  # names in the active language (English in tests)


def test_stage_figures_never_count_an_organisation_as_both_active_and_potential():
    for _stage, active, potential in selectors.organisations_by_stage(user=None):
        assert active >= 0 and potential >= 0
    assert any(active for _stage, active, _p in selectors.organisations_by_stage(user=None))


def test_recent_changes_show_visible_objects_only(actor, editor):
    hidden = OrganisationFactory(name="Näkymätön Oy", visibility=Visibility.RESTRICTED)
    hidden.description = "changed"
    fact_save(instance=hidden, actor=actor)
    shown = OrganisationFactory(name="Näkyvä Oy")
    shown.description = "changed"
    fact_save(instance=shown, actor=actor)
    visitor = [change["what"] for change in selectors.recent_changes(user=None)]
    assert "Näkyvä Oy" in visitor and "Näkymätön Oy" not in visitor
    assert "Näkymätön Oy" in [change["what"] for change in selectors.recent_changes(user=editor)]


def test_the_overview_page_shows_the_sections(client):
    page = client.get("/en/").content.decode()
    for heading in (
        "Organisations by region",
        "Organisations by value-chain stage",
        "Projects by status",
        "Recently changed",
    ):
        assert heading in page
