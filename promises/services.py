"""Writes that touch several rows: keyword-only, inside a transaction."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from promises import features
from promises.models import (
    AnnualReport,
    Organisation,
    OrganisationStatus,
    PolicingArea,
    Promise,
    PromiseNarrative,
    ReportStatus,
)
from promises.progress import entry_for
from promises.reports.annual import is_preliminary, report_figures


@transaction.atomic
def promise_renew(*, promise: Promise) -> tuple[Promise, bool]:
    """Renew ``promise`` for the next year with the same kind, texts and target, and the
    settings its kind keeps (the tracker's ``renew``).

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
            "source_url": promise.source_url,
        },
    )
    if created:
        renewed.full_clean()
        renew = entry_for(promise.kind).renew
        if renew is not None:
            renew(promise, renewed)  # the kind's own settings, e.g. how weekends count
        features.promise_renewed(promise, renewed)  # what features keep with a promise
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


def organisation_for_partner(*, name: str, kind: str) -> Organisation:
    """The organisation a partner typed: the one of that name in any case, or a new one that
    waits for staff review (it counts in no figures until accepted). Called inside the
    registration's transaction, so a refused registration leaves no organisation behind.
    A known name costs one query on the unique index of the lower-cased names (no savepoint)."""
    name = _tidy_name(name)
    existing = (
        Organisation.objects.alias(lower_name=Lower("name"))
        .filter(lower_name=Lower(Value(name)))
        .first()
    )
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
def organisations_forgotten_delete(*, ids=None) -> int:
    """Delete the organisations partners typed that nobody accepted and no record names any
    more (the registrations that named them purged or deleted), with their history: a name a
    partner gave goes with the partner's data. ``ids``: only among these. Returns how many."""
    forgotten = Organisation.objects.to_review().unnamed()
    if ids is not None:
        forgotten = forgotten.filter(pk__in=list(ids))
    gone = list(forgotten.values_list("pk", flat=True))
    if not gone:
        return 0
    Organisation.objects.filter(pk__in=gone).delete()
    Organisation.history.filter(id__in=gone).delete()
    return len(gone)


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


class ReportLocked(Exception):
    """The annual report cannot change: it is approved, or its year has not ended."""


@transaction.atomic
def narrative_save(*, promise: Promise, text: str, user) -> PromiseNarrative:
    """Save staff's narrative for ``promise``; refused once the year's report is approved."""
    if (
        AnnualReport.objects.of_area(promise.policing_area_id)
        .filter(year=promise.year, status=ReportStatus.APPROVED)
        .exists()
    ):
        raise ReportLocked(
            _("Uppföljningen för %(year)s är godkänd och kan inte ändras.") % {"year": promise.year}
        )
    narrative, _created = PromiseNarrative.objects.get_or_create(promise=promise)
    narrative.text, narrative.updated_by = text.strip(), user
    narrative.full_clean()
    narrative.save(update_fields=["text", "updated_by", "updated_at"])
    return narrative


class NarrativesMissing(ReportLocked):
    """A promise has neither a narrative nor the approver's explicit "ingen kommentar"."""

    def __init__(self, promises):
        self.promises = list(promises)
        super().__init__(
            _(
                "Uppföljningen kan inte godkännas: %(titles)s saknar berättelse. Skriv en "
                "berättelse eller välj ”Ingen kommentar”."
            )
            % {"titles": ", ".join(f"”{p.title}”" for p in self.promises)}
        )


def promises_without_narrative(*, area: PolicingArea, year: int) -> list[Promise]:
    """The year's promises that no one has written a narrative for."""
    return [
        promise
        for promise in Promise.objects.of_area(area).in_year(year).select_related("narrative")
        if not getattr(getattr(promise, "narrative", None), "text", "")
    ]


@transaction.atomic
def annual_report_approve(
    *,
    area: PolicingArea,
    year: int,
    user,
    no_comment: Iterable[str] = (),
    today: date | None = None,
):
    """Sign off ``area``'s follow-up for ``year``: store its figures and texts as they are now
    (in each of the portal's languages) and record who approved it and when in the history.
    A year already signed is signed again only when records changed after approval: the new
    version replaces the published one, the earlier stays beside it with the reasons.
    Every promise needs a narrative or the approver's explicit "ingen kommentar" (``no_comment``:
    the kinds of those promises). Refused before the year has ended and when already
    approved."""
    today = today or timezone.localdate()
    no_comment = set(no_comment)
    if is_preliminary(year, today=today):
        raise ReportLocked(
            _("Uppföljningen för %(year)s kan godkännas först när året är slut.") % {"year": year}
        )
    if not PolicingArea.objects.of_staff(user).filter(pk=area.pk).exists():
        raise PermissionDenied(_("Du kan bara godkänna uppföljningen för ditt eget område."))
    report, _created = AnnualReport.objects.select_for_update().get_or_create(
        policing_area=area, year=year
    )
    pending = list(report.changes_after_approval.filter(settled=False).order_by("changed_at"))
    if report.status == ReportStatus.APPROVED and not pending:
        raise ReportLocked(_("Uppföljningen för %(year)s är redan godkänd.") % {"year": year})
    missing = [
        p for p in promises_without_narrative(area=area, year=year) if p.kind not in no_comment
    ]
    if missing:
        raise NarrativesMissing(missing)
    snapshot = {}
    for (
        language,
        _name,
    ) in settings.LANGUAGES:  # the same figures, in each of the portal's languages
        with translation.override(language):
            snapshot[language] = report_figures(area=area, year=year, today=today)
            for promise in snapshot[language]["promises"]:
                promise["no_comment"] = not promise["narrative"] and promise["kind"] in no_comment
    if report.status == ReportStatus.APPROVED:
        # A new version: the one signed before stays beside it, public, and this one says why.
        report.earlier_versions = [
            *report.earlier_versions,
            {
                "version": report.version,
                "approved_at": report.approved_at.isoformat(),
                "approved_by_name": report.approved_by_name,
                "reasons": report.reasons,
                "snapshot": report.snapshot,
            },
        ]
        report.reasons = [change.reason for change in pending]
        report.changes_after_approval.filter(pk__in=[c.pk for c in pending]).update(settled=True)
    report.snapshot = snapshot
    report.status = ReportStatus.APPROVED
    report.approved_by = user
    report.approved_by_name = user.get_full_name() or user.get_username()
    report.approved_at = timezone.now()
    report._change_reason = f"Godkänd av {report.approved_by_name}" + (
        f" (version {report.version})" if report.earlier_versions else ""
    )
    report.full_clean()
    report.save()
    # The signed report's PDFs are made once, now, and stored (after the commit, outside the
    # row lock: about a second per language).
    from promises.reports.pdf import store_after_sign_off

    store_after_sign_off(report)
    return report
