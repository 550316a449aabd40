from django.urls import path

from search import api

app_name = "search_api"

urlpatterns = [
    path("openapi.json", api.openapi_api, name="openapi"),
    path("suggest/", api.suggest_api, name="suggest"),
    path("<slug:kind_name>/", api.search_api, name="search"),
]
