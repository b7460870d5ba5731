"""Reads for the officers' pages."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from promises.models import OrganisationKind, OrganisationStatus, PolicingArea, Promise
from promises.progress import Status

from . import rules
from .models import Meeting, Registration, Shift, ShiftStatus, rule_of
from .rules import LOCAL_TZ


@dataclass(frozen=True)
class YearView:
    promise: Promise
    rows: list[rules.WeekendRow]
    counted: int
    status: Status
    needed: int
    remaining: int
    partly: int
    rule: rules.WeekendRule


def year_view(*, promise: Promise, today: date, rule: rules.WeekendRule | None = None) -> YearView:
    """The weekend grid of the promise's year as it stands now, counted by ``rule`` (the
    promise's own when not given): one query, two without ``rule``."""
    rule = rule or rule_of(promise)
    completed, planned = set(), set()
    shifts = (
        Shift.objects.of_area(promise.policing_area_id)
        .not_cancelled()
        .in_year(promise.year)
        .values_list("start", "status")
    )
    for start, status in shifts:
        day = start.astimezone(LOCAL_TZ).date()
        (completed if status == ShiftStatus.COMPLETED else planned).add(day)
    rows = rules.weekend_grid(
        year=promise.year,
        completed=completed,
        planned=planned,
        today=today,
        rule=rule,
    )
    counted = sum(row.counted for row in rows)
    return YearView(
        promise=promise,
        rows=rows,
        counted=counted,
        status=rules.pace_status(
            achieved=counted, target=promise.target, year=promise.year, today=today
        ),
        needed=rules.weekends_needed(achieved=counted, target=promise.target),
        remaining=rules.weekends_not_begun(year=promise.year, today=today),
        partly=sum(row.partly for row in rows),
        rule=rule,
    )


def shifts_to_confirm(
    *, area: PolicingArea | int, now, officer=None, limit: int = 20
) -> list[Shift]:
    """Planned shifts that have begun: under way or ended, waiting for an officer to mark them
    done (or cancel them). ``officer``: only theirs. Officers prefetched; one query plus one."""
    shifts = (
        Shift.objects.of_area(area)
        .planned()
        .filter(start__lte=now)
        .prefetch_related("officers")
        .order_by("-start")
    )
    if officer is not None:
        shifts = shifts.for_officer(officer)
    return list(shifts[:limit])


@dataclass(frozen=True)
class CapabilityPeriod:
    """Distinct organisations and persons that attended meetings in a period, by org type."""

    label: str
    organisations: int
    persons: int
    meetings: int
    by_kind: list[dict]


def _capability(rows: list[tuple], label: str) -> CapabilityPeriod:
    kinds: dict[str, tuple[set, set]] = {}
    for _meeting, organisation, kind, person in rows:
        orgs, persons = kinds.setdefault(kind, (set(), set()))
        orgs.add(organisation)
        persons.add(person)
    return CapabilityPeriod(
        label=label,
        organisations=len({r[1] for r in rows}),
        persons=len({r[3] for r in rows}),
        meetings=len({r[0] for r in rows}),
        by_kind=[
            {
                "kind": kind,
                "label": OrganisationKind(kind).label,
                "organisations": len(orgs),
                "persons": len(persons),
            }
            for kind, (orgs, persons) in sorted(kinds.items())
        ],
    )


def collective_capability(*, area: PolicingArea | int, year: int, now=None) -> dict:
    """Kollektiv förmåga: distinct organisations and persons that attended meetings of the area,
    for the year and each quarter, by organisation type, with the year before for the trend.
    Only accepted organisations count (not those still waiting for staff review).
    Persons are counted by their random key, so the figures survive the purge of names.
    Only held meetings count (started, not cancelled): attendance ticked on a meeting still to
    come (the admin lets it happen) never raises a figure."""
    held = Meeting.objects.held(now).values("pk")
    rows = (
        Registration.objects.of_area(area)
        .attended()
        .filter(
            meeting__in=held,
            meeting__start__year__in=[year - 1, year],
            # A name a partner typed counts once staff have accepted it (or merged it).
            organisation__status=OrganisationStatus.ACCEPTED,
        )
        .values_list(
            "meeting__start", "meeting_id", "organisation_id", "organisation__kind", "person_key"
        )
    )
    this_year, last_year = [], []
    quarters: dict[int, list] = {q: [] for q in range(1, 5)}
    for start, meeting, organisation, kind, person in rows:
        local = timezone.localtime(start)
        row = (meeting, organisation, kind, person)
        if local.year == year:
            this_year.append(row)
            quarters[(local.month - 1) // 3 + 1].append(row)
        else:
            last_year.append(row)
    return {
        "year": _capability(this_year, str(year)),
        "previous_year": _capability(last_year, str(year - 1)),
        "quarters": [_capability(quarters[q], f"K{q}") for q in range(1, 5)],
    }


def partner_names() -> list[str]:
    """The names partners registered with: never published (``public_text``)."""
    return list(Registration.objects.values_list("name", flat=True).distinct())
