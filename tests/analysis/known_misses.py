"""Drop the `known_miss` marks the engine now meets: `python -m tests.analysis.known_misses`.

After an engine change, the strict xfails in test_articles.py fail for every expectation the engine
has started to meet. This rewrites expectations.json without those marks (and without the articles
in `known_extra_flags` that no longer raise unexpected flags). It only ever removes marks, never adds
one, so it cannot hide a regression: an expectation that stops being met still fails its test.
"""

import json

from claims.analysis import analysis_to_json, analyze, read_article
from tests.analysis.test_articles import (
    ARTICLE_PATHS,
    ARTICLES,
    claim_ids,
    figure_fits,
    flagged,
    speaker_found,
    unexpected_contradictions,
)

CHECKS = {
    "figures": lambda output, e: any(
        figure_fits(f, e)
        for f in output["figures"]
        if f["claim"] in claim_ids(output, e["article"], e["quote"])
    ),
    "flag": lambda output, e: e["kind"] in flagged(output, e),
    "no_flag": lambda output, e: flagged(output, e) == [],
    "speakers": speaker_found,
    "no_figures_in": lambda output, e: (
        not [f for f in output["figures"] if f["claim"] in claim_ids(output, e["article"], e["quote"])]
    ),
}


def drop_met_known_misses(expectations, output):
    """A copy of the expectations without the marks the output now meets, and what was dropped."""
    kept, dropped = json.loads(json.dumps(expectations)), []
    for key, meets in CHECKS.items():
        for entry in kept.get(key, []):
            if isinstance(entry, dict) and entry.get("known_miss") and meets(output, entry):
                del entry["known_miss"]
                if key == "figures":  # a figure's `why` only ever says why it was a known miss
                    entry.pop("why", None)
                dropped.append((key, entry.get("quote") or entry["a"][1]))
    for article_name in list(kept.get("known_extra_flags", {})):
        if not unexpected_contradictions(output, article_name):
            del kept["known_extra_flags"][article_name]
            dropped.append(("known_extra_flags", article_name))
    return kept, dropped


def main():
    path = ARTICLES / "expectations.json"
    expectations = json.loads(path.read_text(encoding="utf-8"))
    output = analysis_to_json(analyze([read_article(p) for p in ARTICLE_PATHS]))
    kept, dropped = drop_met_known_misses(expectations, output)
    path.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, what in dropped:
        print(f"met now ({key}): {what}")
    print(f"{len(dropped)} mark(s) dropped")


if __name__ == "__main__":
    main()
