"""What reader pages and the API read: published verdicts, the sources they concern, their counts.

The API and the sitemap read these too; no one imports reader views for a query.
"""

from django.db.models import Count, Exists, F, OuterRef, Q

from ..contradiction_claims import ClaimsApartQuerySet
from ..models import Claim, Contradiction, Rating, Source, Verdict
from .shared_results import until_anything_changes


def published_verdicts():
    """With what a verdict card shows; not the article's text, which no reader page prints."""
    return (
        Verdict.objects.published()
        .select_related("claim__speaker", "claim__article__publisher")
        .defer("claim__article__body")
    )


def concerning(source=None, *, slug=None):
    """Verdicts on what a source said, or on claims its articles carried: the source, or by its `slug`
    (the API's filter). The one rule the home page, a source's page and the API share."""
    suffix, value = ("__slug", slug) if slug is not None else ("", source)
    return Q(**{f"claim__speaker{suffix}": value}) | Q(**{f"claim__article__publisher{suffix}": value})


def sources_with_published_verdicts():
    """Sources some published verdict concerns. Two EXISTS probes per source, each stopping at its first
    match through the speaker and publisher indexes: an OR across the two joins inside one subquery
    would read every published verdict once per source."""
    published = Verdict.objects.published()
    return Source.objects.filter(
        Exists(published.filter(claim__speaker=OuterRef("pk")))
        | Exists(published.filter(claim__article__publisher=OuterRef("pk")))
    )


def verdict_counts_by_source():
    """{source pk: published verdicts concerning it}, from one pass over the published verdicts per side
    (a verdict where the speaker is also the publisher counts once)."""
    published = Verdict.objects.published().order_by()
    counts = {}
    for side in ("claim__speaker", "claim__article__publisher"):
        for source_id, n in (
            published.filter(**{f"{side}__isnull": False}).values_list(side).annotate(n=Count("pk"))
        ):
            counts[source_id] = counts.get(source_id, 0) + n
    same = published.filter(claim__speaker=F("claim__article__publisher"))
    for source_id, n in same.values_list("claim__speaker").annotate(n=Count("pk")):
        counts[source_id] -= n
    return counts


def sources_with_verdict_counts():
    """Sources with published verdicts, by name, each with its `verdict_count`."""
    counts = verdict_counts_by_source()
    sources = list(Source.objects.filter(pk__in=list(counts)).order_by("name"))
    for source in sources:
        source.verdict_count = counts[source.pk]
    return sources


def source_facet():
    """The sources readers can filter the verdicts by (slug and name), by name."""
    return until_anything_changes(
        "source-facet", lambda: list(sources_with_published_verdicts().order_by("name").only("slug", "name"))
    )


def rating_mix(verdicts):
    """(rating value, label, count) for every rating, in the scale's order, zeros included."""
    counts = dict(verdicts.order_by().values_list("published_rating").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in Rating.choices]


# What a public contradiction shows of its two sides: each claim's speaker, outlet and verdict.
def side_claims():
    """A contradiction's claim as readers' pages and the API show it: speaker, outlet, verdict."""
    return Claim.objects.select_related("speaker", "article__publisher", "verdict").defer("article__body")


class SidedContradictions(ClaimsApartQuerySet):
    """Contradictions with their figures, the two claims read apart (claims/contradiction_claims.py)."""

    claims = staticmethod(side_claims)


def sided_contradictions():
    return SidedContradictions(Contradiction).select_related("figure_a", "figure_b")


def confirmed_contradictions(claim):
    return sided_contradictions().confirmed().involving(claim)


def confirmed_public_contradictions():
    """Confirmed contradictions that touch at least one published verdict; the rest are desk business."""
    published = Verdict.objects.published()
    return (
        sided_contradictions()
        .confirmed()
        .filter(
            Exists(published.filter(claim=OuterRef("claim_a")))
            | Exists(published.filter(claim=OuterRef("claim_b")))
        )
        .order_by("-resolved_at", "-pk")
    )
