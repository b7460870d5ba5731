"""The school visits kind: its tracker, report section, mail, purge and demo data. It is what
the author of a new kind writes (docs/architecture.md#add-a-promise-kind)."""

from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.db.models import Count, Sum
from django.tasks import task
from django.utils import timezone

from portal import mail_queue
from promises.models import District, Promise
from promises.progress import Column, Progress, Status, Unit, district_figures

from .models import SchoolVisit

KIND = "school_visits"
VISITS = Unit("visits", "skolbesök")
COLUMNS = (Column("school_visits", "Skolbesök", chart=True),)
STAFF_COLUMNS = (Column("teachers_met", "Lärare som vi träffade"),)


def counted_visits(promise: Promise):
    return SchoolVisit.objects.of_area(promise.policing_area_id).in_year(promise.year)


def school_visits_tracker(promise: Promise, *, today: date, staff: bool = False) -> Progress:
    visits = counted_visits(promise).filter(visited_on__lte=today)
    per_district = visits.values_list("district_id").order_by()
    return Progress(
        target=promise.target,
        achieved=visits.count(),
        unit=VISITS,
        status=Status.BEHIND,
        details={"schools": sorted(set(visits.values_list("school", flat=True)))},
        staff_details=(
            {
                "contact": ", ".join(
                    sorted(
                        set(
                            visits.exclude(contact_email="").values_list("contact_email", flat=True)
                        )
                    )
                )
            }
            if staff
            else {}
        ),
        districts=district_figures(school_visits=dict(per_district.annotate(n=Count("id")))),
        staff_districts=(
            district_figures(teachers_met=dict(per_district.annotate(n=Sum("teachers_met"))))
            if staff
            else ()
        ),
    )


def summary(progress: Progress) -> str:
    return f"Besök på {', '.join(progress.details['schools'])}"


def report(promise: Promise, progress: Progress) -> dict:
    """Its part of the annual follow-up, under ``report["kinds"]["school_visits"]``."""
    return {"schools": list(progress.details["schools"]), "visits": progress.achieved}


def visit_years(visit: SchoolVisit) -> set:
    """The ``(area id, year)`` a visit counts in."""
    if visit.visited_on is None or visit.district_id is None:
        return set()
    area_id = (
        District.objects.filter(pk=visit.district_id)
        .values_list("borough__policing_area_id", flat=True)
        .first()
    )
    return {(area_id, visit.visited_on.year)}


@task
def send_thanks(visit_id: int) -> bool:
    """Thank the school's contact once: decided from the visit as it is when the task runs."""
    visit = SchoolVisit.objects.filter(pk=visit_id, thanked_at__isnull=True).first()
    if visit is None or not visit.contact_email:
        return False
    SchoolVisit.objects.filter(pk=visit.pk).update(thanked_at=timezone.now())
    return mail_queue.deliver(
        EmailMessage(subject="Tack för besöket", body=visit.school, to=[visit.contact_email])
    )


def contacts_purge(*, older_than_days: int) -> int:
    """Forget the contacts of visits older than ``older_than_days``."""
    cutoff = timezone.localdate() - timedelta(days=older_than_days)
    return (
        SchoolVisit.objects.filter(visited_on__lt=cutoff)
        .exclude(contact_email="")
        .update(contact_email="")
    )


def seed(*, area, users, today: date) -> None:
    """One visit in the area's first district this year (idempotent)."""
    district = District.objects.of_area(area).order_by("name").first()
    if district is not None:
        SchoolVisit.objects.get_or_create(
            district=district,
            school="Demoskolan",
            visited_on=date(today.year, 1, 15),
            defaults={"teachers_met": 2},
        )
