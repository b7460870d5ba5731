"""Walks every URL pattern of the project against the access table in ``config/access.py``,
and, for staff pages, against a second policing area's data (the area dimension, issue 14)."""

import inspect
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from config.access import ACCESS_TABLE, NAMESPACE_ACCESS, ROLES, Outcome, access_for
from promises.areas import SESSION_KEY
from promises.models import (
    AnnualReport,
    BoroughArea,
    District,
    Organisation,
    PolicingArea,
    Promise,
    PromiseNarrative,
    ReportStatus,
)
from promises.services import annual_report_approve, promises_renew_through
from safety_inventory.demo import ensure_sites
from safety_inventory.models import Activity, Flag, Measure, Signal, SignalSource, Site
from safety_inventory.services import activity_create, signal_receive, site_create
from tests.promises.factories import (
    BoroughAreaFactory,
    DistrictFactory,
    PolicingAreaFactory,
    PromiseFactory,
    UserFactory,
)
from weekend_ops.demo import ensure_hotspots
from weekend_ops.links import cancel_token
from weekend_ops.models import CalendarToken, Hotspot, Meeting, Registration, Shift, ShiftStatus
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


@dataclass(frozen=True)
class AreaSample:
    """What the sample builders make in one policing area, and the names that give it away.

    ``markers`` are names only this area's data holds (its districts, the places, meeting and
    officer the builders make): a page or export shown to staff of another area that contains
    one has leaked this area's data. (Not the area's or boroughs' names: a menu may list areas.)
    """

    slug: str
    name: str
    boroughs: dict  # borough (slug, name) -> its districts [(slug, name)]
    officer_surname: str  # the officers the samples put on shifts
    meeting_borough: str
    meeting_title: str
    meeting_venue: str
    signal_place: str
    measure: str  # an overdue measure at its site
    markers: tuple[str, ...]
    hotspot: tuple[str, str] = ("", "")  # (district slug, name); Farsta: its demo hotspots
    site: tuple[str, str] = ("", "")  # (district slug, name); Farsta: its demo sites


FIRST_AREA = AreaSample(
    slug="farsta",
    name="Farsta",
    boroughs={},  # the reference data (migrations) made them
    officer_surname="Tallkrogsdotter",
    meeting_borough="vantor",
    meeting_title="Samverkansmöte Vantör",
    meeting_venue="Hagsätra medborgarhus",
    signal_place="Parken",
    measure="Ny belysning i Tallkrogen",
    # Districts, a demo hotspot (ensure_hotspots) and site (ensure_sites), the samples' texts.
    # ("Hagsätra torg" is not one: the tip form's help text names it as an example.)
    markers=(
        "Hökarängen",
        "Tallkrogen",
        "Bandhagen",
        "Farsta centrum",
        "Gubbängstorget",
        "Samverkansmöte Vantör",
        "Tallkrogsdotter",
    ),
)
SECOND_AREA = AreaSample(
    slug="skarholmen",
    name="Skärholmen",
    boroughs={
        ("skarholmen", "Skärholmen"): [("varberg", "Vårberg"), ("bredang", "Bredäng")],
    },
    officer_surname="Vårbergsdotter",
    meeting_borough="skarholmen",
    meeting_title="Samverkansmöte Vårberg",
    meeting_venue="Vårbergs medborgarhus",
    signal_place="Bredängsparken",
    measure="Ny belysning i Vårberg",
    markers=("Vårberg", "Bredäng"),  # every sample name below holds one
    hotspot=("varberg", "Vårbergstoppen"),
    site=("bredang", "Bredängs torg"),
)
AREA_SAMPLES = {sample.slug: sample for sample in (FIRST_AREA, SECOND_AREA)}


def the_area(area: PolicingArea | None = None) -> PolicingArea:
    """``area``, or Farsta (the reference data's area) when the caller names none."""
    return area or PolicingArea.objects.get(slug=FIRST_AREA.slug)


def a_second_area() -> PolicingArea:
    """Skärholmen beside Farsta, as an administrator adds it: boroughs, districts, promises from
    2024 to this year (30 weekends, 2 places), through the factories. Idempotent."""
    sample = SECOND_AREA
    area = PolicingAreaFactory(slug=sample.slug, name=sample.name)
    for (borough_slug, borough_name), districts in sample.boroughs.items():
        borough = BoroughAreaFactory(policing_area=area, slug=borough_slug, name=borough_name)
        for slug, name in districts:
            DistrictFactory(borough=borough, slug=slug, name=name)
    for year in range(2024, timezone.localdate().year + 1):
        PromiseFactory(
            policing_area=area,
            year=year,
            kind="weekend_collaboration",
            title="Helgsamverkan i Vårberg och Bredäng",
            target=30,
        )
        PromiseFactory(
            policing_area=area,
            year=year,
            kind="safety_inventory",
            title="Trygghet i fokus i Bredäng",
            summary="Trygghetsinventeringar på två platser om året.",
            target=2,
        )
    return area


