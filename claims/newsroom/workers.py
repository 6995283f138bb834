"""Task workers that can be told apart: which process runs a task, and whether that process still lives.

`manage.py task_worker` names each worker `host:pid:random` and keeps a `TaskWorker` row with a heartbeat.
A task is orphaned when its worker is gone: on this machine, when that process id is no longer alive; on
another machine, when its heartbeat is older than `SILENCE`. `manage.py recover_tasks` re-queues such tasks
at once instead of waiting for them to grow old.
"""

import os
import socket
import time
from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import get_random_string

HOST = socket.gethostname()[:40]
SILENCE = timedelta(seconds=60)  # a worker this long without a heartbeat is taken for dead
BEAT_EVERY_SECONDS = 10

_beating = {"worker_id": None, "last": 0.0}


def new_worker_id():
    return f"{HOST}:{os.getpid()}:{get_random_string(8)}"


def pid_is_alive(pid):
    """Whether a process with this id runs on this machine (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_beating(worker_id):
    """Record this process as the worker `worker_id`; `heartbeat()` keeps the record fresh."""
    from ..models import TaskWorker

    TaskWorker.objects.update_or_create(
        worker_id=worker_id, defaults={"host": HOST, "pid": os.getpid(), "beat_at": timezone.now()}
    )
    _beating.update(worker_id=worker_id, last=time.monotonic())


def stop_beating():
    from ..models import TaskWorker

    if _beating["worker_id"]:
        TaskWorker.objects.filter(worker_id=_beating["worker_id"]).delete()
    _beating.update(worker_id=None, last=0.0)


def heartbeat(force=False):
    """Tell the others this worker lives (at most every BEAT_EVERY_SECONDS); nothing outside a worker."""
    from ..models import TaskWorker

    worker_id = _beating["worker_id"]
    if worker_id is None or (not force and time.monotonic() - _beating["last"] < BEAT_EVERY_SECONDS):
        return
    TaskWorker.objects.filter(worker_id=worker_id).update(beat_at=timezone.now())
    _beating["last"] = time.monotonic()
