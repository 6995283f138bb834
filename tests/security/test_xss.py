"""What editors (and the sources they quote) write reaches readers escaped or sanitised, never live."""

import json
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import html

from claims.models import Contradiction
from claims.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, html_to_text, render_markdown
from tests.factories import (
    make_contradiction,
    make_editor,
    make_evidence,
    make_published_verdict,
    make_source,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<div hx-get="/desk/" hx-trigger="load">x</div>',
    '"><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<iframe src=javascript:alert(1)></iframe>",
]
ALL = " ".join(PAYLOADS)


def dangerous_attributes(element, where):
    """An element's event handlers, script addresses and injected htmx requests."""
    problems = []
    for name, value in element.attrib.items():
        if name.lower().startswith("on"):
            problems.append(f"{where}: {name} on <{element.tag}>")
        if name in {"href", "src", "action", "formaction"} and "".join(value.split()).lower().startswith(
            ("javascript:", "data:", "vbscript:")
        ):
            problems.append(f"{where}: {name}={value}")
        injected = (name.endswith("hx-get") and value == "/desk/") or (
            name.endswith("hx-trigger") and value.strip() == "load"
        )
        if injected:
            problems.append(f"{where}: {name}={value}")
    return problems


def dangerous_markup(tree, where):
    """Everything live in a parsed page that should not be there."""
    problems = []
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" or (script.get("src") or "").startswith("/static/"):
            continue
        problems.append(f"{where}: a script {html.tostring(script)[:80]!r}")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in {"svg", "iframe", "object", "embed"}:
            problems.append(f"{where}: <{element.tag}>")
        problems += dangerous_attributes(element, where)
        if element.tag == "img" and element.get("src") == "x":
            problems.append(f"{where}: injected <img>")
    return problems


@pytest.fixture
def verdict(db):
    speaker = make_source(f"Minister {PAYLOADS[4]}")
    publisher = make_source(f"Courier {PAYLOADS[1]}")
    verdict = make_published_verdict(
        text=f"Over 1,000 hurt {PAYLOADS[0]} {PAYLOADS[3]}",
        speaker=speaker,
        publisher=publisher,
        headline=f"Payload headline {PAYLOADS[0]} {PAYLOADS[4]}",
        summary=f"Payload summary {PAYLOADS[1]} {PAYLOADS[5]}",
        explanation=f"Payload explanation\n\n{ALL}\n\n<p hx-get='/desk/' hx-trigger='load'>p</p>",
    )
    verdict.claim.article.title = f"Article {PAYLOADS[2]}"
    verdict.claim.article.save()
    make_evidence(verdict.claim, source=make_source(f"Evidence source {PAYLOADS[3]}"), quote=ALL)
    make_evidence(verdict.claim, url="javascript:alert(1)", quote="stored without the form")
    other = make_published_verdict(text=f"Only 10 hurt {PAYLOADS[1]}")
    contradiction = make_contradiction(verdict.claim, other.claim, explanation=f"They differ {ALL}")
    contradiction.status = Contradiction.Status.CONFIRMED
    contradiction.resolution_note = f"Note {ALL}"
    contradiction.resolved_at = timezone.now()
    contradiction.save()
    return verdict


def public_pages(verdict):
    claim = verdict.claim
    return [
        verdict.get_absolute_url(),
        "/",
        f"/?source={claim.speaker.slug}",
        "/sources/",
        claim.speaker.get_absolute_url(),
        claim.article.publisher.get_absolute_url(),
        "/search/?q=payload",
        "/search/?q=headline",
    ]


def test_payloads_in_every_field_stay_dead_on_public_pages(verdict):
    client = Client()
    problems = []
    for url in public_pages(verdict):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            tree = html.fromstring(response.content)
            problems += dangerous_markup(tree, f"{url} {headers}")
    assert not problems, "\n".join(problems)
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "Payload headline" in page and "&lt;script&gt;" in page  # the text is there, escaped