def _sample_of(area: PolicingArea) -> AreaSample:
    return AREA_SAMPLES[area.slug]


def _district(area: PolicingArea, slug: str) -> District:
    return District.objects.of_area(area).get(slug=slug)


def a_past_planned_shift(area: PolicingArea | None = None) -> dict:
    area = the_area(area)
    shift = shift_create(
        policing_area=area,
        # 2025: a past year that no sample signs (2024 is the approved one).
        start=datetime(2025, 5, 16, 18, tzinfo=LOCAL_TZ),
        end=datetime(2025, 5, 17, 2, tzinfo=LOCAL_TZ),
        officers=[
            UserFactory(role="officer", areas=[area], last_name=_sample_of(area).officer_surname)
        ],
        status=ShiftStatus.PLANNED,
    )
    return {"pk": shift.pk}


def a_cancelled_shift(area: PolicingArea | None = None) -> dict:
    shift = Shift.objects.get(pk=a_past_planned_shift(area)["pk"])
    shift_cancel(shift=shift)
    return {"pk": shift.pk}


def a_hotspot(area: PolicingArea | None = None) -> dict:
    area = the_area(area)
    sample = _sample_of(area)
    if not sample.hotspot[0]:
        return {"pk": ensure_hotspots(area)[0].pk}
    hotspot, _ = Hotspot.objects.get_or_create(
        district=_district(area, sample.hotspot[0]),
        name=sample.hotspot[1],
        defaults={
            "window_start": time(20, 0),
            "window_end": time(2, 0),
            "picture_date": date(2024, 1, 15),
        },
    )
    return {"pk": hotspot.pk}


def a_site(area: PolicingArea | None = None) -> Site:
    area = the_area(area)
    sample = _sample_of(area)
    if not sample.site[0]:
        return ensure_sites(area)[0]
    district = _district(area, sample.site[0])
    site = Site.objects.filter(district=district, name=sample.site[1]).first()
    return site or site_create(district=district, name=sample.site[1])


def an_activity(area: PolicingArea | None = None) -> dict:
    return {"pk": activity_create(site=a_site(area)).pk}


def an_open_flag(area: PolicingArea | None = None) -> dict:
    site = a_site(area)
    signal_receive(
        district=site.district,
        site=site,
        category="lighting",
        description="Mörkt",
        source=SignalSource.OFFICER,
    )
    return {"pk": site.flags.get().pk}


def a_signal(area: PolicingArea | None = None) -> Signal:
    area = the_area(area)
    return signal_receive(
        district=a_site(area).district,
        place_text=_sample_of(area).signal_place,
        category="lighting",
        description="Mörkt",
    )


def a_meeting(area: PolicingArea | None = None) -> Meeting:
    area = the_area(area)
    sample = _sample_of(area)
    start = timezone.now() + timedelta(days=10)
    return Meeting.objects.create(
        borough=BoroughArea.objects.of_area(area).get(slug=sample.meeting_borough),
        title=sample.meeting_title,
        start=start,
        end=start + timedelta(hours=2),
        venue=sample.meeting_venue,
        seats=10,
        registration_deadline=start - timedelta(days=1),
    )


def an_organisation_to_review(area: PolicingArea | None = None) -> Organisation:
    """A name a partner typed registering for a meeting of ``area`` (reviewed per area)."""
    registration, _ = registration_create(
        meeting=a_meeting(area),
        name="Partner",
        organisation_name=f"Nytt bolag {the_area(area).slug}",
        email=f"ny-{the_area(area).slug}@example.org",
        consent=True,
    )
    return registration.organisation


def a_cancel_link(role: str, area: PolicingArea | None = None) -> dict:
    """The partner holds the real link; everyone else tries one with a changed signature."""
    registration, _ = registration_create(
        meeting=a_meeting(area),
        name="Partner",
        organisation=Organisation.objects.get_or_create(name="Väktarbolaget")[0],
        email="partner@example.org",
        consent=True,
    )
    token = cancel_token(registration)
    return {"token": token if role == "partner" else token[:-4] + "AAAA"}


