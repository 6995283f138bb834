"""The editors' desk. Each area keeps its routes in its own block, next to its view module."""

from django.urls import path

from . import home as desk

app_name = "desk"

urlpatterns = [
    path("", desk.desk_home, name="home"),
]

# --- ingest (claims/desk/ingest/views.py) ---
from .ingest import views as ingest  # noqa: E402

urlpatterns += [
    path("ingest/", ingest.ingest, name="ingest"),
    path("ingest/<str:result_id>/", ingest.ingest_status, name="ingest_status"),
    path("articles/<int:pk>/", ingest.article_detail, name="article_detail"),
]

# --- review queue (claims/desk/queue/views.py) ---
from .queue import views as queue  # noqa: E402

urlpatterns += [
    path("claims/", queue.queue, name="queue"),
    path("claims/bulk/", queue.queue_bulk, name="queue_bulk"),
]

# --- claim workspace (claims/desk/workspace/views.py) ---
from .workspace import views as workspace  # noqa: E402

urlpatterns += [
    path("claims/<int:pk>/", workspace.workspace, name="workspace"),
    path("claims/<int:pk>/verdict/", workspace.verdict_save, name="workspace_verdict_save"),
    path("claims/<int:pk>/verdict/preview/", workspace.verdict_preview, name="workspace_verdict_preview"),
    path("claims/<int:pk>/evidence/", workspace.evidence_add, name="workspace_evidence_add"),
    path(
        "claims/<int:pk>/evidence/<int:evidence_pk>/", workspace.evidence_item, name="workspace_evidence_item"
    ),
    path(
        "claims/<int:pk>/evidence/<int:evidence_pk>/edit/",
        workspace.evidence_edit,
        name="workspace_evidence_edit",
    ),
    path(
        "claims/<int:pk>/evidence/<int:evidence_pk>/remove/",
        workspace.evidence_remove,
        name="workspace_evidence_remove",
    ),
    path("claims/<int:pk>/move/", workspace.claim_move, name="workspace_move"),
    path("claims/<int:pk>/publish/", workspace.claim_publish, name="workspace_publish"),
    path("claims/<int:pk>/assign/", workspace.claim_assign, name="workspace_assign"),
]

# --- contradiction board (claims/desk/board/views.py) ---
from .board import views as board  # noqa: E402

urlpatterns += [
    path("contradictions/", board.board, name="board"),
    path("contradictions/<int:pk>/<slug:action>/", board.board_action, name="board_action"),
]

# --- watched feeds and readers' tips (claims/inflow/) ---
from ..inflow import views_feeds, views_tips_desk  # noqa: E402

urlpatterns += [
    path("feeds/", views_feeds.feed_list, name="feed_list"),
    path("feeds/new/", views_feeds.feed_edit, name="feed_add"),
    path("feeds/<int:pk>/", views_feeds.feed_edit, name="feed_edit"),
    path("feeds/<int:pk>/pause/", views_feeds.feed_pause, name="feed_pause"),
    path("tips/", views_tips_desk.tip_list, name="tip_list"),
    path("tips/<int:pk>/<slug:action>/", views_tips_desk.tip_action, name="tip_action"),
]

from ..inflow import views_live  # noqa: E402

urlpatterns += [
    path("claims/<int:pk>/presence/", views_live.claim_presence, name="claim_presence"),
    path("live/badge/", views_live.nav_badge, name="live_badge"),
]

# --- events and claim matches (claims/events/desk.py) ---
from ..events import desk as events_desk  # noqa: E402

urlpatterns += [
    path("events/", events_desk.event_list, name="event_list"),
    path("events/<int:pk>/", events_desk.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", events_desk.event_edit, name="event_edit"),
    path("events/<int:pk>/merge/", events_desk.event_merge, name="event_merge"),
    path("events/<int:pk>/split/", events_desk.event_split, name="event_split"),
    path(
        "claims/<int:pk>/matches/<int:match_pk>/<slug:action>/",
        events_desk.match_action,
        name="claim_match_action",
    ),
]
