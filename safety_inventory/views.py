"""Pages of the places promise: the public signal form and tracking page, and staff pages."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from promises import signed
from promises.areas import default_public_area, public_area
from promises.models import PolicingArea
from promises.permissions import OFFICER, has_role, officer_required, staff_required
from promises.selectors import requested_year

from . import selectors, services
from .exports import EXPORTERS
from .forms import (
    PROTOCOL_MAX_ROWS,
    ActivityForm,
    FindingFormSet,
    FlagAnswerForm,
    FlagDismissForm,
    MeasureFormSet,
    ObservationForm,
    SignalForm,
    SignalLinkForm,
    SiteForm,
    protocol_rows,
)
from .models import Activity, Flag, Signal, SignalSource, Site
from .throttle import allow_signal, allow_tracking_lookup_of, remember_own_tip
from .tracking import is_tracking_code, normalise_tracking_code, state_lines, tip_state

# --- Public --------------------------------------------------------------------------------


def _signal_form(request: HttpRequest, *, area: PolicingArea) -> HttpResponse:
    """The public form "Tipsa om en otrygg plats": no account, no personal data required."""
    if request.method == "POST":
        form = SignalForm(request.POST, policing_area=area)
        if form.is_bot():
            # Say nothing useful to a bot; a person never sees the field.
            return render(request, "safety_inventory/signal_refused.html", status=400)
        # Only tips that would be saved count against the limit: a person correcting mistakes
        # in the form is not locked out.
        if form.is_valid() and not allow_signal(request):
            return render(
                request, "safety_inventory/signal_refused.html", {"rate_limited": True}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            signal = services.signal_receive(
                district=data["district"],
                site=data["site"],
                place_text=data["place_text"],
                category=data["category"],
                description=data["description"],
                occurred_on=data["occurred_on"],
                email=data["email"],
                consent=data["consent"],
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            messages.success(request, _("Tack! Ditt tips är mottaget."))
            response = redirect(signal)
            remember_own_tip(request, response, signal.tracking_code)
            return response
    else:
        form = SignalForm(policing_area=area)
    return render(request, "safety_inventory/signal_form.html", {"form": form})


# The tip form at its old address ``/tipsa/`` (the default area's) and at ``/<area>/tipsa/``
# (that area's districts and sites only).
signal_create = never_cache(
    require_http_methods(["GET", "POST"])(default_public_area(_signal_form))
)
area_signal_create = never_cache(require_http_methods(["GET", "POST"])(public_area(_signal_form)))


def _tracking_refused(request: HttpRequest, code: str, *, status: int) -> HttpResponse:
    """The portal's own page for a code that is wrong (or too many tries): the form again."""
    return render(
        request,
        "safety_inventory/signal_lookup.html",
        {"code": code[:20], "rate_limited": status == 429},
        status=status,
    )


@never_cache
@require_GET
def signal_lookup(request: HttpRequest) -> HttpResponse:
    """The "Följ ett tips" form's target: the code as typed, by hand (lower case, spaces,
    dashes), leads to the tip's page; a wrong one to this form again. Rate limited per client."""
    raw = request.GET.get("kod", "")
    code = normalise_tracking_code(raw)
    # The area whose tip page the form was on (a hidden field): its name heads the answer.
    area = PolicingArea.objects.filter(slug=request.GET.get("omrade", "")[:50]).first()
    if area is not None:
        request.area = area
    if not raw.strip():
        return render(request, "safety_inventory/signal_lookup.html", {"code": ""})
    if not allow_tracking_lookup_of(request, code):
        return _tracking_refused(request, code, status=429)
    if not is_tracking_code(code) or not Signal.objects.filter(tracking_code=code).exists():
        return _tracking_refused(request, code, status=404)
    return redirect("safety_inventory:signal_track", code=code)


