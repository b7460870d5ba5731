from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """Trygghetsdialog: a feature that is not a kind of promise. Everything by which it joins
    the portal is its one declaration in ``feature.py``."""

    name = "dialogue"
    verbose_name = _("Trygghetsdialog")

    def ready(self) -> None:
        from promises import features

        from .feature import FEATURE

        features.register(FEATURE)
