"""Forms for officers: log, plan and edit shifts; hotspots; import. Phone first."""

import datetime as dt
from datetime import time

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from promises.models import District, Organisation
from promises.permissions import OFFICER
from promises.plausible import PlausibleDatesMixin

from . import rules
from .models import ACTIVITY_FIELDS, Hotspot, Shift, ShiftStatus
from .rules import LOCAL_TZ, ShiftRule

USUAL_START = time(18, 0)
USUAL_END = time(2, 0)

# Which form field a broken rule is reported on.
RULE_FIELDS = {
    ShiftRule.WEEKEND_EVENING: "date",
    ShiftRule.START_WINDOW: "start_time",
    ShiftRule.END_AFTER_START: "end_time",
    ShiftRule.MAX_LENGTH: "end_time",
    ShiftRule.COMPLETED_IN_FUTURE: "status",
}


def officer_label(user) -> str:
    return user.get_full_name() or user.username


def officers():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=OFFICER)
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
        help_text=_("Mellan 12:00 och 23:59."),
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
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Inga personuppgifter om enskilda."),
    )

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.policing_area = policing_area
        self.fields["officers"].queryset = officers()
        self.fields["districts"].queryset = District.objects.in_policing_area(policing_area)
        self.fields["hotspots"].queryset = (
            Hotspot.objects.current()
            .filter(district__borough__policing_area=policing_area)
            .select_related("district")
        )
        self.fields["organisations"].queryset = Organisation.objects.all()

    @classmethod
    def initial_for(cls, *, user, status: str, today: dt.date | None = None) -> dict:
        """Defaults: the officer themself, today when it is a Friday or Saturday, 18:00–02:00."""
        today = today or timezone.localdate()
        return {
            "officers": [user.pk],
            "date": today if rules.weekend_of(today) else None,
            "start_time": USUAL_START,
            "end_time": USUAL_END,
            "status": status,
            "activities": ["presence", "visibility"],
        }

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
            data["start"], data["end"] = start, end
            for problem in rules.shift_problems(
                start=start,
                end=end,
                tz=LOCAL_TZ,
                completed=data.get("status") == ShiftStatus.COMPLETED,
                now=timezone.now(),
            ):
                self.add_error(RULE_FIELDS[problem], problem.message)
        return data

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


class ShiftFilterForm(forms.Form):
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    officer = OfficerField(label=_("Polis"), queryset=officers(), required=False)
    district = forms.ModelChoiceField(
        label=_("Område"), queryset=District.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alla"))] + ShiftStatus.choices, required=False
    )

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.in_policing_area(policing_area)

    def filter(self, shifts):
        if not self.is_valid():
            return shifts
        data = self.cleaned_data
        if data.get("year"):
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
        self.fields["district"].queryset = District.objects.in_policing_area(policing_area)


class ShiftImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "UTF-8 med rubrikraden date,start,end,officers,status,districts,notes. "
            "Allt eller inget: en felaktig rad stoppar hela importen."
        ),
    )
    create_officers = forms.BooleanField(
        label=_("Skapa okända användarnamn som poliser"), required=False
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Filen är för stor: högst 5 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Filen är inte UTF-8. Spara den som CSV (UTF-8) och försök igen.")
            ) from None
