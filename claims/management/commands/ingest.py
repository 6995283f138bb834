"""`manage.py ingest PATH...`: analyse article files and store them, idempotently."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.analysis import ArticleError
from claims.analysis.documents import read_articles
from claims.newsroom.budgets import BudgetExceeded
from claims.newsroom.ingest import ingest_record


class Command(BaseCommand):
    help = (
        "Analyse article files (or folders of them) and store articles, claims, figures and contradictions."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--max-bytes", type=int, default=settings.ANALYSIS_MAX_BYTES)

    def handle(self, *args, paths, max_bytes, **options):
        try:
            articles = read_articles(paths, max_bytes)
        except ArticleError as error:
            raise CommandError(f"ingest: {error}", returncode=2) from None
        created = contradictions = 0
        refused = []
        for article in articles:
            try:
                result = ingest_record(article, path=article.path)
            except BudgetExceeded as error:
                refused.append(article.path)
                self.stderr.write(f"{article.path}: not stored. {error}")
                continue
            created += result.created
            contradictions += len(result.contradictions)
            state = "stored" if result.created else "already stored"
            self.stdout.write(
                f"{article.path}: {state} as article {result.article.pk} "
                f"({len(result.claims)} claims, {len(result.contradictions)} new contradictions)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} new of {len(articles)} articles; {contradictions} new contradictions."
            )
        )
        if refused:
            raise CommandError(f"ingest: {len(refused)} article(s) could not be analysed.", returncode=1)
