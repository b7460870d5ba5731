"""Migration 0016 moves reports signed before the extension contract to its shape: each kind's
part under ``report["kinds"]``, district figures by district id, and back."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from promises.models import AnnualReport, District, PolicingArea, ReportStatus

migration = import_module("promises.migrations.0016_signed_reports_by_kind_and_district_id")


def legacy_figures(district_name: str) -> dict:
    """A signed report as it was stored before: kinds' parts flat, district rows by name."""
    return {
        "year": 2024,
        "area": "Farsta",
        "promises": [{"kind": "weekend_collaboration"}, {"kind": "safety_inventory"}],
        "months": [{"name": "Januari", "full": 1, "partly": 0}],
        "sites": [{"site": "Torget"}],
        "sections": {},
        "districts": [{"district": district_name, "values": [2]}],
        "progress": {
            "weekend_collaboration": {
                "target": 40,
                "achieved": 1,
                "details": {
                    "weekends_in_year": 52,
                    "districts": [{"district": district_name, "shifts": 2}],
                },
            }
        },
    }


@pytest.mark.django_db
def test_a_report_signed_before_moves_to_the_new_shape_and_back():
    area = PolicingArea.objects.get(slug="farsta")
    district = District.objects.of_area(area).order_by("name").first()
    report = AnnualReport.objects.create(
        policing_area=area,
        year=2024,
        status=ReportStatus.APPROVED,
        approved_at=timezone.now(),
        approved_by_name="Eva Chef",
        snapshot={"sv": legacy_figures(district.name)},
        earlier_versions=[{"version": 1, "snapshot": {"en": legacy_figures(district.name)}}],
    )

    migration.forwards(apps, None)
    report.refresh_from_db()
    figures = report.snapshot["sv"]
    assert set(figures["kinds"]) == {"weekend_collaboration", "safety_inventory"}
    assert figures["kinds"]["weekend_collaboration"]["months"][0]["full"] == 1
    assert figures["kinds"]["safety_inventory"]["sites"] == [{"site": "Torget"}]
    assert "months" not in figures and "sites" not in figures
    weekend = figures["progress"]["weekend_collaboration"]
    assert weekend["districts"] == [{"district_id": district.pk, "values": {"shifts": 2}}]
    assert weekend["details"] == {"weekends_in_year": 52}
    assert figures["districts"] == [{"district": district.name, "values": [2]}]  # the table
    assert report.earlier_versions[0]["snapshot"]["en"]["kinds"] == figures["kinds"]
    assert report.figures()["kinds"] == figures["kinds"]

    migration.forwards(apps, None)  # a second run changes nothing
    report.refresh_from_db()
    assert report.snapshot["sv"] == figures

    migration.backwards(apps, None)
    report.refresh_from_db()
    assert report.snapshot["sv"]["months"] == legacy_figures(district.name)["months"]
    assert (
        report.snapshot["sv"]["progress"]["weekend_collaboration"]["details"]
        == (legacy_figures(district.name)["progress"]["weekend_collaboration"]["details"])
    )
