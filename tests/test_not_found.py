"""Not-found pages say what is missing, in the page's language, and never name a model
(issue 19): one row per kind of object a reader can miss."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

# Django's own text names the model: "No Flag matches the given query."
MODEL_NAMES = ("matches the given query", "No Meeting", "No Flag", "No Shift", "No Site")


def text_of(response) -> str:
    assert response.status_code == 404
    html = response.content.decode()
    assert not any(name in html for name in MODEL_NAMES), html
    return html


@pytest.mark.parametrize(
    ("path", "swedish", "english"),
    [
        (
            "/moten/xyz/",
            "Mötet finns inte eller är inte längre öppet för anmälan.",
            "The meeting does not exist or is no longer open for registration.",
        ),
        (
            "/arsrapporter/2019/",
            "Det finns ingen årsrapport för 2019.",
            "There is no annual report for 2019.",
        ),
        (
            "/vasteros/arsrapporter/",
            "Det finns inget lokalpolisområde med det namnet.",
            "There is no local police area by that name.",
        ),
    ],
)
def test_public_not_found_pages_say_what_is_missing(client, path, swedish, english):
    assert swedish in text_of(client.get(path))
    assert english in text_of(client.get(f"/en{path}"))


def test_a_mistyped_page_is_not_called_an_unknown_area(client):
    html = text_of(client.get("/tipsaa/"))
    assert "Sidan finns inte" in html and "lokalpolisområde med det namnet" not in html
    english = text_of(client.get("/en/tipsaa/"))
    assert "police area by that name" not in english


def test_a_year_with_promises_but_no_approved_report_says_so(client):
    year = timezone.localdate().year
    from promises.models import Promise
    from promises.services import promises_renew_through

    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=year)
    assert "Uppföljningen för 2024 är inte godkänd än." in text_of(
        client.get("/arsrapporter/2024/")
    )


@pytest.mark.parametrize(
    "path",
    [
        "/trygghet/flaggor/999999/planera/",
        "/trygghet/flaggor/999999/avfor/",
        "/trygghet/platser/999999/",
        "/trygghet/aktiviteter/999999/",
        "/helgsamverkan/pass/999999/",
        "/helgsamverkan/brannpunkter/999999/andra/",
        "/helgsamverkan/moten/999999/",
    ],
)
def test_staff_not_found_pages_never_name_a_model(client, officer, path):
    client.force_login(officer)
    html = text_of(client.get(path))
    assert "Det du letar efter finns inte, eller hör till ett annat lokalpolisområde." in html
    english = text_of(client.get(f"/en{path}"))
    assert "What you are looking for does not exist" in english
