from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .admin_history import HistoryAdminMixin, revert_view
from .models import ChangeRecord, Source
from .revert import change_rows


@admin.register(Source)
class SourceAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("key", "title", "kind", "published")
    list_filter = ("kind",)
    search_fields = ("key", "title")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    """History is read-only: it records changes, it is never edited. A change can be reverted, which
    records a new change."""

    list_display = ("created_at", "action", "content_type", "object_repr", "actor", "revert_link")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor")
    list_select_related = ("content_type",)
    readonly_fields = ("diff",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        revert = self.admin_site.admin_view(lambda request, object_id: revert_view(self, request, object_id))
        return [path("<path:object_id>/revert/", revert, name="provenance_changerecord_revert"), *super().get_urls()]

    @admin.display(description=_("revert"))
    def revert_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:provenance_changerecord_revert", args=[obj.pk]), _("Revert…")
        )

    @admin.display(description=_("changes"))
    def diff(self, obj):
        def text(value):
            return "—" if value is None or value == "" else str(value)

        rows = ((row["field"], text(row["before"]), text(row["after"])) for row in change_rows(obj))
        return format_html(
            "<table>{}</table>", format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows)
        )
