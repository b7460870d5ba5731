"""Helpers for browser tests: axe in real Chromium, phone and desktop screens."""

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def assert_accessible(page) -> None:
    """axe finds no WCAG 2.1 A/AA violation on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_fits_the_screen(page) -> None:
    """Nothing makes the page scroll sideways (375 px wide phones)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"
