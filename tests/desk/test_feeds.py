"""The desk's watched-feeds page: the list and its empty state, add and edit, pause and resume, arrivals."""

import pytest
from django.utils import timezone

from claims.inflow.models import DeskVisit, FeedItem, WatchedFeed
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def test_an_empty_list_says_how_to_start(client, editor):
    body = client.get("/desk/feeds/").content.decode()
    assert 'data-testid="feeds-empty"' in body and "Watch a feed" in body


def test_the_list_shows_each_feeds_health(client, editor, django_assert_max_num_queries):
    source = make_source("Agency Wire")
    WatchedFeed.objects.create(
        url="https://agency.example/rss", source=source, title="Agency wire", items_found=7
    )
    failing = WatchedFeed.objects.create(url="https://broken.example/rss", source=source)
    failing.record_failure("The server answered 500 instead of the page.")
    failing.record_failure("The server answered 500 instead of the page.")
    for n in range(13):  # more feeds cost no more queries
        WatchedFeed.objects.create(url=f"https://more.example/{n}", source=make_source())
    with django_assert_max_num_queries(14):
        body = client.get("/desk/feeds/").content.decode()
    assert body.count('data-testid="feed-row"') == 15
    assert "7 in all" in body and "due now" in body and "Agency Wire" in body
    assert "Failing (2 polls in a row):</strong> The server answered 500 instead of the page." in body
    assert "None" not in body


def test_an_editor_adds_a_feed_with_its_source(client, editor, local_site):
    base = local_site({"/rss": ("application/rss+xml", "<rss/>")})
    source = make_source("Ministry of Health")
    response = client.post(
        "/desk/feeds/new/", {"url": f"{base}/rss", "source": source.pk, "interval_minutes": 30}
    )
    assert response.status_code == 302
    feed = WatchedFeed.objects.get()
    assert (feed.source, feed.interval_minutes, feed.added_by) == (source, 30, editor)


@pytest.mark.parametrize(
    ("url", "interval", "message"),
    [
        ("ftp://agency.example/rss", 15, "Only http:// and https:// addresses can be fetched"),
        ("http://127.0.0.1/rss", 15, "not on the public internet"),
        ("https://agency.example/rss", 0, "Poll every 1 to 1440 minutes"),
        ("https://agency.example/rss", 100000, "Poll every 1 to 1440 minutes"),
    ],
)
def test_a_bad_feed_is_refused_with_a_clear_error(client, editor, url, interval, message, monkeypatch):
    # Host names resolve to a public address here; an address literal stays what it is.
    monkeypatch.setattr(
        "claims.newsroom.fetching.resolve",
        lambda host, port, timeout: [host if host[0].isdigit() else "93.184.215.14"],
    )
    source = make_source()
    response = client.post(
        "/desk/feeds/new/", {"url": url, "source": source.pk, "interval_minutes": interval}
    )
    assert response.status_code == 422 and message in response.content.decode()
    assert WatchedFeed.objects.count() == 0


def test_an_editor_edits_a_feed(client, editor, monkeypatch):
    monkeypatch.setattr("claims.newsroom.fetching.resolve", lambda host, port, timeout: ["93.184.215.14"])
    feed = WatchedFeed.objects.create(url="https://agency.example/rss", source=make_source())
    other = make_source("Other")
    page = client.get(f"/desk/feeds/{feed.pk}/")
    assert "https://agency.example/rss" in page.content.decode()
    client.post(
        f"/desk/feeds/{feed.pk}/",
        {"url": "https://agency.example/atom", "source": other.pk, "interval_minutes": 5},
    )
    feed.refresh_from_db()
    assert (feed.url, feed.source, feed.interval_minutes) == ("https://agency.example/atom", other, 5)


def test_pause_and_resume_in_place_with_htmx_and_without(client, editor):
    feed = WatchedFeed.objects.create(url="https://agency.example/rss", source=make_source())
    fragment = client.post(
        f"/desk/feeds/{feed.pk}/pause/", {"action": "pause"}, headers={"HX-Request": "true"}
    )
    body = fragment.content.decode()
    assert fragment.status_code == 200 and body.lstrip().startswith("<li") and "Resume polling" in body
    assert WatchedFeed.objects.get().is_paused
    plain = client.post(f"/desk/feeds/{feed.pk}/pause/", {"action": "resume"})
    assert plain.status_code == 302 and not WatchedFeed.objects.get().is_paused


def test_articles_from_feeds_say_where_they_came_from(client, editor):
    feed = WatchedFeed.objects.create(
        url="https://agency.example/rss", source=make_source("Agency"), title="Agency wire"
    )
    article = make_article()
    FeedItem.objects.create(feed=feed, url="https://agency.example/1", article=article)
    body = client.get(article.get_absolute_url()).content.decode()
    assert "From the feed" in body and "Agency wire" in body


def test_the_desk_home_counts_what_arrived_since_the_editor_last_looked(client, editor):
    feed = WatchedFeed.objects.create(url="https://agency.example/rss", source=make_source())
    FeedItem.objects.create(feed=feed, url="https://agency.example/1", article=make_article())
    assert "1 new article from watched feeds" in client.get("/desk/").content.decode()
    client.get("/desk/feeds/")
    assert "Nothing new from the watched feeds" in client.get("/desk/").content.decode()
    FeedItem.objects.create(
        feed=feed, url="https://agency.example/2", article=make_article(), found_at=timezone.now()
    )
    FeedItem.objects.create(feed=feed, url="https://agency.example/3")  # not ingested yet: not counted
    assert "1 new article from watched feeds" in client.get("/desk/").content.decode()
    assert DeskVisit.objects.count() == 1
