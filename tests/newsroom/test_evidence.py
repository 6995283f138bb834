"""Evidence: saved at once, its page archived by the task queue (retried when it fails), shown truthfully."""

import hashlib
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from claims.models import Evidence, Source
from claims.newsroom import fetching
from claims.newsroom.evidence import (
    add_evidence,
    edit_evidence,
    normalise_for_matching,
    quote_in_text,
    remove_evidence,
)
from claims.newsroom.fetching import FetchedPage, FetchError
from tests.factories import HTMX, make_claim, make_editor, make_published_verdict, make_source

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

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
        },
        redirects={"/inside": "http://10.0.0.1/admin"},
    )


@pytest.fixture
def immediate(settings):
    """Tasks run as they are queued: the archive is there when add_evidence returns."""
    settings.TASKS = IMMEDIATE


def run_worker(monkeypatch):
    """`manage.py db_worker --batch` in the test's own transaction (see tests/desk/test_ingest.py)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def add(claim, **fields):
    values = {"source_name": "", "url": "", "quote": "", "stance": "supports", "by": None, **fields}
    evidence = add_evidence(claim, **values)
    evidence.refresh_from_db()
    return evidence


# --- Archiving ----------------------------------------------------------------------------------------


def test_a_cited_page_is_archived_with_its_hash_and_time(site, immediate):
    evidence = add(make_claim(), url=f"{site}/statement", quote="400 of them remained in hospital")
    assert evidence.archive_status == Evidence.Archive.ARCHIVED and evidence.archive_error == ""
    assert "400 of them remained in hospital" in evidence.snapshot
    assert "Home | About" not in evidence.snapshot  # the main text, not the navigation
    assert evidence.snapshot_hash == hashlib.sha256(evidence.snapshot.encode()).hexdigest()
    assert evidence.snapshot_at is not None
    assert evidence.quote_verified is True


def test_evidence_is_saved_as_archiving_and_the_worker_archives_it(site, monkeypatch):
    evidence = add(make_claim(), url=f"{site}/statement", quote="400 of them remained in hospital")
    assert evidence.archive_status == Evidence.Archive.PENDING and evidence.snapshot == ""
    assert DBTaskResult.objects.count() == 1
    run_worker(monkeypatch)
    evidence.refresh_from_db()
    assert evidence.is_archived and evidence.quote_verified is True


def test_quotes_match_ignoring_case_whitespace_and_quote_marks(site, immediate):
    quote = '"More than 1,000 PEOPLE"   had been\n injured'
    assert add(make_claim(), url=f"{site}/statement", quote=quote).quote_verified is True


def test_a_quote_missing_from_the_page_is_flagged_not_refused(site, immediate):
    evidence = add(make_claim(), url=f"{site}/statement", quote="2,000 people were killed")
    assert evidence.is_archived and evidence.quote_verified is False


def test_plain_text_pages_are_kept_as_they_are(site, immediate):
    evidence = add(make_claim(), url=f"{site}/notes.txt", quote="12 people died")
    assert evidence.snapshot == "Plain notes: 12 people died."
    assert evidence.quote_verified is True


def test_evidence_without_a_url_has_no_page_to_archive():
    evidence = add(make_claim(), source_name="Ministry", quote="We said so")
    assert evidence.archive_status == Evidence.Archive.NO_PAGE
    assert DBTaskResult.objects.count() == 0


# --- Failures: kept, said, retried a bounded number of times --------------------------------------------


def test_a_failed_fetch_is_kept_as_not_archived_and_retried_with_backoff(site, monkeypatch):
    evidence = add(make_claim(), url=f"{site}/gone", quote="anything", source_name="Ministry")
    started = timezone.now()
    run_worker(monkeypatch)
    evidence.refresh_from_db()
    assert evidence.archive_status == Evidence.Archive.FAILED
    assert "404" in evidence.archive_error and evidence.snapshot == "" and evidence.quote_verified is None
    assert evidence.archive_attempts == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after >= started + timedelta(seconds=55)
    assert evidence.next_attempt_at == retry.run_after

    waits = []
    for _ in range(5):  # more turns than allowed attempts: the retries stop on their own
        pending = DBTaskResult.objects.filter(status="READY")
        waits += [result.run_after - result.enqueued_at for result in pending]
        pending.update(run_after=timezone.now() - timedelta(seconds=1))
        run_worker(monkeypatch)
    evidence.refresh_from_db()
    assert evidence.archive_attempts == 3 and evidence.next_attempt_at is None
    assert evidence.archive_status == Evidence.Archive.FAILED
    assert len(waits) == 2 and waits[1] > waits[0] * 5  # two retries, the second after a longer wait
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_retry_that_succeeds_archives_the_page(local_site, monkeypatch):
    pages = {}
    site = local_site(pages)
    evidence = add(make_claim(), url=f"{site}/later")
    run_worker(monkeypatch)
    pages["/later"] = ("text/plain", "Now it is here.")
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker(monkeypatch)
    evidence.refresh_from_db()
    assert evidence.is_archived and evidence.snapshot == "Now it is here." and evidence.archive_error == ""


def test_a_redirect_into_the_network_fails_for_good(site, settings, immediate, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    real = fetching.public_address
    # The local site stands for a public one; the address it redirects to is checked for real.
    monkeypatch.setattr(
        fetching,
        "public_address",
        lambda host, port, *timeout: host if host == "127.0.0.1" else real(host, port, *timeout),
    )
    evidence = add(make_claim(), url=f"{site}/inside")
    assert evidence.archive_status == Evidence.Archive.FAILED
    assert "10.0.0.1 is not on the public internet" in evidence.archive_error
    assert evidence.next_attempt_at is None and evidence.archive_attempts == 1


def test_fetch_errors_from_the_fetcher_are_reported(monkeypatch, immediate):
    def refuse(url):
        raise FetchError("The page is larger than the 5120 KB limit.")

    monkeypatch.setattr("claims.newsroom.evidence.fetch_url", refuse)
    evidence = add(make_claim(), url="https://big.example/")
    assert evidence.archive_error == "The page is larger than the 5120 KB limit."
    assert evidence.next_attempt_at is None  # the immediate queue cannot wait: no retry is promised


class Trickle(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "100")
        self.end_headers()
        for _ in range(100):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.2)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.FETCH_TIMEOUT_SECONDS = 1
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_slow_site_never_holds_the_request_and_the_archiver_stops_at_the_deadline(
    client, slow_site, monkeypatch
):
    client.force_login(make_editor())
    claim = make_claim()
    started = time.monotonic()
    response = client.post(
        reverse("desk:workspace_evidence_add", args=[claim.pk]),
        {"url": f"{slow_site}/slow", "stance": "context"},
        **HTMX,
    )
    assert response.status_code == 200 and time.monotonic() - started < 1
    assert "Archiving…" in response.content.decode()
    started = time.monotonic()
    run_worker(monkeypatch)
    assert time.monotonic() - started < 2.5
    evidence = Evidence.objects.get()
    assert evidence.archive_status == Evidence.Archive.FAILED
    assert "longer than the 1-second limit" in evidence.archive_error


# --- Editing and removing ------------------------------------------------------------------------------


def test_a_new_url_is_archived_again_and_a_new_quote_checked_against_the_snapshot(site, immediate):
    evidence = add(make_claim(), url=f"{site}/notes.txt", quote="12 people died")
    fields = {"source_name": "", "url": evidence.url, "quote": "13 people died", "stance": "supports"}
    evidence = edit_evidence(evidence, **fields)
    assert evidence.is_archived and evidence.quote_verified is False
    evidence = edit_evidence(evidence, **{**fields, "url": f"{site}/statement", "quote": "400 of them"})
    evidence.refresh_from_db()
    assert evidence.is_archived and "remained in hospital" in evidence.snapshot and evidence.quote_verified


def test_edits_and_removals_are_kept_in_the_history_with_their_notes():
    editor = make_editor()
    evidence = add(make_claim(), source_name="Ministry", quote="First")
    edit_evidence(
        evidence, source_name="Ministry", url="", quote="Second", stance="refutes", note="Typo", by=editor
    )
    pk = evidence.pk
    remove_evidence(evidence, note="Wrong claim", by=editor)
    history = list(Evidence.history.filter(id=pk).order_by("history_date"))
    assert [record.history_type for record in history] == ["+", "~", "-"]
    assert [record.history_change_reason for record in history][1:] == ["Typo", "Wrong claim"]
    assert history[1].quote == "Second" and history[2].history_user == editor


# --- Matching quotes ----------------------------------------------------------------------------------


def test_an_existing_source_is_found_by_any_spelling():
    ministry = make_source("Ministry of Health")
    evidence = add(make_claim(), source_name="ministry of health ")
    assert evidence.source == ministry
    assert Source.objects.count() == 1


def test_a_new_source_name_creates_the_source(monkeypatch, immediate):
    monkeypatch.setattr(
        "claims.newsroom.evidence.fetch_url", lambda url: FetchedPage(url, "text/plain", "text")
    )
    editor = make_editor()
    evidence = add(make_claim(), source_name="Akimat of Almaty", url="https://akimat.example/", by=editor)
    assert evidence.source.name == "Akimat of Almaty"
    assert evidence.added_by == editor
    assert evidence.quote_verified is None  # no quote to look for


def test_an_outlet_named_with_its_medium_is_the_existing_source():
    khabar = make_source("Khabar 24", kind="broadcaster")
    assert add(make_claim(), source_name="Khabar-24 TV").source == khabar
    assert Source.objects.count() == 1


def test_a_look_alike_source_name_is_flagged_for_an_admin():
    wire = make_source("Nomad Wire")
    twin = add(make_claim(), source_name="N\u043emad Wire").source  # a Cyrillic о
    assert twin != wire
    assert twin.possible_duplicate_of == wire
    assert twin in Source.objects.needing_review()


def test_a_generic_body_named_by_the_editor_is_still_cited():
    evidence = add(make_claim(), source_name="the police")
    assert evidence.source.name == "the police"


def test_normalising_unifies_typographic_quotes():
    assert normalise_for_matching("“It’s  done”") == '"it\'s done"'
    assert quote_in_text("‘a’", "He said 'A' twice")
    assert not quote_in_text("", "anything")


# --- What readers see ---------------------------------------------------------------------------------


def public_evidence_lines(client, verdict):
    page = client.get(verdict.get_absolute_url()).content.decode()
    return page.split('data-testid="evidence-date">')[1:]


def test_readers_see_archived_on_the_snapshots_day_and_cited_on_otherwise(
    client, site, immediate, monkeypatch
):
    verdict = make_published_verdict()
    archived = add(verdict.claim, url=f"{site}/statement", source_name="Ministry")
    Evidence.objects.filter(pk=archived.pk).update(snapshot_at=timezone.now() - timedelta(days=3))
    add(verdict.claim, url=f"{site}/gone", source_name="Agency")  # failed
    add(verdict.claim, source_name="Interview notes")  # no page
    lines = public_evidence_lines(client, verdict)
    assert len(lines) == 3
    snapshot_day = (timezone.now() - timedelta(days=3)).strftime("%-d %B %Y")
    today = timezone.localdate().strftime("%-d %B %Y")
    assert "archived on <time" in lines[0] and snapshot_day in lines[0]
    assert "cited on" in lines[1] and today in lines[1]
    assert "cited on" in lines[2]
    assert all("accessed" not in line.split("</p>")[0] for line in lines)


def test_corrections_to_published_evidence_are_shown_with_their_notes(client, monkeypatch):
    verdict = make_published_verdict()
    before = add(verdict.claim, source_name="Ministry", quote="Before publication")
    Evidence.history.filter(id=before.pk).update(history_date=verdict.published_at - timedelta(hours=1))
    evidence = add(verdict.claim, source_name="Agency", quote="1,000 hurt")
    edit_evidence(
        evidence, source_name="Agency", url="", quote="1,200 hurt", stance="supports", note="Quote fixed"
    )
    remove_evidence(before, note="It was about another day")
    page = client.get(verdict.get_absolute_url()).content.decode()
    corrections = page.split('data-testid="evidence-corrections"')[1].split("</ul>")[0]
    assert "changed Agency. Quote fixed" in corrections
    assert "removed Ministry. It was about another day" in corrections
    assert "This verdict has not been changed since it was published." not in page
    assert "its evidence has" in page


def test_an_unexpected_error_while_archiving_is_not_left_archiving(monkeypatch):
    evidence = add(make_claim(), url="https://ministry.example/statement")

    def broken(url):
        raise RuntimeError("parser crashed")

    monkeypatch.setattr("claims.newsroom.evidence.fetch_url", broken)
    run_worker(monkeypatch)
    evidence.refresh_from_db()
    assert evidence.archive_status == Evidence.Archive.FAILED
    assert "unexpected error" in evidence.archive_error
    assert DBTaskResult.objects.get().status == "FAILED"


def test_archiving_interrupted_by_a_dead_worker_is_queued_again(monkeypatch):
    from claims.management.commands.recover_tasks import recover_tasks

    evidence = add(make_claim(), url="https://ministry.example/statement")
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1), worker_ids=["dead-worker"]
    )
    assert recover_tasks() == (1, 0)
    monkeypatch.setattr(
        "claims.newsroom.evidence.fetch_url", lambda url: FetchedPage(url, "text/plain", "Kept.")
    )
    run_worker(monkeypatch)
    evidence.refresh_from_db()
    assert evidence.is_archived and evidence.snapshot == "Kept."
