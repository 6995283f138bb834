"""Trigram similarity of two texts, computed the way PostgreSQL's pg_trgm does, in plain Python.

pg_trgm lower-cases the text, splits it into words of letters and digits, pads each word with two spaces
in front and one behind, and compares the sets of three-character pieces: shared / all. Computing the
same thing here lets SQLite (tests, small newsrooms) use the same threshold as PostgreSQL.
"""

import re

WORD_RE = re.compile(r"\w+")


def trigrams(text):
    found = set()
    for word in WORD_RE.findall(text.casefold()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def trigram_similarity(first, second):
    a, b = trigrams(first), trigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
