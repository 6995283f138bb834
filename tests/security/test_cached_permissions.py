"""Permission sets kept between requests (claims/auth_backends.py): no queries for them once cached, and
any change to a user's groups or a group's permissions takes effect on the next request."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user

QUEUE = "/desk/claims/"


def permission_queries(queries):
    return [q["sql"] for q in queries.captured_queries if '"auth_permission"' in q["sql"]]


def test_a_second_request_reads_no_permissions(editor_client):
    assert editor_client.get(QUEUE).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(QUEUE).status_code == 200
    assert permission_queries(queries) == []


def test_leaving_the_editors_group_closes_the_desk_at_once(editor_client, editor):
    assert editor_client.get(QUEUE).status_code == 200
    editor.groups.remove(Group.objects.get(name="Editors"))
    assert editor_client.get(QUEUE).status_code == 403


def test_joining_the_editors_group_opens_it_at_once(client, db):
    reader = make_user("later-editor")
    client.force_login(reader)
    assert client.get(QUEUE).status_code == 403
    reader.groups.add(Group.objects.get(name="Editors"))
    assert client.get(QUEUE).status_code == 200


def test_a_permission_taken_from_the_group_is_gone_at_once(editor_client):
    assert editor_client.get(QUEUE).status_code == 200
    Group.objects.get(name="Editors").permissions.remove(Permission.objects.get(codename="change_claim"))
    assert editor_client.get(QUEUE).status_code == 403


def test_sessions_signed_in_by_modelbackend_stay_valid(client, db):
    user = make_user("old-session", groups=["Editors"])
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(QUEUE).status_code == 200
