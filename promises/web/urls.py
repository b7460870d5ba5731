from django.urls import path

from promises.web import dashboard, organisations, public, reports

app_name = "promises"

urlpatterns = [
    path("", public.home, name="home"),
    path("om-medborgarloften/", public.about, name="about"),
    path("tillganglighet/", public.accessibility, name="accessibility"),
    path("lokalpolisomraden/", public.area_list, name="areas"),
    path("personal/", dashboard.dashboard, name="dashboard"),
    path("personal/omrade/", dashboard.area_choose, name="area_choose"),
    path("personal/e-post/", dashboard.mail_failed, name="mail_failed"),
    path("personal/e-post/<uuid:pk>/skicka-igen/", dashboard.mail_resend, name="mail_resend"),
    path(
        "personal/organisationer/",
        organisations.organisation_review,
        name="organisation_review",
    ),
    path(
        "personal/organisationer/<int:pk>/godkann/",
        organisations.organisation_accept_view,
        name="organisation_accept",
    ),
    path(
        "personal/organisationer/<int:pk>/sla-ihop/",
        organisations.organisation_merge_view,
        name="organisation_merge",
    ),
    path("personal/uppfoljning/", reports.followup_page, name="followup"),
    path("personal/uppfoljning.<str:fmt>", reports.followup_export, name="followup_export"),
    path("personal/uppfoljning/<int:year>.pdf", reports.followup_pdf, name="followup_pdf"),
    path(
        "personal/uppfoljning/<int:year>/berattelser/",
        reports.followup_narratives,
        name="followup_narratives",
    ),
    path(
        "personal/uppfoljning/<int:year>/godkann/",
        reports.followup_approve,
        name="followup_approve",
    ),
    path("arsrapporter/", reports.report_archive, name="report_archive"),
    path("arsrapporter/<int:year>/", reports.report_public, name="report_public"),
    path("arsrapporter/<int:year>.pdf", reports.report_public_pdf, name="report_public_pdf"),
    path(
        "oppna-data/medborgarloften-<int:year>.<str:fmt>",
        reports.open_data_file,
        name="open_data",
    ),
    # An area's own public pages: last, so that every other address is matched first (and an
    # area's slug may not be the first segment of one, see validators.validate_area_slug).
    path("<slug:area>/", public.area_home, name="area_home"),
    path("<slug:area>/om-medborgarloften/", public.area_about, name="area_about"),
    path("<slug:area>/tillganglighet/", public.area_accessibility, name="area_accessibility"),
    path("<slug:area>/arsrapporter/", reports.area_report_archive, name="area_report_archive"),
    path(
        "<slug:area>/arsrapporter/<int:year>/",
        reports.area_report_public,
        name="area_report_public",
    ),
    path(
        "<slug:area>/arsrapporter/<int:year>.pdf",
        reports.area_report_public_pdf,
        name="area_report_public_pdf",
    ),
    path(
        "<slug:area>/oppna-data/medborgarloften-<int:year>.<str:fmt>",
        reports.area_open_data_file,
        name="area_open_data",
    ),
]
