"""Editors' flows on the desk in a real browser: htmx swaps, pushed URLs, conflicts and live previews.

The background analysis runs the way it does in production: the ingest view enqueues it on the database
queue (django_tasks_db, the configured `settings.TASKS`) and the status page polls until it is done. The
test plays the worker's part: once the page shows the article queued, it runs django_tasks_db's `Worker`
in batch mode in the test's own thread, as `manage.py db_worker --batch` would. That keeps the real
queue, the real status page and its polling, without a second thread writing to the database at the same
time as the live server (on SQLite the live server shares the test's in-memory database connection).

Every test ends by checking that no page it showed logged a console error or a CSP violation.
"""

import re
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from claims.models import Claim, Contradiction, Evidence, Verdict
from tests.factories import (
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_figure,
    make_verdict,
)

from .conftest import assert_no_browser_problems, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough password"
ALMATY = ZoneInfo("Asia/Almaty")

# Written for these tests, in the manner of the January 2022 reports from Kazakhstan.
UNREST_ARTICLE = """Clashes in Almaty as fuel protests spread

More than 100 protesters injured

Police in Almaty fired stun grenades at crowds that had gathered in the main square on Wednesday evening, witnesses said.

More than 1,000 people have been injured in the clashes, the health ministry said on state television.

The cabinet resigned earlier in the day after the price of liquefied gas doubled at the start of the year.

Internet access was cut across the country for most of the night, according to a monitoring group.
"""

# htmx swaps 409 (a conflicting edit) and 422 (invalid input) on purpose; Chromium still logs the status.
EXPECTED_CONFLICT_STATUS = r"status of 409 \(Conflict\) \(http://[^)]+/desk/claims/\d+/verdict/\)"


def editor_page(new_page, username="lena"):
    make_editor(username, password=PASSWORD)
    page = new_page()
    log_in(page, username, PASSWORD)
    return page


def open_badge_count(page):
    """The number in the navigation's open-contradictions badge ("3 open" read as 3)."""
    return int(re.match(r"\s*(\d+)", page.locator("#open-contradictions-badge").text_content()).group(1))


