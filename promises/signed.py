"""A signed year is closed (issue 18): once the approver has signed off a year, its public
figures everywhere (the public page, the API, open data, the national page, the dashboard) are
the signed snapshot, read here and nowhere else; later changes do not move them until the
approver signs a new version.

The snapshot keeps each promise's progress (target, achieved, unit, status and public details)
in every language, with dates tagged so that they come back as dates.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.admin.options import ActionLocation
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from .models import AnnualReport, ChangeAfterApproval, ReportStatus
from .progress import DistrictFigures, Progress, Status, entry_for

DATE_TAG = "__date__"


def freeze(value: Any) -> Any:
    """``value`` JSON-ready: dates tagged, lazy texts and other strings as text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return {DATE_TAG: value.isoformat()}
    if isinstance(value, dict):
        return {str(k): freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(v) for v in value]
    if isinstance(value, LazyText):
        return str(value)
    if isinstance(value, str):
        return str(value)  # a Unit or other str subclass as plain text
    return value


def thaw(value: Any) -> Any:
    """What ``freeze`` made, back: tagged dates as dates."""
    if isinstance(value, dict):
        if set(value) == {DATE_TAG}:
            return date.fromisoformat(value[DATE_TAG])
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [thaw(v) for v in value]
    return value


def progress_snapshot(items) -> dict:
    """Each promise's public progress, JSON-ready, by kind: what a signed year shows."""
    return {
        item.promise.kind: {
            "target": item.progress.target,
            "achieved": item.progress.achieved,
            "unit": str(item.progress.unit),
            "status": str(item.progress.status),
            "details": freeze(dict(item.progress.details)),
            "districts": [
                {"district_id": row.district_id, "values": dict(row.values)}
                for row in item.progress.districts
            ],
        }
        for item in items
    }


def signed_reports(*, area_ids, year: int) -> dict[int, AnnualReport]:
    """The approved reports of ``year`` of the areas, by area id (one query)."""
    return {
        r.policing_area_id: r
        for r in AnnualReport.objects.filter(
            policing_area_id__in=list(area_ids), year=year, status=ReportStatus.APPROVED
        )
    }


def signed_progress(report: AnnualReport | None, promise, live: Progress | None = None):
    """The promise's progress as signed in ``report`` (None when the year is not signed or the
    snapshot predates the progress it keeps); staff details stay those of ``live``."""
    if report is None:
        return None
    frozen = report.figures().get("progress", {}).get(promise.kind)
    if frozen is None:
        return None
    entry = entry_for(promise.kind)
    return Progress(
        target=frozen["target"],
        achieved=frozen["achieved"],
        unit=entry.unit if str(entry.unit) == frozen["unit"] else frozen["unit"],
        status=Status(frozen["status"]),
        details=thaw(frozen["details"]),
        districts=tuple(
            DistrictFigures(row["district_id"], row["values"])
            for row in frozen.get("districts", ())
        ),
        staff_details=live.staff_details if live is not None else {},
        staff_districts=live.staff_districts if live is not None else (),
    )


# --- Changes to a signed year: refused without a written reason, recorded with one --------------
# One place every write path passes: the pre_save and pre_delete signals of each guarded model
# (forms, the import, the admin, bulk actions and services all save through the model). A write
# path that has a reason says so with ``change_after_approval(reason=..., user=...)``.

_change: ContextVar = ContextVar("change_after_approval", default=None)
REASON_LABEL = _("Anledning till ändring efter godkännande")


@dataclass(frozen=True)
class _Reason:
    text: str
    user: Any


@contextmanager
def change_after_approval(*, reason: str | None, user=None):
    """Within this block a change to a record of a signed year is saved with ``reason`` (and
    recorded); without a reason (blank) it is refused as everywhere else."""
    text = (reason or "").strip()
    token = _change.set(_Reason(text, user) if text else None)
    try:
        yield
    finally:
        _change.reset(token)


class SignedYearChanged(ValidationError):
    """A record of a signed year was about to change without a written reason."""

    def __init__(self, years):
        self.years = sorted(years)
        super().__init__(
            _(
                "Året %(years)s är godkänt och publicerat. Skriv en anledning i fältet "
                "”%(label)s” för att spara ändringen. De publicerade siffrorna ändras inte "
                "förrän godkännaren godkänner en ny version."
            )
            % {"years": ", ".join(map(str, self.years)), "label": REASON_LABEL},
            code="signed_year",
        )


_guarded: dict[type, Callable] = {}


def guard(model, *, years_of: Callable[[Any], set[tuple[int, int]]]) -> None:
    """Refuse (or, with a reason, record) every save and delete of ``model`` that touches a
    signed year: ``years_of(instance)`` gives the ``(area id, year)`` its figures count in."""
    _guarded[model] = years_of

    def check(sender, instance, raw=False, **kwargs):
        if raw:  # fixtures and restores load rows as they were
            return
        check_change(instance)

    uid = f"signed-year:{model._meta.label}"
    pre_save.connect(check, sender=model, weak=False, dispatch_uid=uid + ":save")
    pre_delete.connect(check, sender=model, weak=False, dispatch_uid=uid + ":delete")


def affected_reports(instance) -> list[AnnualReport]:
    """The approved reports whose year ``instance`` counts in, as it is and as it was stored."""
    years_of = _guarded.get(type(instance))
    if years_of is None:
        return []
    keys = set(years_of(instance))
    if instance.pk is not None:
        stored = type(instance)._base_manager.filter(pk=instance.pk).first()
        if stored is not None:
            keys |= set(years_of(stored))
    keys.discard(None)
    if not keys:
        return []
    query = Q()
    for area_id, year in keys:
        query |= Q(policing_area_id=area_id, year=year)
    return list(AnnualReport.objects.filter(query, status=ReportStatus.APPROVED))


def check_change(instance) -> None:
    """Raise SignedYearChanged when ``instance``'s change touches a signed year and no reason
    was given; with one, record it for each year."""
    reports = affected_reports(instance)
    if not reports:
        return
    change = _change.get()
    if change is None:
        raise SignedYearChanged({r.year for r in reports})
    user = change.user if getattr(change.user, "is_authenticated", False) else None
    for report in reports:
        ChangeAfterApproval.objects.create(
            report=report, reason=change.text, record=str(instance)[:300], changed_by=user
        )


class SignedYearAdminMixin:
    """The admin's write path for a guarded model: its form has the reason field, a change to a
    signed year without one is refused at that field, the save is recorded with it; records of
    a signed year cannot be deleted from the admin, and there is no bulk delete."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        from django import forms

        kwargs["fields"] = None  # the declared fields plus the reason
        base = super().get_form(request, obj, change=change, **kwargs)

        class WithReason(base):
            reason_after_approval = forms.CharField(
                label=REASON_LABEL,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Krävs bara när posten hör till ett år som redan är godkänt."),
            )

            def _post_clean(self):
                super()._post_clean()
                reason = (self.cleaned_data.get("reason_after_approval") or "").strip()
                reports = affected_reports(self.instance)
                if reports and not reason:
                    self.add_error(
                        "reason_after_approval", SignedYearChanged({r.year for r in reports})
                    )

        return WithReason

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if "reason_after_approval" not in fields:
            fields.append("reason_after_approval")
        return fields

    def save_model(self, request, obj, form, change):
        with change_after_approval(
            reason=form.cleaned_data.get("reason_after_approval"), user=request.user
        ):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with change_after_approval(
            reason=form.cleaned_data.get("reason_after_approval"), user=request.user
        ):
            super().save_related(request, form, formsets, change)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and affected_reports(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions
