"""Which event a sentence is about, so that only figures about the same event are compared.

The key is the kind of event ("explosion", "unrest", "earthquake"...) from the first event
noun or verb in the sentence; a sentence without one inherits the article's main event
(from its headline or first sentence). The place comes from the article's opening.
"""

import re

from .lexicon import compile_lexicon

EVENT_KINDS = {
    "explosion": r"explosions?|blasts?|exploded|detonations?|bombings?|bomb",
    "unrest": r"clash(?:es|ed)|protests?|protest(?:ers|ors)|demonstrations?|demonstrators|unrest|riots?|"
    r"rioting|rioters|marches|rally|rallies|uprising|crackdown",
    "earthquake": r"earthquakes?|quakes?|tremors?|aftershocks?",
    "flood": r"floods?|flooding|flash floods?|deluge|inundat\w+|monsoon",
    "fire": r"fires?|blazes?|wildfires?|bushfires?|inferno|flames",
    "crash": r"crash(?:es|ed)?|collisions?|collided|derail\w*|plunged|overturned|capsized|accident",
    "stampede": r"stampedes?|crush",
    # "tried to storm the buildings" is a verb, not weather.
    "storm": r"(?<!to )storms?(?!\s+(?:the|a|an|some|into|through|out|government|administrative)\b)|"
    r"cyclones?|hurricanes?|typhoons?|tornado(?:es)?",
    "shooting": r"shootings?|gunm[ae]n|gunfire|opened fire",
    "attack": r"attacks?|attacked|assault",
    "collapse": r"collapse",
    "landslide": r"landslides?|mudslides?|avalanches?",
    "heatwave": r"heat ?waves?|extreme heat",
}
# Events that happen at one moment: dating them to two different days is a contradiction.
# Protests, floods and fires last for days, so differing dates are normal for them.
INSTANT_EVENTS = {"explosion", "earthquake", "crash", "stampede", "shooting", "collapse", "landslide"}
EVENT_RE, _KIND_BY_GROUP = compile_lexicon(list(EVENT_KINDS.items()))
# Verbs that tie a date to the event itself: "the blast struck ... on Wednesday".
EVENT_VERB_RE = re.compile(
    r"\b(?:struck|strikes|hit|hits|ripped|rips|tore|tears|rocked|rocks|occurred|happened|took place|erupted|"
    r"broke out|exploded|collapsed|crashed|shook|devastated|swept|destroyed|flattened|began|started)\b",
    re.IGNORECASE,
)
_not_place = (
    r"(?!(?:The|A|An|This|That|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|Health|Police|Red)\b)"
)
PLACE_RE = re.compile(
    rf"\b(?:in|at|of|near|off|above|below|around|through|across|outside|hits?|struck|rocks?)\s+(?:the\s+)?"
    rf"(?:port\s+of\s+|city\s+of\s+|(?:coast|shores?|island)\s+of\s+)?"
    rf"{_not_place}(?P<after>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
    rf"|\b{_not_place}(?P<before>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+"
    rf"(?:(?:port|valley|river|city|province|region|district)\s+)?"
    rf"(?:{EVENT_KINDS['explosion']}|{EVENT_KINDS['earthquake']}|{EVENT_KINDS['unrest']}|"
    rf"{EVENT_KINDS['flood']}|{EVENT_KINDS['fire']}|death toll|prot[ae]sters)\b"
)


def event_kind(sentence: str) -> str | None:
    """The kind of the first event named in the sentence, or None."""
    match = EVENT_RE.search(sentence)
    return _KIND_BY_GROUP[match.lastgroup] if match else None


