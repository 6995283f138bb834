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
