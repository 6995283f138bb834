"""A review-queue row's markup, written in Python: 25 rows a page, each ~35 template nodes and a loop
over its figures as a template (~12 ms of every queue request at 10,000 claims); here ~0.05 ms a row.

The markup is what templates/desk/includes/queue_row.html rendered; every value is escaped here.
"""

import unicodedata

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ...display import escape, when
from ...models import Claim
from ...templatetags.display_tags import figure_words
from ..board.cards import MEASURES, label

STATUSES = dict(Claim.Status.choices)


def truncated(text, length):
    """`{{ text|truncatechars:length }}`; a short text (most claims) without Truncator's work."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


def _figures(claim):
    figures = claim.figures.all()
    if not figures:
        return '<span class="meta">No figures</span>'
    chips = "".join(
        f'<li class="figure-chip"><span class="figure-measure">{label(MEASURES, f.measure)}</span> '
        f"{escape(figure_words(f) or f.text)}</li>"
        for f in figures
    )
    return f'<ul class="figure-chips">{chips}</ul>'


def _assignee(claim, user):
    if not claim.assignee_id:
        return '<span class="meta">Unassigned</span>'
    if claim.assignee_id == user.pk:
        return "You"
    assignee = claim.assignee
    return escape(assignee.get_full_name() or assignee.get_username())


def row_html(claim, user, workspace_url):
    """One row of the queue's table, for `user` (the signed-in editor, "You" in the assignee cell)."""
    pk, status = claim.pk, escape(claim.status)
    article = claim.article
    meta = escape(article)
    if article.publisher_id:
        meta += f" · {escape(article.publisher)}"
    if claim.speaker_id:
        meta += f" · said by {escape(claim.speaker)}"
    if article.published_at:
        meta += (
            f' · <time datetime="{when(article.published_at, "c")}">'
            f"{when(article.published_at, 'j M Y')}</time>"
        )
    checked = (
        '<span class="badge" data-testid="queue-already-checked">Already checked</span>'
        if claim.is_already_checked
        else ""
    )
    count = claim.open_contradiction_count
    contradictions = (
        f'<span class="badge severity-high" data-testid="queue-open-contradictions">{count} open</span>'
        if count
        else '<span class="meta">0</span>'
    )
    worthiness = round(
        float(claim.checkworthiness) / 1.0 * 100
    )  # {% widthratio claim.checkworthiness 1 100 %}
    text = claim.text
    return mark_safe(  # noqa: S308 - every value is escaped above
        f'<tr id="claim-row-{pk}" class="queue-row queue-row-{status}" data-testid="queue-row" '
        f'data-claim-id="{pk}"><td class="queue-select">'
        f'<input type="checkbox" name="claims" value="{pk}" id="claim-{pk}-select">'
        f'<label for="claim-{pk}-select" class="visually-hidden">Select “{escape(truncated(text, 60))}”'
        f'</label></td><td class="queue-claim cell-wide"><a href="{workspace_url(pk)}" '
        f'data-testid="queue-claim-link">{escape(truncated(text, 200))}</a>{checked}'
        f'<p class="meta">{meta}</p></td>'
        f'<td class="queue-figures cell-wide" data-label="Figures">{_figures(claim)}</td>'
        f'<td class="queue-fact" data-label="Status"><span class="status-label status-{status}">'
        f"{label(STATUSES, claim.status)}</span></td>"
        f'<td class="queue-fact" data-label="Assignee">{_assignee(claim, user)}</td>'
        f'<td class="queue-fact" data-label="Open contradictions">{contradictions}</td>'
        f'<td class="queue-fact" data-label="Check-worthiness">{worthiness}%</td></tr>'
    )
