"""Import schema.org ClaimReview JSON-LD into sources, articles, claims and verdicts.

Reads a file or a URL holding one ClaimReview, a list, a feed (`{"claimReviews": [...]}`, which is also
what /api/claimreview serves), an `@graph`, or an HTML page with JSON-LD blocks. Idempotent: a review is
keyed on the article it appeared in (itemReviewed's appearance URL, else the review's own URL) and the
claim's text, so importing twice updates rather than duplicates, and our own export imports unchanged.

Ratings on other scales are kept as given (the verdict's original_* fields) and mapped to ours only when
unambiguous: the name matches one of our labels, or the scale is 1 to 5. Anything else becomes Unproven, with a note in the explanation saying what it was.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from lxml import html as lxml_html

from claims.models import Article, Claim, Rating, Source, Verdict, unique_slug
from claims.newsroom.fetching import FetchError, fetch_url
from claims.newsroom.ingest import find_or_create_source, publication_time
from claims.rendering import MAX_EXPLANATION_LENGTH

FIVE_POINT_SCALE = {
    5: Rating.TRUE,
    4: Rating.MOSTLY_TRUE,
    3: Rating.HALF_TRUE,
    2: Rating.MOSTLY_FALSE,
    1: Rating.FALSE,
}
SUMMARY_MAX = 1000
HEADLINE_MAX = 200


# --- Reading documents ---------------------------------------------------------------------------------


def read_source(location):
    """The text at a URL (fetched within the usual limits) or in a file."""
    if re.match(r"^https?://", location, re.IGNORECASE):
        try:
            return fetch_url(location).text
        except FetchError as error:
            raise CommandError(str(error)) from error
    try:
        return Path(location).read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read {location}: {error.strerror}") from error


def json_documents(text):
    """The JSON in `text`: the whole of it, or each JSON-LD block when it is an HTML page."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            return [json.loads(stripped)]
        except json.JSONDecodeError as error:
            raise CommandError(f"That is not valid JSON: {error}") from error
    documents = []
    for block in lxml_html.fromstring(text or "<html></html>").xpath('//script[@type="application/ld+json"]'):
        try:
            documents.append(json.loads(block.text_content()))
        except json.JSONDecodeError:
            continue  # pages often carry a broken block next to good ones
    return documents


def is_claimreview(node):
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds


def claimreviews_in(node):
    """Every ClaimReview object anywhere in a JSON document: lists, feeds, @graph, nested pages."""
    if isinstance(node, list):
        for item in node:
            yield from claimreviews_in(item)
    elif isinstance(node, dict):
        if is_claimreview(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, list | dict):
                yield from claimreviews_in(value)


# --- Reading fields ------------------------------------------------------------------------------------


def first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def text_of(value):
    return value.strip() if isinstance(value, str) else ""


def as_datetime(value):
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        # A bare date first: parse_datetime would read it as midnight, a day earlier west of UTC.
        return publication_time(parse_date(value) or parse_datetime(value))
    except ValueError:
        return None


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def original_rating(review_rating):
    """The rating as the reviewer gave it, for the verdict's original_* fields."""
    review_rating = review_rating if isinstance(review_rating, dict) else {}
    return {
        "original_rating_name": text_of(review_rating.get("alternateName"))
        or text_of(review_rating.get("name")),
        "original_rating_value": number(review_rating.get("ratingValue")),
        "original_best": number(review_rating.get("bestRating")),
        "original_worst": number(review_rating.get("worstRating")),
    }


