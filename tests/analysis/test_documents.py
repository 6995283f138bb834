"""Reading article files: front matter, HTML, encodings and limits (claims.analysis.documents)."""

import io
from datetime import date, datetime
from pathlib import Path

import pytest

from claims.analysis.documents import ArticleError, read_article, read_articles


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_front_matter_sets_metadata_and_the_body_follows_it(tmp_path):
    path = write(
        tmp_path,
        "a.md",
        '---\ntitle: "Storm: 9 dead"  \npublisher: Coast Echo   # the weekly\n'
        "published: 2023-02-01T09:00:00+01:00\nurl: null\n---\nNine people died.\n",
    )
    article = read_article(path)
    assert article.title == "Storm: 9 dead"
    assert article.publisher == "Coast Echo"
    assert article.url is None
    assert article.published == datetime.fromisoformat("2023-02-01T09:00:00+01:00")
    assert article.body == "Nine people died.\n"


def test_a_date_only_published_value_is_a_date(tmp_path):
    article = read_article(write(tmp_path, "a.md", "---\npublished: 2022-01-06\n---\nText.\n"))
    assert article.published == date(2022, 1, 6)


def test_an_article_without_front_matter_is_all_body(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Just text.\n"))
    assert article.body == "Just text.\n" and article.published is None


def test_malformed_front_matter_names_the_line(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: ok\nthis line is wrong\n---\nBody.\n")
    with pytest.raises(ArticleError, match="line 3"):
        read_article(path)


def test_an_unclosed_front_matter_block_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="front matter"):
        read_article(write(tmp_path, "a.md", "---\ntitle: ok\nBody.\n"))


def test_a_bad_published_date_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="line 2"):
        read_article(write(tmp_path, "a.md", "---\npublished: last week\n---\nBody.\n"))


def test_html_is_reduced_to_its_main_text(tmp_path):
    html = (
        "<html><head><title>Fire at depot</title><script>var x = 1;</script></head><body>"
        "<nav>Home | World</nav><article><h1>Fire at depot</h1>"
        "<p>Firefighters said 14 workers were injured when a fuel depot caught fire on Monday.</p>"
        "<p>The blaze was brought under control after six hours, officials said.</p></article>"
        "<footer>Copyright 2024</footer></body></html>"
    )
    article = read_article(write(tmp_path, "a.html", html))
    assert "14 workers were injured" in article.body
    assert "var x" not in article.body and "<p>" not in article.body
    assert article.title == "Fire at depot"


def test_cp1252_text_is_decoded_when_it_is_clearly_text(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Café owners said 3 died – police.".encode("cp1252")))
    assert "Café" in article.body and "–" in article.body


def test_a_binary_file_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="binary"):
        read_article(write(tmp_path, "a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))


def test_an_empty_article_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="empty"):
        read_article(write(tmp_path, "a.md", "---\ntitle: x\n---\n\n   \n"))


def test_a_file_over_the_size_limit_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="too large"):
        read_article(write(tmp_path, "a.md", "word " * 100), max_bytes=100)


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(ArticleError) as error:
        read_article(tmp_path / "nope.md")
    assert "nope.md" in str(error.value)


def test_read_articles_reads_files_folders_and_stdin(tmp_path):
    (tmp_path / "b.md").write_text("Two died.\n", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>Three were hurt.</p>\n", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    articles = read_articles([str(tmp_path), "-"], 10_000, stdin=io.BytesIO(b"Four were missing.\n"))
    assert [Path(a.path).name for a in articles] == ["a.html", "b.md", "<stdin>"]


def test_read_articles_names_a_missing_path(tmp_path):
    with pytest.raises(ArticleError, match="nope.md"):
        read_articles([str(tmp_path / "nope.md")], 10_000)


# --- Encodings named by a byte order mark -------------------------------------------------------------

FRONT_MATTER_ARTICLE = "---\ntitle: Flood in Örebro\n---\nTwelve people died in Örebro on Monday.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_a_byte_order_mark_names_the_encoding(tmp_path, encoding):
    raw = FRONT_MATTER_ARTICLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no mark of their own
        raw = "\ufeff".encode(encoding) + raw
    article = read_article(write(tmp_path, "a.md", raw))
    assert article.title == "Flood in Örebro"
    assert article.body == "Twelve people died in Örebro on Monday.\n"


def test_utf16_without_a_mark_is_still_binary(tmp_path):
    with pytest.raises(ArticleError, match="binary"):
        read_article(write(tmp_path, "a.md", FRONT_MATTER_ARTICLE.encode("utf-16-le")))


def test_a_mark_followed_by_broken_text_is_an_error_naming_the_encoding(tmp_path):
    with pytest.raises(ArticleError, match="not valid UTF-16 text"):
        read_article(write(tmp_path, "a.md", b"\xff\xfeA\x00\x00\xd8"))  # a lone surrogate


# --- HTML nested deeper than it can be read -----------------------------------------------------------


def test_deeply_nested_html_says_so_instead_of_empty(tmp_path):
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>Nine people died.</p>" + "</div>" * depth + "</body></html>"
    with pytest.raises(ArticleError, match=r"nested too deeply to read \(over 256 levels\)") as error:
        read_article(write(tmp_path, "deep.html", page), max_bytes=10 * 1024 * 1024)
    assert error.value.path.endswith("deep.html")


def test_ordinarily_nested_html_is_read(tmp_path):
    page = "<html><body>" + "<div>" * 100 + "<p>Nine people died in the storm.</p>" + "</div>" * 100
    assert "Nine people died" in read_article(write(tmp_path, "a.html", page + "</body></html>")).body


# --- Metadata is validated as the desk stores it ------------------------------------------------------


@pytest.mark.parametrize(
    "line, reason",
    [
        ("url: javascript:alert(1)", "only http:// and https://"),
        ("url: 'data:text/html,hi'", "only http:// and https://"),
        ("url: https://", "no host name"),
        ("url: http://[::1", "malformed"),
        (f"url: https://example.com/{'a' * 500}", "url is longer than 500 characters"),
        (f"title: {'T' * 301}", "title is longer than 300 characters (301)"),
        (f"publisher: {'P' * 201}", "publisher is longer than 200 characters"),
    ],
)
def test_front_matter_values_the_desk_cannot_store_are_errors_naming_the_line(tmp_path, line, reason):
    with pytest.raises(ArticleError, match="front matter on line 2") as error:
        read_article(write(tmp_path, "a.md", f"---\n{line}\n---\nText.\n"))
    assert reason in error.value.reason


def test_values_at_the_limits_are_accepted(tmp_path):
    url = "https://example.com/" + "a" * 480
    text = f"---\ntitle: {'T' * 300}\npublisher: {'P' * 200}\nurl: {url}\n---\nText.\n"
    article = read_article(write(tmp_path, "a.md", text))
    assert (len(article.title), len(article.publisher), article.url) == (300, 200, url)


def test_a_pages_own_tags_are_cleaned_not_refused(tmp_path):
    page = (
        f'<html><head><title>{"Long title " * 40}</title><meta property="og:url" content="javascript:alert(1)">'
        "</head><body><p>Nine people died in the storm on Monday, officials said.</p></body></html>"
    )
    article = read_article(write(tmp_path, "a.html", page))
    assert article.url is None
    assert len(article.title) <= 300 and article.title.endswith("…")
