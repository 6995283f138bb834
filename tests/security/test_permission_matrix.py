"""Who gets what at every URL, generated from the URLconf, so that no route goes out unprotected.

Every URL pattern needs an entry in EXPECTED (the admin's generated pages share one rule): a new route
without one fails `test_every_route_has_an_expectation`. Each route is then requested by an anonymous
visitor, a signed-in reader who is not an editor, an editor, another editor and an admin, with its path
parameters filled from real rows. Nothing from the desk or from a draft may reach an anonymous visitor.
"""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from claims.events.models import ClaimMatch, Event
from claims.inflow.models import Tip, WatchedFeed
from claims.models import Claim, Contradiction, TaskWorker
from claims.newsroom.tasks import ingest_submission
from tests.factories import (
    make_admin,
    make_article,
    make_claim,
    make_contradiction,
    make_draft_verdict,
    make_editor,
    make_evidence,
    make_figure,
    make_published_verdict,
    make_relay,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "editor", "other_editor", "admin")
MARKER = "quokkasecretmarker"

# What a GET answers, per role. LOGIN: a redirect to the site's login page; ADMIN_LOGIN: to the admin's.
LOGIN, ADMIN_LOGIN, ADMIN_INDEX = "302 → login", "302 → admin login", "302 → admin index"
EDITORS = ("editor", "other_editor", "admin")
PUBLIC = dict.fromkeys(ROLES, 200)
DESK_PAGE = {"anonymous": LOGIN, "reader": 403, **dict.fromkeys(EDITORS, 200)}
POST_ONLY = dict.fromkeys(ROLES, 405)  # a GET on a form's target; what a POST does is checked below
STAFF_ONLY = {**dict.fromkeys(("anonymous", "reader", "editor", "other_editor"), ADMIN_LOGIN), "admin": 200}

# (GET answers, whether the route takes POST from editors) for every route outside the admin.
EXPECTED = {
    "": (PUBLIC, False),
    "verdicts/<slug:slug>/": (PUBLIC, False),
    "sources/": (PUBLIC, False),
    "sources/<slug:slug>/": (PUBLIC, False),
    "search/": (PUBLIC, False),
    "corrections/": (PUBLIC, False),
    "feeds/verdicts.atom": (PUBLIC, False),
    "feeds/verdicts.rss": (PUBLIC, False),
    "sitemap.xml": (PUBLIC, False),
    "robots.txt": (PUBLIC, False),
    "api/openapi.json": (PUBLIC, False),
    "api/docs": (PUBLIC, False),
    "api/verdicts": (PUBLIC, False),
    "api/verdicts/<slug>": (PUBLIC, False),
    "api/claimreview": (PUBLIC, False),
    "api/contradictions": (PUBLIC, False),
    "api/events": (PUBLIC, False),
    "api/events/<slug>": (PUBLIC, False),
    "events/": (PUBLIC, False),
    "events/<slug:slug>/": (PUBLIC, False),
    "events/<slug:slug>/figures.csv": (PUBLIC, False),
    "events/<slug:slug>/feed.atom": (PUBLIC, False),
    "desk/events/": (DESK_PAGE, False),
    "desk/events/<int:pk>/": (DESK_PAGE, False),
    "desk/events/<int:pk>/edit/": (POST_ONLY, True),
    "desk/events/<int:pk>/merge/": (POST_ONLY, True),
    "desk/events/<int:pk>/split/": (POST_ONLY, True),
    "desk/claims/<int:pk>/matches/<int:match_pk>/<slug:action>/": (POST_ONLY, True),
    "api/": (dict.fromkeys(ROLES, 404), False),  # ninja's root: nothing there
    "desk/": (DESK_PAGE, False),
    "desk/ingest/": (DESK_PAGE, True),
    "desk/ingest/<str:result_id>/": (DESK_PAGE, False),
    "desk/articles/<int:pk>/": (DESK_PAGE, False),
    "desk/claims/": (DESK_PAGE, False),
    "desk/claims/bulk/": (POST_ONLY, True),
    "desk/claims/<int:pk>/": (DESK_PAGE, False),
    "desk/claims/<int:pk>/verdict/": (POST_ONLY, True),
    "desk/claims/<int:pk>/verdict/preview/": (POST_ONLY, True),
    "desk/claims/<int:pk>/evidence/": (POST_ONLY, True),
    # One evidence item, polled by htmx; a plain GET is sent on to the item in the workspace.
    "desk/claims/<int:pk>/evidence/<int:evidence_pk>/": (
        {"anonymous": LOGIN, "reader": 403, **dict.fromkeys(EDITORS, 302)},
        False,
    ),
    "desk/claims/<int:pk>/evidence/<int:evidence_pk>/edit/": (DESK_PAGE, True),
    "desk/claims/<int:pk>/evidence/<int:evidence_pk>/remove/": (POST_ONLY, True),
    "desk/claims/<int:pk>/move/": (POST_ONLY, True),
    "desk/claims/<int:pk>/publish/": (POST_ONLY, True),
    "desk/claims/<int:pk>/assign/": (POST_ONLY, True),
    "desk/contradictions/": (DESK_PAGE, False),
    "desk/contradictions/<int:pk>/<slug:action>/": (POST_ONLY, True),
    # Watched feeds, readers' tips and the live desk (claims/inflow/).
    "desk/feeds/": (DESK_PAGE, False),
    "desk/feeds/new/": (DESK_PAGE, True),
    "desk/feeds/<int:pk>/": (DESK_PAGE, True),
    "desk/feeds/<int:pk>/pause/": (POST_ONLY, True),
    "desk/tips/": (DESK_PAGE, False),
    "desk/tips/<int:pk>/<slug:action>/": (POST_ONLY, True),
    "desk/claims/<int:pk>/presence/": (DESK_PAGE, False),
    "desk/live/badge/": (DESK_PAGE, False),
    "tips/new/": (PUBLIC, False),  # anyone may send a tip; its own tests cover the POST
    "tips/<str:token>/": (PUBLIC, False),  # private by its random token, not by a login
    "accounts/login/": (PUBLIC, False),
    "accounts/logout/": (POST_ONLY, False),
    "healthz": (PUBLIC, False),
}

