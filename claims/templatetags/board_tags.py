"""Template pieces that many rows of a desk page share: addresses by pk, contradiction cards and their
actions (queue rows are written by claims/desk/queue/cached_rows.py).

A page of 50 cards or 25 queue rows would otherwise reverse the same URL pattern and render the same
forms once per row; these render them once per page (or per process) and put each row's pk in.
"""

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe

from claims.desk.board.cards import card_html
from claims.models import Contradiction

register = template.Library()

# A pk no row has, rendered in place of the real one and then replaced by it.
PK_STAND_IN = 987654321987
ACTIONS = "desk/includes/board_actions.html"


@lru_cache(maxsize=64)
def _pattern(name, _script_prefix, urlconf):  # the prefix and urlconf key the cache
    return reverse(name, urlconf=urlconf, args=[PK_STAND_IN])


def pk_urls(name):
    """A function of a pk giving `{% url name pk %}`, the pattern reversed once."""
    before, _, after = _pattern(name, get_script_prefix(), get_urlconf()).partition(str(PK_STAND_IN))
    return lambda pk: f"{before}{int(pk)}{after}"


@register.simple_tag
def pk_url(name, pk):
    """`{% pk_url 'desk:workspace' claim.pk %}` is `{% url 'desk:workspace' claim.pk %}` for a URL whose
    only argument is an integer pk, without reversing the pattern again for each row."""
    return _pattern(name, get_script_prefix(), get_urlconf()).replace(str(PK_STAND_IN), str(int(pk)))


@register.simple_tag(takes_context=True)
def board_actions(context, contradiction):
    """A contradiction card's action forms (desk/includes/board_actions.html).

    Between two cards of one status they differ only in the pk: the CSRF token and the address the forms
    return to are the page's. So a page renders them once per status, with a stand-in pk, and puts each
    card's pk in. A card that shows an error, a half-filled explain form or a focus (the answer to an htmx
    action) is rendered in full.
    """
    actions = context.template.engine.get_template(ACTIONS)
    if any(context.get(name) for name in ("error", "failed_action", "explain_form", "focus")):
        with context.push(c=contradiction):
            return actions.render(context)
    request = context.get("request")
    return_to = context.get("return_to") or (request.get_full_path() if request else "")
    key = (contradiction.status == Contradiction.Status.OPEN, return_to, str(context.get("csrf_token", "")))
    snippets = context.render_context.dicts[0].setdefault("board_actions", {})
    if key not in snippets:
        stand_in = SimpleNamespace(
            pk=PK_STAND_IN, status=contradiction.status, Explanation=contradiction.Explanation
        )
        with context.push(c=stand_in):
            snippets[key] = str(actions.render(context))
    return mark_safe(snippets[key].replace(str(PK_STAND_IN), str(contradiction.pk)))


@register.simple_tag(takes_context=True)
def contradiction_card(context, contradiction):
    """`{% contradiction_card c %}`: the card (claims/desk/board/cards.py) with its actions; `error` and
    `focus` come from the context, as they did for the card's include."""
    return card_html(
        contradiction,
        board_actions(context, contradiction),
        pk_urls("desk:workspace"),
        error=context.get("error") or "",
        focus=context.get("focus") or "",
    )


@register.simple_tag(takes_context=True)
def board_card(context, card):
    """`{% board_card card %}`: a card from the cache (claims/desk/board/cached_cards.py) with this page's
    action forms put in."""
    stand_in = SimpleNamespace(pk=card.pk, status=card.status, Explanation=Contradiction.Explanation)
    return card.with_actions(board_actions(context, stand_in))
