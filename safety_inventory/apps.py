from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyInventoryConfig(AppConfig):
    name = "safety_inventory"
    verbose_name = _("Trygghetsinventeringar")

    def ready(self) -> None:
        from promises import demo, progress, public_cache, retention
        from promises.models import PromiseKind

        from . import demo as safety_demo
        from .trackers import sites_tracker

        progress.register(
            PromiseKind.SAFETY_INVENTORY,
            sites_tracker,
            public_template="safety_inventory/_public_panel.html",
            staff_template="safety_inventory/_staff_panel.html",
        )
        demo.register(safety_demo.seed)

        from .models import Activity, Finding, Flag, Measure, Signal, Site

        public_cache.watch(Site, Activity, Finding, Measure, Signal, Flag)

        from .services import signal_emails_purge, signal_texts_purge

        retention.register("E-postadresser i tips", signal_emails_purge)
        retention.register("Fritext i tips", signal_texts_purge)

        from promises import mail_queue

        from .tasks import send_signal_feedback

        mail_queue.register(send_signal_feedback, label=_("Återkoppling om tips"))
