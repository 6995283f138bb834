"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

`make test` installs Chromium when it is missing; Playwright's own browser download is not used.
Screenshots of the main pages go to `screenshots/` (ignored by git).
"""

import os
import re
import shutil
import weakref
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still
# synchronous and safe, so Django's guard against async-unsafe calls is switched off here only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time. On SQLite the tests' in-memory database is one
    connection shared with the server's threads, and a page's polls arriving together would use it at
    once (a 500 of "DatabaseWrapper objects created in a thread..."). Not being threaded, it also closes
    every connection after its response, so the browser never waits on a kept-alive one."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override  # the server's own thread already uses them


if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    LiveServerThread.server_class = SerialWSGIServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `make test` (it installs it) or apt-get install chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """Open pages in fresh browser contexts (separate cookies), on the live server."""
    contexts = []

    def open_page():
        context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        watch_for_problems(context)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    # caret="initial": hiding the caret (Playwright's default) leaves an empty style="" on every input, which
    # htmx then copies onto swapped-in inputs when it settles them: a CSP violation the app did not cause.
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, caret="initial")


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/desk/")


@pytest.fixture(autouse=True)
def roles(transactional_db):
    """Transactional tests empty the tables between tests, data migrations included."""
    from claims.roles import ensure_roles

    ensure_roles()


# --- Console errors and CSP violations ----------------------------------------------------------------

# Injected by the browser itself (not the page), so the policy does not apply to it. It reports each
# violation to Python through an exposed binding, so violations on pages left behind are not lost, and also
# keeps them in `window.__cspViolations` for looking at one page.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const violation = {
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    page: document.location.href,
  };
  window.__cspViolations.push(violation);
  if (window.__reportCspViolation) window.__reportCspViolation(JSON.stringify(violation));
});
"""

_PROBLEMS = weakref.WeakKeyDictionary()  # browser context → what went wrong in its pages


def watch_for_problems(context):
    """Record every console error, uncaught exception and CSP violation of the context's pages."""
    problems = _PROBLEMS.setdefault(context, [])
    context.expose_binding(
        "__reportCspViolation", lambda source, violation: problems.append(f"CSP violation: {violation}")
    )
    context.add_init_script(CSP_RECORDER)

    def watch_page(page):
        def on_console(message):
            if message.type == "error":
                where = message.location.get("url") or page.url
                problems.append(f"console error on {page.url}: {message.text} ({where})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"uncaught error on {page.url}: {error}"))

    context.on("page", watch_page)


def browser_problems(page, allowed=()):
    """What went wrong so far in the page's browser context, leaving out messages matching `allowed`."""
    return [
        problem
        for problem in _PROBLEMS.get(page.context, [])
        if not any(re.search(pattern, problem) for pattern in allowed)
    ]


def assert_no_browser_problems(*pages, allowed=()):
    """No console error and no CSP violation in any page the contexts of `pages` have shown."""
    problems = [problem for page in pages for problem in browser_problems(page, allowed)]
    assert not problems, "\n".join(problems)
