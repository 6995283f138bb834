"""A contradiction card's markup, written in Python: the board shows 50 of them, an article page 20.

As a template the card was ~60 template nodes and each side another ~40, at 20-50 µs a node: about 20 ms
of every board request. Here a card is a few string joins (~0.1 ms). The markup is what
templates/desk/includes/contradiction_card.html rendered before (that template now calls this), and the
action forms still come from desk/includes/board_actions.html, rendered once per page and status by
`{% board_actions %}` (claims/templatetags/board_tags.py). Every value from the database is escaped here.
"""

from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from ...display import escape, when
from ...models import Contradiction, Measure
from ...templatetags.display_tags import figure_words, readable_dates

# Model.get_FOO_display() rebuilds a dictionary of the field's choices at every call (make_hashable over
# the choices): 6,000 calls a board request. These are built once.
KINDS = dict(Contradiction.Kind.choices)
SEVERITIES = dict(Contradiction.Severity.choices)
STATUSES = dict(Contradiction.Status.choices)
EXPLANATIONS = dict(Contradiction.Explanation.choices)
MEASURES = dict(Measure.choices)


def label(labels, value):
    return escape(labels.get(value, value))


def time_tag(value, date_format):
    return f'<time datetime="{when(value, "c")}">{when(value, date_format)}</time>'


def user_name(user):
    """`{{ user.get_full_name|default:user.get_username }}`."""
    return escape(user.get_full_name() or user.get_username())


def _side(side, workspace_url):
    claim, figure = side.claim, side.figure
    if figure is not None:
        details = [label(MEASURES, figure.measure)]
        if figure.subject:
            details.append(f" ({escape(figure.subject)})")
        details.append(f" · {escape(figure_words(figure) or 'no number')}")
        if figure.is_earlier:
            details.append(" · an earlier count")
        if figure.is_projection:
            details.append(" · a projection")
        shown = (
            f'<strong class="figure-text">{escape(figure.text)}</strong> '
            f'<span class="meta">{"".join(details)}</span>'
        )
    else:
        shown = '<span class="meta">The figure was removed.</span>'
    url = workspace_url(claim.pk)
    checked = (
        f'<p><a class="badge" href="{url}#already-checked" data-testid="board-already-checked">Already '
        "checked</a> a published verdict may answer this claim.</p>"
        if side.checked
        else ""
    )
    article = claim.article
    if claim.speaker_id:
        speaker = escape(claim.speaker)
        if claim.speaker_role:
            speaker += f", {escape(claim.speaker_role)}"
    elif claim.speaker_role:
        speaker = escape(capfirst(claim.speaker_role))
    else:
        speaker = "Not named"
    published = time_tag(article.published_at, "j M Y, H:i") if article.published_at else "Date unknown"
    return (
        f'<section class="contradiction-side" aria-label="{escape(side.label)}">'
        f'<p class="side-figure">{shown}</p>'
        f'<blockquote class="claim-quote">“{escape(claim.text)}”</blockquote>{checked}'
        f'<dl class="side-meta"><dt>Publisher</dt><dd>{escape(article.publisher or "Unknown")}</dd>'
        f"<dt>Speaker</dt><dd>{speaker}</dd><dt>Article</dt><dd>{published}</dd></dl>"
        f'<p><a href="{url}" data-testid="contradiction-claim-link">Open this claim</a></p></section>'
    )


def _resolution(c):
    parts = [label(STATUSES, c.status)]
    if c.resolution:
        parts.append(f" as {escape(EXPLANATIONS.get(c.resolution, c.resolution).lower())}")
    if c.resolved_by_id and c.resolved_by is not None:
        parts.append(f" by {user_name(c.resolved_by)}")
    if c.resolved_at:
        parts.append(f" on {time_tag(c.resolved_at, 'j M Y, H:i')}")
    note = f' <span class="resolution-note">{escape(c.resolution_note)}</span>' if c.resolution_note else ""
    return f'<p class="contradiction-resolution" data-testid="contradiction-resolution">{"".join(parts)}.{note}</p>'


def card_html(c, actions, workspace_url, *, error="", focus=""):
    """One card: `actions` is its action forms' markup, `workspace_url(pk)` a claim's desk address."""
    pk, status = c.pk, escape(c.status)
    autofocus = " autofocus" if focus and focus != "note" else ""
    figure_a = escape((c.figure_a.text if c.figure_a else "") or "a removed figure")
    figure_b = escape((c.figure_b.text if c.figure_b else "") or "a removed figure")
    one_sentence = (
        '<p class="meta" data-testid="contradiction-one-sentence">Both figures are in one sentence, '
        "given by two sources.</p>"
        if c.is_within_one_sentence
        else ""
    )
    sides = "".join(_side(side, workspace_url) for side in c.board_sides)
    resolution = _resolution(c) if c.status != "open" else ""
    error_html = (
        f'<p id="contradiction-{pk}-error" class="form-error" data-testid="contradiction-error">{escape(error)}</p>'
        if error
        else ""
    )
    return mark_safe(  # noqa: S308 - every value above is escaped; `actions` is rendered markup
        f'<article id="contradiction-{pk}" class="card contradiction-card contradiction-{status}" '
        f'aria-labelledby="contradiction-{pk}-heading" data-testid="contradiction-card" '
        f'data-contradiction-id="{pk}" data-status="{status}">'
        f'<header class="contradiction-header"><h3 id="contradiction-{pk}-heading" class="card-title" '
        f'tabindex="-1"{autofocus}>{label(KINDS, c.kind)}: {figure_a} '
        f'<span class="versus">vs</span> {figure_b}</h3><p class="contradiction-labels">'
        f'<span class="badge severity-{escape(c.severity)}" data-testid="contradiction-severity">'
        f"{label(SEVERITIES, c.severity)} severity</span> "
        f'<span class="badge status-badge status-badge-{status}" data-testid="contradiction-status">'
        f"{label(STATUSES, c.status)}</span></p></header>"
        f'<p class="contradiction-explanation">{escape(readable_dates(c.explanation))}</p>'
        f'<div class="contradiction-sides">{one_sentence}{sides}</div>{resolution}{error_html}{actions}'
        "</article>"
    )
