import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.demo import DEMO_LOGINS
from promises.models import Promise


def snapshot() -> dict[str, list]:
    """Every row of every model of ours and of auth, without audit tables."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"promises", "weekend_ops", "safety_inventory", "auth"}
        and not m._meta.label.split(".")[1].startswith("Historical")
    ]
    return {m._meta.label: sorted(map(repr, m.objects.values_list())) for m in models}


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_rows():
    call_command("seed_demo", allow_without_debug=True)
    first = snapshot()
    call_command("seed_demo", allow_without_debug=True)
    assert snapshot() == first
    assert Promise.objects.years() == list(range(2024, timezone.localdate().year + 1))


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_the_demo_officer_can_log_in_with_the_printed_password(capsys):
    call_command("seed_demo", allow_without_debug=True)
    officer = next(login for login in DEMO_LOGINS if login.role == "officer")
    assert f"{officer.username} / {officer.password}" in capsys.readouterr().out
    client = Client()
    response = client.post(
        reverse("login"), {"username": officer.username, "password": officer.password}
    )
    assert response.status_code == 302
    assert client.get(reverse("promises:dashboard")).status_code == 200
