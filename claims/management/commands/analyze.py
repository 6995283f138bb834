"""`manage.py analyze PATH...`: analyse article files without touching the database.

`manage.py` runs `claims.analysis.cli` directly, before Django starts; this command is the same
entry point for `call_command` and `manage.py help`.
"""

import sys

from django.core.management.base import BaseCommand

from claims.analysis import cli


class Command(BaseCommand):
    help = "Analyse articles (files, folders or - for stdin) and print claims, figures and contradictions."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        status = cli.run(
            options["paths"], options["format"], options["max_bytes"], sys.stdin, self.stdout, self.stderr
        )
        if status:
            sys.exit(status)
