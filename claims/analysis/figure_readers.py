"""The readers of the construction table: each looks at the words around one amount.

A reader gets an `Around` (the sentence, the amount, the text before and after it, the
figures read so far and those of the sentences just before) and returns a `Reading` (the
measure, the figure's words, and the group, scope or place its construction states) or
None. `constructions.RULES` orders them and holds the sentences each must and must not read.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .facts import Scope, ScopeKind
from .measures import (
    ACTIVE_VERB_BEFORE_RE,
    ACTIVE_VERB_MEASURE,
    AMONG_BEFORE_RE,
    CARE_VERB_BEFORE_RE,
    CARED_FOR_AFTER_RE,
    FROM_BEFORE_RE,
    INCLUDING_BEFORE_RE,
    MEASURE_RE,
    NATIONALITY_PATTERN,
    SHARE_BEFORE_RE,
    SUBJECT_PATTERNS,
    Group,
    _measure_of,
    measure_after,
    measure_after_aside,
    measure_for_phrase,
    predicate_subject,
    share_by_place,
    subject_of,
    subject_right_after,
)
from .numbers import Amount, at_least


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
    amount: Amount | None = None  # the amount as the construction reads it, when not as written ("tops 150")


def part_of_whole(measure: str, place: str | None = None, group: str | None = None) -> Scope:
    return Scope(ScopeKind.PART_OF, measure, place, group)


OF_THEM = Scope(ScopeKind.OF_THEM)
INCLUDING = Scope(ScopeKind.INCLUDING)
SAME_GROUP = Scope(ScopeKind.SAME_GROUP)

# ---------------------------------------------------------------------------------------------
# Patterns the rules share.

_TOLL_VERBS = (
    r"risen|rose|rises|rise|rising|climbed|climbs|climb|climbing|jumped|jumps|jump|soared|soars|increased|"
    r"spiked|spikes|surged|surges|surging|leapt|leaped|"
    r"increases|reached|reaches|reach|reaching|exceeds?|exceeded|exceeding|tops?|topped|topping|surpass|"
    r"surpasses|surpassed|surpassing|stands|stood|standing|stand|hit|hits|hitting|pass|passes|passed|passing|"
    r"neared|nears|near|nearing|approached|approaches|approaching|grew|grown|grows|totall?ed|totals?|totall?ing|"
    r"is|was|are|were|now|of|at|numbers?|numbered|revised|revises|revise|lowered|raised|corrected|updated|fell|"
    r"falls|fall|falling|dropped|drops|drop|fallen|decreased|declined|holds|held|hold|holding|remains|remained|"
    r"stays|stayed|brings|brought|bringing|takes|took|taking|pushes|pushed|pushing|put|puts|pegged|pegs|"
    r"placed|places|gave|gives|given|down|crossed|crosses|crossing|above|beyond|been|doubled|doubles|doubling|"
    r"reported|recorded|estimated|touched|touches|touching|"
    r"tripled|triples|amounts\s+to|amounted\s+to|surged|surges|surging|swelled|swells|mounted|mounts|spiked|"
    r"increasing|(?:gone|went|goes|going)\s+up|(?:could|may|might|would)\s+be|"
    r"(?:is|was|are|were)\s+(?:now\s+)?(?:known|believed|thought|confirmed|declared|reported|said|estimated)\s+to\s+be|"
    # "passed the grim milestone of 1,000", "crossed the 1,000 mark"
    r"(?:passed|crossed|reached|topped|surpassed|hit|neared)\s+the\s+(?:[\w-]+\s+)?(?:milestone|mark|threshold)\s+of|"
    # "the toll could be in the hundreds": a vague amount's range, read by `read_toll_verb`
    r"(?:be|is|was|are|were|run|runs|running)\s+in\s+the"
)
# "the death toll has risen to 135", "the toll has climbed on Sunday to 151", "fell, from 41 to":
# a toll verb, an optional adverb or time, then the preposition before the amount.
TOLL_VERB_BEFORE_RE = re.compile(
    rf"\b(?P<verb>{_TOLL_VERBS})(?:\s+(?:down|up|downwards?|upwards?|sharply|further|again|unchanged|steady|stable|"
    r"only|just|still|officially|currently))?"
    # "rises by more than 100 to 337": the rise, then the toll
    r"(?:\s+by\s+(?:[a-z]+\s+){0,2}\d[\d,.]*)?"
    r"(?:\s+(?:on|by|late|early|overnight|earlier|yesterday|today)(?:\s+(?:on\s+)?(?!(?:from|to|at)\b)[A-Za-z]+){0,2}"
    r"|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"  # "rose sharply Friday from 90 to 170"
    # "revises toll from Libya floods to 3958": what the toll is of, not an earlier figure
    r"(?:\s+(?:from|in|for)\s+(?:the\s+)?(?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*(?=\s+to\s*$))?"
    r"(?P<earlier>,?\s+from(?:\s+[\d,. ]{1,12}?)?)?"
    r"(?:\s+(?:to|at|past|beyond|by))?"
    r"(?P<mark>\s+the)?\s*$",  # "approaching the 600 mark": `read_toll_verb` wants the mark after
    re.IGNORECASE,
)
MARK_AFTER_RE = re.compile(r"^[\s-]*(?:mark|milestone|threshold|level)\b", re.IGNORECASE)
# "toll tops 150", "exceeds 2,500", "passes 1,000": the verb says the count is at least that
PASSING_VERBS = {
    "exceeds", "exceed", "exceeded", "exceeding", "tops", "top", "topped", "topping", "surpass", "surpasses",
    "surpassed", "surpassing", "pass", "passes", "passed", "passing", "crossed", "crosses", "crossing", "above",
    "beyond",
}  # fmt: skip
WEAK_TOLL_VERBS = {"of", "at", "is", "was", "are", "were", "now", "number", "numbers"}
# Where a clause before the amount starts: the measure named before the toll verb must lie in it.
CLAUSE_START_RE = re.compile(r"[;:()]|, (?:and|but|while|whereas)\b|\bsaid\b|\bwhile\b", re.IGNORECASE)
# Nouns that stand for a count whose measure is said elsewhere: "the count had stood at 114",
# "the latest official figure for Syria is 5,914", "put the number at about 650".
CROWD_NOUN_RE = re.compile(
    r"\b(?:crowds?|turnout|attendance|protesters|demonstrators|marchers)\b", re.IGNORECASE
)
COUNT_NOUN_RE = re.compile(r"\b(?:count|tally|figures?|numbers?|totals?|estimates?)\b", re.IGNORECASE)
# "put the toll in Turkey at 20 213", "pegged the death toll at 5,500", "put the number at about 650",
# "brings the toll across both countries to 7,900", "revised the toll down to 275": a verb, the toll
# as its object, then the preposition before the amount.
VERB_TOLL_PREPOSITION_RE = re.compile(
    r"\b(?:(?:put|puts|putting|pegged|pegs|pegging|placed|places|placing|set|sets|gave|gives|given|"
    r"estimated?|estimates|estimating)\s+"
    r"(?P<noun_at>(?:the|its|their|a|an)\s+[^,;:()]{1,120}?)\s+at(?:\s+(?:just|only|a mere|about|around))?"
    r"|(?:brings?|brought|bringing|takes?|took|taking|push(?:es|ed|ing)?|sends?|sent|sending|lifts?|lifting|"
    r"raise|raised|raises|raising|increas(?:es|ed|ing))\s+"
    # "take Sindh heatwave toll to 1,242": headlines drop the article before a toll named by its place
    r"(?P<noun_to>(?:(?:the|its|their)\s+|(?=(?:[A-Z][\w'’-]*\s+){0,3}(?:[a-z]+\s+)?(?:death\s+)?toll\b))[^,;:()]{1,80}?)\s+"
    r"(?:up\s+)?(?P<preposition>to|past|above|beyond|over|from)"
    r"|(?:revised|revises|revise|revising|lowered|lowers|lowering|lower|raised|raises|raising|corrected|corrects|"
    r"cut|cuts|updated|updates|adjusted|adjusts|reduced|reduces|reduce|reducing)\s+"
    # headlines drop the article: "UN revises toll from Libya floods to 3958"
    r"(?P<noun_revised>(?:(?:the|its|their)\s+)?[^,;:()]{1,80}?)\s+(?:(?:down|up|downwards?|upwards?)\s+)?to"
    # "reported an increase in the death toll to 92"
    r"|\b(?:increase|rise|jump|drop|fall|reduction|revision)\s+in\s+(?P<noun_in>(?:the\s+)?[^,;:()]{1,60}?)\s+to)\s*$",
    re.IGNORECASE,
)
# "three injured passengers died", "two more wounded soldiers have died": the injured who died.
INJURED_WHO_DIED_RE = re.compile(
    r"^\s+(?:more\s+|other\s+|of\s+the\s+)?(?:injured|wounded|hurt)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:have\s+|has\s+|had\s+|later\s+|subsequently\s+|so\s+far\s+|since\s+)*(?:died|die|dies|succumbed)\b",
    re.IGNORECASE,
)
# "160 people injured in the blast have been admitted", "Nine people who had been shot in the attack
# remained in hospital", "four people injured in the fire had died": the clause's own verb says the measure,
# the participle before it only who the people are.
INJURED_THEN_PREDICATE_RE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:who\s+(?:had\s+been|have\s+been|were|was)\s+)?(?:injured|wounded|hurt|shot|burned|burnt|suffering|missing)\s+"
    r"(?:(?:people|persons|individuals|passengers|patients|victims|survivors|residents|workers|children|pilgrims|"
    r"miners|fans|students)\s+)?"
    r"(?:(?:in|at|on|during|by|from|when|after|since)\s+[^,;:()]{1,60}?(?:\s+|(?=,\s+including\s)))?"
    # "80 people injured in the attack, including six children, remained in hospital"
    r"(?:,\s+including\s+[^,;:()]{1,40}?,\s+)?"
    r"(?P<predicate>(?:(?:had|have|has)\s+)?(?:since\s+|later\s+|subsequently\s+)?(?:died|succumb(?:ed|s)?)|"
    # "All six workers missing after the bridge collapsed are presumed dead"
    r"(?:are|were|is|was)\s+(?:now\s+)?presumed\s+dead|"
    # "74 injured persons are receiving treatment": in hospital, as "receiving treatment" reads elsewhere
    r"(?:are|were|is|was)\s+(?:still\s+|currently\s+|now\s+)?(?:receiving|undergoing)\s+(?:medical\s+|hospital\s+)?treatment|"
    # "six people wounded in the shooting are 'critically ill'"
    r"(?:are|were|is|was|remain|remains|remained)\s+(?:still\s+)?[\"“']?critically\s+ill|"
    r"(?:have|has|had)\s+been\s+(?:admitted|hospitali[sz]ed|taken\s+to\s+(?:a\s+|the\s+)?hospital)|"
    r"(?:were|was|are|is)\s+(?:still\s+)?(?:in\s+(?:the\s+)?hospital|hospitali[sz]ed|admitted)|"
    r"(?:still\s+)?remain(?:ed|s)?\s+(?:in\s+(?:the\s+)?hospitals?|hospitali[sz]ed)|"
    r"(?<=injured )hospitali[sz]ed|"  # "39 dead, 53 injured hospitalized and 42 less injured treated"
    # "Nearly 100 injured have been discharged": some of the injured, sent home
    r"(?:have|has|had)\s+(?:since\s+)?been\s+discharged|(?:were|was)\s+discharged)\b",
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
    # "in Derna alone", "89 lay dead in Hathras itself", "in other areas", "in three government hospitals"
    r"^\s+(?:[\w-]+\s+){0,4}?(?:in|at)\s+(?P<place>(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:alone|itself)|"
    r"other\s+(?:[\w-]+\s+){0,2}?(?:areas|regions|provinces|districts|towns|villages|cities|parts)|"
    r"(?:two|three|four|five|six|several|various|\d+)\s+(?:[\w-]+\s+)?hospitals)\b"
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
    "journalists": Group.JOURNALISTS, "women": Group.WOMEN, "men": Group.MEN,
}  # fmt: skip
# "Dozens of protesters, 12 police dead", "Five soldiers and 20 civilians were killed": a list of
# groups before one measure shares it.
LISTED_GROUP_AFTER_RE = re.compile(
    rf"^(?P<noun>\s+(?:of\s+)?(?:[\w-]+\s+)?(?:{'|'.join(SUBJECT_PATTERNS.values())}))\s*(?:,|and)\s*$",
    re.IGNORECASE,
)
# The list must start its clause: "There were 1,000 police and 300 protesters were arrested" is no list.
LIST_START_RE = re.compile(
    r"(?:^|[,;:—–-]|\bat least|\bsome|\babout|\bbut|\band|\bso|\ball|\bwith|\bleft|\bleaving|\bsaw)\s*$",
    re.IGNORECASE,
)
# A bare amount restating a figure just given: "told reporters that 97 should be treated as a minimum".
BARE_AMOUNT_AFTER_RE = re.compile(
    r"^\s+(?:should|could|would|will|must|may|might|is|was|remains|remained|stands)\b", re.IGNORECASE
)
BARE_AMOUNT_BEFORE_RE = re.compile(r"(?:\bthat|\bthe|^|[,;:])\s*[“\"‘']?$", re.IGNORECASE)


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
        "killed", _text_start(amount), amount.end + match.end(), match.end(), scope=part_of_whole("killed")
    )


def read_injured_then_predicate(around: Around) -> Reading | None:
    """'160 people injured in the blast have been admitted': the verb of the clause, not its participle."""
    # "80 injured, including six children, remained in hospital": the aside's amount ends `after`
    rest = around.sentence[around.amount.end :] if ", including " in around.after else around.after
    match = INJURED_THEN_PREDICATE_RE.match(rest)
    if not match:
        return None
    predicate = match.group("predicate").lower()
    if "presumed dead" in predicate:  # the missing now counted among the dead: the toll itself
        amount = around.amount
        return Reading("killed", _text_start(amount), amount.end + match.end(), match.end())
    if "discharged" in predicate:
        amount = around.amount
        return Reading(
            "injured",
            _text_start(amount),
            amount.end + match.end(),
            match.end(),
            scope=part_of_whole("injured"),
        )
    died = "died" in predicate or "succumb" in predicate
    measure = "killed" if died else "critical" if "critical" in predicate else "hospitalized"
    amount = around.amount
    # the injured who died since are a part of the toll; the critically ill a part of the injured
    scope = part_of_whole("killed") if died else part_of_whole("injured") if measure == "critical" else None
    return Reading(measure, _text_start(amount), amount.end + match.end(), match.end(), scope=scope)


def read_injured_now_critical(around: Around) -> Reading | None:
    """'four injured persons are in a critical condition': critical, a part of the injured."""
    match = INJURED_NOW_CRITICAL_RE.match(around.after)
    if not match:
        return None
    amount = around.amount
    return Reading(
        "critical", _text_start(amount), amount.end + match.end(), match.end(), scope=part_of_whole("injured")
    )


# "eight people who were relatives of the deceased": the measure is their kin's, not theirs.
KIN_OF_BEFORE_RE = re.compile(
    r"\b(?:relatives|families|family\s+members|parents|kin|friends|loved\s+ones|mourners|widows|orphans)\s+of\s+"
    r"(?:the\s+|those\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "Seventeen children were among at least 125 people killed": the whole follows, named with its measure.
AMONG_WHOLE_AFTER_RE = re.compile(
    # "There were 35 children among the 131 dead", "12 foreigners among 50 dead" (headlines drop the verb)
    r"^(?:\s+[\w-]+){0,3}?\s+(?:(?:were|are|was|is)\s+)?among\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def read_among_whole_after(around: Around) -> Reading | None:
    """'Seventeen children were among at least 125 people killed': a part of the count that follows."""
    following = around.next_amount
    if following is None or not AMONG_WHOLE_AFTER_RE.match(around.after):
        return None
    measure, scope_measure, measure_end, _ = measure_after(
        around.sentence[following.end : following.end + 80]
    )
    if measure in (None, "unharmed", "other") or scope_measure is not None:
        return None
    end = around.amount.end + len(around.after.rstrip())
    noun = subject_of(around.after)
    return Reading(measure, _text_start(around.amount), end, 0, noun, part_of_whole(measure))


# "arson killed more than 370 people trapped in a cinema": the verb before says what happened to them; a
# state after the noun ("trapped", "in hospital") only says where they were.
HARM_VERB_JUST_BEFORE_RE = re.compile(
    r"\b(?:killed|killing|kills|injured|injuring|injures|wounded|wounding|murdered|murdering|massacred|"
    r"claimed the lives of)\s*$",
    re.IGNORECASE,
)
STATE_MEASURES_AFTER_NOUN = {"missing", "hospitalized", "critical", "displaced"}


# "six of the workers killed in the collapse had been identified", "two of the people who died", "six of
# the coordinators being held in custody": the noun with its participle is the whole, the amount a part
# of it ("six of the workers died" is a count).
PART_OF_NAMED_WHOLE_AFTER_RE = re.compile(
    r"^\s+of\s+(?:the|those)\s+(?:[a-z-]+\s+){0,2}?(?:(?:who|that)\s+(?:were\s+|had\s+|have\s+|died\b)|being\s+|"
    r"(?=(?:killed|dead|injured|wounded|hurt|missing|arrested|detained|held)\b))"
)


SUSPECTS_AFTER_RE = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:suspects?|attackers?|assailants?|gunm[ae]n|perpetrators?|culprits?|accused)\b",
    re.IGNORECASE,
)


def read_measure_after(around: Around) -> Reading | None:
    """'40 people were killed', 'Fifteen of the injured were in critical condition'."""
    amount, after = around.amount, around.after
    measure, scope_measure, measure_end, scope_end = measure_after(after)
    if measure in STATE_MEASURES_AFTER_NOUN and HARM_VERB_JUST_BEFORE_RE.search(around.before[-30:]):
        return None  # the active verb's rule reads it
    subject = None
    if measure is None and scope_measure is not None:
        measure, measure_end = scope_measure, scope_end  # "eight officers were among the injured"
        subject = predicate_subject(around.sentence[amount.end + scope_end :])
    if measure is None:
        return None
    if KIN_OF_BEFORE_RE.search(after[:measure_end].rsplit(" ", 1)[0] + " "):
        return None  # "detained eight people who were relatives of the deceased"
    if measure == "killed" and "identified" in after[:measure_end] and SUSPECTS_AFTER_RE.match(after):
        return None  # "three suspects have been identified": the attackers, not the dead
    scope = part_of_whole(scope_measure) if scope_measure is not None else None
    if scope is None and PART_OF_NAMED_WHOLE_AFTER_RE.match(after):
        scope = part_of_whole(measure)
    if measure == "killed" and scope_measure in ("injured", "hospitalized", "critical"):
        # "two more of the wounded died": deaths among the injured, a part of the toll (as injured_who_died)
        scope = part_of_whole("killed")
    return Reading(measure, _text_start(amount), amount.end + measure_end, measure_end, subject, scope)


# "121 people - 113 women, seven children and a man - were killed": the items between the dashes count
# what the whole before them counts, each a part of it.
DASH_OPENED_BEFORE_RE = re.compile(r"^[^–—;()]*?\s(?:--|[-–—])\s+(?:[^–—;()]*?)$")
DASH_CLOSED_AFTER_RE = re.compile(r"[^–—;()]{0,80}?\s(?:--|[-–—])\s+")
# "... -- 68 passengers and 4 crew members on board.": a dashed list may run to the sentence's end.
LIST_RUNS_TO_END_RE = re.compile(r"[^–—;(),]{0,60}?(?:[.!?]['\"”’]?\s*)?$")


def read_aside_item(around: Around) -> Reading | None:
    """'121 people - 113 women, seven children and a man - were killed': 113 and seven are parts."""
    # the whole is the last figure before the dash: "killing all 72 people -- 68 passengers and 4 crew"
    wholes = [figure for figure in around.figures if figure.scope is None]
    whole = wholes[-1] if wholes else None
    if whole is None or not all(
        figure is whole or figure.rule == "aside_item" for figure in around.figures[-2:]
    ):
        return None
    opened = around.sentence[whole.amount.end : around.amount.start]
    if (
        not DASH_OPENED_BEFORE_RE.match(opened)
        or opened.count(" - ") + opened.count(" -- ") + opened.count("–") + opened.count("—") != 1
    ):
        return None
    closing = DASH_CLOSED_AFTER_RE.match(around.sentence, around.amount.end)
    if not closing and (
        whole.rule == "aside" or not LIST_RUNS_TO_END_RE.match(around.sentence, around.amount.end)
    ):
        return None
    amount = around.amount
    noun = subject_right_after(around.after)
    if noun is None and whole.rule != "aside":
        return None  # "wounded 25 others - 10 seriously -": a manner, read by `of_them_manner`
    return Reading(
        whole.measure, _text_start(amount), amount.end, subject=noun, scope=part_of_whole(whole.measure)
    )


def read_aside(around: Around) -> Reading | None:
    """'Six people, including two children, died': the measure after the aside."""
    measure, noun, noun_end, died_where = measure_after_aside(around.sentence, around.amount)
    if measure is None:
        return None
    amount = around.amount
    scope = part_of_whole("killed") if died_where else None
    return Reading(measure, _text_start(amount), amount.end + noun_end, 0, subject_of(noun), scope)


HOSPITAL_BEFORE_CARE_RE = re.compile(
    r"\b(?:hospitals?|clinics?|medical (?:centres?|centers?)|wards?)\b[^;]*$", re.IGNORECASE
)  # "Hospitals in the region were treating 64"
HOSPITAL_AFTER_CARE_RE = re.compile(
    r"\s+(?:in|at)\s+(?:\w+\s+){0,2}?(?:hospitals?|clinics?|wards?)\b", re.IGNORECASE
)  # "treating 40 patients in the city hospital"


def read_care_verb(around: Around) -> Reading | None:
    """'hospitals admitted 1,500 patients', 'medics treated 300 people' (people after the number)."""
    tail = around.before[-40:]
    care = CARE_VERB_BEFORE_RE.search(tail)
    cared_for = CARED_FOR_AFTER_RE.match(around.after)
    if not (care and cared_for):
        return None
    verb = care.group("verb").lower()
    # "Hospitals in the region were treating 64 people": in hospital now. "Hospitals have treated 80,000
    # people" over a week counts everyone seen, most sent home: the hurt, not a hospital count.
    in_hospital = verb == "treating" and (
        HOSPITAL_BEFORE_CARE_RE.search(around.before[-80:])
        or HOSPITAL_AFTER_CARE_RE.match(around.after, cared_for.end())
    )
    measure = "injured" if verb.startswith("treat") and not in_hospital else "hospitalized"
    amount = around.amount
    start = min(_text_start(amount), amount.start - len(tail) + care.start())
    return Reading(measure, start, amount.end + cared_for.end())


# "searching for 41 people", "the search for 12 climbers", "the burial of the 107 victims", "recovered the
# bodies of the 11 climbers": a verb or noun before the amount that says what happened to the people
# after it ("a mound of earth caved in, burying 23 miners" traps them: no "burying").
PEOPLE_SOUGHT_OR_MOURNED_BEFORE_RE = re.compile(
    r"\b(?:(?P<missing>search(?:ing|es|ed)?\s+for|look(?:ing|s|ed)?\s+for|hunt(?:ing)?\s+for)|"
    r"(?P<killed>burials?\s+of|funerals?\s+(?:of|for)|bur(?:ied|y)|bodies\s+of|remains\s+of|mourn(?:ing|ed|s)?))"
    r"\s+(?:the\s+)?(?:remaining\s+|missing\s+|other\s+|last\s+)?$",
    re.IGNORECASE,
)
FOUND_RE = re.compile(r"\b(?:found|rescued|recovered|retrieved|located|pulled)\b", re.IGNORECASE)
# "He lost nearly 50 family members": one family's dead, a part of the toll.
KIN_LOST_BEFORE_RE = re.compile(r"\b(?:lost|losing|loses|lose)\s+(?:all\s+|some\s+)?$", re.IGNORECASE)
KIN_AFTER_RE = re.compile(
    r"\s+(?:of\s+(?:his|her|their|its)\s+)?(?:family\s+members|relatives|kin|loved\s+ones|children|sons|daughters|"
    r"grandchildren|people|members\s+of\s+(?:his|her|their)\s+(?:(?:extended|immediate)\s+)?(?:family|families|household|clan))\b",
    re.IGNORECASE,
)


def read_people_sought_or_lost(around: Around) -> Reading | None:
    """'searching for 41 people' (missing), 'the burial of the 107 victims', 'lost 50 relatives' (killed)."""
    tail = around.before[-40:]
    amount = around.amount
    kin = KIN_AFTER_RE.match(around.after) if KIN_LOST_BEFORE_RE.search(tail) else None
    if kin:
        return Reading("killed", _text_start(amount), amount.end + kin.end(), scope=part_of_whole("killed"))
    verb = PEOPLE_SOUGHT_OR_MOURNED_BEFORE_RE.search(tail)
    if not verb:
        return None
    group = subject_right_after(around.after)
    if group is None or group == Group.ATTACKERS:
        return None  # "searching for 3 suspects", "the hunt for two gunmen": not the victims
    start = min(_text_start(amount), amount.start - len(tail) + verb.start())
    if not verb.group("missing"):
        # "the mass burial of the 31 unclaimed victims": those buried or mourned that day, a part of the toll
        return Reading("killed", start, amount.end, subject=group, scope=part_of_whole("killed"))
    # "One dead, one survivor found in hunt for 40 migrants": with some found, the search's number is the
    # count it started from, not the missing now.
    some_found = bool(around.figures) or bool(FOUND_RE.search(around.sentence))
    return Reading("missing", start, amount.end, subject=group, is_earlier=some_found)


# "bringing to 64 the confirmed number of victims", "taking to 35 the number of minors known to have died
# and to 25 the number of children under 12": the count first, the toll it is named after.
BRINGING_TO_BEFORE_RE = re.compile(
    r"(?:\b(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|rais(?:es|ed|ing)|push(?:es|ed|ing)|lift(?:s|ed|ing))\s+"
    r"|(?P<continued>\band\s+))to\s*$",
    re.IGNORECASE,
)
TOLL_NAMED_AFTER_RE = re.compile(
    r"\s+the\s+(?:(?:confirmed|official|total|overall|latest|known|provisional)\s+)?"
    r"(?:number|toll|tally|count|total)\s+of\s+(?P<noun>[^,;:()]{1,60})",
    re.IGNORECASE,
)
TOLL_NOUN_IS_DEAD_RE = re.compile(r"(?:victims|dead|deaths|fatalities|bodies)\b", re.IGNORECASE)


def read_toll_named_after(around: Around) -> Reading | None:
    """'bringing to 64 the confirmed number of victims': the amount before the toll it gives."""
    bringing = BRINGING_TO_BEFORE_RE.search(around.before[-30:])
    named = TOLL_NAMED_AFTER_RE.match(around.after) if bringing else None
    if not named:
        return None
    noun = named.group("noun")
    measures = list(MEASURE_RE.finditer(noun))
    if measures:
        measure = _measure_of(measures[0])
    elif TOLL_NOUN_IS_DEAD_RE.match(noun):
        measure = "killed"
    elif bringing.group("continued") and around.figures:
        measure = around.figures[-1].measure  # "... and to 25 the number of children under 12"
    else:
        return None
    if measure in ("unharmed", "other"):
        return None
    amount = around.amount
    # the second count of a list ("and to 25 the number of children under 12") is a category of its own
    scope = part_of_whole(measure) if bringing.group("continued") else None
    return Reading(
        measure, _text_start(amount), amount.end + named.end(), subject=subject_of(noun), scope=scope
    )


def read_among_before(around: Around) -> Reading | None:
    """'Among the dead were 8 foreign nationals', 'The dead included 12 children'."""
    among = AMONG_BEFORE_RE.search(around.before[-80:])
    if not among:
        return None
    scope_word = among.group("scope").lower().removeprefix("confirmed").strip()
    measure = "killed" if scope_word in ("victims", "deceased", "dead") else measure_for_phrase(scope_word)
    return Reading(measure, _text_start(around.amount), around.amount.end, scope=part_of_whole(measure))


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
    if around.amount.text[:11].lower() == "as high as ":
        lookback += "at"  # "put the figure as high as 174": the amount's qualifier stands for "at"
    put = VERB_TOLL_PREPOSITION_RE.search(lookback)
    if not put:
        return None
    noun = put.group("noun_at") or put.group("noun_to") or put.group("noun_revised") or put.group("noun_in")
    measures = list(MEASURE_RE.finditer(noun))
    if measures:
        measure = _measure_of(measures[-1])
    elif CROWD_NOUN_RE.search(noun):
        measure = "participants"  # "police put the crowd at 40,000"
    elif COUNT_NOUN_RE.search(noun) or noun.strip().lower() in ("it", "them"):
        # "the figure", "the count"; "forensic experts later revised it to 84": the measure said before
        measure = _measure_named_elsewhere(around, around.lookback_start + put.start())
    else:
        return None
    if measure is None or measure == "unharmed":
        return None
    # "pushing the toll from 114 to 143": the amount after "from" is the earlier state.
    is_earlier = (put.group("preposition") or "").lower() == "from"
    return Reading(measure, around.lookback_start + put.start(), around.amount.end, is_earlier=is_earlier)


# Phrases that only set the circumstances of a toll: "the death toll [as of 1930 GMT on Wednesday] was
# 274", "the toll [in Wednesday's earthquake in central Italy] is 278".
CIRCUMSTANCE_START_RE = re.compile(
    r"^\s*(?:as\s+of|as\s+at|in|on|at|from|after|of|for|since|by|between|across)\b", re.IGNORECASE
)
CIRCUMSTANCE_BREAK_RE = re.compile(
    r"[,;:()]|\b(?:said|says|told|and|but|which|who|that|when)\b", re.IGNORECASE
)
MAX_CIRCUMSTANCE_WORDS = 14
# "death toll 301", "Death toll: Officially 151"
HEADLINE_TOLL_RE = re.compile(
    r"\b(?:death\s+)?toll\s*(?:[:–-]|\s+up\s+to)?\s*(?:(?:officially|now|so\s+far|reportedly)\s+)?$",
    re.IGNORECASE,
)


def _only_circumstances(gap: str) -> bool:
    """True when the words between a toll and its verb are only time and place phrases."""
    return (
        bool(CIRCUMSTANCE_START_RE.match(gap))
        and len(gap.split()) <= MAX_CIRCUMSTANCE_WORDS
        and not CIRCUMSTANCE_BREAK_RE.search(gap)
    )


def read_toll_verb(around: Around) -> Reading | None:
    """'the death toll has risen to 135', 'Quake toll nears 8000', 'revised the toll down to 275'."""
    lookback = around.lookback
    toll_verb = TOLL_VERB_BEFORE_RE.search(lookback)
    if toll_verb and toll_verb.group("mark") and not MARK_AFTER_RE.match(around.after):
        toll_verb = None
    if not toll_verb:
        headline_toll = HEADLINE_TOLL_RE.search(lookback)  # "Turkey mine rescue ends; death toll 301"
        if headline_toll:
            return Reading("killed", around.lookback_start + headline_toll.start(), around.amount.end)
        return None
    clause, clause_start = _clause_before(lookback[: toll_verb.start()])
    measures = list(MEASURE_RE.finditer(clause))
    if not measures:
        return _count_of_the_dead_named_after(around, clause, clause_start)
    casualties = [match for match in measures if _measure_of(match) != "participants"]
    if casualties and casualties[-1] is not measures[-1]:
        # "The toll of pilgrims who died taking part in the Hajj has risen to 672": what the people were
        # doing when they died says who they were, not what is counted.
        measures = casualties
    measure = _measure_of(measures[-1])
    measure_start = clause_start + measures[-1].start()
    scope = None
    if (
        measure == "hospitalized"
        and len(measures) > 1
        and _measure_of(measures[-2]) == "killed"
        and not clause[measures[-2].end() : measures[-1].start()].strip()
    ):
        # "The number of people who have died in hospital has increased to five": a share of the toll
        measure, scope = "killed", part_of_whole("killed")
    gap = lookback[measures[-1].end() + clause_start : toll_verb.start()]
    close = len(lookback[measure_start : toll_verb.start()].split()) <= 3
    if not close and toll_verb.group("verb").lower() in WEAK_TOLL_VERBS and not _only_circumstances(gap):
        return None  # "a family of three": "of" far from any measure
    if measure == "unharmed" or len(clause.split()) > 24:
        return None
    start = around.lookback_start + (min(measure_start, toll_verb.start()) if close else toll_verb.start())
    # "fell, from 41 to 31": the amount right after "from" is the earlier state.
    is_earlier = bool(toll_verb.group("earlier")) and lookback.rstrip().lower().endswith("from")
    amount = around.amount
    if (
        amount.qualifier is None
        and toll_verb.group("verb").lower() in PASSING_VERBS
        and lookback.rstrip()[-2:] != "to"
    ):
        amount = at_least(amount)  # "death toll exceeds 2,500": 2,500 or more, not exactly 2,500
    return Reading(measure, start, amount.end, scope=scope, is_earlier=is_earlier, amount=amount)


COUNT_NOUN_RE = re.compile(r"\b(?:count|tally|toll|number|figure|total)\b", re.IGNORECASE)


def _count_of_the_dead_named_after(around: Around, clause: str, clause_start: int) -> Reading | None:
    """ "the final count stands at 57 victims": a count noun before the verb, the dead after the amount."""
    dead = TOLL_NOUN_IS_DEAD_RE.match(around.after.lstrip())
    count = COUNT_NOUN_RE.search(clause)
    if not (dead and count):
        return None
    return Reading("killed", around.lookback_start + clause_start + count.start(), around.amount.end)


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
    r"\b(?P<noun>count|tally|figures?|numbers?)\b(?:\s+(?:for|in|across)(?:\s+[\w-]+){1,3}?)?"
    # "the total number of victims was 600"
    r"(?:\s+of\s+(?:the\s+)?(?:victims|dead|deaths|fatalities|injured|wounded|missing))?\s+"
    # "a figure that was 246 the previous evening"
    r"(?:(?:which|that)\s+)?(?:had\s+|has\s+|have\s+|could\s+|may\s+|might\s+)?(?:been|be|stood|stands|stand|is|was|were|are|remained|remains|rose|risen|fell|"
    r"reached|climbed)(?:\s+(?:at|to))?\s*$",
    re.IGNORECASE,
)


# "from the initial tally of 27", "an earlier count of 65": a count named by its noun, then "of"
COUNT_OF_BEFORE_RE = re.compile(
    r"\b(?:initial|earlier|previous|first|original|official|provisional|latest)\s+(?:death\s+)?"
    r"(?P<noun>count|tally|figure|toll|total)\s+of\s*$",
    re.IGNORECASE,
)


def read_count_noun(around: Around) -> Reading | None:
    """'the count had stood at 114', 'The latest official figure for Syria is 5,914'."""
    lookback = around.lookback[-80:]
    match = COUNT_NOUN_VERB_RE.search(lookback) or COUNT_OF_BEFORE_RE.search(lookback)
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
LIVES_AFTER_RE = re.compile(
    # "claimed hundreds of lives"
    r"^\s+(?:of\s+)?(?:more\s+|other\s+|human\s+|young\s+|innocent\s+|precious\s+)?lives\b",
    re.IGNORECASE,
)


def read_lives_claimed(around: Around) -> Reading | None:
    """'claiming at least 40 lives', 'the storm cost 12 lives'."""
    claim = CLAIM_VERB_BEFORE_RE.search(around.before[-30:])
    lives = LIVES_AFTER_RE.match(around.after)
    if not (claim and lives):
        return None
    start = around.amount.start - len(around.before[-30:]) + claim.start()
    return Reading("killed", start, around.amount.end + lives.end())


CONJOINED_AFTER_VERB_RE = re.compile(
    rf"^\s+(?:[\w-]+\s+)?(?:{'|'.join(SUBJECT_PATTERNS.values())}|{NATIONALITY_PATTERN})\s*,?\s+and\s*$",
    re.IGNORECASE,
)


def read_conjoined_object(around: Around) -> Reading | None:
    """'The blast killed 9 soldiers and four civilians': the second object of the same verb."""
    previous = around.last_figure
    if previous is None or previous.rule != "active_verb" or not CONJOINED_AFTER_VERB_RE.match(around.before):
        return None
    if MEASURE_RE.match(around.after.lstrip()):
        return None  # "killed 9 soldiers and 4 injured ..." names its own measure
    return Reading(previous.measure, _text_start(around.amount), around.amount.end)


IDENTIFIED_AFTER_RE = re.compile(
    r"\b(?:have|has|had|were|was)\s+(?:(?:now|so\s+far|tentatively|already|since)\s+)?(?:been\s+)?"
    r"(?:(?:now|so\s+far|tentatively|already)\s+)?(?:identified|handed\s+over|released\s+to|returned\s+to)\b",
    re.IGNORECASE,
)
PARTITIVE_AFTER_RE = re.compile(r"^\s+of\s+(?:the\s+|those\s+)?$", re.IGNORECASE)


def read_partitive(around: Around) -> Reading | None:
    """'Forty-one of the 78 people on board died': the part is the figure, the total is not."""
    following = around.next_amount
    if following is None or not PARTITIVE_AFTER_RE.match(around.after):
        return None
    tail = around.sentence[following.end : following.end + 80]
    whole_named = MEASURE_RE.match(tail.lstrip())
    if whole_named:
        if IDENTIFIED_AFTER_RE.search(around.sentence, following.end, following.end + 160):
            # "Only 39 of the 128 dead had been identified": the dead named so far, a part of the toll
            # (the part's words end at its own amount: the whole is the toll, a figure of its own)
            measure = _measure_of(whole_named)
            return Reading(
                measure, _text_start(around.amount), around.amount.end, scope=part_of_whole(measure)
            )
        return None  # "Fifteen of the 30 injured were ...": the whole names its own measure
    measure, scope_measure, measure_end, _ = measure_after(tail)
    if measure is None or scope_measure is not None:
        return None
    if IDENTIFIED_AFTER_RE.search(around.sentence, following.end, following.end + 160):
        # "174 of the 179 people killed have been identified": the dead named so far, a part of the toll
        return Reading(measure, _text_start(around.amount), around.amount.end, scope=part_of_whole(measure))
    return Reading(measure, _text_start(around.amount), following.end + measure_end)


# "Of the deaths, 17,388 were in the north", "Among the injured, 40 were children": the whole named
# first, then its parts (the part's own words need name no measure).
FRONTED_WHOLE_RE = re.compile(
    r"^(?:Of|Among)\s+(?:the|those|these)\s+(?:[\w-]+\s+)?(?P<whole>[\w-]+(?:\s+[\w-]+)?)\s*,\s*"
    r"(?:(?:about|around|some|nearly|almost|at\s+least|more\s+than|over|roughly)\s+)?$",
    re.IGNORECASE,
)


def read_fronted_whole(around: Around) -> Reading | None:
    """'Of the deaths, 17,388 were in the north': a part of the whole the sentence opens with
    ("Of the 72 deaths, 39 were in Wajima": the whole may have its own count)."""
    fronted = FRONTED_WHOLE_RE.match(around.sentence[: around.amount.start])
    if not fronted or any(figure.end > fronted.end() for figure in around.figures):
        return None
    whole = MEASURE_RE.fullmatch(fronted.group("whole"))
    if not whole:
        return None
    whole_measure = _measure_of(whole)
    if whole_measure in ("unharmed", "other"):
        return None
    # "Of the injured, about 40 were still in hospital": the part names its own measure.
    own_measure, _, own_end, _ = measure_after(around.after)
    measure = own_measure if own_measure not in (None, "unharmed", "other") else whole_measure
    end = around.amount.end + (own_end if measure == own_measure else 0)
    # "Of the 230 dead, nearly 100 died on the first night": a part of that counted whole
    scope = INCLUDING if around.figures else part_of_whole(whole_measure)
    return Reading(measure, fronted.start("whole"), end, scope=scope)


TRAPPED_BEFORE_RE = re.compile(r"\b(?:trapped|trapping|traps)\s*$", re.IGNORECASE)
PEOPLE_UNDERGROUND_AFTER_RE = re.compile(
    # "Blast traps 11 at colliery": a headline's bare count of the trapped, then where they are.
    r"^(?:\s+(?:[\w-]+\s+)?(?:miners|workers|people|passengers|residents|climbers|children|pupils|villagers)|"
    r"(?=\s+(?:at|in|inside|under|underground|below)\s))"
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


CRITICALLY_AFTER_RE = re.compile(r"^\s+(?:critically|seriously|gravely|severely)\b", re.IGNORECASE)


def read_including(around: Around) -> Reading | None:
    """'killed 12, including three children': the measure of the figure before."""
    if not (around.figures and INCLUDING_BEFORE_RE.search(around.before[-40:])):
        return None
    whole = around.figures[-1]
    manner = CRITICALLY_AFTER_RE.match(around.after)
    if manner and whole.measure == "injured":  # "more than 1,400 injured, including 48 critically"
        return Reading(
            "critical", _text_start(around.amount), around.amount.end + manner.end(), scope=INCLUDING
        )
    # "of whom 108 were women": the group the predicate names
    return Reading(
        whole.measure,
        _text_start(around.amount),
        around.amount.end,
        subject=predicate_subject(around.after),
        scope=INCLUDING,
    )


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


# "Two hundred people were injured, 80 of them seriously", "eight attackers died, seven of them by
# detonating suicide belts": "of them" with a manner, not a measure of its own.
OF_THEM_MANNER_AFTER_RE = re.compile(
    r"^\s+of\s+(?:them|whom)\s*,?\s+(?P<manner>seriously|critically|badly|severely|gravely|by|in|from|with|while|when|"
    r"after|during|through)\b",
    re.IGNORECASE,
)


# "2,059 were injured - 1,404 critically", "wounded 25 others (10 seriously)": the worst hurt in an aside
MANNER_ASIDE_BEFORE_RE = re.compile(r"^\s*(?:(?:others|people|persons|more)\s*)?[-–—(,]\s*$", re.IGNORECASE)
MANNER_ASIDE_AFTER_RE = re.compile(
    r"^\s+(?P<manner>seriously|critically|badly|severely|gravely)\b"
    r"(?=\s*(?:[-–—),;.]|$)|\s+(?:when|after|as|in|at|on|during)\b)",
    re.IGNORECASE,
)


def read_of_them_manner(around: Around) -> Reading | None:
    """'200 were injured, 80 of them seriously': a part of the figure just before, in the same measure."""
    match = OF_THEM_MANNER_AFTER_RE.match(around.after)
    previous = around.last_figure
    if (
        match is None
        and previous is not None
        and previous.measure == "injured"
        and previous.amount.end == around.previous_end
        and MANNER_ASIDE_BEFORE_RE.match(around.sentence[previous.end : around.amount.start])
    ):
        match = MANNER_ASIDE_AFTER_RE.match(around.after)  # "2,059 were injured - 1,404 critically"
    if not match or previous is None or MEASURE_RE.match(around.after, match.end()):
        return None
    if MEASURE_RE.search(around.after[match.end() : match.end() + 40]):
        return None  # "two of them in hospital": the words after say their own measure
    measure = "critical" if match.group("manner").lower() == "critically" else previous.measure
    amount = around.amount
    return Reading(measure, _text_start(amount), amount.end + match.end(), scope=OF_THEM)


# "(official tally 167)": the other source's count, in brackets after a figure.
BRACKETED_TALLY_BEFORE_RE = re.compile(
    r"\(\s*(?:the\s+)?(?:official|confirmed|government|provisional|police)?\s*(?:tally|toll|count|figure)\s*:?\s*$",
    re.IGNORECASE,
)


def read_bracketed_tally(around: Around) -> Reading | None:
    """'put the toll at 249 (official tally 167)': the bracket gives the figure's measure a second count."""
    previous = around.last_figure
    if previous is None or not BRACKETED_TALLY_BEFORE_RE.search(around.before[-40:]):
        return None
    return Reading(previous.measure, _text_start(around.amount), around.amount.end)


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
        scope=part_of_whole(previous.measure),
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
        measure, scope = (
            scope_measure,
            part_of_whole(scope_measure),
        )  # "40 children and 45 women were among the dead"
    elif scope_measure is not None:
        return None
    if measure is None or measure == "unharmed":
        return None
    amount = around.amount
    return Reading(measure, _text_start(amount), amount.end + listed.end("noun"), 0, scope=scope)


