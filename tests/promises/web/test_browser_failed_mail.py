"""In real Chromium: the page of mail that failed or is stuck, with no worker reporting, on a
phone, axe clean (issue 20)."""

import re
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from playwright.sync_api import expect

from config import demo
from portal import mail_queue
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_failed_and_stuck_mail_on_a_phone(portal, page, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_MAIL_ATTEMPTS = 1
    settings.PORTAL_READINESS_QUEUE_SECONDS = 0  # every waiting mail is overdue at once
    settings.PORTAL_WORKER_GONE_SECONDS = 0  # and the worker's last report is too old
    mail_queue.enqueue_message(EmailMessage(subject="Hej", body="Text", to=["a@example.org"]))
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=SMTPServerDisconnected("Connection unexpectedly closed"),
    ):
        call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    mail_queue.enqueue_message(EmailMessage(subject="Hej", body="Text", to=["b@example.org"]))

    officer = next(login for login in demo.DEMO_LOGINS if login.role == "officer")
    page.set_viewport_size(PHONE)
    page.goto(portal + "/konto/logga-in/?next=/personal/e-post/")
    page.get_by_label("Användarnamn").fill(officer.username)
    page.get_by_label("Lösenord").fill(officer.password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-post som inte kunde skickas")
    expect(page.get_by_role("alert")).to_contain_text(re.compile("Ingen e-post skickas"))
    expect(
        page.get_by_role("heading", level=2, name="E-post som har fastnat i kön")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Skicka igen")).to_have_count(2)
    assert_accessible(page)
    assert_fits_the_screen(page)

    page.get_by_role("button", name="Skicka igen").last.click()
    expect(page.get_by_text("Meddelandet skickas igen.")).to_be_visible()
    assert_accessible(page)
