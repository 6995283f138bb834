"""Bringing articles into the desk: the ingest page, the progress of a queued ingest, and the article page."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from ...models import Article, Claim, Contradiction
from ...newsroom.tasks import IngestProgress, ingest_submission
from ...permissions import editor_required
from ...templatetags.board_tags import pk_urls
from ..board.cached_cards import cards_for
from ..board.queries import card_versions
from ..htmx import go_to
from .forms import FetchForm, PasteForm, UploadForm, focus_first_error
from .highlighting import claim_and_figure_spans, highlight

INGEST_FORMS = {"paste": PasteForm, "upload": UploadForm, "url": FetchForm}
CLAIMS_PER_PAGE = 50
CONTRADICTIONS_PER_PAGE = 20


@require_http_methods(["GET", "HEAD", "POST"])
@editor_required
def ingest(request):
    forms = {via: form_class(prefix=via) for via, form_class in INGEST_FORMS.items()}
    if request.method == "POST":
        via = request.POST.get("via")
        if via not in INGEST_FORMS:
            return HttpResponseBadRequest("Say which way the article comes in.")
        forms[via] = form = INGEST_FORMS[via](request.POST, request.FILES, prefix=via)
        if form.is_valid():
            return submit(request, form, via)
        return refuse(request, form, via, forms)
    return render(request, "desk/ingest.html", {"forms": forms, "max_bytes": settings.ANALYSIS_MAX_BYTES})


def refuse(request, form, via, forms=None):
    """The form again with its errors (422): only the form for htmx, the whole page otherwise."""
    focus_first_error(form)
    forms = forms or {v: form_class(prefix=v) for v, form_class in INGEST_FORMS.items()}
    forms[via] = form
    template = f"desk/ingest.html#{via}-form" if request.htmx else "desk/ingest.html"
    context = {"forms": forms, "max_bytes": settings.ANALYSIS_MAX_BYTES}
    return render(request, template, context, status=422)


def submit(request, form, via):
    """Queue the analysis, unless the article is already here; then show where it stands."""
    submission = form.submission()
    already = submission.existing_article()
    if already:
        messages.info(request, "This article is already in the desk.")
        return go_to(request, already.get_absolute_url())
    result = ingest_submission.enqueue(**submission.task_arguments(request.user))
    if result.task.get_backend().supports_get_result:
        return go_to(request, reverse("desk:ingest_status", args=[result.id]))
    # A backend that runs tasks at once and keeps no results (the immediate one): the outcome is here now.
    progress = IngestProgress.of(result)
    if progress.state == "done":
        return go_to(request, reverse("desk:article_detail", args=[progress.article_id]))
    form.add_error(None, progress.error or "The article was queued, but this queue cannot report on it.")
    return refuse(request, form, via)


@require_safe
@editor_required
def ingest_status(request, result_id):
    try:
        result = ingest_submission.get_result(result_id)
    except (TaskResultDoesNotExist, TaskResultMismatch):
        raise Http404("No such ingest.") from None
    progress = IngestProgress.of(result)
    if request.htmx and not progress.is_finished and request.GET.get("seen") == progress.seen_key:
        return HttpResponse(status=204)  # nothing new: keep the page (and screen readers) quiet
    context = {"progress": progress, "result_id": result_id, "is_fragment": bool(request.htmx)}
    if progress.state == "done":
        article = get_object_or_404(Article, pk=progress.article_id)
        context |= article_context(
            article, new_contradiction_ids=progress.new_contradiction_ids, pages=request.GET
        )
    template = "desk/ingest_status.html#ingest-status" if request.htmx else "desk/ingest_status.html"
    return render(request, template, context)


@require_safe
@editor_required
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("publisher", "ingested_by"), pk=pk)
    return render(request, "desk/article_detail.html", article_context(article, pages=request.GET))


def article_context(article, new_contradiction_ids=(), pages=None):
    """The article with its claims and figures marked, and the contradictions its claims are in.

    The text marks every claim; the lists show a page at a time (`pages` holds the page numbers asked
    for, from the query string), so a long article costs a fixed number of queries and a bounded page.
    """
    pages = pages or {}
    claims = list(
        Claim.objects.filter(article=article).order_by("start").prefetch_related(Prefetch("figures"))
    )
    new_ids = list(new_contradiction_ids)
    claim_ids = [claim.pk for claim in claims]
    contradictions = (
        # By the claims' own ids, which the pair's two indexes answer; an OR across two joins to the
        # article would read every contradiction.
        Contradiction.objects.filter(Q(claim_a__in=claim_ids) | Q(claim_b__in=claim_ids))
        .annotate(is_old=Case(When(pk__in=new_ids, then=Value(0)), default=Value(1)))
        .order_by("is_old", "-created_at", "-pk")
    )
    contradiction_page = Paginator(card_versions(contradictions), CONTRADICTIONS_PER_PAGE).get_page(
        pages.get("contradictions")
    )
    return {
        "article": article,
        "claims": claims,
        "claim_page": Paginator(claims, CLAIMS_PER_PAGE).get_page(pages.get("claims")),
        # highlight() escapes the text itself and builds the tags from escaped values.
        "body_html": mark_safe(highlight(article.body, claim_and_figure_spans(claims))),
        "contradiction_page": contradiction_page,
        # The cards from the cache, by their rows' versions (claims/desk/board/cached_cards.py).
        "contradiction_cards": cards_for(contradiction_page, pk_urls("desk:workspace")),
        "new_contradiction_ids": set(new_ids),
    }