@never_cache
@require_GET
def signal_track(request: HttpRequest, code: str) -> HttpResponse:
    """What happened with a signal and its place, by its tracking code: no personal data, and
    not what the sender wrote."""
    normalised = normalise_tracking_code(code)
    if normalised != code and is_tracking_code(normalised):
        return redirect("safety_inventory:signal_track", code=normalised)
    if not allow_tracking_lookup_of(request, normalised):
        return _tracking_refused(request, normalised, status=429)
    signal = (
        Signal.objects.with_area()
        .select_related("site", "flag__activity")
        .filter(tracking_code=normalised)
        .first()
        if is_tracking_code(normalised)
        else None
    )
    if signal is None:
        return _tracking_refused(request, normalised, status=404)
    request.area = signal.district.borough.policing_area  # the page speaks for the tip's area
    state = tip_state(signal)
    return render(
        request,
        "safety_inventory/signal_track.html",
        {"signal": signal, "state": state, "lines": state_lines(state)},
    )


# --- Staff ---------------------------------------------------------------------------------


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    area = request.area
    return render(
        request,
        "safety_inventory/overview.html",
        {
            "flags": selectors.open_flags(area),
            "overdue": selectors.overdue_measures(area)[:20],
            "unplaced": selectors.unplaced_signals(area)[:20],
            "export_year": requested_year(request),
            "sites": Site.objects.of_area(area).select_related("district"),
        },
    )


