from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("", views.home, name="home"),
    path("om-medborgarloften/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personal/", views.dashboard, name="dashboard"),
    path("personal/e-post/", views.mail_failed, name="mail_failed"),
    path("personal/e-post/<uuid:pk>/skicka-igen/", views.mail_resend, name="mail_resend"),
    path("personal/uppfoljning/", views.followup_page, name="followup"),
    path("personal/uppfoljning.<str:fmt>", views.followup_export, name="followup_export"),
]
