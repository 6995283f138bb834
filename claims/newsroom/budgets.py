"""Running the analysis within a time and memory budget, so one article can never take the worker down.

The analysis is plain Python and can grow with the square of an article's figures. It runs in a child
process whose address space is capped with RLIMIT_AS and which is killed when its wall-clock budget is
spent. The worker, its database connection and every other ingest stay untouched; the caller gets
`BudgetExceeded` with a sentence an editor can act on.

Children come from a fork server (started once per worker, with the analysis already imported): they
start in milliseconds, share nothing with the worker's threads or database connections, and their memory
budget counts from a small interpreter rather than from the worker's size. This module is imported
there, so it imports no Django at the top.
"""

import contextlib
import multiprocessing
import resource
import time
from collections.abc import Callable

TOO_LONG = "the article is too long to analyse in one piece. Split it into shorter articles and submit each"
WAIT_SLICE_SECONDS = 5  # how often the waiting worker calls `on_wait` (its heartbeat)


class BudgetExceeded(Exception):
    """The analysis ran out of time or memory; the message says which, in an editor's words."""


def address_space_in_use():
    """Bytes of address space this process maps now (Linux); 0 where /proc is not there."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def _child(connection, memory_bytes, function, args, kwargs):
    limit = address_space_in_use() + memory_bytes
    # A system that will not cap address space still has the time budget.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        outcome = ("done", function(*args, **kwargs))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as error:  # handed to the parent, which raises it as if it ran there
        outcome = ("error", error)
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("memory", None))
    connection.close()


def run_within_budget(
    function: Callable, *args, seconds: float, memory_bytes: int, on_wait: Callable | None = None, **kwargs
):
    """`function(*args, **kwargs)` in a child process given `seconds` and `memory_bytes` more memory."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["claims.newsroom.budgets", "claims.analysis", "claims.newsroom.comparison"]
    )
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, memory_bytes, function, args, kwargs), daemon=True)
    started = time.monotonic()
    child.start()
    sending.close()
    try:
        while not receiving.poll(min(WAIT_SLICE_SECONDS, max(0, started + seconds - time.monotonic()))):
            if time.monotonic() - started >= seconds:
                raise BudgetExceeded(f"The analysis stopped after {seconds:g} s: {TOO_LONG}.")
            if on_wait:
                on_wait()
        try:
            state, value = receiving.recv()
        except EOFError:  # the child died without a word
            state, value = "died", None
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()
    if state == "died" and child.exitcode < 0:
        state = "memory"  # killed by a signal: the kernel's out-of-memory killer, most likely
    elif state == "died":
        raise RuntimeError(f"The analysis process ended without a result (exit status {child.exitcode}).")
    if state == "memory":
        from django.template.defaultfilters import filesizeformat

        raise BudgetExceeded(
            f"The analysis stopped when it reached its {filesizeformat(memory_bytes)} memory limit: {TOO_LONG}."
        )
    if state == "error":
        raise value
    return value
