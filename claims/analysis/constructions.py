"""Read casualty figures with an ordered table of named construction rules.

Each amount in a sentence ("40", "more than 1,000", "dozens") is offered to the rules of
`RULES` in order; the first rule that reads it decides the measure and, where the
construction says so, the group and the scope ("of them", "in Derna alone"). A rule is
one row: a name, a reader (a few compiled patterns around the amount), and the
sentences it must and must not read, which `tests/analysis/test_constructions.py` runs.
A new construction is a new row. Every figure keeps the name of the rule that read it,
so the desk can show why a number was taken as a figure.

After a rule has read the measure, the same finishing steps apply to every figure: the
group named by the noun, "others" meaning the group before, projections ("could reach").
When no rule reads an amount, it is not a figure: precision first.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .facts import Scope, ScopeKind
from .measures import (
    ACTIVE_VERB_BEFORE_RE,
    ACTIVE_VERB_MEASURE,
    AMONG_BEFORE_RE,
    CARE_VERB_BEFORE_RE,
    CARED_FOR_AFTER_RE,
    DIED_WHERE_RE,
    FROM_BEFORE_RE,
    INCLUDING_BEFORE_RE,
    MEASURE_RE,
    OF_THEM_RE,
    OTHER_RE,
    PLACE_AFTER_RE,
    PROJECTION_RE,
    RESCUE_BEFORE_RE,
    SHARE_BEFORE_RE,
    SHARE_OF_DEAD_RE,
    SUBJECT_PATTERNS,
    WHOLE_FIRST_RE,
    Group,
    _measure_of,
    is_elliptical,
    is_other_thing,
    measure_after,
    measure_after_aside,
    measure_for_phrase,
    predicate_subject,
    share_by_place,
    subject_of,
    subject_right_after,
)
from .numbers import Amount, find_amounts


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A casualty figure inside one sentence (offsets are relative to the sentence)."""

    start: int
    end: int
    text: str
    measure: str
    subject: Group
    amount: Amount
    scope: Scope | None
    is_projection: bool
    is_earlier: bool = False  # "up from 100": the figure before an update
    place: str | None = None  # "12 died in Aleppo": the place this figure alone is about
    rule: str = ""  # the name of the construction rule that read it


@dataclass(frozen=True, slots=True)
class Around:
    """What a rule sees of one amount: the sentence, the text around it and the figures before."""

    sentence: str
    amount: Amount
    before: str  # from the end of the amount before (or the sentence start) to this amount
    after: str  # from this amount to the next amount (or the sentence end)
    previous_end: int
    next_amount: Amount | None
    figures: Sequence[FigureMention]  # read so far in this sentence
    recent: Sequence[FigureMention]  # read in the sentences just before (nearest last)

    @property
    def lookback(self) -> str:
        """Up to 160 characters before the amount, across other amounts ("Aug. 8", "three-train")."""
        return self.sentence[max(0, self.amount.start - 160) : self.amount.start]

    @property
    def lookback_start(self) -> int:
        return max(0, self.amount.start - 160)

    @property
    def last_figure(self) -> FigureMention | None:
        return self.figures[-1] if self.figures else None

    @property
    def last_known(self) -> FigureMention | None:
        """The figure just before, in this sentence or the ones before it."""
        if self.figures:
            return self.figures[-1]
        return self.recent[-1] if self.recent else None


@dataclass(frozen=True, slots=True)
class Reading:
    """What a rule read: the measure and where the figure's words are (sentence offsets)."""

    measure: str
    start: int
    end: int
    measure_end: int = 0  # end of a measure phrase after the amount, relative to the amount's end
    subject: Group | None = None
    scope: Scope | None = None
    place: str | None = None
    is_earlier: bool = False


@dataclass(frozen=True, slots=True)
class ConstructionRule:
    """One construction that makes an amount a figure, with the sentences it must and must not read.

    `examples` are (sentence, measure, value): the sentence must yield a figure of that measure and
    value read by this rule. `counter_examples` must yield no figure read by this rule.
    """

    name: str
    read: Callable[[Around], Reading | None]
    examples: tuple[tuple[str, str, float], ...]
    counter_examples: tuple[str, ...] = field(default=())


def _part(measure: str, place: str | None = None, group: str | None = None) -> Scope:
    return Scope(ScopeKind.PART_OF, measure, place, group)


OF_THEM = Scope(ScopeKind.OF_THEM)
INCLUDING = Scope(ScopeKind.INCLUDING)
SAME_GROUP = Scope(ScopeKind.SAME_GROUP)

# ---------------------------------------------------------------------------------------------
# Patterns the rules share.

