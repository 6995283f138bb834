"""`manage.py bench_analysis`: how fast the analysis is, and how contradiction detection scales.

The development corpus is replicated as distinct events (place names and dates shifted by
whole weeks, so weekdays still resolve the same way) up to each size, analysed in memory,
and compared with quantulum3's bare `parser.parse` on the same text as a reference.
"""

import resource
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.analysis import analyze, detect_contradictions, read_article

DEFAULT_CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "dev"
QUANTULUM_SAMPLE = 200


def replicate(articles, count: int):
    """`count` articles: copies of `articles`, each round about its own place and week."""
    copies = []
    round_number = 0
    while len(copies) < count:
        for article in articles:
            if len(copies) == count:
                break
            place = place_name(round_number)
            shift = timedelta(weeks=round_number)
            copies.append(
                replace(
                    article,
                    path=f"{round_number}-{article.path}",
                    body=article.body.replace("Beirut", place),
                    title=(article.title or "").replace("Beirut", place),
                    publisher=f"{article.publisher} {round_number}",
                    published=article.published + shift if article.published else None,
                )
            )
        round_number += 1
    return copies


def place_name(number: int) -> str:
    """A made-up town name of letters only, different for every number: Portaville, Portbville..."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if number == 0:
            return f"Port{letters}ville"


def peak_memory_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Benchmark the analysis on the dev corpus replicated as distinct events."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="250,1000,4000", help="comma-separated article counts")
        parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of sample articles")

    def handle(self, *args, **options):
        sizes = [int(size) for size in options["sizes"].split(",")]
        corpus = Path(options["corpus"])
        samples = [read_article(path) for path in sorted(corpus.glob("*.md")) if path.name != "README.md"]
        if not samples:  # replicating nothing would never reach the requested size
            raise CommandError(f"No sample articles (*.md) in {corpus}; pass --corpus.")
        columns = ["articles", "sentences", "sent/s", "art/s", "total s", "detect s", "µs/figure", "figures"]
        self.stdout.write(" ".join(f"{name:>10}" for name in columns + ["flags", "peak MB"]))
        per_article = None
        for size in sizes:
            articles = replicate(samples, size)
            started = time.perf_counter()
            result = analyze(articles)
            total = time.perf_counter() - started
            started = time.perf_counter()
            detect_contradictions(result.claims, result.figures)
            detect = time.perf_counter() - started
            sentences = len(result.claims)
            per_article = total / size
            detect_per_figure = detect / max(1, len(result.figures)) * 1e6
            row = [
                f"{size}", f"{sentences}", f"{sentences / total:.0f}", f"{size / total:.0f}", f"{total:.2f}",
                f"{detect:.3f}", f"{detect_per_figure:.1f}", f"{len(result.figures)}",
                f"{len(result.contradictions)}", f"{peak_memory_mb():.0f}",
            ]  # fmt: skip
            self.stdout.write(" ".join(f"{cell:>10}" for cell in row))
        self.compare_with_quantulum(samples, per_article)

    def compare_with_quantulum(self, samples, per_article: float | None) -> None:
        try:
            from quantulum3 import parser
        except ImportError:
            self.stdout.write("quantulum3 is not installed: no reference timing")
            return
        articles = replicate(samples, QUANTULUM_SAMPLE)
        parser.parse("warm up: 3 people")  # loads its models once, outside the timing
        started = time.perf_counter()
        for article in articles:
            parser.parse(article.body)
        reference = (time.perf_counter() - started) / len(articles)
        started = time.perf_counter()
        analyze(articles)
        ours = (time.perf_counter() - started) / len(articles)
        self.stdout.write(
            f"\nquantulum3 parser.parse: {reference * 1000:.2f} ms/article; our whole analysis: "
            f"{ours * 1000:.2f} ms/article ({QUANTULUM_SAMPLE} articles); "
            f"ratio {reference / ours:.1f}x faster"
        )
