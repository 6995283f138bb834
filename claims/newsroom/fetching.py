"""Fetching a web page for ingest or evidence, without letting a URL reach inside our network.

Only http and https; one deadline for the whole fetch (every redirect hop, the headers and the body);
a size limit and a few redirects at most. Every host, including each redirect's, must resolve to public
addresses only, and the connection goes to the address that was checked (so a name that resolves
differently the second time, "DNS rebinding", cannot slip through), with the Host header, the TLS
server name and the certificate check still for the name. `FETCH_ALLOW_PRIVATE_ADDRESSES` lets the tests
serve pages from 127.0.0.1.
"""

import contextlib
import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

USER_AGENT = "factcheck/1.0 (+newsroom fact-check tracker)"
REQUEST_HEADERS = {"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
READ_CHUNK = 64 * 1024
# A host name look-up outside a fetch (the forms' quick check) waits this long at most.
LOOKUP_TIMEOUT_SECONDS = 5
# Certificate authorities to trust; None is the system's store. Tests point it at their own.
CA_CERTS = None

# IPv6 ranges that stand for, or translate to, an IPv4 address: refused whatever they embed, because
# the gateway that translates them may sit inside our network. (Python counts some of them as global.)
TRANSLATED_RANGES = {
    "64:ff9b::/96": "NAT64 (RFC 6052)",
    "64:ff9b:1::/48": "local-use NAT64 (RFC 8215)",
    "::ffff:0:0/96": "IPv4-mapped",
    "::ffff:0:0:0/96": "IPv4-translated (SIIT, RFC 2765)",
    "::/96": "IPv4-compatible (deprecated)",
    "2001::/32": "Teredo",
    "2002::/16": "6to4",
}
TRANSLATED_NETWORKS = [(ipaddress.ip_network(network), name) for network, name in TRANSLATED_RANGES.items()]
# The host and port part of a URL: a bracketed IPv6 address or a name, then an optional port.
NETLOC_RE = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[^\[\]:/?#@]*)(?::[0-9]{0,5})?")


class FetchError(Exception):
    """A URL that cannot be fetched now; the message is shown to the editor. Trying later may work."""


class RefusedURL(FetchError):
    """A URL that is never fetched (malformed, not http(s), or not a public address): no point retrying."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str
    content_type: str
    text: str
    # A conditional fetch (If-None-Match / If-Modified-Since) may answer 304: the page has not changed.
    status: int = 200
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self):
        return self.status == 304

    @property
    def is_html(self):
        return "html" in self.content_type


def address_refusal(ip):
    """Why `ip` may not be fetched from, or "" when it is a public address."""
    if ip.is_multicast or not ip.is_global:
        return "not on the public internet"
    if ip.version == 6:
        for network, name in TRANSLATED_NETWORKS:
            if ip in network:
                return f"an {name} address"
    return ""


def resolve(host, port, timeout):
    """The addresses `host` resolves to (a literal address is itself), within `timeout` seconds.

    The system's resolver has no time limit of its own that we control, so it runs in a thread that is
    waited for only so long (a look-up that hangs finishes there on its own).
    """
    found = {}

    def look_up():
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError) as error:
            found["error"] = error

    thread = threading.Thread(target=look_up, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise FetchError(f"Looking up the host {host} took too long.")
    if "error" in found:
        raise FetchError(f"The host {host} could not be found.") from found["error"]
    return list(dict.fromkeys(info[4][0] for info in found["infos"]))


def public_address(host, port, timeout=None):
    """One address of `host` to connect to, once every address it resolves to has been checked."""
    addresses = resolve(host, port, timeout or LOOKUP_TIMEOUT_SECONDS)
    if not getattr(settings, "FETCH_ALLOW_PRIVATE_ADDRESSES", False):
        for address in addresses:
            reason = address_refusal(ipaddress.ip_address(address.split("%")[0]))
            if reason:
                raise RefusedURL(f"The address of {host} is {reason}, so it is not fetched.")
    return addresses[0]


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: where to connect (`address`) and what to ask for there."""

    url: str
    scheme: str
    host: str
    port: int
    path: str

    @property
    def host_header(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def ascii_hostname(hostname):
    """The host name in ASCII (IDNA), an IPv6 address as it is; RefusedURL when it cannot be a host."""
    try:
        ascii_host = hostname if ":" in hostname else hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise RefusedURL(f"The host name {hostname[:80]} is not valid.") from error
    if ":" not in ascii_host and (
        len(ascii_host) > 253
        or not all(0 < len(label) <= 63 for label in ascii_host.removesuffix(".").split("."))
    ):
        raise RefusedURL(f"The host name {hostname[:80]} is not valid.")
    return ascii_host


def parse_url(url):
    """A well-formed http(s) URL as a Target (not resolved yet); RefusedURL says what is wrong with it."""
    if not isinstance(url, str) or any(ord(ch) < 33 for ch in url.strip()):
        raise RefusedURL("That address has spaces or control characters in it.")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        hostname = parts.hostname
    except ValueError as error:
        raise RefusedURL("That address is malformed (check the host name, brackets and port).") from error
    if parts.scheme not in {"http", "https"}:
        raise RefusedURL("Only http:// and https:// addresses can be fetched.")
    if not NETLOC_RE.fullmatch(parts.netloc.rpartition("@")[2]):
        raise RefusedURL("That address is malformed (check the host name, brackets and port).")
    if not hostname:
        raise RefusedURL("That address has no host name.")
    if parts.username is not None or parts.password is not None:
        raise RefusedURL("Addresses with a user name or password are not fetched.")
    ascii_host = ascii_hostname(hostname)
    if port == 0:
        raise RefusedURL("That address has an invalid port.")
    default_port = 443 if parts.scheme == "https" else 80
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.geturl(), parts.scheme, ascii_host, port or default_port, path)


def validated_url(url):
    """`url` if it may be fetched now; RefusedURL (or FetchError when its host cannot be found)."""
    target = parse_url(url)
    public_address(target.host, target.port)
    return target.url


class Deadline:
    """The whole fetch's time limit. When it passes, the sockets in use are shut down, which ends a read
    blocked on a server that sends one byte every few seconds (a per-read timeout never would)."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds
        self.expired = False
        self.sockets = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.cancel()

    def remaining(self):
        left = self.ends_at - time.monotonic()
        if left <= 0 or self.expired:
            raise self.error()
        return left

    def passed(self):
        # A socket timeout set to the time left can fire a moment before the timer does.
        return self.expired or time.monotonic() >= self.ends_at - 0.05

    def error(self):
        return FetchError(f"The page took longer than the {self.seconds:g}-second limit to fetch.")

    def watch(self, sock):
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def expire(self):
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock):
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def connection_pool(target, address, deadline):
    """A one-connection pool to `address` that speaks to `target.host` (Host header, SNI, certificate)."""
    timeout = urllib3.Timeout(connect=deadline.remaining(), read=deadline.remaining())
    options = {"timeout": timeout, "maxsize": 1, "retries": False, "headers": REQUEST_HEADERS}
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            target.port,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=CA_CERTS,
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, target.port, **options)

    class WatchedConnection(pool.ConnectionCls):
        def _new_conn(self):
            sock = super()._new_conn()
            deadline.watch(sock)
            return sock

    pool.ConnectionCls = WatchedConnection
    return pool


def read_body(response, deadline, max_bytes):
    chunks, size = [], 0
    while True:
        deadline.remaining()
        chunk = response.read1(READ_CHUNK, decode_content=True)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"The page is larger than the {max_bytes // 1024} KB limit.")
        chunks.append(chunk)
    if deadline.passed():  # a shut-down socket reads as the end of the body
        raise deadline.error()
    return b"".join(chunks)


def decode(body, content_type_header):
    charset = None
    for param in content_type_header.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip('"').strip()
    for encoding in filter(None, [charset, "utf-8"]):
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def read_response(response, target, deadline, max_bytes, conditional):
    """(redirect location or None, page or None) from one hop's response; FetchError for anything but
    a redirect, a page of text within `max_bytes`, or (for a `conditional` request) 304 Not Modified."""
    if response.status in REDIRECT_STATUSES:
        location = response.headers.get("Location")
        if not location:
            raise FetchError("The page redirected without saying where.")
        return location, None
    validators = {
        "etag": response.headers.get("ETag", ""),
        "last_modified": response.headers.get("Last-Modified", ""),
    }
    if response.status == 304 and conditional:
        return None, FetchedPage(url=target.url, content_type="", text="", status=304, **validators)
    if response.status != 200:
        raise FetchError(f"The server answered {response.status} instead of the page.")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"The page is larger than the {max_bytes // 1024} KB limit.")
    content_type = response.headers.get("Content-Type", "text/html")
    if not any(kind in content_type for kind in ("text/", "html", "xml", "json")):
        raise FetchError(f"The address gives {content_type.split(';')[0]}, not a web page or text.")
    body = read_body(response, deadline, max_bytes)
    kind = content_type.split(";")[0].strip()
    return None, FetchedPage(url=target.url, content_type=kind, text=decode(body, content_type), **validators)


def fetch_one(target, deadline, max_bytes, extra_headers=None):
    """(redirect location or None, page or None) for one hop."""
    address = public_address(target.host, target.port, deadline.remaining())
    pool = connection_pool(target, address, deadline)
    try:
        response = pool.urlopen(
            "GET",
            target.path,
            headers={**REQUEST_HEADERS, **(extra_headers or {}), "Host": target.host_header},
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.HTTPError as error:
        if deadline.passed():
            raise deadline.error() from error
        raise FetchError(f"The page could not be fetched ({type(error).__name__}).") from error
    try:
        return read_response(response, target, deadline, max_bytes, conditional=bool(extra_headers))
    except urllib3.exceptions.HTTPError as error:
        if deadline.passed():
            raise deadline.error() from error
        raise FetchError(f"The page could not be read ({type(error).__name__}).") from error
    finally:
        response.release_conn()
        pool.close()


def fetch_url(url, *, headers=None, max_bytes=None):
    """Fetch `url` within the configured limits and return its decoded text.

    `headers` adds request headers (a feed's Accept, If-None-Match, If-Modified-Since); a page that has
    not changed since comes back with `not_modified` and no text. `max_bytes` lowers the size limit.
    RefusedURL for an address that may never be fetched (the URL itself or a redirect's Location);
    FetchError for one that failed this time.
    """
    target = parse_url(url)
    max_bytes = min(max_bytes or settings.FETCH_MAX_BYTES, settings.FETCH_MAX_BYTES)
    with Deadline(settings.FETCH_TIMEOUT_SECONDS) as deadline:
        for _ in range(settings.FETCH_MAX_REDIRECTS + 1):
            location, page = fetch_one(target, deadline, max_bytes, headers)
            if page is not None:
                return page
            try:
                target = parse_url(urljoin(target.url, location))
            except RefusedURL as error:
                raise RefusedURL(f"The page redirected to an address that is not fetched: {error}") from None
            except ValueError as error:
                raise RefusedURL("The page redirected to a malformed address.") from error
    raise FetchError(f"The page redirected more than {settings.FETCH_MAX_REDIRECTS} times.")
