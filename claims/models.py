"""The newsroom's records: sources, articles, the claims and figures in them, and what editors make of them.

Integrity lives in the database (check and unique constraints); workflow moves are methods that refuse
illegal transitions with `IllegalTransition`.
"""

import hashlib
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .analysis.constructions import explain_rule
from .history import record_change
from .name_matching import comparison_keys, name_key
from .rendering import MAX_EXPLANATION_LENGTH, CannotRender, html_to_text, render_markdown
from .reporting.charts import figure_bounds, range_words, shape_of


class IllegalTransition(Exception):
    """A workflow move that the current status does not allow."""


def normalise_name(name):
    """The form two spellings of one name share: "Khabar 24", "khabar-24" and a fullwidth "Ｋｈａｂａｒ 24"
    all give "khabar24" (claims/name_matching.py)."""
    return name_key(name)


def unique_slug(model, text, max_length=80, exclude_pk=None, also_taken=None):
    """A slug made from `text` that no other row uses (nor `also_taken`, a queryset of retired slugs)."""
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 2
    existing = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while existing.filter(slug=slug).exists() or (
        also_taken is not None and also_taken.filter(slug=slug).exists()
    ):
        suffix = f"-{n}"
        slug, n = base[: max_length - len(suffix)] + suffix, n + 1
    return slug


# --- Sources -------------------------------------------------------------------------------------------


class SourceQuerySet(models.QuerySet):
    def matching(self, name):
        """Sources whose name or an alias spells `name` the same way, ignoring case and punctuation."""
        key = normalise_name(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()

    def same_outlet_as(self, keys):
        """Sources that differ from a name only by a medium word: "Khabar 24" for "Khabar-24 TV" (or the
        other way round), but not "Kazakh Radio" for "Kazakh TV", where both name their medium."""
        candidates = self.filter(base_key=keys.base_key)
        return candidates if not keys.has_media_suffix else candidates.filter(name_key=F("base_key"))

    def needing_review(self):
        return self.exclude(review_note="")


class Source(models.Model):
    class Kind(models.TextChoices):
        OUTLET = "outlet", "News outlet"
        AGENCY = "agency", "News agency"
        BROADCASTER = "broadcaster", "Broadcaster"
        OFFICIAL_BODY = "official_body", "Official body"
        ORGANISATION = "organisation", "Organisation"
        PERSON = "person", "Person"

    class Reliability(models.TextChoices):
        UNRATED = "unrated", "Not rated"
        HIGH = "high", "High"
        MIXED = "mixed", "Mixed"
        LOW = "low", "Low"

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    # The name without trailing media words, and that again with look-alike letters read as Latin
    # (claims/name_matching.py).
    base_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    look_alike_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OUTLET)
    homepage = models.URLField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The body this source speaks for: a spokesperson's police department, a minister's ministry.",
    )
    reliability = models.CharField(max_length=10, choices=Reliability, default=Reliability.UNRATED)
    reliability_note = models.CharField(max_length=300, blank=True)
    # Set when ingest created this source although its name looks like another's: an admin merges the
    # two or clears the note.
    possible_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="possible_duplicates"
    )
    review_note = models.CharField(
        max_length=300, blank=True, help_text="Why an admin should look at this source; empty once checked."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="source_name_unique_ci"),
            models.CheckConstraint(condition=~Q(name=""), name="source_name_not_empty"),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="source_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        keys = comparison_keys(self.name)
        self.name_key, self.base_key, self.look_alike_key = keys.name_key, keys.base_key, keys.look_alike_key
        if not self.slug:
            self.slug = unique_slug(Source, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.slug])

    def add_alias(self, name):
        name = name.strip()
        if not name or normalise_name(name) == self.name_key:
            return None
        alias, _ = SourceAlias.objects.get_or_create(
            name_key=normalise_name(name), defaults={"source": self, "name": name}
        )
        return alias

    @transaction.atomic
    def merge(self, duplicates):
        """Fold `duplicates` into this source: references move here, their names become aliases."""
        duplicates = [d for d in duplicates if d.pk != self.pk]
        ids = [d.pk for d in duplicates]
        if not ids:
            return 0
        Article.objects.filter(publisher_id__in=ids).update(publisher=self)
        # Claims keep a history, so each one is saved (a queryset update would leave no record).
        for claim in Claim.objects.filter(speaker_id__in=ids):
            claim.speaker = self
            claim.save(update_fields=["speaker", "updated_at"])
        Evidence.objects.filter(source_id__in=ids).update(source=self)
        Source.objects.filter(parent_id__in=ids).exclude(pk=self.pk).update(parent=self)
        for relay in ClaimRelay.objects.filter(source_id__in=ids).select_related("claim"):
            if ClaimRelay.objects.filter(claim=relay.claim, source=self).exists():
                relay.delete()
            else:
                relay.source = self
                relay.save(update_fields=["source"])
        SourceAlias.objects.filter(source_id__in=ids).update(source=self)
        names = [d.name for d in duplicates]
        Source.objects.filter(pk__in=ids).delete()
        for name in names:
            self.add_alias(name)
        if self.parent_id in ids:
            self.parent = None
            self.save(update_fields=["parent"])
        return len(ids)


