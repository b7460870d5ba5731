"""The progress registry: what a tracker is, and everything the core needs for each kind of
promise (``TrackerEntry``).

``promises`` knows no other app and names no kind. ``weekend_ops`` and ``safety_inventory``
register their kind in ``AppConfig.ready()``: tracker, label, unit, summary, district columns,
templates; ``Promise.kind`` takes the registered kinds, and pages and the API ask
``progress_of(promise)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from promises.models import Promise


class Status(models.TextChoices):
    """A promise's standing in its year (docs/rules.md#weekend-pace, #places-pace)."""

    ACHIEVED = "achieved", _("Uppnått")
    NOT_ACHIEVED = "not_achieved", _("Inte uppnått")
    ON_TRACK = "on_track", _("I fas")
    BEHIND = "behind", _("Efter plan")
    UNREACHABLE = "unreachable", _("Kan inte längre nås i år")


@dataclass(frozen=True)
class Progress:
    """What a tracker reports for one promise: the figures every page and the API show."""

    target: int
    achieved: int
    unit: str
    status: Status
    details: Mapping[str, Any] = field(default_factory=dict)
    # For staff pages only: never on public pages or in the API (e.g. hotspots).
    staff_details: Mapping[str, Any] = field(default_factory=dict)
    # Why the status is what it is, where the status's general explanation would not say it
    # (in the page's language); empty: the general one.
    explanation: str = ""

    @property
    def percent(self) -> int:
        """Share of the target reached, capped at 100, for the progress bar."""
        return min(100, self.achieved * 100 // self.target) if self.target else 0

    @property
    def bar_value(self) -> int:
        """The count shown on a bar that ends at the target."""
        return min(self.achieved, self.target)

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.achieved)


class Unit(str):
    """What a target counts (``"weekends"``), with its label in words (``helger``): compares and
    serialises as its value."""

    label: str

    def __new__(cls, value: str, label) -> Unit:
        unit = super().__new__(cls, value)
        unit.label = label
        return unit

    def __reduce__(self):
        return (Unit, (str(self), self.label))


class Tracker(Protocol):
    def __call__(self, promise: Promise, *, today: date, staff: bool = False) -> Progress:
        """Figures for ``promise`` on ``today``; ``staff`` also fills ``staff_details``."""
        ...


class Live(Protocol):
    def __call__(self, promise: Promise, *, now: datetime) -> Mapping[str, Any]:
        """What staff must see as it is this minute (a shift under way, seats left), cheap to
        ask on every request: never cached with the figures."""
        ...


@dataclass(frozen=True)
class Column:
    """A figure a tracker reports per district: its key in the ``districts`` rows, its heading,
    and whether the public district chart draws it as a bar."""

    key: str
    label: Any
    chart: bool = False


@dataclass(frozen=True)
class TrackerEntry:
    """Everything the core needs to show one kind of promise, so that ``promises`` names no
    kind (a kind's app registers it in ``AppConfig.ready()``):

    - ``tracker``: its figures; ``label``: the kind's name; ``order``: its place in the source
      document; ``unit``: what its target counts;
    - ``summary(progress)``: what was done, in one line (the follow-up and its download);
    - ``report(promise, details)``: the JSON-ready figures it adds to the annual follow-up (kept
      in an approved snapshot), shown by its ``report_template``;
    - ``columns`` / ``staff_columns``: the figures it adds per district (public / staff only);
    - ``public_template`` / ``staff_template``: its details on the public page / dashboard;
    - ``renew(old, new)``: copies its own settings when a promise is renewed; ``related``: the
      promise's one-to-one settings to read with it (``select_related``);
    - ``live(promise, now=...)``: what staff must see as it is this minute, asked on every
      request and never cached with the figures, shown by ``live_template`` as ``live``.
    """

    kind: str
    tracker: Tracker
    label: Any
    unit: Unit
    order: int = 100
    summary: Callable[[Progress], str] | None = None
    report: Callable[[Promise, Mapping[str, Any]], dict] | None = None
    report_template: str | None = None
    columns: tuple[Column, ...] = ()
    staff_columns: tuple[Column, ...] = ()
    public_template: str | None = None
    staff_template: str | None = None
    renew: Callable[[Promise, Promise], None] | None = None
    related: tuple[str, ...] = ()
    live: Live | None = None
    live_template: str | None = None


