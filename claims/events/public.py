"""Readers' event pages: the index, one event's figure timelines, its CSV and its Atom feed.

Only reviewed events with something to show are public; anything else is a 404, never an empty page.
The slug of an event merged into another redirects to the survivor.
"""

import csv

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import require_safe

from ..public.caching import public_page
from .models import Event, EventRedirect
from .timeline import (
    event_contradictions,
    event_verdicts,
    has_public_content,
    measure_timelines,
    origin_of,
)

PAGE_SIZE = 20
CSV_COLUMNS = [
    "measure", "group", "low", "high", "as_written", "origin", "relays", "outlet", "article_url",
    "article_published", "quote", "as_of", "refers_to", "retracted_on", "analysis_key",
]  # fmt: skip


def public_event(slug):
    """The reviewed event at `slug`; a redirect for a merged event's old slug; else 404."""
    event = Event.objects.public().filter(slug=slug).first()
    if event is None:
        moved = (
            EventRedirect.objects.select_related("event")
            .filter(old_slug=slug, event__is_reviewed=True)
            .first()
        )
        if moved:
            return None, moved.event
        raise Http404("No public event at this address.")
    if not has_public_content(event):
        raise Http404("Nothing about this event has been reviewed yet.")
    return event, None


def public_events():
    return Event.objects.public().filter(figures__isnull=False).distinct().newest_first()


@require_safe
@public_page
def event_list(request):
    page = Paginator(public_events(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/events/event_list.html", {"page": page})


@require_safe
@public_page
def event_detail(request, slug):
    event, moved = public_event(slug)
    if moved:
        return redirect(moved, permanent=True)
    context = {
        "event": event,
        "timelines": measure_timelines(event),
        "contradictions": event_contradictions(event),
        "verdicts": event_verdicts(event),
        "canonical_url": f"{settings.SITE_URL}{event.get_absolute_url()}",
    }
    return render(request, "public/events/event_detail.html", context)


def csv_rows(event):
    for timeline in measure_timelines(event):
        for figure in timeline.figures:
            claim, article = figure.claim, figure.claim.article
            yield [
                figure.get_measure_display().lower(),
                figure.subject or "people",
                "" if figure.low is None else figure.low,
                "" if figure.high is None else figure.high,
                figure.bounds_display,
                origin_of(figure),
                "; ".join(relay.source.name for relay in claim.claimrelay_set.all()),
                article.publisher.name if article.publisher else "",
                article.url,
                article.published_at.date().isoformat() if article.published_at else "",
                claim.text,
                figure.as_of.isoformat() if figure.as_of else "",
                figure.refers_to.isoformat() if figure.refers_to else "",
                figure.retracted_on.isoformat() if figure.retracted_on else "",
                figure.event or claim.event,
            ]


@require_safe
@public_page
def event_figures_csv(request, slug):
    event, moved = public_event(slug)
    if moved:
        return redirect("event_figures_csv", moved.slug, permanent=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-figures.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(event))
    return response


class EventFeed(Feed):
    """What was published about one event: its verdicts, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        event, moved = public_event(slug)
        if moved:
            raise Http404("This event was merged into another.")
        return event

    def title(self, event):
        return f"{event.name} · {settings.SITE_NAME}"

    def link(self, event):
        return event.get_absolute_url()

    def subtitle(self, event):
        return event.summary or f"Fact checks about {event.name}."

    def items(self, event):
        return event_verdicts(event)[:50]

    # Readers see the published copy of a verdict, never the draft being edited.
    def item_title(self, verdict):
        return f"{verdict.get_published_rating_display()}: {verdict.published_headline}"

    def item_description(self, verdict):
        # Atom's descriptions are HTML: the plain-text summary is escaped for that.
        return escape(verdict.published_summary)

    def item_pubdate(self, verdict):
        return verdict.published_at

    def item_updateddate(self, verdict):
        return verdict.last_published_at or verdict.published_at


def event_feed_view():
    return require_safe(public_page(EventFeed()))
