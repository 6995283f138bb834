"""The board's cards from the shared cache, keyed on their rows' versions (claims/desk/fragments.py).

Building 50 cards read 50 contradictions with their figures, then 100 claims with their articles,
publishers, speakers and events, as model instances: about two thirds of a board request. A page now
reads its rows as version tuples (one query over the contradictions, their claims' `updated_at` and
whether each is checked), takes the cards with those versions from the cache in one get_many, and
builds only the ones missing there, with the same two queries as before. A card's action forms are the
page's (CSRF token, return address), so the cached markup holds a slot where they go.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from ..fragments import cached_fragments, fragment_key, names_generation
from .cards import card_html
from .queries import board_group_key, card_contradictions

# Where a card's action forms go. Escaped text never holds "<", so no value can forge the slot.
ACTIONS_SLOT = "<!--card-actions-->"


@dataclass(frozen=True)
class CachedCard:
    pk: int
    status: str
    group: tuple  # (event, measure), as board_group_key gives it
    markup: str  # the card with ACTIONS_SLOT for its forms

    def with_actions(self, actions):
        return mark_safe(self.markup.replace(ACTIONS_SLOT, actions, 1))  # noqa: S308 - both are markup


def cards_for(versions, workspace_url):
    """The cards of `versions` (rows of queries.board_card_versions: pk, status, …), in their order."""
    generation = names_generation()
    keys = {version[0]: fragment_key("card", version, generation) for version in versions}

    def build(pks):
        return {
            c.pk: CachedCard(
                c.pk, c.status, board_group_key(c), str(card_html(c, ACTIONS_SLOT, workspace_url))
            )
            for c in card_contradictions().filter(pk__in=pks)
        }

    cards = cached_fragments(keys, build)
    return [cards[pk] for pk in keys if pk in cards]  # one deleted in between is left out
