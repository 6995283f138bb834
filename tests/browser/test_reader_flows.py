"""A reader in a real browser: search as you type, a verdict page with its ClaimReview, the rating filter.

Every test ends by checking that no page it showed logged a console error or a CSP violation.
"""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import make_published_verdict

from .conftest import assert_no_browser_problems, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def query_of(url):
    return {name: values[-1] for name, values in parse_qs(urlsplit(url).query).items()}


def test_search_results_follow_the_typing_and_the_url(page):
    make_published_verdict(
        text="More than 1,000 people were injured in the clashes in Almaty, the ministry said.",
        headline="The injury count was the ministry's own",
    )
    make_published_verdict(
        text="Nearly 10,000 people were detained after the unrest, the police said.",
        headline="The detention figure kept growing",
    )
    page.goto("/search/")
    page.evaluate("window.__marker = 1")
    results = page.locator("#search-results .search-result")

    page.locator("#search-q").press_sequentially("injured", delay=20)
    page.wait_for_url(lambda url: query_of(url).get("q") == "injured")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("The injury count was the ministry's own")
    expect(page.locator("#search-status")).to_contain_text("1 result for “injured”")

    page.locator("#search-q").fill("detained")
    page.wait_for_url(lambda url: query_of(url).get("q") == "detained")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("The detention figure kept growing")
    assert page.evaluate("window.__marker") == 1, "the results came with a full page load"
    screenshot(page, "reader-search")
    assert_no_browser_problems(page)


def test_a_verdict_page_shows_its_rating_and_claimreview(page):
    verdict = make_published_verdict(
        text="More than 1,000 people were injured in the clashes in Almaty, the ministry said.",
        headline="The injury count was the ministry's own",
        rating="mostly_true",
    )
    page.goto(verdict.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("The injury count was the ministry's own")
    expect(page.locator(".summary")).to_contain_text("Our verdict: Mostly true.")

    scripts = page.locator('script[type="application/ld+json"]')
    expect(scripts).to_have_count(1)
    claimreview = json.loads(scripts.text_content())
    assert claimreview["@type"] == "ClaimReview"
    assert claimreview["claimReviewed"].startswith("More than 1,000 people were injured")
    assert claimreview["reviewRating"]["alternateName"] == "Mostly true"
    assert claimreview["url"].endswith(verdict.get_absolute_url())
    screenshot(page, "reader-verdict")
    assert_no_browser_problems(page)


def test_the_home_page_filters_by_rating_in_place(page):
    make_published_verdict(headline="The injury count holds up", rating="true")
    make_published_verdict(headline="The death toll was overstated", rating="false")
    make_published_verdict(headline="The detention figure is unproven", rating="unproven")
    page.goto("/")
    cards = page.locator("[data-testid=verdict-card]")
    expect(cards).to_have_count(3)
    page.evaluate("window.__marker = 1")

    page.select_option("#rating", "false")
    page.wait_for_url(lambda url: query_of(url).get("rating") == "false")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("The death toll was overstated")
    expect(cards.first.locator(".badge")).to_contain_text("False")
    expect(page.locator("#verdict-status")).to_have_text("1 published verdict matches these filters.")
    assert page.evaluate("window.__marker") == 1, "filtering reloaded the page"
    screenshot(page, "reader-home-filtered")
    assert_no_browser_problems(page)


def test_the_site_has_a_favicon(page):
    page.goto("/corrections/")
    icon_link = page.locator('link[rel~="icon"]')
    icon_url = icon_link.first.get_attribute("href") if icon_link.count() else "/favicon.ico"
    assert page.request.get(icon_url).ok
