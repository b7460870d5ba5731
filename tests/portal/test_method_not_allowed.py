"""A POST-only address opened as a link answers with a page that says what it is for, not
Django's empty 405 (the API in JSON); the Allow header stays."""

import json

from django.http import HttpResponse, HttpResponseNotAllowed
from django.test import RequestFactory

from portal.middleware import MethodNotAllowedPageMiddleware


def answer(path: str, response):
    middleware = MethodNotAllowedPageMiddleware(lambda request: response)
    return middleware(RequestFactory().get(path))


def test_an_empty_405_becomes_a_page_that_says_what_the_address_is_for():
    response = answer("/personal/avboka/", HttpResponseNotAllowed(["POST"]))
    assert response.status_code == 405 and response["Allow"] == "POST"
    html = response.content.decode()
    assert "Den här adressen används av en knapp på en sida i portalen" in html


def test_the_api_answers_in_json():
    response = answer("/api/v1/progress/", HttpResponseNotAllowed(["GET"]))
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert json.loads(response.content) == {"error": "the API answers GET requests only"}


def test_other_answers_pass_unchanged():
    own = HttpResponse("egen", status=405)
    assert answer("/x/", own) is own
    ok = HttpResponse("ok")
    assert answer("/x/", ok) is ok
