"""`manage.py backup FILE`: a consistent copy of the database (pg_dump custom format, or SQLite's backup)."""

from django.core.management.base import BaseCommand, CommandError

from claims.newsroom.backups import BackupError, backup, database_fingerprint


class Command(BaseCommand):
    help = "Back up the database to FILE (PostgreSQL: pg_dump custom format; SQLite: an online copy)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts, checksum = database_fingerprint()
        self.stdout.write(f"Backed up {sum(counts.values())} rows to {file} (checksum {checksum[:12]}).")
