"""Feeds, the sitemap and robots.txt: machine-readable, and only ever published verdicts."""

from xml.etree import ElementTree

import pytest

from claims.models import Source
from tests.factories import (
    make_draft_verdict,
    make_published_verdict,
    make_source,
    reopen_and_edit,
    republish,
    withdraw,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_atom_feed_parses_and_lists_only_published_verdicts(client):
    published = make_published_verdict(headline="Published one")
    make_draft_verdict(headline="Draft one")
    response = client.get("/feeds/verdicts.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Mostly true: Published one"]
    link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.endswith(published.get_absolute_url())
    assert b"Draft one" not in response.content


def test_rss_feed_parses_and_lists_only_published_verdicts(client):
    make_published_verdict(headline="Published one")
    make_draft_verdict(headline="Draft one")
    response = client.get("/feeds/verdicts.rss")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Mostly true: Published one"]
    assert items[0].findtext("category") == "Mostly true"
    assert b"Draft one" not in response.content


def test_feed_entry_updated_date_follows_a_correction(client):
    verdict = make_published_verdict()
    republish(verdict, "Typo.", summary="Revised summary.")
    feed = ElementTree.fromstring(client.get("/feeds/verdicts.atom").content)
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}updated") != entry.findtext(f"{ATOM}published")


def test_feed_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(3):
        make_published_verdict()
    with django_assert_max_num_queries(4):
        client.get("/feeds/verdicts.atom")
    for _ in range(30):
        make_published_verdict()
    with django_assert_max_num_queries(4):
        client.get("/feeds/verdicts.atom")


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_sitemap_lists_published_verdicts_and_their_sources_only(client, settings):
    settings.SITE_URL = "https://factcheck.example"
    minister = make_source("Published Minister", kind=Source.Kind.PERSON)
    published = make_published_verdict(speaker=minister)
    draft = make_draft_verdict()
    draft_speaker = make_source("Draft Speaker")
    draft.claim.speaker = draft_speaker
    draft.claim.save()
    locations = sitemap_locations(client)
    assert f"https://factcheck.example{published.get_absolute_url()}" in locations
    assert f"https://factcheck.example{minister.get_absolute_url()}" in locations
    assert f"https://factcheck.example{published.claim.article.publisher.get_absolute_url()}" in locations
    assert not any(draft.slug in location for location in locations)
    assert not any(draft_speaker.slug in location for location in locations)
    assert "https://factcheck.example/" in locations


def test_robots_txt_disallows_the_desk_hides_the_admin_path_and_points_to_the_sitemap(client, settings):
    settings.SITE_URL = "https://factcheck.example"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /desk/" in lines
    assert not any(settings.ADMIN_PATH in line for line in lines)  # the path is configurable to stay unlisted
    assert "Sitemap: https://factcheck.example/sitemap.xml" in lines


def test_feeds_and_sitemap_show_the_published_version_of_a_reopened_verdict(client):
    verdict = make_published_verdict(headline="Published one")
    reopen_and_edit(verdict, headline="Draft in progress")
    for path in ("/feeds/verdicts.atom", "/feeds/verdicts.rss"):
        content = client.get(path).content
        assert b"Published one" in content and b"Draft in progress" not in content
    assert any(verdict.slug in location for location in sitemap_locations(client))


def test_a_draft_edit_does_not_change_the_sitemap_lastmod(client):
    verdict = make_published_verdict()
    before = client.get("/sitemap.xml").content
    reopen_and_edit(verdict, summary="Draft summary.")
    assert client.get("/sitemap.xml").content == before


def test_withdrawn_verdicts_leave_the_feeds_and_the_sitemap(client):
    kept = make_published_verdict(headline="Still standing")
    gone = make_published_verdict(headline="Withdrawn one")
    withdraw(gone, "The statement was retracted.")
    for path in ("/feeds/verdicts.atom", "/feeds/verdicts.rss"):
        content = client.get(path).content
        assert b"Still standing" in content and b"Withdrawn one" not in content
    locations = sitemap_locations(client)
    assert any(kept.slug in location for location in locations)
    assert not any(gone.slug in location for location in locations)
