"""Realistic newsroom data at scale, written with PostgreSQL's COPY (used by the load and matching benchmarks).

    fill_newsroom(claims=100_000)

Articles from a few dozen outlets (ten claims each), claims in every status with assignees, speakers
and relays, one or two figures per claim on a handful of events, contradictions (most still open) on
the board, published verdicts with evidence, and a history row for each claim and verdict, as the desk
would have made them. Columns the generator does not name get the model's default, so a new field with
a default needs no change here.
"""

import json
import random
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import NOT_PROVIDED, GeneratedField

from claims.events.models import Event, EventAlias
from claims.models import Article, Claim, ClaimRelay, Contradiction, Evidence, Figure, Source, Verdict

# A newsroom follows many events, each reported in a few hundred claims: the generator makes one event
# per CLAIMS_PER_EVENT claims, so that the per-event work of a page (charts, matching) stays realistic.
KINDS = ["unrest", "explosion", "earthquake", "flood", "fire", "crash", "storm", "landslide"]
PLACES = ["Almaty", "Beirut", "Antakya", "Derna", "Lahaina", "Balasore", "Dhaka", "Lagos", "Lima", "Manila"]
CLAIMS_PER_EVENT = 200


def event_of(n, first=0):
    """The nth claim's event: (key, place, day, e), e its number among the generated events. Keys are
    numbered from `first` (the first event's id) so that a second fill's keys differ from the first's."""
    e = n // CLAIMS_PER_EVENT
    place = PLACES[e % len(PLACES)]
    # 2010 to 2019: before the shared corpora's events, which an ingest into a filled database must not
    # mistake for generated ones of the same kind and place (the matching benchmark's --scale).
    day = date(2010, 1, 1) + timedelta(days=e % 3650)
    return f"{KINDS[e % len(KINDS)]}@{place.lower()}-{first + e}", place, day, e


MEASURES = ["killed", "injured", "hospitalized", "missing", "displaced", "detained"]
SUBJECTS = ["people", "people", "people", "police officers", "children", "protesters"]
QUALIFIERS = ["", "", "more than", "at least", "nearly", "about"]
STATUS_SHARES = [("new", 0.5), ("in_review", 0.15), ("verdict_drafted", 0.05), ("dismissed", 0.1)]
WORDS = [
    "toll",
    "ministry",
    "officials",
    "hospital",
    "clashes",
    "police",
    "city",
    "injured",
    "killed",
    "square",
    "protest",
    "figures",
]


