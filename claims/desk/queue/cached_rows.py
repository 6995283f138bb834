"""The queue's rows from the shared cache, keyed on their rows' versions (claims/desk/fragments.py).

A page reads its 25 claims as version rows (queries.queue_row_versions: the claims table alone), takes
the rows' markup with those versions from the cache in one get_many, and reads the claims with their
articles, outlets, speakers, assignees and figures only for the rows missing there. A row says "You"
in the assignee cell for the editor it is assigned to, so whether it is the viewer's is in its key.
"""

from django.utils.safestring import mark_safe

from ..fragments import cached_fragments, fragment_key, names_generation
from .queries import queue_claims
from .rows import row_html


def rows_for(versions, user, workspace_url):
    """The markup of `versions` (rows of queries.queue_row_versions) for `user`, in their order."""
    generation = names_generation()
    keys = {
        row.pk: fragment_key("queue-row", (*row, row.assignee_id == user.pk), generation) for row in versions
    }

    def build(pks):
        return {
            claim.pk: str(row_html(claim, user, workspace_url)) for claim in queue_claims().filter(pk__in=pks)
        }

    rows = cached_fragments(keys, build)
    return [mark_safe(rows[pk]) for pk in keys if pk in rows]  # noqa: S308 - row_html escaped every value
