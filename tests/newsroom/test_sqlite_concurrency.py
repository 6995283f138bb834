"""SQLite, the embedded default, never locks readers out: not during a long ingest, not ever.

Issue 9: one pasted article kept the database locked for minutes, and the home page, the API and the
login answered 500. These tests use a real database file (the tests' own database lives in memory,
where SQLite has no write-ahead log) with the project's connection settings, and a reader that keeps
reading while another process ingests a large article.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler

CONFLICTING_SENTENCES = 400  # ~6,000 words, 63,000 possible contradictions: seconds of analysis


def conflicting_article(sentences):
    return "---\npublisher: Steppe Wire\n---\nClashes in Almaty\n\n" + "\n\n".join(
        f"On Wednesday {1000 + 7 * n} people were killed in the clashes in Almaty, the health ministry said."
        for n in range(sentences)
    )


def file_connection(path):
    """A connection to the database file at `path`, configured as the project configures SQLite (also
    when the suite itself runs on PostgreSQL)."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": settings.SQLITE_OPTIONS,
            }
        }
    )
    return handler["default"]


def manage(database, *arguments, **popen):
    environment = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments]
    return subprocess.Popen(command, env=environment, cwd=settings.BASE_DIR, **popen)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
    assert manage(path, "migrate", "--noinput", "-v0").wait(timeout=120) == 0
    return path


@pytest.fixture(autouse=True)
def file_database_allowed(django_db_blocker):
    """These connections go to a file of their own, never to the tests' database."""
    with django_db_blocker.unblock():
        yield


def test_the_project_opens_sqlite_with_a_write_ahead_log_and_a_busy_timeout(database):
    connection = file_connection(database)
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5_000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    connection.close()


def test_readers_keep_reading_while_a_large_article_is_ingested(database, tmp_path):
    article = tmp_path / "large.md"
    article.write_text(conflicting_article(CONFLICTING_SENTENCES), encoding="utf-8")
    ingest = manage(
        database, "ingest", str(article), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    reader = file_connection(database)
    slowest, reads, claims_seen = 0.0, 0, set()
    try:
        while ingest.poll() is None:
            started = time.monotonic()
            with reader.cursor() as cursor:  # what every page does first: the session, then its rows
                claims_seen.add(cursor.execute("SELECT count(*) FROM claims_claim").fetchone()[0])
                cursor.execute("SELECT count(*) FROM django_session").fetchone()
            slowest = max(slowest, time.monotonic() - started)
            reads += 1
            time.sleep(0.02)
    finally:
        reader.close()
        try:
            out, err = ingest.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            ingest.kill()
            raise
    assert ingest.returncode == 0, err
    assert "stored as article" in out
    assert reads > 10
    assert slowest < 0.5, f"a read waited {slowest:.2f} s for the ingest"
    assert max(claims_seen) in {0, CONFLICTING_SENTENCES + 1}  # all the claims at once, or none yet
