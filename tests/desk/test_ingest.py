"""The ingest page, the progress of a queued ingest, and the article page with its claims marked."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from claims.models import Article, Claim, Contradiction
from claims.newsroom import tasks
from claims.newsroom.ingest import ingest_article
from tests.factories import (
    make_admin,
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_figure,
    make_user,
)

pytestmark = pytest.mark.django_db

INGEST = reverse("desk:ingest")
BODY = (
    "Riots in Almaty.\n\n"
    "More than 1,000 people were injured in the riots in Almaty on Wednesday, the health ministry said. "
    "Police said 12 officers were killed."
)
OTHER_BODY = (
    "Calm returns to Almaty.\n\n"
    "Fewer than 100 people were injured in the riots in Almaty on Wednesday, the health ministry said."
)
# Two counts of the dead in one article: the analysis flags them as contradicting.
MINE_BLAST = (
    Path(__file__).parents[1] / "analysis" / "articles" / "mine-blast-ore-tribune-2020-11-25.md"
).read_text()
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def claim_links(monkeypatch):
    """Claims link to the claim workspace; until its route exists, give them a stand-in address."""
    try:
        reverse("desk:workspace", args=[1])
    except NoReverseMatch:
        monkeypatch.setattr(Claim, "get_absolute_url", lambda claim: f"/desk/claims/{claim.pk}/")


def run_worker(monkeypatch):
    """Run `manage.py db_worker` until the queue is empty.

    Two worker habits are switched off, for the test only: dropping "old" database connections (it
    would drop the transaction the test runs in) and installing signal handlers in pytest's process.
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def paste(client, body=BODY, htmx=False, **fields):
    data = {"via": "paste", "paste-body": body} | {f"paste-{name}": value for name, value in fields.items()}
    return client.post(INGEST, data, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))


def upload(client, name, content, htmx=False):
    data = {"via": "upload", "upload-file": SimpleUploadedFile(name, content)}
    return client.post(INGEST, data, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))


def fetch(client, url, htmx=False):
    return client.post(
        INGEST, {"via": "url", "url-url": url}, **({"HTTP_HX_REQUEST": "true"} if htmx else {})
    )


def status_url(response):
    assert response.status_code == 302, response.content.decode()[:500]
    assert response.url.startswith("/desk/ingest/")
    return response.url


# --- permissions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [INGEST, "/desk/ingest/6f0b0c1e-0000-0000-0000-000000000000/", "/desk/articles/1/"],
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_cannot_post_an_article(client):
    response = paste(client)
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 0


@pytest.mark.parametrize("url", [INGEST, "/desk/articles/{pk}/"])
def test_logged_in_non_editor_is_forbidden(client, url):
    article = make_article()
    client.force_login(make_user())
    assert client.get(url.format(pk=article.pk)).status_code == 403
    assert paste(client).status_code == 403


def test_editor_sees_the_three_ways_in(editor_client):
    response = editor_client.get(INGEST)
    assert response.status_code == 200
    html = response.content.decode()
    for form_id in ('id="paste-form"', 'id="upload-form"', 'id="url-form"'):
        assert form_id in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="paste-body"' in html and 'name="upload-file"' in html and 'name="url-url"' in html


def test_admin_may_ingest(client):
    client.force_login(make_admin())
    assert client.get(INGEST).status_code == 200


def test_the_navigation_and_desk_home_link_to_ingest(editor_client):
    html = editor_client.get(reverse("desk:home")).content.decode()
    assert 'id="nav-ingest"' in html and 'id="desk-ingest-link"' in html


def test_an_unknown_way_in_is_a_bad_request(editor_client):
    assert editor_client.post(INGEST, {"via": "carrier-pigeon"}).status_code == 400


# --- paste, through the database queue and the worker --------------------------------------------------


