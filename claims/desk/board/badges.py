"""The open-contradictions count the desk's navigation shows on every page, kept in the cache.

Counting the open contradictions reads the board's index on every desk request; the number only moves
when a contradiction is saved or deleted, so those signals drop the stored count (now, and again when
the transaction commits, so that a count taken from the old rows in between is not kept either).
The timeout bounds how stale it can get if rows change behind the ORM's back (raw SQL, a restore).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

OPEN_CONTRADICTIONS_KEY = "desk-badges:open-contradictions"
TIMEOUT = 300  # seconds


def open_contradiction_count():
    from ...models import Contradiction

    return cache.get_or_set(OPEN_CONTRADICTIONS_KEY, lambda: Contradiction.objects.open().count(), TIMEOUT)


def forget_open_contradiction_count(**kwargs):
    cache.delete(OPEN_CONTRADICTIONS_KEY)
    transaction.on_commit(lambda: cache.delete(OPEN_CONTRADICTIONS_KEY))


def connect_signals():
    from ...models import Contradiction

    post_save.connect(forget_open_contradiction_count, sender=Contradiction, dispatch_uid="badge-open-saved")
    post_delete.connect(forget_open_contradiction_count, sender=Contradiction, dispatch_uid="badge-open-gone")
