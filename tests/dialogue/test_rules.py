"""The suppression rule (PRODUCT.md, "Trygghetsdialog"): no published figure rests on fewer
answers than the threshold, and none can be worked out from what is published.

The property test plays a reader who knows every shown figure, every published total and the
label of every hidden one ("färre än 5 svar": 0–4; "visas inte": at least 5), and narrows each
hidden figure by adding and subtracting along every published sum until nothing changes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue import rules
from dialogue.rules import Cell, Relation

BIG = 10**6


def reader_bounds(counts, relations, states, *, threshold):
    """What a reader can know of each figure: [low, high], narrowed to a fixed point."""
    bounds = {}
    for key, value in counts.items():
        if states[key] is Cell.SHOWN:
            bounds[key] = [value, value]
        elif states[key] is Cell.FEW:
            bounds[key] = [0, threshold - 1]
        else:
            bounds[key] = [threshold, BIG]
    for _ in range(200):
        changed = False
        for relation in relations:
            cells = relation.cells
            low_sum = sum(bounds[c][0] for c in cells)
            high_sum = sum(bounds[c][1] for c in cells)
            total = bounds[relation.total]
            new_total = [max(total[0], low_sum), min(total[1], high_sum)]
            if new_total != total:
                bounds[relation.total] = new_total
                changed = True
            for c in cells:
                others_low = low_sum - bounds[c][0]
                others_high = high_sum - bounds[c][1]
                new = [
                    max(bounds[c][0], bounds[relation.total][0] - others_high),
                    min(bounds[c][1], bounds[relation.total][1] - others_low),
                ]
                if new != bounds[c]:
                    bounds[c] = new
                    changed = True
        if not changed:
            break
    return bounds


def assert_nothing_small_revealed(counts, relations, threshold):
    states = rules.suppress(counts, relations, threshold=threshold)
    for key, value in counts.items():
        if value < threshold:
            assert states[key] is not Cell.SHOWN, (key, value)
    bounds = reader_bounds(counts, relations, states, threshold=threshold)
    for key, value in counts.items():
        low, high = bounds[key]
        assert low <= value <= high, (key, value, bounds[key])  # the reader is never misled
        if states[key] is Cell.FEW:
            assert low < high, f"{key}={value} can be worked out: {states}"
    return states


@st.composite
def nested_tables(draw):
    """A total split two ways (like answers by group and by district), and each part of the
    second split divided again (like places by district and time of day)."""
    threshold = draw(st.integers(min_value=5, max_value=8))
    rows = draw(
        st.lists(
            st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=4),
            min_size=1,
            max_size=5,
        )
    )
    counts, relations, row_keys = {}, [], []
    for r, cells in enumerate(rows):
        keys = tuple(f"r{r}c{c}" for c in range(len(cells)))
        counts |= dict(zip(keys, cells, strict=True))
        counts[f"r{r}"] = sum(cells)
        relations.append(Relation(f"r{r}", keys))
        row_keys.append(f"r{r}")
    counts["total"] = sum(counts[k] for k in row_keys)
    relations.append(Relation("total", tuple(row_keys)))
    # The same total split another way.
    groups = draw(st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=3))
    groups[-1] = max(0, counts["total"] - sum(groups[:-1]))
    if sum(groups) == counts["total"]:
        keys = tuple(f"g{i}" for i in range(len(groups)))
        counts |= dict(zip(keys, groups, strict=True))
        relations.append(Relation("total", keys))
    return counts, relations, threshold


@settings(max_examples=400, deadline=None)
@given(nested_tables())
def test_no_published_combination_reveals_a_small_cell(table):
    counts, relations, threshold = table
    assert_nothing_small_revealed(counts, relations, threshold)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=7),
    st.integers(min_value=5, max_value=10),
)
def test_a_flat_split_hides_a_complementary_cell(cells, threshold):
    counts = {f"c{i}": v for i, v in enumerate(cells)}
    total = sum(cells)
    states = rules.flat(counts, total=total, threshold=threshold)
    hidden = [k for k in counts if states[k] is not Cell.SHOWN]
    if states["total"] is Cell.SHOWN:
        assert len(hidden) != 1  # one hidden cell would be the total minus the others
    assert_nothing_small_revealed(
        {"total": total, **counts}, [Relation("total", tuple(counts))], threshold
    )


def test_one_small_cell_hides_the_next_smallest_too():
    states = rules.flat({"a": 3, "b": 12, "c": 40}, total=55, threshold=5)
    assert states == {"total": Cell.SHOWN, "a": Cell.FEW, "b": Cell.HIDDEN, "c": Cell.SHOWN}


def test_a_small_total_hides_its_whole_split():
    states = rules.flat({"a": 2, "b": 2}, total=4, threshold=5)
    assert set(states.values()) == {Cell.FEW}


def test_big_enough_cells_are_all_shown():
    states = rules.flat({"a": 5, "b": 9}, total=14, threshold=5)
    assert set(states.values()) == {Cell.SHOWN}


def test_the_threshold_is_never_below_five():
    assert rules.effective_threshold(None) == 5
    assert rules.effective_threshold(3) == 5
    assert rules.effective_threshold(8) == 8


def test_a_nearly_unanimous_choice_is_hidden():
    # 18 of 20 chose it: the 2 who did not would be a cell under the threshold.
    assert rules.binary(18, of=20, threshold=5) is Cell.HIDDEN
    assert rules.binary(3, of=20, threshold=5) is Cell.FEW
    assert rules.binary(10, of=20, threshold=5) is Cell.SHOWN


@pytest.mark.parametrize(
    ("distribution", "expected"),
    [
        ({"very_safe": 2, "very_unsafe": 2, "dont_know": 9}, (3.0, 4)),
        ({"fairly_safe": 3}, (4.0, 3)),
        ({"dont_know": 4}, (None, 0)),
    ],
)
def test_the_safety_mean_leaves_dont_know_out(distribution, expected):
    assert rules.safety_mean(distribution) == expected


def test_change_needs_both_figures():
    assert rules.change(3.5, 3.0) == 0.5
    assert rules.change(None, 3.0) is None
