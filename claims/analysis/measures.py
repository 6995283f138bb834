"""Decide what an amount in a sentence counts: the measure, the group and the scope.

"Twelve officers have been killed with 353 other injured" holds two figures: 12 killed
officers and 353 injured officers ("other" = the same group as the figure before it).
The measure usually follows the amount ("62 people are in intensive care"), but can come
before it ("the death toll has risen to 135", "the quake killed 80"). Amounts of other
things (tonnes, kilometres, dollars, years, times of day, dates) are not figures.
"""

import re
from dataclasses import dataclass

from .lexicon import compile_lexicon
from .numbers import Amount, find_amounts

# Measure phrases; the longest phrase wins where they overlap ("critically injured").
MEASURE_PHRASES = {
    "critical": [
        r"intensive care", r"critical(?:ly)? (?:condition|ill|injured|wounded|hurt)", r"in critical",
        r"serious(?:ly)? (?:condition|ill)", r"life-threatening",
    ],
    "hospitalized": [
        r"hospitali[sz]ed", r"admitted(?: to (?:hospitals?|wards?))?", r"treated in hospitals?",
        r"in hospitals?", r"taken to hospitals?", r"receiving (?:hospital )?treatment",
    ],
    "killed": [
        r"killed", r"dead", r"died", r"deaths?", r"death toll", r"toll", r"eliminated", r"liquidated",
        r"lost their lives", r"perished", r"fatalities", r"fatally \w+", r"drowned",
        r"were shot dead", r"victims? died",
    ],
    "injured": [
        r"injured", r"injuries", r"wounded", r"hurt", r"sought (?:medical )?treatment",
        r"treated for injuries", r"injury toll", r"treated for", r"needed treatment",
    ],
    "missing": [r"missing", r"unaccounted for", r"trapped"],
    "displaced": [
        r"homeless", r"displaced", r"evacuated", r"fled", r"evacuees", r"forced from their homes",
        r"left their homes", r"in shelters", r"without shelter", r"moved to (?:tents|shelters|camps)",
        r"relocated", r"sheltering", r"in (?:tents|camps|evacuation centres|evacuation centers)",
    ],
    "detained": [r"detained", r"arrested", r"in custody", r"detentions", r"arrests", r"taken into custody"],
    "participants": [
        r"took to the streets", r"gathered", r"marched", r"rallied", r"protested", r"demonstrated",
        r"turned out", r"joined (?:the )?(?:protests?|marches|march|rally|rallies|demonstrations?)",
    ],
}  # fmt: skip
CUMULATIVE_MEASURES = {"killed", "injured", "detained", "displaced"}

_phrase_to_measure = [(phrase, measure) for measure, phrases in MEASURE_PHRASES.items() for phrase in phrases]
_phrase_to_measure.sort(key=lambda item: len(item[0]), reverse=True)
MEASURE_RE, _MEASURE_BY_GROUP = compile_lexicon([(measure, phrase) for phrase, measure in _phrase_to_measure])

# Groups of people, each with the group that contains it (None: the root, everyone).
SUBJECT_PARENT = {
    "people": None,
    "security forces": "people",
    "officers": "security forces",
    "soldiers": "security forces",
    "protesters": "people",
    "civilians": "people",
    "children": "people",
    "medical workers": "people",
    "foreigners": "people",
    "families": None,  # households are counted apart from people: 2,300 families are not 2,300 people
}
SUBJECT_PATTERNS = {
    "officers": r"police(?:men|women| officers)?|officers|law enforcement|policem[ae]n|gendarmes",
    "soldiers": r"soldiers|troops|servicem[ae]n|national guard(?:smen)?|military personnel",
    "security forces": r"security (?:forces|personnel|officials)|security service members",
    "protesters": r"prot[ae]sters|demonstrators|rioters|assailants|militants|extremists|attackers|marchers",
    "civilians": r"civilians|bystanders",
    "children": r"children|kids|minors|pupils|students|schoolchildren",
    "medical workers": r"medics|doctors|nurses|paramedics|health(?:care)? workers|medical (?:workers|staff)",
    "foreigners": r"foreigners|foreign nationals|nationals|tourists|expatriates",
    "families": r"families|households",
    "people": r"people|persons|residents|individuals|villagers|passengers|workers|miners|inhabitants|others|"
    r"victims|pilgrims|fans|spectators|shoppers|worshippers|migrants|refugees|guests|patients",
}
SUBJECT_RE, _SUBJECT_BY_GROUP = compile_lexicon(list(SUBJECT_PATTERNS.items()))

