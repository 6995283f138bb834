"""Events in the admin: edit, review, and merge (into the event most claims already point to)."""

from django.contrib import admin, messages
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from .comparison import enqueue_recompare
from .models import ClaimMatch, Event, EventAlias, EventRedirect


class EventAliasInline(admin.TabularInline):
    model = EventAlias
    extra = 0
    verbose_name = "analysis name"


class EventRedirectInline(admin.TabularInline):
    model = EventRedirect
    extra = 0
    verbose_name = "old address"


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "place", "start_date", "end_date", "is_reviewed", "claim_count"]
    list_filter = ["is_reviewed", "kind"]
    search_fields = ["name", "place", "aliases__key"]
    readonly_fields = ["key"]
    inlines = [EventAliasInline, EventRedirectInline]
    actions = ["merge_events"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(ordering="claim_count")
    def claim_count(self, event):
        return event.claim_count

    @admin.action(
        description="Merge selected events into the one with the most claims", permissions=["delete"]
    )
    def merge_events(self, request, queryset):
        events = sorted(queryset, key=lambda e: (-e.claim_count, e.pk))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return
        survivor, duplicates = events[0], events[1:]
        names = ", ".join(f"“{e.name}”" for e in duplicates)
        enqueue_recompare(survivor.merge(duplicates, by=request.user))
        self.log_change(request, survivor, f"Merged {names} into this event.")
        self.message_user(request, f"Merged {names} into “{survivor.name}”.")


@admin.register(ClaimMatch)
class ClaimMatchAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "earlier", "verdict", "score", "status"]
    list_filter = ["status"]
    raw_id_fields = ["claim", "earlier", "verdict"]
    readonly_fields = ["decided_by", "decided_at"]
