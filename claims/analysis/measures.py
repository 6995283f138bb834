"""Decide what an amount in a sentence counts: the measure, the group and the scope.

"Twelve officers have been killed with 353 other injured" holds two figures: 12 killed
officers and 353 injured officers ("other" = the same group as the figure before it).
The measure usually follows the amount ("62 people are in intensive care"), but can come
before it ("the death toll has risen to 135", "the quake killed 80"). Amounts of other
things (tonnes, kilometres, dollars, years, times of day, dates) are not figures.
"""

import re
from enum import StrEnum

from .lexicon import compile_lexicon
from .numbers import Amount

# Measure phrases; the longest phrase wins where they overlap ("critically injured").
MEASURE_PHRASES = {
    "critical": [
        r"intensive care", r"critical(?:ly)? (?:condition|ill|injured|wounded|hurt)", r"in critical",
        r"gravely (?:wounded|injured|ill|hurt)",
        # "at least six are battling for life"
        r"(?:battling|fighting|struggling) for (?:their |his |her )?li(?:fe|ves)",
        r"(?:admitted|taken|moved|transferred) to (?:the |an? )?(?:intensive care(?: units?)?|ICUs?)",
        r"critical (?:wounds|injuries|burns)",
        r"serious(?:ly)? (?:condition|ill)", r"life-threatening",
        r"(?:remain(?:s|ed|ing)?|(?:is|are|was|were) (?:still )?|listed as) critical",
        r"in an? (?:critical|serious|grave) condition", r"on (?:a )?ventilators?(?: support)?",
        r"(?:needed|need|needs|needing|required|require|requires) (?:a )?(?:ventilators?|ventilator support|intensive care|life support)",
        r"(?:hospitali[sz]ed|admitted(?: to (?:the )?hospitals?)?) in (?:an? )?(?:critical|serious|grave) condition",
        r"critical(?=\s*(?:[,;]|$))",  # headline "11 killed, 25 critical"
        r"in (?:a )?cardiac arrest|suffered (?:a )?cardiac arrest|suffering (?:a )?cardiac arrest|went into cardiac arrest",
    ],
    "hospitalized": [
        r"hospitali[sz]ed", r"hospitali[sz]ations", r"admitted(?: to (?:the )?(?:hospitals?|wards?))?",
        r"treated in (?:the )?(?:(?-i:[A-Z])[\w-]+ )?hospitals?",
        r"in (?:the )?hospitals?", r"receiving (?:hospital )?treatment", r"undergoing (?:hospital )?treatment",
        r"under (?:medical )?(?:attention|care|observation|supervision)",
        # "five are in stable condition", "24 considered stable": patients whose state is reported
        r"in (?:an? )?stable conditions?", r"(?:considered|listed as|described as|deemed) stable",
        r"(?:being )?treated (?:at|in) (?:an? |the |local |nearby |several |various |two |three )?hospitals?",
        # "57 people were being treated", "95 pilgrims are under treatment": still in care, not treated and gone
        r"(?:are|were|is|was) (?:still |currently )?being treated(?! (?:at|on) the scene| by paramedics| for minor)",
        r"(?:are|were|is|was) (?:still |currently )?under (?:medical )?treatment",
        r"(?:taken|rushed|brought|airlifted|flown|transported|sent|moved)(?: from the scene)? to (?:an? |the |local |nearby |area |"
        r"different |various |several )?hospitals?",
        # "five of the victims had been transferred to the city of Shiraz for further treatment"
        r"(?:transferred|moved|evacuated|airlifted|referred) to (?:[\w'’-]+ ){0,5}?for (?:further |medical |specialist )?treatment",
        # "eight climbers were rescued and taken to hospitals": the rescue ended in hospital
        r"rescued and (?:taken|rushed|flown|airlifted|brought|transported) to (?:an? |the |local |nearby |several |"
        r"various )?hospitals?",
    ],
    "killed": [
        r"victims (?:have been |had been |were |was )?(?:recovered|found dead|pulled out dead|identified|found(?! alive))",
        r"killed", r"dead", r"died", r"deaths?", r"death toll", r"toll", r"eliminated", r"liquidated",
        r"lost their lives", r"lives lost", r"lives (?:have been |had been |were )lost", r"presumed dead", r"perished", r"passed away", r"lost (?:his|her) li(?:fe|ves)",
        r"confirmed as (?:dead|killed)", r"fatalities", r"fatally \w+", r"drowned",
        r"were shot dead", r"victims? died", r"bodies", r"body", r"corpses", r"beheaded", r"deceased", r"die", r"dies",
        r"succumb(?:ed|s|ing)?(?: to (?:their |his |her )?(?:injuries|wounds|burns))?", r"shot and killed", r"fatally shot",
        r"(?:declared|confirmed|pronounced) dead", r"los(?:e|es|ing) (?:their |his |her )?li(?:fe|ves)",
        r"sustained fatal (?:injuries|wounds|burns)|suffered fatal (?:injuries|wounds|burns)|"
        r"succumbed to fatal (?:injuries|wounds|burns)", r"burn(?:ed|t) to (?:death|ashes)", r"murdered", r"massacred",
        r"slaughtered", r"executed", r"whose deaths", r"mortality", r"mortalities",
        # "72 have been identified so far", "46 identified bodies": the dead named so far (a share, below)
        r"(?:have |has |had )?(?:so far |now |since )?(?:been )?identified",
        r"(?:took|taken|take|takes|taking|claim(?:s|ed|ing)?) (?:the )?lives of",
        r"fatality (?:count|toll|figure|tally)", r"martyrs", r"martyred", r"fatality", r"(?:fell|falling|fallen|fall) victims? to (?:the )?"
        r"(?:floods?|flooding|fire|blaze|quake|earthquake|storm|landslides?|heat|attack|explosion|blast|disease|virus)",
        r"died (?:of|from) (?:their |his |her )?(?:injuries|wounds|burns)",
        # "were buried on Sunday" is a funeral, "buried alive" a death; "buried under rubble" or "six
        # others were buried" in a collapse is someone trapped, alive or not.
        r"buried(?=\s+(?:alive|on\s+\w+day|yesterday|today|in\s+(?:a\s+|the\s+)?(?:mass\s+|common\s+|shallow\s+)?graves?"
        r"|in\s+(?:a\s+|the\s+)?(?:cemetery|graveyard)|at\s+(?:a\s+|the\s+)?(?:cemetery|graveyard|funeral)))",
    ],
    "injured": [
        r"injured", r"injuries", r"wounded", r"hurt", r"confirmed as (?:injured|wounded)", r"sought (?:medical )?treatment",
        r"treated for injuries", r"injury toll", r"treated for", r"needed (?:medical )?treatment",
        r"(?:received|receiving|needed|needing|given) (?:outpatient|first-aid|first aid) (?:care|treatment)",
        r"(?:listed|registered|recorded|counted) as (?:wounded|injured)",
        "|".join(
            f"{verb} (?:gunshot |bullet |stab |knife |serious |severe |minor )?(?:wounds|injuries)"
            for verb in ("nursing", "with", "suffered", "suffering", "sustained", "sustaining")
        ),
        r"treated (?:at the scene|on site|on the spot|by paramedics)",
        r"suffered (?:serious |severe |minor |critical |life-changing )?(?:burns|injuries|wounds|fractures)",
        # "sustained various degrees of burns", "left 50 persons with various degrees of injuries"
        r"(?:sustained|suffered|with|sustaining|suffering) (?:various|varying|different) degrees of (?:burns|injuries|wounds)",
        r"(?:sustained|sustaining) (?:serious |severe |minor )?burns",
        r"rescued with (?:serious |severe |minor )?injuries",
        r"(?:were|was|had been|have been) shot(?! dead| and killed)",
        # "over 300 people were treated at a field hospital"; "treated in hospital" is a hospital count.
        r"were treated(?!{h})|was treated(?!{h})|had been treated(?!{h})|have been treated(?!{h})|being treated(?!{h})".format(
            h=r"\s+(?:at|in)\s+(?:the\s+|an?\s+|local\s+|nearby\s+)?(?:(?-i:[A-Z])[\w-]+\s+)?hospitals?"
        ),
    ],
    "missing": [
        r"missing", r"unaccounted for", r"trapped", r"traps", r"abducted", r"abductions", r"disappearances",
        # "47 people who have not been located", "47 unlocated people"
        r"unlocated", r"(?:have |has |had )?not (?:yet )?been (?:located|found)",
        r"(?:registered|listed|reported|declared|classified) as missing",
        # "the 388 people on the first list": the list of the missing, in reports of a disaster.
        r"on the (?:first |initial |original |official |latest |updated |missing )?list",
    ],
    "displaced": [
        r"homeless", r"displaced", r"evacuated", r"fled", r"evacuees", r"forced from their homes",
        r"forced to (?:flee|evacuate|leave)(?: their homes)?", r"evacuations",
        r"left their homes", r"(?:leave|leaving|flee|fleeing|abandon|abandoning) their homes",
        r"from their homes", r"in shelters", r"without shelter", r"moved to (?:tents|shelters|camps)",
        r"relocated", r"sheltering", r"in (?:tents|camps|evacuation centres|evacuation centers)",
        # "6759 people were shifted to these camps"
        r"(?:shifted|moved|relocated|taken|sent|transferred) to (?:the |these |those |various |several |temporary |relief )*"
        r"(?:relief )?(?:camps|shelters|relief centres|relief centers|evacuation centres|evacuation centers)",
        r"in (?:relief|refugee|displacement|temporary|government|makeshift) (?:camps|shelters|centres|centers)",
        r"living in (?:the |relief |temporary |makeshift |government )?(?:camps|shelters|tents|relief camps)",
        r"(?:(?:are|were|is|was|being) (?:presently |currently |now |temporarily )?housed|housed in (?:the )?(?:relief |"
        r"temporary |government |makeshift |evacuation )?(?:camps|shelters|centres|centers|tents|schools))",
        r"moved to (?:relief |refugee |temporary |government )?(?:camps|shelters|centres|centers)",
        r"need(?:s|ed|ing)? (?:emergency |temporary )?shelter", r"in need of (?:emergency |temporary )?shelter",
        r"(?:taken|taking|took|sought|seeking|found) refuge",
        r"(?:left|are|were) without (?:homes?|a home|shelter|a roof)", r"lost their homes",
        r"lost (?:their|the) roofs?(?: over their heads)?", r"moved to safety",
        r"staying in (?:temporary |emergency |government |makeshift )?(?:shelters|tents|camps|hotels|"
        r"evacuation centres|evacuation centers|public buildings)",
        r"survivors (?:were|are|have been|had been) (?:staying|living|sheltering)",
        r"left (?:the|their) (?:city|town|area|region|village|villages|island|country)",
        r"under (?:mandatory |compulsory )?evacuation orders?",
        "|".join(
            f"{verb} to (?:evacuate|leave(?: their homes)?|flee|get to higher ground|move to higher ground)"
            for verb in ("told", "ordered", "urged")
        ),
    ],
    "detained": [r"detained", r"arrested", r"detainees", r"held in (?:custody|detention|jail|prison)", r"in (?:police |military )?custody", r"detentions", r"arrests", r"taken into custody",
                 r"placed in (?:detention|custody)", r"under house arrest",
                 # "at least 80 had been held in Bogra" (never "held hostage", "held up", a meeting held)
                 r"(?:had been|have been|has been|were|are|being) held(?= (?:in|at|by|for|on|across|over|under)\b)"],
    "participants": [
        r"took to the streets", r"gathered", r"marched", r"rallied", r"protested", r"demonstrated",
        r"turned out", r"turned up", r"took part", r"(?:invaded|stormed|entered) the (?:pitch|field)", r"taking part", r"were present|was present", r"are protesting|were protesting|have been protesting", r"were attending|was attending", r"in attendance", r"march", r"marching", r"joined (?:the )?(?:protests?|marches|march|rally|rallies|demonstrations?)",
        r"flocked", r"converged", r"thronged", r"attended", r"chanted", r"massed", r"swarmed", r"stormed", r"storm(?:s|ing)? (?:the )?(?:parliament|palace|building|square|capitol|streets)",
        r"pour(?:ed|ing)? into (?:the )?streets", r"amassed", r"in the procession",
        r"(?:had )?(?:come|came) to (?:the )?(?:shrine|temple|rally|festival|march|protest|square|stadium)",
        r"visited the (?:temple|shrine)",
        # "there were at least 10,000 people at the venue", "2.5 lakh people gathering for the event"
        r"at the (?:venue|congregation|gathering|prayer meeting|satsang|sermon)", r"gathering (?:for|at|in)",
    ],
    # "Casualties" mixes the dead and the injured: kept as a figure, never compared.
    "other": [r"casualties"],
    # Words that say the people came to no harm: the amount is not a casualty figure at all.
    "unharmed": [
        r"rescued", r"saved", r"survived", r"unharmed", r"unhurt", r"uninjured", r"pulled (?:out )?alive",
        r"brought to safety", r"escaped",
        # Onlookers: people named in a casualty story who are not a casualty count.
        r"watched", r"watching", r"looked on",
    ],
}  # fmt: skip
CUMULATIVE_MEASURES = {"killed", "injured", "detained", "displaced"}

