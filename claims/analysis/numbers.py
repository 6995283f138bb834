"""Find amounts in a sentence and turn them into bounds.

An amount is a digit string ("1,000", "2.3 thousand", "1.5 million"), number words
("Twelve", "One hundred and twenty", "Twenty-one") or a vague amount ("dozens",
"hundreds", "tens of thousands"). A qualifier in front of it ("more than", "nearly",
"about") turns the amount into bounds:

- hard bounds (`low`, `high`) are what the words logically allow: "more than 100" has no
  upper bound;
- soft bounds (`soft_low`, `soft_high`) are what a reporter realistically means: wire copy
  says "more than 100" for 101 up to two round steps above (~300), never for 1,000; an outlet
  keeping "more than 400" while another has 515 is behind, not contradicting.
"""

import math
import re
from dataclasses import dataclass, replace

from .lexicon import compile_lexicon

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000,  # "one lakh people"
}  # fmt: skip

# Vague amounts: (low, high, central value). "Dozens" needs at least two dozen.
VAGUE = {
    "dozens": (24, 99, 48),
    "scores": (40, 99, 60),
    "hundreds": (200, 999, 500),
    "thousands": (2_000, 9_999, 5_000),
    "tens of thousands": (20_000, 99_999, 50_000),
    "hundreds of thousands": (200_000, 999_999, 500_000),
    "millions": (2_000_000, 9_999_999, 5_000_000),
    # "several injured": more than a couple, fewer than ten ("several hundred" is "hundreds").
    "several": (3, 9, 5),
}
# Too loose to contradict most counts: reporters write "several victims" and "killed scores of people"
# beside a toll of 253; neither ever means a thousand.
LOOSE_VAGUE_SOFT_BOUNDS = {"several": (1, 999), "scores": (24, 999)}
VAGUE_SOFT_FACTOR = 2
SINGLE_AMOUNTS = {"a dozen": 12, "a hundred": 100, "a thousand": 1_000, "a million": 1_000_000}

# Qualifier phrase -> canonical qualifier.
QUALIFIERS = {
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "upwards of": "more than", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "closer to": "about",
    "just under": "nearly", "about": "about", "around": "about", "roughly": "about",
    "some": "about", "approximately": "about", "an estimated": "about", "estimated": "about",
    "up to": "up to", "no more than": "up to", "as many as": "up to", "at most": "up to",
    "as high as": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "below": "fewer than",
}  # fmt: skip
ABOUT_SPREAD = 0.15  # "about 5,000" is read as 4,250..5,750
UNROUND_ABOUT_SPREAD = 0.01  # "some 764" is read as 756..772

_number_word = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
# "and" joins number words only after a scale word: "one hundred and twenty", not "three and five".
_word_number = (
    rf"(?:{_number_word})"
    rf"(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)(?:{_number_word})\b)*"
)
# Thousands are grouped with commas ("5,000"), and in European copy with dots ("5.000") or
# spaces, plain or no-break ("11 300", "10\u202f000"). A dot counts as a thousands mark only
# with exactly three digits after it and no scale word ("2.3 thousand", "4.5", "1.500 million" stay
# decimals).
THOUSANDS_SPACES = " \u00a0\u202f"
_digits = (
    r"\d{1,3}(?:,\d{3})+(?!\d)"
    r"|\d{1,3}(?:\.\d{3})+(?![\d.,]?\d)(?!\s*(?:thousand|million|billion|bn|m|k)\b)"
    rf"|\d{{1,3}}(?:[{THOUSANDS_SPACES}]\d{{3}})+(?![\d.,]?\d)"
    r"|\d+(?:\.\d+)?"
)
# "2m", "3bn", "40k" in lower case only: "2M TV" is a channel's name
_scale = r"(?:\s+(?:thousand|million|billion|lakhs?|crores?)|(?<=\d)(?-i:m|bn|k)\b)"
_vague = "|".join(sorted(VAGUE, key=len, reverse=True))
_single = "|".join(SINGLE_AMOUNTS)
_qualifier = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))

