"""`manage.py analyze PATH...`: analyse article files without touching the database."""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.analysis import ArticleError, analysis_to_json, analyze, read_articles


class Command(BaseCommand):
    help = "Analyse articles (files, folders or - for stdin) and print claims, figures and contradictions."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article file, folder, or - for stdin")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--max-bytes", type=int, default=None, help="size limit per article (default: ANALYSIS_MAX_BYTES)"
        )

    def handle(self, *args, **options):
        max_bytes = options["max_bytes"] or getattr(settings, "ANALYSIS_MAX_BYTES", 2 * 1024 * 1024)
        try:
            articles = read_articles(options["paths"], max_bytes, stdin=sys.stdin)
        except ArticleError as error:
            self.stderr.write(f"analyze: {error.path}: {error.reason}")
            sys.exit(2)
        result = analyze(articles)
        document = analysis_to_json(result)
        if options["format"] == "json":
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(format_text(document))


def format_text(document: dict) -> str:
    """A human summary: per article, its figures; then the contradictions."""
    lines = []
    figures_by_claim: dict[str, list[dict]] = {}
    for figure in document["figures"]:
        figures_by_claim.setdefault(figure["claim"], []).append(figure)
    for article in document["articles"]:
        label = article["publisher"] or article["path"]
        published = article["published"] or "undated"
        lines.append(f"{article['id']}  {label}  {published}  {article['title'] or ''}".rstrip())
        for claim in document["claims"]:
            if claim["article"] != article["id"] or claim["id"] not in figures_by_claim:
                continue
            speaker = claim["speaker"] or claim["speaker_role"]
            lines.append(f"  {claim['id']} [{claim['checkworthy']:.2f}] {claim['text']}")
            if speaker:
                via = f" via {', '.join(claim['via'])}" if claim["via"] else ""
                lines.append(f"      said by {speaker}{via}")
            for figure in figures_by_claim[claim["id"]]:
                bounds = f"{figure['low']}..{figure['high'] if figure['high'] is not None else ''}"
                lines.append(
                    f"      {figure['id']} {figure['measure']:<12} {figure['subject']:<15} {bounds:<16} "
                    f"«{figure['text']}» when={figure['when'] or '?'}"
                )
    lines.append("")
    lines.append(f"{len(document['contradictions'])} contradiction(s)")
    for contradiction in document["contradictions"]:
        lines.append(
            f"  {contradiction['id']} {contradiction['kind']} ({contradiction['severity']}) "
            f"{' / '.join(contradiction['claims'])}: {contradiction['explanation']}"
        )
    for note in document.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines)