_phrase_to_measure = [(phrase, measure) for measure, phrases in MEASURE_PHRASES.items() for phrase in phrases]
_phrase_to_measure.sort(key=lambda item: len(item[0]), reverse=True)
MEASURE_RE, _MEASURE_BY_GROUP = compile_lexicon([(measure, phrase) for phrase, measure in _phrase_to_measure])


# Groups of people, each with the group that contains it (None: the root, everyone).
class Group(StrEnum):
    """The groups of people a figure can count (a StrEnum: equal to its stored text)."""

    PEOPLE = "people"
    SECURITY_FORCES = "security forces"
    OFFICERS = "officers"
    SOLDIERS = "soldiers"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    CHILDREN = "children"
    MEDICAL_WORKERS = "medical workers"
    FOREIGNERS = "foreigners"
    ADULTS = "adults"
    EMERGENCY_WORKERS = "emergency workers"
    JOURNALISTS = "journalists"
    WORKERS = "workers"
    FAMILIES = "families"
    # "Twelve women were killed": a part of everyone's toll, never a rival of it.
    WOMEN = "women"
    MEN = "men"
    ELDERLY = "elderly people"
    # "Eight attackers also died": those who carried out an attack, never within its victims' toll.
    ATTACKERS = "attackers"
    # "150 dead and missing": one count of two states, never a rival of the dead alone.
    DEAD_OR_MISSING = "dead or missing"