# "Thousands of protesters defy the police and gather", "10,000 mourners in the procession": people named
# as a crowd are a count of those taking part when nothing else in the clause says what befell them.
CROWD_AFTER_RE = re.compile(
    r"^\s+(?:of\s+)?(?:[\w-]+\s+)?(?:prot[ae]sters|demonstrators|mourners|marchers|rioters|concertgoers|"
    r"festivalgoers|spectators)\b",
    re.IGNORECASE,
)


CROWD_VERB_RE = re.compile(
    r"\b(?:gather\w*|march\w*|rall\w*|protest\w*|took to|poured|swarmed|screamed)\b", re.I
)


def _noun_when_nothing_else(around: Around, noun_re: re.Pattern, unless=None) -> int | None:
    """Where the noun right after the amount ends, when no measure word follows it within the clause
    (`unless` a pattern there says the noun's own reading still holds); else None."""
    noun = noun_re.match(around.after)
    if not noun:
        return None
    end = around.amount.end + noun.end()
    if MEASURE_RE.search(around.sentence, end, end + 60) and not (
        unless and unless.search(around.sentence, end, end + 60)
    ):
        return None
    return noun.end()


def read_crowd_noun(around: Around) -> Reading | None:
    """'Thousands of protesters defy the police': a crowd, when no other measure reads the amount."""
    noun_end = _noun_when_nothing_else(around, CROWD_AFTER_RE, unless=CROWD_VERB_RE)
    if noun_end is None:
        return None  # "protesters were killed": the measure says what befell them
    return Reading("participants", _text_start(around.amount), around.amount.end + noun_end, noun_end)


