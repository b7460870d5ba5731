"""The portal's template filters."""

from django.utils import translation

from promises.templatetags.portal import join_words


def test_a_list_is_joined_as_a_sentence_in_the_pages_language():
    """/en/ said "Nothing recorded in Tallkrogen, Vantör och Örby": "och" had no English."""
    assert join_words(["Farsta", "Vantör", "Örby"]) == "Farsta, Vantör och Örby"
    with translation.override("en"):
        assert join_words(["Farsta", "Vantör", "Örby"]) == "Farsta, Vantör and Örby"
    assert join_words(["Farsta"]) == "Farsta" and join_words([]) == ""
