"""Bad input never answers 500 (issue 13, §6): the measured causes, one by one."""

import pytest
from django.test import Client
from django.urls import reverse

from promises.models import PolicingArea


@pytest.fixture
def strict_client(db):
    """A client that returns 500 pages instead of raising, like production."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/tipsa/%00/",
        "/moten/%00/",
        "/%00",
        "/en/%00/",
        "/admin/%00/",
        "/api/v1/progress/?year=%00",
        "/konto/logga-in/?next=%00",
        "/tipsa/folj/?kod=%00",
    ],
)
def test_nul_bytes_in_paths_are_not_server_errors(strict_client, path):
    # Refused as a bad request before any query (PostgreSQL cannot compare text holding NUL).
    assert strict_client.get(path).status_code == 400


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "UTF-16BE", "cp037", "latin-1", "x-bogus"])
def test_a_form_posted_in_another_charset_is_not_a_server_error(strict_client, charset):
    body = "login=kommunpolis&password=ö".encode(charset if charset != "x-bogus" else "utf-8")
    for url in (reverse("login"), reverse("safety_inventory:signal_create")):
        response = strict_client.generic(
            "POST", url, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
        )
        assert response.status_code < 500, (url, charset)


def test_the_error_pages_answer_without_the_database_or_a_request_body(rf):
    from portal import errors

    request = rf.post("/", data=b"\xff\xfe", content_type="application/x-www-form-urlencoded")
    assert errors.bad_request(request).status_code == 400
    assert errors.server_error(request).status_code == 500
    assert "Något gick fel" in errors.server_error(request).content.decode()


@pytest.mark.django_db
def test_a_tracking_code_with_a_slash_is_not_a_server_error(strict_client):
    response = strict_client.get(reverse("safety_inventory:signal_lookup"), {"kod": "A/B"})
    assert response.status_code < 500


@pytest.mark.django_db
def test_a_username_longer_than_axes_column_is_not_a_server_error(strict_client):
    response = strict_client.post(reverse("login"), {"login": "x" * 5000, "password": "y"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"datum;start;slut\n\x00;18:00;02:00\n",
        b"datum;start;slut\n0001-01-05;18:00;02:00\n9999-12-31;18:00;02:00\n",
        "datum;start\n2024-05-17;18:00\n".encode("utf-16"),
        b"\xff\xfe\x00\x00garbage",
    ],
)
def test_a_hostile_csv_import_is_not_a_server_error(role_client, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = role_client("officer")
    client.raise_request_exception = False
    response = client.post(
        reverse("weekend_ops:shift_import"),
        {"file": SimpleUploadedFile("pass.csv", content, "text/csv")},
    )
    assert response.status_code < 500


@pytest.mark.parametrize("path", ["/%00", "/skarholmen/?year=%00"])
def test_an_error_page_made_without_an_area_names_the_portal_not_an_empty_area(strict_client, path):
    """The 400 page is made without the request (no area): its title and header say
    "Medborgarlöften", never "Lokalpolisområde " with the name left blank."""
    html = strict_client.get(path).content.decode()
    assert "Felaktig begäran – Medborgarlöften</title>" in html
    assert "Polisen · Medborgarlöften" in html
    assert "Lokalpolisområde <" not in html and "Lokalpolisområde </" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_form_sent_without_its_token_gets_the_portals_own_page(prefix):
    """Cookies blocked or a page left open too long: the tip form answers with the portal's
    page in the page's language (how to send it again, a link back to the form), not Django's
    English "CSRF verification failed"; the API says it answers GET only, in JSON (405)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post(f"{prefix}/tipsa/", {"description": "Mörkt"})
    html = response.content.decode()
    assert response.status_code == 403 and "CSRF" not in html
    assert ("Formuläret kunde inte skickas" if not prefix else "The form could not be sent") in html
    assert f'href="{prefix}/tipsa/"' in html and "Farsta</a>" in html  # the header
    area = PolicingArea.objects.create(slug="skarholmen", name="Skärholmen")
    page = client.post(f"{prefix}/{area.slug}/tipsa/", {"description": "Mörkt"}).content.decode()
    assert "Skärholmen</a>" in page and "Farsta" not in page
    assert f'href="{prefix}/skarholmen/tipsa/"' in page
    api = client.post("/api/v1/areas/farsta/progress/")
    assert api.status_code == 405 and api.json()["error"] == "the API answers GET requests only"
    assert api["Allow"] == "GET, HEAD"
