"""Properties that hold for any text: analysis never crashes and every span is exact."""

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.analysis import ArticleInput, analysis_to_json, analyze

WORDS = st.sampled_from(
    [  # fragments that exercise every rule, mixed with punctuation and noise
        "killed", "injured", "more than", "nearly", "dozens", "of them", "100", "1,000", "Twelve",
        "hundred", "and", "Tuesday's", "explosion", "said", "told", "“", "”", ".", ",", "\n", "…",
        "protesters", "police", "#tag", "https://t.co/x", "aged", "34", "tonnes",
        "on Wednesday night", "among the dead were", "other", "could reach", "Dr.", "U.S.", "—",
        "hospitalised", "in intensive care", "missing", "fled", "  ",
    ]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join))


def check_spans(body: str) -> None:
    article = ArticleInput(path="p.md", body=body, published=datetime(2020, 8, 5, 9, 0))
    output = analysis_to_json(analyze([article]))
    for claim in output["claims"]:
        assert body[claim["start"] : claim["end"]] == claim["text"]
        assert 0 <= claim["checkworthy"] <= 1
    for figure in output["figures"]:
        assert body[figure["start"] : figure["end"]] == figure["text"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_analysis_never_crashes_and_every_span_slices_the_body_exactly(body):
    check_spans(body)


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_a_batch_of_arbitrary_articles_never_crashes(bodies):
    articles = [ArticleInput(path=f"{i}.md", body=body, published=None) for i, body in enumerate(bodies)]
    analysis_to_json(analyze(articles))
