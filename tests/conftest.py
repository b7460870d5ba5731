"""Shared fixtures: a user per role, and the Chromium that browser tests drive."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.promises.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; live_server needs the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI") == "true"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's sync API leaves an event loop in the test thread, in
    which Django's async_to_sync (used by the readiness checks) refuses to run. They skip only
    outside CI when there is no Chromium; in CI they must run."""
    items.sort(key=lambda item: "browser" in item.keywords)  # stable: keeps the order otherwise
    if CHROMIUM.exists():
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true, but no Chromium at {CHROMIUM}: browser tests must run")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (outside CI); they run in CI")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Reduced motion: Bootstrap then opens the folded menu at once, so no click lands on a link
    that is still sliding into place."""
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role="officer")


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", role="reader")


@pytest.fixture
def superuser(db):
    return UserFactory(username="superuser", role="admin")


@pytest.fixture
def approver(db):
    return UserFactory(username="approver", role="approver", first_name="Eva", last_name="Chef")


@pytest.fixture
def in_an_area():
    """Puts a user in a policing area (Farsta), as the site's staff pages ask of everyone who
    signs in: the platform's tests (tests/portal/) import nothing of the core, so they ask here."""
    from tests.promises.factories import PolicingAreaFactory

    def put(user):
        PolicingAreaFactory().staff.add(user)
        return user

    return put


@pytest.fixture
def role_client(client, officer, reader, superuser, approver):
    """A test client logged in as the given role (anonymous and partner: not logged in)."""

    def for_role(role: str):
        users = {"officer": officer, "reader": reader, "admin": superuser, "approver": approver}
        if role in users:
            client.force_login(users[role])
        else:
            client.logout()
        return client

    return for_role


@pytest.fixture(autouse=True)
def swedish_by_default():
    """Each test starts in Swedish: a request under /en/ leaves English active in the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests (live server, concurrency) start from an emptied database: load the
    reference data again (as the data migrations wrote it)."""
    from tests import reference_data as reference

    reference.load()


@pytest.fixture
def portal(live_server, reference_data):
    """A live portal with the demo data (both demo areas), for browser journeys: its URL."""
    from config import demo

    demo.seed()
    return live_server.url


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached public pages must not leak from one test into the next."""
    from django.core.cache import cache

    from portal import public_cache

    cache.clear()
    public_cache.forget()
    yield
    cache.clear()
    public_cache.forget()
