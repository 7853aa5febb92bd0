"""Admin base class: every admin save and delete goes through the provenance services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_history import HistoryAdminMixin
from .services import Actor, fact_delete, fact_save

FACT_FIELDSET = (
    _("Provenance"),
    {
        "fields": ("key", "source", "locator", "quote", "valid_from", "valid_to", "visibility", "note"),
    },
)


class FactAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Admin for a ``Fact`` model: provenance fields grouped, history recorded through services and
    shown as a diff with a revert per change; "Export selected as CSV / XLSX / JSON" actions."""

    list_filter = ("visibility", "source")
    readonly_fields = ("version", "created_at", "updated_at")
    search_fields = ("key",)
    list_select_related = ("source",)

    def get_list_display(self, request):
        return ("__str__", "source", "locator", "visibility")

    def save_model(self, request, obj, form, change):
        fact_save(instance=obj, actor=Actor.for_user(request.user))

    def save_related(self, request, form, formsets, change):
        # many-to-many values go through the service too, so their change is recorded
        m2m = {
            f.name: form.cleaned_data[f.name] for f in form.instance._meta.many_to_many if f.name in form.cleaned_data
        }
        if m2m:
            fact_save(instance=form.instance, actor=Actor.for_user(request.user), m2m=m2m)
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        fact_delete(instance=obj, actor=Actor.for_user(request.user))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            fact_delete(instance=obj, actor=Actor.for_user(request.user))


def register_facts(*models, **options):
    """Register models with ``FactAdmin`` (or a subclass given as ``admin_class``)."""
    admin_class = options.pop("admin_class", FactAdmin)
    for model in models:
        admin.site.register(model, admin_class)
