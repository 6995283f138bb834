"""Two feed pollers at once never fetch the same feed twice (PostgreSQL: row locks with skip_locked)."""

from collections import Counter

import pytest
from django.db import connection

from claims.inflow.models import WatchedFeed
from claims.inflow.polling import claim_due_feeds, poll_due_feeds
from tests.factories import make_source
from tests.newsroom.test_concurrency import in_threads
from tests.newsroom.test_feeds_watch import FeedSite

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="threads on SQLite's shared-cache in-memory test database hit table locks, not the race",
    ),
]


@pytest.mark.parametrize("round_", range(3))
def test_two_pollers_claim_disjoint_feeds(round_):
    source = make_source()
    feeds = {
        WatchedFeed.objects.create(url=f"https://agency.example/{n}", source=source).pk for n in range(12)
    }
    first, second = in_threads(lambda: claim_due_feeds(limit=12), lambda: claim_due_feeds(limit=12))
    first_ids, second_ids = {f.pk for f in first}, {f.pk for f in second}
    assert not first_ids & second_ids
    assert first_ids | second_ids == feeds


def test_two_pollers_running_rounds_fetch_each_feed_once(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    site = FeedSite()
    try:
        source = make_source()
        for n in range(8):
            WatchedFeed.objects.create(url=f"{site.base}/feed.xml?{n}", source=source)
        in_threads(poll_due_feeds, poll_due_feeds)
        fetches = Counter(path for path, _ in site.requests)
        assert len(fetches) == 8 and set(fetches.values()) == {1}
    finally:
        site.server.shutdown()
        site.server.server_close()