# Things that are not people: an amount followed by one of these counts something else.
OTHER_THINGS_AFTER_RE = re.compile(
    r"^[”\"’']?\s*(?:-|–)?\s*(?:st|nd|rd|th|s)?\b\s*(?:tonnes?|tons?|kilo(?:metre|meter)s?|km|miles?|metres?|meters?|"
    r"m|mm|cm|kg|kilos?|feet|ft|inches|cars?|vehicles?|trucks?|buses|lorries|buildings?|homes?|houses?|"
    r"apartments?|shops?|warehouses?|dollars?|euros?|pounds?|usd|eur|lira|pesos?|rupees?|yuan|"
    r"years?|year-olds?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|percent|per ?cent|%|"
    r"pm|am|p\.m\.?|a\.m\.?|o'clock|gmt|utc|storeys?|stor(?:y|ies)|floors?|hectares?|acres?|degrees?|"
    r"magnitude|points?|aircraft|planes?|ships?|boats?|districts?|provinces?|regions?|villages?|towns?|cities|"
    r"countries|times|billion|trillion|stations?|schools?|hospitals?|beds?|rounds?|shots?|bombs?|rockets?|"
    r"sites?|locations?|places|spots|areas|neighbou?rhoods|streets|roads|bridges|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"missiles?|tanks?|cases?|votes?|seats?|mph|kph|km/h|litres?|liters?|gallons?|barrels?|megawatts?)\b"
    r"|^:\d|^\s*(?:st|nd|rd|th)\b|^-[A-Za-z]",
    re.IGNORECASE,
)
OTHER_THINGS_BEFORE_RE = re.compile(
    r"(?:[$€£¥]|\b(?:aged|age|ages|no\.|route|flight|channel|magnitude|"
    r"of size|page|chapter|article|section|room|gate|platform|level|category|grade|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|[\w]-)\s*$",
    re.IGNORECASE,
)
YEAR_RANGE = range(1800, 2101)

