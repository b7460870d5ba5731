"""Collaboration meetings (samverkansmöten) and partners' registrations (docs/rules.md#meetings)."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractIsoWeekDay, Lower, Upper
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from promises.models import AreaQuerySet, BoroughArea, Organisation, choices_constraint
from promises.plausible import validate_plausible_date

from .. import rules

END_AFTER_START = _("Mötet måste sluta efter att det har börjat.")
DEADLINE_BEFORE_START = _("Sista anmälningsdag måste vara före mötets start.")
WEEKEND_IS_A_FRIDAY = _("En helg anges med fredagens datum. Välj en fredag.")


def new_invitation_token() -> str:
    return secrets.token_urlsafe(16)


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planerat")
    HELD = "held", _("Genomfört")
    CANCELLED = "cancelled", _("Inställt")


class MeetingQuerySet(AreaQuerySet):
    area_path = "borough__policing_area"

    def of_areas(self, areas):
        """Meetings of any of ``areas`` (a PolicingArea queryset): a staff member's calendar."""
        return self.filter(**{f"{self.area_path}__in": areas})

    def listed(self):
        """Open for registration on the public list: scheduled, public and not yet started."""
        return self.filter(
            status=MeetingStatus.SCHEDULED, is_public=True, start__gt=timezone.now()
        ).order_by("start")

    def held(self, now=None):
        """Meetings that have taken place: started and not cancelled (the only ones whose
        attendance counts, docs/rules.md#meetings: collective capability)."""
        return self.filter(start__lte=now or timezone.now()).exclude(status=MeetingStatus.CANCELLED)

    def upcoming(self):
        return self.filter(status=MeetingStatus.SCHEDULED, start__gt=timezone.now()).order_by(
            "start"
        )


