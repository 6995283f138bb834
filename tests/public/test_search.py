"""Readers' search: published verdicts only, stems on PostgreSQL, a word fallback on SQLite, htmx."""

import pytest
from django.db import connection

from claims.models import Verdict
from claims.public import search
from claims.public.search import MAX_QUERY_LENGTH, ranked_matches, search_verdicts, word_stem
from tests.factories import make_draft_verdict, make_published_verdict, reopen_and_edit, withdraw

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only"
)


def headlines(query):
    return [result.verdict.headline for result in search_verdicts(query)]


def test_finds_a_word_in_the_claim():
    make_published_verdict(text="Police said 42 protesters were detained overnight.", headline="Detentions")
    make_published_verdict(text="The flood displaced 3,000 families.", headline="Flood")
    assert headlines("protesters") == ["Detentions"]


def test_finds_a_word_in_the_verdict():
    make_published_verdict(headline="Hospital figures hold up", summary="The ministry's tally matches.")
    assert headlines("tally") == ["Hospital figures hold up"]


def test_every_word_must_match():
    make_published_verdict(text="Twelve were killed in Almaty.", headline="Almaty")
    make_published_verdict(text="Twelve were killed in Astana.", headline="Astana")
    assert headlines("killed Almaty") == ["Almaty"]


def test_drafts_are_never_found():
    make_draft_verdict(text="Secret draft about the stadium crush.", headline="Stadium draft")
    assert headlines("stadium") == []


def test_killed_finds_kill_and_killing():
    make_published_verdict(text="Gunmen kill five at a checkpoint.", headline="Checkpoint")
    make_published_verdict(text="The killing of two reporters was confirmed.", headline="Reporters")
    assert set(headlines("killed")) == {"Checkpoint", "Reporters"}


def test_empty_query_finds_nothing():
    make_published_verdict()
    assert headlines("   ") == []


def test_snippet_marks_the_match_and_escapes_the_rest():
    make_published_verdict(text="<b>Ten</b> people were injured near the square.")
    (result,) = search_verdicts("square")
    assert "<mark>square</mark>" in result.snippet
    assert "<b>" not in result.snippet


def test_word_stem_keeps_short_words():
    assert word_stem("killed") == "kill"
    assert word_stem("bus") == "bus"


@postgresql_only
def test_postgresql_ranks_the_better_match_first():
    make_published_verdict(text="A fire broke out; one person was injured.", headline="Fire")
    make_published_verdict(
        text="Injured workers: 40 injured at the plant, officials said.",
        headline="Injured workers at the plant were injured",
    )
    assert headlines("injured")[0] == "Injured workers at the plant were injured"


@postgresql_only
def test_postgresql_search_uses_the_partial_gin_index():
    make_published_verdict()
    with connection.cursor() as cursor:
        # A few rows fit one page, where walking the published-date index (meant for very common terms)
        # costs nothing; without it (dropped inside the test's transaction) and without sequential
        # scans, only the GIN index can serve. The search benchmark shows the choices on 1,000,000 claims.
        cursor.execute("DROP INDEX verdict_public_idx")
        cursor.execute("SET enable_seqscan = off")
        plan = ranked_matches(Verdict.objects.published(), "injured", limit=50).explain()
        cursor.execute("RESET enable_seqscan")
    assert "verdict_search_vector_idx" in plan
    assert "to_tsvector" not in plan  # the stored vector, never recomputed per row


@postgresql_only
def test_postgresql_editing_the_claim_text_updates_the_search():
    verdict = make_published_verdict(text="Officials said the bridge collapsed.", headline="Accident")
    verdict.claim.text = "Officials said the tunnel flooded."
    verdict.claim.save()
    assert headlines("tunnel") == ["Accident"]
    assert headlines("bridge") == []


@postgresql_only
def test_postgresql_republishing_the_verdict_updates_the_search():
    verdict = make_published_verdict(headline="Accident", summary="Engineers confirm it.")
    reopen_and_edit(verdict, summary="Surveyors confirm it.")
    assert headlines("surveyors") == []  # a draft is not searched
    verdict.publish(reason="Corrected who confirmed it.")
    assert headlines("surveyors") == ["Accident"]
    assert headlines("engineers") == []


