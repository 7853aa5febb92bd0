from django.urls import path

from . import views

app_name = "industry"
urlpatterns = [
    path("industry/", views.areas, name="areas"),
    path("industry/compare/", views.compare, name="compare"),
    path("industry/pyramid/", views.pyramid, name="pyramid"),
    path("industry/investments/", views.investments, name="investments"),
    path("industry/investments/cards.<str:fmt>", views.investment_deck, name="investment_deck"),
    path("industry/site-matching/", views.site_matching, name="site_matching"),
    path("industry/areas/<str:key>/", views.area, name="area"),
    path("industry/areas/<str:key>/assess/", views.assess, name="assess"),
]
