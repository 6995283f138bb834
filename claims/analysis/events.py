"""Which event a sentence is about, so that only figures about the same event are compared.

The key is the kind of event ("explosion", "unrest", "earthquake"...) from the first event
noun or verb in the sentence; a sentence without one inherits the article's main event
(from its headline or first sentence). The place comes from the article's opening.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .lexicon import compile_lexicon

EVENT_KINDS = {
    "explosion": r"explosions?|blasts?|exploded|detonations?|bombings?|bomb",
    "unrest": r"clash(?:es|ed)|protests?|protest(?:ers|ors)|demonstrations?|demonstrators|unrest|riots?|"
    r"rioting|rioters|marches|rally|rallies|uprising|crackdown",
    "earthquake": r"earthquakes?|quakes?|tremors?|tsunamis?",
    # "96 were hurt when an aftershock struck": a later shock's toll is a part of the quake's.
    "aftershock": r"aftershocks?",
    "flood": r"floods?|flooding|flash floods?|deluge|inundat\w+|monsoon",
    # "the city's fire chief said": the service, not a fire.
    "fire": r"fires?(?!\s+(?:chiefs?|department|brigades?|services?|officials?|stations?|crews?|engines?|trucks?|"
    r"marshals?|commissioners?|authorit(?:y|ies)|rescue|fighters?|safety|alarms?|exits?|escapes?|codes?|inspectors?)\b)|"
    r"blazes?|wildfires?|bushfires?|inferno|flames",
    "crash": r"crash(?:es|ed)?|collisions?|collided|derail\w*|plunge[sd]?|overturned|capsized|"
    r"(?:rolls?|rolled|falls?|fell|ran|ploughed|plowed) into|rammed",
    "stampede": r"stampedes?|crush",
    # "tried to storm the buildings" is a verb, not weather.
    "storm": r"(?<!to )storms?(?!\s+(?:the|a|an|some|into|through|out|government|administrative)\b)|"
    r"cyclones?|hurricanes?|typhoons?|tornado(?:es)?",
    "shooting": r"shootings?|gunm[ae]n|gunfire|opened fire",
    "attack": r"attacks?|attacked|assault",
    "collapse": r"collapse",
    "landslide": r"landslides?|mudslides?|avalanches?",
    "heatwave": r"heat ?waves?|extreme heat|heat deaths|heatstroke|heat stroke|heat-related|scorching heat|searing heat",
    # "The cholera outbreak has claimed 540 lives": a disease counted over weeks, not an instant
    "epidemic": r"outbreaks?|epidemics?|pandemic|cholera|ebola|covid(?:-19)?|coronavirus|measles|dengue|mpox",
}
# Words that name whatever event the story is about ("107 people have so far died in the accident" in a
# tanker-blast story); alone in a story they name the kind given here.
GENERIC_EVENT_WORDS = {"accident": r"accidents?"}
GENERIC_KINDS = {"accident": "crash"}
# Events that happen at one moment: dating them to two different days is a contradiction.
# Protests, floods and fires last for days, so differing dates are normal for them.
INSTANT_EVENTS = {"explosion", "earthquake", "crash", "stampede", "shooting", "collapse", "landslide"}
# Events at one site: their toll is one count, whatever place each outlet names the site after.
SINGLE_SITE_EVENTS = {"explosion", "crash", "stampede", "shooting", "collapse"}
EVENT_RE, _KIND_BY_GROUP = compile_lexicon([*EVENT_KINDS.items(), *GENERIC_EVENT_WORDS.items()])
# Verbs that tie a date to the event itself: "the blast struck ... on Wednesday".
EVENT_VERBS = (
    r"struck|strikes|hit|hits|ripped|rips|tore|tears|rocked|rocks|occurred|happened|took place|erupted|"
    r"broke out|exploded|collapsed|crashed|shook|devastated|swept|destroyed|flattened|ran into|rammed|"
    r"slammed into|smashed into|ploughed into|plowed into|"
    # "the fire began on Tuesday" dates the fire; "trains began running again on Sunday" does not.
    r"(?:began|started)(?!\s+(?:to\b|\w+ing\b))"
)
EVENT_VERB_RE = re.compile(rf"\b(?:{EVENT_VERBS})\b", re.IGNORECASE)
# A headline in title case capitalises its verb too: "Toll From Building Collapse in Brazil Rises to 14"
# names Brazil, not "Brazil Rises".
HEADLINE_VERB = (
    r"(?:Rises?|Climbs?|Hits?|Reach(?:es)?|Tops?|Pass(?:es)?|Nears?|Jumps?|Soars?|Surges?|Kills?|Killed|Dies?|"
    r"Crosses|Exceeds?|Increases?|Grows?|Stands?|Mounts?|Swells?|Toll|Now|Up|Over)\b"
)
_second_place_word = rf"(?:[ -](?!{HEADLINE_VERB})[A-Z][a-z]+)?"
_not_place = (
    r"(?!(?:Easter|Christmas|Halloween|Ramadan|Eid|Diwali|Hajj|Thanksgiving)\b)"  # feasts, not places
    r"(?!(?:The|A|An|This|That|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|Health|Police|Red|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
    # "Twenty rallies were held": an amount, not a place
    r"(?!(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|Forty|Fifty|Hundreds|"
    r"Thousands|Dozens|Scores|Several|Many|Some|More|Most|All)\b)"
)
PLACE_RE = re.compile(
    rf"\b(?:in|at|of|near|off|above|below|around|through|across|outside|hits?|struck|rocks?)\s+(?:the\s+)?"
    rf"(?:port\s+of\s+|city\s+of\s+|(?:coast|shores?|island)\s+of\s+)?"
    rf"{_not_place}(?P<after>[A-Z][a-z]+{_second_place_word})"
    rf"|\b{_not_place}(?P<before>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+"
    rf"(?:(?:port|valley|river|city|province|region|district)\s+)?"
    rf"(?:{EVENT_KINDS['explosion']}|{EVENT_KINDS['earthquake']}|{EVENT_KINDS['aftershock']}|{EVENT_KINDS['unrest']}|"
    rf"{EVENT_KINDS['flood']}|{EVENT_KINDS['fire']}|{EVENT_KINDS['heatwave']}|{EVENT_KINDS['epidemic']}|"
    rf"{EVENT_KINDS['landslide']}|{EVENT_KINDS['shooting']}|{EVENT_KINDS['attack']}|death toll|prot[ae]sters)\b"
)


def event_kind(sentence: str) -> str | None:
    """The kind of the first event named in the sentence ("the accident" alone: a crash), or None."""
    kind = kind_named(event_mentions(sentence))
    return GENERIC_KINDS.get(kind, kind)


def kind_named(mentions: list[tuple[int, int, str]]) -> str | None:
    """The kind of the first specific event word among `mentions`, else of a generic one ("accident")."""
    specific = next((kind for _, _, kind in mentions if kind not in GENERIC_KINDS), None)
    return specific or (mentions[0][2] if mentions else None)


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
    r"report\w*|announc\w*|meeting|visit\w*|arrived|began|resumed|ended|vigil|protests?|rally|"
    # aftermath: "shot in the attack remained in hospital on Saturday", "more misery on Thursday"
    r"remain\w*|stay\w*|still|hospitali[sz]\w*|treated|discharg\w*|misery|aftermath|fac(?:ed|es|ing)|"
    r"clean\w*|rebuil\w*|search\w*)\b",
    re.IGNORECASE,
)
MAX_WORDS_EVENT_TO_DATE = 8
# Capitalised words between a date and the event noun it names: "Aug. 8 Lahaina fire".
DATE_NAMES_EVENT_RE = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,2}")
# A number between the event and the date is a count the date belongs to (a clock time is not).
COUNT_IN_GAP_RE = re.compile(
    r"(?<![:\d.])\b\d[\d,.]*\b(?![:.]\d|\s*(?:am|pm|a\.m|p\.m|h\b|hours|GMT|UTC|local))"
)
# "on Friday evening when two express trains and a goods train collided"
EVENT_CLAUSE_AFTER_RE = re.compile(
    rf"\s*,?\s*when\b[^,;.]{{0,80}}?\b(?:{EVENT_VERBS}|collided|derailed|exploded|erupted)\b",
    re.IGNORECASE,
)
MAX_WORDS_VERB_TO_DATE = 16
# A date followed by its distance from the event ("on Sunday, two days after the blast"), not
# "on March 3, shortly after take-off": an event word must follow.
RELATIVE_TO_EVENT_AFTER_RE = re.compile(
    r"[^.;]{0,40}?\b(?:after|since|following)\s+(?:the\s+|last\s+\w+['’]s\s+)?", re.IGNORECASE
)


# An event word that names another occurrence or a place of the event, not the event itself: "Friday's
# big aftershock", "small-scale blasts broke out on Saturday", "arrived at the site of the blasts on Sunday".
OTHER_OCCURRENCE_BEFORE_RE = re.compile(
    r"\b(?:small(?:-scale|er)?|minor|new|fresh|another|second|further|secondary|subsequent|later)\s+"
    r"(?:[\w-]+\s+)?$"
    r"|\b(?:site|scene|aftermath|wake|ruins|anniversary|victims|survivors)\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
AFTERSHOCK_RE = re.compile(r"\baftershocks?\b", re.IGNORECASE)
# A photo caption: people doing something now, dated at its end ("Residents walk past damaged
# buildings in Kathmandu on April 26, 2015."). The date is the photograph's, not the event's.
CAPTION_VERB_RE = re.compile(
    r"\b(?:walk|stand|sit|look|help|carry|search|gather|react|mourn|wait|pray|rest|clear|remove|inspect|"
    r"pass|sift|dig|hold|comfort|queue|line up)s?\b",
    re.IGNORECASE,
)


def _is_other_occurrence(text: str, match: re.Match) -> bool:
    return bool(
        AFTERSHOCK_RE.match(match.group(0))
        or OTHER_OCCURRENCE_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    )


def _is_caption_date(text: str, date_end: int) -> bool:
    return not text[date_end:].strip(' .,;"”’') and bool(CAPTION_VERB_RE.search(text))


def date_belongs_to_event(text: str, date_start: int, date_end: int, is_possessive: bool) -> bool:
    """True when a date in the sentence dates the event itself, not a statement or aftermath.

    "Tuesday's explosion", "the blast struck the port ... on Wednesday", "a stampede at the
    stadium on Saturday evening" date the event; "funerals ... were held on Thursday" does not,
    nor does "Friday's aftershock", "new blasts on Saturday" or a photo caption's date.
    """
    if _is_caption_date(text, date_end):
        return False
    if is_possessive:
        return _possessive_dates_event(text, date_end)
    names_event = DATE_NAMES_EVENT_RE.match(text, date_end)
    if names_event and EVENT_RE.match(text, names_event.end()):
        return True  # "the Aug. 8 Lahaina fire", "the June 2 crash": the date names the event
    relative = RELATIVE_TO_EVENT_AFTER_RE.match(text, date_end)
    if relative and EVENT_RE.match(text, relative.end()):
        return False  # "on Sunday night, about 51 hours after the crash": a moment after the event
    if EVENT_CLAUSE_AFTER_RE.match(text, date_end):
        return True  # "350 injured on Friday evening when two trains collided": the collision's day
    return _dates_event_before(text, date_start)


def _possessive_dates_event(text: str, date_end: int) -> bool:
    """A possessive date dates the event it is the day of: "Tuesday's explosion", but not "Friday's
    aftershock" (another occurrence)."""
    following = EVENT_RE.match(text, date_end + 1) or EVENT_RE.search(text, date_end, date_end + 30)
    return bool(following) and not _is_other_occurrence(text, following)


