# Issue 17: the plausible-year rule's first year is the policing area's own
# (promises/plausible.py, docs/rules.md#years).

import promises.plausible
from django.db import migrations, models

# The first year every area had before it became data (the old PORTAL_FIRST_YEAR): the areas
# that exist keep it (Farsta: 2024), frozen here rather than read from today's settings.
FIRST_YEAR_OF_EXISTING_AREAS = 2024

HELP_TEXT = (
    "Det första år som områdets medborgarlöften och importerade kalkylark får vara från. "
    "Ett tidigare år gör att äldre kalkylark kan importeras."
)


def first_year_field(default):
    return models.PositiveSmallIntegerField(
        default=default,
        help_text=HELP_TEXT,
        validators=[promises.plausible.validate_first_year],
        verbose_name="första år",
    )


class Migration(migrations.Migration):

    dependencies = [
        ("promises", "0017_area_slug_help_text"),
    ]

    operations = [
        # Existing rows (and their history) get the frozen year ...
        migrations.AddField(
            model_name="historicalpolicingarea",
            name="first_year",
            field=first_year_field(FIRST_YEAR_OF_EXISTING_AREAS),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="policingarea",
            name="first_year",
            field=first_year_field(FIRST_YEAR_OF_EXISTING_AREAS),
            preserve_default=False,
        ),
        # ... new areas the settings' default (PORTAL_FIRST_YEAR), changed in the admin.
        migrations.AlterField(
            model_name="historicalpolicingarea",
            name="first_year",
            field=first_year_field(promises.plausible.default_first_year),
        ),
        migrations.AlterField(
            model_name="policingarea",
            name="first_year",
            field=first_year_field(promises.plausible.default_first_year),
        ),
        migrations.AddConstraint(
            model_name="policingarea",
            constraint=models.CheckConstraint(
                condition=models.Q(("first_year__gte", 2000), ("first_year__lte", 2100)),
                name="policingarea_first_year_plausible",
            ),
        ),
    ]
