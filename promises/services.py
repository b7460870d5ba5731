"""Writes that touch several rows: keyword-only, inside a transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Organisation, OrganisationStatus, Promise


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
            "summary": promise.summary,
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


def _tidy_name(name: str) -> str:
    return " ".join(name.split())


@transaction.atomic
def organisation_for_partner(*, name: str, kind: str) -> Organisation:
    """The organisation a partner typed: the one of that name in any case, or a new one that
    waits for staff review (it counts in no figures until accepted). Called inside the
    registration's transaction, so a refused registration leaves no organisation behind."""
    name = _tidy_name(name)
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    organisation = Organisation(name=name, kind=kind, status=OrganisationStatus.TO_REVIEW)
    organisation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Someone typed the same name at the same moment: theirs is ours.
        return Organisation.objects.get(name__iexact=name)
    return organisation


@transaction.atomic
def organisation_accept(*, organisation: Organisation) -> Organisation:
    """Staff accept a partner's new organisation as it is: from now on it counts."""
    organisation.status = OrganisationStatus.ACCEPTED
    organisation.save(update_fields=["status"])
    return organisation


@transaction.atomic
def organisation_merge(*, duplicate: Organisation, into: Organisation) -> Organisation:
    """Move everything that points at ``duplicate`` (registrations, shifts, activities, ...)
    to ``into`` and delete ``duplicate``: a typo or another spelling of a known partner."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("Välj en annan organisation att slå ihop med."))
    for relation in Organisation._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            own = relation.field.m2m_reverse_field_name()  # the column naming the organisation
            other = relation.field.m2m_field_name()
            already = through._base_manager.filter(**{own: into}).values_list(
                f"{other}_id", flat=True
            )
            rows = through._base_manager.filter(**{own: duplicate})
            rows.filter(**{f"{other}_id__in": list(already)}).delete()
            rows.update(**{own: into})
        elif relation.one_to_many or relation.one_to_one:
            relation.related_model._base_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: into}
            )
    duplicate.delete()
    return into
