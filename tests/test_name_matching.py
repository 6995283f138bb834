import pytest

from claims.name_matching import best_person_match, name_skeleton, same_person


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