@postgresql_only
def test_postgresql_unpublished_verdicts_drop_out():
    verdict = make_published_verdict(text="The dam burst overnight.", headline="Dam")
    Verdict.objects.filter(pk=verdict.pk).update(is_published=False)
    assert headlines("dam") == []


@postgresql_only
def test_postgresql_common_terms_rank_only_the_newest_candidates(monkeypatch):
    monkeypatch.setattr(search, "RANK_ALL_UP_TO", 0)  # every query counts as common
    monkeypatch.setattr(search, "COMMON_CANDIDATES", 2)
    make_published_verdict(text="Flood, flood, flood: the flood of the year.", headline="Oldest, best match")
    make_published_verdict(text="A flood hit the valley.", headline="Older")
    make_published_verdict(text="Another flood was reported.", headline="Newest")
    assert set(headlines("flood")) == {"Older", "Newest"}


@postgresql_only
def test_postgresql_queries_expected_to_match_few_verdicts_are_ranked_in_full():
    make_published_verdict(text="A flood hit the valley.")
    assert search.estimated_matches("flood") <= search.RANK_ALL_UP_TO
    assert search.candidate_count("flood") == search.RANK_ALL_UP_TO


@postgresql_only
def test_postgresql_only_the_page_is_returned():
    for _ in range(3):
        make_published_verdict()
    assert len(search_verdicts("injured", limit=2)) == 2


# --- The page ---------------------------------------------------------------------------------------------


def test_search_page_shows_results(client):
    verdict = make_published_verdict(text="Officials said 15 miners were trapped.")
    page = client.get("/search/", {"q": "miners"}).content.decode()
    assert verdict.headline in page
    assert "1 result for “miners”" in page
    assert 'hx-push-url="true"' in page
    assert 'maxlength="200"' in page


def test_search_page_without_query_shows_the_form(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


def test_search_htmx_request_gets_results_partial_with_status(client):
    make_published_verdict(text="Officials said 15 miners were trapped.")
    response = client.get("/search/", {"q": "miners"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert 'hx-swap-oob="true"' in body
    assert "1 result for" in body
    assert "HX-Request" in response["Vary"]


def test_overlong_query_is_refused_with_a_message(client):
    response = client.get("/search/", {"q": "x" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert f"limited to {MAX_QUERY_LENGTH} characters" in response.content.decode()


def test_search_page_never_shows_drafts(client):
    make_draft_verdict(text="Draft claim about the miners.", headline="Miners draft")
    page = client.get("/search/", {"q": "miners"}).content.decode()
    assert "Miners draft" not in page
    assert "Nothing we have published matches" in page


def test_odd_input_does_not_break_search(client):
    for query in ['"unclosed', "a & b | !c", "-", "'; drop table", "killed:*", "☃"]:
        assert client.get("/search/", {"q": query}).status_code == 200


def test_search_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(5):
        make_published_verdict()
    with django_assert_max_num_queries(3):
        client.get("/search/", {"q": "injured"})
    for _ in range(40):
        make_published_verdict()
    with django_assert_max_num_queries(3):
        client.get("/search/", {"q": "injured"})


def test_a_word_inside_a_link_address_is_not_found():
    make_published_verdict(
        text="Nine hurt on the highway.",
        headline="Highway",
        explanation="See [the report](https://toll.example/x).",
    )
    make_published_verdict(text="Four hurt.", headline="Toll booth", explanation="The toll booth was shut.")
    assert headlines("toll") == ["Toll booth"]


def test_markup_is_not_searched_only_the_words_readers_read():
    make_published_verdict(
        text="Five hurt.", headline="Markup", explanation="**Bold** words <strong>only</strong>"
    )
    assert headlines("strong") == []
    assert headlines("bold") == ["Markup"]


def test_a_draft_saved_after_reopening_is_not_searched_until_republished():
    verdict = make_published_verdict(text="Five hurt.", headline="Original", summary="Nothing new.")
    reopen_and_edit(verdict, summary="Mentions the stadium now.")
    assert headlines("stadium") == []
    verdict.publish(reason="Added the stadium.")
    assert headlines("stadium") == ["Original"]


def test_a_withdrawn_verdict_is_not_found():
    verdict = make_published_verdict(text="Twelve hurt at the stadium.", headline="Stadium")
    withdraw(verdict, "Retracted.")
    assert headlines("stadium") == []
