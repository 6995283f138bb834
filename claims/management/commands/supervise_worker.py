"""`manage.py supervise_worker [-- WORKER OPTIONS]`: keep one task worker running (`make run` uses it).

It starts `manage.py task_worker`; when that process dies (killed, out of memory, crashed), it recovers the
dead worker's tasks at once and starts a new worker after a short pause. Meanwhile it recovers, every
half minute, the tasks of workers that died elsewhere. A worker that stops cleanly (Ctrl-C, SIGTERM,
`--batch` running out of tasks) is not restarted, and stopping the supervisor stops its worker.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from .recover_tasks import recover_tasks

RECOVER_EVERY_SECONDS = 30


def supervise(
    command, *, restart_delay=1.0, max_restarts=None, recover_every=RECOVER_EVERY_SECONDS, log=print
):
    """Run `command` and run it again whenever it dies; returns how many times it was started."""
    stopping = False
    worker = None

    def stop(_signum, _frame):
        nonlocal stopping
        stopping = True
        if worker is not None:
            signal_group(worker, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    starts = 0
    try:
        while True:
            # Its own process group: a worker under --reload is two processes, and both must go.
            worker = subprocess.Popen(command, start_new_session=True)
            starts += 1
            while True:
                try:
                    code = worker.wait(timeout=recover_every)
                    break
                except subprocess.TimeoutExpired:
                    recover_tasks()
            signal_group(worker, signal.SIGKILL)  # whatever of it is left: never two workers at once
            if stopping or code == 0:
                return starts
            recover_tasks()
            if max_restarts is not None and starts > max_restarts:
                log(f"The task worker stopped (exit status {code}) {starts} times; not restarting it again.")
                return starts
            log(f"The task worker stopped (exit status {code}); starting a new one in {restart_delay:g} s.")
            time.sleep(restart_delay)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def signal_group(process, signum):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


class Command(BaseCommand):
    help = "Run the task worker and start it again whenever it dies."

    def add_arguments(self, parser):
        parser.add_argument("--restart-delay", type=float, default=1.0, metavar="SECONDS")
        parser.add_argument("worker_options", nargs="*", help="Passed to `manage.py task_worker` (after --).")

    def handle(self, *args, restart_delay, worker_options, **options):
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "task_worker", *worker_options]
        supervise(command, restart_delay=restart_delay, log=lambda line: self.stderr.write(line))