class SourceAlias(models.Model):
    """Another spelling of a source's name ("Хабар 24" for "Khabar 24", "Azhar Giniyat" for "Ajar Guiniat")."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "source aliases"

    def __str__(self):
        return f"{self.name} → {self.source.name}"

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)


# --- Articles ------------------------------------------------------------------------------------------


def content_hash(body):
    """Hash of the text with whitespace runs collapsed, so re-pasting the same article finds it again."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


class Article(models.Model):
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    publisher = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    ingested_at = models.DateTimeField(default=timezone.now)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the article's figures have been compared with the stored ones: how many contradictions
    # were possible and how many were kept (ingest keeps at most settings.MAX_CONTRADICTIONS_PER_ARTICLE).
    contradictions_found = models.PositiveIntegerField(null=True, blank=True, editable=False)
    contradictions_kept = models.PositiveIntegerField(null=True, blank=True, editable=False)
    contradictions_capped = models.BooleanField(
        default=False, editable=False, help_text="The analysis stopped listing contradictions within it."
    )

    class Meta:
        ordering = ["-published_at", "-ingested_at"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_url_unique_when_set"),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=Q(contradictions_kept__lte=F("contradictions_found")),
                name="article_contradictions_kept_not_above_found",
            ),
        ]
        indexes = [models.Index(fields=["-published_at"], name="article_recent_idx")]

    def __str__(self):
        if self.title:
            return self.title
        when = f" of {self.published_at:%d %b %Y}" if self.published_at else ""
        return f"{self.publisher or 'Article'}{when}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("desk:article_detail", args=[self.pk])

    @property
    def contradictions_checked(self):
        return self.contradictions_found is not None

    @property
    def contradiction_cap_note(self):
        """What the page says when ingest kept fewer contradictions than it found; "" otherwise."""
        if self.contradictions_capped:
            return (
                f"Only the first {self.contradictions_kept:,} contradictions were kept: the article holds "
                "more disagreeing figures than the analysis lists for one article (the most severe first). "
                "An article with that many is probably several articles in one, or a list rather than a report."
            )
        if not self.contradictions_checked or self.contradictions_kept >= self.contradictions_found:
            return ""
        return (
            f"Only the first {self.contradictions_kept:,} of {self.contradictions_found:,} possible "
            "contradictions were kept (the most severe first): an article with that many is probably "
            "several articles in one, or a list rather than a report."
        )


# --- Claims --------------------------------------------------------------------------------------------


class ClaimStatus(models.TextChoices):
    """A claim's place in the workflow, declared in the workflow's order (the queue's status sort)."""

    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    VERDICT_DRAFTED = "verdict_drafted", "Verdict drafted"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"


# Claims still in the review queue: not published, not dismissed (the queue's partial indexes use it).
IN_QUEUE = ~Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED])
# The queue's "status" sort as an expression its index holds too.
STATUS_RANK = Case(
    *(When(status=status, then=Value(rank)) for rank, status in enumerate(ClaimStatus)),
    output_field=IntegerField(),
)


class ClaimQuerySet(models.QuerySet):
    def in_queue(self):
        return self.filter(IN_QUEUE)

    def assigned_to(self, user):
        return self.filter(assignee=user)