_TOLL_VERBS = (
    r"risen|rose|rises|rise|rising|climbed|climbs|climb|climbing|jumped|jumps|jump|soared|soars|increased|"
    r"increases|reached|reaches|reach|reaching|exceeds?|exceeded|exceeding|tops?|topped|topping|surpass|"
    r"surpasses|surpassed|surpassing|stands|stood|standing|stand|hit|hits|hitting|pass|passes|passed|passing|"
    r"neared|nears|near|nearing|approached|approaches|approaching|grew|grown|grows|totall?ed|totals?|totall?ing|"
    r"is|was|are|were|now|of|at|numbers?|numbered|revised|revises|revise|lowered|raised|corrected|updated|fell|"
    r"falls|fall|falling|dropped|drops|drop|fallen|decreased|declined|holds|held|hold|holding|remains|remained|"
    r"stays|stayed|brings|brought|bringing|takes|took|taking|pushes|pushed|pushing|put|puts|pegged|pegs|"
    r"placed|places|gave|gives|given|down"
)
# "the death toll has risen to 135", "the toll has climbed on Sunday to 151", "fell, from 41 to":
# a toll verb, an optional adverb or time, then the preposition before the amount.
TOLL_VERB_BEFORE_RE = re.compile(
    rf"\b(?P<verb>{_TOLL_VERBS})(?:\s+(?:down|up|downwards?|upwards?|sharply|further|again))?"
    r"(?:\s+(?:on|by|late|early|overnight|earlier)(?:\s+(?:on\s+)?[A-Za-z]+){0,2})?"
    r"(?P<earlier>,?\s+from(?:\s+[\d,. ]{1,12}?)?)?"
    r"(?:\s+(?:to|at|past|beyond|by))?\s*$",
    re.IGNORECASE,
)
WEAK_TOLL_VERBS = {"of", "at", "is", "was", "are", "were", "now", "number", "numbers"}
# Where a clause before the amount starts: the measure named before the toll verb must lie in it.
CLAUSE_START_RE = re.compile(r"[;:()]|, (?:and|but|while|whereas)\b|\bsaid\b|\bwhile\b", re.IGNORECASE)
# Nouns that stand for a count whose measure is said elsewhere: "the count had stood at 114",
# "the latest official figure for Syria is 5,914", "put the number at about 650".
CROWD_NOUN_RE = re.compile(
    r"\b(?:crowds?|turnout|attendance|protesters|demonstrators|marchers)\b", re.IGNORECASE
)
COUNT_NOUN_RE = re.compile(r"\b(?:count|tally|figures?|numbers?)\b", re.IGNORECASE)
# "put the toll in Turkey at 20 213", "pegged the death toll at 5,500", "put the number at about 650",
# "brings the toll across both countries to 7,900", "revised the toll down to 275": a verb, the toll
# as its object, then the preposition before the amount.
VERB_TOLL_PREPOSITION_RE = re.compile(
    r"\b(?:(?:put|puts|putting|pegged|pegs|pegging|placed|places|placing|set|sets|gave|gives|given|"
    r"estimated?|estimates|estimating)\s+"
    r"(?P<noun_at>(?:the|its|their|a|an)\s+[^,;:()]{1,80}?)\s+at(?:\s+(?:just|only|a mere))?"
    r"|(?:brings?|brought|bringing|takes?|took|taking|push(?:es|ed|ing)?|sends?|sent|sending|lifts?|lifting|"
    r"raised|raises|raising)\s+"
    r"(?P<noun_to>(?:the|its|their)\s+[^,;:()]{1,80}?)\s+(?P<preposition>to|past|above|beyond|over|from)"
    r"|(?:revised|revises|revise|revising|lowered|lowers|lowering|raised|raises|raising|corrected|corrects|"
    r"cut|cuts|updated|updates|adjusted|adjusts)\s+"
    r"(?P<noun_revised>(?:the|its|their)\s+[^,;:()]{1,80}?)\s+(?:(?:down|up|downwards?|upwards?)\s+)?to)\s*$",
    re.IGNORECASE,
)
# "three injured passengers died", "two more wounded soldiers have died": the injured who died.
INJURED_WHO_DIED_RE = re.compile(
    r"^\s+(?:more\s+|other\s+|of\s+the\s+)?(?:injured|wounded|hurt)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:have\s+|had\s+|later\s+|subsequently\s+)*(?:died|die|dies|succumbed)\b",
    re.IGNORECASE,
)
# "four injured persons are in a critical condition": the critical among the injured.
INJURED_NOW_CRITICAL_RE = re.compile(
    r"^\s+(?:injured|wounded)\s+(?:[\w-]+\s+){0,2}?(?:are|were|is|was|remain|remains|remained)\s+"
    r"(?:still\s+)?(?:in\s+(?:an?\s+)?(?:critical|serious|grave)\s+condition|critical(?:ly ill)?)\b",
    re.IGNORECASE,
)
# "At least 30 people were killed, 1,414 in government-held areas and some 4,400 in the northwest":
# a share named by a place that is not a proper name.
AREA_AFTER_RE = re.compile(
    r"\s+(?:in|across)\s+(?P<place>(?:the\s+|other\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:areas?|regions?|provinces?|districts?|parts?|zones?|northwest|northeast|southwest|southeast|"
    r"north|south|east|west|villages|towns|cities))\b",
    re.IGNORECASE,
)
# "in Derna alone", "in other storm-hit areas": a figure for one place is a part of the whole.
PLACE_PART_AFTER_RE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,4}?(?:in|at)\s+(?P<place>(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+alone|"
    r"other\s+(?:[\w-]+\s+){0,2}?(?:areas|regions|provinces|districts|towns|villages|cities|parts))\b"
)
# "103 of them in Almaty": "of them" with a place, a part of the figure before.
AMONG_THEM_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s*)\s*(?:among|of)\s+(?:them|those|these|the\s+victims|the\s+dead)\s*,?\s*(?:were|are)?\s*$",
    re.IGNORECASE,
)
# "97 are women and 54 are men", "at least four were teenagers": a group of the figure before.
GROUP_PREDICATE_AFTER_RE = re.compile(
    r"^\s+(?:were|are|was|is)\s+(?:all\s+)?(?P<group>women|men|girls|boys|children|teenagers|minors|babies|"
    r"infants|foreigners|foreign nationals|tourists|soldiers|police officers|officers|civilians|students|"
    r"pupils|firefighters|rescuers|medics|doctors|nurses|journalists|residents|locals|pilgrims|migrants|"
    r"passengers|crew members|workers)\b(?!\s+(?:who|were|are|was|had|have))",
    re.IGNORECASE,
)
GROUP_NOUN_SUBJECTS = {
    "children": Group.CHILDREN, "teenagers": Group.CHILDREN, "minors": Group.CHILDREN,
    "babies": Group.CHILDREN, "infants": Group.CHILDREN, "girls": Group.CHILDREN, "boys": Group.CHILDREN,
    "students": Group.CHILDREN, "pupils": Group.CHILDREN, "foreigners": Group.FOREIGNERS,
    "foreign nationals": Group.FOREIGNERS, "tourists": Group.FOREIGNERS, "soldiers": Group.SOLDIERS,
    "police officers": Group.OFFICERS, "officers": Group.OFFICERS, "civilians": Group.CIVILIANS,
    "medics": Group.MEDICAL_WORKERS, "doctors": Group.MEDICAL_WORKERS, "nurses": Group.MEDICAL_WORKERS,
    "firefighters": Group.EMERGENCY_WORKERS, "rescuers": Group.EMERGENCY_WORKERS,
    "journalists": Group.JOURNALISTS,
}  # fmt: skip
# "Dozens of protesters, 12 police dead", "Five soldiers and 20 civilians were killed": a list of
# groups before one measure shares it.
LISTED_GROUP_AFTER_RE = re.compile(
    rf"^(?P<noun>\s+(?:of\s+)?(?:[\w-]+\s+)?(?:{'|'.join(SUBJECT_PATTERNS.values())}))\s*(?:,|and)\s*$",
    re.IGNORECASE,
)
# The list must start its clause: "There were 1,000 police and 300 protesters were arrested" is no list.
LIST_START_RE = re.compile(r"(?:^|[,;:—–-]|\bat least|\bsome|\babout|\bbut|\band|\bso)\s*$", re.IGNORECASE)
# A bare amount restating a figure just given: "told reporters that 97 should be treated as a minimum".
BARE_AMOUNT_AFTER_RE = re.compile(
    r"^\s+(?:should|could|would|will|must|may|might|is|was|remains|remained|stands)\b", re.IGNORECASE
)
BARE_AMOUNT_BEFORE_RE = re.compile(r"(?:\bthat|\bthe|^|[,;:])\s*[“\"‘']?$", re.IGNORECASE)
MEASURE_WORD_RE = MEASURE_RE


