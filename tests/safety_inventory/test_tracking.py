"""Following a tip by its code (issue 11): typed by hand, wrong codes, rate limit, no-store,
and a page that tells the state of the place the tip is about."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safety_inventory.models import ActivityStatus, Measure
from safety_inventory.services import (
    activity_create,
    flag_answer_with_activity,
    signal_link_site,
    signal_receive,
)
from safety_inventory.tracking import is_tracking_code, normalise_tracking_code

from .factories import sites

LOOKUP = reverse("safety_inventory:signal_lookup")


@pytest.mark.parametrize(
    "typed",
    ["abcd2345", " ABCD 2345 ", "abcd-2345", "Abcd–2345".replace("–", "-"), "ab cd\t23-45"],
)
def test_typed_codes_are_normalised(typed):
    assert normalise_tracking_code(typed) == "ABCD2345"
    assert is_tracking_code(normalise_tracking_code(typed))


@pytest.mark.parametrize("typed", ["A/B", "ABCD0O12", "ABC", "ÅÄÖ12345"])
def test_odd_codes_are_never_valid(typed):
    assert not is_tracking_code(normalise_tracking_code(typed))


def a_tip(**kwargs):
    site = kwargs.pop("site", None) or sites()[0]
    fields = {"district": site.district, "site": site, "category": "lighting"}
    fields.update(description="Mörkt", **kwargs)
    return signal_receive(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["lower", "spaced", "dashed"])
def test_a_code_typed_by_hand_finds_the_tip(client, typed):
    code = a_tip().tracking_code
    variants = {
        "lower": code.lower(),
        "spaced": f" {code[:4]} {code[4:]} ",
        "dashed": f"{code[:4]}-{code[4:]}".lower(),
    }
    response = client.get(LOOKUP, {"kod": variants[typed]})
    assert response.headers["Location"] == reverse("safety_inventory:signal_track", args=[code])
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["A/B", "ABCD 2345", "XXXX2222", "ett långt skämt" * 9])
def test_a_wrong_code_gets_the_portals_own_page_with_the_form(client, typed):
    response = client.get(LOOKUP, {"kod": typed})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi hittar inget tips med koden" in html and 'name="kod"' in html
    assert "\x00" not in html
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_nul_bytes_and_lower_case_in_the_tip_url_never_fail(client):
    code = a_tip().tracking_code
    base = reverse("safety_inventory:signal_track", args=["X"]).removesuffix("X/")
    # A NUL byte is never typed by hand: the portal's own 400 page answers before any view.
    nul = client.get(f"{base}{code[:4]}%00{code[4:]}/")
    assert nul.status_code == 400 and "Felaktig begäran" in nul.content.decode()
    assert client.get(LOOKUP, {"kod": "ABCD\x002345"}).status_code == 400
    assert client.get(f"{base}A%2FB/").status_code == 404
    page = client.get(f"{base}{code.lower()}/", follow=True)
    assert page.status_code == 200 and code in page.content.decode()
    assert "no-store" in page.headers["Cache-Control"]


@pytest.mark.django_db
def test_lookups_are_rate_limited_per_client(client, settings):
    settings.TRACKING_RATE_LIMIT = (3, 3600)
    for _ in range(3):
        assert client.get(LOOKUP, {"kod": "XXXX2222"}, REMOTE_ADDR="10.2.2.2").status_code == 404
    refused = client.get(LOOKUP, {"kod": "XXXX2222"}, REMOTE_ADDR="10.2.2.2")
    assert refused.status_code == 429
    assert "många koder på kort tid" in refused.content.decode()
    assert client.get(LOOKUP, {"kod": "XXXX2222"}, REMOTE_ADDR="10.2.2.3").status_code == 404


@pytest.mark.django_db
def test_an_empty_lookup_shows_the_form(client):
    response = client.get(LOOKUP)
    assert response.status_code == 200 and 'name="kod"' in response.content.decode()


@pytest.mark.django_db
def test_a_tip_linked_to_a_place_already_flagged_and_inventoried_says_so(client, officer):
    site = sites()[0]
    for _ in range(3):
        a_tip(site=site)
    activity = flag_answer_with_activity(flag=site.flags.get(), kind="inventory", user=officer)
    activity.status, activity.date = (
        ActivityStatus.CONDUCTED,
        timezone.localdate() - timedelta(days=3),
    )
    activity.save()
    Measure.objects.create(
        activity=activity,
        what="Intern: Per fixar",
        public_text="Ny belysning vid trappan",
        is_public=True,
        status="in_progress",
    )
    activity_create(site=site, status=ActivityStatus.PLANNED)
    late = signal_receive(
        district=site.district, place_text="Torget", category="lighting", description="Mörkt"
    )
    before = client.get(late.get_absolute_url()).content.decode()
    assert "inte kopplat tipset till en känd plats" in before
    signal_link_site(signal=late, site=site)
    html = client.get(late.get_absolute_url()).content.decode()
    assert "Platsen är inte flaggad än" not in html
    # The flag was answered by an inventory since conducted: no longer "followed specially".
    assert "Platsen är flaggad" not in html
    assert "Polisen planerar en trygghetsinventering på platsen." in html
    assert "Polisen har genomfört en trygghetsinventering på platsen" in html
    assert "Åtgärd på platsen (pågår): Ny belysning vid trappan" in html
    assert "Per fixar" not in html and "Mörkt" not in html
    assert timezone.localdate().isoformat() not in html  # no planned dates


def test_the_tracking_code_shape_has_one_home():
    """The codes handed out, the typed-code check and the database column share one alphabet
    and length (safety_inventory/models/tips.py)."""
    from safety_inventory.models import Signal
    from safety_inventory.models.tips import (
        TRACKING_ALPHABET,
        TRACKING_CODE_LENGTH,
        new_tracking_code,
    )
    from safety_inventory.tracking import is_tracking_code

    codes = [new_tracking_code() for _ in range(50)]
    assert all(len(code) == TRACKING_CODE_LENGTH for code in codes)
    assert set("".join(codes)) <= set(TRACKING_ALPHABET)
    assert all(is_tracking_code(code) for code in codes)
    assert Signal._meta.get_field("tracking_code").max_length == TRACKING_CODE_LENGTH
    assert not is_tracking_code("O" * TRACKING_CODE_LENGTH)  # 0/O are left out
    assert not is_tracking_code(codes[0] + "A")