# Every admin page needs a staff login; these few differ, each for the reason given.
ADMIN_EXCEPTIONS = {
    # The login page itself; a signed-in admin is sent on to the index.
    "admin:login": {
        **dict.fromkeys(("anonymous", "reader", "editor", "other_editor"), 200),
        "admin": ADMIN_INDEX,
    },
    # POST only since Django 5; anyone not signed in to the admin is sent to its index (then its login).
    "admin:logout": {**dict.fromkeys(STAFF_ONLY, ADMIN_INDEX), "admin": 405},
    "admin:autocomplete": {**STAFF_ONLY, "admin": 403},  # refuses a request without its parameters
    # "View on site" sends the admin to the verdict's public page.
    "admin:view_on_site": {**STAFF_ONLY, "admin": 302},
    # The bare object URL redirects to its change page.
    "admin:<object>": {**STAFF_ONLY, "admin": 302},
    # The catch-all answers 404 to staff for an address that is not an admin page.
    "admin:catch-all": {**STAFF_ONLY, "admin": 404},
}
# Rows only the software writes: their admins refuse adding (a finished task may be deleted).
ADMIN_EXCEPTIONS |= dict.fromkeys(
    [
        "admin:axes_accessattempt_add",
        "admin:axes_accesslog_add",
        "admin:axes_accessfailurelog_add",
        "admin:django_tasks_database_dbtaskresult_add",
        "admin:claims_taskworker_add",
    ],
    {**STAFF_ONLY, "admin": 403},
)


@dataclass(frozen=True)
class Route:
    key: str  # the route as written in the URLconf, prefixes joined
    name: str  # namespaced URL name, "" when the pattern has none
    pattern: object

    @property
    def is_admin(self):
        return self.key.startswith(settings.ADMIN_PATH)


