"""The editors' desk. Each area keeps its routes in its own block, next to its view module."""

from django.urls import path

from .views import desk

app_name = "desk"

urlpatterns = [
    path("", desk.desk_home, name="home"),
]

# --- ingest (claims/views/ingest.py) ---

# --- review queue (claims/views/queue.py) ---

# --- claim workspace (claims/views/workspace.py) ---

# --- contradiction board (claims/views/board.py) ---
