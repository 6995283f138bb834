"""Reviewed events in the JSON API: the list, and one event with every figure and its provenance."""

from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from ..public.api import PAGE_PARAMETERS, PAGE_SIZE, SLUG, Pages, Problem, takes_only
from ..public.caching import public_page
from .public import public_event, public_events
from .timeline import measure_timelines, origin_of

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    place: str
    start_date: date | None
    end_date: date | None
    summary: str
    url: str
    figures_csv: str

    @staticmethod
    def resolve_kind_label(event):
        return event.get_kind_display()

    @staticmethod
    def resolve_url(event):
        return f"{settings.SITE_URL}{event.get_absolute_url()}"

    @staticmethod
    def resolve_figures_csv(event):
        return f"{settings.SITE_URL}{reverse('event_figures_csv', args=[event.slug])}"


class EventFigureOut(Schema):
    measure: str
    group: str
    low: int | None
    high: int | None
    as_written: str
    in_words: str
    origin: str
    relays: list[str]
    outlet: str | None
    article_url: str
    article_published: datetime | None
    quote: str
    as_of: date | None
    refers_to: date | None
    retracted_on: date | None


class EventDetailOut(EventOut):
    figures: list[EventFigureOut]

    @staticmethod
    def resolve_figures(event):
        return [figure_out(f) for timeline in measure_timelines(event) for f in timeline.figures]


def figure_out(figure):
    claim, article = figure.claim, figure.claim.article
    return {
        "measure": figure.measure,
        "group": figure.subject or "people",
        "low": figure.low,
        "high": figure.high,
        "as_written": figure.text,
        "in_words": figure.bounds_display,
        "origin": origin_of(figure),
        "relays": [relay.source.name for relay in claim.claimrelay_set.all()],
        "outlet": article.publisher.name if article.publisher else None,
        "article_url": article.url,
        "article_published": article.published_at,
        "quote": claim.text,
        "as_of": figure.as_of,
        "refers_to": figure.refers_to,
        "retracted_on": figure.retracted_on,
    }


@router.get("", response={200: list[EventOut], 422: Problem}, summary="Reviewed events, newest first")
@decorate_view(public_page, takes_only(*PAGE_PARAMETERS))
@paginate(Pages, page_size=PAGE_SIZE)
def list_events(request):
    return public_events()


@router.get(
    "/{slug}",
    response={200: EventDetailOut, 404: Problem, 422: Problem},
    summary="One reviewed event with every figure reported about it",
    url_name="event_detail",
)
@decorate_view(public_page, takes_only())
def event_detail(request, slug: str = SLUG):
    event, moved = public_event(slug)
    return event or moved
