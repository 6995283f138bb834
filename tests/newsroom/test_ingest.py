"""The ingest service and command: rows from analysis, idempotent, contradictions against stored articles."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim, Contradiction, Figure, Source
from claims.newsroom import ingest as services
from claims.newsroom.budgets import BudgetExceeded
from claims.newsroom.ingest import ingest_article, resolve_source
from tests.factories import make_editor, make_source

pytestmark = pytest.mark.django_db

MANILA = ZoneInfo("Asia/Manila")

FERRY_MORNING = """Ferry fire off Mindoro: dozens hurt

A passenger ferry caught fire off the coast of Mindoro on Monday night, the coast guard said.

At least 31 people were injured in the fire, coast guard spokesman Armand Balilo told DZMM radio, as quoted by Reuters.
"""

FERRY_EVENING = """Ferry fire toll revised

Fewer than 20 people were injured in Monday night's ferry fire off Mindoro, the provincial governor said on Tuesday.
"""


def ingest_morning(**extra):
    return ingest_article(
        FERRY_MORNING,
        title="Ferry fire off Mindoro",
        publisher="Island Courier",
        published_at=datetime(2023, 5, 30, 8, 0, tzinfo=MANILA),
        url="https://islandcourier.example/ferry-fire",
        **extra,
    )


def ingest_evening():
    return ingest_article(
        FERRY_EVENING,
        title="Ferry fire toll revised",
        publisher="Bay Herald",
        published_at=datetime(2023, 5, 30, 19, 0, tzinfo=MANILA),
        url="https://bayherald.example/ferry-toll",
    )


def test_it_stores_the_article_with_claims_figures_and_sources():
    editor = make_editor()
    result = ingest_morning(by=editor)
    article = result.article
    assert result.created
    assert article.publisher.name == "Island Courier"
    assert article.ingested_by == editor
    injured = Figure.objects.get(claim__article=article, measure="injured", low=31)
    assert article.body[injured.start : injured.end] == injured.text
    claim = injured.claim
    assert article.body[claim.start : claim.end] == claim.text
    assert [source.name for source in claim.relay_chain][-1] == "Reuters"


def test_ingesting_the_same_text_again_changes_nothing():
    first = ingest_morning()
    counts = (Article.objects.count(), Claim.objects.count(), Figure.objects.count(), Source.objects.count())
    again = ingest_morning()
    assert not again.created
    assert again.article == first.article
    assert counts == (
        Article.objects.count(),
        Claim.objects.count(),
        Figure.objects.count(),
        Source.objects.count(),
    )


def test_the_same_url_with_edited_text_leads_to_the_stored_article():
    first = ingest_morning()
    again = ingest_article(FERRY_MORNING + "\nUpdated.", url="https://islandcourier.example/ferry-fire")
    assert again.article == first.article
    assert not again.created


def test_a_falling_cumulative_count_in_a_later_article_contradicts_the_stored_one():
    ingest_morning()
    later = ingest_evening()
    assert len(later.contradictions) == 1
    contradiction = later.contradictions[0]
    assert contradiction.kind == Contradiction.Kind.COUNT
    assert {contradiction.claim_a.article.publisher.name, contradiction.claim_b.article.publisher.name} == {
        "Island Courier",
        "Bay Herald",
    }
    assert contradiction.claim_a_id < contradiction.claim_b_id


def test_an_editors_decision_on_a_contradiction_survives_re_ingest():
    ingest_morning()
    contradiction = ingest_evening().contradictions[0]
    contradiction.dismiss(note="Different counting method.")
    ingest_morning()
    ingest_evening()
    assert Contradiction.objects.count() == 1
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DISMISSED


def test_sources_are_matched_by_alias_and_by_transliterated_spelling():
    khabar = make_source("Khabar 24", kind=Source.Kind.BROADCASTER)
    assert resolve_source("Khabar-24") == khabar
    deputy = make_source("Azhar Giniyat", kind=Source.Kind.PERSON)
    assert resolve_source("Ajar Guiniat", Source.Kind.PERSON) == deputy
    assert deputy.aliases.filter(name="Ajar Guiniat").exists()
    assert resolve_source("Lebanon Wire") != make_source("Levant Wire")


def test_an_empty_article_is_refused():
    with pytest.raises(ValueError, match="no text"):
        ingest_article("   \n")
    assert Article.objects.count() == 0


def test_the_command_ingests_files_and_is_idempotent(tmp_path, capsys):
    (tmp_path / "morning.md").write_text(
        "---\ntitle: Ferry fire off Mindoro\npublisher: Island Courier\npublished: 2023-05-30T08:00:00+08:00\n---\n"
        + FERRY_MORNING,
        encoding="utf-8",
    )
    (tmp_path / "evening.md").write_text(
        "---\npublisher: Bay Herald\npublished: 2023-05-30T19:00:00+08:00\n---\n" + FERRY_EVENING,
        encoding="utf-8",
    )
    call_command("ingest", str(tmp_path))
    assert Article.objects.count() == 2
    assert Contradiction.objects.count() == 1
    call_command("ingest", str(tmp_path))
    assert Article.objects.count() == 2
    assert Contradiction.objects.count() == 1
    assert "0 new of 2 articles" in capsys.readouterr().out


def test_the_command_refuses_bad_input_naming_the_file(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match="empty.md") as raised:
        call_command("ingest", str(empty))
    assert raised.value.returncode == 2
    assert Article.objects.count() == 0


# --- Bounded ingest (issue 9) ------------------------------------------------------------------------------


def conflicting_article(sentences):
    """One event counted differently in every sentence: each pair of sentences is a contradiction."""
    return "Clashes in Almaty\n\n" + "\n\n".join(
        f"On Wednesday {1000 + 7 * n} people were killed in the clashes in Almaty, the health ministry said."
        for n in range(sentences)
    )


def queries_to_ingest(body):
    with CaptureQueriesContext(connection) as queries:
        ingest_article(body, publisher="Steppe Wire", published_at=datetime(2022, 1, 6, 9, 0, tzinfo=MANILA))
    return len(queries)


def test_ingest_costs_the_same_queries_for_10_and_100_claims(settings):
    settings.MAX_CONTRADICTIONS_PER_ARTICLE = 1_000
    small = queries_to_ingest(conflicting_article(10))
    large = queries_to_ingest(conflicting_article(100).replace("Clashes in Almaty", "Almaty: the toll"))
    assert Claim.objects.count() > 100
    assert Contradiction.objects.count() > 100
    assert large <= small


def test_a_flood_of_contradictions_is_cut_at_the_cap_and_the_article_says_so(settings):
    settings.MAX_CONTRADICTIONS_PER_ARTICLE = 50
    result = ingest_article(conflicting_article(60), publisher="Steppe Wire")
    article = result.article
    assert Contradiction.objects.count() == len(result.contradictions) == 50
    article.refresh_from_db()
    assert article.contradictions_kept == 50
    assert article.contradictions_found == 60 * 59 // 2
    assert article.contradiction_cap_note.startswith(
        "Only the first 50 of 1,770 possible contradictions were kept"
    )
    # Every stored one has its history, as one made by hand would.
    assert Contradiction.history.count() == 50


def test_an_article_under_the_cap_keeps_every_contradiction_and_says_nothing():
    ingest_morning()
    later = ingest_evening().article
    later.refresh_from_db()
    assert (later.contradictions_found, later.contradictions_kept) == (1, 1)
    assert later.contradiction_cap_note == ""


@pytest.mark.django_db(transaction=True)
def test_the_analysis_runs_outside_any_transaction(monkeypatch):
    """A transaction open during the analysis would hold SQLite's write lock (or PostgreSQL's row locks)
    for as long as the analysis takes: every other writer waits, and on SQLite readers too."""
    in_transaction = []

    def run_here(function, *args, **kwargs):
        in_transaction.append(connection.in_atomic_block)
        return function(*args, **kwargs)

    monkeypatch.setattr(services, "within_budget", run_here, raising=False)
    ingest_morning()
    ingest_evening()
    assert in_transaction == [False, False, False, False]  # reading, then comparing, for each article


def test_an_article_stored_but_never_compared_is_compared_when_ingested_again(monkeypatch):
    ingest_morning()

    def worker_dies(article):
        raise SystemExit("killed")

    monkeypatch.setattr(services, "store_contradictions", worker_dies)
    with pytest.raises(SystemExit):
        ingest_evening()
    monkeypatch.undo()
    assert Contradiction.objects.count() == 0
    again = ingest_evening()
    assert not again.created
    assert len(again.contradictions) == 1
    assert ingest_evening().contradictions == []


def test_an_analysis_over_its_time_budget_stops_with_the_reason_and_stores_nothing(settings):
    settings.ANALYSIS_TIME_LIMIT_SECONDS = 0.2
    with pytest.raises(BudgetExceeded, match=r"stopped after 0.2 s: the article is too long to analyse"):
        ingest_article(conflicting_article(1_500), publisher="Steppe Wire")
    assert Article.objects.count() == Claim.objects.count() == 0


def test_a_comparison_over_its_budget_takes_the_article_back_out(settings, monkeypatch):
    def too_costly(article):
        raise BudgetExceeded("The analysis stopped after 120 s.")

    monkeypatch.setattr(services, "store_contradictions", too_costly)
    with pytest.raises(BudgetExceeded):
        ingest_morning()
    assert Article.objects.count() == Claim.objects.count() == Figure.objects.count() == 0


def test_the_command_reports_an_article_over_budget_and_goes_on(tmp_path, settings, capsys):
    settings.ANALYSIS_TIME_LIMIT_SECONDS = 0.2
    (tmp_path / "a-huge.md").write_text(conflicting_article(1_500), encoding="utf-8")
    (tmp_path / "b-evening.md").write_text(FERRY_EVENING, encoding="utf-8")
    with pytest.raises(CommandError, match="1 article"):
        call_command("ingest", str(tmp_path))
    assert "a-huge.md: not stored. The analysis stopped after 0.2 s" in capsys.readouterr().err
    assert Article.objects.count() == 1


def test_comparing_never_loads_a_copy_of_the_article_text_per_claim():
    """Each stored claim came with its article's whole text: a 1.2 MB article of 13,000 claims took
    16 GB to compare before the analysis even began."""
    ingest_morning()
    with CaptureQueriesContext(connection) as queries:
        ingest_evening()
    claim_reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT DISTINCT "claims_claim"')]
    assert claim_reads
    assert not any('"claims_article"."body"' in sql for sql in claim_reads)


def test_two_sources_disagreeing_in_one_sentence_are_stored_as_one_claim_against_itself():
    result = ingest_article(
        "Storm toll disputed\n\nThe Red Cross said more than 100 people had died in the storm, while the "
        "interior minister put the toll at about 60.\n",
        title="Storm toll disputed",
        publisher="Coast Courier",
        published_at=datetime(2023, 5, 30, 8, 0, tzinfo=MANILA),
    )
    (contradiction,) = Contradiction.objects.filter(claim_a__article=result.article)
    assert contradiction.is_within_one_sentence
    assert {contradiction.figure_a.text, contradiction.figure_b.text} == {
        "more than 100 people had died",
        "put the toll at about 60",
    }
    assert "Red Cross" in contradiction.explanation and "Interior minister" in contradiction.explanation
    assert contradiction.figure_a.claim_id == contradiction.figure_b.claim_id == contradiction.claim_a_id
