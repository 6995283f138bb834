"""Who said it, and which outlets carried it.

"deputy minister Ajar Guiniat told Khabar-24 television, as quoted by the Interfax and TASS
agencies" -> speaker "Ajar Guiniat", role "deputy minister", via ["Khabar-24", "Interfax",
"TASS"] (nearest first). "he added" and "the minister said" refer back to the previous
speaker of the article.
"""

import re
from dataclasses import dataclass

ROLE_WORDS = (
    r"(?:deputy |vice |acting |former |prime |foreign |interior |health |chief |senior |regional |local |"
    r"police |fire |civil defen[cs]e |emergency |army |military |government |ministry |hospital |city |"
    r"provincial |state |district |national |general )*"
    r"(?:minister|ministers|spokes(?:man|woman|person)|governor|mayor|president|secretary general|secretary|"
    r"official|officials|chief|director|head|commander|commissioner|officer|spokesperson|prosecutor|"
    r"general|leader|ambassador|inspector|superintendent|coordinator|chairman|chairwoman|doctor|"
    r"representative|envoy|administrator|sheriff|colonel|captain|manager|"
    # Abbreviated titles before a name: "Hawaii Gov. Josh Green", "Lt. Col. Ana Ruiz".
    r"gov|sen|rep|lt|col|gen|capt|sgt|supt)"
)
ROLE_RE = re.compile(rf"^(?P<role>{ROLE_WORDS})\b", re.IGNORECASE)
_name = r"[A-Z][\w'’.-]+(?:\s+(?:al-|bin |de |van |von )?[A-Z][\w'’-]+){0,3}"
REPORTING_VERB = (
    r"(?:said|says|told|added|adds|stated|announced|reported|confirmed|tweeted|wrote|explained|noted|"
    r"declared|warned|claimed|estimated|insisted)"
)
# "<speaker> said" with the speaker just before the verb (after a comma, quote or the start).
SPEAKER_BEFORE_VERB_RE = re.compile(
    rf"(?:^|[,;:”\"]\s*|\bthat\s+)(?P<speaker>(?:[\w'’.-]+\s+){{0,6}}?[\w'’.-]+)\s+(?:has\s+|had\s+|have\s+)?"
    rf"(?P<verb>{REPORTING_VERB})\b",
)
# "said <speaker>" after a quote: "“...,” said police chief Jane Doe."
SPEAKER_AFTER_VERB_RE = re.compile(
    r"[,”\"]\s*(?:said|says|added)\s+(?P<speaker>(?:[\w'’.-]+\s+){0,5}[\w'’.-]+)"
)
ACCORDING_TO_RE = re.compile(r"\baccording to\s+(?P<speaker>[^,.;:]+)", re.IGNORECASE)
TOLD_RE = re.compile(
    r"\b(?:told|said to|speaking to|in an interview with|said on|speaking on)\s+(?P<outlet>[^,.;]+?)"
    r"(?=\s+(?:on|late|early|that|in|at|during|when|after)\b|[,.;]|$)"
)
QUOTED_BY_RE = re.compile(
    r"\b(?:as\s+)?(?:quoted|cited|reported|carried)\s+by\s+(?P<outlets>[^;.]+?)(?=[;.]|,\s+(?!and)|$)"
)
PRONOUNS = {"he", "she", "they", "it", "the spokesman", "the spokeswoman", "the official"}
NOT_OUTLETS_RE = re.compile(
    r"^(?:the\s+)?(?:reporters|journalists|a news conference|a press conference|the press|parliament|"
    r"lawmakers|residents|crowds?|him|her|them|us|me|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|\d)",
    re.IGNORECASE,
)
OUTLET_NOISE_RE = re.compile(
    r"^(?:the\s+)?(?:broadcaster|channel|news agency|agency|newspaper|daily)\s+|"
    r"\s+(?:television|tv|radio|(?-i:news agency)|agencies|agency|newspaper|broadcaster|channel)$",
    re.IGNORECASE,
)
LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
DOCUMENT_WORDS_RE = re.compile(r"\s+(?:statement|report|figures|data|tally|count|estimates?)s?\s*$", re.I)
NOT_SPEAKERS = {"it", "which", "that", "this", "there", "reports", "media", "footage", "data", "figures"}
# Unnamed outlets ("local news agencies", "state television"): a description, never a named source.
GENERIC_SOURCE_RE = re.compile(
    r"^(?:the\s+|some\s+|several\s+|many\s+|other\s+)?(?:(?:local|state|state-run|state-owned|national|"
    r"regional|foreign|international|official|independent|social|online|private|public|news)\s+)*"
    r"(?:news agenc(?:y|ies)|agencies|media|outlets|news outlets|reports|television|tv|radio|newspapers?|"
    r"press|sources|broadcasters?|channels?|news)$",
    re.IGNORECASE,
)
# Nouns that can head a speaker phrase: institutions and groups of people who give accounts.
SPEAKER_NOUN_RE = re.compile(
    r"\b(?:ministry|ministries|department|office|police|agency|service|services|committee|government|council|"
    r"association|embassy|army|military|navy|guard|court|hospitals?|authorities|authority|company|group|"
    r"witnesses|residents|survivors|rescuers|relatives|organi[sz]ers|activists|sources|medics|doctors|"
    r"paramedics|firefighters|team|commission|bureau|cent(?:er|re)|unit|forces|union|operator|airline|"
    r"statement|crescent|cross|observatory|organi[sz]ation|institute|coalition|inspectorate|directorate|"
    r"secretariat|administration|board|brigade|corps|regulator|watchdog|coastguard|railways?|municipality|"
    r"prefecture|governorate|broadcaster|mission|federation)\b",
    re.IGNORECASE,
)
# Lower-case words that never belong in a speaker phrase: "what was publicly reported", "must be".
NOT_IN_SPEAKER_RE = re.compile(
    r"\b(?:must|be|was|were|is|are|been|being|will|would|can|could|should|may|might|what|which|who|whom|"
    r"whose|not|do|does|did|to|if|how|why|where|than|that|it|this|there|pairs?)\b"
)