_words_after_first = (
    rf"(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)(?:{_number_word})\b)*"
)
# The amount itself, as a lexicon grouped by first letter (see lexicon.py: much faster than
# one big alternation); its qualifier is looked for just before it with QUALIFIER_BEFORE_RE.
# "a sixth death in six days", "the 50th body": an ordinal before a death word is the count so far.
ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_ordinal_before_death = r"(?=\s+(?:confirmed\s+|known\s+|recorded\s+)?(?:death|victim|body|fatality)\b)"
AMOUNT_RE, _AMOUNT_KIND = compile_lexicon(
    [("ordinal", rf"(?:{'|'.join(ORDINALS)}|\d{{1,4}}(?:st|nd|rd|th)){_ordinal_before_death}")]
    + [("range", rf"between\s+(?:{_digits})\s+and\s+(?:{_digits})")]
    # "some 3000-4000 rioters", "30-40 missing": a range written with a dash
    + [("dash_range", rf"(?<![\w.,/-])(?:{_digits})\s?[-–]\s?(?:{_digits})(?![\w.,/-]*\w)")]
    + [("vague", r"several\s+(?:dozen|hundred|thousand)"), ("vague", r"a\s+few\s+(?:dozen|hundred|thousand)")]
    + [("vague", phrase.replace(" ", r"\s+")) for phrase in sorted(VAGUE, key=len, reverse=True)]
    + [("single", phrase.replace(" ", r"\s+")) for phrase in SINGLE_AMOUNTS]
    + [
        ("words", word + _words_after_first)
        for word in sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True)
    ]
    + [("digits", rf"(?<![\w.,-])(?:{_digits}){_scale}?")]
)
DIGITS_RE = re.compile(_digits)
SCALE_FACTORS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    # South Asian scales: "2.5 lakh people", "1.2 crore"
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
OR_MORE_AFTER_RE = re.compile(r"\s+or\s+more\b", re.IGNORECASE)
OPENING_BRACKET_RE = re.compile(r"\s*\(\s*")
CLOSING_BRACKET_RE = re.compile(r"\s*\)")
TOLL_UP_TO_RE = re.compile(
    # "bringing the death count up to 20", "The death toll between the two fires was up to 24"
    r"\b(?:(?:toll|count|tally|total|number|figure)\b[^.;:]{0,40}?\b(?:was|is|were|are|now)|toll|count|tally|total|"
    r"number|figure|gone|went|goes|going)\s+up\s+to\s+$",
    re.IGNORECASE,
)
QUALIFIER_BEFORE_RE = re.compile(rf"\b(?P<qualifier>{_qualifier})\s+[“\"‘']?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount in a text: where it is, what it says and the bounds it implies."""

    start: int
    end: int
    text: str
    qualifier: str | None
    value: float
    low: float | None
    high: float | None
    soft_low: float | None
    soft_high: float | None
    is_vague: bool = False


def digits_to_number(digits: str) -> float:
    """'5,000', '5.000', '11 300' -> 5000, 5000, 11300; '2.3' -> 2.3."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        return float(digits.replace(".", ""))
    return float(re.sub(rf"[,{THOUSANDS_SPACES}]", "", digits))


def words_to_number(words: str) -> int | None:
    """'One hundred and twenty' -> 120; None when the words are not a number."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("", "and"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def rounding_step(value: float) -> float:
    """The step a reporter rounds to: 100 for 400, 1,000 for 4,000, 10 for 60."""
    if value < 10:
        return 1
    return 10 ** math.floor(math.log10(value))


def _is_round(value: float) -> bool:
    """ "about 1,500", "some 250", "around 20": an amount a reporter has rounded ("some 245" is not)."""
    unit = 5 if value < 100 else 10 if value < 1000 else 100 if value < 10_000 else 500
    return value % unit == 0


def bounds_for(value: float, qualifier: str | None) -> tuple[float | None, float | None, float, float]:
    """Hard (low, high) and soft (low, high) bounds of a qualified exact amount."""
    step = rounding_step(value)
    match qualifier:
        case "more than":
            return value + 1, None, value + 1, value + 2 * step
        case "at least":
            return value, None, value, value + 2 * step
        case "nearly":
            # "nearly 100" is 90-odd and "almost 2 million" 1.8 million or so, never a step lower.
            return round(value * 0.8), value - 1, round(value * 0.9), value - 1
        case "about":
            spread = max(1, round(value * ABOUT_SPREAD))
            # "some 764 injured" is the ministry's 764, not 650 to 880: only a round amount is an estimate
            soft = spread if _is_round(value) else max(1, round(value * UNROUND_ABOUT_SPREAD))
            return value - spread, value + spread, value - soft, value + soft
        case "up to":
            return 0, value, value - step, value
        case "fewer than":
            return 0, value - 1, max(0, value - step), value - 1
    return value, value, value, value


def _vague_amount(core: str, start: int, end: int, phrase: str, qualifier: str | None) -> Amount:
    key = re.sub(r"\s+", " ", core.lower())
    key = re.sub(r"^(?:several|a few) (dozen|hundred|thousand)$", r"\1s", key)
    low, high, value = VAGUE[key]
    if qualifier == "more than" or qualifier == "at least":
        # "more than a dozen"-style phrasing only raises the floor a little.
        low = low + 1 if qualifier == "more than" else low
    # Reporters use the plural loosely: "tens of thousands" for a crowd others put at 120,000, "scores"
    # next to "more than 100". The soft ceiling runs to twice the hard one; "hundreds" still never means 4,000.
    soft_low, soft_high = LOOSE_VAGUE_SOFT_BOUNDS.get(key, (low, high * VAGUE_SOFT_FACTOR))
    return Amount(start, end, phrase, qualifier, value, low, high, soft_low, soft_high, True)


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, in order, with qualifier and bounds."""
    amounts = []
    for match in AMOUNT_RE.finditer(text):
        kind = _AMOUNT_KIND[match.lastgroup]
        core = match.group(0)
        qualifier_match = _qualifier_before(text, match.start())
        qualifier = QUALIFIERS[qualifier_match.group("qualifier").lower()] if qualifier_match else None
        start = qualifier_match.start() if qualifier_match else match.start()
        qualifier, end = _open_upwards(text, kind, qualifier, match.end())
        phrase = text[start:end]
        if kind == "vague":
            amounts.append(_vague_amount(core, start, match.end(), phrase, qualifier))
            continue
        if kind == "range":
            amounts.append(_range_amount(core, start, match.end(), phrase))
            continue
        if kind == "dash_range":
            dashed = _dash_range(core, start, match.end(), phrase)
            if dashed is not None:
                amounts.append(dashed)
            continue
        value = _exact_value(kind, core)
        if value is None:
            continue
        previous = amounts[-1] if amounts else None
        closing = _bracket_restating(text, previous, value, start, end)
        if closing:
            # "thirty-nine (39) people": the digits restate the words; one amount, read up to the bracket
            amounts[-1] = replace(previous, end=closing.end(), text=text[previous.start : closing.end()])
            continue
        low, high, soft_low, soft_high = bounds_for(value, qualifier)
        amounts.append(Amount(start, end, phrase, qualifier, value, low, high, soft_low, soft_high))
    return amounts


def _qualifier_before(text: str, amount_start: int) -> re.Match | None:
    """The qualifier just before an amount ("at least", "up to"), if it qualifies the amount."""
    qualifier = QUALIFIER_BEFORE_RE.search(text, max(0, amount_start - 24), amount_start)
    if qualifier and TOLL_UP_TO_RE.search(text, max(0, qualifier.start() - 80), qualifier.end()):
        return None  # "bringing the death count up to 20": a count brought to 20, not at most 20
    return qualifier


def _open_upwards(text: str, kind: str, qualifier: str | None, end: int) -> tuple[str | None, int]:
    """(qualifier, end) of an amount left open upwards after it: "90+ dead", "120,000 or more"."""
    if qualifier is not None:
        return qualifier, end
    if kind == "digits" and text[end : end + 1] == "+":
        return "at least", end + 1  # headline shorthand: "90+ dead"
    or_more = OR_MORE_AFTER_RE.match(text, end) if kind != "vague" else None
    if or_more:
        return "at least", or_more.end()  # "120,000 or more"
    return qualifier, end


def _range_amount(core: str, start: int, end: int, phrase: str) -> Amount:
    """A range, "between 20 and 30": both ends given, the value halfway."""
    low, high = (digits_to_number(number) for number in DIGITS_RE.findall(core))
    value = (low + high) / 2
    return Amount(start, end, phrase, "between", value, low, high, low, high)


def _dash_range(core: str, start: int, end: int, phrase: str) -> Amount | None:
    """ "3000-4000" as a range; None for what only looks like one: a score ("3-1"), years ("2019-2023",
    "2023-24") or a date's days."""
    low, high = (digits_to_number(number) for number in DIGITS_RE.findall(core))
    if low >= high or (1800 <= low <= 2100 and (1800 <= high <= 2100 or high < 100)):
        return None
    value = (low + high) / 2
    return Amount(start, end, phrase, "between", value, low, high, low, high)


def _exact_value(kind: str, core: str) -> int | float | None:
    """The number an exact amount states ("seven", "1.2 million", "thirty-nine"), or None if unreadable."""
    if kind == "ordinal":
        value = ORDINALS.get(core.lower()) or int(core[:-2])
    elif kind == "single":
        value = SINGLE_AMOUNTS[re.sub(r"\s+", " ", core.lower())]
    elif kind == "digits":
        number = DIGITS_RE.match(core).group(0)
        scale = core[len(number) :].strip().lower()
        value = digits_to_number(number) * SCALE_FACTORS.get(scale, 1)
    else:
        value = words_to_number(core)
        if value is None:
            return None
    return int(value) if value == int(value) else value


def _bracket_restating(
    text: str, previous: Amount | None, value: float, start: int, end: int
) -> re.Match | None:
    """The closing bracket of digits that restate the amount just before: "thirty-nine (39)"."""
    closing = CLOSING_BRACKET_RE.match(text, end)
    if (
        previous is not None
        and previous.value == value
        and closing
        and not previous.text[-1:].isdigit()
        and OPENING_BRACKET_RE.fullmatch(text, previous.end, start)
    ):
        return closing
    return None


def at_least(amount: Amount) -> Amount:
    """The amount read as a floor ("the toll tops 150": 150 or more; a headline's "passes 41,000" beside
    "hitting 41,000" is the same count, so the floor is the amount itself, not one above it)."""
    low, high, soft_low, soft_high = bounds_for(amount.value, "at least")
    return replace(amount, qualifier="at least", low=low, high=high, soft_low=soft_low, soft_high=soft_high)