SUBJECT_PARENT = {
    Group.PEOPLE: None,
    Group.DEAD_OR_MISSING: None,  # not within the dead: the missing may yet be found alive
    Group.SECURITY_FORCES: Group.PEOPLE,
    Group.OFFICERS: Group.SECURITY_FORCES,
    Group.SOLDIERS: Group.SECURITY_FORCES,
    Group.PROTESTERS: Group.PEOPLE,
    Group.CIVILIANS: Group.PEOPLE,
    Group.CHILDREN: Group.PEOPLE,
    Group.MEDICAL_WORKERS: Group.PEOPLE,
    Group.FOREIGNERS: Group.PEOPLE,
    Group.ADULTS: Group.PEOPLE,
    Group.WOMEN: Group.ADULTS,
    Group.MEN: Group.ADULTS,
    Group.ELDERLY: Group.ADULTS,
    Group.EMERGENCY_WORKERS: Group.PEOPLE,
    Group.JOURNALISTS: Group.PEOPLE,
    Group.WORKERS: Group.PEOPLE,  # "three workers were found dead": a group within a fire's toll
    Group.ATTACKERS: None,  # "129 killed" counts the victims; the gunmen's deaths are told apart
    Group.FAMILIES: None,  # households are counted apart from people: 2,300 families are not 2,300 people
}
SUBJECT_PATTERNS = {
    Group.OFFICERS: r"police(?:men|women| officers?)?|officers?|law enforcement|policem[ae]n|policewom[ae]n|gendarmes?",
    Group.SOLDIERS: r"soldiers?|troops|servicem[ae]n|national guard(?:sm[ae]n)?|military personnel",
    Group.SECURITY_FORCES: r"security (?:forces|personnel|officials|officers|services)|security service members",
    Group.PROTESTERS: r"prot[ae]sters|demonstrators|rioters|militants|extremists|marchers",
    Group.ATTACKERS: r"attackers|assailants|gunm[ae]n|suicide bombers|bombers|perpetrators|terrorists|hijackers|shooters",
    Group.CIVILIANS: r"civilians|bystanders",
    # the singular too: "one child is in extremely serious condition"
    Group.CHILDREN: r"child(?:ren)?|kids?|minors?|pupils?|students?|schoolchild(?:ren)?|teenagers?|teens?|adolescents?|"
    r"boys?|girls?|babies|baby|infants?|toddlers?",
    Group.MEDICAL_WORKERS: r"medics|doctors|nurses|paramedics|health(?:care)? workers|medical (?:workers|staff)",
    Group.FOREIGNERS: r"foreigners|foreign nationals|nationals|tourists|expatriates",
    Group.FAMILIES: r"families|households",
    Group.ADULTS: r"adults",
    Group.WOMEN: r"wom[ae]n|females?|mothers?|wives|wife|widows?",
    Group.MEN: r"m[ae]n|males?|fathers?|husbands?",
    Group.ELDERLY: r"elderly people|elderly|pensioners|senior citizens",
    Group.EMERGENCY_WORKERS: r"firefighters|firemen|rescuers|rescue workers|aid workers|volunteers",
    Group.JOURNALISTS: r"journalists|reporters",
    Group.WORKERS: r"workers|labou?rers|employees|staffers|staff members",
    Group.PEOPLE: r"people|persons|residents|individuals|villagers|passengers|miners|inhabitants|others|"
    r"victims|pilgrims|fans|spectators|shoppers|worshippers|migrants|refugees|guests|patients|"
    r"climbers|hikers|trekkers|mountaineers|crew members|crew|sailors|fishermen|seafarers|swimmers",
}
# "169 Afghans and 13 US service members", "28 Egyptians": people of one nationality, a group named by its
# own word (never a rival of another nationality's count, nor of everyone's).
NATIONALITY = "nationality"
NATIONALITY_PATTERN = (
    r"(?-i:(?!(?:Paris|Tunis|Memphis|Orleans|Evans|Lewis|Davis|Francis|Dennis|Travis|Curtis|Veterans)\b)"
    # "23 citizens died" in a report of many countries' dead: the reporting country's own
    r"[A-Z][a-z]{2,}(?:ans|ians|ese|is)|Britons|Turks|Kurds|Filipinos|Poles|Swedes|Danes|Finns|citizens|compatriots)"
)
# "31 Egyptian pilgrims": the adjective names the nationality of people who are not a group of their own
NATIONALITY_ADJECTIVE_RE = re.compile(
    r"(?P<adjective>(?!(?:Christian|Muslim|Roman|Catholic)\b)[A-Z][a-z]{2,}(?:an|ian|ese|i))\s+"
    r"(?:pilgrims|nationals|citizens|people|workers|tourists|migrants|passengers|fans|students|civilians|residents)\b"
)
SUBJECT_RE, _SUBJECT_BY_GROUP = compile_lexicon(
    [*SUBJECT_PATTERNS.items(), (NATIONALITY, NATIONALITY_PATTERN)]
)
# "police and security officers", "police officers or soldiers": one group named by two nouns.
COORDINATION_RE = re.compile(r"\s*,?\s+(?:and|or|and other|or other)\s+")
ONE_WORD_RE = re.compile(r"[a-z-]+\s+")
# "police and security officers were injured": one noun phrase; "people and left many others missing" is
# a second clause, whose verb does not say what the first noun suffered.
_subject_nouns = "|".join(SUBJECT_PATTERNS.values())
COORDINATED_NOUN_RE = re.compile(
    rf"\b(?:{_subject_nouns})\s+(?:and|or)\s+(?=(?:[\w-]+\s+)?(?:{_subject_nouns})\b)", re.IGNORECASE
)
# Where the noun phrase after an amount ends ("killed 34 fans and injured 150": "fans").
NOUN_PHRASE_END_RE = re.compile(
    r"[,;:.()!?]|\b(?:was|were|is|are|has|have|had|been|by|in|at|on|from|to|for|after|during|when|and|or|"
    r"but|with|as|while|said|says|told|according)\b",
    re.IGNORECASE,
)
# "Nineteen of the dead were police officers or soldiers": the group is named in the predicate.
PREDICATE_GROUP_RE = re.compile(
    r"^\s*(?:were|was|are|is|included|include)\s+(?:all\s+|mostly\s+|reportedly\s+|also\s+)?"
    r"(?P<group>[^,;.()]{1,60})",
    re.IGNORECASE,
)

