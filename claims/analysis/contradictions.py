"""Find figures and dates that cannot all be true.

A pure function over `ClaimFacts` and `FigureFacts` records, so it works the same on a new
batch of articles and on figures rebuilt from the database. Rules:

- count: the same measure, group, event and moment with bounds that cannot overlap (a share
  such as "19 of the dead" is never a rival of a total); a cumulative count (killed,
  injured, detained, displaced) may rise later but not fall;
- subset: a part larger than its whole (critical <= hospitalized <= injured at the same
  moment, officers killed <= all killed, "400 of them");
- time: one instantaneous event (an explosion, an earthquake) dated to different days.

Work is bounded by design. Within an article, figures are blocked by (event, measure, moment,
place, group) and summarised by their distinct readings: one contradiction per pair of readings
that cannot overlap, not one per pair of sentences, at most `MAX_CONTRADICTIONS_PER_ARTICLE` per
article (a note says so when the cap is hit). Across articles each figure is compared with the
few highest earlier counts only. Explanations name both sources and their moments in words.
"""

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from .events import (
    MAX_DAYS_APART_PUBLISHED,
    SINGLE_SITE_EVENTS,
    WHOLE_AREA,
    EventKey,
    area_key,
    is_part_of_area,
)
from .facts import ClaimFacts, Contradiction, FigureFacts
from .measures import CUMULATIVE_MEASURES, SUBJECT_PARENT
from .numbers import rounding_step

# A part may not exceed its whole at the same moment: critical <= hospitalized <= injured.
WHOLE_OF_MEASURE = {"critical": ("hospitalized", "injured"), "hospitalized": ("injured",)}
# Two dates for one explosion further apart than this are more likely two events.
MAX_DAYS_FOR_TIME_CONFLICT = 2
# A headline's loose group ("protesters injured") summarises the body's total ("people").
LOOSE_HEADLINE_SUBJECTS = {"people", "protesters", "civilians", "victims"}
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
# How many earlier articles a figure or date is compared with across articles: enough to name
# the outlets that disagree, few enough to keep detection linear on a busy story.
MAX_PARTNERS = 10
# Two counts set against each other without a scope to tell them apart: when the larger is more than this
# many times the smaller, the smaller is far more likely a part the text does not mark (one district, one
# day's deaths, one group of victims) than a rival count, and precision comes first. Real revisions stay
# well inside it (11,300 to 3,958 in Derna, 150 to 82 injured in Seoul). A headline against its own body
# and two sources set against each other in one sentence keep no such bound: they are meant as rivals.
MAX_RATIO_OF_UNSCOPED_RIVALS = 4
# Words that present a figure as a later update within the same article ("by evening, 300").
UPDATE_RE = re.compile(
    r"\b(?:later|by (?:the )?(?:evening|afternoon|night|morning|nightfall|midnight|dawn|noon)|has since|"
    r"have since|since risen|"
    r"rose|risen|climbed|climbs|increased|jumped|now|grown|grew|brought|brings|bringing|raised|raising)\b",
    re.IGNORECASE,
)
# Words that present a count as the one that stands now: beside it, a larger one is no later update.
CURRENT_COUNT_RE = re.compile(
    r"\b(?:latest|so far|currently|to date|up to now|as it stands)\b", re.IGNORECASE
)
# A count its sentence calls the total: a much smaller count beside it that is not called so is a part.
# "there are conflicting reports on the death toll", "disputed the official figure": the text itself says the
# counts disagree, so two far-apart counts of one article are rivals, not a district beside a nation.
SAYS_COUNTS_CONFLICT_RE = re.compile(
    r"\b(?:conflicting|contradictory|differing|disputed?|disputing|contest(?:ed|s)|discrepanc(?:y|ies)|at odds|"
    r"(?:far|much|significantly)\s+(?:higher|lower)\s+than)\b",
    re.IGNORECASE,
)
MAX_RATIO_BELOW_A_TOTAL = 2
TOTAL_RE = re.compile(r"\b(?:total|overall|cumulative|in all|altogether|combined)\b", re.IGNORECASE)
# A count presented as the latest step of a rising toll: two such steps on one day are two hours of it.
RISING_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|climbing|increased|increases|jumped|jumps|raising|raised|"
    r"pushing|pushed|brought|bringing|reached|reaches|passed|passes|topped|tops|surpassed|surpasses)\b",
    re.IGNORECASE,
)
# One sentence that sets two sources' figures against each other: each is a reading of its own.
RIVAL_SOURCES_RE = re.compile(
    r"\b(?:while|whereas|although|though)\b(?P<rival>[^.;]*?)\b(?:put|puts|said|says|gave|gives|reported|counted|"
    r"estimated|according\s+to)\b",
    re.IGNORECASE,
)
# The rival clause must name a source ("the health minister", "unofficial reports"), not a place or a
# group of victims: "while Khyber Pakhtunkhwa and Punjab reported 308 and 223 deaths, respectively" is
# a breakdown by province.
RIVAL_SOURCE_NOUN_RE = re.compile(
    r"\b(?:(?i:ministry|minister|agency|agencies|officials?|police|authorit(?:y|ies)|department|governor|"
    r"mayor|spokes(?:man|woman|person)|red\s+cross|red\s+crescent|united\s+nations|group|observatory|media|"
    r"hospitals?|organi[sz]ers|monitors|council|government|army|military|rescuers|service|office|activists|"
    r"witnesses|doctors|medics|sources|reports?|estimates?|figures?|opposition|union|committee|commission|"
    r"daily|newspapers?|broadcasters?|outlets?|tally|count|"
    r"president|chief|head|director|secretary|commissioner|commander|superintendent|officer|inspector|premier|"
    r"deputy)|UN|WHO|Dr|Mr|Mrs|Ms|Gen|Prof|Col|Capt)\b",
)
# A person named just before the verb: "while Pradeep Jena said around 900" (a province "reported").
PERSON_BEFORE_VERB_RE = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\s+$")


# One article dense with figures must not flood the desk: beyond this many contradictions within
# it, the rest are summarised in a note (issue 9: one 8,000-word article gave 14,979).
MAX_CONTRADICTIONS_PER_ARTICLE = 50
# Figures kept per distinct reading to find a pair of sentences that shows the disagreement.
REPRESENTATIVES_PER_READING = 3
# Pairs of readings looked at per article before giving up: bounds the work when most candidate
# pairs turn out to be breakdowns or updates.
MAX_PAIR_CHECKS_PER_ARTICLE = 5000
MEASURE_WORDS = {
    "killed": "dead", "injured": "injured", "hospitalized": "people in hospital",
    "critical": "people in critical condition", "missing": "missing", "displaced": "displaced",
    "detained": "detained", "participants": "participants",
}  # fmt: skip


