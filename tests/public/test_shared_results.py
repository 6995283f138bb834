"""Counts and facets public pages share (claims/public/shared_results.py): counted once, exact after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Verdict
from claims.public.shared_results import shared_count
from tests.factories import make_published_verdict

pytestmark = pytest.mark.django_db


def counts(queries):
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]


def test_a_count_is_taken_once_then_shared():
    make_published_verdict()
    assert shared_count(Verdict.objects.published()) == 1
    with CaptureQueriesContext(connection) as queries:
        assert shared_count(Verdict.objects.published()) == 1
    assert not counts(queries)


def test_a_count_is_exact_after_a_change():
    make_published_verdict()
    assert shared_count(Verdict.objects.published()) == 1
    make_published_verdict()
    assert shared_count(Verdict.objects.published()) == 2


def test_different_filters_are_counted_apart():
    make_published_verdict(rating="false")
    make_published_verdict(rating="true")
    assert shared_count(Verdict.objects.published().filter(rating="false")) == 1
    assert shared_count(Verdict.objects.published()) == 2


def test_a_filter_that_matches_nothing_counts_zero():
    assert shared_count(Verdict.objects.filter(pk__in=[])) == 0


def test_api_count_is_shared_between_pages_and_follows_publishing(client):
    for _ in range(3):
        make_published_verdict()
    assert client.get("/api/verdicts").json()["count"] == 3
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/verdicts?page_size=1").json()["count"] == 3
    assert not counts(queries)
    make_published_verdict()
    assert client.get("/api/verdicts?page_size=2").json()["count"] == 4


def test_home_count_line_is_exact_and_shared(client):
    for _ in range(2):
        make_published_verdict()
    assert "2 published verdicts" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "2 published verdicts" in client.get("/?page=1").content.decode()
    assert not counts(queries)
