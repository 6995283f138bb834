"""A task left running by a worker that died is re-enqueued (ingest is safe to repeat) or failed with the
reason; the ingest status page says it was interrupted. Never left "Analysing" for good."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from claims.management.commands import task_worker
from claims.management.commands.recover_tasks import MAX_ATTEMPTS, recover_tasks
from claims.management.commands.supervise_worker import supervise
from claims.models import Article, TaskWorker
from claims.newsroom import workers
from claims.newsroom.tasks import ingest_submission
from claims.newsroom.workers import HOST, SILENCE
from tests.factories import make_admin, make_editor

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


# --- Workers that can be told dead from busy (issue 9) --------------------------------------------------


def ended_process_id():
    """The id of a process that has just ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def recorded_worker(worker_id, pid, host=HOST, silent_for=timedelta(0)):
    return TaskWorker.objects.create(
        worker_id=worker_id, host=host, pid=pid, beat_at=timezone.now() - silent_for
    )


def test_a_task_whose_worker_process_has_ended_is_recovered_at_once():
    """A worker restarted quickly used to recover nothing for 15 minutes: the page said "Analysing"."""
    recorded_worker("gone", ended_process_id())
    result_id = left_running(minutes_ago=0, workers=["gone"])
    assert recover_tasks() == (1, 0)
    assert row(result_id).status == TaskResultStatus.READY


def test_a_task_whose_worker_still_runs_is_left_alone_however_old():
    recorded_worker("busy", os.getpid(), silent_for=timedelta(hours=1))
    result_id = left_running(minutes_ago=120, workers=["busy"])
    assert recover_tasks() == (0, 0)
    assert row(result_id).status == TaskResultStatus.RUNNING


def test_on_another_machine_a_silent_worker_is_taken_for_dead_and_a_beating_one_is_not():
    recorded_worker("silent", 1, host="elsewhere", silent_for=SILENCE * 2)
    recorded_worker("beating", 1, host="elsewhere")
    silent = left_running(minutes_ago=3, workers=["silent"])
    beating = left_running(minutes_ago=3, workers=["beating"])
    assert recover_tasks() == (1, 0)
    assert row(silent).status == TaskResultStatus.READY
    assert row(beating).status == TaskResultStatus.RUNNING


def test_a_task_that_killed_its_worker_twice_is_failed_not_run_a_third_time():
    recorded_worker("second", ended_process_id())
    result_id = left_running(minutes_ago=0, workers=["first", "second"])
    assert recover_tasks() == (0, 1)
    assert row(result_id).status == TaskResultStatus.FAILED
    assert "attempt 2 of 2" in row(result_id).traceback


def test_the_records_of_dead_workers_here_are_forgotten():
    recorded_worker("gone", ended_process_id())
    recorded_worker("alive", os.getpid())
    recover_tasks()
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == ["alive"]


def test_the_task_worker_names_itself_beats_and_leaves_no_record(monkeypatch):
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
    beats = []
    real_heartbeat = workers.heartbeat

    def recording_heartbeat(force=False):
        beats.append(TaskWorker.objects.values_list("worker_id", "pid").get())
        real_heartbeat(force)

    monkeypatch.setattr(workers, "heartbeat", recording_heartbeat)
    monkeypatch.setattr(task_worker, "heartbeat", recording_heartbeat)
    result = ingest_submission.enqueue(body=BODY)
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    worker_id = row(result.id).worker_ids[-1]
    assert worker_id.startswith(f"{HOST}:{os.getpid()}:")
    assert beats and all(beat == (worker_id, os.getpid()) for beat in beats)
    assert row(result.id).status == TaskResultStatus.SUCCESSFUL
    assert not TaskWorker.objects.exists()


def test_the_task_worker_recovers_the_tasks_of_dead_workers_as_it_starts(monkeypatch):
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
    recorded_worker("gone", ended_process_id())
    result_id = left_running(minutes_ago=0, workers=["gone"])
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert row(result_id).status == TaskResultStatus.SUCCESSFUL
    assert Article.objects.count() == 1


# --- Supervising the worker --------------------------------------------------------------------------------


def test_the_supervisor_starts_a_worker_again_when_it_dies(tmp_path):
    starts = tmp_path / "starts"
    dies = f"open({str(starts)!r}, 'a').write('x'); import os; os.kill(os.getpid(), 9)"
    lines = []
    assert supervise([sys.executable, "-c", dies], restart_delay=0, max_restarts=2, log=lines.append) == 3
    assert starts.read_text() == "xxx"
    assert "The task worker stopped (exit status -9); starting a new one" in lines[0]


