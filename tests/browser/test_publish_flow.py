"""Publishing in a real browser: the confirmation a risky publish asks for, with htmx and without JavaScript,
and the link to the public page afterwards."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Verdict
from tests.factories import make_claim, make_contradiction, make_editor, make_verdict

from .conftest import assert_no_browser_problems, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough password"
# htmx swaps 422 on purpose (the confirmation); Chromium still logs the status.
EXPECTED_CONFIRMATION_STATUS = (
    r"status of 422 \(Unprocessable Content\) \(http://[^)]+/desk/claims/\d+/publish/\)"
)


def risky_claim():
    """A claim in review with a drafted verdict, one open high-severity contradiction and no evidence."""
    editor = make_editor("lena", password=PASSWORD)
    claim = make_claim()
    claim.start_review(by=editor)
    make_verdict(claim, author=editor, headline="The injury count holds up")
    make_contradiction(claim, make_claim(), severity="high")
    return claim


def test_a_risky_publish_asks_then_publishes_and_links_to_the_public_page(page):
    claim = risky_claim()
    log_in(page, "lena", PASSWORD)
    page.goto(claim.get_absolute_url())
    page.get_by_test_id("publish-verdict").click()

    confirm = page.get_by_test_id("publish-confirm")
    expect(confirm).to_contain_text(
        "This claim has 1 open high-severity contradiction and no evidence. Publish anyway?"
    )
    expect(confirm).to_be_focused()
    assert not Verdict.objects.get(claim=claim).is_published
    screenshot(page, "desk-publish-confirmation")

    page.get_by_test_id("publish-anyway").click()
    notice = page.get_by_test_id("workspace-notice")
    expect(notice).to_contain_text("Published — view it on the public site")
    expect(page.get_by_test_id("claim-status")).to_have_text("Published")
    expect(page.get_by_test_id("publication-state")).to_contain_text("Public: version 1, published")

    notice.get_by_role("link", name="view it on the public site").click()
    expect(page.locator("h1")).to_have_text("The injury count holds up")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert_no_browser_problems(page, allowed=[EXPECTED_CONFIRMATION_STATUS])


def test_the_confirmation_works_without_javascript(chromium, live_server):
    claim = risky_claim()
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        log_in(page, "lena", PASSWORD)
        page.goto(claim.get_absolute_url())
        page.get_by_test_id("publish-verdict").click()
        expect(page.get_by_test_id("publish-confirm")).to_contain_text("Publish anyway?")
        assert not Verdict.objects.get(claim=claim).is_published

        page.get_by_test_id("publish-anyway").click()
        expect(page.locator(".messages")).to_contain_text("Published — view it on the public site")
        page.locator(".messages").get_by_role("link", name="view it on the public site").click()
        expect(page.locator("h1")).to_have_text("The injury count holds up")
    finally:
        context.close()


def test_the_conflict_table_fits_its_card_on_a_phone(chromium, live_server):
    make_editor("lena", password=PASSWORD)
    claim = make_claim(status=Claim.Status.VERDICT_DRAFTED)
    verdict = make_verdict(claim, headline="Opened headline", summary="Opened summary " * 8)
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        log_in(page, "lena", PASSWORD)
        page.goto(claim.get_absolute_url())
        verdict.save_edit(
            1, by=make_editor("editor2"), headline="Their headline", summary="Their summary " * 8
        )
        page.fill("#id_headline", "My headline")
        page.click("#verdict-save")
        conflict = page.get_by_test_id("verdict-conflict")
        expect(conflict).to_be_visible()
        expect(page.get_by_test_id("workspace-notice")).to_have_text(
            "The verdict was not saved: another editor saved it first."
        )
        expect(page.get_by_test_id("verdict-version")).to_contain_text("Version 2 · by editor2")
        overflow = conflict.evaluate("element => element.scrollWidth - element.clientWidth")
        assert overflow <= 0
        page_overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert page_overflow <= 0
        screenshot(page, "desk-verdict-conflict-phone")
    finally:
        context.close()
