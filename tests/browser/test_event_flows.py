"""Events in a real browser: merging two events in the desk, the public event page on a 390 px phone,
and linking a claim that repeats a checked one."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from claims.events.models import ClaimMatch, Event
from claims.models import Claim, Verdict
from claims.newsroom.ingest import ingest_article

from .conftest import assert_no_browser_problems, log_in, screenshot, watch_for_problems

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "event-flows-pass-1"
PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 12
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo", "--password", PASSWORD, stdout=StringIO())


def test_an_editor_merges_two_events_in_the_desk(page, demo):
    survivor = Event.objects.get(slug="kazakhstan-unrest-january-2022")
    duplicate = Event.objects.create(
        name="Protests in Zhanaozen", kind="unrest", place="Zhanaozen", key="unrest@zhanaozen"
    )
    Claim.objects.filter(pk=survivor.claims.order_by("pk").first().pk).update(event_record=duplicate)
    old_address = duplicate.get_absolute_url()
    log_in(page, "editor", PASSWORD)
    page.goto("/desk/events/")
    page.get_by_role("link", name="Unrest in Kazakhstan, January 2022").click()
    form = page.get_by_test_id("event-merge-form")
    form.get_by_label("Protests in Zhanaozen").check()
    form.get_by_role("button", name="Merge into").click()
    page.wait_for_url(f"**{survivor.get_desk_url()}")
    assert "Merged “Protests in Zhanaozen” into this event" in page.locator(".messages").inner_text()
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    assert (
        Event.objects.get(pk=survivor.pk).claims.count()
        == Claim.objects.filter(event_record=survivor).count()
    )
    # The merged event's public address leads to the survivor's page.
    page.goto(old_address)
    assert page.url.endswith(survivor.get_absolute_url())
    assert_no_browser_problems(page)


def test_the_event_page_fits_a_phone_and_works_without_javascript(chromium, live_server, demo):
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, device_scale_factor=1, java_script_enabled=False
    )
    watch_for_problems(context)
    page = context.new_page()
    assert page.goto("/events/kazakhstan-unrest-january-2022/").ok
    screenshot(page, "event-page-phone")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.report-chart svg text')].map(n => n.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= MIN_TEXT_PX
    # The chart's data as a table, opened without JavaScript (a <details> element).
    page.locator('[data-testid="event-measure-killed"] details.chart-data summary').click()
    assert page.get_by_test_id("report-table-killed").is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_an_editor_links_a_repeat_in_one_action(page, demo):
    verdict = Verdict.objects.get(
        is_published=True, claim__figures__measure="killed", claim__figures__low=164
    )
    text = verdict.claim.text
    ingest_article(
        f"Relayed toll\n\nAs reported earlier, {text}\n",
        publisher="Kazakh Herald",
        published_at=datetime(2022, 1, 16, 9, tzinfo=ALMATY),
    )
    verdicts_before = Verdict.objects.count()
    match = ClaimMatch.objects.filter(verdict=verdict).latest("pk")
    log_in(page, "editor", PASSWORD)
    page.goto("/desk/claims/?already_checked=on")
    page.locator(f'[data-claim-id="{match.claim_id}"] [data-testid="queue-claim-link"]').click()
    section = page.get_by_test_id("already-checked")
    assert verdict.headline in section.inner_text()
    section.get_by_test_id("match-repeats").first.click()
    page.wait_for_url("**#already-checked")
    assert "Linked" in page.get_by_test_id("already-checked").inner_text()
    match.refresh_from_db()
    assert match.status == ClaimMatch.Status.REPEATS
    assert Verdict.objects.count() == verdicts_before  # linked, not checked again
    assert_no_browser_problems(page)
