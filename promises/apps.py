from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from . import public_cache, retention
        from .models import District, Organisation, PolicingArea, Promise

        public_cache.watch(PolicingArea, District, Promise, Organisation)

        retention.register("Administrationsloggen", retention.admin_log_purge)
        retention.register("Inloggningsloggar", retention.login_records_purge)
        retention.register("Avslutade e-postuppgifter", retention.finished_tasks_purge)
