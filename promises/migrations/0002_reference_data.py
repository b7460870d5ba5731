"""Reference data of the first local police area (the 2024 source document), frozen here as it
was when this migration was written: a new database holds exactly this, whatever the live code
says later. Runs on the models of migration 0001 (the weekend rule was a field of Promise then;
weekend_ops 0005 copies it to that app's settings). English texts come with 0008."""

from django.db import migrations
from django.utils import timezone

SOURCE_URL = "https://polisen.se/medborgarloften"

POLICING_AREA = {"slug": "farsta", "name": "Farsta"}

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

GROUPS = ["officer", "reader", "approver"]


def load_reference_data(apps, schema_editor):
    PolicingArea = apps.get_model("promises", "PolicingArea")
    BoroughArea = apps.get_model("promises", "BoroughArea")
    District = apps.get_model("promises", "District")
    Promise = apps.get_model("promises", "Promise")
    HistoricalPromise = apps.get_model("promises", "HistoricalPromise")
    Group = apps.get_model("auth", "Group")

    area, _ = PolicingArea.objects.get_or_create(
        slug=POLICING_AREA["slug"], defaults={"name": POLICING_AREA["name"]}
    )
    for (borough_slug, borough_name), districts in BOROUGHS.items():
        borough, _ = BoroughArea.objects.get_or_create(
            policing_area=area, slug=borough_slug, defaults={"name": borough_name}
        )
        for slug, name in districts:
            District.objects.get_or_create(borough=borough, slug=slug, defaults={"name": name})
    for data in PROMISES_2024:
        promise, created = Promise.objects.get_or_create(
            policing_area=area,
            year=2024,
            kind=data["kind"],
            defaults={**data, "source_url": SOURCE_URL},
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


class Migration(migrations.Migration):
    dependencies = [
        ("promises", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop, elidable=False),
    ]
