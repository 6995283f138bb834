"""`manage.py import_claimreview`: real-world shaped ClaimReview in; sources, claims, verdicts out."""

import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.management.commands import import_claimreview
from claims.models import Article, Claim, Source, Verdict
from claims.newsroom.fetching import FetchedPage
from tests.factories import make_published_verdict, make_source

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "fixtures"
ONE_TO_FIVE = {"bestRating": 5, "worstRating": 1}


def run_import(location, *args):
    out = StringIO()
    call_command("import_claimreview", str(location), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_single_review_becomes_source_article_claim_and_verdict():
    run_import(FIXTURES / "claimreview_single.json")
    verdict = Verdict.objects.select_related("claim__speaker", "claim__article").get()
    claim = verdict.claim
    assert claim.text == "Says 12,000 people were injured in Almaty on January 5."
    assert claim.speaker.name == "Aida Bekova"
    assert claim.speaker.kind == Source.Kind.PERSON
    assert claim.speaker_role == "Opposition MP"
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.article.url == "https://www.facebook.example/aidabekova/posts/1234567890"
    assert claim.article.title == "Facebook post"
    assert verdict.headline == "No, 12,000 were not injured in Almaty"
    assert verdict.summary.startswith("Hospitals and the health ministry")
    assert verdict.is_published
    assert verdict.published_at == datetime(2026, 1, 8, 12, tzinfo=UTC)  # a bare date is noon, as on ingest
    assert verdict.slug == "no-12000-were-not-injured-almaty"


def test_rating_on_another_scale_is_unproven_with_a_note():
    output = run_import(FIXTURES / "claimreview_single.json")
    verdict = Verdict.objects.get()
    assert verdict.rating == "unproven"
    assert "“Pants on Fire!”, 1 on a scale from 1 to 6" in verdict.explanation
    assert "First published by PolitiFact Example" in verdict.explanation
    assert "Rating kept as Unproven" in output
    assert (verdict.original_rating_name, verdict.original_rating_value) == ("Pants on Fire!", 1.0)
    assert (verdict.original_worst, verdict.original_best) == (1.0, 6.0)


def test_original_rating_is_kept_as_given():
    original = import_claimreview.original_rating(
        {"ratingValue": "1", "bestRating": 6, "worstRating": 1, "alternateName": "Pants on Fire!"}
    )
    assert original == {
        "original_rating_name": "Pants on Fire!",
        "original_rating_value": 1.0,
        "original_best": 6.0,
        "original_worst": 1.0,
    }


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ({"alternateName": "mostly TRUE"}, "mostly_true"),
        ({"alternateName": "Misleading", **ONE_TO_FIVE, "ratingValue": 2}, "misleading"),
        ({"alternateName": "Somewhat inaccurate", **ONE_TO_FIVE, "ratingValue": 2}, "mostly_false"),
        ({"ratingValue": "5", "bestRating": "5", "worstRating": "1"}, "true"),
        ({"alternateName": "Four Pinocchios", "ratingValue": 4, "bestRating": 4}, "unproven"),
        ({"alternateName": "Correct, with context"}, "unproven"),
        ({"ratingValue": 2.5, "bestRating": 5, "worstRating": 1}, "unproven"),
        ({}, "unproven"),
    ],
)
def test_ratings_map_only_when_unambiguous(rating, expected):
    mapped, note = import_claimreview.mapped_rating(import_claimreview.original_rating(rating))
    assert mapped == expected
    assert bool(note) == (expected == "unproven")


def test_feed_imports_every_review():
    output = run_import(FIXTURES / "claimreview_feed.json")
    assert "3 reviews: 3 created" in output
    ratings = dict(Verdict.objects.values_list("claim__text", "rating"))
    assert ratings == {
        "More than 4,000 people were hospitalised after the January unrest.": "unproven",
        "Eighteen police officers were killed.": "mostly_true",
        "225 people died in the unrest, all of them protesters.": "mostly_false",
    }
    ministry = Source.objects.get(name="Ministry of Health")
    assert ministry.kind == Source.Kind.ORGANISATION


def test_importing_twice_changes_nothing():
    run_import(FIXTURES / "claimreview_feed.json")
    counts = [model.objects.count() for model in (Source, Article, Claim, Verdict)]
    output = run_import(FIXTURES / "claimreview_feed.json")
    assert "0 created, 0 updated, 3 unchanged" in output
    assert [model.objects.count() for model in (Source, Article, Claim, Verdict)] == counts


def test_reimport_updates_a_changed_review(tmp_path):
    run_import(FIXTURES / "claimreview_single.json")
    review = json.loads((FIXTURES / "claimreview_single.json").read_text())
    review["headline"] = "Corrected headline"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(review))
    assert "1 updated" in run_import(changed)
    assert Verdict.objects.get().headline == "Corrected headline"


