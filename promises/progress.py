"""The progress registry: what a tracker is, and everything the core needs for each kind of
promise (``PromiseKind``).

``promises`` knows no other app and names no kind. A feature app declares its kind in its
``Feature`` (``promises.features``): tracker, label, unit, summary, report section, district
columns, templates; ``Promise.kind`` takes the registered kinds, and pages and the API ask
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
class DistrictFigures:
    """A kind's figures in one district, by the keys of its ``Column``s (``{"shifts": 3}``),
    joined to the district by its id (names are unique only within a borough)."""

    district_id: int
    values: Mapping[str, int]


def district_figures(**columns: Mapping[int, int]) -> tuple[DistrictFigures, ...]:
    """Per-district figures from ``{column key: {district id: count}}``: one row for each
    district with a figure in any column, every column in it (0 where it has none), in the
    order of the districts' ids."""
    ids = sorted({district_id for counts in columns.values() for district_id in counts})
    return tuple(
        DistrictFigures(
            district_id, {key: counts.get(district_id, 0) for key, counts in columns.items()}
        )
        for district_id in ids
    )


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
    # Its figures per district, in the kind's ``columns`` (public) and ``staff_columns``.
    districts: tuple[DistrictFigures, ...] = ()
    staff_districts: tuple[DistrictFigures, ...] = ()
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
    """What a target counts (``"weekends"``), with its label in words (``helger``; ``one``:
    the word for one, ``helg``): compares and serialises as its value."""

    label: str
    one: str

    def __new__(cls, value: str, label, one=None) -> Unit:
        unit = super().__new__(cls, value)
        unit.label = label
        unit.one = one if one is not None else label
        return unit

    def label_for(self, count: int) -> str:
        """The word after ``count``: "1 plats", "2 platser"."""
        return str(self.one if count == 1 else self.label)

    def __reduce__(self):
        return (Unit, (str(self), self.label, self.one))


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
class PromiseKind:
    """Everything the core needs to show one kind of promise, so that ``promises`` names no
    kind (its app declares it as the ``kind`` of its ``features.Feature``):

    - ``kind``: its key (``Promise.kind``); ``tracker``: its figures; ``label``: the kind's
      name; ``order``: its place in the source document; ``unit``: what its target counts;
    - ``summary(progress)``: what was done, in one line (the follow-up and its download);
    - ``report(promise, progress)``: the JSON-ready figures it adds to the annual follow-up,
      kept under ``report["kinds"][kind]`` (in a signed snapshot too) and shown by its
      ``report_template`` as ``section`` (``part``: "toc" or "body");
    - ``columns`` / ``staff_columns``: the figures it adds per district (public / staff only),
      reported as ``Progress.districts`` / ``Progress.staff_districts``;
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
    report: Callable[[Promise, Progress], dict] | None = None
    report_template: str | None = None
    columns: tuple[Column, ...] = ()
    staff_columns: tuple[Column, ...] = ()
    public_template: str | None = None
    staff_template: str | None = None
    renew: Callable[[Promise, Promise], None] | None = None
    related: tuple[str, ...] = ()
    live: Live | None = None
    live_template: str | None = None


_kinds: dict[str, PromiseKind] = {}


def add_kind(kind: PromiseKind) -> None:
    """Register ``kind`` (``features.register`` does, for the kind of a feature); another
    declaration for a registered kind is an error."""
    existing = _kinds.get(kind.kind)
    if existing is not None and existing != kind:
        raise ValueError(f"The kind {kind.kind!r} is already registered: {existing!r}")
    _kinds[kind.kind] = kind


def remove_kind(kind: str) -> None:
    _kinds.pop(kind, None)


def entry_for(kind: str) -> PromiseKind:
    try:
        return _kinds[kind]
    except KeyError:
        raise LookupError(f"No progress tracker registered for {kind!r}") from None


def tracker_for(kind: str) -> Tracker:
    return entry_for(kind).tracker


def registered_kinds() -> list[str]:
    """The registered kinds in the order of the source document."""
    return [e.kind for e in sorted(_kinds.values(), key=lambda e: (e.order, e.kind))]


def related_names() -> list[str]:
    """The kinds' one-to-one settings of a promise, to read in the same query as the promise."""
    return sorted({name for entry in _kinds.values() for name in entry.related})


def kind_choices() -> list[tuple[str, Any]]:
    """``(kind, label)`` of every registered kind: the choices of ``Promise.kind``."""
    return [(kind, _kinds[kind].label) for kind in registered_kinds()]


def kind_order(kind: str) -> tuple[int, str]:
    """A sort key that puts promises in the order of the source document."""
    entry = _kinds.get(kind)
    return (entry.order if entry else 1000, kind)


def validate_kind(value: str) -> None:
    """Refuse a kind no app has registered a tracker for."""
    if value not in _kinds:
        raise ValidationError(
            _("Okänt slag av löfte: %(value)s."), code="invalid_kind", params={"value": value}
        )


def progress_of(promise: Promise, *, today: date | None = None, staff: bool = False) -> Progress:
    """Ask the tracker registered for the promise's kind how far the promise has come."""
    return tracker_for(promise.kind)(promise, today=today or timezone.localdate(), staff=staff)


def live_of(promise: Promise, *, now: datetime | None = None) -> Mapping[str, Any]:
    """What the promise's tracker shows staff as it is this minute (``PromiseKind.live``);
    nothing when it registered no such part."""
    live = entry_for(promise.kind).live
    return live(promise, now=now or timezone.now()) if live else {}


def final_status(*, achieved: int, target: int) -> Status:
    """A past year's promise is either achieved or not (docs/rules.md#weekend-pace, #places-pace)."""
    return Status.ACHIEVED if achieved >= target else Status.NOT_ACHIEVED
