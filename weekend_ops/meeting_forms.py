"""Forms for meetings: partners register without an account; officers run the meetings."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from portal.public_text import validate_public_text
from portal.validators import SingleLineFieldsMixin
from promises.models import BoroughArea, OrganisationKind
from promises.plausible import PlausibleDatesMixin

from .models import Meeting, Registration

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegistrationForm(SingleLineFieldsMixin, forms.Form):
    name = forms.CharField(
        label=_("Namn"), max_length=200, error_messages={"required": _("Skriv ditt namn.")}
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        help_text=_(
            "Skriv namnet på organisationen du företräder, till exempel ett bostadsbolag eller "
            "en förening."
        ),
        max_length=200,
        error_messages={"required": _("Skriv namnet på din organisation.")},
    )
    organisation_kind = forms.ChoiceField(
        label=_("Typ av organisation"),
        choices=OrganisationKind.choices,
        initial=OrganisationKind.OTHER,
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
        max_length=254,  # the column's length (Registration.email)
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

    def clean_organisation_name(self):
        name = " ".join(self.cleaned_data["organisation_name"].split())
        if not name:
            raise forms.ValidationError(_("Skriv namnet på din organisation."))
        return name


class MeetingForm(SingleLineFieldsMixin, PlausibleDatesMixin, forms.ModelForm):
    """An officer's meeting. The rules the database holds (end after start, deadline before
    start, a Friday for the weekend, seats at least the confirmed registrations) are checked by
    ``Meeting.clean`` and shown at their fields; the seat counter is not a field."""

    class Meta:
        model = Meeting
        fields = [
            "borough",
            "title",
            "description",
            "start",
            "end",
            "venue",
            "address",
            "directions",
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
            "directions": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "seats": {
                "min_value": _("Ange minst 1 plats."),
                "invalid": _("Ange antalet platser som en siffra, till exempel 20."),
            },
        }

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, policing_area=policing_area, **kwargs)
        self.fields["borough"].queryset = BoroughArea.objects.of_area(policing_area)
        seats = self.fields["seats"]
        # One lower bound, not the model field's 0 as well: -4 is explained once, not twice.
        seats.validators = [v for v in seats.validators if not isinstance(v, MinValueValidator)] + [
            MinValueValidator(1)
        ]
        seats.widget.attrs["min"] = 1
        # The public list shows these texts: the publishing guard keeps personal data out.
        for name in ("title", "description", "directions"):
            if name in self.fields:
                self.fields[name].validators.append(validate_public_text)


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        help_text=_(
            "Kort, till exempel ”Lokalen är inte tillgänglig”. Skälet står i mejlet till de anmälda."
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv kort varför mötet ställs in.")},
    )


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
        field.label_from_instance = lambda r: ", ".join(
            [r.name or "–", *([r.organisation.name] if r.organisation else [])]
        )
