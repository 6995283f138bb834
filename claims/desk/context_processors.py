"""Counts the navigation shows on every page an editor sees."""

from .board.badges import open_contradiction_count


def desk_badges(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("claims.change_contradiction"):
        return {}
    return {"open_contradiction_count": open_contradiction_count()}