# Things that are not people: an amount followed by one of these counts something else.
OTHER_THINGS_AFTER_RE = re.compile(
    r"^[”\"’']?\s*(?:-|–)?\s*(?:st|nd|rd|th|s)?\b\s*(?:tonnes?|tons?|kilo(?:metre|meter)s?|km|miles?|metres?|meters?|"
    r"m|mm|cm|kg|kilos?|feet|ft|inches|cars?|vehicles?|trucks?|buses|lorries|buildings?|homes?|houses?|"
    r"apartments?|shops?|warehouses?|dollars?|euros?|pounds?|usd|eur|lira|pesos?|rupees?|yuan|lakhs?|crores?|roubles?|rubles?|naira|rand|shillings?|dinars?|riyals?|"
    r"dirhams?|taka|"
    r"years?|year-olds?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|percent|per ?cent|%|"
    r"pm|am|p\.m\.?|a\.m\.?|o'clock|gmt|utc|storeys?|stor(?:y|ies)|floors?|hectares?|acres?|degrees?|"
    r"magnitude|points?|aircraft|planes?|ships?|boats?|districts?|provinces?|regions?|villages?|towns?|cities|"
    r"countries|times|billion|trillion|stations?|schools?|hospitals?|beds?|rounds?|shots?|bombs?|rockets?|"
    r"sites?|locations?|places|spots|areas|neighbou?rhoods|streets|roads|bridges|dams?|levees?|dykes?|dikes?|"
    r"mines?|shafts?|wells?|trains?|carriages?|coaches?|wagons?|"
    # "Tens of thousands march against the war": the verb; "15 March" the month (capitalised).
    r"january|february|(?-i:March)|april|(?-i:May)|june|july|august|september|october|november|december|"
    r"missiles?|tanks?|cases?|votes?|seats?|mph|kph|km/h|litres?|liters?|gallons?|barrels?|megawatts?)\b"
    r"|^\s+(?:of\s+)?(?:[\w-]+\s+)?(?:animals|livestock|cattle|sheep|goats|pigs|poultry|chickens|birds|fish|dogs|cats|horses|"
    r"cows|incidents|calls|callouts|rallies|meetings|events|elections|ceremonies|vigils|sessions)\b"
    # "A total of 9,300 deaths were registered in the week": deaths from all causes, a statistic, not a toll
    r"|^\s+(?:[\w-]+\s+)?deaths\s+(?:were\s+|had\s+been\s+|have\s+been\s+)?registered\b"
    # "In one northern province a landslide killed four": the amount counts places, not people
    r"|^\s+(?:[\w-]+\s+)?(?:provinces?|districts?|regions?|states?|counties|county|villages?|towns?|cities|city|"
    r"countries|country)(?=\s*(?:[,.;:]|$)|\s+(?:a|an|the|and|or|in|of|were|was|had|have|has|are|is)\b)"
    r"|^[:.]\d|^\s*(?:st|nd|rd|th|s)\b|^-[A-Za-z]|^\s*(?:%|per\s?cent\b|percent\b)"
    # "ranging from 4 to 17 years old": the first age of a range
    r"|^\s*(?:to|and|-|–)\s*\d{1,3}\s+(?:years?|months?)\b",
    re.IGNORECASE,
)
OTHER_THINGS_BEFORE_RE = re.compile(
    r"(?:[$€£¥₹]|\b(?:rs|inr|usd|us\$|eur|gbp|aged|age|ages|no\.|route|flight|channel|magnitude|"
    r"younger than|older than|of size|page|chapter|article|section|room|gate|platform|level|category|grade|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|[\w]-|\ball\s+but)\s*$",  # "all but one of the victims"
    re.IGNORECASE,
)
YEAR_RANGE = range(1800, 2101)
# An age set off after a name: "Muhammad Farel, 14 -", "Ana Silva, 32, a nurse".
NAME_BEFORE_AGE_RE = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
AGE_AFTER_RE = re.compile(r"\s*(?:,|[-–—]|\))")

