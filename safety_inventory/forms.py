"""Forms: the public signal form, and officers' sites, activities, protocols and flags."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.public_text import validate_public_text
from portal.translated import localized
from portal.validators import LineBreakTextField, without_bidi_controls
from promises import signed
from promises.models import District, Organisation
from promises.plausible import PlausibleDatesMixin

from .models import (
    PROTOCOL_MAX_ROWS,
    Activity,
    ActivityKind,
    ActivityStatus,
    Finding,
    FindingCategory,
    Measure,
    MeasureStatus,
    Signal,
    Site,
)
from .services import ProtocolRows

# The model's length, not a copy of it: the form, the live counter and the database agree.
DESCRIPTION_MAX = Signal._meta.get_field("description").max_length


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site) -> str:
        return f"{localized(site, 'name')} ({localized(site.district, 'name')})"


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, district) -> str:
        return localized(district, "name")


class SignalForm(PlausibleDatesMixin, forms.Form):
    """ "Tipsa om en otrygg plats": no account and no personal data needed."""

    district = DistrictChoiceField(
        label=_("Område"),
        queryset=District.objects.none(),
        empty_label=_("Välj område"),
        error_messages={"required": _("Välj det område där platsen finns.")},
    )
    site = SiteChoiceField(
        label=_("Plats, om den finns i listan"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Platsen finns inte i listan"),
    )
    place_text = forms.CharField(
        label=_("Platsen med egna ord"),
        help_text=_(
            "Till exempel ”gångtunneln vid torget”. Behövs om platsen inte finns i listan."
        ),
        required=False,
        max_length=Signal._meta.get_field("place_text").max_length,
        error_messages={"max_length": _("Beskriv platsen med högst %(limit_value)d tecken.")},
    )
    category = forms.ChoiceField(
        label=_("Vad gäller det?"),
        choices=FindingCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad det gäller.")},
    )
    description = LineBreakTextField(
        label=_("Vad har hänt eller vad gör platsen otrygg?"),
        help_text=_(
            "Skriv inte namn eller andra uppgifter om enskilda personer. Högst 2 000 tecken."
        ),
        max_length=DESCRIPTION_MAX,
        # No maxlength attribute: the browser would cut the text off without a word. The
        # limit is checked here with a message, and static/js/portal.js counts as one types.
        widget=forms.Textarea(attrs={"rows": 5, "data-max-chars": DESCRIPTION_MAX}),
        error_messages={
            "required": _("Beskriv vad som hänt eller vad som gör platsen otrygg."),
            "max_length": _(
                "Beskrivningen får vara högst %(limit_value)d tecken (den har %(show_value)d). Korta den."
            ),
        },
    )
    occurred_on = forms.DateField(
        label=_("När? (om du vet)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    email = forms.EmailField(
        label=_("E-post, om du vill få återkoppling (frivilligt)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Ange en e-postadress som namn@exempel.se, eller lämna fältet tomt.")
        },
    )
    consent = forms.BooleanField(
        label=_(
            "Jag samtycker till att polisen sparar min e-postadress för att ge mig återkoppling."
        ),
        help_text=_(
            "Adressen används bara för återkoppling om det här tipset och raderas när ärendet är avslutat, senast efter ett år."
        ),
        required=False,
    )
    # A honeypot: hidden from people, filled in by bots. Any value refuses the submission.
    website = forms.CharField(label=_("Lämna det här fältet tomt"), required=False, max_length=200)

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, policing_area=policing_area, **kwargs)
        self.fields["district"].queryset = District.objects.of_area(policing_area)
        self.fields["site"].queryset = Site.objects.of_area(policing_area).select_related(
            "district"
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # The browser's maxlength would stop typing without a word: refuse with a message.
        self.fields["description"].widget.attrs.pop("maxlength", None)

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_place_text(self):
        return without_bidi_controls(self.cleaned_data["place_text"]).strip()

    def clean_description(self):
        description = without_bidi_controls(self.cleaned_data["description"]).strip()
        if not description:
            raise forms.ValidationError(self.fields["description"].error_messages["required"])
        return description

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Datumet kan inte vara i framtiden."))
        return day

    def clean(self):
        data = super().clean()
        site, district = data.get("site"), data.get("district")
        if not site and not data.get("place_text"):
            self.add_error(
                "place_text", _("Välj en plats i listan eller beskriv platsen med egna ord.")
            )
        if site and district and site.district_id != district.pk:
            self.add_error(
                "site",
                _("Platsen %(site)s ligger i %(district)s. Välj rätt område eller en annan plats.")
                % {"site": site.name, "district": site.district.name},
            )
        if data.get("email") and not data.get("consent"):
            self.add_error(
                "consent",
                _("Kryssa i samtycket om du vill ha återkoppling, eller ta bort e-postadressen."),
            )
        return data


class ObservationForm(PlausibleDatesMixin, forms.Form):
    """An officer's own observation of worsening safety at a site: raises a flag at once."""

    site = SiteChoiceField(label=_("Plats"), queryset=Site.objects.none())
    category = forms.ChoiceField(label=_("Vad gäller det?"), choices=FindingCategory.choices)
    description = forms.CharField(
        label=_("Iakttagelse"), max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    occurred_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, policing_area=policing_area, **kwargs)
        self.fields["site"].queryset = Site.objects.of_area(policing_area).select_related(
            "district"
        )


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["district", "name", "description", "latitude", "longitude"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.of_area(policing_area)


class ActivityForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "status",
            "date",
            "reason",
            "organisations",
            "residents_count",
            "officers_count",
            "summary",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "organisations": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    reason_after_approval = forms.CharField(
        label=signed.REASON_LABEL,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Krävs bara när aktiviteten hör till ett år som redan är godkänt. De publicerade "
            "siffrorna ändras inte förrän godkännaren godkänner en ny version."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.pickable(
            keep=self.instance.organisations.all() if self.instance.pk else ()
        )

    def clean(self):
        data = super().clean()
        if data.get("status") == ActivityStatus.CONDUCTED:
            if not data.get("date"):
                self.add_error("date", _("Ange datumet då aktiviteten genomfördes."))
            elif data["date"] > timezone.localdate():
                self.add_error(
                    "date", _("En genomförd aktivitet kan inte ha ett datum i framtiden.")
                )
        return data


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["category", "effect", "description", "location", "public_text", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"description": _("Beskrivning (internt)")}


class MeasureForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "what",
            "responsible",
            "due_date",
            "status",
            "not_done_reason",
            "public_text",
            "is_public",
        ]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"what": _("Åtgärd (internt)")}

    def clean(self):
        data = super().clean()
        if data.get("status") == MeasureStatus.NOT_DONE and not data.get("not_done_reason"):
            self.add_error("not_done_reason", _("Skriv varför åtgärden inte blir av."))
        return data


