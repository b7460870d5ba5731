"""In real Chromium: an officer's first sign-in with the second factor required, as a new user
would go through it on a phone; every page axe clean, no CSP violation (issue 13, §1)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.browser import PHONE, assert_accessible, assert_fits_the_screen
from tests.portal.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ett-långt-lösenord-42"


def test_first_sign_in_sets_up_an_authenticator_app(
    live_server, reference_data, page, settings, in_an_area
):
    settings.PORTAL_REQUIRE_MFA = True
    officer = in_an_area(UserFactory(username="nykommunpolis", role="officer"))
    officer.set_password(PASSWORD)
    officer.save(update_fields=["password"])
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + reverse("login"))
    assert_accessible(page)
    page.get_by_label("Användarnamn").fill("nykommunpolis")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    # Any staff page sends the officer to set up a second factor, and says why.
    page.goto(live_server.url + reverse("promises:dashboard"))
    assert page.url.endswith(reverse("mfa_index"))
    assert page.get_by_text("Ditt konto behöver en andra inloggningsfaktor").is_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    page.get_by_role("link", name="Aktivera").click()
    # The password once more (allauth's reauthentication), then the QR code and its secret.
    assert_accessible(page)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)
    assert_fits_the_screen(page)
    secret = page.locator("#authenticator_secret").inner_text().strip()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Autentiseringskod").fill(code)
    page.locator("main form button[type=submit]").click()

    # Recovery codes are shown once set up; then the dashboard opens.
    assert page.url.endswith(reverse("mfa_view_recovery_codes"))
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.goto(live_server.url + reverse("promises:dashboard"))
    assert page.url.endswith(reverse("promises:dashboard"))
    page.goto(live_server.url + reverse("mfa_add_webauthn"))
    assert_accessible(page)
    assert refused == []


def test_a_passkey_is_added_with_allauths_script_under_the_csp(
    live_server, reference_data, page, settings, in_an_area
):
    """WebAuthn through Chromium's virtual authenticator: allauth's script (a static file) runs
    under our Content Security Policy and the key is saved."""
    from allauth.mfa.models import Authenticator

    settings.PORTAL_REQUIRE_MFA = True
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    officer = in_an_area(UserFactory(username="nyckelpolis", role="officer"))
    officer.set_password(PASSWORD)
    officer.save(update_fields=["password"])
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Användarnamn").fill("nyckelpolis")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(live_server.url + reverse("mfa_add_webauthn"))
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    assert page.url.endswith(reverse("mfa_add_webauthn"))
    assert_accessible(page)
    page.locator("main button").first.click()
    page.wait_for_url(f"**{reverse('mfa_view_recovery_codes')}")
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.WEBAUTHN).exists()
    assert refused == []
