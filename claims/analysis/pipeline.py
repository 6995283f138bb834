"""Tie the analysis together: articles in, claims, figures and contradictions out.

`analyze()` reads every sentence of every article (speaker, dates, event, figures),
builds self-contained `ClaimFacts` / `FigureFacts` records and runs contradiction
detection across the whole batch. `analysis_to_json()` gives the JSON of the
`manage.py analyze` contract.
"""

import calendar
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Self

from .attribution import Attribution, attribute, remember_speaker
from .checkworthiness import score_sentence
from .constructions import OTHERS, FigureMention, find_figures
from .contradictions import find_contradictions
from .documents import ArticleInput
from .events import (
    GENERIC_KINDS,
    MAX_DAYS_APART_SAME_EVENT,
    ArticleEvent,
    EventKey,
    article_area,
    article_names,
    clause_place,
    date_belongs_to_event,
    event_key,
    event_mentions,
    find_place,
    is_sub_incident,
    kind_named,
    older_event_spans,
    past_event_of,
    past_events,
    place_parts,
    sentence_event_kind,
    separate_event_at,
    unify_events,
)
from .facts import ClaimFacts, Contradiction, FigureFacts, Scope, ScopeKind
from .sentences import split_sentences
from .timeline import MONTHS, DateMention, find_dates, published_day

REPORTING_VERB_BEFORE_RE = re.compile(
    r"\b(?:said|says|told|announced|reported|added|confirmed|stated|tweeted|declared|estimated|updated|according\s+to)\b"
    r"(?:\s+\S+){0,6}?\s+(?:late\s+|early\s+|earlier\s+)?(?:on\s+|by\s+)?$",
    re.IGNORECASE,
)
# "The railways on Saturday said that ...": a date just before the reporting verb dates the statement.
REPORTING_VERB_AFTER_RE = re.compile(
    r"\s*,?\s*(?:had\s+|has\s+)?(?:said|told|announced|reported|confirmed|stated|declared|estimated)\b",
    re.IGNORECASE,
)
AS_OF_BEFORE_RE = re.compile(r"\b(?:by|as of|as at|until|up to)\s+(?:late\s+|early\s+)?$", re.IGNORECASE)
# "Earlier reports indicated 217 fatalities": an earlier report as its clause's subject, not the object of
# a revision ("revising down an earlier estimate", where the figure is the new count).
EARLIER_SOURCE_RE = re.compile(
    r"(?:^|[,;]\s*|\b(?:while|but|whereas)\s+)(?:earlier|early|previous|initial|first)\s+(?:official\s+|police\s+|media\s+)?"
    r"(?:reports?|estimates?|figures?|counts?|tolls?|tallies|numbers?)\b",
    re.IGNORECASE,
)
EARLIER_STATE_RE = re.compile(
    # "President Ruto, speaking earlier today, said only six were killed": when he spoke, not an earlier count
    r"\b(?:had said|had reported|had put|had given|had announced|had confirmed|had stood|had remained|had held steady|"
    r"(?<!speaking )(?<!talking )(?<!writing )earlier(?! today| this (?:morning|afternoon|evening))|previously|initially|"
    r"at first|first (?:reported|put|given|announced|estimated)|originally|(?:prior to|before) the (?:update|revision|correction)|(?<!the )last week(?!['’]s)|a week earlier|the previous day|the day before|"
    # "of the 388 on the first list": a count on an earlier list, not "revising down an earlier estimate".
    r"(?:on|in) (?:the|an?) (?:first|original|initial|previous) (?:list|count|tally|estimate)s?|"
    # "The previous toll was four dead and more than 500 others injured": the whole clause is the old count
    r"(?:previous|earlier|initial|original) (?:death )?(?:toll|count|tally|figure|total)s? (?:was|were|stood|had been)|"
    # A withdrawn figure or a rumour denied is not a current count either.
    r"later withdrawn|since withdrawn|withdrawn|withdrew|retracted|had first (?:said|reported|put|given)|later corrected|rumou?rs?|dismissed as false|"
    r"denied|unfounded|hoax|at the time|"
    # "Before the fire service updated the official number, it stood at 86"
    r"before (?:[\w'’-]+ ){1,6}(?:updated|revised|raised|lowered|corrected))\b"
    # "revising down an earlier estimate": the earlier figure is another one, this one is the new count.
    r"(?!\s+(?:estimates?|figures?|counts?|tolls?|reports?|tallies|tally|numbers?)\b)",
    re.IGNORECASE,
)
# ", not seven as earlier reported": the correction's "earlier" belongs to its own clause.
# ", almost unchanged from the 388 published a week earlier": the comparison is a clause of its own.
# "first put at 288 and revised down to 275": the revision is a clause of its own.
CLAUSE_SPLIT_RE = re.compile(
    r";|,?\s+but\s+|,\s+(?:while|whereas|although|not)\s+"
    r"|,?\s+and\s+(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+)?(?:later\s+|then\s+|since\s+)?"
    r"(?=(?:revised|raised|lowered|corrected|updated|cut)\b)"
    r"|,\s+(?:(?:almost|nearly|little|largely)\s+)?(?:unchanged|up|down|compared)\s+(?:from|with)\s+"
    # "rose to 4,500, increasing from 4,015 a day earlier": the earlier state is a clause of its own.
    r"|,\s+(?:increasing|rising|climbing|jumping|growing|falling|dropping|decreasing)\s+from\s+"
    # "14 people had died and 25 were injured, after earlier reporting that 15 had died": the new count first
    r"|,\s+(?=after\s+(?:having\s+)?(?:earlier|previously|initially|first)\b)"
)
TERMINAL_PUNCTUATION = '.!?…"”’:;'
MAX_WORDS_FIGURE_TO_DATE = 6
NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "the", "hospital", "total",
}  # fmt: skip
STATE_MEASURES = {"hospitalized", "critical", "missing", "displaced"}  # counts of a state, not of a harm
RECENT_FIGURES = 6  # how many figures of the sentences before a figure may refer back to
CURRENT_RELATIVE_DATES = {"overnight", "last night", "tonight", "today", "this morning", "earlier today"}


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An analysed article's metadata."""

    key: str
    path: str
    title: str | None
    publisher: str | None
    url: str | None
    published: datetime | date | None
    published_text: str | None


@dataclass(slots=True)
class AnalysisResult:
    """Everything the analysis found in a batch of articles."""

    articles: list[ArticleRecord] = field(default_factory=list)
    claims: list[ClaimFacts] = field(default_factory=list)
    figures: list[FigureFacts] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, and why (a cap was hit)


@dataclass(slots=True)
class _SentenceReading:
    """What one sentence says before event dates are shared across the article."""

    start: int
    end: int
    text: str
    is_headline: bool
    attribution: Attribution
    event_kind: str | None
    event_date: date | None
    as_of: date | None
    is_earlier: bool
    names_event: bool = False  # an event word stands in the sentence itself
    figures: list = field(default_factory=list)  # (FigureMention, as_of, is_earlier, when, past_year)
    separate_from: int | None = None  # where the sentence starts telling of a separate occurrence
    is_sub_incident: bool = False  # the sentence tells only of a part of the event (one building's collapse)


def _is_headline(sentence) -> bool:
    """A line that stands alone without terminal punctuation: a headline or subheading."""
    return (
        sentence.is_line and sentence.text[-1] not in TERMINAL_PUNCTUATION and len(sentence.text.split()) >= 3
    )


PERIOD_START_BEFORE_RE = re.compile(r"\b(?:since|starting|beginning)\s+(?:on\s+)?$", re.IGNORECASE)


def _classify_dates(
    text: str,
    dates: list[DateMention],
    figure_ends: list[tuple[int, bool]],
    events: list[tuple[int, int, str]],
):
    """Split a sentence's dates into statement/as-of dates, event dates, figure dates (the moment a count
    refers to: "down from more than 60 on Friday") and casualty dates ("were killed on Wednesday night")."""
    statement, event_dates, figure_dates, casualty_dates = [], [], {}, {}
    for mention in dates:
        if _dates_no_moment(text, mention):
            continue
        if mention.is_possessive:
            if date_belongs_to_event(text, mention.start, mention.end, True):
                event_dates.append(mention)
            continue
        if _dates_statement(text, mention):
            statement.append(mention)
            continue
        attached = _figure_dated_by(text, mention, figure_ends, events)
        if attached is not None:
            if figure_ends[attached][1]:
                figure_dates[attached] = mention
            else:
                # The figure ends with its verb ("were killed on Wednesday night"): the date is when the
                # casualties happened, not the moment of the count.
                casualty_dates[attached] = mention
        if date_belongs_to_event(text, mention.start, mention.end, False):
            event_dates.append(mention)
    return statement, event_dates, figure_dates, casualty_dates


def _dates_no_moment(text: str, mention: DateMention) -> bool:
    """True for a date that is neither a count's moment nor the event's for this sentence."""
    return (
        mention.day is None
        # "admitted overnight" in a morning article is this morning's count
        or mention.text.lower() in CURRENT_RELATIVE_DATES
        # "211 people were killed since July 16": the count runs from then to now
        or bool(PERIOD_START_BEFORE_RE.search(text, max(0, mention.start - 20), mention.start))
    )


def _dates_statement(text: str, mention: DateMention) -> bool:
    """True when the date is that of a statement or an as-of moment: "said on Sunday", "by Friday"."""
    before = text[max(0, mention.start - 100) : mention.start]
    after = text[mention.end : mention.end + 40]
    return bool(
        AS_OF_BEFORE_RE.search(before)
        or REPORTING_VERB_BEFORE_RE.search(before)
        or REPORTING_VERB_AFTER_RE.match(after)
    )


def _figure_dated_by(
    text: str, mention: DateMention, figure_ends: list[tuple[int, bool]], events: list[tuple[int, int, str]]
) -> int | None:
    """The index of the last figure the date follows closely in its clause, with no event word between."""
    attached = None
    for index, (figure_end, _) in enumerate(figure_ends):
        gap = text[figure_end : mention.start]
        # "down from more than 60 on Friday": a date right after a figure is that figure's moment.
        is_close = figure_end <= mention.start and len(gap.split()) <= MAX_WORDS_FIGURE_TO_DATE
        crosses_event = any(figure_end <= start < mention.start for start, _, _ in events)
        if is_close and not crosses_event and "," not in gap and ";" not in gap:
            attached = index
    return attached


def _earlier_markers(text: str) -> list[int]:
    """Where the sentence tells of an earlier state: "had said", "up from", "Earlier reports indicated"."""
    return sorted(
        [match.start() for match in EARLIER_STATE_RE.finditer(text)]
        + [match.end() - 1 for match in EARLIER_SOURCE_RE.finditer(text)]
    )


@dataclass(slots=True)
class _Clauses:
    """Where a sentence's clauses start, and what each holds: a statement date or "had said" stays in its
    clause."""

    starts: list[int]
    statement_dates: dict[int, DateMention]  # clause -> its first statement date
    earlier: set[int]  # clauses that tell of an earlier state ("had said", "up from 100")

    @classmethod
    def of(cls, text: str, statement: list[DateMention], earlier_markers: list[int]) -> Self:
        clauses = cls([0] + [match.end() for match in CLAUSE_SPLIT_RE.finditer(text)], {}, set())
        for mention in statement:
            clauses.statement_dates.setdefault(clauses.index(mention.start), mention)
        clauses.earlier = {clauses.index(position) for position in earlier_markers}
        return clauses

    def index(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def statement_date(self, clause: int) -> DateMention | None:
        """A statement date covers its own clause and those before it ("A; B, officials said on Sunday")."""
        return next((self.statement_dates[c] for c in sorted(self.statement_dates) if c >= clause), None)


def _read_sentence(
    sentence,
    article: ArticleInput,
    previous: Attribution | None,
    main_kind: str | None,
    known_speakers: dict[str, Attribution],
    recent_figures: list[FigureMention],
):
    """What one sentence says: its speaker, event, dates, and each figure with its moment."""
    text = sentence.text
    day_published = published_day(article.published)
    attribution = attribute(text, previous, known_speakers)
    mentions = find_figures(text, recent_figures)
    dates = find_dates(text, article.published)
    # A date after a count ("stood at 210 on Friday") or after a state ("remained in hospital on Saturday")
    # is the moment of the count; after a verb of harm ("were killed on Wednesday") it is when it happened.
    figure_ends = [(m.end, m.text.rstrip()[-1:].isdigit() or m.measure in STATE_MEASURES) for m in mentions]
    events = event_mentions(text)  # one scan of the sentence for event words, read three ways below
    statement, event_dates, figure_dates, casualty_dates = _classify_dates(text, dates, figure_ends, events)
    earlier_markers = _earlier_markers(text)
    clauses = _Clauses.of(text, statement, earlier_markers)
    older_spans = older_event_spans(text)
    own_kind = kind_named(events)
    kind = sentence_event_kind(own_kind, main_kind)
    older_events = past_events(text, day_published.year if day_published else None)
    reading = _SentenceReading(
        start=sentence.start,
        end=sentence.end,
        text=text,
        is_headline=_is_headline(sentence),
        attribution=attribution,
        event_kind=kind,
        event_date=event_dates[0].day if event_dates and kind else None,
        as_of=statement[0].day if statement else day_published,
        is_earlier=bool(earlier_markers),
        names_event=own_kind is not None,
        separate_from=separate_event_at(text, article.title or ""),
        is_sub_incident=is_sub_incident({kind for _, _, kind in events}, main_kind),
    )
    for position, mention in enumerate(mentions):
        clause = clauses.index(mention.start)
        stated = clauses.statement_date(clause)
        clause_as_of = stated.day if stated else day_published
        figure_date = figure_dates.get(position)
        figure_as_of = figure_date.day if figure_date else clause_as_of
        # "late on Tuesday" in a later article, "had said", "up from 100", "down from 60 on Friday".
        stated_late = bool(stated and stated.is_late and day_published and stated.day < day_published)
        figure_is_earlier = (
            clause in clauses.earlier
            or stated_late
            or mention.is_earlier
            or any(start <= mention.start < end for start, end in older_spans)
        )  # a figure dated by its own day ("stood at 385 on Friday") is a count as of that day, not earlier
        casualty_date = casualty_dates.get(position)
        figure_when = casualty_date.day if casualty_date else None
        past_year = past_event_of(text, mention.start, older_events)
        reading.figures.append((mention, figure_as_of, figure_is_earlier, figure_when, past_year))
    return reading


MONTH_ALONE_RE = re.compile(
    r"\bin\s+(?:early\s+|late\s+|mid-)?(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!\s+\d)"
)
SINCE_START_RE = re.compile(r"\b(?:since|began|begun|started|start|beginning|onset)\b", re.IGNORECASE)
MONTH_NUMBERS = {name: number for number, name in enumerate(calendar.month_name) if name}


def _earlier_month(text: str, reference: date | None) -> date | None:
    """The first day of a month named alone ("in July") two or more months before `reference`, if any."""
    match = MONTH_ALONE_RE.search(text) if reference else None
    if not match or SINCE_START_RE.search(text, max(0, match.start() - 40), match.start()):
        return None  # "since the outbreak began in October": the start of this event, not another one
    month = MONTH_NUMBERS[match.group("month")]
    months_before = (reference.month - month) % 12
    if months_before < 2:
        return None
    year = reference.year if month < reference.month else reference.year - 1
    return date(year, month, 1)


OTHER_OCCURRENCE_DAYS = 14  # casualties dated this long before or after the event's day are of another one


def _another_occurrence(casualty_day: date | None, event_day: date | None) -> bool:
    return bool(casualty_day and event_day and abs((casualty_day - event_day).days) > OTHER_OCCURRENCE_DAYS)


class _Numbering:
    """Short ids: a1, c1, f1 ... across the batch."""

    def __init__(self):
        self.counts: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"


@dataclass(frozen=True, slots=True)
class _ArticleSetting:
    """What each sentence of an article is read against: its place, its area, its days."""

    article: ArticleInput
    key: str
    place: str | None
    area: str | None  # what a figure naming no place of its own is about
    published: date | None
    event_dates: dict[str, date]  # event kind -> the first date the article gives it


def _analyze_article(
    article: ArticleInput, article_key: str, ids: _Numbering, result: AnalysisResult
) -> tuple[ArticleEvent, str | None]:
    """Read one article into `result`; return its main event and place for matching across articles."""
    sentences = split_sentences(article.body)
    opening = [article.title or ""] + [sentence.text for sentence in sentences[:4]]
    place = find_place(opening)
    # What a figure naming no place of its own is about: "in Turkey and Syria" makes one area.
    area = article_area([article.title or (sentences[0].text if sentences else "")]) or place
    main_kind = _main_event_kind(article.title or "", sentences[:6])
    readings = _read_sentences(sentences, article, main_kind)
    published = published_day(article.published)
    setting = _ArticleSetting(article, article_key, place, area, published, _event_dates(readings))
    article_figures: list[FigureFacts] = []
    headline_claims: set[str] = set()
    named_places: set[str] = set()  # figures whose place the text names (not the article's area)
    for reading in readings:
        # Figures with no event cue at all are still compared within their own article.
        article_event = event_key(reading.event_kind, place) or EventKey("incident", article=article_key)
        claim = _claim_facts(reading, ids.next("c"), article_event, setting)
        result.claims.append(claim)
        if claim.is_headline:
            headline_claims.add(claim.key)
        article_figures += _sentence_figures(
            reading, claim, article_event, setting, ids, article_figures, named_places
        )
    result.figures.extend(
        _headlines_read_with_body(article_figures, headline_claims, named_places, published)
    )
    main_event = event_key(main_kind, place) or EventKey("incident", article=article_key)
    names = article_names([article.title or ""] + [reading.text for reading in readings])
    day = setting.event_dates.get(main_kind) if main_kind else None
    return ArticleEvent(main_event, day, published, names), place


def _main_event_kind(title: str, opening: list) -> str | None:
    """The article's event: the title's, unless the title only says "accident" and the opening names it
    ("Turkish mining accident" over "an explosion and fire at a coal mine")."""
    title_kind = kind_named(event_mentions(title))
    if title_kind is not None and title_kind not in GENERIC_KINDS:
        return title_kind
    kinds = [kind_named(event_mentions(sentence.text)) for sentence in opening]
    specific = next((kind for kind in kinds if kind and kind not in GENERIC_KINDS), None)
    generic = title_kind or next((kind for kind in kinds if kind), None)
    return specific or (GENERIC_KINDS.get(generic, generic) if generic else None)


def _read_sentences(sentences, article: ArticleInput, main_kind: str | None) -> list[_SentenceReading]:
    """Each sentence read in order: a speaker carries over ("he added"), and a figure may refer back to
    those of the sentences before it ("Among them, 22 ...")."""
    readings = []
    previous: Attribution | None = None
    known_speakers: dict[str, Attribution] = {}
    recent_figures: list[FigureMention] = []
    for sentence in sentences:
        reading = _read_sentence(sentence, article, previous, main_kind, known_speakers, recent_figures)
        recent_figures = (recent_figures + [figure for figure, *_ in reading.figures])[-RECENT_FIGURES:]
        if reading.attribution.is_attributed:
            previous = reading.attribution
            remember_speaker(known_speakers, reading.attribution)
        readings.append(reading)
    return readings


def _event_dates(readings: list[_SentenceReading]) -> dict[str, date]:
    """The first date given to each event dates the event for the whole article."""
    event_dates: dict[str, date] = {}
    for reading in readings:
        if reading.separate_from is not None:
            continue  # "a separate quake struck on February 20" dates that quake, not the article's
        if reading.event_kind and reading.event_date and reading.event_kind not in event_dates:
            event_dates[reading.event_kind] = reading.event_date
    return event_dates


def _claim_facts(
    reading: _SentenceReading, claim_key: str, article_event: EventKey, setting: _ArticleSetting
) -> ClaimFacts:
    """The claim of one sentence, about the article's event or (after "a separate ...") its own."""
    event = article_event
    if reading.separate_from is not None:
        # A separate occurrence of the same kind: its own day, or (undated) its own sentence.
        event = EventKey(
            event.kind, event.place, day=reading.event_date, article=None if reading.event_date else claim_key
        )
    score, reasons = score_sentence(
        reading.text,
        has_figure=bool(reading.figures),
        is_attributed=reading.attribution.is_attributed,
        has_event_date=reading.event_date is not None,
        has_event=reading.names_event,
    )
    article = setting.article
    return ClaimFacts(
        key=claim_key,
        article_key=setting.key,
        text=reading.text,
        start=reading.start,
        end=reading.end,
        publisher=article.publisher,
        published=article.published,
        speaker=reading.attribution.speaker,
        speaker_role=reading.attribution.speaker_role,
        via=reading.attribution.via,
        checkworthy=score,
        checkworthy_reasons=tuple(reasons),
        is_headline=reading.is_headline,
        event=event,
        event_date=reading.event_date,
    )


def _sentence_figures(
    reading: _SentenceReading,
    claim: ClaimFacts,
    article_event: EventKey,
    setting: _ArticleSetting,
    ids: _Numbering,
    article_figures: list[FigureFacts],
    named_places: set[str],
) -> list[FigureFacts]:
    """The figures of one sentence; those whose place the text names are added to `named_places`."""
    sentence_figures: list[FigureFacts] = []
    for mention, as_of, is_earlier, figure_when, past_year in reading.figures:
        amount = mention.amount
        where, is_named = _where(mention, reading.text, setting.area)
        event = _figure_event(reading, mention, figure_when, past_year, claim.event, article_event, setting)
        scope = mention.scope
        if scope is None and reading.is_sub_incident:
            scope = Scope(ScopeKind.PART_OF, mention.measure)  # one building's toll within the quake's
        figure = FigureFacts(
            key=ids.next("f"),
            claim_key=claim.key,
            text=mention.text,
            start=reading.start + mention.start,
            end=reading.start + mention.end,
            measure=mention.measure,
            subject=mention.subject,
            qualifier=amount.qualifier,
            value=amount.value,
            low=amount.low,
            high=amount.high,
            soft_low=amount.soft_low,
            soft_high=amount.soft_high,
            when=None
            if past_year is not None
            else figure_when or reading.event_date or setting.event_dates.get(reading.event_kind),
            as_of=as_of,
            where=where,
            event=event,
            is_earlier=is_earlier,
            is_projection=mention.is_projection,
            part_of=_whole_for(scope, sentence_figures, article_figures),
            part=scope,
            rule=mention.rule,
        )
        sentence_figures.append(figure)
        if is_named:
            named_places.add(figure.key)
    return sentence_figures


def _figure_event(
    reading: _SentenceReading,
    mention: FigureMention,
    figure_when: date | None,
    past_year: int | None,
    claim_event: EventKey,
    article_event: EventKey,
    setting: _ArticleSetting,
) -> EventKey:
    """The event a figure is about: its sentence's, unless it tells of an older or another occurrence."""
    if past_year is not None:  # "the 1939 earthquake, which killed 33,000": an older event
        return EventKey(claim_event.kind, claim_event.place, year=past_year)
    if reading.separate_from is not None and mention.start < reading.separate_from:
        return article_event  # said before the separate occurrence is introduced
    event_day = setting.event_dates.get(reading.event_kind)
    if _another_occurrence(figure_when, event_day):
        # "the plant's blast on July 12 killed 19", in a March story: another blast
        return EventKey(claim_event.kind, claim_event.place, day=figure_when)
    if month := _earlier_month(reading.text, event_day or setting.published):
        # "A blast at a plant in Sichuan left 19 dead and 12 injured in July", in a March story
        return EventKey(claim_event.kind, claim_event.place, day=month)
    return claim_event


def _headlines_read_with_body(
    figures: list[FigureFacts], headline_claims: set[str], named_places: set[str], published: date | None
) -> list[FigureFacts]:
    """The article's figures with its headline's read as summaries of its body: rounded, at the places
    and the latest moment of the body figures they stand for."""
    headline_keys = {figure.claim_key for figure in figures if figure.claim_key in headline_claims}
    figures = [
        _headline_rounding(figure) if figure.claim_key in headline_keys else figure for figure in figures
    ]
    figures = _headlines_at_body_places(figures, headline_keys, named_places)
    return _headlines_at_latest_moment(figures, headline_keys, published)


def _headline_rounding(figure: FigureFacts) -> FigureFacts:
    """A headline's bare round number is rounded: "4,000 injured" over a body's "more than 4,000".

    It stands for anything that rounds to it, down from half its last unit up to just under the next.
    """
    value = figure.value
    if figure.qualifier is not None or value is None or value < 100 or value % 100:
        return figure
    if figure.low != value or figure.high != value:
        return figure  # "Tens of thousands march": a vague amount keeps its own wide bounds
    unit = 10 ** min(3, len(str(int(value))) - len(str(int(value)).rstrip("0")))
    return replace(figure, soft_low=value - unit / 2, soft_high=value + unit - 1)


def _headlines_at_body_places(figures: list[FigureFacts], headline_claims: set[str], named: set[str]):
    """A headline figure naming no place takes the place of the body figure its range covers.

    "Quake toll passes 21 000" over "bringing the toll across both countries to 21 719" is the
    combined toll, not the article's first-named country's; "in Turkey alone" keeps its own place.
    """
    body = [figure for figure in figures if figure.claim_key not in headline_claims and figure.key in named]
    placed = []
    for figure in figures:
        if figure.claim_key in headline_claims and figure.key not in named:
            low, high = _range(figure)
            match = next(
                (
                    other
                    for other in body
                    if other.measure == figure.measure
                    and other.event == figure.event
                    and other.value is not None
                    and low * (1 - HEADLINE_RANGE_TOLERANCE) <= other.value <= high
                ),
                None,
            )
            if match is not None:
                figure = replace(figure, where=match.where)
        placed.append(figure)
    return placed


# A headline's "passes 41,000" still covers the body's "hitting 41,000".
HEADLINE_RANGE_TOLERANCE = 0.01


def _range(figure: FigureFacts) -> tuple[float, float]:
    low = next((bound for bound in (figure.soft_low, figure.low, figure.value) if bound is not None), 0)
    high = next((bound for bound in (figure.soft_high, figure.high) if bound is not None), float("inf"))
    return low, high


def _headlines_at_latest_moment(
    figures: list[FigureFacts], headline_claims: set[str], published: date | None
):
    """A headline's undated figure summarises the body's latest count of its measure and place.

    "Missing list falls below 100" over a body whose latest count "stood at 385 on Friday evening"
    is compared with that count, as of Friday.
    """
    latest: dict[tuple, date] = {}
    for figure in figures:
        key = (figure.measure, figure.where, figure.event)  # "a separate quake killed six" is no update
        is_body_count = figure.claim_key not in headline_claims and not figure.is_earlier and figure.as_of
        if is_body_count and figure.as_of > latest.get(key, date.min):
            latest[key] = figure.as_of
    return [
        replace(figure, as_of=latest[(figure.measure, figure.where, figure.event)])
        if figure.claim_key in headline_claims
        and figure.as_of == published
        and (figure.measure, figure.where, figure.event) in latest
        and latest[(figure.measure, figure.where, figure.event)] < figure.as_of
        else figure
        for figure in figures
    ]


def _where(mention, text: str, area: str | None) -> tuple[str | None, bool]:
    """The figure's place and whether the text names it: right after the figure ("12 died in
    Aleppo"), else in its clause, else the article's area (not named).

    An area its clause names ("more than 4,300 in Turkey and Syria") wins over one of its places.
    """
    local = _figure_place(mention.place)
    in_clause = clause_place(text, mention.start, mention.end, area)
    if in_clause and (local is None or local in place_parts(in_clause)):
        return in_clause, True
    return (local, True) if local else (area, False)


def _figure_place(local: str | None) -> str | None:
    """The figure's own place ("12 died in Aleppo"), or None; weekdays and months are not places."""
    if local is None or local.lower() in NOT_PLACES or local.lower().rstrip(".") in MONTHS:
        return None
    return local


def _whole_for(scope: Scope | None, sentence_figures: list[FigureFacts], article_figures: list[FigureFacts]):
    """The key of the figure a part refers to ("of them", "of the injured", "including")."""
    if scope is None:
        return None
    if scope.kind is ScopeKind.INCLUDING and sentence_figures:
        # "30 killed, 12 in Idlib and 18 in Aleppo": the whole is the last figure that is not a share.
        wholes = [figure for figure in sentence_figures if figure.part is None or not figure.part.is_part]
        if wholes:
            return wholes[-1].key
        # "124 bodies, including 54 males, 57 females": the whole of the breakdown, never a sibling item
        others = [figure for figure in sentence_figures if figure.part.kind is not ScopeKind.INCLUDING]
        return others[-1].key if others else None
    if scope.kind is ScopeKind.OF_THEM:
        earlier = sentence_figures or article_figures
        candidates = [figure for figure in earlier if not figure.is_projection]
        return candidates[-1].key if candidates else None
    if scope.kind is ScopeKind.PART_OF and scope.group != OTHERS:  # "the two others arrested": a sibling
        for figure in reversed(article_figures + sentence_figures):
            if figure.measure == scope.measure and figure.subject == "people" and figure.part is None:
                return figure.key
    return None


def analyze(articles: list[ArticleInput], *, with_contradictions: bool = True) -> AnalysisResult:
    """Analyse a batch of articles together: contradictions within and across them."""
    result = AnalysisResult()
    ids = _Numbering()
    article_events: list[ArticleEvent] = []
    places: list[str | None] = []
    spans: list[tuple[int, int]] = []
    for article in articles:
        article_key = ids.next("a")
        result.articles.append(
            ArticleRecord(
                key=article_key,
                path=article.path,
                title=article.title,
                publisher=article.publisher,
                url=article.url,
                published=article.published,
                published_text=article.published_text,
            )
        )
        claims_before = len(result.claims)
        article_event, place = _analyze_article(article, article_key, ids, result)
        article_events.append(article_event)
        places.append(place)
        spans.append((claims_before, len(result.claims)))
    _share_event_keys(result, article_events, places, spans)
    _share_sentence_events(result)
    if with_contradictions:  # the ingest skips this: it compares with everything stored instead
        result.contradictions, result.notes = find_contradictions(result.claims, result.figures)
    return result


def _share_event_keys(result: AnalysisResult, events: list[ArticleEvent], places, spans) -> None:
    """One event named after different places by different outlets gets one key (and one place)."""
    renamed = _rename_article_events(result, events, unify_events(events), places, spans)
    if not renamed:
        return
    for position, figure in enumerate(result.figures):
        change = renamed.get(figure.claim_key)
        if change is None:
            continue
        old_key, new_key, old_place, new_place = change
        updates = {}
        if figure.event == old_key:
            updates["event"] = new_key
        if figure.where == old_place:
            updates["where"] = new_place  # the article's own place, not one the figure names
        if updates:
            result.figures[position] = replace(figure, **updates)


def _rename_article_events(
    result: AnalysisResult, events: list[ArticleEvent], canonical: list[EventKey], places, spans
) -> dict[str, tuple[EventKey, EventKey, str | None, str | None]]:
    """Give the claims of each article whose event is known by another key that key; return, per claim,
    (old key, new key, old place, new place) for its figures."""
    first_with_key: dict[EventKey, int] = {}
    for index, event in enumerate(events):
        first_with_key.setdefault(event.key, index)
    renamed: dict[str, tuple[EventKey, EventKey, str | None, str | None]] = {}
    for index, (event, resolved) in enumerate(zip(events, canonical, strict=True)):
        if resolved == event.key:
            continue
        display = places[first_with_key[resolved]] if resolved in first_with_key else resolved.place
        start, end = spans[index]
        for position in range(start, end):
            claim = result.claims[position]
            if claim.event == event.key:
                result.claims[position] = replace(claim, event=resolved)
            renamed[claim.key] = (event.key, resolved, places[index], display)
    return renamed


def _share_sentence_events(result: AnalysisResult) -> None:
    """A sentence about an event of another kind than its article's ("the stampede" in a report headed by
    the riot) names the one event of that kind the batch reports within days of its article, if one."""
    published = {article.key: published_day(article.published) for article in result.articles}
    article_events: dict[str, EventKey] = {}
    for claim in result.claims:  # an article's main event is the one its first sentence is about
        if claim.event is not None:
            article_events.setdefault(claim.article_key, claim.event)
    main_keys = set(article_events.values())
    of_kind: dict[str, dict[EventKey, list[date]]] = defaultdict(lambda: defaultdict(list))
    for article_key, key in article_events.items():
        if key.year is None and key.day is None and key.article is None and published[article_key]:
            of_kind[key.kind][key].append(published[article_key])
    moved: dict[tuple[str, EventKey], EventKey] = {}
    for position, claim in enumerate(result.claims):
        key, day = claim.event, published.get(claim.article_key)
        if key is None or day is None or key in main_keys or key.year or key.day or key.article:
            continue
        candidates = [
            candidate
            for candidate, days in of_kind.get(key.kind, {}).items()
            if any(abs((day - other).days) <= MAX_DAYS_APART_SAME_EVENT + 1 for other in days)
        ]
        if len(candidates) == 1:
            moved[claim.article_key, key] = candidates[0]
            result.claims[position] = replace(claim, event=candidates[0])
    _move_figures(result, moved)


def _move_figures(result: AnalysisResult, moved: dict[tuple[str, EventKey], EventKey]) -> None:
    """Give each figure the event its sentence's was moved to: `moved` maps (article, old key) to the new key."""
    if not moved:
        return
    article_of = {claim.key: claim.article_key for claim in result.claims}
    for position, figure in enumerate(result.figures):
        target = moved.get((article_of[figure.claim_key], figure.event))
        if target is not None:
            result.figures[position] = replace(figure, event=target)


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def analysis_to_json(result: AnalysisResult) -> dict:
    """The JSON document of the `manage.py analyze --format json` contract."""
    return {
        "articles": [_article_json(article) for article in result.articles],
        "claims": [_claim_json(claim) for claim in result.claims],
        "figures": [_figure_json(figure) for figure in result.figures],
        "contradictions": [
            _contradiction_json(f"x{index}", contradiction)
            for index, contradiction in enumerate(result.contradictions, start=1)
        ],
        "notes": list(result.notes),
    }


def _article_json(article: ArticleRecord) -> dict:
    return {
        "id": article.key,
        "path": article.path,
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
        "published": article.published_text,
    }


def _claim_json(claim: ClaimFacts) -> dict:
    return {
        "id": claim.key,
        "article": claim.article_key,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "speaker": claim.speaker,
        "speaker_role": claim.speaker_role,
        "via": list(claim.via),
        "checkworthy": claim.checkworthy,
        "checkworthy_reasons": list(claim.checkworthy_reasons),
        "is_headline": claim.is_headline,
        "event": str(claim.event) if claim.event else None,
        "event_date": _iso(claim.event_date),
    }


def _figure_json(figure: FigureFacts) -> dict:
    return {
        "id": figure.key,
        "claim": figure.claim_key,
        "text": figure.text,
        "start": figure.start,
        "end": figure.end,
        "measure": figure.measure,
        "subject": figure.subject,
        "qualifier": figure.qualifier,
        "value": _number(figure.value),
        "low": _number(figure.low),
        "high": _number(figure.high),
        "soft_low": _number(figure.soft_low),
        "soft_high": _number(figure.soft_high),
        "when": _iso(figure.when),
        "as_of": _iso(figure.as_of),
        "where": figure.where,
        "event": str(figure.event) if figure.event else None,
        "is_earlier": figure.is_earlier,
        "is_projection": figure.is_projection,
        "part_of": figure.part_of,
        "scope": figure.scope,
        "part_place": figure.part.place if figure.part else None,
        "rule": figure.rule,
    }


def _contradiction_json(key: str, contradiction: Contradiction) -> dict:
    return {
        "id": key,
        "kind": contradiction.kind,
        "severity": contradiction.severity,
        "claims": list(contradiction.claim_keys),
        "figures": list(contradiction.figure_keys),
        "explanation": contradiction.explanation,
    }
