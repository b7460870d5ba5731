"""A third kind of promise, declared by a test app (tests/third_kind) through the one extension
contract (``promises.features.Feature``), joins the portal everywhere with no change in
``promises/``, ``portal/`` or ``templates/promises/``: the public page, the staff dashboard,
the follow-up, its download and its report section, the API; its personal data is purged, its
mail task is labelled, its model refreshes the public pages, its demo data is seeded and its
records are guarded once a year is signed (docs/architecture.md#add-a-promise-kind)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal import mail_queue, public_cache, public_text
from promises import features, progress
from promises.models import BoroughArea, District, PolicingArea, Promise
from promises.reports.annual import report_figures
from promises.services import annual_report_approve
from promises.signed import SignedYearChanged
from tests.export_checks import csv_rows
from tests.third_kind.models import SchoolVisit
from tests.third_kind.school_visits import send_thanks

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def farsta():
    return PolicingArea.objects.get(slug="farsta")


@pytest.fixture
def school_promise(farsta):
    promise = Promise(
        policing_area=farsta,
        year=2024,
        kind="school_visits",
        title="Skolbesök i Farsta",
        summary="Polisen besöker skolorna.",
        target=10,
    )
    promise.full_clean()  # the kind is valid because the test app declared it
    promise.save()
    return promise


@pytest.fixture
def visits(farsta, school_promise):
    district = District.objects.of_area(farsta).order_by("name").first()
    return [
        SchoolVisit.objects.create(
            district=district,
            school=school,
            visited_on=date(2024, 3, day),
            teachers_met=teachers,
            contact_email="rektor@example.org",
        )
        for school, day, teachers in [
            ("Farstaskolan", 4, 3),
            ("Farstaskolan", 11, 2),
            ("Hökarängsskolan", 18, 2),
        ]
    ]


def test_the_test_app_declares_a_third_kind_after_the_two_of_the_source_document():
    assert progress.registered_kinds() == [
        "weekend_collaboration",
        "safety_inventory",
        "school_visits",
    ]
    assert ("school_visits", "Skolbesök") in progress.kind_choices()
    assert features.feature_of("third_kind").kind.kind == "school_visits"


def test_the_third_kind_shows_on_the_public_page(client, visits):
    html = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert 'id="school_visits"' in html and "Skolbesök i Farsta" in html
    assert "3 av 10 skolbesök" in html
    assert "Skolor som vi besökte: Farstaskolan, Hökarängsskolan" in html
    # Its column in the district table and chart, in the source document's order.
    assert html.index("Skolbesök i Farsta") > html.index('id="safety_inventory"')
    assert '<th scope="col">Skolbesök</th>' in html
    assert "Signaler från medborgare, genomförda insatser och skolbesök per område" in html
    # Never its staff details.
    assert "rektor@example.org" not in html and "Lärare som vi träffade" not in html


def test_the_third_kind_shows_on_the_staff_dashboard(client, reader, visits):
    client.force_login(reader)
    html = client.get(reverse("promises:dashboard"), {"year": 2024}).content.decode()
    assert "Skolbesök i Farsta" in html and "3 av 10 skolbesök" in html
    assert "Kontakt: rektor@example.org" in html
    assert '<th scope="col">Lärare som vi träffade</th>' in html


def test_the_third_kind_shows_in_the_followup_its_download_and_its_report_section(
    client, reader, visits, farsta
):
    client.force_login(reader)
    html = client.get(reverse("promises:followup"), {"year": 2024}).content.decode()
    assert "Skolbesök i Farsta" in html and "10 skolbesök" in html
    # Its report section, from its own key of the report.
    assert '<p class="third-kind-report">3 besök: Farstaskolan, Hökarängsskolan</p>' in html
    assert '<a href="#skolbesok">Skolbesök</a>' in html
    report = report_figures(area=farsta, year=2024)
    assert report["kinds"]["school_visits"] == {
        "schools": ["Farstaskolan", "Hökarängsskolan"],
        "visits": 3,
    }
    assert "schools" not in report  # nothing merged flat into the report
    rows = csv_rows(client.get(reverse("promises:followup_export", args=["csv"]), {"year": 2024}))
    school = next(r for r in rows if r and r[0] == "Skolbesök i Farsta")
    assert school[1:4] == ["10", "3", "skolbesök"]
    assert school[5] == "Besök på Farstaskolan, Hökarängsskolan"  # the kind's summary
    assert "Skolbesök" in next(r for r in rows if r and r[0] == "Område")


def test_the_third_kind_shows_in_the_api(client, visits):
    data = client.get("/api/v1/progress/", {"year": 2024}).json()
    school = next(p for p in data["promises"] if p["kind"] == "school_visits")
    assert (school["target"], school["achieved"], school["unit"]) == (10, 3, "visits")
    assert school["details"]["schools"] == ["Farstaskolan", "Hökarängsskolan"]
    assert "contact" not in school["details"]
    counted = [row for row in data["districts"] if row["school_visits"]]
    assert [row["school_visits"] for row in counted] == [3]
    assert "teachers_met" not in str(data) and "rektor@" not in str(data)


def test_its_figures_are_joined_to_districts_by_id_not_by_name(client, farsta, school_promise):
    """Two districts of one name in two boroughs: each keeps its own figures."""
    first = District.objects.of_area(farsta).order_by("pk").first()
    other_borough = BoroughArea.objects.create(policing_area=farsta, slug="ny", name="Ny")
    twin = District.objects.create(borough=other_borough, slug="tvilling", name=first.name)
    SchoolVisit.objects.create(district=twin, school="Tvillingskolan", visited_on=date(2024, 5, 2))
    data = client.get("/api/v1/progress/", {"year": 2024}).json()
    same_name = [row["school_visits"] for row in data["districts"] if row["district"] == first.name]
    assert sorted(same_name) == [0, 1]


def test_its_personal_data_is_purged_with_the_rest(visits):
    recent = SchoolVisit.objects.create(
        district=visits[0].district,
        school="Nyskolan",
        visited_on=timezone.localdate(),
        contact_email="ny@example.org",
    )
    call_command("purge_personal_data", verbosity=0)
    assert set(
        SchoolVisit.objects.exclude(pk=recent.pk).values_list("contact_email", flat=True)
    ) == {""}
    recent.refresh_from_db()
    assert recent.contact_email == "ny@example.org"  # what is recent stays


def test_its_mail_task_sends_once_and_is_labelled_for_staff(
    visits, django_capture_on_commit_callbacks
):
    visit = visits[0]
    send_thanks.enqueue(visit.pk)
    send_thanks.enqueue(visit.pk)  # queued twice: the second run finds it thanked
    assert [m.to for m in mail.outbox] == [["rektor@example.org"]]
    assert mail_queue.label_of(send_thanks.module_path) == "Tack för skolbesöket"


def test_its_names_are_refused_on_public_pages():
    assert "Rektor Skolsson" in public_text.personal_names()


def test_a_change_to_its_records_refreshes_the_public_pages(
    visits, django_capture_on_commit_callbacks
):
    before = public_cache.version(fresh=True)
    with django_capture_on_commit_callbacks(execute=True):
        SchoolVisit.objects.create(
            district=visits[0].district, school="Ny", visited_on=date(2024, 6, 1)
        )
    assert public_cache.version(fresh=True) != before


def test_its_demo_data_is_seeded_in_every_demo_area():
    from config import demo

    demo.seed()
    demo.seed()  # idempotent
    assert sorted(
        SchoolVisit.objects.values_list("district__borough__policing_area__slug", flat=True)
    ) == ["farsta", "skarholmen"]


def test_its_records_of_a_signed_year_need_a_reason(visits, farsta, approver):
    with time_machine.travel(date(2025, 2, 1)):
        annual_report_approve(
            area=farsta,
            year=2024,
            user=approver,
            no_comment=[p.kind for p in Promise.objects.of_area(farsta).in_year(2024)],
        )
    with pytest.raises(SignedYearChanged):
        SchoolVisit.objects.create(
            district=visits[0].district, school="Sen", visited_on=date(2024, 12, 1)
        )
    visits[0].visited_on += timedelta(days=1)
    with pytest.raises(SignedYearChanged):
        visits[0].save()


def test_the_core_and_the_platform_name_no_kind_and_no_area():
    """``promises/``, ``portal/`` and ``templates/promises/`` know the kinds only as what the
    features declare, and the areas only as data (their migrations freeze the reference data)."""
    names = [
        *progress.registered_kinds(),
        *(f.name for f in features.registered()),
        "Farsta",
        "farsta",
        "Vantör",
        "Skärholmen",
        "skarholmen",
    ]
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("promises", "portal", "templates/promises")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".html", ".py", ".txt"} and "migrations" not in path.parts
        for name in names
        if name in path.read_text(encoding="utf-8")
    )
    assert offenders == []
