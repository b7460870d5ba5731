from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The platform: what any Django site of this kind needs (client address and rate limits,
    sessions, log filters, the durable mail queue, retention, backup and restore, health, the
    public cache, CSV import plumbing, the exporter, the public-text guard, shared form fields,
    error pages and middleware). No models of its own; it imports nothing of the site's apps,
    which join its registries (``retention.register``, ``mail_queue.register``,
    ``public_cache.watch``, ``public_text.register_names``, ``errors.register_request_context``)
    and name their callables in settings."""

    name = "portal"
    verbose_name = _("Plattform")

    def ready(self) -> None:
        from portal import form_safety, interface_words, retention

        interface_words.install()
        form_safety.install()
        retention.register("Administrationsloggen", retention.admin_log_purge)
        retention.register("Inloggningsloggar", retention.login_records_purge)
        retention.register("Avslutade e-postuppgifter", retention.finished_tasks_purge)
