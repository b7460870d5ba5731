"""The trygghetsdialog's rules as pure functions: no ORM, no request.

PRODUCT.md, "Trygghetsdialog": a published figure rests on at least the area's threshold of
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


def _bounds(state: Cell, *, threshold: int, total: int) -> tuple[int, int]:
    """What a reader knows of a hidden cell from its label alone."""
    if state is Cell.FEW:
        return 0, min(threshold - 1, total)
    return threshold, total


def pinned_cells(
    *, states: Mapping[str, Cell], relation: Relation, hidden_sum: int, threshold: int
) -> list[str]:
    """The hidden cells of ``relation`` whose value a reader can work out exactly from its
    published total, its shown cells (``hidden_sum`` is what they leave) and the labels of the
    hidden ones: each is in [0, threshold-1] ("färre än") or [threshold, total] ("visas inte")."""
    hidden = [k for k in relation.cells if states[k] is not Cell.SHOWN]
    bounds = {k: _bounds(states[k], threshold=threshold, total=hidden_sum) for k in hidden}
    pinned = []
    for key in hidden:
        others_low = sum(lo for k, (lo, _hi) in bounds.items() if k != key)
        others_high = sum(hi for k, (_lo, hi) in bounds.items() if k != key)
        low = max(bounds[key][0], hidden_sum - others_high)
        high = min(bounds[key][1], hidden_sum - others_low)
        if low >= high:
            pinned.append(key)
    return pinned


def suppress(
    counts: Mapping[str, int], relations: Sequence[Relation], *, threshold: int
) -> dict[str, Cell]:
    """Which cells of a table are shown (PRODUCT.md, "Trygghetsdialog").

    1. Every cell and total under ``threshold`` is hidden as "färre än".
    2. A hidden total hides every cell of its relation (else they would add up to it).
    3. In a relation whose total is shown, while a hidden cell can be worked out (one hidden
       cell alone, or hidden cells whose labels and sum pin them), the smallest shown cell is
       hidden too ("visas inte"); when none is left, the total is hidden.
    Repeated until nothing changes, so a total hidden in step 3 hides its own cells as well.
    """
    states: dict[str, Cell] = {
        key: (Cell.FEW if value < threshold else Cell.SHOWN) for key, value in counts.items()
    }
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if states[relation.total] is not Cell.SHOWN:
                for key in relation.cells:
                    if states[key] is Cell.SHOWN:
                        states[key] = Cell.HIDDEN
                        changed = True
                continue
            while True:
                hidden_sum = counts[relation.total] - sum(
                    counts[k] for k in relation.cells if states[k] is Cell.SHOWN
                )
                if not any(states[k] is not Cell.SHOWN for k in relation.cells):
                    break
                if not pinned_cells(
                    states=states, relation=relation, hidden_sum=hidden_sum, threshold=threshold
                ):
                    break
                shown = [k for k in relation.cells if states[k] is Cell.SHOWN]
                if shown:
                    smallest = min(shown, key=lambda k: (counts[k], k))
                    states[smallest] = Cell.HIDDEN
                else:
                    states[relation.total] = Cell.HIDDEN
                    break
                changed = True
            if states[relation.total] is not Cell.SHOWN:
                changed = True
    return states


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
