"""The account pages speak Swedish (issue 20): allauth's pages for the password, the second
factor, recovery codes and passkeys, and the admin's pages for them, show no English words."""

import re
from html.parser import HTMLParser

import pytest
from allauth.mfa.models import Authenticator
from django.core.mail import EmailMessage
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from portal import mail_queue
from tests.portal.factories import UserFactory
from tests.portal.passkeys import registration_response
from tests.portal.test_accounts_under_attack import PASSWORD, code_at, sign_in

# Words of allauth's, django-tasks-db's and the admin's English interface, as whole words.
ENGLISH = re.compile(
    r"\b(Name|Not used|Security keys?|Key|Usage|Unspecified|Added on|Last used|Add|Edit|Remove|"
    r"Activate|Deactivate|Authenticator|Authenticators|Authenticator App|Recovery|Codes?|"
    r"Password|Passkey|Sign In|Sign Out|Confirm|Cancel|Save|Download|Generate|View|Submit|"
    r"Enter|Change|Two-Factor|Authentication|Tasks?|Results?|Welcome|Log out|Home|"
    r"Unused|Used|Created|Type|Data|User|email|Forgot|Ready|Running|Failed|Successful|"
    r"Priority|Queue|Enqueued|Started|Finished|Traceback|Backend|Worker|Return)\b"
)


class VisibleText(HTMLParser):
    """The text a visitor reads or hears: the page's text and the attributes read aloud."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)
            if tag == "input" and name == "value" and dict(attrs).get("type") == "submit":
                self.parts.append(value or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_on(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return sorted({m.group(0) for part in parser.parts for m in ENGLISH.finditer(part)})


@pytest.fixture
def officer_with_factors(client, settings, in_an_area):
    settings.PORTAL_REQUIRE_MFA = True
    officer = in_an_area(UserFactory(username="kommunpolis", role="officer"))
    officer.set_password(PASSWORD)
    officer.save(update_fields=["password"])
    sign_in(client, "kommunpolis")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": code_at(secret)})
    options = client.get(reverse("mfa_add_webauthn")).context["js_data"]["creation_options"]
    client.post(
        reverse("mfa_add_webauthn"),
        {"name": "Telefonen", "credential": registration_response(options)},
    )
    assert Authenticator.objects.filter(user=officer).count() == 3
    return officer


@pytest.mark.django_db
def test_no_english_on_the_account_pages(client, officer_with_factors):
    passkey = Authenticator.objects.get(user=officer_with_factors, type="webauthn")
    pages = [
        reverse("mfa_index"),
        reverse("mfa_list_webauthn"),
        reverse("mfa_add_webauthn"),
        reverse("mfa_edit_webauthn", kwargs={"pk": passkey.pk}),
        reverse("mfa_remove_webauthn", kwargs={"pk": passkey.pk}),
        reverse("mfa_deactivate_totp"),
        reverse("mfa_view_recovery_codes"),
        reverse("mfa_generate_recovery_codes"),
        reverse("account_change_password"),
        reverse("account_reauthenticate"),
        reverse("mfa_reauthenticate"),
    ]
    found = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        words = english_on(response.content.decode())
        if words:
            found[path] = words
    client.post(reverse("logout"))
    sign_in(client, "kommunpolis")
    for path in [
        reverse("mfa_authenticate"),
        reverse("account_login"),
        reverse("account_reset_password"),
    ]:
        if path == reverse("account_login"):
            client.cookies.clear()
        words = english_on(client.get(path).content.decode())
        if words:
            found[path] = words
    assert found == {}


@pytest.mark.django_db
def test_no_english_on_the_admins_pages_for_factors_and_mail(client, superuser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # A row in the queue's list: a mail of the platform's own.
    mail_queue.enqueue_message(EmailMessage(subject="Hej", body="Text", to=["a@example.org"]))
    client.force_login(superuser)
    Authenticator.objects.create(user=superuser, type="totp", data={"secret": "x"})
    task = DBTaskResult.objects.get()
    pages = [
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk]),
        reverse("admin:index"),
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
    ]
    found = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        words = english_on(response.content.decode())
        if words:
            found[path] = words
    assert found == {}
