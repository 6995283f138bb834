"""The desk's events: the list of events, an event's workspace (edit, merge, split), and claim matches.

Plain forms that post and redirect, so every move works without JavaScript; an invalid form is shown
again with its errors (422). A merge or split enqueues the comparison of the affected claims.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from ..history import record_change
from ..models import Claim, IllegalTransition
from ..permissions import editor_required
from .comparison import enqueue_recompare
from .forms import EventForm, MergeForm, SplitForm
from .models import ClaimMatch, Event

PAGE_SIZE = 50
MAX_CLAIMS_SHOWN = 200


def desk_events(show):
    events = Event.objects.annotate(
        claim_count=Count("claims", distinct=True), figure_count=Count("figures", distinct=True)
    )
    if show == "unreviewed":
        events = events.filter(is_reviewed=False)
    elif show == "reviewed":
        events = events.filter(is_reviewed=True)
    return events.newest_first()


@require_safe
@editor_required
def event_list(request):
    show = request.GET.get("show", "")
    show = show if show in ("unreviewed", "reviewed") else ""
    page = Paginator(desk_events(show), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/events/event_list.html", {"page": page, "show": show})


def workspace(request, event, *, form=None, merge_form=None, split_form=None, status=200):
    claims = (
        event.claims.select_related("article__publisher", "speaker", "verdict")
        .annotate(figure_count=Count("figures"))
        .order_by("article__published_at", "pk")
    )
    context = {
        "event": event,
        "form": form or EventForm(instance=event),
        "merge_form": merge_form or MergeForm(survivor=event),
        "split_form": split_form or SplitForm(event=event),
        "claims": claims[:MAX_CLAIMS_SHOWN],
        "claim_total": claims.count(),
        "aliases": event.aliases.all(),
        "redirects": event.redirects.all(),
        "history": event.history.select_related("history_user")[:20],
    }
    return render(request, "desk/events/event_detail.html", context, status=status)


@require_safe
@editor_required
def event_detail(request, pk):
    return workspace(request, get_object_or_404(Event, pk=pk))


@require_POST
@editor_required
def event_edit(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(request.POST, instance=event)
    if not form.is_valid():
        return workspace(request, event, form=form, status=422)
    record_change(event, request.user)
    form.save()
    messages.success(request, "Event saved.")
    return redirect(event.get_desk_url())


@require_POST
@editor_required
def event_merge(request, pk):
    survivor = get_object_or_404(Event, pk=pk)
    form = MergeForm(request.POST, survivor=survivor)
    if not form.is_valid():
        return workspace(request, survivor, merge_form=form, status=422)
    duplicates = list(form.cleaned_data["duplicates"])
    names = ", ".join(f"“{d.name}”" for d in duplicates)
    enqueue_recompare(survivor.merge(duplicates, by=request.user))
    messages.success(request, f"Merged {names} into this event. Its figures are being compared again.")
    return redirect(survivor.get_desk_url())


@require_POST
@editor_required
def event_split(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = SplitForm(request.POST, event=event)
    if not form.is_valid():
        return workspace(request, event, split_form=form, status=422)
    try:
        new, affected = event.split(
            [c.pk for c in form.cleaned_data["claims"]], form.cleaned_data["name"], by=request.user
        )
    except ValueError as error:
        form.add_error("claims", str(error))
        return workspace(request, event, split_form=form, status=422)
    enqueue_recompare(affected)
    messages.success(
        request, f"Moved the claims to the new event “{new.name}”; review it before it is public."
    )
    return redirect(new.get_desk_url())


# --- Claim matches -----------------------------------------------------------------------------------------

MATCH_ACTIONS = {"repeats": ClaimMatch.link_as_repeat, "dismiss": ClaimMatch.dismiss}
MATCH_NOTICES = {
    "repeats": "Linked: the article is now an appearance of the published verdict.",
    "dismiss": "Dismissed: this match will not be suggested again.",
}


@require_POST
@editor_required
def match_action(request, pk, match_pk, action):
    claim = get_object_or_404(Claim, pk=pk)
    match = get_object_or_404(ClaimMatch.objects.select_related("verdict"), pk=match_pk, claim=claim)
    if action not in MATCH_ACTIONS:
        raise Http404("No such action on a match.")
    try:
        MATCH_ACTIONS[action](match, by=request.user)
    except IllegalTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, MATCH_NOTICES[action])
    return redirect(f"{claim.get_absolute_url()}#already-checked")
