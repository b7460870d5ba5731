from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyInventoryConfig(AppConfig):
    name = "safety_inventory"
    verbose_name = _("Trygghetsinventeringar")

    def ready(self) -> None:
        # An activity counts in the year of its date: once that year is signed, a change
        # needs a written reason (issue 18).
        from portal import public_cache, retention
        from promises import demo, progress, signed

        from . import demo as safety_demo
        from . import trackers
        from .models import Activity

        signed.guard(Activity, years_of=activity_years)
        progress.register(
            trackers.KIND,
            trackers.sites_tracker,
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
        )
        demo.register(safety_demo.seed)

        from .models import Activity, Finding, Flag, Measure, Signal, Site

        public_cache.watch(Site, Activity, Finding, Measure, Signal, Flag)

        from .services import signal_emails_purge, signal_texts_purge

        retention.register("E-postadresser i tips", signal_emails_purge)
        retention.register("Fritext i tips", signal_texts_purge)

        from portal import mail_queue

        from .tasks import send_signal_feedback

        mail_queue.register(send_signal_feedback, label=_("Återkoppling om tips"))

        from promises import extensions

        from .services import site_for_follow_up

        # Another feature (e.g. the trygghetsdialog) hands a place here to be followed up.
        extensions.register_follow_up_target(
            extensions.FollowUpTarget(
                key="site", label=_("Plats i trygghetsarbetet"), create=site_for_follow_up
            )
        )


def activity_years(activity) -> set:
    """The ``(area id, year)`` an activity counts in: the year of its date."""
    from promises.models import District

    if activity.date is None or activity.site_id is None:
        return set()
    area_id = (
        District.objects.filter(sites=activity.site_id)
        .values_list("borough__policing_area_id", flat=True)
        .first()
    )
    return {(area_id, activity.date.year)}
