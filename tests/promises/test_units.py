"""A unit says its word after a count: "1 plats", "2 platser" (the report's results table)."""

import pickle

from django.utils import translation

from promises.progress import Unit


def test_the_word_for_one_and_for_the_rest():
    sites = Unit("sites", "platser", "plats")
    assert [sites.label_for(n) for n in (0, 1, 2)] == ["platser", "plats", "platser"]
    assert sites == "sites"  # compares and serialises as its value
    assert Unit("visits", "skolbesök").label_for(1) == "skolbesök"


def test_a_unit_keeps_both_words_through_the_cache():
    sites = pickle.loads(pickle.dumps(Unit("sites", "platser", "plats")))
    assert (sites.label_for(1), sites.label_for(3)) == ("plats", "platser")


def test_the_kinds_units_speak_english_on_english_pages():
    from promises.progress import entry_for

    with translation.override("en"):
        words = {
            kind: (entry_for(kind).unit.label_for(1), entry_for(kind).unit.label_for(2))
            for kind in ("weekend_collaboration", "safety_inventory")
        }
    assert words == {
        "weekend_collaboration": ("weekend", "weekends"),
        "safety_inventory": ("place", "places"),
    }
