"""Events as records: proposed at ingest, renamed, merged and split in the desk, and what that changes."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from claims.events.comparison import recompare
from claims.events.keys import parse_key
from claims.events.models import Event, EventAlias, EventRedirect
from claims.events.proposing import event_for_key
from claims.models import Claim, Contradiction, Figure
from claims.newsroom.ingest import ingest_article
from tests.factories import make_article, make_claim, make_figure, make_user

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")

MINISTRY = """Clashes in Almaty: ministry gives toll

Clashes in Almaty continued on Wednesday, officials said.

The health ministry said 164 people were killed in the unrest, as quoted by Interfax.
"""
PROSECUTOR = """Prosecutor revises Almaty toll

The protests in Almaty left 225 people dead, the prosecutor general's office said on Saturday.
"""


def ingest(body, day, publisher="Steppe Courier", **extra):
    return ingest_article(
        body, publisher=publisher, published_at=datetime(2022, 1, day, 9, tzinfo=ALMATY), **extra
    )


def test_a_key_reads_as_its_parts():
    parts = parse_key("earthquake@izmir/1939")
    assert (parts.kind, parts.place, parts.year, parts.name) == (
        "earthquake",
        "Izmir",
        1939,
        "Earthquake in Izmir (1939)",
    )
    assert parse_key("unrest@almaty").name == "Unrest in Almaty"
    assert parse_key("") is None


def test_ingest_proposes_an_unreviewed_event_and_the_next_article_joins_it():
    first = ingest(MINISTRY, 6)
    claim = first.article.claims.exclude(event_record=None).first()
    event = claim.event_record
    assert (event.kind, event.place, event.is_reviewed) == ("unrest", "Almaty", False)
    assert event.aliases.filter(key=claim.event).exists()
    second = ingest(PROSECUTOR, 15, publisher="Nomad Wire")
    assert {c.event_record_id for c in second.article.claims.exclude(event_record=None)} == {event.pk}
    assert Figure.objects.filter(event_record=event).count() == Figure.objects.count()


def test_the_same_kind_and_place_months_later_is_a_new_event():
    early = event_for_key("flood@dhaka", date(2022, 6, 1))
    late = event_for_key("flood@dhaka/x", date(2022, 6, 3))  # a different key, same block of days
    assert late != early  # an unreadable key never joins another event
    months_later = event_for_key("flood@sylhet", date(2022, 6, 10))
    assert months_later != early
    EventAlias.objects.filter(key="flood@dhaka").delete()  # a key the desk has not seen
    same = event_for_key("flood@dhaka", date(2022, 6, 12))
    assert same == early
    EventAlias.objects.filter(key="flood@dhaka").delete()
    assert event_for_key("flood@dhaka", date(2022, 11, 1)) != early


def test_merging_moves_claims_figures_keys_and_slugs_and_keeps_history():
    survivor = Event.objects.create(
        name="Unrest in Almaty", kind="unrest", place="Almaty", key="unrest@almaty"
    )
    duplicate = Event.objects.create(
        name="Unrest in Kazakhstan", kind="unrest", place="Kazakhstan", key="unrest@kazakhstan"
    )
    duplicate.add_alias("unrest@kazakhstan")
    claim = make_claim(event="unrest@kazakhstan", event_record=duplicate)
    make_figure(claim, event_record=duplicate)
    old_slug = duplicate.slug
    affected = survivor.merge([duplicate])
    claim.refresh_from_db()
    assert claim.event_record == survivor and affected == [claim.pk]
    assert Figure.objects.get(claim=claim).event_record == survivor
    assert EventRedirect.objects.get(old_slug=old_slug).event == survivor
    assert Event.history.filter(id=duplicate.pk, history_type="-").exists()
    assert claim.history.first().event_record_id == survivor.pk
    # A later article the analysis names after the merged event goes to the survivor.
    assert event_for_key("unrest@kazakhstan", date(2022, 1, 9)) == survivor


def test_a_split_separates_what_is_compared_and_a_merge_brings_it_back():
    ingest(MINISTRY, 6)
    ingest(PROSECUTOR.replace("225", "90"), 9, publisher="Nomad Wire")
    contradiction = Contradiction.objects.get()
    event = contradiction.claim_a.event_record
    new, affected = event.split([contradiction.claim_b_id], "Unrest in Almaty (second wave)")
    assert Claim.objects.get(pk=contradiction.claim_b_id).event_record == new
    assert new.key != event.key and not new.is_reviewed
    assert recompare(affected) == (0, 1)
    assert not Contradiction.objects.exists()
    assert recompare(event.merge([new])) == (1, 0)
    assert Contradiction.objects.get().claim_b_id == contradiction.claim_b_id


def test_split_refuses_to_empty_the_event():
    event = Event.objects.create(name="Fire in Lagos", kind="fire", place="Lagos", key="fire@lagos")
    claim = make_claim(event_record=event)
    with pytest.raises(ValueError, match="Leave at least one claim"):
        event.split([claim.pk], "Other")


# --- the desk -----------------------------------------------------------------------------------------


def test_desk_lists_events_with_their_counts(editor_client, django_assert_max_num_queries):
    for n in range(5):
        event = Event.objects.create(name=f"Fire {n}", kind="fire", place=f"Town {n}", key=f"fire@town{n}")
        make_figure(make_claim(event_record=event), event_record=event)
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("desk:event_list"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="event-row"') == 5


def test_desk_merge_form_merges_and_redirects(editor_client):
    survivor = Event.objects.create(
        name="Unrest in Almaty", kind="unrest", place="Almaty", key="unrest@almaty"
    )
    duplicate = Event.objects.create(name="Unrest in Kazakhstan", kind="unrest", key="unrest@kazakhstan")
    make_claim(event_record=duplicate)
    response = editor_client.post(
        reverse("desk:event_merge", args=[survivor.pk]), {"duplicates": [duplicate.pk]}
    )
    assert response.status_code == 302
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    assert survivor.claims.count() == 1


def test_desk_merge_without_a_choice_is_a_clear_error(editor_client):
    survivor = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    Event.objects.create(name="Unrest in Kazakhstan", kind="unrest", key="unrest@kazakhstan")
    response = editor_client.post(reverse("desk:event_merge", args=[survivor.pk]), {})
    assert response.status_code == 422
    assert "Choose the events to merge" in response.content.decode()


def test_desk_edit_refuses_an_end_before_the_start(editor_client):
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    data = {
        "name": "Almaty unrest",
        "kind": "unrest",
        "place": "Almaty",
        "start_date": "2022-01-10",
        "end_date": "2022-01-02",
    }
    response = editor_client.post(reverse("desk:event_edit", args=[event.pk]), data)
    assert response.status_code == 422
    assert "cannot end before it starts" in response.content.decode()
    event.refresh_from_db()
    assert event.name == "Unrest in Almaty"


def test_the_desk_is_for_editors(client):
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    client.force_login(make_user("reader"))
    assert client.get(reverse("desk:event_detail", args=[event.pk])).status_code == 403
    assert client.post(reverse("desk:event_merge", args=[event.pk]), {}).status_code == 403


def test_a_key_without_a_place_joins_the_event_of_its_kind_within_the_window():
    crash = event_for_key("crash@odisha", date(2023, 6, 2))
    assert event_for_key("crash", date(2023, 6, 4)) == crash
    assert event_for_key("crash@odisha/x", None) != crash
    EventAlias.objects.filter(key="crash").delete()
    assert event_for_key("crash", date(2023, 9, 1)) != crash


def test_desk_split_moves_the_chosen_claims_to_a_new_unreviewed_event(editor_client):
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", place="Almaty", key="unrest@almaty")
    stays, moves = make_claim(event_record=event), make_claim(event_record=event)
    make_figure(moves, event_record=event)
    response = editor_client.post(
        reverse("desk:event_split", args=[event.pk]), {"claims": [moves.pk], "name": "Unrest in Shymkent"}
    )
    new = Event.objects.get(name="Unrest in Shymkent")
    assert response.status_code == 302 and response["Location"] == new.get_desk_url()
    assert list(new.claims.all()) == [moves] and list(event.claims.all()) == [stays]
    assert Figure.objects.get(claim=moves).event_record == new and not new.is_reviewed


def test_desk_split_of_every_claim_is_refused_with_a_reason(editor_client):
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    claims = [make_claim(event_record=event), make_claim(event_record=event)]
    response = editor_client.post(
        reverse("desk:event_split", args=[event.pk]), {"claims": [c.pk for c in claims], "name": "Other"}
    )
    assert response.status_code == 422
    assert "rename it instead" in response.content.decode()
    assert event.claims.count() == 2


def test_admin_merge_keeps_the_event_with_most_claims(client):
    from tests.factories import make_admin

    client.force_login(make_admin("boss", is_superuser=True))
    big = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    small = Event.objects.create(name="Unrest in Kazakhstan", kind="unrest", key="unrest@kazakhstan")
    make_claim(event_record=big), make_claim(event_record=big), make_claim(event_record=small)
    response = client.post(
        reverse("admin:claims_event_changelist"),
        {"action": "merge_events", "_selected_action": [big.pk, small.pk]},
    )
    assert response.status_code == 302
    assert list(Event.objects.all()) == [big] and big.claims.count() == 3
    assert EventRedirect.objects.filter(old_slug=small.slug, event=big).exists()


def test_a_key_named_after_another_place_of_the_event_joins_it_when_the_article_names_that_place():
    lahaina = event_for_key("fire@lahaina", date(2023, 8, 9))
    article = "Maui wildfire toll rises\n\nThe fire that destroyed Lahaina has killed 93 people on Maui."
    assert event_for_key("fire@maui", date(2023, 8, 12), text=article) == lahaina
    assert lahaina.aliases.filter(key="fire@maui").exists()  # later articles named after Maui follow


def test_a_key_joins_the_event_whose_articles_name_its_place():
    odisha = event_for_key("crash@odisha", date(2023, 6, 2))
    body = "Three trains collided near Balasore in Odisha; 288 people were killed."
    make_claim(article=make_article(body=body), event_record=odisha)
    # This article names only Balasore; the stored one about the Odisha crash names it too.
    assert event_for_key("crash@balasore", date(2023, 6, 3), text="Balasore train crash toll") == odisha


def test_naming_a_place_does_not_join_another_kind_a_past_event_or_another_time():
    explosion = event_for_key("explosion@beirut", date(2020, 8, 4))
    text = "Protesters in Beirut blamed the government for the explosion in the port of Beirut."
    assert event_for_key("unrest@beirut", date(2020, 8, 8), text=text) != explosion
    past = event_for_key("fire@lahaina/2018", date(2023, 8, 9))  # a past fire named for comparison
    assert event_for_key("fire@maui", date(2023, 8, 10), text="Fires in Lahaina and Maui") != past
    event_for_key("flood@dhaka", date(2022, 6, 1))
    later = event_for_key("flood@sylhet", date(2022, 9, 1), text="Floods in Sylhet and Dhaka")
    assert later.place == "Sylhet"
    assert event_for_key("flood@chittagong", date(2022, 9, 2), text="Rain over Chittagong") != later


def test_a_past_event_named_by_two_articles_after_their_own_places_is_one_event():
    camp_fire = event_for_key("fire@lahaina/2018", date(2023, 8, 10))
    text = "Lahaina's toll surpasses the 85 people killed in California's Camp Fire in 2018."
    assert event_for_key("fire@maui/2018", date(2023, 8, 20), text=text) == camp_fire
    assert event_for_key("fire@maui/1918", date(2023, 8, 20), text=text) != camp_fire  # another year
    assert event_for_key("flood@maui/2018", date(2023, 8, 20), text=text) != camp_fire  # another kind
