"""Counts that stop at a cap (claims/desk/pagination.py): exact below it, an estimate said as "about" past it,
and pages that know whether another follows without the count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.desk import pagination
from claims.desk.pagination import CappedPaginator, round_to_two_figures
from claims.models import Claim
from tests.factories import make_claim, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    for _ in range(12):
        make_claim()
    return Claim.objects.order_by("-created_at", "-pk")


def test_count_is_exact_up_to_the_cap(claims):
    paginator = CappedPaginator(claims, 5)
    assert paginator.count == 12
    assert not paginator.is_estimate


def test_counting_stops_at_the_cap_and_says_past_it_is_an_estimate(claims, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 4)
    monkeypatch.setattr(pagination, "estimated_rows", lambda queryset: queryset.count())  # as off PostgreSQL
    paginator = CappedPaginator(claims, 5)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 12  # SQLite has no estimate: the exact count stands in
    assert paginator.is_estimate
    assert "LIMIT 5" in queries.captured_queries[0]["sql"]  # the capped count reads at most cap + 1 rows


def test_an_estimate_is_never_below_the_cap(claims, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 4)
    monkeypatch.setattr(pagination, "estimated_rows", lambda queryset: 2)
    assert CappedPaginator(claims, 5).count == 5


def test_pages_past_a_low_estimate_stay_reachable(claims, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 4)
    monkeypatch.setattr(pagination, "estimated_rows", lambda queryset: 5)  # one page's worth; 12 are there
    paginator = CappedPaginator(claims, 5)
    first = paginator.get_page(1)
    assert first.has_next()
    second = paginator.get_page(first.next_page_number())
    assert second.number == 2 and len(second.object_list) == 5
    last = paginator.get_page(3)
    assert len(last.object_list) == 2 and not last.has_next()


def test_a_page_knows_its_last_without_the_count(claims):
    paginator = CappedPaginator(claims, 6)
    assert paginator.get_page(1).has_next()
    assert not paginator.get_page(2).has_next()


@pytest.mark.parametrize(("n", "rounded"), [(9, 9), (69_593, 70_000), (10_001, 10_000), (155, 160)])
def test_estimates_are_rounded_to_two_figures(n, rounded):
    assert round_to_two_figures(n) == rounded


def test_queue_says_about_when_the_count_is_estimated(client, claims, monkeypatch):
    client.force_login(make_editor("pager"))
    monkeypatch.setattr(CappedPaginator, "cap", 4)
    monkeypatch.setattr(
        pagination, "estimated_rows", lambda queryset: queryset.count()
    )  # the planner's guess
    page = client.get(reverse("desk:queue")).content.decode()
    assert "about 12 claims" in page
    monkeypatch.setattr(CappedPaginator, "cap", 100)
    page = client.get(reverse("desk:queue")).content.decode()
    assert "12 claims" in page and "about 12" not in page
