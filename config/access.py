"""The access table: every URL name of the portal and what each role gets from it.

Roles: ``anonymous``; ``partner`` (no account: holds a registration's signed link); ``reader``
(e.g. municipality staff); ``officer`` (kommunpolis); ``admin`` (superuser); ``approver``
(godkännare, e.g. the lokalpolisområdeschef: reads what a reader reads and signs off the annual
follow-up; unless a line says otherwise, an approver gets what a reader gets).
``tests/test_access.py`` walks every URL pattern, fails when one is missing here, and requests
each URL as each role. Every new URL gets a line here in the same change. The same walk gives the
area dimension: whatever an officer, reader or approver may use here is also requested by staff
of one policing area against another area's objects (403 or 404) and lists (none of its names).
"""

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    OK = "200 OK"
    LOGIN = "redirect to the staff login"
    ADMIN_LOGIN = "redirect to the admin login"
    FORBIDDEN = "403 Forbidden"
    REDIRECT = "redirect elsewhere"
    NOT_FOUND = "404 Not Found"
    BAD_LINK = "400: the link is not valid"


OK, LOGIN, ADMIN_LOGIN, FORBIDDEN, REDIRECT, NOT_FOUND, BAD_LINK = Outcome


@dataclass(frozen=True)
class Access:
    anonymous: Outcome
    partner: Outcome
    reader: Outcome
    officer: Outcome
    admin: Outcome
    method: str = "GET"
    approver: Outcome | None = None  # None: as ``reader``

    def for_role(self, role: str) -> Outcome:
        if role == "approver" and self.approver is None:
            return self.reader
        return getattr(self, role)


ROLES = ("anonymous", "partner", "reader", "officer", "admin", "approver")

PUBLIC = Access(OK, OK, OK, OK, OK)
STAFF = Access(LOGIN, LOGIN, OK, OK, OK)
OFFICERS = Access(LOGIN, LOGIN, FORBIDDEN, OK, OK)
# A POST that does its work and sends the officer back to the page it concerns.
OFFICER_POSTS = Access(LOGIN, LOGIN, FORBIDDEN, REDIRECT, REDIRECT, method="POST")
ADMIN_SITE = Access(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK)

