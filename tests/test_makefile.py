"""`make run` and `make serve` as a person uses them: the address links point at, the shared cache, and
stopping on Ctrl-C or SIGTERM. Python is replaced by a stub that records each command it is asked to run
(and, for the servers, waits like one), so these tests check make's recipes, not Django."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STUB = """#!/bin/sh
echo "$FACTCHECK_SITE_URL|$FACTCHECK_CACHE|$(basename "$0") $*" >> "$STUB_LOG"
case "$(basename "$0") $*" in
  *runserver*|*supervise_worker*|*poll_feeds*|*gunicorn*) [ -n "$STUB_SERVE" ] && exec sleep 60 ;;
esac
exit 0
"""


@pytest.fixture
def stub_venv(tmp_path):
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python", "gunicorn"):
        (bin_dir / name).write_text(STUB)
        (bin_dir / name).chmod(0o755)
    stamp = tmp_path / "installed"
    stamp.touch()
    newer = (ROOT / "requirements.txt").stat().st_mtime + 1
    os.utime(stamp, (newer, newer))  # newer than requirements.txt: nothing to install
    return tmp_path


def make(stub_venv, *args, serve=False, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "REDIS_", "DJANGO_"))
    }
    environment |= {"STUB_LOG": str(stub_venv / "log"), **({"STUB_SERVE": "1"} if serve else {}), **env}
    command = ["make", "--no-print-directory", "-C", str(ROOT), f"VENV={stub_venv / 'venv'}"]
    command += [f"STAMP={stub_venv / 'installed'}", *args]
    return subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def commands(stub_venv):
    return [line.split("|") for line in (stub_venv / "log").read_text().splitlines()]


def test_run_links_to_the_port_it_serves_on(stub_venv):
    assert make(stub_venv, "run", "PORT=18801").wait(timeout=30) == 0
    ran = commands(stub_venv)
    assert any("runserver 127.0.0.1:18801" in args for _, _, args in ran)
    assert {site for site, _, args in ran if "demo" in args or "runserver" in args} == {
        "http://127.0.0.1:18801"
    }


def test_an_address_set_by_hand_wins(stub_venv):
    assert make(stub_venv, "run", "PORT=18801", FACTCHECK_SITE_URL="https://checks.example").wait(30) == 0
    assert {site for site, _, args in commands(stub_venv) if "runserver" in args} == {
        "https://checks.example"
    }


def test_every_process_shares_the_database_cache_and_migrate_creates_its_table(stub_venv):
    assert make(stub_venv, "serve", "PORT=18801").wait(timeout=30) == 0
    ran = commands(stub_venv)
    assert any(args == "python manage.py createcachetable" for _, _, args in ran)
    assert {cache for _, cache, _ in ran} == {"database"}


@pytest.mark.parametrize("how", ["SIGTERM to make", "SIGTERM to the group", "Ctrl-C"])
def test_run_stops_both_processes_cleanly(stub_venv, how):
    started = make(stub_venv, "run", "PORT=18801", serve=True)
    deadline = time.monotonic() + 20
    while not (stub_venv / "log").exists() or "supervise_worker" not in (stub_venv / "log").read_text():
        assert time.monotonic() < deadline, "make run did not start"
        time.sleep(0.1)
    time.sleep(0.3)
    if how == "SIGTERM to make":
        started.send_signal(signal.SIGTERM)
    else:
        os.killpg(started.pid, signal.SIGINT if how == "Ctrl-C" else signal.SIGTERM)
    output, _ = started.communicate(timeout=15)
    assert "Stopped the demo server and the task worker." in output
    assert "Segmentation fault" not in output, output
    if how == "SIGTERM to the group":
        # make gets the signal at the same moment as the recipe's shell, and now and then finds that shell
        # already gone when it waits for it ("wait: No child processes"): make's own race, harmless, as
        # long as everything stopped (checked below).
        assert started.returncode in (-signal.SIGTERM, 2), output
    else:
        assert started.returncode in (-signal.SIGTERM, -signal.SIGINT), output  # make dies of its signal
        assert "make: " not in output and "make[1]: " not in output, output  # no "Terminated" or warning
    leftover = subprocess.run(["pgrep", "-g", str(started.pid)], capture_output=True, text=True).stdout
    assert leftover == "", "processes outlived make run"


def test_serve_stops_gunicorn_on_sigterm(stub_venv):
    started = make(stub_venv, "serve", "PORT=18801", serve=True)
    deadline = time.monotonic() + 20
    while not (stub_venv / "log").exists() or "gunicorn" not in (stub_venv / "log").read_text():
        assert time.monotonic() < deadline, "make serve did not start"
        time.sleep(0.1)
    time.sleep(0.3)
    started.send_signal(signal.SIGTERM)
    started.communicate(timeout=15)
    leftover = subprocess.run(["pgrep", "-g", str(started.pid)], capture_output=True, text=True).stdout
    assert leftover == "", "gunicorn outlived make serve"
