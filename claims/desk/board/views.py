"""The contradiction board: open contradictions by event and measure, and the moves that settle them."""

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from ...permissions import editor_required
from ...templatetags.board_tags import pk_urls
from ..htmx import page_or_fragment
from ..pagination import CappedPaginator
from .cached_cards import cards_for
from .forms import ACTION_FORMS, BoardFilterForm
from .queries import board_card_versions, card_contradictions, group_for_board

PAGE_SIZE = 50
TEMPLATE = "desk/board.html"


@require_safe
@editor_required
def board(request):
    form = BoardFilterForm(request.GET)
    page = CappedPaginator(board_card_versions(form.chosen_status()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    cards = cards_for(page, pk_urls("desk:workspace"))
    groups = group_for_board(cards, key=lambda card: card.group)
    context = {"form": form, "page": page, "groups": groups, "status": form.chosen_status()}
    return render(request, page_or_fragment(request, TEMPLATE, "board-results"), context)


def return_to(request):
    """Where a form without JavaScript goes back to: the page it was on (board or claim), else the board."""
    url = request.POST.get("next", "")
    is_safe = url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure())
    return url if is_safe else reverse("desk:board")


def is_open_board(path):
    if not path:
        return False
    parts = urlsplit(path)
    return parts.path == reverse("desk:board") and parse_qs(parts.query).get("status", ["open"]) == ["open"]


@require_POST
@editor_required
def board_action(request, pk, action):
    if action not in ACTION_FORMS:
        raise Http404("No such action.")
    contradiction = get_object_or_404(card_contradictions(), pk=pk)
    form = ACTION_FORMS[action](action, request.POST)
    status, message = form.attempt(contradiction, by=request.user)
    failed = status != 200
    if not request.htmx:
        messages.add_message(request, messages.ERROR if failed else messages.SUCCESS, message)
        return redirect(return_to(request))
    context = {
        "contradiction": contradiction,
        "error": message if failed else "",
        "failed_action": action if failed else "",
        "explain_form": form if failed and action == "explain" else None,
        "announcement": message,
        "return_to": return_to(request),
        # The board's own count line follows the action only where it is on the page.
        "on_open_board": is_open_board(request.htmx.current_url_abs_path),
        # A note that failed validation is where the editor has to go next; otherwise the card's heading.
        "focus": "note" if status == 422 and action == "explain" else "heading",
    }
    return render(request, f"{TEMPLATE}#board-action-response", context, status=status)