def _text_start(amount: Amount) -> int:
    return amount.start + (len(amount.text) - len(amount.text.lstrip("“\"‘' ")))


# ---------------------------------------------------------------------------------------------
# The readers, one per construction.


def read_injured_who_died(around: Around) -> Reading | None:
    """'three injured passengers died': deaths among the injured, a part of the toll."""
    match = INJURED_WHO_DIED_RE.match(around.after)
    if not match:
        return None
    amount = around.amount
    return Reading(
        "killed", _text_start(amount), amount.end + match.end(), match.end(), scope=_part("killed")
    )


def read_injured_now_critical(around: Around) -> Reading | None:
    """'four injured persons are in a critical condition': critical, a part of the injured."""
    match = INJURED_NOW_CRITICAL_RE.match(around.after)
    if not match:
        return None
    amount = around.amount
    return Reading(
        "critical", _text_start(amount), amount.end + match.end(), match.end(), scope=_part("injured")
    )


def read_measure_after(around: Around) -> Reading | None:
    """'40 people were killed', 'Fifteen of the injured were in critical condition'."""
    amount, after = around.amount, around.after
    measure, scope_measure, measure_end, scope_end = measure_after(after)
    subject = None
    if measure is None and scope_measure is not None:
        measure, measure_end = scope_measure, scope_end  # "eight officers were among the injured"
        subject = predicate_subject(around.sentence[amount.end + scope_end :])
    if measure is None:
        return None
    scope = _part(scope_measure) if scope_measure is not None else None
    return Reading(measure, _text_start(amount), amount.end + measure_end, measure_end, subject, scope)


def read_aside(around: Around) -> Reading | None:
    """'Six people, including two children, died': the measure after the aside."""
    measure, noun, noun_end, died_where = measure_after_aside(around.sentence, around.amount)
    if measure is None:
        return None
    amount = around.amount
    scope = _part("killed") if died_where else None
    return Reading(measure, _text_start(amount), amount.end + noun_end, 0, subject_of(noun), scope)


def read_care_verb(around: Around) -> Reading | None:
    """'hospitals admitted 1,500 patients', 'medics treated 300 people' (people after the number)."""
    tail = around.before[-40:]
    care = CARE_VERB_BEFORE_RE.search(tail)
    cared_for = CARED_FOR_AFTER_RE.match(around.after)
    if not (care and cared_for):
        return None
    measure = "injured" if care.group("verb").lower().startswith("treat") else "hospitalized"
    amount = around.amount
    start = min(_text_start(amount), amount.start - len(tail) + care.start())
    return Reading(measure, start, amount.end + cared_for.end())


def read_among_before(around: Around) -> Reading | None:
    """'Among the dead were 8 foreign nationals', 'The dead included 12 children'."""
    among = AMONG_BEFORE_RE.search(around.before[-80:])
    if not among:
        return None
    scope_word = among.group("scope").lower()
    measure = "killed" if scope_word in ("victims", "deceased", "dead") else measure_for_phrase(scope_word)
    return Reading(measure, _text_start(around.amount), around.amount.end, scope=_part(measure))


def read_active_verb(around: Around) -> Reading | None:
    """'the quake killed 80', 'injuring 9', 'the displacement of 43,059 people'."""
    active = ACTIVE_VERB_BEFORE_RE.search(around.before[-80:])
    if not active or active.group("verb").lower() == "left":
        return None
    verb = active.group("verb").lower()
    for stem, measure in ACTIVE_VERB_MEASURE.items():
        if verb.startswith(stem):
            start = around.amount.start - len(around.before[-80:]) + active.start()
            return Reading(measure, start, around.amount.end)
    return None


def _clause_before(text: str) -> tuple[str, int]:
    """The last clause of `text` and where it starts in `text`."""
    starts = [match.end() for match in CLAUSE_START_RE.finditer(text)]
    start = starts[-1] if starts else 0
    return text[start:], start


def read_verb_toll_preposition(around: Around) -> Reading | None:
    """'put the toll in Turkey at 20 213', 'put the number at about 650' (the measure said before)."""
    lookback = around.lookback
    put = VERB_TOLL_PREPOSITION_RE.search(lookback)
    if not put:
        return None
    noun = put.group("noun_at") or put.group("noun_to") or put.group("noun_revised")
    measures = list(MEASURE_RE.finditer(noun))
    if measures:
        measure = _measure_of(measures[-1])
    elif CROWD_NOUN_RE.search(noun):
        measure = "participants"  # "police put the crowd at 40,000"
    elif COUNT_NOUN_RE.search(noun):
        measure = _measure_named_elsewhere(around, around.lookback_start + put.start())
    else:
        return None
    if measure is None or measure == "unharmed":
        return None
    # "pushing the toll from 114 to 143": the amount after "from" is the earlier state.
    is_earlier = (put.group("preposition") or "").lower() == "from"
    return Reading(measure, around.lookback_start + put.start(), around.amount.end, is_earlier=is_earlier)


