"""The desk's watched feeds: the list with each feed's health, add and edit, pause and resume."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from ..permissions import editor_required
from .forms import WatchedFeedForm
from .models import DeskVisit, FeedItem, WatchedFeed


@require_safe
@editor_required
def feed_list(request):
    feeds = WatchedFeed.objects.select_related("source")
    recent_items = FeedItem.objects.select_related("feed__source", "article")[:20]
    response = render(request, "desk/feeds.html", {"feeds": feeds, "recent_items": recent_items})
    DeskVisit.feeds_seen(request.user)
    return response


@editor_required
def feed_edit(request, pk=None):
    feed = get_object_or_404(WatchedFeed, pk=pk) if pk else None
    form = WatchedFeedForm(request.POST or None, instance=feed)
    if request.method == "POST" and form.is_valid():
        feed = form.save(commit=False)
        if feed.added_by_id is None:
            feed.added_by = request.user
        feed.save()
        messages.success(request, f"Watching {feed.url}: it is polled every {feed.interval_minutes} minutes.")
        return redirect("desk:feed_list")
    status = 422 if request.method == "POST" else 200
    return render(request, "desk/feed_form.html", {"form": form, "feed": feed}, status=status)


@require_POST
@editor_required
def feed_pause(request, pk):
    feed = get_object_or_404(WatchedFeed, pk=pk)
    if request.POST.get("action") == "resume":
        feed.resume()
    else:
        feed.pause()
    if request.htmx:
        return render(request, "desk/feeds.html#feed-row", {"feed": feed})
    return redirect("desk:feed_list")
