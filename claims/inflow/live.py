"""A desk that stays current: the "desk version" the polls compare, and who has a claim open.

The desk version is one number in the cache, raised whenever something an editor sees may have changed:
a successful POST on the desk (any action, bulk ones included), a finished background task (an ingest
adds claims and contradictions), and saves or deletes of the desk's rows (the admin, the shell). A poll
sends the ETag it was given; DeskPollMiddleware answers 304 without touching the view when the version,
the editor and the address are the same, so an unchanged poll costs one cache read and the session.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponseNotModified
from django.tasks.signals import task_finished
from django.utils.cache import quote_etag

VERSION_KEY = "desk:version"
POLL_HEADER = "HTTP_X_DESK_POLL"
WATCHED_MODELS = (
    "Claim",
    "Contradiction",
    "Verdict",
    "Evidence",
    "Article",
    "Tip",
    "FeedItem",
    "WatchedFeed",
)


def desk_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_desk_version(**kwargs):
    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not set yet (or evicted): any new value differs from what pollers hold
            cache.set(VERSION_KEY, int(time.time()), timeout=None)

    bump()
    transaction.on_commit(bump)  # again once committed, so a poll between the two does not keep stale rows


def poll_etag(request, path=None):
    """The ETag of a polled fragment: the desk version, the editor (from the session) and the address.

    The version is read once per request (a page has two polled elements, and the middleware asks too)."""
    user_id = request.session.get("_auth_user_id", "") if hasattr(request, "session") else ""
    if not hasattr(request, "_desk_version"):
        request._desk_version = desk_version()
    key = f"{request._desk_version}|{user_id}|{path or request.get_full_path()}"
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:20])


class DeskPollMiddleware:
    """304 for a desk poll whose ETag still holds; a version bump after every successful desk POST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_desk = request.path.startswith("/desk/")
        etag = None
        if is_desk and request.method == "GET" and POLL_HEADER in request.META:
            # Taken before the view runs: a change while it renders makes the next poll fetch again.
            etag = poll_etag(request)
            if request.META.get("HTTP_IF_NONE_MATCH") == etag:
                response = HttpResponseNotModified()
                response["ETag"] = etag
                return response
        response = self.get_response(request)
        if etag and response.status_code == 200:
            response["ETag"] = etag
        if is_desk and request.method == "POST" and response.status_code < 400:
            bump_desk_version()
        return response


def connect_signals():
    from django.apps import apps

    for name in WATCHED_MODELS:
        model = apps.get_model("claims", name)
        post_save.connect(bump_desk_version, sender=model, dispatch_uid=f"desk-version-save-{name}")
        post_delete.connect(bump_desk_version, sender=model, dispatch_uid=f"desk-version-delete-{name}")
    task_finished.connect(bump_desk_version, dispatch_uid="desk-version-task")


# --- Who has a claim open ----------------------------------------------------------------------------


def presence_key(claim_id):
    return f"desk:presence:{claim_id}"


def heartbeat(claim_id, user):
    """Record that `user` has claim `claim_id` open; the others seen within DESK_PRESENCE_SECONDS.

    One cache entry per claim holds {user id: (name, last heartbeat)}. Two heartbeats at the same moment
    may drop one of them; it comes back with that editor's next heartbeat, 20 seconds later.
    """
    now = time.time()
    ttl = settings.DESK_PRESENCE_SECONDS
    seen = {
        uid: entry for uid, entry in (cache.get(presence_key(claim_id)) or {}).items() if now - entry[1] < ttl
    }
    seen[user.pk] = (user.get_username(), now)
    cache.set(presence_key(claim_id), seen, ttl)
    return sorted(name for uid, (name, _) in seen.items() if uid != user.pk)
