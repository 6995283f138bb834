"""The background task that turns one feed item into an article, through the desk's ingest task."""

from django.tasks import task

from ..models import Article
from ..newsroom.tasks import ingest_submission
from .models import FeedItem


@task
def ingest_feed_item(item_id):
    """Ingest the page a feed item links to (the ingest skips a URL or a text already stored)."""
    item = FeedItem.objects.select_related("feed__source").filter(pk=item_id).first()
    if item is None:
        return {"state": "gone"}
    already = Article.objects.filter(url=item.url).first()
    if already:
        # Another feed or an editor brought it in first; the item still says where it was seen.
        item.article = already
        item.save(update_fields=["article"])
        return {"article_id": already.pk, "created": False}
    outcome = ingest_submission.call(url=item.url, title=item.title, publisher=item.feed.source.name)
    if "error" in outcome:
        item.error = outcome["error"][:300]
        item.save(update_fields=["error"])
        return outcome
    item.article_id = outcome["article_id"]
    item.save(update_fields=["article"])
    return outcome
