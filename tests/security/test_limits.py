"""Limits and bad input: each refusal a clear message with the right status, never a 500, and nothing
half-written left behind when a save fails part-way."""

from unittest import mock

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult
from simple_history.models import HistoricalRecords

from claims.models import Article, Verdict
from claims.public.search import MAX_QUERY_LENGTH
from tests.factories import make_draft_verdict, make_editor, make_published_verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(make_editor())
    return client


# --- Request size -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_an_oversized_paste_gets_a_413_that_names_the_limit(editor_client, settings, headers):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    body = "Over 1,000 people were injured. " * 3_000  # ~96 kB
    response = editor_client.post("/desk/ingest/", {"via": "paste", "paste-body": body}, headers=headers)
    assert response.status_code == 413
    assert b"too large" in response.content and b"48.8\xc2\xa0KB" in response.content
    assert Article.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_a_paste_over_the_analysis_limit_gets_a_422_form(editor_client, settings):
    settings.ANALYSIS_MAX_BYTES = 1_000
    response = editor_client.post("/desk/ingest/", {"via": "paste", "paste-body": "x " * 1_000})
    assert response.status_code == 422
    assert b"larger than the" in response.content
    assert DBTaskResult.objects.count() == 0


def test_other_bad_requests_get_the_400_page(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert b"could not be read" in response.content


def test_upload_and_body_limits_are_set(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1_000


# --- Pagination and query caps --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["999999", "abc", "-1", "0", "1e9", ""])
def test_any_page_number_gives_a_page(client, page):
    make_published_verdict()
    for url in (f"/?page={page}", f"/sources/{Verdict.objects.get().claim.speaker.slug}/?page={page}"):
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_page_past_the_end_shows_the_last_one_and_nonsense_the_first(client):
    for _ in range(21):
        make_published_verdict()
    assert client.get("/?page=999999").context["page"].number == 2
    assert client.get("/?page=abc").context["page"].number == 1


@pytest.mark.parametrize(
    "query", ["page_size=101", "page_size=1000000", "page=0", "page=100001", "page=99999999999999999999"]
)
@pytest.mark.parametrize("endpoint", ["/api/verdicts", "/api/contradictions"])
def test_the_api_caps_page_and_page_size_with_422(client, endpoint, query):
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_api_page_size_cap_is_served(client):
    assert client.get("/api/verdicts?page_size=100").status_code == 200
    assert client.get("/api/claimreview?page=100001").status_code == 422


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_a_search_query_over_the_limit_gets_400_with_a_message(client, headers):
    response = client.get("/search/", {"q": "x" * (MAX_QUERY_LENGTH + 1)}, headers=headers)
    assert response.status_code == 400
    assert str(MAX_QUERY_LENGTH).encode() in response.content
    assert client.get("/search/", {"q": "x" * MAX_QUERY_LENGTH}).status_code == 200


# --- Nothing half-written ---------------------------------------------------------------------------------


def state(verdict):
    verdict.refresh_from_db()
    claim = verdict.claim
    claim.refresh_from_db()
    return (
        verdict.headline,
        verdict.version,
        verdict.is_published,
        claim.status,
        verdict.history.count(),
        claim.history.count(),
        DBTaskResult.objects.count(),
    )


def fails_after_the_write():
    """The history row is written after the verdict's UPDATE and inside the same transaction."""
    return mock.patch.object(
        HistoricalRecords, "create_historical_record", side_effect=RuntimeError("disk full")
    )


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_a_failure_after_the_verdict_write_leaves_nothing_behind(headers):
    verdict = make_draft_verdict()
    before = state(verdict)
    client = Client(raise_request_exception=False)
    client.force_login(make_editor())
    data = {"rating": "false", "headline": "Changed", "summary": "Changed.", "version": verdict.version}
    with fails_after_the_write():
        response = client.post(f"/desk/claims/{verdict.claim.pk}/verdict/", data, headers=headers)
    assert response.status_code == 500
    assert state(verdict) == before
    # And the same save goes through once the fault is gone: the version was not used up.
    response = client.post(f"/desk/claims/{verdict.claim.pk}/verdict/", data)
    assert response.status_code == 302
    assert state(verdict)[:2] == ("Changed", before[1] + 1)


def test_a_failure_while_publishing_leaves_the_claim_and_verdict_as_they_were():
    verdict = make_draft_verdict()
    before = state(verdict)
    client = Client(raise_request_exception=False)
    client.force_login(make_editor())
    with mock.patch.object(Verdict, "save", side_effect=RuntimeError("disk full")):
        response = client.post(f"/desk/claims/{verdict.claim.pk}/publish/", {"publish-confirm": "on"})
    assert response.status_code == 500
    assert state(verdict) == before  # the claim's move to "published" was rolled back too


def test_an_oversized_htmx_paste_keeps_the_form_and_announces_the_limit(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    body = "Over 1,000 people were injured. " * 3_000
    response = editor_client.post(
        "/desk/ingest/", {"via": "paste", "paste-body": body}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 413
    assert response["HX-Reswap"] == "none"  # the form, with the editor's text, stays on the page
    assert b'id="htmx-alerts"' in response.content and b"hx-swap-oob" in response.content
