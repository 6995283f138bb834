"""A paginator whose count stops at a cap: past it, PostgreSQL's own estimate, said as "about".

Counting every claim still in the queue reads the whole index (700,000 entries at a million claims) on
every page view, to print one number. Up to CAP rows the count is exact (counting stops at CAP + 1);
past it, the planner's row estimate from EXPLAIN is close enough for "about 70,000 claims" and costs
nothing. A page then knows whether another follows by fetching one row more than it shows, so "Older"
never leads to an empty page however far the estimate is off.
"""

import json
from functools import cached_property

from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections

CAP = 10_000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def count(self):
        rows = self.object_list.order_by().values("pk")
        counted = rows[: self.cap + 1].count()
        self.is_estimate = counted > self.cap
        if not self.is_estimate:
            return counted
        return max(self.cap + 1, round_to_two_figures(estimated_rows(rows)))

    is_estimate = False

    def validate_number(self, number):
        """Past an estimated last page there may still be rows: those pages stay reachable."""
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.is_estimate and int(number) > 1:
                return int(number)
            raise

    def _get_page(self, object_list, number, paginator):
        return CappedPage(object_list, number, paginator)

    def page(self, number):
        """The page, with one row more fetched to tell whether another follows."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        page = self._get_page(rows[: self.per_page], number, self)
        page.has_following = len(rows) > self.per_page
        return page


class CappedPage(Page):
    has_following = False

    def has_next(self):
        return self.has_following


def estimated_rows(queryset):
    """The planner's estimate of how many rows `queryset` returns (its exact count off PostgreSQL)."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset.count()
    plan = json.loads(queryset.explain(format="json"))
    return round(plan[0]["Plan"]["Plan Rows"])


def round_to_two_figures(n):
    """69,593 → 70,000: an estimate should not look more precise than it is."""
    scale = 10 ** max(0, len(str(n)) - 2)
    return round(n / scale) * scale
