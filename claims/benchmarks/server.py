"""What the benchmarks share: a scratch PostgreSQL database of their own, and the production server.

`use_database` points the connection at a database made for the benchmark (never the configured one);
`production_server` starts gunicorn as `make serve` does, on a free loopback port.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, connections

BASE_DIR = Path(settings.BASE_DIR)


def switch_database(name, rebuild=False):
    """Point the default connection at `name`, creating it first (dropping it first with `rebuild`).
    True if it was (re)created."""
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if rebuild or not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    for alias in connections:
        connections[alias].close()
    connection.settings_dict["NAME"] = name
    return bool(rebuild or not exists)


def use_database(name):
    """Point the default connection at `name` (created if missing), never the configured database;
    return its DATABASE_URL."""
    if connection.vendor != "postgresql":
        raise CommandError("The load benchmarks need PostgreSQL: set DATABASE_URL=postgres://…")
    if name == connection.settings_dict["NAME"]:
        raise CommandError("The bench database must not be the configured database.")
    switch_database(name)
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def production_server(database_url, workers=2, **extra_env):
    """gunicorn serving the app as `make serve` does, on a free loopback port; yields the port."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        **extra_env,
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=BASE_DIR, check=True
    )
    gunicorn = str(Path(python).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "factcheck.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=BASE_DIR,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise CommandError("gunicorn did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)
