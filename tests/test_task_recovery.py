"""A task left running by a worker that died is re-enqueued (ingest is safe to repeat) or failed with the
reason; the ingest status page says it was interrupted. Never left "Analysing" for good."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from claims.management.commands.recover_tasks import MAX_ATTEMPTS, recover_tasks
from claims.models import Article
from claims.tasks import ingest_submission
from tests.factories import make_editor

pytestmark = pytest.mark.django_db

BODY = "ALMATY, Jan 6 (Wire) - More than 1,000 people were injured in clashes, the health ministry said."


def left_running(minutes_ago=30, workers=("dead-worker",), task=ingest_submission, **kwargs):
    """A task as a worker killed mid-run leaves it: RUNNING, claimed, never finished."""
    result = task.enqueue(**(kwargs or {"body": BODY}))
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=list(workers),
    )
    return result.id


def row(result_id):
    return DBTaskResult.objects.get(pk=result_id)


def run_worker(monkeypatch):
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_task_left_running_stays_running_without_recovery(monkeypatch):
    """What django_tasks_db does on its own: the worker never picks a RUNNING task up again."""
    result_id = left_running()
    run_worker(monkeypatch)
    assert row(result_id).status == TaskResultStatus.RUNNING


def test_an_interrupted_ingest_is_re_enqueued_and_then_runs(monkeypatch):
    result_id = left_running()
    assert recover_tasks() == (1, 0)
    assert row(result_id).status == TaskResultStatus.READY
    run_worker(monkeypatch)
    assert row(result_id).status == TaskResultStatus.SUCCESSFUL
    assert Article.objects.count() == 1
    assert len(row(result_id).worker_ids) == 2


def test_a_recent_running_task_is_left_alone():
    result_id = left_running(minutes_ago=1)
    assert recover_tasks(timedelta(minutes=15)) == (0, 0)
    assert row(result_id).status == TaskResultStatus.RUNNING


def test_a_task_interrupted_too_often_is_failed_with_the_reason():
    result_id = left_running(workers=[f"worker-{n}" for n in range(MAX_ATTEMPTS)])
    assert recover_tasks() == (0, 1)
    failed = row(result_id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.finished_at is not None
    assert "worker stopped" in failed.traceback


def test_the_command_recovers_and_says_so(capsys):
    left_running()
    call_command("recover_tasks", "--older-than", "10")
    assert "1 re-enqueued, 0 marked failed" in capsys.readouterr().out


def test_the_status_page_says_interrupted_and_retried(client):
    client.force_login(make_editor())
    result_id = left_running()
    recover_tasks()
    page = client.get(f"/desk/ingest/{result_id}/").content.decode()
    assert 'id="ingest-interrupted"' in page
    assert "Interrupted, retried" in page


def test_the_status_page_shows_why_a_task_failed_after_interruptions(client):
    client.force_login(make_editor())
    result_id = left_running(workers=[f"worker-{n}" for n in range(MAX_ATTEMPTS)])
    recover_tasks()
    page = client.get(f"/desk/ingest/{result_id}/").content.decode()
    assert f"The analysis was interrupted {MAX_ATTEMPTS} times" in page
    assert 'data-state="failed"' in page


def test_a_task_that_ran_normally_is_not_called_interrupted(client, monkeypatch):
    client.force_login(make_editor())
    result = ingest_submission.enqueue(body=BODY)
    run_worker(monkeypatch)
    page = client.get(f"/desk/ingest/{result.id}/").content.decode()
    assert "ingest-interrupted" not in page
