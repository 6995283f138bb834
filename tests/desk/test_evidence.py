"""The workspace's evidence: adding (refused addresses stay in the form), progress, editing and removing."""

import socket

import pytest
from django.urls import reverse

from claims.models import Evidence
from tests.factories import HTMX, make_claim, make_evidence, make_published_verdict, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return make_claim()


def add_url(claim):
    return reverse("desk:workspace_evidence_add", args=[claim.pk])


def item_url(evidence, action=""):
    name = {
        "": "workspace_evidence_item",
        "edit": "workspace_evidence_edit",
        "remove": "workspace_evidence_remove",
    }[action]
    return reverse(f"desk:{name}", args=[evidence.claim_id, evidence.pk])


# --- Adding -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8000/admin/", "is not on the public internet"),
        ("http://[::1]/", "is not on the public internet"),
        ("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "NAT64"),
        ("http://[::ffff:10.0.0.1]/", "is not on the public internet"),
    ],
)
def test_a_refused_address_saves_nothing_and_keeps_the_input(client, editor, claim, settings, url, message):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    data = {"source_name": "Ministry", "url": url, "quote": "My careful quote", "stance": "refutes"}
    response = client.post(add_url(claim), data, **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert message in content
    assert "My careful quote</textarea>" in content and 'value="Ministry"' in content
    assert not Evidence.objects.exists()


def test_a_host_that_resolves_inside_the_network_is_refused(client, editor, claim, settings, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    answer = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answer)
    response = client.post(add_url(claim), {"url": "https://intranet.example/", "stance": "context"}, **HTMX)
    assert response.status_code == 422
    assert "The address of intranet.example is not on the public internet" in response.content.decode()


@pytest.mark.parametrize("url", ["http://[::1", f"https://{'a' * 64}.example/", "http://exa mple.com/"])
def test_a_malformed_url_is_a_form_error_not_a_500(client, editor, claim, url):
    response = client.post(add_url(claim), {"url": url, "stance": "context"}, **HTMX)
    assert response.status_code == 422
    assert 'id="id_url_error"' in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_url_is_saved_as_archiving_and_polled_until_it_is_done(client, editor, claim, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    response = client.post(add_url(claim), {"url": "http://127.0.0.1:9/page", "stance": "context"}, **HTMX)
    evidence = Evidence.objects.get()
    content = response.content.decode()
    assert evidence.archive_status == Evidence.Archive.PENDING
    assert "Archiving…" in content and f'hx-get="{item_url(evidence)}?seen=pending"' in content
    assert client.get(f"{item_url(evidence)}?seen=pending", **HTMX).status_code == 204  # nothing new yet

    Evidence.objects.filter(pk=evidence.pk).update(
        archive_status="failed", archive_error="The server answered 503."
    )
    response = client.get(f"{item_url(evidence)}?seen=pending", **HTMX)
    content = response.content.decode()
    assert response.status_code == 200 and content.lstrip().startswith(
        f'<li class="evidence-item" id="evidence-{evidence.pk}"'
    )
    assert "Not archived: The server answered 503." in content and "hx-trigger" not in content
    assert (
        'data-testid="workspace-notice">The page http://127.0.0.1:9/page could not be archived: The server answered 503.'
        in content
    )


def test_the_item_without_htmx_leads_to_the_workspace(client, editor, claim):
    evidence = make_evidence(claim)
    response = client.get(item_url(evidence))
    assert response.status_code == 302 and response.url.endswith(f"#evidence-{evidence.pk}")


def test_evidence_of_another_claim_is_not_found(client, editor, claim):
    other = make_evidence(make_claim())
    assert (
        client.get(reverse("desk:workspace_evidence_item", args=[claim.pk, other.pk]), **HTMX).status_code
        == 404
    )


def test_readers_cannot_see_or_change_evidence(client, claim):
    evidence = make_evidence(claim)
    client.force_login(make_user())
    assert client.get(item_url(evidence), **HTMX).status_code == 403
    assert client.post(item_url(evidence, "remove")).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# --- Editing and removing -----------------------------------------------------------------------------


def edit_data(evidence, **fields):
    values = {
        "source_name": "Ministry",
        "url": evidence.url,
        "quote": "New quote",
        "stance": "refutes",
        "note": "",
    }
    return {f"edit-{evidence.pk}-{name}": value for name, value in {**values, **fields}.items()}


def test_the_edit_form_opens_in_place_and_saves_before_publication_without_a_note(client, editor, claim):
    evidence = make_evidence(claim, url="https://ministry.example/old", quote="Old quote")
    form = client.get(item_url(evidence, "edit"), **HTMX).content.decode()
    assert 'data-testid="evidence-edit"' in form and "Old quote</textarea>" in form
    response = client.post(item_url(evidence, "edit"), edit_data(evidence), **HTMX)
    assert response.status_code == 200
    evidence.refresh_from_db()
    assert (evidence.quote, evidence.stance, evidence.source.name) == ("New quote", "refutes", "Ministry")
    assert evidence.history.first().history_user == editor


def test_after_publication_an_edit_needs_a_note_and_keeps_the_input(client, editor):
    verdict = make_published_verdict()
    evidence = make_evidence(verdict.claim, quote="Old quote")
    response = client.post(item_url(evidence, "edit"), edit_data(evidence, quote="Changed"), **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert "The verdict is published: say why the evidence changes." in content
    assert "Changed</textarea>" in content
    evidence.refresh_from_db()
    assert evidence.quote == "Old quote"

    response = client.post(
        item_url(evidence, "edit"), edit_data(evidence, note="The quote was cut short"), **HTMX
    )
    assert response.status_code == 200
    assert evidence.history.first().history_change_reason == "The quote was cut short"
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "The quote was cut short" in page


def test_after_publication_removal_needs_a_note(client, editor):
    verdict = make_published_verdict()
    evidence = make_evidence(verdict.claim)
    response = client.post(item_url(evidence, "remove"), {f"remove-{evidence.pk}-note": " "}, **HTMX)
    assert response.status_code == 422
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    note = {f"remove-{evidence.pk}-note": "It cited the wrong statement"}
    response = client.post(item_url(evidence, "remove"), note, **HTMX)
    assert response.status_code == 200 and "Evidence removed." in response.content.decode()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert "It cited the wrong statement" in client.get(verdict.get_absolute_url()).content.decode()


def test_removal_before_publication_works_without_javascript(client, editor, claim):
    evidence = make_evidence(claim)
    response = client.post(item_url(evidence, "remove"), {}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#evidence")
    assert b"Evidence removed." in response.content
    assert not Evidence.objects.exists()


def test_changing_the_url_archives_the_new_page(client, editor, claim, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    evidence = make_evidence(claim, url="http://127.0.0.1:9/old")
    response = client.post(
        item_url(evidence, "edit"), edit_data(evidence, url="http://127.0.0.1:9/new"), **HTMX
    )
    assert "the new page is being archived" in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.archive_status == Evidence.Archive.PENDING and evidence.url == "http://127.0.0.1:9/new"


def test_the_edit_form_without_javascript_is_the_whole_workspace_with_the_form_open(client, editor, claim):
    evidence = make_evidence(claim, quote="Old quote")
    other = make_evidence(claim, quote="Other quote")
    page = client.get(item_url(evidence, "edit")).content.decode()
    assert "<html" in page and 'data-testid="evidence-edit"' in page
    assert page.count('data-testid="evidence-edit"') == 1 and f'id="evidence-{other.pk}"' in page
    assert "Optional before publication" in page
