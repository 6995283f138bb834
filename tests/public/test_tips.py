"""Readers' tips: the public form, its limits, the desk's answers and what the reader hears back."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from claims.inflow.models import Tip
from claims.models import Claim
from tests.factories import make_draft_verdict, make_published_verdict, make_verdict

pytestmark = pytest.mark.django_db
CLAIM = "The minister said more than 5,000 people were injured in Northtown on Tuesday."


def send(client, text=CLAIM, headers=None, **fields):
    return client.post("/tips/new/", {"text": text, **fields}, headers=headers)


def test_the_form_is_linked_from_reader_pages_and_works_without_javascript(client):
    home = client.get("/")
    assert 'href="/tips/new/"' in home.content.decode()
    page = client.get("/tips/new/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert "deleted after 180 days" in body


def test_a_tip_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert send(client).status_code == 403
    assert Tip.objects.count() == 0


def test_a_tip_leads_to_a_private_status_page_with_a_random_token(client):
    response = send(client, url="https://news.example/story", email="reader@example.org")
    tip = Tip.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tips/{tip.token}/"
    assert len(tip.token) >= 32 and tip.token != Tip.objects.create(text=CLAIM).token
    status = client.get(response["Location"])
    assert "Waiting for an editor" in status.content.decode()
    assert "reader@example.org" not in status.content.decode()
    assert status["X-Robots-Tag"] == "noindex"
    assert client.get(f"/tips/{tip.pk}/").status_code == 404


def test_the_url_is_not_fetched_when_a_tip_is_sent(client, local_site):
    requests = []
    base = local_site({})
    import claims.newsroom.fetching

    original = claims.newsroom.fetching.fetch_url
    claims.newsroom.fetching.fetch_url = lambda *a, **k: requests.append(a) or original(*a, **k)
    try:
        send(client, url=f"{base}/story")
    finally:
        claims.newsroom.fetching.fetch_url = original
    assert requests == [] and Tip.objects.get().url == f"{base}/story"


def test_the_honeypot_stores_nothing_but_looks_like_success(client):
    response = send(client, website="http://spam.example")
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert Tip.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "x" * 2001}, "at most 2000 characters"),
        ({"text": "short"}, "at least 10 characters"),
        ({"text": ""}, "This field is required"),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"url": "https://news.example/" + "a" * 600}, "at most 500 characters"),
        ({"email": "not an address"}, "Enter a valid email address"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(client, fields, message):
    data = {"text": CLAIM, **fields}
    response = client.post("/tips/new/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    assert Tip.objects.count() == 0
    if fields.get("text") != "":
        assert (data["text"][:50] if len(data["text"]) < 2001 else "x" * 50) in body


def test_a_request_body_over_the_upload_limit_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = send(client, text="y" * 20_000)
    assert response.status_code in {400, 413}
    assert Tip.objects.count() == 0


def test_an_address_may_send_five_tips_an_hour(client):
    for n in range(5):
        assert send(client, text=f"{CLAIM} ({n})").status_code == 302
    refused = send(client, text=f"{CLAIM} (six)")
    assert refused.status_code == 429
    assert "try again in an hour" in refused.content.decode()
    assert "(six)" in refused.content.decode()  # nothing typed is lost
    assert Tip.objects.count() == 5
    assert send(Client(REMOTE_ADDR="10.1.1.1"), text=f"{CLAIM} (other)").status_code == 302


def test_the_limit_counts_the_client_behind_the_configured_proxies(client, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for n in range(5):  # a client that makes up a different first entry each time is still one address
        send(client, text=f"{CLAIM} ({n})", headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.5"})
    assert send(client, text=f"{CLAIM} (x)", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 429
    assert send(client, text=f"{CLAIM} (y)", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 302


def test_similar_tips_count_up_in_one_group_on_the_desk(client, editor_client):
    Client().post("/tips/new/", {"text": CLAIM})
    Client().post("/tips/new/", {"text": CLAIM.upper().replace(",", " ,") + "!!"})
    Client().post(
        "/tips/new/",
        {"text": "Something else entirely, about 300 hospitalised.", "url": "https://www.news.example/a/"},
    )
    Client().post(
        "/tips/new/", {"text": "Another wording of the hospital figure.", "url": "http://news.example/a"}
    )
    Client().post("/tips/new/", {"text": "An unrelated claim about turnout of 70 percent."})
    assert Tip.objects.leads().count() == 3
    page = editor_client.get("/desk/tips/")
    body = page.content.decode()
    assert body.count('data-testid="tip"') == 3
    assert body.count("Asked by 2 readers") == 2
    home = editor_client.get("/desk/")
    assert (
        "3 readers&#x27; tips waiting" in home.content.decode()
        or "3 readers' tips waiting" in home.content.decode()
    )


def test_the_desk_list_costs_a_fixed_number_of_queries(client, editor_client, django_assert_max_num_queries):
    for n in range(12):
        Client(REMOTE_ADDR=f"10.0.0.{n}").post("/tips/new/", {"text": f"Claim number {n} about 100 injured."})
    make_draft_verdict()
    with django_assert_max_num_queries(12):
        assert editor_client.get("/desk/tips/").status_code == 200


def test_an_editor_turns_a_group_into_a_claim_and_every_reader_hears_of_the_verdict(
    editor_client, django_capture_on_commit_callbacks
):
    Client().post("/tips/new/", {"text": CLAIM, "email": "first@example.org"})
    Client(REMOTE_ADDR="10.9.9.9").post("/tips/new/", {"text": CLAIM.lower(), "email": "second@example.org"})
    Client(REMOTE_ADDR="10.9.9.8").post("/tips/new/", {"text": CLAIM})  # no address
    lead = Tip.objects.leads().get()
    response = editor_client.post(f"/desk/tips/{lead.pk}/claim/")
    claim = Claim.objects.get(text=CLAIM)
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    assert set(Tip.objects.values_list("status", "claim")) == {("checking", claim.pk)}
    assert mail.outbox == []

    claim.move_to(Claim.Status.IN_REVIEW)
    verdict = make_verdict(claim=claim, headline="Fewer were injured", rating="false")
    with django_capture_on_commit_callbacks(execute=True):
        verdict.publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]
    message = mail.outbox[0]
    assert "Fewer were injured" in message.body and verdict.get_absolute_url() in message.body
    status = Client().get(lead.get_absolute_url()).content.decode()
    assert "Fewer were injured" in status and "Already checked" in status
    with django_capture_on_commit_callbacks(execute=True):
        verdict.save()  # a later edit does not write again
    assert len(mail.outbox) == 2


def test_attaching_to_a_published_verdict_tells_the_reader_at_once(editor_client):
    published = make_published_verdict(headline="The toll was 120")
    Client().post("/tips/new/", {"text": CLAIM, "email": "reader@example.org"})
    tip = Tip.objects.get()
    editor_client.post(f"/desk/tips/{tip.pk}/attach/", {"claim": published.claim_id})
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert "The toll was 120" in Client().get(tip.get_absolute_url()).content.decode()


def test_a_draft_verdict_is_never_shown_to_the_reader(editor_client):
    draft = make_draft_verdict(headline="Secret draft headline")
    Client().post("/tips/new/", {"text": CLAIM, "email": "reader@example.org"})
    tip = Tip.objects.get()
    editor_client.post(f"/desk/tips/{tip.pk}/attach/", {"claim": draft.claim_id})
    assert mail.outbox == []
    assert "Secret draft headline" not in Client().get(tip.get_absolute_url()).content.decode()


def test_a_declined_tip_says_why_by_mail_and_on_its_page(editor_client):
    Client().post("/tips/new/", {"text": CLAIM, "email": "reader@example.org"})
    tip = Tip.objects.get()
    editor_client.post(f"/desk/tips/{tip.pk}/decline/", {"reason": "It is an opinion, not a figure."})
    assert "It is an opinion" in mail.outbox[0].body and mail.outbox[0].to == ["reader@example.org"]
    page = Client().get(tip.get_absolute_url()).content.decode()
    assert "Not checked" in page and "It is an opinion" in page
    # An answered tip is answered once.
    assert editor_client.post(f"/desk/tips/{tip.pk}/decline/").status_code == 404


def test_an_unknown_answer_is_404(editor_client):
    Client().post("/tips/new/", {"text": CLAIM})
    assert editor_client.post(f"/desk/tips/{Tip.objects.get().pk}/publish/").status_code == 404


def test_old_tips_and_their_addresses_are_purged(settings, capsys):
    settings.TIPS_RETENTION_DAYS = 30
    old = Tip.submit(text=CLAIM, email="old@example.org")
    Tip.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = Tip.submit(text="A recent claim about 40 injured.", email="new@example.org")
    call_command("purge_tips")
    assert list(Tip.objects.all()) == [recent]
    assert "Deleted 1 tip." in capsys.readouterr().out
