"""Pages for readers: only published verdicts are ever visible here, and only their published copy.

A withdrawn verdict's address answers 410 with the editors' reason; an address a verdict had before its
slug changed redirects (301) to the current one.
"""

from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from ..caching import cache_public_page
from ..claimreview import claimreview_for, public_changelog
from ..evidence import evidence_corrections
from ..models import Contradiction, Rating, RetiredVerdictSlug, Source, Verdict
from ..queries_workspace import reported_series
from ..rendering import relay_phrase
from ..search import MAX_QUERY_LENGTH, QueryTooLong, search_verdicts

PAGE_SIZE = 20
PUBLIC_MAX_AGE = 300


def public_page(view):
    """Shared caches may keep anonymous pages for five minutes; a logged-in reader's page stays private.
    Anonymous pages are also kept in our own cache until something they show changes (claims/caching.py)."""
    cached_view = cache_public_page(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = cached_view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
        elif response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ("Cookie", "HX-Request"))
        return response

    return wrapped


# --- Queries -------------------------------------------------------------------------------------------


def published_verdicts():
    return Verdict.objects.published().select_related("claim__speaker", "claim__article__publisher")


def concerning(source):
    """Verdicts on what a source said, or on claims its articles carried."""
    return Q(claim__speaker=source) | Q(claim__article__publisher=source)


class SubqueryCount(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def sources_with_published_verdicts():
    verdicts = Verdict.objects.published().filter(concerning(OuterRef("pk"))).order_by().values("pk")
    return Source.objects.annotate(verdict_count=SubqueryCount(verdicts)).filter(verdict_count__gt=0)


def rating_mix(verdicts):
    """(rating value, label, count) for every rating, in the scale's order, zeros included."""
    counts = dict(verdicts.order_by().values_list("published_rating").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in Rating.choices]


def figure_series(claim):
    """The desk's "how this figure was reported" charts, each with the indexes of this claim's own points."""
    own_figure_ids = {figure.pk for figure in claim.figures.all()}
    return [
        (
            series,
            [
                i
                for i, point in enumerate(series.points)
                if own_figure_ids & {r.figure_id for r in point.reports}
            ],
        )
        for series in reported_series(claim)
    ]


def confirmed_contradictions(claim):
    both_sides = [
        "claim_a__speaker",
        "claim_a__article__publisher",
        "claim_b__speaker",
        "claim_b__article__publisher",
    ]
    return (
        Contradiction.objects.confirmed()
        .involving(claim)
        .select_related(*both_sides, "figure_a", "figure_b", "claim_a__verdict", "claim_b__verdict")
    )


# --- Pages ---------------------------------------------------------------------------------------------


@require_safe
@public_page
def home(request):
    verdicts = published_verdicts()
    rating = request.GET.get("rating", "")
    if rating in Rating.values:
        verdicts = verdicts.filter(published_rating=rating)
    source_slug = request.GET.get("source", "")
    source = (
        sources_with_published_verdicts().filter(slug=source_slug).first()
        if slug_re.match(source_slug)
        else None
    )
    if source:
        verdicts = verdicts.filter(concerning(source))
    page = Paginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "ratings": Rating.choices,
        "current_rating": rating if rating in Rating.values else "",
        "sources": sources_with_published_verdicts().order_by("name"),
        "current_source": source,
    }
    return render(request, "claims/home.html#verdict-list" if request.htmx else "claims/home.html", context)


@require_safe
@public_page
def verdict_detail(request, slug):
    verdict = (
        Verdict.objects.ever_published()
        .select_related("claim__speaker", "claim__article__publisher")
        .prefetch_related("claim__figures", "claim__claimrelay_set__source")
        .filter(slug=slug)
        .first()
    )
    if verdict is None:
        retired = get_object_or_404(RetiredVerdictSlug.objects.select_related("verdict"), slug=slug)
        return HttpResponsePermanentRedirect(retired.verdict.get_absolute_url())
    if verdict.is_withdrawn:
        return render(request, "claims/verdict_withdrawn.html", {"verdict": verdict}, status=410)
    claim = verdict.claim
    corrections = public_changelog(verdict)
    context = {
        "verdict": verdict,
        "claim": claim,
        "relay_phrase": relay_phrase((s.name, s.kind) for s in claim.relay_chain),
        "evidence": claim.evidence.select_related("source"),
        "evidence_corrections": evidence_corrections(claim, verdict.published_at),
        "reported_series": figure_series(claim),
        "contradictions": confirmed_contradictions(claim),
        "corrections": corrections,
        "rating_corrected": any(correction.rating_changed for correction in corrections),
        "claimreview": claimreview_for(verdict, corrections),
        "canonical_url": f"{settings.SITE_URL}{verdict.get_absolute_url()}",
    }
    return render(request, "claims/verdict_detail.html", context)


@require_safe
@public_page
def source_list(request):
    return render(
        request, "claims/source_list.html", {"sources": sources_with_published_verdicts().order_by("name")}
    )


@require_safe
@public_page
def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("parent"), slug=slug)
    verdicts = published_verdicts().filter(concerning(source))
    mix = rating_mix(verdicts)
    if not any(count for _, _, count in mix):
        # A source known only from desk work stays private until a verdict about it is published.
        raise Http404("No published verdicts concern this source.")
    context = {
        "source": source,
        "page": Paginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page")),
        "rating_mix": mix,
        "total": sum(count for _, _, count in mix),
        "canonical_url": f"{settings.SITE_URL}{source.get_absolute_url()}",
    }
    return render(request, "claims/source_detail.html", context)


@require_safe
@public_page
def search(request):
    query = request.GET.get("q", "")
    try:
        results, error = search_verdicts(query), ""
    except QueryTooLong as too_long:
        results, error = [], str(too_long)
    context = {
        "query": query[:MAX_QUERY_LENGTH],
        "results": results,
        "error": error,
        "max_length": MAX_QUERY_LENGTH,
    }
    template = "claims/search.html#results" if request.htmx else "claims/search.html"
    return render(request, template, context, status=400 if error else 200)


@require_safe
@public_page
def corrections_policy(request):
    return render(request, "claims/corrections.html")


@require_safe
@public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('desk:home')}",
        f"Disallow: {reverse('login')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