def a_calendar_token(role: str, area: PolicingArea | None = None) -> dict:
    """Staff ask with their own secret; the others with one that is not anybody's."""
    username = {"officer": "officer", "admin": "superuser"}.get(role)
    if username is None:
        return {"token": "not-a-real-token"}
    return {"token": CalendarToken.objects.create(user=User.objects.get(username=username)).token}


def an_approved_year() -> dict:
    """2024's report, approved once however often a test asks."""
    if not AnnualReport.objects.filter(year=2024, status=ReportStatus.APPROVED).exists():
        area = PolicingArea.objects.get(slug="farsta")
        annual_report_approve(
            area=area,
            year=2024,
            user=UserFactory(username="chef"),
            # Signed with the approver's explicit "ingen kommentar" for each promise.
            no_comment=area.promises.filter(year=2024).values_list("kind", flat=True),
        )
    return {"year": 2024}


def dialogue_rounds(area: PolicingArea | None = None) -> dict:
    """A round of last year (closed: its results are public) and one open now, in ``area``."""
    from dialogue.models import Round
    from dialogue.services import round_save

    area = the_area(area)
    today = timezone.localdate()
    rounds = {}
    for key, year, opens, closes in (
        ("closed", today.year - 1, date(today.year - 1, 3, 1), date(today.year - 1, 4, 30)),
        ("open", today.year, today - timedelta(days=3), today + timedelta(days=30)),
    ):
        rounds[key] = Round.objects.of_area(area).filter(year=year).first() or round_save(
            policing_area=area,
            year=year,
            title="Trygghetsdialog",
            opens_on=opens,
            closes_on=closes,
            districts=District.objects.of_area(area)[:3],
        )
    return rounds


def a_dialogue_answer(area: PolicingArea | None = None) -> dict:
    from dialogue.services import answer_create

    round = dialogue_rounds(area)["open"]
    district = round.districts.first()
    answer = answer_create(
        round=round,
        group="public",
        relations=["lives"],
        district=district,
        safety_day="very_safe",
        safety_evening="neither",
        place_district=district,
        place_text="Gångtunneln",
    )
    return {"pk": answer.pk}


def a_dialogue_link(role: str, area: PolicingArea | None = None) -> dict:
    from dialogue.tokens import way_in_token

    round = dialogue_rounds(area)["open"]
    return {
        "area": the_area(area).slug,
        "token": way_in_token(round_id=round.pk, group="partner"),
    }