def mapped_rating(original):
    """Our rating for the original one, and a note when there is no unambiguous match."""
    name = original["original_rating_name"]
    by_label = {label.casefold(): value for value, label in Rating.choices}
    by_label |= {value.replace("_", " "): value for value in Rating.values}
    if name.casefold().replace("_", " ") in by_label:
        return Rating(by_label[name.casefold().replace("_", " ")]), ""
    value, best, worst = (
        original[key] for key in ("original_rating_value", "original_best", "original_worst")
    )
    if (
        worst == 1
        and best == 5
        and value is not None
        and value.is_integer()
        and int(value) in FIVE_POINT_SCALE
    ):
        return FIVE_POINT_SCALE[int(value)], ""
    given = f"“{name}”" if name else "no name"
    if value is not None:
        given += f", {value:g}" + (
            f" on a scale from {worst:g} to {best:g}" if worst is not None and best is not None else ""
        )
    return (
        Rating.UNPROVEN,
        f"The original review rated this claim {given}, which has no clear match on our scale.",
    )


# --- Writing rows --------------------------------------------------------------------------------------


def source_for(party, default_kind=Source.Kind.ORGANISATION):
    """The source a schema.org party names, found or created by the ingest's rules (any spelling, an
    alias, a look-alike flagged for an admin); its homepage filled in when we had none."""
    party = first(party)
    if isinstance(party, str):
        party = {"name": party}
    if not isinstance(party, dict) or not text_of(party.get("name")):
        return None
    kind = Source.Kind.PERSON if party.get("@type") == "Person" else default_kind
    source = find_or_create_source(text_of(party.get("name"))[:200], kind)
    homepage = text_of(party.get("url"))
    if source is not None and not source.homepage and homepage.startswith(("http://", "https://")):
        source.homepage = homepage[:200]
        source.save(update_fields=["homepage"])
    return source


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    # Ratings as given, by verdict slug, until Verdict has fields for them.


def save_if_changed(instance, values):
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save()
    return bool(changed)


def slug_from(url, headline, verdict):
    """The review URL's last path segment (our /verdicts/<slug>/ comes back unchanged), else the headline."""
    path_end = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] if url else ""
    base = slugify(path_end)[:80] or slugify(headline)[:80]
    if verdict is not None and verdict.slug == base:
        return base
    return unique_slug(Verdict, base or headline, exclude_pk=verdict.pk if verdict else None)


def appearance_of(item):
    """Where the reviewed claim appeared: a dict (a bare URL becomes {"url": it}), {} when not given."""
    appearance = first(item.get("appearance")) or first(item.get("firstAppearance")) or {}
    appearance = {"url": appearance} if isinstance(appearance, str) else appearance
    return appearance if isinstance(appearance, dict) else {}


def article_for(article_url, appearance, item, claim_text):
    """The article the claim appeared in, by URL; created with the claim as its body when new."""
    article = Article.objects.filter(url=article_url).first()
    if article is None:
        article = Article.objects.create(
            url=article_url,
            title=text_of(appearance.get("headline"))[:300],
            publisher=source_for(appearance.get("publisher") or appearance.get("author")),
            published_at=as_datetime(appearance.get("datePublished"))
            or as_datetime(item.get("datePublished")),
            body=f"{claim_text}\n\n(Imported from {article_url})",
        )
    return article


def update_claim(article, claim_text, item, publish):
    """(The article's claim with this text, created when new; whether its speaker or status changed)."""
    claim = article.claims.filter(text=claim_text).first()
    if claim is None:
        start = max(article.body.find(claim_text), 0)
        claim = Claim.objects.create(
            article=article, text=claim_text, start=start, end=start + len(claim_text)
        )
    author = first(item.get("author"))
    # An outlet named as the claim's author for its own article is how our export (and others) says
    # "reported by the outlet, no named speaker", which is a claim without a speaker here.
    speaker = source_for(author)
    if speaker is not None and speaker.pk == article.publisher_id:
        speaker = None
    role = text_of(author.get("jobTitle"))[:200] if isinstance(author, dict) else ""
    status = Claim.Status.PUBLISHED if publish else Claim.Status.VERDICT_DRAFTED
    return claim, save_if_changed(claim, {"speaker": speaker, "speaker_role": role, "status": status})


