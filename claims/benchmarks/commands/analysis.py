"""`python -m claims.benchmarks analysis`: how fast the analysis is, and how contradiction detection scales.

The development corpus is replicated as distinct events (place names and dates shifted by
whole weeks, so weekdays still resolve the same way) up to each size, analysed in memory,
and compared with quantulum3's bare `parser.parse` on the same text as a reference.

`--lengths` adds an article-length table: one synthetic article of N words, every sentence a
casualty figure that disagrees with most others, with its time and peak memory (tracemalloc).
Both must grow linearly: within-article contradictions are blocked, summarised and capped.
"""

import resource
import time
import tracemalloc
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.analysis import ArticleInput, analyze, detect_contradictions, read_article

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


# Sentences dense with casualty figures, each with its own numbers: the worst case for comparing
# figures within one article (every pair of distinct readings is a candidate contradiction).
DENSE_SENTENCES = (
    "At least {a} people were killed and {b} injured in the blast, the ministry said.",
    "The hospital said {b} people were being treated and {c} were in intensive care.",
    "Rescuers said {a} bodies had been recovered and {c} people were missing.",
    "Police said {c} people had been arrested after the explosion.",
)


def dense_article(words: int) -> ArticleInput:
    """One article of about `words` words in which nearly every sentence gives new figures."""
    sentences, count, number = [], 0, 0
    while count < words:
        number += 1
        template = DENSE_SENTENCES[number % len(DENSE_SENTENCES)]
        sentence = template.format(a=100 + number * 7, b=300 + number * 11, c=20 + number * 3)
        sentences.append(sentence)
        count += len(sentence.split())
    body = "Blast in Portaville kills dozens\n\n" + " ".join(sentences)
    return ArticleInput(
        path=f"dense-{words}.md",
        body=body,
        title="Blast in Portaville kills dozens",
        publisher="Bench Wire",
        published=datetime(2024, 3, 5, 18),
    )


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
        parser.add_argument(
            "--lengths",
            default="1000,10000,100000,300000",
            help="comma-separated article lengths in words for the length table ('' to skip)",
        )
        parser.add_argument("--skip-corpus", action="store_true", help="only the article-length table")

    def handle(self, *args, **options):
        if not options["skip_corpus"]:
            self.corpus_table(options)
        lengths = [int(length) for length in options["lengths"].split(",") if length]
        if lengths:
            self.length_table(lengths)

    def length_table(self, lengths: list[int]) -> None:
        """Time and peak memory for one ever longer article: both must grow linearly."""
        # CPU time as well as wall time: on a shared machine the wall clock includes waiting for a core.
        columns = ["words", "sentences", "figures", "flags", "wall s", "cpu s", "cpu µs/word", "peak MB"]
        self.stdout.write("\n" + " ".join(f"{name:>10}" for name in columns))
        for words in lengths:
            article = dense_article(words)
            tracemalloc.start()
            started, cpu_started = time.perf_counter(), time.process_time()
            result = analyze([article])
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            row = [
                f"{words}", f"{len(result.claims)}", f"{len(result.figures)}", f"{len(result.contradictions)}",
                f"{elapsed:.2f}", f"{cpu:.2f}", f"{cpu / words * 1e6:.1f}", f"{peak / 2**20:.1f}",
            ]  # fmt: skip
            self.stdout.write(" ".join(f"{cell:>10}" for cell in row))
            for note in result.notes:
                self.stdout.write(f"  note: {note}")

    def corpus_table(self, options) -> None:
        sizes = [int(size) for size in options["sizes"].split(",")]
        corpus = Path(options["corpus"])
        samples = [read_article(path) for path in sorted(corpus.glob("*.md")) if path.name != "README.md"]
        if not samples:  # replicating nothing would never reach the requested size
            raise CommandError(f"No sample articles (*.md) in {corpus}; pass --corpus.")
        columns = ["articles", "sentences", "sent/s", "art/s", "total s", "detect s", "µs/figure", "figures"]
        self.stdout.write(" ".join(f"{name:>10}" for name in columns + ["flags", "peak MB"]))
        for size in sizes:
            articles = replicate(samples, size)
            started = time.perf_counter()
            result = analyze(articles)
            total = time.perf_counter() - started
            started = time.perf_counter()
            detect_contradictions(result.claims, result.figures)
            detect = time.perf_counter() - started
            sentences = len(result.claims)
            detect_per_figure = detect / max(1, len(result.figures)) * 1e6
            row = [
                f"{size}", f"{sentences}", f"{sentences / total:.0f}", f"{size / total:.0f}", f"{total:.2f}",
                f"{detect:.3f}", f"{detect_per_figure:.1f}", f"{len(result.figures)}",
                f"{len(result.contradictions)}", f"{peak_memory_mb():.0f}",
            ]  # fmt: skip
            self.stdout.write(" ".join(f"{cell:>10}" for cell in row))
        self.compare_with_quantulum(samples)

    def compare_with_quantulum(self, samples) -> None:
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
