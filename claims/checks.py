"""System checks for settings Django cannot judge: `manage.py check --deploy` runs them."""

import os

from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Canonical links, og:url, ClaimReview, feeds, the sitemap, robots.txt and the API all print
    FACTCHECK_SITE_URL; left unset they point at a development address no reader can open."""
    if os.environ.get("FACTCHECK_SITE_URL"):
        return []
    return [
        Warning(
            "FACTCHECK_SITE_URL is not set, so every link the site publishes points at http://127.0.0.1:8000.",
            hint="Set it to the public address readers use, e.g. https://factcheck.example.",
            id="factcheck.W001",
        )
    ]
