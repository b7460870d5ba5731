"""Login, lockout after repeated failures, sessions that end after inactivity, and roles."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from promises.permissions import OFFICER, READER, has_role
from tests.promises.factories import PASSWORD, UserFactory

LOGIN = reverse("login")


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_the_login_page_is_in_swedish(client):
    html = client.get(LOGIN).content.decode()
    assert "<h1>Logga in</h1>" in html
    assert "Användarnamn" in html and "Lösenord" in html


@pytest.mark.django_db
def test_a_wrong_password_is_explained_and_a_right_one_leads_to_the_dashboard(client, officer):
    response = attempt(client, "officer", "fel-losenord")
    assert response.status_code == 200
    assert "Kontrollera användarnamn och lösenord" in response.content.decode()
    response = attempt(client, "officer", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("promises:dashboard")


@pytest.mark.django_db
def test_repeated_failures_lock_that_username_from_that_address(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "officer", "fel-losenord")
    locked = attempt(client, "officer", PASSWORD)
    assert locked.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in locked.content.decode()
    # Another address, or another username from the same address, is not locked.
    assert attempt(client, "officer", PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    UserFactory(username="kollega", role="officer")
    assert attempt(client, "kollega", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off_time(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "officer", "fel-losenord")
    assert attempt(client, "officer", PASSWORD).status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert attempt(client, "officer", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_session_ends_after_30_idle_minutes_but_not_while_in_use(client, reader):
    dashboard = reverse("promises:dashboard")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt(client, "reader", PASSWORD)
    # Active every 20 minutes: each request pushes the expiry forward.
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(dashboard, {"year": 2024}).status_code == 200
    with time_machine.travel(start + timedelta(minutes=60 + 31), tick=False):
        response = client.get(dashboard, {"year": 2024})
    assert response.status_code == 302
    assert response.headers["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_a_session_in_use_is_written_at_most_once_a_minute(client, reader):
    """Its idle expiry moves forward without a database write on every page."""
    dashboard = reverse("promises:dashboard")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt(client, "reader", PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = Session.objects.get(session_key=key).expire_date
    with time_machine.travel(start + timedelta(seconds=50), tick=False):
        assert client.get(dashboard, {"year": 2024}).status_code == 200
    assert Session.objects.get(session_key=key).expire_date == stored
    with time_machine.travel(start + timedelta(seconds=70), tick=False):
        assert client.get(dashboard, {"year": 2024}).status_code == 200
        assert Session.objects.get(session_key=key).expire_date == (
            timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        )


@pytest.mark.django_db
def test_roles():
    officer = UserFactory(role="officer")
    reader = UserFactory(role="reader")
    superuser = UserFactory(role="admin")
    nobody = UserFactory(role=None)
    assert has_role(officer, OFFICER) and not has_role(officer, READER)
    assert has_role(reader, READER) and not has_role(reader, OFFICER)
    assert has_role(superuser, OFFICER) and has_role(superuser, READER)
    assert not has_role(nobody, OFFICER, READER)
    assert not has_role(AnonymousUser(), OFFICER)
    officer.is_active = False
    assert not has_role(officer, OFFICER)


@pytest.mark.django_db
def test_a_user_without_a_role_is_refused_the_dashboard(client):
    client.force_login(UserFactory(role=None))
    assert client.get(reverse("promises:dashboard")).status_code == 403
