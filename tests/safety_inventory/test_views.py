import time
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from promises.models import District, Organisation
from safety_inventory.forms import PROTOCOL_MAX_ROWS, FlagDismissForm
from safety_inventory.models import (
    Activity,
    ActivityStatus,
    FlagStatus,
    Measure,
    Signal,
    SignalSource,
)
from safety_inventory.services import signal_receive

from .factories import conducted, sites

FORM = reverse("safety_inventory:signal_create")

# A date in the portal's plausible range that lies in the future.
NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def tip(**changes):
    data = {
        "district": District.objects.get(name="Hagsätra").pk,
        "site": "",
        "place_text": "Gångtunneln vid torget",
        "category": "lighting",
        "description": "Lamporna är trasiga och det är helt mörkt.",
        "occurred_on": "",
        "email": "",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_form_says_it_is_not_a_crime_report_and_gives_the_numbers(client):
    html = client.get(FORM).content.decode()
    assert "Det här är inte en polisanmälan." in html
    assert "112" in html and "114 14" in html


@pytest.mark.django_db
def test_a_citizen_sends_a_signal_and_follows_it_by_code(client):
    response = client.post(FORM, tip(email="namn@example.org", consent="on"), follow=True)
    signal = Signal.objects.get()
    assert response.redirect_chain[-1][0] == signal.get_absolute_url()
    html = response.content.decode()
    assert signal.tracking_code in html and "Tack! Ditt tips är mottaget." in html
    assert signal.email == "namn@example.org" and signal.source == SignalSource.CITIZEN
    # The tracking page shows no personal data: neither the e-mail nor what was written.
    page = client.get(
        reverse("safety_inventory:signal_track", args=[signal.tracking_code.lower()]), follow=True
    )
    text = page.content.decode()
    assert "namn@example.org" not in text and "Lamporna är trasiga" not in text
    assert "Hagsätra" in text and "Belysning" in text
    assert "inte kopplat tipset till en känd plats" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"district": ""}, "district", "Välj det område där platsen finns."),
        ({"category": ""}, "category", "Välj vad det gäller."),
        ({"description": ""}, "description", "Beskriv vad som hänt"),
        ({"place_text": ""}, "place_text", "Välj en plats i listan eller beskriv platsen"),
        ({"description": "x" * 2001}, "description", "högst 2000 tecken (den har 2001)"),
        ({"place_text": "x" * 201}, "place_text", "högst 200 tecken"),
        ({"email": "inte-en-adress"}, "email", "Ange en e-postadress som namn@exempel.se"),
        ({"email": "namn@example.org"}, "consent", "Kryssa i samtycket"),
        ({"occurred_on": "2999-01-01"}, "occurred_on", "Ange ett datum mellan 1 januari 2024"),
        ({"occurred_on": "0001-01-01"}, "occurred_on", "Ange ett datum mellan 1 januari 2024"),
    ],
)
def test_missing_and_bad_fields_are_explained_and_nothing_is_saved(client, changes, field, message):
    response = client.post(FORM, tip(**changes))
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert "data-error-summary" in response.content.decode()
    assert Signal.objects.count() == 0


@pytest.mark.django_db
def test_a_site_in_another_district_is_refused(client):
    site = sites()[0]  # Hagsätra torg
    response = client.post(FORM, tip(district=District.objects.get(name="Örby").pk, site=site.pk))
    assert "ligger i Hagsätra" in response.context["form"].errors["site"][0]


@pytest.mark.django_db
def test_the_honeypot_refuses_bots(client):
    response = client.post(FORM, tip(website="http://spam.example"))
    assert response.status_code == 400
    assert "kunde inte tas emot" in response.content.decode()
    assert Signal.objects.count() == 0


