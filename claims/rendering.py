"""Turning stored text into what the desk shows: Markdown made safe, article excerpts, relay chains.

Verdict explanations are written in Markdown by editors and shown on public pages, so the HTML that
Markdown produces is passed through an allowlist (nh3): no scripts, no event handlers, no `javascript:`
links, no htmx attributes that could make a reader's browser send requests.

The explanation is rendered once, when it is saved (Verdict.save), and pages only output the stored
HTML, so no stored text can make a page fail. markdown-it-py does the rendering because its time grows
linearly with hostile input (20,000 "[" take ~0.15 s; Python-Markdown took over 30 s for 12,000, and
2,000 characters of nested list markers overflowed its recursion). Block nesting stops at
MAX_NESTING levels: deeper markers are dropped rather than nested further.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# About ten pages of text: far more than any explanation needs, small enough to render in well under a second.
MAX_EXPLANATION_LENGTH = 20_000
MAX_NESTING = 20

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "abbr", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Dropped with their content, not just unwrapped: their text is never meant to be read.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}

# CommonMark plus tables; raw HTML is parsed (so that nh3 can drop a <script> with its content) rather
# than shown as text.
MARKDOWN = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING, "html": True}).enable("table")
# Every link becomes a link and nh3 alone judges its address: a `javascript:` one loses its href there,
# rather than staying on the page as literal Markdown.
MARKDOWN.validateLink = lambda _url: True


class CannotRender(ValueError):
    """Text the renderer refuses; saving it is a form error, so no page ever meets it."""


class ExplanationTooLong(CannotRender):
    """The Markdown is longer than MAX_EXPLANATION_LENGTH characters."""


def render_markdown(text) -> SafeString:
    """Markdown → HTML limited to the allowlist above; raw HTML in the source is sanitised too.

    Raises CannotRender (ExplanationTooLong past the limit) rather than anything a caller cannot expect.
    """
    text = text or ""
    if len(text) > MAX_EXPLANATION_LENGTH:
        raise ExplanationTooLong(
            f"The explanation has {len(text):,} characters; the limit is {MAX_EXPLANATION_LENGTH:,}."
        )
    try:
        html = MARKDOWN.render(text)
    except Exception as error:  # a renderer bug must reach the editor as a message, not as a 500
        raise CannotRender(
            "This explanation could not be turned into a page. Simplify its formatting and save again."
        ) from error
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned.strip())  # noqa: S308 - nh3 output contains only the allowlisted markup


# Tags after which the reader's eye starts a new line; everything else runs on.
BLOCK_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "pre", "blockquote", "ul", "ol", "li", "table", "tr"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []

    def handle_starttag(self, tag, _attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.pieces.append("\n")
        elif tag in {"td", "th"}:
            self.pieces.append(" ")

    def handle_data(self, data):
        self.pieces.append(" ".join(data.split("\n")))  # the source's line breaks are not the reader's


def html_to_text(html) -> str:
    """The words of sanitised HTML as plain text, paragraphs on lines of their own; link targets
    are left out (they are not words the reader reads)."""
    collector = _TextCollector()
    collector.feed(str(html or ""))
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


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
