"""Event records for the analysis keys already stored, and pg_trgm for claim matching on PostgreSQL.

Each distinct key on a claim or figure becomes one unreviewed event (named from the key, dated by its
figures' days) with the key as its alias; claims and figures point to it. Reviewing is left to editors.
TrigramExtension does nothing on databases other than PostgreSQL.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.utils.text import slugify

from claims.events.keys import parse_key


def events_from_keys(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Figure = apps.get_model("claims", "Figure")
    Event = apps.get_model("claims", "Event")
    EventAlias = apps.get_model("claims", "EventAlias")
    days = {}
    for key, day, published in Claim.objects.exclude(event="").values_list(
        "event", "event_date", "article__published_at"
    ):
        days.setdefault(key, []).append(day or (published.date() if published else None))
    for key, day, published in Figure.objects.exclude(event="").values_list(
        "event", "refers_to", "claim__article__published_at"
    ):
        days.setdefault(key, []).append(day or (published.date() if published else None))
    slugs = set(Event.objects.values_list("slug", flat=True))
    for key, found in days.items():
        parts = parse_key(key)
        known = sorted(d for d in found if d)
        base = slugify(parts.name)[:70] or "event"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        event = Event.objects.create(
            name=parts.name,
            slug=slug,
            kind=parts.kind,
            place=parts.place,
            start_date=known[0] if known else None,
            end_date=known[-1] if len(known) > 1 and known[-1] != known[0] else None,
            key=key,
        )
        EventAlias.objects.create(key=key, event=event)
        Claim.objects.filter(event=key).update(event_record=event)
        Figure.objects.filter(event=key).update(event_record=event)
    # A figure with no key of its own is about its claim's event.
    for figure in Figure.objects.filter(
        event="", event_record__isnull=True, claim__event_record__isnull=False
    ):
        Figure.objects.filter(pk=figure.pk).update(event_record=figure.claim.event_record_id)


class Migration(migrations.Migration):
    dependencies = [("claims", "0014_event_records")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(events_from_keys, migrations.RunPython.noop),
    ]
