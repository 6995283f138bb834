"""`manage.py restore FILE`: replace the database's contents with a backup made by `backup`."""

from django.core.management.base import BaseCommand, CommandError

from claims.newsroom.backups import BackupError, database_fingerprint, restore


class Command(BaseCommand):
    help = "Restore the database from FILE made by `manage.py backup` (replaces the current contents)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        if not yes and input(f"Replace the whole database with {file}? [y/N] ").strip().lower() != "y":
            raise CommandError("Restore cancelled; nothing changed.")
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts, checksum = database_fingerprint()
        self.stdout.write(f"Restored {sum(counts.values())} rows from {file} (checksum {checksum[:12]}).")
