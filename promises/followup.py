"""The annual follow-up as rows for CSV and Excel: promise, target, result, what was done, and
the figures per district. Public aggregates only, so it can be handed on as it is."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exporter import ListExporter
from .selectors import DistrictTable, PromiseProgress


def _done(item: PromiseProgress) -> str:
    details = item.progress.details
    if "months" in details:
        meetings = details.get("meetings", {})
        return _(
            "%(partly)d helger delvis täckta; %(held)d samverkansmöten med %(orgs)d organisationer"
        ) % {
            "partly": details.get("weekends_partly_covered", 0),
            "held": meetings.get("held", 0),
            "orgs": meetings.get("organisations", 0),
        }
    sites = details.get("sites", [])
    return "; ".join(
        f"{s['site']} ({s['district']}): {', '.join(s['kinds'])}"
        + (f" – {len(s['measures'])} " + _("åtgärder") if s["measures"] else "")
        for s in sites
    )


class FollowupExporter(ListExporter):
    """Per promise: target, result, unit, status and what was done; then the district table."""

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

    def __init__(
        self,
        items: list[PromiseProgress],
        districts: DistrictTable,
        *,
        year: int,
        narratives: dict[int, str] | None = None,
    ):
        self.items, self.districts = items, districts
        self.narratives = narratives or {}
        self.filename = f"uppfoljning-{year}"

    def rows(self):
        for item in self.items:
            progress = item.progress
            yield [
                item.promise.title,
                progress.target,
                progress.achieved,
                progress.unit.label,
                progress.status.label,
                _done(item),
                self.narratives.get(item.promise.pk, ""),
            ]
        yield []
        yield [_("Område"), *(c["label"] for c in self.districts.columns)]
        for row in self.districts.rows:
            yield [row["district"], *row["values"]]
