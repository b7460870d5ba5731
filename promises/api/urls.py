from django.urls import path

from promises.api import views

app_name = "api"

urlpatterns = [
    path("progress/", views.progress, name="progress"),
    path("areas/<slug:area>/progress/", views.area_progress, name="area_progress"),
]
