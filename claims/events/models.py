"""Events as records: what happened, where and when, which figures and claims are about it.

The analysis names an event with a key ("unrest@almaty"); the ingest maps each key to an `Event` through
`EventAlias`, so an editor can rename, merge and split events and later articles follow: a merged event's
keys move to the survivor, its old slugs redirect (`EventRedirect`), and the merged rows leave their
history behind (django-simple-history keeps a deletion record).
"""

from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..history import record_change


class EventKind(models.TextChoices):
    # The values are the analysis's kinds (claims/analysis/events.py), so a key maps onto one directly.
    UNREST = "unrest", "Protest or unrest"
    EXPLOSION = "explosion", "Explosion"
    FLOOD = "flood", "Flood"
    EARTHQUAKE = "earthquake", "Earthquake"
    CRASH = "crash", "Crash"
    FIRE = "fire", "Fire"
    STORM = "storm", "Storm"
    SHOOTING = "shooting", "Shooting"
    ATTACK = "attack", "Attack"
    STAMPEDE = "stampede", "Stampede"
    COLLAPSE = "collapse", "Collapse"
    LANDSLIDE = "landslide", "Landslide"
    HEATWAVE = "heatwave", "Heatwave"
    EPIDEMIC = "epidemic", "Epidemic"
    OTHER = "other", "Other"


class EventQuerySet(models.QuerySet):
    def public(self):
        """Reviewed events: an unreviewed one is the analysis's guess, not something to tell readers."""
        return self.filter(is_reviewed=True)

    def newest_first(self):
        return self.order_by(F("start_date").desc(nulls_last=True), "-pk")


