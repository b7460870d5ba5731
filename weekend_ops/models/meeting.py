"""Collaboration meetings (samverkansmöten) and partners' registrations (PRODUCT.md, "Meetings")."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractIsoWeekDay, Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from promises.models import BoroughArea, Organisation, choices_constraint


def new_invitation_token() -> str:
    return secrets.token_urlsafe(16)


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planerat")
    HELD = "held", _("Genomfört")
    CANCELLED = "cancelled", _("Inställt")


class MeetingQuerySet(models.QuerySet):
    def of_area(self, area):
        return self.filter(borough__policing_area=area)

    def listed(self):
        """Open for registration on the public list: scheduled, public and not yet started."""
        return self.filter(
            status=MeetingStatus.SCHEDULED, is_public=True, start__gt=timezone.now()
        ).order_by("start")

    def upcoming(self):
        return self.filter(status=MeetingStatus.SCHEDULED, start__gt=timezone.now()).order_by(
            "start"
        )


class Meeting(models.Model):
    """A local collaboration meeting with external partners, in Farsta or Vantör."""

    borough = models.ForeignKey(
        BoroughArea,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("stadsdelsområde"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("slut"))
    venue = models.CharField(_("plats"), max_length=200)
    seats = models.PositiveIntegerField(_("platser"))
    # Confirmed registrations; raised only by a conditional UPDATE that keeps it within seats.
    seats_taken = models.PositiveIntegerField(_("bokade platser"), default=0, editable=False)
    registration_deadline = models.DateTimeField(_("sista anmälningsdag"))
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    weekend = models.DateField(
        _("helg (fredagens datum)"),
        null=True,
        blank=True,
        help_text=_("Den helgsamverkan mötet hör till, om någon."),
    )
    is_public = models.BooleanField(
        _("listas publikt"),
        default=True,
        help_text=_("Annars nås mötet bara genom inbjudningslänken."),
    )
    invitation_token = models.CharField(
        _("inbjudningskod"),
        max_length=32,
        unique=True,
        default=new_invitation_token,
        editable=False,
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("samverkansmöte")
        verbose_name_plural = _("samverkansmöten")
        ordering = ["-start"]
        constraints = [
            choices_constraint("status", MeetingStatus, model="meeting"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="meeting_has_seats"),
            # The backstop against over-allocation, whatever the concurrency.
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("seats")), name="meeting_seats_never_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("start")),
                name="meeting_deadline_before_start",
            ),
            models.CheckConstraint(
                condition=Q(weekend__isnull=True) | Exact(ExtractIsoWeekDay("weekend"), 5),
                name="meeting_weekend_is_a_friday",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("weekend_ops:meeting_detail", args=[self.pk])

    def get_invitation_url(self) -> str:
        return reverse("weekend_ops:meeting_register", args=[self.invitation_token])

    @property
    def seats_left(self) -> int:
        return max(0, self.seats - self.seats_taken)

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == MeetingStatus.SCHEDULED and now <= self.registration_deadline


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekräftad")
    WAITLISTED = "waitlisted", _("Väntelista")
    CANCELLED = "cancelled", _("Avanmäld")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def attended(self):
        return self.filter(attended=True)


class Registration(models.Model):
    """A partner's registration for a meeting, made without an account."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("möte")
    )
    name = models.CharField(_("namn"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    consent = models.BooleanField(_("samtycke"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    # A random pseudonym for the person, shared by their registrations, that survives the
    # purge of personal data so that "distinct persons" figures stay right.
    person_key = models.UUIDField(_("personnyckel"), default=uuid.uuid4, editable=False)
    attended = models.BooleanField(_("närvarade"), null=True, blank=True)
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("avanmäld"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("påminnelse skickad"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("avidentifierad"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["meeting", "status", "created_at"])]
        constraints = [
            choices_constraint("status", RegistrationStatus, model="registration"),
            # One active registration per e-mail address per meeting.
            models.UniqueConstraint(
                F("meeting"),
                Lower("email"),
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(email=""),
                name="registration_one_active_per_email",
            ),
            # Personal data is given with consent, or has been removed.
            models.CheckConstraint(
                condition=Q(consent=True) | Q(anonymised_at__isnull=False),
                name="registration_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or _('(avidentifierad)')} – {self.meeting}"


class CalendarToken(models.Model):
    """A secret per user for the staff iCal feed of meetings (calendar apps send no cookie)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("användare"),
    )
    token = models.CharField(_("kod"), max_length=64, unique=True, default=new_invitation_token)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")

    def __str__(self) -> str:
        return str(self.user)
