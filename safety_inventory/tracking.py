"""A citizen's tip as its sender follows it: the tracking code typed by hand, and the state of
the place the tip is about (docs/rules.md#tips; issue 11: the tracking page tells the
truth, and every change it shows reaches the sender by e-mail)."""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import Activity, ActivityStatus, Flag, Measure, Signal
from .models.tips import TRACKING_ALPHABET, TRACKING_CODE_LENGTH


def normalise_tracking_code(raw: str) -> str:
    """The code as stored, from what a person typed: upper case, and without the spaces,
    dashes and other separators people add ("abcd-2345", "ABCD 2345"). Anything that is not a
    letter or digit goes, so a slash or a NUL byte never reaches a URL or the database."""
    return "".join(c for c in raw.upper() if c.isascii() and c.isalnum())[:64]


def is_tracking_code(code: str) -> bool:
    """Whether a normalised code could be one we hand out (eight characters of the alphabet)."""
    return len(code) == TRACKING_CODE_LENGTH and set(code) <= set(TRACKING_ALPHABET)


@dataclass(frozen=True)
class TipState:
    """What the tracking page and the feedback e-mails say about a tip: the state of the place
    it is about (flagged, planned, inventoried, measures), not only of the tip's own flag."""

    signal: Signal
    flag: Flag | None = None
    planned: Activity | None = None
    conducted: Activity | None = None
    measures: list[Measure] = field(default_factory=list)

    @property
    def dismissed(self) -> bool:
        return self.flag is not None and self.flag.status == "dismissed" and self.planned is None

    @property
    def closed(self) -> bool:
        """The matter is closed for the sender: the activity that answered the tip's flag, or
        any at the place after the tip came in, was conducted; or the flag was dismissed."""
        answer = self.flag.activity if self.flag is not None and self.flag.activity_id else None
        if answer is not None and answer.status == ActivityStatus.CONDUCTED:
            return True
        conducted_after = (
            self.conducted is not None
            and self.conducted.date is not None
            and self.conducted.date >= timezone.localdate(self.signal.received_at)
        )
        return conducted_after or self.dismissed


def tip_state(signal: Signal) -> TipState:
    """The state of the place ``signal`` is about, in a fixed number of queries."""
    if signal.site_id is None:
        return TipState(signal=signal, flag=signal.flag)
    site = signal.site
    flag = signal.flag or site.flags.select_related("activity").order_by("-raised_at").first()
    activities = site.activities.exclude(status=ActivityStatus.CANCELLED)
    planned = activities.filter(status=ActivityStatus.PLANNED).order_by("date", "pk").first()
    conducted = activities.filter(status=ActivityStatus.CONDUCTED).order_by("-date", "-pk").first()
    measures = list(
        Measure.objects.public()
        .filter(activity__site=site, activity__status=ActivityStatus.CONDUCTED)
        .order_by("pk")
    )
    return TipState(
        signal=signal, flag=flag, planned=planned, conducted=conducted, measures=measures
    )


@dataclass(frozen=True)
class StateLine:
    """One sentence about a tip's state, the same on the tracking page and in the e-mail:
    ``text`` in the portal's words; ``detail`` the data that follows it as staff wrote it (a
    measure's public text, a dismissal's reason), which may have no English version."""

    key: str
    text: str
    detail: str = ""


def _sentences():
    """Every state's sentence, in the active language (looked up when asked, so that a page and
    a mail in another language each get their own)."""
    from django.utils.translation import gettext as _

    return {
        "received": _(
            "Tipset är mottaget. Det räknas med när polisen följer hur tryggheten utvecklas i "
            "området."
        ),
        "unplaced": _(
            "Polisen har inte kopplat tipset till en känd plats än. När det är gjort visas här "
            "vad som händer på platsen."
        ),
        "not_flagged": _(
            "Platsen är inte flaggad än. Det sker när fler hör av sig om samma plats eller när "
            "polisen själv ser en försämring."
        ),
        "flagged": _(
            "Platsen är flaggad: flera har hört av sig om samma plats, eller polisen har själv "
            "sett en försämring. Polisen följer platsen särskilt."
        ),
        "planned": _("Polisen planerar en %(kind)s på platsen."),
        "conducted": _("Polisen har genomfört en %(kind)s på platsen (%(month)s)."),
        "measure": _("Åtgärd på platsen (%(status)s):"),
        "dismissed": _(
            "Polisen har bedömt platsen och planerar ingen ny insats där nu. Motivering:"
        ),
        "closed": _("Ärendet är avslutat för polisens del."),
    }


def state_lines(state: TipState) -> list[StateLine]:
    """What the tracking page and the feedback e-mail say about a tip, in order: one sentence
    per state of the tip and its place (flagged, planned, conducted, measure published,
    dismissed, closed). A dismissed flag is never also "followed specially", and a closed matter
    no longer flagged (docs/rules.md#tips; issue 19)."""
    from django.utils.formats import date_format

    say = _sentences()
    lines = [StateLine("received", say["received"])]
    if state.signal.site_id is None:
        return [*lines, StateLine("unplaced", say["unplaced"])]
    flag_open = state.flag is not None and state.flag.status != "dismissed"
    if flag_open and not state.closed:
        lines.append(StateLine("flagged", say["flagged"]))
    if state.planned is not None:
        kind = state.planned.get_kind_display().lower()
        lines.append(StateLine("planned", say["planned"] % {"kind": kind}))
    if state.conducted is not None:
        kind = state.conducted.get_kind_display().lower()
        month = date_format(state.conducted.date, "YEAR_MONTH_FORMAT")
        lines.append(StateLine("conducted", say["conducted"] % {"kind": kind, "month": month}))
    for measure in state.measures:
        status = measure.get_status_display().lower()
        lines.append(StateLine("measure", say["measure"] % {"status": status}, measure.public_text))
    if state.dismissed:
        lines.append(StateLine("dismissed", say["dismissed"], state.flag.dismissal_reason))
    if state.flag is None and state.planned is None and state.conducted is None:
        lines.append(StateLine("not_flagged", say["not_flagged"]))
    if state.closed and state.planned is None:
        lines.append(StateLine("closed", say["closed"]))
    return lines
