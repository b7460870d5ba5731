"""Writes that touch several rows: keyword-only, inside a transaction."""

from django.db import transaction

from .models import Organisation, Promise


@transaction.atomic
def promise_renew(*, promise: Promise) -> tuple[Promise, bool]:
    """Renew ``promise`` for the next year with the same kind, texts, target and rule.

    Returns the next year's promise and whether it was created; an existing one is left as it is.
    """
    renewed, created = Promise.objects.get_or_create(
        policing_area=promise.policing_area,
        year=promise.year + 1,
        kind=promise.kind,
        defaults={
            "title": promise.title,
            "title_en": promise.title_en,
            "summary": promise.summary,
            "summary_en": promise.summary_en,
            "target": promise.target,
            "weekend_rule": promise.weekend_rule,
            "source_url": promise.source_url,
        },
    )
    if created:
        renewed.full_clean()
    return renewed, created


def promises_renew_through(*, promises, last_year: int) -> int:
    """Renew each of ``promises`` year by year up to ``last_year``; returns how many are new."""
    created_count = 0
    for promise in promises:
        current = promise
        while current.year < last_year:
            current, created = promise_renew(promise=current)
            created_count += created
    return created_count


@transaction.atomic
def organisation_get_or_create(*, name: str, kind: str) -> Organisation:
    """The organisation called ``name`` in any case, or a new one of ``kind``."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    organisation = Organisation(name=name, kind=kind)
    organisation.full_clean()
    organisation.save()
    return organisation
