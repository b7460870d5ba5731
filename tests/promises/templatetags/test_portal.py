"""The portal's template filters."""

from django.utils import translation

from promises.templatetags.portal import as_sentence, join_words, report_sections


def test_a_list_is_joined_as_a_sentence_in_the_pages_language():
    """/en/ said "Nothing recorded in Tallkrogen, Vantör och Örby": "och" had no English."""
    assert join_words(["Farsta", "Vantör", "Örby"]) == "Farsta, Vantör och Örby"
    with translation.override("en"):
        assert join_words(["Farsta", "Vantör", "Örby"]) == "Farsta, Vantör and Örby"
    assert join_words(["Farsta"]) == "Farsta" and join_words([]) == ""


def test_registered_columns_are_named_as_a_sentence():
    columns = [{"key": "shifts", "label": "Genomförda pass"}, {"label": "Signaler från medborgare"}]
    assert as_sentence([*columns, "Genomförda insatser"]) == (
        "Genomförda pass, signaler från medborgare och genomförda insatser"
    )


def test_the_report_shows_the_sections_of_its_kinds_in_its_order_once_each():
    report = {
        "promises": [
            {"kind": "safety_inventory"},
            {"kind": "weekend_collaboration"},
            {"kind": "weekend_collaboration"},
            {"kind": "gone_kind"},  # no app registers it any more
        ],
        "kinds": {"safety_inventory": {"sites": []}, "weekend_collaboration": {"months": []}},
        "sections": {"dialogue": {"results": None}, "gone_feature": {}},
    }
    assert report_sections(report) == [
        ("safety_inventory/report/_sections.html", {"sites": []}),
        ("weekend_ops/report/_sections.html", {"months": []}),
        ("dialogue/report/_section.html", {"results": None}),
    ]
