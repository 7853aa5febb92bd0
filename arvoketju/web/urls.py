from django.urls import path

from . import views, views_lists, views_map, views_matrix, views_network, views_profiles, views_search

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views_lists.organisations, name="organisations"),
    path("organisations/<str:organisation>/", views_profiles.organisation, name="organisation"),
    path("places/<str:place>/", views_profiles.place, name="place"),
    path("projects/", views_lists.projects, name="projects"),
    path("projects/<str:project>/", views_profiles.project, name="project"),
    path("events/", views_lists.events, name="events"),
    path("events/<str:event>/", views_profiles.event, name="event"),
    path("networks/<str:network>/", views_profiles.network_profile, name="network_profile"),
    path("matrix/", views_matrix.matrix, name="matrix"),
    path("search/", views_search.search_page, name="search"),
    path("map/", views_map.map_page, name="map"),
    path("map/data.json", views_map.map_json, name="map_json"),
    path("network/", views_network.network_page, name="network"),
    path("network/data.json", views_network.network_json, name="network_json"),
    path("network/graph.gexf", views_network.network_gexf, name="network_gexf"),
    path("network/graph.graphml", views_network.network_graphml, name="network_graphml"),
]
