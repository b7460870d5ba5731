from datetime import date
from types import SimpleNamespace

import pytest

from promises import features, progress
from promises.models import Promise
from promises.progress import Progress, Status
from safety_inventory.trackers import sites_tracker
from weekend_ops.trackers import weekend_tracker


def test_both_apps_register_their_tracker_and_templates_when_django_starts():
    # In the order of the source document; the test app's third kind comes after them.
    assert progress.registered_kinds()[:2] == ["weekend_collaboration", "safety_inventory"]
    assert progress.tracker_for("weekend_collaboration") is weekend_tracker
    assert progress.tracker_for("safety_inventory") is sites_tracker
    for kind in ("weekend_collaboration", "safety_inventory"):
        entry = progress.entry_for(kind)
        assert entry.public_template and entry.staff_template
        assert entry.label and entry.unit.label and entry.summary and entry.columns
    assert [str(u) for u in (progress.entry_for("weekend_collaboration").unit,)] == ["weekends"]
    assert str(progress.entry_for("safety_inventory").unit.label) == "platser"


def test_the_kind_choices_come_from_the_registry():
    choices = dict(progress.kind_choices())
    assert str(choices["weekend_collaboration"]) == "Helgsamverkan"
    assert str(choices["safety_inventory"]) == "Medborgarens trygghet i fokus"
    assert dict(Promise._meta.get_field("kind").choices).keys() == choices.keys()


@pytest.fixture
def test_kind():
    yield "test_kind"
    features.unregister("test_feature")


def declare(kind: str, tracker) -> features.Feature:
    return features.Feature(
        name="test_feature",
        kind=progress.PromiseKind(
            kind=kind, tracker=tracker, label="Test", unit=progress.Unit("things", "saker")
        ),
    )


def test_progress_of_asks_the_tracker_registered_for_the_promises_kind(test_kind):
    seen = []

    def tracker(promise, *, today, staff=False):
        seen.append((promise, today, staff))
        return Progress(target=5, achieved=2, unit="things", status=Status.BEHIND)

    features.register(declare(test_kind, tracker))
    promise = SimpleNamespace(kind=test_kind)
    result = progress.progress_of(promise, today=date(2025, 3, 1))
    assert (result.achieved, result.status) == (2, Status.BEHIND)
    progress.progress_of(promise, today=date(2025, 3, 1), staff=True)
    assert seen == [(promise, date(2025, 3, 1), False), (promise, date(2025, 3, 1), True)]


def test_a_feature_and_a_kind_are_declared_once(test_kind):
    def first(promise, *, today, staff=False): ...

    def second(promise, *, today, staff=False): ...

    declared = declare(test_kind, first)
    features.register(declared)
    features.register(declared)  # the same declaration again is harmless
    with pytest.raises(ValueError, match="already registered"):
        features.register(declare(test_kind, second))
    # Another feature cannot take a registered kind either.
    other = features.Feature(name="other_feature", kind=declare(test_kind, second).kind)
    with pytest.raises(ValueError, match="already registered"):
        features.register(other)
    with pytest.raises(LookupError):
        features.feature_of("other_feature")


def test_an_unregistered_kind_is_an_error():
    with pytest.raises(LookupError, match="no_such_kind"):
        progress.tracker_for("no_such_kind")


@pytest.mark.parametrize(
    ("achieved", "target", "percent", "bar", "remaining"),
    [(0, 40, 0, 0, 40), (31, 40, 77, 31, 9), (40, 40, 100, 40, 0), (3, 2, 100, 2, 0)],
)
def test_progress_figures_for_the_bar(achieved, target, percent, bar, remaining):
    p = Progress(target=target, achieved=achieved, unit="weekends", status=Status.ON_TRACK)
    assert (p.percent, p.bar_value, p.remaining) == (percent, bar, remaining)


@pytest.mark.parametrize(("achieved", "expected"), [(1, Status.NOT_ACHIEVED), (2, Status.ACHIEVED)])
def test_a_past_year_is_achieved_or_not(achieved, expected):
    assert progress.final_status(achieved=achieved, target=2) == expected


@pytest.mark.django_db
def test_both_trackers_report_on_the_2024_promises():
    for promise in Promise.objects.in_year(2024):
        result = progress.progress_of(promise, today=date(2025, 6, 1))
        assert result.target == promise.target
        assert result.unit == promise.unit
        assert result.status == Status.NOT_ACHIEVED  # nothing recorded in a past year


def test_a_unit_compares_as_its_value_and_survives_pickling():
    import pickle

    unit = progress.entry_for("weekend_collaboration").unit
    assert unit == "weekends" and str(unit.label) == "helger"
    again = pickle.loads(pickle.dumps(unit))  # noqa: S301 - our own bytes
    assert again == "weekends" and str(again.label) == "helger"
