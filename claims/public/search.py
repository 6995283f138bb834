"""Readers' search over published verdicts (their published copy) and the claims they check.

PostgreSQL gets real full-text search: English stemming ("killed" finds "killing"), ranking and
highlighted snippets. SQLite (development, tests) gets every word matched as a substring, with the
commonest English endings trimmed so that the two databases mostly agree.

How PostgreSQL answers (migration 0005_stored_search_vectors; timings: `python -m claims.benchmarks search`):

- Document. Each verdict stores, in `claims_verdict.search_vector`, the vector of its claim's text and
  its published copy's headline, summary and explanation (as plain text: the words readers read, not
  Markdown or link addresses; 0006_verdict_published_copy_and_retired_slugs), kept current by triggers (the column is not a model field, so it
  is only ever named in the SQL below). A partial GIN index (`WHERE is_published`) covers it, so a
  search reads verdict rows only: no per-row to_tsvector, no join from claims to their verdicts.
  Queries use websearch syntax ("quoted phrases", or, -minus), which accepts anything a reader types.
- Candidates. First, PostgreSQL's own estimate of how many published verdicts match (EXPLAIN of the
  bare match, from the column's statistics: planning only). A query expected to match up to
  RANK_ALL_UP_TO (15,000: the 10,000 we promise, plus a margin for the estimate) is ranked in full;
  PostgreSQL reads its matches through the GIN index. A commoner query ranks only its newest
  COMMON_CANDIDATES (1,000) matches: PostgreSQL walks the published-date index (verdict_public_idx)
  newest first until it has them (or, for a query not that common, reads the GIN index and sorts).
  So no query ranks an unbounded set, and the walk stays short: the commoner the query, the sooner
  it has its candidates (~67,000 rows at worst, for a query matching 1.5% of verdicts).
- Ranking. ts_rank of the stored vector, newest first among equals. The page (`limit`) is picked
  inside the database; only its rows get ts_headline's snippets (which re-read the text) and leave
  PostgreSQL, with their claims, speakers and publishers: one query, plus the estimate.
"""

import json
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Verdict

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
SEARCH_CONFIG = "english"
# A query PostgreSQL expects to match at most RANK_ALL_UP_TO published verdicts is ranked in full (well,
# its newest RANK_ALL_UP_TO matches, should the estimate be low); a commoner one, its newest
# COMMON_CANDIDATES matches. 10,000 matches are meant to be ranked in full; the estimates are off by
# up to ~15% (the search benchmark), hence the margin.
RANK_ALL_UP_TO = 15_000
COMMON_CANDIDATES = 1_000

# Private-use characters mark the matches inside PostgreSQL's snippets, so the text can be escaped
# before the marks turn into <mark> tags: a claim quoting "<script>" stays text.
MATCH_START, MATCH_END = "\ue000", "\ue001"


class QueryTooLong(ValueError):
    """The query is longer than MAX_QUERY_LENGTH characters."""


@dataclass(frozen=True)
class SearchResult:
    verdict: Verdict
    snippet: str


def clean_query(text):
    # NUL cannot reach PostgreSQL (it refuses such strings outright), and is never part of a word.
    text = " ".join((text or "").replace("\x00", " ").split())
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"Searches are limited to {MAX_QUERY_LENGTH} characters.")
    return text


def search_verdicts(text, limit=50):
    """Published verdicts matching `text`, best first, each with a snippet (safe HTML with <mark>s)."""
    text = clean_query(text)
    if not text:
        return []
    published = Verdict.objects.published().select_related("claim__speaker", "claim__article__publisher")
    if connection.vendor == "postgresql":
        return _search_postgresql(published, text, limit)
    return _search_by_words(published, text, limit)


# --- PostgreSQL -------------------------------------------------------------------------------------------

# The query is written out wherever it is used, so that the planner sees a constant and estimates from
# the column's statistics how many verdicts it matches (and so picks the GIN index or the date walk).
QUERY = "websearch_to_tsquery(%s::regconfig, %s)"

