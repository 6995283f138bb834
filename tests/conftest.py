"""Settings every test shares."""

import pytest


@pytest.fixture(autouse=True)
def without_login_throttling(settings):
    """django-axes needs a request for every authentication; tests that log in with `client.login`
    have none. The throttling itself is tested with it switched back on (tests/test_login_throttling.py)."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def empty_cache():
    """Readers' pages are cached (claims/caching.py) and the test database is rolled back under them."""
    from django.core.cache import cache

    cache.clear()
