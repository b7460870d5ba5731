"""Writes of the dialogue: keyword-only, inside a transaction, ending in ``full_clean()``."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from promises import features

from .models import OWN_QUESTIONS, Answer, Citation, Concern, Round, VoidedWindow, concern_field


def hour_of(moment: datetime) -> datetime:
    """The hour an answer came in: minutes and seconds are never kept."""
    return moment.replace(minute=0, second=0, microsecond=0)


@transaction.atomic
def round_save(
    *,
    round: Round | None = None,
    policing_area,
    year: int,
    title: str,
    opens_on,
    closes_on,
    districts,
    questions: list[str] = (),
    summary: str | None = None,
) -> Round:
    """Open a round (or change one): the fixed core of questions, the districts asked about and
    at most three of the area's own questions."""
    questions = [q.strip() for q in questions if q and q.strip()]
    if len(questions) > OWN_QUESTIONS:
        raise ValidationError(_("En omgång har högst tre egna frågor."))
    round = round or Round(policing_area=policing_area)
    round.year, round.title, round.opens_on, round.closes_on = year, title, opens_on, closes_on
    for n in range(1, OWN_QUESTIONS + 1):
        setattr(round, f"question_{n}", questions[n - 1] if n <= len(questions) else "")
    if summary is not None:
        round.summary = summary
    round.full_clean()
    round.save()
    districts = list(districts)
    if not districts:
        raise ValidationError(_("Välj minst ett område som omgången frågar om."))
    foreign = [d for d in districts if d.borough.policing_area_id != round.policing_area_id]
    if foreign:
        raise ValidationError(_("Områdena måste höra till lokalpolisområdet."))
    round.districts.set(districts)
    return round


def answer_create(
    *,
    round: Round,
    group: str,
    relations: list[str],
    district,
    safety_day: str,
    safety_evening: str,
    concerns: list[str] = (),
    place_district=None,
    place_text: str = "",
    place_time: str = "",
    police_focus: str = "",
    own_answers: list[str] = (),
    now: datetime | None = None,
) -> Answer:
    """Record one answer. Nothing about who answered is kept: not the address, not the
    browser, not the minute (the hour only).

    One INSERT and no transaction around the checks: on SQLite a transaction that reads first
    and writes later cannot wait for another writer ("database is locked" in a burst of
    answers), while a lone INSERT waits its turn."""
    now = now or timezone.now()
    if not round.is_open(timezone.localdate(now)):
        raise ValidationError(_("Omgången tar inte emot svar just nu."))
    if district.pk not in {d.pk for d in round.districts.all()}:
        raise ValidationError(_("Området ingår inte i omgången."))
    answer = Answer(
        round=round,
        group=group,
        district=district,
        safety_day=safety_day,
        safety_evening=safety_evening,
        place_district=place_district if place_text.strip() or place_time else None,
        place_text=place_text.strip() if place_district else "",
        place_time=place_time if place_district else "",
        police_focus=police_focus.strip(),
        received_hour=hour_of(now),
    )
    for relation in ("lives", "works", "visits"):
        setattr(answer, relation, relation in relations)
    for concern in Concern.values:
        setattr(answer, concern_field(concern), concern in concerns)
    for n, text in enumerate(own_answers[:OWN_QUESTIONS], 1):
        setattr(answer, f"own_answer_{n}", (text or "").strip())
    answer.full_clean()
    answer.save()
    return answer


@transaction.atomic
def window_void(*, round: Round, starts_at: datetime, ends_at: datetime, reason: str, user):
    """Set aside the answers that came in from ``starts_at`` up to ``ends_at`` (a flood), with
    a reason; they stay, marked, and no longer count."""
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Skriv varför svaren underkänns, med minst en mening."))
    window = VoidedWindow(
        round=round, starts_at=starts_at, ends_at=ends_at, reason=reason, voided_by=user
    )
    window.full_clean()
    window.save()
    count = (
        Answer.objects.filter(round=round, void_window__isnull=True)
        .filter(received_hour__gte=hour_of(starts_at), received_hour__lt=ends_at)
        .update(void_window=window)
    )
    return window, count


def answer_texts_purge(*, older_than_days: int) -> int:
    """Free texts of answers older than the retention period are deleted; the figures stay
    (README, register of processing)."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    return (
        Answer.objects.filter(received_hour__lt=cutoff, texts_purged=False)
        .exclude(
            police_focus="",
            place_text="",
            own_answer_1="",
            own_answer_2="",
            own_answer_3="",
        )
        .update(
            police_focus="",
            place_text="",
            own_answer_1="",
            own_answer_2="",
            own_answer_3="",
            texts_purged=True,
        )
    )


@transaction.atomic
def place_follow_up(*, answer: Answer, target: str, name: str, description: str = "") -> str:
    """Turn a place an answer named into something to follow up, through the target another
    feature offers the core (e.g. a site of the safety feature); its address is kept."""
    if answer.place_district is None:
        raise ValidationError(_("Svaret nämner ingen plats."))
    url = features.follow_up(
        target, district=answer.place_district, name=name.strip(), description=description
    )
    answer.followed_up_at = url[:200]
    answer.save(update_fields=["followed_up_at"])
    return url


@transaction.atomic
def citation_add(*, promise, round: Round, finding: str, finding_en: str = "") -> Citation:
    """A finding of ``round`` that ``promise`` answers ("Ni sa: … → Vi lovar: …")."""
    if round.policing_area_id != promise.policing_area_id:
        raise ValidationError(_("Omgången hör till ett annat lokalpolisområde."))
    from portal.public_text import validate_public_text

    validate_public_text(finding)
    citation = Citation(
        promise=promise,
        round=round,
        finding=finding.strip(),
        finding_en=finding_en.strip(),
        order=Citation.objects.filter(promise=promise).count(),
    )
    citation.full_clean()
    citation.save()
    return citation


def citations_carry_over(old, new) -> None:
    """A renewed promise cites what its year before cited (the core's renewal hook)."""
    for citation in Citation.objects.filter(promise=old).order_by("order", "pk"):
        Citation.objects.get_or_create(
            promise=new,
            finding=citation.finding,
            defaults={
                "round": citation.round,
                "finding_en": citation.finding_en,
                "order": citation.order,
            },
        )
