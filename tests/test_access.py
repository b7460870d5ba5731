"""Walks every URL pattern of the project against the access table in ``config/access.py``."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from config.access import ACCESS_TABLE, NAMESPACE_ACCESS, ROLES, Outcome, access_for
from promises.models import (
    AnnualReport,
    BoroughArea,
    Organisation,
    PolicingArea,
    Promise,
    ReportStatus,
)
from promises.services import annual_report_approve, promises_renew_through
from safety_inventory.demo import ensure_sites
from safety_inventory.models import Signal, SignalSource, Site
from safety_inventory.services import activity_create, signal_receive
from tests.promises.factories import UserFactory
from weekend_ops.demo import ensure_hotspots
from weekend_ops.links import cancel_token
from weekend_ops.models import CalendarToken, Meeting, Shift, ShiftStatus
from weekend_ops.rules import LOCAL_TZ
from weekend_ops.services import registration_create, shift_cancel, shift_create

User = get_user_model()


# Patterns whose enclosing include() takes arguments (allauth's ``keys/<int:pk>/edit/``).
_UNDER_ARGUMENTS: set[int] = set()


def _has_groups(entry) -> bool:
    return bool(entry.pattern.regex.groupindex) or entry.pattern.regex.groups > 0


def named_patterns(
    resolver=None, namespace: str = "", inherited: bool = False
) -> list[tuple[str, URLPattern]]:
    """Every named URL pattern, with its namespaced name (``promises:home``)."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += named_patterns(entry, inner, inherited or _has_groups(entry))
        elif isinstance(entry, URLPattern) and entry.name:
            if inherited:
                _UNDER_ARGUMENTS.add(id(entry))
            found.append((f"{namespace}{entry.name}", entry))
    return found


def takes_arguments(pattern: URLPattern) -> bool:
    return id(pattern) in _UNDER_ARGUMENTS or _has_groups(pattern)


def a_past_planned_shift() -> dict:
    shift = shift_create(
        policing_area=PolicingArea.objects.get(slug="farsta"),
        start=datetime(2024, 5, 17, 18, tzinfo=LOCAL_TZ),
        end=datetime(2024, 5, 18, 2, tzinfo=LOCAL_TZ),
        officers=[UserFactory(role="officer")],
        status=ShiftStatus.PLANNED,
    )
    return {"pk": shift.pk}


def a_cancelled_shift() -> dict:
    shift = Shift.objects.get(pk=a_past_planned_shift()["pk"])
    shift_cancel(shift=shift)
    return {"pk": shift.pk}


def a_hotspot() -> dict:
    return {"pk": ensure_hotspots(PolicingArea.objects.get(slug="farsta"))[0].pk}


def a_site() -> Site:
    return ensure_sites(PolicingArea.objects.get(slug="farsta"))[0]


def an_activity() -> dict:
    return {"pk": activity_create(site=a_site()).pk}


def an_open_flag() -> dict:
    site = a_site()
    signal_receive(
        district=site.district,
        site=site,
        category="lighting",
        description="Mörkt",
        source=SignalSource.OFFICER,
    )
    return {"pk": site.flags.get().pk}


def a_signal() -> Signal:
    return signal_receive(
        district=a_site().district, place_text="Parken", category="lighting", description="Mörkt"
    )


def a_meeting() -> Meeting:
    start = timezone.now() + timedelta(days=10)
    return Meeting.objects.create(
        borough=BoroughArea.objects.get(slug="vantor"),
        title="Samverkansmöte Vantör",
        start=start,
        end=start + timedelta(hours=2),
        venue="Hagsätra medborgarhus",
        seats=10,
        registration_deadline=start - timedelta(days=1),
    )


def an_organisation_to_review() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name="Nytt bolag", defaults={"status": "to_review"}
    )
    return organisation


def a_cancel_link(role: str) -> dict:
    """The partner holds the real link; everyone else tries one with a changed signature."""
    registration, _ = registration_create(
        meeting=a_meeting(),
        name="Partner",
        organisation=Organisation.objects.get_or_create(name="Väktarbolaget")[0],
        email="partner@example.org",
        consent=True,
    )
    token = cancel_token(registration)
    return {"token": token if role == "partner" else token[:-4] + "AAAA"}


def a_calendar_token(role: str) -> dict:
    """Staff ask with their own secret; the others with one that is not anybody's."""
    username = {"officer": "officer", "admin": "superuser"}.get(role)
    if username is None:
        return {"token": "not-a-real-token"}
    return {"token": CalendarToken.objects.create(user=User.objects.get(username=username)).token}