def test_pasted_article_is_queued_then_the_worker_stores_it_and_the_status_page_shows_it(
    editor_client, monkeypatch
):
    url = status_url(
        paste(editor_client, title="Riots", publisher="Khabar 24", published_at="2022-01-06T09:00")
    )
    queued = editor_client.get(url)
    assert queued.status_code == 200
    assert 'data-state="queued"' in queued.content.decode()
    assert 'id="ingest-refresh"' in queued.content.decode()
    assert Article.objects.count() == 0

    run_worker(monkeypatch)

    done = editor_client.get(url).content.decode()
    article = Article.objects.get()
    assert 'data-state="done"' in done
    assert f'href="{article.get_absolute_url()}"' in done and 'id="ingest-article-link"' in done
    assert "3 claims" in done
    assert 'class="figure"' in done
    assert article.title == "Riots"
    assert article.publisher.name == "Khabar 24"
    assert article.published_at == datetime(2022, 1, 6, 9, 0, tzinfo=UTC)
    assert article.ingested_by.has_perm("claims.change_claim")


def test_contradictions_the_ingest_raised_are_shown_on_the_status_page(editor_client, monkeypatch):
    url = status_url(paste(editor_client, body=MINE_BLAST))
    run_worker(monkeypatch)
    new = Contradiction.objects.get()
    html = editor_client.get(url).content.decode()
    assert "1 new contradiction." in html
    assert f'data-contradiction="{new.pk}"' in html
    assert 'class="badge badge-new"' in html
    assert Article.objects.get().title == "Blast at Kroll coal mine"  # from the pasted front matter


def test_a_failure_inside_the_task_is_shown_not_lost(editor_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks, "ingest_article", broken)
    url = status_url(paste(editor_client))
    run_worker(monkeypatch)
    html = editor_client.get(url).content.decode()
    assert 'data-state="failed"' in html
    assert "unexpected error (RuntimeError)" in html
    assert 'hx-trigger="every 1s"' not in html  # the status stops polling (the nav badge goes on)


def test_an_unknown_ingest_is_not_found(editor_client):
    assert editor_client.get("/desk/ingest/not-a-task/").status_code == 404
    assert editor_client.get("/desk/ingest/6f0b0c1e-0000-0000-0000-000000000000/").status_code == 404


# --- polling -------------------------------------------------------------------------------------------


