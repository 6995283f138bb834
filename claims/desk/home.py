"""The editors' desk."""

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import Claim, Contradiction
from ..permissions import editor_required


@require_safe
@editor_required
def desk_home(request):
    by_status = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    counts = [(status, label, by_status.get(status, 0)) for status, label in Claim.Status.choices]
    return render(
        request,
        "desk/home.html",
        {
            "status_counts": counts,
            "open_contradictions": Contradiction.objects.open().count(),
            "assigned_to_me": Claim.objects.in_queue().assigned_to(request.user).count(),
            "my_claims": Claim.objects.in_queue().assigned_to(request.user).select_related("article")[:10],
        },
    )
