"""Read an article file into metadata and plain body text.

An article is plain text, Markdown or HTML with an optional front matter block
(`---` lines around `key: value` pairs: title, publisher, published, url). Everything that
can go wrong while reading is reported as one `ArticleError(path, reason)`.
"""

import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
ARTICLE_SUFFIXES = {".md", ".txt", ".html"}
FRONT_MATTER_KEYS = {"title", "publisher", "published", "url"}
FRONT_MATTER_LINE_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
HTML_RE = re.compile(r"<(?:html|body|p|div|article|h[1-6]|!doctype)\b", re.IGNORECASE)
# Control characters other than tab/newline/carriage return mark a binary file.
BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


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
    """UTF-8 text, or cp1252 when that decodes cleanly and looks like text."""
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
    return {key: value for key, value in found.items() if value}


def html_to_text(html: str) -> str:
    """The main text of an HTML page, one paragraph or heading a line."""
    import trafilatura  # imported here: loading it costs time that plain-text articles do not need

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
        body = html_to_text(body)
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
