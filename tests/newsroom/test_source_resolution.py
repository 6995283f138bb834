"""`resolve_source`: one source however its name is spelt, a flag for names that only look alike, and
no global source for a generic body ("the police") that every later story would collide with."""

import pytest

from claims.models import Source
from claims.newsroom.ingest import resolve_source
from tests.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomad():
    return make_source("Nomad Wire")


@pytest.mark.parametrize(
    "spelling",
    [
        "\u202eeriW damoN",  # reversed by a right-to-left override
        "Ｎｏｍａｄ Ｗｉｒｅ",  # fullwidth
        "Nomad\u200b Wire",  # a zero-width space
        "nomad-wire",
    ],
)
def test_spellings_a_reader_cannot_tell_apart_find_the_same_source(nomad, spelling):
    assert resolve_source(spelling) == nomad
    assert Source.objects.count() == 1


def test_a_medium_word_does_not_make_another_outlet():
    khabar = make_source("Khabar 24", kind=Source.Kind.BROADCASTER)
    assert resolve_source("Khabar-24 TV") == khabar
    assert resolve_source("KHABAR 24 Television") == khabar


def test_the_plain_name_finds_the_outlet_stored_with_its_medium():
    khabar = make_source("Khabar 24 TV", kind=Source.Kind.BROADCASTER)
    assert resolve_source("Khabar 24") == khabar


def test_two_outlets_that_name_different_media_stay_apart():
    tv = make_source("Kazakh TV", kind=Source.Kind.BROADCASTER)
    radio = resolve_source("Kazakh Radio")
    assert radio != tv
    assert radio.possible_duplicate_of == tv  # an admin decides


def test_a_name_with_look_alike_letters_is_flagged_not_merged_or_left_unnoticed(nomad):
    twin = resolve_source("N\u043emad Wir\u0435")  # Cyrillic о and е
    assert twin != nomad
    assert twin.possible_duplicate_of == nomad
    assert "Nomad Wire" in twin.review_note and "another alphabet" in twin.review_note
    assert list(Source.objects.needing_review()) == [twin]
    assert resolve_source("N\u043emad Wir\u0435") == twin  # the same spelling again: no third one


def test_a_mixed_alphabet_name_is_flagged_even_without_a_twin():
    source = resolve_source("St\u0435ppe Courier")
    assert source.possible_duplicate_of is None
    assert "different alphabets" in source.review_note


def test_an_all_cyrillic_name_is_not_flagged():
    assert resolve_source("\u0425\u0430\u0431\u0430\u0440 24").review_note == ""  # Хабар 24


def test_a_new_source_is_stored_as_a_reader_sees_it():
    assert resolve_source("\u202eeriW damoN").name == "Nomad Wire"
    assert resolve_source("Ｓｔｅｐｐｅ Ｃｏｕｒｉｅｒ").name == "Steppe Courier"


@pytest.mark.parametrize("name", ["regional health department", "the power company", "the police"])
def test_a_generic_body_is_not_made_a_source(name):
    assert resolve_source(name, Source.Kind.PERSON) is None
    assert not Source.objects.exists()


def test_a_generic_body_an_editor_linked_by_an_alias_is_found():
    ministry = make_source("Ministry of Internal Affairs of Kazakhstan", kind=Source.Kind.OFFICIAL_BODY)
    ministry.add_alias("interior ministry")
    assert resolve_source("the interior ministry") is None  # not the alias
    assert resolve_source("interior ministry") == ministry


def test_an_ingested_claim_keeps_a_generic_speaker_in_its_own_words():
    from claims.newsroom.ingest import ingest_article

    first = ingest_article(
        "At least 40 people were injured in the blast, the regional health department said on Monday.",
        publisher="Steppe Courier",
    )
    second = ingest_article(
        "More than 300 homes lost power after the storm, the regional health department said on Tuesday.",
        publisher="Coastal Herald",
    )
    claims = [*first.claims, *second.claims]
    assert claims and all(claim.speaker is None for claim in claims)
    assert all(claim.speaker_role == "regional health department" for claim in claims)
    assert not Source.objects.filter(name__icontains="health department").exists()
