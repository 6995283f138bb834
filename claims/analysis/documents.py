"""Read an article file into metadata and plain body text.

An article is plain text, Markdown or HTML with an optional front matter block
(`---` lines around `key: value` pairs: title, publisher, published, url). Everything that
can go wrong while reading is reported as one `ArticleError(path, reason)`.
"""

import codecs
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
ARTICLE_SUFFIXES = {".md", ".txt", ".html"}
FRONT_MATTER_KEYS = {"title", "publisher", "published", "url"}
FRONT_MATTER_LINE_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
HTML_RE = re.compile(r"<(?:html|body|p|div|article|h[1-6]|!doctype)\b", re.IGNORECASE)
# Control characters other than tab/newline/carriage return mark a binary file.
BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# A byte order mark says the encoding; UTF-32's marks start with UTF-16's, so they are tried first.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# libxml2, which reads HTML for us, stops building the tree at this depth and the text below is lost.
HTML_MAX_DEPTH = 256
# The longest value each metadata field may have: as long as the desk stores it (Article.title,
# Source.name, Article.url; tests/test_desk_ingest.py keeps them equal).
METADATA_MAX_LENGTHS = {"title": 300, "publisher": 200, "url": 500}


class ArticleError(Exception):
    """An article that cannot be read; `str()` names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article ready for analysis: metadata from the front matter and the body text."""

    path: str
    body: str
    title: str | None = None
    publisher: str | None = None
    published: datetime | date | None = None
    published_text: str | None = None
    url: str | None = None


def decode_bytes(path: str, raw: bytes) -> str:
    """Text in the encoding its byte order mark names; else UTF-8, or cp1252 when that reads as text."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                text = raw.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError:
                raise ArticleError(path, f"not valid {encoding.removesuffix('-sig').upper()} text") from None
            if "\x00" in text or BINARY_RE.search(text):
                raise ArticleError(path, "binary file (contains control characters)")
            return text
    if b"\x00" in raw:
        raise ArticleError(path, "binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ArticleError(path, "not valid UTF-8 text") from None
        letters = sum(ch.isalpha() or ch.isspace() for ch in text)
        if letters < 0.8 * len(text):
            raise ArticleError(path, "not valid UTF-8 text") from None
    if BINARY_RE.search(text):
        raise ArticleError(path, "binary file (contains control characters)")
    return text


def _clean_value(raw: str) -> str | None:
    value = raw.strip()
    if value[:1] in "\"'":
        quote = value[0]
        closing = value.find(quote, 1)
        if closing == -1:
            raise ValueError("unterminated quoted value")
        return value[1:closing]
    value = re.sub(r"\s+#.*$", "", value).strip()
    if value.lower() in ("", "null", "~", "none"):
        return None
    return value


def url_problem(url: str) -> str:
    """Why `url` is not an address a reader can follow, or "" (only http and https, with a host)."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "it has spaces or control characters"
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError:
        return "it is malformed"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http:// and https:// addresses are accepted"
    if not host:
        return "it has no host name"
    return ""


def metadata_problem(key: str, value: str) -> str:
    """Why a metadata value cannot be stored as it is, or ""."""
    limit = METADATA_MAX_LENGTHS.get(key)
    if limit and len(value) > limit:
        return f"{key} is longer than {limit} characters ({len(value)})"
    if key == "url":
        problem = url_problem(value)
        return f"url {value[:60]!r} is not a web address: {problem}" if problem else ""
    return ""


def cleaned_page_metadata(found: dict[str, str]) -> dict[str, str]:
    """A page's own <meta> values, made storable: an over-long title or name is shortened, an address
    that is not a web address is dropped (the page is not ours to refuse for its tags)."""
    cleaned = {}
    for key, value in found.items():
        limit = METADATA_MAX_LENGTHS.get(key)
        if key == "url" and metadata_problem(key, value):
            continue
        if limit and len(value) > limit:
            value = value[: limit - 1].rsplit(" ", 1)[0].rstrip() + "…"
        cleaned[key] = value
    return cleaned


