from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Fact checks"

    def ready(self):
        from . import checks  # noqa: F401 (checks registers them)
        from .desk import fragments
        from .desk.board import badges
        from .public import caching

        caching.connect_signals()  # readers' cached pages go stale when what they show changes
        badges.connect_signals()  # and the desk's open-contradictions badge when a contradiction does
        fragments.connect_signals()  # the desk's cached rows when a name they print changes

        from .inflow import live, tips  # noqa: F401  (tips: e-mail readers when a verdict is published)

        live.connect_signals()  # the desk's polls see every change (claims/inflow/live.py)

        from . import auth_backends

        auth_backends.connect_signals()  # cached permission sets go stale when users or groups change
