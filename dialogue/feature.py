"""How the trygghetsdialog joins the portal: its one declaration (``promises.features``). It is
not a kind of promise: it adds the reasons under the promises, a section of the annual
follow-up, and carries its citations over when a promise is renewed."""

from django.utils.translation import gettext_lazy as _

from promises.features import Feature, PersonalData, ReportSection

from . import demo
from .models import Citation, Round, VoidedWindow
from .sections import citations_carry_over, promise_reasons, report_section
from .services import answer_texts_purge

FEATURE = Feature(
    name="dialogue",
    personal_data=(PersonalData(_("Fritext i trygghetsdialogen"), answer_texts_purge),),
    # Public results show closed rounds only, so a new answer changes no public page; voiding,
    # a round's edit and a citation do.
    watched_models=(Round, VoidedWindow, Citation),
    demo=demo.seed,
    promise_notes=promise_reasons,
    report_section=ReportSection(
        key="dialogue", provider=report_section, template="dialogue/report/_section.html"
    ),
    renewal=citations_carry_over,
)