def run_queued_tasks():
    """Work the database queue until it is empty, as `manage.py db_worker --batch` does."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    ).run()


def query_of(url):
    return {name: values[-1] for name, values in parse_qs(urlsplit(url).query).items()}


# --- 1. Ingest, then settle the contradiction it finds --------------------------------------------------


def test_an_ingested_contradiction_is_explained_in_place_on_the_board(new_page):
    # Another open contradiction, so that the badge has something left after the explained one.
    make_contradiction(
        make_claim(make_article(body="Nearly 400 people were in hospital, the deputy minister said.")),
        make_claim(make_article(body="About 200 people were in hospital on Friday, doctors said.")),
    )
    page = editor_page(new_page)

    page.goto("/desk/ingest/")
    page.fill("#id_paste-body", UNREST_ARTICLE)
    page.fill("#id_paste-title", "Clashes in Almaty as fuel protests spread")
    page.fill("#id_paste-publisher", "Steppe Herald")
    page.fill("#id_paste-published_at", "2022-01-05T16:00")
    screenshot(page, "desk-ingest-filled")
    page.click("#paste-submit")

    page.wait_for_url(re.compile(r"/desk/ingest/[^/]+/$"))
    status = page.locator("#ingest-status")
    expect(status).to_have_attribute("data-state", "queued")
    run_queued_tasks()
    expect(status).to_have_attribute("data-state", "done")  # the page's own polling noticed
    expect(page.locator("#ingest-outcome")).to_contain_text("1 new contradiction")
    screenshot(page, "desk-ingest-done")

    page.click("[data-testid=nav-contradictions]")
    page.wait_for_url("**/desk/contradictions/")
    card = page.locator("[data-testid=contradiction-card]").filter(has_text="More than 1,000 people")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading")).to_contain_text("More than 100")
    expect(card).to_have_attribute("data-status", "open")
    expect(page.locator("[data-testid=contradiction-card]")).to_have_count(2)
    assert open_badge_count(page) == 2

    page.evaluate("window.__marker = 1")
    board_url = page.url
    card.locator("[data-testid=contradiction-explain-toggle]").click()
    card.get_by_label("Why the figures differ").select_option(label="A different scope")
    card.get_by_label("Note").fill("The subheading counts protesters; the ministry counts everyone hurt.")
    card.locator("[data-testid=contradiction-explain]").click()

    card = page.locator("[data-testid=contradiction-card]").filter(has_text="More than 1,000 people")
    expect(card).to_have_attribute("data-status", "explained")
    expect(card.locator("[data-testid=contradiction-resolution]")).to_contain_text("a different scope")
    expect(card.locator("[data-testid=contradiction-resolution]")).to_contain_text("counts protesters")
    expect(page.locator("#open-contradictions-badge")).to_have_text(re.compile(r"^\s*1\b"))
    expect(page.locator("#board-announcer")).to_have_text("Marked as explained")
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert page.url == board_url
    explained = Contradiction.objects.get(status=Contradiction.Status.EXPLAINED)
    assert explained.resolution == Contradiction.Explanation.SCOPE
    screenshot(page, "desk-board-explained")
    assert_no_browser_problems(page)


# --- 2. Queue filters and the Back button ---------------------------------------------------------------


def make_queue():
    article = make_article(title="Almaty report")
    return {
        "grenades": make_claim(
            article, "Police fired stun grenades at the crowd.", status=Claim.Status.IN_REVIEW
        ),
        "airport": make_claim(
            article, "Protesters took over the airport for a day.", status=Claim.Status.IN_REVIEW
        ),
        "new": make_claim(article, "Stun grenades were heard across the city.", status=Claim.Status.NEW),
    }


def shown_claim_ids(page):
    return set(
        page.locator("[data-testid=queue-row]").evaluate_all("rows => rows.map(r => r.dataset.claimId)")
    )


def test_queue_filters_follow_the_url_and_come_back_with_the_back_button(new_page):
    claims = make_queue()
    ids = {name: str(claim.pk) for name, claim in claims.items()}
    page = editor_page(new_page)
    page.goto("/desk/claims/")
    expect(page.locator("[data-testid=queue-row]")).to_have_count(3)
    page.evaluate("window.__marker = 1")

    page.select_option("#queue-filter-status", "in_review")
    page.wait_for_url(lambda url: query_of(url).get("status") == "in_review")
    expect(page.locator("[data-testid=queue-row]")).to_have_count(2)
    assert shown_claim_ids(page) == {ids["grenades"], ids["airport"]}

    page.fill("#queue-filter-q", "grenades")
    page.wait_for_url(lambda url: query_of(url).get("q") == "grenades")
    expect(page.locator("[data-testid=queue-row]")).to_have_count(1)
    assert shown_claim_ids(page) == {ids["grenades"]}
    assert page.evaluate("window.__marker") == 1, "filtering reloaded the page"
    screenshot(page, "desk-queue-filtered")

    page.go_back()
    page.wait_for_url(lambda url: query_of(url).get("status") == "in_review" and not query_of(url).get("q"))
    expect(page.locator("[data-testid=queue-row]")).to_have_count(2)
    assert shown_claim_ids(page) == {ids["grenades"], ids["airport"]}
    expect(page.locator("#queue-filter-status")).to_have_value("in_review")
    expect(page.locator("#queue-filter-q")).to_have_value("")
    expect(page.locator("#queue-announcer")).to_contain_text("2 claims")
    screenshot(page, "desk-queue-back")
    assert_no_browser_problems(page)


# --- 3. Two editors, one verdict ------------------------------------------------------------------------


def test_a_second_editor_sees_the_conflict_keeps_their_text_and_can_save_again(new_page):
    claim = make_claim(text="More than 1,000 people were injured.", status=Claim.Status.VERDICT_DRAFTED)
    verdict = make_verdict(claim, headline="The count holds up", summary="The ministry said so on TV.")
    first = editor_page(new_page, "lena")
    second = editor_page(new_page, "marat")
    for page in (first, second):
        page.goto(f"/desk/claims/{claim.pk}/")
        expect(page.locator("#id_headline")).to_have_value("The count holds up")

    first.fill("#id_headline", "The count was later revised")
    first.click("#verdict-save")
    expect(first.locator("[data-testid=workspace-notice]")).to_have_text("Verdict saved.")

    second.fill("#id_headline", "The count is the ministry's own")
    second.fill("#id_summary", "Only the health ministry gave this figure.")
    second.click("#verdict-save")
    expect(second.locator("#verdict-conflict")).to_be_visible()
    expect(second.locator("#verdict-conflict")).to_contain_text("lena")
    expect(second.locator("#id_headline")).to_have_value("The count is the ministry's own")
    expect(second.locator("#id_summary")).to_have_value("Only the health ministry gave this figure.")
    screenshot(second, "desk-verdict-conflict")
    assert Verdict.objects.get(pk=verdict.pk).headline == "The count was later revised"

    second.click("#verdict-save")
    expect(second.locator("[data-testid=workspace-notice]")).to_have_text("Verdict saved.")
    expect(second.locator("#verdict-conflict")).to_have_count(0)
    verdict.refresh_from_db()
    assert (verdict.headline, verdict.summary) == (
        "The count is the ministry's own",
        "Only the health ministry gave this figure.",
    )
    assert_no_browser_problems(first)
    assert_no_browser_problems(second, allowed=[EXPECTED_CONFLICT_STATUS])


# --- 4. Bulk actions in the queue -----------------------------------------------------------------------


def test_ticked_rows_are_assigned_in_bulk_with_a_polite_announcement(new_page):
    claims = make_queue()
    page = editor_page(new_page)
    page.goto("/desk/claims/")
    page.check(f"#claim-{claims['grenades'].pk}-select")
    page.check(f"#claim-{claims['airport'].pk}-select")
    page.click("[data-testid=bulk-assign-me]")

    announcer = page.locator("#queue-announcer")
    expect(announcer).to_contain_text("2 assigned to you")
    expect(announcer).to_have_attribute("aria-live", "polite")
    for name in ("grenades", "airport"):
        expect(page.locator(f"#claim-row-{claims[name].pk} td").nth(4)).to_have_text("You")
    expect(page.locator(f"#claim-row-{claims['new'].pk} td").nth(4)).to_have_text("Unassigned")
    screenshot(page, "desk-queue-bulk-assigned")
    assert set(Claim.objects.filter(assignee__username="lena").values_list("pk", flat=True)) == {
        claims["grenades"].pk,
        claims["airport"].pk,
    }
    assert_no_browser_problems(page)


# --- 5. Evidence from a page on a local server ----------------------------------------------------------

MINISTRY_PAGE = """<!doctype html><html><head><title>Health ministry statement</title></head><body>
<h1>Statement</h1><p>More than 1,000 people have been injured in the clashes, the ministry said.</p>
</body></html>"""


@pytest.fixture
def ministry_site(local_site):
    """A local web server with the ministry's statement at two addresses."""
    page = ("text/html; charset=utf-8", MINISTRY_PAGE)
    return local_site({"/statement.html": page, "/other.html": page})


