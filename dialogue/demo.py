"""Demo data of the dialogue (``seed_demo``): a closed round last year with a few hundred
answers (a plausible spread, a few districts under the threshold), an open round this year, and
this year's promises citing what last year's round found. Idempotent: an area's round of a year
is made once."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from promises.models import District, Promise

from .models import Concern, Round
from .selectors import round_results
from .services import answer_create, citation_add, round_save

GROUPS = [("public", 80), ("staff", 12), ("partner", 8)]
SAFETY_DAY = [
    ("very_safe", 30),
    ("fairly_safe", 40),
    ("neither", 14),
    ("fairly_unsafe", 9),
    ("very_unsafe", 3),
    ("dont_know", 4),
]
SAFETY_EVENING = [
    ("very_safe", 10),
    ("fairly_safe", 26),
    ("neither", 20),
    ("fairly_unsafe", 24),
    ("very_unsafe", 13),
    ("dont_know", 7),
]
CONCERN_CHANCE = {
    "violence": 0.42,
    "drugs": 0.33,
    "vandalism": 0.28,
    "burglary": 0.2,
    "traffic": 0.22,
    "groups": 0.3,
    "other": 0.06,
}
PLACES = [
    "Gångtunneln vid torget",
    "Parkeringen bakom centrum",
    "Busshållplatsen",
    "Skogsstigen mot skolan",
    "Tunnelbaneuppgången",
]
FOCUS = [
    "Mer synlig polis på kvällarna.",
    "Fler kontroller av trafiken vid skolan.",
    "Prata med ungdomarna i centrum.",
    "",
]


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _answers(round: Round, *, rng: random.Random, sizes: dict[int, int]) -> None:
    districts = {d.pk: d for d in round.districts.all()}
    days = max(1, (round.closes_on - round.opens_on).days)
    for district_id, size in sizes.items():
        district = districts[district_id]
        for _ in range(size):
            day = round.opens_on + timedelta(days=rng.randrange(min(days, 40)))
            moment = timezone.make_aware(datetime.combine(day, time(rng.randrange(7, 22))))
            if moment > timezone.now():
                moment = timezone.now()
            place = rng.random() < 0.3
            answer_create(
                round=round,
                group=_pick(rng, GROUPS),
                relations=rng.choice([["lives"], ["lives", "visits"], ["works"], ["visits"]]),
                district=district,
                safety_day=_pick(rng, SAFETY_DAY),
                safety_evening=_pick(rng, SAFETY_EVENING),
                concerns=[c for c in Concern.values if rng.random() < CONCERN_CHANCE[c]],
                place_district=district if place else None,
                place_text=rng.choice(PLACES) if place else "",
                place_time=_pick(rng, [("day", 2), ("evening", 6), ("night", 3)]) if place else "",
                police_focus=rng.choice(FOCUS),
                now=moment,
            )


def _findings(results: dict) -> list[str]:
    """Two plain findings of a round's public figures, for the demo's citations."""
    found = []
    top = next((c for c in results["concerns"] if c["share"] is not None), None)
    if top:
        found.append(f"{top['label']} oroar {top['share']} % av dem som svarade")
    evening = results["safety"]["evening"]
    unsafe = sum(
        row["count"] or 0
        for row in evening["distribution"]
        if row["step"] in ("fairly_unsafe", "very_unsafe")
    )
    total = results["answers"]["total"]["count"]
    if total:
        found.append(f"{round(100 * unsafe / total)} % känner sig otrygga på kvällen")
    return found


def seed(*, area, users, today) -> None:
    rng = random.Random(f"dialogue-{area.slug}")
    districts = list(District.objects.of_area(area).order_by("name"))
    if not districts:
        return
    last_year = today.year - 1
    closed = Round.objects.of_area(area).filter(year=last_year).first()
    if closed is None:
        closed = round_save(
            policing_area=area,
            year=last_year,
            title="Trygghetsdialog",
            opens_on=date(last_year, 3, 1),
            closes_on=date(last_year, 4, 15),
            districts=districts,
            questions=["Vad skulle göra ditt område tryggare?"],
            summary=(
                "Många känner sig trygga på dagen men otrygga på kvällen, särskilt kring "
                "centrum och stationerna. Våld på offentlig plats och narkotikahandel oroar mest."
            ),
        )
        # Most districts answer well; the last two only a handful (under the threshold).
        small = 1 if len(districts) <= 6 else 2
        low, high = (40, 110) if len(districts) <= 6 else (18, 60)
        sizes = {d.pk: rng.randrange(low, high) for d in districts[:-small]}
        sizes |= {d.pk: rng.randrange(1, 4) for d in districts[-small:]}
        _answers(closed, rng=rng, sizes=sizes)
    if not Round.objects.of_area(area).filter(year=today.year).exists():
        opens = today - timedelta(days=7)
        current = round_save(
            policing_area=area,
            year=today.year,
            title="Trygghetsdialog",
            opens_on=opens,
            closes_on=today + timedelta(days=35),
            districts=districts,
        )
        _answers(current, rng=rng, sizes={d.pk: rng.randrange(0, 6) for d in districts})
    promises = Promise.objects.of_area(area).in_year(today.year).order_by("kind")
    if promises and not any(p.dialogue_citations.exists() for p in promises):
        findings = _findings(round_results(closed))
        for promise, finding in zip(promises, findings, strict=False):
            citation_add(promise=promise, round=closed, finding=finding)
