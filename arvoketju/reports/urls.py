from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("analyses/", views.analyses_page, name="analyses"),
    path("analyses/report.<str:report_format>", views.report_download, name="report"),
]
