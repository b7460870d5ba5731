"""Demo data for the places promise: sites, activities with protocols, signals and flags.

Idempotent: sites are fetched or created by name, and the rest is made only once, when no
activity exists yet.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from promises.models import District, Organisation, PolicingArea

from .models import (
    Activity,
    ActivityKind,
    ActivityReason,
    ActivityStatus,
    Finding,
    Measure,
    MeasureStatus,
    Site,
)
from .services import activity_create, signal_receive, site_create

SITES = [
    ("hagsatra", "Hagsätra torg", "Torget med tunnelbaneuppgång och affärer."),
    ("ragsved", "Rågsveds gångtunnel", "Gångtunneln under Rågsvedsvägen."),
    ("farsta-strand", "Farsta strands brygga", "Bryggan och strandpromenaden."),
    ("hogdalen", "Högdalens centrum", "Centrumtorget och busstorget."),
    ("gubbangen", "Gubbängstorget", "Torget vid tunnelbanan."),
]

# year offset, site index, kind, month, findings [(category, effect, description)], measures
PLAN = [
    (
        0,
        0,
        ActivityKind.INVENTORY,
        4,
        [("lighting", "less_safe", "Trasig belysning vid uppgången.")],
        [("Byta armaturer vid uppgången", MeasureStatus.DONE)],
    ),
    (
        0,
        1,
        ActivityKind.INVENTORY,
        9,
        [
            ("vegetation", "less_safe", "Buskar skymmer sikten in i tunneln."),
            ("vandalism", "less_safe", "Klotter på väggarna."),
        ],
        [
            ("Klippa buskage vid tunnelns mynning", MeasureStatus.DONE),
            ("Sanera klotter", MeasureStatus.DONE),
        ],
    ),
    (
        0,
        0,
        ActivityKind.PLACE_COLLABORATION,
        10,
        [("groups_gathering", "less_safe", "Grupper samlas vid entrén kvällstid.")],
        [("Fältassistenter på plats fredagskvällar", MeasureStatus.IN_PROGRESS)],
    ),
    (
        1,
        2,
        ActivityKind.INVENTORY,
        5,
        [
            ("lighting", "less_safe", "Mörkt längs promenaden."),
            ("design", "safer", "Öppen sikt mot vattnet."),
        ],
        [("Ny belysning längs strandpromenaden", MeasureStatus.IN_PROGRESS)],
    ),
    (
        1,
        3,
        ActivityKind.PLACE_COLLABORATION,
        8,
        [("litter", "less_safe", "Nedskräpning vid busstorget.")],
        [("Fler papperskorgar och tätare tömning", MeasureStatus.DONE)],
    ),
    (
        1,
        4,
        ActivityKind.INVENTORY,
        11,
        [("traffic", "less_safe", "Mopeder kör på torget.")],
        [("Pollare vid torgets infarter", MeasureStatus.NOT_DONE)],
    ),
    (
        2,
        3,
        ActivityKind.INVENTORY,
        3,
        [("drug_dealing", "less_safe", "Misstänkt försäljning bakom centrumhuset.")],
        [("Kameraövervakning utreds", MeasureStatus.OPEN)],
    ),
]


# Internal notes in the demo protocols: what must never reach the public side.
CONTACTS = ["Jonas Lind, 070-123 45 67", "Eva Holm (eva.holm@example.org)"]
PUBLIC_TEXTS = {
    "Byta armaturer vid uppgången": "Ny belysning vid uppgången.",
    "Klippa buskage vid tunnelns mynning": "Buskarna vid tunneln är klippta.",
    "Fältassistenter på plats fredagskvällar": "Fältassistenter finns på plats på fredagar.",
    "Ny belysning längs strandpromenaden": "Bättre belysning längs promenaden.",
    "Fler papperskorgar och tätare tömning": "Fler papperskorgar som töms oftare.",
}


def _sites_of(area: PolicingArea) -> list[tuple[str, str, str]]:
    """The demo sites of ``area``: the listed ones where its districts have them, else five
    spread over its districts (another area's demo)."""
    districts = list(District.objects.of_area(area).order_by("slug"))
    if {d.slug for d in districts} >= {row[0] for row in SITES}:
        return SITES
    return [
        (
            districts[i % len(districts)].slug,
            f"{districts[i % len(districts)].name} {('torg', 'centrum')[i // len(districts) % 2]}",
            "Torget och gångvägarna runt omkring.",
        )
        for i in range(len(SITES))
    ]


def ensure_sites(area: PolicingArea) -> list[Site]:
    sites = []
    for slug, name, description in _sites_of(area):
        district = District.objects.of_area(area).get(slug=slug)
        site = Site.objects.filter(district=district, name=name).first()
        sites.append(site or site_create(district=district, name=name, description=description))
    return sites


@transaction.atomic
def seed(*, area: PolicingArea | str, users: dict, today: date) -> None:
    policing_area = area if isinstance(area, PolicingArea) else PolicingArea.objects.get(slug=area)
    sites = ensure_sites(policing_area)
    if Activity.objects.of_area(policing_area).exists():
        return
    officer = next((u for name, u in users.items() if name.startswith("kommunpolis")), None)
    organisations = list(Organisation.objects.all()[:3])
    for offset, index, kind, month, findings, measures in PLAN:
        day = date(2024 + offset, month, 12)
        if day >= today:
            continue
        activity = activity_create(
            site=sites[index],
            kind=kind,
            status=ActivityStatus.CONDUCTED,
            date=day,
            reason=ActivityReason.ANNUAL_PLAN,
            organisations=organisations,
            residents_count=12,
            officers_count=2,
            summary="Trygghetsvandring med boende och samverkansparter.",
            created_by=officer,
        )
        for category, effect, description in findings:
            Finding.objects.create(
                activity=activity,
                category=category,
                effect=effect,
                description=f"{description} Enligt boende i trappuppgång 3.",
            )
        for index, (what, status) in enumerate(measures):
            # The protocol's words are for colleagues (a name, a phone number); the first
            # measure of each activity also has a text written and published for the public.
            public_text = PUBLIC_TEXTS.get(what, "")
            Measure.objects.create(
                activity=activity,
                what=f"{what}. Kontakt: {CONTACTS[index % len(CONTACTS)]}",
                public_text=public_text,
                is_public=bool(public_text),
                responsible=organisations[0] if organisations else None,
                due_date=day + timedelta(days=90),
                status=status,
                not_done_reason="Trafikkontoret avslog ansökan."
                if status == MeasureStatus.NOT_DONE
                else "",
            )
    # Recent signals: three about Gubbängstorget raise a flag; one free-text signal awaits a site.
    now = timezone.now()
    for days_ago in (40, 20, 5):
        signal_receive(
            district=sites[4].district,
            site=sites[4],
            category="groups_gathering",
            description="Stökigt på torget på kvällarna, folk känner sig otrygga.",
            now=now - timedelta(days=days_ago),
        )
    signal_receive(
        district=sites[1].district,
        place_text="Parken bakom skolan",
        category="lighting",
        description="Helt mörkt i parken på kvällen.",
        now=now - timedelta(days=3),
    )
