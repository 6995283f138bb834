"""Settings every test shares."""

import pytest


@pytest.fixture(autouse=True)
def without_login_throttling(settings):
    """django-axes needs a request for every authentication; tests that log in with `client.login`
    have none. The throttling itself is tested with it switched back on (tests/test_login_throttling.py)."""
    settings.AXES_ENABLED = False
