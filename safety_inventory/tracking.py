"""A citizen's tip as its sender follows it: the tracking code typed by hand, and the state of
the place the tip is about (PRODUCT.md, "Promise 2"; issue 11: the tracking page tells the
truth, and every change it shows reaches the sender by e-mail)."""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import Activity, ActivityStatus, Flag, Measure, Signal

# new_tracking_code's alphabet: no 0/O, 1/I/L.
TRACKING_ALPHABET = frozenset("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
TRACKING_CODE_LENGTH = 8


def normalise_tracking_code(raw: str) -> str:
    """The code as stored, from what a person typed: upper case, and without the spaces,
    dashes and other separators people add ("abcd-2345", "ABCD 2345"). Anything that is not a
    letter or digit goes, so a slash or a NUL byte never reaches a URL or the database."""
    return "".join(c for c in raw.upper() if c.isascii() and c.isalnum())[:64]


def is_tracking_code(code: str) -> bool:
    """Whether a normalised code could be one we hand out (eight characters of the alphabet)."""
    return len(code) == TRACKING_CODE_LENGTH and set(code) <= TRACKING_ALPHABET


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