# "Of the 35 patients at ORMC", "44 patients were transported to ORMC", "115 burn patients receiving care
# abroad": in a casualty story, patients are people in hospital when nothing else says their state.
PATIENTS_AFTER_RE = re.compile(r"^\s+(?:[\w-]+\s+)?patients\b", re.IGNORECASE)


def read_patients_noun(around: Around) -> Reading | None:
    """'44 patients were transported to ORMC': patients, when no other measure reads the amount."""
    noun_end = _noun_when_nothing_else(around, PATIENTS_AFTER_RE)
    if noun_end is None:
        return None  # "Six patients are still in critical condition": the measure after says their state
    # Patients are counted hospital by hospital ("44 at ORMC", "six in Austria"): a part, never a rival
    end = around.amount.end + noun_end
    return Reading(
        "hospitalized", _text_start(around.amount), end, noun_end, scope=part_of_whole("hospitalized")
    )


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


# "include 18 men, 17 women, and 12 children", "killed 23 men, 23 women and 29 children": the next
# amount of a list after a figure, with a noun of its own and no measure of its own.
# "53 Nepali citizens, five Indians, four Russians": a nationality's capital is still a list item's noun.
LIST_SEPARATOR_RE = re.compile(
    r"^(?:\s+[A-Za-z][\w-]*){0,2}\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|;\s*|:\s*|,?\s+as\s+well\s+as\s+)$"
)
LIST_ITEM_AFTER_RE = re.compile(r"^(?:\s+[A-Za-z][\w-]*){0,2}\s*(?:[,;.]|\band\b|\bor\b|\bas\s+well\b|$)")
LIST_ITEM_TAIL_RE = re.compile(r"[\s,;.]*(?:\b(?:and|or)\b)?\s*$")  # the separator after an item's noun


