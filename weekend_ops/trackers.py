"""The progress tracker for the weekend collaboration promise (docs/rules.md#weekend-collaboration)."""

from datetime import date, datetime, timedelta

from django.db.models import Count
from django.utils.dates import MONTHS
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from promises.models import Promise
from promises.progress import Column, Progress, Unit, district_figures

from . import rules
from .models import Meeting, Shift, WeekendCountingRule, rule_of
from .rules import LOCAL_TZ
from .selectors import collective_capability, shifts_to_confirm, year_view

KIND = "weekend_collaboration"
WEEKENDS = Unit("weekends", _("helger"), pgettext_lazy("one unit", "helg"))
# The figures per district: on the public page, and for staff only.
COLUMNS = (Column("shifts", _("Genomförda pass")),)
STAFF_COLUMNS = (Column("hotspot_visits", _("Besök vid brännpunkter")),)


def counted_shifts(promise: Promise, *, today: date):
    """Completed shifts of the promise's area and year on weekends that have ended by ``today``:
    the figures never show a weekend still under way."""
    sunday = rules.last_ended_weekend(today) + timedelta(days=2)
    return (
        Shift.objects.of_area(promise.policing_area_id)
        .completed()
        .in_year(promise.year)
        .filter(start__lt=datetime.combine(sunday, datetime.min.time(), tzinfo=LOCAL_TZ))
    )


def _count_by(shifts, relation: str, field: str) -> dict:
    """Shifts per value of ``field`` across a relation (``districts`` by ``district_id``):
    ``{value: count}``, one query."""
    rows = (
        getattr(Shift, relation)
        .through.objects.filter(shift__in=shifts)
        .values_list(field)
        .annotate(n=Count("shift_id"))
        .order_by(field)
    )
    return dict(rows)


def _weekend_states(promise: Promise, *, full, partly, today: date) -> list[dict]:
    """Each weekend of the year for the public chart: full, partly, none, or not yet ended."""
    states = []
    for friday in rules.fridays_in_year(promise.year):
        if friday + timedelta(days=1) >= today:
            state = "upcoming"
        elif friday in full:
            state = "full"
        elif friday in partly:
            state = "partly"
        else:
            state = "none"
        states.append({"friday": friday, "state": state})
    return states


def _meetings_summary(capability: dict) -> dict:
    """Meetings held and the distinct organisations and persons that attended: counts only."""
    year = capability["year"]
    return {
        "held": year.meetings,
        "organisations": year.organisations,
        "persons": year.persons,
        "by_kind": year.by_kind,
    }


def weekend_live(promise: Promise, *, now: datetime) -> dict:
    """For staff, asked on every request (the dashboard caches the rest): planned shifts that
    have begun, waiting to be marked done, and the coming meetings with the seats left."""
    upcoming = (
        Meeting.objects.of_area(promise.policing_area_id).upcoming().select_related("borough")[:5]
    )
    return {
        "to_confirm": shifts_to_confirm(area=promise.policing_area_id, now=now),
        "upcoming_meetings": list(upcoming),
    }


def _staff_details(
    promise: Promise, *, shifts, today: date, capability: dict, rule: rules.WeekendRule
) -> dict:
    """For staff only: hotspots and the weekend grid as it stands today (planned shifts too,
    the weekend under way counted once its shifts are logged). Changes only with the data or the
    date, so it is cached with the figures; what changes by the minute is ``weekend_live``."""
    return {
        "hotspots": [
            {"hotspot": name, "shifts": n}
            for name, n in _count_by(shifts, "hotspots", "hotspot__name").items()
        ],
        "year_view": year_view(promise=promise, today=today, rule=rule),
        "capability": capability,
    }


def weekend_tracker(promise: Promise, *, today: date, staff: bool = False) -> Progress:
    shifts = counted_shifts(promise, today=today)
    evenings = [s.astimezone(LOCAL_TZ).date() for s in shifts.values_list("start", flat=True)]
    rule = rule_of(promise)
    counted = rules.covered_weekends(evenings, rule=rule)
    full = rules.covered_weekends(evenings, rule=rules.WeekendRule.BOTH_EVENINGS)
    partly = rules.partly_covered_weekends(evenings)
    achieved = len(counted)
    capability = collective_capability(area=promise.policing_area_id, year=promise.year)
    months = [
        {
            "month": month,
            "name": MONTHS[month].capitalize(),
            "full": sum(1 for f in full if f.month == month),
            "partly": sum(1 for f in partly if f.month == month),
        }
        for month in range(1, 13)
    ]
    return Progress(
        target=promise.target,
        achieved=achieved,
        unit=WEEKENDS,
        status=rules.pace_status(
            achieved=achieved, target=promise.target, year=promise.year, today=today
        ),
        details={
            "weekends_in_year": rules.weekends_in_year(promise.year),
            "weekends_remaining": rules.weekends_not_begun(year=promise.year, today=today),
            "weekends_needed": rules.weekends_needed(achieved=achieved, target=promise.target),
            "weekends_partly_covered": len(partly),
            "weekends": _weekend_states(promise, full=full, partly=partly, today=today),
            "months": months,
            "meetings": _meetings_summary(capability),
        },
        districts=district_figures(shifts=_count_by(shifts, "districts", "district_id")),
        staff_districts=(
            district_figures(hotspot_visits=_count_by(shifts, "hotspots", "hotspot__district_id"))
            if staff
            else ()
        ),
        staff_details=(
            _staff_details(promise, shifts=shifts, today=today, capability=capability, rule=rule)
            if staff
            else {}
        ),
    )


def summary(progress: Progress) -> str:
    """What was done, in a sentence, for the follow-up."""
    meetings = progress.details.get("meetings", {})
    partly = progress.details.get("weekends_partly_covered", 0)
    held, orgs = meetings.get("held", 0), meetings.get("organisations", 0)
    return gettext("%(partly)s; %(held)s med %(orgs)s") % {
        "partly": ngettext("%(n)d helg delvis täckt", "%(n)d helger delvis täckta", partly)
        % {"n": partly},
        "held": ngettext("%(n)d samverkansmöte", "%(n)d samverkansmöten", held) % {"n": held},
        "orgs": ngettext("%(n)d organisation", "%(n)d organisationer", orgs) % {"n": orgs},
    }


def report(promise: Promise, progress: Progress) -> dict:
    """The annual follow-up's weekend figures, JSON-ready: weekends per month, meetings."""
    details = progress.details
    meetings = details.get("meetings", {})
    return {
        "months": [
            {"name": str(m["name"]), "full": m["full"], "partly": m["partly"]}
            for m in details.get("months", [])
        ],
        "meetings": {
            "held": meetings.get("held", 0),
            "organisations": meetings.get("organisations", 0),
            "persons": meetings.get("persons", 0),
            "by_kind": [
                {"label": str(k["label"]), "organisations": k["organisations"]}
                for k in meetings.get("by_kind", [])
            ],
        },
    }


def renew(promise: Promise, renewed: Promise) -> None:
    """A renewed promise counts its weekends by the same rule."""
    WeekendCountingRule.objects.get_or_create(promise=renewed, defaults={"rule": rule_of(promise)})