def all_routes(patterns=None, prefix="", namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
            yield from all_routes(entry.url_patterns, prefix + str(entry.pattern), inner or namespace)
        else:
            assert isinstance(entry, URLPattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Route(prefix + str(entry.pattern), name, entry.pattern)


# --- The rows the URLs are filled from -----------------------------------------------------------------


def build_world():
    """One of everything, with MARKER in every piece of desk-only or draft text."""
    published = make_published_verdict(explanation="Checked against the ministry's **own** figures.")
    published_claim = published.claim
    make_evidence(published_claim, source=make_source("Ministry of Health"), quote="1,000 injured")
    make_figure(published_claim, text="1,000", start=0, end=5)
    make_relay(published_claim, make_source("Khabar 24"))
    published_claim.speaker.add_alias("The Minister")
    other_published = make_published_verdict()
    confirmed = make_contradiction(published_claim, other_published.claim)
    confirmed.status = Contradiction.Status.CONFIRMED
    confirmed.resolved_at = timezone.now()
    confirmed.save()

    draft = make_draft_verdict(
        text=f"{MARKER} claim: nearly 500 were killed.",
        headline=f"Draft headline {MARKER}",
        summary=f"Draft summary {MARKER}.",
        explanation=f"Draft explanation {MARKER}.",
    )
    draft_claim = draft.claim
    draft_claim.article.title = f"Desk article {MARKER}"
    draft_claim.article.save()
    draft_evidence = make_evidence(draft_claim, quote=f"Evidence quote {MARKER}")
    desk_article = make_article(body=f"Unpublished article about {MARKER}, 2,000 hurt.", title=MARKER)
    desk_claim = make_claim(desk_article, text=f"Unpublished article about {MARKER}")
    open_contradiction = make_contradiction(
        desk_claim, draft_claim, explanation=f"Open contradiction {MARKER}"
    )
    # A contradiction with a published claim that editors dismissed, with a desk note: not public.
    dismissed = make_contradiction(published_claim, desk_claim, explanation=f"Dismissed {MARKER}")
    dismissed.status = Contradiction.Status.DISMISSED
    dismissed.resolution_note = f"Dismissal note {MARKER}"
    dismissed.resolved_at = timezone.now()
    dismissed.save()
    queued = ingest_submission.enqueue(body=f"Queued article {MARKER}, 3,000 injured.", title=MARKER)

    users = {
        "reader": make_user("reader"),
        "editor": make_editor("editor"),
        "other_editor": make_editor("editor2"),
        "admin": make_admin("boss", is_superuser=True),
    }
    desk_claim.assign_to(users["editor"])
    feed = WatchedFeed.objects.create(url="https://agency.example/rss.xml", source=make_source("Agency"))
    tip = Tip.submit(text="Readers ask whether 4,000 were injured.", email="reader@example.org")
    # A reviewed event readers see, an unreviewed one only the desk sees, and a match on a desk claim.
    public_event = Event.objects.create(
        name="Unrest in Almaty", kind="unrest", key="unrest@almaty", is_reviewed=True
    )
    for claim in (published_claim, other_published.claim):
        claim.event_record = public_event
        claim.save()
    published_claim.figures.update(event_record=public_event)
    desk_event = Event.objects.create(name=f"Desk event {MARKER}", kind="fire", key="fire@desk")
    desk_claim.event_record = desk_event
    desk_claim.save()
    make_figure(desk_claim, text="2,000", start=0, end=5, event_record=desk_event)
    match = ClaimMatch.objects.create(
        claim=draft_claim, earlier=published_claim, verdict=published, score=0.9
    )
    admin_rows()
    return {
        "published": published,
        "draft": draft,
        "source": published_claim.speaker,
        "article": desk_article,
        "claim": draft_claim,
        "contradiction": open_contradiction,
        "result_id": str(queued.id),
        "evidence": draft_evidence,
        "event": public_event,
        "desk_event": desk_event,
        "match": match,
        "users": users,
        "feed": feed,
        "tip": tip,
    }


def admin_rows():
    """A row for each admin page that shows one, for the models no test factory makes."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    request_fields = {"user_agent": "pytest", "http_accept": "*/*", "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(
        username="someone", ip_address="10.0.0.1", get_data="", post_data="", failures_since_start=1,
        **request_fields,
    )  # fmt: skip
    AccessLog.objects.create(username="someone", ip_address="10.0.0.1", **request_fields)
    AccessFailureLog.objects.create(username="someone", ip_address="10.0.0.1", **request_fields)
    TaskWorker.objects.create(worker_id="host:1:abcdefgh", host="host", pid=1)


def fill(route, world):
    """A concrete URL for `route`, from the rows in `world`."""
    key = route.key
    if route.is_admin:
        return fill_admin(route, world)
    values = {
        "slug": slug_for(key, world),
        "pk": pk_for(key, world),
        "action": "dismiss" if "/matches/" in key else "confirm",
        "match_pk": world["match"].pk,
        "result_id": world["result_id"],
        "evidence_pk": world["evidence"].pk,
        "token": world["tip"].token,
    }
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), key)


def slug_for(key, world):
    if key.startswith("sources/"):
        return world["source"].slug
    if key.startswith(("events/", "api/events/")):
        return world["event"].slug
    return world["published"].slug


def pk_for(key, world):
    if key.startswith("desk/events/"):
        return world["desk_event"].pk
    if key.startswith("desk/articles/"):
        return world["article"].pk
    if key.startswith("desk/contradictions/"):
        return world["contradiction"].pk
    if key.startswith("desk/feeds/"):
        return world["feed"].pk
    if key.startswith("desk/tips/"):
        return world["tip"].pk
    return world["claim"].pk


def admin_kind(route):
    """The ADMIN_EXCEPTIONS key for an admin route, or None for the common rule."""
    if route.name in ADMIN_EXCEPTIONS:
        return route.name
    if route.key.endswith("(?P<url>.*)$"):
        return "admin:catch-all"
    if not route.name and route.key.endswith("<path:object_id>/"):
        return "admin:<object>"
    return None


def fill_admin(route, world):
    base = "/" + settings.ADMIN_PATH
    rest = route.key[len(settings.ADMIN_PATH) :]
    if route.name == "admin:app_list":
        return f"{base}claims/"
    if admin_kind(route) == "admin:catch-all":
        return f"{base}no-such-page/"
    if route.name == "admin:view_on_site":
        verdict = world["published"]
        return f"{base}r/{ContentType.objects.get_for_model(verdict).pk}/{verdict.pk}/"
    if route.name.endswith("_simple_history"):  # "<model>/^([^/]+)/history/([^/]+)/$"
        model_path = rest.split("^")[0]
        model = apps.get_model(*model_path.strip("/").split("/"))
        row = model.objects.order_by("pk").first()
        history_id = row.history.order_by("history_id").first().history_id
        return f"{base}{model_path}{row.pk}/history/{history_id}/"
    if re.search(r"<(?:\w+:)?(?:object_)?id>", rest):
        app_label, model_name = rest.split("/")[:2]
        row = apps.get_model(app_label, model_name).objects.order_by("pk").first()
        return base + re.sub(r"<(?:\w+:)?(?:object_)?id>", str(row.pk), rest)
    assert "<" not in rest and "(" not in rest, f"fill {route.key}"
    return base + rest


def expected_for(route):
    if route.is_admin:
        kind = admin_kind(route)
        if kind:
            return ADMIN_EXCEPTIONS[kind]
        return STAFF_ONLY
    return EXPECTED[route.key][0]


def client_for(role, world, **kwargs):
    client = Client(**kwargs)
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def outcome(response):
    """The status, with where a redirect to a login page goes."""
    if response.status_code == 302:
        location = response.headers["Location"]
        if location.startswith(f"/{settings.ADMIN_PATH}login/?next="):
            return ADMIN_LOGIN
        if location.startswith("/accounts/login/?next="):
            return LOGIN
        if location == f"/{settings.ADMIN_PATH}":
            return ADMIN_INDEX
    return response.status_code


@pytest.fixture
def world(db):
    return build_world()


# --- Tests ---------------------------------------------------------------------------------------------


def test_every_route_has_an_expectation():
    """A new URL without an entry here fails, so no route is added without deciding who may see it."""
    keys = {route.key for route in all_routes() if not route.is_admin}
    assert keys - EXPECTED.keys() == set(), "routes without an expectation in EXPECTED"
    assert EXPECTED.keys() - keys == set(), "expectations for routes that no longer exist"
    admin_names = {route.name for route in all_routes() if route.is_admin}
    assert {"admin:index", "admin:login", "admin:logout", "admin:claims_verdict_change"} <= admin_names


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(world, role):
    client = client_for(role, world)
    wrong = []
    for route in all_routes():
        url = fill(route, world)
        got = outcome(client.get(url))
        want = expected_for(route)[role]
        if got != want:
            wrong.append(f"{url} ({route.key}): got {got}, expected {want}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_drafts_are_404_on_public_pages_for_everyone(world, role):
    client = client_for(role, world)
    slug = world["draft"].slug
    assert client.get(f"/verdicts/{slug}/").status_code == 404
    assert client.get(f"/api/verdicts/{slug}").status_code == 404


def post_routes():
    return [route for route in all_routes() if not route.is_admin and EXPECTED[route.key][1]]


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_desk_actions_refuse_anyone_but_editors(world, role):
    """Anonymous posts go to the login page and change nothing; signed-in non-editors get 403."""
    client = client_for(role, world)
    before = snapshot()
    for route in post_routes():
        response = client.post(fill(route, world), {"status": "dismissed", "claims": [world["claim"].pk]})
        assert outcome(response) == (LOGIN if role == "anonymous" else 403), route.key
    assert snapshot() == before


def snapshot():
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "status", "assignee_id")),
        list(Contradiction.objects.order_by("pk").values_list("pk", "status")),
        list(apps.get_model("claims", "Verdict").objects.order_by("pk").values_list("pk", "version")),
    )


@pytest.mark.parametrize("role", EDITORS)
def test_desk_actions_are_open_to_every_editor(world, role):
    """Any editor may act on any claim (the other editor's assignment included); the answer is never
    a login redirect or a 403."""
    client = client_for(role, world)
    for route in post_routes():
        response = client.post(fill(route, world), {})
        assert outcome(response) not in {LOGIN, 403, 405, 500}, route.key


# --- Nothing of the desk leaks --------------------------------------------------------------------------


def public_urls(world):
    """Every URL an anonymous visitor can reach, with the variants that take input."""
    urls = []
    for route in all_routes():
        if route.is_admin or EXPECTED[route.key][0] != PUBLIC:
            continue
        urls.append(fill(route, world))
    draft_slug = world["draft"].slug
    urls += [
        "/search/?q=draft",
        "/search/?q=killed",
        f"/api/verdicts?source={world['source'].slug}",
        f"/api/verdicts/{draft_slug}",
        f"/verdicts/{draft_slug}/",
        "/no-such-page/",
    ]
    for route in all_routes():  # desk and admin pages, as anonymous visitors see them
        if route.is_admin or EXPECTED[route.key][0] is not PUBLIC:
            urls.append(fill(route, world))
    return urls


def test_no_draft_or_desk_text_reaches_anonymous_visitors(world):
    client = Client()
    seen = 0
    for url in public_urls(world):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert MARKER.encode() not in body, f"{url} {headers} shows desk text"
            assert MARKER not in str(response.headers), url
            seen += 1
    # The marker is really there for editors, so its absence above means something.
    editor = client_for("editor", world)
    assert MARKER.encode() in editor.get(f"/desk/claims/{world['claim'].pk}/").content
    assert seen > 60


def without_nonces(html):
    return re.sub(rb'nonce="[^"]*"', b"", html)


def test_searching_for_draft_text_finds_nothing(world):
    """The results page for the marker is the page for a word nobody wrote: the marker is only echoed."""
    client = Client()
    for headers in ({}, {"HX-Request": "true"}):
        found = client.get(f"/search/?q={MARKER}", headers=headers)
        nothing = client.get("/search/?q=zebrawordnobodywrote", headers=headers)
        assert found.status_code == nothing.status_code == 200
        assert without_nonces(found.content).replace(MARKER.encode(), b"zebrawordnobodywrote") == (
            without_nonces(nothing.content)
        )


def test_the_api_lists_only_published_verdicts(world):
    client = Client()
    for url in ("/api/verdicts", "/api/contradictions", "/api/claimreview"):
        response = client.get(url)
        assert response.status_code == 200
        assert MARKER not in response.content.decode()
    refused = client.get(f"/api/verdicts?q={MARKER}")  # the API has no text search: refused, not ignored
    assert refused.status_code == 422 and MARKER not in refused.json()["detail"]
    slugs = [item["slug"] for item in client.get("/api/verdicts").json()["items"]]
    assert world["published"].slug in slugs and world["draft"].slug not in slugs
