from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeekendOpsConfig(AppConfig):
    name = "weekend_ops"
    verbose_name = _("Helgsamverkan")

    def ready(self) -> None:
        from portal import public_cache, retention
        from promises import demo, progress

        from . import demo as weekend_demo
        from . import (
            receivers,  # noqa: F401 - connects the receivers
            trackers,
        )

        progress.register(
            trackers.KIND,
            trackers.weekend_tracker,
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
        )
        demo.register(weekend_demo.seed)

        from .models import Hotspot, Meeting, Registration, Shift

        public_cache.watch(Shift, Hotspot, Meeting, Registration)
        # A shift counts in the year of its weekend: once that year is signed, a change needs
        # a written reason (issue 18).
        from promises import signed

        signed.guard(Shift, years_of=shift_years)

        from .services import registration_history_of_deleted_purge, registrations_purge

        retention.register("Anmälningar till möten", registrations_purge)
        retention.register(
            "Historik för borttagna anmälningar", registration_history_of_deleted_purge
        )

        from portal import mail_queue, public_text

        from .selectors import partner_names

        public_text.register_names(partner_names)

        from .tasks import send_meeting_email

        mail_queue.register(send_meeting_email, label=_("E-post om mötesanmälan"))


def shift_years(shift) -> set:
    """The ``(area id, year)`` a shift counts in: the year of its weekend's Friday."""
    from .rules import LOCAL_TZ, weekend_of

    if shift.start is None:
        return set()
    evening = shift.start.astimezone(LOCAL_TZ).date()
    friday = weekend_of(evening)
    return {(shift.policing_area_id, (friday or evening).year)}
