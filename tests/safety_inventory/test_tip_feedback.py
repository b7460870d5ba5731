"""Citizens who left an address hear what happened; the address goes when the matter closes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from safety_inventory.models import Signal
from safety_inventory.services import flag_answer_with_activity, flag_dismiss, signal_receive

from .factories import sites

pytestmark = pytest.mark.django_db


def three_signals(site, email="medborgare@example.org"):
    signals = [
        signal_receive(district=site.district, site=site, category="lighting", description="Mörkt")
        for _ in range(2)
    ]
    signals.append(
        signal_receive(
            district=site.district,
            site=site,
            category="lighting",
            description="Mörkt",
            email=email,
            consent=True,
        )
    )
    return signals


def test_planning_tells_the_sender_and_conducting_closes_the_matter(
    client, officer, django_capture_on_commit_callbacks
):
    site = sites()[0]
    signal = three_signals(site)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        activity = flag_answer_with_activity(flag=site.flags.get(), kind="inventory", user=officer)
    assert [m.to for m in mail.outbox] == [["medborgare@example.org"]]
    message = mail.outbox[0]
    assert signal.tracking_code in message.subject
    assert "planerar en trygghetsinventering" in message.body
    assert signal.get_absolute_url() in message.body
    signal.refresh_from_db()
    assert signal.email == "medborgare@example.org"  # kept for the next message

    client.force_login(officer)
    data = {
        "kind": "inventory",
        "status": "conducted",
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "reason": "citizen_signals",
        "residents_count": "3",
        "officers_count": "1",
        "summary": "",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        "measures-TOTAL_FORMS": "0",
        "measures-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("safety_inventory:activity_update", args=[activity.pk]), data)
    assert len(mail.outbox) == 2
    assert "genomfört en trygghetsinventering" in mail.outbox[1].body
    assert "raderat din e-postadress" in mail.outbox[1].body
    signal.refresh_from_db()
    assert (signal.email, signal.consent) == ("", False)


def test_dismissing_tells_the_sender_the_reason_and_deletes_the_address(
    officer, django_capture_on_commit_callbacks
):
    site = sites()[0]
    signal = three_signals(site)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        flag_dismiss(flag=site.flags.get(), reason="Belysningen är redan lagad.", user=officer)
    assert "Belysningen är redan lagad." in mail.outbox[0].body
    signal.refresh_from_db()
    assert signal.email == ""


def test_senders_without_an_address_get_nothing(officer, django_capture_on_commit_callbacks):
    site = sites()[0]
    three_signals(site, email="")
    with django_capture_on_commit_callbacks(execute=True):
        flag_dismiss(flag=site.flags.get(), reason="Inget att göra.", user=officer)
    assert mail.outbox == []


def test_the_purge_deletes_old_addresses_of_tips_too(capsys):
    site = sites()[0]
    old = signal_receive(
        district=site.district,
        site=site,
        category="litter",
        description="Skräp",
        email="gammal@example.org",
        consent=True,
        now=timezone.now() - timedelta(days=400),
    )
    recent = signal_receive(
        district=site.district,
        site=site,
        category="litter",
        description="Skräp",
        email="ny@example.org",
        consent=True,
    )
    call_command("purge_personal_data")
    out = capsys.readouterr().out
    assert "E-postadresser i tips: 1 avidentifierade." in out
    assert "Anmälningar till möten: 0 avidentifierade." in out
    assert Signal.objects.get(pk=old.pk).email == ""
    assert Signal.objects.get(pk=recent.pk).email == "ny@example.org"


def tip_with_address(site=None, *, language="sv", **kwargs):
    fields = {
        "district": (site or sites()[1]).district,
        "category": "lighting",
        "description": "Mörkt",
        "email": "tipsare@example.org",
        "consent": True,
        "language": language,
    }
    if site is None:
        fields["place_text"] = "Parken bakom skolan"
    else:
        fields["site"] = site
    fields.update(kwargs)
    return signal_receive(**fields)


@pytest.mark.parametrize(
    ("language", "linked", "flagged", "planned", "conducted", "closed", "url_prefix"),
    [
        (
            "sv",
            "Tipset är mottaget.",
            "Platsen är flaggad",
            "Polisen planerar en trygghetsinventering på platsen.",
            "Polisen har genomfört en trygghetsinventering på platsen",
            "raderat din e-postadress",
            "/tipsa/",
        ),
        (
            "en",
            "The tip has been received.",
            "The place has been flagged",
            "The police are planning a safety inventory at the place.",
            "The police have carried out a safety inventory at the place",
            "deleted your e-mail address",
            "/en/",
        ),
    ],
)
def test_every_change_the_tracking_page_shows_sends_an_email_in_the_tips_language(
    officer,
    django_capture_on_commit_callbacks,
    language,
    linked,
    flagged,
    planned,
    conducted,
    closed,
    url_prefix,
):
    from django.utils import translation

    from safety_inventory.models import ActivityStatus
    from safety_inventory.services import signal_link_site

    site = sites()[0]
    signal = tip_with_address(language=language)
    assert mail.outbox == []  # the sender sees the page right away
    # 1. An officer ties the tip to a known place.
    with django_capture_on_commit_callbacks(execute=True):
        signal_link_site(signal=signal, site=site)
    assert len(mail.outbox) == 1 and linked in mail.outbox[0].body
    assert site.name in mail.outbox[0].body
    # 2. More tips about the place raise a flag.
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            signal_receive(
                district=site.district, site=site, category="lighting", description="Mörkt"
            )
    assert len(mail.outbox) == 2 and flagged in mail.outbox[1].body
    # 3. The flag is answered with a planned inventory.
    with django_capture_on_commit_callbacks(execute=True):
        activity = flag_answer_with_activity(flag=site.flags.get(), kind="inventory", user=officer)
    assert len(mail.outbox) == 3 and planned in mail.outbox[2].body
    # 4. It is conducted: the last message, and the address goes.
    activity.status, activity.date = ActivityStatus.CONDUCTED, timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        from safety_inventory.forms import (
            ActivityForm,
            FindingFormSet,
            MeasureFormSet,
            protocol_rows,
        )
        from safety_inventory.models import Activity
        from safety_inventory.services import activity_protocol_save

        stored = Activity.objects.get(pk=activity.pk)
        data = {
            "kind": "inventory",
            "status": "conducted",
            "date": timezone.localdate().isoformat(),
            "reason": "citizen_signals",
            "residents_count": "3",
            "officers_count": "1",
            "summary": "",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
            "measures-TOTAL_FORMS": "0",
            "measures-INITIAL_FORMS": "0",
        }
        form = ActivityForm(data, instance=stored)
        findings = FindingFormSet(data, instance=stored, prefix="findings")
        measures = MeasureFormSet(data, instance=stored, prefix="measures")
        assert form.is_valid() and findings.is_valid() and measures.is_valid()
        activity_protocol_save(
            activity=form.save(commit=False),
            organisations=form.cleaned_data["organisations"],
            findings=protocol_rows(findings),
            measures=protocol_rows(measures),
        )
    assert len(mail.outbox) == 4
    assert conducted in mail.outbox[3].body and closed in mail.outbox[3].body
    for message in mail.outbox:
        assert message.to == ["tipsare@example.org"]
        assert signal.tracking_code in message.subject
        assert f"{url_prefix}" in message.body
        assert "Mörkt" not in message.body  # never what anyone wrote
    with translation.override(language):
        expected_subject = "Your tip" if language == "en" else "Ditt tips"
    assert mail.outbox[0].subject.startswith(expected_subject)
    signal.refresh_from_db()
    assert signal.email == ""


def test_a_published_measure_at_the_place_reaches_the_sender(
    officer, django_capture_on_commit_callbacks
):
    from safety_inventory.models import ActivityStatus, Measure
    from safety_inventory.services import activity_create

    site = sites()[0]
    activity = activity_create(
        site=site, status=ActivityStatus.CONDUCTED, date=timezone.localdate() - timedelta(days=30)
    )
    signal = tip_with_address(site=site)
    assert mail.outbox == []
    Measure.objects.create(activity=activity, what="Per byter lampan", public_text="")
    from safety_inventory.forms import ActivityForm, FindingFormSet, MeasureFormSet, protocol_rows
    from safety_inventory.services import activity_protocol_save

    measure = activity.measures.get()
    data = {
        "kind": "inventory",
        "status": "conducted",
        "date": activity.date.isoformat(),
        "reason": "annual_plan",
        "residents_count": "0",
        "officers_count": "0",
        "summary": "",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "1",
        "measures-0-id": str(measure.pk),
        "measures-0-what": "Per byter lampan",
        "measures-0-status": "in_progress",
        "measures-0-public_text": "Lampan vid trappan byts ut.",
        "measures-0-is_public": "on",
    }
    form = ActivityForm(data, instance=activity)
    findings = FindingFormSet(data, instance=activity, prefix="findings")
    measures = MeasureFormSet(data, instance=activity, prefix="measures")
    assert form.is_valid() and findings.is_valid() and measures.is_valid(), measures.errors
    with django_capture_on_commit_callbacks(execute=True):
        activity_protocol_save(
            activity=form.save(commit=False),
            organisations=form.cleaned_data["organisations"],
            findings=protocol_rows(findings),
            measures=protocol_rows(measures),
        )
    assert len(mail.outbox) == 1
    assert "Åtgärd på platsen (pågår): Lampan vid trappan byts ut." in mail.outbox[0].body
    assert "Per byter" not in mail.outbox[0].body
    signal.refresh_from_db()
    assert signal.email  # inventoried before the tip: the matter is not closed by it


def test_a_new_activity_planned_at_the_place_reaches_the_sender(
    officer, client, django_capture_on_commit_callbacks
):
    site = sites()[0]
    tip_with_address(site=site)
    client.force_login(officer)
    data = {
        "kind": "place_collaboration",
        "status": "planned",
        "date": "",
        "reason": "annual_plan",
        "residents_count": "0",
        "officers_count": "0",
        "summary": "",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        "measures-TOTAL_FORMS": "0",
        "measures-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("safety_inventory:activity_create", args=[site.pk]), data)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Polisen planerar en platssamverkan på platsen." in mail.outbox[0].body
