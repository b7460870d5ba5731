"""What the dialogue adds to the core's pages through its ``Feature`` (``promises.features``): "Därför lovar vi
det här" under each promise of the public page, and "Vad ni sa och vad vi gjorde" in the annual
report; and the citations a renewed promise carries over."""

from django.utils.translation import get_language

from portal.translated import localized
from promises.features import PromiseNote

from .models import Citation
from .selectors import published_rounds, round_results
from .services import citations_carry_over

__all__ = ["citations_carry_over", "promise_reasons", "report_section"]


def promise_reasons(promises) -> dict:
    """Each promise's citations of the dialogue, as a note under it on the public page."""
    by_promise: dict[int, list[str]] = {}
    citations = Citation.objects.filter(promise__in=promises).order_by("order", "pk")
    for citation in citations:
        by_promise.setdefault(citation.promise_id, []).append(localized(citation, "finding"))
    return {
        pk: PromiseNote(template="dialogue/_promise_reasons.html", context={"findings": findings})
        for pk, findings in by_promise.items()
    }


def report_section(*, area, year: int) -> dict | None:
    """The report's "Vad ni sa och vad vi gjorde": the latest closed round up to ``year`` (its
    public figures) and each of the year's promises with the findings it answers."""
    rounds = [r for r in published_rounds(area=area) if r.year <= year]
    citations = list(
        Citation.objects.of_area(area)
        .filter(promise__year=year)
        .select_related("promise")
        .order_by("promise__kind", "order", "pk")
    )
    if not rounds and not citations:
        return None
    promises: dict[int, dict] = {}
    for citation in citations:
        row = promises.setdefault(
            citation.promise_id,
            {"title": localized(citation.promise, "title"), "findings": []},
        )
        row["findings"].append(localized(citation, "finding"))
    results = round_results(rounds[-1], language=get_language()) if rounds else None
    return {"results": results, "promises": list(promises.values())}
