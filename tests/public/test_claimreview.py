"""The ClaimReview JSON-LD each verdict page embeds, checked field by field as Google reads it."""

import json
import re
from datetime import datetime

import pytest
from django.conf import settings

from claims.models import Source
from claims.public.claimreview import CLAIM_REVIEWED_MAX, claimreview_for, shorten
from tests.factories import (
    make_article,
    make_claim,
    make_published_verdict,
    make_source,
    make_verdict,
    reopen_and_edit,
    republish,
)

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


def embedded_reviews(client, verdict):
    page = client.get(verdict.get_absolute_url()).content.decode()
    return [json.loads(block) for block in LD_JSON.findall(page)], page


def test_page_embeds_exactly_one_claimreview(client):
    reviews, _ = embedded_reviews(client, make_published_verdict())
    assert len(reviews) == 1
    assert reviews[0]["@type"] == "ClaimReview"
    assert reviews[0]["@context"] == "https://schema.org"


def test_claimreview_fields(client, settings):
    settings.SITE_URL = "https://factcheck.example"
    settings.SITE_NAME = "Factcheck Desk"
    verdict = make_published_verdict(rating="mostly_false")
    (review,), _ = embedded_reviews(client, verdict)
    claim, article = verdict.claim, verdict.claim.article

    assert review["url"] == f"https://factcheck.example/verdicts/{verdict.slug}/"
    assert review["claimReviewed"] == claim.text
    assert datetime.fromisoformat(review["datePublished"]) == verdict.published_at
    assert review["author"] == {
        "@type": "Organization",
        "name": "Factcheck Desk",
        "url": "https://factcheck.example",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": claim.speaker.name, "jobTitle": "interior minister"}
    assert datetime.fromisoformat(item["datePublished"]) == article.published_at
    assert item["appearance"][0]["url"] == article.url
    assert item["appearance"][0]["headline"] == article.title
    assert "dateModified" not in review


def test_organisation_speaker_is_an_organization(client):
    ministry = make_source("Ministry of Health", kind=Source.Kind.OFFICIAL_BODY)
    (review,), _ = embedded_reviews(client, make_published_verdict(speaker=ministry))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Ministry of Health"}


def test_an_unattributed_claim_has_no_author_and_its_outlet_is_only_where_it_appeared(client):
    outlet = make_source("Steppe Courier", homepage="https://steppecourier.example/")
    verdict = make_published_verdict(speaker=False, publisher=outlet)
    (review,), _ = embedded_reviews(client, verdict)
    item = review["itemReviewed"]
    assert "author" not in item
    [appearance] = item["appearance"]
    assert appearance["@type"] == "CreativeWork"
    assert appearance["url"] == verdict.claim.article.url
    assert appearance["headline"] == verdict.claim.article.title
    assert appearance["publisher"] == {
        "@type": "Organization",
        "name": "Steppe Courier",
        "url": "https://steppecourier.example/",
    }


def test_a_body_named_only_in_general_words_is_the_author_by_name(client):
    """ "The regional health department said …": kept as words, not a source, but still the claimant."""
    verdict = make_published_verdict(speaker=False)
    verdict.claim.speaker_role = "the regional health department"
    verdict.claim.save()
    (review,), page = embedded_reviews(client, verdict)
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "the regional health department",
    }
    assert "Said by the regional health department" in page
    assert "Unattributed" not in page


def test_a_quoted_spokesman_is_the_author_and_the_outlet_quoting_him_is_the_appearance(client):
    """ "A spokesman for the emergency service, Tomas Reyes, later said …", as the Daily Ledger reported it."""
    reyes = make_source("Tomas Reyes", kind=Source.Kind.PERSON)
    ledger = make_source("Daily Ledger", kind=Source.Kind.OUTLET)
    verdict = make_published_verdict(speaker=reyes, publisher=ledger)
    verdict.claim.speaker_role = "spokesman for the emergency service"
    verdict.claim.save()
    (review,), _ = embedded_reviews(client, verdict)
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "Tomas Reyes",
        "jobTitle": "spokesman for the emergency service",
    }
    [appearance] = item["appearance"]
    assert appearance["@type"] == "CreativeWork"
    assert appearance["publisher"] == {"@type": "Organization", "name": "Daily Ledger"}
    assert "Daily Ledger" not in json.dumps(item["author"])


def test_a_body_speaking_through_an_unnamed_spokesman_is_an_organization_without_a_job_title(client):
    police = make_source("Almaty police", kind=Source.Kind.OFFICIAL_BODY)
    verdict = make_published_verdict(speaker=police)  # the factory gives every speaker a role
    (review,), _ = embedded_reviews(client, verdict)
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Almaty police"}


def test_long_claims_are_shortened_under_75_characters(client):
    text = "The ministry said that " + "more than one thousand people were injured in the clashes " * 3
    (review,), _ = embedded_reviews(client, make_published_verdict(text=text))
    assert len(review["claimReviewed"]) <= CLAIM_REVIEWED_MAX
    assert review["claimReviewed"].endswith("…")
    assert review["itemReviewed"]["text"] == text


def test_shorten_cuts_at_a_word():
    assert shorten("one two three", limit=9) == "one two…"


def test_script_in_a_claim_cannot_break_out_of_the_block(client):
    verdict = make_published_verdict(
        text="They wrote </script><script>alert('x')</script> on the wall & left."
    )
    (review,), page = embedded_reviews(client, verdict)
    assert "<script>alert" not in page
    assert review["itemReviewed"]["text"].startswith("They wrote </script>")
    assert "\\u003C/script\\u003E" in page


def test_date_modified_appears_after_a_public_change(client):
    verdict = make_published_verdict(rating="true")
    republish(verdict, "New count from the ministry.", rating="false")
    (review,), page = embedded_reviews(client, verdict)
    latest = verdict.history.latest()
    assert review["dateModified"] == latest.history_date.isoformat()
    assert review["reviewRating"]["alternateName"] == "False"


def test_open_graph_and_canonical(client, settings):
    settings.SITE_URL = "https://factcheck.example"
    verdict = make_published_verdict()
    _, page = embedded_reviews(client, verdict)
    canonical = f"https://factcheck.example/verdicts/{verdict.slug}/"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert f'<meta property="og:url" content="{canonical}">' in page
    assert '<meta property="og:title" content="Mostly true: ' in page


def test_claimreview_for_article_without_url_or_date():
    article = make_article(url="", published_at=None, title="")
    claim = make_claim(article=article, status="published")
    verdict = make_verdict(claim=claim, is_published=True, published_at=article.ingested_at)
    review = claimreview_for(verdict)
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork"}]
    assert "datePublished" not in review["itemReviewed"]
    assert review["url"].startswith(settings.SITE_URL)


def test_review_body_is_the_explanation_as_readers_read_it(client):
    verdict = make_published_verdict(
        explanation="The **count** held: see [the toll road report](https://roads.example/toll).\n\n- one\n- two"
    )
    (review,), _ = embedded_reviews(client, verdict)
    assert review["reviewBody"] == "The count held: see the toll road report.\n\none\n\ntwo"


def test_a_reopened_verdict_keeps_its_published_claimreview(client):
    verdict = make_published_verdict(headline="Published headline", rating="true")
    reopen_and_edit(verdict, headline="Draft headline", rating="false", explanation="Draft body")
    (review,), _ = embedded_reviews(client, verdict)
    assert review["headline"] == "Published headline"
    assert review["reviewRating"]["alternateName"] == "True"
    assert "reviewBody" not in review