MATCHES_SQL = f"SELECT id FROM claims_verdict WHERE is_published AND search_vector @@ {QUERY}"

# The rank is computed inside, so that only (id, published_at, rank) are sorted: with the vectors
# (~600 bytes each), sorting 10,000 candidates would spill out of work_mem onto disk.
RANKED_PAGE_SQL = f"""
SELECT id
  FROM (SELECT id, published_at, ts_rank(search_vector, {QUERY}) AS rank
          FROM claims_verdict
         WHERE is_published AND search_vector @@ {QUERY}
         ORDER BY published_at DESC
         LIMIT %s) AS candidates
 ORDER BY rank DESC, published_at DESC, id DESC
 LIMIT %s
"""


def estimated_matches(text):
    """PostgreSQL's estimate of how many published verdicts match `text` (planning only, ~0.2 ms)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + MATCHES_SQL, [SEARCH_CONFIG, text])
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def candidate_count(text):
    """How many of the newest matches to rank: all of them (up to RANK_ALL_UP_TO), or COMMON_CANDIDATES."""
    return RANK_ALL_UP_TO if estimated_matches(text) <= RANK_ALL_UP_TO else COMMON_CANDIDATES


def ranked_matches(verdicts, text, limit, candidates=None):
    """PostgreSQL: the page of `verdicts` best matching `text`, best first, with their snippets.

    One query: the ids of the page come from RANKED_PAGE_SQL, and only those rows get ts_headline's
    `claim_snippet` and `summary_snippet`, ordered by the same rank.
    """
    from django.contrib.postgres.search import SearchHeadline, SearchQuery

    if candidates is None:
        candidates = candidate_count(text)
    words = (SEARCH_CONFIG, text)
    page = RawSQL(RANKED_PAGE_SQL, (*words, *words, candidates, limit))
    rank = RawSQL(f'ts_rank("claims_verdict"."search_vector", {QUERY})', words)
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    snippet_options = {"config": SEARCH_CONFIG, "start_sel": MATCH_START, "stop_sel": MATCH_END}
    return (
        verdicts.filter(pk__in=page)
        .annotate(
            rank=rank,
            claim_snippet=SearchHeadline("claim__text", query, max_words=35, min_words=15, **snippet_options),
            summary_snippet=SearchHeadline("published_summary", query, **snippet_options),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _search_postgresql(verdicts, text, limit):
    results = []
    for verdict in ranked_matches(verdicts, text, limit):
        snippet = verdict.claim_snippet if MATCH_START in verdict.claim_snippet else verdict.summary_snippet
        results.append(SearchResult(verdict, marked(snippet)))
    return results


def marked(snippet):
    return mark_safe(escape(snippet).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


# --- Fallback for databases without full-text search ----------------------------------------------------

ENDINGS = ("ies", "ing", "ed", "es", "s")


def word_stem(word):
    """A crude stem ("killed" → "kill", "injuries" → "injur") that keeps at least three letters."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def query_words(text):
    return [word_stem(word) for word in re.findall(r"\w+", text.casefold())][:MAX_WORDS]


def _search_by_words(verdicts, text, limit):
    words = query_words(text)
    if not words:
        return []
    for word in words:
        verdicts = verdicts.filter(
            Q(published_headline__icontains=word)
            | Q(published_summary__icontains=word)
            | Q(published_body_text__icontains=word)
            | Q(claim__text__icontains=word)
        )
    return [SearchResult(verdict, highlight_words(verdict.claim.text, words)) for verdict in verdicts[:limit]]


def highlight_words(text, words):
    # A stem marks the whole word it starts ("kill" marks "killed"), as PostgreSQL's snippets do.
    pattern = re.compile(r"\w*(?:" + "|".join(re.escape(word) for word in words) + r")\w*", re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))
