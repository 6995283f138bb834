"""Settings every test shares."""

import pytest


@pytest.fixture(autouse=True)
def without_login_throttling(settings):
    """django-axes needs a request for every authentication; tests that log in with `client.login`
    have none. The throttling itself is tested with it switched back on (tests/security/test_login_throttling.py)."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def empty_cache():
    """Readers' pages are cached (claims/public/caching.py) and the test database is rolled back under them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def local_site(settings):
    """Serve pages from a local web server: `local_site({"/path": (content_type, text)}, redirects={...})`
    returns its base URL. Fetching from 127.0.0.1 needs private addresses allowed, so this allows them."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    servers = []

    def serve(pages, redirects=None):
        redirects = redirects or {}

        class Pages(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path in redirects:
                    self.send_response(302)
                    self.send_header("Location", redirects[self.path])
                    self.end_headers()
                    return
                if self.path not in pages:
                    self.send_error(404)
                    return
                content_type, text = pages[self.path]
                body = text.encode()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def editor(client, db):
    """An editor (Dana Editor, in the Editors group), signed in on `client`."""
    from tests.factories import make_editor

    user = make_editor("desk-editor", first_name="Dana", last_name="Editor")
    client.force_login(user)
    return user


@pytest.fixture
def editor_client(client, editor):
    """`client`, signed in as `editor`."""
    return client
