"""Markdown made safe for verdict explanations, article excerpts and relay chains."""

import pytest

from claims.rendering import article_excerpt, describe_reasons, relay_phrase, render_markdown


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
