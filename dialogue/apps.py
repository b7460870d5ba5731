from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """Trygghetsdialog: a feature that is not a kind of promise. Everything by which it joins
    the core is in ``ready()`` below, and nowhere else."""

    name = "dialogue"
    verbose_name = _("Trygghetsdialog")

    def ready(self) -> None:
        from portal import public_cache, retention
        from promises import demo

        from . import demo as dialogue_demo
        from .models import Answer, Citation, Round, VoidedWindow
        from .services import answer_texts_purge

        # Public results show closed rounds only, so a new answer changes no public page;
        # voiding, a round's edit and a citation do.
        public_cache.watch(Round, VoidedWindow, Citation)
        retention.register("Fritext i trygghetsdialogen", answer_texts_purge)
        demo.register(dialogue_demo.seed)
        del Answer  # imported to be sure the models are loaded before the hooks below

        from promises import extensions

        from .sections import citations_carry_over, promise_reasons, report_section

        extensions.register_promise_section(promise_reasons)
        extensions.register_report_section(
            "dialogue", report_section, template="dialogue/report/_section.html"
        )
        extensions.register_renewal(citations_carry_over)
