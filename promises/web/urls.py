from django.urls import path

from . import organisation_views, report_views, views

app_name = "promises"

urlpatterns = [
    path("", views.home, name="home"),
    path("om-medborgarloften/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("lokalpolisomraden/", views.area_list, name="areas"),
    path("personal/", views.dashboard, name="dashboard"),
    path("personal/omrade/", views.area_choose, name="area_choose"),
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
    # An area's own public pages: last, so that every other address is matched first (and an
    # area's slug may not be the first segment of one, see validators.validate_area_slug).
    path("<slug:area>/", views.area_home, name="area_home"),
    path("<slug:area>/om-medborgarloften/", views.area_about, name="area_about"),
    path("<slug:area>/tillganglighet/", views.area_accessibility, name="area_accessibility"),
    path("<slug:area>/arsrapporter/", report_views.area_report_archive, name="area_report_archive"),
    path(
        "<slug:area>/arsrapporter/<int:year>/",
        report_views.area_report_public,
        name="area_report_public",
    ),
    path(
        "<slug:area>/arsrapporter/<int:year>.pdf",
        report_views.area_report_public_pdf,
        name="area_report_public_pdf",
    ),
    path(
        "<slug:area>/oppna-data/medborgarloften-<int:year>.<str:fmt>",
        report_views.area_open_data_file,
        name="area_open_data",
    ),
]
