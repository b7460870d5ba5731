"""Presentation helpers for templates (no queries, no rules)."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.translated import language_code, source_language
from portal.translated import localized as localized_value
from promises import features
from promises.progress import Status, entry_for

register = template.Library()

# Status is always shown as text; the colour only repeats it.
STATUS_CLASSES = {
    Status.ACHIEVED: "text-bg-success",
    Status.ON_TRACK: "text-bg-success",
    Status.BEHIND: "text-bg-warning",
    Status.UNREACHABLE: "text-bg-danger",
    Status.NOT_ACHIEVED: "text-bg-danger",
}
STATUS_ICONS = {
    Status.ACHIEVED: "✓",
    Status.ON_TRACK: "✓",
    Status.BEHIND: "!",
    Status.UNREACHABLE: "✕",
    Status.NOT_ACHIEVED: "✕",
}


@register.filter
def summary_label(label) -> str:
    """A field's label as the error summary names it before a colon: without the label's own
    closing "?", "." or ":" ("Vad gäller det?: …" read badly)."""
    return str(label).rstrip().rstrip("?.:").rstrip()


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(Status(status), "text-bg-secondary")


@register.filter
def status_icon(status: str) -> str:
    return STATUS_ICONS.get(Status(status), "")


@register.filter
def status_label(status: str) -> str:
    return Status(status).label


@register.filter
def localized(obj, field: str) -> str:
    """``{{ promise|localized:"title" }}``: the English value on /en/, else the Swedish."""
    return "" if obj in (None, "") else localized_value(obj, field)


@register.filter
def join_words(items) -> str:
    """ "A, B och C": a list as a sentence says it, "and" on English pages."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    # Outside the f-string, so that makemessages finds the word.
    last_joiner = gettext("och")
    return f"{', '.join(items[:-1])} {last_joiner} {items[-1]}"


@register.simple_tag
def report_sections(report) -> list[tuple[str, dict]]:
    """The parts of the annual follow-up that the features add, each a ``(template, section)``:
    first each kind of the report's promises once, in the report's order, with its figures
    under ``report["kinds"][kind]`` (``PromiseKind.report_template``); then the sections of
    features that are not kinds, under ``report["sections"][key]`` (``Feature.report_section``)."""
    parts: list[tuple[str, dict]] = []
    kinds = report.get("kinds") or {}
    for kind in dict.fromkeys(promise["kind"] for promise in report.get("promises", [])):
        try:
            template_name = entry_for(kind).report_template
        except LookupError:  # a kind no app registers any more
            continue
        if template_name:
            parts.append((template_name, kinds.get(kind) or {}))
    for key, section in (report.get("sections") or {}).items():
        template_name = features.report_section_template(key)
        if template_name:
            parts.append((template_name, section))
    return parts


@register.filter
def notes_for(notes: dict, promise_pk: int) -> list:
    """What features add under one promise of the public page (``features.promise_notes``)."""
    return (notes or {}).get(promise_pk, [])


@register.filter
def as_sentence(columns) -> str:
    """Column headings as words in a sentence: "Genomförda pass, signaler från medborgare och
    genomförda insatser" (the first as it is, the others in lower case). Takes the district
    table's columns (dicts with a ``label``) or their labels."""
    labels = [str(c["label"]) if isinstance(c, dict) else str(c) for c in columns]
    return join_words(labels[:1] + [label.lower() for label in labels[1:]])


# What each status means, in one sentence for the public (docs/rules.md#weekend-pace, #places-pace).
STATUS_EXPLANATIONS = {
    Status.ACHIEVED: _("Uppnått: målet för året är nått."),
    Status.NOT_ACHIEVED: _("Inte uppnått: året är slut och målet nåddes inte."),
    Status.ON_TRACK: _(
        "I fas: det som är gjort hittills räcker för att nå målet i år om takten håller."
    ),
    Status.BEHIND: _(
        "Efter plan: det som är gjort hittills är mindre än vad som behövs vid den här tiden "
        "på året för att nå målet."
    ),
    Status.UNREACHABLE: _(
        "Kan inte längre nås i år: det finns för få helger kvar för att nå målet."
    ),
}


@register.filter
def status_explanation(status: str) -> str:
    return STATUS_EXPLANATIONS.get(Status(status), "")


# django-simple-history names its record types in English only ("Created", "Changed").
HISTORY_TYPES = {"+": _("Skapat"), "~": _("Ändrat"), "-": _("Borttaget")}


@register.filter
def history_type(record) -> str:
    """A history record's kind in the interface's language."""
    return str(HISTORY_TYPES.get(getattr(record, "history_type", ""), ""))


@register.simple_tag(takes_context=True)
def area_url(context, name: str, *args) -> str:
    """``{% area_url 'promises:report_archive' %}``: that page of the area this page is about,
    at the area's own address (``promises:area_report_archive``), or at the old address for the
    default area on an old address (so that ``/`` keeps linking to ``/arsrapporter/``)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("area") if match is not None else None
    area = getattr(request, "area", None) if request is not None else None
    if slug is not None and area is not None and area.slug != slug:
        slug = None  # an unknown area's address (its 404): never link to it again
    if slug is None and area is not None and area.slug != settings.PORTAL_DEFAULT_AREA:
        slug = area.slug
    if slug is None:
        return reverse(name, args=args)
    namespace, _sep, url_name = name.rpartition(":")
    return reverse(f"{namespace}:area_{url_name}", args=[slug, *args])


@register.filter
def data_text(obj, field: str = ""):
    """Data as staff wrote it, marked with its language (WCAG 3.1.2): ``{{ promise|data_text:
    "title" }}`` gives the English value on English pages where one exists; where none does
    (and for plain text, ``{{ flag.dismissal_reason|data_text }}``), the Swedish value, wrapped
    in ``<span lang="sv">`` on a page that is not Swedish. The one way HTML pages show data
    fields that may be Swedish on an English page."""
    from django.utils.html import format_html

    if obj in (None, ""):
        return ""
    language = language_code()
    swedish = source_language()
    if isinstance(obj, dict):  # a report's figures: the value and the language it is in
        value = obj.get(field, "")
        english = obj.get(f"{field}_lang", swedish) != swedish
    elif field:
        value = localized_value(obj, field)
        english = language != swedish and value != getattr(obj, field)
    else:
        value, english = obj, False
    if language == swedish or english or not str(value).strip():
        return value
    return format_html('<span lang="{}">{}</span>', swedish, value)
