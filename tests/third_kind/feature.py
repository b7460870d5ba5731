"""The whole declaration of the test kind: the one contract a new kind fills in."""

from promises.features import Feature, MailTask, PersonalData, SignedRecords
from promises.progress import PromiseKind

from . import school_visits as kind
from .models import SchoolVisit

FEATURE = Feature(
    name="third_kind",
    kind=PromiseKind(
        kind=kind.KIND,
        tracker=kind.school_visits_tracker,
        label="Skolbesök",
        order=3,
        unit=kind.VISITS,
        summary=kind.summary,
        report=kind.report,
        report_template="third_kind/report/_section.html",
        columns=kind.COLUMNS,
        staff_columns=kind.STAFF_COLUMNS,
        public_template="third_kind/_public_panel.html",
        staff_template="third_kind/_staff_panel.html",
    ),
    personal_data=(PersonalData("Kontakter i skolbesök", kind.contacts_purge),),
    mail_tasks=(MailTask(kind.send_thanks, "Tack för skolbesöket"),),
    public_names=lambda: ["Rektor Skolsson"],
    watched_models=(SchoolVisit,),
    signed_records=(SignedRecords(SchoolVisit, kind.visit_years),),
    demo=kind.seed,
)
