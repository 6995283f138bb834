"""The review queue: filters from the URL alone, htmx fragments, bulk moves that skip what they do not fit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from tests.factories import (
    HTMX,
    make_admin,
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_figure,
    make_relay,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db

URL = reverse("desk:queue")
BULK_URL = reverse("desk:queue_bulk")


def listed(response):
    return [claim.pk for claim in response.context["page"].object_list]


# --- Access -------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_signed_in_non_editor_is_forbidden(client):
    client.force_login(make_user())
    assert client.get(URL).status_code == 403
    assert client.post(BULK_URL, {"action": "dismiss"}).status_code == 403


def test_editor_sees_the_queue(client, editor):
    claim = make_claim(text="Ten people were hurt.")
    response = client.get(URL)
    assert response.status_code == 200
    assert b"<h1>Review queue</h1>" in response.content
    assert listed(response) == [claim.pk]


def test_admin_sees_the_queue(client):
    client.force_login(make_admin())
    assert client.get(URL).status_code == 200


# --- Full page and fragment ---------------------------------------------------------------------------


def test_htmx_request_gets_only_the_list_and_the_count_out_of_band(client, editor):
    make_claim()
    response = client.get(URL, {"q": "people"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="queue-filters"' not in body
    assert 'data-testid="queue-row"' in body
    assert '<div id="queue-announcer" hx-swap-oob="innerHTML">' in body
    assert "1 claim" in body


def test_history_restore_gets_the_full_page(client, editor):
    response = client.get(URL, {"status": "all"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert b"<html" in response.content
    assert b'id="queue-filters"' in response.content


def test_responses_vary_on_htmx_header(client, editor):
    assert "HX-Request" in client.get(URL)["Vary"]


def test_filter_form_is_a_get_form_enhanced_with_htmx(client, editor):
    body = client.get(URL).content.decode()
    assert 'method="get"' in body
    assert 'hx-get="/desk/claims/"' in body
    assert 'hx-push-url="true"' in body
    assert 'type="search"' in body


def test_full_page_keeps_the_filters_from_the_url(client, editor):
    body = client.get(URL, {"q": "injured", "sort": "oldest", "open_contradictions": "on"}).content.decode()
    assert 'value="injured"' in body
    assert '<option value="oldest" selected>' in body
    assert 'id="queue-filter-open_contradictions" checked' in body


# --- Filters ------------------------------------------------------------------------------------------


def test_default_shows_only_claims_still_in_the_queue(client, editor):
    new = make_claim(status=Claim.Status.NEW)
    in_review = make_claim(status=Claim.Status.IN_REVIEW)
    make_claim(status=Claim.Status.PUBLISHED)
    make_claim(status=Claim.Status.DISMISSED)
    assert set(listed(client.get(URL))) == {new.pk, in_review.pk}


def test_status_filter_picks_one_status_or_all(client, editor):
    make_claim(status=Claim.Status.NEW)
    published = make_claim(status=Claim.Status.PUBLISHED)
    assert listed(client.get(URL, {"status": "published"})) == [published.pk]
    assert len(listed(client.get(URL, {"status": "all"}))) == 2


def test_unknown_filter_values_are_ignored(client, editor):
    claim = make_claim()
    response = client.get(
        URL, {"status": "bogus", "source": "no-such-source", "sort": "sideways", "page": "x"}
    )
    assert response.status_code == 200
    assert listed(response) == [claim.pk]


def test_assignee_filter_mine_unassigned_and_a_colleague(client, editor):
    colleague = make_editor()
    mine = make_claim(assignee=editor)
    theirs = make_claim(assignee=colleague)
    nobodys = make_claim()
    assert listed(client.get(URL, {"assignee": "mine"})) == [mine.pk]
    assert listed(client.get(URL, {"assignee": "unassigned"})) == [nobodys.pk]
    assert listed(client.get(URL, {"assignee": colleague.pk})) == [theirs.pk]


def test_assignee_choices_list_the_editors(client, editor):
    make_user("reader")
    body = client.get(URL).content.decode()
    assert ">Dana Editor</option>" in body
    assert ">reader</option>" not in body


def test_measure_filter_keeps_claims_with_a_figure_of_that_measure(client, editor):
    killed = make_claim()
    make_figure(killed, measure="killed")
    make_figure(killed, text="200", start=10, measure="injured")
    injured_only = make_claim()
    make_figure(injured_only, measure="injured")
    assert listed(client.get(URL, {"measure": "killed"})) == [killed.pk]
    assert set(listed(client.get(URL, {"measure": "injured"}))) == {killed.pk, injured_only.pk}


def test_source_filter_matches_speaker_publisher_or_relay_once_each(client, editor):
    interfax = make_source("Interfax")
    spoken = make_claim(speaker=interfax)
    published = make_claim(article=make_article(publisher=interfax))
    relayed = make_claim()
    make_relay(relayed, interfax)
    make_relay(relayed, make_source("TASS"), position=1)
    make_claim(speaker=make_source("Tengri"))
    assert sorted(listed(client.get(URL, {"source": interfax.slug}))) == sorted(
        [spoken.pk, published.pk, relayed.pk]
    )


def test_open_contradictions_filter_and_count(client, editor):
    first, second, calm = make_claim(), make_claim(), make_claim()
    make_contradiction(first, second)
    resolved_partner = make_claim()
    make_contradiction(calm, resolved_partner, status="dismissed", resolved_at=timezone.now())
    response = client.get(URL, {"open_contradictions": "on"})
    assert sorted(listed(response)) == sorted([first.pk, second.pk])
    counts = {claim.pk: claim.open_contradiction_count for claim in client.get(URL).context["page"]}
    assert counts[first.pk] == 1
    assert counts[calm.pk] == 0


def test_text_filter_is_case_insensitive(client, editor):
    hit = make_claim(text="More than 1,000 people were INJURED in Almaty.")
    make_claim(text="Twelve were detained.")
    assert listed(client.get(URL, {"q": "injured"})) == [hit.pk]


# --- Sorting and paging -------------------------------------------------------------------------------


def test_sorts_by_checkworthiness_oldest_and_status(client, editor):
    low = make_claim(checkworthiness=0.1, status=Claim.Status.IN_REVIEW)
    high = make_claim(checkworthiness=0.9, status=Claim.Status.NEW)
    Claim.objects.filter(pk=low.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert listed(client.get(URL, {"sort": "checkworthiness"})) == [high.pk, low.pk]
    assert listed(client.get(URL, {"sort": "oldest"})) == [low.pk, high.pk]
    assert listed(client.get(URL, {"sort": "newest"})) == [high.pk, low.pk]
    assert listed(client.get(URL, {"sort": "status"})) == [high.pk, low.pk]


def test_pages_of_25_with_links_that_keep_the_filters(client, editor):
    for _ in range(30):
        make_claim(text="Dozens were injured.")
    response = client.get(URL, {"q": "injured"})
    assert len(listed(response)) == 25
    assert 'href="/desk/claims/?q=injured&amp;page=2"' in response.content.decode()
    assert len(listed(client.get(URL, {"q": "injured", "page": 2}))) == 5


@pytest.mark.parametrize("rows", [10, 200])
def test_query_count_does_not_grow_with_rows(client, editor, django_assert_max_num_queries, rows):
    publisher, colleague = make_source("Tengri"), make_editor()
    for n in range(rows):
        claim = make_claim(article=make_article(publisher=publisher), speaker=publisher, assignee=colleague)
        make_figure(claim, measure="killed")
        make_figure(claim, text="200", start=20, measure="injured")
        if n % 2:
            make_contradiction(claim, make_claim())
    with django_assert_max_num_queries(11):
        response = client.get(URL, {"sort": "checkworthiness", "source": publisher.slug})
    assert len(listed(response)) == min(rows, 25)


# --- Bulk actions -------------------------------------------------------------------------------------


def test_bulk_move_to_review_skips_published_and_reports_it(client, editor):
    fresh = [make_claim() for _ in range(3)]
    published = make_claim(status=Claim.Status.PUBLISHED)
    response = client.post(
        BULK_URL, {"action": "review", "claims": [c.pk for c in [*fresh, published]]}, **HTMX
    )
    assert response.status_code == 200
    assert "3 moved to review; 1 was already published and was left alone" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert set(Claim.objects.filter(status=Claim.Status.IN_REVIEW).values_list("pk", flat=True)) == {
        c.pk for c in fresh
    }
    published.refresh_from_db()
    assert published.status == Claim.Status.PUBLISHED


def test_bulk_review_assigns_unassigned_claims_and_records_who(client, editor):
    claim = make_claim()
    client.post(BULK_URL, {"action": "review", "claims": [claim.pk]}, **HTMX)
    claim.refresh_from_db()
    assert claim.assignee == editor
    assert claim.history.first().history_user == editor


def test_bulk_dismiss_skips_published_and_already_dismissed(client, editor):
    new, drafted_later = make_claim(), make_claim(status=Claim.Status.IN_REVIEW)
    gone = [make_claim(status=Claim.Status.DISMISSED) for _ in range(2)]
    response = client.post(
        BULK_URL, {"action": "dismiss", "claims": [new.pk, drafted_later.pk, *[c.pk for c in gone]]}, **HTMX
    )
    assert "2 dismissed; 2 were already dismissed and were left alone" in response.content.decode()


def test_bulk_assign_to_me(client, editor):
    claims = [make_claim(), make_claim(assignee=make_editor()), make_claim(assignee=editor)]
    response = client.post(BULK_URL, {"action": "assign_me", "claims": [c.pk for c in claims]}, **HTMX)
    assert "2 assigned to you; 1 was already yours and was left alone" in response.content.decode()
    assert Claim.objects.filter(assignee=editor).count() == 3


def test_bulk_response_rerenders_the_filtered_list_and_moves_focus(client, editor):
    keep = make_claim(text="Injured in Almaty.")
    make_claim(text="Detained in Astana.")
    response = client.post(f"{BULK_URL}?q=almaty", {"action": "assign_me", "claims": [keep.pk]}, **HTMX)
    assert listed(response) == [keep.pk]
    assert b'id="queue-results-heading" class="visually-hidden" tabindex="-1" autofocus' in response.content


def test_bulk_without_javascript_redirects_back_keeping_the_filters(client, editor):
    claim = make_claim()
    response = client.post(f"{BULK_URL}?status=all&q=people", {"action": "dismiss", "claims": [claim.pk]})
    assert response.status_code == 302
    assert response.url == f"{URL}?status=all&q=people"
    page = client.get(response.url)
    assert "1 dismissed" in [str(m) for m in page.context["messages"]]


def test_bulk_with_nothing_ticked_is_unprocessable(client, editor):
    make_claim()
    response = client.post(BULK_URL, {"action": "review"}, **HTMX)
    assert response.status_code == 422
    assert "Tick at least one claim first." in response.content.decode()


def test_bulk_with_an_unknown_action_is_unprocessable(client, editor):
    claim = make_claim()
    response = client.post(BULK_URL, {"action": "publish", "claims": [claim.pk]}, **HTMX)
    assert response.status_code == 422
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_bulk_refuses_get(client, editor):
    assert client.get(BULK_URL).status_code == 405


def test_status_sort_follows_the_workflow_order_not_the_alphabet(client, editor):
    drafted = make_claim(status=Claim.Status.VERDICT_DRAFTED)
    in_review = make_claim(status=Claim.Status.IN_REVIEW)
    new = make_claim(status=Claim.Status.NEW)
    Claim.objects.filter(pk=new.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert listed(client.get(URL, {"sort": "status"})) == [new.pk, in_review.pk, drafted.pk]


def test_figures_and_scores_are_shown_in_words(client, editor):
    bare = make_claim(text="Nothing to count here.", checkworthiness=0.25)
    vague = make_claim(text="Dozens were killed.")
    make_figure(vague, text="Dozens", value=48, low=24, high=99, measure="killed")
    body = client.get(URL).content.decode()
    bare_row = body.split(f'id="claim-row-{bare.pk}"')[1].split("</tr>")[0]
    vague_row = body.split(f'id="claim-row-{vague.pk}"')[1].split("</tr>")[0]
    assert "No figures" in bare_row and "None" not in bare_row
    assert "25%" in bare_row and "0.25" not in bare_row
    assert "24 to 99" in vague_row and "48" not in vague_row


def test_source_filter_lists_sources_escaped_with_the_chosen_one_selected(client, editor):
    make_source("Daily <Bugle> & Co")
    chosen = make_source("Chosen Wire")
    page = client.get(URL, {"source": chosen.slug}).content.decode()
    assert "Daily &lt;Bugle&gt; &amp; Co</option>" in page
    assert f'<option value="{chosen.slug}" selected>Chosen Wire</option>' in page
    assert '<option value="">Any source</option>' in page


# --- Rows kept in the cache (claims/desk/queue/cached_rows.py) -----------------------------------------


def row_of(response, claim):
    body = response.content.decode()
    start = body.index(f'id="claim-row-{claim.pk}"')
    return body[start : body.index("</tr>", start)]


def test_a_cached_row_is_the_row_rendered_afresh(client, editor):
    claim = make_claim(text="More than 100 were injured.")
    make_figure(claim)
    cold, warm = row_of(client.get(URL), claim), row_of(client.get(URL), claim)
    assert cold == warm
    assert "More than 100 were injured." in warm and "figure-chip" in warm


def test_a_row_says_you_only_to_its_assignee(client, editor):
    claim = make_claim(assignee=editor, status=Claim.Status.IN_REVIEW)
    assert ">You</td>" in row_of(client.get(URL), claim)
    client.force_login(make_editor("aigerim"))
    assert ">You</td>" not in row_of(client.get(URL), claim)
    assert ">Dana Editor</td>" in row_of(client.get(URL), claim)


def test_a_moved_claim_shows_its_status_on_the_next_page(client, editor):
    claim = make_claim()
    client.get(URL)
    claim.start_review(by=editor)
    assert "status-in_review" in row_of(client.get(URL), claim)


def test_a_new_contradiction_shows_in_the_count_on_the_next_page(client, editor):
    claim, other = make_claim(), make_claim()
    assert 'class="meta">0</span>' in row_of(client.get(URL), claim)
    make_contradiction(claim, other)
    assert "1 open" in row_of(client.get(URL), claim)


def test_a_change_behind_the_orm_still_shows(client, editor):
    claim = make_claim(text="About 80 were killed.")
    client.get(URL)
    Claim.objects.filter(pk=claim.pk).update(text="About 90 were killed.")
    assert "About 90 were killed." in row_of(client.get(URL), claim)


def test_renamed_speakers_and_new_figures_show_on_the_next_page(client, editor):
    speaker = make_source("Almaty police")
    claim = make_claim(speaker=speaker)
    client.get(URL)
    speaker.name = "Almaty city police"
    speaker.save()
    make_figure(claim, text="more than 1,000", value=1001, low=1001, qualifier="more than")
    row = row_of(client.get(URL), claim)
    assert "said by Almaty city police" in row and "figure-chip" in row


def test_the_source_filter_offers_a_new_or_renamed_source_on_the_next_page(client, editor):
    police = make_source("Almaty police")
    assert ">Almaty police</option>" in client.get(URL).content.decode()
    police.name = "Almaty city police"
    police.save()
    make_source("Tengri News")
    body = client.get(URL).content.decode()
    assert ">Almaty city police</option>" in body and ">Tengri News</option>" in body
