"""Fetching a web page for ingest or evidence, without letting a URL reach inside our network.

Only http and https; a time limit, a size limit and a few redirects at most; and every host, including
each redirect's, must resolve to public addresses only (no loopback, private, link-local or reserved
ranges) unless `FETCH_ALLOW_PRIVATE_ADDRESSES` is on, which the tests use to serve pages locally.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

USER_AGENT = "factcheck/1.0 (+newsroom fact-check tracker)"


class FetchError(Exception):
    """A URL that cannot or may not be fetched; the message is shown to the editor."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str
    content_type: str
    text: str

    @property
    def is_html(self):
        return "html" in self.content_type


def check_public_host(host, port):
    """Refuse hosts that resolve to anything but public addresses (server-side request forgery)."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except socket.gaierror as error:
        raise FetchError(f"The host {host} could not be found.") from error
    if getattr(settings, "FETCH_ALLOW_PRIVATE_ADDRESSES", False):
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise FetchError(f"The address of {host} is not on the public internet, so it is not fetched.")


def validated_url(url):
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"}:
        raise FetchError("Only http:// and https:// addresses can be fetched.")
    if not parts.hostname:
        raise FetchError("That address has no host name.")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password are not fetched.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError("That address has an invalid port.") from error
    check_public_host(parts.hostname, port)
    return parts.geturl()


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


def fetch_url(url):
    """Fetch `url` within the configured limits and return its decoded text."""
    max_bytes = settings.FETCH_MAX_BYTES
    timeout = urllib3.Timeout(total=settings.FETCH_TIMEOUT_SECONDS)
    http = urllib3.PoolManager(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    )
    current = validated_url(url)
    for _ in range(settings.FETCH_MAX_REDIRECTS + 1):
        try:
            response = http.request(
                "GET", current, redirect=False, preload_content=False, timeout=timeout, retries=False
            )
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(f"The page could not be fetched ({type(error).__name__}).") from error
        try:
            if response.status in {301, 302, 303, 307, 308}:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError("The page redirected without saying where.")
                current = validated_url(urljoin(current, location))
                continue
            if response.status != 200:
                raise FetchError(f"The server answered {response.status} instead of the page.")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"The page is larger than the {max_bytes // 1024} KB limit.")
            body = response.read(max_bytes + 1, decode_content=True)
            if len(body) > max_bytes:
                raise FetchError(f"The page is larger than the {max_bytes // 1024} KB limit.")
            content_type = response.headers.get("Content-Type", "text/html")
            if not any(kind in content_type for kind in ("text/", "html", "xml", "json")):
                raise FetchError(f"The address gives {content_type.split(';')[0]}, not a web page or text.")
            return FetchedPage(
                url=current, content_type=content_type.split(";")[0].strip(), text=decode(body, content_type)
            )
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(f"The page could not be read ({type(error).__name__}).") from error
        finally:
            response.release_conn()
    raise FetchError(f"The page redirected more than {settings.FETCH_MAX_REDIRECTS} times.")
