"""Put back tasks that a dead worker left "running", so no ingest is lost without a word.

django_tasks_db marks a task RUNNING when a worker claims it and only its own worker ever finishes it:
a worker killed mid-task (SIGKILL, out of memory, a machine restart) leaves it RUNNING forever, and the
ingest status page would say "Analysing" for good. This command (run by every `manage.py task_worker`
as it starts, and by `manage.py supervise_worker` whenever its worker dies and every half minute) finds
running tasks whose worker is gone:

  * a worker started by `manage.py task_worker` is gone when its process has ended (same machine) or its
    heartbeat is older than a minute (another machine): see claims/newsroom/workers.py;
  * a worker that keeps no record (plain `db_worker`) is taken for gone once the task has been running
    longer than --older-than minutes.

It re-enqueues such a task (same id, so the status page keeps following it) if the task is safe to
repeat, as ingest is: it finds an article already stored and changes nothing; and marks it failed with
the reason otherwise, or once it has been tried MAX_ATTEMPTS times: a task that kills its worker twice
would kill the next one too.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from claims.models import TaskWorker
from claims.newsroom.workers import HOST, SILENCE

# Tasks that may safely run again after an interruption (archiving skips a page already archived).
REPEATABLE_TASKS = {
    "claims.newsroom.tasks.ingest_submission",
    "claims.newsroom.tasks.archive_evidence",
    "claims.inflow.tasks.ingest_feed_item",  # links the stored article if the ingest had finished
}
MAX_ATTEMPTS = 2
INTERRUPTED_CLASS_PATH = "claims.newsroom.tasks.WorkerInterrupted"
FORGET_WORKERS_AFTER = timedelta(days=1)


def worker_is_gone(task, workers, now, older_than):
    worker = workers.get(task.worker_ids[-1]) if task.worker_ids else None
    if worker is None:  # a worker that keeps no record: judged by the task's age alone
        return task.started_at < now - older_than
    if worker.host != HOST and task.started_at >= now - SILENCE:
        return False  # claimed a moment ago by a worker that had no reason to beat while it sat idle
    return worker.is_gone(now)


def recover_tasks(older_than=timedelta(minutes=15), now=None):
    """Re-enqueue or fail the running tasks whose worker is gone; (retried, failed)."""
    now = now or timezone.now()
    retried = failed = 0
    with transaction.atomic():
        running = list(
            DBTaskResult.objects.select_for_update(skip_locked=True).filter(status=TaskResultStatus.RUNNING)
        )
        last_workers = {task.worker_ids[-1] for task in running if task.worker_ids}
        workers = {w.worker_id: w for w in TaskWorker.objects.filter(worker_id__in=last_workers)}
        for task in running:
            if not worker_is_gone(task, workers, now, older_than):
                continue
            attempts = len(task.worker_ids)
            if task.task_path in REPEATABLE_TASKS and attempts < MAX_ATTEMPTS:
                task.status = TaskResultStatus.READY
                task.save(update_fields=["status"])
                retried += 1
            else:
                task.status = TaskResultStatus.FAILED
                task.finished_at = timezone.now()
                task.exception_class_path = INTERRUPTED_CLASS_PATH
                task.traceback = (
                    f"The worker stopped while running this task (attempt {attempts} of {MAX_ATTEMPTS}); "
                    "it was not run again."
                )
                task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                failed += 1
        forget_dead_workers(now)
    return retried, failed


def forget_dead_workers(now):
    stale = TaskWorker.objects.filter(beat_at__lt=now - FORGET_WORKERS_AFTER)
    here = [w.pk for w in TaskWorker.objects.filter(host=HOST) if w.is_gone(now)]
    (stale | TaskWorker.objects.filter(pk__in=here)).delete()


class Command(BaseCommand):
    help = "Re-enqueue (or fail, with the reason) tasks left running by a worker that died."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=15,
            metavar="MINUTES",
            help="For tasks of workers that keep no heartbeat (plain db_worker): only those started this "
            "long ago (default 15; 0 when no other worker can be running).",
        )

    def handle(self, *args, older_than, **options):
        retried, failed = recover_tasks(timedelta(minutes=older_than))
        if retried or failed or options["verbosity"] > 1:
            self.stdout.write(f"Interrupted tasks: {retried} re-enqueued, {failed} marked failed.")
