"""The desk's live pieces: the heartbeat that says who has a claim open, and the open-count badge."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..desk.context_processors import desk_badges
from ..models import Claim
from ..permissions import editor_required
from .live import heartbeat


@require_safe
@editor_required
def claim_presence(request, pk):
    claim = get_object_or_404(Claim.objects.only("pk"), pk=pk)
    others = heartbeat(claim.pk, request.user)
    return render(request, "desk/inflow/presence.html", {"claim": claim, "others": others})


@require_safe
@editor_required
def nav_badge(request):
    return render(request, "desk/includes/board_nav_badge.html", desk_badges(request))
