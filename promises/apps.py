from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from portal import errors, public_cache
        from promises import areas
        from promises.models import (
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
        # An error page at an area's address speaks for that area.
        errors.register_request_context(areas.area_of_the_address)
