from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Fact checks"

    def ready(self):
        from . import checks  # noqa: F401 (registers them)
        from .caching import connect_signals

        connect_signals()  # readers' cached pages go stale when what they show changes

        from .inflow import live, tips  # noqa: F401  (tips: e-mail readers when a verdict is published)

        live.connect_signals()  # the desk's polls see every change (claims/inflow/live.py)
