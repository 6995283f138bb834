"""A reader and an editor in a real browser: pages render, htmx loads under the CSP, login works."""

import pytest

from tests.factories import make_editor, make_verdict

from .conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_sees_published_verdicts_without_csp_errors(page):
    verdict = make_verdict(headline="The injured count was understated")
    verdict.claim.move_to("in_review")
    verdict.publish()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/")
    assert page.get_by_role("heading", name="The injured count was understated").is_visible()
    assert page.evaluate("typeof window.htmx") == "object"
    screenshot(page, "home")
    assert not [e for e in errors if "Content Security Policy" in e]


def test_an_editor_logs_in_and_sees_the_desk_counts(page):
    make_editor("lena", password="a long enough password")
    log_in(page, "lena", "a long enough password")
    assert page.get_by_role("heading", name="Claims by status").is_visible()
    screenshot(page, "desk-home")
