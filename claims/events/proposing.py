"""Which event record an analysis key belongs to, proposed at ingest.

A key an editor has already placed (an alias, including the keys of events merged away) goes to its event.
A new key goes to an event of the same kind and place whose days are within a window of the figure's day;
failing that, a new unreviewed event is created for an editor to name and review.
"""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction

from .keys import parse_key
from .models import Event, EventAlias, EventKind

# How far apart two reports' days may be and still be about one event, by kind. Protests, floods and fires
# go on for days and are reported for longer; a blast or a crash is one moment, reported for a few days.
DEFAULT_WINDOW_DAYS = 7
WINDOW_DAYS = {
    "unrest": 21,
    "flood": 21,
    "fire": 14,
    "storm": 10,
    "heatwave": 14,
    "explosion": 5,
    "earthquake": 7,
    "crash": 5,
    "shooting": 5,
    "stampede": 5,
    "collapse": 5,
    "landslide": 7,
}


def window_for(kind):
    return timedelta(days=WINDOW_DAYS.get(kind, DEFAULT_WINDOW_DAYS))


def day_of(value):
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def matching_event(kind, place, day):
    """An event of this kind and place whose days (widened by the window) include `day`. A key that names
    no place ("crash") goes to the latest event of its kind within the window, whatever its place."""
    candidates = Event.objects.filter(kind=kind)
    if place:
        candidates = candidates.filter(place__iexact=place)
    elif day is None:
        return None
    if day is None:
        return candidates.newest_first().first()
    window = window_for(kind)
    for event in candidates.newest_first()[:50]:
        first = event.start_date or day
        last = event.end_date or event.start_date or day
        if first - window <= day <= last + window:
            return event
    return None


def event_for_key(key, day=None):
    """The event record for an analysis key (created unreviewed if nothing matches); None for no key."""
    parts = parse_key(key)
    if parts is None:
        return None
    alias = EventAlias.objects.select_related("event").filter(key=key).first()
    if alias:
        alias.event.widen_to(day)
        return alias.event
    # An incident known only in one article, or a past event named for comparison, is its own event.
    event = None
    if parts.article is None and parts.year is None and parts.day is None:
        event = matching_event(parts.kind, parts.place, day)
    if event is None:
        kind = parts.kind if parts.kind in EventKind.values else EventKind.OTHER
        event = Event.objects.create(
            name=parts.name, kind=kind, place=parts.place, start_date=parts.day or day, key=key
        )
    else:
        event.widen_to(day)
    try:
        with transaction.atomic():
            EventAlias.objects.create(key=key, event=event)
    except IntegrityError:  # another ingest placed the key meanwhile: follow it
        return EventAlias.objects.select_related("event").get(key=key).event
    return event


def propose_events(article_published, result):
    """{analysis key: Event} for every key the analysis result names, dated by its figures' days."""
    published = day_of(article_published)
    days = {}
    for claim in result.claims:
        if claim.event:
            days.setdefault(str(claim.event), []).append(day_of(claim.event_date) or published)
    for figure in result.figures:
        if figure.event:
            days.setdefault(str(figure.event), []).append(day_of(figure.when) or published)
    events = {}
    for key, found in days.items():
        known = sorted(d for d in found if d)
        events[key] = event_for_key(key, known[0] if known else None)
        if len(known) > 1:
            events[key].widen_to(known[-1])
    return events
