"""Adding evidence: the cited page is fetched and archived, and the quote is looked for in it."""

import hashlib

import pytest

from claims.evidence import add_evidence, normalise_for_matching, quote_in_text
from claims.fetching import FetchedPage, FetchError
from claims.models import Source

from .factories import make_claim, make_editor, make_source

pytestmark = pytest.mark.django_db

STATEMENT = """<!doctype html><html><head><title>Statement</title></head><body>
<nav>Home | About | Contact</nav>
<article><h1>Statement on the events of 5 January</h1>
<p>The Ministry of Health said on Thursday that “more than 1,000 people” had been injured in Almaty,
and that 400 of them remained in hospital. Doctors worked through the night to treat the wounded, the
ministry said, and blood donations were still needed at the city's hospitals.</p>
<p>The figures will be updated as reports come in from the regions, the ministry added in its statement,
which was published on its website on Thursday morning.</p>
</article><footer>© Ministry</footer></body></html>"""


@pytest.fixture
def site(local_site):
    return local_site(
        {
            "/statement": ("text/html; charset=utf-8", STATEMENT),
            "/notes.txt": ("text/plain", "Plain notes: 12 people died."),
        }
    )


def add(claim, **fields):
    values = {"source_name": "", "url": "", "quote": "", "stance": "supports", "by": None, **fields}
    return add_evidence(claim, **values)


def test_a_cited_page_is_archived_with_its_hash_and_time(site):
    result = add(make_claim(), url=f"{site}/statement", quote="400 of them remained in hospital")
    evidence = result.evidence
    assert result.archived and result.archive_error == ""
    assert "400 of them remained in hospital" in evidence.snapshot
    assert "Home | About" not in evidence.snapshot  # the main text, not the navigation
    assert evidence.snapshot_hash == hashlib.sha256(evidence.snapshot.encode()).hexdigest()
    assert evidence.snapshot_at is not None
    assert evidence.quote_verified is True


def test_quotes_match_ignoring_case_whitespace_and_quote_marks(site):
    quote = '"More than 1,000 PEOPLE"   had been\n injured'
    assert add(make_claim(), url=f"{site}/statement", quote=quote).evidence.quote_verified is True


def test_a_quote_missing_from_the_page_is_flagged_not_refused(site):
    result = add(make_claim(), url=f"{site}/statement", quote="2,000 people were killed")
    assert result.evidence.pk is not None
    assert result.evidence.quote_verified is False


def test_plain_text_pages_are_kept_as_they_are(site):
    result = add(make_claim(), url=f"{site}/notes.txt", quote="12 people died")
    assert result.evidence.snapshot == "Plain notes: 12 people died."
    assert result.evidence.quote_verified is True


def test_a_fetch_failure_keeps_the_evidence_and_says_why(site):
    result = add(make_claim(), url=f"{site}/gone", quote="anything", source_name="Ministry")
    assert result.evidence.pk is not None
    assert not result.archived
    assert "404" in result.archive_error
    assert result.evidence.quote_verified is None
    assert result.evidence.snapshot == ""


def test_private_addresses_are_not_fetched_by_default(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    result = add(make_claim(), url="http://127.0.0.1:9/statement")
    assert "not on the public internet" in result.archive_error


def test_an_existing_source_is_found_by_any_spelling():
    ministry = make_source("Ministry of Health")
    result = add(make_claim(), source_name="ministry of health ")
    assert result.evidence.source == ministry
    assert Source.objects.count() == 1


def test_a_new_source_name_creates_the_source(monkeypatch):
    monkeypatch.setattr("claims.evidence.fetch_url", lambda url: FetchedPage(url, "text/plain", "text"))
    editor = make_editor()
    result = add(make_claim(), source_name="Akimat of Almaty", url="https://akimat.example/", by=editor)
    assert result.evidence.source.name == "Akimat of Almaty"
    assert result.evidence.added_by == editor
    assert result.evidence.quote_verified is None  # no quote to look for


def test_fetch_errors_from_the_fetcher_are_reported(monkeypatch):
    def refuse(url):
        raise FetchError("The page is larger than the 5120 KB limit.")

    monkeypatch.setattr("claims.evidence.fetch_url", refuse)
    result = add(make_claim(), url="https://big.example/")
    assert result.archive_error == "The page is larger than the 5120 KB limit."


def test_normalising_unifies_typographic_quotes():
    assert normalise_for_matching("“It’s  done”") == '"it\'s done"'
    assert quote_in_text("‘a’", "He said 'A' twice")
    assert not quote_in_text("", "anything")
