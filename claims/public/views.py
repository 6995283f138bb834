"""Pages for readers: only published verdicts are ever visible here, and only their published copy.

A withdrawn verdict's address answers 410 with the editors' reason; an address a verdict had before its
slug changed redirects (301) to the current one.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..models import Rating, RetiredVerdictSlug, Source, Verdict
from ..newsroom.evidence import evidence_corrections
from ..rendering import relay_phrase
from ..reporting.series import relays_prefetch, series_with_own_points
from .caching import public_page
from .claimreview import claimreview_for, public_changelog
from .queries import (
    concerning,
    confirmed_contradictions,
    published_verdicts,
    rating_mix,
    source_facet,
    sources_with_verdict_counts,
)
from .search import MAX_QUERY_LENGTH, QueryTooLong, search_verdicts
from .shared_results import SharedCountPaginator

PAGE_SIZE = 20


@require_safe
@public_page
def home(request):
    verdicts = published_verdicts()
    rating = request.GET.get("rating", "")
    if rating in Rating.values:
        verdicts = verdicts.filter(published_rating=rating)
    source_slug = request.GET.get("source", "")
    facet = source_facet()
    source = next((source for source in facet if source.slug == source_slug), None)
    if source:
        verdicts = verdicts.filter(concerning(source))
    page = SharedCountPaginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "ratings": Rating.choices,
        "current_rating": rating if rating in Rating.values else "",
        "sources": facet,
        "current_source": source,
    }
    return render(request, "public/home.html#verdict-list" if request.htmx else "public/home.html", context)


@require_safe
@public_page
def verdict_detail(request, slug):
    verdict = (
        Verdict.objects.ever_published()
        .select_related("claim__speaker", "claim__article__publisher")
        .defer("claim__article__body")  # the page names the article and links it, never quotes it
        .prefetch_related("claim__figures", relays_prefetch("claim__"))  # relays with their sources
        .filter(slug=slug)
        .first()
    )
    if verdict is None:
        retired = get_object_or_404(RetiredVerdictSlug.objects.select_related("verdict"), slug=slug)
        return HttpResponsePermanentRedirect(retired.verdict.get_absolute_url())
    if verdict.is_withdrawn:
        return render(request, "public/verdict_withdrawn.html", {"verdict": verdict}, status=410)
    claim = verdict.claim
    corrections = public_changelog(verdict)
    context = {
        "verdict": verdict,
        "claim": claim,
        "relay_phrase": relay_phrase((s.name, s.kind) for s in claim.relay_chain),
        "evidence": claim.evidence.select_related("source"),
        "evidence_corrections": evidence_corrections(claim, verdict.published_at),
        "reported_series": series_with_own_points(claim),
        "contradictions": confirmed_contradictions(claim),
        "corrections": corrections,
        "rating_corrected": any(correction.rating_changed for correction in corrections),
        "claimreview": claimreview_for(verdict, corrections),
        "canonical_url": f"{settings.SITE_URL}{verdict.get_absolute_url()}",
    }
    return render(request, "public/verdict_detail.html", context)


@require_safe
@public_page
def source_list(request):
    return render(request, "public/source_list.html", {"sources": sources_with_verdict_counts()})


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
        "page": SharedCountPaginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page")),
        "rating_mix": mix,
        "total": sum(count for _, _, count in mix),
        "canonical_url": f"{settings.SITE_URL}{source.get_absolute_url()}",
    }
    return render(request, "public/source_detail.html", context)


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
    template = "public/search.html#results" if request.htmx else "public/search.html"
    return render(request, template, context, status=400 if error else 200)


@require_safe
@public_page
def corrections_policy(request):
    return render(request, "public/corrections.html")


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