def an_approved_year() -> dict:
    """2024's report, approved once however often a test asks."""
    if not AnnualReport.objects.filter(year=2024, status=ReportStatus.APPROVED).exists():
        annual_report_approve(
            area=PolicingArea.objects.get(slug="farsta"),
            year=2024,
            user=UserFactory(username="chef"),
        )
    return {"year": 2024}


# Arguments for each URL that takes some (a function of the role asking).
SAMPLE_ARGUMENTS = {
    "promises:mail_resend": lambda role: {"pk": "00000000-0000-0000-0000-000000000000"},
    "account_confirm_email": lambda role: {"key": "not-a-key"},
    "account_reset_password_from_key": lambda role: {"uidb36": "zz", "key": "not-a-key"},
    "mfa_edit_webauthn": lambda role: {"pk": 999999},
    "mfa_remove_webauthn": lambda role: {"pk": 999999},
    "promises:followup_export": lambda role: {"fmt": "xlsx"},
    "promises:organisation_accept": lambda role: {"pk": an_organisation_to_review().pk},
    "promises:organisation_merge": lambda role: {"pk": an_organisation_to_review().pk},
    "promises:followup_pdf": lambda role: {"year": 2024},
    "promises:followup_narratives": lambda role: {"year": 2024},
    "promises:followup_approve": lambda role: {"year": 2024},
    "promises:report_public": lambda role: an_approved_year(),
    "promises:report_public_pdf": lambda role: an_approved_year(),
    "promises:open_data": lambda role: {"year": 2024, "fmt": "csv"},
    "promises:area_home": lambda role: {"area": "farsta"},
    "promises:area_report_archive": lambda role: {"area": "farsta"},
    "promises:area_report_public": lambda role: {"area": "farsta", **an_approved_year()},
    "promises:area_report_public_pdf": lambda role: {"area": "farsta", **an_approved_year()},
    "promises:area_open_data": lambda role: {"area": "farsta", "year": 2024, "fmt": "csv"},
    "api:area_progress": lambda role: {"area": "farsta"},
    "weekend_ops:meeting_register": lambda role: {"token": a_meeting().invitation_token},
    "weekend_ops:registration_cancel": a_cancel_link,
    "weekend_ops:calendar_feed": a_calendar_token,
    "weekend_ops:meeting_detail": lambda role: {"pk": a_meeting().pk},
    "weekend_ops:meeting_update": lambda role: {"pk": a_meeting().pk},
    "weekend_ops:meeting_attendance": lambda role: {"pk": a_meeting().pk},
    "weekend_ops:meeting_cancel": lambda role: {"pk": a_meeting().pk},
    "weekend_ops:attendance_export": lambda role: {"pk": a_meeting().pk, "fmt": "csv"},
    "safety_inventory:signal_track": lambda role: {"code": a_signal().tracking_code},
    "safety_inventory:signal_link": lambda role: {"pk": a_signal().pk},
    "safety_inventory:site_detail": lambda role: {"pk": a_site().pk},
    "safety_inventory:activity_create": lambda role: {"site_pk": a_site().pk},
    "safety_inventory:activity_detail": lambda role: an_activity(),
    "safety_inventory:activity_update": lambda role: an_activity(),
    "safety_inventory:flag_answer": lambda role: an_open_flag(),
    "safety_inventory:flag_dismiss": lambda role: an_open_flag(),
    "safety_inventory:export": lambda role: {"what": "aktiviteter", "fmt": "xlsx"},
    "weekend_ops:capability_export": lambda role: {"fmt": "xlsx"},
    "weekend_ops:shift_detail": lambda role: a_past_planned_shift(),
    "weekend_ops:shift_update": lambda role: a_past_planned_shift(),
    "weekend_ops:shift_complete": lambda role: a_past_planned_shift(),
    "weekend_ops:shift_cancel": lambda role: a_past_planned_shift(),
    "weekend_ops:shift_restore": lambda role: a_cancelled_shift(),
    "weekend_ops:hotspot_update": lambda role: a_hotspot(),
}

ALL_PATTERNS = named_patterns()
# The admin's object pages are covered by its namespace rule and Django's own permission check.
REQUESTABLE = sorted(
    {
        name
        for name, pattern in ALL_PATTERNS
        if not takes_arguments(pattern) or name in SAMPLE_ARGUMENTS
    }
    - {"admin:autocomplete"}  # a JSON endpoint that needs query parameters; admin-only like all
)


