"""Writes of the places promise: signals, flags, activities and their protocols.

Keyword-only, inside a transaction; each ends in ``full_clean()`` and ``save()``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models, transaction
from django.utils import timezone

from promises.models import Organisation

from . import rules
from .models import (
    Activity,
    ActivityKind,
    ActivityReason,
    ActivityStatus,
    Flag,
    FlagReason,
    FlagRule,
    FlagStatus,
    Measure,
    Signal,
    SignalSource,
    Site,
    TipLanguage,
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


def site_for_follow_up(*, district, name: str, description: str = "") -> str:
    """A place another feature hands over to be followed up: the site of that name in the
    district (made if new); its staff page's address."""
    site = Site.objects.filter(district=district, name__iexact=name.strip()).first()
    if site is None:
        site = site_create(district=district, name=name, description=description)
    return site.get_absolute_url()


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
    language: str = TipLanguage.SWEDISH,
) -> Signal:
    """Record a citizen's signal or an officer's observation; raise a flag if the rule says so.
    ``language`` is the one the tip was written in: its e-mails are sent in it."""
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
        language=language,
    )
    signal.full_clean()
    signal.save()
    if site is not None:
        # The sender sees the flag on the page they land on: no e-mail to them about it.
        flag_evaluate(site=site, quiet=[signal.pk])
    return signal


@transaction.atomic
def signal_link_site(*, signal: Signal, site: Site) -> Signal:
    """Tie a signal given with a free-text place to a known site, and apply the flag rule."""
    signal.site = site
    signal.district = site.district
    signal.full_clean()
    signal.save(update_fields=["site", "district"])
    flag_evaluate(site=site, quiet=[signal.pk])
    # One message about the place the tip is now tied to, with all that is known about it.
    _feedback_later(Signal.objects.filter(pk=signal.pk))
    return signal


@transaction.atomic
def flag_evaluate(
    *, site: Site, today: date | None = None, quiet: Iterable[int] = ()
) -> Flag | None:
    """Apply the flag rule to a site: new signals join its open flag, or raise one when at least
    the area's threshold of signals came in within its window, or an officer observed it.
    Senders of signals that are now flagged hear of it, except those in ``quiet``."""
    today = today or timezone.localdate()
    Site.objects.select_for_update().filter(pk=site.pk).first()  # one evaluation at a time
    unflagged = list(site.signals.filter(flag__isnull=True))
    if not unflagged:
        return site.flags.open().first()
    flag = site.flags.open().first()
    if flag is None:
        rule = FlagRule.objects.rule_of(site.district.borough.policing_area_id)
        officer = any(s.source == SignalSource.OFFICER for s in unflagged)
        if not rules.flag_due(
            received=[timezone.localdate(s.received_at) for s in unflagged],
            today=today,
            threshold=rule.threshold,
            window_days=rule.window_days,
            officer_observation=officer,
        ):
            return None
        flag = Flag(
            site=site, reason=FlagReason.OFFICER_OBSERVATION if officer else FlagReason.SIGNALS
        )
        flag.full_clean()
        flag.save()
    flagged = [s.pk for s in unflagged]
    Signal.objects.filter(pk__in=flagged).update(flag=flag)
    _feedback_later(Signal.objects.filter(pk__in=flagged).exclude(pk__in=list(quiet)))
    return flag


def _feedback_later(signals, *, final: bool = False) -> None:
    """After commit, tell each sender among ``signals`` who left an address what the tracking
    page now shows (one task each, on the queue all mail goes through)."""
    from .tasks import send_signal_feedback

    for signal_id in signals.exclude(email="").values_list("pk", flat=True):
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
    # Every tip about the place now shows the planned activity.
    _feedback_later(flag.site.signals.all())
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
    _feedback_later(flag.signals.all(), final=True)
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


@dataclass(frozen=True)
class ProtocolRows:
    """Findings or measures of a protocol to write: ``save`` the new and changed rows (their
    ``activity`` is set here), ``delete`` the removed ones."""

    save: Sequence[models.Model] = ()
    delete: Sequence[models.Model] = ()


@transaction.atomic
def activity_protocol_save(
    *,
    activity: Activity,
    organisations: Iterable[Organisation] = (),
    findings: ProtocolRows = ProtocolRows(),
    measures: ProtocolRows = ProtocolRows(),
) -> Activity:
    """Save an activity's protocol (the activity with its organisations, its findings and
    measures) all together, from validated data: ``activity`` carries its new values.

    When what the tracking page shows about the place changes (an activity planned or
    conducted there, a measure published), the citizens whose tips are about the place hear of
    it; once it is conducted, the matter is closed and their addresses go.
    """
    # A new activity, or a new status (planned, conducted, also cancelled: the plan is gone).
    stored_status = (
        Activity.objects.filter(pk=activity.pk).values_list("status", flat=True).first()
        if activity.pk
        else None
    )
    status_changed = stored_status is None or stored_status != activity.status
    published_before = set(
        Measure.objects.public().filter(activity=activity.pk).values_list("pk", flat=True)
        if activity.pk
        else ()
    )
    activity.save()
    activity.organisations.set(organisations)
    for row in (*findings.delete, *measures.delete):
        row.delete()
    for row in (*findings.save, *measures.save):
        row.activity = activity
        row.save()
    published_now = set(
        Measure.objects.public().filter(activity=activity).values_list("pk", flat=True)
    )
    if status_changed or published_now - published_before:
        # Whether the matter is now closed for each sender is decided by the tip's state.
        _feedback_later(activity.site.signals.all())
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
