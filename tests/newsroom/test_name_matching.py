import pytest

from claims.name_matching import (
    best_person_match,
    comparison_keys,
    is_generic_body,
    mixed_script_words,
    name_skeleton,
    same_person,
    visible_name,
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ajar Guiniat", "Azhar Giniyat"),
        ("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokaev"),
        ("Marwan Abboud", "Marwan Aboud"),
    ],
)
def test_transliterated_spellings_are_one_person(first, second):
    assert same_person(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Levant Wire", "Lebanon Wire"),
        ("Hamad Hassan", "Hassan Diab"),
        ("John Smith", "Jane Smith"),
        ("Ali Hassan", "Ali Hussein"),
        ("Azirbek", "Azirbek"),  # one token is too little to go on
    ],
)
def test_different_names_are_not_matched(first, second):
    assert not same_person(first, second)


def test_skeleton_folds_transliteration_differences():
    assert name_skeleton("Azhar Giniyat") == name_skeleton("Ajar Guiniat")


def test_best_match_prefers_the_closest_spelling():
    candidates = [("Marwan Abboudi", 1), ("Marwan Aboud", 2), ("Walid Aboud", 3)]
    assert best_person_match("Marwan Abboud", candidates) == 2
    assert best_person_match("Nobody Known", candidates) is None


# --- Names as a reader sees them, and the keys they are compared by ---------------------------------------


@pytest.mark.parametrize(
    ("spelling", "seen"),
    [
        ("\u202eeriW damoN", "Nomad Wire"),  # a right-to-left override shows the letters reversed
        ("Nomad \u202eeriW\u202c News", "Nomad Wire News"),  # closed by U+202C
        ("Ｎｏｍａｄ Ｗｉｒｅ", "Nomad Wire"),  # fullwidth
        ("Nomad\u200b Wi\u00adre\u200e", "Nomad Wire"),  # zero-width space, soft hyphen, LRM
        ("  Khabar   24 ", "Khabar 24"),
    ],
)
def test_the_visible_name_is_what_a_reader_sees(spelling, seen):
    assert visible_name(spelling) == seen
    assert comparison_keys(spelling).name_key == comparison_keys(seen).name_key


@pytest.mark.parametrize(
    ("spelling", "same_as"),
    [
        ("Khabar-24 TV", "Khabar 24"),
        ("KHABAR 24 Television", "Khabar 24"),
        ("Interfax News Agency", "Interfax"),
        ("Nomad Wire Online", "Nomad Wire"),
    ],
)
def test_a_trailing_medium_word_leaves_the_base_key_alone(spelling, same_as):
    assert comparison_keys(spelling).base_key == comparison_keys(same_as).base_key


@pytest.mark.parametrize("name", ["TV", "News", "Radio"])
def test_a_name_that_is_only_a_medium_word_keeps_it(name):
    assert comparison_keys(name).base_key == name.lower()


@pytest.mark.parametrize(
    ("spelling", "looks_like"),
    [
        ("N\u043emad Wir\u0435", "Nomad Wire"),  # Cyrillic о and е
        ("\u039dOMAD WIRE", "Nomad Wire"),  # Greek capital nu
        ("\u0422\u0410\u0421\u0421", "TACC"),  # ТАСС is all Cyrillic: it reads as Latin TACC too
    ],
)
def test_look_alike_letters_share_a_look_alike_key(spelling, looks_like):
    keys, latin = comparison_keys(spelling), comparison_keys(looks_like)
    assert keys.look_alike_key == latin.look_alike_key
    assert keys.name_key != latin.name_key  # never the same source by themselves


def test_only_words_that_mix_alphabets_are_suspicious():
    assert mixed_script_words("N\u043emad Wire") == ["N\u043emad"]
    assert mixed_script_words("\u0425\u0430\u0431\u0430\u0440 24") == []  # Хабар 24: all Cyrillic
    assert mixed_script_words("Khabar 24") == []


@pytest.mark.parametrize(
    "name",
    [
        "regional health department",
        "the power company",
        "the police",
        "Police",
        "local authorities",
        "the interior ministry",
        "Ministry of Health",
        "emergency services",
        "the coast guard",
        "mayor's office",
        "regional emergency service",
    ],
)
def test_generic_bodies_are_recognised(name):
    assert is_generic_body(name)


@pytest.mark.parametrize(
    "name",
    [
        "Almaty City Police Department",
        "Ministry of Health of Kazakhstan",
        "Kazakhstan Electricity Grid Operating Company",
        "Khabar 24",
        "Saltanat Azirbek",
        "Coast Guard District 7",
        "Mayor's Office of Lahaina",
    ],
)
def test_named_bodies_are_not_generic(name):
    assert not is_generic_body(name)
