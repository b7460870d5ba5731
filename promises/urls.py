from django.urls import path

from . import organisation_views, views

app_name = "promises"

urlpatterns = [
    path("", views.home, name="home"),
    path("om-medborgarloften/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personal/", views.dashboard, name="dashboard"),
    path("personal/uppfoljning/", views.followup_page, name="followup"),
    path("personal/uppfoljning.<str:fmt>", views.followup_export, name="followup_export"),
    path(
        "personal/organisationer/",
        organisation_views.organisation_review,
        name="organisation_review",
    ),
    path(
        "personal/organisationer/<int:pk>/godkann/",
        organisation_views.organisation_accept_view,
        name="organisation_accept",
    ),
    path(
        "personal/organisationer/<int:pk>/sla-ihop/",
        organisation_views.organisation_merge_view,
        name="organisation_merge",
    ),
]
