"""Who may do what: editors work on the desk, anonymous readers see only what is published."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def is_editor(user):
    return user.is_authenticated and user.has_perm("claims.change_claim")


def editor_required(view):
    """Anonymous visitors go to the login page; signed-in users who are not editors get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied("The desk is for editors.")
        return view(request, *args, **kwargs)

    return wrapped
