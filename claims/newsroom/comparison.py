"""Comparing a new article with the stored ones, inside the analysis's budgeted child process.

Plain Python (it runs where Django is not set up): detection can find hundreds of thousands of pairs in
one long article, so the child counts them and hands back only the few the ingest keeps, instead of
shipping every one to the worker to be turned into rows and thrown away.
"""

from ..analysis.contradictions import MAX_PAIR_CHECKS_PER_ARTICLE, SEVERITY_RANK, find_contradictions


def strongest_contradictions(claims, figures, *, article_key, limit):
    """(how many pairs of claims involving `article_key` contradict, the `limit` most severe of them,
    whether the analysis stopped listing them within the article at its own cap).

    One contradiction per pair of claims (the first found, most severe first), as the table stores them.
    Two sources disagreeing inside one sentence are a pair of one claim with itself.
    """
    article_of = {claim.key: claim.article_key for claim in claims}
    # The ingest keeps its own cap and records how many were possible: the engine's listing cap would
    # hide that count, so only the pair-check budget bounds the work here (a note says when it ran out).
    contradictions, notes = find_contradictions(claims, figures, max_per_article=MAX_PAIR_CHECKS_PER_ARTICLE)
    found = sorted(contradictions, key=lambda c: -SEVERITY_RANK[c.severity])
    pairs, kept = set(), []
    for contradiction in found:
        first, second = (contradiction.claim_keys * 2)[:2]
        pair = frozenset((first, second))
        if pair in pairs or article_key not in (article_of[first], article_of[second]):
            continue
        pairs.add(pair)
        if len(kept) < limit:
            kept.append(contradiction)
    return len(pairs), kept, bool(notes)
