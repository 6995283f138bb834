"""The data model's own rules: constraints the database enforces and workflow moves the models refuse."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import (
    Claim,
    Contradiction,
    EditConflict,
    IllegalTransition,
    RetiredVerdictSlug,
    Source,
    SourceAlias,
    Verdict,
)
from tests.factories import (
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_figure,
    make_source,
    make_verdict,
)

pytestmark = pytest.mark.django_db


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# --- Database constraints ------------------------------------------------------------------------------


def test_figure_low_above_value_is_rejected():
    claim = make_claim()
    assert_rejected(lambda: make_figure(claim, value=100, low=101))


def test_figure_value_above_high_is_rejected():
    claim = make_claim()
    assert_rejected(lambda: make_figure(claim, value=400, high=399))


def test_figure_low_above_high_is_rejected():
    claim = make_claim()
    assert_rejected(lambda: make_figure(claim, value=None, low=400, high=300))


def test_claim_span_starting_at_its_end_is_rejected():
    article = make_article()
    assert_rejected(lambda: make_claim(article, text="Dozens killed.", start=10, end=10))


def test_figure_span_starting_after_its_end_is_rejected():
    claim = make_claim()
    assert_rejected(lambda: make_figure(claim, start=20, end=5))


def test_published_verdict_without_published_at_is_rejected():
    claim = make_claim()
    assert_rejected(lambda: make_verdict(claim, is_published=True, published_at=None))


def test_source_name_differing_only_in_case_is_rejected():
    make_source("Khabar 24")
    assert_rejected(lambda: make_source("KHABAR 24"))


def test_duplicate_article_url_is_rejected():
    make_article(url="https://steppecourier.example/almaty")
    assert_rejected(lambda: make_article(url="https://steppecourier.example/almaty"))


def test_articles_without_url_may_be_many():
    make_article(url="")
    make_article(url="")


def test_same_contradiction_pair_is_rejected():
    first, second = make_claim(), make_claim()
    make_contradiction(first, second)
    assert_rejected(lambda: make_contradiction(second, first))


def test_contradiction_pair_out_of_order_is_rejected():
    first, second = make_claim(), make_claim()
    assert_rejected(
        lambda: Contradiction.objects.create(claim_a=second, claim_b=first, kind="count", explanation="x")
    )


def test_ordered_pair_puts_the_smaller_id_first():
    first, second = make_claim(), make_claim()
    assert Contradiction.ordered_pair(second, first) == (first, second)
    assert Contradiction.ordered_pair(first, second) == (first, second)


# --- Workflow ------------------------------------------------------------------------------------------


def test_new_claim_cannot_be_published():
    claim = make_claim()
    with pytest.raises(IllegalTransition):
        claim.move_to(Claim.Status.PUBLISHED)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_claim_needs_a_verdict_before_verdict_drafted():
    claim = make_claim()
    claim.start_review(by=make_editor())
    with pytest.raises(IllegalTransition):
        claim.move_to(Claim.Status.VERDICT_DRAFTED)


def test_start_review_assigns_the_editor():
    editor = make_editor()
    claim = make_claim()
    claim.start_review(by=editor)
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (Claim.Status.IN_REVIEW, editor)


def test_publishing_a_verdict_publishes_its_claim():
    editor = make_editor()
    claim = make_claim()
    claim.start_review(by=editor)
    verdict = make_verdict(claim, author=editor)
    verdict.publish(by=editor)
    claim.refresh_from_db()
    verdict.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert verdict.is_published and verdict.published_at is not None


def test_contradiction_cannot_be_confirmed_twice():
    contradiction = make_contradiction()
    contradiction.confirm()
    with pytest.raises(IllegalTransition):
        contradiction.confirm()
    assert Contradiction.objects.get().status == Contradiction.Status.CONFIRMED


def test_explaining_as_other_needs_a_note():
    contradiction = make_contradiction()
    with pytest.raises(IllegalTransition):
        contradiction.explain(Contradiction.Explanation.OTHER, note="  ")


# --- Conflicting edits ---------------------------------------------------------------------------------


def test_save_edit_with_a_stale_version_raises_and_changes_nothing():
    verdict = make_verdict(headline="Mostly accurate")
    stale = Verdict.objects.get(pk=verdict.pk)
    verdict.save_edit(verdict.version, headline="Accurate at the time")

    with pytest.raises(EditConflict) as conflict:
        stale.save_edit(stale.version, headline="Wrong", summary="Overwritten")

    verdict.refresh_from_db()
    assert verdict.headline == "Accurate at the time"
    assert verdict.summary != "Overwritten"
    assert verdict.version == 2
    assert conflict.value.current.headline == "Accurate at the time"


def test_save_edit_with_the_current_version_applies_and_bumps_it():
    verdict = make_verdict()
    verdict.save_edit(1, headline="Accurate at the time")
    verdict.refresh_from_db()
    assert (verdict.headline, verdict.version) == ("Accurate at the time", 2)


# --- Sources -------------------------------------------------------------------------------------------


def test_matching_finds_khabar_24_spelt_with_a_hyphen():
    khabar = make_source("Khabar 24")
    assert list(Source.objects.matching("khabar-24")) == [khabar]


def test_matching_finds_a_source_by_alias():
    khabar = make_source("Khabar 24")
    SourceAlias.objects.create(source=khabar, name="Хабар 24")
    assert list(Source.objects.matching("хабар-24")) == [khabar]


def test_matching_finds_the_deputy_minister_by_another_transliteration():
    giniyat = make_source("Azhar Giniyat", kind=Source.Kind.PERSON)
    giniyat.add_alias("Ajar Guiniat")
    assert list(Source.objects.matching("ajar guiniat")) == [giniyat]


def test_add_alias_skips_a_spelling_of_the_name_itself():
    khabar = make_source("Khabar 24")
    assert khabar.add_alias("Khabar-24") is None
    assert not khabar.aliases.exists()


def test_merge_keeps_the_duplicates_names_as_aliases():
    kept, duplicate = make_source("Ministry of Health"), make_source("Health Ministry")
    article = make_article(publisher=duplicate)
    kept.merge([duplicate])
    article.refresh_from_db()
    assert article.publisher == kept
    assert not Source.objects.filter(pk=duplicate.pk).exists()
    assert list(Source.objects.matching("health ministry")) == [kept]


def test_resolving_a_contradiction_stamps_the_time():
    contradiction = make_contradiction()
    before = timezone.now()
    contradiction.dismiss(note="Different days.")
    contradiction.refresh_from_db()
    assert contradiction.resolved_at >= before


# --- The verdict's published copy, withdrawals and addresses -------------------------------------------


def published(headline="Injury count holds up", **fields):
    editor = make_editor()
    claim = make_claim()
    claim.start_review(by=editor)
    verdict = make_verdict(claim, author=editor, headline=headline, **fields)
    verdict.publish(by=editor)
    return verdict


def test_a_verdict_marked_published_without_its_copy_is_rejected():
    verdict = make_verdict()
    assert_rejected(
        lambda: Verdict.objects.filter(pk=verdict.pk).update(is_published=True, published_at=timezone.now())
    )


def test_a_withdrawal_without_a_reason_is_rejected():
    verdict = published()
    assert_rejected(
        lambda: Verdict.objects.filter(pk=verdict.pk).update(is_published=False, withdrawn_at=timezone.now())
    )


def test_a_published_verdict_cannot_also_be_withdrawn():
    verdict = published()
    assert_rejected(
        lambda: Verdict.objects.filter(pk=verdict.pk).update(
            withdrawn_at=timezone.now(), withdrawal_reason="x"
        )
    )


def test_the_database_refuses_an_explanation_over_the_limit():
    verdict = make_verdict()
    assert_rejected(lambda: Verdict.objects.filter(pk=verdict.pk).update(explanation="x" * 20_001))


def test_publishing_copies_the_draft_and_renders_it_once():
    verdict = published(explanation="See **the statement** <script>alert(1)</script>")
    verdict.refresh_from_db()
    assert verdict.published_version == verdict.version
    assert verdict.published_headline == verdict.headline
    assert verdict.published_body_html == "<p>See <strong>the statement</strong> </p>"
    assert verdict.published_body_text == "See the statement"


def test_editing_after_reopening_changes_the_draft_only():
    verdict = published(headline="Injury count holds up")
    verdict.claim.move_to(Claim.Status.IN_REVIEW)
    verdict.save_edit(verdict.version, headline="Revised draft")
    verdict.refresh_from_db()
    assert verdict.is_published and verdict.published_headline == "Injury count holds up"
    assert verdict.headline == "Revised draft" and verdict.changes_what_readers_saw


def test_a_published_verdict_cannot_be_edited_without_reopening():
    verdict = published()
    with pytest.raises(IllegalTransition, match="reopen"):
        verdict.save_edit(verdict.version, headline="Sneaky edit")


def test_dismissing_a_claim_with_a_public_verdict_needs_a_reason_and_withdraws_it():
    verdict = published()
    claim = verdict.claim
    claim.move_to(Claim.Status.IN_REVIEW)
    with pytest.raises(IllegalTransition, match="why"):
        claim.dismiss()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    claim.dismiss(reason="  The statement was retracted.  ")
    verdict.refresh_from_db()
    assert not verdict.is_published and verdict.is_withdrawn
    assert verdict.withdrawal_reason == "The statement was retracted."
    assert claim.status == Claim.Status.DISMISSED


def test_publishing_a_version_other_than_the_one_looked_at_is_refused():
    verdict = published()
    verdict.claim.move_to(Claim.Status.IN_REVIEW)
    verdict.save_edit(verdict.version, headline="Newer draft")
    with pytest.raises(EditConflict):
        verdict.publish(expected_version=verdict.version - 1)


def test_a_new_claim_with_a_saved_draft_may_move_to_verdict_drafted():
    claim = make_claim()
    make_verdict(claim)
    claim.mark_drafted()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_DRAFTED


def test_the_slug_follows_the_headline_until_first_publication():
    verdict = make_verdict(headline="First try")
    verdict.refresh_from_db()
    verdict.headline = "Injury count holds up"
    verdict.save()
    assert verdict.slug == "injury-count-holds-up"
    verdict.claim.start_review()
    verdict.publish()
    verdict.claim.move_to(Claim.Status.IN_REVIEW)
    verdict.save_edit(verdict.version, headline="A different headline")
    verdict.refresh_from_db()
    assert verdict.slug == "injury-count-holds-up"


def test_a_changed_slug_of_a_published_verdict_is_kept_as_a_retired_address():
    verdict = published(headline="Injury count holds up")
    verdict.refresh_from_db()
    verdict.slug = "injury-count"
    verdict.save()
    assert list(verdict.retired_slugs.values_list("slug", flat=True)) == ["injury-count-holds-up"]
    other = make_verdict(headline="Injury count holds up")
    assert other.slug == "injury-count-holds-up-2"  # a retired address is never handed out again


def test_a_retired_slug_is_unique():
    verdict = published()
    RetiredVerdictSlug.objects.create(slug="old-address", verdict=verdict)
    assert_rejected(lambda: RetiredVerdictSlug.objects.create(slug="old-address", verdict=verdict))


def test_withdrawing_through_a_stale_copy_keeps_the_newer_draft():
    verdict = published(headline="Injury count holds up")
    verdict.claim.move_to(Claim.Status.IN_REVIEW)
    stale = Verdict.objects.select_related("claim").get(pk=verdict.pk)
    verdict.save_edit(verdict.version, headline="Newer draft")
    stale.claim.dismiss(reason="Retracted.")
    verdict.refresh_from_db()
    assert verdict.is_withdrawn and verdict.headline == "Newer draft"
