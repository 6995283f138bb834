"""Polling watched feeds: claim the feeds that are due, fetch each conditionally, queue its new items.

Several pollers may run (one beside each worker): a feed is claimed with a lease, taken under
`select_for_update(skip_locked=True)` where the database has row locks and confirmed by a conditional
UPDATE everywhere, so no feed is fetched twice at once. The feed is fetched through the same SSRF-safe
fetcher as articles (claims/newsroom/fetching.py), with its ETag and Last-Modified, so an unchanged feed costs one
304. Each new item is ingested by a task (claims/inflow/tasks.py), which fetches the article's page.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..newsroom.fetching import FetchError, RefusedURL, fetch_url, parse_url
from .models import FeedItem, WatchedFeed

FEED_HEADERS = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8"}


@dataclass(frozen=True)
class PollOutcome:
    feed: WatchedFeed
    new_items: int = 0
    not_modified: bool = False
    error: str = ""


def claim_due_feeds(limit=None, now=None):
    """Feeds that are due, leased to this poller; another poller skips them until the lease ends."""
    now = now or timezone.now()
    lease_until = now + timedelta(seconds=settings.FEEDS_LEASE_SECONDS)
    limit = limit or settings.FEEDS_PER_ROUND
    with transaction.atomic():
        candidates = list(
            WatchedFeed.objects.due(now).order_by("next_poll_at").select_for_update(skip_locked=True)[:limit]
        )
        claimed = []
        for feed in candidates:
            # The conditional update is what makes the lease safe on SQLite, which has no row locks.
            taken = WatchedFeed.objects.due(now).filter(pk=feed.pk).update(lease_until=lease_until)
            if taken:
                feed.lease_until = lease_until
                claimed.append(feed)
    return claimed


def parse_feed(text):
    """The parsed feed. feedparser reads bytes here, never a URL or a file name, and fetches nothing."""
    import feedparser  # loaded only by the poller

    return feedparser.parse(
        io.BytesIO(text.encode("utf-8")), response_headers={"content-type": "application/xml; charset=utf-8"}
    )


def entry_links(parsed):
    """(url, title) of the feed's entries that may be fetched, at most FEEDS_MAX_ITEMS_PER_POLL of them."""
    found = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link or len(link) > 500:
            continue
        try:
            url = parse_url(link).url  # well-formed http(s); its address is checked when it is fetched
        except RefusedURL:
            continue
        found.append((url, (entry.get("title") or "").strip()[:300]))
        if len(found) >= settings.FEEDS_MAX_ITEMS_PER_POLL:
            break
    return list(dict(found).items())


def poll_feed(feed):
    """Fetch `feed` once, record what happened on it, and queue an ingest for each item it had not listed."""
    from .tasks import ingest_feed_item

    conditional = {**FEED_HEADERS}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.last_modified:
        conditional["If-Modified-Since"] = feed.last_modified
    try:
        page = fetch_url(feed.url, headers=conditional, max_bytes=settings.FEEDS_MAX_BYTES)
    except FetchError as error:
        feed.record_failure(error)
        return PollOutcome(feed, error=feed.last_error)
    if page.not_modified:
        feed.record_success(
            new_items=0, etag=page.etag or feed.etag, last_modified=page.last_modified or feed.last_modified
        )
        return PollOutcome(feed, not_modified=True)
    parsed = parse_feed(page.text)
    if not parsed.get("version") and not parsed.entries:  # "" when it is no kind of RSS or Atom
        feed.record_failure("The address does not give an RSS or Atom feed that can be read.")
        return PollOutcome(feed, error=feed.last_error)
    new_items = []
    for url, title in entry_links(parsed):
        try:
            with transaction.atomic():
                item, created = FeedItem.objects.get_or_create(feed=feed, url=url, defaults={"title": title})
        except IntegrityError:  # another poller stored it a moment ago
            continue
        if created:
            new_items.append(item)
    for item in new_items:
        ingest_feed_item.enqueue(item.pk)
    feed.record_success(
        new_items=len(new_items),
        etag=page.etag,
        last_modified=page.last_modified,
        title=(parsed.feed.get("title") or "").strip(),
    )
    return PollOutcome(feed, new_items=len(new_items))


def poll_due_feeds():
    """One round: every due feed this poller could claim, polled one after the other."""
    return [poll_feed(feed) for feed in claim_due_feeds()]
