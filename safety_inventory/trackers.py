"""The progress tracker for the places promise (docs/rules.md#places)."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from portal.translated import localized
from promises.models import Promise
from promises.progress import Column, Progress, Unit, district_figures

from . import rules, selectors
from .models import (
    Activity,
    ActivityStatus,
    Finding,
    FindingCategory,
    Measure,
    MeasureStatus,
    Signal,
)

KIND = "safety_inventory"
SITES = Unit("sites", _("platser"), pgettext_lazy("one unit", "plats"))
# The figures per district: "ni sa, vi gjorde" on the public page and chart; for staff only.
COLUMNS = (
    Column("signals", _("Signaler från medborgare"), chart=True),
    Column("activities", _("Genomförda insatser"), chart=True),
)
STAFF_COLUMNS = (Column("open_measures", _("Öppna åtgärder")),)


def on_track_by_plans(achieved: int, target: int, planned: int) -> str:
    """The status explained near the year's end, when plans make it "I fas": how many places
    so far and that the rest are planned, never which place or when (docs/rules.md#places)."""
    return ngettext(
        "I fas: %(achieved)s av %(target)s platser; ytterligare en plats är planerad före "
        "årets slut.",
        "I fas: %(achieved)s av %(target)s platser; ytterligare %(planned)s platser är "
        "planerade före årets slut.",
        planned,
    ) % {"achieved": achieved, "target": target, "planned": planned}


def counted_activities(promise: Promise):
    """Conducted activities of the promise's area dated in its year."""
    return Activity.objects.of_area(promise.policing_area_id).conducted().in_year(promise.year)


def _staff_details(promise: Promise) -> dict:
    """For staff only: open flags and overdue measures."""
    area = promise.policing_area_id
    return {
        "open_flags": list(selectors.open_flags(area)),
        "overdue_measures": list(selectors.overdue_measures(area)[:10]),
    }


def _open_measures_per_district(promise: Promise) -> dict[int, int]:
    """For staff only: the area's measures still open, per district id."""
    return dict(
        Measure.objects.of_area(promise.policing_area_id)
        .still_open()
        .values_list("activity__site__district_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def _counted_sites(activities) -> tuple[dict[int, dict], dict[int, int]]:
    """The distinct sites of the counted activities, each with its kinds of activity and the
    date of its last one; and the activities conducted per district id."""
    sites: dict[int, dict] = {}
    per_district: dict[int, int] = defaultdict(int)
    for activity in activities:
        entry = sites.setdefault(
            activity.site_id,
            {
                "site": localized(activity.site, "name"),
                "district": localized(activity.site.district, "name"),
                "kinds": [],
                "last_date": activity.date,
                "findings": [],
                "published_findings": [],
                "measures": [],
            },
        )
        if activity.get_kind_display() not in entry["kinds"]:
            entry["kinds"].append(activity.get_kind_display())
        entry["last_date"] = max(entry["last_date"], activity.date)
        per_district[activity.site.district_id] += 1
    return sites, per_district


def _add_findings_and_measures(sites: dict[int, dict], activity_ids: list[int]) -> None:
    """Each site's findings by category, and the findings and measures staff published: only
    the public text staff wrote, never the protocol's own words."""
    findings = (
        Finding.objects.filter(activity_id__in=activity_ids)
        .values_list("activity__site_id", "category")
        .annotate(n=Count("id"))
        .order_by("activity__site_id", "category")
    )
    for site_id, category, n in findings:
        sites[site_id]["findings"].append({"category": FindingCategory(category).label, "count": n})
    published_findings = (
        Finding.objects.public()
        .filter(activity_id__in=activity_ids)
        .values_list("activity__site_id", "public_text")
        .order_by("activity__site_id", "pk")
    )
    for site_id, text in published_findings:
        sites[site_id]["published_findings"].append(text)
    measures = (
        Measure.objects.public()
        .filter(activity_id__in=activity_ids)
        .values_list("activity__site_id", "public_text", "status")
        .order_by("activity__site_id", "pk")
    )
    for site_id, text, status in measures:
        sites[site_id]["measures"].append(
            {"what": text, "status": status, "status_label": MeasureStatus(status).label}
        )


def _signals_per_district(promise: Promise) -> dict[int, int]:
    """The signals (citizen tips) received in the promise's year, per district id."""
    return dict(
        Signal.objects.of_area(promise.policing_area_id)
        .filter(received_at__year=promise.year)
        .values_list("district_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def _places_planned(promise: Promise, *, counted: dict, today: date) -> int:
    """Places not yet counted this year with an activity planned for the year (or not yet
    dated): the public sees only how many, never which or when (docs/rules.md#places)."""
    if today.year != promise.year or len(counted) >= promise.target:
        return 0
    return (
        Activity.objects.of_area(promise.policing_area_id)
        .filter(status=ActivityStatus.PLANNED)
        .filter(Q(date__isnull=True) | Q(date__year=promise.year, date__gte=today))
        .exclude(site_id__in=list(counted))
        .values("site_id")
        .distinct()
        .count()
    )


def sites_tracker(promise: Promise, *, today: date, staff: bool = False) -> Progress:
    """``achieved`` is the number of distinct sites with a conducted activity dated in the year,
    of either kind; details list those sites with what was found and the public measures, and
    per district the signals received and the activities conducted ("ni sa, vi gjorde")."""
    activities = list(
        counted_activities(promise).select_related("site__district").order_by("date", "pk")
    )
    sites, activities_per_district = _counted_sites(activities)
    _add_findings_and_measures(sites, [a.pk for a in activities])
    achieved = len(sites)
    planned = _places_planned(promise, counted=sites, today=today)
    pace = {
        "achieved": achieved,
        "target": promise.target,
        "year": promise.year,
        "today": today,
        "planned": planned,
    }
    return Progress(
        target=promise.target,
        achieved=achieved,
        unit=SITES,
        status=rules.sites_pace_status(**pace),
        explanation=on_track_by_plans(achieved, promise.target, planned)
        if rules.sites_on_track_by_plans(**pace)
        else "",
        details={
            "sites_scheduled": planned,
            # The count an even pace asks for today: at or above it, "behind" means plans
            # for the places still missing are lacking (docs/rules.md#places).
            "pace_floor": rules.sites_pace_floor(
                target=promise.target, year=promise.year, today=today
            ),  # a count only: docs/rules.md#public-figures allows no more
            "sites": sorted(sites.values(), key=lambda s: (s["district"], s["site"])),
        },
        staff_details=_staff_details(promise) if staff else {},
        districts=district_figures(
            signals=_signals_per_district(promise), activities=activities_per_district
        ),
        staff_districts=(
            district_figures(open_measures=_open_measures_per_district(promise)) if staff else ()
        ),
    )


def summary(progress: Progress) -> str:
    """What was done, in a sentence, for the follow-up: each place with its kinds of activity
    and how many public measures."""
    return "; ".join(
        f"{s['site']} ({s['district']}): {', '.join(str(k) for k in s['kinds'])}"
        + (
            " – "
            + ngettext("%(count)d åtgärd", "%(count)d åtgärder", len(s["measures"]))
            % {"count": len(s["measures"])}
            if s["measures"]
            else ""
        )
        for s in progress.details.get("sites", [])
    )


def _overdue_per_district(promise: Promise) -> list[dict]:
    """Measures from the year's activities past their due date and not done, per district."""
    rows = (
        Measure.objects.of_area(promise.policing_area_id)
        .overdue()
        .filter(activity__date__year=promise.year)
        .values_list("activity__site__district__name")
        .annotate(n=Count("id"))
        .order_by("activity__site__district__name")
    )
    return [{"district": name, "count": n} for name, n in rows]


def report(promise: Promise, progress: Progress) -> dict:
    """The annual follow-up's places, JSON-ready: each place, its kinds and public measures;
    and the measures overdue per district."""
    details = progress.details
    overdue = _overdue_per_district(promise)
    return {
        "overdue": overdue,
        "overdue_total": sum(o["count"] for o in overdue),
        "sites": [
            {
                "site": s["site"],
                "district": s["district"],
                "kinds": [str(k) for k in s["kinds"]],
                "measures": [
                    {"what": m["what"], "status_label": str(m["status_label"])}
                    for m in s["measures"]
                ],
            }
            for s in details.get("sites", [])
        ],
    }
