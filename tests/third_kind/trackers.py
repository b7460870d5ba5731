"""The school visits tracker: a fixed count of visits in the area's first district (the test
needs figures, not a feature)."""

from datetime import date

from promises.models import District, Promise
from promises.progress import Column, Progress, Status, Unit

KIND = "school_visits"
VISITS = Unit("visits", "skolbesök")
VISITS_MADE = 3
COLUMNS = (Column("school_visits", "Skolbesök", chart=True),)
STAFF_COLUMNS = (Column("teachers_met", "Lärare som vi träffade"),)


def school_visits_tracker(promise: Promise, *, today: date, staff: bool = False) -> Progress:
    district = District.objects.of_area(promise.policing_area).order_by("name").first()
    return Progress(
        target=promise.target,
        achieved=VISITS_MADE,
        unit=VISITS,
        status=Status.BEHIND,
        details={
            "schools": ["Farstaskolan"],
            "districts": [{"district": district.name, "school_visits": VISITS_MADE}],
        },
        staff_details=(
            {
                "contact": "rektor@example.org",
                "districts": [{"district": district.name, "teachers_met": 7}],
            }
            if staff
            else {}
        ),
    )


def summary(progress: Progress) -> str:
    return f"Besök på {', '.join(progress.details['schools'])}"
