"""Every change to a claim, verdict or contradiction leaves exactly one history record per changed row:
desk actions, bulk actions, source merges and deletions included (no queryset update slips past)."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse

from claims.models import Claim, Contradiction, Source, Verdict
from tests.factories import (
    make_admin,
    make_claim,
    make_contradiction,
    make_editor,
    make_figure,
    make_source,
    make_verdict,
)

pytestmark = pytest.mark.django_db

EDIT = {"rating": "false", "headline": "The count was wrong", "summary": "It was revised.", "explanation": ""}


def history_rows():
    """(model, object id) → number of history records, for every historied model."""
    counts = Counter()
    for model in (Claim, Verdict, Contradiction):
        for object_id in model.history.values_list("id", flat=True):
            counts[(model.__name__, object_id)] += 1
    return counts


def new_records(before):
    after = history_rows()
    return {key: after[key] - before[key] for key in after if after[key] != before[key]}


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_saving_a_verdict_records_it_once(desk):
    verdict = make_verdict(claim=make_claim(status=Claim.Status.VERDICT_DRAFTED))
    before = history_rows()
    desk.post(f"/desk/claims/{verdict.claim_id}/verdict/", {**EDIT, "version": 1})
    assert new_records(before) == {("Verdict", verdict.pk): 1}


def test_drafting_the_first_verdict_records_the_verdict_and_the_claim_once_each(desk, editor):
    claim = make_claim(status=Claim.Status.IN_REVIEW)
    before = history_rows()
    desk.post(f"/desk/claims/{claim.pk}/verdict/", EDIT)
    verdict = Verdict.objects.get(claim=claim)
    assert new_records(before) == {("Verdict", verdict.pk): 1, ("Claim", claim.pk): 1}
    assert verdict.history.latest().history_user == editor


def test_publishing_from_review_records_the_claim_once(desk, editor):
    claim = make_claim(status=Claim.Status.IN_REVIEW)
    verdict = make_verdict(claim=claim)
    before = history_rows()
    desk.post(f"/desk/claims/{claim.pk}/publish/", {"publish-confirm": "on"})
    assert new_records(before) == {("Claim", claim.pk): 1, ("Verdict", verdict.pk): 1}
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.history.latest().history_user == editor


@pytest.mark.parametrize(
    ("url_suffix", "data"), [("move/", {"status": "in_review"}), ("assign/", {})], ids=["move", "assign"]
)
def test_a_claim_action_records_the_claim_once(desk, url_suffix, data):
    claim = make_claim()
    before = history_rows()
    desk.post(f"/desk/claims/{claim.pk}/{url_suffix}", data)
    assert new_records(before) == {("Claim", claim.pk): 1}


@pytest.mark.parametrize("action", ["assign_me", "review", "dismiss"])
def test_a_bulk_action_records_each_changed_claim_once(desk, action):
    claims = [make_claim() for _ in range(3)]
    untouched = make_claim(status=Claim.Status.PUBLISHED)
    before = history_rows()
    desk.post("/desk/claims/bulk/", {"action": action, "claims": [c.pk for c in [*claims, untouched]]})
    expected = {("Claim", c.pk): 1 for c in claims}
    if action == "assign_me":
        expected[("Claim", untouched.pk)] = 1  # assigning fits any status
    assert new_records(before) == expected


@pytest.mark.parametrize(
    ("action", "data"),
    [("confirm", {}), ("dismiss", {}), ("explain", {"resolution": "update"})],
)
def test_a_board_action_records_the_contradiction_once(desk, action, data):
    contradiction = make_contradiction()
    before = history_rows()
    desk.post(f"/desk/contradictions/{contradiction.pk}/{action}/", data)
    assert new_records(before) == {("Contradiction", contradiction.pk): 1}


def test_reopening_records_the_contradiction_once(desk, editor):
    contradiction = make_contradiction()
    contradiction.confirm(by=editor)
    before = history_rows()
    desk.post(f"/desk/contradictions/{contradiction.pk}/reopen/")
    assert new_records(before) == {("Contradiction", contradiction.pk): 1}


def test_merging_sources_records_each_moved_claim_once():
    keep, duplicate = make_source("Khabar 24"), make_source("Khabar-24 TV")
    spoken = [make_claim(speaker=duplicate) for _ in range(2)]
    before = history_rows()
    keep.merge([duplicate])
    assert new_records(before) == {("Claim", c.pk): 1 for c in spoken}
    assert all(c.history.latest().speaker_id == keep.pk for c in spoken)


def test_merging_sources_in_the_admin_records_who_did_it(client):
    admin = make_admin()
    client.force_login(admin)
    keep, duplicate = make_source("Interfax"), make_source("Interfax-Kazakhstan")
    claim = make_claim(speaker=duplicate)
    client.post(
        reverse("admin:claims_source_changelist"),
        {
            "action": "merge_sources",
            "_selected_action": [keep.pk, duplicate.pk],
            "post": "yes",
            "keep": keep.pk,
        },
    )
    assert claim.history.latest().speaker_id == keep.pk
    assert claim.history.latest().history_user == admin


def test_deleting_a_source_records_the_claims_that_lose_their_speaker():
    speaker = make_source("Deleted Person", kind=Source.Kind.PERSON)
    claim = make_claim(speaker=speaker)
    before = history_rows()
    Source.objects.filter(pk=speaker.pk).delete()
    assert new_records(before) == {("Claim", claim.pk): 1}
    assert claim.history.latest().speaker_id is None


def test_deleting_a_figure_records_the_contradictions_that_lose_it():
    first, second = make_claim(), make_claim()
    figure = make_figure(claim=first)
    contradiction = make_contradiction(first, second, figure_a=figure)  # first is claim_a: the smaller id
    before = history_rows()
    figure.delete()
    assert new_records(before) == {("Contradiction", contradiction.pk): 1}


def test_deleting_a_claim_records_its_deletion_and_its_contradictions():
    first, second = make_claim(), make_claim()
    make_figure(claim=first)
    contradiction = make_contradiction(first, second)
    claim_id, contradiction_id = first.pk, contradiction.pk
    before = history_rows()
    first.delete()
    assert new_records(before) == {("Claim", claim_id): 1, ("Contradiction", contradiction_id): 1}
    assert Claim.history.filter(id=claim_id).latest().history_type == "-"


def test_no_code_path_updates_historied_rows_with_a_queryset_update():
    """A guard for new code: `.update()` or `bulk_update()` on claims, verdicts or contradictions leaves no
    history. The one allowed use claims a verdict's version in Verdict.save_edit, before a recorded save."""
    pattern = re.compile(r"\b(Claim|Verdict|Contradiction)\.objects\..*\.(update|bulk_update)\(")
    found = [
        f"{path}: {line.strip()}"
        for path in Path("claims").rglob("*.py")
        if "migrations" not in path.parts
        for line in path.read_text().splitlines()
        if pattern.search(line) and "version=expected_version" not in line
    ]
    assert found == []
