"""How the weekend collaboration joins the portal: its one declaration (``promises.features``)."""

from django.utils.translation import gettext_lazy as _

from promises.features import Feature, MailTask, PersonalData, SignedRecords
from promises.progress import PromiseKind

from . import demo, trackers
from .admin import WeekendCountingRuleInline
from .models import Hotspot, Meeting, Registration, Shift
from .rules import LOCAL_TZ, weekend_of
from .selectors import partner_names
from .services import registration_history_of_deleted_purge, registrations_purge
from .tasks import send_meeting_email


def shift_years(shift) -> set:
    """The ``(area id, year)`` a shift counts in: the year of its weekend's Friday."""
    if shift.start is None:
        return set()
    evening = shift.start.astimezone(LOCAL_TZ).date()
    friday = weekend_of(evening)
    return {(shift.policing_area_id, (friday or evening).year)}


FEATURE = Feature(
    name="weekend_ops",
    kind=PromiseKind(
        kind=trackers.KIND,
        tracker=trackers.weekend_tracker,
        label=_("Helgsamverkan"),
        order=1,  # the first promise of the source document
        unit=trackers.WEEKENDS,
        summary=trackers.summary,
        report=trackers.report,
        report_template="weekend_ops/report/_sections.html",
        columns=trackers.COLUMNS,
        staff_columns=trackers.STAFF_COLUMNS,
        public_template="weekend_ops/_public_panel.html",
        staff_template="weekend_ops/_staff_panel.html",
        renew=trackers.renew,
        related=("weekend_counting_rule",),
        live=trackers.weekend_live,
        live_template="weekend_ops/_staff_live.html",
    ),
    personal_data=(
        PersonalData(_("Anmälningar till möten"), registrations_purge),
        PersonalData(
            _("Historik för borttagna anmälningar"), registration_history_of_deleted_purge
        ),
    ),
    mail_tasks=(MailTask(send_meeting_email, _("E-post om mötesanmälan")),),
    # Partners who registered for a meeting are never named on a public page.
    public_names=partner_names,
    watched_models=(Shift, Hotspot, Meeting, Registration),
    # A shift counts in the year of its weekend: once that year is signed, a change needs a
    # written reason (docs/rules.md#signed-years).
    signed_records=(SignedRecords(Shift, shift_years),),
    demo=demo.seed,
    promise_admin_inlines=(WeekendCountingRuleInline,),
)
