"""backup and restore give back every row, on SQLite and on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Contradiction, Source
from claims.newsroom.backups import database_fingerprint
from tests.factories import make_contradiction, make_evidence, make_figure, make_verdict

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def roles():
    from claims.roles import ensure_roles

    ensure_roles()


def test_a_round_trip_gives_back_every_row(tmp_path):
    verdict = make_verdict(headline="Injured count")
    make_figure(verdict.claim)
    make_evidence(verdict.claim)
    make_contradiction()
    before = database_fingerprint()
    assert before[0]["claims.Verdict"] == 1

    call_command("backup", str(tmp_path / "backup.dump"))
    Contradiction.objects.all().delete()
    Source.objects.create(name="Added after the backup")
    assert database_fingerprint() != before

    call_command("restore", str(tmp_path / "backup.dump"), "--yes")
    assert database_fingerprint() == before


def test_restoring_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", str(tmp_path / "nothing.dump"), "--yes")
