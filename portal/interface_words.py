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


# allauth's second factors and django-tasks-db's queue in the admin: app, model and column names
# that have no Swedish translation in those packages (or none at all).
APP_NAMES = {
    "mfa": _("Tvåfaktorsinloggning"),
    "django_tasks_database": _("E-postkö och uppgifter"),
}
MODEL_NAMES = {
    ("mfa", "Authenticator"): (_("inloggningsfaktor"), _("inloggningsfaktorer")),
    ("django_tasks_database", "DBTaskResult"): (_("uppgift i kön"), _("uppgifter i kön")),
}
FIELD_NAMES = {
    ("mfa", "Authenticator"): {
        "user": _("användare"),
        "type": _("typ"),
        "data": _("data"),
        "created_at": _("tillagd"),
        "last_used_at": _("senast använd"),
    },
    ("django_tasks_database", "DBTaskResult"): {
        "id": _("id"),
        "status": _("status"),
        "enqueued_at": _("köad"),
        "started_at": _("startad"),
        "finished_at": _("klar"),
        "args_kwargs": _("argument"),
        "priority": _("prioritet"),
        "task_path": _("uppgift"),
        "worker_ids": _("arbetsprocesser"),
        "queue_name": _("kö"),
        "backend_name": _("köns lagring"),
        "run_after": _("körs tidigast"),
        "return_value": _("returvärde"),
        "exception_class_path": _("feltyp"),
        "traceback": _("felspår"),
    },
}


def _name_third_party_models() -> None:
    for label, name in APP_NAMES.items():
        if apps.is_installed(label) or label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        if label not in apps.app_configs:
            continue
        model = apps.get_model(label, model_name)
        model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural
        for field_name, verbose in FIELD_NAMES.get((label, model_name), {}).items():
            model._meta.get_field(field_name).verbose_name = verbose
    if "django_tasks_database" in apps.app_configs:
        # A property in the queue's list: the admin reads its column name from the getter.
        model = apps.get_model("django_tasks_database", "DBTaskResult")
        model.task_name.fget.short_description = _("uppgiftens namn")


def install() -> None:
    fields.BLANK_CHOICE_LABEL = BLANK_CHOICE
    _name_third_party_models()
    if not apps.is_installed("axes"):
        return
    config = apps.get_app_config("axes")
    config.verbose_name = _("Inloggningsspärr")
    for model in config.get_models():
        names = AXES_NAMES.get(model.__name__)
        if names:
            model._meta.verbose_name, model._meta.verbose_name_plural = names
