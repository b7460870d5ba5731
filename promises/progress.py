"""The progress registry: what a tracker is, and which tracker counts which kind of promise.

``promises`` knows no other app. ``weekend_ops`` and ``safety_inventory`` register a tracker for
their kind of promise in ``AppConfig.ready()``; pages and the API ask ``progress_of(promise)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from promises.models import Promise


class Status(models.TextChoices):
    """A promise's standing in its year (PRODUCT.md, "Promise 1", "Pace")."""

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
class TrackerEntry:
    """A registered tracker and the templates that show its details (so that ``promises``
    pages need not know the other apps): ``public_template`` on the public page,
    ``staff_template`` on the staff dashboard. The dashboard keeps what the tracker reports in
    the versioned cache; ``live`` (shown by ``live_template`` as ``live``) is asked anew on every
    request."""

    tracker: Tracker
    public_template: str | None = None
    staff_template: str | None = None
    live: Live | None = None
    live_template: str | None = None


_trackers: dict[str, TrackerEntry] = {}


def register(
    kind: str,
    tracker: Tracker | Callable[..., Progress],
    *,
    public_template: str | None = None,
    staff_template: str | None = None,
    live: Live | Callable[..., Mapping[str, Any]] | None = None,
    live_template: str | None = None,
) -> None:
    """Register ``tracker`` for promises of ``kind``; registering another for a kind is an error."""
    existing = _trackers.get(kind)
    if existing is not None and existing.tracker is not tracker:
        raise ValueError(f"A tracker for {kind!r} is already registered: {existing.tracker!r}")
    _trackers[kind] = TrackerEntry(tracker, public_template, staff_template, live, live_template)


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
    return sorted(_trackers)


def progress_of(promise: Promise, *, today: date | None = None, staff: bool = False) -> Progress:
    """Ask the tracker registered for the promise's kind how far the promise has come."""
    return tracker_for(promise.kind)(promise, today=today or timezone.localdate(), staff=staff)


def live_of(promise: Promise, *, now: datetime | None = None) -> Mapping[str, Any]:
    """What the promise's tracker shows staff as it is this minute (``register(live=...)``);
    nothing when it registered no such part."""
    live = entry_for(promise.kind).live
    return live(promise, now=now or timezone.now()) if live else {}


def final_status(*, achieved: int, target: int) -> Status:
    """A past year's promise is either achieved or not (PRODUCT.md, "Pace")."""
    return Status.ACHIEVED if achieved >= target else Status.NOT_ACHIEVED
