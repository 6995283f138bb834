"""Put back tasks that a dead worker left "running", so no ingest is lost without a word.

django_tasks_db marks a task RUNNING when a worker claims it and only its own worker ever finishes it:
a worker killed mid-task (SIGKILL, out of memory, a machine restart) leaves it RUNNING forever, and the
ingest status page would say "Analysing" for good. This command, run before each worker starts (the
Makefile's `run` and `worker` targets), finds tasks running longer than --older-than minutes and

  * re-enqueues them (same id, so the status page keeps following it) if the task is safe to repeat,
    as ingest is: it finds an article already stored and changes nothing;
  * marks them failed with the reason otherwise, or once they have been tried MAX_ATTEMPTS times.

The worker ids a task was claimed by are kept, so the status page can say it was interrupted and retried.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

# Tasks that may safely run again after an interruption (archiving skips a page already archived).
REPEATABLE_TASKS = {"claims.tasks.ingest_submission", "claims.tasks.archive_evidence"}
MAX_ATTEMPTS = 3
INTERRUPTED_CLASS_PATH = "claims.tasks.WorkerInterrupted"


def recover_tasks(older_than=timedelta(minutes=15), now=None):
    """Re-enqueue or fail the tasks left running since before `now - older_than`; (retried, failed)."""
    cutoff = (now or timezone.now()) - older_than
    retried = failed = 0
    with transaction.atomic():
        stuck = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=cutoff
        )
        for task in stuck:
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
    return retried, failed


class Command(BaseCommand):
    help = "Re-enqueue (or fail, with the reason) tasks left running by a worker that died."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=15,
            metavar="MINUTES",
            help="Only tasks started this long ago (default 15; 0 when no other worker can be running).",
        )

    def handle(self, *args, older_than, **options):
        retried, failed = recover_tasks(timedelta(minutes=older_than))
        if retried or failed or options["verbosity"] > 1:
            self.stdout.write(f"Interrupted tasks: {retried} re-enqueued, {failed} marked failed.")