def verdict_values(review, review_url, claim_text, report):
    """The verdict's fields as the review gives them; a rating we cannot map is noted in `report`."""
    original = original_rating(review.get("reviewRating"))
    rating, note = mapped_rating(original)
    headline = (text_of(review.get("headline")) or text_of(review.get("name")) or claim_text)[:HEADLINE_MAX]
    explanation = text_of(review.get("reviewBody"))
    reviewer = first(review.get("author"))
    reviewer_name = text_of(reviewer.get("name")) if isinstance(reviewer, dict) else text_of(reviewer)
    if reviewer_name and reviewer_name != settings.SITE_NAME:
        explanation += f"\n\nFirst published by {reviewer_name}" + (
            f" at <{review_url}>." if review_url else "."
        )
    if note:
        explanation += f"\n\n{note}"
        report.unmapped.append(f"{review_url or headline}: {note}")
    return {
        "rating": rating,
        "headline": headline,
        "summary": (
            text_of(review.get("description")) or f"Rated {original['original_rating_name'] or rating.label}."
        )[:SUMMARY_MAX],
        "explanation": explanation.strip()[:MAX_EXPLANATION_LENGTH],
    } | original


def save_verdict(claim, values, review, review_url, publish):
    """Create or update the claim's verdict from `values`, published at once with `publish`.
    Returns (changed, created)."""
    verdict = getattr(claim, "verdict", None)
    published_at = (
        as_datetime(review.get("datePublished"))
        or (verdict.published_at if verdict else None)
        or (timezone.now() if publish else None)
    )
    if verdict is None:
        verdict = Verdict(claim=claim, slug=slug_from(review_url, values["headline"], None), **values)
        changed = created = True
    else:
        changed, created = [name for name, value in values.items() if getattr(verdict, name) != value], False
        for name in changed:
            setattr(verdict, name, values[name])
    if publish and (changed or not verdict.is_published or verdict.published_at != published_at):
        # Readers see what was imported: the draft becomes the published copy at once.
        verdict.published_at = published_at
        verdict.copy_draft_to_public(published_at)
        changed = True
    if changed:
        verdict.save()
    return changed, created


@transaction.atomic
def import_review(review, report, publish=True):
    item = first(review.get("itemReviewed")) or {}
    item = item if isinstance(item, dict) else {}
    review_url = text_of(review.get("url"))
    claim_text = text_of(item.get("text")) or text_of(review.get("claimReviewed"))
    appearance = appearance_of(item)
    article_url = (text_of(appearance.get("url")) or review_url)[:500]
    if not claim_text or not article_url:
        report.skipped.append(review_url or claim_text[:60] or "a review with neither a claim nor a URL")
        return
    article = article_for(article_url, appearance, item, claim_text)
    claim, claim_changed = update_claim(article, claim_text, item, publish)
    values = verdict_values(review, review_url, claim_text, report)
    changed, created = save_verdict(claim, values, review, review_url, publish)
    if created:
        report.created += 1
    elif changed or claim_changed:
        report.updated += 1
    else:
        report.unchanged += 1


class Command(BaseCommand):
    help = "Import ClaimReview JSON-LD (a file or a URL: one review, a list, a feed or an HTML page)."

    def add_arguments(self, parser):
        parser.add_argument("location", metavar="FILE_OR_URL")
        parser.add_argument(
            "--drafts",
            action="store_true",
            help="Import the verdicts unpublished, for editors to review first.",
        )

    def handle(self, location, drafts=False, **options):
        reviews = [
            review
            for document in json_documents(read_source(location))
            for review in claimreviews_in(document)
        ]
        if not reviews:
            raise CommandError("No ClaimReview found there.")
        report = ImportReport()
        for review in reviews:
            import_review(review, report, publish=not drafts)
        self.stdout.write(
            f"{len(reviews)} reviews: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.skipped)} skipped."
        )
        for line in report.unmapped:
            self.stdout.write(f"Rating kept as Unproven: {line}")
        for line in report.skipped:
            self.stderr.write(f"Skipped (no claim text or URL): {line}")
        return None
