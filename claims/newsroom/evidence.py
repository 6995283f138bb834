"""Evidence for a claim: recorded at once, its page archived by the task queue, edited with a history.

A cited page can change or vanish after the verdict is published, so its text is kept (`snapshot`, with a
sha256 and the time) and the editor's quote is checked against it. Fetching runs in the `archive_evidence`
task (claims/newsroom/tasks.py), never in a web request: a slow site holds a worker of the queue, not of the site.
A fetch that fails is tried again a few times with growing delays; an address that may never be fetched
is refused when the evidence is added (claims/desk/workspace/forms.py), or fails for good if a redirect leads
there. Once the verdict is public, a change or removal needs a note, which readers see.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from lxml import html as lxml_html

from ..history import record_change
from ..models import Evidence, Verdict
from .fetching import FetchError, RefusedURL, fetch_url
from .ingest import find_or_create_source
from .tasks import archive_evidence

# Typographic quotes and apostrophes that editors and pages spell differently.
QUOTE_MARKS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
    }
)
WHITESPACE = re.compile(r"\s+")

# How often archiving a page is tried, and how long to wait after each failed attempt before the next.
ARCHIVE_ATTEMPTS = 3
ARCHIVE_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10))


def normalise_for_matching(text):
    """Casefolded, quote marks unified, whitespace collapsed: how a quote is looked for in a page."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTE_MARKS)
    return WHITESPACE.sub(" ", text).strip().casefold()


def quote_in_text(quote, text):
    needle = normalise_for_matching(quote).strip("\"' ")
    return bool(needle) and needle in normalise_for_matching(text)


def page_text(page):
    """The readable text of a fetched page: the article body for HTML, the text itself otherwise."""
    if not page.is_html:
        return page.text
    import trafilatura  # slow to import; only the archiver needs it

    extracted = trafilatura.extract(page.text, include_comments=False, favor_recall=True)
    if extracted:
        return extracted
    try:
        return lxml_html.fromstring(page.text).text_content()
    except (ValueError, lxml_html.etree.ParserError):
        return ""


@dataclass(frozen=True, slots=True)
class ArchiveAttempt:
    """What one try at archiving gave: the text, or why not and whether trying again may help."""

    snapshot: str = ""
    error: str = ""
    may_retry: bool = False


def archive(url):
    try:
        page = fetch_url(url)
    except RefusedURL as error:
        return ArchiveAttempt(error=str(error))
    except FetchError as error:
        return ArchiveAttempt(error=str(error), may_retry=True)
    text = page_text(page).strip()
    if not text:
        return ArchiveAttempt(error="The page has no readable text.")
    return ArchiveAttempt(snapshot=text)


def verdict_is_public(claim):
    return Verdict.objects.filter(claim=claim, is_published=True).exists()


def queue_archive(evidence, run_after=None):
    """Hand the page to the task queue; in the caller's transaction, so the task sees the saved row."""
    task = archive_evidence.using(run_after=run_after) if run_after else archive_evidence
    return task.enqueue(evidence.pk)


def can_retry_later():
    return archive_evidence.get_backend().supports_defer


def reset_archive(evidence):
    """Forget the snapshot of a page no longer cited; a new URL waits for the archiver."""
    evidence.snapshot, evidence.snapshot_hash, evidence.snapshot_at = "", "", None
    evidence.archive_error, evidence.archive_attempts, evidence.next_attempt_at = "", 0, None
    evidence.quote_verified = None
    evidence.archive_status = Evidence.Archive.PENDING if evidence.url else Evidence.Archive.NO_PAGE


def add_evidence(claim, *, source_name, url, quote, stance, by=None):
    """Record evidence for `claim` now; a URL is archived (and the quote checked in it) by the queue."""
    with transaction.atomic():
        evidence = Evidence(
            claim=claim,
            source=find_or_create_source(source_name),
            url=url,
            quote=quote.strip(),
            stance=stance,
            added_by=by,
        )
        reset_archive(evidence)
        record_change(evidence, by)
        evidence.save()
        if evidence.is_archiving:
            queue_archive(evidence)
    return evidence


