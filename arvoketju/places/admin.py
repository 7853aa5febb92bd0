from django.contrib import admin

from arvoketju.provenance.admin_base import FactAdmin

from .models import Place, PlaceMembership


@admin.register(Place)
class PlaceAdmin(FactAdmin):
    list_display = ("name_fi", "name_sv", "kind", "code", "parent")
    list_filter = ("kind", "visibility")
    search_fields = ("name_fi", "name_sv", "name_en", "code", "key")
    exclude = ("boundary",)


@admin.register(PlaceMembership)
class PlaceMembershipAdmin(FactAdmin):
    autocomplete_fields = ("group", "member")