def _dates_event_before(text: str, date_start: int) -> bool:
    """True when the nearest event word or verb before the date is close enough for the date to be its own."""
    mentions = list(EVENT_RE.finditer(text, 0, date_start))
    others = [match for match in mentions if _is_other_occurrence(text, match)]
    anchors = [(match.end(), MAX_WORDS_EVENT_TO_DATE) for match in mentions if match not in others]
    # An event verb carries its date further: "ran into a goods train standing on a loop line at
    # the station at about 7 pm on June 3" (unless its subject is another occurrence: "new blasts broke out").
    anchors += [
        (match.end(), MAX_WORDS_VERB_TO_DATE)
        for match in EVENT_VERB_RE.finditer(text, 0, date_start)
        if not any(0 <= match.start() - other.end() <= 20 for other in others)
    ]
    for anchor, max_words in sorted(anchors, reverse=True):
        gap = text[anchor:date_start]
        if len(gap.split()) > max_words:
            return False
        if COUNT_IN_GAP_RE.search(gap):
            return False  # "the fire stood at 385 on Friday": the day of the count, not of the fire
        if EVENT_VERB_RE.search(gap):
            continue  # an event verb nearer the date is checked as its own anchor
        return not NOT_EVENT_DATE_GAP_RE.search(gap)
    return False


TITLE_WORD_RE = re.compile(r"\b[A-Za-z][a-z]{3,}\b")


def _is_title_case(text: str) -> bool:
    """True for a line whose words (of four letters or more) nearly all start with a capital."""
    words = TITLE_WORD_RE.findall(text)
    return len(words) >= 4 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def find_place(texts: list[str]) -> str | None:
    """The place most often named in the article's opening lines (venues such as a stadium left out).

    A capitalised word that opens a line before an event noun ("Ferry fire toll revised") may be
    a common noun capitalised by the headline: it counts only when nothing else names a place,
    and never when the opening also uses it in lower case ("a passenger ferry").
    """
    counts: dict[str, int] = {}
    line_openers: dict[str, int] = {}
    # "Czech Republic Holds National Day of Mourning Following Prague Mass Shooting": in a headline written
    # in title case every word is capitalised, so a place found there counts only if the rest names it too.
    plain = " ".join(text for text in texts if not _is_title_case(text))
    for text in texts:
        title_case = _is_title_case(text)
        for match in PLACE_RE.finditer(text):
            place = match.group("after") or match.group("before")
            if EVENT_RE.match(place):
                continue  # "Shooting death toll rises": the event, not a place
            if title_case and place not in plain:
                continue
            if VENUE_AFTER_RE.match(
                text, match.end("after") if match.group("after") else match.end("before")
            ):
                continue
            opens_line = match.group("before") and not text[: match.start("before")].strip(" \"“‘'")
            found = line_openers if opens_line else counts
            # "in Nairobi" names a place; "the Finance Bill protests" may name a bill: the preposition weighs more
            found[place] = found.get(place, 0) + (2 if match.group("after") else 1)
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


@dataclass(frozen=True, slots=True)
class EventKey:
    """Which event a figure is about: figures are compared only within one key.

    `kind` is the event's family ("flood" for a storm's floods too), `place` the article's place,
    `year` a past event named for comparison ("the 1939 earthquake"), `day` a separate occurrence
    the text dates ("a separate quake struck on February 20"), `article` an incident with no event
    word at all, known only within its own article. `text` is the stored form ("explosion@beirut").
    """

    kind: str
    place: str | None = None
    year: int | None = None
    day: date | None = None
    article: str | None = None

    @property
    def text(self) -> str:
        text = self.kind + (f"#{self.article}" if self.article else "")
        text += f"@{self.place.lower()}" if self.place else ""
        if self.year is not None:
            text += f"/{self.year}"
        elif self.day is not None:
            text += f"/{self.day.isoformat()}"
        return text

    def __str__(self) -> str:
        return self.text

    @property
    def is_instant(self) -> bool:
        return self.kind in INSTANT_EVENTS

    @classmethod
    def parse(cls, text: "str | EventKey | None") -> "EventKey | None":
        if text is None or isinstance(text, EventKey):
            return text
        match = _EVENT_KEY_RE.fullmatch(text)
        if match is None:
            return cls(kind=text)
        when = match.group("when")
        year = int(when) if when and len(when) == 4 else None
        day = date.fromisoformat(when) if when and len(when) == 10 else None
        return cls(match.group("kind"), match.group("place"), year, day, match.group("article"))

    def describe(self) -> str:
        """As editors read it: 'Explosion in Beirut', 'Earthquake in Turkey in 1939'."""
        words = self.kind.replace("_", " ").capitalize()
        if self.place:
            words += f" in {self.place.title()}"
        if self.year is not None:
            words += f" in {self.year}"
        elif self.day is not None:
            words += f" on {self.day.day} {self.day:%B %Y}"
        return words


_EVENT_KEY_RE = re.compile(
    r"(?P<kind>[a-z_ ]+)(?:#(?P<article>\w+))?(?:@(?P<place>[^/]+))?(?:/(?P<when>\d{4}(?:-\d{2}-\d{2})?))?"
)

# One event reported under different names: a storm's floods, a dam's collapse in the floods, a
# crowd crush called a stampede. A sentence's kind in its article's family is the article's event.
EVENT_FAMILY = {"storm": "flood", "flood": "flood", "stampede": "stampede", "aftershock": "earthquake"}
# Kinds that happen as part of another event: "buildings collapsed" in a quake, "the blaze" after a
# blast or a train crash, "clashes" in a protest's attack. Within that article they are its event.
PART_OF_EVENT = {
    "flood": {"collapse", "landslide", "storm"},
    "earthquake": {"collapse", "landslide", "fire", "aftershock"},
    "explosion": {"fire", "collapse"},
    "fire": {"explosion", "collapse", "storm"},
    "crash": {"fire", "explosion", "collapse"},
    "stampede": {"collapse", "unrest"},
    "unrest": {"attack", "shooting", "fire", "explosion"},
    "storm": {"flood", "collapse", "landslide"},
}


# The events a kind can be a part of, by family: "collapse" -> flood, earthquake, explosion ...
_LARGER_KINDS = {
    part: tuple(
        dict.fromkeys(
            EVENT_FAMILY.get(whole, whole) for whole, parts in PART_OF_EVENT.items() if part in parts
        )
    )
    for part in {part for parts in PART_OF_EVENT.values() for part in parts}
}


def event_family(kind: str) -> str:
    return EVENT_FAMILY.get(kind, kind)


def sentence_event_kind(kind: str | None, main_kind: str | None) -> str | None:
    """The event a sentence is about: its own kind, unless that is a part of the article's event."""
    if kind in GENERIC_KINDS:
        return main_kind or GENERIC_KINDS[kind]
    if kind is None or (main_kind and kind in PART_OF_EVENT.get(main_kind, ())):
        return main_kind
    if main_kind and kind in NAMED_ALIKE_KINDS.get(main_kind, ()):
        return main_kind  # "the bombings" in a story of "the attacks": one event named two ways
    return kind


def is_sub_incident(kinds: set[str], main_kind: str | None) -> bool:
    """True when a sentence whose event words are of `kinds` tells only of a part of the article's event
    ("the collapse of a dormitory" in a quake story): its toll is a part of the event's toll, not a rival."""
    return bool(
        main_kind and kinds and main_kind not in kinds and kinds <= PART_OF_EVENT.get(main_kind, set())
    )


def describe_event(key: "str | EventKey | None") -> str:
    """An event key as editors read it: 'explosion@beirut' → 'Explosion in Beirut'."""
    parsed = EventKey.parse(key) if key else None
    return parsed.describe() if parsed else ""


def event_key(
    kind: str | None, place: str | None, *, year: int | None = None, day: date | None = None
) -> EventKey | None:
    """The key 'explosion@beirut' (as an `EventKey`): figures are compared only within one key."""
    if kind is None:
        return None
    return EventKey(event_family(kind), place.lower() if place else None, year, day)


# A year that dates an older event named for comparison: "the 1939 Erzincan earthquake", "in June
# 1981", "California's Camp Fire in 2018", "since 1959", "a 2003 fire in a club". A bare number ("helpline 1929") is not one.
_months = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
PAST_YEAR_RE = re.compile(
    rf"(?:\b(?i:in|since|of|the|from|during|until|a)\s+|\b{_months}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?|['’]s\s+)"
    # "2013 people": an amount; "when the fair was last held in 2013 killed 36": a year
    r"(?P<year>1[6-9]\d\d|20\d\d)\b(?!\s*(?:people|persons|dead|injured)\b)"
)
# Words that compare today's event with an older one; without a publication date they are what
# tells an older year from the current one.
COMPARISON_RE = re.compile(
    r"\b(?:since|surpass\w*|exceed\w*|worst|deadliest|largest|biggest|than|compared|previous|record)\b",
    re.IGNORECASE,
)
# Where a past event's phrase ends: a clause break that starts a statement about today.
PAST_CLAUSE_END_RE = re.compile(r";|\s+but\s+|,\s+(?:while|whereas|and now|now)\b")
# "A separate earthquake", "another blast": a new occurrence of the same kind, not the article's event.
SEPARATE_EVENT_RE = re.compile(
    r"\b(?:a separate|another|an unrelated|a second,? (?:separate|unrelated)|a new|a fresh)\s+"
    r"(?:[\w.-]+\s+){0,4}?(?=(?:explosion|blast|earthquake|quake|tremor|aftershock|flood|fire|blaze|crash|"
    r"collision|stampede|storm|cyclone|attack|shooting|landslide|incident|accident|bombing|raid|collapse)s?\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PastEvent:
    """An older event a sentence names for comparison, and the part of the sentence about it."""

    year: int
    start: int  # where its phrase begins (figures after it, up to `end`, are its figures)
    end: int
    year_start: int


# "Last year's floods killed more than 1,000", "the quake two years ago": an older event without its year.
YEARS_AGO_RE = re.compile(
    r"\b(?:(?P<last>last|the previous) year(?:['’]s)?|(?P<count>a|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d{1,2}) (?:years?|decades?) (?:ago|earlier)|(?P<decade>a decade) (?:ago|earlier))\b",
    re.IGNORECASE,
)
_AGO_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _years_ago(match: re.Match, published_year: int | None) -> int | None:
    if published_year is None:
        return None
    if match.group("last"):
        return published_year - 1
    if match.group("decade"):
        return published_year - 10
    word = match.group("count").lower()
    number = int(word) if word.isdigit() else _AGO_NUMBERS[word]
    return published_year - number * (10 if "decade" in match.group(0).lower() else 1)


# A comma or semicolon between clauses, not the one inside "5,000".
CLAUSE_COMMA_RE = re.compile(r"[,;](?!\d)")


def _clause_start_before(text: str, position: int) -> int:
    starts = [match.end() for match in CLAUSE_COMMA_RE.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def past_events(text: str, published_year: int | None) -> list[PastEvent]:
    """Older events named in a sentence ("the deadliest since the 2014 ferry sinking that killed 304")."""
    found = []
    for match in YEARS_AGO_RE.finditer(text):
        year = _years_ago(match, published_year)
        if year is None:
            continue
        end_match = PAST_CLAUSE_END_RE.search(text, match.end())
        clause_start = _clause_start_before(text, match.start())
        found.append(
            PastEvent(year, clause_start, end_match.start() if end_match else len(text), match.start())
        )
    for match in PAST_YEAR_RE.finditer(text):
        year = int(match.group("year"))
        if published_year is not None:
            if year >= published_year:
                continue
        elif not COMPARISON_RE.search(text):
            continue
        end_match = PAST_CLAUSE_END_RE.search(text, match.end())
        # The phrase before the year back to the last comma: "the 85 people killed in ... in 2018".
        clause_start = _clause_start_before(text, match.start())
        found.append(
            PastEvent(year, clause_start, end_match.start() if end_match else len(text), match.start())
        )
    return found


# "the deadliest school shooting since the massacre at Sandy Hook Elementary School, when a gunman
# shot dead 26 people": an older event named without its year; its figures are no count of today's.
SINCE_OLDER_EVENT_RE = re.compile(
    r"\b(?:deadliest|worst|largest|biggest|highest|most\s+\w+)\b[^.;]{0,60}?"
    r"(?P<older>\bsince\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:massacre|attack|shooting|bombing|earthquake|quake|"
    r"disaster|tragedy|crash|fire|floods?|stampede|crush|sinking|explosion|blast|collapse|riots?)\b"
    r"[^;]*)",
    re.IGNORECASE,
)


# "The collapse comes three years since a dam burst in Mariana, killing 19": another event (an
# indefinite one) some time before; "a year after the quake, 2,000 remain in tents" is today's.
ELAPSED_OLDER_EVENT_RE = re.compile(
    r"\b(?:years?|months?|decades?)\s+(?:since|after|before|ago,?)\s+"
    r"(?P<older>(?:a|an|another)\s+(?:[\w'’-]+\s+){0,3}?(?:massacre|attack|shooting|bombing|earthquake|quake|"
    r"disaster|tragedy|crash|fire|blaze|floods?|stampede|crush|sinking|explosion|blast|collapse|dam|riots?|"
    r"storm|hurricane|cyclone|typhoon|tornado|landslide|mudslide|avalanche|wildfire|bushfire|tsunami|eruption)\b"
    r"[^;]*)",
    re.IGNORECASE,
)


# "14 were killed on Wednesday when radios exploded, a day after pagers blew up killing 12": the clause
# after "a day after" tells the day before's occurrence (up to its comma: "Two days after the quake, the
# toll rose" goes on about today).
DAYS_AFTER_CLAUSE_RE = re.compile(
    r"\b(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?)\s+after\s+(?P<older>[^,;]+)", re.IGNORECASE
)


def older_event_spans(text: str) -> list[tuple[int, int]]:
    """Where a sentence speaks of an older event named for comparison, without its year."""
    lowered = text.lower()
    patterns = [SINCE_OLDER_EVENT_RE]
    if "year" in lowered or "month" in lowered or "decade" in lowered:
        patterns.append(ELAPSED_OLDER_EVENT_RE)
    if " after " in lowered:
        patterns.append(DAYS_AFTER_CLAUSE_RE)
    return [match.span("older") for pattern in patterns for match in pattern.finditer(text)]


# Between a figure and a later year, words that make the figure today's, compared with the older
# event: "a toll of 115, the highest since the 2018 fire".
COMPARED_WITH_RE = re.compile(
    r"\b(?:since|surpass\w*|exceed\w*|pass(?:es|ed|ing)?|tops?|topping|overtak\w*|highest|worst|"
    r"deadliest|largest|biggest|most|compared|making|makes|is|was)\b",
    re.IGNORECASE,
)


def past_event_of(text: str, position: int, events: list[PastEvent]) -> int | None:
    """The year of the older event a figure at `position` is about, or None for today's event.

    A figure after the year belongs to the older event up to the end of its phrase ("the 1960
    tsunami ... killed 61"); one before it only when nothing compares it with that event ("that
    surpasses the 85 killed in the Camp Fire in 2018", not "115, the highest since 2018").
    """
    for event in events:
        if event.year_start <= position < event.end:
            return event.year
        if event.start <= position < event.year_start and not COMPARED_WITH_RE.search(
            text, position, event.year_start
        ):
            return event.year
    return None


# "two weeks after Typhoon Moro, which killed 24": a storm named by its own name, days or weeks apart.
OTHER_NAMED_STORM_RE = re.compile(
    r"\b(?:days?|weeks?|months?)\s+(?:after|before)\s+(?P<storm>(?:Super\s+)?(?:Typhoon|Hurricane|Cyclone|"
    r"(?:Tropical\s+)?Storm)\s+(?P<name>[A-Z][a-z]+))"
)


# "Last month, at least 48 people were killed in an explosion after ...": an occurrence of weeks before,
# told with an indefinite article ("last month's fire" may be the story's own).
EARLIER_OCCURRENCE_RE = re.compile(
    r"^(?:Last month|Earlier this (?:month|year)|Late last month|Last (?:spring|summer|autumn|fall|winter)),"
    r"[^;]*?\b(?:in|after|when)\s+an?\s+(?:[\w-]+\s+){0,3}?(?:explosion|blast|fire|blaze|crash|collision|"
    r"stampede|attack|shooting|bombing|landslide|flood|earthquake|accident|incident|collapse)\b"
)


def separate_event_at(text: str, title: str = "") -> int | None:
    """Where a sentence introduces a separate occurrence ("A separate quake struck ...", "two weeks
    after Typhoon Moro" in a story whose title names another storm), or None."""
    match = SEPARATE_EVENT_RE.search(text) or EARLIER_OCCURRENCE_RE.match(text)
    if match:
        return match.start()
    for named in OTHER_NAMED_STORM_RE.finditer(text):
        if named.group("name") not in title:
            return named.start("storm")
    return None


# Outlets name one event's place differently ("Odisha", "Balasore"; "Maui", "Lahaina"): two
# articles' events are one when they are of one family, one article names the other's place, and
# they happen within this many days of each other (their event days, else their publication days).
MAX_DAYS_APART_SAME_EVENT = 2
MAX_DAYS_APART_PUBLISHED = 60
CAPITALISED_WORD_RE = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b")


@dataclass(slots=True)
class ArticleEvent:
    """What an article says about its main event, for matching it with other articles'."""

    key: EventKey
    day: date | None  # the event's day, if the article dates it
    published: date | None
    names: frozenset[str]  # lower-cased capitalised words of the article: the places it names


def article_names(texts: list[str]) -> frozenset[str]:
    names = set()
    for text in texts:
        for match in CAPITALISED_WORD_RE.finditer(text):
            names.add(match.group(0).lower())
            names.update(word.lower() for word in re.split(r"[ -]", match.group(0)))
    return frozenset(names)


def _close(a: ArticleEvent, b: ArticleEvent, *, strict: bool = False) -> bool:
    """Close enough in time to be one event; `strict` for an event named by a part of it."""
    if a.day and b.day:
        return abs((a.day - b.day).days) <= MAX_DAYS_APART_SAME_EVENT
    dated, undated = (a, b) if a.day else (b, a)
    if dated.day and undated.published and not strict:
        # an article dating the event, another only published: published in the weeks after that day
        return 0 <= (undated.published - dated.day).days <= MAX_DAYS_APART_PUBLISHED
    if dated.day and undated.published:
        return 0 <= (undated.published - dated.day).days <= MAX_DAYS_APART_SAME_EVENT + 1
    if a.published and b.published:
        limit = MAX_DAYS_APART_SAME_EVENT + 1 if strict else MAX_DAYS_APART_PUBLISHED
        return abs((a.published - b.published).days) <= limit
    return False


@dataclass(slots=True)
class _SeenArticles:
    """The articles of the batch seen so far, by what can lead back to them (a few recent ones each)."""

    # (family, place or a word of it) -> the articles whose key is at that place
    by_place: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    # (family, name) -> the articles that use that name
    naming: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    # family -> the latest articles of that family ("" for any family but "incident")
    recent_by_kind: dict[str, list[int]] = field(default_factory=dict)
    # article -> its distinctive names, computed once when needed
    distinctive: dict[int, set[str]] = field(default_factory=dict)

    def candidates(self, kind: str, event: ArticleEvent) -> list[int]:
        """Articles of `kind` that use the event's place as a name, or whose place is a name it uses."""
        candidates = list(self.naming.get((kind, event.key.place), [])) if event.key.place else []
        for name in event.names:
            candidates += self.by_place.get((kind, name), [])
        return candidates

    def add(self, index: int, event: ArticleEvent) -> None:
        key = event.key
        _remember(self.recent_by_kind.setdefault(key.kind, []), index)
        if key.kind != "incident":
            _remember(self.recent_by_kind.setdefault("", []), index)  # any kind, for articles that name none
        if key.place:  # "Odisha" now also leads to the event first named after "Balasore"
            _remember(self.by_place.setdefault((key.kind, key.place), []), index)
            for word in key.place.split():  # "Kanjuruhan" leads to "Kanjuruhan Stadium"
                if len(word) > 3 and word not in GENERIC_PLACE_WORDS:
                    _remember(self.by_place.setdefault((key.kind, word), []), index)
        for name in event.names:
            _remember(self.naming.setdefault((key.kind, name), []), index)


def unify_events(events: list[ArticleEvent]) -> list[EventKey]:
    """The key each article's event is known by across the batch: the first article's of its event.

    An article may also name the event by a part of it ("dams collapse above Derna" beside "floods
    in Derna"): such a key joins an event of the larger kind that is close in time. Candidates are
    looked up through the names an article uses and the places already seen, so the work grows
    with the text, not with the number of pairs of articles.
    """
    canonical: list[EventKey] = []
    seen = _SeenArticles()
    for index, event in enumerate(events):
        # A past event named for comparison ("the 1939 earthquake") keeps its own key.
        match = _earlier_article_of_event(events, canonical, index, seen) if event.key.year is None else None
        canonical.append(
            EventKey(canonical[match].kind, canonical[match].place) if match is not None else event.key
        )
        seen.add(index, event)
    return canonical


def _earlier_article_of_event(
    events: list[ArticleEvent], canonical: list[EventKey], index: int, seen: _SeenArticles
) -> int | None:
    """The earlier article whose event `events[index]` is, if any: one of its own kind named after
    another place, of a larger kind or one named alike, else one sharing enough names."""
    event = events[index]
    key = event.key
    for kind in (key.kind, *_LARGER_KINDS.get(key.kind, ()), *NAMED_ALIKE_KINDS.get(key.kind, ())):
        same_kind = kind == key.kind
        match = next(
            (
                other
                for other in seen.candidates(kind, event)
                if canonical[other].year is None
                and (canonical[other].place != key.place or not same_kind)
                and _close(events[other], event, strict=not same_kind)
            ),
            None,
        )
        if match is not None:
            return match
    # An article that names no kind of event at all ("the chaos that killed 153") may be about
    # any event of its days it shares names with.
    recent = seen.recent_by_kind.get(key.kind if key.kind != "incident" else "", [])
    return _sharing_names(events, canonical, recent, index, seen.distinctive)


# "A terror attack in Christchurch" and "gunmen opened fire at two mosques": outlets name one event by
# its general kind or its particular one; an article of one joins a close event of the other it names alike.
NAMED_ALIKE_KINDS = {"attack": ("shooting", "explosion"), "shooting": ("attack",), "explosion": ("attack",)}
MAX_ARTICLES_PER_NAME = 20  # the most recent articles kept per place or name: bounded lookups
GENERIC_PLACE_WORDS = {
    "city", "town", "village", "district", "province", "region", "state", "county", "stadium", "valley",
    "river", "port", "island", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "new", "upper", "lower", "greater",
}  # fmt: skip
# Capitalised words that say nothing about which event an article is about.
COMMON_NAMES = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "as", "it", "he", "she", "they", "we", "this", "that",
    "police", "officials", "reuters", "associated", "press", "ap", "afp", "news", "agency", "government",
    "ministry", "president", "minister", "national", "state", "city", "north", "south", "east", "west",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "photo", "image", "video", "read", "more", "also", "after", "before", "according", "some", "many",
}  # fmt: skip
# Two articles of one kind of event, published within a few days, that share this many distinctive
# names (people, places, bodies: "Malang", "Emil Dardak", "East Java") report one event whatever place
# each outlet names it after.
MIN_SHARED_NAMES = 3


def _distinctive(names: frozenset[str]) -> set[str]:
    return {name for name in names if len(name) > 3 and name not in COMMON_NAMES and " " not in name}


def _sharing_names(events, canonical, recent: list[int], index: int, distinctive: dict[int, set[str]]):
    """The latest earlier article of the same kind, close in time, that shares enough distinctive names."""
    event = events[index]
    for other in reversed(recent):
        if canonical[other].year is not None or not _close(events[other], event, strict=True):
            continue
        own = distinctive.setdefault(index, _distinctive(event.names))
        theirs = distinctive.setdefault(other, _distinctive(events[other].names))
        if len(own & theirs) >= MIN_SHARED_NAMES:
            return other
    return None


def _remember(articles: list[int], index: int) -> None:
    articles.append(index)
    if len(articles) > MAX_ARTICLES_PER_NAME:
        del articles[0]


# The place a figure's own clause names: "the toll in Turkey", "In Syria, ...", "Turkey's toll",
# "in government-held parts of Syria", "across both countries". A figure naming no place is the
# article's (see `article_area`); two places named together make one area ("Turkey and Syria").
_place_word = r"(?!(?:The|A|An|This|That|Today|Yesterday|Tonight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
_place_word += r"February|March|April|May|June|July|August|September|October|November|December|"
_place_word += r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
_place_word += rf"[A-Z][a-z]+{_second_place_word}"
CLAUSE_PLACE_RE = re.compile(
    rf"\b(?:(?i:in)\s+)?(?P<held>(?:government|rebel|opposition|regime)-(?:held|controlled)\s+(?:parts|areas|regions)\s+of\s+"
    rf"{_place_word})"
    # "for" only after a count noun: "the figure for Syria", not "the Observatory for Human Rights".
    rf"|\b(?:(?i:in|across|throughout)|(?<=figure |number |counts )for|(?<=toll )for|(?<=count )for)\s+(?:the\s+)?(?:(?:(?:[a-z]+\s+){{0,3}}?(?:towns?|city|cities|provinces?|regions?|districts?|states?|villages?|"
    rf"counties|county|country|parts?))\s+of\s+)?"
    # "24 fatalities in southern China and the Philippines"
    rf"(?:(?:northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western|"
    rf"northeastern|northwestern|southeastern|southwestern)\s+)?(?P<place>{_place_word})"
    # "in Nepal, India and Tibet": one area of several places.
    rf"(?:(?P<middle>(?:,\s+{_place_word})+)(?=,?\s+and\s))?"
    rf"(?:,?\s+and\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|northern|southern|eastern|western)\s+)?(?P<second>{_place_word}))?"
    rf"|\b(?P<owner>{_place_word})['’]s\s+(?:(?:official|confirmed|overall|total|death)\s+)*(?:toll|dead|deaths)\b"
    r"|(?P<whole>\b(?i:across|in)\s+(?:both|the\s+two|all\s+\w+)\s+countries\b|\bnationwide\b|"
    r"\bacross\s+the\s+(?:region|country)\b|\b(?:combined|(?P<overall>overall))\s+(?:death\s+)?toll\b)"
    r"|(?P<there>\bthere\b)"
)
CLAUSE_BREAK_RE = re.compile(r"[,;:]")
WHOLE_AREA = "all areas together"  # "the combined toll" where the article names no two places


CARE_PLACE_BEFORE_RE = re.compile(r"\b(?:hospitals?|clinics?|shelters?|camps?)\s+in\b", re.IGNORECASE)
AREA_NOUN_AFTER_RE = re.compile(
    r"\s+(?:districts|provinces|states|regions|counties|villages|towns)\b", re.IGNORECASE
)


def clause_place(text: str, start: int, end: int, area: str | None) -> str | None:
    """The place the clause of a figure at text[start:end] names, or None when it names none.

    `area` is the article's area, what "across both countries" means. "there" is the place named
    last before it in the sentence.
    """
    clause_start = max((m.end() for m in CLAUSE_BREAK_RE.finditer(text, 0, start)), default=0)
    following = CLAUSE_BREAK_RE.search(text, end)
    clause_end = following.start() if following else len(text)
    best, best_distance = None, None
    for match in CLAUSE_PLACE_RE.finditer(text, clause_start):
        if match.start() >= clause_end:
            break  # a list of places may run on past a comma ("in Nepal, India and Tibet")
        if match.group("middle") and (
            CARE_PLACE_BEFORE_RE.search(text, max(0, match.start() - 20), match.start() + 3)
            or AREA_NOUN_AFTER_RE.match(text, match.end())
        ):
            continue  # "treated in hospitals in Balasore, Bhadrak and Cuttack districts": where they are treated
        place = _place_of(match, text, area)
        if place is None:
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best_distance is None or abs(distance) < best_distance:
            best, best_distance = place, abs(distance)
    opening = CLAUSE_PLACE_RE.match(text) if best is None else None
    if opening and opening.end() <= start:  # "In Syria, more than 5,800 deaths ...": the whole sentence's
        best = _place_of(opening, text, area)
    return best


def _place_of(match: re.Match, text: str, area: str | None) -> str | None:
    if match.group("held"):
        return match.group("held")
    if match.group("whole"):
        if match.group("overall") and not (area and " and " in area):
            return None  # "the overall death toll at 150" in a one-place story: the story's own toll
        return area if area and " and " in area else WHOLE_AREA
    if match.group("there"):
        earlier = [
            m
            for m in CLAUSE_PLACE_RE.finditer(text, 0, match.start())
            if m.group("place") or m.group("owner")
        ]
        return _place_of(earlier[-1], text, area) if earlier else None
    place = match.group("place") or match.group("owner")
    if match.group("second") and "respectively" in text[match.end() :]:
        return None  # "the toll in Arquata and Accumoli remained at 49 and 11, respectively": one each
    if match.group("second"):
        middle = [name.strip() for name in (match.group("middle") or "").split(",") if name.strip()]
        return join_places([place, *middle, match.group("second")])
    return place


def join_places(places: list[str]) -> str:
    """One area from several places, in a stable order: 'Syria and Turkey'."""
    return " and ".join(sorted(dict.fromkeys(places)))


def place_parts(where: str | None) -> frozenset[str]:
    """The places an area is made of: 'Syria and Turkey' -> {'Syria', 'Turkey'}."""
    return frozenset(where.split(" and ")) if where else frozenset()


def is_part_of_area(part: str | None, whole: str | None) -> bool:
    """'Turkey' is a part of 'Syria and Turkey' and of all areas together; a place is no part of itself,
    and the country is no part of two of its districts ('Narayanganj and Narsingdi')."""
    if not part or not whole or part == whole or area_key(part) == WHOLE_AREA:
        return False
    if " and " in whole:
        return part in place_parts(whole)
    return area_key(whole) == WHOLE_AREA


def area_key(where: str | None) -> str | None:
    """What counts are grouped by across articles: every area of several places is one whole."""
    if where == WHOLE_AREA or (where and (" and " in where or where.startswith("all "))):
        return WHOLE_AREA  # "Syria and Turkey", "all affected countries": the whole
    return where


def article_area(texts: list[str]) -> str | None:
    """Two places a headline names together ("kill 4,300 in Turkey and Syria"): the article's area.

    Only the headline: the body's "hospitals in Balasore and Cuttack" is where people were taken.
    """
    for text in texts:
        for match in CLAUSE_PLACE_RE.finditer(text):
            if match.group("second"):
                return join_places([match.group("place"), match.group("second")])
    return None