def add_evidence_in_form(page, url, quote):
    page.fill("#id_source_name", "Health ministry")
    page.fill("#id_url", url)
    page.fill("#id_quote", quote)
    page.click("#evidence-add")


def test_evidence_is_archived_by_the_queue_and_its_quote_checked(new_page, ministry_site):
    claim = make_claim(text="More than 1,000 people were injured.", status=Claim.Status.IN_REVIEW)
    page = editor_page(new_page)
    page.goto(f"/desk/claims/{claim.pk}/")
    items = page.locator("[data-testid=evidence-item]")

    add_evidence_in_form(page, f"{ministry_site}/statement.html", "More than 1,000 people have been injured")
    expect(items).to_have_count(1)
    expect(items.first.locator("[data-testid=evidence-archiving]")).to_have_text("Archiving…")
    expect(page.locator("[data-testid=workspace-notice]")).to_contain_text("the page is being archived")
    add_evidence_in_form(page, f"{ministry_site}/other.html", "Nobody was hurt in Almaty")
    expect(items).to_have_count(2)

    run_queued_tasks()  # the worker's part; the items poll and show the outcome on their own
    expect(items.first).to_contain_text("Archived", timeout=5000)
    expect(items.first).to_contain_text("Quote found in the page")
    not_found = items.filter(has_text="Nobody was hurt")
    expect(not_found).to_contain_text("Archived", timeout=5000)
    expect(not_found.locator("[data-testid=quote-not-found]")).to_contain_text("Quote not found")
    screenshot(page, "desk-evidence")
    assert sorted(Evidence.objects.values_list("quote_verified", flat=True)) == [False, True]

    # Edited in place: the form opens in the item and the saved item comes back.
    items.first.locator("[data-testid=evidence-edit-link]").click()
    edit = page.locator("[data-testid=evidence-edit]")
    expect(edit).to_be_visible()
    edit.locator("textarea[name$=quote]").fill("More than 1,000 people")
    edit.locator("[data-testid=evidence-save]").click()
    expect(page.locator("[data-testid=workspace-notice]")).to_contain_text("Evidence saved.")
    expect(items.first).to_contain_text("Quote found in the page")
    assert_no_browser_problems(page)


