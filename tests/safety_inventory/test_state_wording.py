"""One wording per state (issue 19): each state of a tip and its place has one sentence, from
``tracking.state_lines``, the same on the tracking page and in the e-mail, in Swedish and in
English; after a dismissal nothing says the place is flagged and followed specially."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from safety_inventory.models import Activity, Flag, Measure, Signal
from safety_inventory.tracking import TipState, state_lines

RECEIVED = datetime.datetime(2026, 3, 2, 11, 0, tzinfo=datetime.UTC)
PLACE = 7  # a site's id: the tip is about a known place


def signal(*, placed: bool = True) -> Signal:
    return Signal(
        pk=1, site_id=PLACE if placed else None, received_at=RECEIVED, tracking_code="ABCD2345"
    )


def activity(status: str, date=None) -> Activity:
    return Activity(kind="inventory", status=status, date=date, site_id=PLACE)


OPEN_FLAG = Flag(status="open")
DISMISSED_FLAG = Flag(status="dismissed", dismissal_reason="Belysningen är redan lagad.")
MEASURE = Measure(public_text="Ny belysning vid entrén.", status="in_progress")

# state -> (the tip's state, its sentence in Swedish, in English, the data that follows it)
STATES = {
    "unplaced": (
        TipState(signal=signal(placed=False)),
        "Polisen har inte kopplat tipset till en känd plats än.",
        "The police have not yet tied your tip to a known place.",
        "",
    ),
    "not_flagged": (
        TipState(signal=signal()),
        "Platsen är inte flaggad än.",
        "The place is not flagged yet.",
        "",
    ),
    "flagged": (
        TipState(signal=signal(), flag=OPEN_FLAG),
        "Platsen är flaggad: flera har hört av sig om samma plats",
        "The place has been flagged: several people have reported it",
        "",
    ),
    "planned": (
        TipState(signal=signal(), flag=OPEN_FLAG, planned=activity("planned")),
        "Polisen planerar en trygghetsinventering på platsen.",
        "The police are planning a safety inventory at the place.",
        "",
    ),
    "conducted": (
        TipState(signal=signal(), conducted=activity("conducted", datetime.date(2026, 5, 20))),
        "Polisen har genomfört en trygghetsinventering på platsen (maj 2026).",
        "The police have carried out a safety inventory at the place (May 2026).",
        "",
    ),
    "measure": (
        TipState(
            signal=signal(),
            conducted=activity("conducted", datetime.date(2026, 5, 20)),
            measures=[MEASURE],
        ),
        "Åtgärd på platsen (pågår):",
        "Measure at the place (in progress):",
        "Ny belysning vid entrén.",
    ),
    "dismissed": (
        TipState(signal=signal(), flag=DISMISSED_FLAG),
        "Polisen har bedömt platsen och planerar ingen ny insats där nu. Motivering:",
        "The police have assessed the place and plan no new action there for now. Reason:",
        "Belysningen är redan lagad.",
    ),
    "closed": (
        TipState(signal=signal(), flag=DISMISSED_FLAG),
        "Ärendet är avslutat för polisens del.",
        "The matter is closed on the police's side.",
        "",
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("key", STATES)
def test_each_state_has_one_sentence_on_the_page_and_in_the_mail(key, language):
    state, swedish, english, detail = STATES[key]
    expected = swedish if language == "sv" else english
    with translation.override(language):
        lines = [line for line in state_lines(state) if line.key == key]
        assert len(lines) == 1, [line.key for line in state_lines(state)]
        assert lines[0].text.startswith(expected)
        assert lines[0].detail == detail
        mail = render_to_string(
            "safety_inventory/email/_tip_state.txt", {"lines": state_lines(state)}
        )
    assert f"- {lines[0].text}" + (f" {detail}" if detail else "") in mail


def test_every_state_is_in_the_table():
    """The table covers every sentence ``state_lines`` can say (received comes with each)."""
    said = {line.key for state, *_ in STATES.values() for line in state_lines(state)}
    assert said == {*STATES, "received"}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_after_a_dismissal_nothing_says_the_place_is_flagged_and_followed(language):
    state = STATES["dismissed"][0]
    with translation.override(language):
        text = " ".join(line.text for line in state_lines(state))
    assert [line.key for line in state_lines(state)] == ["received", "dismissed", "closed"]
    assert "flaggad" not in text and "följer platsen särskilt" not in text
    assert "flagged" not in text and "special eye" not in text


def test_a_place_conducted_after_the_tip_is_closed_and_no_longer_followed_specially():
    state = TipState(
        signal=signal(),
        flag=OPEN_FLAG,
        conducted=activity("conducted", datetime.date(2026, 5, 20)),
    )
    assert [line.key for line in state_lines(state)] == ["received", "conducted", "closed"]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_after_a_dismissal_the_tracking_page_says_the_same_sentences_as_the_mail(
    client, officer, prefix
):
    """The real flow: three tips flag a place, an officer dismisses the flag; the tracking page
    shows the dismissal and the closed matter, never "flagged … followed specially"; the
    officer's reason keeps its language (``lang="sv"`` on the English page)."""
    from safety_inventory.services import flag_dismiss, signal_receive
    from tests.safety_inventory.factories import sites

    site = sites()[0]
    tips = [
        signal_receive(district=site.district, site=site, category="lighting", description="Mörkt")
        for _ in range(3)
    ]
    flag_dismiss(flag=site.flags.get(), reason="Belysningen är redan lagad.", user=officer)
    html = client.get(prefix + tips[0].get_absolute_url()).content.decode()
    language = "en" if prefix else "sv"
    with translation.override(language):
        tips[0].refresh_from_db()
        from safety_inventory.tracking import tip_state

        expected = [line.text for line in state_lines(tip_state(tips[0]))]
    said = [key for key in ("received", "flagged", "dismissed", "closed") if f'"{key}"' in html]
    assert said == ["received", "dismissed", "closed"]
    for text in expected:
        assert text.replace("'", "&#x27;") in html
    assert "flaggad" not in html and "flagged" not in html
    if prefix:
        assert '<span lang="sv">Belysningen är redan lagad.</span>' in html
