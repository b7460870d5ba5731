"""Swedish words for the few interface texts that Django and its apps give only in English.

Called from ``PortalConfig.ready()``: the empty choice of every dropdown ("- Select an
option -") and the names of django-axes' models in the admin. The Swedish text is the msgid, as
everywhere in the portal; the English catalogue gives the English back on /en/.
"""

from django.apps import apps
from django.db.models import fields
from django.utils.translation import gettext_lazy as _

BLANK_CHOICE = _("– Välj –")

AXES_NAMES = {
    "AccessAttempt": (_("inloggningsförsök"), _("inloggningsförsök")),
    "AccessAttemptExpiration": (
        _("utgång för inloggningsförsök"),
        _("utgångar för inloggningsförsök"),
    ),
    "AccessFailureLog": (_("misslyckad inloggning"), _("misslyckade inloggningar")),
    "AccessLog": (_("inloggning"), _("inloggningar")),
}


def install() -> None:
    fields.BLANK_CHOICE_LABEL = BLANK_CHOICE
    if not apps.is_installed("axes"):
        return
    config = apps.get_app_config("axes")
    config.verbose_name = _("Inloggningsspärr")
    for model in config.get_models():
        names = AXES_NAMES.get(model.__name__)
        if names:
            model._meta.verbose_name, model._meta.verbose_name_plural = names
