"""The sitemap: published verdicts, the sources they concern, and the fixed reader pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Verdict
from .queries import sources_with_published_verdicts


class OnSiteUrl:
    """Addresses on SITE_URL's host rather than whichever host the request came in on."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class VerdictSitemap(OnSiteUrl, Sitemap):
    changefreq = "weekly"

    def items(self):
        return Verdict.objects.published().only("slug", "published_at", "last_published_at")

    def lastmod(self, verdict):
        # Draft edits change nothing readers see; a republication does.
        return verdict.last_published_at


class SourceSitemap(OnSiteUrl, Sitemap):
    changefreq = "weekly"

    def items(self):
        return sources_with_published_verdicts().order_by("name").only("slug")


class PageSitemap(OnSiteUrl, Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "source_list", "event_list", "corrections"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "verdicts": VerdictSitemap, "sources": SourceSitemap}


class EventSitemap(OnSiteUrl, Sitemap):
    changefreq = "daily"

    def items(self):
        from ..events.public import public_events

        return public_events().only("slug", "updated_at")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS["events"] = EventSitemap
