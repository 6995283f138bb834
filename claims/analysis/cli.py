"""The `analyze` command line: read article files, analyse them together, print JSON or a summary.

Plain Python like the rest of the engine: `manage.py analyze` runs it before Django starts, since
the analysis needs neither the database nor settings, and Django's start-up would be most of a
short run. The Django command of the same name calls it too, for `call_command`.
"""

import argparse
import json
import os
import sys

from .documents import DEFAULT_MAX_BYTES, ArticleError, read_articles
from .pipeline import analysis_to_json, analyze

# The same variable and default as the web app's ANALYSIS_MAX_BYTES setting.
MAX_BYTES_VARIABLE = "FACTCHECK_MAX_ARTICLE_BYTES"


def max_article_bytes() -> int:
    return int(os.environ.get(MAX_BYTES_VARIABLE, str(DEFAULT_MAX_BYTES)))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article file, folder, or - for stdin")
    parser.add_argument("--format", choices=["json", "text"], default="text")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help=f"size limit per article (default: ${MAX_BYTES_VARIABLE} or 2 MiB)",
    )


def run(paths: list[str], output_format: str, max_bytes: int | None, stdin, stdout, stderr) -> int:
    """Analyse `paths` and write the result to `stdout`; the exit status (2 for bad input)."""
    try:
        articles = read_articles(paths, max_bytes or max_article_bytes(), stdin=stdin)
    except ArticleError as error:
        stderr.write(f"analyze: {error.path}: {error.reason}\n")
        return 2
    document = analysis_to_json(analyze(articles))
    if output_format == "json":
        stdout.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    else:
        stdout.write(format_text(document) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="manage.py analyze",
        description="Analyse articles (files, folders or - for stdin) and print claims, figures and contradictions.",
    )
    add_arguments(parser)
    options = parser.parse_args(argv)
    return run(options.paths, options.format, options.max_bytes, sys.stdin, sys.stdout, sys.stderr)


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
