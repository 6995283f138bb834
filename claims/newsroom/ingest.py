"""Turning analysis results into rows: one ingest path for the command line, the desk and the demo.

`ingest_article` stores an article with its claims, figures and sources, then looks for contradictions
between the new figures and everything already stored. The analysis runs outside any transaction and
within a time and memory budget; rows are written in bulk in short transactions, so readers and other
ingests never wait long. It is idempotent: the same text (or the same URL) ingested again returns the
stored article and changes nothing, so the status an editor gave a contradiction survives.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from .. import analysis
from ..desk.board.badges import forget_open_contradiction_count
from ..events.matching import store_matches
from ..events.proposing import propose_events
from ..models import Article, Claim, ClaimRelay, Contradiction, Figure, Source, SourceAlias, content_hash
from ..name_matching import (
    best_person_match,
    comparison_keys,
    is_generic_body,
    mixed_script_words,
    visible_name,
)
from .budgets import run_within_budget
from .comparison import strongest_contradictions
from .mapping import claim_facts, claim_row, figure_facts, figure_row
from .workers import heartbeat

# Words that mark an organisation rather than a person when the analysis names a speaker.
ORGANISATION_WORDS = {
    "ministry", "department", "office", "police", "agency", "service", "committee", "government",
    "council", "association", "cross", "crescent", "embassy", "army", "guard", "court", "hospital",
    "television", "tv", "radio", "news", "press", "authorities", "officials", "company", "group",
}  # fmt: skip
BROADCASTER_WORDS = {"television", "tv", "radio", "channel", "broadcaster", "24"}
AGENCY_NAMES = {"interfax", "tass", "reuters", "ap", "afp", "ria novosti", "xinhua", "anadolu", "sputnik"}


@dataclass
class IngestResult:
    article: Article
    created: bool
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)


# --- sources -------------------------------------------------------------------------------------------


def guess_kind(name, default):
    words = set(name.casefold().replace("-", " ").split())
    if name.casefold() in AGENCY_NAMES:
        return Source.Kind.AGENCY
    if words & BROADCASTER_WORDS:
        return Source.Kind.BROADCASTER
    if words & ORGANISATION_WORDS:
        return Source.Kind.OFFICIAL_BODY if default == Source.Kind.PERSON else default
    return default


def resolve_source(name, kind=Source.Kind.OUTLET):
    """The stored source for `name`, else a new one; None for no name or a generic body.

    In order: the same name or an alias (however it is spelt, claims/name_matching.py); None for a
    generic body such as "the police", which stays the claim's own words until an editor links it; the
    same outlet but for a medium word ("Khabar-24 TV" is "Khabar 24"); for people, a close spelling. A
    new source whose name only looks like another's ("Nоmad Wirе" with Cyrillic letters) is created but
    flagged for an admin as a possible duplicate, never silently folded in or left unnoticed.
    """
    name = visible_name(name)
    if not name:
        return None
    found = Source.objects.matching(name).first()
    if found:
        return found
    if is_generic_body(name):
        return None
    keys = comparison_keys(name)
    found = Source.objects.same_outlet_as(keys).first()
    if found:
        return found
    kind = guess_kind(name, kind)
    if kind == Source.Kind.PERSON:
        people = Source.objects.filter(kind=Source.Kind.PERSON)
        candidates = [(p.name, p.pk) for p in people] + [
            (a.name, a.source_id) for a in SourceAlias.objects.filter(source__kind=Source.Kind.PERSON)
        ]
        match = best_person_match(name, candidates)
        if match:
            person = Source.objects.get(pk=match)
            person.add_alias(name)
            return person
    twin = Source.objects.filter(look_alike_key=keys.look_alike_key).first()
    try:
        with transaction.atomic():
            return Source.objects.create(
                name=name, kind=kind, possible_duplicate_of=twin, review_note=review_note(name, twin)
            )
    except IntegrityError:  # created meanwhile by a concurrent ingest
        return Source.objects.matching(name).get()


def find_or_create_source(name, kind=Source.Kind.OUTLET):
    """The source a person names on purpose (an editor's evidence, an imported review, the demo's list),
    by resolve_source's rules; a generic body named so ("the police") is kept as a source of its own,
    since there is no other place for the name. None only for an empty name."""
    source = resolve_source(name, kind)
    name = visible_name(name)
    if source or not name:
        return source
    try:
        with transaction.atomic():
            return Source.objects.matching(name).first() or Source.objects.create(name=name, kind=kind)
    except IntegrityError:  # created meanwhile by a concurrent request
        return Source.objects.matching(name).get()


def unlinked_speaker(name):
    """A generic body's own words ("the regional health department"), kept on the claim in place of a
    source (see resolve_source); empty for any other name."""
    return visible_name(name) if name and is_generic_body(name) else ""


def review_note(name, twin):
    """Why an admin should look at a new source, in words; empty when nothing is odd about it."""
    mixed = mixed_script_words(name)
    if twin and mixed:
        return (
            f"Looks like “{twin.name}” but is spelt with letters from another alphabet ({', '.join(mixed)})."
        )
    if twin:
        return f"Differs from “{twin.name}” only in look-alike letters or a medium word: perhaps the same source."
    if mixed:
        return f"Mixes letters from different alphabets in one word ({', '.join(mixed)})."
    return ""


# --- articles ------------------------------------------------------------------------------------------


def existing_article(body, url=""):
    query = Q(content_hash=content_hash(body))
    if url:
        query |= Q(url=url)
    return Article.objects.filter(query).first()


def publication_time(published):
    """An aware datetime for an article's publication: a bare date stands for noon UTC that day (so no
    time zone moves it to another day) and a naive date-time is read as UTC. The one rule for every
    way an article comes in (the command line, the desk's forms, the demo)."""
    if isinstance(published, datetime):
        return published if published.tzinfo else published.replace(tzinfo=UTC)
    if isinstance(published, date):
        return datetime.combine(published, time(12, 0), tzinfo=UTC)
    return None


def ingest_article(body, *, title="", publisher="", published_at=None, url="", by=None, path="article"):
    """Store one article with everything the analysis finds in it; the stored one if it is already here.

    Three steps, so that no transaction waits on the analysis: analyse (no transaction), store the
    article with its claims and figures (one short transaction, a query per kind of row), then compare
    its figures with the stored ones and store the contradictions (analysis outside, one short
    transaction to write). An article stored but never compared (the worker died in between) is
    compared when it is ingested again.
    """
    if not body or not body.strip():
        raise ValueError("The article has no text.")
    found = existing_article(body, url)
    if found:
        new = [] if found.contradictions_checked else store_contradictions(found)
        return IngestResult(article=found, created=False, claims=list(found.claims.all()), contradictions=new)
    article_input = analysis.ArticleInput(
        path=path,
        body=body,
        title=title or None,
        publisher=publisher or None,
        published=published_at,
        url=url or None,
    )
    result = within_budget(analysis.analyze, [article_input], with_contradictions=False)
    try:
        with transaction.atomic():
            article, claims = store_analysis(article_input, result, by=by)
    except IntegrityError:
        # Another worker stored the same text or URL between our check and our insert.
        found = existing_article(body, url)
        if found is None:
            raise
        return IngestResult(article=found, created=False, claims=list(found.claims.all()))
    try:
        contradictions = store_contradictions(article)
    except Exception:
        # Too costly to compare (BudgetExceeded) or broken: take the article back out, so that the
        # ingest fails whole and can be run again. (A worker killed here leaves the article stored but
        # not compared; the next ingest of the same text compares it.)
        article.delete()
        raise
    store_matches(claims)
    return IngestResult(article=article, created=True, claims=claims, contradictions=contradictions)


def ingest_record(article, *, by=None, path="article"):
    """`ingest_article` for an article read from a file with its front matter (`read_article`)."""
    return ingest_article(
        article.body,
        title=article.title or "",
        publisher=article.publisher or "",
        published_at=article.published,
        url=article.url or "",
        by=by,
        path=path,
    )


def within_budget(function, *args, **kwargs):
    """Run one step of the analysis within the worker's time and memory budget (claims/newsroom/budgets.py)."""
    return run_within_budget(
        function,
        *args,
        seconds=settings.ANALYSIS_TIME_LIMIT_SECONDS,
        memory_bytes=settings.ANALYSIS_MEMORY_LIMIT_BYTES,
        on_wait=heartbeat,
        **kwargs,
    )


class SourceResolver:
    """`resolve_source` once per distinct name, so an article's queries grow with its names, not claims."""

    def __init__(self):
        self.resolved = {}

    def __call__(self, name, kind):
        key = (" ".join((name or "").split()), kind)
        if key not in self.resolved:
            self.resolved[key] = resolve_source(*key)
        return self.resolved[key]


def store_analysis(article_input, result, by=None):
    """The article, its claims (with history), relays and figures: one INSERT per kind of row."""
    source_for = SourceResolver()
    article = Article.objects.create(
        title=article_input.title or "",
        url=article_input.url or "",
        publisher=source_for(article_input.publisher, Source.Kind.OUTLET),
        published_at=publication_time(article_input.published),
        body=article_input.body,
        ingested_by=by,
    )
    events = propose_events(
        article.published_at, result, text=f"{article_input.title or ''}\n{article_input.body}"
    )
    claims_by_key = {
        found.key: claim_row(
            found,
            article,
            speaker=source_for(found.speaker, Source.Kind.PERSON),
            speaker_role=found.speaker_role or unlinked_speaker(found.speaker),
            event_record=events.get(str(found.event or "")),
        )
        for found in result.claims
    }
    claims = Claim.objects.bulk_create(claims_by_key.values())
    Claim.history.bulk_history_create(claims, default_user=by)
    relays = []
    for found in result.claims:
        claim, sources = claims_by_key[found.key], []
        for name in dict.fromkeys(found.via):
            source = source_for(name, Source.Kind.OUTLET)
            if source and source not in sources:
                sources.append(source)
        relays += [ClaimRelay(claim=claim, source=source, position=n) for n, source in enumerate(sources)]
    ClaimRelay.objects.bulk_create(relays)
    figures_by_key = {
        found.key: figure_row(found, claims_by_key[found.claim_key]) for found in result.figures
    }
    for figure in figures_by_key.values():
        # A figure without an event of its own is about its claim's.
        figure.event_record = events.get(str(figure.event or "")) or figure.claim.event_record
    Figure.objects.bulk_create(figures_by_key.values())
    parts = []
    for found in result.figures:
        if found.part_of in figures_by_key:
            part = figures_by_key[found.key]
            part.part_of = figures_by_key[found.part_of]
            parts.append(part)
    Figure.objects.bulk_update(parts, ["part_of"])
    return article, claims


# --- contradictions ------------------------------------------------------------------------------------


def comparable_claims(article):
    """The new article's claims and every stored claim about the same event records.

    The analysis only compares figures and dates within one event, so loading just those claims keeps
    ingest near-linear however large the archive grows. Grouping by the record (not the analysis key)
    makes an editor's merge or split change what is compared.
    """
    figures = Figure.objects.filter(claim__article=article, event_record__isnull=False)
    records = set(figures.values_list("event_record", flat=True))
    records |= set(
        Claim.objects.filter(article=article, event_record__isnull=False).values_list(
            "event_record", flat=True
        )
    )
    # A union of three index reads (the article's claims, the records' claims, the claims of the records'
    # figures): an OR across the claims and their figures reads both tables whole (0.5 s an article at
    # a million claims, against 1.4 ms).
    ids = Claim.objects.filter(article=article).values("pk")
    if records:
        ids = ids.union(
            Claim.objects.filter(event_record__in=records).values("pk"),
            Figure.objects.filter(event_record__in=records).values("claim_id"),
        )
    return claims_about(Q(pk__in=ids))


def claims_about(condition):
    return (
        Claim.objects.filter(condition)
        .distinct()
        .select_related("article__publisher", "speaker", "event_record")
        # Not the text: every claim would carry its own copy (13,000 claims of a 1.2 MB article: 16 GB).
        .defer("article__body")
        .prefetch_related("claimrelay_set__source", "figures__event_record")
    )


# How many ids a query lists as values before it asks by a subquery instead.
MAX_LISTED_IDS = 2000


def contradiction_row(contradiction, by_key, figures_by_key):
    """An unsaved Contradiction for one found by the analysis, its pair in the stored order."""
    first, second = (by_key[key] for key in (contradiction.claim_keys * 2)[:2])
    figure_first, figure_second = (
        [figures_by_key.get(key) for key in contradiction.figure_keys] + [None, None]
    )[:2]
    claim_a, claim_b = Contradiction.ordered_pair(first, second)
    if claim_a is not first:
        figure_first, figure_second = figure_second, figure_first
    return Contradiction(
        claim_a=claim_a,
        claim_b=claim_b,
        figure_a=figure_first,
        figure_b=figure_second,
        kind=contradiction.kind,
        severity=contradiction.severity,
        explanation=contradiction.explanation,
    )


def store_contradictions(article):
    """Detect contradictions involving `article` against the stored claims; store the new ones.

    At most settings.MAX_CONTRADICTIONS_PER_ARTICLE are kept, the most severe first; the article records
    how many were possible, and its page says so. The detection runs outside any transaction (and in the
    budgeted child, which hands back only the kept ones); the writes take one short transaction.
    """
    claims = list(comparable_claims(article))
    by_key = {str(c.pk): c for c in claims}
    figures_by_key = {str(f.pk): f for c in claims for f in c.figures.all()}
    possible, strongest, capped = within_budget(
        strongest_contradictions,
        [claim_facts(c) for c in claims],
        [figure_facts(f) for f in figures_by_key.values()],
        article_key=str(article.pk),
        limit=settings.MAX_CONTRADICTIONS_PER_ARTICLE,
    )
    kept = {}
    for contradiction in strongest:
        row = contradiction_row(contradiction, by_key, figures_by_key)
        kept[row.claim_a.pk, row.claim_b.pk] = row
    with transaction.atomic():
        # By the article's claim ids, which the pair's indexes answer (an OR across two joins would
        # read every contradiction on each ingest). Given as values, not a subquery: with the subquery
        # PostgreSQL reads the contradictions and claims whole (325 ms an ingest at a million claims,
        # against 0.2 ms); an article with thousands of claims keeps the subquery (bound parameters).
        claim_ids = Claim.objects.filter(article=article).values("pk")
        listed = list(claim_ids.values_list("pk", flat=True)[: MAX_LISTED_IDS + 1])
        if len(listed) <= MAX_LISTED_IDS:
            claim_ids = listed
        involving = Contradiction.objects.filter(Q(claim_a__in=claim_ids) | Q(claim_b__in=claim_ids))
        stored_before = set(involving.values_list("claim_a_id", "claim_b_id"))
        Contradiction.objects.bulk_create(
            [row for pair, row in kept.items() if pair not in stored_before], ignore_conflicts=True
        )
        # ignore_conflicts (a concurrent ingest may store the same pair) gives no ids: read them back.
        new_pairs = kept.keys() - stored_before
        stored = [
            row
            for row in involving.select_related("claim_a__article__publisher", "claim_b__article__publisher")
            if (row.claim_a_id, row.claim_b_id) in new_pairs
        ]
        Contradiction.history.bulk_history_create(stored)
        forget_open_contradiction_count()  # bulk_create sends no post_save for the desk's badge to hear
        Article.objects.filter(pk=article.pk).update(
            contradictions_found=possible, contradictions_kept=len(kept), contradictions_capped=capped
        )
    article.contradictions_found, article.contradictions_kept = possible, len(kept)
    article.contradictions_capped = capped
    return stored
