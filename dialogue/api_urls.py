from django.urls import path

from . import views

app_name = "dialogue_api"

urlpatterns = [
    path("areas/<slug:area>/dialogue/", views.api, name="area_dialogue"),
]
