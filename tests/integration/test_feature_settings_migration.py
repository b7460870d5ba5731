"""The feature settings that moved out of the core keep their values: the 2024 weekend rule
(``Promise.weekend_rule`` -> ``weekend_ops.WeekendCountingRule``) and each area's flag
threshold and window (``PolicingArea.signal_*`` -> ``safety_inventory.FlagRule``)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("promises", "0009_policing_area_staff"),
    ("weekend_ops", "0005_meeting_help_texts_name_no_area"),
    ("safety_inventory", "0002_public_texts_unpublished_names_en_tip_language"),
]
# (The coordinator may renumber these: keep the names in step with the migration files.)
AFTER = [
    ("promises", "0010_feature_settings_move_to_their_apps"),
    ("weekend_ops", "0006_weekend_counting_rule"),
    ("safety_inventory", "0003_flag_rule"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_weekend_rule_and_the_flag_thresholds_survive_their_move(reference_data):
    old = migrate(BEFORE)
    area = old.get_model("promises", "PolicingArea").objects.get(slug="farsta")
    assert (area.signal_threshold, area.signal_window_days) == (3, 90)  # today's values
    old.get_model("promises", "PolicingArea").objects.filter(pk=area.pk).update(
        signal_threshold=4, signal_window_days=45
    )
    promises = old.get_model("promises", "Promise").objects
    weekend_2024 = promises.get(year=2024, kind="weekend_collaboration")
    assert weekend_2024.weekend_rule == "both_evenings"
    weekend_2025 = promises.create(
        policing_area_id=area.pk,
        year=2025,
        kind="weekend_collaboration",
        title="Helgsamverkan",
        summary="x",
        target=30,
        weekend_rule="any_evening",
    )

    new = migrate(AFTER)
    rules = dict(
        new.get_model("weekend_ops", "WeekendCountingRule").objects.values_list(
            "promise_id", "rule"
        )
    )
    assert rules == {weekend_2024.pk: "both_evenings", weekend_2025.pk: "any_evening"}
    flag_rule = new.get_model("safety_inventory", "FlagRule").objects.get(area_id=area.pk)
    assert (flag_rule.threshold, flag_rule.window_days) == (4, 45)

    # And back: the values return to the core's fields.
    old = migrate(BEFORE)
    area = old.get_model("promises", "PolicingArea").objects.get(pk=area.pk)
    assert (area.signal_threshold, area.signal_window_days) == (4, 45)
    promise = old.get_model("promises", "Promise").objects.get(pk=weekend_2025.pk)
    assert promise.weekend_rule == "any_evening"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the database as the other tests expect
