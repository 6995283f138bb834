"""The ingest status page in a real browser: when its polling sees the analysis finish, the tab title and
the navigation's open-contradictions badge change with it, without a reload (issue 12)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_browser_problems
from .test_desk_flows import UNREST_ARTICLE, editor_page, open_badge_count, run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_title_and_the_badge_follow_the_finished_analysis(new_page):
    page = editor_page(new_page)
    page.goto("/desk/ingest/")
    page.fill("#id_paste-body", UNREST_ARTICLE)
    page.fill("#id_paste-published_at", "2022-01-05T16:00")
    page.click("#paste-submit")
    page.wait_for_url(re.compile(r"/desk/ingest/[^/]+/$"))
    expect(page).to_have_title(re.compile(r"^Ingest: Queued"))
    assert open_badge_count(page) == 0

    run_queued_tasks()
    expect(page.locator("#ingest-status")).to_have_attribute("data-state", "done")
    expect(page).to_have_title(re.compile(r"^Ingest: Done"))
    expect(page.locator("#open-contradictions-badge")).to_contain_text("1")
    assert open_badge_count(page) == 1
    assert page.locator("#open-contradictions-badge").count() == 1
    assert_no_browser_problems(page)
