from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from . import form_safety, interface_words, public_cache, retention

        interface_words.install()
        form_safety.install()
        from .models import AnnualReport, District, Organisation, PolicingArea, Promise

        # AnnualReport: an approval publishes the report in the public year archive.
        public_cache.watch(PolicingArea, District, Promise, Organisation, AnnualReport)

        retention.register("Administrationsloggen", retention.admin_log_purge)
        retention.register("Inloggningsloggar", retention.login_records_purge)
        retention.register("Avslutade e-postuppgifter", retention.finished_tasks_purge)
