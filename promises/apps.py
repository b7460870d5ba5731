from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from . import interface_words, public_cache, retention

        interface_words.install()
        from .models import (
            AnnualReport,
            District,
            Organisation,
            PolicingArea,
            Promise,
            PromiseNarrative,
        )

        # AnnualReport: an approval publishes the report in the public year archive;
        # PromiseNarrative: a draft report's PDF is kept under the same version.
        public_cache.watch(
            PolicingArea, District, Promise, Organisation, AnnualReport, PromiseNarrative
        )

        retention.register("Administrationsloggen", retention.admin_log_purge)
        retention.register("Inloggningsloggar", retention.login_records_purge)
        retention.register("Avslutade e-postuppgifter", retention.finished_tasks_purge)
