"""Reference data of the Farsta local police area (PRODUCT.md, "Areas"; the 2024 source document).

Used by the data migration, so that a freshly migrated database holds exactly this.
"""

from django.utils import timezone

SOURCE_URL = "https://polisen.se/medborgarloften"

POLICING_AREA = {"slug": "farsta", "name": "Farsta"}
# Where Farsta's public reports accessibility problems (its accessibility statement).
CONTACT_EMAIL = "tillganglighet.farsta@polisen.se"

# Borough -> its districts. The source spells Bandhagen "Bandhangen"; that is a typo.
BOROUGHS = {
    ("farsta", "Farsta"): [
        ("farsta", "Farsta"),
        ("farsta-strand", "Farsta strand"),
        ("gubbangen", "Gubbängen"),
        ("hokarangen", "Hökarängen"),
        ("larsboda", "Larsboda"),
        ("skondal", "Sköndal"),
        ("svedmyra", "Svedmyra"),
        ("tallkrogen", "Tallkrogen"),
    ],
    ("vantor", "Vantör"): [
        ("vantor", "Vantör"),
        ("bandhagen", "Bandhagen"),
        ("hagsatra", "Hagsätra"),
        ("hogdalen", "Högdalen"),
        ("ragsved", "Rågsved"),
        ("orby", "Örby"),
    ],
}

PROMISES_2024 = [
    {
        "kind": "weekend_collaboration",
        "title": "Helgsamverkan",
        "summary": (
            "Polisen avsätter personal som på fredags- och lördagskvällar under minst 40 av "
            "årets helger finns där den gemensamma lägesbilden visar att många våldsbrott sker. "
            "I samband med det hålls samverkansmöten med lokala aktörer i Farsta och Vantör, "
            "så att fler verksamheter kan bidra till tryggheten på gator och torg."
        ),
        "target": 40,
        "weekend_rule": "both_evenings",
    },
    {
        "kind": "safety_inventory",
        "title": "Medborgarens trygghet i fokus",
        "summary": (
            "Polisen gör trygghetsinventeringar och platssamverkan på minst två platser om året. "
            "När boende eller polisen märker att tryggheten på en plats blir sämre svarar vi med "
            "en trygghetsinventering eller platssamverkan just där, tillsammans med andra aktörer "
            "och med de boendes synpunkter i centrum."
        ),
        "target": 2,
        "weekend_rule": "both_evenings",
    },
]

# The promises' titles and summaries in English, in our own words (issue 11, item 8).
PROMISES_2024_EN = {
    "weekend_collaboration": {
        "title_en": "Weekend collaboration",
        "summary_en": (
            "On Friday and Saturday evenings of at least 40 weekends a year, the police are out "
            "where the joint situational picture shows that many violent crimes happen. "
            "Collaboration meetings with local actors go with it, so that more of those who "
            "work in the area can help make streets and squares safe."
        ),
    },
    "safety_inventory": {
        "title_en": "Citizens' safety in focus",
        "summary_en": (
            "The police carry out safety inventories and place collaboration at at least two "
            "places a year. When residents or the police notice that a place is becoming less "
            "safe, we answer with a safety inventory or place collaboration right there, "
            "together with other actors and with the residents' views at the centre."
        ),
    },
}

GROUPS = ["officer", "reader", "approver"]


def _english(Promise, kind: str) -> dict:
    """The English texts, for a model that has the fields (not the migrations before them)."""
    names = {f.name for f in Promise._meta.get_fields()}
    return {k: v for k, v in PROMISES_2024_EN.get(kind, {}).items() if k in names}


def fill_english(apps) -> None:
    """Give the reference promises of every year their English texts where none is set and the
    Swedish title is still the reference one (a title staff changed is left to them)."""
    Promise = apps.get_model("promises", "Promise")
    titles = {p["kind"]: p["title"] for p in PROMISES_2024}
    for kind, english in PROMISES_2024_EN.items():
        Promise.objects.filter(kind=kind, title=titles[kind], title_en="").update(**english)


def load(apps) -> None:
    """Create the reference rows with the models of ``apps`` (a migration's historical models)."""
    PolicingArea = apps.get_model("promises", "PolicingArea")
    BoroughArea = apps.get_model("promises", "BoroughArea")
    District = apps.get_model("promises", "District")
    Promise = apps.get_model("promises", "Promise")
    Group = apps.get_model("auth", "Group")

    area, _ = PolicingArea.objects.get_or_create(
        slug=POLICING_AREA["slug"], defaults={"name": POLICING_AREA["name"]}
    )
    if "contact_email" in {f.name for f in PolicingArea._meta.get_fields()} and not (
        area.contact_email
    ):
        area.contact_email = CONTACT_EMAIL
        area.save(update_fields=["contact_email"])
    for (borough_slug, borough_name), districts in BOROUGHS.items():
        borough, _ = BoroughArea.objects.get_or_create(
            policing_area=area, slug=borough_slug, defaults={"name": borough_name}
        )
        for slug, name in districts:
            District.objects.get_or_create(borough=borough, slug=slug, defaults={"name": name})
    HistoricalPromise = apps.get_model("promises", "HistoricalPromise")
    # The 2024 weekend rule was a field of Promise until feature settings moved to their apps
    # (weekend_ops 0005 copies it): later models leave it to that app's default.
    names = {f.name for f in Promise._meta.get_fields()}
    for data in PROMISES_2024:
        data = {k: v for k, v in data.items() if k in names}
        promise, created = Promise.objects.get_or_create(
            policing_area=area,
            year=2024,
            kind=data["kind"],
            defaults={**data, **_english(Promise, data["kind"]), "source_url": SOURCE_URL},
        )
        if created:
            # Historical models in migrations send no signals: record the creation by hand,
            # so that the audit trail starts with the reference values.
            HistoricalPromise.objects.create(
                **{f.attname: getattr(promise, f.attname) for f in Promise._meta.concrete_fields},
                history_date=timezone.now(),
                history_type="+",
                history_change_reason="Referensdata (medborgarlöften 2024)",
            )
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
