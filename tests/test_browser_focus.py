"""In real Chromium, measured rather than eyeballed (WCAG 2.2 AA: 2.4.7, 2.4.11, 1.4.11): on every
public and staff form page, Tab reaches each control in turn and each focused one shows an
indicator at least 2 px wide whose colour has at least 3:1 against the page background around
it (the pixels it paints were that background before); the borders of fields and of unchecked
radios and checkboxes (or their own fill) have at least 3:1 against the background they sit on."""

import pytest
from django.urls import reverse

from config import demo
from promises.models import PolicingArea
from safety_inventory.models import Activity, Flag, Signal
from tests.browser import DESKTOP, PHONE
from weekend_ops.links import cancel_token
from weekend_ops.models import Hotspot, Meeting, Registration, Shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINIMUM_CONTRAST = 3.0
MINIMUM_WIDTH = 2.0

# Colours from computed styles, the WCAG contrast ratio, and the background behind an element.
_COLOUR_JS = """
const parse = (text) => {
  const m = text.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (top, bottom) => ({
  r: top.r * top.a + bottom.r * (1 - top.a),
  g: top.g * top.a + bottom.g * (1 - top.a),
  b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
const luminance = (c) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const backgroundOf = (element) => {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a === 1) break; }
  }
  return layers.reverse().reduce((acc, c) => over(c, acc), {r: 255, g: 255, b: 255, a: 1});
};
const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : '')
  + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
  + ' "' + (e.innerText || e.value || '').trim().slice(0, 30) + '"';
"""

FOCUSED_JS = (
    "() => {"
    + _COLOUR_JS
    + """
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const background = backgroundOf(e.parentElement || e);
  const bands = [];
  const outlineWidth = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
  const offset = Math.max(0, parseFloat(style.outlineOffset) || 0);
  if (outlineWidth > 0) {
    bands.push({what: 'outline', width: outlineWidth,
                contrast: contrast(over(parse(style.outlineColor), background), background)});
  }
  if (style.boxShadow && style.boxShadow !== 'none') {
    // The first shadow: "<colour> x y blur spread [inset]"; an outline covers what lies
    // beyond its offset.
    const first = style.boxShadow.split(/,(?![^(]*\\))/)[0];
    const colour = parse(first);
    const lengths = first.replace(/rgba?\\([^)]*\\)/, '').trim().split(/\\s+/).map(parseFloat);
    const spread = lengths[3] || 0;
    const visible = outlineWidth > 0 ? Math.min(spread, offset) : spread;
    if (colour && !first.includes('inset') && visible > 0) {
      bands.push({what: 'shadow', width: visible,
                  contrast: contrast(over(colour, background), background)});
    }
  }
  return {element: describe(e), key: e.outerHTML.slice(0, 200) + e.getBoundingClientRect().top,
          bands};
}"""
)

BORDERS_JS = (
    "() => {"
    + _COLOUR_JS
    + """
  const controls = [...document.querySelectorAll('input, select, textarea')].filter((e) => {
    const type = (e.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image', 'file'].includes(type)) return false;
    if ((type === 'checkbox' || type === 'radio') && e.checked) return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  });
  return controls.map((e) => {
    const style = getComputedStyle(e);
    const background = backgroundOf(e.parentElement);
    const width = parseFloat(style.borderTopWidth);
    const colour = over(parse(style.borderTopColor), background);
    // A control's edge shows by its border, or by its own fill where that differs enough
    // (a white select on the blue header).
    const fill = over(parse(style.backgroundColor) || {r: 0, g: 0, b: 0, a: 0}, background);
    const edge = Math.max(width > 0 ? contrast(colour, background) : 1, contrast(fill, background));
    return {element: describe(e), width, contrast: edge};
  }).filter((c) => c.contrast < 3);
}"""
)


