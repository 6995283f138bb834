"""A desk that stays current: polls answered 304 while nothing changed, and who else has a claim open."""

import re

import pytest
from django.test import Client

from claims.inflow import live
from claims.models import Contradiction
from tests.factories import make_claim, make_contradiction, make_editor

pytestmark = pytest.mark.django_db
POLL = {"X-Desk-Poll": "1", "HX-Request": "true"}


def signed_in(username):
    client = Client()
    client.force_login(make_editor(username))
    return client


def etag_of(html, element_id):
    match = re.search(rf'id="{element_id}"[^>]*data-etag="([^"]+)"', html)
    assert match, f"no polled #{element_id}"
    return match.group(1).replace("&quot;", '"')


@pytest.mark.parametrize(
    ("url", "element_id"), [("/desk/contradictions/", "board-results"), ("/desk/claims/", "queue-results")]
)
def test_an_unchanged_poll_gets_304_after_one_cache_read(url, element_id, django_assert_max_num_queries):
    make_contradiction()
    editor = signed_in("editor")
    etag = etag_of(editor.get(url).content.decode(), element_id)
    # The session and the user (a middleware marks signed-in pages private); the ETag is one cache read.
    with django_assert_max_num_queries(2):
        response = editor.get(url, headers={**POLL, "If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""


def test_another_editors_action_changes_the_etag_and_the_poll_gets_the_new_board():
    contradiction = make_contradiction()
    editor, other = signed_in("editor"), signed_in("editor2")
    etag = etag_of(editor.get("/desk/contradictions/").content.decode(), "board-results")
    other.post(f"/desk/contradictions/{contradiction.pk}/dismiss/", {"resolution_note": "Different events."})
    assert Contradiction.objects.get().status != Contradiction.Status.OPEN
    response = editor.get("/desk/contradictions/", headers={**POLL, "If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert (
        'data-testid="board-empty"' in response.content.decode()
    )  # the fragment, with the board as it is now
    assert (
        editor.get("/desk/contradictions/", headers={**POLL, "If-None-Match": response["ETag"]}).status_code
        == 304
    )


def test_a_refused_action_does_not_make_every_editor_reload():
    editor = signed_in("editor")
    before = live.desk_version()
    editor.post("/desk/contradictions/999999/confirm/")
    assert live.desk_version() == before


def test_background_work_and_saves_outside_the_desk_raise_the_version(django_capture_on_commit_callbacks):
    before = live.desk_version()
    with django_capture_on_commit_callbacks(execute=True):
        make_claim()
    assert live.desk_version() > before


def test_etags_differ_per_editor_and_per_address():
    make_contradiction()
    first, second = signed_in("editor"), signed_in("editor2")
    board = etag_of(first.get("/desk/contradictions/").content.decode(), "board-results")
    assert board != etag_of(second.get("/desk/contradictions/").content.decode(), "board-results")
    assert board != etag_of(first.get("/desk/contradictions/?status=all").content.decode(), "board-results")


def test_a_plain_page_load_is_never_answered_304():
    editor = signed_in("editor")
    etag = etag_of(editor.get("/desk/contradictions/").content.decode(), "board-results")
    assert editor.get("/desk/contradictions/", headers={"If-None-Match": etag}).status_code == 200


def test_the_poll_interval_is_a_setting(settings):
    settings.DESK_POLL_SECONDS = 1.5
    html = signed_in("editor").get("/desk/contradictions/").content.decode()
    assert 'hx-trigger="every 1.5s"' in html


def test_the_badge_polls_its_own_small_endpoint():
    make_contradiction()
    editor = signed_in("editor")
    html = editor.get("/desk/").content.decode()
    etag = etag_of(html, "open-contradictions-badge")
    badge = editor.get("/desk/live/badge/", headers=POLL)
    assert badge.status_code == 200 and ">1<" in badge.content.decode()
    assert editor.get("/desk/live/badge/", headers={**POLL, "If-None-Match": etag}).status_code == 304


def test_the_workspace_says_who_else_has_the_claim_open(monkeypatch):
    claim = make_claim()
    editor, other = signed_in("editor"), signed_in("editor2")
    assert "looking at this claim" not in editor.get(f"/desk/claims/{claim.pk}/presence/").content.decode()
    other.get(f"/desk/claims/{claim.pk}/presence/")
    seen = editor.get(f"/desk/claims/{claim.pk}/presence/").content.decode()
    assert "editor2 is looking at this claim." in seen
    assert "editor is looking" in other.get(f"/desk/claims/{claim.pk}/presence/").content.decode()

    later = live.time.time() + 61
    monkeypatch.setattr(live.time, "time", lambda: later)
    editor.get(f"/desk/claims/{claim.pk}/presence/")  # editor2 sent no heartbeat for a minute
    assert "editor2" not in editor.get(f"/desk/claims/{claim.pk}/presence/").content.decode()


def test_opening_the_workspace_is_the_first_heartbeat_and_the_page_beats_on():
    claim = make_claim()
    signed_in("lena").get(f"/desk/claims/{claim.pk}/")
    html = signed_in("editor").get(f"/desk/claims/{claim.pk}/").content.decode()
    assert "lena is looking at this claim." in html  # known at once, without a request of its own
    assert f'hx-get="/desk/claims/{claim.pk}/presence/" hx-trigger="every 20s"' in html
