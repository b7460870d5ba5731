"""No input makes the portal answer 500 (issue 13, §6).

A property test: Hypothesis generates paths (every URL converter of every non-admin URL pattern
filled with hostile text), query strings and form posts (the fields each page's form really has,
plus usual names), as an anonymous visitor and as an officer. Forms and URLs are discovered from
the URL resolver and the access table, so pages added later are covered without listing them.
Deterministic (derandomize) and bounded, to run in ``make test``.
"""

import os
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.access import access_for
from tests.portal.test_accounts_under_attack import code_at
from tests.promises.factories import PASSWORD as FACTORY_PASSWORD
from tests.test_access import (
    SAMPLE_ARGUMENTS,
    named_patterns,
    promises_up_to_this_year,
    takes_arguments,
)

__all__ = ["promises_up_to_this_year"]  # the access walk's autouse state, reused

# Signing out would end the officer's session for the examples that follow.
NOT_FUZZED = {"logout", "account_logout", "admin:logout"}
TARGETS = sorted(
    name
    for name, pattern in named_patterns()
    if not name.startswith("admin:")
    and name not in NOT_FUZZED
    and access_for(name) is not None
    and (not takes_arguments(pattern) or name in SAMPLE_ARGUMENTS)
)
USUAL_FIELDS = ["name", "email", "date", "start", "end", "year", "kod", "code", "login", "password"]

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "A/B",
        "..",
        "%",
        "\x00",
        "a\x00b",
        "x" * 300,
        "9" * 40,
        "1e309",
        "NaN",
        "0001-01-01",
        "9999-12-31",
        "2024-13-45",
        "2024-02-30T25:61",
        "31/12/9999",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "ö" * 20,
        "\ud7ff",
        "=cmd|' /C calc'!A0",
        "http://evil.example/",
        "//evil.example",
        "\r\nSet-Cookie: x=1",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=40))