def test_the_supervisor_recovers_the_dead_workers_task_before_the_next_one_starts(tmp_path):
    # A task whose recorded worker died; the supervisor's own worker then dies too.
    result_id = left_running(minutes_ago=0, workers=["doomed"])
    statuses = []

    def log(line):
        statuses.append(row(result_id).status)

    worker = "import os; os.kill(os.getpid(), 9)"
    TaskWorker.objects.create(worker_id="doomed", host=HOST, pid=ended_process_id())
    supervise([sys.executable, "-c", worker], restart_delay=0, max_restarts=0, log=log)
    assert statuses == [TaskResultStatus.READY]


def test_a_worker_that_stops_cleanly_is_not_started_again():
    assert supervise([sys.executable, "-c", "pass"], restart_delay=0, max_restarts=5, log=print) == 1


# --- The admin -------------------------------------------------------------------------------------------


def task_admin_url(result_id, page="delete"):
    return reverse(f"admin:django_tasks_database_dbtaskresult_{page}", args=[result_id])


def test_an_admin_may_delete_a_finished_task():
    client = Client()
    client.force_login(make_admin())
    result_id = left_running(minutes_ago=0, workers=["first", "second"])
    recover_tasks(timedelta(0))  # failed: it took its worker down twice
    assert client.get(task_admin_url(result_id)).status_code == 200
    response = client.post(task_admin_url(result_id), {"post": "yes"})
    assert response.status_code == 302
    assert not DBTaskResult.objects.filter(pk=result_id).exists()


def test_a_running_task_cannot_be_deleted_from_under_its_worker():
    client = Client()
    client.force_login(make_admin())
    recorded_worker("busy", os.getpid())
    result_id = left_running(minutes_ago=0, workers=["busy"])
    assert client.get(task_admin_url(result_id)).status_code == 403
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [result_id], "post": "yes"})
    assert DBTaskResult.objects.filter(pk=result_id).exists()


def test_an_editor_cannot_delete_tasks():
    client = Client()
    client.force_login(make_editor())
    result_id = ingest_submission.enqueue(body=BODY).id
    assert client.get(task_admin_url(result_id)).status_code in {302, 403}
    assert DBTaskResult.objects.filter(pk=result_id).exists()


def test_what_is_left_of_a_dead_worker_is_stopped_before_the_next_one_starts(tmp_path):
    """Under --reload a worker is two processes; when the outer one dies the inner one must not live on."""
    inner_pid = tmp_path / "inner.pid"
    leaves_a_child = (
        "import os, subprocess, sys;"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        f"open({str(inner_pid)!r}, 'w').write(str(child.pid));"
        "os.kill(os.getpid(), 9)"
    )
    supervise([sys.executable, "-c", leaves_a_child], restart_delay=0, max_restarts=0, log=lambda line: None)
    orphan = int(inner_pid.read_text())
    for _ in range(50):
        if not workers.pid_is_alive(orphan) or is_zombie(orphan):
            break
        time.sleep(0.1)
    assert not workers.pid_is_alive(orphan) or is_zombie(orphan)


def is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] == "Z"
    except OSError:
        return False


def test_the_status_page_says_when_the_worker_running_an_ingest_has_stopped(client):
    client.force_login(make_editor())
    recorded_worker("gone", ended_process_id())
    recorded_worker("busy", os.getpid())
    stalled = left_running(minutes_ago=0, workers=["gone"])
    running = left_running(minutes_ago=0, workers=["busy"])
    page = client.get(f"/desk/ingest/{stalled}/").content.decode()
    assert 'data-state="running"' in page and 'id="ingest-worker-gone"' in page
    assert 'id="ingest-worker-gone"' not in client.get(f"/desk/ingest/{running}/").content.decode()


def test_the_polling_status_page_hears_that_the_worker_stopped(client):
    client.force_login(make_editor())
    worker = recorded_worker("soon-gone", os.getpid())
    result_id = left_running(minutes_ago=0, workers=["soon-gone"])
    url = f"/desk/ingest/{result_id}/"
    assert client.get(f"{url}?seen=running", HTTP_HX_REQUEST="true").status_code == 204
    TaskWorker.objects.filter(pk=worker.pk).update(pid=ended_process_id())
    update = client.get(f"{url}?seen=running", HTTP_HX_REQUEST="true")
    assert update.status_code == 200
    assert 'id="ingest-worker-gone"' in update.content.decode()
    assert f'hx-get="{url}?seen=running-stalled"' in update.content.decode()
