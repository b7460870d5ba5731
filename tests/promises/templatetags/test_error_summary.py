"""The error summary names a field by its label without the label's own closing punctuation."""

from django import forms
from django.template.loader import render_to_string

from promises.templatetags.portal import summary_label


class _Form(forms.Form):
    topic = forms.CharField(label="Vad gäller det?")
    consent = forms.BooleanField(label="Jag samtycker till mötet.")


def test_summary_label_strips_trailing_punctuation():
    assert summary_label("Vad gäller det?") == "Vad gäller det"
    assert summary_label("Samtycke till mötet. ") == "Samtycke till mötet"
    assert summary_label("Namn:") == "Namn"
    assert summary_label("Namn") == "Namn"


def test_error_summary_has_no_doubled_punctuation():
    form = _Form(data={})
    assert not form.is_valid()
    html = render_to_string("includes/_error_summary.html", {"form": form})
    assert "Vad gäller det: " in html
    assert "Jag samtycker till mötet: " in html
    assert "?:" not in html and ".:" not in html
