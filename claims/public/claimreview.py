"""What a published verdict says to machines: schema.org ClaimReview, and its public changelog.

The ClaimReview dict follows Google's fact-check markup (required and recommended fields), plus the
CreativeWork properties that let another newsroom rebuild the verdict from it (`headline`, `description`,
`reviewBody`, the claim's full `text`), so an export imported elsewhere loses nothing.

Everything comes from the verdict's published copy, never the draft. `reviewBody` is plain text made
from the sanitised HTML of the explanation: the editor's Markdown (and any HTML typed into it) never
leaves the site.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from ..history import changed_fields, with_previous
from ..models import RATING_SCALE, RATING_VALUES, Rating, Source, Verdict

# Google shows claimReviewed in a snippet and asks for fewer than 75 characters.
CLAIM_REVIEWED_MAX = 75

# The published copy's fields readers see; a change to any of them on republication is a correction.
PUBLIC_FIELDS = {
    "published_rating": "Rating",
    "published_headline": "Headline",
    "published_summary": "Summary",
    "published_body_html": "Explanation",
}


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def shorten(text, limit=CLAIM_REVIEWED_MAX):
    """Cut at a word boundary, ending with an ellipsis, so the result is at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.—– ")
    return f"{cut}…"


def schema_type_for(source):
    return "Person" if source.kind == Source.Kind.PERSON else "Organization"


def party(source, role=""):
    """A schema.org Person or Organization for a source."""
    described = {"@type": schema_type_for(source), "name": source.name}
    if source.homepage:
        described["url"] = source.homepage
    if role and described["@type"] == "Person":
        described["jobTitle"] = role
    return described


def claimant(claim):
    """Who made the claim, as schema.org: its speaker with their role; None when the report names nobody.

    The outlet that reported a claim is where it appeared (`appearance`, with its publisher), not its author:
    a newspaper quoting a police spokesman did not make the spokesman's claim.
    """
    if claim.speaker is None:
        # A body named only in general words ("the regional health department") is kept as text.
        return {"@type": "Organization", "name": claim.speaker_role} if claim.speaker_role else None
    return party(claim.speaker, claim.speaker_role)


def appearance_for(article):
    appearance = {"@type": "CreativeWork"}
    if article.url:
        appearance["url"] = article.url
    if article.title:
        appearance["headline"] = article.title
    if article.published_at:
        appearance["datePublished"] = article.published_at.isoformat()
    if article.publisher_id:
        appearance["publisher"] = party(article.publisher)
    return appearance


def claimreview_for(verdict, changes=None):
    """The ClaimReview for a published verdict; `changes` (its public changelog) saves a query in lists.

    Expects `claim__speaker` and `claim__article__publisher` to be selected with the verdict.
    """
    claim = verdict.claim
    article = claim.article
    rating = Rating(verdict.published_rating)
    item_reviewed = {"@type": "Claim", "text": claim.text}
    if (author := claimant(claim)) is not None:
        item_reviewed["author"] = author
    if article.published_at:
        item_reviewed["datePublished"] = article.published_at.isoformat()
    item_reviewed["appearance"] = [appearance_for(article)] + [
        appearance_for(repeat) for repeat in repeated_in(verdict)
    ]

    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(verdict.get_absolute_url()),
        "claimReviewed": shorten(claim.text),
        "headline": verdict.published_headline,
        "description": verdict.published_summary,
        "datePublished": verdict.published_at.isoformat(),
        "author": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[rating],
            "bestRating": RATING_SCALE["best"],
            "worstRating": RATING_SCALE["worst"],
            "alternateName": rating.label,
        },
        "itemReviewed": item_reviewed,
    }
    if verdict.published_body_text:
        review["reviewBody"] = verdict.published_body_text
    if changes is None:
        changes = public_changelog(verdict)
    if changes:
        review["dateModified"] = changes[-1].when.isoformat()
    return review


# --- Public changelog ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Correction:
    """One change readers could see: when it was made, what changed and the editor's reason."""

    when: datetime
    reason: str
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def rating_changed(self):
        return any(change.label == PUBLIC_FIELDS["published_rating"] for change in self.fields)


def _display(name, value):
    return Rating(value).label if name == "published_rating" and value in Rating.values else value


def corrections_from(records):
    """Republications among `records` (one verdict's history, oldest first) that changed what readers see.

    A record counts when it holds a newer published copy than the one before it, which already had one:
    the first publication and edits to the draft never appear, nor a republication that changed
    nothing readers see.
    """
    corrections = []
    for record, previous in with_previous(records):
        if (
            previous is not None
            and previous.published_version is not None
            and record.published_version != previous.published_version
        ):
            changed = [
                FieldChange(PUBLIC_FIELDS[name], _display(name, old), _display(name, new))
                for name, old, new in changed_fields(record, previous, names=PUBLIC_FIELDS)
            ]
            if changed:
                corrections.append(
                    Correction(record.history_date, record.history_change_reason or "", changed)
                )
    return corrections


def _history_rows(verdict_ids):
    return Verdict.history.filter(id__in=verdict_ids).order_by("id", "history_date", "history_id")


def public_changelog(verdict):
    return corrections_from(_history_rows([verdict.pk]))


def changelogs_for(verdicts):
    """Every verdict's changelog in one query: {verdict id: [Correction, …]}."""
    by_verdict = {verdict.pk: [] for verdict in verdicts}
    for record in _history_rows(list(by_verdict)):
        by_verdict[record.id].append(record)
    return {pk: corrections_from(records) for pk, records in by_verdict.items()}


def repeated_in(verdict):
    """Articles an editor linked as repeating the checked claim (claims/events/matching.py)."""
    cached = getattr(verdict, "_repeat_articles", None)
    if cached is not None:
        return cached
    return repeat_articles([verdict])[verdict.pk]


def repeat_articles(verdicts):
    from ..events.models import ClaimMatch

    found = {verdict.pk: [] for verdict in verdicts}
    links = (
        ClaimMatch.objects.filter(verdict__in=list(found), status=ClaimMatch.Status.REPEATS)
        .select_related("claim__article__publisher")
        .order_by("claim__article__published_at", "pk")
    )
    for link in links:
        if link.claim.article not in found[link.verdict_id]:
            found[link.verdict_id].append(link.claim.article)
    return found


def claimreviews_for(verdicts):
    """ClaimReviews for many verdicts with a constant number of queries."""
    verdicts = list(verdicts)
    changelogs = changelogs_for(verdicts)
    repeats = repeat_articles(verdicts)
    for verdict in verdicts:
        verdict._repeat_articles = repeats[verdict.pk]
    return [claimreview_for(verdict, changelogs[verdict.pk]) for verdict in verdicts]
