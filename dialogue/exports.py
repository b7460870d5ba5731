"""The dialogue's files, written by the one exporter: a round's public figures as open data
(CC0), one figure a row, with the same suppression as the page and the API."""

from portal.exporter import ListExporter

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"


def open_data(results: dict, *, generated_on: str) -> dict:
    return {"licence": LICENCE, "licence_url": LICENCE_URL, "generated_on": generated_on} | results


def figure_rows(results: dict):
    """Every published figure of ``results`` as (table, name, key, value); a suppressed one has
    no value and says why."""

    def cell(table, name, key, row):
        return (table, name, key, row["count"], row["suppressed"] or "")

    yield cell("answers", "all", "count", results["answers"]["total"])
    for row in results["answers"]["by_group"]:
        yield cell("group", row["group"], "count", row)
    for row in results["answers"]["by_district"]:
        yield cell("district", row["district"], "count", row)
    for which in ("day", "evening"):
        safety = results["safety"][which]
        for row in safety["distribution"]:
            yield cell(f"safety_{which}", row["step"], "count", row)
        yield (f"safety_{which}", "all", "mean", safety["mean"], "")
        yield (f"safety_{which}", "all", "mean_count", safety["count"], "")
    for row in results["districts"]:
        for which in ("day", "evening"):
            yield (f"safety_{which}", row["district"], "mean", row[which]["mean"], "")
            yield (f"safety_{which}", row["district"], "mean_count", row[which]["count"], "")
    for row in results["concerns"]:
        yield cell("concern", row["concern"], "count", row)
        yield ("concern", row["concern"], "share", row["share"], "")
    yield cell("places", "all", "count", results["places"])
    for row in results["places"]["by_district"]:
        yield cell("places", row["district"], "count", row)
        for t in row["by_time"]:
            yield cell("places", f"{row['district']}/{t['time']}", "count", t)


class DialogueOpenDataExporter(ListExporter):
    columns = ("year", "policing_area", "table", "name", "key", "value", "suppressed")
    sheet_title = "open data"

    def __init__(self, results: dict):
        self.results = results
        self.filename = f"trygghetsdialog-{results['year']}"

    def rows(self):
        year, area = self.results["year"], self.results["policing_area"]
        for table, name, key, value, suppressed in figure_rows(self.results):
            yield [year, area, table, name, key, "" if value is None else value, suppressed]
