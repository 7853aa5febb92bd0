from django.contrib import admin

from arvoketju.provenance.admin_base import FactAdmin, register_facts

from .models import Alias, ContactPerson, Identifier, Organisation, Site


@admin.register(Organisation)
class OrganisationAdmin(FactAdmin):
    list_display = ("name", "short_name", "type", "home_place", "visibility")
    list_filter = ("type", "visibility", "source")
    search_fields = ("name", "short_name", "key", "aliases__name")
    autocomplete_fields = ("home_place", "parent")


@admin.register(Alias)
class AliasAdmin(FactAdmin):
    list_display = ("name", "kind", "organisation")
    search_fields = ("name", "organisation__name")
    autocomplete_fields = ("organisation",)


register_facts(Identifier, Site, ContactPerson)