# A role in apposition to a name: "A spokesman for the emergency service, Tomas Reyes, later said",
# "the health minister of the eastern administration, Othman Abduljaleel, said".
APPOSITION_RE = re.compile(
    rf"(?:^|[,;:”\"]\s*|\bthat\s+)(?P<role>(?:[Aa]n?|[Tt]he)\s+[^,;\"“”]{{3,80}}?),\s+(?P<name>{_name}),\s+"
    rf"(?:(?:later|also|then|earlier|separately|previously)\s+)?(?:has\s+|had\s+)?(?P<verb>{REPORTING_VERB})\b"
)
# A name with its role after it: "..., Sunil Kade, a senior police officer in the district, told
# reporters", "..., Mira Desai, who chairs the railway board, said in a statement".
NAME_THEN_ROLE_RE = re.compile(
    rf"[,;]\s*(?P<name>{_name}),\s+(?P<role>(?:who\s+|an?\s+|the\s+)[^,;\"“”]{{3,80}}?),\s+"
    rf"(?:(?:later|also|then|earlier)\s+)?(?:has\s+|had\s+)?(?P<verb>{REPORTING_VERB})\b"
)
_weekdays_months = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|last night|overnight|"
    r"this morning|january|february|march|april|may|june|july|august|september|october|november|december"
)
# Words around a speaker phrase that are not the speaker: "Officials had earlier", "the ministry on
# Saturday", "and the police". Each row: (name, pattern, phrases it must strip down).
SPEAKER_NOISE = [
    ("leading conjunction", re.compile(r"^(?:and|but|while|as|also|then|later|earlier)\s+", re.I),
     ["and the police", "but officials"]),
    ("trailing moment", re.compile(
        rf"\s+(?:(?:late|early|earlier|later)\s+)?(?:on|in|at|by)?\s*(?:the\s+)?(?:{_weekdays_months})"
        rf"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+\d{{1,2}})?$", re.I),
     ["the Railways on Saturday", "police late on Friday"]),
    ("trailing adverb", re.compile(
        r"\s+(?:had|has|have|earlier|previously|later|also|then|again|separately|initially|first|now|"
        r"subsequently|officially|publicly|repeatedly)$", re.I),
     ["Officials had earlier", "ministry had previously"]),
]  # fmt: skip
# What a speaker never is: a moment, an amount, or a country named alone. (name, pattern, examples)
NOT_A_SPEAKER = [
    ("a moment", re.compile(rf"^(?:on\s+|late\s+|early\s+)?(?:{_weekdays_months})\b.*$", re.I),
     ["on Saturday.", "Thursday", "Friday night"]),
    ("a function word", re.compile(r"^(?:on|in|at|by|of|for|and|but|or|the|a|an|to|from|with)$", re.I),
     ["on", "The", "An"]),
    ("a prepositional phrase", re.compile(r"^(?:in|on|at|by|with|via|during)\s+(?:a|an|the)\b.*$", re.I),
     ["in a statement", "on the radio"]),
    ("an amount", re.compile(
        r"^(?:(?:about|around|some|nearly|more than|at least|over|dozens|hundreds|thousands|scores|many|"
        r"several|few|others?|most|all|both|\d[\d,.]*)\b\s*)+(?:of\s+)?(?:people|them|those|others)?$", re.I),
     ["Dozens", "Hundreds of people", "Some 40", "Many"]),
    ("an adjective alone", re.compile(
        r"^(?:earlier|early|initial|first|previous|latest|later|new|official|unofficial|unconfirmed|local|other|some)$", re.I),
     ["Initial", "Earlier", "Local"]),
    ("a country alone", re.compile(
        r"^(?:the\s+)?(?:Afghanistan|Algeria|Argentina|Australia|Bangladesh|Brazil|Canada|Chile|China|"
        r"Colombia|Egypt|France|Germany|Greece|India|Indonesia|Iran|Iraq|Israel|Italy|Japan|Jordan|"
        r"Kazakhstan|Kenya|Lebanon|Libya|Mexico|Morocco|Nepal|Nigeria|Pakistan|Peru|Philippines|Poland|"
        r"Russia|Saudi Arabia|Spain|Sudan|Syria|Turkey|Türkiye|Ukraine|United States|US|UK|Yemen)$"), ["Kazakhstan", "the Philippines"]),
]  # fmt: skip


