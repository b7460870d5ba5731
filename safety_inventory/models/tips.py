"""Citizens' signals and officers' observations, and the flags they raise on a site
(docs/rules.md#flags: a negative development)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.public_text import validate_public_text
from promises.models import AreaQuerySet, District, choices_constraint, staff_member_field

from .places import Activity, FindingCategory, Site


class SignalSource(models.TextChoices):
    CITIZEN = "citizen", _("Medborgare")
    OFFICER = "officer", _("Polisens iakttagelse")


# The one home of the tracking code's shape: safety_inventory/tracking.py checks typed codes
# against it. Easy to read aloud and type: no 0/O, 1/I/L.
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TRACKING_CODE_LENGTH = 8


def new_tracking_code() -> str:
    """Eight characters that are easy to read aloud and type (no 0/O, 1/I/L)."""
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))


class TipLanguage(models.TextChoices):
    """The portal's languages (settings.LANGUAGES): the language a tip was written in."""

    SWEDISH = "sv", _("Svenska")
    ENGLISH = "en", _("Engelska")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    ANSWERED = "answered", _("Besvarad med en planerad insats")
    DISMISSED = "dismissed", _("Avförd med motivering")


class FlagReason(models.TextChoices):
    SIGNALS = "signals", _("Flera signaler från medborgare")
    OFFICER_OBSERVATION = "officer_observation", _("Polisens iakttagelse")


class FlagQuerySet(AreaQuerySet):
    area_path = "site__district__borough__policing_area"

    def open(self):
        return self.filter(status=FlagStatus.OPEN)


class Flag(models.Model):
    """A negative development at a site; open until staff answer it (docs/rules.md#places)."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="flags", verbose_name=_("plats")
    )
    reason = models.CharField(_("anledning"), max_length=32, choices=FlagReason.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    raised_at = models.DateTimeField(_("flaggad"), default=timezone.now)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    answered_by = staff_member_field(_("besvarad av"))
    activity = models.OneToOneField(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers_flag",
        verbose_name=_("planerad insats"),
    )
    dismissal_reason = models.TextField(_("motivering"), blank=True)

    history = HistoricalRecords()
    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flagga")
        verbose_name_plural = _("flaggor")
        ordering = ["-raised_at"]
        constraints = [
            choices_constraint("status", FlagStatus, model="flag"),
            choices_constraint("reason", FlagReason, model="flag"),
            models.UniqueConstraint(
                fields=["site"], condition=Q(status=FlagStatus.OPEN), name="flag_one_open_per_site"
            ),
            models.CheckConstraint(
                condition=~Q(status=FlagStatus.ANSWERED) | Q(activity__isnull=False),
                name="flag_answered_has_activity",
            ),
            models.CheckConstraint(
                condition=~Q(status=FlagStatus.DISMISSED) | ~Q(dismissal_reason=""),
                name="flag_dismissed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site.name}: {self.get_reason_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return self.site.get_absolute_url() + f"#flagga-{self.pk}"

    def clean(self) -> None:
        # The sender of the tip reads the reason: no personal data in it.
        if self.status == FlagStatus.DISMISSED and self.dismissal_reason:
            try:
                validate_public_text(self.dismissal_reason)
            except ValidationError as error:
                raise ValidationError({"dismissal_reason": error.messages}) from None


class SignalQuerySet(AreaQuerySet):
    area_path = "district__borough__policing_area"

    def with_area(self):
        """Each signal's policing area read along (``signal.district.borough.policing_area``)."""
        return self.select_related(self.area_path)


class Signal(models.Model):
    """A citizen's or officer's report of worsening safety at a place (iakttagelse)."""

    source = models.CharField(
        _("källa"), max_length=16, choices=SignalSource.choices, default=SignalSource.CITIZEN
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="signals", verbose_name=_("område")
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("plats"),
    )
    place_text = models.CharField(_("plats (fritext)"), max_length=200, blank=True)
    category = models.CharField(_("kategori"), max_length=32, choices=FindingCategory.choices)
    description = models.TextField(_("vad hände"), max_length=2000)
    occurred_on = models.DateField(_("när"), null=True, blank=True)
    email = models.EmailField(_("e-post för återkoppling"), blank=True)
    consent = models.BooleanField(_("samtycke till behandling av e-postadressen"), default=False)
    tracking_code = models.CharField(
        _("uppföljningskod"),
        max_length=TRACKING_CODE_LENGTH,
        unique=True,
        default=new_tracking_code,
    )
    received_at = models.DateTimeField(_("mottagen"), default=timezone.now)
    flag = models.ForeignKey(
        Flag,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("flagga"),
    )
    created_by = staff_member_field(_("registrerad av"))
    # The language the tip was written in: every e-mail about it is sent in that language.
    language = models.CharField(
        _("språk"), max_length=8, choices=TipLanguage.choices, default=TipLanguage.SWEDISH
    )

    history = HistoricalRecords(excluded_fields=["email"])
    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signaler")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["site", "received_at"])]
        constraints = [
            choices_constraint("source", SignalSource, model="signal"),
            choices_constraint("category", FindingCategory, model="signal"),
            models.CheckConstraint(
                condition=Q(site__isnull=False) | ~Q(place_text=""),
                name="signal_has_a_place",
            ),
            models.CheckConstraint(
                condition=Q(email="") | Q(consent=True), name="signal_email_needs_consent"
            ),
            choices_constraint("language", TipLanguage, model="signal"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}: {self.get_category_display()}, {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("safety_inventory:signal_track", args=[self.tracking_code])

    @property
    def place(self) -> str:
        return self.site.name if self.site_id else self.place_text
