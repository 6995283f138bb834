"""Django's ModelBackend with each user's permission set kept in the shared cache between requests.

Every signed-in page asks `has_perm` (the desk's guard, the navigation, the badge), and ModelBackend
answers the first question of each request with two queries (the user's own permissions, their
groups'). Here the sets are cached per user under a version that any change to users, groups,
permissions or their links raises at once, in every process (the version lives in the shared cache),
and again when the transaction commits. A change made around the ORM (raw SQL) is bounded by TIMEOUT.

Whether the user is active or a superuser is read from the user row each request loads anyway, never
from the cache.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "auth:permissions:version"
TIMEOUT = 300  # seconds


def permissions_version():
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def forget_permissions(**kwargs):
    """Make every cached permission set stale: now, and when the transaction commits."""

    def bump():
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)

    bump()
    transaction.on_commit(bump)


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        attribute = f"_{from_name}_perm_cache"  # ModelBackend's own per-request copy
        if not hasattr(user_obj, attribute):
            if not hasattr(user_obj, "_permissions_version"):  # one read per request for both sets
                user_obj._permissions_version = permissions_version()
            version = user_obj._permissions_version
            key = f"auth:permissions:{version}:{from_name}:{user_obj.pk}:{user_obj.is_superuser:d}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super()._get_permissions(user_obj, obj, from_name)
                cache.set(key, permissions, TIMEOUT)
            setattr(user_obj, attribute, permissions)
        return getattr(user_obj, attribute)


def connect_signals():
    user_model = get_user_model()
    for model in (user_model, Group, Permission):
        name = model._meta.label
        post_save.connect(forget_permissions, sender=model, dispatch_uid=f"permissions-save-{name}")
        post_delete.connect(forget_permissions, sender=model, dispatch_uid=f"permissions-delete-{name}")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            forget_permissions, sender=through, dispatch_uid=f"permissions-m2m-{through._meta.label}"
        )