SENTENCE_STOP_AFTER_SPEAKER_RE = re.compile(r"(?<=[a-z]{3})\.$")


def clean_speaker_phrase(phrase: str) -> str:
    """The speaker phrase without the conjunctions, moments and adverbs around it."""
    phrase = phrase.strip(" ,“”\"'")
    changed = True
    while changed and phrase:
        changed = False
        for _, pattern, _ in SPEAKER_NOISE:
            stripped = pattern.sub("", phrase).strip(" ,")
            if stripped != phrase:
                phrase, changed = stripped, True
    # "..., said the provincial health department.": the sentence's full stop, not an abbreviation's
    return SENTENCE_STOP_AFTER_SPEAKER_RE.sub("", phrase)


def is_never_a_speaker(phrase: str) -> bool:
    return any(pattern.match(phrase.strip(" .,")) for _, pattern, _ in NOT_A_SPEAKER)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Speaker, role and relay chain of a sentence (all empty when the text names none)."""

    speaker: str | None = None
    speaker_role: str | None = None
    via: tuple[str, ...] = ()
    verb: str | None = None

    @property
    def is_attributed(self) -> bool:
        return bool(self.speaker or self.speaker_role)


ROLE_ANYWHERE_RE = re.compile(rf"\b{ROLE_WORDS}\b", re.IGNORECASE)
NAME_RE = re.compile(_name)


def split_speaker(phrase: str) -> tuple[str | None, str | None]:
    """'police spokesman Saltanat Azirbek' -> ('Saltanat Azirbek', 'police spokesman')."""
    phrase = phrase.strip(" ,“”\"'")
    phrase = re.sub(r"^(?:also|then|later|earlier)\s+", "", phrase, flags=re.IGNORECASE)
    bare = LEADING_ARTICLE_RE.sub("", phrase)
    roles = list(ROLE_ANYWHERE_RE.finditer(bare))
    if roles:
        role_end = roles[-1].end()
        rest = bare[role_end:].strip(" ,.")  # "Gov. Josh Green": the abbreviation's full stop
        if not rest:
            return None, bare  # "a ministry official", "hospital association spokesman"
        if NAME_RE.fullmatch(rest):
            return rest, bare[:role_end].strip()
    return bare, None


def _clean_outlet(outlet: str) -> str:
    """'Al-Manar television' -> 'Al-Manar'; 'state television' stays as it is."""
    stripped = OUTLET_NOISE_RE.sub("", OUTLET_NOISE_RE.sub("", outlet.strip())).strip()
    return stripped if stripped[:1].isupper() else outlet.strip()


def is_plausible_speaker(phrase: str) -> bool:
    """A name, a role or an institution, not a fragment of prose ("what was publicly", "must be")."""
    if not any(ch.isalpha() for ch in phrase):  # "198 confirmed dead": a number is nobody
        return False
    if NOT_IN_SPEAKER_RE.search(phrase):  # lower-case only: "WHO" is an organisation
        return False
    if ROLE_ANYWHERE_RE.search(phrase) or SPEAKER_NOUN_RE.search(phrase) or GENERIC_SOURCE_RE.match(phrase):
        return True
    words = LEADING_ARTICLE_RE.sub("", phrase).split()
    return bool(words) and len(words) <= 5 and all(word[:1].isupper() for word in words if len(word) > 3)


def is_named_outlet(outlet: str) -> bool:
    """'Khabar-24', 'Reuters', 'DZMM'; not 'state television' or 'local news agencies'."""
    return (outlet[:1].isupper() or outlet[:1].isdigit()) and not GENERIC_SOURCE_RE.match(outlet)


def relay_chain(sentence: str) -> tuple[str, ...]:
    """Outlets that carried the statement, nearest first."""
    chain: list[str] = []
    for match in TOLD_RE.finditer(sentence):
        outlet = match.group("outlet").strip()
        if NOT_OUTLETS_RE.match(outlet) or len(outlet.split()) > 5:
            continue
        chain.append(
            _clean_outlet(
                LEADING_ARTICLE_RE.sub("", outlet)
                if outlet[:4].lower() == "the " and outlet[4:5].isupper()
                else outlet
            )
        )
    for match in QUOTED_BY_RE.finditer(sentence):
        for outlet in re.split(r",\s*|\s+and\s+", match.group("outlets")):
            outlet = _clean_outlet(LEADING_ARTICLE_RE.sub("", outlet.strip()))
            if outlet:
                chain.append(outlet)
    return tuple(dict.fromkeys(outlet for outlet in chain if outlet and is_named_outlet(outlet)))


# "..., citing the health ministry", "quoting police sources": the source the reporter names.
CITING_RE = re.compile(r"\b(?:citing|quoting)\s+(?P<speaker>[^,.;:]{3,60}?)\s*(?:[,.;:]|$)")
# The outlet just before "reported" in such a sentence: "Khabar 24, the state broadcaster, reported".
REPORTER_BEFORE_CITING_RE = re.compile(
    r"(?:^|[,;]\s*)(?P<outlet>[A-Z][\w'’.-]*(?:\s+[A-Z0-9][\w'’.-]*){0,3})"
    r"(?:\s*,\s*(?:the|a|an)\s+[^,]{1,40},)?\s+(?:has\s+|had\s+)?(?:reported|said|announced)\b"
)
# A sentence that opens with a quotation: its speaker is named after the closing quote.
QUOTE_THEN_SPEAKER_RE = re.compile(r"^\s*[“\"][^”\"]{3,}[”\"]\s*(?P<rest>.+)$")
PERSONAL_PRONOUNS = {"he", "she"}
LAST_PERSON = "\x00last person"  # the key under which `remember_speaker` keeps the last named person


def attribute(
    sentence: str, previous: Attribution | None = None, known: dict[str, Attribution] | None = None
) -> Attribution:
    """The attribution of one sentence.

    `previous` resolves 'they added' and 'the minister said'; `known` maps surnames to the people
    the article named in full before, so that "Azirbek said" is "Saltanat Azirbek" even after
    someone else has spoken, and "she said" is the last person named even after a ministry spoke.
    """
    # Constructions that name the speaker whole come first, then a bare "<speaker> said".
    named = (
        _speaker_after_quote(sentence, previous, known)
        or _cited_speaker(sentence, known)
        or _speaker_in_apposition(sentence)
        or _speaker_then_role(sentence)
    )
    if named is not None:
        return named
    phrase, verb = _speaker_phrase(sentence)
    if phrase is None:
        return Attribution()
    return _resolve_speaker_phrase(phrase, verb, relay_chain(sentence), previous, known)


def _speaker_after_quote(
    sentence: str, previous: Attribution | None, known: dict[str, Attribution] | None
) -> Attribution | None:
    """A sentence that opens with a quotation names its speaker after it: in "“The railways said
    288 ...,” Chief Secretary Jena told ANI", Jena speaks, not the railways."""
    quoted = QUOTE_THEN_SPEAKER_RE.match(sentence)
    if not quoted:
        return None
    found = attribute(sentence[quoted.start("rest") :], previous, known)
    if not found.is_attributed:
        return None
    return Attribution(found.speaker, found.speaker_role, relay_chain(sentence), found.verb)


