"""The data model's own rules: constraints the database enforces and workflow moves the models refuse."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Claim, Contradiction, EditConflict, IllegalTransition, Source, SourceAlias, Verdict

from .factories import (
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
