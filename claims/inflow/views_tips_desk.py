"""Readers' tips on the desk: open tips grouped by text or URL, and an editor's three answers."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from ..permissions import editor_required
from .forms import TipAttachForm, TipDeclineForm
from .models import Tip
from .tips import attach_to_claim, decline, turn_into_claim


@require_safe
@editor_required
def tip_list(request):
    groups = (
        Tip.objects.open().leads().annotate(followers_count=Count("followers")).order_by("-created_at")[:100]
    )
    recent = Tip.objects.exclude(status=Tip.Status.NEW).leads().select_related("claim", "resolved_by")[:20]
    return render(
        request,
        "desk/tips.html",
        {
            "groups": groups,
            "recent": recent,
            "answer_choices": list(TipAttachForm.base_fields["claim"].queryset[:200]),
        },
    )


@require_POST
@editor_required
def tip_action(request, pk, action):
    tip = get_object_or_404(Tip.objects.open().leads(), pk=pk)
    if action == "claim":
        claim = turn_into_claim(tip, request.user)
        messages.success(request, "The tip is now a claim on the desk.")
        return redirect(claim)
    if action == "attach":
        form = TipAttachForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose the claim whose verdict answers this tip.")
            return redirect("desk:tip_list")
        attach_to_claim(tip, form.cleaned_data["claim"], request.user)
        messages.success(
            request, "The tip is attached; its readers hear of the verdict when it is published."
        )
        return redirect("desk:tip_list")
    if action == "decline":
        form = TipDeclineForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        decline(tip, request.user, reason)
        messages.success(request, "The tip is declined; readers who left an address were told.")
        return redirect("desk:tip_list")
    raise Http404("No such answer to a tip.")