def test_the_status_partial_polls_while_queued_and_stops_when_done(editor_client, monkeypatch):
    url = status_url(paste(editor_client))

    full = editor_client.get(url)
    assert "<html" in full.content.decode()
    assert full["Vary"] and "HX-Request" in full["Vary"]

    partial = editor_client.get(url, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{url}?seen=queued"' in html

    unchanged = editor_client.get(f"{url}?seen=queued", HTTP_HX_REQUEST="true")
    assert unchanged.status_code == 204

    run_worker(monkeypatch)
    final = editor_client.get(f"{url}?seen=queued", HTTP_HX_REQUEST="true")
    assert final.status_code == 200
    html = final.content.decode()
    assert 'data-state="done"' in html
    assert 'hx-trigger="every 1s"' not in html
    assert "<html" not in html


# --- the immediate backend -----------------------------------------------------------------------------


def test_with_the_immediate_backend_the_editor_goes_straight_to_the_stored_article(editor_client, settings):
    settings.TASKS = IMMEDIATE
    response = paste(editor_client, title="Riots")
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert article.claims.count() == 3


def test_htmx_submissions_redirect_the_whole_page(editor_client, settings):
    settings.TASKS = IMMEDIATE
    response = paste(editor_client, htmx=True)
    assert response.status_code == 200
    assert response["HX-Redirect"] == Article.objects.get().get_absolute_url()


def test_the_task_called_directly_returns_a_small_summary():
    editor = make_editor()
    outcome = tasks.ingest_submission.call(body=BODY, title="Riots", user_id=editor.pk)
    article = Article.objects.get()
    assert outcome == {
        "article_id": article.pk,
        "created": True,
        "claims": 3,
        "contradictions": 0,
        "new_contradiction_ids": [],
    }
    assert tasks.ingest_submission.call(body=BODY)["created"] is False


# --- invalid pastes ------------------------------------------------------------------------------------


def test_an_empty_paste_is_refused_with_the_form_kept(editor_client):
    response = paste(editor_client, body="   ", title="Kept title")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Paste the article" in html
    assert 'value="Kept title"' in html
    assert DBTaskResult.objects.count() == 0


def test_an_invalid_paste_with_htmx_gets_only_the_form_back(editor_client):
    response = paste(editor_client, body="", htmx=True, title="Kept title")
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<form id="paste-form"')
    assert 'value="Kept title"' in html
    assert "autofocus" in html


def test_a_paste_over_the_size_limit_is_refused(editor_client, settings):
    settings.ANALYSIS_MAX_BYTES = 100
    response = paste(editor_client)
    assert response.status_code == 422
    assert "larger than the 100" in response.content.decode()


# --- uploads -------------------------------------------------------------------------------------------


def test_markdown_front_matter_gives_the_articles_details(editor_client, settings):
    settings.TASKS = IMMEDIATE
    content = (
        "---\ntitle: Riot toll rises\npublisher: Khabar 24\npublished: 2022-01-06T09:00:00+06:00\n"
        "url: https://khabar.example/riots\n---\n" + BODY
    ).encode()
    response = upload(editor_client, "riots.md", content)
    article = Article.objects.get()
    assert response.url == article.get_absolute_url()
    assert article.title == "Riot toll rises"
    assert article.publisher.name == "Khabar 24"
    assert article.url == "https://khabar.example/riots"
    assert article.published_at == datetime(2022, 1, 6, 3, 0, tzinfo=UTC)
    assert article.body.startswith("Riots in Almaty.")


def test_an_html_file_becomes_its_main_text_with_its_title(editor_client, settings):
    settings.TASKS = IMMEDIATE
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n\n"))
    content = (
        "<!doctype html><html><head><title>Riots &amp; toll</title></head><body><nav>Home | World</nav>"
        f"<article>{paragraphs}</article><footer>Copyright</footer></body></html>"
    ).encode()
    upload(editor_client, "riots.html", content)
    article = Article.objects.get()
    assert article.title == "Riots & toll"
    assert "More than 1,000 people were injured" in article.body
    assert "<p>" not in article.body


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("riots.pdf", b"%PDF-1.4 whatever", "riots.pdf is not a .txt, .md or .html file"),
        ("riots.txt", b"\x00\x01\x02binary\x00", "riots.txt cannot be read: binary file"),
        ("riots.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "riots.txt cannot be read"),
        ("empty.md", b"   \n", "empty.md cannot be read: empty article"),
    ],
)
def test_files_that_cannot_be_read_are_refused_clearly(editor_client, name, content, message):
    response = upload(editor_client, name, content)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert DBTaskResult.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.ANALYSIS_MAX_BYTES = 1024
    response = upload(editor_client, "big.txt", b"word " * 1000, htmx=True)
    assert response.status_code == 422
    html = response.content.decode()
    assert "big.txt is larger than the 1.0\xa0KB limit" in html
    assert html.lstrip().startswith('<form id="upload-form"')


# --- fetching a URL ------------------------------------------------------------------------------------


ARTICLE_PAGES = {
    "/riots": (
        "text/html; charset=utf-8",
        '<html><head><title>Riots | Khabar</title><meta property="og:title" content="Riot toll rises">'
        "</head><body><article>"
        + "".join(f"<p>{line}</p>" for line in BODY.split("\n\n"))
        + "</article></body></html>",
    ),
    "/plain.txt": ("text/plain; charset=utf-8", OTHER_BODY),
}


@pytest.fixture
def article_site(local_site):
    return local_site(ARTICLE_PAGES, redirects={"/moved": "/riots"})


def test_a_fetched_page_becomes_an_article_titled_by_its_og_title(editor_client, article_site, monkeypatch):
    url = status_url(fetch(editor_client, f"{article_site}/moved"))
    assert Article.objects.count() == 0  # fetching waits for the worker
    run_worker(monkeypatch)
    article = Article.objects.get()
    assert article.title == "Riot toll rises"
    assert article.url == f"{article_site}/moved"
    assert "Police said 12 officers were killed." in article.body
    assert 'data-state="done"' in editor_client.get(url).content.decode()