def _format_amount(figure: FigureFacts) -> str:
    return "“" + figure.text.strip("“”\"' ") + "”"


def _outlet(claim: ClaimFacts) -> str:
    return claim.publisher or "an unnamed outlet"  # never an internal id


def day_in_words(day: date | datetime | None) -> str | None:
    """'6 Jan': how an editor reads a moment (never an ISO date)."""
    if day is None:
        return None
    if isinstance(day, datetime):
        day = day.date()
    return f"{day.day} {day:%b}"


# The source of the second clause: "…, while the interior minister put the toll at about 60".
RIVAL_SOURCE_RE = re.compile(
    r"\b(?:while|whereas)\s+(?:the\s+)?(?P<who>[\w'’ .-]{2,60}?)\s+"
    r"(?:put|puts|said|says|gave|gives|reported|counted|estimated)\b",
    re.IGNORECASE,
)


# "…, although at least 141 were injured according to unofficial reports"
RIVAL_ACCORDING_RE = re.compile(
    r"\b(?:while|whereas|although|though)\b[^.;]*?\baccording\s+to\s+(?:the\s+)?(?P<who>[\w'’ -]{2,60}?)(?=[,.;]|$)",
    re.IGNORECASE,
)


def _speaker(claim: ClaimFacts, figure: FigureFacts | None = None) -> str | None:
    speaker = claim.speaker or claim.speaker_role
    rival = (RIVAL_SOURCE_RE.search(claim.text) or RIVAL_ACCORDING_RE.search(claim.text)) if figure else None
    if rival and figure.start - claim.start > rival.start():
        speaker = rival.group("who")  # the figure belongs to the other source of the sentence
    return speaker[:1].upper() + speaker[1:] if speaker else None


def describe_source(claim: ClaimFacts, figure: FigureFacts, *, name_outlet: bool) -> str:
    """'Health ministry (6 Jan, via Khabar 24)', "Steppe Courier's headline (6 Jan)".

    The speaker when the sentence names one, else the outlet; `name_outlet` adds the outlet to a
    speaker when the two sources are in different articles.
    """
    speaker = _speaker(claim, figure)
    outlet = _outlet(claim) + ("'s headline" if claim.is_headline else "")
    who = speaker or outlet
    if speaker and name_outlet:
        who += f" in {outlet}"
    details = [day_in_words(figure.as_of) or day_in_words(claim.published) or "undated"]
    if claim.via:
        details.append("via " + ", ".join(claim.via))
    return f"{who} ({', '.join(details)})"


def measure_words(figure: FigureFacts) -> str:
    words = MEASURE_WORDS.get(figure.measure, figure.measure)
    return words if figure.subject == "people" else f"{words} ({figure.subject})"


def _severity(larger_low: float, smaller_high: float) -> str:
    if smaller_high <= 0:
        return "high"
    ratio = larger_low / smaller_high
    if ratio >= 2:
        return "high"
    if ratio >= 1.25:
        return "medium"
    return "low"


# "As of 1:30 p.m., the toll was 52": a count at a stated hour. Another sentence of the same article
# at another hour (or none) may be a later count of the day, not a rival.
CLOCK_MOMENT_RE = re.compile(
    r"\b(?:as\s+of|as\s+at|by|until|at)\s+(?:around\s+|about\s+)?\d{1,2}(?:[:.]\d{2})?\s*"
    r"(?:a\.?m\.?|p\.?m\.?|GMT|UTC|hrs|h\b|o'clock|local\s+time)",
    re.IGNORECASE,
)


def _clock_moment(claim: ClaimFacts) -> str | None:
    match = CLOCK_MOMENT_RE.search(claim.text)
    return " ".join(match.group(0).lower().split()) if match else None


def _compared_area(figure: FigureFacts) -> str | None:
    """The area a whole count is compared within across articles.

    An event at one site (a crush, a crash, a blast) has one toll, whatever each outlet names the site
    after ("Itaewon", "Seoul"; "Kanjuruhan Stadium", "the Javanese region of Malang"); a wide event
    (an earthquake, floods) has a toll per country or province beside the whole.
    """
    event = EventKey.parse(figure.event)
    if event is not None and event.kind in SINGLE_SITE_EVENTS:
        return None
    area = area_key(figure.where)
    return None if area == WHOLE_AREA else area  # "nationwide" is the whole an unplaced article counts too


def _far_apart(larger: FigureFacts, smaller: FigureFacts, ratio: float = 0) -> bool:
    """True when the larger count is more than `ratio` (MAX_RATIO_OF_UNSCOPED_RIVALS) times the smaller."""
    ratio = ratio or MAX_RATIO_OF_UNSCOPED_RIVALS
    smaller_low, smaller_high = _soft(smaller)
    larger_low, _ = _soft(larger)
    smaller_size = smaller_high if smaller_high is not None else smaller_low  # "at least 21": about 21
    return larger_low > ratio * max(smaller_size, 1)


def _disjoint(a: FigureFacts, b: FigureFacts) -> tuple[FigureFacts, FigureFacts] | None:
    """(larger, smaller) when the soft bounds of a and b cannot overlap, else None."""
    a_low, a_high = _soft(a)
    b_low, b_high = _soft(b)
    if b_high is not None and a_low > b_high:
        return a, b
    if a_high is not None and b_low > a_high:
        return b, a
    return None


def _soft(figure: FigureFacts) -> tuple[float, float | None]:
    low = figure.soft_low if figure.soft_low is not None else figure.low
    high = figure.soft_high if figure.soft_high is not None else figure.high
    if low is None:
        low = figure.value if figure.value is not None else 0
    return low, high


def _floor_fell(earlier: FigureFacts, later: FigureFacts) -> bool:
    """True when a later day's floor lies below an earlier day's ("at least 64 deaths" on Monday, "at least
    59" on Tuesday): a reported toll that fell, although a floor alone never caps a count."""
    return (
        later.qualifier == "at least"  # "more than 60" after "at least 64" is a round figure, not a fall
        and later.high is None
        and later.low is not None
        and later.low % rounding_step(later.low) != 0  # "at least 50" after "at least 51": rounded down
        and earlier.low is not None
        and earlier.high is None
        and later.low < earlier.low
        and earlier.as_of is not None
        and later.as_of is not None
        and earlier.as_of < later.as_of
    )


FIRST_DAY_OF_COUNTING = 1  # days after the event's own day when outlets' tolls still rise by the hour


