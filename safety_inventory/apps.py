from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyInventoryConfig(AppConfig):
    name = "safety_inventory"
    verbose_name = _("Trygghetsinventeringar")

    def ready(self) -> None:
        from promises import demo, progress
        from promises.models import PromiseKind

        from . import demo as safety_demo
        from .trackers import sites_tracker

        progress.register(PromiseKind.SAFETY_INVENTORY, sites_tracker)
        demo.register(safety_demo.seed)
