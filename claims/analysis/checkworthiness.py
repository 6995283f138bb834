"""A transparent 0..1 score of how much a sentence is worth checking, with its reasons.

Each feature adds or removes a fixed weight, so an editor can see why a sentence ranks
high: figures, attributed statements, dated events and named entities raise the score;
opinion, questions and boilerplate (URLs, hashtags, bylines) lower it.
"""

import re

FEATURE_WEIGHTS = {
    "has_figure": 0.45,
    "attributed": 0.2,
    "dated_event": 0.15,
    "names_event": 0.1,
    "named_entity": 0.05,
    "has_number": 0.1,
    "opinion": -0.25,
    "question": -0.3,
    "boilerplate": -0.5,
    "too_short": -0.2,
}
BASELINE = 0.1
OPINION_RE = re.compile(
    r"\b(?:I think|I believe|we believe|in my view|should|must|shameful|outrageous|terrible|tragic|"
    r"heartbreaking|disgrace|opinion|arguably|clearly|obviously)\b",
    re.IGNORECASE,
)
BOILERPLATE_RE = re.compile(
    r"https?://|www\.|pic\.twitter\.com|#\w|@\w|^[—–-]\s|\b(?:subscribe|newsletter|click here|read more|"
    r"follow us|sign up|all rights reserved|copyright)\b|^[^\w]*$",
    re.IGNORECASE,
)
# Most sentences hold none of these words: a substring test first spares the patterns' scan of each.
OPINION_HINTS = (
    "think", "believe", "view", "should", "must", "shame", "outrage", "terrib", "tragic", "heartbreak",
    "disgrace", "opinion", "arguabl", "clearly", "obvious",
)  # fmt: skip
BOILERPLATE_HINTS = (
    "http", "www.", "#", "@", "subscri", "newsletter", "click here", "read more", "follow us", "sign up",
    "rights reserved", "copyright",
)  # fmt: skip


def is_opinion(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in OPINION_HINTS) and bool(OPINION_RE.search(text))


def is_boilerplate(text: str) -> bool:
    lowered = text.lower()
    hinted = (
        any(hint in lowered for hint in BOILERPLATE_HINTS)
        or text[:1] in "—–-"
        or not any(map(str.isalnum, text))
    )
    return hinted and bool(BOILERPLATE_RE.search(text))


NAMED_ENTITY_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
DIGIT_RE = re.compile(r"\d")


# Features read from the text alone, in the order they are listed: (feature, test).
TEXT_FEATURES = (
    ("named_entity", NAMED_ENTITY_RE.search),
    ("opinion", is_opinion),
    ("question", lambda text: text.rstrip().endswith("?")),
    ("boilerplate", is_boilerplate),
    ("too_short", lambda text: len(text.split()) < 4),
)


def score_sentence(
    text: str, *, has_figure: bool, is_attributed: bool, has_event_date: bool, has_event: bool
) -> tuple[float, list[str]]:
    """(score, features that fired) for one sentence."""
    fired = []
    if has_figure:
        fired.append("has_figure")
    elif DIGIT_RE.search(text):
        fired.append("has_number")
    given = (("attributed", is_attributed), ("dated_event", has_event_date), ("names_event", has_event))
    fired += [name for name, is_present in given if is_present]
    fired += [name for name, test in TEXT_FEATURES if test(text)]
    score = BASELINE + sum(FEATURE_WEIGHTS[name] for name in fired)
    return round(min(1.0, max(0.0, score)), 2), fired