# Words that end the phrase an amount governs: the measure must come before them.
CLAUSE_BREAK_RE = re.compile(
    r"[,;:()–—]|\b(?:and|but|or|while|whereas|as|when|after|before|than|from|which|who|whom|whose|because|"
    r"since|said|says|told|according|including|although|though|if|until|with)\b",
    re.IGNORECASE,
)
MAX_WORDS_TO_MEASURE = 8
# "12 were said to be critically hurt", "35 are believed to have been killed": the hedge joins the
# amount to its measure ("said" does not end the phrase here).
HEDGED_COPULA_RE = re.compile(
    r"\b(?:said|reported|believed|thought|feared|known|understood|confirmed)\s+to\s+(?:be|have(?:\s+been)?)\b",
    re.IGNORECASE,
)
# "of the injured", "among the dead", "among those who lost their lives": the whole a part belongs to.
SCOPE_BEFORE_RE = re.compile(
    r"\b(?:of|among)\s+(?:the|those|them)?(?:\s+who(?:\s+(?:have|had|were|was))?)?\s*$", re.IGNORECASE
)
# In a report of deaths, "the victims" are the dead: "40 of the victims were foreigners".
# "Seventeen children among victims of deadly stampede", "three tourists were among the victims".
OF_THE_VICTIMS_RE = re.compile(
    r"^\s+(?:(?!bodies|remains|families|relatives)[\w-]+\s+)?(?:were\s+|are\s+)?(?:of|among)\s+(?:the\s+|those\s+)?(?:\w+\s+)?victims\b",
    re.IGNORECASE,
)
OF_THEM_RE = re.compile(r"^[”\"’']?\s+(?:of|among)\s+(?:them|those|whom|which)\b", re.IGNORECASE)
RELATIVE_RE = re.compile(r"^[”\"’']?\s+(?:who|that)\s+(?=\w)", re.IGNORECASE)
# "31 people from West Bengal were still missing": a named origin does not end the noun phrase.
# "the 640 people who were hurt": a relative clause on the noun leads on to the measure.
RELATIVE_IN_GAP_RE = re.compile(r"\b(?:who|that)\b", re.IGNORECASE)
ORIGIN_RE = re.compile(
    # "11 workers from the night shift had been confirmed dead": where the people came from.
    r"\bfrom\s+(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?:\s*,\s*(?:and\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)*|the\s+[a-z]+(?:\s+[a-z]+)?(?=\s+(?:had|have|has|were|was|are|is)\b)|"
    # "35 people from other countries are believed to have been killed"
    r"(?:other|foreign|neighbou?ring|several|many|[\d]+|[a-z]+)\s+(?:countries|nations))"
)
OTHER_RE = re.compile(r"^[”\"’']?\s+(?:others?|more|additional|further)\b", re.IGNORECASE)
# "and 353 were injured", "and 40 wounded": no noun of its own, so the group of the figure before.
ELLIPSIS_RE = re.compile(
    r"^[”\"’']?\s+(?:(?:were|was|have|has|had|been|are|being|also|reportedly|later|subsequently|seriously|"
    r"slightly|badly|lightly|critically)\s+)*",
    re.IGNORECASE,
)
# "Six people, including two children, died": the measure comes after the aside.
APPOSITIVE_AFTER_RE = re.compile(
    # also "Four workers, all from the night shift, died" and "140 people – most of them women – were killed".
    # The noun is words, never another amount or a conjunction: "112 as nearly 100, mostly firefighters,".
    # "reached 91 after two people, including a child, ...": a preposition starts another phrase, not the noun.
    # "121 people - 113 women, seven children and a man - were killed": a spaced hyphen is a dash too.
    r"(?P<noun>(?:\s+(?!(?:as|and|or|while|with|but|after|before|when|since|until|from|than)\b)[A-Za-z'’-]+){0,3}?)"
    r"(?:,\s+(?:including|among them|among whom|all|most|both|mostly|many)\b"
    r"[^,;()]{1,90},|\s+(?:--|[-–—])\s+[^–—;()]{1,60}?\s+(?:--|[-–—])(?=\s)|[–—](?:including|among them|all|most|mostly|many)\b[^–—;()]{1,60}?[–—]"
    # "At least 342 people including 43 children and 26 women have been killed": no closing comma
    r"|,?\s+including\s+[^,;()–—]{1,60}?(?=\s+(?:have|has|had|were|was|are|is)\b)"
    # the headline's "At least 342 People Including 43 Children Killed"
    r"|\s+Including\s+\d[\d,]*\s+[A-Z][a-z]+(?=\s+(?:Killed|Dead|Injured|Wounded|Arrested|Detained|Missing)\b))"
    r"(?=\s|(?<=[–—])\w)",
    re.IGNORECASE,
)
# "At least 30 people were killed, 12 in Idlib and 18 in Aleppo": a share of the figure before, by place.
# "..., 12 in Idlib", "and 18 in Aleppo", "and another nine in the Palisades fire"
SHARE_BEFORE_RE = re.compile(
    r"(?:[,;:—–]|\band|\bincluding|\bwith)\s*(?:another\s+|a\s+further\s+)?$", re.IGNORECASE
)
# "5 bodies were recovered", "six died in hospital": counts of one place or day, shares of the toll.
# "Seven victims were found at the bowling alley": those found at one site.
SHARE_OF_DEAD_RE = re.compile(
    r"\b(?:bodies|corpses|identified|victims\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?found)\b",
    re.IGNORECASE,
)
DIED_WHERE_RE = re.compile(
    r"[”\"’']?\s+(?:in (?:the )?hospitals?|at the scene|on the spot|(?:on the way|en route) to (?:the |a )?hospitals?)",
    re.IGNORECASE,
)
CALENDAR_WORD_RE = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|the|total)$",
    re.IGNORECASE,
)
ACTIVE_VERB_BEFORE_RE = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|murdering|murdered|murders|massacring|massacred|injuring|injured|injures|injure|wounding|wounded|wounds|"
    # "took the lives of at least 40", "Heatwave claims lives of 577"
    r"(?:claimed|claims|claim|claiming|took|takes|take|taking|taken) (?:the )?lives of|"
    # "He shot dead 10 people", "led to the injury of more than 100 people", "caused the deaths of 12"
    r"shot dead|shooting dead|shoots dead|"
    r"(?:led to|leading to|caused|causing|resulted in|resulting in) the (?:deaths?|injury|injuries) of|"
    # "confirmed the demise of 10 individuals", "mandatory evacuations for more than 100,000 people"
    r"(?:the\s+)?demise of|evacuations? (?:orders? )?for|"
    # "mowing down 11 diners", "critically injured about 100 others"
    r"mowing down|mowed down|mows down|gunned down|gunning down|critically injur(?:ed|ing)|"
    r"hurting|hurts|arrests|detains|evacuates|displaces|abducted|abducting|kidnapped|kidnapping|"
    r"arrested|arresting|detained|detaining|evacuated|evacuating|displaced|displacing|hospitali[sz]ed|left|"
    # "announced the arrest of three other people", "caused injuries to 78 people"
    r"(?:the\s+)?arrests?\s+of|(?:caused|causing|inflicted|inflicting)\s+injuries\s+to|injuries\s+to|"
    r"numbering|crowds? of|rally of|march of|protest of|demonstration of|displacement of|attended by|"
    # "45 relief camps have been set up, sheltering over 3,000 people"
    r"sheltering|sheltered|housing|accommodating|"
    r"crowds? (?:estimated |put |numbering )?at)"
    r"(?:\s+(?:all|some|another|a\s+further|an\s+additional|(?:an?\s+)?(?:estimated|reported|total of)))?\s*$",
    re.IGNORECASE,
)
ACTIVE_VERB_MEASURE = {
    "mow": "killed", "gunn": "killed", "critically injur": "critical", "kill": "killed", "murder": "killed", "massacr": "killed", "claim": "killed", "take": "killed", "took": "killed", "injur": "injured", "wound": "injured", "shot": "killed",
    "shoot": "killed", "led to the death": "killed", "leading to the death": "killed", "caused the death": "killed",
    "causing the death": "killed", "resulted in the death": "killed", "resulting in the death": "killed",
    "led to the injur": "injured", "leading to the injur": "injured", "caused the injur": "injured",
    "causing the injur": "injured", "resulted in the injur": "injured", "resulting in the injur": "injured",
    "hurt": "injured", "arrest": "detained", "detain": "detained", "evacuat": "displaced",
    "displac": "displaced", "hospital": "hospitalized", "number": "participants", "crowd": "participants",
    "rally": "participants", "march": "participants", "protest": "participants",
    "demonstration": "participants", "demise": "killed", "the demise": "killed", "evacuation": "displaced", "abduct": "missing", "kidnap": "missing", "attended": "participants", "the arrest": "detained", "injuries to": "injured", "caused injur": "injured", "causing injur": "injured", "inflict": "injured", "shelter": "displaced", "hous": "displaced", "accommodat": "displaced",
}  # fmt: skip
RESCUE_BEFORE_RE = re.compile(
    r"\b(?:rescued|rescuing|saved|saving|pulled|pulling|plucked)\s*$", re.IGNORECASE
)
CARE_VERB_BEFORE_RE = re.compile(
    r"\b(?P<verb>admitted|admitting|took in|taking in|received|receiving|treated|treating)\s*$", re.IGNORECASE
)
CARED_FOR_AFTER_RE = re.compile(
    r"\s+(?:(?:injured|wounded|more)\s+)?(?:people|patients|persons|victims|casualties)\b", re.IGNORECASE
)
AMONG_BEFORE_RE = re.compile(
    # "Among the dead were 8", "Of the dead, 12", "The dead included 12", "Victims include 3".
    r"(?:\bamong\s+(?:the|those)\s+|\bof\s+the\s+(?=\w+\s*,)|(?:^|\bthe\s+)(?=[\w ]+?\s+(?:also\s+)?includ))"
    # "The death toll also included two adults"
    r"(?P<scope>dead|deceased|killed|injured|wounded|victims|hurt|missing|arrested|detained|hospitali[sz]ed|"
    r"(?:confirmed\s+)?fatalities|deaths|"
    r"death\s+toll|toll)"
    # "the deceased passengers included 53 Nepali citizens"
    r"(?:\s+(?:passengers|people|persons|workers|pilgrims|victims|miners|residents))?"
    r"\s*,?\s+(?:also\s+)?(?:(?:was|were|is|are)\s+(?:reported|said|believed|thought)\s+to\s+)?"
    r"(?:were|are|was|is|included|include|includes)?\s*$",
    re.IGNORECASE,
)
# "has risen to 135 from 100", "down from more than 60": the second figure is an earlier state.
# "480, compared with 413 a day earlier": the figure it is compared with is the earlier one too.
FROM_BEFORE_RE = re.compile(
    r"\b(?:(?:up|down|rising|falling|risen|rose|fell|fallen|increased|decreased)?\s*from|compared (?:with|to))"
    # "up from an official tally of 41": the earlier count named by its noun
    r"(?:\s+(?:an?|the|its)\s+(?:(?:official|earlier|previous|initial|provisional|first)\s+)?"
    r"(?:tally|toll|count|figure|estimate|total)\s+of)?\s*$"
)
# "The toll, which had been 413 on Monday, rose to 480", "a figure that was 246 the evening before":
# a relative clause giving the count's value before the one the sentence reports.
EARLIER_RELATIVE_BEFORE_RE = re.compile(
    r"\b(?:which|that)\s+(?:had\s+been|was|had\s+stood\s+at|stood\s+at)\s*$", re.IGNORECASE
)
# "12 died in Aleppo": a figure for one place, a part of the event's total.
PLACE_AFTER_RE = re.compile(
    # "22 in Suzu", "two each in Anamizu and Noto"
    r"(?:\s+each)?\s+(?:in|at|in\s+and\s+around|around)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+)?"
    r"(?:(?:city|town|province|region|district|village|state)\s+of\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)
PLACE_TO_AFTER_RE = re.compile(r"\s+to\s+(?:the\s+)?(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)")
# "81 from Gwangju, 76 from South Jeolla", "three each from Mombasa": a breakdown of the dead by where they came from
PLACE_FROM_AFTER_RE = re.compile(
    r"\s+(?:each\s+)?(?:(?:people|persons|victims|pilgrims|nationals|citizens)\s+)?from\s+(?:the\s+)?(?:capital\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)
WHOLE_FIRST_RE = re.compile(r"\b(?:of|among)\s+(?:the|those)\s+$", re.IGNORECASE)
INCLUDING_BEFORE_RE = re.compile(
    r"\b(?:including|includ(?:es|ed|e)|among them|of whom|of which)(?:\s+(?:the|those))?\s*$", re.IGNORECASE
)
PROJECTION_RE = re.compile(
    r"\b(?:could|may|might|would|will|feared|fears?|expected|expects?|likely|set to|projected|projects?|"
    r"predicts?|predicted|potentially|possibly|forecasts?|feared to|unconfirmed|closer to)\b",
    re.IGNORECASE,
)


def measure_for_phrase(phrase: str) -> str:
    """The measure a matched phrase belongs to."""
    match = MEASURE_RE.fullmatch(phrase)
    return _MEASURE_BY_GROUP[match.lastgroup] if match else "other"


def _measure_of(match: re.Match) -> str:
    return _MEASURE_BY_GROUP[match.lastgroup]


def _groups_containing(subject: str) -> list[str]:
    chain = [subject]
    while SUBJECT_PARENT.get(chain[-1]) is not None:
        chain.append(SUBJECT_PARENT[chain[-1]])
    return chain


def common_group(subjects: list[Group]) -> Group:
    """The smallest group holding all of them: officers and soldiers are security forces."""
    shared = _groups_containing(subjects[0])
    for subject in subjects[1:]:
        containing = set(_groups_containing(subject))
        shared = [group for group in shared if group in containing]
    return shared[0] if shared else Group.PEOPLE


def subject_of(text: str) -> Group | None:
    """The group the first noun of `text` names, joined with nouns coordinated to it."""
    adjective = NATIONALITY_ADJECTIVE_RE.match(text.lstrip())
    if adjective:
        word = adjective.group("adjective")
        return word if word.endswith("ese") else word + "s"  # "Egyptian pilgrims" are counted as "Egyptians"
    match = SUBJECT_RE.search(text)
    if not match:
        return None
    if _SUBJECT_BY_GROUP[match.lastgroup] == NATIONALITY:
        return match.group(0)  # "Afghans": the group is the nationality itself
    subjects = [_SUBJECT_BY_GROUP[match.lastgroup]]
    while True:
        joined = COORDINATION_RE.match(text, match.end())
        if not joined:
            return common_group(subjects)
        match = SUBJECT_RE.match(text, joined.end())
        adjective = None if match else ONE_WORD_RE.match(text, joined.end())
        if adjective:  # "police and riot officers"
            match = SUBJECT_RE.match(text, adjective.end())
        if not match or _SUBJECT_BY_GROUP[match.lastgroup] == NATIONALITY:
            return common_group(subjects)
        subjects.append(_SUBJECT_BY_GROUP[match.lastgroup])


def subject_right_after(text: str) -> Group | None:
    """The group named by the noun phrase that starts `text` ("34 fans and injured 150": fans)."""
    end = NOUN_PHRASE_END_RE.search(text)
    return subject_of(text[: end.start() if end else 40][:40])


def predicate_subject(text: str) -> Group | None:
    """The group a predicate names: "were police officers or soldiers" -> security forces."""
    predicate = PREDICATE_GROUP_RE.match(text)
    if not predicate:
        return None
    group = predicate.group("group")
    match = SUBJECT_RE.search(group)
    if not match or len(group[: match.start()].split()) > 2:
        return None
    return subject_of(group)


def is_other_thing(sentence: str, amount: Amount) -> bool:
    """True when the amount counts something other than people (money, distance, time...)."""
    after = sentence[amount.end : amount.end + 40]
    before = sentence[max(0, amount.start - 24) : amount.start]
    if OTHER_THINGS_AFTER_RE.search(after) or OTHER_THINGS_BEFORE_RE.search(before):
        return True
    if NAME_BEFORE_AGE_RE.search(before) and AGE_AFTER_RE.match(sentence, amount.end):
        return True  # "two boys - Ahmad, 15, and Farel, 14 - who died": ages after names
    digits_only = amount.text.strip("“”\"'‘’ ").isdigit()
    return digits_only and amount.value in YEAR_RANGE and not amount.qualifier and not amount.is_vague


def measure_after(window: str) -> tuple[str | None, str | None, int, int]:
    """(measure, scope measure, end of the measure phrase, end of the scope phrase) after an amount."""
    scope_measure = None
    scope_end = 0
    # "two of whom were taken to hospital", "the more than 18 400 who died"
    of_them = OF_THEM_RE.match(window) or RELATIVE_RE.match(window)
    position = of_them.end() if of_them else 0
    victims = OF_THE_VICTIMS_RE.match(window)
    if victims:
        scope_measure, position = "killed", victims.end()  # "40 of the victims were foreign nationals"
        scope_end = position
    while True:
        match = MEASURE_RE.search(window, position)
        if not match:
            return None, scope_measure, 0, scope_end
        gap = window[position : match.start()]
        hedged = " to " in gap and HEDGED_COPULA_RE.search(gap)
        if hedged:
            gap = HEDGED_COPULA_RE.sub(" ", gap)
        gap = COORDINATED_NOUN_RE.sub(" ", gap)
        gap = RELATIVE_IN_GAP_RE.sub(" ", ORIGIN_RE.sub(" ", gap))
        head = window[: match.start()]
        words = len((HEDGED_COPULA_RE.sub(" ", head) if hedged else head).split())
        if CLAUSE_BREAK_RE.search(gap) or words > MAX_WORDS_TO_MEASURE:
            return None, scope_measure, 0, scope_end
        if SCOPE_BEFORE_RE.search(window, 0, match.start()) and scope_measure is None:
            scope_measure = _measure_of(match)  # "120 of the injured were in critical condition"
            position = scope_end = match.end()
            continue
        measure = _measure_of(match)
        if victims and measure != "killed":
            scope_measure = None  # "two of the victims were in hospital": victims of the injury kind
        return measure, scope_measure, match.end(), scope_end


def is_elliptical(after: str) -> bool:
    """True when the measure follows the amount with no noun between: "353 were injured"."""
    ellipsis = ELLIPSIS_RE.match(after)
    return bool(MEASURE_RE.match(after, ellipsis.end()))


TOLL_NOUN_END_RE = re.compile(r"\b(?:tolls?|tally|count)$", re.IGNORECASE)


def measure_after_aside(sentence: str, amount: Amount) -> tuple[str | None, str, int, bool]:
    """(measure, noun, end of noun, died where) for "Six people, including two children, died"."""
    aside = APPOSITIVE_AFTER_RE.match(sentence, amount.end)
    if not aside:
        return None, "", 0, False
    window = sentence[aside.end() : aside.end() + 80]
    measure, _, measure_end, _ = measure_after(window)
    if measure_end and TOLL_NOUN_END_RE.search(window, 0, measure_end):
        return None, "", 0, False  # "Several figures, including the minister, gave updates on the death toll"
    died_where = measure == "killed" and bool(DIED_WHERE_RE.match(window, measure_end))
    return measure, aside.group("noun"), len(aside.group("noun")), died_where


def share_by_place(sentence: str, amount: Amount, before: str) -> re.Match | None:
    """The place of "12 in Idlib" after a figure it is a share of, or None."""
    # "362 bodies have been brought to the Jinnah Hospital, 170 to Civil, 190 to Abbasi Shaheed"
    place = (
        PLACE_AFTER_RE.match(sentence, amount.end)
        or PLACE_TO_AFTER_RE.match(sentence, amount.end)
        or PLACE_FROM_AFTER_RE.match(sentence, amount.end)
    )
    if not place or CALENDAR_WORD_RE.match(place.group("place").split()[0]):
        return None
    return place if SHARE_BEFORE_RE.search(before[-14:]) else None