def read_toll_verb(around: Around) -> Reading | None:
    """'the death toll has risen to 135', 'Quake toll nears 8000', 'revised the toll down to 275'."""
    lookback = around.lookback
    toll_verb = TOLL_VERB_BEFORE_RE.search(lookback)
    if not toll_verb:
        return None
    clause, clause_start = _clause_before(lookback[: toll_verb.start()])
    measures = list(MEASURE_RE.finditer(clause))
    if not measures:
        return None
    measure = _measure_of(measures[-1])
    measure_start = clause_start + measures[-1].start()
    close = len(lookback[measure_start : toll_verb.start()].split()) <= 3
    if not close and toll_verb.group("verb").lower() in WEAK_TOLL_VERBS:
        return None  # "a family of three": "of" far from any measure
    if measure == "unharmed" or len(clause.split()) > 24:
        return None
    start = around.lookback_start + (min(measure_start, toll_verb.start()) if close else toll_verb.start())
    # "fell, from 41 to 31": the amount right after "from" is the earlier state.
    is_earlier = bool(toll_verb.group("earlier")) and lookback.rstrip().lower().endswith("from")
    return Reading(measure, start, around.amount.end, is_earlier=is_earlier)


def _measure_named_elsewhere(around: Around, position: int) -> str | None:
    """The measure a count noun stands for: the nearest measure word before it in the sentence,
    else the first after the amount, else the figure just before (this or an earlier sentence)."""
    before = list(MEASURE_RE.finditer(around.sentence, 0, position))
    if before:
        return _measure_of(before[-1])
    after = MEASURE_RE.search(around.sentence, around.amount.end)
    if after:
        return _measure_of(after)
    known = around.last_known
    return known.measure if known else None


COUNT_NOUN_VERB_RE = re.compile(
    # Only "for Syria", "in the north" may stand between: "the number of trains was 40" counts trains.
    r"\b(?P<noun>count|tally|figures?|numbers?)\b(?:\s+(?:for|in|across)(?:\s+[\w-]+){1,3}?)?\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:stood|stands|stand|is|was|were|are|remained|remains|rose|risen|fell|"
    r"reached|climbed)(?:\s+(?:at|to))?\s*$",
    re.IGNORECASE,
)


def read_count_noun(around: Around) -> Reading | None:
    """'the count had stood at 114', 'The latest official figure for Syria is 5,914'."""
    lookback = around.lookback[-80:]
    match = COUNT_NOUN_VERB_RE.search(lookback)
    if not match or CLAUSE_START_RE.search(lookback, match.start()):
        return None
    start = around.amount.start - len(lookback) + match.start()
    measure = _measure_named_elsewhere(around, start)
    if measure is None or measure == "unharmed":
        return None
    return Reading(measure, start, around.amount.end)


CLAIM_VERB_BEFORE_RE = re.compile(
    r"\b(?:claim(?:ed|ing|s)?|cost(?:ing|s)?|took|taking|takes)\s*$", re.IGNORECASE
)
LIVES_AFTER_RE = re.compile(r"^\s+(?:more\s+|other\s+|human\s+)?lives\b", re.IGNORECASE)


def read_lives_claimed(around: Around) -> Reading | None:
    """'claiming at least 40 lives', 'the storm cost 12 lives'."""
    claim = CLAIM_VERB_BEFORE_RE.search(around.before[-30:])
    lives = LIVES_AFTER_RE.match(around.after)
    if not (claim and lives):
        return None
    start = around.amount.start - len(around.before[-30:]) + claim.start()
    return Reading("killed", start, around.amount.end + lives.end())


CONJOINED_AFTER_VERB_RE = re.compile(
    rf"^\s+(?:[\w-]+\s+)?(?:{'|'.join(SUBJECT_PATTERNS.values())})\s*,?\s+and\s*$", re.IGNORECASE
)


def read_conjoined_object(around: Around) -> Reading | None:
    """'The blast killed 9 soldiers and four civilians': the second object of the same verb."""
    previous = around.last_figure
    if previous is None or previous.rule != "active_verb" or not CONJOINED_AFTER_VERB_RE.match(around.before):
        return None
    if MEASURE_RE.match(around.after.lstrip()):
        return None  # "killed 9 soldiers and 4 injured ..." names its own measure
    return Reading(previous.measure, _text_start(around.amount), around.amount.end)


PARTITIVE_AFTER_RE = re.compile(r"^\s+of\s+(?:the|those)\s*$", re.IGNORECASE)


def read_partitive(around: Around) -> Reading | None:
    """'Forty-one of the 78 people on board died': the part is the figure, the total is not."""
    following = around.next_amount
    if following is None or not PARTITIVE_AFTER_RE.match(around.after):
        return None
    tail = around.sentence[following.end : following.end + 80]
    if MEASURE_RE.match(tail.lstrip()):
        return None  # "Fifteen of the 30 injured were ...": the whole names its own measure
    measure, scope_measure, measure_end, _ = measure_after(tail)
    if measure is None or scope_measure is not None:
        return None
    return Reading(measure, _text_start(around.amount), following.end + measure_end)


TRAPPED_BEFORE_RE = re.compile(r"\b(?:trapped|trapping|traps)\s*$", re.IGNORECASE)
PEOPLE_UNDERGROUND_AFTER_RE = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:miners|workers|people|passengers|residents|climbers|children|pupils|villagers)"
    r"(?!\s+(?:outside|out)\b)",
    re.IGNORECASE,
)


def read_trapped(around: Around) -> Reading | None:
    """'An explosion trapped 11 miners deep underground': the trapped are missing (people, not a crowd)."""
    trapped = TRAPPED_BEFORE_RE.search(around.before[-20:])
    people = PEOPLE_UNDERGROUND_AFTER_RE.match(around.after)
    if not (trapped and people):
        return None
    start = around.amount.start - len(around.before[-20:]) + trapped.start()
    return Reading("missing", start, around.amount.end + people.end())


def read_including(around: Around) -> Reading | None:
    """'killed 12, including three children': the measure of the figure before."""
    if not (around.figures and INCLUDING_BEFORE_RE.search(around.before[-40:])):
        return None
    return Reading(around.figures[-1].measure, _text_start(around.amount), around.amount.end, scope=INCLUDING)


def read_update_from(around: Around) -> Reading | None:
    """'risen to 135 from 100': the earlier state of the figure before."""
    if not (around.figures and FROM_BEFORE_RE.search(around.before[-30:])):
        return None
    return Reading(around.figures[-1].measure, _text_start(around.amount), around.amount.end, is_earlier=True)


