"""Find figures and dates that cannot all be true.

A pure function over `ClaimFacts` and `FigureFacts` records, so it works the same on a new
batch of articles and on figures rebuilt from the database. Rules:

- count: the same measure, group, event and moment with bounds that cannot overlap (a share
  such as "19 of the dead" is never a rival of a total); a cumulative count (killed,
  injured, detained, displaced) may rise later but not fall;
- subset: a part larger than its whole (critical <= hospitalized <= injured at the same
  moment, officers killed <= all killed, "400 of them");
- time: one instantaneous event (an explosion, an earthquake) dated to different days.

Candidates are blocked by (event, measure) and by article, so the work grows with the
number of figures, not with the number of pairs.
"""

import re
from collections import defaultdict
from datetime import date, datetime

from .events import INSTANT_EVENTS
from .facts import ClaimFacts, Contradiction, FigureFacts
from .measures import CUMULATIVE_MEASURES, SUBJECT_PARENT

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
# Words that present a figure as a later update within the same article ("by evening, 300").
UPDATE_RE = re.compile(
    r"\b(?:later|by (?:the )?(?:evening|afternoon|night|morning|nightfall)|has since|have since|since risen|"
    r"rose|risen|climbed|climbs|increased|jumped|now)\b",
    re.IGNORECASE,
)


def _format_amount(figure: FigureFacts) -> str:
    return "“" + figure.text.strip("“”\"' ") + "”"


def _outlet(claim: ClaimFacts) -> str:
    return claim.publisher or f"article {claim.article_key}"


def _moment(claim: ClaimFacts) -> datetime | date | None:
    return claim.published


def _severity(larger_low: float, smaller_high: float) -> str:
    if smaller_high <= 0:
        return "high"
    ratio = larger_low / smaller_high
    if ratio >= 2:
        return "high"
    if ratio >= 1.25:
        return "medium"
    return "low"


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


def _same_occurrence(a: FigureFacts, b: FigureFacts) -> bool:
    """False when both figures are dated to days too far apart to be one event (two fires in one city)."""
    if a.when is None or b.when is None:
        return True
    return abs((a.when - b.when).days) <= MAX_DAYS_FOR_TIME_CONFLICT


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


