from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("<slug:kind>.<slug:fmt>", views.export_table, name="table"),
]
