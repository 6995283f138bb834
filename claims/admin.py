"""The admin: the back office for fixing records by hand and merging duplicate sources.

Workflow fields (a claim's status, a verdict's publication, a contradiction's resolution time) are
read-only here or set through the model methods, so the admin cannot store a row the desk would refuse.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.tasks import TaskResultStatus
from django.template.response import TemplateResponse
from django.utils import timezone
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .admin_history import ReadableHistoryAdmin
from .history import record_change
from .models import (
    Article,
    Claim,
    ClaimRelay,
    Contradiction,
    Evidence,
    Figure,
    IllegalTransition,
    Source,
    SourceAlias,
    TaskWorker,
    Verdict,
    normalise_name,
)

admin.site.site_header = "factcheck administration"
admin.site.site_title = "factcheck administration"
admin.site.index_title = "Records"


# --- Sources -------------------------------------------------------------------------------------------


class SourceAliasForm(forms.ModelForm):
    class Meta:
        model = SourceAlias
        fields = ["source", "name"]

    def clean_name(self):
        # name_key is unique but not on the form, so the form would not catch a clash by itself.
        name = self.cleaned_data["name"].strip()
        clash = SourceAlias.objects.filter(name_key=normalise_name(name)).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"“{name}” is already an alias of {clash.get().source}.")
        return name


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    form = SourceAliasForm
    fields = ["name"]
    extra = 1


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "parent",
            "homepage",
            "reliability",
            "reliability_note",
            "slug",
            "review_note",
            "possible_duplicate_of",
        ]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.pk == self.instance.pk:
            raise forms.ValidationError("A source cannot be its own parent.")
        return parent


class NeedsReviewFilter(admin.SimpleListFilter):
    """Sources ingest flagged: a name that looks like another source's, or mixes alphabets."""

    title = "needs review"
    parameter_name = "needs_review"

    def lookups(self, request, model_admin):
        return [("yes", "Needs review"), ("no", "Checked")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needing_review()
        if self.value() == "no":
            return queryset.filter(review_note="")
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = ["name", "kind", "parent", "reliability", "article_count", "claim_count", "review"]
    list_filter = [NeedsReviewFilter, "kind", "reliability"]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["parent", "possible_duplicate_of"]
    list_select_related = ["parent", "possible_duplicate_of"]
    readonly_fields = ["created_at"]
    inlines = [SourceAliasInline]
    actions = ["merge_sources", "mark_checked"]

    @admin.display(description="Needs review")
    def review(self, source):
        if not source.review_note:
            return ""
        if source.possible_duplicate_of:
            return f"Possible duplicate of “{source.possible_duplicate_of.name}”: {source.review_note}"
        return source.review_note

    @admin.action(description="Mark selected sources as checked (not duplicates)", permissions=["change"])
    def mark_checked(self, request, queryset):
        checked = queryset.needing_review().update(review_note="", possible_duplicate_of=None)
        self.message_user(request, f"Marked {checked} source{'s' if checked != 1 else ''} as checked.")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_count=Count("articles", distinct=True),
                claim_count=Count("claims", distinct=True),
            )
        )

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, source):
        return source.article_count

    @admin.display(description="Claims spoken", ordering="claim_count")
    def claim_count(self, source):
        return source.claim_count

    # Merging removes the duplicate rows, so it needs the right to delete sources (Admins, not Editors).
    @admin.action(description="Merge selected sources into one", permissions=["delete"])
    def merge_sources(self, request, queryset):
        sources = list(
            queryset.annotate(
                relay_count=Count("claimrelay", distinct=True),
                evidence_count=Count("evidence", distinct=True),
                alias_count=Count("aliases", distinct=True),
            ).order_by("name")
        )
        if len(sources) < 2:
            self.message_user(request, "Select at least two sources to merge.", messages.WARNING)
            return None
        if request.POST.get("post") == "yes":
            keep = next((s for s in sources if str(s.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, "Pick the source to keep.", messages.ERROR)
            else:
                duplicates = [s for s in sources if s.pk != keep.pk]
                names = ", ".join(f"“{s.name}”" for s in duplicates)
                keep.merge(duplicates)
                self.log_change(request, keep, f"Merged {names} into this source.")
                self.message_user(request, f"Merged {names} into “{keep.name}”; their names are now aliases.")
                return None

        # Suggest keeping the source most records already point to.
        def references(source):
            return source.article_count + source.claim_count + source.relay_count + source.evidence_count

        suggested = max(sources, key=lambda s: (references(s), -s.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge sources",
            "subtitle": None,
            "opts": self.model._meta,
            "sources": sources,
            "suggested": suggested,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/claims/source/merge_sources.html", context)


@admin.register(SourceAlias)
class SourceAliasAdmin(admin.ModelAdmin):
    form = SourceAliasForm
    list_display = ["name", "source"]
    list_select_related = ["source"]
    search_fields = ["name", "source__name"]
    autocomplete_fields = ["source"]


# --- Articles ------------------------------------------------------------------------------------------


class ClaimInline(admin.TabularInline):
    """The claims the analysis found, in reading order; a claim is edited on its own page."""

    model = Claim
    fields = ["text", "start", "end", "is_headline", "speaker", "checkworthiness", "status"]
    readonly_fields = fields
    ordering = ["start"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "published_at", "claim_count", "ingested_at"]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "url", "body", "publisher__name"]
    autocomplete_fields = ["publisher", "ingested_by"]
    date_hierarchy = "published_at"
    list_select_related = ["publisher"]
    readonly_fields = ["content_hash"]
    inlines = [ClaimInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count


# --- Claims --------------------------------------------------------------------------------------------


class FigureInline(admin.TabularInline):
    model = Figure
    fields = [
        "text",
        "start",
        "end",
        "measure",
        "subject",
        "qualifier",
        "value",
        "low",
        "high",
        "refers_to",
        "place",
        "is_earlier",
        "is_projection",
    ]
    extra = 0


class ClaimRelayInline(admin.TabularInline):
    """The chain that carried the claim, nearest first (position 0)."""

    model = ClaimRelay
    fields = ["position", "source"]
    autocomplete_fields = ["source"]
    ordering = ["position"]
    extra = 0


class EvidenceInline(admin.StackedInline):
    model = Evidence
    fields = ["stance", "source", "url", "quote", "accessed_on", "quote_verified"]
    readonly_fields = ["quote_verified"]
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Claim)
class ClaimAdmin(ReadableHistoryAdmin):
    list_display = ["__str__", "article", "speaker", "status", "checkworthiness", "assignee", "created_at"]
    list_filter = [
        "status",
        "is_headline",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        ("article__publisher", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "article__title", "speaker__name", "event"]
    autocomplete_fields = ["article", "speaker", "assignee"]
    date_hierarchy = "created_at"
    list_select_related = ["article__publisher", "speaker", "assignee"]
    # Status moves go through the desk (Claim.move_to), which refuses illegal transitions.
    readonly_fields = ["status", "checkworthy_reasons", "created_at", "updated_at"]
    inlines = [FigureInline, ClaimRelayInline, EvidenceInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Evidence:
            for evidence in formset.save(commit=False):
                evidence.added_by = evidence.added_by or request.user
                evidence.save()
            for evidence in formset.deleted_objects:
                evidence.delete()
            return
        super().save_formset(request, form, formset, change)


@admin.register(ClaimRelay)
class ClaimRelayAdmin(admin.ModelAdmin):
    list_display = ["claim", "position", "source"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__text", "source__name"]
    autocomplete_fields = ["claim", "source"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["text", "measure", "subject", "bounds_display", "refers_to", "place", "claim"]
    list_filter = ["measure", "is_earlier", "is_projection"]
    search_fields = ["text", "subject", "place", "event", "claim__text"]
    autocomplete_fields = ["claim"]
    date_hierarchy = "refers_to"
    list_select_related = ["claim"]


# --- Verdicts and evidence -----------------------------------------------------------------------------


@admin.register(Verdict)
class VerdictAdmin(ReadableHistoryAdmin):
    list_display = ["headline", "rating", "is_published", "published_at", "author", "claim"]
    list_filter = ["rating", "is_published"]
    search_fields = ["headline", "summary", "claim__text"]
    autocomplete_fields = ["claim", "author"]
    date_hierarchy = "published_at"
    list_select_related = ["author", "claim"]
    # Publishing moves the claim too, so it is an action (Verdict.publish), not a checkbox. Edits here
    # change the draft; readers see the published copy until the verdict is published again.
    readonly_fields = [
        "is_published",
        "published_at",
        "published_version",
        "last_published_at",
        "withdrawn_at",
        "withdrawal_reason",
        "version",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    actions = ["publish_verdicts"]

    def save_model(self, request, obj, form, change):
        if change:
            # An editor with the verdict open on the desk must see this save as a conflicting edit.
            obj.version += 1
        obj.updated_by = request.user
        record_change(obj, request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected verdicts", permissions=["change"])
    def publish_verdicts(self, request, queryset):
        published = 0
        for verdict in queryset.filter(is_published=False).select_related("claim"):
            try:
                verdict.publish(by=request.user)
            except IllegalTransition as error:
                self.message_user(request, f"“{verdict}” was not published: {error}", messages.WARNING)
            else:
                published += 1
        if published:
            self.message_user(request, f"Published {published} verdict{'s' if published != 1 else ''}.")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "claim", "stance", "quote_verified", "accessed_on", "added_by"]
    list_filter = ["stance", "quote_verified"]
    search_fields = ["quote", "url", "source__name", "claim__text"]
    autocomplete_fields = ["claim", "source", "added_by"]
    date_hierarchy = "accessed_on"
    list_select_related = ["claim", "source", "added_by"]
    readonly_fields = ["snapshot_hash", "snapshot_at", "quote_verified", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change and obj.added_by is None:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


# --- Contradictions ------------------------------------------------------------------------------------


class ContradictionForm(forms.ModelForm):
    class Meta:
        model = Contradiction
        fields = [
            "claim_a",
            "claim_b",
            "figure_a",
            "figure_b",
            "kind",
            "severity",
            "explanation",
            "status",
            "resolution",
            "resolution_note",
        ]

    def clean(self):
        cleaned = super().clean()
        claim_a, claim_b = cleaned.get("claim_a"), cleaned.get("claim_b")
        if claim_a and claim_b:
            if claim_a == claim_b:
                raise forms.ValidationError("A claim cannot contradict itself.")
            # The table stores each pair once, smaller id first; accept either order here.
            if claim_a.pk > claim_b.pk:
                cleaned["claim_a"], cleaned["claim_b"] = claim_b, claim_a
                cleaned["figure_a"], cleaned["figure_b"] = cleaned.get("figure_b"), cleaned.get("figure_a")
        return cleaned


@admin.register(Contradiction)
class ContradictionAdmin(ReadableHistoryAdmin):
    form = ContradictionForm
    list_display = ["__str__", "kind", "severity", "status", "claim_a", "claim_b", "created_at"]
    list_filter = ["status", "kind", "severity", "resolution"]
    search_fields = ["explanation", "claim_a__text", "claim_b__text"]
    autocomplete_fields = ["claim_a", "claim_b", "figure_a", "figure_b"]
    date_hierarchy = "created_at"
    list_select_related = ["claim_a", "claim_b"]
    readonly_fields = ["resolved_by", "resolved_at", "created_at"]

    def save_model(self, request, obj, form, change):
        # Keep the "resolved has a time" rule: stamp a resolution made here, clear it on reopening.
        if obj.status == Contradiction.Status.OPEN:
            obj.resolved_at, obj.resolved_by = None, None
        elif obj.resolved_at is None or "status" in form.changed_data:
            obj.resolved_at, obj.resolved_by = timezone.now(), request.user
        record_change(obj, request.user)
        super().save_model(request, obj, form, change)


# --- Background tasks ----------------------------------------------------------------------------------
# django_tasks_db registers its results read-only and undeletable. Deleting one is how an administrator
# clears a task that is no longer wanted, so this admin allows it for every task but a running one: its
# worker would fail to record the outcome (a running task ends, or is recovered, within minutes).


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    def has_delete_permission(self, request, obj=None):
        allowed = request.user.has_perm("django_tasks_database.delete_dbtaskresult")
        return allowed and (obj is None or obj.status != TaskResultStatus.RUNNING)

    def delete_queryset(self, request, queryset):
        running = queryset.filter(status=TaskResultStatus.RUNNING).count()
        if running:
            self.message_user(
                request,
                f"{running} running task{'s were' if running != 1 else ' was'} left alone: "
                "a task can be deleted once it has finished or been recovered.",
                messages.WARNING,
            )
        queryset.exclude(status=TaskResultStatus.RUNNING).delete()


@admin.register(TaskWorker)
class TaskWorkerAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "beat_at"]
    readonly_fields = ["worker_id", "host", "pid", "beat_at"]

    def has_add_permission(self, request):
        return False


# Events and claim matches register their own admins (claims/events/admin.py).
from .events import admin as events_admin  # noqa: E402, F401
