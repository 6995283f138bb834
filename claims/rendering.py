"""Turning stored text into what the desk shows: Markdown made safe, article excerpts, relay chains.

Verdict explanations are written in Markdown by editors and shown on public pages, so the HTML that
Markdown produces is passed through an allowlist (nh3): no scripts, no event handlers, no `javascript:`
links, no htmx attributes that could make a reader's browser send requests.
"""

import re
from dataclasses import dataclass

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "abbr", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Dropped with their content, not just unwrapped: their text is never meant to be read.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


def render_markdown(text) -> SafeString:
    """Markdown → HTML limited to the allowlist above; raw HTML in the source is sanitised too."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 output contains only the allowlisted markup


# --- Article excerpts ----------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+|\n\s*")


@dataclass(frozen=True, slots=True)
class TextPart:
    text: str
    is_figure: bool = False


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The claim in its context: text before, the claim's own parts (figures flagged), text after."""

    before: str
    claim_parts: tuple[TextPart, ...]
    after: str
    cut_before: bool
    cut_after: bool


def _trim_start(text):
    """Start at the first sentence that begins inside `text`, else at a word boundary."""
    match = SENTENCE_END.search(text)
    if match and match.end() < len(text):
        return text[match.end() :]
    space = text.find(" ")
    return text[space + 1 :] if space != -1 else text


def _trim_end(text):
    """End at the last sentence end inside `text`, else at a word boundary."""
    ends = list(SENTENCE_END.finditer(text))
    if ends and ends[-1].start() > 0:
        return text[: ends[-1].start() + 1].rstrip()
    space = text.rfind(" ")
    return text[:space] if space != -1 else text


def article_excerpt(body, start, end, figure_spans=(), radius=400):
    """Up to `radius` characters each side of body[start:end], cut at sentence or word boundaries.

    `figure_spans` are (start, end) offsets in the body; those inside the claim are flagged.
    """
    start = max(0, min(start, len(body)))
    end = max(start, min(end, len(body)))
    window_start, window_end = max(0, start - radius), min(len(body), end + radius)
    before, after = body[window_start:start], body[end:window_end]
    cut_before, cut_after = window_start > 0, window_end < len(body)
    if cut_before:
        before = _trim_start(before)
    if cut_after:
        after = _trim_end(after)

    parts, cursor = [], start
    for figure_start, figure_end in sorted(set(figure_spans)):
        if figure_start < cursor or figure_end > end or figure_start >= figure_end:
            continue  # outside the claim, or overlapping one already marked
        if figure_start > cursor:
            parts.append(TextPart(body[cursor:figure_start]))
        parts.append(TextPart(body[figure_start:figure_end], is_figure=True))
        cursor = figure_end
    if cursor < end:
        parts.append(TextPart(body[cursor:end]))
    return Excerpt(before, tuple(parts), after, cut_before, cut_after)


# --- Relay chains --------------------------------------------------------------------------------------


def join_names(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def relay_phrase(relays):
    """'said on Khabar-24, as quoted by Interfax and TASS' for relays given nearest first.

    `relays` are (name, kind) pairs; a broadcaster at the head of the chain is where the words were
    said, any other head is already a quoting outlet.
    """
    relays = list(relays)
    if not relays:
        return ""
    (first_name, first_kind), rest = relays[0], [name for name, _ in relays[1:]]
    if first_kind == "broadcaster":
        phrase = f"said on {first_name}"
        return f"{phrase}, as quoted by {join_names(rest)}" if rest else phrase
    return f"as quoted by {join_names([first_name, *rest])}"


# --- Check-worthiness ----------------------------------------------------------------------------------

REASON_LABELS = {
    "has_figure": "Contains a figure",
    "has_number": "Contains a number",
    "attributed": "Attributed to a speaker",
    "dated_event": "Dates an event",
    "names_event": "Names an event",
    "named_entity": "Names a person, place or body",
    "opinion": "Reads as opinion",
    "question": "Is a question",
    "boilerplate": "Looks like boilerplate",
    "too_short": "Too short to check",
}


def describe_reasons(reasons, weights):
    """(label, signed weight or "") for each reason the analysis gave; unknown reasons are shown as given."""
    described = []
    for reason in reasons or []:
        weight = weights.get(reason)
        described.append(
            (REASON_LABELS.get(reason, str(reason)), f"{weight:+.2f}" if weight is not None else "")
        )
    return described