def read_share_by_place(around: Around) -> Reading | None:
    """'30 killed, 12 in Idlib and 18 in Aleppo', '1,414 in government-held areas'."""
    if not around.figures:
        return None
    place = share_by_place(around.sentence, around.amount, around.before)
    if place is None and SHARE_BEFORE_RE.search(around.before[-14:]):
        place = AREA_AFTER_RE.match(around.sentence, around.amount.end)
    if place is None:
        return None
    whole = around.figures[-1]
    return Reading(
        whole.measure,
        _text_start(around.amount),
        place.end(),
        subject=whole.subject,
        scope=Scope(ScopeKind.INCLUDING, place=place.group("place")),
        place=place.group("place"),
    )


OF_THEM_PLACE_AFTER_RE = re.compile(
    r"^\s+of\s+(?:them|whom)\s+(?:were\s+|are\s+)?(?:in|at)\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
)
MORE_IN_AFTER_RE = re.compile(
    r"^\s+(?:more|others|other)\s+(?:in|at)\s+(?:[\w-]+\s+){0,3}?[\w-]+", re.IGNORECASE
)


def read_of_them_place(around: Around) -> Reading | None:
    """'At least 225 people died, 103 of them in Almaty': a part of the figure before, by place."""
    match = OF_THEM_PLACE_AFTER_RE.match(around.after)
    known = around.last_known
    if not match or known is None:
        return None
    place = match.group("place")
    amount = around.amount
    scope = Scope(ScopeKind.OF_THEM, place=place)
    return Reading(known.measure, _text_start(amount), amount.end + match.end(), scope=scope, place=place)


def read_more_in(around: Around) -> Reading | None:
    """'4,400 survivors were in hotels, and about 900 more in rented homes': another part, same measure."""
    match = MORE_IN_AFTER_RE.match(around.after)
    if not match or not around.figures:
        return None
    previous = around.figures[-1]
    amount = around.amount
    return Reading(
        previous.measure,
        _text_start(amount),
        amount.end + match.end(),
        subject=previous.subject,
        scope=_part(previous.measure),
    )


def read_among_them(around: Around) -> Reading | None:
    """'Among them, 22 were in their 70s', 'Among them are 19 foreigners': parts of the figure before."""
    known = around.last_known
    if (
        known is None
        or not AMONG_THEM_BEFORE_RE.search(around.before[-40:])
        and not (around.figures and around.figures[-1].rule == "among_them")
    ):
        return None
    if around.figures and around.figures[-1].rule == "among_them":
        known = around.figures[-1]
        if not re.search(r"(?:,|\band)\s*$", around.before):
            return None
    return Reading(
        known.measure,
        _text_start(around.amount),
        around.amount.end,
        subject=subject_right_after(around.after),
        scope=OF_THEM,
    )


def read_group_predicate(around: Around) -> Reading | None:
    """'97 are women and 54 are men', 'at least four were teenagers': a group of the figure before."""
    known = around.last_known
    match = GROUP_PREDICATE_AFTER_RE.match(around.after)
    if known is None or not match:
        return None
    group = match.group("group").lower()
    subject = GROUP_NOUN_SUBJECTS.get(group, Group.PEOPLE)
    amount = around.amount
    return Reading(
        known.measure,
        _text_start(amount),
        amount.end + match.end(),
        subject=subject,
        scope=Scope(ScopeKind.OF_THEM, group=group),
    )


def read_listed_group(around: Around) -> Reading | None:
    """'Dozens of protesters, 12 police dead': a group listed before another shares its measure."""
    following = around.next_amount
    listed = LISTED_GROUP_AFTER_RE.match(around.after)
    if following is None or not listed or not LIST_START_RE.search(around.before):
        return None
    next_after = around.sentence[following.end : following.end + 80]
    measure, scope_measure, measure_end, _ = measure_after(next_after)
    scope = None
    if measure is None and scope_measure is not None:
        measure, scope = scope_measure, _part(scope_measure)  # "40 children and 45 women were among the dead"
    elif scope_measure is not None:
        return None
    if measure is None or measure == "unharmed":
        return None
    amount = around.amount
    return Reading(measure, _text_start(amount), amount.end + listed.end("noun"), 0, scope=scope)


def read_restated_amount(around: Around) -> Reading | None:
    """'told reporters that 97 should be treated as a minimum': the figure just given, restated."""
    amount = around.amount
    if amount.is_vague or amount.qualifier:
        return None
    if not (BARE_AMOUNT_AFTER_RE.match(around.after) and BARE_AMOUNT_BEFORE_RE.search(around.before[-12:])):
        return None
    same = [figure for figure in (*around.recent, *around.figures) if figure.amount.value == amount.value]
    if not same:
        return None
    return Reading(same[-1].measure, _text_start(amount), amount.end, subject=same[-1].subject)


# ---------------------------------------------------------------------------------------------
# The table. Order matters: the first rule that reads an amount wins.

