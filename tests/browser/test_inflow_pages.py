"""The feeds, tips and tip-status pages on a 390 px phone: nothing scrolls sideways, long URLs wrap."""

import pytest

from claims.inflow.models import Tip, WatchedFeed
from tests.factories import make_editor, make_source

from .conftest import assert_no_browser_problems, log_in, watch_for_problems

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
PASSWORD = "a long enough password"
LONG_URL = "https://agency.example/" + "very-long-path-segment-" * 8 + "rss.xml"


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE, device_scale_factor=1)
    context.set_default_timeout(10_000)
    watch_for_problems(context)
    yield context.new_page()
    context.close()


def width_of(page, path):
    assert page.goto(path).ok, path
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_inflow_pages_fit_a_phone(phone):
    feed = WatchedFeed.objects.create(url=LONG_URL, source=make_source("Ministry of Emergency Situations"))
    feed.record_failure("The server answered 503 instead of the page.")
    tip = Tip.submit(text="More than 5,000 people were injured, " * 10, url=LONG_URL, email="a@example.org")
    widths = {path: width_of(phone, path) for path in ["/tips/new/", tip.get_absolute_url()]}
    make_editor("lena", password=PASSWORD)
    log_in(phone, "lena", PASSWORD)
    for path in ["/desk/feeds/", "/desk/feeds/new/", f"/desk/feeds/{feed.pk}/", "/desk/tips/", "/desk/"]:
        widths[path] = width_of(phone, path)
    too_wide = {path: width for path, width in widths.items() if width > PHONE["width"]}
    assert not too_wide, too_wide
    assert_no_browser_problems(phone)
