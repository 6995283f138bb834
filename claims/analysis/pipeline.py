"""Tie the analysis together: articles in, claims, figures and contradictions out.

`analyze()` reads every sentence of every article (speaker, dates, event, figures),
builds self-contained `ClaimFacts` / `FigureFacts` records and runs contradiction
detection across the whole batch. `analysis_to_json()` gives the JSON of the
`manage.py analyze` contract.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime

from .attribution import Attribution, attribute, remember_speaker
from .checkworthiness import score_sentence
from .constructions import FigureMention, find_figures
from .contradictions import detect_contradictions
from .documents import ArticleInput
from .events import date_belongs_to_event, event_key, event_kind, event_mentions, find_place
from .facts import ClaimFacts, Contradiction, FigureFacts, Scope, ScopeKind
from .sentences import split_sentences
from .timeline import DateMention, find_dates, published_day

REPORTING_VERB_BEFORE_RE = re.compile(
    r"\b(?:said|says|told|announced|reported|added|confirmed|stated|tweeted|declared|estimated|updated)\b"
    r"(?:\s+\S+){0,6}?\s+(?:late\s+|early\s+|earlier\s+)?(?:on\s+|by\s+)?$",
    re.IGNORECASE,
)
AS_OF_BEFORE_RE = re.compile(r"\b(?:by|as of|as at|until|up to)\s+(?:late\s+|early\s+)?$", re.IGNORECASE)
EARLIER_STATE_RE = re.compile(
    r"\b(?:had said|had reported|had put|had given|had announced|had confirmed|earlier|previously|initially|"
    r"at first|first reported)\b"
    # "revising down an earlier estimate": the earlier figure is another one, this one is the new count.
    r"(?!\s+(?:estimates?|figures?|counts?|tolls?|reports?|tallies|tally|numbers?)\b)",
    re.IGNORECASE,
)
# ", not seven as earlier reported": the correction's "earlier" belongs to its own clause.
CLAUSE_SPLIT_RE = re.compile(r";|,?\s+but\s+|,\s+(?:while|whereas|although|not)\s+")
TERMINAL_PUNCTUATION = '.!?…"”’:;'
MAX_WORDS_FIGURE_TO_DATE = 6
NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "the", "hospital", "total",
}  # fmt: skip
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
    figures: list = field(default_factory=list)  # (FigureMention, as_of, is_earlier)


def _is_headline(sentence) -> bool:
    """A line that stands alone without terminal punctuation: a headline or subheading."""
    return (
        sentence.is_line and sentence.text[-1] not in TERMINAL_PUNCTUATION and len(sentence.text.split()) >= 3
    )


def _classify_dates(text: str, dates: list[DateMention], figure_ends: list[tuple[int, bool]]):
    """Split a sentence's dates into statement/as-of dates, event dates, figure dates (the moment a count
    refers to: "down from more than 60 on Friday") and casualty dates ("were killed on Wednesday night")."""
    statement, event_dates, figure_dates, casualty_dates = [], [], {}, {}
    events = event_mentions(text)
    for mention in dates:
        if mention.day is None:
            continue
        if mention.text.lower() in CURRENT_RELATIVE_DATES:
            continue  # "admitted overnight" in a morning article is this morning's count
        before = text[max(0, mention.start - 100) : mention.start]
        if mention.is_possessive:
            if date_belongs_to_event(text, mention.start, mention.end, True):
                event_dates.append(mention)
            continue
        if AS_OF_BEFORE_RE.search(before) or REPORTING_VERB_BEFORE_RE.search(before):
            statement.append(mention)
            continue
        attached = None
        for index, (figure_end, _) in enumerate(figure_ends):
            gap = text[figure_end : mention.start]
            # "down from more than 60 on Friday": a date right after a figure is that figure's moment.
            is_close = figure_end <= mention.start and len(gap.split()) <= MAX_WORDS_FIGURE_TO_DATE
            crosses_event = any(figure_end <= start < mention.start for start, _, _ in events)
            if is_close and not crosses_event and "," not in gap and ";" not in gap:
                attached = index
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


def _clause_starts(text: str) -> list[int]:
    """Where each clause of the sentence starts: a statement date or "had said" stays in its clause."""
    return [0] + [match.end() for match in CLAUSE_SPLIT_RE.finditer(text)]


def _read_sentence(
    sentence,
    article: ArticleInput,
    previous: Attribution | None,
    main_kind: str | None,
    known_speakers: dict[str, Attribution],
    recent_figures: list[FigureMention],
):
    text = sentence.text
    day_published = published_day(article.published)
    attribution = attribute(text, previous, known_speakers)
    mentions = find_figures(text, recent_figures)
    dates = find_dates(text, article.published)
    figure_ends = [(m.end, m.text.rstrip()[-1:].isdigit()) for m in mentions]
    statement, event_dates, figure_dates, casualty_dates = _classify_dates(text, dates, figure_ends)
    clause_starts = _clause_starts(text)
    earlier_markers = [match.start() for match in EARLIER_STATE_RE.finditer(text)]

    def clause_of(position: int) -> int:
        return bisect_right(clause_starts, position) - 1

    statement_by_clause = {}
    for mention in statement:
        statement_by_clause.setdefault(clause_of(mention.start), mention)
    earlier_clauses = {clause_of(position) for position in earlier_markers}
    as_of = statement[0].day if statement else day_published
    kind = event_kind(text)
    reading = _SentenceReading(
        start=sentence.start,
        end=sentence.end,
        text=text,
        is_headline=_is_headline(sentence),
        attribution=attribution,
        event_kind=kind or main_kind,
        event_date=event_dates[0].day if event_dates and (kind or main_kind) else None,
        as_of=as_of,
        is_earlier=bool(earlier_markers),
    )
    for position, mention in enumerate(mentions):
        clause = clause_of(mention.start)
        # A statement date covers its own clause and those before it ("A; B, officials said on Sunday").
        stated = next((statement_by_clause[c] for c in sorted(statement_by_clause) if c >= clause), None)
        clause_as_of = stated.day if stated else day_published
        figure_date = figure_dates.get(position)
        figure_as_of = figure_date.day if figure_date else clause_as_of
        # "late on Tuesday" in a later article, "had said", "up from 100", "down from 60 on Friday".
        stated_late = bool(stated and stated.is_late and day_published and stated.day < day_published)
        figure_is_earlier = (
            clause in earlier_clauses
            or stated_late
            or mention.is_earlier
            or bool(figure_as_of and clause_as_of and figure_as_of < clause_as_of)
        )
        casualty_date = casualty_dates.get(position)
        figure_when = casualty_date.day if casualty_date else None
        reading.figures.append((mention, figure_as_of, figure_is_earlier, figure_when))
    return reading


class _Numbering:
    """Short ids: a1, c1, f1 ... across the batch."""

    def __init__(self):
        self.counts: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"


def _analyze_article(
    article: ArticleInput, article_key: str, ids: _Numbering, result: AnalysisResult
) -> None:
    sentences = split_sentences(article.body)
    opening = [article.title or ""] + [sentence.text for sentence in sentences[:4]]
    place = find_place(opening)
    main_kind = event_kind(article.title or "") or next(
        (kind for kind in (event_kind(sentence.text) for sentence in sentences[:6]) if kind), None
    )
    readings = []
    previous: Attribution | None = None
    known_speakers: dict[str, Attribution] = {}
    recent_figures: list[FigureMention] = []  # figures of the last sentences, for "Among them, 22 ..."
    for sentence in sentences:
        reading = _read_sentence(sentence, article, previous, main_kind, known_speakers, recent_figures)
        recent_figures = (recent_figures + [figure for figure, *_ in reading.figures])[-RECENT_FIGURES:]
        if reading.attribution.is_attributed:
            previous = reading.attribution
            remember_speaker(known_speakers, reading.attribution)
        readings.append(reading)

    # The first date given to each event dates the event for the whole article.
    event_dates: dict[str, date] = {}
    for reading in readings:
        if reading.event_kind and reading.event_date and reading.event_kind not in event_dates:
            event_dates[reading.event_kind] = reading.event_date

    article_figures: list[FigureFacts] = []
    for reading in readings:
        # Figures with no event cue at all are still compared within their own article.
        key = event_key(reading.event_kind, place) or f"incident#{article_key}"
        score, reasons = score_sentence(
            reading.text,
            has_figure=bool(reading.figures),
            is_attributed=reading.attribution.is_attributed,
            has_event_date=reading.event_date is not None,
            has_event=event_kind(reading.text) is not None,
        )
        claim = ClaimFacts(
            key=ids.next("c"),
            article_key=article_key,
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
            event=key,
            event_date=reading.event_date,
        )
        result.claims.append(claim)
        sentence_figures: list[FigureFacts] = []
        for mention, as_of, is_earlier, figure_when in reading.figures:
            amount = mention.amount
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
                when=figure_when or reading.event_date or event_dates.get(reading.event_kind),
                as_of=as_of,
                where=_figure_place(mention.place, place),
                event=key,
                is_earlier=is_earlier,
                is_projection=mention.is_projection,
                part_of=_whole_for(mention.scope, sentence_figures, article_figures),
                part=mention.scope,
                rule=mention.rule,
            )
            sentence_figures.append(figure)
        article_figures.extend(sentence_figures)
    result.figures.extend(article_figures)


def _figure_place(local: str | None, article_place: str | None) -> str | None:
    """The figure's own place ("12 died in Aleppo") or the article's; weekdays and months are not places."""
    if local is None or local.lower() in NOT_PLACES:
        return article_place
    return local


def _whole_for(scope: Scope | None, sentence_figures: list[FigureFacts], article_figures: list[FigureFacts]):
    """The key of the figure a part refers to ("of them", "of the injured", "including")."""
    if scope is None:
        return None
    if scope.kind is ScopeKind.INCLUDING and sentence_figures:
        # "30 killed, 12 in Idlib and 18 in Aleppo": the whole is the last figure that is not a share.
        wholes = [figure for figure in sentence_figures if figure.part is None or not figure.part.is_part]
        return (wholes or sentence_figures)[-1].key
    if scope.kind is ScopeKind.OF_THEM:
        earlier = sentence_figures or article_figures
        candidates = [figure for figure in earlier if not figure.is_projection]
        return candidates[-1].key if candidates else None
    if scope.kind is ScopeKind.PART_OF:
        for figure in reversed(article_figures + sentence_figures):
            if figure.measure == scope.measure and figure.subject == "people" and figure.part is None:
                return figure.key
    return None


def analyze(articles: list[ArticleInput], *, with_contradictions: bool = True) -> AnalysisResult:
    """Analyse a batch of articles together: contradictions within and across them."""
    result = AnalysisResult()
    ids = _Numbering()
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
        _analyze_article(article, article_key, ids, result)
    if with_contradictions:  # the ingest skips this: it compares with everything stored instead
        result.contradictions = detect_contradictions(result.claims, result.figures)
    return result


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def analysis_to_json(result: AnalysisResult) -> dict:
    """The JSON document of the `manage.py analyze --format json` contract."""
    return {
        "articles": [
            {
                "id": article.key,
                "path": article.path,
                "title": article.title,
                "publisher": article.publisher,
                "url": article.url,
                "published": article.published_text,
            }
            for article in result.articles
        ],
        "claims": [
            {
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
                "event": claim.event,
                "event_date": _iso(claim.event_date),
            }
            for claim in result.claims
        ],
        "figures": [
            {
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
                "event": figure.event,
                "is_earlier": figure.is_earlier,
                "is_projection": figure.is_projection,
                "part_of": figure.part_of,
                "scope": figure.scope,
                "part_place": figure.part.place if figure.part else None,
                "rule": figure.rule,
            }
            for figure in result.figures
        ],
        "contradictions": [
            {
                "id": f"x{index}",
                "kind": contradiction.kind,
                "severity": contradiction.severity,
                "claims": list(contradiction.claim_keys),
                "figures": list(contradiction.figure_keys),
                "explanation": contradiction.explanation,
            }
            for index, contradiction in enumerate(result.contradictions, start=1)
        ],
    }