def event_mentions(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every event word in the sentence."""
    return [
        (match.start(), match.end(), _KIND_BY_GROUP[match.lastgroup]) for match in EVENT_RE.finditer(sentence)
    ]


VENUE_AFTER_RE = re.compile(
    r"\s+(?:stadium|arena|mine|factory|plant|square|hall|hotel|mall|market|school|church|mosque|temple|"
    r"station|airport|bridge|tower|street|road|avenue|building|hospital|university|prison|camp)\b",
    re.IGNORECASE,
)


# Words between an event and a date that show the date belongs to something else:
# "funerals for victims of the explosion were held on Thursday".
NOT_EVENT_DATE_GAP_RE = re.compile(
    # A clause break ends the event's phrase; the colon inside a clock time ("4:12am") does not.
    r"[,;:](?!\d)|\b(?:were|was|is|are|be|been|being|has|have|had|held|said|says|told|will|would|after|before|since|"
    r"following|victims?|funerals?|mourn\w*|memorial|anniversary|investigation|inquiry|probe|hearing|trial|"
    r"report\w*|announc\w*|meeting|visit\w*|arrived|began|resumed|ended|vigil|protests?|rally)\b",
    re.IGNORECASE,
)
MAX_WORDS_EVENT_TO_DATE = 8


def date_belongs_to_event(text: str, date_start: int, date_end: int, is_possessive: bool) -> bool:
    """True when a date in the sentence dates the event itself, not a statement or aftermath.

    "Tuesday's explosion", "the blast struck the port ... on Wednesday", "a stampede at the
    stadium on Saturday evening" date the event; "funerals ... were held on Thursday" does not.
    """
    if is_possessive:
        return bool(EVENT_RE.match(text, date_end + 1) or EVENT_RE.search(text, date_end, date_end + 30))
    anchors = [match.end() for match in EVENT_RE.finditer(text, 0, date_start)]
    anchors += [match.end() for match in EVENT_VERB_RE.finditer(text, 0, date_start)]
    for anchor in sorted(anchors, reverse=True):
        gap = text[anchor:date_start]
        if len(gap.split()) > MAX_WORDS_EVENT_TO_DATE:
            return False
        if EVENT_VERB_RE.search(gap):
            continue  # an event verb nearer the date is checked as its own anchor
        return not NOT_EVENT_DATE_GAP_RE.search(gap)
    return False


def find_place(texts: list[str]) -> str | None:
    """The place most often named in the article's opening lines (venues such as a stadium left out).

    A capitalised word that opens a line before an event noun ("Ferry fire toll revised") may be
    a common noun capitalised by the headline: it counts only when nothing else names a place,
    and never when the opening also uses it in lower case ("a passenger ferry").
    """
    counts: dict[str, int] = {}
    line_openers: dict[str, int] = {}
    for text in texts:
        for match in PLACE_RE.finditer(text):
            place = match.group("after") or match.group("before")
            if VENUE_AFTER_RE.match(
                text, match.end("after") if match.group("after") else match.end("before")
            ):
                continue
            opens_line = match.group("before") and not text[: match.start("before")].strip(" \"“‘'")
            found = line_openers if opens_line else counts
            found[place] = found.get(place, 0) + 1
    opening = " ".join(texts)
    for place, count in line_openers.items():
        first_word = place.split()[0]
        if not re.search(rf"\b{re.escape(first_word.lower())}\b", opening) and (
            not counts or place in counts
        ):
            counts[place] = counts.get(place, 0) + count
    if not counts:
        return None
    return max(counts, key=lambda place: (counts[place], -min(i for i, t in enumerate(texts) if place in t)))


def describe_event(key: str | None) -> str:
    """An event key as editors read it: 'explosion@beirut' → 'Explosion in Beirut'."""
    if not key:
        return ""
    kind, _, place = key.partition("@")
    kind = kind.replace("_", " ").capitalize()
    return f"{kind} in {place.title()}" if place else kind


def event_key(kind: str | None, place: str | None) -> str | None:
    """A short key such as 'explosion@beirut': figures are compared only within one key."""
    if kind is None:
        return None
    return f"{kind}@{place.lower()}" if place else kind
