"""Concurrent writers on real connections: two editors on one verdict, two workers on one article,
and imports that crash halfway and are run again.

Transactional tests (`transaction=True`): each thread opens its own database connection and commits, as
two gunicorn workers would. The thread races run on PostgreSQL only: SQLite's in-memory test database
is shared between threads through its shared cache, whose table locks fail at once ("database table is
locked") instead of waiting, so there the races fail or pass by luck. The crash-and-rerun tests run on both.
"""

import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from claims.management.commands import import_claimreview
from claims.models import Article, Claim, EditConflict, Source, Verdict
from claims.newsroom.ingest import ingest_article
from claims.roles import ensure_roles
from tests.factories import make_claim, make_editor, make_verdict

pytestmark = pytest.mark.django_db(transaction=True)

race = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads on SQLite's shared-cache in-memory test database hit table locks, not the race",
)

EDIT = {"rating": "false", "summary": "The figure was revised the next day.", "explanation": ""}


@pytest.fixture(autouse=True)
def roles():
    ensure_roles()  # transactional tests flush the tables migration 0002 filled


def in_threads(*calls):
    """Run each call in its own thread, all released at once by a barrier; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - handed back to the test
            results[index] = error
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- two editors, one verdict ------------------------------------------------------------------------


@race
@pytest.mark.parametrize("round_", range(3))
def test_two_editors_saving_at_once_one_wins_and_the_other_sees_the_conflict(round_):
    claim = make_claim(status=Claim.Status.VERDICT_DRAFTED)
    verdict = make_verdict(claim=claim, headline="Original headline")
    url = f"/desk/claims/{claim.pk}/verdict/"
    first, second = logged_in(make_editor()), logged_in(make_editor())

    responses = in_threads(
        lambda: first.post(url, {**EDIT, "headline": "Headline from the first editor", "version": 1}),
        lambda: second.post(url, {**EDIT, "headline": "Headline from the second editor", "version": 1}),
    )

    assert sorted(r.status_code for r in responses) == [302, 409], responses
    winner, loser = sorted(responses, key=lambda r: r.status_code)
    verdict.refresh_from_db()
    assert verdict.version == 2
    assert verdict.headline in {"Headline from the first editor", "Headline from the second editor"}
    page = loser.content.decode()
    assert 'id="verdict-conflict"' in page
    assert verdict.headline in page  # "their version (saved)"
    assert verdict.history.count() == 2  # created, then the one edit that won


@race
def test_a_naive_read_modify_save_would_have_lost_an_edit():
    """The control: without the version check both saves "succeed" and one editor's change vanishes."""
    verdict = make_verdict(headline="Original headline", summary="Original summary.")
    copies = [Verdict.objects.get(pk=verdict.pk), Verdict.objects.get(pk=verdict.pk)]
    barrier = threading.Barrier(2)

    def naive_save(copy, **change):
        def save():
            for field, value in change.items():
                setattr(copy, field, value)
            barrier.wait()  # both have read before either writes
            copy.save()

        return save

    errors = in_threads(
        naive_save(copies[0], headline="Edited headline"),
        naive_save(copies[1], summary="Edited summary."),
    )
    assert errors == [None, None]
    verdict.refresh_from_db()
    kept = (verdict.headline == "Edited headline", verdict.summary == "Edited summary.")
    assert kept in {(True, False), (False, True)}  # one edit lost


@race
def test_the_same_interleaving_with_save_edit_refuses_the_second_save():
    verdict = make_verdict(headline="Original headline", summary="Original summary.")
    copies = [Verdict.objects.get(pk=verdict.pk), Verdict.objects.get(pk=verdict.pk)]

    results = in_threads(
        lambda: copies[0].save_edit(1, headline="Edited headline"),
        lambda: copies[1].save_edit(1, summary="Edited summary."),
    )

    assert sum(isinstance(r, EditConflict) for r in results) == 1
    assert sum(isinstance(r, Verdict) for r in results) == 1
    verdict.refresh_from_db()
    assert verdict.version == 2


# --- two workers, one article ------------------------------------------------------------------------

