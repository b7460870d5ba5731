"""Reads of the dialogue: a round's answers counted once (a few grouped queries, however many
answers), and its public results with every suppression applied.

``round_results`` is the one source of a round's public figures: the results page, the API,
the open data and the annual report all show what it returns (a JSON-ready dict).
"""

from __future__ import annotations

import builtins
from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.translated import localized

from . import rules
from .models import (
    Answer,
    Concern,
    DialogueSetting,
    Group,
    Round,
    Safety,
    TimeOfDay,
    concern_field,
)
from .rules import Cell, Relation

SUPPRESSED_CODES = {Cell.FEW: "fewer_than_threshold", Cell.HIDDEN: "hidden_to_protect"}


def published_rounds(*, area, today: date | None = None):
    """The area's rounds whose answering has closed: the only ones with public results."""
    today = today or timezone.localdate()
    return Round.objects.of_area(area).filter(closes_on__lt=today).order_by("year")


def open_round(*, area, today: date | None = None) -> Round | None:
    today = today or timezone.localdate()
    return Round.objects.of_area(area).open_on(today).order_by("-year").first()


def _counts(round: Round) -> dict:
    """Every count the results need, in five grouped queries."""
    answers = Answer.objects.filter(round=round).counted()
    aggregates = answers.aggregate(
        total=Count("pk"),
        **{f"concern:{c}": Count("pk", filter=Q(**{concern_field(c): True})) for c in Concern},
    )
    counts = Counter({k: v for k, v in aggregates.items() if v is not None})
    for row in answers.values("group").annotate(n=Count("pk")):
        counts[f"group:{row['group']}"] = row["n"]
    for which in ("day", "evening"):
        for row in answers.values("district_id", f"safety_{which}").annotate(n=Count("pk")):
            step, district = row[f"safety_{which}"], row["district_id"]
            counts[f"{which}:{step}"] += row["n"]
            counts[f"district:{district}"] += row["n"] if which == "day" else 0
            if step == Safety.DONT_KNOW:
                counts[f"{which}:dont_know:{district}"] += row["n"]
            else:
                counts[f"{which}:scored:{district}"] += row["n"]
                counts[f"{which}:points:{district}"] += row["n"] * rules.SAFETY_SCORES[step]
    for row in (
        answers.exclude(place_district=None)
        .values("place_district_id", "place_time")
        .annotate(n=Count("pk"))
    ):
        district, time = row["place_district_id"], row["place_time"] or "unknown"
        counts["places"] += row["n"]
        counts[f"places:{district}"] += row["n"]
        counts[f"places:{district}:{time}"] += row["n"]
    return counts


def _cell(value: int, state: Cell) -> dict:
    if state is Cell.SHOWN:
        return {"count": value, "suppressed": None}
    return {"count": None, "suppressed": SUPPRESSED_CODES[state]}


TIMES = [*TimeOfDay.values, "unknown"]


