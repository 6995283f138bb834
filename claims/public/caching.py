"""Readers' pages kept in Django's cache: one cache that every process shares (see settings, CACHES).

Only what every anonymous reader sees alike is cached: GET and HEAD requests without a session or a
messages cookie, answered 200 without setting a cookie. The key holds a generation number that every
save or delete of a verdict, claim, contradiction, evidence, figure, article or source raises, so a
change shows at once and nothing has to know which pages it touched. The generation lives in the cache
itself, so every process that shares the cache (gunicorn's workers, the task worker) sees each bump.

The key holds the scheme and host as well as the path: the Atom feed, the sitemap and ClaimReview carry
absolute URLs, so a page built for http://other-host/ must never be served to https://our-host/.

Pages carry a fresh CSP nonce on every request: the nonce is taken out of the stored body and the new
request's nonce put back when the page is served again, so no two responses share one.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from claims.generations import bump_now_and_on_commit, current

GENERATION_KEY = "public-pages:generation"
TIMEOUT = 600  # seconds; a changed generation makes older pages unreachable well before that
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def generation():
    return current(GENERATION_KEY)


def bump_generation(**kwargs):
    """Make every cached page stale (see `claims.generations`)."""
    bump_now_and_on_commit(GENERATION_KEY)


def connect_signals():
    from ..models import Article, Claim, Contradiction, Evidence, Figure, Source, Verdict

    for model in (Verdict, Claim, Contradiction, Evidence, Figure, Article, Source):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}-del")


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request):
    kind = "htmx" if request.headers.get("HX-Request") else "page"
    # SITE_URL too: pages link to it, and a persistent cache outlives a restart with another one.
    url = f"{settings.SITE_URL} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"public-pages:{generation()}:{kind}:{hashlib.sha256(url.encode()).hexdigest()}"


def nonce_of(request):
    nonce = getattr(request, "_csp_nonce", None)
    return str(nonce).encode() if nonce else None  # only if the page used it


def cache_public_page(view):
    """Serve the view's anonymous responses from the cache; see the module's docstring for which."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            return from_cache(request, stored)
        response = view(request, *args, **kwargs)
        if keeps(request, response):
            store = lambda rendered: cache.set(key, for_cache(request, rendered), TIMEOUT)  # noqa: E731
            if getattr(response, "is_rendered", True):
                store(response)
            else:  # a TemplateResponse (the sitemap) renders later
                response.add_post_render_callback(store)
        return response

    return wrapped


def keeps(request, response):
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.user.is_authenticated
    )


def for_cache(request, response):
    body = response.content
    nonce = nonce_of(request)
    if nonce:
        body = body.replace(nonce, NONCE_PLACEHOLDER)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    return {"body": body, "headers": headers, "has_nonce": bool(nonce)}


def from_cache(request, stored):
    body = stored["body"]
    if stored["has_nonce"]:
        body = body.replace(NONCE_PLACEHOLDER, str(request._csp_nonce).encode())
    response = HttpResponse(body, headers=stored["headers"])
    response["X-Cache"] = "hit"
    return response


PUBLIC_MAX_AGE = 300


def public_page(view):
    """Shared caches may keep anonymous pages for five minutes; a logged-in reader's page stays private.
    Anonymous pages are also kept in our own cache until something they show changes (cache_public_page, above)."""
    cached_view = cache_public_page(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = cached_view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
        elif response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ("Cookie",))  # HX-Request: VaryOnHtmxMiddleware, on every response
        return response

    return wrapped
