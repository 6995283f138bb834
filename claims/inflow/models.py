"""Rows of the inflow: watched feeds and what they brought, readers' tips, and when an editor last looked."""

import hashlib
import re
import secrets
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# A feed that keeps failing waits twice as long after each failure, up to this many minutes.
MAX_BACKOFF_MINUTES = 24 * 60


class WatchedFeedQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(is_paused=False, next_poll_at__lte=now).filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now)
        )


class WatchedFeed(models.Model):
    """An RSS or Atom feed of an outlet, agency or official body, polled for new articles."""

    url = models.URLField("feed address", max_length=500, unique=True)
    source = models.ForeignKey("claims.Source", on_delete=models.PROTECT, related_name="watched_feeds")
    title = models.CharField(max_length=200, blank=True, help_text="The feed's own title, once polled.")
    interval_minutes = models.PositiveIntegerField("poll every (minutes)", default=15)
    is_paused = models.BooleanField(default=False)
    etag = models.CharField(max_length=200, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now)
    # A poller holds a feed until this time; a second poller skips it (see polling.claim_due_feeds).
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField(default=0)
    items_found = models.PositiveIntegerField(default=0, help_text="New items found over the feed's life.")
    last_new_items = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedFeedQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=1, interval_minutes__lte=1440),
                name="feed_interval_in_range",
            )
        ]
        indexes = [models.Index(fields=["is_paused", "next_poll_at"], name="feed_due_idx")]

    def __str__(self):
        return self.title or self.url

    @property
    def is_due(self):
        return self.next_poll_at <= timezone.now()

    @property
    def is_failing(self):
        return self.consecutive_failures > 0

    def backoff_minutes(self):
        """How long to wait before the next poll: the interval, doubled after each failure in a row."""
        return min(self.interval_minutes * 2 ** min(self.consecutive_failures, 16), MAX_BACKOFF_MINUTES)

    def record_success(self, *, new_items, etag="", last_modified="", title=""):
        now = timezone.now()
        self.last_polled_at = self.last_success_at = now
        self.consecutive_failures = 0
        self.last_error = ""
        self.last_new_items = new_items
        self.items_found += new_items
        self.etag, self.last_modified = etag[:200], last_modified[:100]
        if title:
            self.title = title[:200]
        self.next_poll_at = now + timedelta(minutes=self.interval_minutes)
        self.lease_until = None
        self.save()

    def record_failure(self, error):
        now = timezone.now()
        self.last_polled_at = now
        self.consecutive_failures += 1
        self.last_error = str(error)[:300]
        self.last_new_items = 0
        self.next_poll_at = now + timedelta(minutes=self.backoff_minutes())
        self.lease_until = None
        self.save()

    def pause(self):
        self.is_paused = True
        self.save(update_fields=["is_paused"])

    def resume(self):
        """Resume polling now, with the failure count kept so a still-broken feed keeps backing off."""
        self.is_paused = False
        self.next_poll_at = timezone.now()
        self.save(update_fields=["is_paused", "next_poll_at"])


class FeedItem(models.Model):
    """One entry a watched feed listed, and the article it became once ingested."""

    feed = models.ForeignKey(WatchedFeed, on_delete=models.CASCADE, related_name="items")
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    article = models.ForeignKey(
        "claims.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items"
    )
    error = models.CharField(max_length=300, blank=True, help_text="Why the item could not be ingested.")
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-found_at"]
        constraints = [models.UniqueConstraint(fields=["feed", "url"], name="feed_item_once_per_feed")]
        indexes = [models.Index(fields=["-found_at"], name="feed_item_recent_idx")]

    def __str__(self):
        return self.title or self.url


class DeskVisit(models.Model):
    """When an editor last looked at the watched feeds, so the desk can say what arrived since."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_visit")
    feeds_seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} saw the feeds at {self.feeds_seen_at:%d %b %Y %H:%M}"

    @classmethod
    def feeds_seen(cls, user):
        cls.objects.update_or_create(user=user, defaults={"feeds_seen_at": timezone.now()})

    @classmethod
    def new_feed_articles(cls, user):
        """Articles from feeds since `user` last looked at the feeds page (all of them on a first visit)."""
        seen = cls.objects.filter(user=user).values_list("feeds_seen_at", flat=True).first()
        items = FeedItem.objects.filter(article__isnull=False)
        return items.filter(found_at__gt=seen).count() if seen else items.count()


# --- Readers' tips ----------------------------------------------------------------------------------


def normalised_text(text):
    """Text as tips are grouped by: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def normalised_url(url):
    """A URL as tips are grouped by: no scheme, "www.", fragment, or trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("", host, parts.path.rstrip("/"), parts.query, "")).lstrip("/")


def key_of(value):
    return hashlib.sha256(value.encode("utf-8")).hexdigest() if value else ""


def new_token():
    return secrets.token_urlsafe(24)


class TipQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Tip.Status.NEW)

    def leads(self):
        """The first tip of each group; the others point at it."""
        return self.filter(lead__isnull=True)

    def expired(self, now=None):
        days = settings.TIPS_RETENTION_DAYS
        return self.filter(created_at__lt=(now or timezone.now()) - timedelta(days=days))


class Tip(models.Model):
    """A reader's request to check a claim. Private: only its status link (a random token) shows it."""

    class Status(models.TextChoices):
        NEW = "new", "Waiting for an editor"
        CHECKING = "checking", "Being checked"
        ANSWERED = "answered", "Already checked"
        DECLINED = "declined", "Not checked"

    TEXT_MAX_LENGTH = 2000

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    text = models.TextField("the claim", max_length=TEXT_MAX_LENGTH)
    text_key = models.CharField(max_length=64, editable=False, db_index=True)
    url = models.URLField("where it was seen", max_length=500, blank=True)
    url_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    email = models.EmailField(blank=True)
    # Tips with the same text or URL as an open tip join its group instead of repeating it on the desk.
    lead = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followers"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="tips"
    )
    decline_reason = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, help_text="When the reader was e-mailed.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = TipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="tip_text_not_empty"),
            models.CheckConstraint(
                condition=Q(status="new") | Q(resolved_at__isnull=False), name="tip_resolved_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="tip_open_idx")]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        self.text_key = key_of(normalised_text(self.text))
        self.url_key = key_of(normalised_url(self.url))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("tip_status", args=[self.token])

    @classmethod
    def submit(cls, *, text, url="", email=""):
        """A new tip, joined to the open group with the same normalised text or URL if there is one."""
        tip = cls(text=text, url=url, email=email)
        tip.text_key, tip.url_key = key_of(normalised_text(text)), key_of(normalised_url(url))
        same = Q(text_key=tip.text_key) | (Q(url_key=tip.url_key) if tip.url_key else Q(pk__in=[]))
        with transaction.atomic():
            lead = cls.objects.open().leads().filter(same).order_by("created_at").first()
            tip.lead = lead
            tip.save()
        return tip

    def group(self):
        """This tip and every tip grouped with it."""
        return Tip.objects.filter(Q(pk=self.pk) | Q(lead=self))

    @property
    def verdict(self):
        """The claim's published verdict, if any (drafts are never shown to the reader)."""
        verdict = getattr(self.claim, "verdict", None) if self.claim_id else None
        return verdict if verdict is not None and verdict.is_published else None
