"""Signed reports in the shape of the one extension contract (issue 17):

- each kind's part of a report under ``report["kinds"][kind]`` instead of merged flat into the
  report (where two kinds could overwrite each other): a report signed before keeps its flat
  figures, copied under each of its kinds (each kind's template reads only its own keys);
- each kind's figures per district in ``progress[kind]["districts"]`` joined by district id
  instead of rows by district name in its ``details``.

Names no kind: it moves what is not one of the core's keys."""

from django.db import migrations

CORE_KEYS = {
    "year",
    "area",
    "area_slug",
    "generated_on",
    "promises",
    "comparison",
    "sections",
    "district_columns",
    "districts",
    "progress",
    "kinds",
}


def _forwards_figures(figures: dict, ids_by_name: dict[str, int]) -> dict:
    if not figures or "kinds" in figures:
        return figures
    flat = {k: v for k, v in figures.items() if k not in CORE_KEYS}
    out = {k: v for k, v in figures.items() if k in CORE_KEYS}
    out["kinds"] = {p["kind"]: dict(flat) for p in figures.get("promises", [])}
    for frozen in (out.get("progress") or {}).values():
        details = dict(frozen.get("details") or {})
        rows = details.pop("districts", [])
        frozen["details"] = details
        frozen["districts"] = [
            {
                "district_id": ids_by_name[row["district"]],
                "values": {k: v for k, v in row.items() if k != "district"},
            }
            for row in rows
            if row.get("district") in ids_by_name
        ]
    return out


def _backwards_figures(figures: dict, names_by_id: dict[int, str]) -> dict:
    if not figures or "kinds" not in figures:
        return figures
    out = {k: v for k, v in figures.items() if k != "kinds"}
    for section in figures["kinds"].values():
        out.update(section)
    for frozen in (out.get("progress") or {}).values():
        rows = frozen.pop("districts", [])
        frozen.setdefault("details", {})["districts"] = [
            {"district": names_by_id[row["district_id"]], **row["values"]}
            for row in rows
            if row["district_id"] in names_by_id
        ]
    return out


def _convert(apps, convert, *, by_name: bool):
    AnnualReport = apps.get_model("promises", "AnnualReport")
    District = apps.get_model("promises", "District")
    for report in AnnualReport.objects.all():
        districts = District.objects.filter(borough__policing_area_id=report.policing_area_id)
        pairs = list(districts.order_by("-pk").values_list("name", "pk"))
        lookup = dict(pairs) if by_name else {pk: name for name, pk in pairs}
        report.snapshot = {
            language: convert(figures, lookup) for language, figures in report.snapshot.items()
        }
        report.earlier_versions = [
            {
                **version,
                "snapshot": {
                    language: convert(figures, lookup)
                    for language, figures in (version.get("snapshot") or {}).items()
                },
            }
            for version in report.earlier_versions
        ]
        report.save(update_fields=["snapshot", "earlier_versions"])


def forwards(apps, schema_editor):
    _convert(apps, _forwards_figures, by_name=True)


def backwards(apps, schema_editor):
    _convert(apps, _backwards_figures, by_name=False)


class Migration(migrations.Migration):
    dependencies = [("promises", "0015_merge_20261206_1341")]

    operations = [migrations.RunPython(forwards, backwards)]