# --- 6. The verdict preview keeps scripts out -----------------------------------------------------------


def test_the_live_preview_formats_markdown_and_drops_scripts(new_page):
    claim = make_claim(text="More than 1,000 people were injured.", status=Claim.Status.IN_REVIEW)
    make_figure(claim)
    page = editor_page(new_page)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"/desk/claims/{claim.pk}/")

    page.locator("#id_explanation").press_sequentially(
        "The **ministry** said so. <script>alert(1)</script> See [x](javascript:alert(1)).", delay=5
    )
    preview = page.locator("#verdict-preview")
    expect(preview.locator("strong")).to_have_text("ministry")
    expect(preview).to_contain_text("See x")
    assert page.locator("#verdict-preview script").count() == 0
    assert page.locator('#verdict-preview a[href^="javascript"]').count() == 0
    assert page.locator("#verdict-preview [onclick], #verdict-preview [onerror]").count() == 0
    screenshot(page, "desk-verdict-preview")
    assert dialogs == []
    assert_no_browser_problems(page)


def test_the_preview_button_shows_the_preview_and_keeps_the_editor(new_page):
    claim = make_claim(text="More than 1,000 people were injured.", status=Claim.Status.IN_REVIEW)
    page = editor_page(new_page)
    page.goto(f"/desk/claims/{claim.pk}/")
    page.locator("#id_headline").fill("Injuries: the count is right")
    page.locator("#id_explanation").fill("The **ministry** said so.")
    page.locator("#verdict-preview-button").click()

    expect(page.locator("#verdict-preview .explanation strong")).to_have_text("ministry")
    expect(page.locator("#verdict-form")).to_be_visible()
    expect(page.locator("#id_headline")).to_have_value("Injuries: the count is right")
    expect(page.locator("#verdict-save")).to_be_visible()
    assert_no_browser_problems(page)


def test_the_board_count_follows_an_action_taken_in_place(new_page):
    for hospital_count in (400, 200):
        make_contradiction(
            make_claim(make_article(body=f"Nearly {hospital_count} people were in hospital, doctors said.")),
            make_claim(
                make_article(body=f"About {hospital_count // 2} were in hospital, the ministry said.")
            ),
        )
    page = editor_page(new_page)
    page.goto("/desk/contradictions/")
    expect(page.locator("[data-testid=board-count]")).to_have_text("2 contradictions open")
    page.locator("[data-testid=contradiction-dismiss]").first.click()
    expect(page.locator("#open-contradictions-badge")).to_have_text(re.compile(r"^\s*1\b"))
    expect(page.locator("[data-testid=board-count]")).to_have_text("1 contradiction open", timeout=2_000)
