"""Markdown made safe for verdict explanations, article excerpts and relay chains."""

import time
import timeit

import pytest

from claims.rendering import (
    MAX_EXPLANATION_LENGTH,
    MAX_NESTING,
    ExplanationTooLong,
    article_excerpt,
    describe_reasons,
    html_to_text,
    relay_phrase,
    render_markdown,
)


def test_markdown_is_rendered():
    html = render_markdown("**Bold** and [a link](https://example.org)\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">a link</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        "[click](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<div hx-get="/desk/" hx-trigger="load">x</div>',
        '<p hx-post="/desk/claims/1/publish/" data-hx-post="/x">x</p>',
        "<iframe src=https://evil.example></iframe>",
        "<svg onload=alert(1)>",
        '<style>body{display:none}</style><p style="position:fixed">x</p>',
        '<form action="/desk/"><button formaction="/x">go</button></form>',
    ],
)
def test_dangerous_markup_does_not_survive(payload):
    html = render_markdown(f"Before\n\n{payload}\n\nAfter").lower()
    forbidden_fragments = ["<script", "onerror", "onclick", "onload", "javascript:", "hx-", "<iframe"]
    forbidden_fragments += ["<style", "style=", "<form", "formaction"]
    for forbidden in forbidden_fragments:
        assert forbidden not in html
    assert "before" in html and "after" in html


def test_script_content_is_dropped_not_shown_as_text():
    assert "alert" not in render_markdown("<script>alert(1)</script>")


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


BODY = (
    "The first sentence is here. A second sentence follows it. "
    "Officials said 12 people died and 40 were hurt. "
    "Another sentence comes after. And a final one ends the text."
)


def test_excerpt_marks_the_claim_and_its_figures():
    start = BODY.index("Officials")
    end = BODY.index("hurt.") + len("hurt.")
    twelve = BODY.index("12")
    forty = BODY.index("40")
    excerpt = article_excerpt(BODY, start, end, [(twelve, twelve + 2), (forty, forty + 2), (0, 3)])
    assert "".join(p.text for p in excerpt.claim_parts) == "Officials said 12 people died and 40 were hurt."
    assert [p.text for p in excerpt.claim_parts if p.is_figure] == ["12", "40"]
    assert excerpt.before == BODY[:start]
    assert not excerpt.cut_before and not excerpt.cut_after


def test_excerpt_is_cut_at_sentence_boundaries():
    start = BODY.index("Officials")
    end = BODY.index("hurt.") + len("hurt.")
    excerpt = article_excerpt(BODY, start, end, radius=40)
    assert excerpt.cut_before and excerpt.cut_after
    assert excerpt.before == "A second sentence follows it. "
    assert excerpt.after == " Another sentence comes after."


def test_excerpt_without_sentence_ends_is_cut_at_a_word():
    body = "word " * 200 + "CLAIM" + " word" * 200
    start = body.index("CLAIM")
    excerpt = article_excerpt(body, start, start + 5, radius=22)
    assert excerpt.before.startswith("word")
    assert excerpt.after.endswith("word")


def test_relay_chain_reads_nearest_first():
    chain = [("Khabar-24", "broadcaster"), ("Interfax", "agency"), ("TASS", "agency")]
    assert relay_phrase(chain) == "said on Khabar-24, as quoted by Interfax and TASS"
    assert relay_phrase([("Interfax", "agency")]) == "as quoted by Interfax"
    assert relay_phrase([]) == ""


def test_reasons_are_labelled_with_their_weight():
    assert describe_reasons(["has_figure", "mystery"], {"has_figure": 0.45}) == [
        ("Contains a figure", "+0.45"),
        ("mystery", ""),
    ]


# --- Hostile Markdown: bounded time, never an error a page could show ------------------------------------

# Generous: each renders in well under a second here; Python-Markdown took over 30 s for 12,000 "[".
SANITY_SECONDS = 5


@pytest.mark.parametrize(
    "hostile",
    [
        "- " * 1000 + "x",  # overflowed Python-Markdown's recursion (a permanent 500 on a published page)
        "- " * 9999 + "x",
        "[" * 12000,  # quadratic in Python-Markdown
        "[" * 20000,
        "[" * 10000 + "]" * 10000,
        "![" * 10000,
        "> " * 10000,
        "*_" * 10000,
        "<b>" * 6666,
        "<ul><li>" * 2500,
        "|a" * 4999 + "\n" + "|-" * 4999,
        "|a" * 100 + "\n" + "|-" * 100 + ("\n" + "|a" * 100) * 97,  # a 100 × 98 table
    ],
    ids=lambda text: f"{text[:6]!r}×{len(text)}",
)
def test_hostile_markdown_renders_in_bounded_time(hostile):
    assert len(hostile) <= MAX_EXPLANATION_LENGTH
    started = time.perf_counter()
    html = render_markdown(hostile)
    html_to_text(html)
    assert time.perf_counter() - started < SANITY_SECONDS
    assert "<script" not in html


def test_nesting_stops_at_the_limit():
    html = render_markdown("- " * 1000 + "x")
    assert html.count("<ul>") <= MAX_NESTING


def test_rendering_time_grows_linearly_with_the_worst_input():
    """Ten times the brackets cost about ten times as long, not a hundred (best of three, so a busy
    machine does not decide)."""

    def cost(n):
        return min(timeit.repeat(lambda: render_markdown("[" * n), number=1, repeat=3))

    assert cost(20_000) < 30 * cost(2_000)


def test_text_over_the_limit_is_refused_not_rendered():
    with pytest.raises(ExplanationTooLong, match="20,000"):
        render_markdown("x" * (MAX_EXPLANATION_LENGTH + 1))


def test_plain_text_keeps_the_words_and_drops_markup_and_link_addresses():
    html = render_markdown("A **bold** [toll road](https://example.org/tolls) & more\n\n- one\n- two")
    text = html_to_text(html)
    assert text == "A bold toll road & more\n\none\n\ntwo"
    assert "example.org" not in text and "<" not in text


def test_plain_text_of_markup_typed_as_text_stays_text():
    assert html_to_text(render_markdown("1 < 2 and &lt;b&gt;")) == "1 < 2 and <b>"
