"""Our own articles (tests/analysis/articles/) analysed together, checked against expectations.json."""

import json
from pathlib import Path

import pytest

from claims.analysis import analysis_to_json, analyze, read_article

ARTICLES = Path(__file__).parent / "articles"
EXPECTATIONS = json.loads((ARTICLES / "expectations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def output():
    paths = sorted(path for path in ARTICLES.iterdir() if path.suffix in (".md", ".html"))
    return analysis_to_json(analyze([read_article(path) for path in paths]))


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


@pytest.mark.parametrize("expected", EXPECTATIONS["figures"], ids=lambda e: f"{e['quote']}-{e['measure']}")
def test_every_expected_figure_is_extracted(output, expected):
    claims = claim_ids(output, expected["article"], expected["quote"])
    assert claims, "no claim holds the quote"
    figures = [f for f in output["figures"] if f["claim"] in claims]
    assert any(figure_fits(figure, expected) for figure in figures), figures


@pytest.mark.parametrize("pair", EXPECTATIONS["flag"], ids=lambda p: p["a"][1])
def test_every_expected_contradiction_is_flagged_with_its_kind(output, pair):
    assert pair["kind"] in flagged(output, pair)


@pytest.mark.parametrize("pair", EXPECTATIONS["no_flag"], ids=lambda p: p["why"])
def test_consistent_pairs_are_not_flagged(output, pair):
    assert flagged(output, pair) == []


@pytest.mark.parametrize("article_name, quote", EXPECTATIONS["no_figures_in"])
def test_numbers_of_other_things_are_not_figures(output, article_name, quote):
    claims = claim_ids(output, article_name, quote)
    assert claims
    assert [f["text"] for f in output["figures"] if f["claim"] in claims] == []


def test_nothing_beyond_the_expected_contradictions_is_flagged(output):
    assert len(output["contradictions"]) == len(EXPECTATIONS["flag"])
