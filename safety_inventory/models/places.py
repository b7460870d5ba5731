"""Places and what is done there: sites, activities (safety inventories and place
collaboration) and their protocols, findings and measures (docs/rules.md#places)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.public_text import validate_public_text
from promises.models import (
    AreaQuerySet,
    District,
    Organisation,
    choices_constraint,
    staff_member_field,
)


class SiteQuerySet(AreaQuerySet):
    area_path = "district__borough__policing_area"


class Site(models.Model):
    """A named place in a district that gets safety inventories or place collaboration."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="sites", verbose_name=_("område")
    )
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(
        _("namn på engelska"),
        max_length=200,
        blank=True,
        help_text=_("Bara om namnet skiljer sig på engelska; annars visas det svenska."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    latitude = models.DecimalField(
        _("latitud"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    history = HistoricalRecords()
    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("plats")
        verbose_name_plural = _("platser")
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="site_unique_per_district"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="site_coordinates_both_and_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.district}"

    def get_absolute_url(self) -> str:
        return reverse("safety_inventory:site_detail", args=[self.pk])


class ActivityKind(models.TextChoices):
    INVENTORY = "inventory", _("Trygghetsinventering")
    PLACE_COLLABORATION = "place_collaboration", _("Platssamverkan")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    CONDUCTED = "conducted", _("Genomförd")
    CANCELLED = "cancelled", _("Inställd")


class ActivityReason(models.TextChoices):
    ANNUAL_PLAN = "annual_plan", _("Årsplanen")
    CITIZEN_SIGNALS = "citizen_signals", _("Signaler från medborgare")
    POLICE_OBSERVATION = "police_observation", _("Polisens iakttagelse")
    PARTNER_REQUEST = "partner_request", _("Begäran från samverkanspart")


class ActivityQuerySet(AreaQuerySet):
    area_path = "site__district__borough__policing_area"

    def conducted(self):
        return self.filter(status=ActivityStatus.CONDUCTED)

    def in_year(self, year: int):
        return self.filter(date__year=year)


# The most findings or measures one protocol holds (the protocol form and the admin read no
# more rows than this of a post).
PROTOCOL_MAX_ROWS = 50


class Activity(models.Model):
    """A safety inventory or place collaboration at a site; a conducted one has its date."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="activities", verbose_name=_("plats")
    )
    kind = models.CharField(_("slag"), max_length=32, choices=ActivityKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    date = models.DateField(_("datum"), null=True, blank=True)
    reason = models.CharField(_("anledning"), max_length=32, choices=ActivityReason.choices)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="activities", verbose_name=_("deltagande aktörer")
    )
    residents_count = models.PositiveIntegerField(_("antal boende som deltog"), default=0)
    officers_count = models.PositiveIntegerField(_("antal poliser som deltog"), default=0)
    summary = models.TextField(_("sammanfattning"), blank=True)
    created_by = staff_member_field(_("registrerad av"))
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = [F("date").desc(nulls_first=True), "-created_at"]
        constraints = [
            choices_constraint("kind", ActivityKind, model="activity"),
            choices_constraint("status", ActivityStatus, model="activity"),
            choices_constraint("reason", ActivityReason, model="activity"),
            models.CheckConstraint(
                condition=~Q(status=ActivityStatus.CONDUCTED) | Q(date__isnull=False),
                name="activity_conducted_has_date",
            ),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else _("datum ej satt")
        return f"{self.get_kind_display()}, {self.site.name} ({when})"

    def get_absolute_url(self) -> str:
        return reverse("safety_inventory:activity_detail", args=[self.pk])


PUBLIC_TEXT_MAX = 300


def public_text_field() -> models.CharField:
    """A short text written for the public, apart from the protocol's own words
    (docs/rules.md#public-text); shown only once published, and checked for personal data then."""
    return models.CharField(
        _("text för allmänheten"),
        max_length=PUBLIC_TEXT_MAX,
        blank=True,
        help_text=_(
            "Kort text som visas på den publika sidan när den är publicerad. Skriv utan namn, "
            "e-postadresser, telefonnummer och personnummer."
        ),
    )


def is_public_field() -> models.BooleanField:
    return models.BooleanField(_("publicera texten"), default=False)


def check_public_text(row) -> None:
    """Model ``clean()`` of a row with a public text: publishing needs a text free of personal
    data (admin, forms and services all pass here)."""
    row.public_text = (row.public_text or "").strip()
    if not row.is_public:
        return
    if not row.public_text:
        raise ValidationError(
            {"public_text": _("Skriv en kort text för allmänheten innan du publicerar.")}
        )
    try:
        validate_public_text(row.public_text)
    except ValidationError as error:
        raise ValidationError({"public_text": error.messages}) from None


class PublishedQuerySet(AreaQuerySet):
    """Rows of an activity's protocol (findings, measures)."""

    area_path = "activity__site__district__borough__policing_area"

    def public(self):
        """Rows whose public text staff have published."""
        return self.filter(is_public=True).exclude(public_text="")


class FindingCategory(models.TextChoices):
    LIGHTING = "lighting", _("Belysning")
    VEGETATION = "vegetation", _("Växtlighet")
    VANDALISM = "vandalism", _("Skadegörelse och klotter")
    LITTER = "litter", _("Nedskräpning")
    DRUG_DEALING = "drug_dealing", _("Narkotikaförsäljning")
    GROUPS_GATHERING = "groups_gathering", _("Grupper som samlas")
    TRAFFIC = "traffic", _("Trafik")
    DESIGN = "design", _("Utformning och sikt")
    OTHER = "other", _("Annat")


class FindingEffect(models.TextChoices):
    SAFER = "safer", _("Gör platsen tryggare")
    LESS_SAFE = "less_safe", _("Gör platsen otryggare")


class Finding(models.Model):
    """What an activity found at the site (protocol row)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="findings", verbose_name=_("aktivitet")
    )
    category = models.CharField(_("kategori"), max_length=32, choices=FindingCategory.choices)
    effect = models.CharField(
        _("påverkan"), max_length=16, choices=FindingEffect.choices, default=FindingEffect.LESS_SAFE
    )
    description = models.TextField(_("beskrivning"), max_length=2000)
    location = models.CharField(_("var på platsen"), max_length=200, blank=True)
    public_text = public_text_field()
    is_public = is_public_field()

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("iakttagelse i protokollet")
        verbose_name_plural = _("iakttagelser i protokollet")
        ordering = ["pk"]
        constraints = [
            choices_constraint("category", FindingCategory, model="finding"),
            choices_constraint("effect", FindingEffect, model="finding"),
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_text=""),
                name="finding_published_has_public_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"

    def clean(self) -> None:
        check_public_text(self)


class MeasureStatus(models.TextChoices):
    OPEN = "open", _("Ej påbörjad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")
    NOT_DONE = "not_done", _("Blir inte av")


# The one home of "an open measure": not started or under way. Overdue, the staff figures and
# the model's own is_overdue all read it (docs/rules.md).
OPEN_MEASURE_STATUSES = frozenset({MeasureStatus.OPEN, MeasureStatus.IN_PROGRESS})


class MeasureQuerySet(PublishedQuerySet):
    def still_open(self):
        return self.filter(status__in=OPEN_MEASURE_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.still_open().filter(due_date__lt=today)


class Measure(models.Model):
    """What someone will do about a finding: the "vi gjorde" of "ni sa, vi gjorde"."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="measures", verbose_name=_("aktivitet")
    )
    what = models.CharField(_("åtgärd"), max_length=300)
    responsible = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("ansvarig aktör"),
    )
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.OPEN
    )
    not_done_reason = models.CharField(_("varför den inte blir av"), max_length=500, blank=True)
    public_text = public_text_field()
    is_public = is_public_field()

    history = HistoricalRecords()
    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = [F("due_date").asc(nulls_last=True), "pk"]
        constraints = [
            choices_constraint("status", MeasureStatus, model="measure"),
            models.CheckConstraint(
                condition=~Q(status=MeasureStatus.NOT_DONE) | ~Q(not_done_reason=""),
                name="measure_not_done_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_text=""),
                name="measure_published_has_public_text",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        check_public_text(self)

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in OPEN_MEASURE_STATUSES
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )
