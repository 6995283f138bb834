"""Delete readers' tips (and the addresses they left) older than TIPS_RETENTION_DAYS (180 by default)."""

from django.core.management.base import BaseCommand

from claims.inflow.models import Tip


class Command(BaseCommand):
    help = "Delete readers' tips older than settings.TIPS_RETENTION_DAYS, with their e-mail addresses."

    def handle(self, *args, **options):
        deleted, _ = Tip.objects.expired().delete()
        self.stdout.write(f"Deleted {deleted} tip{'s' if deleted != 1 else ''}.")
