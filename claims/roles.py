"""The Editors and Admins groups and their model permissions (used by migration 0002 and by tests)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

CLAIM_MODELS = [
    "source", "sourcealias", "article", "claim", "claimrelay",
    "figure", "verdict", "evidence", "contradiction",
]  # fmt: skip
ACTIONS = ("view", "add", "change", "delete")

# Editors do the daily work on everything but may not delete sources (nor touch users).
EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in CLAIM_MODELS
    for action in ACTIONS
    if not (model in {"source", "sourcealias"} and action == "delete")
]
ADMIN_PERMISSIONS = [f"{action}_{model}" for model in CLAIM_MODELS for action in ACTIONS]
ADMIN_USER_PERMISSIONS = [f"{action}_{model}" for model in ("user", "group") for action in ACTIONS]
# Admins see the background tasks and may delete a finished one (a stuck ingest is recovered, not edited).
ADMIN_TASK_PERMISSIONS = {
    "django_tasks_database": ["view_dbtaskresult", "delete_dbtaskresult"],
    "claims": ["view_taskworker"],
}


def ensure_roles(apps=global_apps):
    """Create (or repair) both groups; safe to run any number of times."""
    # Permissions are normally created after migrations finish; during a migration they must be made
    # first, which needs the historical app configs to look as if their models were loaded.
    for app_config in apps.get_app_configs():
        loaded = getattr(app_config, "models_module", None)
        app_config.models_module = loaded or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = loaded
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="claims", codename__in=EDITOR_PERMISSIONS)
    )
    admins, _ = Group.objects.get_or_create(name="Admins")
    admins.permissions.set(
        list(Permission.objects.filter(content_type__app_label="claims", codename__in=ADMIN_PERMISSIONS))
        + list(Permission.objects.filter(content_type__app_label="auth", codename__in=ADMIN_USER_PERMISSIONS))
        + [
            permission
            for app_label, codenames in ADMIN_TASK_PERMISSIONS.items()
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        ]
    )