class Claim(models.Model):
    Status = ClaimStatus

    # Which statuses each status may move to; everything else is refused.
    TRANSITIONS = {
        Status.NEW: {Status.IN_REVIEW, Status.VERDICT_DRAFTED, Status.DISMISSED},
        Status.IN_REVIEW: {Status.VERDICT_DRAFTED, Status.DISMISSED, Status.NEW},
        Status.VERDICT_DRAFTED: {Status.PUBLISHED, Status.IN_REVIEW, Status.DISMISSED},
        # A published claim is reopened first; dismissing it then withdraws its verdict (Verdict.withdraw).
        Status.PUBLISHED: {Status.IN_REVIEW},
        Status.DISMISSED: {Status.NEW},
    }

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the sentence in the article body.")
    end = models.PositiveIntegerField()
    is_headline = models.BooleanField(default=False)
    speaker = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    speaker_role = models.CharField(max_length=200, blank=True)
    relays = models.ManyToManyField(Source, through="ClaimRelay", related_name="relayed_claims", blank=True)
    checkworthiness = models.FloatField(default=0.0)
    checkworthy_reasons = models.JSONField(default=list, blank=True)
    event = models.CharField(max_length=100, blank=True, help_text="What happened, as the analysis named it.")
    event_date = models.DateField(null=True, blank=True)
    event_record = models.ForeignKey(
        "claims.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        verbose_name="event",
        help_text="The event record; `event` keeps the analysis's key it was proposed from.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["checkworthy_reasons"])
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_start_before_end"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_span_unique_in_article"),
        ]
        # The queue's sorts, read in index order and stopped at the page's last row: partial indexes on
        # the open work (what the queue shows unless a status is chosen), and per assignee and status.
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="claim_queue_idx"),
            models.Index(fields=["-created_at", "-id"], name="claim_newest_idx"),
            models.Index(
                STATUS_RANK,
                F("created_at").desc(),
                F("id").desc(),
                condition=IN_QUEUE,
                name="claim_open_status_idx",
            ),
            models.Index(fields=["-created_at", "-id"], condition=IN_QUEUE, name="claim_open_newest_idx"),
            models.Index(
                fields=["-checkworthiness", "-created_at", "-id"],
                condition=IN_QUEUE,
                name="claim_open_worthy_idx",
            ),
            models.Index(fields=["assignee", "status", "-created_at", "-id"], name="claim_assignee_idx"),
            models.Index(
                fields=["assignee", "-created_at", "-id"], condition=IN_QUEUE, name="claim_open_mine_idx"
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self):
        return reverse("desk:workspace", args=[self.pk])

    @property
    def relay_chain(self):
        return [relay.source for relay in self.claimrelay_set.all()]

    def allowed_transitions(self):
        return sorted(self.TRANSITIONS[self.Status(self.status)], key=list(self.Status).index)

    @property
    def public_verdict(self):
        """The claim's verdict if readers can see it, else None."""
        verdict = getattr(self, "verdict", None)
        return verdict if verdict is not None and verdict.is_published else None

    @transaction.atomic
    def move_to(self, status, by=None, reason=""):
        """Move to `status`; dismissing a claim whose verdict is public withdraws it, for `reason`."""
        status = self.Status(status)
        if status not in self.TRANSITIONS[self.Status(self.status)]:
            raise IllegalTransition(
                f"A claim that is “{self.get_status_display()}” cannot move to “{status.label}”."
            )
        if status == self.Status.VERDICT_DRAFTED and not hasattr(self, "verdict"):
            raise IllegalTransition("Draft a verdict before marking the claim as verdict drafted.")
        if status == self.Status.DISMISSED and self.public_verdict is not None:
            self.verdict.withdraw(reason, by=by)
        self.status = status
        if by is not None:
            record_change(self, by)
        self.save(update_fields=["status", "assignee", "updated_at"])

    def mark_drafted(self, by=None):
        """A saved verdict means the claim's verdict is drafted, whether its review was started or not."""
        if self.status in {self.Status.NEW, self.Status.IN_REVIEW}:
            self.move_to(self.Status.VERDICT_DRAFTED, by=by)

    def assign_to(self, user, by=None):
        self.assignee = user
        record_change(self, by or user)
        self.save(update_fields=["assignee", "updated_at"])

    def start_review(self, by=None):
        """Move to review; whoever starts the review takes the claim if nobody has it yet."""
        if by is not None and self.assignee_id is None:
            self.assignee = by
        self.move_to(self.Status.IN_REVIEW, by=by)

    def dismiss(self, by=None, reason=""):
        self.move_to(self.Status.DISMISSED, by=by, reason=reason)

    def reopen(self, by=None):
        self.move_to(self.Status.NEW, by=by)


