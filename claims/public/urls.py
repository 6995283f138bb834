from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views as public
from .caching import public_page
from .feeds import AtomVerdictFeed, RssVerdictFeed
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", public.home, name="home"),
    path("verdicts/<slug:slug>/", public.verdict_detail, name="verdict_detail"),
    path("sources/", public.source_list, name="source_list"),
    path("sources/<slug:slug>/", public.source_detail, name="source_detail"),
    path("search/", public.search, name="search"),
    path("corrections/", public.corrections_policy, name="corrections"),
    path("feeds/verdicts.atom", public_page(AtomVerdictFeed()), name="feed_atom"),
    path("feeds/verdicts.rss", public_page(RssVerdictFeed()), name="feed_rss"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", public.robots_txt, name="robots_txt"),
]

# --- readers' tips (claims/inflow/views_tips.py) ---
from ..inflow import views_tips  # noqa: E402

urlpatterns += [
    path("tips/new/", views_tips.tip_new, name="tip_new"),
    path("tips/<str:token>/", views_tips.tip_status, name="tip_status"),
]

# --- event pages (claims/events/public.py) ---
from ..events import public as events_public  # noqa: E402

urlpatterns += [
    path("events/", events_public.event_list, name="event_list"),
    path("events/<slug:slug>/", events_public.event_detail, name="event_detail"),
    path("events/<slug:slug>/figures.csv", events_public.event_figures_csv, name="event_figures_csv"),
    path("events/<slug:slug>/feed.atom", events_public.event_feed_view(), name="event_feed"),
]