def _cited_speaker(sentence: str, known: dict[str, Attribution] | None) -> Attribution | None:
    """The source an outlet cites: in "..., Khabar 24, the state broadcaster, reported on Sunday,
    citing the health ministry", the ministry speaks; the outlet that cites it carries the statement."""
    citing = CITING_RE.search(sentence)
    if not citing:
        return None
    cited = attribute(f"{citing.group('speaker')} said.", None, known)
    if not cited.is_attributed:
        return None
    outlet = REPORTER_BEFORE_CITING_RE.search(sentence, 0, citing.start())
    carriers = (_clean_outlet(outlet.group("outlet")),) if outlet else ()
    via = tuple(dict.fromkeys(name for name in (*carriers, *relay_chain(sentence)) if is_named_outlet(name)))
    return Attribution(cited.speaker, cited.speaker_role, via, "citing")


def _speaker_in_apposition(sentence: str) -> Attribution | None:
    """A role before the name: "A spokesman for the emergency service, Tomas Reyes, later said"."""
    apposition = APPOSITION_RE.search(sentence)
    if not apposition:
        return None
    role = LEADING_ARTICLE_RE.sub("", apposition.group("role").strip())
    if not (ROLE_ANYWHERE_RE.search(role) or SPEAKER_NOUN_RE.search(role)):
        return None
    return Attribution(apposition.group("name"), role, relay_chain(sentence), apposition.group("verb"))


