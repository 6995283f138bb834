"""The review queue: filter, sort and page through claims, and move ticked ones in bulk."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from ...permissions import editor_required
from ...templatetags.board_tags import pk_urls
from ..htmx import page_or_fragment, wants_fragment
from ..pagination import CappedPaginator
from .cached_rows import rows_for
from .forms import BulkActionForm, QueueFilterForm
from .queries import apply_bulk_action, filter_queue, queue_claims, queue_row_versions

PAGE_SIZE = 25
TEMPLATE = "desk/queue.html"


def queue_context(request):
    """Everything the list shows, from the URL's query string alone (so any URL can be shared)."""
    form = QueueFilterForm(request.GET)
    claims = filter_queue(queue_claims(), user=request.user, **form.filters())
    page = CappedPaginator(queue_row_versions(claims), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = rows_for(page, request.user, pk_urls("desk:workspace"))
    return {"form": form, "page": page, "rows": rows, "is_fragment": wants_fragment(request)}


@require_safe
@editor_required
def queue(request):
    return render(request, page_or_fragment(request, TEMPLATE, "queue-results"), queue_context(request))


@require_POST
@editor_required
def queue_bulk(request):
    """The form posts to this URL with the list's query string, so the same filtered list comes back."""
    form = BulkActionForm(request.POST)
    if form.is_valid():
        outcome = apply_bulk_action(form.cleaned_data["claims"], form.cleaned_data["action"], request.user)
        messages.add_message(request, messages.SUCCESS if outcome.done else messages.WARNING, outcome.message)
    else:
        messages.error(request, form.first_error())
    if not request.htmx:
        return redirect(f"{reverse('desk:queue')}?{request.GET.urlencode()}")
    context = {**queue_context(request), "focus_results": True}
    return render(request, f"{TEMPLATE}#queue-results", context, status=200 if form.is_valid() else 422)
