"""What the claim workspace reads, in a fixed number of queries whatever the number of rows.

Each function loads one section (the claim with its figures and relays, its evidence, the figures of the
same measure and event across articles, the merged history) with `select_related`/`prefetch_related`,
and history diffs are computed against records already loaded, never one query per row.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.formats import date_format

from ...history import changed_fields, with_previous
from ...models import Claim, Contradiction, Source, Verdict
from ...reporting.series import relays_prefetch
from ..fragments import under_names


def workspace_claim_queryset():
    return Claim.objects.select_related(
        "article__publisher", "speaker", "assignee", "verdict__author", "verdict__updated_by"
    ).prefetch_related("figures", relays_prefetch())


def claim_verdict(claim):
    """The claim's verdict, or None (the reverse one-to-one raises when there is none)."""
    try:
        return claim.verdict
    except Verdict.DoesNotExist:
        return None


def claim_evidence(claim):
    return claim.evidence.select_related("source", "added_by")


def source_names(limit=1000):
    """The evidence form's suggestions, kept in the cache until a source changes."""
    return under_names(
        f"source-names-{limit}",
        lambda: list(Source.objects.order_by("name").values_list("name", flat=True)[:limit]),
    )


def involving_contradictions(claim):
    """Open ones first; the cards come from card_versions() of these (claims/desk/board/cached_cards.py)."""
    open_first = Case(When(status=Contradiction.Status.OPEN, then=Value(0)), default=Value(1))
    return Contradiction.objects.involving(claim).order_by(open_first, "-created_at")


# --- History -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    action: str
    changes: tuple[FieldChange, ...]


HISTORY_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping that changes with every save and says nothing an editor needs.
HISTORY_HIDDEN_FIELDS = {"version", "slug", "updated_at", "created_at", "content_hash"}
# A verdict's rendered HTML and published copy repeat what its draft fields already show changing; who
# saved is the entry's own "who".
HISTORY_HIDDEN_FIELDS |= {
    "explanation_html",
    "updated_by",
    "published_version",
    "published_rating",
    "published_headline",
    "published_summary",
    "published_body_html",
    "published_body_text",
    "last_published_at",
    "withdrawn_at",
}


def _user_name(user):
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()


def _display(model, field_name, value, names, truncate=True):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j M Y, H:i")
    if isinstance(value, date):
        return date_format(value, "j M Y")
    field = model._meta.get_field(field_name)
    if field.is_relation:
        # a person, a source, an event: by name, never by id ("a deleted event" once it is gone)
        related = field.related_model
        return names.get(related, {}).get(value) or f"a deleted {related._meta.verbose_name}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    text = str(value)
    return text if not truncate or len(text) <= 160 else text[:159] + "…"


def _raw_changes(records):
    for record, previous in with_previous(records):
        if previous is None or record.history_type != "~":
            yield record, []
            continue
        yield record, changed_fields(record, previous, hidden=HISTORY_HIDDEN_FIELDS)


def _related_names(loaded):
    """{related model: {id: name}} for every row the changes point at, one query per kind of row."""
    wanted = defaultdict(set)
    for model, _, pairs in loaded:
        for _, changes in pairs:
            for change in changes:
                field = model._meta.get_field(change.field)
                if field.is_relation:
                    wanted[field.related_model].update(v for v in (change.old, change.new) if v is not None)
    user_model = get_user_model()
    names = {}
    for related, ids in wanted.items():
        rows = related._default_manager.filter(pk__in=ids)
        names[related] = {row.pk: _user_name(row) if related is user_model else str(row) for row in rows}
    return names


def workspace_history(claim, contradiction_ids):
    """Every change to the claim, its verdict and the contradictions involving it, newest first."""
    groups = [
        (Claim, lambda _record: "Claim", claim.history.select_related("history_user")),
        (
            Verdict,
            lambda _record: "Verdict",
            Verdict.history.filter(claim_id=claim.pk).select_related("history_user"),
        ),
        (
            Contradiction,
            lambda r: f"Contradiction #{r.id}",
            Contradiction.history.filter(id__in=list(contradiction_ids)).select_related("history_user"),
        ),
    ]
    loaded = [(model, subject, list(_raw_changes(list(records)))) for model, subject, records in groups]
    names = _related_names(loaded)
    entries = []
    for model, subject, pairs in loaded:
        for record, changes in pairs:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=_user_name(record.history_user),
                    subject=subject(record),
                    action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
                    changes=tuple(
                        FieldChange(
                            field=str(model._meta.get_field(c.field).verbose_name).capitalize(),
                            old=_display(model, c.field, c.old, names),
                            new=_display(model, c.field, c.new, names),
                        )
                        for c in changes
                    ),
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


# --- Conflicting verdict edits ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictChange:
    field: str
    when_opened: str | None
    theirs: str
    yours: str


@dataclass(frozen=True, slots=True)
class Conflict:
    saved_at: datetime
    saved_by: str
    current_version: int
    changes: tuple[ConflictChange, ...]


def verdict_conflict(current, opened_version, submitted, fields):
    """What another editor changed since `opened_version`: their values against the ones you opened.

    Without a history record of the opened version, their values are compared with what you submitted.
    """
    latest = current.history.select_related("history_user").first()
    opened = current.history.filter(version=opened_version).first() if opened_version else None
    changes = []
    for name in fields:
        theirs, yours = getattr(current, name), submitted.get(name, "")
        before = getattr(opened, name) if opened is not None else None
        differs = theirs != before if opened is not None else theirs != yours
        if differs:
            shown = {v: _display(Verdict, name, v, {}, truncate=False) for v in (theirs, yours, before)}
            changes.append(
                ConflictChange(
                    field=str(Verdict._meta.get_field(name).verbose_name).capitalize(),
                    when_opened=shown[before] if opened is not None else None,
                    theirs=shown[theirs],
                    yours=shown[yours],
                )
            )
    return Conflict(
        saved_at=current.updated_at,
        saved_by=_user_name(latest.history_user) if latest else "someone",
        current_version=current.version,
        changes=tuple(changes),
    )
