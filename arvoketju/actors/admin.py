from django.contrib import admin

from arvoketju.provenance.admin_base import FactAdmin, register_facts

from .models import Alias, ContactPerson, Identifier, Organisation, Site


def _stewardship_hooks():
    """Freshness filter and "Send update or survey link" action (arvoketju.stewardship)."""
    from arvoketju.stewardship.admin import ConfirmedFilter, send_links

    return ConfirmedFilter, send_links


_ConfirmedFilter, _send_links = _stewardship_hooks()


@admin.register(Organisation)
class OrganisationAdmin(FactAdmin):
    list_display = ("name", "short_name", "type", "home_place", "visibility", "last_confirmed")
    list_filter = ("type", "visibility", _ConfirmedFilter, "source")
    actions = [_send_links]
    search_fields = ("name", "short_name", "key", "aliases__name")
    autocomplete_fields = ("home_place", "parent")


@admin.register(Alias)
class AliasAdmin(FactAdmin):
    list_display = ("name", "kind", "organisation")
    search_fields = ("name", "organisation__name")
    autocomplete_fields = ("organisation",)


register_facts(Identifier, Site, ContactPerson)
