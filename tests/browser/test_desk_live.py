"""Two editors at once: each one's board follows the other's actions without a reload, a half-written
note is never replaced under the editor typing it, and the workspace says who else has the claim open."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_claim, make_contradiction, make_editor

from .conftest import assert_no_browser_problems, log_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long enough password"


def editor_page(new_page, username):
    make_editor(username, password=PASSWORD)
    page = new_page()
    log_in(page, username, PASSWORD)
    return page


def two_contradictions():
    return [
        make_contradiction(
            make_claim(make_article(body=f"Nearly {n} people were in hospital, doctors said.")),
            make_claim(make_article(body=f"About {n // 2} were in hospital, the ministry said.")),
        )
        for n in (400, 200)
    ]


@pytest.fixture
def fast_polls(settings):
    settings.DESK_POLL_SECONDS = 1


def test_a_board_follows_another_editors_action_within_the_polling_interval(new_page, fast_polls):
    two_contradictions()
    lena, marat = editor_page(new_page, "lena"), editor_page(new_page, "marat")
    lena.goto("/desk/contradictions/")
    marat.goto("/desk/contradictions/")
    expect(lena.locator("[data-testid=board-count]")).to_have_text("2 contradictions open")

    marat.locator("[data-testid=contradiction-dismiss]").first.click()
    expect(marat.locator("#open-contradictions-badge")).to_have_text(re.compile(r"^\s*1\b"))
    # Lena did nothing: her board and her badge catch up on their own.
    expect(lena.locator("[data-testid=board-count]")).to_have_text("1 contradiction open", timeout=3_000)
    expect(lena.locator("#open-contradictions-badge")).to_have_text(re.compile(r"^\s*1\b"), timeout=3_000)
    expect(lena.locator("[data-testid=contradiction-card]")).to_have_count(1)
    assert_no_browser_problems(lena)


def test_a_half_written_note_is_not_replaced_by_a_poll(new_page, fast_polls):
    two_contradictions()
    lena, marat = editor_page(new_page, "lena"), editor_page(new_page, "marat")
    lena.goto("/desk/contradictions/")
    marat.goto("/desk/contradictions/")
    card = lena.locator("[data-testid=contradiction-card]").last
    card.locator("[data-testid=contradiction-explain-toggle]").click()
    card.locator("textarea").fill("Different hospitals were counted")
    lena.locator("h1").click()  # the note is no longer focused, but it is still half-written

    marat.locator("[data-testid=contradiction-dismiss]").first.click()
    expect(marat.locator("[data-testid=board-count]")).to_have_text("1 contradiction open")
    lena.wait_for_timeout(3_000)  # three polling intervals
    expect(lena.locator("textarea").last).to_have_value("Different hospitals were counted")
    expect(lena.locator("[data-testid=board-count]")).to_have_text("2 contradictions open")


def test_the_workspace_says_who_else_has_the_claim_open(new_page):
    claim = make_claim()
    lena, marat = editor_page(new_page, "lena"), editor_page(new_page, "marat")
    lena.goto(claim.get_absolute_url())
    expect(lena.locator("[data-testid=claim-presence]")).to_have_text("")
    marat.goto(claim.get_absolute_url())
    expect(marat.locator("[data-testid=claim-presence]")).to_have_text("lena is looking at this claim.")
    assert_no_browser_problems(marat)
