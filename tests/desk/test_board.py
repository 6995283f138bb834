"""The contradiction board: open ones first by event and measure, actions that update the card in place."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.events.models import ClaimMatch, Event
from tests.factories import (
    HTMX,
    make_admin,
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_figure,
    make_published_verdict,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db

URL = reverse("desk:board")


def contradiction_between(
    first_text="1,000", second_text="100", event="Almaty unrest", measure="injured", **fields
):
    first, second = make_claim(), make_claim()
    figure_a = make_figure(first, text=first_text, value=1000, measure=measure, event=event)
    figure_b = make_figure(second, text=second_text, value=100, measure=measure, event=event)
    return make_contradiction(first, second, figure_a=figure_a, figure_b=figure_b, **fields)


def resolved(**fields):
    return contradiction_between(
        status=fields.pop("status", "confirmed"), resolved_at=timezone.now(), **fields
    )


def action_url(contradiction, action):
    return reverse("desk:board_action", args=[contradiction.pk, action])


def shown(response):
    return [c.pk for group in response.context["groups"] for c in group.contradictions]


# --- Access -------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_cannot_act(client):
    contradiction = contradiction_between()
    response = client.post(action_url(contradiction, "confirm"))
    assert response.status_code == 302
    contradiction.refresh_from_db()
    assert contradiction.status == "open"


def test_signed_in_non_editor_is_forbidden(client):
    contradiction = contradiction_between()
    client.force_login(make_user())
    assert client.get(URL).status_code == 403
    assert client.post(action_url(contradiction, "confirm")).status_code == 403


def test_editor_sees_the_board(client, editor):
    contradiction = contradiction_between()
    response = client.get(URL)
    assert response.status_code == 200
    assert shown(response) == [contradiction.pk]


def test_admin_sees_the_board(client):
    client.force_login(make_admin())
    assert client.get(URL).status_code == 200


# --- Listing ------------------------------------------------------------------------------------------


def test_open_is_the_default_and_other_statuses_are_filters(client, editor):
    open_one = contradiction_between()
    confirmed = resolved(status="confirmed")
    explained = resolved(status="explained", resolution="scope")
    assert shown(client.get(URL)) == [open_one.pk]
    assert shown(client.get(URL, {"status": "confirmed"})) == [confirmed.pk]
    assert shown(client.get(URL, {"status": "explained"})) == [explained.pk]
    assert set(shown(client.get(URL, {"status": "all"}))) == {open_one.pk, confirmed.pk, explained.pk}
    assert shown(client.get(URL, {"status": "bogus"})) == [open_one.pk]


def test_all_puts_open_ones_first(client, editor):
    open_one = contradiction_between()
    resolved(status="dismissed")  # newer, but resolved
    assert shown(client.get(URL, {"status": "all"}))[0] == open_one.pk


def test_grouped_by_figure_event_and_measure_then_claim_event_then_other(client, editor):
    contradiction_between(event="Almaty unrest", measure="killed")
    contradiction_between(event="Almaty unrest", measure="injured")
    first, second = make_claim(event="Zhanaozen strike"), make_claim()
    make_contradiction(first, second)
    make_contradiction(make_claim(), make_claim())
    titles = [group.title for group in client.get(URL).context["groups"]]
    assert sorted(titles) == [
        "Almaty unrest — Injured",
        "Almaty unrest — Killed",
        "Other",
        "Zhanaozen strike",
    ]


def test_card_shows_both_sides_and_severity_in_words(client, editor):
    publisher, speaker = make_source("Tengri News"), make_source("Almaty police")
    first = make_claim(
        make_article(publisher=publisher), text="At least 1,000 were injured.", speaker=speaker
    )
    second = make_claim(text="Around 100 were injured.")
    make_contradiction(
        first,
        second,
        figure_a=make_figure(first, text="At least 1,000", low=1000, value=None),
        figure_b=make_figure(second, text="Around 100", value=100),
        severity="high",
        explanation="The counts differ tenfold.",
    )
    body = client.get(URL).content.decode()
    for text in [
        "At least 1,000",
        "at least 1,000",
        "Around 100",
        "At least 1,000 were injured.",
        "Tengri News",
        "Almaty police",
        "The counts differ tenfold.",
        "High severity",
        "severity-high",
    ]:
        assert text in body


def test_two_sources_in_one_sentence_show_as_one_source_against_the_other(client, editor):
    claim = make_claim(
        text="The Red Cross said more than 100 died, while the minister put the toll at about 60."
    )
    make_contradiction(
        claim,
        claim,
        figure_a=make_figure(claim, text="more than 100 died", low=101, value=None, measure="killed"),
        figure_b=make_figure(claim, text="put the toll at about 60", value=60, measure="killed"),
    )
    body = client.get(URL).content.decode()
    assert "Both figures are in one sentence, given by two sources." in body
    assert 'aria-label="One source"' in body and 'aria-label="The other source"' in body
    assert body.count("while the minister put the toll at about 60") == 2


def test_a_speaker_in_general_words_is_named_not_called_not_named(client, editor):
    first = make_claim(text="The governor said 16 people drowned.", speaker=None, speaker_role="governor")
    make_contradiction(first, make_claim(text="6 people drowned."))
    body = client.get(URL).content.decode()
    assert "<dd>Governor</dd>" in body
    assert "Not named, governor" not in body


def test_htmx_filter_gets_only_the_board(client, editor):
    contradiction_between()
    response = client.get(URL, {"status": "all"}, **HTMX)
    assert "<html" not in response.content.decode()
    assert 'data-testid="contradiction-card"' in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client, editor):
    response = client.get(URL, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert b"<html" in response.content


def test_nav_shows_the_open_count(client, editor):
    contradiction_between()
    contradiction_between()
    body = client.get(reverse("desk:home")).content.decode()
    assert 'id="open-contradictions-badge"' in body
    assert '>2<span class="visually-hidden"> open</span>' in body


@pytest.mark.parametrize("rows", [10, 200])
def test_query_count_does_not_grow_with_rows(client, editor, django_assert_max_num_queries, rows):
    publisher = make_source("Tengri")
    for n in range(rows):
        first = make_claim(make_article(publisher=publisher), speaker=publisher)
        second = make_claim(make_article(publisher=publisher))
        status = "open" if n % 2 else "explained"
        make_contradiction(
            first,
            second,
            figure_a=make_figure(first, event=f"event {n % 5}"),
            figure_b=make_figure(second, event=f"event {n % 5}"),
            status=status,
            resolved_by=editor if status != "open" else None,
            resolved_at=timezone.now() if status != "open" else None,
        )
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"status": "all"})
    assert len(shown(response)) == min(rows, 50)


# --- Actions with htmx --------------------------------------------------------------------------------


def test_confirm_updates_the_card_badge_and_announcer(client, editor):
    contradiction = contradiction_between()
    contradiction_between()
    response = client.post(action_url(contradiction, "confirm"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    contradiction.refresh_from_db()
    assert contradiction.status == "confirmed"
    assert contradiction.resolved_by == editor
    assert f'id="contradiction-{contradiction.pk}"' in body
    assert 'data-status="confirmed"' in body
    assert 'hx-swap-oob="true">1<span class="visually-hidden"> open</span>' in body
    assert '<div id="board-announcer" hx-swap-oob="innerHTML">Marked as confirmed</div>' in body
    assert f'id="contradiction-{contradiction.pk}-heading" class="card-title" tabindex="-1" autofocus' in body


def test_explain_with_a_reason(client, editor):
    contradiction = contradiction_between()
    response = client.post(action_url(contradiction, "explain"), {"resolution": "update"}, **HTMX)
    assert response.status_code == 200
    assert "Marked as explained" in response.content.decode()
    contradiction.refresh_from_db()
    assert (contradiction.status, contradiction.resolution) == ("explained", "update")
    assert contradiction.history.first().history_user == editor


def test_explain_other_with_a_note(client, editor):
    contradiction = contradiction_between()
    client.post(
        action_url(contradiction, "explain"), {"resolution": "other", "note": "Two hospitals."}, **HTMX
    )
    contradiction.refresh_from_db()
    assert contradiction.resolution_note == "Two hospitals."


def test_explain_other_without_a_note_is_unprocessable(client, editor):
    contradiction = contradiction_between()
    response = client.post(
        action_url(contradiction, "explain"), {"resolution": "other", "note": "  "}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Say in a note how the figures are explained." in body
    assert '<option value="other" selected>' in body
    assert "autofocus" in body and 'aria-invalid="true"' in body
    contradiction.refresh_from_db()
    assert contradiction.status == "open"


def test_explain_with_an_unknown_reason_is_unprocessable(client, editor):
    contradiction = contradiction_between()
    response = client.post(action_url(contradiction, "explain"), {"resolution": "weather"}, **HTMX)
    assert response.status_code == 422
    assert "Choose one of the listed reasons." in response.content.decode()


def test_acting_on_a_resolved_contradiction_is_a_conflict(client, editor):
    contradiction = resolved(status="dismissed")
    response = client.post(action_url(contradiction, "confirm"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 409
    assert "already dismissed; reopen it first" in body
    assert 'data-status="dismissed"' in body


def test_dismiss_and_reopen(client, editor):
    contradiction = contradiction_between()
    client.post(action_url(contradiction, "dismiss"), **HTMX)
    contradiction.refresh_from_db()
    assert contradiction.status == "dismissed"
    response = client.post(action_url(contradiction, "reopen"), **HTMX)
    assert "Reopened" in response.content.decode()
    contradiction.refresh_from_db()
    assert (contradiction.status, contradiction.resolved_at) == ("open", None)


def test_reopening_an_open_contradiction_is_a_conflict(client, editor):
    response = client.post(action_url(contradiction_between(), "reopen"), **HTMX)
    assert response.status_code == 409


def test_unknown_action_is_not_found(client, editor):
    assert client.post(action_url(contradiction_between(), "publish")).status_code == 404


def test_actions_refuse_get(client, editor):
    assert client.get(action_url(contradiction_between(), "confirm")).status_code == 405


# --- Actions without JavaScript -----------------------------------------------------------------------


def test_without_javascript_an_action_redirects_back_with_a_message(client, editor):
    contradiction = contradiction_between()
    response = client.post(action_url(contradiction, "confirm"), {"next": f"{URL}?status=all"})
    assert response.status_code == 302
    assert response.url == f"{URL}?status=all"
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert messages == ["Marked as confirmed"]


def test_without_javascript_invalid_input_redirects_with_the_error(client, editor):
    contradiction = contradiction_between()
    response = client.post(action_url(contradiction, "explain"), {"resolution": "other"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Say in a note how the figures are explained." in response.content.decode()


def test_next_pointing_elsewhere_is_ignored(client, editor):
    response = client.post(action_url(contradiction_between(), "dismiss"), {"next": "https://evil.example/"})
    assert response.url == URL


def test_card_forms_return_to_the_page_they_are_on(client, editor):
    contradiction_between()
    body = client.get(URL, {"status": "all"}).content.decode()
    assert '<input type="hidden" name="next" value="/desk/contradictions/?status=all">' in body


def test_card_include_needs_only_the_contradiction_and_returns_to_its_page(rf, editor):
    contradiction = contradiction_between()
    request = rf.get("/desk/claims/5/")
    request.user = editor
    html = render_to_string(
        "desk/includes/contradiction_card.html", {"contradiction": contradiction}, request=request
    )
    assert f'id="contradiction-{contradiction.pk}"' in html
    assert '<input type="hidden" name="next" value="/desk/claims/5/">' in html
    assert "autofocus" not in html


def open_count_queries(queries):
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "claims_contradiction"')
    ]


def test_nav_count_is_kept_until_a_contradiction_changes(client, editor):
    contradiction = contradiction_between()
    contradiction_between()
    client.get(reverse("desk:home"))
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("desk:queue")).content.decode()
    assert '>2<span class="visually-hidden"> open</span>' in body
    assert not open_count_queries(queries)  # counted once, not on every desk page
    client.post(action_url(contradiction, "confirm"))
    body = client.get(reverse("desk:queue")).content.decode()
    assert '>1<span class="visually-hidden"> open</span>' in body
    contradiction_between()
    assert '>2<span class="visually-hidden"> open</span>' in client.get(URL).content.decode()


def test_board_orders_by_severity_through_its_index_expression(client, editor):
    low = contradiction_between(severity="low")
    high = contradiction_between(severity="high")
    medium = contradiction_between(severity="medium")
    assert shown(client.get(URL)) == [high.pk, medium.pk, low.pk]


def test_an_old_explanation_with_iso_dates_reads_in_words(client, editor):
    contradiction_between(
        explanation="Steppe Courier reports 12 killed as of 2022-01-06, fewer than the 13 reported as of 2022-01-07."
    )
    body = client.get(URL).content.decode()
    assert "as of 6 Jan 2022, fewer than the 13 reported as of 7 Jan 2022." in body
    assert "as of 2022-01-06" not in body


def test_groups_and_sides_name_events_and_figures_in_words(client, editor):
    first, second = make_claim(event="unrest@almaty"), make_claim(event="unrest@almaty")
    make_contradiction(
        first,
        second,
        figure_a=make_figure(first, text="dozens", value=48, low=24, high=99, measure="killed"),
        figure_b=make_figure(
            second, text="more than 100", value=101, low=101, qualifier="more than", measure="killed"
        ),
    )
    body = client.get(URL).content.decode()
    assert "Unrest in Almaty — Killed" in body
    assert "Killed · 24 to 99" in body and "Killed · more than 100" in body
    assert "unrest@almaty" not in body


# --- Cards kept in the cache (claims/desk/board/cached_cards.py) ---------------------------------------


def card_of(response, contradiction):
    body = response.content.decode()
    start = body.index(f'id="contradiction-{contradiction.pk}"')
    return body[start : body.index("</article>", start)]


def test_a_cached_card_is_the_card_rendered_afresh(client, editor):
    contradiction = contradiction_between()

    def card_without_token():  # a token is masked afresh on every request
        return re.sub(r'(csrfmiddlewaretoken" value=)"\w+"', r"\1", card_of(client.get(URL), contradiction))

    cold, warm = card_without_token(), card_without_token()
    assert cold == warm
    assert "Open this claim" in warm and 'action="/desk/contradictions/' in warm


def test_a_second_page_view_reads_no_claims(client, editor):
    for _ in range(3):
        contradiction_between()
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL)
    assert not any('"claims_claim"."text"' in query["sql"] for query in captured.captured_queries)


def test_a_resolved_contradiction_shows_resolved_on_the_next_page(client, editor):
    contradiction = contradiction_between()
    client.get(URL, {"status": "all"})
    contradiction.confirm(by=editor)
    assert 'data-status="confirmed"' in card_of(client.get(URL, {"status": "all"}), contradiction)


def test_a_change_behind_the_orm_still_shows(client, editor):
    contradiction = contradiction_between(explanation="The counts differ.")
    client.get(URL)
    type(contradiction).objects.filter(pk=contradiction.pk).update(explanation="Counts differ tenfold.")
    assert "Counts differ tenfold." in card_of(client.get(URL), contradiction)


def test_an_edited_claim_shows_on_the_next_page(client, editor):
    contradiction = contradiction_between()
    client.get(URL)
    contradiction.claim_a.text = "At least 1,200 were injured."
    contradiction.claim_a.save()
    assert "At least 1,200 were injured." in card_of(client.get(URL), contradiction)


def test_renamed_sources_events_figures_and_people_show_on_the_next_page(client, editor):
    publisher = make_source("Tengri")
    event = Event.objects.create(name="Unrest", kind="unrest", key="unrest@almaty")
    first = make_claim(make_article(publisher=publisher), event_record=event)
    contradiction = make_contradiction(first, make_claim(), figure_a=make_figure(first, text="1,000"))
    resolver = make_user("marat", first_name="Marat")
    contradiction.confirm(by=resolver)
    client.get(URL, {"status": "all"})
    publisher.name = "Tengri News"
    publisher.save()
    figure = contradiction.figure_a
    figure.text = "about 1,000"
    figure.save()
    resolver.first_name, resolver.last_name = "Marat", "Sadykov"
    resolver.save()
    event.name = "Unrest in Almaty"
    event.save()
    response = client.get(URL, {"status": "all"})
    card = card_of(response, contradiction)
    assert "Tengri News" in card and "about 1,000" in card and "Marat Sadykov" in card
    assert "Unrest in Almaty" in [group.event for group in response.context["groups"]]


def test_a_claim_that_became_checked_shows_the_badge_on_the_next_page(client, editor):
    contradiction = contradiction_between()
    assert "Already checked" not in card_of(client.get(URL), contradiction)
    verdict = make_published_verdict()
    ClaimMatch.objects.create(claim=contradiction.claim_a, earlier=verdict.claim, verdict=verdict, score=0.8)
    assert "Already checked" in card_of(client.get(URL), contradiction)


def test_each_editor_gets_their_own_csrf_token_in_cached_cards(client, editor):
    contradiction_between()
    other = Client()
    other.force_login(make_editor("aigerim"))
    client.get(URL)
    for browser in (client, other):
        response = browser.get(URL)
        token = response.context["csrf_token"]
        body = response.content.decode()
        assert f'name="csrfmiddlewaretoken" value="{token}"' in body
