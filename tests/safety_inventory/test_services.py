from datetime import timedelta

import pytest
from django.utils import timezone

from safety_inventory.models import (
    ActivityReason,
    ActivityStatus,
    FlagReason,
    FlagRule,
    FlagStatus,
    SignalSource,
)
from safety_inventory.services import (
    flag_answer_with_activity,
    flag_dismiss,
    signal_link_site,
    signal_receive,
)

from .factories import farsta, sites


def signal(site, *, days_ago=0, source=SignalSource.CITIZEN, **kwargs):
    return signal_receive(
        district=site.district,
        site=site,
        category="lighting",
        description="Mörkt på kvällarna",
        source=source,
        now=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


@pytest.mark.django_db
def test_the_third_signal_in_90_days_raises_a_flag():
    site = sites()[0]
    signal(site, days_ago=50)
    signal(site, days_ago=20)
    assert not site.flags.exists()  # 2 signals: no flag
    signal(site)
    flag = site.flags.get()
    assert (flag.status, flag.reason) == (FlagStatus.OPEN, FlagReason.SIGNALS)
    assert flag.signals.count() == 3


@pytest.mark.django_db
def test_signals_older_than_the_window_do_not_count():
    site = sites()[0]
    signal(site, days_ago=91)
    signal(site, days_ago=20)
    signal(site)
    assert not site.flags.exists()
    signal(site, days_ago=89)
    assert site.flags.count() == 1


@pytest.mark.django_db
def test_one_officer_observation_raises_a_flag():
    site = sites()[0]
    signal(site, source=SignalSource.OFFICER)
    assert site.flags.get().reason == FlagReason.OFFICER_OBSERVATION


@pytest.mark.django_db
def test_the_threshold_is_set_per_policing_area():
    FlagRule.objects.filter(area=farsta()).update(threshold=2, window_days=30)
    site = sites()[0]
    signal(site, days_ago=31)
    signal(site)
    assert not site.flags.exists()
    signal(site, days_ago=1)
    assert site.flags.exists()


@pytest.mark.django_db
def test_an_area_without_a_flag_rule_flags_at_three_signals_in_90_days():
    FlagRule.objects.filter(area=farsta()).delete()
    site = sites()[0]
    signal(site, days_ago=91)
    signal(site, days_ago=2)
    signal(site, days_ago=1)
    assert not site.flags.exists()
    signal(site)
    assert site.flags.exists()


@pytest.mark.django_db
def test_new_signals_join_the_open_flag():
    site = sites()[0]
    signal(site, source=SignalSource.OFFICER)
    signal(site)
    assert site.flags.count() == 1 and site.flags.get().signals.count() == 2


@pytest.mark.django_db
def test_answering_a_flag_plans_an_activity_with_the_flags_reason(officer):
    site = sites()[0]
    for _ in range(3):
        signal(site)
    flag = site.flags.get()
    activity = flag_answer_with_activity(flag=flag, kind="inventory", user=officer)
    flag.refresh_from_db()
    assert (flag.status, flag.activity, flag.answered_by) == (
        FlagStatus.ANSWERED,
        activity,
        officer,
    )
    assert (activity.status, activity.reason, activity.site) == (
        ActivityStatus.PLANNED,
        ActivityReason.CITIZEN_SIGNALS,
        site,
    )
    # After the answer, new signals need the threshold again for a new flag.
    signal(site)
    assert site.flags.open().count() == 0

    other = sites()[1]
    signal(other, source=SignalSource.OFFICER)
    planned = flag_answer_with_activity(flag=other.flags.get(), kind="place_collaboration")
    assert planned.reason == ActivityReason.POLICE_OBSERVATION


@pytest.mark.django_db
def test_dismissing_a_flag_keeps_the_reason(officer):
    site = sites()[0]
    signal(site, source=SignalSource.OFFICER)
    flag = flag_dismiss(
        flag=site.flags.get(), reason="Tillfälligt bygge, klart i maj.", user=officer
    )
    assert (flag.status, flag.dismissal_reason) == (
        FlagStatus.DISMISSED,
        "Tillfälligt bygge, klart i maj.",
    )
    assert flag.history.count() == 2


@pytest.mark.django_db
def test_a_free_text_signal_counts_once_tied_to_a_site():
    site = sites()[0]
    signal(site)
    signal(site)
    loose = signal_receive(
        district=site.district, place_text="Torget", category="lighting", description="Mörkt"
    )
    assert not site.flags.exists()
    signal_link_site(signal=loose, site=site)
    assert site.flags.get().signals.count() == 3


@pytest.mark.django_db
def test_an_email_is_kept_only_with_consent():
    site = sites()[0]
    without = signal(site, email="namn@example.org", consent=False)
    with_consent = signal(site, email="namn@example.org", consent=True)
    assert (without.email, without.consent) == ("", False)
    assert (with_consent.email, with_consent.consent) == ("namn@example.org", True)
    # The audit history never holds the address.
    assert not hasattr(with_consent.history.first(), "email")


@pytest.mark.django_db
def test_a_protocol_is_saved_from_data_and_rows_can_be_removed():
    from safety_inventory.models import Activity, Finding, Measure
    from safety_inventory.services import ProtocolRows, activity_protocol_save

    activity = Activity(
        site=sites()[0],
        kind="inventory",
        status=ActivityStatus.CONDUCTED,
        date=timezone.localdate() - timedelta(days=1),
        reason=ActivityReason.ANNUAL_PLAN,
    )
    finding = Finding(category="lighting", effect="less_safe", description="Mörkt vid trappan")
    measure = Measure(what="Byt lampan")
    saved = activity_protocol_save(
        activity=activity,
        findings=ProtocolRows(save=[finding]),
        measures=ProtocolRows(save=[measure]),
    )
    assert saved.pk and list(saved.findings.all()) == [finding]
    assert list(saved.measures.all()) == [measure]
    activity_protocol_save(activity=saved, measures=ProtocolRows(delete=[measure]))
    assert not saved.measures.exists() and saved.findings.count() == 1
