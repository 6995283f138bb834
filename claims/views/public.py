"""Pages for readers: only published verdicts are ever visible here."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..models import Rating, Source, Verdict

PAGE_SIZE = 20


def published_verdicts():
    return Verdict.objects.published().select_related("claim__speaker", "claim__article__publisher")


@require_safe
def home(request):
    verdicts = published_verdicts()
    rating = request.GET.get("rating", "")
    if rating in Rating.values:
        verdicts = verdicts.filter(rating=rating)
    page = Paginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/home.html",
        {"page": page, "ratings": Rating.choices, "current_rating": rating},
    )


@require_safe
def verdict_detail(request, slug):
    verdict = get_object_or_404(published_verdicts(), slug=slug)
    evidence = verdict.claim.evidence.select_related("source")
    return render(request, "claims/verdict_detail.html", {"verdict": verdict, "claim": verdict.claim, "evidence": evidence})


@require_safe
def source_list(request):
    sources = Source.objects.order_by("name")
    return render(request, "claims/source_list.html", {"sources": sources})


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    verdicts = published_verdicts().filter(claim__speaker=source) | published_verdicts().filter(
        claim__article__publisher=source
    )
    return render(request, "claims/source_detail.html", {"source": source, "verdicts": verdicts.distinct()})
