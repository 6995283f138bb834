"""Atom and RSS feeds of the latest published verdicts (their published copy; withdrawn ones drop out)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from ..models import Verdict
from .claimreview import changelogs_for

FEED_LENGTH = 50


class RssVerdictFeed(Feed):
    title = f"{settings.SITE_NAME}: latest verdicts"
    description = "Fact checks of the figures in the news, newest first."

    def link(self):
        return reverse("home")

    def items(self):
        verdicts = list(
            Verdict.objects.published().select_related("claim__speaker", "claim__article__publisher")[
                :FEED_LENGTH
            ]
        )
        # One query for every item's changelog, so an item's updated date costs nothing per item.
        changelogs = changelogs_for(verdicts)
        for verdict in verdicts:
            verdict.corrections = changelogs[verdict.pk]
        return verdicts

    def item_title(self, verdict):
        return f"{verdict.get_published_rating_display()}: {verdict.published_headline}"

    def item_description(self, verdict):
        # Feeds declare descriptions HTML (Atom's type="html"): the plain-text summary is escaped for that.
        return escape(verdict.published_summary)

    def item_link(self, verdict):
        return verdict.get_absolute_url()

    def item_guid(self, verdict):
        return f"{settings.SITE_URL}{verdict.get_absolute_url()}"

    item_guid_is_permalink = True

    def item_pubdate(self, verdict):
        return verdict.published_at

    def item_updateddate(self, verdict):
        return verdict.corrections[-1].when if verdict.corrections else verdict.published_at

    def item_author_name(self, verdict):
        return settings.SITE_NAME

    def item_categories(self, verdict):
        return [verdict.get_published_rating_display()]


class AtomVerdictFeed(RssVerdictFeed):
    feed_type = Atom1Feed
    subtitle = RssVerdictFeed.description
