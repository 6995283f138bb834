"""Split an article body into sentences with exact character spans.

Each line is split on its own, so a line without terminal punctuation (a headline, a
subheading, a URL, a tweet signature) is a sentence by itself. Inside a line a sentence
ends at `.`, `!`, `?` or `…` (plus any closing quotes or brackets) followed by a space
and something that can start a sentence, unless the word before the stop is a known
abbreviation or an initial. Spans always satisfy `body[start:end] == text`.
"""

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "lt", "col", "capt", "sgt", "maj", "gov",
    "sen", "rep", "rev", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip

# A candidate boundary: terminal punctuation, closing quotes/brackets, then whitespace.
BOUNDARY_RE = re.compile(r"(?:[.!?]+|…|\.\.\.)[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9#@])")
WORD_BEFORE_RE = re.compile(r"([A-Za-z.]+)\.$")
LINE_RE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the body: its text and exact span, and whether it stands alone on a line."""

    start: int
    end: int
    text: str
    is_line: bool  # the whole line: a headline, subheading or one-sentence paragraph


# Abbreviations are short: looking further back than this would rescan a long paragraph from
# its start at every full stop (quadratic in the paragraph's length).
MAX_ABBREVIATION_WINDOW = 16


def _is_abbreviation(line: str, stop_end: int) -> bool:
    match = WORD_BEFORE_RE.search(line, max(0, stop_end - MAX_ABBREVIATION_WINDOW), stop_end)
    if not match or line[stop_end - 1] != ".":
        return False
    word = match.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of `body` in order; blank lines and surrounding spaces are left out."""
    sentences = []
    for line_match in LINE_RE.finditer(body):
        line = line_match.group(0)
        offset = line_match.start()
        pieces = []
        start = 0
        for boundary in BOUNDARY_RE.finditer(line):
            if _is_abbreviation(line, boundary.start() + len(boundary.group(0).rstrip("”’\"')]"))):
                continue
            pieces.append((start, boundary.end()))
            start = boundary.end()
        pieces.append((start, len(line)))
        for piece_start, piece_end in pieces:
            text = line[piece_start:piece_end]
            stripped = text.strip()
            if not stripped:
                continue
            lead = len(text) - len(text.lstrip())
            begin = offset + piece_start + lead
            sentences.append(Sentence(begin, begin + len(stripped), stripped, is_line=len(pieces) == 1))
    return sentences