def read_list_item(around: Around) -> Reading | None:
    """'18 men, 17 women, and 12 children': every item of a list counts what its first item counts."""
    previous = around.last_figure
    # The previous figure's amount is the one right before this one, so `before` is what lies between.
    if (
        previous is None
        or previous.amount.end != around.previous_end
        or not LIST_SEPARATOR_RE.match(around.before)
    ):
        return None
    item = LIST_ITEM_AFTER_RE.match(around.after)
    if not item:
        return None
    scope = previous.scope if previous.scope is not None else part_of_whole(previous.measure)
    amount = around.amount
    end = amount.end + len(LIST_ITEM_TAIL_RE.sub("", around.after[: item.end()]))
    return Reading(previous.measure, _text_start(amount), end, 0, scope=scope)


# "most fatalities occurred in the regions of Al Haouz (542), Taroudant (321) and Chichaoua (103)"
PLACE_PARENTHESIS_BEFORE_RE = re.compile(
    r"(?P<place>[A-Z][\w'’-]+(?:\s+(?:and\s+)?[A-Z][\w'’-]+){0,2})\s*(?:\(|(?P<with>\s+with\s+))$"
)
PARENTHESIS_AFTER_RE = re.compile(r"^\s*\)")
# "followed by Khyber Pakhtunkhwa with 286, Balochistan with 259": a list item, then a separator or the end.
WITH_COUNT_AFTER_RE = re.compile(r"^\s*(?:,|;|\.|$|\band\b)")


