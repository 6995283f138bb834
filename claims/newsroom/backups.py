"""Backing up and restoring the whole database: pg_dump/pg_restore on PostgreSQL, SQLite's backup API.

Both give a consistent copy while the site runs: pg_dump reads one snapshot, and SQLite's online
backup copies pages under a read lock.
"""

import hashlib
import os
import sqlite3
import subprocess

from django.apps import apps
from django.db import connection


class BackupError(Exception):
    pass


def postgres_environment(settings_dict):
    env = dict(os.environ)
    variables = {"PGHOST": "HOST", "PGPORT": "PORT", "PGUSER": "USER", "PGPASSWORD": "PASSWORD"}
    for variable, key in variables.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def run(command, env=None):
    finished = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed: {finished.stderr.strip()[-500:]}")


def backup(path):
    """Write a consistent copy of the default database to `path`."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", settings_dict["NAME"]],
            env=postgres_environment(settings_dict),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"Backups are not supported on {connection.vendor}.")


def restore(path):
    """Replace the default database's contents with the backup at `path`."""
    if not os.path.exists(path):
        raise BackupError(f"No backup at {path}.")
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()
        run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={settings_dict['NAME']}", path],
            env=postgres_environment(settings_dict),
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
    else:
        raise BackupError(f"Restores are not supported on {connection.vendor}.")


def database_fingerprint():
    """Row counts per model and one checksum over every row, to compare two databases."""
    counts, digest = {}, hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = [field.attname for field in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values_list(*fields)
        counts[model._meta.label] = 0
        for row in rows.iterator():
            counts[model._meta.label] += 1
            digest.update(repr(row).encode())
    return counts, digest.hexdigest()
