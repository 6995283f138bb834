"""When two spellings name one source, and when a name should not become a source at all.

Every source's name is compared through keys (see `comparison_keys`), each built from the name as a
reader sees it: right-to-left overrides (U+202E) put in display order, invisible format characters
(bidi marks, zero-width spaces, soft hyphens) dropped, NFKC folding fullwidth "Ｎｏｍａｄ" to "Nomad".

- `name_key`: case, spaces and punctuation ignored: "Khabar 24" = "khabar-24". Equal keys: one source.
- `base_key`: the name_key without trailing media words: "Khabar-24 TV" finds "Khabar 24".
- `look_alike_key`: the base_key with Cyrillic and Greek letters that look Latin read as Latin, so
  "Nоmad Wirе" (with a Cyrillic о and е) meets "Nomad Wire". Equal look-alike keys alone never merge:
  the new source is flagged for an admin as a possible duplicate ("Хабар 24" is a real spelling).

People's names are also matched fuzzily, token by token: "Ajar Guiniat" and "Azhar Giniyat" are one
deputy minister, "Levant Wire" and "Lebanon Wire" two outlets. Transliteration differences from Cyrillic
or Arabic are folded first (zh/j, kh/h, y/i, doubled letters).
"""

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

# --- what a reader sees ---------------------------------------------------------------------------------

LEFT_TO_RIGHT_OVERRIDE, RIGHT_TO_LEFT_OVERRIDE = "\u202d", "\u202e"
EMBEDDINGS = {"\u202a", "\u202b", LEFT_TO_RIGHT_OVERRIDE, RIGHT_TO_LEFT_OVERRIDE}  # each closed by U+202C
POP_DIRECTIONAL_FORMATTING = "\u202c"


def in_display_order(text):
    """The characters in the order a reader sees them: a right-to-left override's run reversed."""
    runs = [[None, []]]  # [the character that opened the run, its pieces]
    for ch in text:
        if ch in EMBEDDINGS:
            runs.append([ch, []])
        elif ch == POP_DIRECTIONAL_FORMATTING and len(runs) > 1:
            _close(runs)
        else:
            runs[-1][1].append(ch)
    while len(runs) > 1:  # an override left open runs to the end of the name
        _close(runs)
    return "".join(runs[0][1])


def _close(runs):
    opener, pieces = runs.pop()
    run = "".join(pieces)
    runs[-1][1].append(run[::-1] if opener == RIGHT_TO_LEFT_OVERRIDE else run)


def visible_name(name):
    """The name as a reader sees it, in display order, without format characters, NFKC-folded, spaces
    collapsed: what is stored for a new source, so that the admin shows what the pages show."""
    text = unicodedata.normalize("NFKC", in_display_order(name or ""))
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())


# --- comparison keys ------------------------------------------------------------------------------------

# Words that name the medium, not the outlet: "Khabar-24 TV" is Khabar 24. Longest first; each is a
# sequence of name tokens. Only trailing ones are dropped, and never the whole name.
MEDIA_SUFFIXES = sorted(
    [
        ("tv",),
        ("tv", "channel"),
        ("television",),
        ("channel",),
        ("radio",),
        ("news",),
        ("news", "agency"),
        ("agency",),
        ("online",),
    ],
    key=len,
    reverse=True,
)

# Cyrillic and Greek letters that look like a Latin one (from Unicode's confusables.txt, the letters a
# name could hide among Latin ones). Uppercase and lowercase, because the key is taken before casefolding:
# a Cyrillic "М" looks like "M", its lowercase "м" less so.
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "а": "a", "В": "B", "Е": "E", "е": "e", "Ё": "E", "ё": "e", "К": "K", "к": "k",
        "М": "M", "м": "m", "Н": "H", "О": "O", "о": "o", "Р": "P", "р": "p", "С": "C", "с": "c",
        "Т": "T", "У": "Y", "у": "y", "Х": "X", "х": "x", "І": "I", "і": "i", "Ї": "I", "ї": "i",
        "Ј": "J", "ј": "j", "Ѕ": "S", "ѕ": "s", "Ԁ": "D", "ԁ": "d", "Ԛ": "Q", "ԛ": "q", "Ԝ": "W",
        "ԝ": "w", "Ү": "Y", "Һ": "h", "һ": "h", "Ӏ": "l", "ӏ": "l",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "ο": "o", "Ρ": "P", "ρ": "p", "Τ": "T", "Υ": "Y", "υ": "u", "Χ": "X", "ν": "v",
        "ι": "i", "κ": "k", "α": "a",
    }
)  # fmt: skip


