"""Forms for officers: log, plan and edit shifts; hotspots; import. Phone first."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.formats import is_xlsx, xlsx_text
from portal.imports import ImportFailed
from promises import signed
from promises.models import District, Organisation
from promises.permissions import OFFICER
from promises.plausible import PlausibleDatesMixin, plausible_years, validate_plausible_year

from . import rules
from .models import ACTIVITY_FIELDS, Hotspot, Shift, ShiftStatus
from .rules import LOCAL_TZ, ShiftRule

USUAL_START = rules.USUAL_START
USUAL_END = rules.USUAL_END

# Which form field a broken rule is reported on.
RULE_FIELDS = {
    ShiftRule.WEEKEND_EVENING: "date",
    ShiftRule.START_WINDOW: "start_time",
    ShiftRule.END_AFTER_START: "end_time",
    ShiftRule.MAX_LENGTH: "end_time",
    ShiftRule.COMPLETED_IN_FUTURE: "status",
    ShiftRule.END_DOES_NOT_EXIST: "end_time",
}

# The fields the quick log shows first on a phone; the rest fold away.
QUICK_FIELDS = ["date", "start_time", "end_time", "status", "officers", "districts", "hotspots"]


def officer_label(user) -> str:
    return user.get_full_name() or user.username


def officers(area, *, keep=()):
    """The area's active officers (its staff with the officer role), and those in ``keep`` (a
    shift's own officers, who may since have left the area or the role)."""
    return (
        get_user_model()
        .objects.filter(
            Q(policing_areas=area, is_active=True, groups__name=OFFICER) | Q(pk__in=keep)
        )
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


class OfficersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return officer_label(user)


class OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return officer_label(user)


class ShiftForm(PlausibleDatesMixin, forms.Form):
    date = forms.DateField(
        label=_("Datum"),
        help_text=_("Kvällen passet börjar: en fredag eller lördag."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Starttid"),
        help_text=rules.START_WINDOW_HELP,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("Sluttid"),
        help_text=_("En sluttid före starttiden är efter midnatt. Högst 14 timmar."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ShiftStatus.choices, widget=forms.RadioSelect
    )
    officers = OfficersField(
        label=_("Poliser"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Områden"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hotspots = forms.ModelMultipleChoiceField(
        label=_("Brännpunkter som besöktes"),
        help_text=_("Passet räknas också i brännpunktens område."),
        queryset=Hotspot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Samverkansparter som mötte"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activities = forms.MultipleChoiceField(
        label=_("Aktiviteter"),
        choices=[
            (name, Shift._meta.get_field(name).verbose_name.capitalize())
            for name in ACTIVITY_FIELDS
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Anteckningar"),
        required=False,
        max_length=Shift._meta.get_field("notes").max_length,  # one limit: the model's
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Inga personuppgifter om enskilda."),
    )
    confirm_unusual = forms.BooleanField(
        label=_("Jag har kontrollerat uppgifterna"), required=False
    )
    reason_after_approval = forms.CharField(
        label=signed.REASON_LABEL,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Krävs bara när passet hör till ett år som redan är godkänt. De publicerade "
            "siffrorna ändras inte förrän godkännaren godkänner en ny version."
        ),
    )

    def __init__(self, *args, policing_area, shift: Shift | None = None, **kwargs):
        super().__init__(*args, policing_area=policing_area, **kwargs)
        self.shift = shift
        self.warnings: list[rules.Unusual] = []
        self.fields["officers"].queryset = officers(
            policing_area, keep=shift.officers.all() if shift is not None and shift.pk else ()
        )
        self.fields["districts"].queryset = District.objects.of_area(policing_area)
        self.fields["hotspots"].queryset = (
            Hotspot.objects.of_area(policing_area).current().select_related("district")
        )
        self.fields["organisations"].queryset = Organisation.objects.pickable(
            keep=shift.organisations.all() if shift is not None and shift.pk else ()
        )

    @classmethod
    def initial_for(cls, *, user, planning: bool = False, now: dt.datetime | None = None) -> dict:
        """Defaults that can always be saved as they stand: the officer themself, the evening
        under way or just ended (``rules.logging_defaults``), 18:00–02:00, completed once it has
        ended and planned until then. Planning offers the next weekend evening instead."""
        now = now or timezone.now()
        defaults = rules.logging_defaults(now, LOCAL_TZ)
        day = defaults.day
        completed = defaults.completed
        if planning:
            today = timezone.localtime(now, LOCAL_TZ).date()
            day = today + dt.timedelta(days=(rules.FRIDAY - today.weekday()) % 7)
            if rules.weekend_of(today):
                day = today
            completed = False
        return {
            "officers": [user.pk],
            "date": day,
            "start_time": defaults.start,
            "end_time": defaults.end,
            "status": ShiftStatus.COMPLETED if completed else ShiftStatus.PLANNED,
            "activities": ["presence", "visibility"],
        }

    @property
    def quick_fields(self):
        return [self[name] for name in QUICK_FIELDS]

    FOLDED = ("organisations", "activities", "notes")

    @property
    def more_fields(self):
        return [self[name] for name in self.FOLDED]

    @property
    def folded_has_errors(self) -> bool:
        return any(self[name].errors for name in self.FOLDED)

    @classmethod
    def initial_from(cls, shift: Shift) -> dict:
        return {
            "date": shift.evening,
            "start_time": shift.local_start.time(),
            "end_time": shift.local_end.time(),
            "status": shift.status,
            "officers": list(shift.officers.all()),
            "districts": list(shift.districts.all()),
            "hotspots": list(shift.hotspots.all()),
            "organisations": list(shift.organisations.all()),
            "activities": [name for name in ACTIVITY_FIELDS if getattr(shift, name)],
            "notes": shift.notes,
        }

    def clean(self):
        data = super().clean()
        if {"date", "start_time", "end_time"} <= data.keys():
            start, end = rules.compose_shift_times(
                day=data["date"], start=data["start_time"], end=data["end_time"], tz=LOCAL_TZ
            )
            if self.shift is not None and self._times_unchanged(data):
                # Keep the moments saved: a clock time that occurs twice may mean the second.
                start, end = self.shift.start, self.shift.end
            data["start"], data["end"] = start, end
            for problem in rules.shift_problems(
                start=start,
                end=end,
                tz=LOCAL_TZ,
                completed=data.get("status") == ShiftStatus.COMPLETED,
                now=timezone.now(),
            ):
                self.add_error(RULE_FIELDS[problem], problem.message)
        if not self.errors:
            planned = data.get("status") == ShiftStatus.PLANNED
            self.warnings = rules.unusual_shift(
                start=data["start"],
                end=data["end"],
                today=timezone.localdate(),
                planned=planned,
                now=timezone.now(),
            )
            if self.warnings and not data.get("confirm_unusual"):
                for warning in self.warnings:
                    self.add_error("confirm_unusual", warning.message)
            elif rules.Unusual.ENDED in self.warnings:
                # Confirmed: a shift that has ended is saved as what it is, completed.
                data["status"] = ShiftStatus.COMPLETED
        return data

    def _times_unchanged(self, data) -> bool:
        return (data["date"], data["start_time"], data["end_time"]) == (
            self.shift.evening,
            self.shift.local_start.time().replace(second=0, microsecond=0, fold=0),
            self.shift.local_end.time().replace(second=0, microsecond=0, fold=0),
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "start": data["start"],
            "end": data["end"],
            "status": data["status"],
            "officers": data["officers"],
            "districts": data["districts"],
            "hotspots": data["hotspots"],
            "organisations": data["organisations"],
            "activities": data["activities"],
            "notes": data["notes"],
        }


class ShiftFilterForm(PlausibleDatesMixin, forms.Form):
    # The area's plausible years (``promises.plausible``): checked in ``clean_year``.
    year = forms.IntegerField(label=_("År"), required=False)
    weekend = forms.DateField(label=_("Helg"), required=False, widget=forms.HiddenInput)
    officer = OfficerField(
        label=_("Polis"), queryset=get_user_model().objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("Område"), queryset=District.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alla"))] + ShiftStatus.choices, required=False
    )

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, policing_area=policing_area, **kwargs)
        years = plausible_years(policing_area)
        self.fields["year"].widget.attrs.update({"min": years[0], "max": years[-1]})
        self.fields["officer"].queryset = officers(policing_area)
        self.fields["district"].queryset = District.objects.of_area(policing_area)

    def clean_year(self):
        year = self.cleaned_data["year"]
        validate_plausible_year(year, area=self.policing_area)
        return year

    @property
    def weekend_friday(self) -> dt.date | None:
        """The Friday of the weekend the list is limited to, if any."""
        if self.is_valid() and self.cleaned_data.get("weekend"):
            return rules.weekend_of(self.cleaned_data["weekend"])
        return None

    def filter(self, shifts):
        if not self.is_valid():
            # A year outside the area's years has no shifts; other bad input filters nothing.
            return shifts.none() if "year" in self.errors else shifts
        data = self.cleaned_data
        if data.get("weekend") and rules.weekend_of(data["weekend"]):
            shifts = shifts.on_weekend(rules.weekend_of(data["weekend"]))
        elif data.get("year"):
            shifts = shifts.in_year(data["year"])
        if data.get("officer"):
            shifts = shifts.for_officer(data["officer"])
        if data.get("district"):
            shifts = shifts.in_district(data["district"])
        if data.get("status"):
            shifts = shifts.filter(status=data["status"])
        return shifts


class HotspotForm(forms.ModelForm):
    class Meta:
        model = Hotspot
        fields = [
            "district",
            "name",
            "description",
            "days",
            "window_start",
            "window_end",
            "picture_date",
            "is_current",
        ]
        widgets = {
            "window_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "window_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "picture_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "days": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.of_area(policing_area)


class ShiftImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV- eller Excel-fil"),
        help_text=_(
            "CSV eller Excel (xlsx) från portalens export eller ett eget kalkylark; CSV med "
            "semikolon eller komma och "
            "rubrikraden datum;start;slut;poliser;status;områden;anteckning (eller "
            "date,start,end,officers,status,districts,notes). Allt eller inget: en felaktig "
            "rad stoppar hela importen."
        ),
    )
    reason_after_approval = forms.CharField(
        label=signed.REASON_LABEL,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs bara när filen ändrar pass i ett år som redan är godkänt."),
    )
    create_officers = forms.BooleanField(
        label=_("Skapa okända användarnamn som poliser"),
        help_text=_("Annars stoppar ett okänt användarnamn importen."),
        required=False,
    )

    def clean_file(self):
        # A larger upload never gets here (portal/uploads.py stops it while it streams in);
        # this says so again for one that came in whole.
        upload = self.cleaned_data["file"]
        if upload.size > settings.PORTAL_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen är för stor: högst %(max)s.")
                % {"max": filesizeformat(settings.PORTAL_UPLOAD_MAX_BYTES)}
            )
        data = upload.read()
        if is_xlsx(data):  # the portal's own Excel export, or any workbook: its first sheet
            try:
                return xlsx_text(data)
            except ImportFailed as failed:
                raise forms.ValidationError(failed.errors[0].message) from None
        return decode_upload(data)


def decode_upload(data: bytes) -> str:
    """A spreadsheet's CSV as text: UTF-8 (with or without a byte-order mark), or else the
    Windows encoding that Swedish Excel uses for plain "CSV"."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise forms.ValidationError(
            _("Filen går inte att läsa som text. Spara den som CSV (UTF-8) och försök igen.")
        ) from None