def focus_failures(page, *, limit: int = 250) -> tuple[int, list[str]]:
    """Tab from the top of the page through every control; the focused ones whose indicator is
    too faint or too thin."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    seen, failures = set(), []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or focused["key"] in seen:
            break
        seen.add(focused["key"])
        strong = [
            band
            for band in focused["bands"]
            if band["width"] >= MINIMUM_WIDTH and band["contrast"] >= MINIMUM_CONTRAST
        ]
        if not strong:
            failures.append(f"{focused['element']}: {focused['bands']}")
    return len(seen), failures


def assert_focus_and_borders_visible(page, url: str) -> None:
    page.goto(url)
    borders = page.evaluate(BORDERS_JS)
    assert borders == [], f"{url}: control borders under 3:1: {borders}"
    reached, failures = focus_failures(page)
    assert reached > 0, f"{url}: Tab reached nothing"
    assert failures == [], f"{url}: focus indicators under 3:1 or 2 px:\n" + "\n".join(failures)


def public_form_pages() -> list[str]:
    farsta = PolicingArea.objects.get(slug="farsta")
    meeting = Meeting.objects.of_area(farsta).listed().first()
    registration = Registration.objects.filter(meeting=meeting).first()
    signal = Signal.objects.of_area(farsta).filter(flag__isnull=False).first()
    return [
        reverse("promises:home"),
        reverse("safety_inventory:signal_create"),
        "/en/tipsa/",
        reverse("safety_inventory:area_signal_create", args=["skarholmen"]),
        reverse("safety_inventory:signal_lookup"),
        signal.get_absolute_url(),
        meeting.get_invitation_url(),
        reverse("weekend_ops:registration_cancel", args=[cancel_token(registration)]),
        reverse("login"),
        reverse("account_reset_password"),
    ]


def staff_form_pages() -> list[str]:
    area = PolicingArea.objects.get(slug="farsta")
    shift = Shift.objects.of_area(area).first()
    activity = Activity.objects.of_area(area).first()
    flag = Flag.objects.of_area(area).open().first()
    return [
        reverse("promises:dashboard"),
        reverse("promises:followup"),
        reverse("weekend_ops:shift_create"),
        reverse("weekend_ops:shift_update", args=[shift.pk]),
        reverse("weekend_ops:shift_cancel", args=[shift.pk]),
        reverse("weekend_ops:shift_import"),
        reverse("weekend_ops:hotspot_update", args=[Hotspot.objects.of_area(area).first().pk]),
        reverse("weekend_ops:meeting_create"),
        reverse("safety_inventory:site_create"),
        reverse("safety_inventory:activity_update", args=[activity.pk]),
        reverse("safety_inventory:observation_create"),
        reverse("safety_inventory:flag_answer", args=[flag.pk]),
        reverse("safety_inventory:flag_dismiss", args=[flag.pk]),
        reverse("safety_inventory:signal_list"),
    ]


@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_every_focused_control_shows_a_strong_indicator_and_every_field_a_visible_border(
    portal, page, screen
):
    page.set_viewport_size(screen)
    for path in public_form_pages():
        assert_focus_and_borders_visible(page, portal + path)

    officer = next(login for login in demo.DEMO_LOGINS if login.role == "officer")
    page.goto(portal + reverse("login"))
    page.get_by_label("Användarnamn").fill(officer.username)
    page.get_by_label("Lösenord").fill(officer.password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/personal/**")
    for path in staff_form_pages():
        assert_focus_and_borders_visible(page, portal + path)


def test_the_measure_fails_bootstraps_pale_glow(portal, page):
    """The measure can fail: with the portal's style sheet removed, Bootstrap's own pale glow on
    a text field (about 1.4:1) and its #dee2e6 borders (1.3:1) are both caught."""
    page.goto(portal + reverse("safety_inventory:signal_create"))
    page.evaluate("document.querySelector('link[href*=\"portal.css\"]').remove()")
    assert page.evaluate(BORDERS_JS) != []
    page.get_by_label("Platsen med egna ord").focus()
    focused = page.evaluate(FOCUSED_JS)
    assert not any(
        band["width"] >= MINIMUM_WIDTH and band["contrast"] >= MINIMUM_CONTRAST
        for band in focused["bands"]
    ), focused