def test_every_url_with_arguments_outside_the_admin_has_sample_arguments():
    missing = sorted(
        name
        for name, pattern in ALL_PATTERNS
        if takes_arguments(pattern)
        and not name.startswith("admin:")
        and name not in SAMPLE_ARGUMENTS
    )
    assert missing == [], f"add sample arguments for {missing} in tests/test_access.py"


def test_every_url_pattern_is_in_the_access_table():
    undeclared = sorted({name for name, _ in ALL_PATTERNS if access_for(name) is None})
    assert undeclared == [], f"add these URL names to config/access.py: {undeclared}"


def test_the_access_table_names_only_urls_that_exist():
    names = {name for name, _ in ALL_PATTERNS}
    assert sorted(set(ACCESS_TABLE) - names) == []
    namespaces = {name.rpartition(":")[0] for name in names}
    assert sorted(set(NAMESPACE_ACCESS) - namespaces) == []


@pytest.fixture(autouse=True)
def promises_up_to_this_year(db):
    """The state of a running portal: the reference promises renewed up to the current year."""
    promises_renew_through(
        promises=Promise.objects.in_year(2024), last_year=timezone.localdate().year
    )


def observed_outcome(response, login_url: str, admin_login_url: str) -> Outcome:
    if response.status_code == 200:
        return Outcome.OK
    if response.status_code == 403:
        return Outcome.FORBIDDEN
    if response.status_code == 404:
        return Outcome.NOT_FOUND
    if response.status_code == 400:
        return Outcome.BAD_LINK
    if response.status_code in (301, 302):
        location = response.headers["Location"]
        if location.startswith(admin_login_url):
            return Outcome.ADMIN_LOGIN
        if location.startswith(login_url):
            return Outcome.LOGIN
        return Outcome.REDIRECT
    return Outcome(str(response.status_code))  # fails with the unexpected status in the message


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", REQUESTABLE)
def test_each_role_gets_what_the_table_declares(url_name, role, role_client):
    access = access_for(url_name)
    client = role_client(role)
    url = reverse(
        url_name, kwargs=SAMPLE_ARGUMENTS[url_name](role) if url_name in SAMPLE_ARGUMENTS else None
    )
    response = client.post(url) if access.method == "POST" else client.get(url)
    outcome = observed_outcome(response, reverse(settings.LOGIN_URL), reverse("admin:login"))
    assert outcome == access.for_role(role), f"{role} on {url_name} ({url})"


def test_the_walk_reaches_the_portals_own_pages():
    # A guard for the walk itself: if it stopped finding patterns, the tests above would pass.
    assert {"promises:home", "promises:dashboard", "api:progress", "login"} <= set(REQUESTABLE)
    assert any(name.startswith("admin:") for name in REQUESTABLE)


CITIZEN_TEXT = "Tipstext-som-bara-poliser-läser"
CITIZEN_EMAIL = "tipsare@example.org"


def a_site_with_a_citizens_tip() -> Site:
    site = a_site()
    signal_receive(
        district=site.district,
        site=site,
        category="lighting",
        description=CITIZEN_TEXT,
        email=CITIZEN_EMAIL,
        consent=True,
    )
    return site


# Pages staff share with readers and everyone: what a citizen wrote is for officers only.
SHARED_GET_PAGES = sorted(
    name
    for name in REQUESTABLE
    if access_for(name).method == "GET"
    and access_for(name).reader == Outcome.OK
    and not name.startswith("admin:")
)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "reader"])
@pytest.mark.parametrize("url_name", SHARED_GET_PAGES)
def test_shared_pages_never_show_a_citizens_tip_to_readers_or_the_public(
    url_name, role, role_client
):
    site = a_site_with_a_citizens_tip()
    arguments = SAMPLE_ARGUMENTS[url_name](role) if url_name in SAMPLE_ARGUMENTS else None
    if url_name == "safety_inventory:site_detail":
        arguments = {"pk": site.pk}
    response = role_client(role).get(reverse(url_name, kwargs=arguments))
    body = response.content.decode(errors="replace")
    assert CITIZEN_TEXT not in body and CITIZEN_EMAIL not in body, url_name


@pytest.mark.django_db
def test_the_site_page_shows_tips_to_officers_and_only_their_category_to_readers(role_client):
    site = a_site_with_a_citizens_tip()
    url = reverse("safety_inventory:site_detail", args=[site.pk])
    reader_page = role_client("reader").get(url).content.decode()
    assert "Signal från medborgare" in reader_page and "Belysning" in reader_page
    assert CITIZEN_TEXT not in reader_page
    assert CITIZEN_TEXT in role_client("officer").get(url).content.decode()
