from django.urls import path

from .views import meetings, shifts

app_name = "weekend_ops"

urlpatterns = [
    path("helgsamverkan/", shifts.weekend_year, name="year"),
    path("helgsamverkan/pass/", shifts.shift_list, name="shift_list"),
    path("helgsamverkan/pass/ny/", shifts.shift_create, name="shift_create"),
    path("helgsamverkan/pass/importera/", shifts.shift_import, name="shift_import"),
    path("helgsamverkan/pass/export.csv", shifts.shift_export, name="shift_export"),
    path(
        "helgsamverkan/pass/export.xlsx",
        shifts.shift_export,
        {"fmt": "xlsx"},
        name="shift_export_xlsx",
    ),
    path("helgsamverkan/pass/<int:pk>/", shifts.shift_detail, name="shift_detail"),
    path("helgsamverkan/pass/<int:pk>/andra/", shifts.shift_update, name="shift_update"),
    path("helgsamverkan/pass/<int:pk>/genomfort/", shifts.shift_complete, name="shift_complete"),
    path("helgsamverkan/pass/<int:pk>/stall-in/", shifts.shift_cancel, name="shift_cancel"),
    path("helgsamverkan/pass/<int:pk>/aterstall/", shifts.shift_restore, name="shift_restore"),
    path("helgsamverkan/brannpunkter/", shifts.hotspot_list, name="hotspot_list"),
    path("helgsamverkan/brannpunkter/ny/", shifts.hotspot_edit, name="hotspot_create"),
    path("helgsamverkan/brannpunkter/<int:pk>/andra/", shifts.hotspot_edit, name="hotspot_update"),
    # Meetings, for officers
    path("helgsamverkan/moten/", meetings.meeting_manage, name="meeting_manage"),
    path("helgsamverkan/moten/nytt/", meetings.meeting_edit, name="meeting_create"),
    path("helgsamverkan/moten/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("helgsamverkan/moten/<int:pk>/andra/", meetings.meeting_edit, name="meeting_update"),
    path(
        "helgsamverkan/moten/<int:pk>/narvaro/",
        meetings.meeting_attendance,
        name="meeting_attendance",
    ),
    path("helgsamverkan/moten/<int:pk>/stall-in/", meetings.meeting_cancel, name="meeting_cancel"),
    path(
        "helgsamverkan/moten/<int:pk>/narvaro.<str:fmt>",
        meetings.attendance_export,
        name="attendance_export",
    ),
    path("helgsamverkan/kalender/", meetings.calendar_link, name="calendar_link"),
    path("helgsamverkan/kalender/<str:token>.ics", meetings.calendar_feed, name="calendar_feed"),
    path("helgsamverkan/kollektiv-formaga/", meetings.capability, name="capability"),
    path(
        "helgsamverkan/kollektiv-formaga.<str:fmt>",
        meetings.capability_export,
        name="capability_export",
    ),
    # Meetings, for partners (no account)
    path("moten/", meetings.meeting_list, name="meeting_list"),
    path("moten/avanmal/<str:token>/", meetings.registration_cancel, name="registration_cancel"),
    path("moten/<str:token>/", meetings.meeting_register, name="meeting_register"),
    # Public pages of an area, last: the fixed addresses above match first.
    path("<slug:area>/moten/", meetings.area_meeting_list, name="area_meeting_list"),
]
