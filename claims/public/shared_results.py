"""Query results many public requests share, kept in the cache until anything they could show changes.

A page-cache miss (another page number, another filter) would otherwise redo them: the home page's
source facet reads every published verdict, and counting the published verdicts for a page line or the
API's `count` reads 200,000 index entries at a million claims. They are kept under the readers' page
generation (claims/public/caching.py), which every save of a verdict, claim, source or the like raises, so
they are exact: never older than the last change.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .caching import TIMEOUT, generation


def until_anything_changes(name, compute):
    return cache.get_or_set(f"public-results:{generation()}:{name}", compute, TIMEOUT)


def shared_count(queryset):
    """`queryset.count()`, kept per distinct query until anything changes."""
    try:
        sql = str(queryset.order_by().query)
    except EmptyResultSet:  # a filter that can match nothing
        return 0
    return until_anything_changes(f"count:{hashlib.sha256(sql.encode()).hexdigest()}", queryset.count)


class SharedCountPaginator(Paginator):
    @cached_property
    def count(self):
        return shared_count(self.object_list)