def _in_the_first_day(first: FigureFacts, second: FigureFacts, event_day=None) -> bool:
    """Both counts are of the event's day or the day after (a night attack is counted the next day), while
    the toll was still being counted hour by hour."""
    day = first.when or second.when or event_day
    if day is None or first.as_of != second.as_of or first.as_of is None:
        return False
    return 0 <= (first.as_of - day).days <= FIRST_DAY_OF_COUNTING


def _same_occurrence(a: FigureFacts, b: FigureFacts) -> bool:
    """False when both figures are dated to days too far apart to be one event (two fires in one city)."""
    if a.when is None or b.when is None:
        return True
    return abs((a.when - b.when).days) <= MAX_DAYS_FOR_TIME_CONFLICT


def _same_days_casualties(a: FigureFacts, b: FigureFacts) -> bool:
    """False for counts of what befell people on two different days ("twelve killed by the pagers on
    Tuesday", "14 killed by the radios on Wednesday"): each counts its own day's dead. Stricter than
    `_same_occurrence`, which only keeps apart days too far apart to be one event."""
    return a.when is None or b.when is None or a.when == b.when


# A current-state count (missing, in hospital) is either who is in that state now, or everyone who
# ever was: "31 are still unaccounted for" and "3,200 were reported missing" count different things.
STILL_RE = re.compile(r"\b(?:still|remain(?:s|ed|ing)?|currently|at present)\b", re.IGNORECASE)
EVER_RE = re.compile(
    r"\b(?:reported missing|ever|in all|altogether|in total|so far|a total of|cumulative|since the|"
    r"at (?:a|one) (?:stage|point|time)|at (?:the|its) peak)\b",
    re.IGNORECASE,
)


def _ever_against_still(a: ClaimFacts, b: ClaimFacts) -> bool:
    a_still, b_still = bool(STILL_RE.search(a.text)), bool(STILL_RE.search(b.text))
    a_ever, b_ever = bool(EVER_RE.search(a.text)), bool(EVER_RE.search(b.text))
    return (a_ever and not a_still and b_still and not b_ever) or (
        b_ever and not b_still and a_still and not a_ever
    )


def _published_close(a: ClaimFacts, b: ClaimFacts) -> bool:
    """False when two reports appeared too far apart to be about one event (days, not years)."""
    if a.published is None or b.published is None:
        return True
    first, second = (day.date() if isinstance(day, datetime) else day for day in (a.published, b.published))
    return abs((first - second).days) <= MAX_DAYS_APART_PUBLISHED


def _speakers_differ(a: ClaimFacts, b: ClaimFacts) -> bool:
    """True when the two sentences name different sources (or only one of them names one)."""
    return _source_name(a) != _source_name(b)


def _source_name(claim: ClaimFacts) -> str | None:
    return " ".join(claim.speaker.lower().split()) if claim.speaker else None


# Below this many digits a reordering is as likely a real change ("31" and "13") as a slip.
MIN_DIGITS_FOR_TRANSPOSITION = 3


def _digits_of(figure: FigureFacts) -> str | None:
    """The sorted digits of an exact whole figure ("1,715" -> "1157"), or None for a vague or
    qualified one ("more than 1,000" has no digits of its own to swap)."""
    if figure.qualifier or figure.value is None or figure.value != int(figure.value):
        return None
    if figure.low != figure.high:
        return None
    digits = str(int(figure.value))
    return "".join(sorted(digits)) if len(digits) >= MIN_DIGITS_FOR_TRANSPOSITION else None


def _is_within(part_subject: str, whole_subject: str) -> bool:
    """True when every member of the part's group belongs to the whole's group."""
    subject: str | None = part_subject
    while subject is not None:
        if subject == whole_subject:
            return True
        subject = SUBJECT_PARENT.get(subject, "people" if subject != "people" else None)
    return False


def _is_share(figure: FigureFacts) -> bool:
    """True for a part counted within a whole of its own measure: "Nineteen of the dead", "12 in Idlib".

    A share is never a rival count of a total ("19 of the 225 dead" is not 19 against 225); only a
    share larger than its whole is a contradiction, and that is a `subset` one.
    """
    scope = figure.scope
    return scope in ("of_them", "including") or scope == f"part_of:{figure.measure}"


def _group_of(figure: FigureFacts, claim: ClaimFacts) -> str:
    """The group a figure is blocked under: a headline's loose group stands for everyone."""
    if claim.is_headline and figure.subject in LOOSE_HEADLINE_SUBJECTS:
        return "people"
    return figure.subject


def _same_group(a: FigureFacts, b: FigureFacts, claim_a: ClaimFacts, claim_b: ClaimFacts) -> bool:
    if a.subject == b.subject:
        return True
    same_article = claim_a.article_key == claim_b.article_key
    for headline, headline_claim, body in ((a, claim_a, b), (b, claim_b, a)):
        if (
            same_article
            and headline_claim.is_headline
            and headline.subject in LOOSE_HEADLINE_SUBJECTS
            and body.subject == "people"
            and body.scope is None
        ):
            return True
    return False


ATTACKER_DIED_RE = re.compile(
    r"\b(?:gunm[ae]n|shooters?|attackers?|assailants?|bombers?|perpetrators?|suspects?)\b[^.;]{0,40}?"
    r"\b(?:was|were|is|are)\s+(?:also\s+|later\s+)?(?:killed|dead|shot dead|among the dead)"
    r"|\b(?:killed|shot)\s+(?:himself|herself|themselves)|\btook\s+(?:his|her|their)\s+own\s+li(?:fe|ves)"
    r"|\bincluding\s+the\s+(?:gunman|shooter|attacker|assailant|bomber|perpetrator)",
    re.IGNORECASE,
)
MAX_ATTACKERS_COUNTED = 2  # tolls that differ by the attackers alone
# Groups too loose to compare as shares: "people", "others", a share with no noun of its own.
UNNAMED_GROUPS = {"people", "others", None}


@dataclass(slots=True)
class _CountWalk:
    """What the walk through one subject's cumulative counts, in order of moment, keeps of the moments
    it has passed."""

    # The highest floors reported at earlier moments, one per article, the top few only:
    # comparing with every earlier article would make a busy event quadratic.
    top_earlier: list[FigureFacts] = field(default_factory=list)
    # The figures of the current moment: earlier counts once the walk passes it.
    pending: list[FigureFacts] = field(default_factory=list)
    # One contradiction per pair of readings: a later article's "revised to 95" and "killed
    # 95" against the same earlier "120 dead" are one disagreement.
    reported: dict[tuple, frozenset[str]] = field(default_factory=dict)
    reported_by_article: dict[tuple, frozenset[str]] = field(default_factory=dict)
    # Other sentences of an earlier article that give its kept reading: "toll reaches 115" in
    # the headline and "rose to 115 on Monday" in the body are listed in one contradiction.
    restated: defaultdict[tuple, list[FigureFacts]] = field(default_factory=lambda: defaultdict(list))
    moment: tuple | None = None
    # Per article at the current moment: its highest floor and lowest ceiling.
    extremes: dict[str, tuple[FigureFacts, FigureFacts]] = field(default_factory=dict)