# Words that end the phrase an amount governs: the measure must come before them.
CLAUSE_BREAK_RE = re.compile(
    r"[,;:()–—]|\b(?:and|but|or|while|whereas|as|when|after|before|than|from|which|who|whom|whose|because|"
    r"since|said|says|told|according|including|although|though|if|until|with)\b",
    re.IGNORECASE,
)
MAX_WORDS_TO_MEASURE = 8
SCOPE_BEFORE_RE = re.compile(r"\b(?:of|among)\s+(?:the|those|them)?\s*$", re.IGNORECASE)
OF_THEM_RE = re.compile(r"^[”\"’']?\s+(?:of|among)\s+(?:them|those|whom|which)\b", re.IGNORECASE)
OTHER_RE = re.compile(r"^[”\"’']?\s+(?:other|more|additional|further)\b", re.IGNORECASE)
# "the death toll has risen to 135", "injuries stood at 40": the measure is named before.
TOLL_VERB_BEFORE_RE = re.compile(
    r"\b(?:risen|rose|rise|rising|climbed|climbs|climb|climbing|jumped|jumps|increased|increases|reached|reaches|"
    r"reach|exceed|exceeds|exceeded|top|surpass|"
    r"stands|stood|hit|hits|passed|passes|topped|tops|surpassed|grew|grown|totall?ed|totals?|is|was|now|of|at|"
    r"number|numbers|numbered)"
    r"(?:\s+(?:to|at|past|nearly|about))?\s*$",
    re.IGNORECASE,
)
ACTIVE_VERB_BEFORE_RE = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|claimed the lives of|injuring|injured|wounding|wounded|hurting|"
    r"arrested|arresting|detained|detaining|evacuated|evacuating|displaced|displacing|hospitali[sz]ed|left|"
    r"numbering|crowds? of|rally of|march of|protest of|demonstration of)"
    r"(?:\s+(?:all|some|(?:an?\s+)?(?:estimated|reported|total of)))?\s*$",
    re.IGNORECASE,
)
ACTIVE_VERB_MEASURE = {
    "kill": "killed", "claimed the lives of": "killed", "injur": "injured", "wound": "injured",
    "hurt": "injured", "arrest": "detained", "detain": "detained", "evacuat": "displaced",
    "displac": "displaced", "hospital": "hospitalized", "number": "participants", "crowd": "participants",
    "rally": "participants", "march": "participants", "protest": "participants",
    "demonstration": "participants",
}  # fmt: skip
AMONG_BEFORE_RE = re.compile(
    r"\bamong\s+(?:the|those)\s+(?P<scope>dead|killed|injured|wounded|victims|hurt|missing|arrested|detained|"
    r"hospitali[sz]ed)\s+(?:were|are|was|is)?\s*$",
    re.IGNORECASE,
)
# "has risen to 135 from 100", "down from more than 60": the second figure is an earlier state.
FROM_BEFORE_RE = re.compile(
    r"\b(?:up|down|rising|falling|risen|rose|fell|fallen|increased|decreased)?\s*from\s*$"
)
# "12 died in Aleppo": a figure for one place, a part of the event's total.
PLACE_AFTER_RE = re.compile(
    r"^\s+(?:in|at)\s+(?:the\s+)?(?:(?:city|town|province|region|district|village|state)\s+of\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)
WHOLE_FIRST_RE = re.compile(r"\b(?:of|among)\s+(?:the|those)\s+$", re.IGNORECASE)
INCLUDING_BEFORE_RE = re.compile(
    r"\b(?:including|includ(?:es|ed)|among them|of whom|of which)\s*$", re.IGNORECASE
)
PROJECTION_RE = re.compile(
    r"\b(?:could|may|might|would|will|feared|fears?|expected|expects?|likely|set to|projected|projects?|"
    r"predicts?|predicted|potentially|possibly|forecasts?|feared to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A casualty figure inside one sentence (offsets are relative to the sentence)."""

    start: int
    end: int
    text: str
    measure: str
    subject: str
    amount: Amount
    scope: str | None  # "of_them", "part_of:<measure>", "including" or "same_group"
    is_projection: bool
    is_earlier: bool = False  # "up from 100": the figure before an update
    place: str | None = None  # "12 died in Aleppo": the place this figure alone is about


def measure_for_phrase(phrase: str) -> str:
    """The measure a matched phrase belongs to."""
    match = MEASURE_RE.fullmatch(phrase)
    return _MEASURE_BY_GROUP[match.lastgroup] if match else "other"


def _measure_of(match: re.Match) -> str:
    return _MEASURE_BY_GROUP[match.lastgroup]


def subject_of(text: str) -> str | None:
    match = SUBJECT_RE.search(text)
    return _SUBJECT_BY_GROUP[match.lastgroup] if match else None


def is_other_thing(sentence: str, amount: Amount) -> bool:
    """True when the amount counts something other than people (money, distance, time...)."""
    after = sentence[amount.end : amount.end + 24]
    before = sentence[max(0, amount.start - 24) : amount.start]
    if OTHER_THINGS_AFTER_RE.search(after) or OTHER_THINGS_BEFORE_RE.search(before):
        return True
    digits_only = amount.text.strip("“”\"'‘’ ").isdigit()
    return digits_only and amount.value in YEAR_RANGE and not amount.qualifier and not amount.is_vague


def _measure_after(window: str) -> tuple[str | None, str | None, int, int]:
    """(measure, scope measure, end of the measure phrase, end of the scope phrase) after an amount."""
    scope_measure = None
    scope_end = 0
    position = 0
    while True:
        match = MEASURE_RE.search(window, position)
        if not match:
            return None, scope_measure, 0, scope_end
        gap = window[position : match.start()]
        if CLAUSE_BREAK_RE.search(gap) or len(window[: match.start()].split()) > MAX_WORDS_TO_MEASURE:
            return None, scope_measure, 0, scope_end
        if SCOPE_BEFORE_RE.search(window, 0, match.start()) and scope_measure is None:
            scope_measure = _measure_of(match)  # "120 of the injured were in critical condition"
            position = scope_end = match.end()
            continue
        return _measure_of(match), scope_measure, match.end(), scope_end


def _measure_before(before: str) -> tuple[str | None, str | None, int]:
    """(measure, scope, start of the phrase) for a measure named before the amount."""
    offset = max(0, len(before) - 160)  # only the end matters: searching all of it is slow
    before = before[offset:]
    measure, scope, start = _measure_in_tail(before)
    return measure, scope, offset + start


def _measure_in_tail(before: str) -> tuple[str | None, str | None, int]:
    among = AMONG_BEFORE_RE.search(before)
    if among:
        scope_word = among.group("scope")
        measure = "killed" if scope_word.lower() == "victims" else measure_for_phrase(scope_word)
        return measure, "part_of:" + measure, len(before)
    active = ACTIVE_VERB_BEFORE_RE.search(before)
    if active and active.group("verb").lower() != "left":
        verb = active.group("verb").lower()
        for stem, measure in ACTIVE_VERB_MEASURE.items():
            if verb.startswith(stem):
                return measure, None, active.start()
    toll_verb = TOLL_VERB_BEFORE_RE.search(before)
    if toll_verb:
        clause = re.split(r"[;:()]|, (?:and|but|while)\b|\bsaid\b", before)[-1][-120:]
        matches = list(MEASURE_RE.finditer(clause))
        if matches:
            return _measure_of(matches[-1]), None, toll_verb.start()
    return None, None, len(before)


def find_figures(sentence: str) -> list[FigureMention]:
    """Every casualty figure in a sentence, in order."""
    amounts = [amount for amount in find_amounts(sentence) if amount.value > 0]
    figures: list[FigureMention] = []
    for index, amount in enumerate(amounts):
        if is_other_thing(sentence, amount):
            continue
        next_start = amounts[index + 1].start if index + 1 < len(amounts) else len(sentence)
        previous_end = amounts[index - 1].end if index > 0 else 0
        after = sentence[amount.end : next_start]
        before = sentence[previous_end : amount.start]
        scope = None
        if OF_THEM_RE.match(after):
            scope = "of_them"
        elif OTHER_RE.match(after):
            scope = "same_group"
        elif INCLUDING_BEFORE_RE.search(before[-40:]):
            scope = "including"
        measure, scope_measure, measure_end, scope_end = _measure_after(after)
        if measure is None and scope_measure is not None:
            measure, measure_end = scope_measure, scope_end  # "eight officers were among the injured"
        if scope_measure is not None:
            scope = "part_of:" + scope_measure
        start = amount.start + (len(amount.text) - len(amount.text.lstrip("“\"‘' ")))
        end = amount.end + measure_end
        if measure is None:
            measure, before_scope, phrase_start = _measure_before(before)
            scope = before_scope or scope
            start = min(start, previous_end + phrase_start)
            end = amount.end
        whole_start = figures[-1].amount.start if figures else 0
        if (
            scope is None
            and figures
            and WHOLE_FIRST_RE.search(sentence, max(0, whole_start - 20), whole_start)
        ):
            scope = "including"  # "Of the 64 injured, 12 remain in critical condition"
        if measure is None and scope == "including" and figures:
            measure = figures[-1].measure  # "killed 12, including three children"
        is_earlier = bool(FROM_BEFORE_RE.search(before[-30:])) and bool(figures)
        if is_earlier and measure is None:
            measure = figures[-1].measure  # "risen to 135 from 100"
        if measure is None:
            continue
        phrase_after = after[: measure_end or 40]
        subject = subject_of(phrase_after.split(" of the ")[0]) if measure_end else subject_of(after[:30])
        if scope == "same_group" and figures:
            subject = figures[-1].subject
        governing = sentence[max(previous_end, amount.start - 60) : amount.start] + after[:measure_end]
        is_projection = bool(PROJECTION_RE.search(governing))
        place_match = PLACE_AFTER_RE.match(sentence, amount.end + measure_end) if measure_end else None
        figures.append(
            FigureMention(
                start=start,
                end=end,
                text=sentence[start:end],
                measure=measure,
                subject=subject or "people",
                amount=amount,
                scope=scope,
                is_projection=is_projection,
                is_earlier=is_earlier,
                place=place_match.group("place") if place_match else None,
            )
        )
    return figures