def round_results(round: Round, *, language: str | None = None, with_change: bool = True) -> dict:
    """A round's public figures (docs/rules.md#trygghetsdialog): answers by group and
    district, sense of safety day and evening (distribution, mean with its count, per
    district), the concerns, the places named by district and time of day, and the change from
    the previous round; every figure under the area's threshold, and every figure that would
    let one be worked out, suppressed."""
    threshold = DialogueSetting.objects.threshold_of(round.policing_area_id)
    counts = _counts(round)
    districts = list(round.districts.order_by("name"))
    district_ids = [d.pk for d in districts]
    for d in district_ids:  # districts with no answers are cells too (zero)
        counts.setdefault(f"district:{d}", 0)
    total = counts["total"]
    keys = lambda prefix, values: tuple(f"{prefix}:{v}" for v in values)  # noqa: E731
    table = {
        "total": total,
        **{k: counts[k] for k in keys("group", Group.values)},
        **{k: counts[k] for k in keys("district", district_ids)},
    }
    relations = [
        Relation("total", keys("group", Group.values)),
        Relation("total", keys("district", district_ids)),
    ]
    for which in ("day", "evening"):
        table |= {k: counts[k] for k in keys(which, Safety.values)}
        relations.append(Relation("total", keys(which, Safety.values)))
    for c in Concern.values:
        table[f"concern:{c}"] = counts[f"concern:{c}"]
        table[f"concern:{c}:not"] = total - counts[f"concern:{c}"]
        relations.append(Relation("total", (f"concern:{c}", f"concern:{c}:not")))
    table["places"] = counts["places"]
    relations.append(Relation("places", keys("places", district_ids)))
    for d in district_ids:
        table[f"places:{d}"] = counts[f"places:{d}"]
        cells = keys(f"places:{d}", TIMES)
        table |= {k: counts[k] for k in cells}
        relations.append(Relation(f"places:{d}", cells))
    states = rules.suppress(table, relations, threshold=threshold)
    shown = lambda key: states[key] is Cell.SHOWN  # noqa: E731
    cell = lambda key: _cell(table[key], states[key])  # noqa: E731

    def distribution(which: str) -> dict:
        steps = {s: counts[f"{which}:{s}"] for s in Safety.values}
        mean, scored = rules.safety_mean(steps)
        whole = all(shown(f"{which}:{s}") for s in Safety.values) and shown("total")
        return {
            "distribution": [
                {"step": s, "label": str(Safety(s).label), **cell(f"{which}:{s}")}
                for s in Safety.values
            ],
            "mean": mean if whole else None,
            "count": scored if whole else None,
        }

    def district_mean(which: str, d: int) -> dict:
        """A district's mean rests on at least the threshold of answers with a step; its count
        is the district's published number of answers ("vet inte" included), so that the number
        of "vet inte" in a district is never published."""
        scored = counts[f"{which}:scored:{d}"]
        if not shown(f"district:{d}") or scored < threshold:
            return {"mean": None, "count": None}
        return {
            "mean": builtins.round(counts[f"{which}:points:{d}"] / scored, 2),
            "count": table[f"district:{d}"],
        }

    concerns = []
    for c in Concern.values:
        visible = shown(f"concern:{c}")
        concerns.append(
            {
                "concern": c,
                "label": str(Concern(c).label),
                **cell(f"concern:{c}"),
                "share": rules.share(counts[f"concern:{c}"], total) if visible else None,
            }
        )
    # The top concerns first; the hidden ones after them, in the source's order.
    concerns.sort(key=lambda row: (row["count"] is None, -(row["count"] or 0)))
    time_labels = {**dict(TimeOfDay.choices), "unknown": _("Tid inte angiven")}
    results = {
        "policing_area": round.policing_area.slug,
        "year": round.year,
        "title": round.title,
        "opens_on": round.opens_on.isoformat(),
        "closes_on": round.closes_on.isoformat(),
        "threshold": threshold,
        "summary": round.summary,
        "answers": {
            "total": cell("total"),
            "by_group": [
                {"group": g, "label": str(Group(g).label), **cell(f"group:{g}")}
                for g in Group.values
            ],
            "by_district": [
                {"district": localized(d, "name", language), **cell(f"district:{d.pk}")}
                for d in districts
            ],
        },
        "safety": {"day": distribution("day"), "evening": distribution("evening")},
        "districts": [
            {
                "district": localized(d, "name", language),
                "day": district_mean("day", d.pk),
                "evening": district_mean("evening", d.pk),
            }
            for d in districts
        ],
        "concerns": concerns,
        "places": {
            **cell("places"),
            "by_district": [
                {
                    "district": localized(d, "name", language),
                    **cell(f"places:{d.pk}"),
                    "by_time": [
                        {"time": t, "label": str(time_labels[t]), **cell(f"places:{d.pk}:{t}")}
                        for t in TIMES
                    ],
                }
                for d in districts
            ],
        },
    }
    # The previous round is read without its own change: no chain back through the years.
    results["change"] = _change(round, results, language=language) if with_change else None
    return results


def _change(round: Round, results: dict, *, language: str | None) -> dict | None:
    """The change from the area's previous round: published figures only, on both sides."""
    previous = (
        Round.objects.of_area(round.policing_area_id)
        .filter(year__lt=round.year)
        .order_by("-year")
        .first()
    )
    if previous is None:
        return None
    before = round_results(previous, language=language, with_change=False)
    by_concern = {row["concern"]: row["share"] for row in before["concerns"]}
    before_districts = {row["district"]: row for row in before["districts"]}
    return {
        "previous_year": previous.year,
        "day_mean": rules.change(results["safety"]["day"]["mean"], before["safety"]["day"]["mean"]),
        "evening_mean": rules.change(
            results["safety"]["evening"]["mean"], before["safety"]["evening"]["mean"]
        ),
        "concerns": [
            {
                "concern": row["concern"],
                "label": row["label"],
                "share": rules.change(row["share"], by_concern.get(row["concern"])),
            }
            for row in results["concerns"]
        ],
        "districts": [
            {
                "district": row["district"],
                "day": rules.change(
                    row["day"]["mean"],
                    before_districts.get(row["district"], {}).get("day", {}).get("mean"),
                ),
                "evening": rules.change(
                    row["evening"]["mean"],
                    before_districts.get(row["district"], {}).get("evening", {}).get("mean"),
                ),
            }
            for row in results["districts"]
        ],
    }


def answers_per_day(round: Round) -> list[dict]:
    """How many answers came in per day and hour (staff spot a flood), voided ones apart."""
    rows = defaultdict(lambda: {"counted": 0, "voided": 0, "hours": Counter()})
    for row in (
        Answer.objects.filter(round=round)
        .values("received_hour", "void_window_id")
        .annotate(n=Count("pk"))
    ):
        local = timezone.localtime(row["received_hour"])
        day = rows[local.date()]
        day["voided" if row["void_window_id"] else "counted"] += row["n"]
        if not row["void_window_id"]:
            day["hours"][local.hour] += row["n"]
    return [
        {
            "day": day,
            "counted": v["counted"],
            "voided": v["voided"],
            "busiest_hour": max(v["hours"].items(), key=lambda kv: kv[1]) if v["hours"] else None,
        }
        for day, v in sorted(rows.items())
    ]
