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
