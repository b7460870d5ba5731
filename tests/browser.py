"""Helpers for browser tests: axe in real Chromium, phone and desktop screens."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def assert_accessible(page) -> None:
    """axe finds no WCAG 2.1 A/AA violation on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_fits_the_screen(page) -> None:
    """Nothing reaches past the right edge of the screen (375 px wide phones), apart from inside
    a table's own scrollable region; a pixel is allowed for sub-pixel rounding."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    culprits = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                         && !e.closest('.table-responsive'))
            .slice(0, 3).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))"""
    )
    assert overflow <= 1 and culprits == [], f"{page.url} is {overflow} px too wide: {culprits}"


def open_menu(page) -> None:
    """On a phone the menu is folded behind the toggler: open it and wait until it is open, so
    that a click lands on a link that has stopped moving."""
    toggler = page.get_by_role("button", name=re.compile("Meny|Menu"))
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") == "false":
        toggler.click()
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
