from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("progress/", api.progress, name="progress"),
    path("areas/<slug:area>/progress/", api.area_progress, name="area_progress"),
]