def test_a_fetched_plain_text_page_is_read_as_text(editor_client, article_site, settings):
    settings.TASKS = IMMEDIATE
    fetch(editor_client, f"{article_site}/plain.txt")
    assert Article.objects.get().body == OTHER_BODY


def test_a_page_that_cannot_be_fetched_shows_why_on_the_status_page(editor_client, article_site, monkeypatch):
    url = status_url(fetch(editor_client, f"{article_site}/gone"))
    run_worker(monkeypatch)
    html = editor_client.get(url).content.decode()
    assert 'data-state="failed"' in html
    assert "The server answered 404 instead of the page." in html
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8000/admin/", "is not on the public internet"),
        ("http://169.254.169.254/latest/meta-data/", "is not on the public internet"),
        ("http://localhost/", "is not on the public internet"),
        ("file:///etc/passwd", "Only http:// and https:// addresses can be fetched."),
        ("ftp://ftp.example.com/article.txt", "Only http:// and https:// addresses can be fetched."),
        ("javascript:alert(1)", "Only http:// and https:// addresses can be fetched."),
        ("mailto:desk@example.com", "Only http:// and https:// addresses can be fetched."),
        ("localhost:8000/admin/", "is not on the public internet"),
    ],
)
def test_addresses_inside_the_network_or_other_schemes_are_refused(editor_client, settings, url, message):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    response = fetch(editor_client, url, htmx=True)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert html.lstrip().startswith('<form id="url-form"')
    assert DBTaskResult.objects.count() == 0


def test_the_task_refuses_private_addresses_too(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    outcome = tasks.ingest_submission.call(url="http://127.0.0.1:9/")
    assert "not on the public internet" in outcome["error"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1", "That address is malformed"),
        ("http://[::1]x/", "That address is malformed"),
        (f"https://{'a' * 64}.example/news", "is not valid"),
        ("https://exa mple.com/", "spaces or control characters"),
        ("https://example.com:99999/", "That address is malformed"),
    ],
)
def test_a_malformed_url_is_a_form_error_not_a_500(editor_client, url, message):
    response = fetch(editor_client, url, htmx=True)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert DBTaskResult.objects.count() == 0


@pytest.mark.parametrize("location", ["http://[::1", f"http://{'a' * 64}.example/", "gopher://x.example/"])
def test_a_redirect_to_a_malformed_address_fails_the_ingest_with_a_reason(local_site, location):
    site = local_site({}, redirects={"/moved": location})
    outcome = tasks.ingest_submission.call(url=f"{site}/moved")
    assert "redirected to" in outcome["error"]
    assert Article.objects.count() == 0


# --- front matter is held to what the desk stores ------------------------------------------------------


def test_the_readers_limits_are_the_models_limits():
    from claims.analysis.documents import METADATA_MAX_LENGTHS
    from claims.models import Source

    fields = {"title": Article._meta.get_field("title"), "publisher": Source._meta.get_field("name")}
    fields["url"] = Article._meta.get_field("url")
    assert {key: field.max_length for key, field in fields.items()} == METADATA_MAX_LENGTHS


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("url: javascript:alert(document.cookie)", "only http:// and https:// addresses are accepted"),
        (f"title: {'T' * 301}", "title is longer than 300 characters"),
        (f"publisher: {'P' * 201}", "publisher is longer than 200 characters"),
        (f"url: https://example.com/{'a' * 490}", "url is longer than 500 characters"),
    ],
)
def test_front_matter_the_desk_cannot_store_is_refused_on_upload_and_paste(
    editor_client, front_matter, message
):
    content = f"---\n{front_matter}\n---\n{BODY}"
    for response in (
        upload(editor_client, "a.md", content.encode(), htmx=True),
        paste(editor_client, content, True),
    ):
        assert response.status_code == 422
        assert message in response.content.decode()
    assert DBTaskResult.objects.count() == 0 and Article.objects.count() == 0


