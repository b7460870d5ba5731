"""The one answer form of the dialogue (three ways in), and the staff forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.translated import localized
from portal.validators import LineBreakTextField
from promises.models import District
from promises.plausible import validate_year_in

from .models import PLACE_MAX, TEXT_MAX, Concern, Relation, Safety, TimeOfDay, round_years


class DistrictField(forms.ModelChoiceField):
    def label_from_instance(self, district) -> str:
        return localized(district, "name")


def _text_field(label, help_text=""):
    return LineBreakTextField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Skriv högst %(limit_value)d tecken (texten har %(show_value)d).")
        },
    )


class AnswerForm(forms.Form):
    """Two minutes on a phone: no account, no personal data asked for."""

    relations = forms.MultipleChoiceField(
        label=_("Hur har du anknytning till området?"),
        help_text=_("Välj allt som stämmer."),
        choices=Relation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett sätt du har anknytning till området.")},
    )
    district = DistrictField(
        label=_("Vilket område svarar du om?"),
        queryset=District.objects.none(),
        empty_label=_("Välj område"),
        error_messages={"required": _("Välj det område du svarar om.")},
    )
    safety_day = forms.ChoiceField(
        label=_("Hur trygg känner du dig i området dagtid?"),
        choices=Safety.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj hur trygg du känner dig dagtid, eller ”Vet inte”.")},
    )
    safety_evening = forms.ChoiceField(
        label=_("Hur trygg känner du dig i området kvällstid?"),
        choices=Safety.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj hur trygg du känner dig kvällstid, eller ”Vet inte”.")},
    )
    concerns = forms.MultipleChoiceField(
        label=_("Vad påverkar din trygghet mest?"),
        help_text=_("Välj allt som stämmer, eller inget."),
        choices=Concern.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    place_district = DistrictField(
        label=_("Område där platsen finns"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Ingen plats"),
    )
    place_text = forms.CharField(
        label=_("Platsen med några ord"),
        help_text=_("Till exempel ”gångtunneln vid torget”. Skriv inte namn på personer."),
        required=False,
        max_length=PLACE_MAX,
        error_messages={"max_length": _("Beskriv platsen med högst %(limit_value)d tecken.")},
    )
    place_time = forms.ChoiceField(
        label=_("När känns platsen otrygg?"),
        choices=TimeOfDay.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    police_focus = _text_field(
        _("Vad tycker du att polisen ska fokusera på i ditt område?"),
        _("Frivilligt. Skriv inte namn eller andra uppgifter om personer."),
    )
    own_answer_1 = _text_field("")
    own_answer_2 = _text_field("")
    own_answer_3 = _text_field("")
    # A honeypot: hidden from people, filled in by bots. Any value refuses the answer.
    website = forms.CharField(label=_("Lämna det här fältet tomt"), required=False, max_length=200)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        districts = round.districts.order_by("name")
        self.fields["district"].queryset = districts
        self.fields["place_district"].queryset = districts
        own = dict(round.own_questions)
        for n in (1, 2, 3):
            if n in own:
                self.fields[f"own_answer_{n}"].label = own[n]
            else:
                del self.fields[f"own_answer_{n}"]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["place_text"].widget.attrs.pop("maxlength", None)

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        data = super().clean()
        if (data.get("place_text") or data.get("place_time")) and not data.get("place_district"):
            self.add_error(
                "place_district", _("Välj i vilket område platsen finns, eller töm platsfälten.")
            )
        return data

    def own_answers(self) -> list[str]:
        return [self.cleaned_data.get(f"own_answer_{n}", "") for n in (1, 2, 3)]

    @property
    def own_fields(self):
        return [self[name] for name in self.fields if name.startswith("own_answer_")]


class RoundForm(forms.Form):
    """Open or change a round: title, dates, the districts asked about, own questions."""

    title = forms.CharField(label=_("Rubrik"), max_length=200)
    # The area's years (``round_years``): checked in ``clean_year``, offered as min and max.
    year = forms.IntegerField(label=_("År"))
    opens_on = forms.DateField(
        label=_("Öppnar"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    closes_on = forms.DateField(
        label=_("Stänger"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Områden som frågas om"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett område.")},
    )
    question_1 = forms.CharField(
        label=_("Egen fråga 1 (frivillig)"), required=False, max_length=200
    )
    question_2 = forms.CharField(
        label=_("Egen fråga 2 (frivillig)"), required=False, max_length=200
    )
    question_3 = forms.CharField(
        label=_("Egen fråga 3 (frivillig)"), required=False, max_length=200
    )
    summary = forms.CharField(
        label=_("Lägesbild: vad dialogen visade"),
        help_text=_("Visas för alla med resultaten. Inga namn eller kontaktuppgifter."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        years = round_years(area)
        self.fields["year"].widget.attrs.update({"min": years[0], "max": years[-1]})
        self.fields["districts"].queryset = District.objects.of_area(area).order_by("name")
        self.fields["districts"].label_from_instance = lambda d: localized(d, "name")

    def clean_year(self):
        year = self.cleaned_data["year"]
        validate_year_in(year, round_years(self.area), area=self.area)
        return year

    def clean_summary(self):
        from portal.public_text import validate_public_text

        summary = self.cleaned_data["summary"]
        validate_public_text(summary)
        return summary

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error(
                "closes_on", _("Sista dagen måste vara samma dag som eller efter den första.")
            )
        return data


class VoidForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Från (datum och timme)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Ange tiden som ÅÅÅÅ-MM-DD TT:MM.")},
    )
    ends_at = forms.DateTimeField(
        label=_("Till (datum och timme)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Ange tiden som ÅÅÅÅ-MM-DD TT:MM.")},
    )
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=500,
        help_text=_("Till exempel: hundratals likadana svar på en timme."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Sluttiden måste vara efter starttiden."))
        return data


class CitationForm(forms.Form):
    promise = forms.ModelChoiceField(label=_("Löfte"), queryset=None, empty_label=_("Välj löfte"))
    finding = forms.CharField(
        label=_("Ni sa"),
        max_length=300,
        help_text=_("Ett resultat från dialogen, t.ex. ”Våldsbrott oroar 41 % i Hagsätra”."),
    )
    finding_en = forms.CharField(
        label=_("Ni sa, på engelska (frivilligt)"), max_length=300, required=False
    )

    def __init__(self, *args, promises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promise"].queryset = promises
        self.fields["promise"].label_from_instance = lambda p: f"{localized(p, 'title')} {p.year}"


class FollowUpForm(forms.Form):
    target = forms.ChoiceField(label=_("Följ upp som"))
    name = forms.CharField(label=_("Platsens namn"), max_length=200)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.key, t.label) for t in targets]