class _Finder:
    """Collects contradictions, each pair of claims once, at most a cap per article."""

    def __init__(self, claims: list[ClaimFacts], figures: list[FigureFacts], max_per_article: int):
        self.max_per_article = max_per_article
        self.claims = {claim.key: claim for claim in claims}
        self.figures = figures
        self.figures_by_key = {figure.key: figure for figure in figures}
        self.figures_by_claim: dict[str, list[FigureFacts]] = defaultdict(list)
        for figure in figures:
            self.figures_by_claim[figure.claim_key].append(figure)
        self.found: dict[frozenset[str], Contradiction] = {}
        self.within_article: dict[str, int] = defaultdict(int)
        self.capped: set[str] = set()
        self.pair_checks: dict[str, int] = defaultdict(int)
        # Articles telling that the attacker died too: their toll may count him, or leave him out.
        self.attacker_died = {claim.article_key for claim in claims if ATTACKER_DIED_RE.search(claim.text)}

    def attacker_explains(self, a: FigureFacts, b: FigureFacts) -> bool:
        """'50 killed' and '49 people killed' when the gunman died too: one count with him, one without."""
        if a.measure != "killed" or not (
            {self.claim(a).article_key, self.claim(b).article_key} & self.attacker_died
        ):
            return False
        low_a, high_a = _soft(a)
        low_b, high_b = _soft(b)
        if high_a is None or high_b is None:
            return False
        return 0 < max(low_a - high_b, low_b - high_a) <= MAX_ATTACKERS_COUNTED

    def claim(self, figure: FigureFacts) -> ClaimFacts:
        return self.claims[figure.claim_key]

    def is_full(self, article_key: str) -> bool:
        """True when the article holds as many contradictions as are listed for one article."""
        if self.within_article[article_key] >= self.max_per_article:
            self.capped.add(article_key)
            return True
        return False

    def spend_check(self, article_key: str) -> bool:
        """Count one pair looked at in an article; False once the article's budget is spent."""
        self.pair_checks[article_key] += 1
        if self.pair_checks[article_key] > MAX_PAIR_CHECKS_PER_ARTICLE:
            self.capped.add(article_key)
            return False
        return True

    def also_states(self, pair: frozenset[str], figure: FigureFacts) -> None:
        """Add a sentence that states one side's reading again to a contradiction already found: the
        headline that sums up a body sentence, or the body sentence under a headline, never a second body
        sentence of the same article (one sentence an article is enough to show where it stands)."""
        known = self.found.get(pair)
        claim = self.claim(figure)
        if known is None or figure.claim_key in known.claim_keys:
            return
        if not claim.is_headline and any(
            self.claims[key].article_key == claim.article_key and not self.claims[key].is_headline
            for key in known.claim_keys
        ):
            return
        if len(known.claim_keys) >= 2 + 2 * (REPRESENTATIVES_PER_READING - 1):
            return
        self.found[pair] = replace(
            known,
            claim_keys=known.claim_keys + (figure.claim_key,),
            figure_keys=known.figure_keys + (figure.key,),
        )

    def add(
        self, kind: str, severity: str, claim_a: ClaimFacts, claim_b: ClaimFacts, figure_keys, explanation
    ):
        pair = frozenset((claim_a.key, claim_b.key))
        known = self.found.get(pair)
        if known is not None and (
            known.kind != kind or SEVERITY_RANK[known.severity] >= SEVERITY_RANK[severity]
        ):
            return  # each pair of claims once: the first kind found, its most severe reading
        same_article = claim_a.article_key == claim_b.article_key
        if known is None and same_article:
            if self.is_full(claim_a.article_key):
                return
            self.within_article[claim_a.article_key] += 1
        claim_keys = tuple(dict.fromkeys((claim_a.key, claim_b.key)))
        self.found[pair] = Contradiction(kind, severity, claim_keys, tuple(figure_keys), explanation)

    def comparable(self) -> list[FigureFacts]:
        return [
            figure
            for figure in self.figures
            if figure.measure != "other"
            and not figure.is_projection
            and figure.event is not None
            and figure.claim_key in self.claims
        ]

    def notes(self) -> list[str]:
        notes = []
        for article_key in sorted(self.capped):
            outlet = next(
                (_outlet(claim) for claim in self.claims.values() if claim.article_key == article_key),
                "an unnamed outlet",
            )
            notes.append(
                f"The article from {outlet} holds more disagreeing figures than are listed: only the first "
                f"{self.within_article[article_key]} contradictions within it are shown."
            )
        return notes

    # count -------------------------------------------------------------------------------
    def find_counts(self, usable: list[FigureFacts]) -> None:
        blocks: dict[tuple[EventKey, str], list[FigureFacts]] = defaultdict(list)
        for figure in usable:
            if not figure.is_earlier:
                blocks[(EventKey.parse(figure.event), figure.measure)].append(figure)
        for (_, measure), block in blocks.items():
            by_article: dict[str, list[FigureFacts]] = defaultdict(list)
            for figure in block:
                by_article[self.claim(figure).article_key].append(figure)
            for article_key, article_figures in by_article.items():
                self._within_article(article_key, article_figures)
            if measure in CUMULATIVE_MEASURES:
                self._falling_counts(block)
            self._group_rivals(block)

    def _within_article(self, article_key: str, figures: list[FigureFacts]) -> None:
        """Within one article: figures for the same group, moment and place must overlap.

        Blocked by (moment, place, group), then summarised by distinct readings (soft bounds): a
        reading only meets the readings that lie wholly above it, found by bisection.
        """
        blocks: dict[tuple, dict[tuple[float, float | None], list[FigureFacts]]] = defaultdict(dict)
        for figure in figures:
            if _is_share(figure):
                continue
            block = blocks[(figure.as_of, figure.where, _group_of(figure, self.claim(figure)))]
            representatives = block.setdefault(_soft(figure), [])
            if len(representatives) < REPRESENTATIVES_PER_READING and all(
                other.claim_key != figure.claim_key for other in representatives
            ):
                representatives.append(figure)
        for readings in blocks.values():
            for representatives in readings.values():
                # The body names its source; the headline only restates it: show the body first.
                representatives.sort(key=lambda figure: self.claim(figure).is_headline)
            by_low = sorted(readings, key=lambda reading: reading[0])
            lows = [low for low, _ in by_low]
            for low, high in by_low:
                if high is None:
                    continue
                for larger in by_low[bisect_right(lows, high) :]:
                    if self.is_full(article_key) or not self.spend_check(article_key):
                        return
                    self._first_disagreeing_pair(readings[larger], readings[(low, high)])

    def _first_disagreeing_pair(self, larger_figures: list[FigureFacts], smaller_figures: list[FigureFacts]):
        """Report the first pair of sentences that shows two readings disagree, if any does."""
        for larger in larger_figures:
            for smaller in smaller_figures:
                if not self._disagree_within(larger, smaller):
                    continue
                first, second = sorted((larger, smaller), key=lambda figure: figure.start)
                lead = f"Two counts of the {measure_words(first)} for one moment in the same article cannot both be true"
                self._add_count(lead, (larger, smaller), (first, second), name_outlet=False)
                # the headline that gives one side's reading ("36 dead" over "36 people were killed") shows it too
                pair = frozenset((self.claim(first).key, self.claim(second).key))
                for restated in (*larger_figures, *smaller_figures):
                    if self.claim(restated).is_headline:
                        self.also_states(pair, restated)
                return

    def _add_count(
        self, lead: str, disjoint: tuple[FigureFacts, FigureFacts], sides, name_outlet: bool
    ) -> None:
        """A count contradiction between two readings (`disjoint`: larger, smaller), as severe as the gap
        between them, explained as `lead` and each side's source and words, in the order of `sides`."""
        (claim_a, first), (claim_b, second) = ((self.claim(figure), figure) for figure in sides)
        explanation = (
            f"{lead} — {describe_source(claim_a, first, name_outlet=name_outlet)}: {_format_amount(first)}; "
            f"{describe_source(claim_b, second, name_outlet=name_outlet)}: {_format_amount(second)}."
        )
        larger, smaller = disjoint
        severity = _severity(_soft(larger)[0], _soft(smaller)[1])
        self.add("count", severity, claim_a, claim_b, (first.key, second.key), explanation)

    def _disagree_within(self, larger: FigureFacts, smaller: FigureFacts) -> bool:
        """Whether two readings of one article's block, the first wholly above the second, disagree."""
        claim_larger, claim_smaller = self.claim(larger), self.claim(smaller)
        if self._count_different_things(larger, smaller, claim_larger, claim_smaller):
            return False
        if self._can_both_be_true(larger, smaller, claim_larger, claim_smaller):
            return False
        if self._headline_follows_one_rival(larger, smaller):
            return False
        # "3,200 reported missing" in all against "31 still unaccounted for"
        return larger.measure in CUMULATIVE_MEASURES or not _ever_against_still(claim_larger, claim_smaller)

    def _headline_follows_one_rival(self, a: FigureFacts, b: FigureFacts) -> bool:
        """True when a headline's count differs from one source of a body sentence that sets two sources
        against each other, and fits the other ("mourns some 200 deaths"; "the minister put it at 150,
        while the daily said 211"): the headline took a side, the body's rivalry is its own flag."""
        headline, body = (a, b) if self.claim(a).is_headline else (b, a)
        if not self.claim(headline).is_headline or self.claim(body).is_headline:
            return False
        if not self._rival_sources(self.claim(body)):
            return False
        return any(
            other is not body and other.measure == headline.measure and _disjoint(headline, other) is None
            for other in self.figures_by_claim[body.claim_key]
        )

    def _count_different_things(
        self, larger: FigureFacts, smaller: FigureFacts, claim_larger: ClaimFacts, claim_smaller: ClaimFacts
    ) -> bool:
        """True when the two figures of one article count different people, places, moments or days."""
        if larger.claim_key == smaller.claim_key and not self._rival_sources(claim_larger):
            return True  # one sentence with two numbers for one measure is a breakdown or an update
        if (
            larger.claim_key != smaller.claim_key
            and not (claim_larger.is_headline or claim_smaller.is_headline)
            and _far_apart(larger, smaller)
            and not any(SAYS_COUNTS_CONFLICT_RE.search(claim.text) for claim in (claim_larger, claim_smaller))
        ):
            return True  # "223 confirmed dead" in the district beside the national 3,700
        if (
            TOTAL_RE.search(claim_larger.text)
            and not TOTAL_RE.search(claim_smaller.text)
            and _far_apart(larger, smaller, ratio=MAX_RATIO_BELOW_A_TOTAL)
        ):
            return True  # "protests that left at least 98 dead" beside "the total death toll ... to 300"
        if larger.part_of == smaller.key or smaller.part_of == larger.key:
            return True
        if self.attacker_explains(larger, smaller):
            return True
        if larger.claim_key != smaller.claim_key and _clock_moment(claim_larger) != _clock_moment(
            claim_smaller
        ):
            return True  # "as of 1:30 p.m., 52" and "so far 56": two moments of one day
        if not _same_group(larger, smaller, claim_larger, claim_smaller):
            return True
        return not _same_days_casualties(larger, smaller)

    def _can_both_be_true(
        self, larger: FigureFacts, smaller: FigureFacts, claim_larger: ClaimFacts, claim_smaller: ClaimFacts
    ) -> bool:
        """True when two counts of one thing are parts, sources' floors or a rising toll's updates."""
        if self._breakdown_adds_up_to(smaller, larger):
            return True  # "Eight died breathing the vapour, and three were killed fleeing": parts of the 11
        if (
            smaller.high is None
            and not (claim_larger.is_headline or claim_smaller.is_headline)
            and _speakers_differ(claim_larger, claim_smaller)
        ):
            # One source's floor ("the medics counted at least 120") does not cap another source's
            # count (the rights group's 230); a headline's floor is the outlet's own summary and does.
            return True
        # the larger count is presented as a later update of a rising toll, unless the smaller one is
        # presented as the latest too ("the death toll rose to 57" and "the latest toll stood at 45")
        return (
            larger.measure in CUMULATIVE_MEASURES
            and bool(UPDATE_RE.search(claim_larger.text))
            and not CURRENT_COUNT_RE.search(claim_smaller.text)
        )

    def _breakdown_adds_up_to(self, part: FigureFacts, whole: FigureFacts) -> bool:
        """True when `part` is one of several counts of its measure in one sentence (a breakdown by
        manner or place) whose sum fits `whole`."""
        if self._rival_sources(self.claim(part)):
            return False
        parts = [
            figure
            for figure in self.figures_by_claim[part.claim_key]
            if figure.measure == part.measure and not figure.is_earlier and figure.subject == part.subject
        ]
        if len(parts) < 2:
            return False
        low = sum(_soft(figure)[0] for figure in parts)
        highs = [_soft(figure)[1] for figure in parts]
        high = None if None in highs else sum(highs)
        whole_low, whole_high = _soft(whole)
        return (whole_high is None or low <= whole_high) and (high is None or whole_low <= high)

    def _rival_sources(self, claim: ClaimFacts) -> bool:
        """True when one sentence sets two sources against each other ("X said 100, while Y put it at 80")."""
        rival = RIVAL_SOURCES_RE.search(claim.text)
        if rival is None or "respectively" in claim.text:
            return False
        named = rival.group("rival")
        if rival.group(0).lower().endswith("to"):  # "although at least 141 according to unofficial reports"
            named = claim.text[rival.end() : rival.end() + 40]
        if RIVAL_SOURCE_NOUN_RE.search(named):
            return True
        person_verb = claim.text[rival.end("rival") :].split(" ", 1)[0].lower()
        return person_verb in ("said", "says", "put", "puts", "estimated") and bool(
            PERSON_BEFORE_VERB_RE.search(named)
        )

    def _falling_counts(self, block: list[FigureFacts]) -> None:
        """Across articles: a cumulative count stated later may not be lower than an earlier one."""
        by_subject: dict[tuple[str, str | None], list[FigureFacts]] = defaultdict(list)
        for figure in block:
            if figure.as_of is not None and figure.scope is None:
                by_subject[(figure.subject, _compared_area(figure))].append(figure)
        for figures in by_subject.values():
            # At one moment the body speaks before the headline: a body sentence names its source.
            figures.sort(
                key=lambda figure: (
                    figure.as_of,
                    _sortable(self.claim(figure).published),
                    self.claim(figure).is_headline,
                )
            )
            walk = _CountWalk()
            for figure in figures:
                moment = (figure.as_of, _sortable(self.claim(figure).published))
                if moment != walk.moment:
                    self._pass_moment(walk, moment)
                self._same_moment_rivals(walk.extremes, figure)
                walk.pending.append(figure)
                self._falls_below_earlier(walk, figure)

    def _group_rivals(self, block: list[FigureFacts]) -> None:
        """Across articles, one day: two counts of one named group among the dead or injured that cannot
        both be true ("The dead included 112 women" and "of whom 108 were women"). A group's share has no
        place of its own here: "12 children in Suzu" is a share of a share."""
        by_group: dict[tuple, dict[str, FigureFacts]] = defaultdict(dict)
        for figure in block:
            if (
                figure.part is not None
                and figure.part.is_part
                and figure.subject not in UNNAMED_GROUPS
                and not figure.part.place
                and not figure.is_projection
                and figure.as_of is not None
                and not self._share_of_its_own_group(figure)
            ):
                article_key = self.claim(figure).article_key
                by_group[(figure.subject, figure.as_of, _compared_area(figure))].setdefault(
                    article_key, figure
                )
        for figures in by_group.values():
            if len(figures) < 2:
                continue
            ordered = list(figures.values())[:MAX_PARTNERS]
            for index, first in enumerate(ordered):
                for second in ordered[index + 1 :]:
                    pair = _disjoint(first, second)
                    if pair is None or _far_apart(*pair) or not _same_occurrence(first, second):
                        continue
                    lead = f"Two reports of the same day give counts of the {measure_words(first)} that cannot both be true"
                    self._add_count(lead, pair, (first, second), name_outlet=True)

    def _share_of_its_own_group(self, figure: FigureFacts) -> bool:
        """ "33 children died: 8 girls and 25 boys": the girls are a share of the children, not their count."""
        whole = self.figures_by_key.get(figure.part_of) if figure.part_of else None
        return whole is not None and whole.subject == figure.subject

    def _pass_moment(self, walk: _CountWalk, moment: tuple) -> None:
        """Move the walk on to `moment`: the figures of the moment before become earlier counts."""
        for earlier in walk.pending:
            walk.top_earlier = self._keep_highest(walk.top_earlier, earlier)
            reading_key = (self.claim(earlier).article_key, _soft(earlier))
            if (
                earlier not in walk.top_earlier
                and len(walk.restated[reading_key]) < REPRESENTATIVES_PER_READING
            ):
                walk.restated[reading_key].append(earlier)
        walk.pending = []
        walk.extremes = {}
        walk.moment = moment

    def _falls_below_earlier(self, walk: _CountWalk, figure: FigureFacts) -> None:
        """Report the earlier floors a later figure falls below, each pair of readings once."""
        later_claim = self.claim(figure)
        _, later_high = _soft(figure)
        if later_high is None:
            return
        for earlier in walk.top_earlier:
            earlier_claim = self.claim(earlier)
            if not self._is_fall(earlier, figure, later_high):
                continue
            readings = (
                earlier_claim.article_key,
                _soft(earlier),
                later_claim.article_key,
                _soft(figure),
            )
            body_pair = walk.reported_by_article.get(readings[:3])
            if later_claim.is_headline and body_pair is not None:
                # A headline sums up its body: "toll rises to 23,000" over "rose to 23,000 on
                # Monday" (a rounded reading of its own) is the same disagreement.
                self.also_states(body_pair, figure)
                continue
            if readings in walk.reported:
                # The later article restating its reading ("nine dead" in the body, "toll at
                # nine" in the headline) is one more sentence of the same disagreement.
                self.also_states(walk.reported[readings], figure)
                continue
            walk.reported[readings] = frozenset((earlier_claim.key, later_claim.key))
            walk.reported_by_article.setdefault(readings[:3], walk.reported[readings])
            self._report_fall(earlier, figure, later_high)
            for again in walk.restated[(earlier_claim.article_key, _soft(earlier))]:
                self.also_states(walk.reported[readings], again)

    def _is_fall(self, earlier: FigureFacts, later: FigureFacts, later_high: float) -> bool:
        """True when a later article's count of one occurrence lies wholly below an earlier one's floor."""
        earlier_claim, later_claim = self.claim(earlier), self.claim(later)
        return not (
            earlier_claim.article_key == later_claim.article_key
            or (_soft(earlier)[0] <= later_high and not _floor_fell(earlier, later))
            or _far_apart(earlier, later)
            or not _same_occurrence(earlier, later)  # a crash in the same town years later is another crash
            or not _published_close(earlier_claim, later_claim)
            or self.attacker_explains(earlier, later)
        )

    def _report_fall(self, earlier: FigureFacts, later: FigureFacts, later_high: float) -> None:
        earlier_claim, later_claim = self.claim(earlier), self.claim(later)
        explanation = (
            f"A cumulative count of the {measure_words(later)} cannot fall — "
            f"{describe_source(earlier_claim, earlier, name_outlet=True)}: {_format_amount(earlier)}; "
            f"later, {describe_source(later_claim, later, name_outlet=True)}: {_format_amount(later)}."
        )
        severity = _severity(_soft(earlier)[0], later_high)
        self.add("count", severity, earlier_claim, later_claim, (earlier.key, later.key), explanation)

    def _same_moment_rivals(self, extremes: dict[str, tuple[FigureFacts, FigureFacts]], figure: FigureFacts):
        """Two articles giving one count for the same day (and no hour to order them) that cannot both be
        true: "Twelve officers were killed" and "at least 13 officers were killed" on 6 January.

        Each other article is met through its highest floor and lowest ceiling at this moment, the only
        readings that can disagree with this figure, so the check stays linear in the figures.
        """
        claim = self.claim(figure)
        rising = figure.measure in CUMULATIVE_MEASURES and bool(RISING_RE.search(claim.text))
        compared = 0
        for article_key, readings in reversed(extremes.items()):
            if article_key == claim.article_key:
                continue
            if compared >= MAX_PARTNERS:
                break
            compared += 1
            for other in readings:
                pair = _disjoint(other, figure)
                if pair is None or _far_apart(*pair) or not _same_days_casualties(other, figure):
                    continue
                if self.attacker_explains(other, figure):
                    continue
                other_claim = self.claim(other)
                if rising or (figure.measure in CUMULATIVE_MEASURES and RISING_RE.search(other_claim.text)):
                    continue  # "risen to 1,037" and "risen to more than 1,300": a rising toll at two hours of the day
                if figure.measure in CUMULATIVE_MEASURES and _in_the_first_day(
                    figure, other, claim.event_date or other_claim.event_date
                ):
                    continue  # "about 100" and "nearly 290" killed on the day of the bombings: counted hour by hour
                lead = f"Two reports of the same day give counts of the {measure_words(figure)} that cannot both be true"
                self._add_count(lead, pair, (other, figure), name_outlet=True)
                break
        self._remember_extremes(extremes, claim.article_key, figure)

    @staticmethod
    def _remember_extremes(extremes, article_key: str, figure: FigureFacts) -> None:
        if article_key not in extremes:
            extremes[article_key] = (figure, figure)
            return
        highest_floor, lowest_ceiling = extremes[article_key]
        if _soft(figure)[0] > _soft(highest_floor)[0]:
            highest_floor = figure
        ceiling = _soft(figure)[1]
        if ceiling is not None and (_soft(lowest_ceiling)[1] is None or ceiling < _soft(lowest_ceiling)[1]):
            lowest_ceiling = figure
        extremes[article_key] = (highest_floor, lowest_ceiling)

    def find_transpositions(self, usable: list[FigureFacts]) -> None:
        """Two exact figures of one measure, event, group and day written with the same digits in
        another order ("1,175" and "1,715" injured) are a likely transcription error, whichever is
        higher: a toll moves by a few, not by swapping two digits. Blocked by those digits, so the
        work stays linear; a block holds at most a few sentences."""
        blocks: dict[tuple, list[FigureFacts]] = defaultdict(list)
        for figure in usable:
            digits = _digits_of(figure)
            if digits is None or figure.is_earlier or figure.scope is not None or figure.as_of is None:
                continue
            key = (EventKey.parse(figure.event), figure.measure, figure.subject, figure.as_of, digits)
            if len(blocks[key]) < MAX_PARTNERS:
                blocks[key].append(figure)
        for block in blocks.values():
            for position, first in enumerate(block):
                for second in block[position + 1 :]:
                    if first.value != second.value:
                        self._report_transposition(first, second)

    def _report_transposition(self, first: FigureFacts, second: FigureFacts) -> None:
        claim_a, claim_b = self.claim(first), self.claim(second)
        if claim_a.key == claim_b.key:
            return
        same_article = claim_a.article_key == claim_b.article_key
        explanation = (
            f"Two counts of the {measure_words(first)} for the same day use the same digits in another order: "
            f"one is probably mistyped — {describe_source(claim_a, first, name_outlet=not same_article)}: "
            f"{_format_amount(first)}; {describe_source(claim_b, second, name_outlet=not same_article)}: "
            f"{_format_amount(second)}."
        )
        self.add("count", "medium", claim_a, claim_b, (first.key, second.key), explanation)

    def _keep_highest(self, top: list[FigureFacts], candidate: FigureFacts) -> list[FigureFacts]:
        """The top list with `candidate` merged in: highest floor first, each article's highest only.

        An article's highest floor may come in several readings ("288 dead" in the headline, "at
        least 288" in the body): each is kept, so each is shown against a later fall; a lower
        reading of the same article ("dozens" beside "at least 40") adds nothing.
        """
        article, reading = self.claim(candidate).article_key, _soft(candidate)
        same = [figure for figure in top if self.claim(figure).article_key == article]
        if same:
            kept_floor = _soft(same[0])[0]
            if kept_floor > reading[0] or any(_soft(figure) == reading for figure in same):
                return top
            if kept_floor < reading[0]:
                top = [figure for figure in top if self.claim(figure).article_key != article]
        merged = top + [candidate]
        merged.sort(key=lambda figure: _soft(figure)[0], reverse=True)
        return merged[:MAX_PARTNERS]

    # subset ------------------------------------------------------------------------------
    def find_subsets(self, usable: list[FigureFacts]) -> None:
        """Parts larger than their wholes: blocked by (article, event, moment), then by (measure, group, place)."""
        blocks: dict[tuple, dict[tuple, list[FigureFacts]]] = defaultdict(lambda: defaultdict(list))
        for figure in usable:
            if not figure.is_earlier:
                key = (self.claim(figure).article_key, EventKey.parse(figure.event), figure.as_of)
                blocks[key][(figure.measure, figure.subject, figure.where)].append(figure)
        for (article_key, _, _), groups in blocks.items():
            for part_group, parts in groups.items():
                for whole_group, wholes in groups.items():
                    if part_group == whole_group or not self._is_group_part_of(part_group, whole_group):
                        continue
                    self._largest_parts_against_smallest_wholes(article_key, parts, wholes)
        for part in usable:
            whole = self._comparable_whole(part)
            if whole is not None:
                self._check_part(part, whole)

    def _comparable_whole(self, part: FigureFacts) -> FigureFacts | None:
        """The whole a figure says it is a part of ("of them", "including"), if the two can be compared."""
        whole = self.figures_by_key.get(part.part_of) if part.part_of else None
        if whole is None or whole.is_projection or part.is_earlier or whole.is_earlier:
            return None  # an earlier state, a withdrawn figure or a rumour is no part of today's count
        if part.measure != whole.measure and whole.measure not in WHOLE_OF_MEASURE.get(part.measure, ()):
            return None  # "4.6 million of them" displaced children are no part of a death toll
        if part.where != whole.where and not is_part_of_area(part.where, whole.where):
            return None  # "a further 72 killed in India" is no part of the 18 killed on Mount Everest
        return whole

    def _largest_parts_against_smallest_wholes(self, article_key, parts, wholes) -> None:
        # "Nine others were killed" after "13 officers were beaten to death": other people, not a whole of them.
        wholes = [whole for whole in wholes if whole.scope is None or whole.scope == "same_group"]
        wholes.sort(key=lambda whole: _soft(whole)[1] if _soft(whole)[1] is not None else float("inf"))
        parts = sorted(parts, key=lambda part: _soft(part)[0], reverse=True)
        for part in parts[:REPRESENTATIVES_PER_READING]:
            for whole in wholes[:REPRESENTATIVES_PER_READING]:
                if self.is_full(article_key) or not self.spend_check(article_key):
                    return
                if part is not whole and not (whole.scope == "same_group" and whole.subject != part.subject):
                    self._check_part(part, whole)

    def _is_group_part_of(self, part_group: tuple, whole_group: tuple) -> bool:
        """True when every member of the part's (measure, group, place) is in the whole's."""
        part_measure, part_subject, part_where = part_group
        whole_measure, whole_subject, whole_where = whole_group
        if part_where != whole_where:
            # "8,574 dead in Turkey" is a part of "7,826 across both countries" (and too large).
            return (
                part_measure == whole_measure
                and part_subject == whole_subject
                and is_part_of_area(part_where, whole_where)
            )
        if part_measure in WHOLE_OF_MEASURE and whole_measure in WHOLE_OF_MEASURE[part_measure]:
            return _is_within(part_subject, whole_subject)
        if part_measure == whole_measure and part_subject != whole_subject:
            return _is_within(part_subject, whole_subject)
        return False

    def _check_part(self, part: FigureFacts, whole: FigureFacts) -> None:
        part_low, _ = _soft(part)
        _, whole_high = _soft(whole)
        if whole_high is None or part_low <= whole_high:
            return
        claim_part, claim_whole = self.claim(part), self.claim(whole)
        if whole.measure in CUMULATIVE_MEASURES and part.as_of and whole.as_of and part.as_of > whole.as_of:
            return  # "Of the 278 bodies" on Monday against Sunday's toll of 275: the toll has grown since
        if (
            part.measure in CUMULATIVE_MEASURES
            and part.start > whole.start
            and claim_part.article_key == claim_whole.article_key
            and UPDATE_RE.search(claim_part.text)
        ):
            return  # "by midnight, 70 bodies": a later update of a rising toll, not a part too large
        name_outlet = claim_part.article_key != claim_whole.article_key
        explanation = (
            f"A part is larger than the whole that should include it — "
            f"{describe_source(claim_part, part, name_outlet=name_outlet)}: {_format_amount(part)} "
            f"({measure_words(part)}); {describe_source(claim_whole, whole, name_outlet=name_outlet)}: "
            f"{_format_amount(whole)} ({measure_words(whole)})."
        )
        self.add(
            "subset",
            _severity(part_low, whole_high),
            claim_part,
            claim_whole,
            (part.key, whole.key),
            explanation,
        )

    # time --------------------------------------------------------------------------------
    def find_time_conflicts(self) -> None:
        by_event: dict[EventKey, dict[date, list[ClaimFacts]]] = defaultdict(lambda: defaultdict(list))
        for claim in self.claims.values():
            event = EventKey.parse(claim.event)
            if event and claim.event_date and event.is_instant and event.year is None:
                by_event[event][claim.event_date].append(claim)
        for event, by_date in by_event.items():
            days = sorted(by_date)
            for index, day in enumerate(days):
                for other_day in days[index + 1 :]:
                    if (other_day - day).days > MAX_DAYS_FOR_TIME_CONFLICT:
                        continue
                    self._date_pairs(event, by_date[day], by_date[other_day])

    def _date_pairs(
        self, event: EventKey, first_group: list[ClaimFacts], second_group: list[ClaimFacts]
    ) -> None:
        # A few representative articles on each side keep this linear in the number of claims.
        firsts = dict(
            list({claim.article_key: claim for claim in reversed(first_group)}.items())[-MAX_PARTNERS:]
        )
        seconds = list({claim.article_key: claim for claim in second_group}.values())[:MAX_PARTNERS]
        for claim_b in seconds:
            for claim_a in firsts.values():
                if not _published_close(claim_a, claim_b):
                    continue
                other = (
                    "elsewhere the same article"
                    if claim_a.article_key == claim_b.article_key
                    else _outlet(claim_a)
                )
                explanation = (
                    f"{_outlet(claim_b)} dates the {event.kind.replace('_', ' ')} to "
                    f"{claim_b.event_date:%A} {claim_b.event_date.day} {claim_b.event_date:%B %Y}, but "
                    f"{other} dates it to {claim_a.event_date:%A} {claim_a.event_date.day} "
                    f"{claim_a.event_date:%B %Y}."
                )
                self.add("time", "medium", claim_a, claim_b, (), explanation)