def _speaker_then_role(sentence: str) -> Attribution | None:
    """A role after the name: "..., Sunil Kade, a senior police officer in the district, told reporters"."""
    named = NAME_THEN_ROLE_RE.search(sentence)
    if not named:
        return None
    role = LEADING_ARTICLE_RE.sub("", named.group("role").strip())
    # the role must read as one ("a senior police officer", "who chairs the board"), not "the capital"
    if not (role.startswith("who ") or ROLE_ANYWHERE_RE.search(role) or SPEAKER_NOUN_RE.search(role)):
        return None
    return Attribution(named.group("name"), role, relay_chain(sentence), named.group("verb"))


def _speaker_phrase(sentence: str) -> tuple[str | None, str | None]:
    """The words naming the speaker and the verb that introduces them, or (None, None)."""
    before = SPEAKER_BEFORE_VERB_RE.search(sentence)
    if before:
        return before.group("speaker"), before.group("verb")
    after = SPEAKER_AFTER_VERB_RE.search(sentence)
    if after:
        return after.group("speaker"), "said"
    according = ACCORDING_TO_RE.search(sentence)
    if according:
        # "according to the police statement": the police are the speaker, the statement their words.
        words = according.group("speaker")
        return DOCUMENT_WORDS_RE.sub("", words) or words, "according to"
    return None, None


