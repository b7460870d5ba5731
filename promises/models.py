"""Areas and promises: the data every other part of the portal hangs on (docs/rules.md#words)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.translated import language_code, source_language
from promises import progress
from promises.plausible import (
    YEAR_CEILING,
    default_first_year,
    validate_first_year,
    validate_plausible_year,
    year_check,
)
from promises.validators import validate_area_slug


def choices_constraint(field: str, choices: type[models.TextChoices], *, model: str):
    """A CheckConstraint that makes the database refuse values outside ``choices``."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}), name=f"{model}_{field}_valid"
    )


def staff_member_field(verbose_name) -> models.ForeignKey:
    """Who recorded or answered something: kept if the account goes (then empty), never
    followed back from the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class AreaQuerySet(models.QuerySet):
    """The one way to ask for a policing area's rows: ``Model.objects.of_area(area)``.

    Each model's queryset names the path from its rows to the area in ``area_path``; no query
    spells ``district__borough__policing_area`` by hand. ``area`` is a PolicingArea, or its
    primary key where a row already holds it (``promise.policing_area_id``: no query for it).
    """

    area_path: str = "policing_area"

    def of_area(self, area: "PolicingArea"):
        return self.filter(**{self.area_path: area})


class PolicingAreaQuerySet(models.QuerySet):
    def of_staff(self, user):
        """The areas whose data ``user`` may see and change: all for a superuser."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(staff=user)


