"""Request bodies and uploads are limited before they are read (issue 20; portal/uploads.py)."""

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from weekend_ops.models import Shift

HEADER = "date,start,end,officers,status,districts,notes\n"
ROW = "2024-05-17,18:00,02:00,officer,completed,,\n"


class UnreadBody:
    """A request body that fails the test if anything reads it."""

    read_from = False

    def read(self, *args):
        UnreadBody.read_from = True
        raise AssertionError("the body was read")

    readline = read


def test_an_upload_declared_larger_than_the_limit_is_refused_before_a_byte_is_read(
    client, officer, settings
):
    client.force_login(officer)
    UnreadBody.read_from = False
    response = client.generic(
        "POST",
        reverse("weekend_ops:shift_import"),
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(settings.PORTAL_UPLOAD_MAX_BYTES + 2 * 1024 * 1024),
        **{"wsgi.input": UnreadBody()},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Filen är för stor. En fil får vara högst 5,0\xa0MB." in html
    assert 'href="/helgsamverkan/pass/importera/"' in html  # back to the form
    assert not UnreadBody.read_from


def test_a_form_declared_larger_than_the_limit_is_refused_in_the_pages_language(
    client, settings, db
):
    response = client.generic(
        "POST",
        "/en/tipsa/",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        **{"wsgi.input": UnreadBody()},
    )
    assert response.status_code == 413
    assert "more text than the portal accepts (at most 1.0\xa0MB)" in response.content.decode()


@override_settings(PORTAL_UPLOAD_MAX_BYTES=2000)
@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_an_upload_is_stopped_while_it_streams_in_past_the_limit(client, officer):
    """A length that passes the header check (the file and some form fields) but a file past
    the limit: the handler stops reading at the limit and nothing is imported."""
    client.force_login(officer)
    url = reverse("weekend_ops:shift_import")
    big = (HEADER + ROW * 60).encode()
    assert len(big) > 2000
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", big)})
    assert response.status_code == 413
    assert "En fil får vara högst 2,0\xa0kB" in response.content.decode()
    assert Shift.objects.count() == 0
    # A file within the limit is read and imported as before.
    small = (HEADER + ROW).encode()
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", small)}, follow=True)
    assert "Klart: 1 nytt pass" in response.content.decode()
    assert Shift.objects.count() == 1


def test_the_limits_are_set_deliberately(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 2000
    assert settings.FILE_UPLOAD_HANDLERS[0] == "portal.uploads.LimitedUploadHandler"


def test_a_post_of_too_many_fields_is_a_clear_refusal_not_a_server_error(client, officer):
    client.force_login(officer)
    body = encode_multipart(BOUNDARY, {f"f{i}": "x" for i in range(2001)})
    response = client.generic(
        "POST", reverse("weekend_ops:shift_import"), body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 400
