"""Forms for meetings: partners register without an account; officers run the meetings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from promises.models import BoroughArea, Organisation, OrganisationKind
from promises.plausible import PlausibleDatesMixin

from .models import Meeting, Registration
from .rules import FRIDAY

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"), max_length=200, error_messages={"required": _("Skriv ditt namn.")}
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Min organisation finns inte i listan"),
    )
    new_organisation = forms.CharField(
        label=_("Ny organisation"),
        help_text=_("Fyll i om din organisation inte finns i listan."),
        max_length=200,
        required=False,
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Typ av organisation"),
        choices=OrganisationKind.choices,
        initial=OrganisationKind.OTHER,
        required=False,
    )
    role = forms.CharField(
        label=_("Din roll"),
        help_text=_("Till exempel väktare, fältassistent eller fastighetsvärd."),
        max_length=200,
        required=False,
    )
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_("Hit skickar vi bekräftelsen och länken för att avanmäla dig."),
        error_messages={
            "required": _("Skriv din e-postadress, så att vi kan skicka bekräftelsen."),
            "invalid": _("Skriv e-postadressen som namn@exempel.se."),
        },
    )
    phone = forms.CharField(label=_("Telefon (frivilligt)"), max_length=40, required=False)
    consent = forms.BooleanField(
        label=_("Jag samtycker till att polisen sparar mina uppgifter för att administrera mötet."),
        help_text=_(
            "Vi sparar namn, organisation, roll och kontaktuppgifter för att skicka bekräftelse "
            "och påminnelse och följa upp vilka aktörer som deltar. Uppgifterna avidentifieras "
            "senast ett år efter mötet. Du kan avanmäla dig när som helst före mötet."
        ),
        error_messages={"required": _("Du behöver samtycka för att kunna anmäla dig.")},
    )

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("new_organisation", "").strip():
            self.add_error(
                "organisation",
                _("Välj din organisation i listan, eller skriv namnet under Ny organisation."),
            )
        return data


class MeetingForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "borough",
            "title",
            "description",
            "start",
            "end",
            "venue",
            "seats",
            "registration_deadline",
            "weekend",
            "is_public",
        ]
        widgets = {
            "start": DATETIME_WIDGET,
            "end": DATETIME_WIDGET,
            "registration_deadline": DATETIME_WIDGET,
            "weekend": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["borough"].queryset = BoroughArea.objects.filter(policing_area=policing_area)

    def clean_weekend(self):
        weekend = self.cleaned_data["weekend"]
        if weekend and weekend.weekday() != FRIDAY:
            raise forms.ValidationError(_("En helg anges med fredagens datum. Välj en fredag."))
        return weekend

    def clean_seats(self):
        seats = self.cleaned_data["seats"]
        taken = self.instance.seats_taken if self.instance.pk else 0
        if seats < taken:
            raise forms.ValidationError(
                _("%(taken)d har redan bekräftade platser. Ange minst %(taken)d platser.")
                % {"taken": taken}
            )
        return seats

    def clean(self):
        data = super().clean()
        start, end, deadline = data.get("start"), data.get("end"), data.get("registration_deadline")
        if start and end and end <= start:
            self.add_error("end", _("Mötet måste sluta efter att det har börjat."))
        if start and deadline and deadline > start:
            self.add_error(
                "registration_deadline", _("Sista anmälningsdag måste vara före mötets start.")
            )
        return data


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label=_("Närvarade"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        field.queryset = meeting.registrations.confirmed().select_related("organisation")
        field.label_from_instance = lambda r: f"{r.name or '–'}, {r.organisation.name}"
