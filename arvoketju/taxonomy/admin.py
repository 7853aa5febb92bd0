from django.contrib import admin

from arvoketju.provenance.admin_base import FactAdmin, register_facts

from .models import Competence, Stage, ValueChain


@admin.register(Stage)
class StageAdmin(FactAdmin):
    list_display = ("name_fi", "name_en", "kind", "order", "parent", "value_chain")
    list_filter = ("value_chain", "kind")
    search_fields = ("name_fi", "name_en", "name_sv", "key")


@admin.register(Competence)
class CompetenceAdmin(FactAdmin):
    list_display = ("term_fi", "term_en", "value_chain")
    search_fields = ("term_fi", "term_en", "term_sv", "key")
    filter_horizontal = ("stages",)


register_facts(ValueChain)
