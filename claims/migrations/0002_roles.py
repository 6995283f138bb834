"""Create the Editors and Admins groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLAIM_MODELS = ["source", "sourcealias", "article", "claim", "claimrelay", "figure", "verdict", "evidence", "contradiction"]

# Editors do the daily work on everything but may not delete sources (nor touch users).
EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in CLAIM_MODELS
    for action in ("view", "add", "change", "delete")
    if not (model in {"source", "sourcealias"} and action == "delete")
]
ADMIN_PERMISSIONS = [f"{action}_{model}" for model in CLAIM_MODELS for action in ("view", "add", "change", "delete")]
ADMIN_USER_PERMISSIONS = [f"{action}_{model}" for model in ("user", "group") for action in ("view", "add", "change", "delete")]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=EDITOR_PERMISSIONS))
    admins, _ = Group.objects.get_or_create(name="Admins")
    admins.permissions.set(
        list(Permission.objects.filter(content_type__app_label="claims", codename__in=ADMIN_PERMISSIONS))
        + list(Permission.objects.filter(content_type__app_label="auth", codename__in=ADMIN_USER_PERMISSIONS))
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Admins"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