def read_count_by_place(around: Around) -> Reading | None:
    """'Al Haouz (542), Taroudant (321)': a place's count in brackets, of the measure named before."""
    place = PLACE_PARENTHESIS_BEFORE_RE.search(around.before)
    if not place:
        return None
    closing = WITH_COUNT_AFTER_RE if place.group("with") else PARENTHESIS_AFTER_RE
    if not closing.match(around.after):
        return None
    measures = list(MEASURE_RE.finditer(around.sentence, 0, around.amount.start))
    if not measures or _measure_of(measures[-1]) in ("unharmed", "other"):
        return None
    measure = _measure_of(measures[-1])
    start = around.amount.start - len(around.before) + place.start()
    return Reading(
        measure, start, around.amount.end + 1, 0, scope=part_of_whole(measure, place=place.group("place"))
    )


# "14 of which were males, 11 children": a group of the figure just before, named without a measure.
OF_WHICH_GROUP_AFTER_RE = re.compile(
    r"^\s+of\s+(?:which|whom|them)\s+(?:were|are|was|is)\s+[a-z]", re.IGNORECASE
)
# "which reported four and three deaths", "108 and 307 injuries respectively": two amounts, one measure.
AND_AMOUNT_AFTER_RE = re.compile(r"^\s*,?\s*and\s*$")


def read_of_which_group(around: Around) -> Reading | None:
    """'28 people lost their lives, 14 of which were males': a part of the figure before."""
    previous = around.last_known
    if previous is None or not OF_WHICH_GROUP_AFTER_RE.match(around.after):
        return None
    return Reading(previous.measure, _text_start(around.amount), around.amount.end, scope=OF_THEM)


def read_shared_measure(around: Around) -> Reading | None:
    """'reported four and three deaths': the first of two amounts counts what the second counts."""
    following = around.next_amount
    if following is None or not AND_AMOUNT_AFTER_RE.match(around.after):
        return None
    measure, scope_measure, _, _ = measure_after(around.sentence[following.end : following.end + 60])
    if measure in (None, "unharmed", "other") or scope_measure is not None:
        return None
    return Reading(measure, _text_start(around.amount), around.amount.end)
