"""Language codes are normalised one way (portal/translated.py), wherever they are read."""

from django.utils import translation

from portal.translated import language_code, source_language


def test_language_codes_are_normalised_one_way():
    assert language_code("en-gb") == "en"
    assert language_code("EN-US") == "en"
    assert language_code("sv") == "sv"
    assert source_language() == "sv"
    with translation.override("en"):
        assert language_code() == "en"
        assert language_code("sv-se") == "sv"  # a given code wins over the active one
    with translation.override(None):
        assert language_code() == "sv"  # no active language: the portal's own
