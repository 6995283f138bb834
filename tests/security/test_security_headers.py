"""Every page's security headers: CSP with nonces, the htmx config that matches it, and 100+ on the
Mozilla HTTP Observatory's scoring (tests/security/observatory.py) for full pages, fragments, 404 and 500."""

import json
import re
from unittest import mock

import pytest
from django.core.paginator import Paginator
from django.test import Client
from lxml import html

from tests.security.observatory import observatory_score, parse_csp, score_cookies, score_csp, score_referrer
from tests.security.test_permission_matrix import PUBLIC, all_routes, build_world, expected_for, fill

pytestmark = pytest.mark.django_db

SCORES = []


@pytest.fixture
def production(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.fixture
def world(db):
    return build_world()


def as_role(role, world):
    client = Client()
    client.raise_request_exception = False
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def every_page(world):
    """(role, url) for each URL as the role that can see it: public ones anonymously, desk pages as an
    editor, admin pages as an admin; plus pages that are not there."""
    pages = []
    for route in all_routes():
        answers = expected_for(route)
        role = "anonymous" if answers == PUBLIC else "editor" if answers["editor"] == 200 else "admin"
        pages.append((role, fill(route, world)))
        if role != "anonymous":
            pages.append(("anonymous", fill(route, world)))  # the login redirect
    pages += [("anonymous", "/no-such-page/"), ("editor", "/desk/claims/999999/"), ("anonymous", "/static/x")]
    return pages


def check_headers(response, where):
    score, results = observatory_score(response)
    SCORES.append(score)
    assert score >= 100, f"{where}: {score} {results}"
    assert "HX-Request" in response.headers.get("Vary", ""), f"{where}: no Vary: HX-Request"
    assert response.headers["X-Content-Type-Options"] == "nosniff", where
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", where
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", where
    check_permissions_policy(response.headers["Permissions-Policy"], where)
    body = b"" if response.streaming else response.content
    used = set(re.findall(rb'<script[^>]* nonce="([^"]+)"', body))
    check_csp(response.headers["Content-Security-Policy"], where, used_nonces={n.decode() for n in used})
    return score


def check_permissions_policy(header, where):
    """Every feature the header names is switched off for every origin; the powerful ones are named."""
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features), where
    assert set(features.values()) == {"()"}, where


def check_private(response, where):
    directives = {d.strip() for d in response.headers.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, f"{where}: {response.headers.get('Cache-Control')}"
    assert "public" not in directives, where


def check_csp(header, where, used_nonces):
    policy = parse_csp(header)
    assert policy["default-src"] == {"'self'"}, where
    assert "'self'" in policy["script-src"], where
    # Django adds the nonce only when the page used it (a fragment without scripts has none).
    nonces = {
        s.removeprefix("'nonce-").removesuffix("'") for s in policy["script-src"] if s.startswith("'nonce-")
    }
    assert nonces == used_nonces, where
    assert policy["object-src"] == {"'none'"}, where
    assert policy["base-uri"] == {"'none'"}, where
    assert policy["frame-ancestors"] == {"'none'"}, where
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, where


@pytest.mark.usefixtures("production")
def test_every_page_and_fragment_scores_100_or_more(world):
    checked = 0
    for role, url in every_page(world):
        client = as_role(role, world)
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, secure=True, headers=headers)
            check_headers(response, f"{role} {url} {headers}")
            checked += 1
    assert checked > 200
    print(f"Observatory scores: min {min(SCORES)}, max {max(SCORES)} over {len(SCORES)} responses")


def test_every_signed_in_response_is_private_and_not_stored(world):
    checked = 0
    for role, url in every_page(world):
        if role == "anonymous":
            continue
        client = as_role(role, world)
        for headers in ({}, {"HX-Request": "true"}):
            check_private(client.get(url, headers=headers), f"{role} {url} {headers}")
            checked += 1
    reader = as_role("editor", world)
    for url in ("/", "/sources/", "/feeds/verdicts.atom", "/api/verdicts"):  # public pages, signed in
        check_private(reader.get(url), f"editor {url}")
    assert checked > 50


