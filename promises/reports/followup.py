"""The annual follow-up as rows for CSV and Excel: promise, target, result, what was done, and
the figures per district. Public aggregates only, so it can be handed on as it is."""

from django.utils.translation import gettext_lazy, pgettext

from portal.exporter import ListExporter, Table, file_word
from promises.progress import entry_for
from promises.selectors import PromiseProgress


def done_in_words(item: PromiseProgress) -> str:
    """What was done for a promise, in a sentence: the summary its kind's tracker gives."""
    summary = entry_for(item.promise.kind).summary
    return summary(item.progress) if summary is not None else ""


class FollowupExporter(ListExporter):
    """The report (``annual_report.report_figures`` or an approved snapshot) as a table: per
    promise target, result, unit, status, what was done and staff's narrative; then the figures
    per district. So the download always shows what the report shows."""

    columns = (
        gettext_lazy("Löfte"),
        gettext_lazy("Mål"),
        gettext_lazy("Resultat"),
        gettext_lazy("Enhet"),
        gettext_lazy("Status"),
        gettext_lazy("Vad som gjordes"),
        gettext_lazy("Berättelse"),
    )
    sheet_title = gettext_lazy("Uppföljning")

    def __init__(self, report: dict):
        self.report = report
        self.filename = f"{file_word(pgettext('file name', 'uppfoljning'))}-{report['year']}"

    def rows(self):
        for p in self.report["promises"]:
            yield [
                p["title"],
                p["target"],
                p["achieved"],
                p["unit_label"],
                p["status_label"],
                p.get("done", ""),
                p["narrative"],
            ]

    def district_rows(self):
        for row in self.report["districts"]:
            yield [row["district"], *row["values"]]

    def tables(self) -> list[Table]:
        """The promises and the figures per district: two tables, each with its own header
        (a sheet each in Excel, a section each in CSV)."""
        return [
            Table(self.sheet_title, self.header(), self.rows()),
            Table(
                gettext_lazy("Per område"),
                [gettext_lazy("Område"), *self.report["district_columns"]],
                self.district_rows(),
            ),
        ]
