"""School visits: the test kind's own records, with personal data (a school contact's e-mail)
that the retention purges."""

from django.db import models

from promises.models import AreaQuerySet, District


class SchoolVisitQuerySet(AreaQuerySet):
    area_path = "district__borough__policing_area"

    def in_year(self, year: int):
        return self.filter(visited_on__year=year)


class SchoolVisit(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    school = models.CharField("skola", max_length=100)
    visited_on = models.DateField("besöksdag")
    teachers_met = models.PositiveSmallIntegerField("lärare som vi träffade", default=0)
    contact_email = models.EmailField("kontaktens e-post", blank=True)
    thanked_at = models.DateTimeField(null=True, blank=True)

    objects = SchoolVisitQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.school} {self.visited_on}"