@pytest.mark.django_db
def test_the_rate_limit_refuses_a_flood_from_one_client(client, settings):
    limit = settings.SIGNAL_RATE_LIMIT[0]
    for _ in range(limit):
        assert client.post(FORM, tip(), REMOTE_ADDR="10.1.1.1").status_code == 302
    refused = client.post(FORM, tip(), REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429
    assert "Du har skickat många tips på kort tid" in refused.content.decode()
    assert Signal.objects.count() == limit
    assert client.post(FORM, tip(), REMOTE_ADDR="10.1.1.2").status_code == 302  # someone else


@pytest.mark.django_db
def test_mistakes_in_the_form_do_not_count_against_the_limit(client, settings):
    limit = settings.SIGNAL_RATE_LIMIT[0]
    for _ in range(limit + 2):
        assert client.post(FORM, tip(description=""), REMOTE_ADDR="10.1.1.3").status_code == 200
    assert client.post(FORM, tip(), REMOTE_ADDR="10.1.1.3").status_code == 302


@pytest.mark.django_db
def test_an_unknown_code_gets_a_clear_404(client):
    response = client.get(reverse("safety_inventory:signal_track", args=["XXXX2222"]))
    assert response.status_code == 404
    assert "Vi hittar inget tips med koden XXXX2222" in response.content.decode()


@pytest.mark.django_db
def test_the_tracking_page_follows_the_flag_to_the_conducted_activity(client, officer):
    site = sites()[0]
    signals = [
        signal_receive(district=site.district, site=site, category="lighting", description="Mörkt")
        for _ in range(3)
    ]
    url = signals[0].get_absolute_url()
    assert "Platsen är flaggad:" in client.get(url).content.decode()
    flag = site.flags.get()
    client.force_login(officer)
    client.post(reverse("safety_inventory:flag_answer", args=[flag.pk]), {"kind": "inventory"})
    client.logout()
    assert (
        "Polisen planerar en trygghetsinventering på platsen." in client.get(url).content.decode()
    )
    activity = Activity.objects.get()
    activity.status, activity.date = ActivityStatus.CONDUCTED, timezone.localdate()
    activity.save()
    assert (
        "Polisen har genomfört en trygghetsinventering på platsen"
        in client.get(url).content.decode()
    )


@pytest.mark.django_db
def test_an_officer_answers_a_flag_by_planning_an_activity(client, officer):
    site = sites()[0]
    signal_receive(
        district=site.district,
        site=site,
        category="other",
        description="x",
        source=SignalSource.OFFICER,
    )
    flag = site.flags.get()
    client.force_login(officer)
    assert "Planera insats" in client.get(reverse("safety_inventory:overview")).content.decode()
    response = client.post(
        reverse("safety_inventory:flag_answer", args=[flag.pk]),
        {"kind": "place_collaboration", "planned_date": f"{NEXT_YEAR}-05-01"},
    )
    activity = Activity.objects.get()
    assert response.headers["Location"] == activity.get_absolute_url()
    assert (activity.kind, activity.reason, activity.date) == (
        "place_collaboration",
        "police_observation",
        date(NEXT_YEAR, 5, 1),
    )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.ANSWERED
    assert (
        "Inga öppna flaggor." in client.get(reverse("safety_inventory:overview")).content.decode()
    )


@pytest.mark.django_db
def test_dismissing_needs_a_written_reason(client, officer):
    site = sites()[0]
    signal_receive(
        district=site.district,
        site=site,
        category="other",
        description="x",
        source=SignalSource.OFFICER,
    )
    flag = site.flags.get()
    client.force_login(officer)
    url = reverse("safety_inventory:flag_dismiss", args=[flag.pk])
    response = client.post(url, {"reason": ""})
    assert "Skriv varför flaggan avförs" in response.content.decode()
    # The sender of the tip reads it: a sentence of substance, without personal data.
    response = client.post(url, {"reason": "Ok, inget."})
    assert "Skriv minst en hel mening" in response.content.decode()
    response = client.post(url, {"reason": "Fastighetsägaren nås på 08-123 456 78 om lampan."})
    assert "telefonnummer" in response.content.decode()
    officer.first_name, officer.last_name = "Per", "Persson"
    officer.save(update_fields=["first_name", "last_name"])
    response = client.post(url, {"reason": "Per Persson har redan pratat med fastighetsägaren."})
    assert "”Per Persson”" in response.content.decode()
    assert site.flags.get().status == FlagStatus.OPEN
    client.post(url, {"reason": "Redan åtgärdat av fastighetsägaren."})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED
    timeline = client.get(site.get_absolute_url()).content.decode()
    assert "Redan åtgärdat av fastighetsägaren." in timeline


def protocol_data(**changes):
    data = {
        "kind": "inventory",
        "status": "conducted",
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "reason": "annual_plan",
        "residents_count": "14",
        "officers_count": "2",
        "summary": "Kvällsvandring med boende.",
        "findings-TOTAL_FORMS": "2",
        "findings-INITIAL_FORMS": "0",
        "findings-0-category": "lighting",
        "findings-0-effect": "less_safe",
        "findings-0-description": "Trasig lampa vid trappan",
        "findings-0-location": "Norra trappan",
        "findings-1-category": "design",
        "findings-1-effect": "safer",
        "findings-1-description": "Bra sikt över torget",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "0",
        "measures-0-what": "Byta lampan vid trappan",
        "measures-0-responsible": Organisation.objects.create(
            name="Stadsdelen", kind="municipality"
        ).pk,
        "measures-0-due_date": f"{NEXT_YEAR}-01-01",
        "measures-0-status": "open",
        "measures-0-public_text": "Ny lampa vid trappan",
        "measures-0-is_public": "on",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_an_officer_records_a_protocol_with_findings_and_measures(client, officer):
    site = sites()[0]
    client.force_login(officer)
    response = client.post(
        reverse("safety_inventory:activity_create", args=[site.pk]), protocol_data()
    )
    activity = Activity.objects.get()
    assert response.headers["Location"] == activity.get_absolute_url()
    assert (activity.status, activity.created_by, activity.residents_count) == (
        "conducted",
        officer,
        14,
    )
    assert [f.category for f in activity.findings.all()] == ["lighting", "design"]
    assert activity.measures.get().responsible.name == "Stadsdelen"


@pytest.mark.django_db
def test_a_bad_protocol_saves_nothing_and_says_what_to_fix(client, officer):
    site = sites()[0]
    client.force_login(officer)
    url = reverse("safety_inventory:activity_create", args=[site.pk])
    response = client.post(url, protocol_data(date="", **{"measures-0-status": "not_done"}))
    html = response.content.decode()
    assert "Ange datumet då aktiviteten genomfördes." in html
    assert "Skriv varför åtgärden inte blir av." in html
    assert Activity.objects.count() == 0 and Measure.objects.count() == 0


@pytest.mark.django_db
def test_the_site_pages_queries_do_not_grow_with_its_history(client, reader):
    site = sites()[0]
    client.force_login(reader)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(site.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    conducted(site, date(2024, 3, 1))
    signal_receive(
        district=site.district,
        site=site,
        category="other",
        description="x",
        source=SignalSource.OFFICER,
    )
    few = count()
    for month in range(4, 10):
        activity = conducted(
            site,
            date(2024, month, 1),
            organisations=[Organisation.objects.create(name=f"Org {month}")],
        )
        Measure.objects.create(
            activity=activity, what="x", responsible=Organisation.objects.get(name=f"Org {month}")
        )
        for _ in range(3):
            signal_receive(district=site.district, site=site, category="other", description="y")
    assert count() == few


@pytest.mark.django_db
def test_overdue_measures_are_listed_for_staff(client, reader):
    activity = conducted(sites()[0], date(2024, 3, 1))
    Measure.objects.create(activity=activity, what="Försenad belysning", due_date=date(2024, 4, 1))
    Measure.objects.create(
        activity=activity, what="Klar sak", due_date=date(2024, 4, 1), status="done"
    )
    client.force_login(reader)
    html = client.get(reverse("safety_inventory:measures_overdue")).content.decode()
    assert "Försenad belysning" in html and "Klar sak" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("what", "header"),
    [
        ("aktiviteter", "plats;område;typ"),
        ("iakttagelser", "Plats;Område;Aktivitetens datum;Typ av aktivitet;Kategori"),
        ("atgarder", "Plats;Område;Aktivitetens datum;Åtgärd"),
    ],
)
def test_the_years_activities_findings_and_measures_export_as_csv(client, reader, what, header):
    activity = conducted(sites()[0], date(2024, 3, 1))
    activity.findings.create(category="lighting", description="Mörkt")
    activity.measures.create(what="Lampa")
    client.force_login(reader)
    url = reverse("safety_inventory:export", args=[what, "csv"])
    response = client.get(url, {"year": 2024})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(header) and len(lines) == 2
    hidden = reverse("safety_inventory:export", args=["hemligt", "csv"])
    assert client.get(hidden).status_code == 404


@pytest.mark.django_db
def test_the_public_page_shows_places_findings_and_public_measures_only(client):
    activity = conducted(sites()[0], date(2024, 3, 1))
    activity.findings.create(category="lighting", description="Hemlig detalj om en person")
    activity.measures.create(
        what="Ny belysning, Per ansvarar",
        public_text="Ny belysning vid torget",
        is_public=True,
        status="done",
    )
    activity.measures.create(what="Intern utredning", public_text="Ej klar text")
    signal_receive(
        district=activity.site.district,
        place_text="Torget",
        category="other",
        description="Min granne Kalle",
        email="kalle@example.org",
        consent=True,
    )
    html = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert (
        "Hagsätra torg" in html
        and "belysning (1)" in html
        and "Ny belysning vid torget – klar" in html
    )
    for secret in ("Intern utredning", "Hemlig detalj", "Kalle", "kalle@example.org"):
        assert secret not in html


@pytest.mark.django_db
def test_the_protocols_error_summary_lists_the_errors_of_findings_and_measures(client, officer):
    site = sites()[0]
    client.force_login(officer)
    response = client.post(
        reverse("safety_inventory:activity_create", args=[site.pk]),
        protocol_data(
            **{
                "findings-0-category": "",
                "measures-0-status": "not_done",
                "measures-0-public_text": "Ring 070-123 45 67",
            }
        ),
    )
    assert response.status_code == 200
    summary = response.content.decode().split("data-error-summary")[1].split("</div>")[0]
    assert "Iakttagelse 1, kategori" in summary and 'href="#id_findings-0-category"' in summary
    assert "Åtgärd 1, varför den inte blir av" in summary
    assert "Åtgärd 1, text för allmänheten" in summary and "telefonnummer" in summary
    assert Activity.objects.count() == 0


@pytest.mark.django_db
def test_a_row_is_added_without_saving_and_without_javascript(client, officer):
    site = sites()[0]
    client.force_login(officer)
    url = reverse("safety_inventory:activity_create", args=[site.pk])
    data = protocol_data(**{"findings-0-description": "", "add_row": "findings"})
    response = client.post(url, data)
    assert response.status_code == 200 and Activity.objects.count() == 0
    html = response.content.decode()
    assert 'name="findings-TOTAL_FORMS" value="3"' in html
    assert 'id="row-findings-2"' in html and 'name="findings-2-description"' in html
    assert "Bra sikt över torget" in html  # what was typed stays
    assert "data-error-summary" not in html  # nothing marked wrong while adding a row
    assert 'formaction="#row-findings-3"' in html
    # Sending the form as it now is saves every row that was filled in.
    data.pop("add_row")
    data.update(
        {
            "findings-TOTAL_FORMS": "3",
            "findings-0-description": "Trasig lampa vid trappan",
            "findings-2-category": "litter",
            "findings-2-effect": "less_safe",
            "findings-2-description": "Skräp vid bänken",
        }
    )
    assert client.post(url, data).status_code == 302
    assert Activity.objects.get().findings.count() == 3


@pytest.mark.django_db
def test_a_finding_can_be_published_with_a_clean_public_text(client, officer):
    site = sites()[0]
    client.force_login(officer)
    url = reverse("safety_inventory:activity_create", args=[site.pk])
    data = protocol_data(
        **{
            "findings-0-public_text": "Belysningen vid trappen var trasig.",
            "findings-0-is_public": "on",
        }
    )
    assert client.post(url, data).status_code == 302
    finding = Activity.objects.get().findings.get(category="lighting")
    assert finding.is_public and finding.public_text == "Belysningen vid trappen var trasig."


@pytest.mark.django_db
def test_a_tip_cannot_turn_its_text_around_on_the_officers_screen(client):
    """U+202E (right-to-left override) showed "Mörkt vid tunneln" as ".nlennut div tkröM" in the
    officers' signal list; invisible direction controls are taken out of what a citizen writes."""
    client.post(FORM, tip(place_text="\u2066Tunneln\u2069", description="\u202eMörkt vid tunneln."))
    signal = Signal.objects.get()
    assert signal.description == "Mörkt vid tunneln."
    assert signal.place_text == "Tunneln"
    only_controls = client.post(FORM, tip(description="\u202e\u202d"))
    assert "Beskriv vad som hänt" in only_controls.content.decode()
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_a_tip_of_exactly_the_limit_with_line_breaks_is_accepted(client):
    """The live count counts a line break once; browsers send it as CR LF, which the server
    counted twice and refused a text the count said fitted."""
    typed = ("Mörkt vid tunneln.\n" * 200)[:1999] + "x"  # 2,000 characters, 105 line breaks
    text = typed.replace("\n", "\r\n")  # as the browser sends it
    assert len(text) > 2100
    response = client.post(FORM, tip(description=text))
    assert response.status_code == 302
    assert Signal.objects.get().description == text.replace("\r\n", "\n")
    too_long = client.post(FORM, tip(description=text + "x"))
    assert "högst 2000 tecken (den har 2001)" in too_long.content.decode()


@pytest.mark.django_db
def test_the_dismissal_reason_is_counted_live_not_cut_off_by_the_browser():
    html = str(FlagDismissForm()["reason"])
    assert 'data-max-chars="2000"' in html and "maxlength" not in html
    reason = "Belysningen är redan lagad och platsen har inspekterats.\r\n" * 35
    assert len(reason) > 2000 and len(reason.replace("\r\n", "\n")) < 2000
    assert FlagDismissForm({"reason": reason}).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["findings", "measures"])
@pytest.mark.parametrize("count", ["51", "1000000", "9" * 5000])
def test_a_forged_row_count_is_refused_fast_and_says_why(client, officer, prefix, count):
    """Issue 20: findings-TOTAL_FORMS=1000000 timed a worker out (500 rows took 3.4 s)."""
    site = sites()[0]
    client.force_login(officer)
    url = reverse("safety_inventory:activity_create", args=[site.pk])
    started = time.thread_time()  # this thread's CPU: what the post costs, whatever else runs
    response = client.post(url, protocol_data(**{f"{prefix}-TOTAL_FORMS": count}))
    elapsed = time.thread_time() - started
    assert response.status_code == 200 and Activity.objects.count() == 0
    html = response.content.decode()
    if count == "9" * 5000:  # not a number at all: the management form says so
        assert "data-error-summary" in html
    else:
        assert f"högst {PROTOCOL_MAX_ROWS} rader av varje slag" in html
    # At most PROTOCOL_MAX_ROWS rows were built and drawn, whatever the post said.
    assert html.count(f'name="{prefix}-{PROTOCOL_MAX_ROWS}-description"') == 0
    # Django's default would build 2,000 rows (about 16 s); 50 rows take well under a second.
    assert elapsed < 2


@pytest.mark.django_db
def test_adding_a_row_stops_at_the_most_a_protocol_holds(client, officer):
    site = sites()[0]
    client.force_login(officer)
    url = reverse("safety_inventory:activity_create", args=[site.pk])
    data = protocol_data(**{"findings-TOTAL_FORMS": "1000000", "add_row": "findings"})
    html = client.post(url, data).content.decode()
    assert f'name="findings-TOTAL_FORMS" value="{PROTOCOL_MAX_ROWS}"' in html
    assert 'value="findings" formaction' not in html  # no button to add another
    assert f"så många rader som det kan ha ({PROTOCOL_MAX_ROWS})" in html


@pytest.mark.django_db
def test_every_admin_inline_reads_a_bounded_number_of_rows(rf, admin_user):
    """Every inline of the admin refuses more rows than it can show before it builds them."""
    from django.contrib import admin

    request = rf.get("/")
    request.user = admin_user
    inlines = [
        inline
        for model_admin in admin.site._registry.values()
        for inline in model_admin.get_inline_instances(request)
    ]
    assert inlines
    for inline in inlines:
        formset = inline.get_formset(request)
        # An inline that may add rows refuses more than its cap; one that may not (max_num 0)
        # ignores new rows, and both read at most absolute_max rows of a post.
        assert formset.validate_max or formset.max_num == 0, inline
        assert 0 < formset.absolute_max <= 1000, inline


@pytest.mark.django_db
def test_the_page_after_sending_a_tip_needs_no_look_up_even_when_the_limit_is_spent(
    client, settings
):
    """Issue 19: an honest sender whose address has spent its look-ups (a shared network) still
    sees the tip they just sent, and can look its code up again; other codes stay limited."""
    settings.TRACKING_RATE_LIMIT = (2, 3600)
    lookup = reverse("safety_inventory:signal_lookup")
    address = {"REMOTE_ADDR": "10.9.9.9"}
    for _ in range(2):
        assert client.get(lookup, {"kod": "XXXX2222"}, **address).status_code == 404
    assert client.get(lookup, {"kod": "XXXX2222"}, **address).status_code == 429  # spent

    sent = client.post(FORM, tip(), **address)
    assert sent.status_code == 302
    code = Signal.objects.latest("received_at").tracking_code
    page = client.get(sent["Location"], **address)
    assert page.status_code == 200 and code in page.content.decode()
    assert "Tack! Ditt tips är mottaget." in page.content.decode()
    typed = client.get(lookup, {"kod": code.lower()}, **address)
    assert typed.status_code == 302 and typed["Location"].endswith(f"/{code}/")
    assert client.get(typed["Location"], **address).status_code == 200
    # Someone else's code is still a guess, and the limit still holds for it.
    other = signal_receive(
        district=District.objects.get(name="Hagsätra"),
        place_text="Torget",
        category="lighting",
        description="x",
    )
    assert client.get(other.get_absolute_url(), **address).status_code == 429


@pytest.mark.django_db
def test_a_forged_own_tips_cookie_buys_no_look_ups(client, settings):
    settings.TRACKING_RATE_LIMIT = (1, 3600)
    other = signal_receive(
        district=District.objects.get(name="Hagsätra"),
        place_text="Torget",
        category="lighting",
        description="x",
    )
    client.cookies["egna_tips"] = other.tracking_code  # unsigned: not given by the portal
    address = {"REMOTE_ADDR": "10.9.9.8"}
    assert client.get(other.get_absolute_url(), **address).status_code == 200
    assert client.get(other.get_absolute_url(), **address).status_code == 429
