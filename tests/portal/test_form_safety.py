"""Control characters are refused at the field in every form (issue 20): ours, allauth's and the
admin's, before their value reaches a query (PostgreSQL refuses NUL with a server error)."""

import pytest
from django import forms
from django.urls import reverse

from portal.form_safety import MESSAGE
from tests.portal.factories import UserFactory


class NoteForm(forms.Form):
    title = forms.CharField(required=True)
    note = forms.CharField(widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    tags = forms.MultipleChoiceField(choices=[("x", "X")], required=False)

    def clean_title(self):
        self.title_cleaned = True
        return self.cleaned_data["title"]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\t", "\n", "\r"])
def test_a_control_character_in_a_one_line_field_is_refused_and_shown_without_it(character):
    form = NoteForm(data={"title": f"Möte{character}i Farsta", "note": "ok"})
    assert not form.is_valid()
    assert form.errors["title"] == [str(MESSAGE)]
    assert not hasattr(form, "title_cleaned")  # its clean method never saw the value
    assert form["title"].value() == "Mötei Farsta"  # shown again without it: nothing else lost
    assert "note" not in form.errors and form.cleaned_data["note"] == "ok"


def test_a_text_area_keeps_its_line_breaks_and_tabs_but_refuses_nul():
    assert NoteForm(data={"title": "Möte", "note": "rad ett\r\nrad\ttvå"}).is_valid()
    form = NoteForm(data={"title": "Möte", "note": "rad\x00ett\x0bslut"})
    assert form.errors == {"note": [str(MESSAGE)]}
    assert form["note"].value() == "radettslut"


def test_choices_and_lists_are_checked_too():
    assert NoteForm(data={"title": "Möte", "kind": "a\x00"}).errors == {"kind": [str(MESSAGE)]}
    assert NoteForm(data={"title": "Möte", "tags": ["x", "\x00"]}).errors == {
        "tags": [str(MESSAGE)]
    }


def test_a_required_field_with_only_a_control_character_has_one_message():
    assert NoteForm(data={"title": "\x00"}).errors == {"title": [str(MESSAGE)]}


@pytest.mark.django_db
def test_the_area_switch_refuses_nul_without_a_query(client, officer):
    client.force_login(officer)
    response = client.post(reverse("promises:area_choose"), {"area": "\x00"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_allauths_forms_and_the_admins_refuse_nul_at_the_field(client, db):
    login = client.post(reverse("login"), {"login": "kommunpolis\x00", "password": "x\x00"})
    assert login.status_code == 200
    assert str(MESSAGE) in login.content.decode()
    admin = UserFactory(username="admin", role="admin")
    client.force_login(admin)
    response = client.post(
        reverse("admin:promises_policingarea_add"), {"name": "Norr\x00", "slug": "norr"}
    )
    assert response.status_code == 200
    assert str(MESSAGE) in response.content.decode()


def test_a_formset_whose_counts_hold_a_control_character_is_refused_not_an_error():
    NoteFormSet = forms.formset_factory(NoteForm, extra=1)
    formset = NoteFormSet(
        data={"form-TOTAL_FORMS": "1\x00", "form-INITIAL_FORMS": "0", "form-0-title": "Möte"}
    )
    assert not formset.is_valid()
    assert formset.non_form_errors()