# Arguments for each URL that takes some: a function of the role asking and of the area whose
# object it names (None: Farsta).
SAMPLE_ARGUMENTS = {
    "promises:mail_resend": lambda role, area=None: {"pk": "00000000-0000-0000-0000-000000000000"},
    "account_confirm_email": lambda role, area=None: {"key": "not-a-key"},
    "account_reset_password_from_key": lambda role, area=None: {"uidb36": "zz", "key": "not-a-key"},
    "mfa_edit_webauthn": lambda role, area=None: {"pk": 999999},
    "mfa_remove_webauthn": lambda role, area=None: {"pk": 999999},
    "promises:followup_export": lambda role, area=None: {"fmt": "xlsx"},
    "promises:organisation_accept": lambda role, area=None: {
        "pk": an_organisation_to_review(area).pk
    },
    "promises:organisation_merge": lambda role, area=None: {
        "pk": an_organisation_to_review(area).pk
    },
    "promises:followup_pdf": lambda role, area=None: {"year": 2024},
    "promises:followup_narratives": lambda role, area=None: {"year": 2024},
    "promises:followup_approve": lambda role, area=None: {"year": 2024},
    "promises:report_public": lambda role, area=None: an_approved_year(),
    "promises:report_public_pdf": lambda role, area=None: an_approved_year(),
    "promises:open_data": lambda role, area=None: {"year": 2024, "fmt": "csv"},
    "promises:area_home": lambda role, area=None: {"area": the_area(area).slug},
    "promises:area_about": lambda role, area=None: {"area": the_area(area).slug},
    "promises:area_accessibility": lambda role, area=None: {"area": the_area(area).slug},
    "promises:area_report_archive": lambda role, area=None: {"area": the_area(area).slug},
    "promises:area_report_public": lambda role, area=None: {
        "area": the_area(area).slug,
        **an_approved_year(),
    },
    "promises:area_report_public_pdf": lambda role, area=None: {
        "area": the_area(area).slug,
        **an_approved_year(),
    },
    "promises:area_open_data": lambda role, area=None: {
        "area": the_area(area).slug,
        "year": 2024,
        "fmt": "csv",
    },
    "api:area_progress": lambda role, area=None: {"area": the_area(area).slug},
    "weekend_ops:meeting_register": lambda role, area=None: {
        "token": a_meeting(area).invitation_token
    },
    "weekend_ops:area_meeting_list": lambda role, area=None: {"area": the_area(area).slug},
    "weekend_ops:registration_cancel": a_cancel_link,
    "weekend_ops:calendar_feed": a_calendar_token,
    "weekend_ops:meeting_detail": lambda role, area=None: {"pk": a_meeting(area).pk},
    "weekend_ops:meeting_update": lambda role, area=None: {"pk": a_meeting(area).pk},
    "weekend_ops:meeting_attendance": lambda role, area=None: {"pk": a_meeting(area).pk},
    "weekend_ops:meeting_cancel": lambda role, area=None: {"pk": a_meeting(area).pk},
    "weekend_ops:attendance_export": lambda role, area=None: {
        "pk": a_meeting(area).pk,
        "fmt": "csv",
    },
    "safety_inventory:area_signal_create": lambda role, area=None: {"area": the_area(area).slug},
    "safety_inventory:signal_track": lambda role, area=None: {"code": a_signal(area).tracking_code},
    "safety_inventory:signal_link": lambda role, area=None: {"pk": a_signal(area).pk},
    "safety_inventory:site_detail": lambda role, area=None: {"pk": a_site(area).pk},
    "safety_inventory:activity_create": lambda role, area=None: {"site_pk": a_site(area).pk},
    "safety_inventory:activity_detail": lambda role, area=None: an_activity(area),
    "safety_inventory:activity_update": lambda role, area=None: an_activity(area),
    "safety_inventory:flag_answer": lambda role, area=None: an_open_flag(area),
    "safety_inventory:flag_dismiss": lambda role, area=None: an_open_flag(area),
    "safety_inventory:export": lambda role, area=None: {"what": "aktiviteter", "fmt": "xlsx"},
    "weekend_ops:capability_export": lambda role, area=None: {"fmt": "xlsx"},
    "weekend_ops:shift_detail": lambda role, area=None: a_past_planned_shift(area),
    "weekend_ops:shift_update": lambda role, area=None: a_past_planned_shift(area),
    "weekend_ops:shift_complete": lambda role, area=None: a_past_planned_shift(area),
    "weekend_ops:shift_cancel": lambda role, area=None: a_past_planned_shift(area),
    "weekend_ops:shift_restore": lambda role, area=None: a_cancelled_shift(area),
    "weekend_ops:hotspot_update": lambda role, area=None: a_hotspot(area),
    "dialogue:answer": lambda role, area=None: {"area": the_area(area).slug},
    "dialogue:answer_link": a_dialogue_link,
    "dialogue:thanks": lambda role, area=None: {"area": the_area(area).slug},
    "dialogue:results": lambda role, area=None: {
        "area": the_area(area).slug,
        **({} if dialogue_rounds(area) else {}),
    },
    "dialogue:open_data": lambda role, area=None: {
        "area": the_area(area).slug,
        "year": dialogue_rounds(area)["closed"].year,
        "fmt": "csv",
    },
    "dialogue_api:area_dialogue": lambda role, area=None: {
        "area": the_area(area).slug,
        **({} if dialogue_rounds(area) else {}),
    },
    "dialogue:round_detail": lambda role, area=None: {"pk": dialogue_rounds(area)["open"].pk},
    "dialogue:round_update": lambda role, area=None: {"pk": dialogue_rounds(area)["open"].pk},
    "dialogue:poster": lambda role, area=None: {"pk": dialogue_rounds(area)["open"].pk},
    "dialogue:answers": lambda role, area=None: {"pk": dialogue_rounds(area)["open"].pk},
    "dialogue:citation_create": lambda role, area=None: {"pk": dialogue_rounds(area)["open"].pk},
    "dialogue:place_follow_up": lambda role, area=None: a_dialogue_answer(area),
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


# --- The area dimension (issue 14): staff see and change only their own areas' data ---------
#
# Every URL an officer, reader or approver may use is requested by staff of one area against a
# second area's data, in both directions (Farsta staff at Skärholmen's data, and the other way
# round, so that a view still serving the default area is caught too):
# - a URL that names an object (``OBJECT_KWARGS``) is built for the other area's sample object
#   and must answer 403 or 404, for a GET and for a POST, and leave that area's data unchanged;
# - any other URL (lists, forms, exports, the follow-up of a year) is the asker's area's page:
#   it must not show the other area's names (``AreaSample.markers``), and a POST must leave the
#   other area's data unchanged.
# The walk is generated from the access table: a new URL is covered, or listed below with why.

STAFF_ROLES = ("officer", "reader", "approver")
OBJECT_KWARGS = {"pk", "site_pk", "token", "code"}  # name one object, which belongs to one area
PLAIN_KWARGS = {"year", "fmt", "what"}  # name no object: the page is of the asker's area

# Staff pages the area walk leaves out, each with why.
AREA_EXEMPT = {
    "login": "signing in: no area's data",
    "logout": "signing out: no area's data",
    # The task queue's failed e-mail carries no area yet: every officer sees all of it.
    "promises:mail_failed": "failed e-mail is the task queue's, which has no area",
    "promises:mail_resend": "failed e-mail is the task queue's, which has no area",
    # PRODUCT.md, "Words": one register of partner organisations, shared by every area; the
    # review lists the names the area's records use, with every area using them (so another
    # area's name may show), tested in tests/integration/test_organisation_review_per_area.py.
    "promises:organisation_review": "names used in several areas show with each of them",
    # Choosing an area shows no data; refusing a foreign area is tested in test_areas.py.
    "promises:area_choose": "switches among the user's own areas; shows no area's data",
}
AREA_EXEMPT_PREFIXES = {
    "account_": "the user's own account (allauth): no area's data",
    "mfa_": "the user's own second factor: no area's data",
    "admin:": "superusers only, and a superuser sees every area",
}
# Arguments that are the asker's own rather than an object of an area: the calendar feed answers
# its secret (calendar apps send no cookie), so each user asks with their own; it must hold
# only their areas' meetings.
OWN_ARGUMENTS = {
    "weekend_ops:calendar_feed": lambda user: {
        "token": CalendarToken.objects.create(user=user).token
    },
}


def area_exemption(url_name: str) -> str | None:
    if url_name in AREA_EXEMPT:
        return AREA_EXEMPT[url_name]
    for prefix, reason in AREA_EXEMPT_PREFIXES.items():
        if url_name.startswith(prefix):
            return reason
    return None


def may_use(access, role: str) -> bool:
    return access.for_role(role) in (Outcome.OK, Outcome.REDIRECT)


def allowed_staff_roles(access) -> list[str]:
    """The staff roles the area walk asks as: those the table lets use the URL (a page, or a
    POST that does its work); the approver only where the table gives it a line of its own
    (otherwise it gets what a reader gets, and the reader is asked)."""
    roles = ["officer", "reader"] + (["approver"] if access.approver is not None else [])
    return [role for role in roles if may_use(access, role)]


def area_kind(url_name: str, pattern: URLPattern) -> str:
    """How the area walk treats a URL: exempt, public, object, list; unknown fails the walk."""
    if area_exemption(url_name):
        return "exempt"
    access = access_for(url_name)
    if access is None:
        return "unknown (not in the access table)"
    if Outcome.OK in (access.anonymous, access.partner):
        return "public"  # open to everyone, so no area's staff need be kept from it
    if not allowed_staff_roles(access):
        return "unknown (no staff role may use it: exempt it, saying why)"
    kwargs = set(pattern.pattern.regex.groupindex)
    if not kwargs <= OBJECT_KWARGS | PLAIN_KWARGS:
        return f"unknown (arguments {sorted(kwargs - OBJECT_KWARGS - PLAIN_KWARGS)})"
    if url_name in OWN_ARGUMENTS:
        return "list"
    if kwargs and url_name not in SAMPLE_ARGUMENTS:
        return "unknown (no sample arguments)"
    if kwargs and "area" not in inspect.signature(SAMPLE_ARGUMENTS[url_name]).parameters:
        return "unknown (its sample arguments take no area: lambda role, area=None: ...)"
    return "object" if kwargs & OBJECT_KWARGS else "list"


AREA_KINDS = {name: area_kind(name, pattern) for name, pattern in ALL_PATTERNS}
AREA_OBJECT_URLS = sorted(name for name, kind in AREA_KINDS.items() if kind == "object")
AREA_LIST_URLS = sorted(name for name, kind in AREA_KINDS.items() if kind == "list")
# (the area whose staff ask, the area whose data they must not reach)
DIRECTIONS = [
    pytest.param(FIRST_AREA.slug, SECOND_AREA.slug, id="farsta-staff"),
    pytest.param(SECOND_AREA.slug, FIRST_AREA.slug, id="skarholmen-staff"),
]


def test_every_staff_url_is_in_the_area_walk_or_exempt_with_a_reason():
    unknown = {name: kind for name, kind in AREA_KINDS.items() if kind.startswith("unknown")}
    assert unknown == {}, "classify these for the area walk in tests/test_access.py"
    names = {name for name, _ in ALL_PATTERNS}
    assert sorted(set(AREA_EXEMPT) - names) == [], "exempted URL names that no longer exist"
    assert sorted(set(OWN_ARGUMENTS) - set(AREA_LIST_URLS)) == []


def test_the_area_walk_reaches_officer_objects_lists_and_exports():
    # A guard for the walk itself: if it classified nothing, the area tests would pass.
    assert {
        "weekend_ops:shift_detail",
        "weekend_ops:shift_complete",
        "weekend_ops:meeting_detail",
        "weekend_ops:hotspot_update",
        "safety_inventory:site_detail",
        "safety_inventory:flag_dismiss",
        "safety_inventory:signal_link",
    } <= set(AREA_OBJECT_URLS)
    assert {
        "promises:dashboard",
        "promises:followup_export",
        "weekend_ops:shift_list",
        "weekend_ops:shift_create",
        "weekend_ops:calendar_feed",
        "safety_inventory:signal_list",
        "safety_inventory:export",
    } <= set(AREA_LIST_URLS)


@pytest.fixture
def two_areas(db) -> dict[str, PolicingArea]:
    return {FIRST_AREA.slug: the_area(), SECOND_AREA.slug: a_second_area()}


def area_staff(role: str, area: PolicingArea):
    """A user with ``role`` who belongs to ``area`` only."""
    return UserFactory(username=f"{role}-{area.slug}", role=role, areas=[area])


def every_sample(area: PolicingArea) -> None:
    """One of each kind of sample object in ``area``, for its lists and exports to show."""
    a_past_planned_shift(area)
    a_hotspot(area)
    an_activity(area)
    an_open_flag(area)
    a_signal(area)
    a_meeting(area)
    this_years_work(area)
    dialogue_rounds(area)


def this_years_work(area: PolicingArea) -> None:
    """For the year's lists and exports: a shift on this year's last weekend (in all the area's
    districts) and a dated activity whose measure is overdue."""
    sample = _sample_of(area)
    today = timezone.localdate()
    friday = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    if friday.year == today.year:  # (none yet in the first days of January)
        start = datetime.combine(friday, time(18), tzinfo=LOCAL_TZ)
        shift_create(
            policing_area=area,
            start=start,
            end=start + timedelta(hours=8),
            officers=[UserFactory(role="officer", areas=[area], last_name=sample.officer_surname)],
            districts=District.objects.of_area(area),
        )
    # In Farsta a demo site whose name is a marker (Gubbängstorget); elsewhere the sample site.
    site = a_site(area) if sample.site[0] else ensure_sites(area)[-1]
    activity = activity_create(site=site, date=date(today.year, 1, 2), summary=sample.measure)
    Measure.objects.create(
        activity=activity, what=sample.measure, due_date=today - timedelta(days=1)
    )


def area_state(area: PolicingArea) -> dict[str, list]:
    """Every row of ``area`` that a request could change, as plain values."""
    districts = District.objects.of_area(area)
    meetings = Meeting.objects.of_area(area)
    rows = {
        "promises": Promise.objects.of_area(area),
        "reports": AnnualReport.objects.of_area(area),
        "narratives": PromiseNarrative.objects.filter(promise__in=Promise.objects.of_area(area)),
        "shifts": Shift.objects.of_area(area),
        "hotspots": Hotspot.objects.filter(district__in=districts),
        "meetings": meetings,
        "registrations": Registration.objects.filter(meeting__in=meetings),
        "sites": Site.objects.filter(district__in=districts),
        "activities": Activity.objects.of_area(area),
        "signals": Signal.objects.of_area(area),
        "flags": Flag.objects.of_area(area),
    }
    state = {name: list(query.order_by("pk").values()) for name, query in rows.items()}
    state["shift officers"] = list(
        Shift.officers.through.objects.filter(shift__in=Shift.objects.of_area(area))
        .order_by("pk")
        .values_list("shift_id", "user_id")
    )
    return state


def readable(response) -> str:
    """The text a person would read in the response: a page, a CSV, a workbook, a PDF, a feed."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    text = body.decode("utf-8", errors="replace")
    if content_type.startswith("text/calendar"):
        text = text.replace("\r\n ", "").replace("\\,", ",")  # unfolded, unescaped
    return text


@pytest.mark.django_db
@pytest.mark.parametrize(("asking", "owning"), DIRECTIONS)
@pytest.mark.parametrize("url_name", AREA_OBJECT_URLS)
def test_staff_of_one_area_get_403_or_404_on_every_object_of_another(
    url_name, asking, owning, client, two_areas
):
    asker_area, owner_area = two_areas[asking], two_areas[owning]
    access = access_for(url_name)
    url = reverse(url_name, kwargs=SAMPLE_ARGUMENTS[url_name]("officer", owner_area))
    before = area_state(owner_area)
    wrong = []
    for role in allowed_staff_roles(access):
        client.force_login(area_staff(role, asker_area))
        if access.method == "GET":
            response = client.get(url)
            if response.status_code not in (403, 404):
                wrong.append(f"{role} GET answered {response.status_code}")
        response = client.post(url)  # a GET page's form, or the POST itself: refused, no work
        if response.status_code not in (403, 404, 405):
            wrong.append(f"{role} POST answered {response.status_code}")
        if area_state(owner_area) != before:
            wrong.append(f"{role} POST changed {owner_area.name}'s data")
            before = area_state(owner_area)
    assert wrong == [], f"{asking} staff on {owning}'s {url_name} ({url}): {wrong}"


@pytest.mark.django_db
@pytest.mark.parametrize(("asking", "owning"), DIRECTIONS)
@pytest.mark.parametrize("url_name", AREA_LIST_URLS)
def test_staff_of_one_area_never_see_or_change_another_areas_data_on_lists_and_exports(
    url_name, asking, owning, client, two_areas
):
    asker_area, owner_area = two_areas[asking], two_areas[owning]
    every_sample(owner_area)
    markers = AREA_SAMPLES[owning].markers
    access = access_for(url_name)
    before = area_state(owner_area)
    wrong = []
    for role in allowed_staff_roles(access):
        user = area_staff(role, asker_area)
        client.force_login(user)
        if url_name in OWN_ARGUMENTS:
            kwargs = OWN_ARGUMENTS[url_name](user)
        elif url_name in SAMPLE_ARGUMENTS:
            kwargs = SAMPLE_ARGUMENTS[url_name](role, asker_area)
        else:
            kwargs = None
        url = reverse(url_name, kwargs=kwargs)
        if access.method == "GET":
            response = client.get(url)
            if access.for_role(role) == Outcome.OK and response.status_code != 200:
                wrong.append(f"{role} GET of their own area's page answered {response.status_code}")
            shown = readable(response)
            leaked = [marker for marker in markers if marker in shown]
            if leaked:
                wrong.append(f"{role} sees {leaked}")
        else:
            client.post(url)
            if area_state(owner_area) != before:
                wrong.append(f"{role} POST changed {owner_area.name}'s data")
                before = area_state(owner_area)
    assert wrong == [], f"{asking} staff on {url_name}: {wrong}"


# GET lists, forms and exports that show no names of an area's data (figures only, or a page
# about the user's own calendar link): the leak check above is vacuous for them.
SHOW_NO_NAMES = {
    "weekend_ops:calendar_link": "the user's own calendar address",
    "weekend_ops:capability": "counts of organisations and persons",
    "weekend_ops:capability_export": "counts of organisations and persons",
    "weekend_ops:year": "the year's weekends with figures, and the officer's own shifts",
    "weekend_ops:shift_import": "a file upload form",
    "weekend_ops:meeting_create": "its only choice is the area's boroughs (no marker names)",
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [FIRST_AREA.slug, SECOND_AREA.slug])
@pytest.mark.parametrize(
    "url_name",
    [n for n in AREA_LIST_URLS if access_for(n).method == "GET" and n not in SHOW_NO_NAMES],
)
def test_an_areas_own_staff_see_its_names_where_other_staff_must_not(
    url_name, slug, client, two_areas
):
    """The list check can fail: each page it reads shows its own area's sample names."""
    area = two_areas[slug]
    every_sample(area)
    role = allowed_staff_roles(access_for(url_name))[0]
    user = area_staff(role, area)
    client.force_login(user)
    if url_name in OWN_ARGUMENTS:
        kwargs = OWN_ARGUMENTS[url_name](user)
    else:
        kwargs = SAMPLE_ARGUMENTS[url_name](role, area) if url_name in SAMPLE_ARGUMENTS else None
    shown = readable(client.get(reverse(url_name, kwargs=kwargs)))
    assert [m for m in AREA_SAMPLES[slug].markers if m in shown], f"{role} on {url_name}"


NO_AREA_MESSAGE = "Ditt konto hör inte till något lokalpolisområde."


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_who_belong_to_no_area_get_403_saying_why_on_every_staff_page(role, client):
    """Whatever the page (the calendar feed answers its secret, not the session: not here)."""
    client.force_login(UserFactory(role=role, areas=[]))
    wrong = []
    for url_name in sorted(AREA_OBJECT_URLS + AREA_LIST_URLS):
        access = access_for(url_name)
        if url_name in OWN_ARGUMENTS or not may_use(access, role):
            continue
        kwargs = SAMPLE_ARGUMENTS[url_name](role) if url_name in SAMPLE_ARGUMENTS else None
        url = reverse(url_name, kwargs=kwargs)
        response = client.get(url) if access.method == "GET" else client.post(url)
        if response.status_code != 403 or NO_AREA_MESSAGE not in response.content.decode():
            wrong.append(f"{url_name}: {response.status_code}")
    assert wrong == []


@pytest.mark.django_db
def test_the_403_page_gives_the_reason_only_when_the_account_has_no_area(client):
    client.force_login(UserFactory(role="reader"))
    page = client.get(reverse("weekend_ops:shift_list"))
    assert page.status_code == 403
    assert "Ditt konto har inte behörighet till den här sidan." in page.content.decode()
    assert NO_AREA_MESSAGE not in page.content.decode()

    client.force_login(UserFactory(role="officer", areas=[]))
    with translation.override("en"):
        page = client.get(reverse("weekend_ops:shift_list"))
    assert page.status_code == 403
    assert "Your account does not belong to any local police area." in page.content.decode()


def choose_area(client, area: PolicingArea) -> None:
    """What the area switch (``promises:area_choose``) stores for a signed-in user."""
    session = client.session
    session[SESSION_KEY] = area.slug
    session.save()


def shown_hotspots(client) -> str:
    return client.get(reverse("weekend_ops:hotspot_list")).content.decode()


@pytest.mark.django_db
def test_a_superuser_sees_any_area_it_chooses(client, two_areas):
    client.force_login(UserFactory(role="admin", areas=[]))
    for area in two_areas.values():
        other = next(a for a in two_areas.values() if a != area)
        shift, other_shift = a_past_planned_shift(area), a_past_planned_shift(other)
        hotspot = Hotspot.objects.get(pk=a_hotspot(area)["pk"])
        other_hotspot = Hotspot.objects.get(pk=a_hotspot(other)["pk"])
        choose_area(client, area)
        page = shown_hotspots(client)
        assert hotspot.name in page and other_hotspot.name not in page, area.slug
        assert client.get(reverse("weekend_ops:shift_detail", kwargs=shift)).status_code == 200
        other_shift_url = reverse("weekend_ops:shift_detail", kwargs=other_shift)
        assert client.get(other_shift_url).status_code == 404, area.slug


@pytest.mark.django_db
def test_staff_in_two_areas_see_the_second_after_switching_to_it(client, two_areas):
    farsta, skarholmen = two_areas[FIRST_AREA.slug], two_areas[SECOND_AREA.slug]
    client.force_login(UserFactory(role="officer", areas=[farsta, skarholmen]))
    farsta_hotspot = Hotspot.objects.get(pk=a_hotspot(farsta)["pk"])
    skarholmen_hotspot = Hotspot.objects.get(pk=a_hotspot(skarholmen)["pk"])
    skarholmen_shift = reverse("weekend_ops:shift_detail", kwargs=a_past_planned_shift(skarholmen))
    farsta_shift = reverse("weekend_ops:shift_detail", kwargs=a_past_planned_shift(farsta))

    # First their first area (by name) ...
    page = shown_hotspots(client)
    assert farsta_hotspot.name in page and skarholmen_hotspot.name not in page
    assert client.get(skarholmen_shift).status_code == 404

    # ... then the one they switched to, and nothing of the first.
    choose_area(client, skarholmen)
    page = shown_hotspots(client)
    assert skarholmen_hotspot.name in page and farsta_hotspot.name not in page
    assert client.get(skarholmen_shift).status_code == 200
    assert client.get(farsta_shift).status_code == 404