class Meeting(models.Model):
    """A local collaboration meeting with external partners, in one of the area's boroughs."""

    borough = models.ForeignKey(
        BoroughArea,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("stadsdelsområde"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    # Plausible dates at the model too, so that the admin refuses year 1 (which PostgreSQL
    # would store as a BC timestamp that cannot be read back) as the officers' form does.
    start = models.DateTimeField(_("start"), validators=[validate_plausible_date])
    end = models.DateTimeField(_("slut"), validators=[validate_plausible_date])
    venue = models.CharField(
        _("lokal"), max_length=200, help_text=_("Till exempel medborgarhuset, sal 2.")
    )
    address = models.CharField(_("gatuadress"), max_length=200, help_text=_("Gatuadress och ort."))
    directions = models.TextField(
        _("vägbeskrivning"),
        blank=True,
        help_text=_("Frivilligt: hur man hittar dit, till exempel ingång, våning eller buss."),
    )
    seats = models.PositiveIntegerField(
        _("platser"),
        validators=[MinValueValidator(1, message=_("Ange minst 1 plats."))],
        help_text=_("Hur många som kan delta. Minst 1."),
    )
    # Confirmed registrations, changed only by the services under a lock on the meeting row (and
    # never written by a whole-row save: see save()). The CHECK below is the backstop.
    seats_taken = models.PositiveIntegerField(_("bokade platser"), default=0, editable=False)
    registration_deadline = models.DateTimeField(
        _("sista anmälningsdag"), validators=[validate_plausible_date]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancellation_reason = models.TextField(_("skäl till att mötet ställdes in"), blank=True)
    weekend = models.DateField(
        _("helg (fredagens datum)"),
        null=True,
        blank=True,
        help_text=_("Den helgsamverkan mötet hör till, om någon."),
        validators=[validate_plausible_date],
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
                condition=Q(end__gt=F("start")),
                name="meeting_ends_after_start",
                violation_error_message=END_AFTER_START,
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="meeting_has_seats",
                violation_error_message=_("Ange minst 1 plats."),
            ),
            # The backstop against over-allocation, whatever the concurrency.
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("seats")),
                name="meeting_seats_never_overbooked",
                violation_error_message=_("Mötet har fler bekräftade anmälningar än platser."),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("start")),
                name="meeting_deadline_before_start",
                violation_error_message=DEADLINE_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(weekend__isnull=True)
                | Exact(ExtractIsoWeekDay("weekend"), rules.iso_weekday(rules.FRIDAY)),
                name="meeting_weekend_is_a_friday",
                violation_error_message=WEEKEND_IS_A_FRIDAY,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        # A whole-row save of a meeting read earlier would write back a stale seat count (an
        # edit form, the admin): an existing meeting is saved without ``seats_taken``, which
        # only the services change.
        if self.pk and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "seats_taken"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("weekend_ops:meeting_detail", args=[self.pk])

    def get_invitation_url(self) -> str:
        return reverse("weekend_ops:meeting_register", args=[self.invitation_token])

    @property
    def seats_left(self) -> int:
        return max(0, self.seats - self.seats_taken)

    def registration_closed_reason(self, now=None) -> str | None:
        """Why the meeting takes no registrations at ``now``, None while it does: the one
        definition the registration page and ``services.registration_create`` both use."""
        now = now or timezone.now()
        if self.status == MeetingStatus.CANCELLED:
            return gettext("Mötet är inställt och tar inte emot anmälningar.")
        if self.status != MeetingStatus.SCHEDULED:
            return gettext("Mötet har redan hållits.")
        if now > self.registration_deadline:
            deadline = timezone.localtime(self.registration_deadline)
            return gettext(
                "Sista anmälningsdag var %(deadline)s. Kontakta polisen om du ändå vill delta."
            ) % {"deadline": deadline.strftime("%Y-%m-%d %H:%M")}
        return None

    def registration_open(self, now=None) -> bool:
        return self.registration_closed_reason(now) is None

    def attendance_closed_reason(self, now=None) -> str | None:
        """Why attendance cannot be marked at ``now``, None when it can: only from the meeting's
        start, and never for a cancelled meeting (docs/rules.md#meetings: staff mark who
        attended). The one definition the meeting page and ``services.attendance_mark`` use."""
        now = now or timezone.now()
        if self.status == MeetingStatus.CANCELLED:
            return gettext("Mötet är inställt, så det finns ingen närvaro att markera.")
        if now < self.start:
            start = timezone.localtime(self.start)
            return gettext("Närvaron kan markeras först när mötet har börjat, %(start)s.") % {
                "start": start.strftime("%Y-%m-%d %H:%M")
            }
        return None

    def clean(self):
        """The rules the database also holds, at the field a person can correct."""
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = END_AFTER_START
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            errors["registration_deadline"] = DEADLINE_BEFORE_START
        if self.weekend and self.weekend.weekday() != rules.FRIDAY:
            errors["weekend"] = WEEKEND_IS_A_FRIDAY
        if (
            self.start
            and self.status == MeetingStatus.SCHEDULED
            and self.start <= timezone.now()
            and (self._state.adding or self._start_changed())
        ):
            errors["start"] = _(
                "Ett planerat möte kan inte börja bakåt i tiden. Ange en senare tid."
            )
        if self.seats and not self._state.adding:
            confirmed = self.confirmed_count()
            if self.seats < confirmed:
                errors["seats"] = seats_below_confirmed_message(confirmed)
        if errors:
            raise ValidationError(errors)

    def _start_changed(self) -> bool:
        stored = Meeting.objects.filter(pk=self.pk).values_list("start", flat=True).first()
        return stored != self.start

    def confirmed_count(self) -> int:
        """Confirmed registrations as stored (the seat counter must always equal it)."""
        return self.registrations.confirmed().count()


def seats_below_confirmed_message(confirmed: int) -> str:
    return ngettext(
        "%(taken)d partner har redan en bekräftad plats. Ange minst %(taken)d platser.",
        "%(taken)d partner har redan bekräftade platser. Ange minst %(taken)d platser.",
        confirmed,
    ) % {"taken": confirmed}


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekräftad")
    WAITLISTED = "waitlisted", _("Väntelista")
    CANCELLED = "cancelled", _("Avanmäld")


class RegistrationQuerySet(AreaQuerySet):
    area_path = "meeting__borough__policing_area"

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
    # Empty only once the registration is purged and its organisation was one the partner
    # typed that nobody accepted: such a name goes with the partner's data (it counted nowhere).
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
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
    # Raised each time a calendar file goes to the partner (SEQUENCE), so the event their
    # calendar holds is updated, never doubled; written by the mail task only.
    calendar_sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)
    # The language of the page the partner registered on: their e-mails and calendar text.
    language = models.CharField(_("språk"), max_length=8, choices=settings.LANGUAGES, default="sv")

    history = HistoricalRecords()
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["meeting", "status", "created_at"]),
            # The person's earlier registrations, looked up by address (``email__iexact``) on
            # every registration: an index, not a scan of every registration ever made.
            models.Index(Upper("email"), name="registration_email_any_case"),
        ]
        constraints = [
            choices_constraint("status", RegistrationStatus, model="registration"),
            # One active registration per e-mail address per meeting.
            models.UniqueConstraint(
                F("meeting"),
                Lower("email"),
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(email=""),
                name="registration_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(anonymised_at__isnull=False),
                name="registration_names_an_organisation_until_purged",
            ),
            # Personal data is given with consent, or has been removed.
            models.CheckConstraint(
                condition=Q(consent=True) | Q(anonymised_at__isnull=False),
                name="registration_has_consent",
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="registration_language_valid",
            ),
        ]

    def __str__(self) -> str:
        # No name or e-mail: the admin log keeps this text for ever, past the purge.
        return _("Anmälan %(id)s till %(meeting)s") % {"id": self.pk, "meeting": self.meeting}

    def waitlist_position(self) -> int | None:
        """Place in the meeting's waiting queue (1 = next to get a seat), None if not waiting."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = (
            Registration.objects.waitlisted()
            .filter(meeting_id=self.meeting_id)
            .filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
        )
        return ahead + 1


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
