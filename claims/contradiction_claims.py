"""Contradictions whose two claims come in one more query, for all the rows at once, instead of joined in.

Joined into the contradictions' query, both claims with their articles, publishers, speakers (and
events, or verdicts) make 13-14 tables, which PostgreSQL takes 4-55 ms to plan for a query that runs in
about 1 ms (the board's cards: 35-55 ms at 10,000 claims; a verdict page's confirmed contradictions,
which usually finds none: 4 ms). Apart, each query plans in under a millisecond, and with no rows the
second is not sent.
"""

from .models import Contradiction, ContradictionQuerySet


class ClaimsApartQuerySet(ContradictionQuerySet):
    """Subclasses say how the claims are read: `claims()` returns a Claim queryset."""

    @staticmethod
    def claims():
        raise NotImplementedError

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        rows = self._result_cache
        if fresh and rows and isinstance(rows[0], Contradiction):
            claims = self.claims().in_bulk({c.claim_a_id for c in rows} | {c.claim_b_id for c in rows})
            for contradiction in rows:  # a claim deleted in between is left to load (and fail) on its own
                if contradiction.claim_a_id in claims:
                    contradiction.claim_a = claims[contradiction.claim_a_id]
                if contradiction.claim_b_id in claims:
                    contradiction.claim_b = claims[contradiction.claim_b_id]
