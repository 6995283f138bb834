"""An article's text as HTML with its claims and figures marked, built from character spans.

The text is escaped piece by piece and the marks are inserted at the span offsets, so nothing in the
article can ever become markup. Spans may nest (a figure inside its claim); spans that cross each other
are closed and reopened at the crossing, so the HTML is always well formed.
"""

from dataclasses import dataclass

from django.utils.html import escape


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text [start, end) to wrap in `opening` … `closing`, both already safe HTML."""

    start: int
    end: int
    opening: str
    closing: str


def element(tag, **attributes):
    """The opening and closing tags of `tag`, attribute values escaped (`class_` gives `class`)."""
    rendered = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attributes.items()
        if value is not None
    )
    return f"<{tag}{rendered}>", f"</{tag}>"


def span(start, end, tag, **attributes):
    opening, closing = element(tag, **attributes)
    return Span(start, end, opening, closing)


def link_span(start, end, href, mark_attributes, link_attributes=None):
    """A mark holding a link: `<mark …><a href="…">text</a></mark>`."""
    mark_open, mark_close = element("mark", **mark_attributes)
    link_open, link_close = element("a", href=href, **(link_attributes or {}))
    return Span(start, end, mark_open + link_open, link_close + mark_close)


def highlight(text, spans):
    """`text` escaped, with each span's tags around its stretch; spans outside the text are clipped.

    Where two spans start together the longer one goes outside; with equal extents the one listed first
    does, so callers list claims before figures.
    """
    length = len(text)
    clipped = [
        (index, Span(max(0, s.start), min(length, s.end), s.opening, s.closing))
        for index, s in enumerate(spans)
        if min(length, s.end) > max(0, s.start)
    ]
    starting = {}
    for _, s in sorted(clipped, key=lambda item: (item[1].start, -item[1].end, item[0])):
        starting.setdefault(s.start, []).append(s)
    boundaries = sorted({0, length} | {s.start for _, s in clipped} | {s.end for _, s in clipped})

    pieces, open_spans = [], []
    for position, following in zip(boundaries, boundaries[1:] + [None], strict=True):
        if any(s.end == position for s in open_spans):
            # Close from the innermost outwards down to the deepest span that ends here, then reopen
            # the ones that go on: this keeps crossing spans well formed.
            deepest = min(i for i, s in enumerate(open_spans) if s.end == position)
            closed = open_spans[deepest:]
            pieces.extend(s.closing for s in reversed(closed))
            del open_spans[deepest:]
            continuing = [s for s in closed if s.end > position]
            pieces.extend(s.opening for s in continuing)
            open_spans.extend(continuing)
        for s in starting.get(position, []):
            pieces.append(s.opening)
            open_spans.append(s)
        if following is not None:
            pieces.append(escape(text[position:following]))
    return "".join(pieces)


def claim_and_figure_spans(claims):
    """Spans for claims (each a link to its workspace) and the figures inside them.

    `claims` are Claim-like objects with `pk`, `start`, `end`, `status`, `get_absolute_url()` and
    `figures.all()` (prefetch them); figures need `start`, `end`, `text`, `get_measure_display()` and
    `bounds_display`. Offsets are into the article body.
    """
    claims = list(claims)
    claim_spans = [
        link_span(
            claim.start,
            claim.end,
            claim.get_absolute_url(),
            {"class_": f"claim claim-{claim.status}", "data_claim": claim.pk},
        )
        for claim in claims
    ]
    figure_spans = [
        span(
            figure.start,
            figure.end,
            "strong",
            class_="figure",
            title=f"{figure.get_measure_display()}: {figure.bounds_display}",
        )
        for claim in claims
        for figure in claim.figures.all()
    ]
    return claim_spans + figure_spans