def edit_evidence(evidence, *, source_name, url, quote, stance, note="", by=None):
    """Change evidence; a new URL is archived again, a new quote checked against the kept snapshot."""
    with transaction.atomic():
        url_changed = url != evidence.url
        evidence.source = find_or_create_source(source_name)
        evidence.url, evidence.quote, evidence.stance = url, quote.strip(), stance
        if url_changed:
            reset_archive(evidence)
        elif evidence.is_archived:
            evidence.quote_verified = quote_in_text(quote, evidence.snapshot) if evidence.quote else None
        record_change(evidence, by, note.strip())
        evidence.save()
        if url_changed and evidence.is_archiving:
            queue_archive(evidence)
    return evidence


def remove_evidence(evidence, *, note="", by=None):
    record_change(evidence, by, note.strip())
    evidence.delete()


def record_attempt(evidence_id, url, attempt, now=None):
    """Store the outcome of one try at archiving `url` for the evidence; schedule the next try if any.

    Nothing is stored if the evidence was removed or now cites another page (an edit while fetching).
    """
    now = now or timezone.now()
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().filter(pk=evidence_id, url=url).first()
        if evidence is None or evidence.is_archived:
            return None
        evidence.archive_attempts += 1
        evidence.next_attempt_at = None
        if attempt.snapshot:
            evidence.snapshot = attempt.snapshot
            evidence.snapshot_hash = hashlib.sha256(attempt.snapshot.encode("utf-8")).hexdigest()
            evidence.snapshot_at = now
            evidence.archive_status, evidence.archive_error = Evidence.Archive.ARCHIVED, ""
            evidence.quote_verified = (
                quote_in_text(evidence.quote, attempt.snapshot) if evidence.quote else None
            )
        else:
            evidence.archive_status, evidence.archive_error = Evidence.Archive.FAILED, attempt.error[:300]
            if attempt.may_retry and evidence.archive_attempts < ARCHIVE_ATTEMPTS and can_retry_later():
                evidence.next_attempt_at = now + ARCHIVE_RETRY_DELAYS[evidence.archive_attempts - 1]
                queue_archive(evidence, run_after=evidence.next_attempt_at)
        evidence.save()
    return evidence


def archive_evidence_now(evidence_id):
    """One try at archiving the evidence's page (the task's body); the evidence as it now stands."""
    evidence = (
        Evidence.objects.filter(pk=evidence_id).exclude(archive_status=Evidence.Archive.ARCHIVED).first()
    )
    if evidence is None or not evidence.url:
        return None
    try:
        attempt = archive(evidence.url)
    except Exception:
        # Not left "Archiving…" for ever; the task still fails, so the error is in the worker's log.
        failed = ArchiveAttempt(
            error="The archiver stopped with an unexpected error (it is in the worker's log)."
        )
        record_attempt(evidence.pk, evidence.url, failed)
        raise
    return record_attempt(evidence.pk, evidence.url, attempt)


# --- What readers see of changes after publication --------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceCorrection:
    when: datetime
    removed: bool
    cited: str  # the source or the address, as the reader saw it
    note: str


def evidence_corrections(claim, published_at):
    """Changes and removals of the claim's evidence made after `published_at`, with their notes."""
    if published_at is None:
        return []
    records = (
        Evidence.history.filter(claim_id=claim.pk, history_date__gte=published_at)
        .exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .select_related("source")
        .order_by("history_date", "history_id")
    )
    return [
        EvidenceCorrection(
            when=record.history_date,
            removed=record.history_type == "-",
            cited=str(record.source) if record.source_id and record.source else record.url,
            note=record.history_change_reason,
        )
        for record in records
    ]
