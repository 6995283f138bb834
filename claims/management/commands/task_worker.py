"""`manage.py task_worker`: django_tasks_db's `db_worker` that can be told dead from busy.

It names itself `host:pid:random`, records itself in `TaskWorker` and beats as each task starts and ends
and while the analysis runs, so that `recover_tasks` re-queues its task as soon as it is gone rather than
after a quarter of an hour. It recovers the tasks of dead workers before it starts.
"""

import os

from django.tasks.signals import task_finished, task_started
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from claims.newsroom.workers import heartbeat, new_worker_id, start_beating, stop_beating

from .recover_tasks import recover_tasks


def beat(**kwargs):
    heartbeat(force=True)


class Command(db_worker.Command):
    help = "Run the task worker, with a heartbeat so that its tasks are recovered if it dies."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None)

    def handle(self, *args, worker_id=None, reload=False, **options):
        if reload and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloading parent only restarts the child that does the work; the child names itself.
            return super().handle(*args, worker_id=worker_id or "reloader", reload=reload, **options)
        worker_id = worker_id or new_worker_id()
        recover_tasks()
        start_beating(worker_id)
        task_started.connect(beat, dispatch_uid="task_worker_beat_start")
        task_finished.connect(beat, dispatch_uid="task_worker_beat_finish")
        try:
            super().handle(*args, worker_id=worker_id, reload=reload, **options)
        finally:
            task_started.disconnect(dispatch_uid="task_worker_beat_start")
            task_finished.disconnect(dispatch_uid="task_worker_beat_finish")
            stop_beating()
