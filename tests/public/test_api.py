"""The read-only JSON API: only published verdicts, filters, and answers that match its own schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from claims.models import Contradiction, Source
from tests.factories import make_draft_verdict, make_published_verdict, make_source, reopen_and_edit, withdraw

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


def contradiction(first, second, confirm=True):
    claim_a, claim_b = Contradiction.ordered_pair(first.claim, second.claim)
    found = Contradiction.objects.create(
        claim_a=claim_a, claim_b=claim_b, kind="count", explanation="1,000 and 300 cannot both be right."
    )
    if confirm:
        found.confirm(note="Checked with both outlets.")
    return found


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Calling the WSGI app directly fires request signals that would close the test's transaction
    (Django's test client disconnects the same handler for the same reason)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def some_verdicts(db):
    minister = make_source("Api Minister", kind=Source.Kind.PERSON)
    first = make_published_verdict(speaker=minister, rating="false")
    second = make_published_verdict(rating="true")
    contradiction(first, second)
    make_draft_verdict(headline="Draft in the API")
    return first, second


# --- Schema conformance ---------------------------------------------------------------------------------


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_within_its_own_schema(case, some_verdicts, wsgi_keeps_the_test_connection):
    # Every check, "a request the schema forbids is refused" included (`?since=0.5` was once accepted).
    case.call_and_validate()


def test_schema_lists_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/verdicts", "/api/verdicts/{slug}", "/api/claimreview", "/api/contradictions"} <= set(paths)


VALID_VALUES = {
    "page": "1",
    "page_size": "5",
    "rating": "false",
    "source": "x",
    "since": "2026-01-01T00:00:00Z",
}


@pytest.mark.django_db
def test_each_endpoint_takes_exactly_the_query_parameters_its_schema_lists(client, some_verdicts):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, operations in paths.items():
        url = path.replace("{slug}", some_verdicts[0].slug)
        listed = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        for name in listed:
            assert client.get(url, {name: VALID_VALUES[name]}).status_code == 200, (path, name)
        refused = client.get(url, {"unlisted": "1"})
        assert refused.status_code == 422, path
        assert refused.json()["detail"].startswith("Unknown query parameter “unlisted”"), path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message",
    [
        ("since=0.5", "Give a date and time with its offset from UTC"),
        ("since=1700000000", "Give a date and time with its offset from UTC"),
        ("since=2026-01-15", "Give a date and time with its offset from UTC"),
        ("page=1.0", "Give a whole number from 1 up, in digits"),
        ("page=-1", "Give a whole number from 1 up, in digits"),
        ("page=%201", "Give a whole number from 1 up, in digits"),
        ("page_size=%D9%A3", "Give a whole number from 1 up, in digits"),  # an Arabic-Indic three
        ("ratng=false", "Unknown query parameter “ratng”. This endpoint takes: rating, source, since"),
        ("page=1&page=2", "The query parameter “page” is given 2 times; give it once."),
    ],
)
def test_bad_query_parameters_are_refused_with_a_clear_message(client, query, message):
    response = client.get(f"/api/verdicts?{query}")
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


def test_docs_page_uses_no_cdn(client):
    page = client.get("/api/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page


# --- Verdicts -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verdict_list_shows_only_published(client, some_verdicts):
    body = client.get("/api/verdicts").json()
    assert body["count"] == 2
    assert "Draft in the API" not in str(body)
    assert {item["rating"] for item in body["items"]} == {"false", "true"}


@pytest.mark.django_db
def test_verdict_list_filters_by_rating_source_and_date(client, some_verdicts):
    first, second = some_verdicts
    assert [v["slug"] for v in client.get("/api/verdicts?rating=false").json()["items"]] == [first.slug]
    assert [v["slug"] for v in client.get("/api/verdicts?source=api-minister").json()["items"]] == [
        first.slug
    ]
    since = second.published_at.isoformat()
    assert [v["slug"] for v in client.get("/api/verdicts", {"since": since}).json()["items"]] == [second.slug]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "since", ["1560-04-08T19:45:05+18:06", "0001-01-01T00:00:00+05:00", "2026-01-01T00:00:00"]
)
def test_odd_since_dates_are_answered_not_crashed_on(client, since):
    assert client.get("/api/verdicts", {"since": since}).status_code in {200, 422}


@pytest.mark.django_db
def test_verdict_list_rejects_an_unknown_rating(client):
    assert client.get("/api/verdicts?rating=pants_on_fire").status_code == 422


@pytest.mark.django_db
def test_verdict_detail(client, some_verdicts):
    first, _ = some_verdicts
    body = client.get(f"/api/verdicts/{first.slug}").json()
    assert body["headline"] == first.headline
    assert body["rating_label"] == "False"
    assert body["rating_value"] == 1
    assert body["claim"]["speaker"]["name"] == "Api Minister"


@pytest.mark.django_db
def test_draft_verdict_is_404(client):
    draft = make_draft_verdict()
    assert client.get(f"/api/verdicts/{draft.slug}").status_code == 404


@pytest.mark.django_db
def test_verdict_list_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(5):
        make_published_verdict()
    with django_assert_max_num_queries(2):
        client.get("/api/verdicts")
    for _ in range(30):
        make_published_verdict()
    with django_assert_max_num_queries(2):
        client.get("/api/verdicts")


# --- ClaimReview feed and contradictions ----------------------------------------------------------------


@pytest.mark.django_db
def test_claimreview_feed_lists_published_reviews(client, some_verdicts):
    body = client.get("/api/claimreview").json()
    assert body["count"] == 2
    assert {review["@type"] for review in body["claimReviews"]} == {"ClaimReview"}
    assert "Draft in the API" not in str(body)


@pytest.mark.django_db
def test_claimreview_feed_pages(client):
    for _ in range(101):
        make_published_verdict()
    first = client.get("/api/claimreview").json()
    assert len(first["claimReviews"]) == 100
    second = client.get(first["next"]).json()
    assert len(second["claimReviews"]) == 1
    assert second["next"] is None


@pytest.mark.django_db
def test_claimreview_feed_query_count_is_constant(client, django_assert_max_num_queries):
    # Verdicts, their changelogs, the count, and the articles linked as repeats (claims/events/matching.py).
    for _ in range(5):
        make_published_verdict()
    with django_assert_max_num_queries(4):
        client.get("/api/claimreview")
    for _ in range(30):
        make_published_verdict()
    with django_assert_max_num_queries(4):
        client.get("/api/claimreview")


@pytest.mark.django_db
def test_contradictions_lists_confirmed_ones_only(client, some_verdicts):
    first, second = some_verdicts
    third = make_published_verdict()
    contradiction(first, third, confirm=False)
    items = client.get("/api/contradictions").json()["items"]
    assert len(items) == 1
    assert items[0]["note"] == "Checked with both outlets."
    assert {side["verdict_url"].split("/")[-2] for side in items[0]["claims"]} == {first.slug, second.slug}


@pytest.mark.django_db
def test_contradictions_give_dates_in_words_as_the_desk_does(client, some_verdicts):
    Contradiction.objects.update(explanation="12 as of 2022-01-06, fewer than 13 as of 2022-01-05.")
    explanation = client.get("/api/contradictions").json()["items"][0]["explanation"]
    assert explanation == "12 as of 6 Jan 2022, fewer than 13 as of 5 Jan 2022."


@pytest.mark.django_db
def test_contradictions_between_unpublished_claims_stay_private(client):
    contradiction(make_draft_verdict(), make_draft_verdict())
    assert client.get("/api/contradictions").json()["items"] == []


@pytest.mark.django_db
def test_api_answers_are_publicly_cacheable(client, some_verdicts):
    response = client.get("/api/verdicts")
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_verdict_detail_carries_plain_text_and_sanitised_html(client):
    verdict = make_published_verdict(
        explanation="The **count** held <img src=x onerror=alert(1)>: [report](https://roads.example/toll)."
    )
    body = client.get(f"/api/verdicts/{verdict.slug}").json()
    assert body["explanation"] == "The count held : report."
    assert body["explanation_html"] == (
        "<p>The <strong>count</strong> held : "
        '<a href="https://roads.example/toll" rel="nofollow noopener noreferrer">report</a>.</p>'
    )


@pytest.mark.django_db
def test_a_reopened_verdict_keeps_its_published_version_in_the_api(client):
    verdict = make_published_verdict(headline="Published headline", rating="true")
    reopen_and_edit(verdict, headline="Draft headline", rating="false")
    body = client.get(f"/api/verdicts/{verdict.slug}").json()
    assert (body["headline"], body["rating"]) == ("Published headline", "true")
    assert [v["headline"] for v in client.get("/api/verdicts?rating=false").json()["items"]] == []


@pytest.mark.django_db
def test_a_withdrawn_verdict_is_410_and_out_of_the_lists(client):
    verdict = make_published_verdict()
    withdraw(verdict, "The statement was retracted.")
    response = client.get(f"/api/verdicts/{verdict.slug}")
    assert response.status_code == 410
    assert response.json()["detail"].endswith("The statement was retracted.")
    assert client.get("/api/verdicts").json()["count"] == 0
    assert client.get("/api/claimreview").json()["count"] == 0
