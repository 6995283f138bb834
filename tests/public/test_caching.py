"""Readers' pages come from the cache for anonymous readers, go stale the moment what they show changes,
and are never cached for editors, for requests with a session or messages, or with a reused CSP nonce."""

import re

import pytest

from claims.models import Verdict
from tests.factories import make_editor, make_evidence, make_published_verdict, republish

pytestmark = pytest.mark.django_db


def nonce(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_a_cached_verdict_page_is_served_without_database_queries(client, django_assert_num_queries):
    verdict = make_published_verdict()
    url = verdict.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert second.content.decode().replace(nonce(second), "N") == first.content.decode().replace(
        nonce(first), "N"
    )
    assert "public" in second["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/sources/", "/search/?q=injured", "/corrections/"])
def test_other_public_pages_are_cached_too(client, django_assert_num_queries, path):
    make_published_verdict()
    client.get(path)
    with django_assert_num_queries(0):
        assert client.get(path)["X-Cache"] == "hit"


def test_a_verdict_change_shows_at_once(client):
    verdict = make_published_verdict(headline="Old headline")
    url = verdict.get_absolute_url()
    assert "Old headline" in client.get(url).content.decode()
    republish(Verdict.objects.get(pk=verdict.pk), "Clearer headline.", headline="New headline")
    page = client.get(url)
    assert "X-Cache" not in page
    assert "New headline" in page.content.decode()


def test_new_evidence_shows_at_once(client):
    verdict = make_published_verdict()
    url = verdict.get_absolute_url()
    client.get(url)
    make_evidence(claim=verdict.claim, url="https://stats.example/new-table")
    assert "stats.example/new-table" in client.get(url).content.decode()


def test_a_new_published_verdict_shows_on_the_home_page_at_once(client):
    make_published_verdict(headline="First verdict")
    client.get("/")
    make_published_verdict(headline="Second verdict")
    assert "Second verdict" in client.get("/").content.decode()


def test_every_response_gets_its_own_csp_nonce(client):
    verdict = make_published_verdict()
    first, second = client.get(verdict.get_absolute_url()), client.get(verdict.get_absolute_url())
    assert second["X-Cache"] == "hit"
    assert nonce(first) != nonce(second)
    assert f'nonce="{nonce(second)}"' in second.content.decode()
    assert nonce(first) not in second.content.decode()


def test_htmx_fragments_and_full_pages_are_kept_apart(client):
    make_published_verdict()
    client.get("/")
    fragment = client.get("/", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "<html" in client.get("/").content.decode()


def test_editors_pages_are_never_cached(client):
    verdict = make_published_verdict()
    client.force_login(make_editor())
    client.get(verdict.get_absolute_url())
    response = client.get(verdict.get_absolute_url())
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_request_with_messages_is_not_served_from_the_cache(client):
    verdict = make_published_verdict()
    client.get(verdict.get_absolute_url())
    client.cookies["messages"] = "something"
    assert "X-Cache" not in client.get(verdict.get_absolute_url())


def test_a_missing_page_is_not_cached(client):
    client.get("/verdicts/no-such-verdict/")
    assert client.get("/verdicts/no-such-verdict/").status_code == 404


def test_a_page_cached_for_one_host_and_scheme_is_not_served_to_another(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    make_published_verdict()
    client.get("/feeds/verdicts.atom", headers={"Host": "other.example"})
    feed = client.get("/feeds/verdicts.atom", secure=True)
    assert "X-Cache" not in feed
    assert "http://other.example" not in feed.text
    assert client.get("/feeds/verdicts.atom", secure=True)["X-Cache"] == "hit"
    assert "X-Cache" not in client.get("/feeds/verdicts.atom")  # same host, plain HTTP


def test_the_settings_pick_a_cache_every_process_shares_outside_debugging():
    from tests.security.test_production_settings import PRODUCTION_ENV, manage

    shown = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    production = manage("shell", "-v0", "-c", shown, **PRODUCTION_ENV)
    assert production.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", production.stderr
    asked = manage("shell", "-v0", "-c", shown, FACTCHECK_CACHE="database")
    assert asked.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", asked.stderr


def test_a_page_cached_under_another_site_url_is_not_served(client, settings):
    make_published_verdict()
    client.get("/robots.txt")
    settings.SITE_URL = "http://127.0.0.1:18801"  # a restart with another address, the cache kept
    response = client.get("/robots.txt")
    assert "X-Cache" not in response
    assert "Sitemap: http://127.0.0.1:18801/sitemap.xml" in response.text


def test_an_evicted_generation_number_never_brings_old_pages_back(client):
    from django.core.cache import cache

    from claims.public.caching import GENERATION_KEY

    verdict = make_published_verdict(headline="Old headline")
    url = verdict.get_absolute_url()
    cache.clear()  # a fresh cache (Redis restarted): the next page starts the generations
    client.get(url)
    republish(Verdict.objects.get(pk=verdict.pk), "The ministry revised its count.", headline="New headline")
    cache.delete(GENERATION_KEY)  # evicted, as Redis or the database cache's culling may do
    assert "New headline" in client.get(url).text
