"""How the safety inventories join the portal: their one declaration (``promises.features``)."""

from django.utils.translation import gettext_lazy as _

from promises.features import (
    Feature,
    FollowUpTarget,
    MailTask,
    PersonalData,
    SignedRecords,
)
from promises.models import District
from promises.progress import PromiseKind

from . import demo, trackers
from .admin import FlagRuleInline
from .models import Activity, Finding, Flag, Measure, Signal, Site
from .services import signal_emails_purge, signal_texts_purge, site_for_follow_up
from .tasks import send_signal_feedback


def activity_years(activity) -> set:
    """The ``(area id, year)`` an activity counts in: the year of its date."""
    if activity.date is None or activity.site_id is None:
        return set()
    area_id = (
        District.objects.filter(sites=activity.site_id)
        .values_list("borough__policing_area_id", flat=True)
        .first()
    )
    return {(area_id, activity.date.year)}


FEATURE = Feature(
    name="safety_inventory",
    kind=PromiseKind(
        kind=trackers.KIND,
        tracker=trackers.sites_tracker,
        label=_("Medborgarens trygghet i fokus"),
        order=2,  # the second promise of the source document
        unit=trackers.SITES,
        summary=trackers.summary,
        report=trackers.report,
        report_template="safety_inventory/report/_sections.html",
        columns=trackers.COLUMNS,
        staff_columns=trackers.STAFF_COLUMNS,
        public_template="safety_inventory/_public_panel.html",
        staff_template="safety_inventory/_staff_panel.html",
    ),
    personal_data=(
        PersonalData(_("E-postadresser i tips"), signal_emails_purge),
        PersonalData(_("Fritext i tips"), signal_texts_purge),
    ),
    mail_tasks=(MailTask(send_signal_feedback, _("Återkoppling om tips")),),
    watched_models=(Site, Activity, Finding, Measure, Signal, Flag),
    # An activity counts in the year of its date: once that year is signed, a change needs a
    # written reason (docs/rules.md#signed-years).
    signed_records=(SignedRecords(Activity, activity_years),),
    demo=demo.seed,
    area_admin_inlines=(FlagRuleInline,),
    # Another feature (e.g. the trygghetsdialog) hands a place here to be followed up.
    follow_up_target=FollowUpTarget(
        key="site", label=_("Plats i trygghetsarbetet"), create=site_for_follow_up
    ),
)