def parse_published(text: str) -> datetime | date:
    """An ISO date or date-time."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def split_front_matter(path: str, text: str) -> tuple[dict[str, str | None], str]:
    """Front matter keys and the body after the block (the whole text when there is none)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    metadata: dict[str, str | None] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return metadata, "\n".join(lines[number:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = FRONT_MATTER_LINE_RE.match(line.strip())
        if not match:
            raise ArticleError(path, f"malformed front matter on line {number}: {line.strip()[:60]!r}")
        try:
            value = _clean_value(match.group("value"))
        except ValueError as error:
            raise ArticleError(path, f"malformed front matter on line {number}: {error}") from None
        metadata[match.group("key").lower()] = value
        problem = metadata_problem(match.group("key").lower(), value) if value is not None else ""
        if problem:
            raise ArticleError(path, f"front matter on line {number}: {problem}")
        if match.group("key").lower() == "published" and value is not None:
            try:
                parse_published(value)
            except ValueError:
                raise ArticleError(
                    path, f"malformed front matter on line {number}: bad date {value!r}"
                ) from None
    raise ArticleError(path, "malformed front matter: no closing '---' line")


HTML_META_RE = re.compile(
    r"<meta\s+[^>]*?(?:property|name)=[\"'](?P<name>[^\"']+)[\"'][^>]*?content=[\"'](?P<content>[^\"']*)[\"']",
    re.IGNORECASE,
)
HTML_META_KEYS = {
    "og:title": "title", "og:site_name": "publisher", "article:published_time": "published",
    "og:url": "url", "date": "published", "pubdate": "published", "publisher": "publisher",
}  # fmt: skip


def html_metadata(html: str) -> dict[str, str]:
    """Title, publisher, publication date and URL from a page's <title> and <meta> tags."""
    found: dict[str, str] = {}
    for match in HTML_META_RE.finditer(html[:20000]):
        key = HTML_META_KEYS.get(match.group("name").lower())
        if key and match.group("content").strip():
            found.setdefault(key, match.group("content").strip())
    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    if title and "title" not in found:
        found["title"] = re.sub(r"\s+", " ", title.group(1)).strip()
    return cleaned_page_metadata({key: value for key, value in found.items() if value})


def check_html_depth(path: str, html: str) -> None:
    """Refuse HTML nested deeper than the parser reads, rather than reporting it as empty."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    try:
        lxml_html.document_fromstring(html, parser=parser)
    except (ValueError, etree.ParserError):
        return  # an empty or unreadable page: the text extraction says so
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        raise ArticleError(path, f"the HTML is nested too deeply to read (over {HTML_MAX_DEPTH} levels)")


def html_to_text(html: str, path: str = "the page") -> str:
    """The main text of an HTML page, one paragraph or heading a line."""
    import trafilatura  # imported here: loading it costs time that plain-text articles do not need

    check_html_depth(path, html)

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if extracted:
        return extracted
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    for element in tree.xpath("//script|//style|//nav|//header|//footer"):
        element.drop_tree()
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())


def article_from_text(path: str, text: str) -> ArticleInput:
    """Build an article from decoded text (front matter, HTML and all)."""
    metadata, body = split_front_matter(path, text.replace("\r\n", "\n").replace("\r", "\n"))
    if path.lower().endswith((".html", ".htm")) or HTML_RE.search(body[:2000]):
        for key, value in html_metadata(body).items():
            metadata.setdefault(key, value)
        if metadata.get("published"):
            try:
                parse_published(metadata["published"])
            except ValueError:
                metadata["published"] = None  # a page's own odd date format: leave it unresolved
        body = html_to_text(body, path)
    if not body.strip():
        raise ArticleError(path, "empty article")
    published_text = metadata.get("published")
    return ArticleInput(
        path=path,
        body=body,
        title=metadata.get("title"),
        publisher=metadata.get("publisher"),
        published=parse_published(published_text) if published_text else None,
        published_text=published_text,
        url=metadata.get("url"),
    )


def read_article(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ArticleInput:
    """Read and decode one article file; raises ArticleError with the reason."""
    name = str(path)
    file_path = Path(path)
    try:
        size = file_path.stat().st_size
        if size > max_bytes:
            raise ArticleError(name, f"file too large ({size} bytes, limit {max_bytes})")
        raw = file_path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(name, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(name, "is a directory") from None
    except OSError as error:
        raise ArticleError(name, f"cannot read ({error.strerror})") from None
    return article_from_bytes(name, raw, max_bytes)


def article_from_bytes(name: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ArticleInput:
    """Build an article from raw bytes (a file's content or standard input)."""
    if len(raw) > max_bytes:
        raise ArticleError(name, f"file too large ({len(raw)} bytes, limit {max_bytes})")
    if not raw.strip():
        raise ArticleError(name, "empty article")
    return article_from_text(name, decode_bytes(name, raw))


def article_paths(path: str | Path) -> list[Path]:
    """The file itself, or every article file directly inside a folder, sorted by name."""
    folder = Path(path)
    if folder.is_dir():
        return sorted(
            child for child in folder.iterdir() if child.is_file() and child.suffix in ARTICLE_SUFFIXES
        )
    return [folder]


def read_articles(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> list[ArticleInput]:
    """Every article named by `paths`: files, folders (their *.md, *.txt, *.html) or `-` for `stdin`.

    `stdin` is a binary stream (or a text stream with a binary `buffer`), by default the process's
    standard input. The first unreadable article raises ArticleError, so nothing is half-read.
    """
    articles = []
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            stream = getattr(stream, "buffer", stream)
            raw = stream.read(max_bytes + 1)
            if isinstance(raw, str):
                raw = raw.encode("utf-8")
            articles.append(article_from_bytes("<stdin>", raw, max_bytes))
            continue
        if not Path(path).exists():
            raise ArticleError(path, "no such file or folder")
        articles.extend(read_article(file_path, max_bytes) for file_path in article_paths(path))
    return articles