def test_a_fetched_pages_long_title_is_shortened_to_fit(local_site, settings):
    title = "Riot toll rises " * 30
    page = f"<html><head><title>{title}</title></head><body><article><p>{BODY}</p></article></body></html>"
    site = local_site({"/long": ("text/html; charset=utf-8", page)})
    outcome = tasks.ingest_submission.call(url=f"{site}/long")
    article = Article.objects.get(pk=outcome["article_id"])
    assert len(article.title) <= 300 and article.title.startswith("Riot toll rises")


# --- duplicates ----------------------------------------------------------------------------------------


def test_pasting_an_article_already_here_leads_to_it(editor_client):
    existing = ingest_article(BODY).article
    response = paste(editor_client, body="  " + BODY.replace(" ", "  ") + "\n")
    assert response.status_code == 302
    assert response.url == existing.get_absolute_url()
    assert DBTaskResult.objects.count() == 0
    page = editor_client.get(response.url).content.decode()
    assert "This article is already in the desk" in page


def test_fetching_a_url_already_here_leads_to_its_article(editor_client, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    existing = make_article(url="http://127.0.0.1:9/riots")
    response = fetch(editor_client, "http://127.0.0.1:9/riots", htmx=True)
    assert response["HX-Redirect"] == existing.get_absolute_url()
    assert DBTaskResult.objects.count() == 0


def test_uploading_an_article_already_here_leads_to_it(editor_client):
    existing = ingest_article(BODY).article
    response = upload(editor_client, "again.txt", BODY.encode())
    assert response.url == existing.get_absolute_url()


# --- the article page ----------------------------------------------------------------------------------


def test_the_article_page_marks_claims_and_figures_and_escapes_the_text(editor_client):
    body = "Police <b>said</b> 12 died & more. Nothing else."
    article = make_article(body=body, title="A <title>", url="https://news.example/a")
    claim = make_claim(article, text="Police <b>said</b> 12 died & more.", start=0)
    make_figure(claim, text="12", start=19, measure="killed", value=12, low=12, high=12)
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f'<mark class="claim claim-new" data-claim="{claim.pk}"><a href="{claim.get_absolute_url()}">'
        'Police &lt;b&gt;said&lt;/b&gt; <strong class="figure" title="Killed: 12">12</strong>'
        " died &amp; more.</a></mark> Nothing else."
    ) in html
    assert "A &lt;title&gt;" in html
    assert 'href="https://news.example/a"' in html
    assert 'id="article-claims"' in html and "New</span>" in html


def test_the_article_page_lists_its_contradictions_newest_first(editor_client):
    article = make_article()
    mine = make_claim(article)
    older = make_contradiction(mine, make_claim())
    newer = make_contradiction(mine, make_claim())
    make_contradiction(make_claim(), make_claim())  # not this article's
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Contradictions (2)" in html
    assert html.index(f'data-contradiction="{newer.pk}"') < html.index(f'data-contradiction="{older.pk}"')


def test_a_missing_article_is_not_found(editor_client):
    assert editor_client.get("/desk/articles/999999/").status_code == 404


@pytest.mark.parametrize("claim_count", [10, 200])
def test_the_article_page_costs_the_same_queries_however_many_claims(
    editor_client, django_assert_max_num_queries, claim_count
):
    sentence = "Police said 12 died. "
    article = make_article(body=sentence * claim_count)
    others = []
    for index in range(claim_count):
        claim = make_claim(article, text=sentence.strip(), start=index * len(sentence))
        make_figure(claim, text="12", start=index * len(sentence) + 12, measure="killed", value=12)
        others.append(claim)
    for first, second in zip(others[:5], others[5:10], strict=True):
        make_contradiction(first, second)
    with django_assert_max_num_queries(12):
        assert editor_client.get(article.get_absolute_url()).status_code == 200


# --- bounded ingest (issue 9) and a status page that keeps up (issue 12) ------------------------------


