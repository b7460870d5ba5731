"""What a freshly migrated database holds (promises 0002 and 0008), loaded again with today's
models: transactional tests (live server, concurrency) start from an emptied database. The data
is read from the migrations themselves, the one place it is written."""

from importlib import import_module

from django.contrib.auth.models import Group

from promises.models import BoroughArea, District, PolicingArea, Promise

REFERENCE = import_module("promises.migrations.0002_reference_data")
ENGLISH = import_module("promises.migrations.0008_english_titles_and_district_names")
CONTACT = import_module("promises.migrations.0013_policingarea_contact_email")


def load() -> None:
    area, _ = PolicingArea.objects.get_or_create(
        slug=REFERENCE.POLICING_AREA["slug"],
        defaults={
            "name": REFERENCE.POLICING_AREA["name"],
            "contact_email": CONTACT.FARSTA_CONTACT_EMAIL,
        },
    )
    for (borough_slug, borough_name), districts in REFERENCE.BOROUGHS.items():
        borough, _ = BoroughArea.objects.get_or_create(
            policing_area=area, slug=borough_slug, defaults={"name": borough_name}
        )
        for slug, name in districts:
            District.objects.get_or_create(borough=borough, slug=slug, defaults={"name": name})
    for data in REFERENCE.PROMISES_2024:
        # The weekend rule has since moved to weekend_ops' settings (its default is the same).
        fields = {k: v for k, v in data.items() if k != "weekend_rule"}
        Promise.objects.get_or_create(
            policing_area=area,
            year=2024,
            kind=fields["kind"],
            defaults={
                **fields,
                **ENGLISH.PROMISES_2024_EN.get(fields["kind"], {}),
                "source_url": REFERENCE.SOURCE_URL,
            },
        )
    for name in REFERENCE.GROUPS:
        Group.objects.get_or_create(name=name)
