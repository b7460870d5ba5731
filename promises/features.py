"""The one extension contract: how a feature app joins the portal (docs/architecture.md#the-extension-contract).

A feature app (a kind of promise such as the weekend collaboration, or a feature that is not a
kind, such as the listening round) declares everything by which it joins the portal in one
``Feature`` and registers it once, in its ``AppConfig.ready()``::

    def ready(self):
        from promises import features

        from .feature import FEATURE

        features.register(FEATURE)

``promises`` and ``portal`` name no feature: they ask this module (and the registries it fills)
what the registered features add. A declaration holds:

- ``kind``: its kind of promise (``progress.PromiseKind``): tracker, label, unit, summary, report
  section, district columns, templates, renewal;
- ``personal_data``: the personal data it keeps and how it is purged (``purge_personal_data``);
- ``mail_tasks``: the tasks that send mail, by what they send (the stuck-mail page);
- ``public_names``: names the public-text guard refuses (e.g. the partners who registered);
- ``watched_models``: the models whose changes change a public page (the public cache);
- ``signed_records``: the models whose rows count in a year's figures, guarded once the year
  is signed (``signed.guard``);
- ``demo``: its demo data for ``seed_demo``;
- ``promise_admin_inlines`` / ``area_admin_inlines``: its settings on the admin's promise and
  area pages;
- for features that add to pages other than through a kind: ``promise_notes`` (under a promise
  on the public page), ``report_section`` (its part of the annual follow-up), ``renewal``
  (when a promise is renewed) and ``follow_up_target`` (somewhere a place can be followed up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from portal import mail_queue, public_cache, public_text, retention

from . import progress

if TYPE_CHECKING:
    from .models import District, PolicingArea, Promise


@dataclass(frozen=True)
class PersonalData:
    """Personal data a feature keeps: what it is (``label``, e.g. "Fritext i tips") and
    ``purge(older_than_days=...)``, which erases what is older and returns how many rows."""

    label: Any
    purge: Callable[..., int]


@dataclass(frozen=True)
class MailTask:
    """A task that sends mail (a ``django.tasks`` task) and what it sends, for staff."""

    task: Any
    label: Any


@dataclass(frozen=True)
class SignedRecords:
    """A model whose rows count in a year's figures: ``years_of(row)`` gives the
    ``(area id, year)`` pairs a row counts in, so that a change to a signed year needs a
    written reason (docs/rules.md#signed-years)."""

    model: type
    years_of: Callable[[Any], set[tuple[int, int]]]


@dataclass(frozen=True)
class PromiseNote:
    """What a feature shows under one promise on the public page: its template and context."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportSection:
    """A feature's part of the annual follow-up: ``provider(area=..., year=...)`` returns a
    JSON-ready dict (or None), kept under ``report["sections"][key]`` (in a signed snapshot
    too) and shown by ``template`` as ``section`` (``part``: "toc" or "body")."""

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


@dataclass(frozen=True)
class Feature:
    """Everything by which one app joins the portal; see the module's docstring."""

    name: str
    kind: progress.PromiseKind | None = None
    personal_data: tuple[PersonalData, ...] = ()
    mail_tasks: tuple[MailTask, ...] = ()
    public_names: Callable[[], Iterable[str]] | None = None
    watched_models: tuple[type, ...] = ()
    signed_records: tuple[SignedRecords, ...] = ()
    demo: Callable[..., None] | None = None
    promise_admin_inlines: tuple[type, ...] = ()
    area_admin_inlines: tuple[type, ...] = ()
    promise_notes: Callable[[list[Promise]], Mapping[int, PromiseNote]] | None = None
    report_section: ReportSection | None = None
    renewal: Callable[[Promise, Promise], None] | None = None
    follow_up_target: FollowUpTarget | None = None


_features: dict[str, Feature] = {}


def register(feature: Feature) -> None:
    """Join ``feature`` to the portal: its kind to the progress registry, its personal data to
    the retention, its mail tasks to the queue's labels, its names to the public-text guard,
    its models to the public cache and the signed-year guard. Registering the same declaration
    again is harmless; another one under a registered name is an error."""
    from . import signed

    existing = _features.get(feature.name)
    if existing is not None:
        if existing is feature:
            return
        raise ValueError(f"A feature named {feature.name!r} is already registered")
    if feature.kind is not None:
        progress.add_kind(feature.kind)
    _features[feature.name] = feature
    for data in feature.personal_data:
        retention.register(str(data.label), data.purge)
    for mail in feature.mail_tasks:
        mail_queue.register(mail.task, label=mail.label)
    if feature.public_names is not None:
        public_text.register_names(feature.public_names)
    public_cache.watch(*feature.watched_models)
    for records in feature.signed_records:
        signed.guard(records.model, years_of=records.years_of)


def unregister(name: str) -> None:
    """Forget the feature ``name`` and its kind (for tests that declare a feature of their own;
    the platform's registrations of it stay)."""
    feature = _features.pop(name, None)
    if feature is not None and feature.kind is not None:
        progress.remove_kind(feature.kind.kind)


def registered() -> list[Feature]:
    """The registered features, those with a kind first in the order of the source document."""
    return sorted(
        _features.values(),
        key=lambda f: progress.kind_order(f.kind.kind) if f.kind else (10_000, f.name),
    )


def feature_of(name: str) -> Feature:
    try:
        return _features[name]
    except KeyError:
        raise LookupError(f"No feature {name!r} is registered") from None


# --- What the core asks of the registered features ------------------------------------------


def demo_seeders() -> list[Callable[..., None]]:
    """Each feature's demo data: ``seeder(area=..., users=..., today=...)``, idempotent."""
    return [f.demo for f in registered() if f.demo is not None]


def promise_admin_inlines(*, kind: str | None = None) -> list[type]:
    """The inlines features add to the admin's promise page: for a promise of ``kind``, those
    of its kind's feature and of features without a kind; for a new promise, all."""
    return [
        inline
        for f in registered()
        if kind is None or f.kind is None or f.kind.kind == kind
        for inline in f.promise_admin_inlines
    ]


def area_admin_inlines() -> list[type]:
    return [inline for f in registered() for inline in f.area_admin_inlines]


def promise_notes(promises: list[Promise]) -> dict[int, list[PromiseNote]]:
    """Every feature's notes for ``promises``, by promise id."""
    notes: dict[int, list[PromiseNote]] = {}
    for feature in registered():
        if feature.promise_notes is None:
            continue
        for pk, note in feature.promise_notes(promises).items():
            notes.setdefault(pk, []).append(note)
    return notes


def report_sections(*, area: PolicingArea, year: int) -> dict[str, dict]:
    """Each feature's part of ``area``'s report for ``year``, under its own key."""
    sections = {}
    for feature in registered():
        section = feature.report_section
        if section is not None and (data := section.provider(area=area, year=year)):
            sections[section.key] = data
    return sections


def report_section_template(key: str) -> str | None:
    """The template of the feature section ``key`` (None when no feature adds it any more)."""
    for feature in registered():
        if feature.report_section is not None and feature.report_section.key == key:
            return feature.report_section.template
    return None


def promise_renewed(old: Promise, new: Promise) -> None:
    """Tell every feature that ``old`` was renewed as ``new`` (after the kind's own ``renew``)."""
    for feature in registered():
        if feature.renewal is not None:
            feature.renewal(old, new)


def follow_up_targets() -> list[FollowUpTarget]:
    return [f.follow_up_target for f in registered() if f.follow_up_target is not None]


def follow_up(key: str, *, district: District, name: str, description: str) -> str:
    """Hand a place to the feature that offers ``key``; its new object's address."""
    for target in follow_up_targets():
        if target.key == key:
            return target.create(district=district, name=name, description=description)
    raise LookupError(f"No follow-up target {key!r}")