# A post that says it has more rows than PROTOCOL_MAX_ROWS (a forged TOTAL_FORMS of a million)
# is refused before more rows than that are built.
class ProtocolRowsFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": _(
            "Ett protokoll kan ha högst %(num)d rader av varje slag. Spara protokollet och "
            "skriv fler i ett nytt."
        ),
    }


def _protocol_formset(model, form):
    return forms.inlineformset_factory(
        Activity,
        model,
        form=form,
        formset=ProtocolRowsFormSet,
        extra=2,
        can_delete=True,
        max_num=PROTOCOL_MAX_ROWS,
        absolute_max=PROTOCOL_MAX_ROWS,
        validate_max=True,
    )


# Two blank rows each, so that an officer on a walk can note several without saving between;
# rows left as they are save nothing.
FindingFormSet = _protocol_formset(Finding, FindingForm)
MeasureFormSet = _protocol_formset(Measure, MeasureForm)


class FlagAnswerForm(PlausibleDatesMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Insats"),
        choices=ActivityKind.choices,
        widget=forms.RadioSelect,
        initial=ActivityKind.INVENTORY,
    )
    planned_date = forms.DateField(
        label=_("Planerat datum (om det är bestämt)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


# A reason the sender of a tip reads: at least a sentence, not "ok" or "nej".
DISMISSAL_MIN_CHARS = 25
DISMISSAL_MIN_WORDS = 4


class FlagDismissForm(forms.Form):
    reason = LineBreakTextField(
        label=_("Motivering"),
        help_text=_(
            "Den som lämnade tipset läser motiveringen. Skriv minst en hel mening om varför "
            "ingen ny insats behövs, utan namn eller andra personuppgifter."
        ),
        max_length=2000,
        # A live count instead of the browser's maxlength, which cut a pasted text off silently.
        widget=forms.Textarea(attrs={"rows": 3, "data-max-chars": 2000}),
        error_messages={"required": _("Skriv varför flaggan avförs utan en ny insats.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs.pop("maxlength", None)

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < DISMISSAL_MIN_CHARS or len(reason.split()) < DISMISSAL_MIN_WORDS:
            raise forms.ValidationError(
                _(
                    "Skriv minst en hel mening (minst %(chars)d tecken) om varför ingen ny "
                    "insats behövs. Den som lämnade tipset läser den."
                )
                % {"chars": DISMISSAL_MIN_CHARS}
            )
        validate_public_text(reason)
        return reason


class SignalLinkForm(forms.Form):
    site = SiteChoiceField(label=_("Koppla till plats"), queryset=Site.objects.none())

    def __init__(self, *args, policing_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.of_area(policing_area).select_related(
            "district"
        )


def protocol_rows(formset) -> ProtocolRows:
    """A validated findings or measures formset as the rows to write (no form reaches the
    service): the new and changed rows, and the rows marked for deletion."""
    return ProtocolRows(save=formset.save(commit=False), delete=formset.deleted_objects)
