"""purge_personal_data purges every copy (issue 13, §3): a probe value planted in every kind of
personal data through the real code paths is found in no column of any table afterwards."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from promises.models import Organisation
from safety_inventory.models import Signal
from safety_inventory.services import signal_receive
from tests.test_access import a_meeting, a_site
from weekend_ops.models import Registration
from weekend_ops.services import registration_create

PROBE = "Zyxprobe"


def columns_holding(value: str) -> list[str]:
    """Every table.column of the database whose text holds ``value``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                quoted_table = connection.ops.quote_name(table)
                quoted_column = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} "  # noqa: S608 (names from introspection)
                    f"WHERE CAST({quoted_column} AS TEXT) LIKE %s",
                    [f"%{value}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def plant_the_probe(client, superuser) -> None:
    meeting = a_meeting()
    organisation = Organisation.objects.create(name="Väktarbolaget")
    for n in (1, 2):
        registration_create(
            meeting=meeting,
            name=f"{PROBE} Partner{n}",
            organisation=organisation,
            email=f"{PROBE.lower()}{n}@example.org",
            phone="070-123 45 67",
            role=f"{PROBE}-roll",
            consent=True,
        )
    # One is deleted in the admin: its history rows and the admin log keep its name.
    client.force_login(superuser)
    deleted = Registration.objects.get(name=f"{PROBE} Partner1")
    url = reverse("admin:weekend_ops_registration_delete", args=[deleted.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    client.logout()
    signal_receive(
        district=a_site().district,
        place_text=f"Parken vid {PROBE}",
        category="lighting",
        description=f"Mörkt, {PROBE} såg det",
        email=f"tips.{PROBE.lower()}@example.org",
        consent=True,
    )
    # A failed sign-in: axes records the username tried.
    client.post(reverse("login"), {"login": PROBE, "password": "fel-lösenord-123"})


@pytest.mark.django_db
def test_purge_leaves_no_probe_value_in_any_table(client, superuser, settings):
    settings.PORTAL_REQUIRE_MFA = False
    plant_the_probe(client, superuser)
    planted = columns_holding(PROBE) + columns_holding(PROBE.lower())
    # The probe did reach the copies this test is about.
    assert any("historicalregistration" in c for c in planted), planted
    # The admin log records the deletion, but without the partner's name (Registration.__str__).
    assert LogEntry.objects.filter(content_type__model="registration").exists()
    assert "django_admin_log.object_repr" not in planted
    assert any(c.startswith("axes_") for c in planted), planted
    assert any("signal" in c for c in planted), planted

    with time_machine.travel(timezone.now() + timedelta(days=2 * 365)):
        call_command("purge_personal_data", verbosity=0)

    assert columns_holding(PROBE) == []
    assert columns_holding(PROBE.lower()) == []
    # The figures stay: the kept registration and the tip are still there.
    assert Registration.objects.count() == 1
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_purge_keeps_what_is_recent(client, superuser, settings):
    settings.PORTAL_REQUIRE_MFA = False
    plant_the_probe(client, superuser)
    call_command("purge_personal_data", verbosity=0)
    assert Signal.objects.get().description == f"Mörkt, {PROBE} såg det"