def name_tokens(name):
    """Casefolded words and numbers of the visible name; punctuation and hyphens separate them."""
    folded = unicodedata.normalize("NFKC", visible_name(name).casefold())
    return re.findall(r"[^\W_]+", folded)


def without_media_suffix(tokens):
    for suffix in MEDIA_SUFFIXES:
        if len(tokens) > len(suffix) and tuple(tokens[-len(suffix) :]) == suffix:
            return tokens[: -len(suffix)]
    return tokens


@dataclass(frozen=True)
class NameKeys:
    name_key: str
    base_key: str
    look_alike_key: str

    @property
    def has_media_suffix(self):
        return self.base_key != self.name_key


def comparison_keys(name):
    tokens = name_tokens(name)
    look_alike_tokens = name_tokens(visible_name(name).translate(LOOK_ALIKES))
    return NameKeys(
        name_key="".join(tokens),
        base_key="".join(without_media_suffix(tokens)),
        look_alike_key="".join(without_media_suffix(look_alike_tokens)),
    )


def name_key(name):
    return comparison_keys(name).name_key


def scripts_in(word):
    """The alphabets a word's letters come from: "LATIN", "CYRILLIC", "GREEK"…"""
    return {unicodedata.name(ch, "?").split()[0] for ch in word if ch.isalpha()}


def mixed_script_words(name):
    """Words that mix alphabets, as no real spelling does: "Nоmad" with a Cyrillic "о"."""
    return [word for word in visible_name(name).split() if len(scripts_in(word)) > 1]


# --- names that are not one source ----------------------------------------------------------------------

# A speaker named only by these words ("the regional health department", "power company", "the police")
# is some body somewhere: made a source, it would collect every later story's police from any country.
# Such names stay the claim's own text until an editor links a source (an alias, say). A name with any
# other word ("Almaty City Police Department", "Ministry of Health of Kazakhstan") is specific.
GENERIC_WORDS = {
    # determiners and scope
    "the", "a", "an", "its", "their", "local", "regional", "state", "city", "district", "provincial",
    "national", "federal", "municipal", "central", "county", "town", "village", "area", "country's",
    "of", "for", "and", "on",
    # what the body deals with
    "health", "healthcare", "power", "water", "electricity", "energy", "gas", "emergency", "emergencies",
    "interior", "internal", "foreign", "affairs", "defence", "defense", "education", "transport",
    "finance", "justice", "fire", "rescue", "public", "civil", "security", "traffic", "environment",
    "agriculture", "labour", "labor", "social", "situations", "information", "utility", "electric",
    # the body
    "department", "departments", "ministry", "ministries", "company", "companies", "police", "authorities",
    "authority", "officials", "official", "office", "agency", "service", "services", "government",
    "council", "committee", "administration", "hospital", "hospitals", "spokesperson", "spokesman",
    "spokeswoman", "operator", "board", "commission", "prosecutor", "prosecutors", "court", "army",
    "military", "forces", "troops", "medics", "doctors", "rescuers", "firefighters", "sources", "witnesses",
    "residents", "statement", "ministry's", "department's",
}  # fmt: skip


def is_generic_body(name):
    visible = visible_name(name)
    tokens = re.findall(r"[^\W_]+(?:'s)?", visible.casefold())
    if not tokens:
        return False
    # English capitalises proper names: a body written all in lower case ("the coast guard", "mayor's
    # office") is a description, whatever its words, and a capitalised one is generic only in these words.
    return visible == visible.lower() or all(token in GENERIC_WORDS for token in tokens)


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