_trackers: dict[str, TrackerEntry] = {}


def register(
    kind: str,
    tracker: Tracker | Callable[..., Progress],
    *,
    label,
    unit: Unit,
    order: int = 100,
    summary: Callable[[Progress], str] | None = None,
    report: Callable[[Promise, Mapping[str, Any]], dict] | None = None,
    report_template: str | None = None,
    columns: tuple[Column, ...] | list[Column] = (),
    staff_columns: tuple[Column, ...] | list[Column] = (),
    public_template: str | None = None,
    staff_template: str | None = None,
    renew: Callable[[Promise, Promise], None] | None = None,
    related: tuple[str, ...] = (),
    live: Live | Callable[..., Mapping[str, Any]] | None = None,
    live_template: str | None = None,
) -> None:
    """Register ``tracker`` and what shows it for promises of ``kind``; registering another
    tracker for a kind is an error."""
    existing = _trackers.get(kind)
    if existing is not None and existing.tracker is not tracker:
        raise ValueError(f"A tracker for {kind!r} is already registered: {existing.tracker!r}")
    _trackers[kind] = TrackerEntry(
        kind=kind,
        tracker=tracker,
        label=label,
        unit=unit,
        order=order,
        summary=summary,
        report=report,
        report_template=report_template,
        columns=tuple(columns),
        staff_columns=tuple(staff_columns),
        public_template=public_template,
        staff_template=staff_template,
        renew=renew,
        related=tuple(related),
        live=live,
        live_template=live_template,
    )


def unregister(kind: str) -> None:
    _trackers.pop(kind, None)


def entry_for(kind: str) -> TrackerEntry:
    try:
        return _trackers[kind]
    except KeyError:
        raise LookupError(f"No progress tracker registered for {kind!r}") from None


def tracker_for(kind: str) -> Tracker:
    return entry_for(kind).tracker


def registered_kinds() -> list[str]:
    """The registered kinds in the order of the source document."""
    return [e.kind for e in sorted(_trackers.values(), key=lambda e: (e.order, e.kind))]


def related_names() -> list[str]:
    """The kinds' one-to-one settings of a promise, to read in the same query as the promise."""
    return sorted({name for entry in _trackers.values() for name in entry.related})


def kind_choices() -> list[tuple[str, Any]]:
    """``(kind, label)`` of every registered kind: the choices of ``Promise.kind``."""
    return [(kind, _trackers[kind].label) for kind in registered_kinds()]


def kind_order(kind: str) -> tuple[int, str]:
    """A sort key that puts promises in the order of the source document."""
    entry = _trackers.get(kind)
    return (entry.order if entry else 1000, kind)


def validate_kind(value: str) -> None:
    """Refuse a kind no app has registered a tracker for."""
    if value not in _trackers:
        raise ValidationError(
            _("Okänt slag av löfte: %(value)s."), code="invalid_kind", params={"value": value}
        )


def progress_of(promise: Promise, *, today: date | None = None, staff: bool = False) -> Progress:
    """Ask the tracker registered for the promise's kind how far the promise has come."""
    return tracker_for(promise.kind)(promise, today=today or timezone.localdate(), staff=staff)


def live_of(promise: Promise, *, now: datetime | None = None) -> Mapping[str, Any]:
    """What the promise's tracker shows staff as it is this minute (``register(live=...)``);
    nothing when it registered no such part."""
    live = entry_for(promise.kind).live
    return live(promise, now=now or timezone.now()) if live else {}


def final_status(*, achieved: int, target: int) -> Status:
    """A past year's promise is either achieved or not (docs/rules.md#weekend-pace, #places-pace)."""
    return Status.ACHIEVED if achieved >= target else Status.NOT_ACHIEVED