def test_editor_html_sits_inside_hx_disable(verdict):
    tree = html.fromstring(Client().get(verdict.get_absolute_url()).content)
    explanation = tree.xpath("//*[@data-testid='explanation']")[0]
    assert any(ancestor.get("hx-disable") is not None for ancestor in explanation.iterancestors())
    assert not explanation.xpath(".//*[@*[starts-with(name(), 'hx-')]]")


def test_the_json_ld_block_cannot_be_closed_early(verdict):
    tree = html.fromstring(Client().get(verdict.get_absolute_url()).content)
    blocks = tree.xpath("//script[@type='application/ld+json']")
    assert len(blocks) == 1
    data = json.loads(blocks[0].text)
    assert PAYLOADS[0] in json.dumps(data, ensure_ascii=False)  # kept as data, inside the one block
    assert "</script" not in blocks[0].text.lower()


def test_a_javascript_evidence_url_is_not_a_link(verdict):
    tree = html.fromstring(Client().get(verdict.get_absolute_url()).content)
    assert not tree.xpath("//a[contains(@href, 'javascript')]")
    assert "javascript:alert(1)" in tree.text_content()  # shown as text


def test_the_evidence_form_refuses_javascript_urls(verdict, client):
    client.force_login(make_editor())
    response = client.post(
        f"/desk/claims/{verdict.claim.pk}/evidence/",
        {"url": "javascript:alert(1)", "source_name": "", "quote": "", "stance": "context"},
    )
    assert response.status_code == 422
    assert verdict.claim.evidence.filter(url__startswith="javascript").count() == 1  # the fixture's only


@pytest.mark.parametrize("path", ["/feeds/verdicts.atom", "/feeds/verdicts.rss"])
def test_feeds_carry_the_text_as_text(verdict, path):
    """Feed readers render summaries as HTML: what an editor typed must arrive there as text."""
    root = ElementTree.fromstring(Client().get(path).content)
    summaries = [
        element.text
        for element in root.iter()
        if element.tag.endswith(("summary", "description")) and "Payload summary" in (element.text or "")
    ]
    assert summaries
    for text in summaries:
        fragment = html.fragment_fromstring(text, create_parent="div")
        assert not dangerous_markup(fragment, path)
        assert "<img src=x" in fragment.text_content()  # shown as the characters typed


def test_editors_see_the_payloads_dead_on_the_desk_too(verdict, client):
    client.force_login(make_editor())
    for url in (f"/desk/claims/{verdict.claim.pk}/", f"/desk/articles/{verdict.claim.article.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        problems = dangerous_markup(html.fromstring(response.content), url)
        assert not problems, "\n".join(problems)


# --- The sanitiser, property-based ------------------------------------------------------------------------

TAGS = ["script", "style", "img", "a", "div", "p", "svg", "iframe", "object", "embed", "form", "input",
        "math", "table", "td", "b", "em", "code", "pre", "template", "noscript", "base", "meta", "link"]  # fmt: skip
ATTRIBUTES = [
    "onerror=alert(1)", 'onload="alert(1)"', "onclick='x()'", 'hx-get="/desk/"', 'hx-trigger="load"',
    'data-hx-post="/desk/claims/bulk/"', 'hx-on:click="alert(1)"', 'style="background:url(javascript:x)"',
    'href="javascript:alert(1)"', "href=' javascript:alert(1)'", 'href="jav&#x09;ascript:alert(1)"',
    'href="JaVaScRiPt:alert(1)"', 'href="data:text/html,<script>alert(1)</script>"', 'src="x"',
    'href="vbscript:x"', 'formaction="javascript:x"', 'title="t"', 'href="https://example.org/"',
]  # fmt: skip
MARKDOWN = ["**bold**", "_em_", "[link](javascript:alert(1))", "[ok](https://example.org)", "# h", "> q",
            "- item", "1. one", "`code`", "    indented", "![img](x)", "<https://x.org>", "\n\n", "|a|b|\n|-|-|\n|1|2|",
            "[ref]: javascript:alert(1)", "[x][ref]", "&lt;script&gt;", "&#106;avascript:", "&amp;", "<!-- c -->",
            "<![CDATA[x]]>", "</p>", "\"'>", "`<script>`"]  # fmt: skip


@st.composite
def tag(draw):
    name = draw(st.sampled_from(TAGS))
    attributes = " ".join(draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3)))
    inner = draw(st.sampled_from(["", "alert(1)", "text", "<b>x</b>"]))
    closing = draw(st.sampled_from([f"</{name}>", "", f"</{name}"]))
    return f"<{name} {attributes}>{inner}{closing}"