class Event(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=EventKind, default=EventKind.OTHER)
    place = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True, max_length=2000, help_text="What happened, for readers.")
    is_reviewed = models.BooleanField(
        "reviewed (public)", default=False, help_text="Reviewed events have a public page."
    )
    # The key the comparison uses for this event's figures; a merge gives every figure the survivor's.
    key = models.CharField(
        max_length=100, help_text="The analysis key figures of this event are compared on."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="event_name_not_empty"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="event_starts_before_it_ends",
            ),
        ]
        indexes = [models.Index(fields=["kind", "place", "start_date"], name="event_proposal_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from ..models import unique_slug

        self.name = self.name.strip()
        if not self.slug:
            self.slug = unique_slug(Event, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])

    def get_desk_url(self):
        return reverse("desk:event_detail", args=[self.pk])

    @property
    def dates_display(self):
        """ "5 Jan 2022", "5–14 Jan 2022", or "" when no day is known."""
        if self.start_date is None:
            return ""
        if self.end_date is None or self.end_date == self.start_date:
            return f"{self.start_date.day} {self.start_date:%b %Y}"
        if (self.start_date.year, self.start_date.month) == (self.end_date.year, self.end_date.month):
            return f"{self.start_date.day}–{self.end_date.day} {self.end_date:%b %Y}"
        return f"{self.start_date.day} {self.start_date:%b %Y} – {self.end_date.day} {self.end_date:%b %Y}"

    def add_alias(self, key):
        if key:
            EventAlias.objects.update_or_create(key=key, defaults={"event": self})

    def widen_to(self, day):
        """Stretch the event's dates to cover `day`, a day a figure of it is about."""
        if day is None:
            return
        start = min(self.start_date or day, day)
        end = max(self.end_date or self.start_date or day, day)
        if (start, end) != (self.start_date, self.end_date or self.start_date):
            self.start_date, self.end_date = start, (end if end != start else None)
            self.save(update_fields=["start_date", "end_date", "updated_at"])

    @transaction.atomic
    def merge(self, duplicates, by=None):
        """Fold `duplicates` into this event: claims and figures move here, their keys and slugs point here.

        Returns the ids of the claims whose comparison must be run again (everything now in this event).
        """
        from ..models import Claim, Figure

        ids = [d.pk for d in duplicates if d.pk != self.pk]
        if not ids:
            return []
        # Claims keep a history, so each one is saved (a queryset update would leave no record).
        for claim in Claim.objects.filter(event_record_id__in=ids):
            claim.event_record = self
            record_change(claim, by)
            claim.save(update_fields=["event_record", "updated_at"])
        Figure.objects.filter(event_record_id__in=ids).update(event_record=self)
        EventAlias.objects.filter(event_id__in=ids).update(event=self)
        EventRedirect.objects.filter(event_id__in=ids).update(event=self)
        for duplicate in Event.objects.filter(pk__in=ids):
            EventRedirect.objects.update_or_create(old_slug=duplicate.slug, defaults={"event": self})
            self.widen_to(duplicate.start_date)
            self.widen_to(duplicate.end_date)
            record_change(duplicate, by)
            duplicate.delete()
        return list(Claim.objects.filter(event_record=self).values_list("pk", flat=True))

    @transaction.atomic
    def split(self, claim_ids, name, by=None):
        """Move the given claims (and their figures) to a new, unreviewed event named `name`.

        The new event gets a key of its own, dated by its first day, so its figures are no longer compared
        with this event's. This event keeps its aliases: later articles with its key still come here.
        """
        from ..models import Claim, Figure

        claims = list(Claim.objects.filter(event_record=self, pk__in=claim_ids).select_related("article"))
        if not claims:
            raise ValueError("Choose at least one claim of this event to move to the new event.")
        if len(claims) == Claim.objects.filter(event_record=self).count():
            raise ValueError("Leave at least one claim in this event; rename it instead.")
        days = sorted(d for d in (claim_day(c) for c in claims) if d)
        new = Event(
            name=name.strip() or f"{self.name} (separate)",
            kind=self.kind,
            place=self.place,
            start_date=days[0] if days else self.start_date,
            end_date=days[-1] if days and days[-1] != days[0] else None,
        )
        new.key = split_key(self, new.start_date)
        record_change(new, by)
        new.save()
        for claim in claims:
            claim.event_record = new
            record_change(claim, by)
            claim.save(update_fields=["event_record", "updated_at"])
        Figure.objects.filter(claim__in=claims, event_record=self).update(event_record=new)
        return new, [c.pk for c in claims] + list(
            Claim.objects.filter(event_record=self).values_list("pk", flat=True)
        )


def claim_day(claim):
    if claim.event_date:
        return claim.event_date
    published = claim.article.published_at
    return published.date() if published else None


def split_key(event, day):
    """A key of its own for a split-off event: the analysis's form for a separate occurrence on a day."""
    base = event.key.split("/")[0]
    stamp = (day or date.today()).isoformat()
    key = f"{base}/{stamp}"
    n = 2
    while Event.objects.filter(key=key).exists() or EventAlias.objects.filter(key=key).exists():
        key, n = f"{base}/{stamp}-{n}", n + 1
    return key


class EventAlias(models.Model):
    """An analysis key that means this event: "unrest@almaty", and after a merge "unrest@kazakhstan" too."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="aliases")
    key = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "event aliases"

    def __str__(self):
        return f"{self.key} → {self.event}"


class EventRedirect(models.Model):
    """The slug of an event merged into another: its public address keeps working."""

    old_slug = models.SlugField(max_length=80, unique=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"/events/{self.old_slug}/ → {self.event}"


# --- Claim matching --------------------------------------------------------------------------------------


class ClaimMatchQuerySet(models.QuerySet):
    def suggested(self):
        return self.filter(status=ClaimMatch.Status.SUGGESTED)

    def with_verdict(self):
        return self.filter(verdict__is_published=True)


class ClaimMatch(models.Model):
    """An earlier claim (and its published verdict, if any) that a new claim may repeat.

    Found at ingest; an editor links it ("repeats": the article becomes one more appearance of the
    verdict) or dismisses it, and the decision is remembered: the pair is unique.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        REPEATS = "repeats", "Repeats the checked claim"
        DISMISSED = "dismissed", "Not the same claim"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matches")
    earlier = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matched_by")
    verdict = models.ForeignKey(
        "claims.Verdict", null=True, blank=True, on_delete=models.SET_NULL, related_name="matches"
    )
    score = models.FloatField(help_text="How alike the wording is, 0 to 1.")
    status = models.CharField(max_length=10, choices=Status, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = ClaimMatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "earlier"], name="claim_match_pair_once"),
            models.CheckConstraint(condition=~Q(claim=F("earlier")), name="claim_match_not_itself"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="claim_match_score_0_1"),
            models.CheckConstraint(
                condition=Q(status="suggested") | Q(decided_at__isnull=False),
                name="claim_match_decided_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.claim} ≈ {self.earlier}"

    def _decide(self, status, by):
        from ..models import IllegalTransition

        if status == self.Status.REPEATS and not (self.verdict_id and self.verdict.is_published):
            raise IllegalTransition("Only a claim with a published verdict can be linked as a repeat.")
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        record_change(self, by)
        self.save()

    def link_as_repeat(self, by=None):
        self._decide(self.Status.REPEATS, by)

    def dismiss(self, by=None):
        self._decide(self.Status.DISMISSED, by)


def _connect_page_cache():
    """Readers' cached pages go stale when an event, its redirects or a match changes (claims/public/caching.py)."""
    from django.db.models.signals import post_delete, post_save

    from ..public.caching import bump_generation

    for model in (Event, EventAlias, EventRedirect, ClaimMatch):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}-del")


_connect_page_cache()