def test_existing_sources_are_reused_by_name():
    ministry = make_source("Ministry of Health", kind=Source.Kind.OFFICIAL_BODY)
    run_import(FIXTURES / "claimreview_feed.json")
    assert Claim.objects.filter(speaker=ministry).count() == 1


def test_sources_are_found_by_the_ingest_rules_and_get_a_missing_homepage(tmp_path):
    """The same lookup as ingest: an alias or a medium word finds the source, no second row appears."""
    khabar = make_source("Khabar 24", kind=Source.Kind.BROADCASTER)
    bekova = make_source("Aida Bekova", kind=Source.Kind.PERSON)
    bekova.add_alias("A. Bekova")
    review = json.loads((FIXTURES / "claimreview_single.json").read_text())
    review["itemReviewed"]["author"]["name"] = "A. Bekova"
    review["itemReviewed"]["appearance"][0]["publisher"] = {
        "@type": "Organization",
        "name": "Khabar-24 TV",
        "url": "https://khabar24.example",
    }
    changed = tmp_path / "aliases.json"
    changed.write_text(json.dumps(review))
    sources_before = Source.objects.count()
    run_import(changed)
    claim = Claim.objects.select_related("speaker", "article__publisher").get()
    assert claim.speaker == bekova
    assert claim.article.publisher == khabar
    khabar.refresh_from_db()
    assert khabar.homepage == "https://khabar24.example"
    assert Source.objects.count() == sources_before


def test_html_page_json_ld_blocks_are_read():
    run_import(FIXTURES / "claimreview_page.html")
    verdict = Verdict.objects.select_related("claim__speaker", "claim__article").get()
    assert verdict.rating == "true"
    assert verdict.claim.speaker.name == "Shymkent Police"
    assert verdict.claim.article.url == "https://regional.example/shymkent-300"


def test_url_is_fetched_with_the_safe_fetcher(monkeypatch):
    fetched = []

    def fake_fetch(url):
        fetched.append(url)
        page = (FIXTURES / "claimreview_page.html").read_text()
        return FetchedPage(url=url, content_type="text/html", text=page)

    monkeypatch.setattr(import_claimreview, "fetch_url", fake_fetch)
    run_import("https://checkers.example/a/shymkent-detained")
    assert fetched == ["https://checkers.example/a/shymkent-detained"]
    assert Verdict.objects.count() == 1


def test_drafts_option_keeps_verdicts_unpublished():
    run_import(FIXTURES / "claimreview_single.json", "--drafts")
    verdict = Verdict.objects.get()
    assert not verdict.is_published
    assert verdict.claim.status == Claim.Status.VERDICT_DRAFTED


def test_a_file_without_claimreview_is_refused(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text('{"@type": "NewsArticle"}')
    with pytest.raises(CommandError, match="No ClaimReview"):
        run_import(empty)


def test_invalid_json_is_refused(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        run_import(broken)


# --- Round trip -----------------------------------------------------------------------------------------


def snapshot():
    """What a ClaimReview carries, row by row, keyed by what identifies each row."""
    return {
        "sources": sorted(
            (name, kind == Source.Kind.PERSON) for name, kind in Source.objects.values_list("name", "kind")
        ),
        "articles": sorted(Article.objects.values_list("url", "title", "published_at", "publisher__name")),
        "claims": sorted(Claim.objects.values_list("text", "speaker__name", "speaker_role", "status")),
        # reviewBody carries the explanation as readers read it (plain text), never its Markdown.
        "verdicts": sorted(
            Verdict.objects.values_list(
                "slug", "rating", "headline", "summary", "published_body_text", "published_at", "is_published"
            )
        ),
    }


def test_export_then_import_into_an_empty_database_gives_the_same_rows(client, tmp_path):
    make_published_verdict(rating="misleading", explanation="The **count** was for the whole region.")
    ministry = make_source("Health Ministry", kind=Source.Kind.OFFICIAL_BODY)
    make_published_verdict(rating="false", speaker=ministry)
    make_published_verdict(rating="unproven", speaker=False)
    for _ in range(3):
        make_published_verdict(rating="true")
    for verdict in Verdict.objects.all():
        if verdict.claim.speaker and verdict.claim.speaker.kind != Source.Kind.PERSON:
            verdict.claim.speaker_role = ""  # schema.org carries a job title for people only
            verdict.claim.save()
    before = snapshot()

    exported = client.get("/api/claimreview").json()
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(exported))
    for model in (Verdict, Claim, Article, Source):
        model.objects.all().delete()

    output = run_import(export_file)
    assert "6 reviews: 6 created" in output
    assert snapshot() == before
    assert "Rating kept as Unproven" not in output