def _resolve_speaker_phrase(
    phrase: str,
    verb: str | None,
    via: tuple[str, ...],
    previous: Attribution | None,
    known: dict[str, Attribution] | None,
) -> Attribution:
    """Who a speaker phrase names: a new speaker, one named before, or nobody (`via` and `verb` kept)."""
    # "the police statement said": the police are the speaker, the statement their words.
    phrase = DOCUMENT_WORDS_RE.sub("", phrase.strip()) or phrase.strip()
    # Keep the noun phrase only: "the Red Cross said", not "... struck the port, officials said".
    phrase = re.split(r"\b(?:and|but|while|as|when|because)\s+", phrase)[-1]
    if is_never_a_speaker(phrase):
        return Attribution(via=via, verb=verb)
    phrase = clean_speaker_phrase(phrase)
    if not phrase or is_never_a_speaker(phrase):
        return Attribution(via=via, verb=verb)
    lowered = LEADING_ARTICLE_RE.sub("", phrase.lower())
    referred = _referred_back(lowered, verb, via, previous, known)
    if referred is not None:
        return referred
    if lowered in NOT_SPEAKERS or lowered.split()[0] in NOT_SPEAKERS or not is_plausible_speaker(phrase):
        return Attribution(via=via, verb=verb)
    if GENERIC_SOURCE_RE.match(phrase):
        return Attribution(None, lowered, via, verb)  # "local news agencies reported": nobody named
    speaker, role = split_speaker(phrase)
    if previous and previous.speaker and speaker and not role and previous.speaker.endswith(" " + speaker):
        return Attribution(previous.speaker, previous.speaker_role, via, verb)  # "Azirbek said" later on
    if known and speaker and not role and speaker in known:
        earlier = known[speaker]
        return Attribution(earlier.speaker, earlier.speaker_role, via, verb)
    return Attribution(speaker, role, via, verb)


def _referred_back(
    lowered: str,
    verb: str | None,
    via: tuple[str, ...],
    previous: Attribution | None,
    known: dict[str, Attribution] | None,
) -> Attribution | None:
    """The earlier speaker a pronoun or a bare role stands for ("she said", "the minister added"), if any."""
    if lowered in PERSONAL_PRONOUNS and known and LAST_PERSON in known:
        person = known[LAST_PERSON]  # "she said": the last person named, not the ministry in between
        return Attribution(person.speaker, person.speaker_role, via or person.via, verb)
    if lowered in PRONOUNS or (
        previous and previous.speaker_role and lowered == previous.speaker_role.lower()
    ):
        return (
            Attribution(previous.speaker, previous.speaker_role, via or previous.via, verb)
            if previous
            else Attribution(via=via, verb=verb)
        )
    # "the minister said" after "Health Minister Hamad Hassan told ...": the same person.
    refers_back = previous and previous.speaker_role and ROLE_RE.fullmatch(lowered)
    if refers_back and lowered.split()[-1] in previous.speaker_role.lower():
        return Attribution(previous.speaker, previous.speaker_role, via, verb)
    return None


def remember_speaker(known: dict[str, Attribution], attribution: Attribution) -> None:
    """Note a speaker named in full, so that a later bare surname refers to them."""
    name = attribution.speaker
    if name and len(name.split()) >= 2 and NAME_RE.fullmatch(name):
        known.setdefault(name.split()[-1], attribution)
        known[LAST_PERSON] = attribution
