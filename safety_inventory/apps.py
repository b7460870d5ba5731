from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyInventoryConfig(AppConfig):
    """Medborgarens trygghet i fokus: a kind of promise. Everything by which it joins the
    portal is its one declaration in ``feature.py``."""

    name = "safety_inventory"
    verbose_name = _("Trygghetsinventeringar")

    def ready(self) -> None:
        from promises import features

        from .feature import FEATURE

        features.register(FEATURE)
