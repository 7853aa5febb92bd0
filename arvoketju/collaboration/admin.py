from django.contrib import admin

from arvoketju.provenance.admin_base import FactAdmin, register_facts

from .models import (
    Event,
    EventAttendance,
    EventSeries,
    Membership,
    Network,
    Participation,
    Programme,
    Project,
    ProjectStatusChange,
)


@admin.register(Project)
class ProjectAdmin(FactAdmin):
    list_display = ("acronym", "title", "programme", "status", "scope")
    list_filter = ("status", "scope", "programme")
    search_fields = ("acronym", "title", "key")
    filter_horizontal = ("stages", "competences")


@admin.register(Event)
class EventAdmin(FactAdmin):
    list_display = ("name", "start", "place", "kind", "participants_total")
    list_filter = ("kind", "series")
    search_fields = ("name", "theme", "key")
    date_hierarchy = "start"


register_facts(Programme, Network, Membership, ProjectStatusChange, Participation, EventSeries, EventAttendance)
