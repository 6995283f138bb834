"""Whether two spellings of a person's name are one person: transliterations vary between outlets.

"Ajar Guiniat" and "Azhar Giniyat" are one deputy minister; "Levant Wire" and "Lebanon Wire" are two
outlets. So fuzzy matching is only for people's names, token by token, after folding the spelling
differences that transliteration from Cyrillic or Arabic produces (zh/j, kh/h, y/i, doubled letters).
"""

import re
import unicodedata

from rapidfuzz import fuzz

# Applied in order: the longer spellings first so that "dzh" is not half-folded by "zh".
TRANSLITERATION_FOLDS = [
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),
    ("ui", "i"),
    ("ie", "i"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
]
TOKEN_THRESHOLD = 80
NAME_THRESHOLD = 85


def name_skeleton(name):
    """Lowercase ASCII tokens with transliteration differences folded away."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    tokens = []
    for token in re.findall(r"[a-z]+", ascii_name):
        for spelling, folded in TRANSLITERATION_FOLDS:
            token = token.replace(spelling, folded)
        tokens.append(re.sub(r"(.)\1+", r"\1", token))
    return tokens


def same_person(first, second):
    """True when two person names differ only by transliteration or a small slip, token for token."""
    a, b = name_skeleton(first), name_skeleton(second)
    if len(a) != len(b) or len(a) < 2:
        return False
    if any(fuzz.ratio(x, y) < TOKEN_THRESHOLD for x, y in zip(a, b, strict=True)):
        return False
    return fuzz.ratio(" ".join(a), " ".join(b)) >= NAME_THRESHOLD


def best_person_match(name, candidates):
    """The candidate (name, key) that is the same person as `name`, the closest one when several are."""
    target = " ".join(name_skeleton(name))
    matches = [
        (fuzz.ratio(target, " ".join(name_skeleton(c))), key) for c, key in candidates if same_person(name, c)
    ]
    return max(matches)[1] if matches else None
