from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from . import interface_words, public_cache

        interface_words.install()
        from .models import District, Organisation, PolicingArea, Promise

        public_cache.watch(PolicingArea, District, Promise, Organisation)