ACCESS_TABLE: dict[str, Access] = {
    # Infrastructure and API
    "health": PUBLIC,
    "health_alias": PUBLIC,
    "readiness": PUBLIC,
    "api:progress": PUBLIC,
    "api:area_progress": PUBLIC,
    # Accounts
    "login": Access(OK, OK, REDIRECT, REDIRECT, REDIRECT),
    "logout": Access(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, method="POST"),
    # allauth (sign-in, password reset, second factor); sign-up is closed (the page says so).
    "account_login": Access(OK, OK, REDIRECT, REDIRECT, REDIRECT),
    "account_logout": Access(REDIRECT, REDIRECT, OK, OK, OK),
    "account_signup": Access(OK, OK, REDIRECT, REDIRECT, REDIRECT),
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,  # an unknown key: a page saying the link is not valid
    "account_confirm_login_code": Access(*[REDIRECT] * 5),
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_change_password": STAFF,
    "account_email": STAFF,
    "account_reauthenticate": STAFF,
    "account_set_password": Access(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT),
    "account_confirm_reauthentication_code": Access(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT),
    "account_request_reauthentication_code": Access(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT),
    "mfa_index": STAFF,
    "mfa_authenticate": Access(*[REDIRECT] * 5),
    "mfa_activate_totp": Access(*[REDIRECT] * 5),  # asks for the password again first
    "mfa_add_webauthn": Access(*[REDIRECT] * 5),
    "mfa_generate_recovery_codes": Access(*[REDIRECT] * 5),
    "mfa_reauthenticate": Access(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT),
    "mfa_reauthenticate_webauthn": Access(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT),
    "mfa_list_webauthn": STAFF,
    "mfa_edit_webauthn": Access(*[REDIRECT] * 5),
    "mfa_remove_webauthn": Access(*[REDIRECT] * 5),
    # ... an account without the factor has nothing to deactivate or show.
    "mfa_deactivate_totp": Access(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "mfa_download_recovery_codes": Access(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "mfa_view_recovery_codes": Access(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # Public pages
    "promises:home": PUBLIC,
    "promises:about": PUBLIC,
    "promises:accessibility": PUBLIC,
    # Each area's own public pages, and the national start page with every area.
    "promises:areas": PUBLIC,
    "promises:area_home": PUBLIC,
    "promises:area_about": PUBLIC,
    "promises:area_accessibility": PUBLIC,
    "promises:area_report_archive": PUBLIC,
    "promises:area_report_public": PUBLIC,
    "promises:area_report_public_pdf": PUBLIC,
    "promises:area_open_data": PUBLIC,
    # Staff pages
    "promises:dashboard": STAFF,
    "promises:followup": STAFF,
    # Staff switch the area they work in; only to one of theirs (without one: 404).
    "promises:area_choose": Access(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, method="POST"),
    # E-mail that could not be sent: officers see it and send it again.
    "promises:mail_failed": OFFICERS,
    "promises:mail_resend": OFFICER_POSTS,
    "promises:followup_export": STAFF,
    # Organisations partners typed in: officers accept or merge them.
    "promises:organisation_review": OFFICERS,
    "promises:organisation_accept": OFFICER_POSTS,
    "promises:organisation_merge": OFFICER_POSTS,
    "promises:followup_pdf": STAFF,
    "promises:followup_narratives": OFFICER_POSTS,
    # Only the area's approver signs off the year's report: a confirmation page (GET) that shows
    # what is signed, and a POST that signs (an empty POST shows the page again, with errors).
    "promises:followup_approve": Access(
        LOGIN, LOGIN, FORBIDDEN, FORBIDDEN, OK, method="POST", approver=OK
    ),
    # The public year archive of approved reports, and each year's open data (CC0).
    "promises:report_archive": PUBLIC,
    "promises:report_public": PUBLIC,
    "promises:report_public_pdf": PUBLIC,
    "promises:open_data": PUBLIC,
    # Weekend collaboration: officers only (planned shifts and hotspots say where police will be)
    "weekend_ops:year": OFFICERS,
    "weekend_ops:shift_list": OFFICERS,
    "weekend_ops:shift_create": OFFICERS,
    "weekend_ops:shift_import": OFFICERS,
    "weekend_ops:shift_export": OFFICERS,
    "weekend_ops:shift_export_xlsx": OFFICERS,
    "weekend_ops:shift_detail": OFFICERS,
    "weekend_ops:shift_update": OFFICERS,
    "weekend_ops:shift_complete": OFFICER_POSTS,
    "weekend_ops:shift_cancel": OFFICERS,  # GET asks first; POST cancels
    "weekend_ops:shift_restore": OFFICER_POSTS,
    "weekend_ops:hotspot_list": OFFICERS,
    "weekend_ops:hotspot_create": OFFICERS,
    "weekend_ops:hotspot_update": OFFICERS,
    # Meetings: partners register and cancel without an account ...
    "weekend_ops:meeting_list": PUBLIC,
    "weekend_ops:area_meeting_list": PUBLIC,
    "weekend_ops:meeting_register": PUBLIC,
    # ... the cancel link works for its holder only; anyone else's link is refused.
    "weekend_ops:registration_cancel": Access(BAD_LINK, OK, BAD_LINK, BAD_LINK, BAD_LINK),
    # ... the calendar feed answers its own secret only (calendar apps send no cookie).
    "weekend_ops:calendar_feed": Access(NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK),
    "weekend_ops:meeting_manage": OFFICERS,
    "weekend_ops:meeting_create": OFFICERS,
    "weekend_ops:meeting_detail": OFFICERS,
    "weekend_ops:meeting_update": OFFICERS,
    "weekend_ops:meeting_attendance": OFFICER_POSTS,
    # Cancelling e-mails everyone: a GET page shows who will be told and asks why first.
    "weekend_ops:meeting_cancel": OFFICERS,
    "weekend_ops:attendance_export": OFFICERS,
    "weekend_ops:calendar_link": OFFICERS,
    "weekend_ops:capability": STAFF,
    "weekend_ops:capability_export": STAFF,
    # Places promise: the public signal form and tracking page ...
    "safety_inventory:signal_create": PUBLIC,
    "safety_inventory:area_signal_create": PUBLIC,
    "safety_inventory:signal_lookup": PUBLIC,  # without a code: the form to type it in
    "safety_inventory:signal_track": PUBLIC,
    # ... staff read, officers write; signals (free text from citizens) are for officers only.
    "safety_inventory:overview": STAFF,
    "safety_inventory:site_detail": STAFF,
    "safety_inventory:activity_detail": STAFF,
    "safety_inventory:measures_overdue": STAFF,
    "safety_inventory:export": STAFF,
    "safety_inventory:site_create": OFFICERS,
    "safety_inventory:activity_create": OFFICERS,
    "safety_inventory:activity_update": OFFICERS,
    "safety_inventory:signal_list": OFFICERS,
    "safety_inventory:signal_link": OFFICER_POSTS,
    "safety_inventory:observation_create": OFFICERS,
    "safety_inventory:flag_answer": OFFICERS,
    "safety_inventory:flag_dismiss": OFFICERS,
    # Trygghetsdialog: one answer form with three ways in, public results, API and open data ...
    "dialogue:answer": PUBLIC,
    "dialogue:answer_link": PUBLIC,  # the signed link names the round and group, not a person
    "dialogue:thanks": PUBLIC,
    "dialogue:results": PUBLIC,
    "dialogue:open_data": PUBLIC,
    "dialogue_api:area_dialogue": PUBLIC,
    # ... staff read the rounds and their figures; free texts, links, the poster, voiding,
    # citations and following up a place are for officers.
    "dialogue:round_list": STAFF,
    "dialogue:round_detail": STAFF,
    "dialogue:round_create": OFFICERS,
    "dialogue:round_update": OFFICERS,
    "dialogue:poster": OFFICERS,
    "dialogue:answers": OFFICERS,
    "dialogue:citation_create": OFFICERS,
    "dialogue:place_follow_up": OFFICERS,
    # Django admin: superusers only; its own login page is open to all.
    # (signing in goes through the portal's login: lockout and second factor apply).
    "admin:login": Access(LOGIN, LOGIN, OK, OK, REDIRECT),
    # Logging out of the admin logs out of the portal and lands on the public start page.
    "admin:logout": Access(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, method="POST"),
    # axes keeps its records itself: nobody may add one by hand.
    "admin:axes_accessattempt_add": Access(*[ADMIN_LOGIN] * 4, FORBIDDEN),
    "admin:axes_accessfailurelog_add": Access(*[ADMIN_LOGIN] * 4, FORBIDDEN),
    "admin:axes_accesslog_add": Access(*[ADMIN_LOGIN] * 4, FORBIDDEN),
    # Registrations come from the partners' form, which decides confirmed or waitlisted.
    "admin:weekend_ops_registration_add": Access(*[ADMIN_LOGIN] * 4, FORBIDDEN),
    # ... and so does the task queue.
    "admin:django_tasks_database_dbtaskresult_add": Access(*[ADMIN_LOGIN] * 4, FORBIDDEN),
}

# URL names not listed above, by namespace: every other admin page is for superusers only.
NAMESPACE_ACCESS: dict[str, Access] = {
    "admin": ADMIN_SITE,
}


def access_for(url_name: str) -> Access | None:
    """The declared access of ``url_name``, from the table or its namespace; None if undeclared."""
    if url_name in ACCESS_TABLE:
        return ACCESS_TABLE[url_name]
    namespace, _, _ = url_name.rpartition(":")
    return NAMESPACE_ACCESS.get(namespace) if namespace else None
