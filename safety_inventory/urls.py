from django.urls import path

from . import views

app_name = "safety_inventory"

urlpatterns = [
    # Public
    path("tipsa/", views.signal_create, name="signal_create"),
    path("tipsa/folj/", views.signal_lookup, name="signal_lookup"),
    path("tipsa/<str:code>/", views.signal_track, name="signal_track"),
    # Staff
    path("trygghet/", views.overview, name="overview"),
    path("trygghet/platser/ny/", views.site_create, name="site_create"),
    path("trygghet/platser/<int:pk>/", views.site_detail, name="site_detail"),
    path(
        "trygghet/platser/<int:site_pk>/aktivitet/ny/",
        views.activity_create,
        name="activity_create",
    ),
    path("trygghet/aktiviteter/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("trygghet/aktiviteter/<int:pk>/protokoll/", views.activity_update, name="activity_update"),
    path("trygghet/signaler/", views.signal_list, name="signal_list"),
    path("trygghet/signaler/<int:pk>/koppla/", views.signal_link, name="signal_link"),
    path("trygghet/iakttagelse/ny/", views.observation_create, name="observation_create"),
    path("trygghet/flaggor/<int:pk>/planera/", views.flag_answer, name="flag_answer"),
    path("trygghet/flaggor/<int:pk>/avfor/", views.flag_dismiss, name="flag_dismiss"),
    path("trygghet/atgarder/forsenade/", views.measures_overdue, name="measures_overdue"),
    path("trygghet/export/<str:what>.<str:fmt>", views.export, name="export"),
    # Public, by area: last, so that the addresses above match first.
    path("<slug:area>/tipsa/", views.area_signal_create, name="area_signal_create"),
]
