"""Every state-changing route refuses a POST without a CSRF token (403), whoever is signed in."""

import pytest
from django.test import Client
from django.urls import resolve

from claims.models import Claim, Contradiction, Verdict
from tests.security.test_permission_matrix import EXPECTED, all_routes, build_world, fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def rows():
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "status", "assignee_id")),
        list(Contradiction.objects.order_by("pk").values_list("pk", "status")),
        list(Verdict.objects.order_by("pk").values_list("pk", "version", "is_published")),
    )


def test_every_post_without_a_token_is_refused(world):
    editor, admin = signed_in(world["users"]["editor"]), signed_in(world["users"]["admin"])
    before = rows()
    refused, exempt = set(), set()
    for route in all_routes():
        url = fill(route, world)
        client = admin if route.is_admin else editor
        data = {"status": "dismissed", "claims": [world["claim"].pk], "rating": "false", "headline": "x"}
        response = client.post(url, data)
        if getattr(resolve(url).func, "csrf_exempt", False):
            # Only the read-only API is exempt, and it takes no POST at all.
            assert route.key.startswith("api/") and response.status_code == 405, url
            exempt.add(route.key)
        else:
            assert response.status_code == 403, f"{url}: {response.status_code}"
            refused.add(route.key)
    state_changing = {key for key, (_, takes_post) in EXPECTED.items() if takes_post}
    assert state_changing | {"accounts/login/", "accounts/logout/"} <= refused
    assert rows() == before


def test_the_same_posts_with_a_token_get_through(world):
    """The 403s above are the token's doing: with one, the editor's move goes through."""
    client = signed_in(world["users"]["editor"])
    page = client.get(f"/desk/claims/{world['claim'].pk}/")
    token = (
        page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    )
    response = client.post(f"/desk/claims/{world['claim'].pk}/assign/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    response = client.post(
        f"/desk/claims/{world['claim'].pk}/assign/", headers={"X-CSRFToken": token, "HX-Request": "true"}
    )
    assert response.status_code == 200


def test_anonymous_pages_set_no_csrf_cookie(world):
    response = Client().get("/")
    assert "csrftoken" not in response.cookies
