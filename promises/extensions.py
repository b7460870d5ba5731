"""Hooks for features that are not a kind of promise (e.g. a listening round): what they add to
an area's public page per promise, to the annual report, to a promise's renewal, and where a
place named by the public can be followed up. The core names no feature: each registers here in
its ``AppConfig.ready()``.

- ``register_promise_section(provider)``: ``provider(promises)`` returns
  ``{promise_pk: PromiseNote}``, shown under the promise on the area's public page.
- ``register_report_section(key, provider, template)``: ``provider(area, year)`` returns a
  JSON-ready dict (or None), kept under ``report["sections"][key]`` (in an approved snapshot
  too) and shown by ``template`` (``part`` "toc" or "body", like a kind's report template).
- ``register_renewal(listener)``: ``listener(old, new)`` when a promise is renewed for the next
  year (after the kind's own ``renew``).
- ``register_follow_up_target(target)``: a feature that can follow up a place (e.g. as a site)
  offers it; another feature hands it a district and words, and gets the new thing's address.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import District, PolicingArea, Promise


@dataclass(frozen=True)
class PromiseNote:
    """What a feature shows under one promise on the public page: its template and context."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportSection:
    key: str
    provider: Callable[..., dict | None]
    template: str


@dataclass(frozen=True)
class FollowUpTarget:
    """Somewhere a place can be followed up: ``create(district=..., name=..., description=...)``
    makes it and returns its staff address."""

    key: str
    label: Any
    create: Callable[..., str]


_promise_sections: list[Callable[[list[Promise]], Mapping[int, PromiseNote]]] = []
_report_sections: dict[str, ReportSection] = {}
_renewals: list[Callable[[Promise, Promise], None]] = []
_follow_up_targets: dict[str, FollowUpTarget] = {}


def register_promise_section(provider) -> None:
    if provider not in _promise_sections:
        _promise_sections.append(provider)


def promise_notes(promises: list[Promise]) -> dict[int, list[PromiseNote]]:
    """Every feature's notes for ``promises``, by promise id."""
    notes: dict[int, list[PromiseNote]] = {}
    for provider in _promise_sections:
        for pk, note in provider(promises).items():
            notes.setdefault(pk, []).append(note)
    return notes


def register_report_section(key: str, provider, *, template: str) -> None:
    _report_sections[key] = ReportSection(key=key, provider=provider, template=template)


def report_sections(*, area: PolicingArea, year: int) -> dict[str, dict]:
    """Each feature's part of ``area``'s report for ``year``, under its own key."""
    sections = {}
    for key, section in _report_sections.items():
        data = section.provider(area=area, year=year)
        if data:
            sections[key] = data
    return sections


def report_section_templates(keys) -> list[str]:
    return [_report_sections[k].template for k in keys if k in _report_sections]


def register_renewal(listener) -> None:
    if listener not in _renewals:
        _renewals.append(listener)


def promise_renewed(old: Promise, new: Promise) -> None:
    for listener in _renewals:
        listener(old, new)


def register_follow_up_target(target: FollowUpTarget) -> None:
    _follow_up_targets[target.key] = target


def follow_up_targets() -> list[FollowUpTarget]:
    return list(_follow_up_targets.values())


def follow_up(key: str, *, district: District, name: str, description: str) -> str:
    """Hand a place to the feature registered as ``key``; its new object's address."""
    try:
        target = _follow_up_targets[key]
    except KeyError:
        raise LookupError(f"No follow-up target {key!r}") from None
    return target.create(district=district, name=name, description=description)
