"""Fetching pages: public addresses only (checked once, connected to as checked), one deadline, bad URLs."""

import ipaddress
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import urllib3.util.connection

from claims.newsroom import fetching
from claims.newsroom.fetching import FetchError, RefusedURL, address_refusal, fetch_url, parse_url

PUBLIC = "93.184.215.14"  # public addresses; nothing is ever sent to them here
PUBLIC_TOO = "93.184.215.15"


class Recorder(BaseHTTPRequestHandler):
    """Answers every GET with a page naming the Host header it was sent, and records the request."""

    seen = []

    def do_GET(self):
        type(self).seen.append((self.path, self.headers.get("Host")))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", f"http://hop.example:{self.server.server_port}/final")
            self.end_headers()
            return
        body = f"host={self.headers.get('Host')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Recorder.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def rebinding_dns(monkeypatch):
    """`rebind.example` and `hop.example` resolve to a public address the first time, then to 127.0.0.1."""
    real = socket.getaddrinfo
    answers = {"rebind.example": iter([PUBLIC]), "hop.example": iter([PUBLIC_TOO])}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            address = next(answers[host], "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def connections(monkeypatch, server):
    """Record where each connection goes; the public address is served by the local server."""
    real = urllib3.util.connection.create_connection
    made = []

    def create_connection(address, *args, **kwargs):
        made.append(address[0])
        if address[0] in (PUBLIC, PUBLIC_TOO):
            address = ("127.0.0.1", server.server_port)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
    return made


# --- Addresses ----------------------------------------------------------------------------------------


def test_the_connection_goes_to_the_address_that_was_checked(settings, rebinding_dns, connections, server):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    page = fetch_url(f"http://rebind.example:{server.server_port}/news?id=1")
    assert connections == [PUBLIC]  # never a second look-up that could answer 127.0.0.1
    assert Recorder.seen == [("/news?id=1", f"rebind.example:{server.server_port}")]
    assert page.text == f"host=rebind.example:{server.server_port}"


def test_every_redirect_hop_is_checked_and_pinned(settings, rebinding_dns, connections, server):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    port = server.server_port
    page = fetch_url(f"http://rebind.example:{port}/moved")
    assert connections == [PUBLIC, PUBLIC_TOO]
    assert Recorder.seen == [("/moved", f"rebind.example:{port}"), ("/final", f"hop.example:{port}")]
    assert page.url == f"http://hop.example:{port}/final"


def test_a_redirect_to_a_private_address_is_refused(settings, rebinding_dns, connections, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    monkeypatch.setattr(Recorder, "do_GET", redirect_to_metadata)
    with pytest.raises(RefusedURL, match="169.254.169.254 is not on the public internet"):
        fetch_url("http://rebind.example/")
    assert connections == [PUBLIC]


def redirect_to_metadata(handler):
    handler.send_response(302)
    handler.send_header("Location", "http://169.254.169.254/latest/meta-data/")
    handler.end_headers()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:0:a00:1",  # IPv4-translated (SIIT)
        "::7f00:1",  # IPv4-compatible
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo
    ],
)
def test_private_and_translated_addresses_are_refused(address):
    assert address_refusal(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001::200e"])
def test_public_addresses_are_allowed(address):
    assert address_refusal(ipaddress.ip_address(address)) == ""


def test_a_name_with_any_private_address_is_refused(settings, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    answers = [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (a, 80, 0, 0))
        for a in ("2606:4700::1", "64:ff9b::a00:1")
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(RefusedURL, match="NAT64"):
        fetch_url("http://mixed.example/")


# --- TLS keeps the original name ----------------------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """An HTTPS server on 127.0.0.1 with a certificate for rebind.example, trusted by the fetcher."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=rebind.example",
         "-addext", "subjectAltName=DNS:rebind.example", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setattr(fetching, "CA_CERTS", str(cert))
    Recorder.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server_names = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, server_names
    httpd.shutdown()
    httpd.server_close()


def test_https_checks_the_certificate_and_sends_the_name_not_the_address(settings, monkeypatch, tls_server):
    httpd, server_names = tls_server
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", httpd.server_port))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    page = fetch_url(f"https://rebind.example:{httpd.server_port}/")
    assert page.text == f"host=rebind.example:{httpd.server_port}"
    assert server_names == ["rebind.example"]
    with pytest.raises(FetchError, match="could not be fetched"):
        fetch_url(f"https://other.example:{httpd.server_port}/")  # the certificate is not for this name


# --- One deadline for the whole fetch -----------------------------------------------------------------


class Trickle(BaseHTTPRequestHandler):
    """Sends its headers at once, then the body one byte every 0.3 s; /slow-headers trickles the headers."""

    def do_GET(self):
        if self.path.startswith("/hop"):
            number = int(self.path.removeprefix("/hop"))
            time.sleep(0.6)
            self.send_response(302)
            self.send_header("Location", f"/hop{number + 1}")
            self.end_headers()
            return
        if self.path == "/slow-headers":
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 40:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "40")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.3)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True  # the server is on loopback
    settings.FETCH_TIMEOUT_SECONDS = 1
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/body", "/slow-headers", "/hop1"])
def test_a_slow_server_cannot_hold_a_fetch_past_its_deadline(slow_site, path):
    started = time.monotonic()
    with pytest.raises(FetchError, match="longer than the 1-second limit"):
        fetch_url(f"{slow_site}{path}")
    assert time.monotonic() - started < 1.6


def test_a_host_name_look_up_that_hangs_is_given_up(settings, monkeypatch):
    settings.FETCH_TIMEOUT_SECONDS = 1
    monkeypatch.setattr(fetching, "LOOKUP_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: time.sleep(3))
    started = time.monotonic()
    with pytest.raises(FetchError, match="Looking up the host slow-dns.example took too long"):
        fetching.validated_url("https://slow-dns.example/")  # the forms' quick check
    with pytest.raises(FetchError, match="Looking up the host slow-dns.example took too long"):
        fetch_url("https://slow-dns.example/")
    assert time.monotonic() - started < 2


# --- Malformed URLs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://[::1]x/",
        f"http://{'a' * 64}.example/",
        f"http://{'a.' * 130}example/",
        "http://exa mple.com/",
        "http://example.com:99999/",
        "http://example.com:0/",
        "http://example..com/",
        "http://user:pw@example.com/",
        "ftp://example.com/",
        "javascript:alert(1)",
        "http:///path",
        "http://\u2025.example/",
    ],
)
def test_malformed_urls_are_refused_with_a_reason(url):
    with pytest.raises(RefusedURL):
        parse_url(url)


@pytest.mark.parametrize("location", ["http://[::1", f"http://{'a' * 64}.example/", "javascript:alert(1)"])
def test_a_malformed_redirect_is_refused_not_a_crash(local_site, location):
    site = local_site({}, redirects={"/start": location})
    with pytest.raises(RefusedURL, match="redirected"):
        fetch_url(f"{site}/start")