class ClaimRelay(models.Model):
    """One link of the chain that carried a claim, nearest first: Khabar-24, then Interfax, then TASS."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE)
    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="relay_position_unique"),
            models.UniqueConstraint(fields=["claim", "source"], name="relay_source_once_per_claim"),
        ]

    def __str__(self):
        return f"{self.position + 1}. {self.source}"


# --- Figures -------------------------------------------------------------------------------------------


class Measure(models.TextChoices):
    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"
    HOSPITALIZED = "hospitalized", "Hospitalised"
    CRITICAL = "critical", "Critical"
    MISSING = "missing", "Missing"
    DISPLACED = "displaced", "Displaced"
    DETAINED = "detained", "Detained"
    PARTICIPANTS = "participants", "Participants"
    OTHER = "other", "Other"


class Figure(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="figures")
    text = models.CharField(max_length=300)
    start = models.PositiveIntegerField(help_text="Offset of the figure's text in the article body.")
    end = models.PositiveIntegerField()
    measure = models.CharField(max_length=20, choices=Measure, default=Measure.OTHER)
    subject = models.CharField(
        max_length=100, blank=True, help_text="The group counted: people, police, children…"
    )
    qualifier = models.CharField(max_length=50, blank=True, help_text="“more than”, “nearly”, “dozens”…")
    value = models.BigIntegerField(null=True, blank=True)
    low = models.BigIntegerField(null=True, blank=True)
    high = models.BigIntegerField(null=True, blank=True)
    soft_low = models.BigIntegerField(
        null=True, blank=True, help_text="Where reporters' rounding puts the floor."
    )
    soft_high = models.BigIntegerField(null=True, blank=True)
    refers_to = models.DateField(null=True, blank=True, help_text="The day of the event the figure is about.")
    as_of = models.DateField(null=True, blank=True, help_text="The day the count was made or stated.")
    place = models.CharField(max_length=200, blank=True)
    event = models.CharField(max_length=100, blank=True)
    event_record = models.ForeignKey(
        "claims.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="figures",
        verbose_name="event",
        db_index=False,  # figure_block_idx leads with it
    )
    scope = models.CharField(
        max_length=100, blank=True, help_text="How the part was stated: “of them”, “including”…"
    )
    part_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text="The whole it is part of.",
    )
    is_earlier = models.BooleanField(
        default=False, help_text="Reported as an earlier state, not the latest count."
    )
    is_projection = models.BooleanField(default=False, help_text="A fear or forecast, not a count.")
    retracted_on = models.DateField(
        null=True, blank=True, help_text="The day its source withdrew the figure; readers see it marked."
    )
    rule = models.CharField(
        max_length=50, blank=True, help_text="The construction rule of the analysis that read the figure."
    )

    class Meta:
        ordering = ["claim", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="figure_span_start_before_end"),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(value__isnull=True) | Q(low__lte=F("value")),
                name="figure_low_not_above_value",
            ),
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(value__isnull=True) | Q(value__lte=F("high")),
                name="figure_value_not_above_high",
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="figure_low_not_above_high",
            ),
            models.UniqueConstraint(
                fields=["claim", "start", "end", "measure"], name="figure_unique_in_claim"
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "event"], name="figure_measure_event_idx"),
            # Matching's and the comparison's block: one event, measure and group, read by index alone.
            models.Index(fields=["event_record", "measure", "subject"], name="figure_block_idx"),
        ]

    def __str__(self):
        return f"{self.text} ({self.get_measure_display().lower()})"

    @property
    def why(self):
        """The construction that made this a figure, for editors who suspect a misreading."""
        return explain_rule(self.rule)

    @property
    def amount_words(self):
        """The bounds as a reporter says them ("12", "24 to 99", "more than 100"), never the stored central
        value; "" for a figure without a number."""
        bounds = figure_bounds(self.value, self.low, self.high)
        if bounds is None:
            return ""
        low, high = bounds
        return range_words(shape_of(low, high), low, high, self.qualifier)

    @property
    def bounds_display(self):
        return self.amount_words or "—"


# --- Verdicts ------------------------------------------------------------------------------------------


class Rating(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    HALF_TRUE = "half_true", "Half true"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    UNPROVEN = "unproven", "Unproven"


# ClaimReview's reviewRating needs a number on a declared scale (worst 1, best 5). Misleading sits with
# "mostly false" (true words, false impression) and Unproven at the midpoint: the evidence points neither way.
RATING_SCALE = {"worst": 1, "best": 5}
RATING_VALUES = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.HALF_TRUE: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
    Rating.MISLEADING: 2,
    Rating.UNPROVEN: 3,
}


class EditConflict(Exception):
    """Someone saved the verdict after this editor opened it."""

    def __init__(self, current):
        self.current = current
        super().__init__("Another editor saved this verdict after you opened it.")


class VerdictQuerySet(models.QuerySet):
    def published(self):
        """Verdicts readers can see; they read the published copy (`published_*`), never the draft."""
        return self.filter(is_published=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)

    def ever_published(self):
        """Public or withdrawn: the verdicts whose address answers readers (200 or 410)."""
        return self.filter(published_version__isnull=False)


class Verdict(models.Model):
    """An editor's verdict on a claim: the draft being edited, and the copy readers see.

    The draft (`rating`, `headline`, `summary`, `explanation`) changes with every save; readers only ever
    see the `published_*` copy taken when the verdict was last published, so reopening a published
    claim for review keeps the published version public, unchanged, until it is published again.
    Withdrawing (dismissing the claim) takes it down: its address then answers 410 with the reason.
    """

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    rating = models.CharField(max_length=20, choices=Rating)
    headline = models.CharField(max_length=200)
    summary = models.TextField(max_length=1000, help_text="One or two sentences readers see first.")
    explanation = models.TextField(
        blank=True, max_length=MAX_EXPLANATION_LENGTH, help_text="Markdown; rendered and sanitised on save."
    )
    explanation_html = models.TextField(
        blank=True, editable=False, help_text="The explanation as sanitised HTML, rendered when it was saved."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    is_published = models.BooleanField(default=False, help_text="Readers can see the published copy.")
    published_at = models.DateTimeField(null=True, blank=True, help_text="When it was first published.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every save; detects conflicting edits."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who saved the current version.",
    )
    # The copy readers see, taken from the draft by `publish`; kept (not shown) after a withdrawal.
    published_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    published_rating = models.CharField(max_length=20, choices=Rating, blank=True, editable=False)
    published_headline = models.CharField(max_length=200, blank=True, editable=False)
    published_summary = models.TextField(blank=True, editable=False)
    published_body_html = models.TextField(blank=True, editable=False)
    published_body_text = models.TextField(
        blank=True, editable=False, help_text="The published explanation as plain text (search, ClaimReview)."
    )
    last_published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the published copy was taken."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.CharField(max_length=500, blank=True, editable=False)
    # A verdict imported from another fact-checker keeps its rating as they gave it.
    original_rating_name = models.CharField(max_length=200, blank=True)
    original_rating_value = models.FloatField(null=True, blank=True)
    original_best = models.FloatField(null=True, blank=True)
    original_worst = models.FloatField(null=True, blank=True)

    history = HistoricalRecords()
    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="verdict_published_has_time",
            ),
            models.CheckConstraint(condition=~Q(headline=""), name="verdict_headline_not_empty"),
            models.CheckConstraint(
                condition=Q(is_published=False)
                | (
                    Q(published_version__isnull=False, last_published_at__isnull=False)
                    & ~Q(published_headline="")
                    & ~Q(published_rating="")
                ),
                name="verdict_published_has_copy",
            ),
            models.CheckConstraint(
                condition=Q(published_version__isnull=True) | Q(published_version__lte=F("version")),
                name="verdict_published_version_exists",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | (Q(is_published=False, published_version__isnull=False) & ~Q(withdrawal_reason="")),
                name="verdict_withdrawn_was_published_has_reason",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("explanation"), MAX_EXPLANATION_LENGTH),
                name="verdict_explanation_length",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "-published_at"], name="verdict_public_idx")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "explanation" in update_fields:
            self.render_explanation()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "explanation_html"}
        headline_changed = self.headline != getattr(self, "_stored_headline", self.headline)
        if not self.slug or (headline_changed and self.published_version is None):
            # Until readers have seen it, the address follows the headline; then it never changes.
            self.slug = unique_slug(
                Verdict, self.headline, exclude_pk=self.pk, also_taken=RetiredVerdictSlug.objects.all()
            )
        with transaction.atomic():
            stored_slug = getattr(self, "_stored_slug", None)
            if stored_slug and stored_slug != self.slug and self.published_version is not None:
                # Readers may have the old address: it keeps working, as a redirect. (Going back to an
                # address it had before makes that one live again.)
                RetiredVerdictSlug.objects.filter(slug=self.slug, verdict=self).delete()
                RetiredVerdictSlug.objects.get_or_create(slug=stored_slug, defaults={"verdict": self})
            super().save(*args, **kwargs)
        self._stored_slug, self._stored_headline = self.slug, self.headline
        self.__dict__.pop("_change_reason", None)  # simple_history would give it to the next save too

    def get_absolute_url(self):
        return reverse("verdict_detail", args=[self.slug])

    def clean(self):
        """For the admin's forms: an explanation that cannot be rendered is a form error, not a 500, and
        another verdict's old address is not taken over."""
        if (
            self.slug
            and RetiredVerdictSlug.objects.filter(slug=self.slug).exclude(verdict_id=self.pk).exists()
        ):
            raise ValidationError({"slug": "Another verdict had this address; it redirects there."})
        try:
            render_markdown(self.explanation)
        except CannotRender as error:
            raise ValidationError({"explanation": str(error)}) from error

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        verdict = super().from_db(db, field_names, values, **kwargs)
        verdict._stored_slug = verdict.__dict__.get("slug")
        verdict._stored_headline = verdict.__dict__.get("headline")
        verdict._rendered_explanation = verdict.__dict__.get("explanation")  # its stored HTML matches
        return verdict

    def render_explanation(self):
        """Store the explanation as sanitised HTML, rendering it only if it changed: once per edit.

        Raises CannotRender (the desk shows it as the field's error; the save is not made)."""
        if getattr(self, "_rendered_explanation", None) != self.explanation:
            self.explanation_html = render_markdown(self.explanation)
            self._rendered_explanation = self.explanation

    @property
    def rating_value(self):
        return RATING_VALUES[Rating(self.published_rating or self.rating)]

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def changes_what_readers_saw(self):
        """Whether publishing the draft would change what readers see (or saw, if withdrawn)."""
        if self.published_version is None:
            return False
        draft = (self.rating, self.headline, self.summary, self.explanation_html)
        public = (
            self.published_rating,
            self.published_headline,
            self.published_summary,
            self.published_body_html,
        )
        return draft != public

    @transaction.atomic
    def save_edit(self, expected_version, by=None, **changes):
        """Apply `changes` only if nobody saved since `expected_version`; raise EditConflict otherwise.

        The conditional UPDATE claims the version atomically on every database (SQLite has no
        SELECT … FOR UPDATE), so of two editors saving at once exactly one wins. Edits go to the draft:
        readers keep the published copy until the verdict is published again.
        """
        if self.claim.status == Claim.Status.PUBLISHED:
            raise IllegalTransition("This verdict is published: reopen the claim for review to edit it.")
        claimed = Verdict.objects.filter(pk=self.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise EditConflict(Verdict.objects.get(pk=self.pk))
        for field, value in changes.items():
            setattr(self, field, value)
        self.version = expected_version + 1
        self.updated_by = by
        record_change(self, by)
        self.save()
        return self

    @transaction.atomic
    def publish(self, by=None, reason="", expected_version=None):
        """Make the current draft what readers see, and move the claim to published.

        A claim in review goes through "verdict drafted" in the same save, so its history has one record.
        `reason` is the public changelog's "why" when a published verdict is published again;
        `expected_version` refuses (EditConflict) if the draft changed since the editor looked at it.
        """
        self.lock_and_refresh()
        if expected_version is not None and self.version != expected_version:
            raise EditConflict(self)
        claim = self.claim
        if claim.status == Claim.Status.IN_REVIEW:
            claim.status = Claim.Status.VERDICT_DRAFTED
        claim.move_to(Claim.Status.PUBLISHED, by=by)
        self.copy_draft_to_public(timezone.now())
        record_change(self, by)
        self._change_reason = reason.strip()
        self.save()

    def copy_draft_to_public(self, when):
        """Make the draft, as it stands, the copy readers see (saving is the caller's)."""
        self.render_explanation()
        self.published_version = self.version
        self.published_rating = self.rating
        self.published_headline = self.headline
        self.published_summary = self.summary
        self.published_body_html = self.explanation_html
        self.published_body_text = html_to_text(self.explanation_html)
        self.is_published = True
        self.published_at = self.published_at or when
        self.last_published_at = when
        self.withdrawn_at, self.withdrawal_reason = None, ""

    def lock_and_refresh(self):
        """Reload the row, locked until the transaction ends, so that a save of the whole row cannot
        write back a draft someone replaced meanwhile."""
        claim = self.claim
        self.refresh_from_db(from_queryset=Verdict.objects.select_for_update())
        # The caller's claim stays this verdict's claim, so the moves made here show on it.
        self._meta.get_field("claim").set_cached_value(self, claim)
        self._stored_slug, self._stored_headline = self.slug, self.headline
        self._rendered_explanation = self.explanation

    @transaction.atomic
    def withdraw(self, reason, by=None):
        """Take the published verdict down; its address answers 410 with `reason` from now on."""
        self.lock_and_refresh()
        reason = " ".join((reason or "").split())
        if not self.is_published:
            raise IllegalTransition("Only a published verdict can be withdrawn.")
        if not reason:
            raise IllegalTransition(
                "Say why the verdict is withdrawn: readers see the reason at its address."
            )
        if len(reason) > self._meta.get_field("withdrawal_reason").max_length:
            raise IllegalTransition("Keep the reason for the withdrawal under 500 characters.")
        self.is_published = False
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason
        record_change(self, by)
        self._change_reason = "Withdrawn"  # the reason itself is a field, shown in the history's changes
        self.save()


class RetiredVerdictSlug(models.Model):
    """An address a published verdict had before its slug was changed; it redirects (301) to the verdict."""

    slug = models.SlugField(max_length=80, unique=True)
    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="retired_slugs")
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.slug} → {self.verdict.slug}"


