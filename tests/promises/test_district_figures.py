"""A kind's figures per district (``progress.district_figures``): one row for each district
with any figure, every column in it, joined by the district's id."""

from promises.progress import DistrictFigures, district_figures


def test_every_column_is_in_every_row_with_zero_where_nothing_was_counted():
    rows = district_figures(signals={7: 3, 2: 1}, activities={2: 4})
    assert rows == (
        DistrictFigures(2, {"signals": 1, "activities": 4}),
        DistrictFigures(7, {"signals": 3, "activities": 0}),
    )


def test_no_figures_no_rows():
    assert district_figures(shifts={}) == ()
    assert district_figures() == ()
