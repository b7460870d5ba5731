"""Staff review of organisations that partners typed in: accept as new, or merge into a known one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from promises.models import Organisation, areas_naming
from promises.organisation_matching import suggested_matches
from promises.permissions import officer_required
from promises.services import organisation_accept, organisation_merge


class OrganisationMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=gettext_lazy("Samma organisation som"),
        queryset=Organisation.objects.accepted(),
        empty_label=gettext_lazy("Välj organisation"),
        error_messages={"required": gettext_lazy("Välj vilken organisation det är.")},
    )


def _to_review(request: HttpRequest):
    """The names to review that records of the current area use: staff of one area review only
    what was typed for their own meetings (another area's: 404)."""
    return Organisation.objects.to_review().used_in(request.area)


@officer_required
def organisation_review(request: HttpRequest) -> HttpResponse:
    """Every organisation still to review in the area, with the areas whose records use it and
    the known ones its name most resembles."""
    accepted = list(Organisation.objects.accepted().only("pk", "name", "kind"))
    pending = list(_to_review(request).annotate(registration_count=Count("registrations")))
    areas = areas_naming(o.pk for o in pending)
    rows = [
        {
            "organisation": organisation,
            "areas": areas[organisation.pk],
            "suggestions": suggested_matches(organisation.name, accepted),
        }
        for organisation in pending
    ]
    return render(
        request, "promises/organisation_review.html", {"rows": rows, "accepted": accepted}
    )


@officer_required
@require_POST
def organisation_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(_to_review(request), pk=pk)
    organisation_accept(organisation=organisation)
    messages.success(request, _("%(name)s är godkänd och räknas nu.") % {"name": organisation.name})
    return redirect("promises:organisation_review")


@officer_required
@require_POST
def organisation_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    duplicate = get_object_or_404(_to_review(request), pk=pk)
    form = OrganisationMergeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Välj vilken organisation %(name)s är.") % {"name": duplicate.name}
        )
        return redirect("promises:organisation_review")
    into = form.cleaned_data["into"]
    try:
        organisation_merge(duplicate=duplicate, into=into)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(duplicate)s är ihopslagen med %(into)s.")
            % {"duplicate": duplicate.name, "into": into.name},
        )
    return redirect("promises:organisation_review")
