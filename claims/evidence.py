"""Adding evidence to a claim, archiving the page it cites.

A cited page can change or vanish after the verdict is published, so its text is kept (`snapshot`, with
a sha256 and the time) and the editor's quote is checked against it. The fetch runs inline for now; the
function takes plain values so that it can move into a task unchanged.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import trafilatura
from django.db import transaction
from django.utils import timezone
from lxml import html as lxml_html

from .fetching import FetchError, fetch_url
from .models import Evidence, Source

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


@dataclass(frozen=True, slots=True)
class EvidenceResult:
    evidence: Evidence
    archive_error: str = ""

    @property
    def archived(self):
        return self.evidence.snapshot_at is not None


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
    extracted = trafilatura.extract(page.text, include_comments=False, favor_recall=True)
    if extracted:
        return extracted
    try:
        return lxml_html.fromstring(page.text).text_content()
    except (ValueError, lxml_html.etree.ParserError):
        return ""


def archive(url):
    """(snapshot text, error message): exactly one of them is empty."""
    try:
        page = fetch_url(url)
    except FetchError as error:
        return "", str(error)
    text = page_text(page).strip()
    if not text:
        return "", "The page has no readable text."
    return text, ""


def find_or_create_source(name):
    name = name.strip()
    if not name:
        return None
    return Source.objects.matching(name).first() or Source.objects.create(name=name)


def add_evidence(claim, *, source_name, url, quote, stance, by=None):
    """Record evidence for `claim`; a URL is fetched and archived first, and the quote checked in it."""
    snapshot, archive_error = archive(url) if url else ("", "")
    with transaction.atomic():
        evidence = Evidence(
            claim=claim,
            source=find_or_create_source(source_name),
            url=url,
            quote=quote.strip(),
            stance=stance,
            added_by=by,
            archive_error=archive_error[:300],
        )
        if snapshot:
            evidence.snapshot = snapshot
            evidence.snapshot_hash = hashlib.sha256(snapshot.encode("utf-8")).hexdigest()
            evidence.snapshot_at = timezone.now()
            evidence.quote_verified = quote_in_text(quote, snapshot) if quote.strip() else None
        evidence.save()
    return EvidenceResult(evidence, archive_error)
