"""Logins are throttled: five failures for a username from one address lock it, with a clear 429 page."""

import pytest
from axes.models import AccessAttempt

from tests.factories import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def with_login_throttling(settings):
    settings.AXES_ENABLED = True


def attempt(client, password):
    return client.post("/accounts/login/", {"username": "maria", "password": password})


def test_five_failures_lock_the_username_with_429(client):
    make_editor("maria", password="the right password 42")
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert attempt(client, "the right password 42").status_code == 429
    assert AccessAttempt.objects.filter(username="maria").exists()


def test_a_successful_login_before_the_limit_resets_the_count(client):
    make_editor("maria", password="the right password 42")
    for _ in range(3):
        attempt(client, "wrong")
    response = attempt(client, "the right password 42")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="maria", failures_since_start__gt=0).exists()


def test_behind_a_proxy_the_clients_own_address_is_throttled(client, settings):
    """With DJANGO_PROXY_COUNT set, the proxy's address is not everyone's: one client's failures lock
    that client, not every editor behind the same proxy."""
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = [
        "HTTP_X_FORWARDED_FOR",
        "REMOTE_ADDR",
    ]  # as settings.py sets
    make_editor("maria", password="the right password 42")

    def from_client(address, password):
        return client.post(
            "/accounts/login/",
            {"username": "maria", "password": password},
            HTTP_X_FORWARDED_FOR=f"{address}, 10.0.0.1",
            REMOTE_ADDR="10.0.0.1",
        )

    for _ in range(5):
        from_client("203.0.113.7", "wrong")
    assert from_client("203.0.113.7", "the right password 42").status_code == 429
    assert from_client("198.51.100.9", "the right password 42").status_code == 302
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()


def test_without_proxies_a_forged_forwarded_address_does_not_escape_the_lock(client):
    make_editor("maria", password="the right password 42")
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": "maria", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    locked = client.post(
        "/accounts/login/",
        {"username": "maria", "password": "the right password 42"},
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert locked.status_code == 429
