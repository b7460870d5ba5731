"""The follow-up download: Swedish Excel, English on /en/, staff's narrative made inert."""

import pytest
from django.urls import reverse
from django.utils import timezone

from promises.models import Promise
from promises.services import narrative_save
from tests.export_checks import (
    HOSTILE,
    assert_no_formula_in_csv,
    assert_no_formula_in_xlsx,
    csv_rows,
    texts,
    xlsx_sheet,
)

from .years_of_data import seed_years

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def test_the_followup_export_neutralises_narratives_and_speaks_the_pages_language(client, officer):
    seed_years(LAST_YEAR, LAST_YEAR)
    for promise, text in zip(Promise.objects.in_year(LAST_YEAR), HOSTILE, strict=False):
        narrative_save(promise=promise, text=text, user=officer)
    client.force_login(officer)
    url = reverse("promises:followup_export", args=["csv"])
    rows = csv_rows(client.get(url, {"year": LAST_YEAR}))
    assert rows[0] == [
        "Löfte",
        "Mål",
        "Resultat",
        "Enhet",
        "Status",
        "Vad som gjordes",
        "Berättelse",
    ]
    assert {"helger", "platser", "'" + HOSTILE[0]} <= texts(rows)
    assert_no_formula_in_csv(rows)
    sheet = xlsx_sheet(client.get(url.replace(".csv", ".xlsx"), {"year": LAST_YEAR}))
    assert_no_formula_in_xlsx(sheet)
    assert isinstance(sheet["B2"].value, int)
    english = csv_rows(client.get("/en" + url, {"year": LAST_YEAR}))
    assert english[0][:3] == ["Promise", "Target", "Result"]
    assert {"weekends", "places"} & texts(english)
