from django.contrib import admin

from .models import ApiToken, Representative


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "created_at")
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("organisation",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `arvoketju token create`; here they can be seen and revoked."""

    list_display = ("name", "user", "prefix", "scopes", "created_at", "expires_at", "last_used_at", "revoked")
    list_filter = ("revoked",)
    fields = ("user", "name", "prefix", "scopes", "created_at", "expires_at", "last_used_at", "revoked")
    readonly_fields = ("user", "name", "prefix", "scopes", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