class PolicingArea(models.Model):
    """A local police area (lokalpolisområde): data, added in the admin."""

    slug = models.SlugField(
        _("kortnamn"),
        unique=True,
        validators=[validate_area_slug],
        help_text=_("Syns i adressen: små bokstäver, siffror och bindestreck."),
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="policing_areas",
        verbose_name=_("personal"),
        help_text=_("Poliser, läsare och godkännare som arbetar med områdets löften."),
    )
    contact_email = models.EmailField(
        _("e-post för synpunkter på tillgänglighet"),
        blank=True,
        help_text=_(
            "Visas i områdets tillgänglighetsredogörelse. Tom: portalens gemensamma adress "
            "(PORTAL_CONTACT_EMAIL), om en sådan finns."
        ),
    )
    # The first year of the plausible-year rule (promises/plausible.py, docs/rules.md#years).
    first_year = models.PositiveSmallIntegerField(
        _("första år"),
        default=default_first_year,
        validators=[validate_first_year],
        help_text=_(
            "Det första år som områdets medborgarlöften och importerade kalkylark får vara "
            "från. Ett tidigare år gör att äldre kalkylark kan importeras."
        ),
    )

    history = HistoricalRecords()
    objects = PolicingAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokalpolisområde")
        verbose_name_plural = _("lokalpolisområden")
        ordering = ["name"]
        constraints = [year_check("first_year", name="policingarea_first_year_plausible")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("promises:area_home", kwargs={"area": self.slug})

    def clean(self):
        """A first year after the area's earliest promise would leave that promise outside
        the area's years: refused, naming the promise's year."""
        super().clean()
        if self.pk is None or self.first_year is None:
            return
        earliest = Promise.objects.of_area(self).aggregate(year=models.Min("year"))["year"]
        if earliest is not None and self.first_year > earliest:
            raise ValidationError(
                {
                    "first_year": _(
                        "Området har medborgarlöften från %(year)s: första året kan inte vara "
                        "senare än %(year)s."
                    )
                    % {"year": earliest}
                }
            )

    @property
    def borough_names(self) -> list[str]:
        """Its boroughs' names, for texts that name where the area lies."""
        return [b.name for b in self.boroughs.all()]

    @property
    def district_names(self) -> list[str]:
        return list(District.objects.of_area(self).order_by("name").values_list("name", flat=True))


class BoroughAreaQuerySet(AreaQuerySet):
    area_path = "policing_area"


class BoroughArea(models.Model):
    """A borough (stadsdelsområde) where collaboration meetings are held."""

    policing_area = models.ForeignKey(
        PolicingArea,
        on_delete=models.PROTECT,
        related_name="boroughs",
        verbose_name=_("lokalpolisområde"),
    )
    slug = models.SlugField(_("kortnamn"))
    name = models.CharField(_("namn"), max_length=100)

    objects = BoroughAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("stadsdelsområde")
        verbose_name_plural = _("stadsdelsområden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["policing_area", "slug"], name="borougharea_unique_slug_per_area"
            ),
            models.UniqueConstraint(
                fields=["policing_area", "name"], name="borougharea_unique_name_per_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DistrictQuerySet(AreaQuerySet):
    area_path = "borough__policing_area"


class District(models.Model):
    """One of the named areas (område) of a policing area, within a borough."""

    borough = models.ForeignKey(
        BoroughArea,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("stadsdelsområde"),
    )
    slug = models.SlugField(_("kortnamn"))
    name = models.CharField(_("namn"), max_length=100)
    name_en = models.CharField(
        _("namn på engelska"),
        max_length=100,
        blank=True,
        help_text=_("Bara om namnet skiljer sig på engelska; annars visas det svenska."),
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["borough", "slug"], name="district_unique_slug"),
            models.UniqueConstraint(fields=["borough", "name"], name="district_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class PromiseQuerySet(AreaQuerySet):
    def in_year(self, year: int):
        return self.filter(year=year)

    def years(self) -> list[int]:
        return sorted(set(self.values_list("year", flat=True)))


class Promise(models.Model):
    """One citizen promise (medborgarlöfte) of a policing area for one year, with a target."""

    policing_area = models.ForeignKey(
        PolicingArea,
        on_delete=models.PROTECT,
        related_name="promises",
        verbose_name=_("lokalpolisområde"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    # The kinds are those the feature apps declare (``promises.features``): none is named here.
    kind = models.CharField(
        _("slag"),
        max_length=32,
        choices=progress.kind_choices,
        validators=[progress.validate_kind],
    )
    title = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(
        _("rubrik på engelska"), max_length=200, blank=True, help_text=_("Tom: den svenska visas.")
    )
    summary = models.TextField(_("sammanfattning"), help_text=_("Med våra egna ord."))
    summary_en = models.TextField(
        _("sammanfattning på engelska"), blank=True, help_text=_("Tom: den svenska visas.")
    )
    target = models.PositiveIntegerField(_("mål"))
    source_url = models.URLField(_("källa"), default="https://polisen.se/medborgarloften")

    history = HistoricalRecords()
    objects = PromiseQuerySet.as_manager()

    class Meta:
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        ordering = ["policing_area", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["policing_area", "year", "kind"], name="promise_one_per_area_year_kind"
            ),
            models.CheckConstraint(condition=Q(target__gt=0), name="promise_target_positive"),
            year_check(name="promise_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year} ({self.policing_area})"

    def get_absolute_url(self) -> str:
        home = reverse("promises:area_home", kwargs={"area": self.policing_area.slug})
        return f"{home}?year={self.year}#{self.kind}"

    def clean(self):
        """The year lies in the area's years: from its first year (docs/rules.md#years). A
        promise may be renewed further ahead than a person types a date, so up to the
        ceiling."""
        super().clean()
        if self.policing_area_id is not None and self.year is not None:
            try:
                validate_plausible_year(self.year, area=self.policing_area, last=YEAR_CEILING)
            except ValidationError as error:
                raise ValidationError({"year": error.messages}) from None

    @property
    def unit(self) -> progress.Unit:
        """The unit the target counts, as the kind's tracker registered it."""
        return progress.entry_for(self.kind).unit


class OrganisationKind(models.TextChoices):
    SECURITY_COMPANY = "security_company", _("Bevakningsföretag")
    MUNICIPALITY = "municipality", _("Kommun")
    HOUSING_COMPANY = "housing_company", _("Bostadsbolag")
    SCHOOL = "school", _("Skola")
    ASSOCIATION = "association", _("Förening eller ideell organisation")
    BUSINESS = "business", _("Näringsidkare")
    PUBLIC_TRANSPORT = "public_transport", _("Kollektivtrafik")
    FAITH_COMMUNITY = "faith_community", _("Trossamfund")
    OTHER = "other", _("Annan")


class OrganisationStatus(models.TextChoices):
    # A partner typed the name when registering: staff accept it or merge it into another.
    TO_REVIEW = "to_review", _("Att granska")
    ACCEPTED = "accepted", pgettext_lazy("organisation status", "Godkänd")


def organisation_uses():
    """Every relation that names an organisation: (model, the field naming it, the path from
    the model to its policing area or None). Found from the relations themselves (a feature's
    registrations, activities, ...), so the core names no feature's model."""
    for relation in Organisation._meta.related_objects:
        model = relation.related_model
        area_path = getattr(model._default_manager.all(), "area_path", None)
        yield model, relation.field.name, area_path


class OrganisationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=OrganisationStatus.ACCEPTED)

    def to_review(self):
        return self.filter(status=OrganisationStatus.TO_REVIEW)

    def used_in(self, area):
        """Organisations named by a record of ``area`` (a PolicingArea or its id): a
        registration for one of its meetings, an activity at one of its sites, ..."""
        named = Q(pk__in=[])
        for model, field, area_path in organisation_uses():
            if area_path:
                records = model._default_manager.filter(**{area_path: area})
                named |= Q(pk__in=records.values(field))
        return self.filter(named)

    def unnamed(self):
        """Organisations no record names any more."""
        queryset = self
        for model, field, _area_path in organisation_uses():
            queryset = queryset.exclude(
                pk__in=model._default_manager.filter(**{f"{field}__isnull": False}).values(field)
            )
        return queryset

    def pickable(self, *, keep=()):
        """What staff pick from on a form: the accepted organisations, plus those the record
        already holds (so editing it never silently drops one still waiting for review)."""
        return self.filter(
            models.Q(status=OrganisationStatus.ACCEPTED) | models.Q(pk__in=[o.pk for o in keep])
        )


class Organisation(models.Model):
    """A partner organisation (samverkanspart, aktör): met on shifts, at meetings, at sites."""

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(
        _("typ"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACCEPTED,
        help_text=_("Organisationer som partner skriver in granskas innan de räknas."),
    )

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_any_case"),
            choices_constraint("kind", OrganisationKind, model="organisation"),
            choices_constraint("status", OrganisationStatus, model="organisation"),
        ]

    def __str__(self) -> str:
        return self.name


def areas_naming(organisation_ids) -> dict[int, list[str]]:
    """For each of ``organisation_ids``: the names of the policing areas whose records name it
    (sorted). One query per kind of record that knows its area."""
    ids = list(organisation_ids)
    areas: dict[int, set[str]] = {pk: set() for pk in ids}
    for model, field, area_path in organisation_uses():
        if not area_path:
            continue
        rows = (
            model._default_manager.filter(**{f"{field}__in": ids})
            .values_list(field, f"{area_path}__name")
            .distinct()
        )
        for organisation_id, area_name in rows:
            if organisation_id in areas and area_name:
                areas[organisation_id].add(area_name)
    return {pk: sorted(names) for pk, names in areas.items()}


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    APPROVED = "approved", _("Godkänd")


class AnnualReport(models.Model):
    """The annual follow-up (uppföljning) of a policing area's promises for one year.

    A draft shows the figures as they stand; once the area's approver signs it off, its figures
    and texts are stored in ``snapshot`` as they were approved and published in the public
    year archive. The approval is kept in the history (who and when).
    """

    policing_area = models.ForeignKey(
        PolicingArea,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("lokalpolisområde"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    approved_by = staff_member_field(_("godkänd av"))
    approved_by_name = models.CharField(_("godkänd av (namn)"), max_length=200, blank=True)
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    snapshot = models.JSONField(
        _("rapporten som den godkändes"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    # Why this version was signed when it replaces an earlier one (the reasons given for the
    # changes after approval); empty for the first version.
    reasons = models.JSONField(_("anledningar till den nya versionen"), default=list, blank=True)
    # Every earlier signed version, kept beside this one and public with its reasons:
    # [{"version", "approved_at", "approved_by_name", "reasons", "snapshot"}].
    earlier_versions = models.JSONField(
        _("tidigare godkända versioner"), default=list, blank=True, encoder=DjangoJSONEncoder
    )

    history = HistoricalRecords()
    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("årsuppföljning")
        verbose_name_plural = _("årsuppföljningar")
        ordering = ["policing_area", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["policing_area", "year"], name="annualreport_one_per_area_year"
            ),
            choices_constraint("status", ReportStatus, model="annualreport"),
            models.CheckConstraint(
                condition=(
                    Q(status=ReportStatus.DRAFT, approved_at__isnull=True)
                    | (
                        Q(status=ReportStatus.APPROVED, approved_at__isnull=False)
                        & ~Q(approved_by_name="")
                    )
                ),
                name="annualreport_approved_has_name_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policing_area} {self.year} ({self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @property
    def version(self) -> int:
        return len(self.earlier_versions) + 1

    def earlier(self, language: str | None = None) -> list[dict]:
        """The earlier signed versions, newest first, each with its figures in ``language``."""
        language = language_code(language)
        return [
            {
                **{k: v for k, v in entry.items() if k != "snapshot"},
                "figures": entry["snapshot"].get(language)
                or entry["snapshot"].get(source_language(), {}),
            }
            for entry in reversed(self.earlier_versions)
        ]

    def figures(self, language: str | None = None) -> dict:
        """The approved report in ``language`` (the active one by default), else in Swedish."""
        language = language_code(language)
        return self.snapshot.get(language) or self.snapshot.get(source_language(), {})


class SignedReportPdf(models.Model):
    """An approved report as PDF in one of the portal's languages: made once, when it was
    signed off (``promises.reports.pdf.signed_report_pdfs_store``), and served as it is from then on. In
    the database, so the nightly backup holds it with the report."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="signed_pdfs",
        verbose_name=_("årsuppföljning"),
    )
    language = models.CharField(_("språk"), max_length=8)
    content = models.BinaryField(_("PDF"))
    made_at = models.DateTimeField(_("gjord"), auto_now_add=True)

    class Meta:
        verbose_name = _("godkänd rapport som PDF")
        verbose_name_plural = _("godkända rapporter som PDF")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], name="signedreportpdf_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.language})"


class PromiseNarrativeQuerySet(AreaQuerySet):
    area_path = "promise__policing_area"


class PromiseNarrative(models.Model):
    """Staff's words on one promise's year for the follow-up: what was done, what worked, why a
    target was missed, what comes next."""

    promise = models.OneToOneField(
        Promise, on_delete=models.CASCADE, related_name="narrative", verbose_name=_("löfte")
    )
    text = models.TextField(_("berättelse"), max_length=5000, blank=True)
    updated_by = staff_member_field(_("senast ändrad av"))
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    history = HistoricalRecords()
    objects = PromiseNarrativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("berättelse")
        verbose_name_plural = _("berättelser")

    def __str__(self) -> str:
        return str(self.promise)


class ChangeAfterApproval(models.Model):
    """A change to a record of a signed year, saved with its written reason (issue 18): shown to
    staff as "ändrat efter godkännande"; the published figures stay the signed ones until the
    approver signs a new version."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="changes_after_approval",
        verbose_name=_("årsuppföljning"),
    )
    reason = models.TextField(_("anledning till ändring efter godkännande"), max_length=2000)
    record = models.CharField(_("vad som ändrades"), max_length=300)
    changed_by = staff_member_field(_("ändrat av"))
    changed_at = models.DateTimeField(_("ändrat"), auto_now_add=True)
    # Signed into a new version (its reason is then that version's): no longer waiting.
    settled = models.BooleanField(_("med i en ny version"), default=False)

    class Meta:
        verbose_name = _("ändring efter godkännande")
        verbose_name_plural = _("ändringar efter godkännande")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="change_after_approval_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.record}"
