"""Every staff page in Swedish carries no English interface words (issue 10, item 7).

Walks each page of the access table that staff may GET (with the sample arguments the access
walk uses), plus the admin's index and the change lists of the models the portal added there,
as the officer and as the admin, and fails on any word of ``ENGLISH``.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from config.access import OK, access_for

from .test_access import REQUESTABLE, SAMPLE_ARGUMENTS, promises_up_to_this_year  # noqa: F401

# English words that Django, crispy-forms and the third-party apps bring along; the Swedish
# interface shows none of them.
ENGLISH = [
    "Select an option",
    "Created",
    "Changed",
    "Deleted",
    "Access attempt",
    "Access attempts",
    "Access log",
    "Access logs",
    "Access failure",
    "Access failures",
    "Axes",
    "This field is required",
    "Enter a valid",
    "Submit",
    "Save",
    "Cancel",
    "Delete",
    "Search",
    "Log out",
    "Log in",
    "Previous",
    "Next",
    "Home",
]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")

STAFF_PAGES = sorted(
    name
    for name in REQUESTABLE
    if not name.startswith("admin:")
    and access_for(name).method == "GET"
    and (access_for(name).officer == OK or access_for(name).reader == OK)
    and not name.endswith(("_export", "_feed"))
    and name
    not in {
        "health",
        "health_alias",
        "api:progress",
        "api:area_progress",
        "promises:followup_export",
    }
)
ADMIN_PAGES = [
    ("admin:index", None),
    ("admin:axes_accessattempt_changelist", None),
    ("admin:axes_accesslog_changelist", None),
]


def visible_text(html: str) -> str:
    """What a reader sees or hears: text and the attributes read aloud, without scripts."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    spoken = " ".join(re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", " ", html)) + " " + unescape(spoken)


def english_in(response) -> list[str]:
    return sorted(set(PATTERN.findall(visible_text(response.content.decode()))))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", STAFF_PAGES)
def test_no_english_words_on_a_staff_page(url_name, role_client):
    role = "officer" if access_for(url_name).officer == OK else "reader"
    url = reverse(
        url_name, kwargs=SAMPLE_ARGUMENTS[url_name](role) if url_name in SAMPLE_ARGUMENTS else None
    )
    response = role_client(role).get(url)
    assert response.status_code == 200, url
    if "text/html" not in response.headers.get("Content-Type", ""):
        return
    assert english_in(response) == [], url


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "kwargs"), ADMIN_PAGES)
def test_no_english_words_in_the_admins_lists(url_name, kwargs, role_client):
    response = role_client("admin").get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    assert english_in(response) == []


def test_the_sweep_covers_the_staff_pages_and_finds_english():
    assert {"promises:dashboard", "weekend_ops:shift_create", "weekend_ops:shift_list"} <= set(
        STAFF_PAGES
    )

    class Page:
        content = b'<select><option value="">- Select an option -</option></select>Changed'

    assert english_in(Page()) == ["Changed", "Select an option"]