@staff_required
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(
        Site.objects.of_area(request.area).select_related("district"),
        pk=pk,
    )
    return render(
        request,
        "safety_inventory/site_detail.html",
        {
            "site": site,
            "timeline": selectors.site_timeline(
                site, with_signal_texts=has_role(request.user, OFFICER)
            ),
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def site_create(request: HttpRequest) -> HttpResponse:
    form = SiteForm(request.POST or None, policing_area=request.area)
    if request.method == "POST" and form.is_valid():
        site = form.save()
        messages.success(request, _("Platsen är sparad."))
        return redirect(site)
    return render(request, "safety_inventory/site_form.html", {"form": form})


PROTOCOL_ROWS = ("findings", "measures")


def _protocol(request: HttpRequest, *, activity: Activity, title: str) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    # "Lägg till en rad" without JavaScript: the same form again with one more blank row,
    # nothing saved and nothing marked as wrong yet.
    add_row = data.get("add_row") if data is not None else None
    if add_row in PROTOCOL_ROWS:
        data = data.copy()
        key = f"{add_row}-TOTAL_FORMS"
        try:
            data[key] = str(min(int(data.get(key, "0")) + 1, PROTOCOL_MAX_ROWS))
        except ValueError:
            add_row = None
    form = ActivityForm(data, instance=activity, policing_area=request.area)
    findings = FindingFormSet(data, instance=activity, prefix="findings")
    measures = MeasureFormSet(
        data, instance=activity, prefix="measures", form_kwargs={"policing_area": request.area}
    )
    if add_row in PROTOCOL_ROWS:
        for each in (form, *findings.forms, *measures.forms):
            each._errors = ErrorDict()
        for formset in (findings, measures):
            formset._errors, formset._non_form_errors = [], ErrorList()
        return render(
            request,
            "safety_inventory/activity_form.html",
            {
                "form": form,
                "findings": findings,
                "measures": measures,
                "activity": activity,
                "title": title,
            },
        )
    if request.method == "POST" and all(
        [form.is_valid(), findings.is_valid(), measures.is_valid()]
    ):
        try:
            with signed.change_after_approval(
                reason=form.cleaned_data["reason_after_approval"], user=request.user
            ):
                saved = services.activity_protocol_save(
                    activity=form.save(commit=False),
                    organisations=form.cleaned_data["organisations"],
                    findings=protocol_rows(findings),
                    measures=protocol_rows(measures),
                )
        except signed.SignedYearChanged as error:
            form.add_error("reason_after_approval", error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Protokollet är sparat."))
            return redirect(saved)
    return render(
        request,
        "safety_inventory/activity_form.html",
        {
            "form": form,
            "findings": findings,
            "measures": measures,
            "activity": activity,
            "title": title,
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = get_object_or_404(Site.objects.of_area(request.area), pk=site_pk)
    activity = Activity(site=site, created_by=request.user)
    return _protocol(
        request, activity=activity, title=_("Ny aktivitet på %(site)s") % {"site": site.name}
    )


@officer_required
@require_http_methods(["GET", "POST"])
def activity_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.of_area(request.area).select_related("site"), pk=pk
    )
    return _protocol(
        request, activity=activity, title=_("Protokoll: %(site)s") % {"site": activity.site.name}
    )


@staff_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.of_area(request.area)
        .select_related("site__district", "created_by")
        .prefetch_related("findings", "measures__responsible", "organisations"),
        pk=pk,
    )
    return render(request, "safety_inventory/activity_detail.html", {"activity": activity})


@officer_required
def signal_list(request: HttpRequest) -> HttpResponse:
    area = request.area
    signals = Signal.objects.of_area(area).select_related("district", "site", "flag")[:200]
    # The sites to link an unplaced signal to, read once for every signal's form.
    site_choices = list(SignalLinkForm(policing_area=area).fields["site"].choices)
    return render(
        request,
        "safety_inventory/signal_list.html",
        {"signals": signals, "site_choices": site_choices},
    )


@officer_required
@require_POST
def signal_link(request: HttpRequest, pk: int) -> HttpResponse:
    area = request.area
    signal = get_object_or_404(Signal.objects.of_area(area), pk=pk)
    form = SignalLinkForm(request.POST, policing_area=area)
    if form.is_valid():
        services.signal_link_site(signal=signal, site=form.cleaned_data["site"])
        messages.success(
            request,
            _("Signalen är kopplad till %(site)s.") % {"site": form.cleaned_data["site"].name},
        )
    else:
        messages.error(request, _("Välj en plats att koppla signalen till."))
    return redirect("safety_inventory:signal_list")


@officer_required
@require_http_methods(["GET", "POST"])
def observation_create(request: HttpRequest) -> HttpResponse:
    area = request.area
    form = ObservationForm(
        request.POST or None, policing_area=area, initial={"occurred_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.signal_receive(
            district=data["site"].district,
            site=data["site"],
            category=data["category"],
            description=data["description"],
            occurred_on=data["occurred_on"],
            source=SignalSource.OFFICER,
            created_by=request.user,
        )
        messages.success(request, _("Iakttagelsen är sparad och platsen är flaggad."))
        return redirect(data["site"])
    return render(request, "safety_inventory/observation_form.html", {"form": form})


def _open_flag(request: HttpRequest, pk: int) -> Flag:
    return get_object_or_404(
        Flag.objects.of_area(request.area).open().select_related("site"), pk=pk
    )


@officer_required
@require_http_methods(["GET", "POST"])
def flag_answer(request: HttpRequest, pk: int) -> HttpResponse:
    flag = _open_flag(request, pk)
    form = FlagAnswerForm(request.POST or None, policing_area=request.area)
    if request.method == "POST" and form.is_valid():
        activity = services.flag_answer_with_activity(
            flag=flag,
            kind=form.cleaned_data["kind"],
            planned_date=form.cleaned_data["planned_date"],
            user=request.user,
        )
        messages.success(request, _("Flaggan är besvarad med en planerad insats."))
        return redirect(activity)
    return render(request, "safety_inventory/flag_answer.html", {"flag": flag, "form": form})


@officer_required
@require_http_methods(["GET", "POST"])
def flag_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    flag = _open_flag(request, pk)
    form = FlagDismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.flag_dismiss(flag=flag, reason=form.cleaned_data["reason"], user=request.user)
        messages.success(request, _("Flaggan är avförd. Motiveringen finns i platsens historik."))
        return redirect(flag.site)
    return render(request, "safety_inventory/flag_dismiss.html", {"flag": flag, "form": form})


@staff_required
def measures_overdue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "safety_inventory/measures_overdue.html",
        {"measures": selectors.overdue_measures(request.area)},
    )


@staff_required
def export(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    """A year's activities, findings or measures as CSV or Excel."""
    if what not in EXPORTERS:
        raise Http404
    year = requested_year(request)
    activities = selectors.activities_of_year(request.area, year)
    return EXPORTERS[what](activities, year=year).response(fmt, area=request.area)
