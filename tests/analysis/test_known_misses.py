"""The tool that drops met known_miss marks only ever removes marks."""

from tests.analysis.known_misses import drop_met_known_misses

OUTPUT = {
    "articles": [{"id": "a1", "path": "articles/quake-post.md"}],
    "claims": [
        {"id": "c1", "article": "a1", "text": "Nine people died."},
        {"id": "c2", "article": "a1", "text": "Forty were hurt."},
    ],
    "figures": [{"id": "f1", "claim": "c1", "measure": "killed", "value": 9, "low": 9, "high": 9}],
    "contradictions": [],
}


def expectations(**overrides):
    base = {"figures": [], "flag": [], "no_flag": [], "no_figures_in": [], "known_extra_flags": {}}
    return base | overrides


def figure(value, **marks):
    return {
        "article": "quake-post.md",
        "quote": "Nine people died",
        "measure": "killed",
        "value": value,
    } | marks


def test_a_known_miss_the_engine_now_meets_loses_its_mark():
    kept, dropped = drop_met_known_misses(expectations(figures=[figure(9, known_miss=True)]), OUTPUT)
    assert kept["figures"] == [figure(9)]
    assert dropped == [("figures", "Nine people died")]


def test_a_known_miss_still_missed_keeps_its_mark():
    entry = figure(50, known_miss=True, why="not read yet")
    kept, dropped = drop_met_known_misses(expectations(figures=[entry]), OUTPUT)
    assert kept["figures"] == [entry]
    assert dropped == []


def test_an_unmarked_expectation_the_engine_misses_is_never_marked():
    missed_pair = {"kind": "count", "a": ["quake-post.md", "Nine"], "b": ["quake-post.md", "Forty"]}
    kept, _ = drop_met_known_misses(expectations(figures=[figure(50)], flag=[missed_pair]), OUTPUT)
    assert "known_miss" not in kept["figures"][0]
    assert "known_miss" not in kept["flag"][0]


def test_a_consistent_pair_now_left_alone_and_a_quiet_article_lose_their_marks():
    pair = {
        "a": ["quake-post.md", "Nine"],
        "b": ["quake-post.md", "Forty"],
        "why": "different measures",
        "known_miss": True,
    }
    kept, dropped = drop_met_known_misses(
        expectations(no_flag=[pair], known_extra_flags={"quake-post.md": "flagged nine against forty"}),
        OUTPUT,
    )
    assert "known_miss" not in kept["no_flag"][0]
    assert kept["known_extra_flags"] == {}
    assert ("known_extra_flags", "quake-post.md") in dropped


def test_a_speaker_the_engine_now_names_loses_its_mark_and_a_wrong_one_keeps_it():
    output = OUTPUT | {"claims": [c | {"speaker": "Ana Ruiz", "via": []} for c in OUTPUT["claims"]]}
    right = {"article": "quake-post.md", "quote": "Nine", "speaker": "Ana Ruiz", "known_miss": True}
    wrong = {"article": "quake-post.md", "quote": "Forty", "speaker": "police", "known_miss": True}
    kept, _ = drop_met_known_misses(expectations(speakers=[right, wrong]), output)
    assert "known_miss" not in kept["speakers"][0]
    assert kept["speakers"][1]["known_miss"] is True
