"""Every page of the demo newsroom on a 390 px phone: nothing scrolls sideways, the chart's text stays
readable, and the report chart draws vague figures as ranges where the axis says they are."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim
from tests.public.test_readable_pages import desk_pages, public_pages

from .conftest import assert_no_browser_problems, log_in, watch_for_problems

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
PASSWORD = "phone-layout-pass-1"
MIN_TEXT_PX = 12

# The rendered height of every text node in the charts' SVGs: what a reader's eye gets.
CHART_TEXT_HEIGHTS = """() => [...document.querySelectorAll('.report-chart svg text')]
  .map(node => ({text: node.textContent, height: node.getBoundingClientRect().height}))"""


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo", "--password", PASSWORD, stdout=StringIO())


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE, device_scale_factor=1)
    context.set_default_timeout(10_000)
    watch_for_problems(context)
    yield context.new_page()
    context.close()


def visit_all(page, pages):
    """{path: (scroll width, [chart text smaller than the minimum])}."""
    measured = {}
    for path in pages:
        assert page.goto(path).ok, path
        small = [t for t in page.evaluate(CHART_TEXT_HEIGHTS) if t["height"] < MIN_TEXT_PX]
        measured[path] = (page.evaluate("document.scrollingElement.scrollWidth"), small)
    return measured


def test_no_public_page_scrolls_sideways_on_a_phone(phone, demo):
    measured = visit_all(phone, public_pages())
    assert len(measured) > 5
    too_wide = {path: width for path, (width, _) in measured.items() if width > PHONE["width"]}
    assert not too_wide, too_wide
    small_text = {path: small for path, (_, small) in measured.items() if small}
    assert not small_text, small_text
    assert_no_browser_problems(phone)


def test_no_desk_page_scrolls_sideways_on_a_phone(phone, demo):
    log_in(phone, "editor", PASSWORD)
    measured = visit_all(phone, desk_pages())
    assert len(measured) > 30
    too_wide = {path: width for path, (width, _) in measured.items() if width > PHONE["width"]}
    assert not too_wide, too_wide
    small_text = {path: small for path, (_, small) in measured.items() if small}
    assert not small_text, small_text
    assert_no_browser_problems(phone)


def test_the_queue_is_a_list_of_cards_with_status_and_assignee_on_screen(phone, demo):
    log_in(phone, "editor", PASSWORD)
    phone.goto(reverse("desk:queue"))
    first = phone.locator("[data-testid=queue-row]").first
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    for label in ["Status", "Assignee"]:
        cell = first.locator(f"td[data-label={label}]")
        assert cell.is_visible()
        assert (
            phone.evaluate("c => getComputedStyle(c, '::before').content", cell.element_handle())
            == f'"{label}"'
        )
        cell_box = cell.bounding_box()
        assert cell_box["x"] + cell_box["width"] <= PHONE["width"]
    assert phone.locator(".queue-table thead").bounding_box()["height"] <= 1


def almaty_killed_claim():
    """The police spokesman's "dozens of attackers": killed in Almaty, officers and protesters."""
    return Claim.objects.filter(speaker__name="Saltanat Azirbek", figures__measure="killed").first()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_chart_draws_dozens_as_a_bar_from_24_to_99_in_two_series(chromium, live_server, demo, width):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, "editor", PASSWORD)
    claim = almaty_killed_claim()
    assert claim is not None
    page.goto(reverse("desk:workspace", args=[claim.pk]))
    chart = page.locator("[data-testid=report-chart-killed]")

    def y_of(value):
        """Where `value` sits on the y axis, from the axis's own labels (whatever scale the data gives)."""
        labels = chart.locator(".chart-y-axis text")
        ticks = []
        for n in range(labels.count()):
            text = labels.nth(n).text_content().replace(",", "").strip()
            if text.isdigit():
                box = labels.nth(n).bounding_box()
                ticks.append((int(text), box["y"] + box["height"] / 2))
        (v1, y1), (v2, y2) = min(ticks), max(ticks)
        return y1 + (value - v1) * (y2 - y1) / (v2 - v1)

    ranges = chart.locator("g[data-shape=range]")
    assert ranges.count() >= 1
    tolerance = 6  # px: label centres sit a few pixels off their ticks; 24 and 48 are much further apart
    for i in range(ranges.count()):
        bar = ranges.nth(i).locator(".chart-bar").bounding_box()
        assert abs(bar["y"] - y_of(99)) <= tolerance  # top at 99
        assert abs(bar["y"] + bar["height"] - y_of(24)) <= tolerance  # bottom at 24
        assert ranges.nth(i).locator(".chart-mark").count() == 0  # no dot at a made-up 48
    assert chart.locator("g[data-shape=exact] .chart-mark").count() >= 1
    assert chart.locator("g[data-shape=at-least] .chart-arrow").count() >= 1
    legend = chart.locator("[data-testid=chart-legend]")
    for name in ["Security forces", "Protesters", "exact figure", "range", "open-ended"]:
        assert legend.get_by_text(name, exact=False).first.is_visible()
    heights = [t["height"] for t in page.evaluate(CHART_TEXT_HEIGHTS)]
    assert heights and min(heights) >= MIN_TEXT_PX
    context.close()
