"""Claim matching: a relayed figure finds the published verdict on it; a different event never does."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse

from claims.events.matching import (
    MAX_CANDIDATES_PER_BLOCK,
    MAX_MATCHES_PER_CLAIM,
    agreement,
    find_matches,
    store_matches,
)
from claims.events.models import ClaimMatch, Event
from claims.events.similarity import trigram_similarity
from claims.models import IllegalTransition, Verdict
from claims.newsroom.ingest import ingest_article
from claims.public.claimreview import claimreview_for
from tests.factories import make_claim, make_editor, make_figure

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")

CHECKED = """Ministry: 164 killed in Almaty unrest

The health ministry said 164 people were killed in the unrest in Almaty, as quoted by Interfax.
"""
RELAYED = """Almaty unrest toll

A total of 164 people were killed in the unrest in Almaty, the health ministry said, according to Interfax.
"""
OTHER_EVENT = """Flood in Dhaka

The disaster ministry said 164 people were killed in the flood in Dhaka.
"""


def ingest(body, day, publisher):
    return ingest_article(body, publisher=publisher, published_at=datetime(2022, 1, day, 9, tzinfo=ALMATY))


def publish_verdict_on(claim):
    claim.start_review()
    verdict = Verdict.objects.create(
        claim=claim, rating="true", headline="The ministry did say 164", summary="It did."
    )
    verdict.publish()
    return verdict


def killed_claim(result):
    return result.article.claims.filter(figures__measure="killed", is_headline=False).get()


def test_trigram_similarity_is_pg_trgms():
    assert trigram_similarity("word", "word") == 1.0
    # pg_trgm: similarity('cat', 'cats') = 3 shared of 6 trigrams ("  c"," ca","cat","at ", "ats","ts ").
    assert round(trigram_similarity("cat", "cats"), 3) == round(3 / 6, 3)
    assert trigram_similarity("", "anything") == 0.0


def test_a_relay_of_a_checked_figure_is_already_checked():
    verdict = publish_verdict_on(killed_claim(ingest(CHECKED, 6, "Steppe Courier")))
    relayed = killed_claim(ingest(RELAYED, 7, "Nomad Wire"))
    match = ClaimMatch.objects.get(claim=relayed, verdict__isnull=False)
    assert match.verdict == verdict and match.earlier == verdict.claim and match.score >= 0.3


def test_the_same_number_about_another_event_is_never_matched():
    checked = publish_verdict_on(killed_claim(ingest(CHECKED, 6, "Steppe Courier"))).claim
    other = killed_claim(ingest(OTHER_EVENT, 7, "Dhaka Daily"))
    assert other.event_record != checked.event_record
    assert not ClaimMatch.objects.filter(claim=other).exists()


def test_an_incompatible_figure_is_not_a_match():
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    earlier = make_claim(text="The ministry said 164 people were killed.", event_record=event)
    make_figure(earlier, measure="killed", value=164, low=164, high=164, event_record=event)
    later = make_claim(text="The ministry said 225 people were killed.", event_record=event)
    make_figure(later, measure="killed", value=225, low=225, high=225, event_record=event)
    assert find_matches([later]) == {}


def test_a_pair_is_stored_once_and_a_dismissal_is_remembered():
    publish_verdict_on(killed_claim(ingest(CHECKED, 6, "Steppe Courier")))
    relayed = killed_claim(ingest(RELAYED, 7, "Nomad Wire"))
    match = ClaimMatch.objects.get(claim=relayed, verdict__isnull=False)
    match.dismiss()
    store_matches([relayed])
    assert ClaimMatch.objects.get(pk=match.pk).status == ClaimMatch.Status.DISMISSED
    with pytest.raises(IntegrityError):
        ClaimMatch.objects.create(claim=relayed, earlier=match.earlier, score=0.5)


def test_matching_reads_at_most_one_block_of_candidates(django_assert_max_num_queries):
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    for n in range(MAX_CANDIDATES_PER_BLOCK + 50):
        claim = make_claim(text=f"Report {n}: the ministry said 164 people were killed.", event_record=event)
        make_figure(claim, measure="killed", value=164, low=164, high=164, event_record=event)
    new = [
        make_claim(text=f"New {n}: the ministry said 164 people were killed.", event_record=event)
        for n in range(20)
    ]
    for claim in new:
        make_figure(claim, measure="killed", value=164, low=164, high=164, event_record=event)
    with django_assert_max_num_queries(3):
        found = find_matches(new)
    assert all(len(candidates) <= MAX_MATCHES_PER_CLAIM for candidates in found.values())


def figure(text, value, low=None, high=None):
    return SimpleNamespace(text=text, value=value, low=low, high=high)


def test_the_same_number_under_another_qualifier_agrees_and_two_different_numbers_do_not():
    exact = figure("288", 288, 288, 288)
    assert agreement(figure("288", 288, 288, 288), exact) == "same figure"
    assert agreement(figure("at least 288", 288, 288, None), exact) == "same number"
    about = figure("about 1,000", 1000, 850, 1150)
    assert agreement(figure("more than 1,000", 1001, 1001, None), about) == "same number"
    # "At least 50 killed" on the first evening and "288" two days later: both true, not one claim.
    assert agreement(figure("at least 50", 50, 50, None), exact) is None
    assert agreement(figure("about 850", 850, 722, 978), about) is None
    assert agreement(figure("275", 275, 275, 275), exact) is None
    # A number in words may be the other's, when it holds it (the wording must then agree too).
    assert agreement(figure("dozens", 24, 24, 99), figure("40", 40, 40, 40)) == "overlapping"
    assert agreement(figure("dozens", 24, 24, 99), figure("288", 288, 288, 288)) is None


def test_a_relay_with_other_wording_and_qualifier_is_matched():
    event = Event.objects.create(name="Crash in Odisha", kind="crash", key="crash@odisha")
    earlier = make_claim(text="Odisha rail disaster: 288 dead, more than 1000 injured", event_record=event)
    make_figure(earlier, text="288", measure="killed", value=288, low=288, high=288, event_record=event)
    later = make_claim(
        text="At least 288 people have died in the collision of three trains, the railways ministry said.",
        event_record=event,
    )
    make_figure(later, text="At least 288", measure="killed", value=288, low=288, event_record=event)
    assert [c.earlier_id for c in find_matches([later])[later]] == [earlier.pk]


# --- the desk -------------------------------------------------------------------------------------------


@pytest.fixture
def relayed_match(client):
    client.force_login(make_editor("ed"))
    publish_verdict_on(killed_claim(ingest(CHECKED, 6, "Steppe Courier")))
    relayed = killed_claim(ingest(RELAYED, 7, "Nomad Wire"))
    return ClaimMatch.objects.get(claim=relayed, verdict__isnull=False)


def test_the_workspace_and_queue_show_already_checked(client, relayed_match):
    page = client.get(relayed_match.claim.get_absolute_url()).content.decode()
    assert 'data-testid="claim-match"' in page and "The ministry did say 164" in page
    queue = client.get(reverse("desk:queue"), {"already_checked": "on"}).content.decode()
    assert f'data-claim-id="{relayed_match.claim_id}"' in queue
    assert queue.count('data-testid="queue-row"') == 1


def test_linking_a_repeat_adds_an_appearance_without_a_new_verdict(client, relayed_match):
    url = reverse("desk:claim_match_action", args=[relayed_match.claim_id, relayed_match.pk, "repeats"])
    response = client.post(url)
    assert response.status_code == 302
    relayed_match.refresh_from_db()
    assert relayed_match.status == ClaimMatch.Status.REPEATS and relayed_match.decided_by is not None
    assert Verdict.objects.count() == 1
    review = claimreview_for(
        Verdict.objects.select_related("claim__speaker", "claim__article__publisher").get()
    )
    appearances = review["itemReviewed"]["appearance"]
    assert len(appearances) == 2
    assert appearances[1]["publisher"]["name"] == "Nomad Wire"


def test_dismissing_hides_the_match(client, relayed_match):
    client.post(
        reverse("desk:claim_match_action", args=[relayed_match.claim_id, relayed_match.pk, "dismiss"])
    )
    page = client.get(relayed_match.claim.get_absolute_url()).content.decode()
    assert 'data-testid="claim-match"' not in page


def test_an_unknown_action_or_another_claims_match_is_404(client, relayed_match):
    claim = relayed_match.claim
    assert (
        client.post(
            reverse("desk:claim_match_action", args=[claim.pk, relayed_match.pk, "publish"])
        ).status_code
        == 404
    )
    other = make_claim()
    assert (
        client.post(
            reverse("desk:claim_match_action", args=[other.pk, relayed_match.pk, "repeats"])
        ).status_code
        == 404
    )


def test_a_match_without_a_published_verdict_cannot_be_linked():
    event = Event.objects.create(name="Unrest in Almaty", kind="unrest", key="unrest@almaty")
    match = ClaimMatch.objects.create(
        claim=make_claim(event_record=event), earlier=make_claim(event_record=event), score=0.8
    )
    with pytest.raises(IllegalTransition):
        match.link_as_repeat()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_the_python_measure_agrees_with_pg_trgm():
    texts = [
        (
            "The health ministry said 164 people were killed.",
            "A total of 164 people were killed, the ministry said.",
        ),
        ("Maui fire toll reaches 115", "Officials say 115 people are confirmed to have died"),
    ]
    with connection.cursor() as cursor:
        for first, second in texts:
            cursor.execute("SELECT similarity(%s, %s)", [first, second])
            assert cursor.fetchone()[0] == pytest.approx(trigram_similarity(first, second), abs=0.01)