RULES: tuple[ConstructionRule, ...] = (
    ConstructionRule(
        "partitive",
        read_partitive,
        examples=(
            ("Forty-one of the 78 people on board died, the airline said.", "killed", 41),
            ("12 of the 40 passengers were hurt.", "injured", 12),
        ),
        counter_examples=("Fifteen of the 30 injured were in critical condition.",),
    ),
    ConstructionRule(
        "injured_who_died",
        read_injured_who_died,
        examples=(
            ("Two injured miners died overnight.", "killed", 2),
            ("The toll rose to 41 after three more wounded soldiers died in hospital.", "killed", 3),
        ),
        counter_examples=("Three injured miners were flown to the city.",),
    ),
    ConstructionRule(
        "injured_now_critical",
        read_injured_now_critical,
        examples=(
            ("The toll could rise as four injured persons are in a critical condition.", "critical", 4),
            ("Two wounded officers remain critical.", "critical", 2),
        ),
        counter_examples=("Two injured officers were flown out.",),
    ),
    ConstructionRule(
        "measure_after",
        read_measure_after,
        examples=(
            ("At least 40 people were killed in the blast.", "killed", 40),
            ("Fifteen of the injured were in critical condition.", "critical", 15),
            ("Eight officers were among the injured.", "injured", 8),
            ("About 200 protesters gathered outside the ministry.", "participants", 200),
            ("Tens of thousands took to the streets of the capital.", "participants", 50_000),
            ("At least 20 suffered serious burns in the fire.", "injured", 20),
            ("Officials say 4,500 people need shelter.", "displaced", 4500),
            ("More than 2,100 survivors are staying in temporary shelters.", "displaced", 2100),
            ("An estimated 80.000 people have taken refuge in schools.", "displaced", 80_000),
            ("Some 19 000 people had been left without homes.", "displaced", 19_000),
            ("the more than 6 400 who died in the 1995 quake", "killed", 6400),
            ("Only one of the injured remained critical.", "critical", 1),
            ("Eleven people from Kerala are still missing.", "missing", 11),
            ("Of the 120 people on the first list, most were found.", "missing", 120),
            ("Four of the victims were beheaded.", "killed", 4),
            ("Thirty villagers were buried on Sunday.", "killed", 30),
            ("Some 30,000 people left the city after the quake.", "displaced", 30_000),
            ("Two of them were being treated in hospital.", "hospitalized", 2),
            ("Children trampled as 140 die at hill shrine", "killed", 140),
            ("Three more succumbed to their injuries on the way to hospital.", "killed", 3),
            ("Four of the injured are in a critical condition.", "critical", 4),
            ("More than 80 people were on ventilators.", "critical", 80),
            ("Some 246 people are undergoing treatment at the city hospital.", "hospitalized", 246),
            ("At least 50,000 pilgrims flocked to the shrine.", "participants", 50_000),
            ("Riots: 90+ dead, hundreds held", "killed", 90),
            ("Many of the 640 people who were hurt are children.", "injured", 640),
            ("At least 130 dead and missing after the floods", "other", 130),
            ("Factory gas leak: 11 killed, 25 critical", "critical", 25),
            ("At least 25 people were admitted to hospitals in critical condition.", "critical", 25),
            ("Three more people were shot outside the store.", "injured", 3),
            ("He said 137 people have been officially registered as missing.", "missing", 137),
            ("By Thursday, 140 passengers from the boat had been reported missing.", "missing", 140),
            ("Two persons were buried alive when the bus fell.", "killed", 2),
            ("Ninety-seven people were burned to ashes at the scene.", "killed", 97),
            ("Three of those who died are children.", "killed", 3),
            ("As many as 200,000 people massed in the square.", "participants", 200_000),
        ),
        counter_examples=(
            "The ship carried 2,750 tonnes of fertiliser.",
            "Turnout was 45 percent in 1991.",
            "About 80% of the dead were elderly.",
            "The state will pay Rs 2 lakh to the families of the dead.",
            "Each of the injured will get Rs 50,000.",
            "Two dams collapsed after the rain.",
            "The blast damaged 120 cars and 50 buildings.",
            "Coastguards rescued 45 people from the water.",
            "Twelve people were buried under the rubble.",
            "Hundreds of people watched rescuers free passengers trapped in the carriage.",
            "At least 25 people and millions of animals have died.",
            "It was one of the deadliest storms in decades.",
            "Patients in hospital will be given 500,000 rubles each.",
            "The tower fell at around 1.30pm on Monday, trapping workers.",
            "Paramedics were sent to 1,571 life-threatening incidents.",
        ),
    ),
    ConstructionRule(
        "aside",
        read_aside,
        examples=(
            ("Nine villagers, including four pupils, drowned when the ferry sank.", "killed", 9),
            ("At least 9 people, including a driver, were in police custody.", "detained", 9),
            ("Four workers, all from the night shift, died at the scene.", "killed", 4),
            ("At least 140 people – most of them women and children – were killed.", "killed", 140),
        ),
    ),
    ConstructionRule(
        "care_verb",
        read_care_verb,
        examples=(
            ("Hospitals in the valley admitted 1,500 patients overnight.", "hospitalized", 1500),
            ("Paramedics treated 300 people for smoke inhalation.", "injured", 300),
        ),
        counter_examples=("The minister admitted three mistakes in the count.",),
    ),
    ConstructionRule(
        "among_before",
        read_among_before,
        examples=(
            ("Among the dead were 8 foreign nationals.", "killed", 8),
            ("Among the deceased are 14 children.", "killed", 14),
            ("The dead included 12 schoolchildren.", "killed", 12),
            ("Victims include 3 firefighters.", "killed", 3),
        ),
    ),
    ConstructionRule(
        "active_verb",
        read_active_verb,
        examples=(
            ("The landslide killed 23 and injured 9.", "injured", 9),
            ("The quake claimed the lives of 80 people.", "killed", 80),
            ("The floods caused the displacement of 43,059 people.", "displaced", 43_059),
            ("Tanker blast kills more than 100, injures dozens", "injured", 48),
            ("Police put the crowd at 40,000.", "participants", 40_000),
            ("A crowd estimated at more than 2,000 stood outside.", "participants", 2000),
        ),
        counter_examples=("The storm left 300 homes without power.",),
    ),
    ConstructionRule(
        "verb_toll_preposition",
        read_verb_toll_preposition,
        examples=(
            ("Officials revised the toll down to 275 from 288.", "killed", 275),
            ("That brings the toll across both provinces to more than 7.900.", "killed", 7900),
            ("Police revised the number of people killed in the Aug. 8 fire down to 97.", "killed", 97),
            ("Police estimates put the number of marchers at just 25,000.", "participants", 25_000),
            ("A further 30 died, pushing the toll from 114 to 143.", "killed", 143),
            ("Their deaths take the national toll to 14.", "killed", 14),
            ("Police later raised the confirmed toll to 9.", "killed", 9),
            ("The ministry put the death toll at 5,500.", "killed", 5500),
            ("Officials pegged the toll in the province at 1 240.", "killed", 1240),
            ("Figures for the injured varied: the railway put the number at about 650.", "injured", 650),
        ),
        counter_examples=("The agency put the damage at 40 million.", "They set the meeting at 10."),
    ),
    ConstructionRule(
        "toll_verb",
        read_toll_verb,
        examples=(
            ("The death toll from the storm has climbed to 57.", "killed", 57),
            ("Death toll from Kestrel ferry sinking rises to 154", "killed", 154),
            ("The toll has climbed on Sunday to 151.", "killed", 151),
            ("Flood toll nears 80 as rain eases", "killed", 80),
            ("Ferry toll down to 97 from 115", "killed", 97),
            ("With the combined toll hitting 10,000, the quake is the worst in decades.", "killed", 10_000),
            ("Quake toll rises to 3958", "killed", 3958),
            (
                "The number of people killed in Friday's three-car crash has by noon climbed to 23.",
                "killed",
                23,
            ),
            ("Number missing after the fire drops to 66", "missing", 66),
            ("Island missing list falls below 100", "missing", 100),
            ("The number of people unaccounted for fell, from 41 to 31, police said.", "missing", 31),
            ("The toll was first put at 288 and revised down to 275 later.", "killed", 275),
            ("Deaths in the region pass 8,500", "killed", 8500),
        ),
        counter_examples=("A family of three was rescued.", "The river rose to 12 metres."),
    ),
    ConstructionRule(
        "count_noun",
        read_count_noun,
        examples=(
            ("The toll rose to 115 on Monday. As of Sunday, the count had stood at 114.", "killed", 114),
            (
                "The latest official figure for the north is 5,914, while monitors counted 6,760 deaths.",
                "killed",
                5914,
            ),
        ),
        counter_examples=("The number of trains was 40.",),
    ),
    ConstructionRule(
        "lives_claimed",
        read_lives_claimed,
        examples=(
            ("Storms swept the coast, claiming at least 40 lives, officials said.", "killed", 40),
            ("The heatwave cost 12 lives.", "killed", 12),
        ),
        counter_examples=("Lifeguards saved 12 lives.",),
    ),
    ConstructionRule(
        "trapped",
        read_trapped,
        examples=(("An explosion apparently trapped 13 miners deep underground.", "missing", 13),),
        counter_examples=("Locked gates were trapping thousands outside.",),
    ),
    ConstructionRule(
        "conjoined_object",
        read_conjoined_object,
        examples=(("The blast killed 9 soldiers and four civilians.", "killed", 4),),
        counter_examples=("The blast killed 9 soldiers and 40 homes burned.",),
    ),
    ConstructionRule(
        "including",
        read_including,
        examples=(("The blast killed 12, including three children.", "killed", 3),),
        counter_examples=("Twenty bodies were recovered, of whom four have been identified.",),
    ),
    ConstructionRule(
        "update_from",
        read_update_from,
        examples=(("The toll has risen to 135 from 100.", "killed", 100),),
    ),
    ConstructionRule(
        "share_by_place",
        read_share_by_place,
        examples=(
            ("At least 25 people were hurt, 10 in Kordan and 15 in Vell.", "injured", 10),
            (
                "More than 900 deaths were recorded: 414 in government-held areas and some 500 in the north.",
                "killed",
                414,
            ),
        ),
        counter_examples=("At least 25 people were hurt, police said, 10 days after the storm.",),
    ),
    ConstructionRule(
        "of_them_place",
        read_of_them_place,
        examples=(("At least 225 people were killed, 103 of them in Almaty.", "killed", 103),),
        counter_examples=("Of them in Almaty, 103 were found.",),
    ),
    ConstructionRule(
        "more_in",
        read_more_in,
        examples=(
            (
                "About 4,400 survivors were staying in hotels, and about 900 more in rented homes.",
                "displaced",
                900,
            ),
        ),
        counter_examples=("He waited 20 more minutes.",),
    ),
    ConstructionRule(
        "among_them",
        read_among_them,
        examples=(
            (
                "Police named 55 of the dead. Among them, 22 were in their 70s and 13 in their 60s.",
                "killed",
                13,
            ),
            ("At least 40 people died. Among them are 19 foreigners.", "killed", 19),
        ),
        counter_examples=("Among them, 22 were in their 70s.",),
    ),
    ConstructionRule(
        "group_predicate",
        read_group_predicate,
        examples=(
            ("At least 151 people were killed; 97 are women and 54 are men.", "killed", 54),
            ("Nine people were injured and at least four were teenagers.", "injured", 4),
        ),
        counter_examples=("Twelve were women who had gathered.",),
    ),
    ConstructionRule(
        "listed_group",
        read_listed_group,
        examples=(
            ("Dozens of protesters, 12 police dead in capital clashes", "killed", 48),
            ("Five soldiers and 20 civilians were killed.", "killed", 5),
            ("Rescuers dug all night. But at least 21 students and four teachers died.", "killed", 21),
            ("KELL -- At least 23 children and four adults were killed.", "killed", 23),
            ("At least 40 children and 45 women were among the dead.", "killed", 40),
        ),
        counter_examples=("Five soldiers and 20 civilians were rescued.",),
    ),
    ConstructionRule(
        "restated_amount",
        read_restated_amount,
        examples=(("The toll fell to 97. He said that 97 should be treated as a minimum.", "killed", 97),),
        counter_examples=("He said that 12 should be enough.",),
    ),
)

