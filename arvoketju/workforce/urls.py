from django.urls import path

from . import views

app_name = "workforce"
urlpatterns = [
    path("skills/", views.skills, name="skills"),
]