BODY = (
    "ALMATY, Jan 6 (Wire) - More than 1,000 people were injured in clashes in Almaty, the health "
    "ministry said on Thursday. Police said 120 people were detained overnight."
)


@race
def test_two_workers_ingesting_the_same_url_store_one_article():
    url = "https://news.example/almaty-clashes"
    results = in_threads(
        lambda: ingest_article(BODY, url=url, title="Clashes", publisher="Wire"),
        lambda: ingest_article(BODY, url=url, title="Clashes", publisher="Wire"),
    )

    assert not any(isinstance(r, Exception) for r in results), results
    assert Article.objects.count() == 1
    assert {r.article.pk for r in results} == {Article.objects.get().pk}
    assert sorted(r.created for r in results) == [False, True]
    assert Source.objects.filter(name="Wire").count() == 1
    claims = Claim.objects.count()
    assert claims > 0
    assert ingest_article(BODY, url=url).created is False
    assert Claim.objects.count() == claims


# --- interrupted imports, run again ------------------------------------------------------------------

ARTICLES = [
    ("https://news.example/a", "Wire", BODY),
    (
        "https://news.example/b",
        "Gazette",
        "ALMATY, Jan 7 - Officials said 225 people were killed in the unrest, the prosecutor's office said.",
    ),
    (
        "https://news.example/c",
        "Herald",
        "Nearly 400 people were injured in Almaty on Wednesday, the ministry said, and 12 were killed.",
    ),
]


def table_rows():
    """Everything an import writes, without ids or timestamps, so two databases can be compared."""
    return {
        "articles": sorted(Article.objects.values_list("url", "title", "content_hash")),
        "claims": sorted(Claim.objects.values_list("article__url", "text", "start", "end", "status")),
        "verdicts": sorted(Verdict.objects.values_list("claim__text", "slug", "rating", "headline")),
        "sources": sorted(Source.objects.values_list("name", "kind")),
    }


def clear_tables():
    Verdict.objects.all().delete()
    Article.objects.all().delete()
    Source.objects.all().delete()


def ingest_all():
    for url, publisher, body in ARTICLES:
        ingest_article(body, url=url, publisher=publisher)


def test_an_ingest_batch_crashing_midway_converges_when_run_again(monkeypatch):
    ingest_all()
    clean = table_rows()
    clear_tables()

    from claims.newsroom import ingest as services

    real_store = services.store_contradictions
    calls = {"n": 0}

    def crash_on_the_second_article(article):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real_store(article)

    monkeypatch.setattr(services, "store_contradictions", crash_on_the_second_article)
    with pytest.raises(RuntimeError):
        ingest_all()
    assert Article.objects.count() == 1  # the second article's transaction was rolled back whole
    monkeypatch.setattr(services, "store_contradictions", real_store)
    ingest_all()
    ingest_all()

    assert table_rows() == clean


def review(n):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checker.example/reviews/review-{n}",
        "claimReviewed": f"More than {n},000 people were injured in the clashes.",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": f"Minister {n}"},
            "appearance": {"@type": "CreativeWork", "url": f"https://news.example/{n}"},
        },
        "headline": f"Injury count {n} is too high",
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1},
        "datePublished": "2026-01-10",
    }


def test_a_claimreview_import_crashing_midway_converges_when_run_again(tmp_path, monkeypatch):
    from django.core.management import call_command

    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([review(n) for n in range(1, 6)]))

    def run():
        call_command("import_claimreview", str(feed), stdout=open("/dev/null", "w"))  # noqa: SIM115

    run()
    clean = table_rows()
    clear_tables()

    real_mapped = import_claimreview.mapped_rating
    calls = {"n": 0}

    def crash_inside_the_third_review(original):
        calls["n"] += 1
        if calls["n"] == 3:  # after its article and claim are written, before its verdict
            raise RuntimeError("import killed")
        return real_mapped(original)

    monkeypatch.setattr(import_claimreview, "mapped_rating", crash_inside_the_third_review)
    with pytest.raises(RuntimeError):
        run()
    assert Verdict.objects.count() == 2
    assert Article.objects.count() == 2  # the third review left nothing behind
    monkeypatch.setattr(import_claimreview, "mapped_rating", real_mapped)
    run()

    assert table_rows() == clean
