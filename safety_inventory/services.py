"""Writes of the places promise: signals, flags, activities and their protocols.

Keyword-only, inside a transaction; each ends in ``full_clean()`` and ``save()``.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from . import rules
from .models import (
    Activity,
    ActivityKind,
    ActivityReason,
    ActivityStatus,
    Flag,
    FlagReason,
    FlagStatus,
    Signal,
    SignalSource,
    Site,
)


@transaction.atomic
def site_create(*, district, name: str, description: str = "", latitude=None, longitude=None):
    site = Site(
        district=district,
        name=name.strip(),
        description=description,
        latitude=latitude,
        longitude=longitude,
    )
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def signal_receive(
    *,
    district,
    category: str,
    description: str,
    site: Site | None = None,
    place_text: str = "",
    occurred_on: date | None = None,
    email: str = "",
    consent: bool = False,
    source: str = SignalSource.CITIZEN,
    created_by=None,
    now: datetime | None = None,
) -> Signal:
    """Record a citizen's signal or an officer's observation; raise a flag if the rule says so."""
    signal = Signal(
        district=district,
        site=site,
        place_text=place_text.strip(),
        category=category,
        description=description.strip(),
        occurred_on=occurred_on,
        email=email.strip() if consent else "",
        consent=consent and bool(email.strip()),
        source=source,
        created_by=created_by,
        received_at=now or timezone.now(),
    )
    signal.full_clean()
    signal.save()
    if site is not None:
        flag_evaluate(site=site)
    return signal


@transaction.atomic
def signal_link_site(*, signal: Signal, site: Site) -> Signal:
    """Tie a signal given with a free-text place to a known site, and apply the flag rule."""
    signal.site = site
    signal.district = site.district
    signal.full_clean()
    signal.save(update_fields=["site", "district"])
    flag_evaluate(site=site)
    return signal


@transaction.atomic
def flag_evaluate(*, site: Site, today: date | None = None) -> Flag | None:
    """Apply the flag rule to a site: new signals join its open flag, or raise one when at least
    the area's threshold of signals came in within its window, or an officer observed it."""
    today = today or timezone.localdate()
    Site.objects.select_for_update().filter(pk=site.pk).first()  # one evaluation at a time
    unflagged = list(site.signals.filter(flag__isnull=True))
    if not unflagged:
        return site.flags.open().first()
    flag = site.flags.open().first()
    if flag is None:
        area = site.district.borough.policing_area
        officer = any(s.source == SignalSource.OFFICER for s in unflagged)
        if not rules.flag_due(
            received=[timezone.localdate(s.received_at) for s in unflagged],
            today=today,
            threshold=area.signal_threshold,
            window_days=area.signal_window_days,
            officer_observation=officer,
        ):
            return None
        flag = Flag(
            site=site, reason=FlagReason.OFFICER_OBSERVATION if officer else FlagReason.SIGNALS
        )
        flag.full_clean()
        flag.save()
    Signal.objects.filter(pk__in=[s.pk for s in unflagged]).update(flag=flag)
    return flag


def _feedback_later(flag: Flag, *, final: bool) -> None:
    """After commit, tell each sender of the flag's signals who left an address what happened."""
    from .tasks import send_signal_feedback

    for signal_id in flag.signals.exclude(email="").values_list("pk", flat=True):
        transaction.on_commit(
            lambda signal_id=signal_id: send_signal_feedback.enqueue(signal_id, final)
        )


@transaction.atomic
def flag_answer_with_activity(
    *, flag: Flag, kind: str, planned_date: date | None = None, user=None
) -> Activity:
    """Answer an open flag by planning an inventory or place collaboration at its site."""
    reason = (
        ActivityReason.POLICE_OBSERVATION
        if flag.reason == FlagReason.OFFICER_OBSERVATION
        else ActivityReason.CITIZEN_SIGNALS
    )
    activity = activity_create(
        site=flag.site,
        kind=kind,
        status=ActivityStatus.PLANNED,
        date=planned_date,
        reason=reason,
        created_by=user,
    )
    flag.status = FlagStatus.ANSWERED
    flag.activity = activity
    flag.answered_at = timezone.now()
    flag.answered_by = user
    flag.full_clean()
    flag.save()
    _feedback_later(flag, final=False)
    return activity


@transaction.atomic
def flag_dismiss(*, flag: Flag, reason: str, user=None) -> Flag:
    """Close an open flag with a written reason (kept in the site's history)."""
    flag.status = FlagStatus.DISMISSED
    flag.dismissal_reason = reason.strip()
    flag.answered_at = timezone.now()
    flag.answered_by = user
    flag.full_clean()
    flag.save()
    _feedback_later(flag, final=True)
    return flag


@transaction.atomic
def activity_create(
    *,
    site: Site,
    kind: str = ActivityKind.INVENTORY,
    status: str = ActivityStatus.PLANNED,
    date: date | None = None,
    reason: str = ActivityReason.ANNUAL_PLAN,
    organisations: Iterable = (),
    residents_count: int = 0,
    officers_count: int = 0,
    summary: str = "",
    created_by=None,
) -> Activity:
    activity = Activity(
        site=site,
        kind=kind,
        status=status,
        date=date,
        reason=reason,
        residents_count=residents_count,
        officers_count=officers_count,
        summary=summary,
        created_by=created_by,
    )
    activity.full_clean()
    activity.save()
    activity.organisations.set(organisations)
    return activity


@transaction.atomic
def activity_protocol_save(*, form, findings, measures) -> Activity:
    """Save an activity's protocol (the activity, its findings and measures) all together.

    The caller has validated ``form`` and both formsets. When an activity that answers a flag
    is now conducted, the citizens behind the flag hear of it (and their addresses go).
    """
    newly_conducted = (
        form.cleaned_data.get("status") == ActivityStatus.CONDUCTED
        and form.initial.get("status") != ActivityStatus.CONDUCTED
    )
    activity = form.save()
    findings.instance = measures.instance = activity
    findings.save()
    measures.save()
    flag = Flag.objects.filter(activity=activity).first()
    if newly_conducted and flag is not None:
        _feedback_later(flag, final=True)
    return activity


@transaction.atomic
def signal_emails_purge(*, older_than_days: int, now: datetime | None = None) -> int:
    """Delete the e-mail addresses of signals received more than ``older_than_days`` ago (the
    audit history never holds them)."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    return (
        Signal.objects.filter(received_at__lt=cutoff)
        .exclude(email="")
        .update(email="", consent=False)
    )


# What a tip's free text becomes after the retention period.
PURGED_TEXT = "(borttaget)"


def signal_texts_purge(*, older_than_days: int, now: datetime | None = None) -> int:
    """Replace the free text of tips received more than ``older_than_days`` ago (what happened,
    the place in the citizen's words), in the audit history too; category, area, site and dates
    stay, so the figures are unchanged (issue 13, §3)."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    due = Signal.objects.filter(received_at__lt=cutoff).exclude(description=PURGED_TEXT)
    ids = list(due.values_list("pk", flat=True))
    Signal.objects.filter(pk__in=ids).update(description=PURGED_TEXT)
    Signal.objects.filter(pk__in=ids).exclude(place_text="").update(place_text=PURGED_TEXT)
    history = Signal.history.filter(received_at__lt=cutoff)
    history.update(description=PURGED_TEXT)
    history.exclude(place_text="").update(place_text=PURGED_TEXT)
    return len(ids)