TEXT = st.lists(st.one_of(tag(), st.sampled_from(MARKDOWN), st.text(max_size=8)), max_size=12).map("".join)
SAFE_SCHEMES = ("http:", "https:", "mailto:")


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_render_markdown_never_outputs_live_markup(text):
    output = str(render_markdown(text))
    # lxml refuses control characters; browsers drop or replace them, so the markup is the same without.
    output = "".join(ch for ch in output if ch in "\t\n\r" or (ch >= " " and ch not in "\ufffe\uffff"))
    output = "".join(ch for ch in output if not 0xD800 <= ord(ch) <= 0xDFFF)
    if not output.strip():
        return
    fragment = html.fragment_fromstring(output, create_parent="div")
    for element in fragment.iterdescendants():
        if not isinstance(element.tag, str):  # comments are stripped; entities are text
            raise AssertionError(f"non-element node {element!r} in {output!r}")
        assert element.tag in ALLOWED_TAGS, (element.tag, output)
        # nh3 keeps `lang` and `title` on any element (its generic attributes), `rel` on links.
        allowed = ALLOWED_ATTRIBUTES.get(element.tag, set()) | {"lang", "title"}
        allowed |= {"rel"} if element.tag == "a" else set()
        for name, value in element.attrib.items():
            assert name in allowed, (name, output)
            assert not name.startswith(("on", "hx-", "data-hx")) and name != "style", (name, output)
            if name == "href":
                compact = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
                assert ":" not in compact.split("/")[0] or compact.startswith(SAFE_SCHEMES), (value, output)


# --- What leaves the site: sanitised HTML or plain text made from it, never the editor's raw text --------

# Markup the editor typed. (A Markdown link written inside a raw HTML line stays text, as CommonMark
# reads it and as the page shows it: it is not a link anywhere.)
RAW_FRAGMENTS = ("<script", "onerror", 'href="javascript:', "<img", "<iframe", "hx-get", "<svg")


def raw_fragments_in(text):
    return [fragment for fragment in RAW_FRAGMENTS if fragment in text.lower()]


def test_the_api_carries_plain_text_and_sanitised_html_never_the_markdown(verdict, client):
    body = client.get(f"/api/verdicts/{verdict.slug}").json()
    verdict.refresh_from_db()
    assert body["explanation"] == html_to_text(verdict.published_body_html)
    assert body["explanation"].startswith("Payload explanation")
    assert raw_fragments_in(body["explanation"]) == []
    assert (
        dangerous_markup(html.fromstring(f"<div>{body['explanation_html']}</div>"), "explanation_html") == []
    )
    assert raw_fragments_in(body["explanation_html"]) == []


@pytest.mark.parametrize("where", ["page", "feed"])
def test_claimreview_review_body_is_plain_text(verdict, client, where):
    if where == "page":
        page = client.get(verdict.get_absolute_url()).content.decode()
        block = html.fromstring(page).xpath("//script[@type='application/ld+json']")[0].text
        review = json.loads(block)
    else:
        reviews = client.get("/api/claimreview").json()["claimReviews"]
        review = next(r for r in reviews if r["url"].endswith(verdict.get_absolute_url()))
    verdict.refresh_from_db()
    assert review["reviewBody"] == html_to_text(verdict.published_body_html)
    assert raw_fragments_in(review["reviewBody"]) == []


def test_the_schema_says_which_field_is_html_and_which_is_text(client):
    verdict_schema = client.get("/api/openapi.json").json()["components"]["schemas"]["VerdictOut"]
    properties = verdict_schema["properties"]
    assert properties["explanation"]["description"].startswith("Plain text")
    assert properties["explanation_html"]["description"].startswith("Sanitised HTML")
