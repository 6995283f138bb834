"""Several processes serving the site share one page cache: an edit saved in one of them shows on the
next anonymous request to every other one. Each "worker" here is a real, separate Python process
(tests/public/cache_process.py) on one file-backed SQLite database with the database cache, as under `make serve`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.public.cache_process"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def shared_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "FACTCHECK_CACHE": "database",
    }
    for command in (["migrate", "-v0"], ["createcachetable"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=120)
    return env


@pytest.fixture
def workers(shared_database):
    started = [Worker(shared_database) for _ in range(3)]
    yield started
    for worker in started:
        worker.stop()


def test_an_edit_in_one_process_shows_in_every_other_at_once(workers):
    editing, *serving = workers
    url = editing.ask(publish="Old headline")["url"]
    for worker in workers:
        worker.ask(get=url)
    second = [worker.ask(get=url) for worker in workers]
    assert [page["cache"] for page in second] == ["hit"] * len(workers)  # one cache, shared

    editing.ask(edit=url, headline="New headline")

    for worker in serving + [editing]:
        page = worker.ask(get=url)
        assert page["status"] == 200
        assert "New headline" in page["body"] and "Old headline" not in page["body"]
