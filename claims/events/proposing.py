"""Which event record an analysis key belongs to, proposed at ingest.

A key an editor has already placed (an alias, including the keys of events merged away) goes to its event.
A new key goes to an event of the same kind and place whose days are within a window of the figure's day.
Outlets name one event after different places ("Lahaina" and "Maui", "Balasore" and "Odisha"), so failing
that it goes to an event of the same kind within the window whose place the article names, or whose
articles name the key's place: the rule the analysis itself uses to unify the events of a batch
(claims/analysis/events.py, `unify_events`), applied across ingests. Failing that, a new unreviewed event
is created for an editor to name and review.
"""

import re
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
    "epidemic": 60,  # an outbreak is counted for weeks
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


def matching_event(kind, place, day, text=""):
    """An event of this kind and place whose days (widened by the window) include `day`. A key that names
    no place ("crash") goes to the latest event of its kind within the window, whatever its place. Failing
    one of its place, an event of its kind within the window that is named in `text` (the article), or
    whose articles name `place`."""
    candidates = Event.objects.filter(kind=kind)
    if not place:
        if day is None:
            return None
        return next(iter(within_window(candidates, kind, day)), None)
    same_place = candidates.filter(place__iexact=place)
    if day is None:
        return same_place.newest_first().first()
    window = window_for(kind)
    for event in same_place.newest_first()[:MAX_NEARBY_EVENTS]:
        if covers(event, day, window):
            return event
    nearby = [e for e in within_window(candidates, kind, day) if e.place.casefold() != place.casefold()]
    for event in nearby:
        if event.place and names_place(text, event.place):
            return event
    for event in nearby:
        if event.place and event_articles_name(event, place):
            return event
    return None


# Candidates looked at per proposal: the newest events of the kind (an index on kind and date).
MAX_NEARBY_EVENTS = 50


def within_window(candidates, kind, day):
    """The events among `candidates` whose days, widened by the kind's window, include `day`, newest first."""
    window = window_for(kind)
    nearest = candidates.filter(start_date__lte=day + window).newest_first()[:MAX_NEARBY_EVENTS]
    return [event for event in nearest if covers(event, day, window)]


def covers(event, day, window):
    """Whether `event` is ongoing news on `day`: within its window, and not a past event named for
    comparison, a separate occurrence or an article's own incident (its key says so)."""
    parts = parse_key(event.key)
    if parts is not None and (parts.year or parts.day or parts.article):
        return False
    first = event.start_date or day
    last = event.end_date or event.start_date or day
    return first - window <= day <= last + window


def names_place(text, place):
    """Whether `text` names `place` as a word, capitalised as a place is ("Maui", "Bahanaga Bazar")."""
    return bool(text) and re.search(rf"(?<!\w){re.escape(place)}(?!\w)", text) is not None


def event_articles_name(event, place):
    """Whether an article of `event` names `place` (its claims' articles, read through the event)."""
    from ..models import Article, Claim

    articles = Claim.objects.filter(event_record=event).values("article_id")
    bodies = Article.objects.filter(pk__in=articles, body__contains=place).order_by()
    return any(names_place(body, place) for body in bodies.values_list("body", flat=True)[:20])


def matching_past_event(kind, place, year, text=""):
    """A past event named for comparison ("the 2018 Camp Fire"), keyed by the place of the article that
    named it ("fire@lahaina/2018", "fire@maui/2018"): an event of the same kind and year whose place is
    this key's, or is named in `text`, or whose articles name this key's place."""
    candidates = [
        event
        for event in Event.objects.filter(kind=kind, key__endswith=f"/{year}").order_by("-pk")[
            :MAX_NEARBY_EVENTS
        ]
        if (parts := parse_key(event.key)) is not None and parts.year == year and not parts.article
    ]
    for test in (
        lambda event: event.place.casefold() == place.casefold(),
        lambda event: names_place(text, event.place),
        lambda event: event_articles_name(event, place),
    ):
        for event in candidates:
            if event.place and place and test(event):
                return event
    return None


def event_for_key(key, day=None, text=""):
    """The event record for an analysis key (created unreviewed if nothing matches); None for no key.
    `text` is the article's (title and body): the places it names may place the key (matching_event)."""
    parts = parse_key(key)
    if parts is None:
        return None
    alias = EventAlias.objects.select_related("event").filter(key=key).first()
    if alias:
        alias.event.widen_to(day)
        return alias.event
    # An incident known only in one article, or a separate occurrence, is its own event; a past event
    # named for comparison is one when two articles name it by the same kind and year.
    event = None
    if parts.article is None and parts.year is None and parts.day is None:
        event = matching_event(parts.kind, parts.place, day, text)
    elif parts.article is None and parts.year is not None and parts.day is None:
        event = matching_past_event(parts.kind, parts.place, parts.year, text)
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


def propose_events(article_published, result, text=""):
    """{analysis key: Event} for every key the analysis result names, dated by its figures' days; `text`
    is the article's title and body."""
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
        events[key] = event_for_key(key, known[0] if known else None, text)
        if len(known) > 1:
            events[key].widen_to(known[-1])
    return events
