"""Values every page template needs; no database queries unless a template asks."""

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from promises import areas
from promises.permissions import OFFICER, has_role


def site(request):
    """The language switch (this page's URL in each language: chosen by the URL, no cookie),
    whether the user is an officer, and the policing area the portal serves (its name from the
    database, for the header and texts): both asked only by templates that need them."""
    path = request.get_full_path()
    return {
        "language_links": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
            }
            for code, _name in settings.LANGUAGES
        ],
        "is_officer": SimpleLazyObject(lambda: has_role(request.user, OFFICER)),
        "policing_area": getattr(request, "area", None),
        # Staff in several areas: the areas to switch between, and the one they work in now.
        "staff_areas": SimpleLazyObject(lambda: areas.staff_areas(request)),
        "staff_area": SimpleLazyObject(lambda: areas.staff_area(request)),
    }