# --- Evidence ------------------------------------------------------------------------------------------


class EvidenceQuerySet(models.QuerySet):
    def awaiting_archive(self):
        return self.filter(archive_status=Evidence.Archive.PENDING)


class Evidence(models.Model):
    """A source an editor cites for a verdict, with the page's text kept as it was when it was archived."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    class Archive(models.TextChoices):
        NO_PAGE = "none", "No page to archive"
        PENDING = "pending", "Archiving…"
        ARCHIVED = "archived", "Archived"
        FAILED = "failed", "Not archived"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    url = models.URLField(max_length=500, blank=True)
    quote = models.TextField(blank=True)
    stance = models.CharField(max_length=10, choices=Stance, default=Stance.CONTEXT)
    # The day the editor cited it; a page read that day is only vouched for by its snapshot.
    accessed_on = models.DateField("cited on", default=timezone.localdate)
    archive_status = models.CharField(max_length=10, choices=Archive, default=Archive.NO_PAGE)
    archive_attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, help_text="When archiving is tried again.")
    snapshot = models.TextField(blank=True, help_text="The page's text when it was fetched.")
    snapshot_hash = models.CharField(max_length=64, blank=True)
    snapshot_at = models.DateTimeField(null=True, blank=True)
    archive_error = models.CharField(
        max_length=300, blank=True, help_text="Why the page could not be archived."
    )
    quote_verified = models.BooleanField(null=True, help_text="Whether the quote was found in the snapshot.")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    # Edits and removals are kept; the snapshot is not copied into every history row.
    history = HistoricalRecords(excluded_fields=["snapshot"])
    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(url=""), name="evidence_has_source_or_url"
            ),
            models.CheckConstraint(
                condition=(Q(url="") & Q(archive_status="none")) | (~Q(url="") & ~Q(archive_status="none")),
                name="evidence_archive_status_needs_url",
            ),
            models.CheckConstraint(
                condition=(Q(archive_status="archived") & Q(snapshot_at__isnull=False))
                | (~Q(archive_status="archived") & Q(snapshot_at__isnull=True)),
                name="evidence_archived_has_snapshot_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.source or self.url}"

    def save(self, *args, **kwargs):
        # Evidence entered elsewhere (admin, demo, imports) was never fetched: it says so.
        if not self.url:
            self.archive_status = self.Archive.NO_PAGE
        elif self.archive_status == self.Archive.NO_PAGE:
            self.archive_status = self.Archive.FAILED
        super().save(*args, **kwargs)

    @property
    def is_archived(self):
        return self.archive_status == self.Archive.ARCHIVED

    @property
    def is_archiving(self):
        return self.archive_status == self.Archive.PENDING


# --- Contradictions ------------------------------------------------------------------------------------


# The board's order, most severe first, as SQL expressions that its indexes hold too (a sort the index
# already has costs nothing; the same CASE in the ORDER BY is what lets PostgreSQL use it).
class ContradictionSeverity(models.TextChoices):
    """Declared most severe first: the board's order."""

    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ContradictionStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    EXPLAINED = "explained", "Explained"
    DISMISSED = "dismissed", "Dismissed"