class FormFields(HTMLParser):
    """The names (and whether a file) of the fields of the page's forms."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "select", "textarea") and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("type") or tag


@pytest.fixture
def fuzz_state(role_client):
    """Per test: each URL's valid arguments (made once) and each page's form fields."""
    return {"arguments": {}, "fields": {}}


def valid_path(state, name: str, role: str) -> tuple[str, dict]:
    if name not in state["arguments"]:
        state["arguments"][name] = SAMPLE_ARGUMENTS[name](role) if name in SAMPLE_ARGUMENTS else {}
    kwargs = state["arguments"][name]
    return reverse(name, kwargs=kwargs or None), kwargs


def form_fields(state, client, name: str, path: str) -> dict[str, str]:
    if name not in state["fields"]:
        response = client.get(path)
        parser = FormFields()
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser.feed(response.content.decode(errors="replace"))
        state["fields"][name] = parser.fields
    return state["fields"][name]


@st.composite
def requests(draw, name: str):
    return {
        "name": name,
        "fuzz_path": draw(st.booleans()),
        "path_text": draw(TEXT),
        "method": draw(st.sampled_from(["GET", "POST"])),
        "query": draw(
            st.dictionaries(st.sampled_from(USUAL_FIELDS + ["next", "fmt"]), TEXT, max_size=3)
        ),
        "values": draw(st.lists(TEXT, min_size=12, max_size=12)),
        "file": draw(st.binary(max_size=200) | st.just(b"datum;start\n\x00;2024-01-01\n")),
    }


def send(client, state, role: str, request: dict):
    path, kwargs = valid_path(state, request["name"], role)
    fields = form_fields(state, client, request["name"], path)
    if request["fuzz_path"] and kwargs:
        # Each converter's value replaced by hostile text, percent-encoded as a browser would.
        value = str(next(iter(kwargs.values())))
        path = path.replace(value, quote(request["path_text"], safe=""), 1)
    if request["method"] == "GET":
        return client.get(path, request["query"])
    data = {}
    names = [n for n in fields if n != "csrfmiddlewaretoken"] + USUAL_FIELDS
    for field, value in zip(names, request["values"] * 4, strict=False):
        if fields.get(field) == "file":
            data[field] = SimpleUploadedFile("data.csv", request["file"], "text/csv")
        else:
            data[field] = value
    return client.post(path, data)


FUZZ = settings(
    # A few per URL keeps `make test` short; FUZZ_EXAMPLES=50 for a deeper search.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "4")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "officer"])
def test_no_generated_request_answers_a_server_error(role, role_client, fuzz_state):
    """Every target a few times each (the officer: all; the visitor: the pages open to all)."""
    client = role_client(role)
    client.raise_request_exception = True  # a server error fails with its traceback
    targets = [n for n in TARGETS if role == "officer" or access_for(n).anonymous.name == "OK"]
    for name in targets:

        @FUZZ
        @given(request=requests(name))
        def no_server_error(request):
            response = send(client, fuzz_state, role, request)
            assert response.status_code < 500, request

        no_server_error()


# Fetched after every generated post: a stored value must not break a page later (a passkey
# stored from ``credential=0`` broke every passkey page of its account).
PAGES_AFTERWARDS = ["promises:dashboard", "mfa_index", "mfa_list_webauthn", "mfa_add_webauthn"]


@pytest.fixture
def officer_past_the_second_factor(client, officer, settings):
    """The officer signed in as in production: password, an authenticator app set up through
    allauth's pages and its code given, with the second factor required (PORTAL_REQUIRE_MFA)."""
    settings.PORTAL_REQUIRE_MFA = True
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 60 * 60  # the account pages stay reachable
    client.post(reverse("login"), {"login": officer.username, "password": FACTORY_PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": FACTORY_PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": code_at(secret)})
    client.post(reverse("logout"))
    client.post(reverse("login"), {"login": officer.username, "password": FACTORY_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code_at(secret, 1)})
    if "_auth_user_id" not in client.session:  # the next window's code was early: this one
        client.post(reverse("mfa_authenticate"), {"code": code_at(secret)})
    assert client.get(reverse("promises:dashboard")).status_code == 200
    return client


@pytest.mark.django_db
def test_no_staff_form_answers_a_server_error_past_the_second_factor(
    officer_past_the_second_factor, fuzz_state
):
    """Every page an officer reaches, the account's own included (password, factors, recovery
    codes, passkeys), with production's second factor; after each post the account's pages and
    the dashboard still answer."""
    client = officer_past_the_second_factor
    client.raise_request_exception = True
    targets = [n for n in TARGETS if access_for(n).officer.name in ("OK", "REDIRECT")]
    targets = [n for n in targets if n not in {"mfa_deactivate_totp", "account_change_password"}]
    for name in targets:

        @FUZZ
        @given(request=requests(name))
        def no_server_error(request):
            response = send(client, fuzz_state, "officer", request)
            assert response.status_code < 500, request
            if request["method"] == "POST":
                for page in PAGES_AFTERWARDS:
                    assert client.get(reverse(page)).status_code < 500, (page, request)

        no_server_error()
    # Still signed in, and every page of the account works (adding a passkey asks for the
    # password again after a while, as it should).
    client.post(reverse("account_reauthenticate"), {"password": FACTORY_PASSWORD})
    for page in PAGES_AFTERWARDS:
        assert client.get(reverse(page)).status_code == 200, page


def test_the_fuzz_reaches_public_and_officer_forms():
    # A guard for the discovery itself: if it found nothing, the property would pass vacuously.
    assert {"safety_inventory:signal_create", "weekend_ops:shift_create", "login"} <= set(TARGETS)
    assert "weekend_ops:shift_import" in TARGETS and "weekend_ops:shift_detail" in TARGETS
    # The account's own pages too: passkeys, recovery codes, the second factor.
    assert {"mfa_add_webauthn", "mfa_generate_recovery_codes", "mfa_index"} <= set(TARGETS)
