"""The trygghetsdialog's rules as pure functions: no ORM, no request.

docs/rules.md#trygghetsdialog: a published figure rests on at least the area's threshold of
answers (never below 5); a smaller cell is shown as "färre än 5 svar", and no published total or
difference lets anyone work it out (complementary suppression).

A table is a set of cells (counts by key) and *relations*: a total that is the sum of some cells
(``Relation(total="all", cells=("staff", "public", "partner"))``). A total may itself be a cell
of another relation (a district's places are a cell of all places). ``suppress`` decides which
cells are shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

THRESHOLD_FLOOR = 5


class Cell(StrEnum):
    """How a cell is published."""

    SHOWN = "shown"
    # Under the threshold: "färre än 5 svar".
    FEW = "few"
    # At or over the threshold, hidden so that a cell under it cannot be worked out.
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Relation:
    """``total`` is published as the sum of ``cells``."""

    total: str
    cells: tuple[str, ...]


def effective_threshold(setting: int | None) -> int:
    """The area's threshold, never below the floor of 5."""
    return max(THRESHOLD_FLOOR, setting or THRESHOLD_FLOOR)


UNBOUNDED = 10**9


def reader_bounds(
    counts: Mapping[str, int],
    relations: Sequence[Relation],
    states: Mapping[str, Cell],
    *,
    threshold: int,
) -> dict[str, tuple[int, int]]:
    """What a reader can know of each figure from what is published: a shown figure exactly, a
    "färre än" one as 0 to threshold-1, a "visas inte" one as at least the threshold; then
    narrowed along every published sum (a total is at least the sum of its cells' lows, a cell at
    least the total's low minus the others' highs, ...) until nothing changes."""
    bounds: dict[str, list[int]] = {}
    for key, value in counts.items():
        if states[key] is Cell.SHOWN:
            bounds[key] = [value, value]
        elif states[key] is Cell.FEW:
            bounds[key] = [0, threshold - 1]
        else:
            bounds[key] = [threshold, UNBOUNDED]
    changed = True
    while changed:
        changed = False
        for relation in relations:
            low_sum = sum(bounds[c][0] for c in relation.cells)
            high_sum = sum(bounds[c][1] for c in relation.cells)
            total = bounds[relation.total]
            narrowed = [max(total[0], low_sum), min(total[1], high_sum)]
            if narrowed != total:
                bounds[relation.total] = total = narrowed
                changed = True
            for cell in relation.cells:
                own = bounds[cell]
                narrowed = [
                    max(own[0], total[0] - (high_sum - own[1])),
                    min(own[1], total[1] - (low_sum - own[0])),
                ]
                if narrowed != own:
                    low_sum += narrowed[0] - own[0]
                    high_sum += narrowed[1] - own[1]
                    bounds[cell] = narrowed
                    changed = True
    return {key: (low, high) for key, (low, high) in bounds.items()}


def suppress(
    counts: Mapping[str, int], relations: Sequence[Relation], *, threshold: int
) -> dict[str, Cell]:
    """Which cells of a table are shown (docs/rules.md#trygghetsdialog).

    1. Every cell and total under ``threshold`` is hidden as "färre än".
    2. A hidden total hides every cell of its relation (else they would add up to it).
    3. While a reader could work a "färre än" cell out exactly (``reader_bounds``), one more
       figure is hidden ("visas inte"): the smallest shown cell of a published sum it is part
       of, else that sum's total.
    """
    states: dict[str, Cell] = {
        key: (Cell.FEW if value < threshold else Cell.SHOWN) for key, value in counts.items()
    }

    def hide(key: str) -> None:
        states[key] = Cell.HIDDEN

    while True:
        changed = True
        while changed:  # step 2
            changed = False
            for relation in relations:
                if states[relation.total] is not Cell.SHOWN:
                    for key in relation.cells:
                        if states[key] is Cell.SHOWN:
                            hide(key)
                            changed = True
        bounds = reader_bounds(counts, relations, states, threshold=threshold)
        pinned = [
            k for k, state in states.items() if state is Cell.FEW and bounds[k][0] >= bounds[k][1]
        ]
        if not pinned:
            return states
        hide(_nearest_shown(pinned[0], relations, states, counts))


def _nearest_shown(key, relations, states, counts) -> str:
    """The figure to hide so that ``key`` is no longer pinned: the smallest shown cell of a sum
    it is part of (a total only when no cell is left), looking further out along the sums
    when those around it show nothing."""
    near = {key}
    while True:
        sums = [r for r in relations if r.total in near or near.intersection(r.cells)]
        totals = {r.total for r in sums}
        figures = {f for r in sums for f in (r.total, *r.cells)}
        shown = [f for f in figures if states[f] is Cell.SHOWN]
        if shown:
            return min(shown, key=lambda f: (f in totals, counts[f], f))
        if figures <= near:
            raise ValueError(f"nothing shown is connected to {key}")
        near |= figures


def flat(
    counts: Mapping[str, int], *, total: int, threshold: int, total_key: str = "total"
) -> dict[str, Cell]:
    """``suppress`` for one relation: ``counts`` add up to ``total``."""
    table = {total_key: total, **counts}
    return suppress(table, [Relation(total_key, tuple(counts))], threshold=threshold)


def binary(count: int, *, of: int, threshold: int) -> Cell:
    """A multi-choice option chosen by ``count`` of ``of`` answers: both who chose it and who did
    not are cells, so a "nearly all" is hidden too (the rest would be the small group)."""
    return flat({"yes": count, "no": of - count}, total=of, threshold=threshold)["yes"]


# --- Sense of safety -----------------------------------------------------------------------

# Five steps, safest first, and their scores for a mean (5 = very safe).
SAFETY_SCORES: dict[str, int] = {
    "very_safe": 5,
    "fairly_safe": 4,
    "neither": 3,
    "fairly_unsafe": 2,
    "very_unsafe": 1,
}
DONT_KNOW = "dont_know"


def safety_mean(distribution: Mapping[str, int]) -> tuple[float | None, int]:
    """The mean score (1 very unsafe – 5 very safe) of the answers that chose a step, and how
    many did ("vet inte" counts in neither)."""
    count = sum(distribution.get(step, 0) for step in SAFETY_SCORES)
    if not count:
        return None, 0
    total = sum(SAFETY_SCORES[step] * distribution.get(step, 0) for step in SAFETY_SCORES)
    return round(total / count, 2), count


def share(count: int, of: int) -> int | None:
    """A whole percentage, or None when there is nothing to divide by."""
    return round(100 * count / of) if of else None


def change(now: float | None, before: float | None) -> float | None:
    """The change from the previous round, when both figures were published."""
    if now is None or before is None:
        return None
    return round(now - before, 2)


def top(counts: Iterable[tuple[str, int]], *, limit: int = 3) -> list[tuple[str, int]]:
    """The ``limit`` largest counts, the larger first, ties in the given order."""
    ordered = list(counts)
    return sorted(ordered, key=lambda kv: -kv[1])[:limit]
