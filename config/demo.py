"""The demo of a local run (``make run``, ``manage.py seed_demo``; ``settings.PORTAL_DEMO``):
which areas it shows and who can log in. The reference area comes from the reference data; a
second one is added beside it as an administrator would, so that a fresh run shows several
areas. Each feature adds its own demo data to each area (``Feature.demo``)."""

from promises.demo import DemoArea, DemoLogin, ensure_area
from promises.permissions import APPROVER, OFFICER, READER

# Demo passwords are for a local run only; seed_demo refuses to run without DEBUG.
DEMO_LOGINS = (
    DemoLogin("kommunpolis", "demo-kommunpolis", OFFICER),
    DemoLogin("kommunpolis2", "demo-kommunpolis", OFFICER),
    DemoLogin("lasare", "demo-lasare-stad", READER),
    DemoLogin("chef", "demo-chef-farsta", APPROVER),
    DemoLogin("admin", "demo-admin-farsta", "admin"),
)
SECOND_AREA_LOGINS = (
    DemoLogin("kommunpolis-skh", "demo-kommunpolis-skh", OFFICER),
    DemoLogin("chef-skh", "demo-chef-skarholmen", APPROVER),
)

REFERENCE_AREA = DemoArea(slug="farsta", logins=DEMO_LOGINS, approver="chef")

# Its own staff; "kommunpolis" works in both (the header's area switcher).
SECOND_AREA = DemoArea(
    slug="skarholmen",
    name="Skärholmen",
    contact_email="tillganglighet.skarholmen@example.org",
    logins=SECOND_AREA_LOGINS,
    approver="chef-skh",
    also=("kommunpolis",),
    boroughs={
        ("skarholmen", "Skärholmen"): (
            ("bredang", "Bredäng"),
            ("satra", "Sätra"),
            ("skarholmen", "Skärholmen"),
            ("varberg", "Vårberg"),
        ),
    },
    promises=(
        {
            "kind": "weekend_collaboration",
            "title": "Samverkanshelger",
            "title_en": "Collaboration weekends",
            "summary": (
                "Polisen och våra samverkansparter finns på plats fredags- och lördagskvällar "
                "under minst 30 av årets helger där lägesbilden visar att det behövs."
            ),
            "summary_en": (
                "The police and our partners are out on Friday and Saturday evenings on at "
                "least 30 weekends a year where the picture of the situation shows it is needed."
            ),
            "target": 30,
        },
        {
            "kind": "safety_inventory",
            "title": "Trygga platser",
            "title_en": "Safe places",
            "summary": (
                "Tillsammans med boende och samverkansparter går vi igenom minst fyra platser "
                "om året som upplevs otrygga, och följer upp åtgärderna."
            ),
            "summary_en": (
                "Together with residents and partners we go through at least four places a "
                "year that feel unsafe, and follow up the measures."
            ),
            "target": 4,
        },
    ),
)

AREAS = (REFERENCE_AREA, SECOND_AREA)


def seed(*, today=None) -> None:
    """Every demo area with its logins and each feature's demo data."""
    from promises import demo

    demo.seed(today=today)


def ensure_second_area(*, first_year: int):
    """The second demo area with its boroughs, districts and promises (tests use it)."""
    return ensure_area(SECOND_AREA, first_year=first_year)
