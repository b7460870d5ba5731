from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeekendOpsConfig(AppConfig):
    """Helgsamverkan: a kind of promise. Everything by which it joins the portal is its one
    declaration in ``feature.py``."""

    name = "weekend_ops"
    verbose_name = _("Helgsamverkan")

    def ready(self) -> None:
        from promises import features

        from . import receivers  # noqa: F401 - connects the receivers
        from .feature import FEATURE

        features.register(FEATURE)
