"""Weekend collaboration: hotspots and shifts (docs/rules.md#weekend-collaboration)."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.db.models.lookups import GreaterThanOrEqual, In
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from promises.models import (
    AreaQuerySet,
    District,
    Organisation,
    PolicingArea,
    choices_constraint,
    staff_member_field,
)

from .. import rules
from ..rules import LOCAL_TZ, ShiftRule

# A shift's notes: a few lines for colleagues, not a report.
NOTES_MAX = 5000


class HotspotDays(models.TextChoices):
    FRIDAY = "friday", _("Fredagar")
    SATURDAY = "saturday", _("Lördagar")
    BOTH = "both", _("Fredagar och lördagar")


class HotspotQuerySet(AreaQuerySet):
    area_path = "district__borough__policing_area"

    def current(self):
        return self.filter(is_current=True)


class Hotspot(models.Model):
    """A brännpunkt: a place and time when violent crime is known to concentrate, from the joint
    situational picture (gemensam lägesbild)."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="hotspots", verbose_name=_("område")
    )
    name = models.CharField(_("plats"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    days = models.CharField(
        _("dagar"), max_length=16, choices=HotspotDays.choices, default=HotspotDays.BOTH
    )
    window_start = models.TimeField(_("från klockan"))
    window_end = models.TimeField(_("till klockan"), help_text=_("Får vara efter midnatt."))
    picture_date = models.DateField(_("lägesbildens datum"))
    is_current = models.BooleanField(_("aktuell"), default=True)

    history = HistoricalRecords()
    objects = HotspotQuerySet.as_manager()

    class Meta:
        verbose_name = _("brännpunkt")
        verbose_name_plural = _("brännpunkter")
        ordering = ["-is_current", "district__name", "name"]
        constraints = [
            choices_constraint("days", HotspotDays, model="hotspot"),
            models.UniqueConstraint(
                fields=["district", "name"], name="hotspot_unique_per_district"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district})"

    def get_absolute_url(self) -> str:
        return reverse("weekend_ops:hotspot_update", args=[self.pk])


class ShiftStatus(models.TextChoices):
    PLANNED = "planned", _("Planerat")
    COMPLETED = "completed", _("Genomfört")
    CANCELLED = "cancelled", _("Inställt")


class ShiftQuerySet(AreaQuerySet):
    area_path = "policing_area"

    def completed(self):
        return self.filter(status=ShiftStatus.COMPLETED)

    def planned(self):
        return self.filter(status=ShiftStatus.PLANNED)

    def not_cancelled(self):
        return self.exclude(status=ShiftStatus.CANCELLED)

    def in_year(self, year: int):
        """Shifts of the weekends of ``year``: from its first Friday to its last weekend's end
        (a Saturday 1 January belongs to the year before)."""
        first, last = rules.year_evenings_span(year)
        return self.filter(
            start__gte=datetime.combine(first, datetime.min.time(), tzinfo=LOCAL_TZ),
            start__lt=datetime.combine(
                last + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL_TZ
            ),
        )

    def on_weekend(self, friday: date):
        """Shifts of the weekend named by ``friday``: starting on that Friday or Saturday."""
        return self.filter(
            start__gte=datetime.combine(friday, datetime.min.time(), tzinfo=LOCAL_TZ),
            start__lt=datetime.combine(
                friday + timedelta(days=2), datetime.min.time(), tzinfo=LOCAL_TZ
            ),
        )

    def for_officer(self, user):
        return self.filter(officers=user)

    def in_district(self, district):
        return self.filter(districts=district)


class Shift(models.Model):
    """One officer-evening (pass) of weekend collaboration, possibly with several officers."""

    policing_area = models.ForeignKey(
        PolicingArea,
        on_delete=models.PROTECT,
        related_name="shifts",
        verbose_name=_("lokalpolisområde"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("slut"))
    status = models.CharField(
        _("status"), max_length=16, choices=ShiftStatus.choices, default=ShiftStatus.PLANNED
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="shifts", verbose_name=_("poliser")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="shifts", verbose_name=_("områden")
    )
    hotspots = models.ManyToManyField(
        Hotspot, blank=True, related_name="shifts", verbose_name=_("brännpunkter")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="shifts", verbose_name=_("samverkansparter")
    )
    presence = models.BooleanField(_("närvaro"), default=False)
    visibility = models.BooleanField(_("synlighet"), default=False)
    partner_dialogue = models.BooleanField(_("dialog med samverkansparter"), default=False)
    collaboration_meeting = models.BooleanField(_("samverkansmöte"), default=False)
    notes = models.TextField(
        _("anteckningar"),
        blank=True,
        max_length=NOTES_MAX,
        validators=[MaxLengthValidator(NOTES_MAX)],  # the import too, not only the form
    )
    created_by = staff_member_field(_("registrerat av"))
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[officers, districts, hotspots])
    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("pass")
        verbose_name_plural = _("pass")
        ordering = ["-start"]
        indexes = [models.Index(fields=["policing_area", "status", "start"])]
        constraints = [
            choices_constraint("status", ShiftStatus, model="shift"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="shift_ends_after_start"),
            models.CheckConstraint(
                condition=Q(end__lte=F("start") + rules.MAX_SHIFT), name="shift_at_most_14_hours"
            ),
            # Starts on a Friday or Saturday, local time (ISO weekdays 5 and 6) ...
            models.CheckConstraint(
                condition=In(
                    ExtractIsoWeekDay("start", tzinfo=LOCAL_TZ),
                    [rules.iso_weekday(day) for day in rules.WEEKEND_EVENINGS],
                ),
                name="shift_starts_friday_or_saturday",
            ),
            # ... at 12:00 or later, local time.
            models.CheckConstraint(
                condition=GreaterThanOrEqual(
                    ExtractHour("start", tzinfo=LOCAL_TZ), rules.EARLIEST_START.hour
                ),
                name="shift_starts_after_noon",
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.start, LOCAL_TZ)
        end = timezone.localtime(self.end, LOCAL_TZ)
        return f"{start:%Y-%m-%d} {start:%H:%M}–{end:%H:%M} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("weekend_ops:shift_detail", args=[self.pk])

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start, LOCAL_TZ)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.end, LOCAL_TZ)

    @property
    def evening(self) -> date:
        """The shift's date: the local date on which it starts."""
        return self.local_start.date()

    @property
    def activities(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ACTIVITY_FIELDS
            if getattr(self, name)
        ]

    def problems(self, *, now: datetime | None = None) -> list[ShiftRule]:
        return rules.shift_problems(
            start=self.start,
            end=self.end,
            tz=LOCAL_TZ,
            completed=self.status == ShiftStatus.COMPLETED,
            now=now or timezone.now(),
        )

    def clean(self) -> None:
        super().clean()
        if self.start is None or self.end is None:
            return
        errors: dict[str, list] = {}
        for problem in self.problems():
            errors.setdefault(SHIFT_RULE_FIELDS[problem], []).append(
                ValidationError(problem.message, code=problem.value)
            )
        if errors:
            raise ValidationError(errors)

    def can_be_completed(self, *, now: datetime | None = None) -> bool:
        """Whether the shift has ended, so that it may count as completed."""
        return self.end <= (now or timezone.now())

    def can_complete(self, *, now: datetime | None = None) -> bool:
        return self.status == ShiftStatus.PLANNED and self.can_be_completed(now=now)


ACTIVITY_FIELDS = ["presence", "visibility", "partner_dialogue", "collaboration_meeting"]

# Which model field a broken rule is reported on.
SHIFT_RULE_FIELDS = {
    ShiftRule.WEEKEND_EVENING: "start",
    ShiftRule.START_WINDOW: "start",
    ShiftRule.END_AFTER_START: "end",
    ShiftRule.MAX_LENGTH: "end",
    ShiftRule.COMPLETED_IN_FUTURE: "status",
    ShiftRule.END_DOES_NOT_EXIST: "end",
}