# ---------------------------------------------------------------------------------------------
# Finishing steps shared by every figure.


INCREMENT_AFTER_RE = re.compile(r"^[”\"’']?\s+(?:more|additional|further)\b", re.IGNORECASE)
INCREMENT_BEFORE_RE = re.compile(r"\b(?:a\s+further|another|an\s+additional)\s*$", re.IGNORECASE)


def _initial_scope(around: Around) -> Scope | None:
    """A scope the words right around the amount state, whatever rule reads the measure."""
    if OF_THEM_RE.match(around.after):
        return OF_THEM
    if OTHER_RE.match(around.after):
        return SAME_GROUP
    if INCLUDING_BEFORE_RE.search(around.before[-40:]):
        return INCLUDING
    return None


def _finish(around: Around, reading: Reading, rule: str) -> FigureMention | None:
    sentence, amount, after, figures = around.sentence, around.amount, around.after, around.figures
    measure, measure_end = reading.measure, reading.measure_end
    if measure == "unharmed":
        return None
    if measure == "displaced" and RESCUE_BEFORE_RE.search(around.before[-40:]):
        return None  # "rescued 40 people from their homes" counts rescues, not the displaced
    scope = reading.scope or _initial_scope(around)
    if scope is None and figures:
        whole_start = figures[-1].amount.start
        if WHOLE_FIRST_RE.search(sentence, max(0, whole_start - 20), whole_start):
            scope = INCLUDING  # "Of the 64 injured, 12 remain in critical condition"
    subject = reading.subject
    if subject is None:
        if measure_end:
            subject = subject_of(after[:measure_end].split(" of the ")[0])
        else:
            subject = subject_right_after(after)
    if figures and (scope == SAME_GROUP or (measure_end and is_elliptical(after))):
        previous = figures[-1]
        subject = previous.subject  # "Twelve officers were killed and 353 were injured"
        if subject != Group.PEOPLE:
            scope = scope or SAME_GROUP
        if previous.scope is not None and previous.scope.is_part:
            scope = _part(measure)  # "Sixteen of the injured were hospitalised and 9 others treated"
        elif scope == SAME_GROUP and previous.measure == measure:
            scope = _part(measure)  # "4,400 in hotels and 900 more in homes": another part, not a rival
    increment = INCREMENT_AFTER_RE.match(after) or INCREMENT_BEFORE_RE.search(around.before[-20:])
    if (
        increment
        and (scope is None or scope == SAME_GROUP)
        and (not figures or figures[-1].measure == measure)
    ):
        scope = _part(measure)  # "4 more bodies found", "three more died": an increment, a part of the toll
    if (
        scope is None
        and measure == "killed"
        and measure_end
        and (SHARE_OF_DEAD_RE.search(after[:measure_end]) or DIED_WHERE_RE.match(after, measure_end))
    ):
        scope = _part("killed")  # bodies recovered, deaths in hospital: a share of the toll
    place = reading.place
    if place is None and measure_end:
        place_match = PLACE_AFTER_RE.match(sentence, amount.end + measure_end)
        place = place_match.group("place") if place_match else None
    if place is None and reading.start < amount.start:
        place = _own_place(sentence[reading.start : amount.start])  # "put the toll in Turkey at 20 213"
    place_part = PLACE_PART_AFTER_RE.match(after)
    if place_part and (scope is None or scope.kind is ScopeKind.OF_THEM):
        scope = _part(measure, place=place_part.group("place"))  # "in Derna alone", "in other areas"
        place = place or place_part.group("place")
    is_earlier = reading.is_earlier or (bool(FROM_BEFORE_RE.search(around.before[-30:])) and bool(figures))
    governing = sentence[max(around.previous_end, amount.start - 60) : amount.start] + after[:measure_end]
    return FigureMention(
        start=reading.start,
        end=reading.end,
        text=sentence[reading.start : reading.end],
        measure=measure,
        subject=subject or Group.PEOPLE,
        amount=amount,
        scope=scope,
        is_projection=bool(PROJECTION_RE.search(governing)),
        is_earlier=is_earlier,
        place=place,
        rule=rule,
    )


