"""Readers' search over published verdicts and the claims they check.

PostgreSQL gets real full-text search: English stemming ("killed" finds "killing"), ranking and
highlighted snippets, served by the GIN expression indexes of migration 0003_search_index. The
expressions below must stay identical to the indexed ones or PostgreSQL stops using the indexes.
SQLite (development, tests) gets every word matched as a substring, with the commonest English endings
trimmed so that the two databases mostly agree.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Claim, Verdict

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
SEARCH_CONFIG = "english"

# Private-use characters mark the matches inside PostgreSQL's snippets, so the text can be escaped
# before the marks turn into <mark> tags: a claim quoting "<script>" stays text.
MATCH_START, MATCH_END = "\ue000", "\ue001"


class QueryTooLong(ValueError):
    """The query is longer than MAX_QUERY_LENGTH characters."""


@dataclass(frozen=True)
class SearchResult:
    verdict: Verdict
    snippet: str


def verdict_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("headline", "summary", "explanation", config=SEARCH_CONFIG)


def claim_vector(path="claim__text"):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(path, config=SEARCH_CONFIG)


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


def _search_postgresql(verdicts, text, limit):
    results = []
    for verdict in ranked_matches(verdicts, text)[:limit]:
        snippet = verdict.claim_snippet if MATCH_START in verdict.claim_snippet else verdict.summary_snippet
        results.append(SearchResult(verdict, marked(snippet)))
    return results


def ranked_matches(verdicts, text):
    """PostgreSQL: `verdicts` matching `text`, best first, with `claim_snippet` and `summary_snippet`."""
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    # websearch syntax accepts anything a reader types ("quotes", or, -minus) without raising.
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    # Each side matched in its own subquery, so each can use its GIN index (an OR across the join cannot).
    verdict_matches = Verdict.objects.annotate(document=verdict_vector()).filter(document=query).values("pk")
    claim_matches = Claim.objects.annotate(document=claim_vector("text")).filter(document=query).values("pk")
    snippet_options = {"config": SEARCH_CONFIG, "start_sel": MATCH_START, "stop_sel": MATCH_END}
    return (
        verdicts.filter(Q(pk__in=verdict_matches) | Q(claim_id__in=claim_matches))
        .annotate(verdict_document=verdict_vector(), claim_document=claim_vector())
        .annotate(
            rank=SearchRank(F("claim_document"), query) + SearchRank(F("verdict_document"), query),
            claim_snippet=SearchHeadline("claim__text", query, max_words=35, min_words=15, **snippet_options),
            summary_snippet=SearchHeadline("summary", query, **snippet_options),
        )
        .order_by("-rank", "-published_at")
    )


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
            Q(headline__icontains=word)
            | Q(summary__icontains=word)
            | Q(explanation__icontains=word)
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