class _Finder:
    """Collects contradictions, each pair of claims once."""

    def __init__(self, claims: list[ClaimFacts], figures: list[FigureFacts]):
        self.claims = {claim.key: claim for claim in claims}
        self.figures = figures
        self.figures_by_key = {figure.key: figure for figure in figures}
        self.found: dict[frozenset[str], Contradiction] = {}

    def claim(self, figure: FigureFacts) -> ClaimFacts:
        return self.claims[figure.claim_key]

    def add(
        self, kind: str, severity: str, claim_a: ClaimFacts, claim_b: ClaimFacts, figure_keys, explanation
    ):
        pair = frozenset((claim_a.key, claim_b.key))
        known = self.found.get(pair)
        if known is not None and (
            known.kind != kind or SEVERITY_RANK[known.severity] >= SEVERITY_RANK[severity]
        ):
            return  # each pair of claims once: the first kind found, its most severe reading
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

    # count -------------------------------------------------------------------------------
    def find_counts(self, usable: list[FigureFacts]) -> None:
        blocks: dict[tuple[str, str], list[FigureFacts]] = defaultdict(list)
        for figure in usable:
            if not figure.is_earlier:
                blocks[(figure.event, figure.measure)].append(figure)
        for (_, measure), block in blocks.items():
            by_article: dict[str, list[FigureFacts]] = defaultdict(list)
            for figure in block:
                by_article[self.claim(figure).article_key].append(figure)
            for article_figures in by_article.values():
                self._same_moment_pairs(article_figures)
            if measure in CUMULATIVE_MEASURES:
                self._falling_counts(block)

    def _same_moment_pairs(self, figures: list[FigureFacts]) -> None:
        """Within one article: figures for the same group and day must overlap."""
        for index, first in enumerate(figures):
            for second in figures[index + 1 :]:
                claim_a, claim_b = self.claim(first), self.claim(second)
                if _is_share(first) or _is_share(second):
                    continue
                if first.part_of == second.key or second.part_of == first.key:
                    continue
                if first.as_of != second.as_of or not _same_group(first, second, claim_a, claim_b):
                    continue
                if first.where != second.where or not _same_occurrence(first, second):
                    continue  # "12 died in Aleppo" is a part of the toll, not a rival count
                if first.claim_key == second.claim_key:
                    continue  # one sentence with two numbers for one measure is a breakdown or an update
                order = _disjoint(first, second)
                if order is None:
                    continue
                larger, smaller = order
                if larger.measure in CUMULATIVE_MEASURES and UPDATE_RE.search(self.claim(larger).text):
                    continue  # the larger count is presented as a later update of a rising toll
                explanation = (
                    f"{_outlet(claim_a)} reports {_format_amount(first)}, but the same article says "
                    f"{_format_amount(second)}."
                )
                self.add(
                    "count",
                    _severity(_soft(larger)[0], _soft(smaller)[1]),
                    claim_a,
                    claim_b,
                    (first.key, second.key),
                    explanation,
                )

    def _falling_counts(self, block: list[FigureFacts]) -> None:
        """Across articles: a cumulative count stated later may not be lower than an earlier one."""
        by_subject: dict[tuple[str, str | None], list[FigureFacts]] = defaultdict(list)
        for figure in block:
            if figure.as_of is not None and figure.scope is None:
                by_subject[(figure.subject, figure.where)].append(figure)
        for figures in by_subject.values():
            figures.sort(key=lambda figure: (figure.as_of, _sortable(self.claim(figure).published)))
            # The highest floors reported at earlier moments, one per article, the top few only:
            # comparing with every earlier article would make a busy event quadratic.
            top_earlier: list[FigureFacts] = []
            pending: list[FigureFacts] = []
            current_moment = None
            for figure in figures:
                moment = (figure.as_of, _sortable(self.claim(figure).published))
                if moment != current_moment:
                    for earlier in pending:
                        top_earlier = self._keep_highest(top_earlier, earlier)
                    pending = []
                    current_moment = moment
                pending.append(figure)
                later_claim = self.claim(figure)
                _, later_high = _soft(figure)
                if later_high is None:
                    continue
                for earlier in top_earlier:
                    earlier_claim = self.claim(earlier)
                    if (
                        earlier_claim.article_key == later_claim.article_key
                        or _soft(earlier)[0] <= later_high
                        or not _same_occurrence(earlier, figure)
                    ):
                        continue
                    explanation = (
                        f"{_outlet(later_claim)} reports {_format_amount(figure)} as of {figure.as_of}, "
                        f"fewer than the {_format_amount(earlier)} {_outlet(earlier_claim)} reported as of "
                        f"{earlier.as_of}; a cumulative count cannot fall."
                    )
                    self.add(
                        "count",
                        _severity(_soft(earlier)[0], later_high),
                        earlier_claim,
                        later_claim,
                        (earlier.key, figure.key),
                        explanation,
                    )

    def _keep_highest(self, top: list[FigureFacts], candidate: FigureFacts) -> list[FigureFacts]:
        """The top list with `candidate` merged in: highest floor first, one figure per article."""
        article = self.claim(candidate).article_key
        same = [figure for figure in top if self.claim(figure).article_key == article]
        if same and _soft(same[0])[0] >= _soft(candidate)[0]:
            return top
        merged = [figure for figure in top if self.claim(figure).article_key != article] + [candidate]
        merged.sort(key=lambda figure: _soft(figure)[0], reverse=True)
        return merged[:MAX_PARTNERS]

    # subset ------------------------------------------------------------------------------
    def find_subsets(self, usable: list[FigureFacts]) -> None:
        by_article_event: dict[tuple[str, str], list[FigureFacts]] = defaultdict(list)
        for figure in usable:
            if not figure.is_earlier:
                by_article_event[(self.claim(figure).article_key, figure.event)].append(figure)
        for figures in by_article_event.values():
            for part in figures:
                for whole in figures:
                    if part is whole or part.as_of != whole.as_of:
                        continue
                    if self._is_part_of(part, whole):
                        self._check_part(part, whole)
        for part in usable:
            whole = self.figures_by_key.get(part.part_of) if part.part_of else None
            if whole is not None and not whole.is_projection:
                self._check_part(part, whole)

    def _is_part_of(self, part: FigureFacts, whole: FigureFacts) -> bool:
        if whole.scope is not None and whole.scope != "same_group":
            return False
        if part.measure in WHOLE_OF_MEASURE and whole.measure in WHOLE_OF_MEASURE[part.measure]:
            return _is_within(part.subject, whole.subject)
        if part.measure == whole.measure and part.subject != whole.subject:
            return _is_within(part.subject, whole.subject)
        return False

    def _check_part(self, part: FigureFacts, whole: FigureFacts) -> None:
        part_low, _ = _soft(part)
        _, whole_high = _soft(whole)
        if whole_high is None or part_low <= whole_high:
            return
        claim_part, claim_whole = self.claim(part), self.claim(whole)
        where = (
            "the same article" if claim_part.article_key == claim_whole.article_key else _outlet(claim_whole)
        )
        explanation = (
            f"{_outlet(claim_part)} reports {_format_amount(part)} ({part.measure}, {part.subject}), "
            f"more than the {_format_amount(whole)} ({whole.measure}, {whole.subject}) in {where} "
            "that should include them."
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
        by_event: dict[str, dict[date, list[ClaimFacts]]] = defaultdict(lambda: defaultdict(list))
        for claim in self.claims.values():
            if claim.event and claim.event_date and claim.event.split("@")[0] in INSTANT_EVENTS:
                by_event[claim.event][claim.event_date].append(claim)
        for event, by_date in by_event.items():
            days = sorted(by_date)
            for index, day in enumerate(days):
                for other_day in days[index + 1 :]:
                    if (other_day - day).days > MAX_DAYS_FOR_TIME_CONFLICT:
                        continue
                    self._date_pairs(event, by_date[day], by_date[other_day])

    def _date_pairs(self, event: str, first_group: list[ClaimFacts], second_group: list[ClaimFacts]) -> None:
        # A few representative articles on one side keep this linear in the number of claims.
        firsts = dict(
            list({claim.article_key: claim for claim in reversed(first_group)}.items())[-MAX_PARTNERS:]
        )
        for claim_b in second_group:
            for claim_a in firsts.values():
                kind_name = event.split("@")[0]
                other = (
                    "elsewhere the same article"
                    if claim_a.article_key == claim_b.article_key
                    else _outlet(claim_a)
                )
                explanation = (
                    f"{_outlet(claim_b)} dates the {kind_name} to {claim_b.event_date:%A %d %B %Y}, but "
                    f"{other} dates it to {claim_a.event_date:%A %d %B %Y}."
                )
                self.add("time", "medium", claim_a, claim_b, (), explanation)


def _sortable(published: datetime | date | None) -> str:
    """A sort key for publication moments that mixes dates, aware and naive datetimes."""
    if published is None:
        return ""
    if isinstance(published, datetime):
        if published.tzinfo is not None:
            from datetime import UTC

            published = published.astimezone(UTC).replace(tzinfo=None)
        return published.isoformat()
    return published.isoformat()


def detect_contradictions(claims: list[ClaimFacts], figures: list[FigureFacts]) -> list[Contradiction]:
    """Every contradiction among the given claims and figures, each pair of claims once per kind."""
    finder = _Finder(claims, figures)
    usable = finder.comparable()
    finder.find_counts(usable)
    finder.find_subsets(usable)
    finder.find_time_conflicts()
    return list(finder.found.values())
