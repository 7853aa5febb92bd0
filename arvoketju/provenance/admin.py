from django.contrib import admin

from .models import ChangeRecord, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "kind", "published")
    list_filter = ("kind",)
    search_fields = ("key", "title")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    """History is read-only: it records changes, it is never edited."""

    list_display = ("created_at", "action", "content_type", "object_repr", "actor")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
