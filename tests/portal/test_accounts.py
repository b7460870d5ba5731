"""Staff sign-in (issue 13, §1): second factor, password reset, lockout behind a proxy."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.portal.factories import UserFactory

PASSWORD = "ett-långt-lösenord-42"


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.PORTAL_REQUIRE_MFA = True
    settings.PORTAL_TRUSTED_PROXIES = 1


@pytest.fixture
def officer_with_password(db, in_an_area):
    user = in_an_area(
        UserFactory(username="kommunpolis", role="officer", email="kp@polisen.example")
    )
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def sign_in(client, username, password=PASSWORD, address="198.51.100.7"):
    return client.post(
        reverse("login"),
        {"login": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
    )


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_staff_page_is_refused_until_the_officer_has_a_second_factor(
    client, officer_with_password
):
    response = sign_in(client, "kommunpolis")
    assert response.status_code == 302
    dashboard = client.get(reverse("promises:dashboard"))
    assert dashboard.status_code == 302
    assert dashboard.headers["Location"] == reverse("mfa_index")
    assert client.get(reverse("admin:index")).headers["Location"] == reverse("mfa_index")
    assert client.get(reverse("mfa_index")).status_code == 200


def test_a_reader_may_sign_in_without_a_second_factor(client, db, in_an_area):
    reader = in_an_area(UserFactory(username="lasare", role="reader"))
    reader.set_password(PASSWORD)
    reader.save(update_fields=["password"])
    sign_in(client, "lasare")
    assert client.get(reverse("promises:dashboard")).status_code == 200


def test_totp_enrolment_then_sign_in_with_a_code_and_with_a_recovery_code(
    client, officer_with_password
):
    sign_in(client, "kommunpolis")
    # Setting up a factor asks for the password again (allauth's reauthentication).
    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=officer_with_password, type=Authenticator.Type.TOTP
    ).exists()
    codes_page = client.get(reverse("mfa_view_recovery_codes"))
    recovery_codes = codes_page.context["unused_codes"]
    assert len(recovery_codes) >= 5
    assert client.get(reverse("promises:dashboard")).status_code == 200

    # Signing in again asks for the second factor before anything else.
    client.post(reverse("logout"))
    response = sign_in(client, "kommunpolis")
    assert response.headers["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("promises:dashboard")).status_code == 302
    refused = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    # a code that is used once is refused the next time (anti-replay): use the next window too
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("promises:dashboard")).status_code == 200

    # A lost phone: a recovery code works once.
    client.post(reverse("logout"))
    sign_in(client, "kommunpolis")
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("promises:dashboard")).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, "kommunpolis")
    again = client.post(reverse("mfa_authenticate"), {"code": recovery_codes[0]})
    assert again.status_code == 200  # refused: already used


def test_password_reset_by_email_without_revealing_accounts(client, officer_with_password):
    unknown = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True
    )
    known = client.post(
        reverse("account_reset_password"), {"email": "kp@polisen.example"}, follow=True
    )
    # The same answer whether or not an account exists; only the real one gets mail.
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert unknown.content == known.content
    assert "Om adressen hör till ett konto" in known.content.decode()
    assert [m.to for m in mail.outbox] == [["kp@polisen.example"]]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    form_page = client.get(path, follow=True)
    new = "ett-annat-långt-lösenord-7"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": new, "password2": new},
    )
    assert done.status_code == 302
    officer_with_password.refresh_from_db()
    assert officer_with_password.check_password(new)


def test_password_reset_is_rate_limited(client, officer_with_password):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": "kp@polisen.example"}).status_code
        for _ in range(8)
    ]
    assert 429 in statuses
    refused = client.post(reverse("account_reset_password"), {"email": "kp@polisen.example"})
    assert "För många försök" in refused.content.decode()  # the portal's page, in Swedish
    assert len(mail.outbox) <= 3


def test_lockout_behind_a_proxy_locks_the_attacker_not_the_officer(
    client, officer_with_password, settings
):
    settings.AXES_FAILURE_LIMIT = 5
    attacker = "203.0.113.66"
    for _ in range(7):
        sign_in(client, "kommunpolis", password="fel-lösenord", address=attacker)
    # Every request comes from the proxy (same REMOTE_ADDR); axes records the real client.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {attacker}
    locked = sign_in(client, "kommunpolis", address=attacker)
    # Refused with the right password: by axes (429) or, first, by allauth's limit per
    # username + address (the same pair, a form error).
    assert locked.status_code == 429 or "För många" in locked.content.decode()
    assert "account_login" not in client.session and "_auth_user_id" not in client.session
    # Failures during the lockout did not extend it: failures stopped counting at the limit.
    assert AccessAttempt.objects.get().failures_since_start == 5

    # The officer, from another address, gets in with the right password.
    response = sign_in(client, "kommunpolis", address="198.51.100.7")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") or client.session.get("account_login")


def test_one_address_trying_many_usernames_is_throttled(client, db, settings):
    settings.PORTAL_LOGIN_FAILURES_PER_ADDRESS = (10, 3600)
    sprayer = "203.0.113.99"
    # Two rounds over ten usernames: once the address has failed ten times, no username that
    # failed from it gets another guess (an untried one still may: README, the office).
    answers = [
        sign_in(client, f"user{n}", password=password, address=sprayer)
        for password in ("Sommar2026!", "Vinter2026!")
        for n in range(10)
    ]
    refused = [r for r in answers if "För många misslyckade inloggningar" in r.content.decode()]
    assert len(refused) == 10 and answers.index(refused[0]) == 10
    # Another address is not affected.
    ok = sign_in(client, "user1", password="Sommar2026!", address="198.51.100.8")
    assert "För många misslyckade inloggningar" not in ok.content.decode()


def test_a_username_longer_than_the_columns_is_refused_at_the_field(client, db):
    response = sign_in(client, "a" * 300)
    assert response.status_code == 200
    assert AccessAttempt.objects.count() == 0


def test_permissions_policy_turns_off_unused_features_but_keeps_webauthn(client, db):
    header = client.get(reverse("promises:about")).headers["Permissions-Policy"]
    assert "camera=()" in header and "geolocation=()" in header
    assert "publickey-credentials-get=(self)" in header


def test_the_password_reset_page_speaks_the_portals_language(client, db):
    """allauth's own page said "epost-adress", "mail" and "kontakta oss" without saying who."""
    page = client.get(reverse("account_reset_password")).content.decode()
    assert "Återställ lösenordet" in page and "Skicka länken" in page
    assert "portalens administratör" in page
    for allauth_words in ("epost-adress", "Epost-adress", "mail med", "Vänligen kontakta oss"):
        assert allauth_words not in page
    english = client.get("/en" + reverse("account_reset_password")).content.decode()
    assert "Send the link" in english and "E-mail address" in english


def test_the_totp_secret_is_shown_whole_as_text_for_typing_by_hand(client, officer_with_password):
    """allauth showed the secret in a disabled input that cut it off on a 375 px phone."""
    sign_in(client, "kommunpolis")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    html = page.content.decode()
    assert (
        f'class="fs-6 text-break" aria-labelledby="authenticator_secret_label">{secret}</code>'
        in html
    )
    assert 'id="authenticator_secret" type="text"' not in html and "disabled" not in html