# "It was one of the deadliest storms", "a scene of frantic digging": "one of" that is no partitive.
ONE_OF_IDIOM_RE = re.compile(
    r"^\s+of\s+(?!them\b|those\b|whom\b|us\b|the\s+(?:dead|injured|wounded|victims|missing|people|passengers|"
    r"\w+\s+(?:people|passengers|workers|victims)))",
    re.IGNORECASE,
)


# The place a figure's own words name: "the toll in Turkey", "the figure for Syria", "deaths in the
# rebel-held northwest". A combined count ("across both countries", "the combined toll") is its own place,
# so that a country's toll and the two countries' total are never read as rival counts.
OWN_PLACE_RE = re.compile(
    r"\b(?:in|for)\s+(?:the\s+)?(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?=\s+(?!\d))|"
    r"(?:[\w-]+-held\s+)?(?:northwest|northeast|southwest|southeast|north|south|east|west)\b)"
)
COMBINED_PLACE_RE = re.compile(
    r"\b(?:across|in)\s+(?:both|the\s+two|all\s+(?:three|four|five))\s+(?:countries|nations|states|provinces)\b"
    r"|\b(?:combined|two-country|cross-border)\s+(?:death\s+)?(?:toll|count|tally)\b",
    re.IGNORECASE,
)
CALENDAR_RE = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the|total)",
    re.IGNORECASE,
)


def _own_place(text: str) -> str | None:
    """The place named inside a figure's own words, if any."""
    if COMBINED_PLACE_RE.search(text):
        return "all affected countries"
    for match in OWN_PLACE_RE.finditer(text):
        if not CALENDAR_RE.match(match.group("place")):
            return match.group("place")
    return None


def _is_no_figure(around: Around) -> bool:
    """Amounts the constructions must leave alone, whatever words follow them."""
    amount = around.amount
    if amount.text.strip().lower() == "one" and ONE_OF_IDIOM_RE.match(around.after):
        return True
    previous = around.last_figure
    # "Forty-one of the 78 people on board died": 78 is the total aboard, not a casualty count.
    return previous is not None and previous.rule == "partitive" and previous.end >= amount.end


def find_figures(sentence: str, recent: Sequence[FigureMention] = ()) -> list[FigureMention]:
    """Every casualty figure in a sentence, in order.

    `recent` holds the figures of the sentences just before, for constructions that refer back
    to them ("Among them, 22 were in their 70s", "the count had stood at 114").
    """
    amounts = [amount for amount in find_amounts(sentence) if amount.value > 0]
    figures: list[FigureMention] = []
    for index, amount in enumerate(amounts):
        if is_other_thing(sentence, amount):
            continue
        next_amount = amounts[index + 1] if index + 1 < len(amounts) else None
        previous_end = amounts[index - 1].end if index > 0 else 0
        around = Around(
            sentence=sentence,
            amount=amount,
            before=sentence[previous_end : amount.start],
            after=sentence[amount.end : next_amount.start if next_amount else len(sentence)],
            previous_end=previous_end,
            next_amount=next_amount,
            figures=figures,
            recent=recent,
        )
        if _is_no_figure(around):
            continue
        for rule in RULES:
            reading = rule.read(around)
            if reading is not None:
                figure = _finish(around, reading, rule.name)
                if figure is not None:
                    figures.append(figure)
                break
    return figures
