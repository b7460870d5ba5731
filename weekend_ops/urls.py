from django.urls import path

from . import views

app_name = "weekend_ops"

urlpatterns = [
    path("", views.weekend_year, name="year"),
    path("pass/", views.shift_list, name="shift_list"),
    path("pass/ny/", views.shift_create, name="shift_create"),
    path("pass/importera/", views.shift_import, name="shift_import"),
    path("pass/export.csv", views.shift_export, name="shift_export"),
    path("pass/<int:pk>/", views.shift_detail, name="shift_detail"),
    path("pass/<int:pk>/andra/", views.shift_update, name="shift_update"),
    path("pass/<int:pk>/genomfort/", views.shift_complete, name="shift_complete"),
    path("pass/<int:pk>/stall-in/", views.shift_cancel, name="shift_cancel"),
    path("brannpunkter/", views.hotspot_list, name="hotspot_list"),
    path("brannpunkter/ny/", views.hotspot_edit, name="hotspot_create"),
    path("brannpunkter/<int:pk>/andra/", views.hotspot_edit, name="hotspot_update"),
]
