"""The demo: a closed round last year in both demo areas (a few hundred answers, some districts
under the threshold), an open round this year, and this year's promises citing the findings."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config import demo
from dialogue.models import Answer, Citation, Round
from dialogue.selectors import round_results

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_rounds_in_both_areas_and_runs_again_without_change():
    demo.seed()
    year = timezone.localdate().year
    for slug in ("farsta", "skarholmen"):
        closed = Round.objects.get(policing_area__slug=slug, year=year - 1)
        assert 100 <= closed.answers.count() <= 800
        results = round_results(closed)
        suppressed = [r for r in results["answers"]["by_district"] if r["suppressed"]]
        assert suppressed, slug
        assert Round.objects.get(policing_area__slug=slug, year=year).is_open()
        assert Citation.objects.filter(promise__policing_area__slug=slug, promise__year=year)
    counts = (Answer.objects.count(), Citation.objects.count())
    demo.seed()
    assert (Answer.objects.count(), Citation.objects.count()) == counts
    page = Client().get(reverse("promises:area_home", args=["skarholmen"])).content.decode()
    assert "Därför lovar vi det här" in page
