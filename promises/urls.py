from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("", views.home, name="home"),
    path("om-medborgarloften/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personal/", views.dashboard, name="dashboard"),
    path("personal/uppfoljning/", views.followup_page, name="followup"),
    path("personal/uppfoljning.<str:fmt>", views.followup_export, name="followup_export"),
]
