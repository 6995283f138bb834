"""Readers' event pages: only reviewed events, figure timelines by origin, CSV, feed, API and sitemap."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from claims.events.models import Event
from claims.models import Contradiction, Source
from tests.factories import (
    make_article,
    make_claim,
    make_contradiction,
    make_draft_verdict,
    make_figure,
    make_published_verdict,
    make_relay,
    make_source,
)

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")


def make_event(**fields):
    fields.setdefault("name", "Unrest in Almaty")
    fields.setdefault("kind", "unrest")
    fields.setdefault("place", "Almaty")
    fields.setdefault("start_date", date(2022, 1, 4))
    fields.setdefault("key", "unrest@almaty")
    fields.setdefault("is_reviewed", True)
    return Event.objects.create(**fields)


def report(event, text, figure_text, day, speaker, publisher, relay=None, **figure):
    article = make_article(
        body=text,
        publisher=Source.objects.get_or_create(name=publisher)[0],
        published_at=datetime(2022, 1, day, 10, tzinfo=ALMATY),
        url=f"https://{publisher.lower().replace(' ', '')}.example/{day}-{figure_text}",
    )
    claim = make_claim(article, text=text, speaker=speaker, event_record=event, event="unrest@almaty")
    if relay:
        make_relay(claim, relay)
    start = text.index(figure_text)
    figure.setdefault("measure", "killed")
    return make_figure(
        claim, text=figure_text, start=start, end=start + len(figure_text), event_record=event, **figure
    )


@pytest.fixture
def unrest():
    event = make_event(summary="Protests over fuel prices turned violent in Almaty.")
    ministry = make_source("Health ministry", kind="official_body")
    interfax = make_source("Interfax", kind="agency")
    report(
        event,
        "The health ministry said 164 people were killed.",
        "164",
        9,
        ministry,
        "Steppe Courier",
        interfax,
        value=164,
        low=164,
        high=164,
    )
    report(
        event,
        "Citing Interfax, the ministry put the toll at 164 killed.",
        "164",
        9,
        ministry,
        "Nomad Wire",
        interfax,
        value=164,
        low=164,
        high=164,
    )
    whole = report(
        event,
        "The ministry said 225 were killed, including 19 officers.",
        "225",
        15,
        ministry,
        "Orda Monitor",
        value=225,
        low=225,
        high=225,
    )
    part = make_figure(
        whole.claim,
        text="19",
        start=whole.claim.text.index("19"),
        end=whole.claim.text.index("19") + 2,
        value=19,
        low=19,
        high=19,
        subject="officers",
        measure="killed",
        event_record=event,
        part_of=whole,
    )
    police = make_source("Almaty police", kind="official_body")
    report(
        event,
        "Police said more than 9,900 people were detained.",
        "more than 9,900",
        11,
        police,
        "Steppe Courier",
        measure="detained",
        value=9901,
        low=9901,
        high=None,
        qualifier="more than",
    )
    return event, whole, part


def test_an_event_page_shows_each_measure_grouped_by_origin(client, unrest):
    event, _, _ = unrest
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Protests over fuel prices" in page
    assert 'data-testid="event-measure-killed"' in page and 'data-testid="event-measure-detained"' in page
    latest = page[page.index('data-testid="latest-killed"') :]
    assert "Health ministry, 15 Jan: 225 killed, including 19 officers" in latest
    # The two outlets relaying Interfax's 164 are one point, "relayed by 2".
    assert "×2" in page
    assert "more than 9,900" in page


def test_an_unreviewed_event_is_not_public(client, unrest):
    event, _, _ = unrest
    event.is_reviewed = False
    event.save()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("event_figures_csv", args=[event.slug])).status_code == 404
    assert client.get(reverse("api:event_detail", args=[event.slug])).status_code == 404
    assert event.name not in client.get(reverse("event_list")).content.decode()


def test_a_reviewed_event_with_nothing_to_show_is_404_not_an_empty_page(client):
    event = make_event()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_only_published_verdicts_and_confirmed_contradictions_appear(client, unrest):
    event, whole, _ = unrest
    published = make_published_verdict(headline="The toll of 225 holds up")
    published.claim.event_record = event
    published.claim.save()
    draft = make_draft_verdict(headline="Draft about the toll")
    draft.claim.event_record = event
    draft.claim.save()
    confirmed = make_contradiction(
        whole.claim, published.claim, explanation="The ministry and the prosecutor differ."
    )
    confirmed.confirm(note="Checked with both offices.")
    make_contradiction(draft.claim, whole.claim, explanation="An open one")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "The toll of 225 holds up" in page and "Draft about the toll" not in page
    assert "Checked with both offices." in page and "An open one" not in page
    assert Contradiction.objects.open().count() == 1


def test_a_retracted_figure_is_marked(client, unrest):
    event, whole, _ = unrest
    whole.retracted_on = date(2022, 1, 16)
    whole.save()
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'data-testid="retracted-figure"' in page and "withdrawn by its source on 16 Jan 2022" in page


def test_a_merged_events_old_address_redirects(client, unrest):
    event, _, _ = unrest
    duplicate = make_event(name="Unrest in Kazakhstan", key="unrest@kazakhstan")
    old = duplicate.get_absolute_url()
    event.merge([duplicate])
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == event.get_absolute_url()


def test_the_csv_has_provenance_columns(client, unrest):
    event, _, _ = unrest
    response = client.get(reverse("event_figures_csv", args=[event.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    for column in ("measure", "group", "low", "high", "origin", "relays", "article_url", "quote", "as_of"):
        assert column in rows[0]
    relayed = [r for r in rows if r["relays"] == "Interfax"]
    assert len(relayed) == 2 and relayed[0]["origin"] == "Health ministry"
    assert {r["group"] for r in rows} >= {"officers", "people"}


def test_the_api_lists_reviewed_events_and_their_figures(client, unrest):
    event, _, _ = unrest
    make_event(name="Flood in Dhaka", kind="flood", key="flood@dhaka", is_reviewed=False)
    listing = client.get("/api/events").json()
    assert [e["slug"] for e in listing["items"]] == [event.slug]
    detail = client.get(f"/api/events/{event.slug}").json()
    assert detail["name"] == "Unrest in Almaty"
    assert {f["measure"] for f in detail["figures"]} == {"killed", "detained"}
    assert all(f["article_url"].startswith("https://") for f in detail["figures"])


def test_the_feed_and_sitemap_carry_events(client, unrest):
    event, _, _ = unrest
    verdict = make_published_verdict(headline="The toll of 225 holds up")
    verdict.claim.event_record = event
    verdict.claim.save()
    feed = client.get(reverse("event_feed", args=[event.slug]))
    assert feed.status_code == 200 and b"The toll of 225 holds up" in feed.content
    assert event.get_absolute_url().encode() in client.get("/sitemap.xml").content


def test_the_index_lists_newest_first(client, unrest):
    event, _, _ = unrest
    later = make_event(
        name="Fire in Lagos", kind="fire", place="Lagos", key="fire@lagos", start_date=date(2023, 3, 1)
    )
    report(
        later,
        "Firefighters said 12 people were killed.",
        "12",
        3,
        None,
        "Lagos Daily",
        value=12,
        low=12,
        high=12,
    )
    page = client.get(reverse("event_list")).content.decode()
    assert page.index("Fire in Lagos") < page.index("Unrest in Almaty")


def test_the_event_page_costs_a_bounded_number_of_queries(client, unrest, django_assert_max_num_queries):
    event, _, _ = unrest
    for day in range(4, 8):
        report(
            event,
            f"Outlet {day} said 100 people were killed.",
            "100",
            day,
            None,
            f"Outlet {day}",
            value=100,
            low=100,
            high=100,
        )
    with django_assert_max_num_queries(20):
        assert client.get(event.get_absolute_url()).status_code == 200
