"""Pages of the dialogue: the one answer form with its three ways in, the public results, and
the staff pages (rounds, links and poster, answers per day, free texts, citations)."""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal import throttle
from portal.exporter import FORMATS, file_response
from portal.public_cache import cached_for_the_public
from portal.public_text import validate_public_text
from promises import features
from promises.areas import public_area
from promises.models import PolicingArea, Promise
from promises.permissions import OFFICER, has_role, officer_required, staff_required
from promises.plausible import YEAR_CEILING
from promises.selectors import YearNotValid, parse_year

from . import selectors, services, tokens
from .exports import DialogueOpenDataExporter, open_data
from .forms import AnswerForm, CitationForm, FollowUpForm, RoundForm, VoidForm
from .models import Answer, Citation, Group, Round, round_years
from .poster import poster_pdf

# --- Answering -----------------------------------------------------------------------------


def _refused(request, *, status: int, reason: str, area: PolicingArea) -> HttpResponse:
    return render(
        request, "dialogue/answer_refused.html", {"reason": reason, "area": area}, status=status
    )


def _answer_page(request: HttpRequest, *, area: PolicingArea, round: Round | None, group: str):
    if round is None or not round.is_open():
        return render(
            request,
            "dialogue/answer_closed.html",
            {"area": area, "rounds": selectors.published_rounds(area=area)},
        )
    if round.pk in tokens.answered_rounds(request):
        return render(request, "dialogue/answer_done.html", {"area": area, "round": round})
    if request.method == "POST":
        form = AnswerForm(request.POST, round=round)
        if form.is_bot():
            return _refused(request, status=400, reason="bot", area=area)
        try:
            round_id, token_group, nonce = tokens.read_form_token(request.POST.get("token", ""))
        except tokens.BadToken:
            return _refused(request, status=400, reason="token", area=area)
        if round_id != round.pk:
            return _refused(request, status=400, reason="token", area=area)
        if form.is_valid():
            limit, window = settings.DIALOGUE_RATE_LIMIT
            if not throttle.allow(request, scope="dialogue", limit=limit, window=window):
                return _refused(request, status=429, reason="rate", area=area)
            if not tokens.use_nonce(nonce):
                return render(request, "dialogue/answer_done.html", {"area": area, "round": round})
            data = form.cleaned_data
            services.answer_create(
                round=round,
                group=token_group,
                relations=data["relations"],
                district=data["district"],
                safety_day=data["safety_day"],
                safety_evening=data["safety_evening"],
                concerns=data["concerns"],
                place_district=data["place_district"],
                place_text=data["place_text"],
                place_time=data["place_time"],
                police_focus=data["police_focus"],
                own_answers=form.own_answers(),
            )
            response = redirect("dialogue:thanks", area=area.slug)
            closes = timezone.make_aware(
                timezone.datetime.combine(round.closes_on, timezone.datetime.max.time())
            )
            max_age = max(60, int((closes - timezone.now()).total_seconds()) + 86400)
            tokens.remember_answer(response, request, round_id=round.pk, max_age=max_age)
            return response
        form.data = form.data.copy()
        form.data["token"] = tokens.form_token(round_id=round.pk, group=token_group)
    else:
        form = AnswerForm(
            round=round, initial={"token": tokens.form_token(round_id=round.pk, group=group)}
        )
    return render(
        request,
        "dialogue/answer_form.html",
        {"form": form, "round": round, "area": area, "group": Group(group)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@public_area
def answer(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    """The public way in (``/<area>/trygghetsdialog/``): answers count as medborgare."""
    return _answer_page(
        request, area=area, round=selectors.open_round(area=area), group=Group.PUBLIC
    )


@never_cache
@require_http_methods(["GET", "POST"])
@public_area
def answer_link(request: HttpRequest, area: PolicingArea, token: str) -> HttpResponse:
    """The staff's and the partners' way in: the signed link names the round and the group."""
    try:
        round_id, group = tokens.read_way_in(token)
    except tokens.BadToken:
        return _refused(request, status=400, reason="link", area=area)
    round = Round.objects.of_area(area).filter(pk=round_id).first()
    if round is None or group not in Group.values:
        return _refused(request, status=400, reason="link", area=area)
    return _answer_page(request, area=area, round=round, group=group)


@never_cache
@require_GET
@public_area
def thanks(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    return render(request, "dialogue/answer_thanks.html", {"area": area})


# --- Public results ------------------------------------------------------------------------


def _published_round(request: HttpRequest, area: PolicingArea) -> tuple[Round, list[int]]:
    rounds = list(selectors.published_rounds(area=area))
    if not rounds:
        raise Http404(_("Det finns inga resultat från trygghetsdialogen än."))
    years = [r.year for r in rounds]
    try:
        year = parse_year(
            request.GET.get("year"), default=years[-1], years=round_years(area, last=YEAR_CEILING)
        )
    except YearNotValid:
        raise Http404(_("Ange året med fyra siffror, t.ex. ?year=2025.")) from None
    for r in rounds:
        if r.year == year:
            return r, years
    raise Http404(_("Det finns inga resultat från trygghetsdialogen %(year)s.") % {"year": year})


@require_GET
@cached_for_the_public(query=("year",))
@public_area
def results(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    """``/<area>/trygghetsdialog/resultat/?year=YYYY``: a closed round's figures, suppressed."""
    round, years = _published_round(request, area)
    return render(
        request,
        "dialogue/results.html",
        {
            "area": area,
            "round": round,
            "years": years,
            "results": selectors.round_results(round),
            "open": selectors.open_round(area=area),
        },
    )


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
@cached_for_the_public(query=("year",))
def api(request: HttpRequest, area: str) -> JsonResponse:
    """``/api/v1/areas/<area>/dialogue/?year=YYYY``: the results page's figures as JSON."""
    found = PolicingArea.objects.filter(slug=area).first()
    if found is None:
        return _json_error("no such policing area", 404)
    rounds = {r.year: r for r in selectors.published_rounds(area=found)}
    if not rounds:
        return _json_error("no published dialogue round", 404)
    try:
        year = parse_year(
            request.GET.get("year"),
            default=max(rounds),
            years=round_years(found, last=YEAR_CEILING),
        )
    except YearNotValid:
        return _json_error("year must be a four-digit year, e.g. ?year=2025", 400)
    if year not in rounds:
        return _json_error(f"no published dialogue round for {year}", 404)
    return JsonResponse(
        selectors.round_results(rounds[year]), json_dumps_params={"ensure_ascii": False}
    )


@require_GET
@cached_for_the_public
@public_area
def open_data_file(request: HttpRequest, area: PolicingArea, year: int, fmt: str):
    """A round's figures as open data (CC0): JSON, or CSV/XLSX one figure a row."""
    round = selectors.published_rounds(area=area).filter(year=year).first()
    if round is None or fmt not in ("json", *FORMATS):
        raise Http404(
            _("Det finns inga öppna data för trygghetsdialogen %(year)s.") % {"year": year}
        )
    results_ = selectors.round_results(round)
    if fmt == "json":
        data = open_data(results_, generated_on=timezone.localdate().isoformat())
        return file_response(
            json.dumps(data, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder),
            content_type="application/json",
            filename=f"trygghetsdialog-{year}.json",
            inline=True,
        )
    return DialogueOpenDataExporter(results_).response(fmt)


# --- Staff ---------------------------------------------------------------------------------


def _staff_round(request: HttpRequest, pk: int) -> Round:
    return get_object_or_404(Round.objects.of_area(request.area), pk=pk)


@require_GET
@staff_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.of_area(request.area).order_by("-year").prefetch_related("districts")
    return render(request, "dialogue/round_list.html", {"rounds": rounds})


def _round_form(request: HttpRequest, round: Round | None) -> HttpResponse:
    area = request.area
    if request.method == "POST":
        form = RoundForm(request.POST, area=area)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.round_save(
                    round=round,
                    policing_area=area,
                    year=data["year"],
                    title=data["title"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    districts=data["districts"],
                    questions=[data["question_1"], data["question_2"], data["question_3"]],
                    summary=data["summary"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Omgången är sparad."))
                return redirect(saved)
    elif round is not None:
        form = RoundForm(
            area=area,
            initial={
                "title": round.title,
                "year": round.year,
                "opens_on": round.opens_on,
                "closes_on": round.closes_on,
                "districts": list(round.districts.all()),
                "question_1": round.question_1,
                "question_2": round.question_2,
                "question_3": round.question_3,
                "summary": round.summary,
            },
        )
    else:
        today = timezone.localdate()
        form = RoundForm(
            area=area,
            initial={
                "title": _("Trygghetsdialog"),
                "year": today.year,
                "opens_on": today,
                "closes_on": today + timedelta(days=42),
            },
        )
    return render(request, "dialogue/round_form.html", {"form": form, "round": round})


@require_http_methods(["GET", "POST"])
@officer_required
def round_create(request: HttpRequest) -> HttpResponse:
    return _round_form(request, None)


@require_http_methods(["GET", "POST"])
@officer_required
def round_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(request, _staff_round(request, pk))


def _links(request: HttpRequest, round: Round) -> dict:
    slug = round.policing_area.slug

    def link(group):
        path = reverse(
            "dialogue:answer_link",
            kwargs={"area": slug, "token": tokens.way_in_token(round_id=round.pk, group=group)},
        )
        return request.build_absolute_uri(path)

    return {
        "public": request.build_absolute_uri(reverse("dialogue:answer", kwargs={"area": slug})),
        "staff": link(Group.STAFF),
        "partner": link(Group.PARTNER),
    }


def _free_texts(round: Round) -> list[dict]:
    """Answers' free texts for staff, each marked whether it may be quoted publicly (the
    public-text guard)."""
    rows = []
    answers = (
        Answer.objects.filter(round=round)
        .counted()
        .exclude(police_focus="", place_text="", own_answer_1="", own_answer_2="", own_answer_3="")
        .select_related("place_district", "round")
        .order_by("-received_hour", "-pk")[:500]
    )
    for answer in answers:
        texts = [("police_focus", answer.police_focus), ("place_text", answer.place_text)]
        texts += [(f"own_answer_{n}", getattr(answer, f"own_answer_{n}")) for n in (1, 2, 3)]
        for kind, text in texts:
            if not text:
                continue
            try:
                validate_public_text(text)
                quotable, why = True, ""
            except ValidationError as error:
                quotable, why = False, " ".join(error.messages)
            rows.append(
                {"answer": answer, "kind": kind, "text": text, "quotable": quotable, "why": why}
            )
    return rows


@require_GET
@staff_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A round for staff: links, poster, results as they stand (suppressed like the public
    ones) and, for officers, the free texts and the places named."""
    round = _staff_round(request, pk)
    officer = has_role(request.user, OFFICER)
    return render(
        request,
        "dialogue/round_detail.html",
        {
            "round": round,
            "results": selectors.round_results(round),
            "links": _links(request, round) if officer else None,
            "free_texts": _free_texts(round) if officer else None,
            "citations": Citation.objects.filter(round=round).select_related("promise"),
            "is_officer_here": officer,
            "targets": features.follow_up_targets(),
        },
    )


@require_GET
@officer_required
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's A4 poster (PDF) with its short link and a QR code to it."""
    round = _staff_round(request, pk)
    link = request.build_absolute_uri(
        reverse("dialogue:answer", kwargs={"area": round.policing_area.slug})
    )
    pdf = poster_pdf(request, round=round, link=link)
    return file_response(
        pdf, content_type="application/pdf", filename=f"trygghetsdialog-{round.year}.pdf"
    )


@require_http_methods(["GET", "POST"])
@officer_required
def answers(request: HttpRequest, pk: int) -> HttpResponse:
    """Answers per day (to spot a flood) and voiding a time window with a reason."""
    round = _staff_round(request, pk)
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _window, count = services.window_void(
                round=round,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("%(n)s svar underkändes.") % {"n": count})
            return redirect("dialogue:answers", pk=round.pk)
    return render(
        request,
        "dialogue/answers.html",
        {
            "round": round,
            "days": selectors.answers_per_day(round),
            "windows": round.voided_windows.select_related("voided_by"),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@officer_required
def place_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a place an answer named into something to follow up (e.g. a site of the safety
    feature), through the target the core offers."""
    answer = get_object_or_404(
        Answer.objects.of_area(request.area).select_related("place_district", "round"), pk=pk
    )
    if answer.place_district is None:
        raise Http404(_("Svaret nämner ingen plats."))
    targets = features.follow_up_targets()
    form = FollowUpForm(
        request.POST or None, targets=targets, initial={"name": answer.place_text[:200]}
    )
    if request.method == "POST" and form.is_valid():
        url = services.place_follow_up(
            answer=answer, target=form.cleaned_data["target"], name=form.cleaned_data["name"]
        )
        messages.success(request, _("Platsen följs nu upp."))
        return redirect(url)
    return render(
        request,
        "dialogue/place_follow_up.html",
        {"answer": answer, "form": form, "targets": targets},
    )


@require_http_methods(["GET", "POST"])
@officer_required
def citation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A finding of the round that a promise of a later year answers ("Ni sa → Vi lovar")."""
    round = _staff_round(request, pk)
    promises = Promise.objects.of_area(request.area).filter(year__gte=round.year)
    form = CitationForm(request.POST or None, promises=promises)
    if request.method == "POST" and form.is_valid():
        try:
            services.citation_add(
                promise=form.cleaned_data["promise"],
                round=round,
                finding=form.cleaned_data["finding"],
                finding_en=form.cleaned_data["finding_en"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("finding", message)
        else:
            messages.success(request, _("Hänvisningen är sparad."))
            return redirect(round)
    return render(request, "dialogue/citation_form.html", {"round": round, "form": form})
