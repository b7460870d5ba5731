"""Passkeys and the way out for every officer (issue 20): an officer made in the admin with no
e-mail address sets up an authenticator app and a passkey; a post that is not a registration
response is refused and leaves every passkey page working."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.accounts import passkeys_possible
from tests.portal.factories import UserFactory
from tests.portal.passkeys import registration_response
from tests.portal.test_accounts_under_attack import PASSWORD, code_at, sign_in

PASSKEY_PAGES = ["mfa_index", "mfa_list_webauthn", "mfa_add_webauthn"]


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.PORTAL_REQUIRE_MFA = True  # restored after each test by pytest-django


def officer_from_the_admin(client, settings, in_an_area, username: str):
    """An administrator adds the account in the admin (username and password only) and ticks
    the officer group; the administrator signs out again. (The administrator's own second
    factor is not the point here.)"""
    settings.PORTAL_REQUIRE_MFA = False
    client.force_login(UserFactory(username="admin", role="admin"))
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username=username)
    assert user.email == ""
    user.groups.add(Group.objects.get(name="officer"))
    in_an_area(user)
    client.logout()
    settings.PORTAL_REQUIRE_MFA = True
    return user


@pytest.mark.django_db
def test_an_officer_made_in_the_admin_without_an_address_sets_up_totp_and_a_passkey(
    client, settings, in_an_area
):
    officer = officer_from_the_admin(client, settings, in_an_area, "ny-kommunpolis")
    sign_in(client, "ny-kommunpolis")
    assert client.get(reverse("promises:dashboard")).headers["Location"] == reverse("mfa_index")
    # Setting up a factor asks for the password again (allauth's reauthentication).
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    page = client.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200
    credential = registration_response(page.context["js_data"]["creation_options"])
    added = client.post(
        reverse("mfa_add_webauthn"), {"name": "Telefonen", "credential": credential}
    )
    assert added.status_code == 302, added.context["form"].errors
    assert Authenticator.objects.filter(user=officer, type="webauthn").count() == 1

    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    activated = client.post(reverse("mfa_activate_totp"), {"code": code_at(secret)})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=officer, type="totp").exists()
    assert client.get(reverse("promises:dashboard")).status_code == 200
    for name in PASSKEY_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_an_unverified_address_does_not_stop_an_officer_setting_up_a_factor(
    client, settings, in_an_area
):
    """After a password reset allauth had an unverified address on the account, and "Aktivera"
    was refused until it was verified, with no way to verify it."""
    officer = officer_from_the_admin(client, settings, in_an_area, "aterstalld")
    EmailAddress.objects.create(user=officer, email="kp@polisen.example", verified=False)
    sign_in(client, "aterstalld")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    client.post(reverse("mfa_activate_totp"), {"code": code_at(page.context["form"].secret)})
    assert Authenticator.objects.filter(user=officer, type="totp").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "credential",
    ["0", "{}", "[]", "null", '"text"', "garbage{", '{"id": "x"}', '{"response": {}}', "1e999"],
)
def test_a_credential_that_is_not_a_registration_response_is_refused(
    client, settings, credential, in_an_area
):
    officer = officer_from_the_admin(client, settings, in_an_area, "kommunpolis")
    sign_in(client, "kommunpolis")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_add_webauthn"))
    response = client.post(reverse("mfa_add_webauthn"), {"name": "x", "credential": credential})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=officer).exists()
    for name in PASSKEY_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize(
    ("secure", "host", "possible"),
    [
        (True, "medborgarloften.polisen.se", True),
        (False, "medborgarloften.polisen.se", False),
        (False, "localhost", True),
        (False, "portal.localhost", True),
        (True, "127.0.0.1", False),
        (False, "127.0.0.1", False),
        (True, "[::1]", False),
        (True, "intranet", False),
    ],
)
def test_passkeys_need_https_and_a_domain_name_or_localhost(secure, host, possible):
    assert passkeys_possible(secure=secure, host=host) is possible


@pytest.mark.django_db
def test_the_passkey_pages_say_when_this_address_cannot_use_passkeys(client, settings, in_an_area):
    officer_from_the_admin(client, settings, in_an_area, "kommunpolis")
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", "portal.example.org"]
    sign_in(client, "kommunpolis")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    warning = "Säkerhetsnycklar fungerar inte på den här adressen."
    for name in ("mfa_add_webauthn", "mfa_index"):
        response = client.get(reverse(name), HTTP_HOST="127.0.0.1:8112")
        assert response.status_code == 200, (
            name,
            response.status_code,
            response.headers.get("Location"),
        )
        at_an_ip = response.content.decode()
        assert warning in at_an_ip and "127.0.0.1:8112" in at_an_ip
        assert "<noscript>" in at_an_ip
        assert warning in client.get(reverse(name), HTTP_HOST="portal.example.org").content.decode()
        assert warning not in client.get(reverse(name), HTTP_HOST="localhost:8112").content.decode()
        secure = client.get(reverse(name), HTTP_HOST="portal.example.org", secure=True)
        assert warning not in secure.content.decode()


@pytest.mark.django_db
def test_the_menu_leads_to_the_accounts_security_page(client, settings, in_an_area):
    officer_from_the_admin(client, settings, in_an_area, "kommunpolis")
    settings.PORTAL_REQUIRE_MFA = False
    sign_in(client, "kommunpolis")
    dashboard = client.get(reverse("promises:dashboard")).content.decode()
    assert f'href="{reverse("mfa_index")}">Mitt konto</a>' in dashboard
    page = client.get(reverse("mfa_index")).content.decode()
    for link in ("account_change_password", "mfa_activate_totp", "mfa_add_webauthn"):
        assert f'href="{reverse(link)}"' in page, link
    assert "Byt lösenord" in page and "<h1" in page and "Mitt konto" in page


@pytest.mark.django_db
def test_a_reset_mail_names_the_portal_not_the_host(client, settings, in_an_area):
    from django.core import mail

    officer = officer_from_the_admin(client, settings, in_an_area, "kommunpolis")
    officer.email = "kp@polisen.example"
    officer.save(update_fields=["email"])
    client.post(
        reverse("account_reset_password"),
        {"email": "kp@polisen.example"},
        HTTP_HOST="localhost:8112",
    )
    (message,) = mail.outbox
    assert message.subject.startswith("Medborgarlöften: ")
    assert "localhost" not in message.subject and "[" not in message.subject
