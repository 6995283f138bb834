"""Desk rows' markup kept in the shared cache under keys made of the rows' versions (the board's cards,
the queue's rows), and the lists of names desk forms offer (sources).

A fragment's key is what its row is: the row's own columns, the `updated_at` of the claims it shows, and
a generation of the names it prints (sources, events, figures, articles, users), which every save or
delete of one of those raises. A change to a row therefore changes its key and the next page renders it
afresh; an entry under an old key is never read again and expires. Nothing has to find and delete it,
so no writer can forget to.

What a fragment leaves out is the page's and the editor's own: CSRF tokens, where forms return to,
errors and focus are put in when the page is rendered.
"""

import hashlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from claims.generations import bump_now_and_on_commit, current

NAMES_KEY = "desk-fragments:names"
TIMEOUT = 24 * 3600  # seconds: an entry nobody asks for again (its row changed) goes after a day


def names_generation():
    """The current generation of names (see `claims.generations`)."""
    return current(NAMES_KEY)


def bump_names_generation(update_fields=None, **kwargs):
    """Raise the names' generation, now and at commit (see `claims.generations`)."""
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # every sign-in saves the user's last_login, which no fragment shows
    bump_now_and_on_commit(NAMES_KEY)


def fragment_key(kind, version, generation):
    """`version` is a tuple of the row's values; its repr is stable for the types rows hold."""
    digest = hashlib.blake2b(repr(version).encode(), digest_size=16).hexdigest()
    return f"desk-fragments:{kind}:{generation}:{digest}"


def cached_fragments(keys, build):
    """{id: fragment} for `keys` ({id: key}), in one get_many; `build(ids)` makes the missing ones
    ({id: fragment}), which are stored in one set_many."""
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    built = build(missing) if missing else {}
    if built:
        cache.set_many({keys[pk]: fragment for pk, fragment in built.items()}, TIMEOUT)
    fragments = {pk: found[key] for pk, key in keys.items() if key in found}
    return fragments | built


def under_names(kind, build):
    """`build()` (a list of names, say) kept under the names generation: computed again after any
    change to a source, an event, a figure, an article or a user."""
    return cache.get_or_set(f"desk-fragments:{kind}:{names_generation()}", build, TIMEOUT)


def connect_signals():
    from django.contrib.auth import get_user_model

    from ..events.models import Event
    from ..models import Article, Figure, Source

    for model in (Source, Event, Figure, Article, get_user_model()):
        name = model.__name__
        post_save.connect(bump_names_generation, sender=model, dispatch_uid=f"desk-names-{name}")
        post_delete.connect(bump_names_generation, sender=model, dispatch_uid=f"desk-names-{name}-del")
