"""Reads for the staff pages of the places promise."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from .models import Activity, Flag, Measure, Signal, Site


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: str  # signal, flag, flag_closed, activity
    item: object
    # What a citizen or officer wrote in a signal: for officers only (config/access.py).
    text: str = ""


def site_timeline(site: Site, *, with_signal_texts: bool = False) -> list[TimelineEntry]:
    """Signals, flags and activities (with findings and measures) of a site, newest first, in a
    fixed number of queries whatever the amount of data. Signals are for officers: others see
    that a signal came in and what it was about, never what was written."""
    signals = list(
        site.signals.all() if with_signal_texts else site.signals.defer("description", "email")
    )
    flags = list(site.flags.select_related("answered_by", "activity"))
    activities = list(
        site.activities.select_related("created_by").prefetch_related(
            "findings",
            Prefetch("measures", queryset=Measure.objects.select_related("responsible")),
            "organisations",
        )
    )
    entries = [
        TimelineEntry(s.received_at, "signal", s, s.description if with_signal_texts else "")
        for s in signals
    ]
    for flag in flags:
        entries.append(TimelineEntry(flag.raised_at, "flag", flag))
        if flag.answered_at:
            entries.append(TimelineEntry(flag.answered_at, "flag_closed", flag))
    for activity in activities:
        when = (
            datetime.combine(
                activity.date, datetime.max.time(), tzinfo=timezone.get_current_timezone()
            )
            if activity.date
            else activity.created_at
        )
        entries.append(TimelineEntry(when, "activity", activity))
    return sorted(entries, key=lambda e: e.when, reverse=True)


def open_flags(area):
    return Flag.objects.of_area(area).open().select_related("site__district").order_by("raised_at")


def overdue_measures(area):
    return (
        Measure.objects.of_area(area)
        .overdue()
        .select_related("activity__site", "responsible")
        .order_by("due_date")
    )


def unplaced_signals(area):
    """Signals with only a free-text place: officers tie them to a site."""
    return Signal.objects.of_area(area).filter(site__isnull=True).select_related("district")


def activities_of_year(area, year: int):
    return (
        Activity.objects.of_area(area)
        .filter(date__year=year)
        .select_related("site__district")
        .prefetch_related(
            "findings", Prefetch("measures", queryset=Measure.objects.select_related("responsible"))
        )
        .order_by("date", "pk")
    )
