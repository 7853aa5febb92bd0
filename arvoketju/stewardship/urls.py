"""Public pages behind a link token: no account needed, scoped to the link's organisation."""

from django.urls import path

from . import views

app_name = "stewardship"
urlpatterns = [
    path("update/<str:token>/", views.update_form, name="update"),
    path("survey/<str:token>/", views.survey_form, name="survey"),
]
