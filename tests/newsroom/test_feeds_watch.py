"""Watched feeds: polled with conditional requests, each new item ingested once, failures backed off."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.inflow.models import FeedItem, WatchedFeed
from claims.inflow.polling import claim_due_feeds, poll_due_feeds, poll_feed
from claims.models import Article
from tests.factories import make_source

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

ARTICLE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>The ministry said on Tuesday that more than {n} people were injured in the clashes in Northtown.</p>
<p>Officials said {n} people were taken to hospital after the clashes, the agency reported.</p>
</article></body></html>"""


def rss(base, paths):
    items = "".join(
        f"<item><title>Report {i}</title><link>{base}{path}</link><guid>{base}{path}</guid></item>"
        for i, path in enumerate(paths)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Agency wire</title>
<link>{base}/</link><description>wire</description>{items}</channel></rss>"""


class FeedSite:
    """A loopback site serving one feed with an ETag (304 when it matches) and the articles it lists."""

    def __init__(self):
        self.pages, self.feed_paths, self.requests = {}, [], []
        self.feed_status = 200
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/feed.xml":
                    if site.feed_status != 200:
                        self.send_error(site.feed_status)
                        return
                    body = rss(site.base, site.feed_paths).encode()
                    etag = f'"v{len(site.feed_paths)}"'
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                    self.send_header("ETag", etag)
                elif self.path in site.pages:
                    body = site.pages[self.path].encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                else:
                    self.send_error(404)
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add_article(self, path, title, n):
        self.pages[path] = ARTICLE.format(title=title, n=n)
        self.feed_paths.append(path)

    def feed_fetches(self):
        return [etag for path, etag in self.requests if path == "/feed.xml"]


@pytest.fixture
def feed_site(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.TASKS = IMMEDIATE
    site = FeedSite()
    yield site
    site.server.shutdown()
    site.server.server_close()


def watch(site, **fields):
    return WatchedFeed.objects.create(
        url=f"{site.base}/feed.xml", source=make_source("Agency Wire"), **fields
    )


def test_new_items_are_ingested_once_and_an_unchanged_feed_answers_304(feed_site):
    feed_site.add_article("/a", "Clashes in Northtown", 100)
    feed_site.add_article("/b", "Hospitals in Northtown", 300)
    feed = watch(feed_site)

    outcome = poll_feed(feed)
    assert outcome.new_items == 2
    articles = Article.objects.order_by("url")
    assert [a.url for a in articles] == [f"{feed_site.base}/a", f"{feed_site.base}/b"]
    assert all(a.publisher.name == "Agency Wire" for a in articles)
    assert set(FeedItem.objects.values_list("article__url", flat=True)) == {a.url for a in articles}
    feed.refresh_from_db()
    assert (feed.etag, feed.title, feed.items_found, feed.last_error) == ('"v2"', "Agency wire", 2, "")
    assert feed.next_poll_at > timezone.now() + timedelta(minutes=14)

    again = poll_feed(feed)
    assert again.not_modified and again.new_items == 0
    assert feed_site.feed_fetches() == [None, '"v2"']
    assert Article.objects.count() == 2


def test_a_changed_feed_brings_only_its_new_items(feed_site):
    feed_site.add_article("/a", "Clashes in Northtown", 100)
    feed = watch(feed_site)
    poll_feed(feed)
    feed_site.add_article("/c", "Toll rises in Northtown", 700)
    assert poll_feed(feed).new_items == 1
    assert Article.objects.count() == 2
    page_fetches = [path for path, _ in feed_site.requests if path != "/feed.xml"]
    assert page_fetches == ["/a", "/c"]


def test_an_item_already_ingested_from_elsewhere_is_linked_not_fetched_again(feed_site):
    feed_site.add_article("/a", "Clashes in Northtown", 100)
    first = watch(feed_site)
    poll_feed(first)
    second = WatchedFeed.objects.create(url=f"{feed_site.base}/other.xml", source=first.source)
    # The second feed lists the same article: the item points at the stored article.
    from claims.inflow.tasks import ingest_feed_item

    item = FeedItem.objects.create(feed=second, url=f"{feed_site.base}/a")
    ingest_feed_item.call(item.pk)
    item.refresh_from_db()
    assert item.article == Article.objects.get()
    assert [path for path, _ in feed_site.requests].count("/a") == 1


def test_a_failing_feed_backs_off_exponentially_and_says_why(feed_site):
    feed_site.feed_status = 500
    feed = watch(feed_site, interval_minutes=10)
    waits = []
    for _ in range(4):
        before = timezone.now()
        poll_feed(feed)
        waits.append(round((feed.next_poll_at - before).total_seconds() / 60))
    assert waits == [20, 40, 80, 160]
    assert "500" in feed.last_error and feed.consecutive_failures == 4
    for _ in range(10):
        poll_feed(feed)
    assert feed.next_poll_at - timezone.now() <= timedelta(hours=24)

    feed_site.feed_status = 200
    feed_site.add_article("/a", "Clashes in Northtown", 100)
    poll_feed(feed)
    assert (feed.consecutive_failures, feed.last_error) == (0, "")


def test_a_feed_that_is_not_a_feed_is_a_clear_error(feed_site, local_site):
    base = local_site({"/page": ("text/html", "<html><body><p>Nothing to see</p></body></html>")})
    feed = WatchedFeed.objects.create(url=f"{base}/page", source=make_source())
    poll_feed(feed)
    assert feed.last_error == "The address does not give an RSS or Atom feed that can be read."


def test_a_feed_larger_than_the_limit_is_refused(feed_site, settings):
    settings.FEEDS_MAX_BYTES = 200
    for i in range(5):
        feed_site.add_article(f"/{i}", "Clashes", 100)
    feed = watch(feed_site)
    poll_feed(feed)
    assert "larger than" in feed.last_error and FeedItem.objects.count() == 0


def test_items_per_poll_are_capped_and_bad_links_skipped(feed_site, settings):
    settings.FEEDS_MAX_ITEMS_PER_POLL = 3
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    feed_site.feed_paths = ["/1", "/2"]
    feed = watch(feed_site)
    body = rss(feed_site.base, ["/1", "/2", "/3", "/4"]).replace(
        "<item>", "<item><title>x</title><link>javascript:alert(1)</link></item><item>", 1
    )
    from claims.inflow.polling import entry_links, parse_feed

    links = entry_links(parse_feed(body))
    assert [url for url, _ in links] == [f"{feed_site.base}/1", f"{feed_site.base}/2", f"{feed_site.base}/3"]
    assert poll_feed(feed).new_items == 2


def test_a_feed_on_a_private_address_is_refused_when_private_addresses_are_not_allowed(feed_site, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    feed = watch(feed_site)
    poll_feed(feed)
    assert "not on the public internet" in feed.last_error and feed_site.requests == []


def test_a_feed_claimed_by_one_poller_is_skipped_by_another(feed_site):
    feed = watch(feed_site)
    assert claim_due_feeds() == [feed]
    assert claim_due_feeds() == []  # leased
    WatchedFeed.objects.filter(pk=feed.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert claim_due_feeds() == [feed]  # a dead poller's lease runs out


def test_paused_and_not_yet_due_feeds_are_not_polled(feed_site):
    feed_site.add_article("/a", "Clashes in Northtown", 100)
    paused = watch(feed_site, is_paused=True)
    later = WatchedFeed.objects.create(
        url=f"{feed_site.base}/feed.xml?later",
        source=paused.source,
        next_poll_at=timezone.now() + timedelta(hours=1),
    )
    assert poll_due_feeds() == []
    paused.resume()
    assert [o.feed for o in poll_due_feeds()] == [paused]
    assert later.items.count() == 0


def test_the_poll_feeds_command_runs_one_round_with_once(feed_site, capsys):
    feed_site.add_article("/a", "Clashes in Northtown", 100)
    watch(feed_site)
    call_command("poll_feeds", "--once")
    assert "1 new" in capsys.readouterr().out
    assert Article.objects.count() == 1