SEVERITY_RANK = Case(
    *(When(severity=severity, then=Value(rank)) for rank, severity in enumerate(ContradictionSeverity)),
    output_field=IntegerField(),
)
OPEN_FIRST = Case(
    When(status=ContradictionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
)


class BoardSide(NamedTuple):
    """One side of a contradiction card (templates/desk/includes/contradiction_card.html)."""

    claim: "Claim"
    figure: "Figure | None"
    label: str
    checked: bool


class ContradictionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Contradiction.Status.OPEN)

    def involving(self, claim):
        return self.filter(Q(claim_a=claim) | Q(claim_b=claim))

    def confirmed(self):
        return self.filter(status=Contradiction.Status.CONFIRMED)


class Contradiction(models.Model):
    class Kind(models.TextChoices):
        COUNT = "count", "Count"
        SUBSET = "subset", "Part larger than whole"
        TIME = "time", "Dates disagree"
        OTHER = "other", "Other"

    Severity = ContradictionSeverity
    Status = ContradictionStatus

    class Explanation(models.TextChoices):
        UPDATE = "update", "An update over time"
        SCOPE = "scope", "A different scope"
        EVENT = "event", "A different event"
        OTHER = "other", "Other"

    # claim_a always holds the smaller id, so a pair is stored once whichever order it comes in. Both
    # sides are one claim when one sentence sets two sources against each other ("the Red Cross said
    # more than 100 dead while the minister put it at about 80"); the figures then tell the sides apart.
    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_a")
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_b")
    figure_a = models.ForeignKey(Figure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    figure_b = models.ForeignKey(Figure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    severity = models.CharField(max_length=10, choices=Severity, default=Severity.MEDIUM)
    explanation = models.TextField()
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    resolution = models.CharField(max_length=10, choices=Explanation, blank=True)
    resolution_note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = ContradictionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(claim_a__lte=F("claim_b")), name="contradiction_pair_ordered"),
            models.UniqueConstraint(fields=["claim_a", "claim_b"], name="contradiction_pair_once"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(resolved_at__isnull=False),
                name="contradiction_resolved_has_time",
            ),
        ]
        indexes = [
            # One status (the board's usual view), and every status with open ones first.
            models.Index(
                F("status"),
                SEVERITY_RANK,
                F("created_at").desc(),
                F("id").desc(),
                name="contradiction_board_idx",
            ),
            models.Index(
                OPEN_FIRST,
                SEVERITY_RANK,
                F("created_at").desc(),
                F("id").desc(),
                name="contradiction_all_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.explanation[:70]}"

    @classmethod
    def ordered_pair(cls, first, second):
        return (first, second) if first.pk <= second.pk else (second, first)

    @property
    def is_within_one_sentence(self):
        """True when two sources disagree inside one sentence: both sides are the same claim."""
        return self.claim_a_id == self.claim_b_id

    @property
    def board_sides(self):
        """The card's two sides, each with its label and whether a published verdict may answer its claim
        (`claim_a_checked` and `claim_b_checked` come from claims/desk/board/queries.py)."""
        if self.is_within_one_sentence:
            labels, b_checked = ("One source", "The other source"), False
        else:
            labels, b_checked = ("First report", "Second report"), getattr(self, "claim_b_checked", False)
        return (
            BoardSide(self.claim_a, self.figure_a, labels[0], getattr(self, "claim_a_checked", False)),
            BoardSide(self.claim_b, self.figure_b, labels[1], b_checked),
        )

    def _resolve(self, status, by, resolution="", note=""):
        if self.status != self.Status.OPEN and status != self.Status.OPEN:
            raise IllegalTransition(
                f"This contradiction is already {self.get_status_display().lower()}; reopen it first."
            )
        self.status = status
        self.resolution = resolution
        self.resolution_note = note
        self.resolved_by = by if status != self.Status.OPEN else None
        self.resolved_at = timezone.now() if status != self.Status.OPEN else None
        record_change(self, by)
        self.save()

    def confirm(self, by=None, note=""):
        self._resolve(self.Status.CONFIRMED, by, note=note)

    def explain(self, resolution, by=None, note=""):
        resolution = self.Explanation(resolution)
        if resolution == self.Explanation.OTHER and not note.strip():
            raise IllegalTransition("Say in a note how the figures are explained.")
        self._resolve(self.Status.EXPLAINED, by, resolution=resolution, note=note)

    def dismiss(self, by=None, note=""):
        self._resolve(self.Status.DISMISSED, by, note=note)

    def reopen(self, by=None):
        if self.status == self.Status.OPEN:
            raise IllegalTransition("This contradiction is already open.")
        self._resolve(self.Status.OPEN, by)


# --- History of deletions' side effects ----------------------------------------------------------------
# Deleting a source or a figure sets the references to it to NULL with one UPDATE, which leaves no
# history. Saving the historied rows first records the change; the UPDATE then finds nothing to do.


@receiver(pre_delete, sender=Source)
def record_speaker_removal(sender, instance, **kwargs):
    for claim in Claim.objects.filter(speaker=instance):
        claim.speaker = None
        claim.save(update_fields=["speaker", "updated_at"])


@receiver(pre_delete, sender=Figure)
def record_figure_removal(sender, instance, origin=None, **kwargs):
    if not (isinstance(origin, Figure) or getattr(origin, "model", None) is Figure):
        return  # deleted with its claim, whose contradictions go too
    for contradiction in Contradiction.objects.filter(Q(figure_a=instance) | Q(figure_b=instance)):
        if contradiction.figure_a_id == instance.pk:
            contradiction.figure_a = None
        if contradiction.figure_b_id == instance.pk:
            contradiction.figure_b = None
        contradiction.save(update_fields=["figure_a", "figure_b"])


# --- Task workers --------------------------------------------------------------------------------------


class TaskWorker(models.Model):
    """A running `manage.py task_worker`, so that a task whose worker died is recovered (claims/newsroom/workers.py)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    beat_at = models.DateTimeField(default=timezone.now, help_text="Its last heartbeat.")

    def __str__(self):
        return f"Worker {self.pid} on {self.host}"

    def is_gone(self, now=None):
        """On this machine: its process has ended. Elsewhere: it has been silent too long."""
        from .newsroom.workers import HOST, SILENCE, pid_is_alive

        if self.host == HOST:
            return not pid_is_alive(self.pid)
        return self.beat_at < (now or timezone.now()) - SILENCE


# Events (claims/events/models.py), watched feeds and readers' tips (claims/inflow/models.py) belong to
# this app; importing them here registers them.
from .events.models import ClaimMatch, Event, EventAlias, EventKind, EventRedirect  # noqa: E402, F401
from .inflow.models import DeskVisit, FeedItem, Tip, WatchedFeed  # noqa: E402, F401
