"""Our own articles (tests/analysis/articles/) analysed together, checked against expectations.json.

An expectation the engine does not meet yet carries `"known_miss": true` and runs as a strict xfail:
when the engine starts meeting it the test fails, telling us to drop the flag. Articles where the
engine still reports contradictions nobody expects are listed in `known_extra_flags` the same way.
"""

import json
from pathlib import Path

import pytest

from claims.analysis import analysis_to_json, analyze, read_article

ARTICLES = Path(__file__).parent / "articles"
EXPECTATIONS = json.loads((ARTICLES / "expectations.json").read_text(encoding="utf-8"))
ARTICLE_PATHS = sorted(path for path in ARTICLES.iterdir() if path.suffix in (".md", ".html"))


def expected(entries, label):
    """Each entry as a pytest param; the ones marked known_miss become strict xfails."""
    params = []
    for entry in entries:
        marks = []
        if isinstance(entry, dict) and entry.get("known_miss"):
            reason = entry.get("why", "the engine does not meet this expectation yet")
            marks = [pytest.mark.xfail(strict=True, reason=reason)]
        params.append(pytest.param(entry, marks=marks, id=label(entry)))
    return params


@pytest.fixture(scope="module")
def output():
    return analysis_to_json(analyze([read_article(path) for path in ARTICLE_PATHS]))


def claim_ids(output, article_name, quote):
    articles = {a["id"] for a in output["articles"] if Path(a["path"]).name == article_name}
    return {c["id"] for c in output["claims"] if c["article"] in articles and quote in c["text"]}


def figure_fits(figure, expected):
    if figure["measure"] != expected["measure"]:
        return False
    if "value" in expected:
        value = expected["value"]
        low, high = figure["low"], figure["high"]
        return abs(figure["value"] - value) <= 0.1 * value or (
            low is not None and low <= value * 1.1 and (high is None or high >= value * 0.9)
        )
    return figure["low"] <= expected["high"] and (figure["high"] or float("inf")) >= expected["low"]


def flagged(output, pair):
    first, second = claim_ids(output, *pair["a"]), claim_ids(output, *pair["b"])
    return [
        x["kind"] for x in output["contradictions"] if set(x["claims"]) & first and set(x["claims"]) & second
    ]


@pytest.mark.parametrize(
    "expected", expected(EXPECTATIONS["figures"], lambda e: f"{e['quote']}-{e['measure']}")
)
def test_every_expected_figure_is_extracted(output, expected):
    claims = claim_ids(output, expected["article"], expected["quote"])
    assert claims, "no claim holds the quote"
    figures = [f for f in output["figures"] if f["claim"] in claims]
    assert any(figure_fits(figure, expected) for figure in figures), figures


@pytest.mark.parametrize("pair", expected(EXPECTATIONS["flag"], lambda p: p["a"][1]))
def test_every_expected_contradiction_is_flagged_with_its_kind(output, pair):
    assert pair["kind"] in flagged(output, pair)


@pytest.mark.parametrize("pair", expected(EXPECTATIONS["no_flag"], lambda p: p["why"]))
def test_consistent_pairs_are_not_flagged(output, pair):
    assert flagged(output, pair) == []


def normal(name):
    return " ".join(name.lower().strip(" .,;:").split())


def speaker_found(output, expected):
    """Whether a claim holding the quote has the expected speaker (a name, a list of acceptable names, or
    null for none) and, when given, the expected relay chain."""
    names = expected["speaker"] if isinstance(expected["speaker"], list) else [expected["speaker"]]
    wanted = {None if name is None else normal(name) for name in names}
    for claim in output["claims"]:
        if claim["id"] not in claim_ids(output, expected["article"], expected["quote"]):
            continue
        speaker = None if claim["speaker"] is None else normal(claim["speaker"])
        relay_fits = "via" not in expected or [normal(v) for v in claim["via"]] == [
            normal(v) for v in expected["via"]
        ]
        if speaker in wanted and relay_fits:
            return True
    return False


@pytest.mark.parametrize(
    "expected", expected(EXPECTATIONS.get("speakers", []), lambda e: f"{e['quote']}-{e['speaker']}")
)
def test_every_expected_speaker_and_relay_is_found(output, expected):
    claims = [
        c for c in output["claims"] if c["id"] in claim_ids(output, expected["article"], expected["quote"])
    ]
    assert claims, "no claim holds the quote"
    assert speaker_found(output, expected), [(c["speaker"], c["via"]) for c in claims]


def _article_and_quote(entry):
    return (entry["article"], entry["quote"]) if isinstance(entry, dict) else tuple(entry)


@pytest.mark.parametrize(
    "entry", expected(EXPECTATIONS["no_figures_in"], lambda e: "-".join(_article_and_quote(e)))
)
def test_numbers_of_other_things_are_not_figures(output, entry):
    article_name, quote = _article_and_quote(entry)
    claims = claim_ids(output, article_name, quote)
    assert claims
    assert [f["text"] for f in output["figures"] if f["claim"] in claims] == []


def unexpected_contradictions(output, article_name):
    """Explanations of contradictions touching the article that match no expected flag pair."""
    expected_pairs = [
        (claim_ids(output, *pair["a"]), claim_ids(output, *pair["b"])) for pair in EXPECTATIONS["flag"]
    ]
    in_article = claim_ids(output, article_name, "")
    return [
        x["explanation"]
        for x in output["contradictions"]
        if set(x["claims"]) & in_article
        and not any(
            set(x["claims"]) & first and set(x["claims"]) & second for first, second in expected_pairs
        )
    ]


def _articles_with_known_extra_flags():
    known = EXPECTATIONS.get("known_extra_flags", {})
    params = []
    for path in ARTICLE_PATHS:
        marks = [pytest.mark.xfail(strict=True, reason=known[path.name])] if path.name in known else []
        params.append(pytest.param(path.name, marks=marks, id=path.name))
    return params


@pytest.mark.parametrize("article_name", _articles_with_known_extra_flags())
def test_nothing_beyond_the_expected_contradictions_is_flagged(output, article_name):
    assert unexpected_contradictions(output, article_name) == []