def _sortable(published: datetime | date | None) -> str:
    """A sort key for publication moments that mixes dates, aware and naive datetimes."""
    if published is None:
        return ""
    if isinstance(published, datetime):
        if published.tzinfo is not None:
            published = published.astimezone(UTC).replace(tzinfo=None)
        return published.isoformat()
    return published.isoformat()


def find_contradictions(
    claims: list[ClaimFacts],
    figures: list[FigureFacts],
    *,
    max_per_article: int = MAX_CONTRADICTIONS_PER_ARTICLE,
) -> tuple[list[Contradiction], list[str]]:
    """Every contradiction among the given claims and figures, and notes on what was left out.

    `max_per_article` caps the contradictions listed within one article; a caller that keeps its own
    cap and counts what was possible (the ingest) raises it, the pair-check budget still bounds the work.
    """
    finder = _Finder(claims, figures, max_per_article)
    usable = finder.comparable()
    finder.find_counts(usable)
    finder.find_transpositions(usable)
    finder.find_subsets(usable)
    finder.find_time_conflicts()
    return list(finder.found.values()), finder.notes()


def detect_contradictions(
    claims: list[ClaimFacts],
    figures: list[FigureFacts],
    *,
    max_per_article: int = MAX_CONTRADICTIONS_PER_ARTICLE,
) -> list[Contradiction]:
    """Every contradiction among the given claims and figures, each pair of claims once per kind."""
    return find_contradictions(claims, figures, max_per_article=max_per_article)[0]
