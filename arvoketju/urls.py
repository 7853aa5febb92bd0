"""URL configuration: admin, REST API under /api/v1/, and the web pages."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from arvoketju.api.api import api

admin.site.site_header = "arvoketju"
admin.site.site_title = "arvoketju"

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("export/", include("arvoketju.provenance.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("arvoketju.stewardship.urls")),
    path("", include("arvoketju.partners.urls")),
    path("", include("arvoketju.web.urls")),
    path("", include("arvoketju.reports.urls")),
    path("", include("arvoketju.industry.urls")),
    path("", include("arvoketju.workforce.urls")),
    prefix_default_language=False,
)