def copy_rows(model, rows):
    """COPY `rows` (dicts by attname; primary keys given) into `model`'s table; returns how many."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, GeneratedField)]
    now = datetime.now(UTC)

    def value(field, row):
        if field.attname in row:
            raw = row[field.attname]
        elif field.get_internal_type() == "DateTimeField" and not field.null:
            raw = now  # auto_now fields, and their copies in the history tables
        elif field.has_default():
            raw = field.get_default()
        elif field.db_default is not NOT_PROVIDED or field.null:
            raw = None
        else:
            raw = ""
        if field.get_internal_type() == "JSONField":
            return json.dumps(raw)
        return raw

    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([value(f, row) for f in fields])
            count += 1
    if not count:
        return 0
    with connection.cursor() as cursor:
        pk = model._meta.pk.column
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT max({pk}) FROM {table}))",
            [model._meta.db_table, pk],
        )
    return count


def next_id(model):
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce(max({pk}), 0) + 1 FROM {connection.ops.quote_name(model._meta.db_table)}"
        )
        return cursor.fetchone()[0]


@transaction.atomic
def fill_newsroom(claims, verdict_share=0.2, editors=(), seed=7):
    """Add `claims` generated claims (and everything around them) to the database, all or nothing."""
    fill = NewsroomFill(claims, verdict_share, editors, seed)
    # In this order: every table draws from one seeded generator, so the same seed gives the same rows.
    fill.sources()
    fill.articles()
    fill.events()
    fill.claims()
    fill.relays()
    fill.figures()
    fill.contradictions()
    fill.verdicts()
    fill.evidence()
    fill.history()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"articles": fill.article_count, "claims": claims, "verdicts": fill.published}


BODY_HTML = (
    "<p>The <strong>ministry</strong> gave the figure at a briefing; the hospital count came later.</p>"
)
PER_ARTICLE = 10


class NewsroomFill:
    """One fill's shared state: the generator, the first id of each table, which claims are published."""

    def __init__(self, claim_count, verdict_share, editors, seed):
        self.rng = random.Random(seed)
        self.start = datetime(2026, 1, 1, tzinfo=UTC)
        self.claim_count = claim_count
        self.verdict_share = verdict_share
        self.published = int(claim_count * verdict_share)
        self.editor_ids = [e.pk for e in editors] + [None] * max(1, len(editors))
        self.article_count = -(-claim_count // PER_ARTICLE)
        self.figure_of_claim = {}

    def sources(self):
        source_base = next_id(Source)
        self.outlets = [source_base + n for n in range(40)]
        self.speakers = [source_base + 40 + n for n in range(200)]
        copy_rows(
            Source,
            (
                {
                    "id": pk,
                    "name": f"Load {'Outlet' if n < 40 else 'Speaker'} {n}",
                    "name_key": f"load {'outlet' if n < 40 else 'speaker'} {n}",
                    "slug": f"load-source-{pk}",
                    "kind": "outlet" if n < 40 else "official",
                }
                for n, pk in enumerate(self.outlets + self.speakers)
            ),
        )

    def articles(self):
        self.article_base = article_base = next_id(Article)
        copy_rows(
            Article,
            (
                {
                    "id": article_base + n,
                    "url": f"https://load.example/{article_base + n}",
                    "title": f"Clashes: the toll rises again ({n})",
                    "publisher_id": self.outlets[n % len(self.outlets)],
                    "published_at": self.start - timedelta(minutes=n),
                    "ingested_at": self.start - timedelta(minutes=n),
                    "body": " ".join(self.rng.choice(WORDS) for _ in range(150)),
                    "content_hash": f"load-{article_base + n:059d}",
                }
                for n in range(self.article_count)
            ),
        )

    def events(self):
        """Events as records (what the ingest proposes): one per CLAIMS_PER_EVENT claims, each with its key
        as an alias, reviewed, so that claims and figures belong to one and matching has realistic blocks."""
        self.event_base = event_base = next_id(Event)
        event_count = -(-self.claim_count // CLAIMS_PER_EVENT)
        keys = {e: event_of(e * CLAIMS_PER_EVENT, event_base) for e in range(event_count)}
        copy_rows(
            Event,
            (
                {
                    "id": event_base + e,
                    "name": f"{KINDS[e % len(KINDS)].capitalize()} in {place} ({e})",
                    "slug": f"load-event-{event_base + e}",
                    "kind": KINDS[e % len(KINDS)],
                    "place": place,
                    "start_date": day,
                    "end_date": day + timedelta(days=9),
                    "is_reviewed": True,
                    "key": key,
                }
                for e, (key, place, day, _) in keys.items()
            ),
        )
        alias_base = next_id(EventAlias)
        copy_rows(
            EventAlias,
            (
                {"id": alias_base + e, "event_id": event_base + e, "key": key}
                for e, (key, _, _, _) in keys.items()
            ),
        )

    def status_of(self, n):
        if n < self.published:
            return "published"
        pick, total = self.rng.random(), 0.0
        for status, share in STATUS_SHARES:
            total += share / (1 - self.verdict_share)
            if pick < total:
                return status
        return "new"

    def claims(self):
        self.statuses = [self.status_of(n) for n in range(self.claim_count)]
        self.claim_base = next_id(Claim)
        copy_rows(Claim, (self.claim_row(n) for n in range(self.claim_count)))

    def claim_row(self, n):
        event, place, day, e = event_of(n, self.event_base)
        value = 5 + (n * 7919) % 4995
        return {
            "id": self.claim_base + n,
            "article_id": self.article_base + n // PER_ARTICLE,
            "text": f"More than {value} people were {MEASURES[n % 6]} in {place}, officials said.",
            "start": (n % PER_ARTICLE) * 200,
            "end": (n % PER_ARTICLE) * 200 + 80,
            "speaker_id": self.speakers[n % len(self.speakers)] if n % 3 else None,
            "checkworthiness": round(self.rng.random(), 2),
            "event": event,
            "event_date": day,
            "event_record_id": self.event_base + e,
            "status": self.statuses[n],
            "assignee_id": self.editor_ids[n % len(self.editor_ids)] if self.statuses[n] != "new" else None,
            "created_at": self.start - timedelta(seconds=n * 7),
            "updated_at": self.start - timedelta(seconds=n * 7),
        }

    def relays(self):
        relay_base = next_id(ClaimRelay)
        copy_rows(
            ClaimRelay,
            (
                {
                    "id": relay_base + n,
                    "claim_id": self.claim_base + n,
                    "source_id": self.outlets[n % 40],
                    "position": 0,
                }
                for n in range(0, self.claim_count, 2)
            ),
        )

    def figures(self):
        self.figure_base = next_id(Figure)
        copy_rows(Figure, self.figure_rows())

    def figure_rows(self):
        pk = self.figure_base
        for n in range(self.claim_count):
            event, place, day, e = event_of(n, self.event_base)
            for k in range(1 + n % 2):
                value = self.rng.randint(5, 5000)
                qualifier = QUALIFIERS[(n + k) % len(QUALIFIERS)]
                self.figure_of_claim.setdefault(n, pk)
                yield {
                    "id": pk,
                    "claim_id": self.claim_base + n,
                    "text": f"{qualifier} {value}".strip(),
                    "start": (n % PER_ARTICLE) * 200 + 10 + k * 30,
                    "end": (n % PER_ARTICLE) * 200 + 20 + k * 30,
                    "measure": MEASURES[(n + k) % 6],
                    "subject": SUBJECTS[n % len(SUBJECTS)],
                    "qualifier": qualifier,
                    "value": value + 1 if qualifier == "more than" else value,
                    "low": value + 1 if qualifier == "more than" else value,
                    "high": None if qualifier in ("more than", "at least") else value,
                    "refers_to": day,
                    "as_of": day + timedelta(days=n % 10),
                    "place": place,
                    "event": event,
                    "event_record_id": self.event_base + e,
                }
                pk += 1

    def contradictions(self):
        self.contradiction_base = next_id(Contradiction)
        copy_rows(Contradiction, self.contradiction_rows())

    def contradiction_rows(self):
        pk = self.contradiction_base
        for n in range(0, self.claim_count - 10, 20):
            a, b = n, n + 10  # the same event (n % 7 == (n + 10) % 7 is not needed for the board)
            status = "open" if n % 100 < 60 else self.rng.choice(["confirmed", "explained", "dismissed"])
            yield {
                "id": pk,
                "claim_a_id": self.claim_base + a,
                "claim_b_id": self.claim_base + b,
                "figure_a_id": self.figure_of_claim[a],
                "figure_b_id": self.figure_of_claim[b],
                "kind": "count",
                "severity": ["high", "medium", "low"][n % 3],
                "explanation": f"Load Outlet {a % 40} reports more than {a}; Load Outlet {b % 40} says {b}.",
                "status": status,
                "resolved_at": None if status == "open" else self.start,
                "created_at": self.start - timedelta(seconds=n),
            }
            pk += 1

    def verdicts(self):
        self.verdict_base = next_id(Verdict)
        copy_rows(Verdict, (self.verdict_row(n) for n in range(self.published)))

    def verdict_row(self, n):
        rating = ["false", "mostly_true", "misleading", "true"][n % 4]
        headline = f"Toll claim {n}: the ministry's figure was higher"
        summary = "The figure matches what the ministry said at the time, not the later count."
        published_at = self.start - timedelta(minutes=n)
        return {
            "id": self.verdict_base + n,
            "claim_id": self.claim_base + n,
            "rating": rating,
            "headline": headline,
            "summary": summary,
            "explanation": "The **ministry** gave the figure at a briefing; the hospital count came later.",
            "explanation_html": BODY_HTML,
            "slug": f"load-verdict-{self.verdict_base + n}",
            "is_published": True,
            "published_at": published_at,
            "created_at": self.start - timedelta(minutes=n + 30),
            # The copy readers see, as Verdict.copy_draft_to_public() makes it.
            "published_version": 1,
            "published_rating": rating,
            "published_headline": headline,
            "published_summary": summary,
            "published_body_html": BODY_HTML,
            "published_body_text": "The ministry gave the figure at a briefing; the hospital count came later.",
            "last_published_at": published_at,
        }

    def evidence(self):
        evidence_base = next_id(Evidence)
        copy_rows(
            Evidence,
            (
                {
                    "id": evidence_base + n,
                    "claim_id": self.claim_base + n,
                    "url": f"https://ministry.example/briefing/{n}",
                    "quote": "The ministry said the toll had risen.",
                    "stance": "supports",
                    "archive_status": "pending",  # a page waiting for its archived copy
                }
                for n in range(self.published)
            ),
        )

    def history(self):
        """The desk's history pages read these: one "created" row per claim and per verdict."""
        for model, rows in (
            (Claim, (self.claim_row(n) for n in range(self.claim_count))),
            (Verdict, (self.verdict_row(n) for n in range(self.published))),
        ):
            history = model.history.model
            history_base = next_id(history)
            copy_rows(
                history,
                (
                    {
                        **row,
                        "history_id": history_base + k,
                        "history_date": row["created_at"],
                        "history_type": "+",
                    }
                    for k, row in enumerate(rows)
                ),
            )
