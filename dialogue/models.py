"""Trygghetsdialog: the yearly listening round of an area, its answers and what staff make of
them (docs/rules.md#trygghetsdialog).

An answer holds no personal data: no account, no e-mail, no address, no user agent; the way in
gives the respondent group, never who answered; its time is kept to the hour (flood detection).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from promises.models import AreaQuerySet, District, PolicingArea, Promise
from promises.plausible import plausible_years, validate_year_in, year_check

from . import rules

TEXT_MAX = 1000
PLACE_MAX = 200
QUESTION_MAX = 200
OWN_QUESTIONS = 3

# The listening an area's first promises grow from is done the year before them: a round may
# be from the year before the area's first year (docs/rules.md#years).
ROUND_YEARS_BEFORE_FIRST = 1


def round_years(area: PolicingArea, **kwargs) -> range:
    """The years an area's round may be from: the plausible years (``promises.plausible``),
    starting the year before the area's first; ``last=`` as there."""
    return plausible_years(area, earlier=ROUND_YEARS_BEFORE_FIRST, **kwargs)


def choices_constraint(field: str, choices, *, model: str, blank: bool = False):
    values = list(choices.values) + ([""] if blank else [])
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": values}), name=f"{model}_{field}_valid"
    )


class Group(models.TextChoices):
    """Respondent group, given by the way in (docs/rules.md#trygghetsdialog)."""

    PUBLIC = "public", _("Medborgare")
    STAFF = "staff", _("Medarbetare")
    PARTNER = "partner", _("Samverkansaktörer")


class Relation(models.TextChoices):
    """How the respondent relates to the area (several may hold)."""

    LIVES = "lives", _("Jag bor här")
    WORKS = "works", _("Jag arbetar eller är verksam här")
    VISITS = "visits", _("Jag vistas här")


class Safety(models.TextChoices):
    """Sense of safety: five steps, safest first, and "vet inte"."""

    VERY_SAFE = "very_safe", _("Mycket trygg")
    FAIRLY_SAFE = "fairly_safe", _("Ganska trygg")
    NEITHER = "neither", _("Varken trygg eller otrygg")
    FAIRLY_UNSAFE = "fairly_unsafe", _("Ganska otrygg")
    VERY_UNSAFE = "very_unsafe", _("Mycket otrygg")
    DONT_KNOW = "dont_know", _("Vet inte")


class Concern(models.TextChoices):
    """What affects the sense of safety most: the source's six, in its order, and "annat"."""

    VIOLENCE = "violence", _("Våldsbrott")
    DRUGS = "drugs", _("Narkotikabrott")
    VANDALISM = "vandalism", _("Skadegörelse")
    BURGLARY = "burglary", _("Inbrott")
    TRAFFIC = "traffic", _("Trafikrelaterad brottslighet")
    GROUPS = "groups", _("Kriminella grupperingar på offentlig plats")
    OTHER = "other", _("Annat")


class TimeOfDay(models.TextChoices):
    DAY = "day", _("Dagtid")
    EVENING = "evening", _("Kvällstid")
    NIGHT = "night", _("Nattetid")


assert list(Safety.values[:5]) == list(rules.SAFETY_SCORES)  # one order for both


class DialogueSettingQuerySet(models.QuerySet):
    def threshold_of(self, area) -> int:
        """The area's threshold for a published figure, never below 5."""
        setting = self.filter(area_id=getattr(area, "pk", area)).first()
        return rules.effective_threshold(setting.threshold if setting else None)


