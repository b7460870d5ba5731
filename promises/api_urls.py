from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("progress/", api.progress, name="progress"),
]
