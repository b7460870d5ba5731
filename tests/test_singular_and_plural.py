"""Numbers agree with their nouns wherever counts are printed (issue 18: "1 åtgärder")."""

from django.template.loader import render_to_string
from django.utils import translation

from promises.progress import Progress, Status
from safety_inventory import trackers as places
from weekend_ops import trackers as weekends


def place(measures: int) -> dict:
    return {
        "site": "Farsta torg",
        "district": "Farsta",
        "kinds": ["Trygghetsinventering"],
        "measures": [{"what": "Ny belysning"}] * measures,
    }


def progress(**details) -> Progress:
    return Progress(target=2, achieved=1, unit="sites", status=Status.ON_TRACK, details=details)


def test_one_measure_is_one_atgard_and_two_are_atgarder():
    one = places.summary(progress(sites=[place(1)]))
    two = places.summary(progress(sites=[place(2)]))
    assert one.endswith("– 1 åtgärd") and "åtgärder" not in one
    assert two.endswith("– 2 åtgärder")
    with translation.override("en"):
        assert places.summary(progress(sites=[place(1)])).endswith("– 1 measure")


def test_the_weekend_summary_counts_in_the_singular_and_plural():
    one = weekends.summary(
        progress(weekends_partly_covered=1, meetings={"held": 1, "organisations": 1})
    )
    assert one == "1 helg delvis täckt; 1 samverkansmöte med 1 organisation"
    many = weekends.summary(
        progress(weekends_partly_covered=3, meetings={"held": 2, "organisations": 5})
    )
    assert many == "3 helger delvis täckta; 2 samverkansmöten med 5 organisationer"


class Period:
    def __init__(self, organisations, persons, meetings, label="2024"):
        self.organisations, self.persons, self.meetings = organisations, persons, meetings
        self.label = label


def test_collective_capability_says_one_organisation_and_one_person():
    html = render_to_string(
        "weekend_ops/_capability_sentence.html", {"y": Period(1, 1, 1), "p": Period(2, 3, 0)}
    )
    assert "1 organisation och 1 person på 1 möte." in html
    assert "Året före (2024): 2 organisationer och 3 personer." in html
    with translation.override("en"):
        html = render_to_string(
            "weekend_ops/_capability_sentence.html", {"y": Period(1, 2, 1), "p": Period(1, 1, 0)}
        )
    assert "1 organisation and 2 people at 1 meeting." in html
