from django.urls import path

from . import views

app_name = "dialogue"

urlpatterns = [
    # Staff
    path("personal/trygghetsdialog/", views.round_list, name="round_list"),
    path("personal/trygghetsdialog/ny/", views.round_create, name="round_create"),
    path("personal/trygghetsdialog/<int:pk>/", views.round_detail, name="round_detail"),
    path("personal/trygghetsdialog/<int:pk>/andra/", views.round_update, name="round_update"),
    path("personal/trygghetsdialog/<int:pk>/affisch.pdf", views.poster, name="poster"),
    path("personal/trygghetsdialog/<int:pk>/svar/", views.answers, name="answers"),
    path(
        "personal/trygghetsdialog/<int:pk>/hanvisning/",
        views.citation_create,
        name="citation_create",
    ),
    path(
        "personal/trygghetsdialog/svar/<int:pk>/folj-upp/",
        views.place_follow_up,
        name="place_follow_up",
    ),
    # Public, by area
    path("<slug:area>/trygghetsdialog/", views.answer, name="answer"),
    path("<slug:area>/trygghetsdialog/tack/", views.thanks, name="thanks"),
    path("<slug:area>/trygghetsdialog/resultat/", views.results, name="results"),
    path("<slug:area>/trygghetsdialog/lank/<str:token>/", views.answer_link, name="answer_link"),
    path(
        "<slug:area>/oppna-data/trygghetsdialog-<int:year>.<str:fmt>",
        views.open_data_file,
        name="open_data",
    ),
]