def test_static_files_carry_the_permissions_policy_too(settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from static/ without collectstatic
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    check_permissions_policy(response.headers["Permissions-Policy"], "static file")


@pytest.mark.usefixtures("production")
def test_the_500_page_scores_100_or_more(world):
    for role, urls in (("anonymous", ["/"]), ("editor", ["/", "/desk/claims/"])):
        client = as_role(role, world)
        with mock.patch.object(Paginator, "get_page", side_effect=RuntimeError("boom")):
            for url in urls:
                for headers in ({}, {"HX-Request": "true"}):
                    response = client.get(url, secure=True, headers=headers)
                    assert response.status_code == 500, url
                    assert b"Something went wrong" in response.content
                    check_headers(response, f"500 {role} {url} {headers}")


@pytest.mark.usefixtures("production")
def test_logging_in_sets_cookies_the_observatory_accepts(world):
    client = Client()
    response = client.get("/accounts/login/", secure=True)
    assert "csrftoken" in response.cookies
    check_headers(response, "login page")
    token = response.cookies["csrftoken"].value
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = token
    response = client.post(
        "/accounts/login/",
        {"username": "editor", "password": "correct horse battery", "csrfmiddlewaretoken": token},
        secure=True,
        headers={"Referer": "https://testserver/accounts/login/"},
    )
    assert response.status_code == 302
    assert "sessionid" in response.cookies
    score = check_headers(response, "login")
    assert observatory_score(response)[1]["cookies"] == "cookies-secure-with-httponly-sessions-and-samesite"
    assert score >= 105


def test_every_response_has_a_fresh_nonce_and_the_htmx_script_carries_it(world):
    client = Client()
    nonces = set()
    for _ in range(2):
        response = client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        tree = html.fromstring(response.content)
        scripts = tree.xpath("//script[@src]")
        assert scripts and all(script.get("nonce") == nonce for script in scripts)
        assert not tree.xpath("//script[not(@src)][not(@type='application/ld+json')]")
        nonces.add(nonce)
    assert len(nonces) == 2


@pytest.mark.parametrize("role, history_cache", [("anonymous", 10), ("editor", 0)])
def test_htmx_config_matches_the_policy(world, role, history_cache):
    response = as_role(role, world).get("/desk/" if role == "editor" else "/")
    meta = html.fromstring(response.content).xpath("//meta[@name='htmx-config']")[0]
    config = json.loads(meta.get("content"))
    assert config["selfRequestsOnly"] is True
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["includeIndicatorStyles"] is False  # an injected <style> would break style-src 'self'
    assert config["historyCacheSize"] == history_cache


# --- The scoring helper itself, against the published table ----------------------------------------------


@pytest.mark.parametrize(
    "header, result, modifier",
    [
        ("", "csp-not-implemented", -25),
        ("default-src 'none'", "csp-implemented-with-no-unsafe-default-src-none", 10),
        ("default-src 'self'; object-src 'none'", "csp-implemented-with-no-unsafe", 5),
        ("default-src 'self'", "csp-implemented-with-no-unsafe", 5),
        ("script-src 'self'", "csp-implemented-with-unsafe-inline", -20),  # object-src falls back to *
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", "csp-implemented-with-unsafe-inline", -20),
        ("default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'", "csp-implemented-with-no-unsafe", 5),
        ("default-src 'self'; script-src 'self' https:", "csp-implemented-with-unsafe-inline", -20),
        ("default-src 'self'; script-src 'self' data:", "csp-implemented-with-unsafe-inline", -20),
        ("default-src 'self'; script-src 'self' 'unsafe-eval'", "csp-implemented-with-unsafe-eval", -10),
        ("default-src 'self'; script-src http://cdn.example", "csp-implemented-with-insecure-scheme", -20),
        (
            "default-src 'self'; img-src http://img.example",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        ),
        (
            "default-src 'self'; style-src 'self' 'unsafe-inline'",
            "csp-implemented-with-unsafe-inline-in-style-src-only",
            0,
        ),
        ("default-src 'self'; default-src 'none'", "csp-header-invalid", -25),
    ],
)
def test_csp_scoring_follows_the_published_table(header, result, modifier):
    assert score_csp(header) == (result, modifier)


@pytest.mark.parametrize(
    "header, result, modifier",
    [
        (None, "referrer-policy-not-implemented", 0),
        ("no-referrer", "referrer-policy-private", 5),
        ("strict-origin-when-cross-origin", "referrer-policy-private", 5),
        ("no-referrer-when-downgrade", "referrer-policy-no-referrer-when-downgrade", 0),
        ("unsafe-url", "referrer-policy-unsafe", -5),
        ("unsafe-url, strict-origin", "referrer-policy-private", 5),  # the last known value wins
        ("nonsense", "referrer-policy-header-invalid", -5),
    ],
)
def test_referrer_scoring_follows_the_published_table(header, result, modifier):
    assert score_referrer(header) == (result, modifier)


def morsels(*set_cookie_lines):
    from http.cookies import SimpleCookie

    jar = SimpleCookie()
    for line in set_cookie_lines:
        jar.load(line)
    return jar.values()


@pytest.mark.parametrize(
    "lines, result",
    [
        ((), "cookies-not-found"),
        (
            ("sessionid=a; Secure; HttpOnly; SameSite=Lax", "csrftoken=b; Secure; SameSite=Lax"),
            "cookies-secure-with-httponly-sessions-and-samesite",
        ),
        (("sessionid=a; Secure; HttpOnly",), "cookies-secure-with-httponly-sessions"),
        (("sessionid=a; Secure; SameSite=Lax",), "cookies-session-without-httponly-flag"),
        (("sessionid=a; HttpOnly; SameSite=Lax",), "cookies-session-without-secure-flag"),
        (("csrftoken=b; Secure",), "cookies-anticsrf-without-samesite-flag"),
        (("theme=dark; SameSite=Lax",), "cookies-without-secure-flag"),
    ],
)
def test_cookie_scoring_follows_the_published_table(lines, result):
    assert score_cookies(morsels(*lines), has_hsts=False)[0] == result
