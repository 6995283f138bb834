"""Nothing internal reaches a person: every desk and public page of the demo newsroom, read as text.

What a person reads is the page's text plus the attributes browsers show or speak (aria-label, title, alt,
placeholder). None of it may hold Python's None, an ISO date, or an event key such as "unrest@almaty".
"""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from claims.events.models import Event
from claims.models import Article, Claim, Verdict
from claims.public.queries import sources_with_published_verdicts

pytestmark = pytest.mark.django_db

SHOWN_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}
NOT_SHOWN = {"script", "style", "template"}
INTERNAL = {
    "Python's None": re.compile(r"\bNone\b"),
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "an event key": re.compile(r"\b[a-z_]+@[a-z]"),
}


class ShownText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden_depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_SHOWN:
            self.hidden_depth += 1
        self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in NOT_SHOWN:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def shown_text(html):
    parser = ShownText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


URL = re.compile(r"https?://\S+")


def internal_values(text):
    """What internal values the text holds; addresses are left out (a URL may carry a date)."""
    text = URL.sub("<address>", text)
    found = []
    for what, pattern in INTERNAL.items():
        for match in pattern.finditer(text):
            found.append(f"{what}: …{text[max(0, match.start() - 60) : match.end() + 40]}…")
    return found


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo", "--password", "readable-pages-1", stdout=StringIO())


def public_pages():
    pages = ["/", reverse("source_list"), "/search/?q=killed", reverse("corrections")]
    pages += [v.get_absolute_url() for v in Verdict.objects.published()]
    pages += [reverse("source_detail", args=[s.slug]) for s in sources_with_published_verdicts()]
    pages += [reverse("event_list")] + [e.get_absolute_url() for e in Event.objects.public()]
    return pages


def desk_pages():
    pages = [reverse(name) for name in ["desk:home", "desk:queue", "desk:board", "desk:ingest"]]
    pages += [reverse("desk:board") + "?status=all", reverse("desk:queue") + "?page=2"]
    pages += [reverse("desk:workspace", args=[pk]) for pk in Claim.objects.values_list("pk", flat=True)]
    pages += [
        reverse("desk:article_detail", args=[pk]) for pk in Article.objects.values_list("pk", flat=True)
    ]
    pages += [reverse("desk:event_list")] + [e.get_desk_url() for e in Event.objects.all()]
    return pages


def test_the_text_reader_finds_what_it_must():
    """The checks themselves catch what they are for, and leave attributes nobody reads alone."""
    html = '<p data-event="unrest@almaty">URL None</p><span title="as of 2022-01-06">x</span><p>Unrest@almaty</p>'
    found = internal_values(shown_text(html))
    assert len(found) == 2
    assert found[0].startswith("Python's None") and found[1].startswith("an ISO date")
    assert internal_values(shown_text("<p>unrest@almaty</p>"))[0].startswith("an event key")
    assert not internal_values(shown_text("<script>let x = None; // 2022-01-06</script><p>6 Jan 2022</p>"))


def test_no_public_page_shows_an_internal_value(client, demo):
    pages = public_pages()
    assert len(pages) > 8
    problems = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        if found := internal_values(shown_text(response.content.decode())):
            problems[page] = found
    assert not problems, problems


def test_no_desk_page_shows_an_internal_value(client, demo):
    client.force_login(User.objects.get(username="editor"))
    problems = {}
    pages = desk_pages()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        if found := internal_values(shown_text(response.content.decode())):
            problems[page] = found
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())


def test_an_article_without_an_address_says_so_in_words(client):
    from tests.factories import make_article, make_editor

    client.force_login(make_editor())
    article = make_article(url="")
    facts = client.get(reverse("desk:article_detail", args=[article.pk])).content.decode()
    facts = shown_text(facts.split('class="article-facts"')[1].split("</dl>")[0])
    assert "URL Not known" in facts
    assert not internal_values(facts)