class DialogueSetting(models.Model):
    """An area's setting for its dialogue: how many answers a published figure rests on."""

    area = models.OneToOneField(
        PolicingArea,
        on_delete=models.CASCADE,
        related_name="dialogue_setting",
        verbose_name=_("lokalpolisområde"),
    )
    threshold = models.PositiveSmallIntegerField(
        _("minsta antal svar bakom en siffra"),
        default=rules.THRESHOLD_FLOOR,
        help_text=_("Aldrig under 5."),
    )

    objects = DialogueSettingQuerySet.as_manager()

    class Meta:
        verbose_name = _("inställning för trygghetsdialog")
        verbose_name_plural = _("inställningar för trygghetsdialog")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=rules.THRESHOLD_FLOOR),
                name="dialoguesetting_threshold_floor",
            )
        ]

    def __str__(self) -> str:
        return str(self.area)


class RoundQuerySet(AreaQuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Round(models.Model):
    """One listening round of an area: the fixed core of questions, the districts asked about
    and at most three of the area's own questions."""

    policing_area = models.ForeignKey(
        PolicingArea,
        on_delete=models.PROTECT,
        related_name="dialogue_rounds",
        verbose_name=_("lokalpolisområde"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("rubrik"), max_length=200)
    opens_on = models.DateField(_("öppnar"))
    closes_on = models.DateField(_("stänger"))
    districts = models.ManyToManyField(
        District, related_name="dialogue_rounds", verbose_name=_("områden som frågas om")
    )
    question_1 = models.CharField(_("egen fråga 1"), max_length=QUESTION_MAX, blank=True)
    question_2 = models.CharField(_("egen fråga 2"), max_length=QUESTION_MAX, blank=True)
    question_3 = models.CharField(_("egen fråga 3"), max_length=QUESTION_MAX, blank=True)
    summary = models.TextField(
        _("lägesbild"),
        blank=True,
        max_length=5000,
        help_text=_("Vad dialogen visade, med egna ord: visas för alla med resultaten."),
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogomgång")
        verbose_name_plural = _("dialogomgångar")
        ordering = ["policing_area", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["policing_area", "year"], name="dialogue_round_one_per_area_year"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="dialogue_round_closes_after_opening",
            ),
            year_check(name="dialogue_round_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year} ({self.policing_area})"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:round_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.policing_area_id is not None and self.year is not None:
            try:
                validate_year_in(
                    self.year, round_years(self.policing_area), area=self.policing_area
                )
            except ValidationError as error:
                raise ValidationError({"year": error.messages}) from None

    @property
    def own_questions(self) -> list[tuple[int, str]]:
        return [
            (n, text)
            for n, text in enumerate((self.question_1, self.question_2, self.question_3), 1)
            if text
        ]

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class VoidedWindow(models.Model):
    """Staff set aside the answers of a time window (a flood), with a reason: they no longer
    count, and the window stays on record."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="voided_windows", verbose_name=_("omgång")
    )
    starts_at = models.DateTimeField(_("från"))
    ends_at = models.DateTimeField(_("till"))
    reason = models.CharField(_("skäl"), max_length=500)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gjort av"),
    )
    voided_at = models.DateTimeField(_("gjort"), default=timezone.now)

    class Meta:
        verbose_name = _("underkänt tidsfönster")
        verbose_name_plural = _("underkända tidsfönster")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="voidedwindow_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.starts_at:%Y-%m-%d %H}–{self.ends_at:%H}"


class AnswerQuerySet(AreaQuerySet):
    area_path = "round__policing_area"

    def counted(self):
        """The answers that count: not in a voided window."""
        return self.filter(void_window__isnull=True)


class Answer(models.Model):
    """One answer to a round. No personal data: no user, e-mail, address or user agent; the
    time is kept to the hour."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="answers", verbose_name=_("omgång")
    )
    group = models.CharField(_("grupp"), max_length=16, choices=Group.choices)
    lives = models.BooleanField(_("bor här"), default=False)
    works = models.BooleanField(_("arbetar eller är verksam här"), default=False)
    visits = models.BooleanField(_("vistas här"), default=False)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("område")
    )
    safety_day = models.CharField(_("trygghet dagtid"), max_length=16, choices=Safety.choices)
    safety_evening = models.CharField(
        _("trygghet kvällstid"), max_length=16, choices=Safety.choices
    )
    concern_violence = models.BooleanField(Concern.VIOLENCE.label, default=False)
    concern_drugs = models.BooleanField(Concern.DRUGS.label, default=False)
    concern_vandalism = models.BooleanField(Concern.VANDALISM.label, default=False)
    concern_burglary = models.BooleanField(Concern.BURGLARY.label, default=False)
    concern_traffic = models.BooleanField(Concern.TRAFFIC.label, default=False)
    concern_groups = models.BooleanField(Concern.GROUPS.label, default=False)
    concern_other = models.BooleanField(Concern.OTHER.label, default=False)
    # One place where the respondent feels unsafe, optional.
    place_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("otrygg plats: område"),
    )
    place_text = models.CharField(_("otrygg plats"), max_length=PLACE_MAX, blank=True)
    place_time = models.CharField(
        _("otrygg plats: tid på dygnet"), max_length=16, choices=TimeOfDay.choices, blank=True
    )
    # Free texts: internal, never public, deleted after the retention period.
    police_focus = models.TextField(_("vad polisen bör fokusera på"), blank=True)
    own_answer_1 = models.TextField(_("svar på egen fråga 1"), blank=True)
    own_answer_2 = models.TextField(_("svar på egen fråga 2"), blank=True)
    own_answer_3 = models.TextField(_("svar på egen fråga 3"), blank=True)
    texts_purged = models.BooleanField(_("fritext raderad"), default=False)
    # The hour it came in (minutes and seconds are never kept).
    received_hour = models.DateTimeField(_("inkommet (timme)"), db_index=True)
    void_window = models.ForeignKey(
        VoidedWindow,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("underkänt"),
    )
    # A place staff turned into something to follow up (the target's address).
    followed_up_at = models.CharField(_("följs upp"), max_length=200, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["-received_hour", "-pk"]
        constraints = [
            choices_constraint("group", Group, model="dialogue_answer"),
            choices_constraint("safety_day", Safety, model="dialogue_answer"),
            choices_constraint("safety_evening", Safety, model="dialogue_answer"),
            choices_constraint("place_time", TimeOfDay, model="dialogue_answer", blank=True),
            models.CheckConstraint(
                condition=Q(lives=True) | Q(works=True) | Q(visits=True),
                name="dialogue_answer_has_relation",
            ),
            # A place named is a place with its district.
            models.CheckConstraint(
                condition=Q(place_text="") | Q(place_district__isnull=False),
                name="dialogue_answer_place_has_district",
            ),
        ]
        indexes = [models.Index(fields=["round", "received_hour"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def concerns(self) -> list[str]:
        return [c for c in Concern.values if getattr(self, f"concern_{c}")]

    @property
    def own_answers(self) -> list[tuple[str, str]]:
        return [
            (question, getattr(self, f"own_answer_{n}"))
            for n, question in self.round.own_questions
            if getattr(self, f"own_answer_{n}")
        ]


def concern_field(concern: str) -> str:
    return f"concern_{concern}"


class CitationQuerySet(AreaQuerySet):
    area_path = "promise__policing_area"


class Citation(models.Model):
    """A finding of a round that a promise answers: "Ni sa: … → Vi lovar: …"."""

    promise = models.ForeignKey(
        Promise,
        on_delete=models.CASCADE,
        related_name="dialogue_citations",
        verbose_name=_("löfte"),
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="citations", verbose_name=_("omgång")
    )
    finding = models.CharField(
        _("ni sa"),
        max_length=300,
        help_text=_("Ett resultat från dialogen, t.ex. ”Våldsbrott oroar 41 % i Hagsätra”."),
    )
    finding_en = models.CharField(_("ni sa, på engelska"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hänvisning till dialogen")
        verbose_name_plural = _("hänvisningar till dialogen")
        ordering = ["promise", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "finding"], name="dialogue_citation_unique_per_promise"
            )
        ]

    def __str__(self) -> str:
        return self.finding
