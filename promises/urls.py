from django.urls import path

from . import organisation_views, report_views, views

app_name = "promises"

urlpatterns = [
    path("", views.home, name="home"),
    path("om-medborgarloften/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personal/", views.dashboard, name="dashboard"),
    path("personal/e-post/", views.mail_failed, name="mail_failed"),
    path("personal/e-post/<uuid:pk>/skicka-igen/", views.mail_resend, name="mail_resend"),
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
    path("personal/uppfoljning/", report_views.followup_page, name="followup"),
    path("personal/uppfoljning.<str:fmt>", report_views.followup_export, name="followup_export"),
    path("personal/uppfoljning/<int:year>.pdf", report_views.followup_pdf, name="followup_pdf"),
    path(
        "personal/uppfoljning/<int:year>/berattelser/",
        report_views.followup_narratives,
        name="followup_narratives",
    ),
    path(
        "personal/uppfoljning/<int:year>/godkann/",
        report_views.followup_approve,
        name="followup_approve",
    ),
    path("arsrapporter/", report_views.report_archive, name="report_archive"),
    path("arsrapporter/<int:year>/", report_views.report_public, name="report_public"),
    path("arsrapporter/<int:year>.pdf", report_views.report_public_pdf, name="report_public_pdf"),
    path(
        "oppna-data/medborgarloften-<int:year>.<str:fmt>",
        report_views.open_data_file,
        name="open_data",
    ),
]