def conflicting_article(sentences):
    """One event counted differently in every sentence: each pair of sentences is a contradiction."""
    return "Clashes in Almaty\n\n" + "\n\n".join(
        f"On Wednesday {1000 + 7 * n} people were killed in the clashes in Almaty, the health ministry said."
        for n in range(sentences)
    )


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ({"ANALYSIS_TIME_LIMIT_SECONDS": 0.3}, "The analysis stopped after 0.3 s: the article is too long"),
        ({"ANALYSIS_MEMORY_LIMIT_BYTES": 5 * 1024 * 1024}, "reached its 5.0\xa0MB memory limit"),
    ],
)
def test_an_article_too_costly_to_analyse_fails_with_the_reason_and_is_not_retried(
    editor_client, monkeypatch, settings, limit, message
):
    for name, value in limit.items():
        setattr(settings, name, value)
    url = status_url(paste(editor_client, body=conflicting_article(12_000)))  # far beyond either budget
    run_worker(monkeypatch)
    html = editor_client.get(url).content.decode()
    assert 'data-state="failed"' in html
    assert message in html
    assert Article.objects.count() == 0
    # A final answer, not a dead worker: nothing for recover_tasks to run again.
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_when_the_polled_status_finishes_the_title_and_the_badge_follow(editor_client, monkeypatch):
    url = status_url(paste(editor_client, body=MINE_BLAST))
    page = editor_client.get(url).content.decode()
    assert "<title>Ingest: Queued · factcheck</title>" in page
    assert 'data-testid="open-contradictions-badge">0<' in page

    run_worker(monkeypatch)
    html = editor_client.get(f"{url}?seen=queued", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith("<title>Ingest: Done · factcheck</title>")
    assert Contradiction.objects.open().count() == 1
    [badge] = re.findall(r'<span id="open-contradictions-badge"[^>]*>[^<]*<', html)
    assert 'hx-swap-oob="true"' in badge and badge.endswith(">1<")


def test_the_full_status_page_carries_no_out_of_band_copies(editor_client, monkeypatch):
    url = status_url(paste(editor_client, body=MINE_BLAST))
    run_worker(monkeypatch)
    page = editor_client.get(url).content.decode()
    assert "hx-swap-oob" not in page
    assert page.count("<title>") == 1


def test_the_article_page_pages_through_its_claims_and_contradictions(editor_client, settings):
    settings.MAX_CONTRADICTIONS_PER_ARTICLE = 30
    article = ingest_article(conflicting_article(60), publisher="Steppe Wire").article
    first = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Claims (61)" in first and "Claims 1–50 of 61" in first
    assert first.count('<li data-claim="') == 50
    assert "Contradictions (30)" in first and "Contradictions 1–20 of 30" in first
    assert first.count('class="contradiction-item') == 20
    assert "Only the first 30 of 1,770 possible contradictions were kept" in first
    second = editor_client.get(
        article.get_absolute_url(), {"claims": 2, "contradictions": 2}
    ).content.decode()
    assert second.count('<li data-claim="') == 11
    assert second.count('class="contradiction-item') == 10
    assert 'href="?claims=1&amp;contradictions=2#article-claims-heading"' in second


def test_an_article_page_without_a_cap_says_nothing_about_one(editor_client):
    article = ingest_article(MINE_BLAST).article
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Contradictions (1)" in html
    assert "contradiction-cap-note" not in html and "pagination" not in html


def test_the_article_page_loads_no_article_text_with_its_contradiction_cards(editor_client):
    article = ingest_article(MINE_BLAST).article
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(article.get_absolute_url()).status_code == 200
    card_reads = [q["sql"] for q in queries if 'FROM "claims_contradiction"' in q["sql"]]
    assert card_reads
    assert not any('"claims_article"."body"' in sql for sql in card_reads)


def test_the_article_pages_cards_show_a_change_on_the_next_page(editor_client):
    first = make_claim()
    contradiction = make_contradiction(first, make_claim())
    page = reverse("desk:article_detail", args=[first.article_id])
    assert 'data-status="open"' in editor_client.get(page).content.decode()
    contradiction.confirm(by=None, note="The count of the ministry is the later one.")
    body = editor_client.get(page).content.decode()
    assert 'data-status="confirmed"' in body and "The count of the ministry is the later one." in body
