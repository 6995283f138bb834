"""Read casualty figures with an ordered table of named construction rules.

Each amount in a sentence ("40", "more than 1,000", "dozens") is offered to the rules of
`RULES` in order; the first rule that reads it decides the measure and, where the
construction says so, the group and the scope ("of them", "in Derna alone"). A rule is
one row: a name, a reader (a few compiled patterns around the amount), and the
sentences it must and must not read, which `tests/analysis/test_constructions.py` runs.
A new construction is a new row. Every figure keeps the name of the rule that read it,
so the desk can show why a number was taken as a figure.

After a rule has read the measure, the same finishing steps apply to every figure: the
group named by the noun, "others" meaning the group before, projections ("could reach").
When no rule reads an amount, it is not a figure: precision first.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .events import HEADLINE_VERB
from .facts import Scope, ScopeKind
from .figure_readers import (
    INCLUDING,
    OF_THEM,
    PLACE_PART_AFTER_RE,
    SAME_GROUP,
    Around,
    FigureMention,
    Reading,
    part_of_whole,
    read_active_verb,
    read_among_before,
    read_among_them,
    read_among_whole_after,
    read_aside,
    read_aside_item,
    read_bracketed_tally,
    read_care_verb,
    read_conjoined_object,
    read_count_by_place,
    read_count_noun,
    read_crowd_noun,
    read_fronted_whole,
    read_group_predicate,
    read_including,
    read_injured_now_critical,
    read_injured_then_predicate,
    read_injured_who_died,
    read_list_item,
    read_listed_group,
    read_lives_claimed,
    read_measure_after,
    read_more_in,
    read_of_them_manner,
    read_of_them_place,
    read_of_which_group,
    read_partitive,
    read_patients_noun,
    read_people_sought_or_lost,
    read_restated_amount,
    read_share_by_place,
    read_shared_measure,
    read_toll_named_after,
    read_toll_verb,
    read_trapped,
    read_update_from,
    read_verb_toll_preposition,
)
from .measures import (
    DIED_WHERE_RE,
    EARLIER_RELATIVE_BEFORE_RE,
    FROM_BEFORE_RE,
    INCLUDING_BEFORE_RE,
    OF_THEM_RE,
    OTHER_RE,
    PLACE_AFTER_RE,
    PROJECTION_RE,
    RESCUE_BEFORE_RE,
    SHARE_OF_DEAD_RE,
    SUBJECT_RE,
    WHOLE_FIRST_RE,
    Group,
    is_elliptical,
    is_other_thing,
    subject_of,
    subject_right_after,
)
from .numbers import Amount, find_amounts

# "from the previous toll of 359", "our first estimates were 290": the count before the one reported.
PREVIOUS_COUNT_BEFORE_RE = re.compile(
    r"\b(?:previous|earlier|initial|original|first|old)\s+(?:official\s+|death\s+)?"
    r"(?:tolls?|figures?|counts?|estimates?|tally|tallies|numbers?)\s+(?:of|was|were|stood\s+at|at|had\s+been)\s*$",
    re.IGNORECASE,
)
INCLUDED_SIBLING_GAP_RE = re.compile(r"(?:\s+[\w-]+){0,2}?\s*,?\s+and\s+", re.IGNORECASE)
NUMBER_OF_NOUNS = ("number of", "toll of", "count of")
NUMBER_OF_GROUP_RE = re.compile(
    r"\b(?:number|toll|count)\s+of\s+(?P<group>[\w-]+(?:\s+[\w-]+)?)\s+(?:who\s+|that\s+)?(?:have\s+|had\s+|were\s+)?(?:been\s+)?"
    r"(?:killed|dead|died|injured|wounded|hurt|missing|arrested|detained)\b",
    re.IGNORECASE,
)
PREVIOUS_WORDS = ("previous", "earlier", "initial", "original", "first", "old")
# "before the death toll spiked from 95 dead": the count a rise started from, whatever it rose to.
TOLL_ROSE_FROM_BEFORE_RE = re.compile(
    r"\b(?:toll|count|tally|number|figure)s?\s+(?:has\s+|had\s+|have\s+)?(?:rose|risen|rises|climbed|climbs|"
    r"jumped|jumps|spiked|spikes|surged|surges|soared|increased|grew|shot\s+up)\s+from\s*$",
    re.IGNORECASE,
)
# "The death toll, once reported at 93, has now surged to 115": an aside with the count as it was first given.
EARLIER_ASIDE_BEFORE_RE = re.compile(
    r"\b(?:once|initially|originally|first|previously|earlier)\s+(?:reported|put|given|estimated|set|announced|"
    r"stated|thought\s+to\s+be|said\s+to\s+be)(?:\s+(?:at|as))?\s*$",
    re.IGNORECASE,
)


def _previous_count_before(before: str) -> bool:
    lowered = before.lower()
    return any(word in lowered for word in PREVIOUS_WORDS) and bool(PREVIOUS_COUNT_BEFORE_RE.search(before))


OTHERS = "others"
OTHERS_AFTER_RE = re.compile(
    r"^\s+others?\b", re.IGNORECASE
)  # the group of a part named as others than the figures before it
# Where the words that could hedge an amount stop: a contrast, or a relative clause or event of its own
# ("gun laws will change following a terror attack which killed 49": "will" is the laws').
GOVERNING_BREAK_RE = re.compile(
    r"[;(]|\b(?:although|though|but|while|whereas|however|yet|which|who|following)\b", re.IGNORECASE
)
# "leave at least 126 dead and missing", "7,300 people dead or missing": the dead and the missing
# counted together, a count of its own (read against other such counts only).
DEAD_OR_MISSING_AFTER_RE = re.compile(
    # "126 dead and missing", "some 300 people have died or are missing"
    r"^\W*(?:[\w-]+\s+){0,2}?(?:dead|killed|died)\s+(?:and|or)\s+(?:(?:are|were|remain)\s+)?(?:missing|unaccounted\s+for)\b",
    re.IGNORECASE,
)
# "nearly 100 dead in total are feared": the fear comes after the count it hedges.
FEARED_AFTER_RE = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:are|is|were|was)\s+(?:now\s+)?feared\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ConstructionRule:
    """One construction that makes an amount a figure, with the sentences it must and must not read.

    `examples` are (sentence, measure, value): the sentence must yield a figure of that measure and
    value read by this rule. `counter_examples` must yield no figure read by this rule.
    """

    name: str
    read: Callable[[Around], Reading | None]
    examples: tuple[tuple[str, str, float], ...]
    counter_examples: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------------------------
# The table. Order matters: the first rule that reads an amount wins.

RULES: tuple[ConstructionRule, ...] = (
    ConstructionRule(
        "partitive",
        read_partitive,
        examples=(
            ("Forty-one of the 78 people on board died, the airline said.", "killed", 41),
            # the dead named so far: a part of the toll, never its rival
            ("The remains of 17 of the 19 people killed in the crash have been identified.", "killed", 17),
            ("12 of the 40 passengers were hurt.", "injured", 12),
            ("Four of the six victims have so far been identified.", "killed", 4),
            ("Forty-one of 78 aboard die in cabin fire", "killed", 41),
        ),
        counter_examples=("Fifteen of the 30 injured were in critical condition.",),
    ),
    ConstructionRule(
        "fronted_whole",
        read_fronted_whole,
        examples=(
            ("Of the deaths, 17,388 were in the northern territory, he said.", "killed", 17_388),
            ("Of the injured, about 40 were still in hospital on Monday.", "hospitalized", 40),
            ("Among the dead, 12 were children.", "killed", 12),
            ("Of the 72 deaths, 39 were in the port, 22 in the hills.", "killed", 39),
        ),
        counter_examples=("Of the villages, 12 were flooded.", "Of the rescued, 40 were children."),
    ),
    ConstructionRule(
        "among_whole_after",
        read_among_whole_after,
        examples=(
            ("Seventeen children were among at least 125 people killed.", "killed", 17),
            ("There were 35 children among the 131 dead.", "killed", 35),
            ("Seven foreigners among 50 dead in hotel blaze", "killed", 7),
        ),
        counter_examples=("Seventeen children were among 125 people rescued.",),
    ),
    ConstructionRule(
        "injured_who_died",
        read_injured_who_died,
        examples=(
            ("Two injured miners died overnight.", "killed", 2),
            ("The toll rose to 41 after three more wounded soldiers died in hospital.", "killed", 3),
        ),
        counter_examples=("Three injured miners were flown to the city.",),
    ),
    ConstructionRule(
        "injured_then_predicate",
        read_injured_then_predicate,
        examples=(
            (
                "At least 160 people injured in the blast have been admitted to the city hospital.",
                "hospitalized",
                160,
            ),
            ("Nine people who had been shot in the attack remained in hospital.", "hospitalized", 9),
            ("Another four people injured in the fire had died in area hospitals.", "killed", 4),
            ('A doctor says six people wounded in the shooting are "critically ill".', "critical", 6),
            ("About 74 injured persons are receiving treatment at the general hospital.", "hospitalized", 74),
            ("Twelve injured victims are undergoing treatment in town.", "hospitalized", 12),
            (
                "By noon, 80 people injured in the attack, including six children, remained in hospital.",
                "hospitalized",
                80,
            ),
            ("He said 57 injured people remain hospitalized, 10 of them critical.", "hospitalized", 57),
            ("Only 120 injured individuals remain in hospitals.", "hospitalized", 120),
            ("Nearly 100 injured have been discharged from the hospital.", "injured", 100),
        ),
        counter_examples=("Forty people injured in the blast were treated at the scene.",),
    ),
    ConstructionRule(
        "injured_now_critical",
        read_injured_now_critical,
        examples=(
            ("The toll could rise as four injured persons are in a critical condition.", "critical", 4),
            ("Two wounded officers remain critical.", "critical", 2),
        ),
        counter_examples=("Two injured officers were flown out.",),
    ),
    ConstructionRule(
        "measure_after",
        read_measure_after,
        examples=(
            ("At least 40 people were killed in the blast.", "killed", 40),
            ("Fifteen of the injured were in critical condition.", "critical", 15),
            ("Eight officers were among the injured.", "injured", 8),
            ("About 200 protesters gathered outside the ministry.", "participants", 200),
            ("Eight climbers were rescued and taken to hospitals for burns.", "hospitalized", 8),
            ("About 90 victims were taken from the scene to hospitals.", "hospitalized", 90),
            ("Over 10,300 people are presently housed in school buildings.", "displaced", 10_300),
            ("Tens of thousands took to the streets of the capital.", "participants", 50_000),
            ("At least 20 suffered serious burns in the fire.", "injured", 20),
            ("Officials say 4,500 people need shelter.", "displaced", 4500),
            ("More than 2,100 survivors are staying in temporary shelters.", "displaced", 2100),
            ("An estimated 80.000 people have taken refuge in schools.", "displaced", 80_000),
            ("Some 19 000 people had been left without homes.", "displaced", 19_000),
            ("the more than 6 400 who died in the 1995 quake", "killed", 6400),
            ("Only one of the injured remained critical.", "critical", 1),
            ("Eleven people from Kerala are still missing.", "missing", 11),
            ("Of the 120 people on the first list, most were found.", "missing", 120),
            ("Four of the victims were beheaded.", "killed", 4),
            ("At least 22 villagers were massacred by the militia.", "killed", 22),
            ("Officials estimated about 50,000 people were attending the concert.", "participants", 50_000),
            ("Seventeen were taken to hospital, eleven who were in cardiac arrest.", "critical", 11),
            ("Over 300 people were treated at a field hospital near the stage.", "injured", 300),
            ("The toll included 19 who died in the storm and 15 whose deaths came later.", "killed", 15),
            ("The ministry said 40 of the victims were foreign nationals.", "killed", 40),
            ("Seventeen children among victims of stadium crush", "killed", 17),
            ("At least 100 more are nursing gunshot wounds, the group said.", "injured", 100),
            ("A total of 59 people have been abducted or are missing.", "missing", 59),
            ("Police placed 3,000 people under evacuation orders.", "displaced", 3000),
            ("An estimated 24,000 people were told to get to higher ground.", "displaced", 24_000),
            ("Tens of thousands swarmed the streets of the capital.", "participants", 50_000),
            ("So far 97 victims have been recovered from the rubble.", "killed", 97),
            ("Records show thirty-nine (39) people have died in the protests.", "killed", 39),
            ("At least 8 dead and several injured at music festival", "injured", 5),
            ("Thirty villagers were buried on Sunday.", "killed", 30),
            ("Some 30,000 people left the city after the quake.", "displaced", 30_000),
            ("Two of them were being treated in hospital.", "hospitalized", 2),
            ("The official said 57 people were being treated, seven of them critically.", "hospitalized", 57),
            ("Seven had been admitted to the intensive care unit.", "critical", 7),
            ("Nine people were gravely wounded.", "critical", 9),
            ("Some 250,000 people had turned up for the festival.", "participants", 250_000),
            ("Thousands of fans had invaded the pitch.", "participants", 5000),
            ("Seven victims were found at the bowling alley.", "killed", 7),
            ("Singh said 72 have been identified so far.", "killed", 72),
            ("Four patients are critical and 24 are considered stable.", "hospitalized", 24),
            ("Children trampled as 140 die at hill shrine", "killed", 140),
            ("Three more succumbed to their injuries on the way to hospital.", "killed", 3),
            ("Four of the injured are in a critical condition.", "critical", 4),
            ("More than 80 people were on ventilators.", "critical", 80),
            ("Some 246 people are undergoing treatment at the city hospital.", "hospitalized", 246),
            ("At least 50,000 pilgrims flocked to the shrine.", "participants", 50_000),
            ("Riots: 90+ dead, hundreds held", "killed", 90),
            ("Many of the 640 people who were hurt are children.", "injured", 640),
            ("Factory gas leak: 11 killed, 25 critical", "critical", 25),
            ("At least 25 people were admitted to hospitals in critical condition.", "critical", 25),
            ("Six people were admitted to hospital in a serious condition.", "hospitalized", 6),
            ("Three more people were shot outside the store.", "injured", 3),
            ("He said 137 people have been officially registered as missing.", "missing", 137),
            ("By Thursday, 140 passengers from the boat had been reported missing.", "missing", 140),
            ("Two persons were buried alive when the bus fell.", "killed", 2),
            ("Ninety-seven people were burned to ashes at the scene.", "killed", 97),
            ("At least six are battling for life in hospital.", "critical", 6),
            ("Eighteen workers continue to be under medical attention.", "hospitalized", 18),
            ("Another 205 people had received outpatient care.", "injured", 205),
            ("Another 360 people were listed as wounded.", "injured", 360),
            ("At least 80 had been held in the northern city.", "detained", 80),
            ("Three of those who died are children.", "killed", 3),
            ("As many as 200,000 people massed in the square.", "participants", 200_000),
            ("More than 80 patients needed ventilators, the agency said.", "critical", 80),
            ("About 800 villagers were moved to relief camps.", "displaced", 800),
            ("More than 300,000 people were in relief camps.", "displaced", 300_000),
            ("Up to 200,000 people took part, the organisers said.", "participants", 200_000),
            ("Tens of thousands march against the war", "participants", 50_000),
            ("By evening, 11 workers from the night shift had been confirmed dead.", "killed", 11),
            ("About 40 passengers were injured and taken to hospital.", "hospitalized", 40),
            ("Eighty people were confirmed as injured, the governor said.", "injured", 80),
            ("Three of the volunteers have already passed away.", "killed", 3),
            ("Two of them were being treated at hospitals, it said.", "hospitalized", 2),
            ("At least 19 people were killed in the last 24 hours, the agency said.", "killed", 19),
            ("He said 223 people had been confirmed dead in the district.", "killed", 223),
            ("The worst hit was the Kathmandu Valley, where 1,441 have died.", "killed", 1441),
            ("Eighteen people were killed on Mount Everest.", "killed", 18),
        ),
        counter_examples=(
            "The ship carried 2,750 tonnes of fertiliser.",
            "Turnout was 45 percent in 1991.",
            "About 80% of the dead were elderly.",
            "The state will pay Rs 2 lakh to the families of the dead.",
            "Each of the injured will get Rs 50,000.",
            "Two dams collapsed after the rain.",
            "The blast damaged 120 cars and 50 buildings.",
            "Coastguards rescued 45 people from the water.",
            "Twelve people were buried under the rubble.",
            "Of the 11 on the shift, five escaped and six others were buried.",
            "Hundreds of people watched rescuers free passengers trapped in the carriage.",
            "At least 25 people and millions of animals have died.",
            "It was one of the deadliest storms in decades.",
            "Patients in hospital will be given 500,000 rubles each.",
            "The tower fell at around 1.30pm on Monday, trapping workers.",
            "Paramedics were sent to 1,571 life-threatening incidents.",
            "The police detained eight people who were relatives of the deceased miners.",
            "The rally was set for 15 March in the capital.",
        ),
    ),
    ConstructionRule(
        "aside",
        read_aside,
        examples=(
            ("Nine villagers, including four pupils, drowned when the ferry sank.", "killed", 9),
            ("At least 9 people, including a driver, were in police custody.", "detained", 9),
            ("Four workers, all from the night shift, died at the scene.", "killed", 4),
            ("At least 140 people – most of them women and children – were killed.", "killed", 140),
            (
                "The attack in which 26 people—including 20 children—were killed shocked the town.",
                "killed",
                26,
            ),
        ),
        counter_examples=("Several officials, including the minister, gave updates about the death toll.",),
    ),
    ConstructionRule(
        "aside_item",
        read_aside_item,
        examples=(
            (
                "In all 121 people - 113 women, seven children and a man - were killed in the crush.",
                "killed",
                113,
            ),
            ("In all 121 people – 113 women, seven children and a man – were killed.", "killed", 113),
            (
                "The plane crashed, killing all 72 people -- 68 passengers and 4 crew members -- on board.",
                "killed",
                68,
            ),
        ),
        counter_examples=("In all 121 people were killed, 113 of them women.",),
    ),
    ConstructionRule(
        "care_verb",
        read_care_verb,
        examples=(
            ("Hospitals in the valley admitted 1,500 patients overnight.", "hospitalized", 1500),
            ("Paramedics treated 300 people for smoke inhalation.", "injured", 300),
            ("Hospitals in the region were treating 64 people on Thursday.", "hospitalized", 64),
            ("Doctors were treating 40 patients in the city hospital.", "hospitalized", 40),
            ("The city's hospitals have treated nearly 80,000 people for heatstroke.", "injured", 80_000),
        ),
        counter_examples=("The minister admitted three mistakes in the count.",),
    ),
    ConstructionRule(
        "toll_named_after",
        read_toll_named_after,
        examples=(
            ("Divers found one more body, bringing to 64 the confirmed number of victims.", "killed", 64),
            (
                "The find takes to 35 the number of minors known to have died and to 25 the number of children under 12.",
                "killed",
                25,
            ),
            ("Two more bodies were found, raising to 51 the official tally of victims.", "killed", 51),
        ),
        counter_examples=("The ferry was bringing 64 the long way round.",),
    ),
    ConstructionRule(
        "people_sought_or_lost",
        read_people_sought_or_lost,
        examples=(
            ("Divers are still searching for 41 people swept away by the river.", "missing", 41),
            ("Divers continued to look for at least 128 passengers.", "missing", 128),
            ("Bad weather halted the search for 12 climbers on the volcano.", "missing", 12),
            ("The mass burial of the 107 victims took place on Thursday.", "killed", 107),
            ("Rescuers brought down the bodies of the 11 hikers.", "killed", 11),
            ("One farmer lost nearly 50 members of his family in the blast.", "killed", 50),
            ("A village head said he lost at least 15 people in the flood.", "killed", 15),
        ),
        counter_examples=(
            "Police are searching for 3 suspects.",
            "A mound of earth caved in at the mine, burying at least 23 miners.",
            "The hunt for two gunmen went on overnight.",
            "The club lost 12 matches this season.",
        ),
    ),
    ConstructionRule(
        "among_before",
        read_among_before,
        examples=(
            ("Among the dead were 8 foreign nationals.", "killed", 8),
            ("Among the deceased are 14 children.", "killed", 14),
            ("The dead included 12 schoolchildren.", "killed", 12),
            ("Victims include 3 firefighters.", "killed", 3),
            ("The dead included 53 Nepali citizens, five Indians and four Russians.", "killed", 53),
            ("The death toll also included two adults.", "killed", 2),
        ),
    ),
    ConstructionRule(
        "active_verb",
        read_active_verb,
        examples=(
            ("The landslide killed 23 and injured 9.", "injured", 9),
            ("He shot dead 10 people at the market.", "killed", 10),
            ("The gunman murdered 22 people at the concert.", "killed", 22),
            ("The crush led to the injury of more than 100 people.", "injured", 100),
            ("The quake claimed the lives of 80 people.", "killed", 80),
            ("Police arrested another eight people on Friday.", "detained", 8),
            ("Police announced the arrest of three other people.", "detained", 3),
            ("The storm caused injuries to 78 people.", "injured", 78),
            ("The blast took the lives of at least 40 people.", "killed", 40),
            ("Heatwave claims lives of 577 pilgrims", "killed", 577),
            ("Quakes kill 15, injure nearly 40 others in the west", "injured", 40),
            ("The floods caused the displacement of 43,059 people.", "displaced", 43_059),
            ("Tanker blast kills more than 100, injures dozens", "injured", 48),
            ("Police put the crowd at 40,000.", "participants", 40_000),
            ("Gunmen kidnapped 20 villagers on the road to the market.", "missing", 20),
            ("A crowd estimated at more than 2,000 stood outside.", "participants", 2000),
        ),
        counter_examples=("The storm left 300 homes without power.",),
    ),
    ConstructionRule(
        "verb_toll_preposition",
        read_verb_toll_preposition,
        examples=(
            ("Officials revised the toll down to 275 from 288.", "killed", 275),
            ("That brings the toll across both provinces to more than 7.900.", "killed", 7900),
            ("Police revised the number of people killed in the Aug. 8 fire down to 97.", "killed", 97),
            ("Police estimates put the number of marchers at just 25,000.", "participants", 25_000),
            ("UN revises toll from Libya floods to 3958", "killed", 3958),
            ("A further 30 died, pushing the toll from 114 to 143.", "killed", 143),
            ("Their deaths take the national toll to 14.", "killed", 14),
            ("Police later raised the confirmed toll to 9.", "killed", 9),
            ("The ministry put the death toll at 5,500.", "killed", 5500),
            ("Officials pegged the toll in the province at 1 240.", "killed", 1240),
            ("Officials lower death toll in island Easter attacks to 253", "killed", 253),
            ("Boy dies from festival injuries, Bringing Death Toll to 10", "killed", 10),
            ("Crews found two more bodies, bringing the death count up to 20.", "killed", 20),
            ("32 deaths in Karachi take Sindh heatwave toll to 1,242", "killed", 1242),
            ("The paper put their total estimate of the deaths at about 1,052.", "killed", 1052),
            ("Figures for the injured varied: the railway put the number at about 650.", "injured", 650),
        ),
        counter_examples=("The agency put the damage at 40 million.", "They set the meeting at 10."),
    ),
    ConstructionRule(
        "toll_verb",
        read_toll_verb,
        examples=(
            ("Mokwa flood: Death toll: Officially 151", "killed", 151),
            ("The death toll from the storm has climbed to 57.", "killed", 57),
            ("Death toll from Kestrel ferry sinking rises to 154", "killed", 154),
            ("The toll has climbed on Sunday to 151.", "killed", 151),
            ("Flood toll nears 80 as rain eases", "killed", 80),
            ("The death toll in the landslides touched 399.", "killed", 399),
            ("The toll is approaching the 600 mark.", "killed", 600),
            ("The number of mortalities reached 1,301.", "killed", 1301),
            ("Officials said the toll could be in the hundreds.", "killed", 500),
            ("As a result, the final count stands at 57 victims.", "killed", 57),
            ("Before the update, the number of deceased was declared to be 129.", "killed", 129),
            ("Hurricane death toll on the island more than doubles to 34", "killed", 34),
            ("Officials say the death toll is only 64", "killed", 64),
            ("The toll, which had been 413 on Monday, rose to 480.", "killed", 413),
            ("Death toll in riots rises by more than 100 to 337", "killed", 337),
            ("The number of victims killed is now known to be 50.", "killed", 50),
            ("Firefighters said the number of missing could be as many as 300.", "missing", 300),
            ("The number of people who have died in hospital has now increased to five.", "killed", 5),
            ("Ferry toll down to 97 from 115", "killed", 97),
            ("With the combined toll hitting 10,000, the quake is the worst in decades.", "killed", 10_000),
            ("Quake toll rises to 3958", "killed", 3958),
            (
                "The number of people killed in Friday's three-car crash has by noon climbed to 23.",
                "killed",
                23,
            ),
            ("Number missing after the fire drops to 66", "missing", 66),
            ("Island missing list falls below 100", "missing", 100),
            ("The number of people unaccounted for fell, from 41 to 31, police said.", "missing", 31),
            ("The toll was first put at 288 and revised down to 275 later.", "killed", 275),
            ("Deaths in the region pass 8,500", "killed", 8500),
            ("The minister said the death toll as of 1930 GMT on Wednesday was 274.", "killed", 274),
            ("The provisional toll in Wednesday's earthquake in central Italy is 278.", "killed", 278),
            ("The death toll from the tower fire on the night of June 14 is now 79.", "killed", 79),
            ("Nepal earthquake death toll above 4,500", "killed", 4500),
            ("Mine rescue ends; death toll 301", "killed", 301),
            ("The toll passed the grim milestone of 1,000 on Friday.", "killed", 1000),
            ("The death toll has already crossed 1000, officials said.", "killed", 1000),
        ),
        counter_examples=("A family of three was rescued.", "The river rose to 12 metres."),
    ),
    ConstructionRule(
        "count_noun",
        read_count_noun,
        examples=(
            (
                "The new death toll was 12 more than the initial tally of 27 announced on Thursday.",
                "killed",
                27,
            ),
            (
                "Officials said 272 people had died, a figure that was 246 the previous evening.",
                "killed",
                246,
            ),
            ("The toll rose to 115 on Monday. As of Sunday, the count had stood at 114.", "killed", 114),
            (
                "The latest official figure for the north is 5,914, while monitors counted 6,760 deaths.",
                "killed",
                5914,
            ),
        ),
        counter_examples=("The number of trains was 40.",),
    ),
    ConstructionRule(
        "lives_claimed",
        read_lives_claimed,
        examples=(
            ("The collapse claimed at least three young lives.", "killed", 3),
            ("Storms swept the coast, claiming at least 40 lives, officials said.", "killed", 40),
            ("The heatwave cost 12 lives.", "killed", 12),
            ("In past years, floods have claimed hundreds of lives.", "killed", 500),
        ),
        counter_examples=("Lifeguards saved 12 lives.",),
    ),
    ConstructionRule(
        "trapped",
        read_trapped,
        examples=(
            ("An explosion apparently trapped 13 miners deep underground.", "missing", 13),
            ("Blast traps 11 at colliery", "missing", 11),
        ),
        counter_examples=("Locked gates were trapping thousands outside.",),
    ),
    ConstructionRule(
        "conjoined_object",
        read_conjoined_object,
        examples=(("The blast killed 9 soldiers and four civilians.", "killed", 4),),
        counter_examples=("The blast killed 9 soldiers and 40 homes burned.",),
    ),
    ConstructionRule(
        "including",
        read_including,
        examples=(("The blast killed 12, including three children.", "killed", 3),),
        counter_examples=("Twenty bodies were recovered, of whom four have been identified.",),
    ),
    ConstructionRule(
        "update_from",
        read_update_from,
        examples=(
            ("The toll has risen to 135 from 100.", "killed", 100),
            ("The toll now stands at 480, compared with 413 a day earlier.", "killed", 413),
        ),
    ),
    ConstructionRule(
        "share_by_place",
        read_share_by_place,
        examples=(
            ("At least 25 people were hurt, 10 in Kordan and 15 in Vell.", "injured", 10),
            (
                "Of the 40 passengers who died, the ministry said: 21 from Ostrava, 12 from Brno.",
                "killed",
                12,
            ),
            (
                "The dead included 17 from the capital, four from Tarn and three each from Lys and Arve.",
                "killed",
                3,
            ),
            (
                "More than 900 deaths were recorded: 414 in government-held areas and some 500 in the north.",
                "killed",
                414,
            ),
        ),
        counter_examples=("At least 25 people were hurt, police said, 10 days after the storm.",),
    ),
    ConstructionRule(
        "of_them_place",
        read_of_them_place,
        examples=(("At least 225 people were killed, 103 of them in Almaty.", "killed", 103),),
        counter_examples=("Of them in Almaty, 103 were found.",),
    ),
    ConstructionRule(
        "of_them_manner",
        read_of_them_manner,
        examples=(
            ("Two hundred people were injured, 80 of them seriously.", "injured", 80),
            (
                "At least 2,059 more people were injured - 1,404 critically, the ministry said.",
                "critical",
                1404,
            ),
            (
                "The gunman killed 14 people and wounded 25 others - 10 seriously - at the school.",
                "injured",
                10,
            ),
            ("Eight attackers also died, seven of them by detonating suicide belts.", "killed", 7),
        ),
        counter_examples=("Twelve people were hurt, two of them in hospital care.",),
    ),
    ConstructionRule(
        "bracketed_tally",
        read_bracketed_tally,
        examples=(("Unconfirmed reports put the toll at 249 (official tally 167).", "killed", 167),),
    ),
    ConstructionRule(
        "more_in",
        read_more_in,
        examples=(
            (
                "About 4,400 survivors were staying in hotels, and about 900 more in rented homes.",
                "displaced",
                900,
            ),
        ),
        counter_examples=("He waited 20 more minutes.",),
    ),
    ConstructionRule(
        "among_them",
        read_among_them,
        examples=(
            (
                "Police named 55 of the dead. Among them, 22 were in their 70s and 13 in their 60s.",
                "killed",
                13,
            ),
            ("At least 40 people died. Among them are 19 foreigners.", "killed", 19),
        ),
        counter_examples=("Among them, 22 were in their 70s.",),
    ),
    ConstructionRule(
        "group_predicate",
        read_group_predicate,
        examples=(
            ("At least 151 people were killed; 97 are women and 54 are men.", "killed", 54),
            ("Nine people were injured and at least four were teenagers.", "injured", 4),
        ),
        counter_examples=("Twelve were women who had gathered.",),
    ),
    ConstructionRule(
        "listed_group",
        read_listed_group,
        examples=(
            ("Dozens of protesters, 12 police dead in capital clashes", "killed", 48),
            ("Five soldiers and 20 civilians were killed.", "killed", 5),
            ("Rescuers dug all night. But at least 21 students and four teachers died.", "killed", 21),
            ("KELL -- At least 23 children and four adults were killed.", "killed", 23),
            ("At least 40 children and 45 women were among the dead.", "killed", 40),
            ("All 175 passengers and four of the six crew were killed.", "killed", 175),
            ("The attack ended with 19 children and two teachers killed.", "killed", 19),
        ),
        counter_examples=("Five soldiers and 20 civilians were rescued.",),
    ),
    ConstructionRule(
        "of_which_group",
        read_of_which_group,
        examples=(("28 people lost their lives, 14 of which were males, the report said.", "killed", 14),),
        counter_examples=("Six buses, four of which were new, were damaged.",),
    ),
    ConstructionRule(
        "shared_measure",
        read_shared_measure,
        examples=(("Two provinces reported four and three deaths.", "killed", 4),),
        counter_examples=("Between four and six, the roads were closed.",),
    ),
    ConstructionRule(
        "list_item",
        read_list_item,
        examples=(
            (
                "The floods have claimed 47 lives, which include 18 men, 17 women, and 12 children.",
                "killed",
                12,
            ),
            ("The floods killed 23 men, 23 women and 29 children, the agency said.", "killed", 29),
            ('"33 children died: 8 girls and 25 boys, aged 4 to 17," she said.', "killed", 25),
        ),
        counter_examples=("The blast killed 12 people, 40 homes burned.",),
    ),
    ConstructionRule(
        "count_by_place",
        read_count_by_place,
        examples=(
            (
                "Most fatalities occurred in Al Haouz (542), Taroudant (321) and Chichaoua (103).",
                "killed",
                321,
            ),
            (
                "Most deaths were in Sindh, followed by Khyber Pakhtunkhwa with 286, Balochistan with 259.",
                "killed",
                259,
            ),
        ),
        counter_examples=("The agency (WHO) said 12 cases were found.",),
    ),
    ConstructionRule(
        "patients_noun",
        read_patients_noun,
        examples=(
            (
                "On the morning of the shooting, 44 patients were transported to the trauma centre.",
                "hospitalized",
                44,
            ),
            ("Health minister: 115 burn patients receiving medical care abroad", "hospitalized", 115),
        ),
        counter_examples=("Six patients are still in critical condition.",),
    ),
    ConstructionRule(
        "crowd_noun",
        read_crowd_noun,
        examples=(
            ("Thousands of protesters defy the police and gather at the cemetery", "participants", 5000),
            ("State-linked media reported 10,000 mourners at her grave.", "participants", 10_000),
        ),
        counter_examples=("Police said 12 protesters were killed.",),
    ),
    ConstructionRule(
        "restated_amount",
        read_restated_amount,
        examples=(("The toll fell to 97. He said that 97 should be treated as a minimum.", "killed", 97),),
        counter_examples=("He said that 12 should be enough.",),
    ),
)

# ---------------------------------------------------------------------------------------------
# Finishing steps shared by every figure.


INCREMENT_AFTER_RE = re.compile(r"^[”\"’']?\s+(?:more|additional|further)\b", re.IGNORECASE)
# "the toll increased by 100": the rise, not the toll.
RISE_BY_BEFORE_RE = re.compile(
    r"\b(?:increased|increases|rose|risen|rises|climbed|jumped|went\s+up|gone\s+up|grew|up)\s+by\s+"
    r"(?:another\s+|a\s+further\s+)?$",
    re.IGNORECASE,
)
# "24 people were killed in the last 24 hours": one day's count within the toll. Toll constructions
# in the same sentence ("the toll rose to 1,314, with 24 deaths in the past day") still read the whole.
ONE_PERIOD_RE = re.compile(
    r"\b(?:in|during|over|within)\s+the\s+(?:last|past|previous|preceding)\s+(?:24|48|72|twenty-four|\w+)\s+"
    r"(?:hours|days)\b|\b(?:in|during|over)\s+the\s+(?:last|past|previous)\s+(?:day|week)\b"
    # "five fatalities in the 24 hours to 8 am on Wednesday": a daily bulletin's count
    r"|\b(?:in|during|over|within)\s+the\s+(?:24|48|twenty-four|forty-eight)\s+hours\s+(?:to|up\s+to|until|till|ending)\b",
    re.IGNORECASE,
)
TOLL_RULES = {"toll_verb", "verb_toll_preposition", "count_noun"}
# "21 are already confirmed dead": a count with no noun of its own.
BARE_COUNT_AFTER_RE = re.compile(r"^\s+(?:were|was|are|is|have|has|had)\b", re.IGNORECASE)
SENTENCE_OPENING_AMOUNT_RE = re.compile(
    r"^[\"“‘']?(?:(?:at\s+least|about|around|some|nearly|almost|more\s+than|over|another|a\s+further)\s+)?$",
    re.IGNORECASE,
)
RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.IGNORECASE)
MEMBERS_OF_RE = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:members|staff|personnel|employees|officers|ranks)\s*$", re.IGNORECASE
)
LISTED_SIBLING_GAP_RE = re.compile(r"^\s*(?:,\s*)?(?:and\s+)?$")
MORE_OTHERS_RE = re.compile(
    # "At least 48 more people, including children, were injured" after the dead: others, not a rise
    r"^\s+more\s+(?:people\s*)?(?:,[^,]{1,40},\s*)?(?:were|was|are|have\s+been|had\s+been)\b",
    re.IGNORECASE,
)
INCREMENT_BEFORE_RE = re.compile(r"\b(?:a\s+further|another|an\s+additional)\s*$", re.IGNORECASE)


def _initial_scope(around: Around) -> Scope | None:
    """A scope the words right around the amount state, whatever rule reads the measure."""
    if OF_THEM_RE.match(around.after):
        return OF_THEM
    if OTHER_RE.match(around.after):
        return SAME_GROUP
    if INCLUDING_BEFORE_RE.search(around.before[-40:]):
        return INCLUDING
    return None


def _finish(around: Around, reading: Reading, rule: str) -> FigureMention | None:
    """The figure a rule read, its group, scope and place settled by SCOPE_STEPS from the words around it."""
    if reading.measure == "unharmed":
        return None
    if reading.measure == "displaced" and RESCUE_BEFORE_RE.search(around.before[-40:]):
        return None  # "rescued 40 people from their homes" counts rescues, not the displaced
    draft = _Draft(around, reading, rule, reading.scope or _initial_scope(around))
    for step in SCOPE_STEPS:
        step(draft)
    return FigureMention(
        start=reading.start,
        end=reading.end,
        text=around.sentence[reading.start : reading.end],
        measure=reading.measure,
        subject=draft.subject or Group.PEOPLE,
        amount=reading.amount or around.amount,
        scope=draft.scope,
        is_projection=_is_projection(around, reading),
        is_earlier=_is_earlier(around, reading),
        place=draft.place,
        rule=rule,
    )


@dataclass(slots=True)
class _Draft:
    """A figure being finished: what each step of SCOPE_STEPS reads and settles, in turn."""

    around: Around
    reading: Reading
    rule: str
    scope: Scope | None
    subject: str | None = None
    place: str | None = None

    @property
    def measure(self) -> str:
        return self.reading.measure

    @property
    def after_measure(self) -> int:
        """Where the words after the measure start in the sentence ("killed| in the district")."""
        return self.around.amount.end + self.reading.measure_end

    @property
    def open_or_same_group(self) -> bool:
        return self.scope is None or self.scope == SAME_GROUP

    def part(self, place: str | None = None, group: str | None = None) -> None:
        self.scope = part_of_whole(self.measure, place, group)


# --- The group counted -----------------------------------------------------------------------------------


def _part_of_a_whole_stated_first(d: _Draft) -> None:
    """ "Of the 64 injured, 12 remain in critical condition"; "Of the 230 dead, nearly 100 died on the first
    night, while around 60 died later": every count after a whole stated first is a part of it."""
    if d.scope is not None:
        return
    figures, sentence = d.around.figures, d.around.sentence
    for whole in figures:
        start = whole.amount.start
        if WHOLE_FIRST_RE.search(sentence, max(0, start - 20), start) and whole.scope is None:
            if whole is figures[-1] or whole.measure == d.measure:
                d.scope = INCLUDING
            return


# "Forty-six of its inhabitants have been confirmed killed": the people of one place, a part of the toll.
OF_ITS_PEOPLE_AFTER_RE = re.compile(
    r"\s+of\s+(?:its|their|his|her|the\s+[\w-]+['’]s)\s+(?:[\w-]+\s+)?"
    r"(?:inhabitants|residents|villagers|population|people|workers|staff|passengers|crew|pupils|students|family)\b",
    re.IGNORECASE,
)


def _of_its_people(d: _Draft) -> None:
    if d.scope is None and OF_ITS_PEOPLE_AFTER_RE.match(d.around.after):
        d.part()


def _subject_named(d: _Draft) -> None:
    """The group the words name: "Eighteen members of the security forces have died", "The number of
    Afghans killed ... has risen to 79"; "killed or missing" counts the dead and the missing together."""
    around, reading = d.around, d.reading
    d.subject = reading.subject
    if d.subject is None:
        d.subject = _group_after(around.after, reading.measure_end)
    amount, sentence = around.amount, around.sentence
    if (
        d.subject is None
        and d.rule in TOLL_RULES
        and any(noun in sentence[max(0, amount.start - 150) : amount.start] for noun in NUMBER_OF_NOUNS)
    ):
        counted = NUMBER_OF_GROUP_RE.search(sentence, max(0, amount.start - 150), amount.start)
        if counted:
            d.subject = subject_of(counted.group("group"))
    if d.measure == "killed" and DEAD_OR_MISSING_AFTER_RE.match(around.after):
        d.subject = Group.DEAD_OR_MISSING


def _group_after(after: str, measure_end: int) -> str | None:
    if not measure_end:
        return subject_right_after(after)
    head, _, rest = after[:measure_end].partition(" of the ")
    subject = subject_of(head)
    if subject is None and rest and MEMBERS_OF_RE.match(head):
        subject = subject_of(rest)
    return subject


# "24 deaths among the protesters", "31 deaths ... among officially registered pilgrims": the group the
# count is of, named after it.
AMONG_GROUP_AFTER_RE = re.compile(
    r"[^,;:()]{0,60}?\bamong\s+(?:the\s+)?(?!them\b|those\b|whom\b|which\b|others\b)(?P<phrase>(?:[\w-]+\s+){0,3}[\w-]+)",
    re.IGNORECASE,
)


def _among_a_group_after(d: _Draft) -> None:
    """A count of a group named after it: that group's own (a known group), or a part (people described)."""
    if (
        d.subject is not None
        or d.scope is not None
        or not d.reading.measure_end
        or "among" not in d.around.after
    ):
        return
    among = AMONG_GROUP_AFTER_RE.match(d.around.after, d.reading.measure_end)
    noun = SUBJECT_RE.search(among.group("phrase")) if among else None
    if noun is None:
        return
    group = subject_of(noun.group(0))
    if group != Group.PEOPLE:
        d.subject = group
    elif among.group("phrase")[: noun.start()].strip():
        d.part()  # "among officially registered pilgrims": some of the people, told apart by who they are


def _group_of_the_sentence_before(d: _Draft) -> None:
    """ "...including 85 firefighters. At least 21 are confirmed dead": a bare count right after a sentence
    about one group goes on about that group, not about everyone."""
    around = d.around
    if (
        d.subject is None
        and not around.figures
        and d.reading.measure_end
        and BARE_COUNT_AFTER_RE.match(around.after)
        and SENTENCE_OPENING_AMOUNT_RE.match(around.sentence[: around.amount.start])
    ):
        groups = [figure.subject for figure in around.recent[-3:] if figure.subject != Group.PEOPLE]
        d.subject = groups[-1] if groups else None


WHOLE_AFTER_PART_RE = re.compile(r"\s+of\s+(?:the\s+|those\s+)?", re.IGNORECASE)


def _group_carried_over(d: _Draft) -> None:
    """ "Twelve officers were killed and 353 were injured": an elliptical count goes on about the group
    before; "Sixteen of the injured were hospitalised and 9 others treated": so does a partition."""
    figures = d.around.figures
    if not figures or not (
        d.scope == SAME_GROUP or (d.reading.measure_end and is_elliptical(d.around.after))
    ):
        return
    previous = figures[-1]
    if (
        previous.rule == "among_whole_after"
        and not d.around.sentence[previous.end : d.around.amount.start].strip()
    ):
        return  # "35 children were among the 131 dead": this count is the whole the part was among
    if previous.rule == "partitive" and WHOLE_AFTER_PART_RE.fullmatch(d.around.before):
        return  # "only 55 of the 75 confirmed dead had been identified": the whole of the part before
    if previous.scope is not None and previous.scope.kind in (ScopeKind.INCLUDING, ScopeKind.OF_THEM):
        # "11 people, including two children, were killed and 1,000 were injured": the aside's group
        # does not carry on; the clause goes on about the whole.
        wholes = [figure for figure in figures if figure.scope is None or not figure.scope.is_part]
        previous = wholes[-1] if wholes else previous
    d.subject = previous.subject
    if d.subject != Group.PEOPLE:
        d.scope = d.scope or SAME_GROUP
    if (
        previous.scope is not None
        and previous.scope.kind is ScopeKind.PART_OF
        and d.measure in (previous.measure, previous.scope.measure)
    ):
        # A part of another whole ("233 bodies recovered", then "900 injured") says nothing of this measure.
        d.part()
    elif d.scope == SAME_GROUP and previous.measure == d.measure:
        # "4,400 in hotels and 900 more in homes", "17 killed in Nairobi and 22 others elsewhere": another
        # part beside the one before, not a part of it
        d.part(group=OTHERS)


# --- Parts of a whole told by the words around the amount ------------------------------------------------


def _others_of_an_earlier_count(d: _Draft) -> None:
    """ "One man was arrested ... The two others arrested": more of them, a part of no figure said so far."""
    around = d.around
    if (
        d.scope == SAME_GROUP
        and not around.figures
        and OTHERS_AFTER_RE.match(around.after)
        and any(figure.measure == d.measure for figure in around.recent[-3:])
    ):
        d.part(group=OTHERS)


def _listed_sibling(d: _Draft) -> None:
    """ "Nineteen children and two teachers were shot dead": two parts."""
    figures = d.around.figures
    listed_before = figures[-1] if figures and figures[-1].rule == "listed_group" else None
    if (
        listed_before is not None
        and d.scope is None
        and LISTED_SIBLING_GAP_RE.match(d.around.sentence[listed_before.end : d.around.amount.start])
    ):
        d.part()


def _more_of_another_measure(d: _Draft) -> bool:
    """ "153 people were killed. 82 more were injured": "more" of another measure means others, not a rise."""
    around = d.around
    last_before = _last_figure_before(around)
    return (
        last_before is not None
        and last_before.measure != d.measure
        and bool(MORE_OTHERS_RE.match(around.after))
    )


def _others_of_another_measure(d: _Draft) -> None:
    """ "153 people were killed. 82 more were injured", "killing 15 people and injuring 30 others": others
    than the dead are the count of their own measure, everyone it holds, not a part of anyone."""
    if d.scope != SAME_GROUP:
        return
    last_before = _last_figure_before(d.around)
    others_than_everyone = (
        OTHERS_AFTER_RE.match(d.around.after)
        and last_before is not None
        and last_before.measure != d.measure
        and last_before.subject == Group.PEOPLE  # "12 officers killed with 353 other injured": officers too
    )
    if others_than_everyone or (not d.around.figures and _more_of_another_measure(d)):
        d.scope = None


def _last_figure_before(around: Around) -> FigureMention | None:
    return around.figures[-1] if around.figures else (around.recent[-1] if around.recent else None)


def _increment(d: _Draft) -> None:
    """ "4 more bodies found", "three more died": an increment, a part of the toll."""
    around, figures = d.around, d.around.figures
    if (
        (INCREMENT_AFTER_RE.match(around.after) or INCREMENT_BEFORE_RE.search(around.before[-20:]))
        and d.open_or_same_group
        and (not figures or figures[-1].measure == d.measure)
        and not _more_of_another_measure(d)
    ):
        d.part()


def _included_item(d: _Draft) -> None:
    """ "including 40 children and 24 women": the second item of the breakdown too; "130 were hurt,
    including the 36 most seriously injured": a part of the figure before."""
    around, figures = d.around, d.around.figures
    if d.scope is not None or not figures:
        return
    last = figures[-1]
    second_item = last.scope == INCLUDING and INCLUDED_SIBLING_GAP_RE.fullmatch(
        around.sentence, last.end, around.amount.start
    )
    if second_item or (last.measure == d.measure and INCLUDING_BEFORE_RE.search(around.before[-40:])):
        d.scope = INCLUDING


# "The toll was up to 24, with 16 deaths attributed to the Eaton fire": after the toll, the deaths of one
# cause or site are a part of it ("25 deaths connected to the two fires" on its own is the toll).
ATTRIBUTED_AFTER_RE = re.compile(
    r"\s+(?:attributed|linked|related|connected|blamed)\s+(?:to|on)\s", re.IGNORECASE
)


def _attributed_to(d: _Draft) -> None:
    if (
        d.scope is None
        and d.reading.measure_end
        and any(figure.measure == d.measure for figure in d.around.figures)
        and ATTRIBUTED_AFTER_RE.match(d.around.sentence, d.after_measure)
    ):
        d.part()


def _respectively(d: _Draft) -> None:
    """ "Mirpur and Dalan reported 195 and 110 deaths, respectively": one each."""
    if d.scope is None and RESPECTIVELY_RE.search(d.around.sentence, d.around.amount.end):
        d.part()


def _rise(d: _Draft) -> None:
    """ "the toll increased by 100": the rise is a part of the toll."""
    if RISE_BY_BEFORE_RE.search(d.around.before[-30:]) and d.open_or_same_group:
        d.part()


def _one_period(d: _Draft) -> None:
    """ "24 killed in the last 24 hours": one day's deaths."""
    if d.open_or_same_group and d.rule not in TOLL_RULES and ONE_PERIOD_RE.search(d.around.sentence):
        d.part()


PARTIAL_COUNT_BEFORE_RE = re.compile(
    r"\b(?:partial|incomplete|preliminary\s+partial)\s+(?:death\s+)?(?:tolls?|counts?|tally|figures?)\s+of\s*$",
    re.IGNORECASE,
)


def _partial_count(d: _Draft) -> None:
    """ "gave AFP a partial toll of 577 deaths for the two busiest days": a part of the toll."""
    if d.open_or_same_group and PARTIAL_COUNT_BEFORE_RE.search(d.around.before[-40:]):
        d.part()


TOTAL_BODIES_BEFORE_RE = re.compile(r"\b(?:a\s+total\s+of|in\s+all|altogether)\s*$", re.IGNORECASE)
HANDED_OVER_RE = re.compile(r"\b(?:handed|released|returned|identified|buried|sent)\b", re.IGNORECASE)


def _share_of_the_dead(d: _Draft) -> None:
    """Bodies recovered, deaths in hospital: a share of the toll."""
    if d.scope is not None or d.measure != "killed":
        return
    around, reading, measure_end = d.around, d.reading, d.reading.measure_end
    if TOTAL_BODIES_BEFORE_RE.search(around.before[-20:]) and not HANDED_OVER_RE.search(around.after):
        return  # "A total of 270 bodies": every body so far, the toll itself ("... handed over": a share)
    if (
        (measure_end and SHARE_OF_DEAD_RE.search(around.after[:measure_end]))
        or (measure_end and DIED_WHERE_RE.match(around.after, measure_end))
        or BODIES_OF_BEFORE_RE.search(around.sentence, max(0, reading.start), around.amount.start)
    ):
        d.part()


# --- Places, and parts of a whole told by place ----------------------------------------------------------


NOUN_BEFORE_PLACE_RE = re.compile(r"(?:\s+[a-z][\w-]*){0,2}?(?=\s+(?:in|at|around)\s)")


def _place_stated(d: _Draft) -> None:
    """ "killed in Turkey", "In Nepal, at least 67 people have died", "Neighbouring Selvia reported 12
    dead", "put the toll in Turkey at 20 213": the place the count is of."""
    around, reading, sentence = d.around, d.reading, d.around.sentence
    d.place = reading.place
    if d.place is None and reading.measure_end:
        place_match = PLACE_AFTER_RE.match(sentence, d.after_measure)
        d.place = place_match.group("place") if place_match else None
    elif d.place is None and reading.start < around.amount.start:
        # "killed at least 95 people in neighbouring Ardan": the measure before, the place after the noun
        noun = NOUN_BEFORE_PLACE_RE.match(around.after)
        place_match = PLACE_AFTER_RE.match(sentence, around.amount.end + noun.end()) if noun else None
        d.place = place_match.group("place") if place_match else None
    if d.place is None:
        fronted = FRONTED_PLACE_RE.match(sentence)
        d.place = (
            fronted.group("place") if fronted and not CALENDAR_RE.match(fronted.group("place")) else None
        )
    neighbour = NEIGHBOUR_PLACE_RE.match(sentence)
    if d.place is None and neighbour and neighbour.end() <= around.amount.start:
        d.place = neighbour.group("place")
    if d.place is None and reading.start < around.amount.start:
        d.place = _own_place(sentence[reading.start : around.amount.start])


def _one_day_or_worst_hit(d: _Draft) -> None:
    """ "On June 20 alone there were 15 deaths", "the worst-hit state with 36 deaths": a part of the toll."""
    if d.scope is not None:
        return
    sentence, start = d.around.sentence, d.around.amount.start
    one_day = ONE_DAY_ALONE_RE.match(sentence, 0, start)
    if one_day and "," not in sentence[one_day.end() : start]:  # its own clause only
        d.part()
        return
    lookback = sentence[max(0, start - 60) : start]
    if any(
        word in lookback for word in ("hit", "affected", "highest", "largest", "biggest")
    ) and WORST_HIT_WITH_RE.search(sentence, max(0, start - 60), start):
        d.part()


def _unnamed_area(d: _Draft) -> None:
    """ "In one northern province a landslide killed four": a part of the toll by place."""
    unnamed_part = FRONTED_UNNAMED_AREA_RE.match(d.around.sentence)
    if unnamed_part and d.scope is None and unnamed_part.end() <= d.around.amount.start:
        d.part(place=unnamed_part.group("place"))
        d.place = d.place or unnamed_part.group("place")


def _local_area(d: _Draft) -> None:
    """ "223 people had been confirmed dead in the district": one area the article names only in passing."""
    if not d.reading.measure_end or d.scope is not None or d.measure not in ("killed", "injured", "missing"):
        return
    local_area = LOCAL_AREA_AFTER_RE.match(d.around.sentence, d.after_measure)
    if local_area:
        d.part(place=local_area.group("place"))


def _worst_hurt(d: _Draft) -> None:
    """ "25 had serious injuries": the worst hurt, a part of the injured."""
    around = d.around
    if (
        d.scope is None
        and d.measure == "injured"
        and SERIOUSLY_RE.search(
            around.sentence, max(d.reading.start, around.amount.start - 20), d.after_measure
        )
    ):
        d.part()


EXCEPT_BEFORE_RE = re.compile(r"\b(?:except|apart from|other than|save)(?:\s+for)?\s*$", re.IGNORECASE)


def _singled_out(d: _Draft) -> None:
    """ "One pilgrim who sustained fatal injuries", "except for one fatally injured in a crush": people
    singled out."""
    amount, around = d.around.amount, d.around
    if (
        d.scope is None
        and amount.value <= 3
        and not amount.qualifier
        and (INDIVIDUALS_AFTER_RE.match(around.after) or EXCEPT_BEFORE_RE.search(around.before[-20:]))
    ):
        d.part()


def _named_area(d: _Draft) -> None:
    """ "four people were dead and 70 missing around the wine-growing hub of Ahrweiler": that town's count."""
    sentence, after_measure = d.around.sentence, d.after_measure
    if (
        not d.reading.measure_end
        or d.scope is not None
        or " of " not in sentence[after_measure : after_measure + 90]
    ):
        return
    named_area = NAMED_AREA_AFTER_RE.match(sentence, after_measure)
    if named_area:
        d.part(place=named_area.group("place"))
        d.place = d.place or named_area.group("place")


def _mountain(d: _Draft) -> None:
    """ "18 people were killed on Mount Everest": that place's own count."""
    mountain = MOUNTAIN_AFTER_RE.match(d.around.sentence, d.after_measure) if d.reading.measure_end else None
    if mountain and d.place is None:
        d.place = mountain.group("place")


def _where_just_named(d: _Draft) -> None:
    """ "the Kathmandu Valley, where 1,441 have died": the toll of the place just named."""
    sentence, start = d.around.sentence, d.around.amount.start
    if d.scope is not None or "where" not in sentence[max(0, start - 30) : start]:
        return
    where_before = WHERE_BEFORE_RE.search(sentence, max(0, start - 80), start)
    if where_before:
        place = where_before.group("place")
        d.part(place=place)
        d.place = d.place or (place if place[:1].isupper() else None)


def _place_part(d: _Draft) -> None:
    """ "in Derna alone", "in other areas": a part of the whole by place."""
    place_part = PLACE_PART_AFTER_RE.match(d.around.after)
    if place_part and (d.scope is None or d.scope.kind is ScopeKind.OF_THEM):
        d.part(place=place_part.group("place"))
        d.place = d.place or place_part.group("place")


# In this order: each step sees what the steps before it settled (a scope set early is never overwritten
# by a step that only fills an open scope).
SCOPE_STEPS: tuple[Callable[[_Draft], None], ...] = (
    _part_of_a_whole_stated_first,
    _of_its_people,
    _subject_named,
    _among_a_group_after,
    _group_of_the_sentence_before,
    _group_carried_over,
    _others_of_an_earlier_count,
    _listed_sibling,
    _others_of_another_measure,
    _increment,
    _included_item,
    _respectively,
    _attributed_to,
    _rise,
    _one_period,
    _partial_count,
    _share_of_the_dead,
    _place_stated,
    _one_day_or_worst_hit,
    _unnamed_area,
    _local_area,
    _worst_hurt,
    _singled_out,
    _named_area,
    _mountain,
    _where_just_named,
    _place_part,
)


# --- The moment and the kind of count ----------------------------------------------------------------------


def _is_earlier(around: Around, reading: Reading) -> bool:
    """ "up from 20", "from 80 the day before", "which had been 45": a count from before the current one."""
    before = around.before[-30:]
    return bool(
        reading.is_earlier
        or _previous_count_before(around.before[-50:])
        or EARLIER_ASIDE_BEFORE_RE.search(around.before[-40:])
        or ("from" in before and TOLL_ROSE_FROM_BEFORE_RE.search(around.before[-60:]))
        or (FROM_BEFORE_RE.search(before) and around.figures)
        or (("which" in before or "that" in before) and EARLIER_RELATIVE_BEFORE_RE.search(before))
    )


def _is_projection(around: Around, reading: Reading) -> bool:
    """ "could reach 1,000", "the death toll was closer to 1,000": someone's estimate against the count."""
    amount = around.amount
    # "Unconfirmed reports put the death toll of the landslide ... at 249": the reading's own start too
    governing_before = around.sentence[
        max(around.previous_end, min(amount.start - 60, reading.start - 25)) : amount.start
    ]
    # "as many as 10,000 may have died, although the confirmed toll stands at 1,774": the hedge stays in its clause
    contrasts = [match.end() for match in GOVERNING_BREAK_RE.finditer(governing_before)]
    if contrasts:
        governing_before = governing_before[contrasts[-1] :]
    governing = governing_before + around.after[: reading.measure_end]
    return (
        bool(PROJECTION_RE.search(governing))
        or amount.text.lower().startswith("closer to")
        or bool(FEARED_AFTER_RE.match(around.after, reading.measure_end))
        or _from_unconfirmed_reports(around)
    )


# "Other unconfirmed and unofficial reports estimated that the death toll was as high as 900": the source
# of the whole clause hedges every count in it, however far before the amount it is named.
UNCONFIRMED_SOURCE_RE = re.compile(
    r"\b(?:unconfirmed|unofficial|unverified)\s+(?:(?:and|or)\s+(?:unconfirmed|unofficial|unverified)\s+)?"
    r"(?:reports?|estimates?|figures?|sources?|accounts?|counts?|tallies)\b",
    re.IGNORECASE,
)


def _from_unconfirmed_reports(around: Around) -> bool:
    before = around.sentence[: around.amount.start]
    if "unconfirmed" not in before and "unofficial" not in before and "unverified" not in before:
        return False
    breaks = [match.end() for match in GOVERNING_BREAK_RE.finditer(before)]
    return bool(UNCONFIRMED_SOURCE_RE.search(before, breaks[-1] if breaks else 0))


# "It was one of the deadliest storms", "a scene of frantic digging": "one of" that is no partitive.
ONE_OF_IDIOM_RE = re.compile(
    r"^\s+of\s+(?!them\b|those\b|whom\b|us\b|the\s+(?:dead|injured|wounded|victims|missing|people|passengers|"
    r"\w+\s+(?:people|passengers|workers|victims)))",
    re.IGNORECASE,
)


# The place a figure's own words name: "the toll in Turkey", "the figure for Syria", "deaths in the
# rebel-held northwest". A combined count ("across both countries", "the combined toll") is its own place,
# so that a country's toll and the two countries' total are never read as rival counts.
OWN_PLACE_RE = re.compile(
    rf"\b(?:in|for)\s+(?:the\s+)?(?P<place>[A-Z][\w-]+(?:\s+(?!{HEADLINE_VERB})[A-Z][\w-]+)?(?=\s+(?!\d))|"
    r"(?:[\w-]+-held\s+)?(?:northwest|northeast|southwest|southeast|north|south|east|west)\b)"
)
COMBINED_PLACE_RE = re.compile(
    r"\b(?:across|in)\s+(?:both|the\s+two|all\s+(?:three|four|five))\s+(?:countries|nations|states|provinces)\b"
    r"|\b(?:combined|two-country|cross-border)\s+(?:death\s+)?(?:toll|count|tally)\b",
    re.IGNORECASE,
)
FRONTED_PLACE_RE = re.compile(r"^(?:In|At)\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s*,")
_LOCAL_AREA = (
    r"(?:districts?|provinces?|regions?|villages?|towns?|city|county|municipality|areas?|valley|capital|"
    r"neighbou?rhoods?|buildings?|schools?|markets?|stadium)"
)
# "confirmed dead in the district", "killed in one village": an area named by its common noun only.
LOCAL_AREA_AFTER_RE = re.compile(
    r"\s+(?:in|at|across)\s+(?P<place>(?:the|this|that|one|a|each)\s+(?:[\w-]+\s+){0,2}?"
    + _LOCAL_AREA
    # "in the western province of Manisa": the province is named, the article's own place
    + r")\b(?!\s+of\s+[A-Z])",
    re.IGNORECASE,
)
INDIVIDUALS_AFTER_RE = re.compile(r"^\s+(?:[a-z]+\s+)?(?:who|whose)\b")
SERIOUSLY_RE = re.compile(r"\b(?:serious(?:ly)?|severe(?:ly)?|badly|gravely|critically)\b", re.IGNORECASE)
NAMED_AREA_AFTER_RE = re.compile(
    r"(?:\s+(?:and\s+)?[\w-]+){0,4}?\s+(?:in|around|near)\s+the\s+(?:[\w-]+\s+){0,3}?"
    r"(?:hub|town|city|village|district|area|region|province|county|state|municipality|suburb)\s+of\s+"
    r"(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
)
MOUNTAIN_AFTER_RE = re.compile(r"\s+on\s+(?P<place>(?:Mount|Mt\.?)\s+[A-Z][\w-]+)")
# "the Kathmandu Valley, where 1,441 have died", "Sindh, the worst-hit province, where 792 were killed".
WHERE_BEFORE_RE = re.compile(
    r"(?P<place>(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+(?:\s+[a-z]+){0,2}|(?:the\s+)?(?:[\w-]+\s+){0,2}"
    + _LOCAL_AREA
    + r")"
    r"(?:,\s+(?:the\s+)?[^,]{0,40})?,?\s+where\s+(?:(?:at\s+least|about|around|some|nearly|more\s+than|over|"
    r"up\s+to)\s+)?$"
)
# "Bodies of two women and a boy were pulled out": the bodies found, a share of the toll.
BODIES_OF_BEFORE_RE = re.compile(r"\b(?:bodies|corpses|remains)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# A place the sentence names only as one of several: "In one northern province", "In the southern state".
# One day of a longer count: "On June 20 alone there were 15 confirmed deaths".
ONE_DAY_ALONE_RE = re.compile(r"^On\s+(?:[\w.]+\s+){1,3}?alone\b", re.IGNORECASE)
# One place of several, ranked: "Sarna is the worst-hit state with 36 deaths".
WORST_HIT_WITH_RE = re.compile(
    # "Egypt reported the highest number of fatalities with 630 deaths": the country with the most
    r"\b(?:(?:highest|largest|biggest)\s+(?:number|share|toll|count)(?:\s+of\s+[\w-]+)?|"
    r"(?:worst|hardest|most)[- ](?:hit|affected)(?:\s+(?:state|province|district|region|city|country|area|town))?)"
    # "The state of Morelos was hardest hit with 42 deaths"
    r"\s+(?:with|at)\s+(?:some\s+|about\s+|around\s+)?$",
    re.IGNORECASE,
)
# A country across the border reporting its own count: "Neighbouring Selvia reported 12 dead",
# "Across the border, Indara reported 360 killed".
NEIGHBOUR_PLACE_RE = re.compile(
    r"^(?:Across the border,\s*|(?:In\s+)?(?:neighbou?ring|nearby)\s+)(?P<place>[A-Z][\w-]+)\b", re.IGNORECASE
)
_AREA_NOUN = (
    r"(?:provinces?|districts?|regions?|states?|counties|county|villages?|towns?|cities|city|areas?|capital)"
)
FRONTED_UNNAMED_AREA_RE = re.compile(
    r"^(?:In|Across)\s+(?P<place>(?:one|another|two|three|four|five|several|some|a)\s+(?:[\w-]+\s+)?"
    + _AREA_NOUN
    + r"\b|"
    # "the" needs a modifier and a comma or a name: "In the provincial capital, Drenmar," "In the
    # territory's capital," are one place of several; "In the region," may be the whole.
    r"the\s+(?:[\w'’-]+\s+){1,2}?" + _AREA_NOUN + r"\b(?=\s*,|\s+of\s+[A-Z]))",
    re.IGNORECASE,
)
CALENDAR_RE = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the|total)",
    re.IGNORECASE,
)


def _own_place(text: str) -> str | None:
    """The place named inside a figure's own words, if any."""
    if COMBINED_PLACE_RE.search(text):
        return "all affected countries"
    for match in OWN_PLACE_RE.finditer(text):
        if not CALENDAR_RE.match(match.group("place")):
            return match.group("place")
    return None


def _is_no_figure(around: Around) -> bool:
    """Amounts the constructions must leave alone, whatever words follow them."""
    amount = around.amount
    if amount.text.strip().lower() == "one" and ONE_OF_IDIOM_RE.match(around.after):
        return True
    previous = around.last_figure
    # "Forty-one of the 78 people on board died": 78 is the total aboard, not a casualty count.
    return previous is not None and previous.rule == "partitive" and previous.end >= amount.end


# "Six people were admitted to hospital in a serious condition": six in hospital, all six critical.
ADMITTED_CRITICAL_RE = re.compile(
    r"\b(?:admitted|hospitali[sz]ed|taken to (?:the )?hospitals?|rushed to (?:the )?hospitals?)\b",
    re.IGNORECASE,
)


# "About 40 passengers were injured and taken to hospital": the same people, injured and in hospital.
AND_HOSPITAL_AFTER_RE = re.compile(
    r",?\s+and\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:later\s+|then\s+)?"
    r"(?:admitted|taken|rushed|airlifted|flown|brought|sent|transported)\s+to\s+"
    r"(?:an?\s+|the\s+|local\s+|nearby\s+|area\s+|several\s+|various\s+)?hospitals?\b",
    re.IGNORECASE,
)


def _with_admission(figure: FigureMention, sentence: str) -> list[FigureMention]:
    """A figure stated together with an admission also counts the people admitted."""
    in_hospital = AND_HOSPITAL_AFTER_RE.match(sentence, figure.end) if figure.measure == "injured" else None
    if in_hospital:
        admitted = replace(
            figure,
            measure="hospitalized",
            end=in_hospital.end(),
            text=sentence[figure.start : in_hospital.end()],
        )
        return [figure, admitted]
    if (
        figure.measure != "critical"
        or figure.scope is not None
        or not ADMITTED_CRITICAL_RE.search(figure.text)
    ):
        return [figure]
    admitted = replace(figure, measure="hospitalized")
    return [admitted, replace(figure, scope=part_of_whole("hospitalized"))]


OPENING_QUOTES = '“"‘'


def _unquoted_amounts(sentence: str, amounts: list[Amount]) -> str:
    """The sentence with a blank for each opening quote right before an amount ('had risen to “at least
    600,”'): the quote is the speaker's, the construction the reporter's. Same length, same offsets."""
    quotes = [
        amount.start - 1
        for amount in amounts
        if amount.start and sentence[amount.start - 1] in OPENING_QUOTES
    ]
    if not quotes:
        return sentence
    characters = list(sentence)
    for position in quotes:
        characters[position] = " "
    return "".join(characters)


def find_figures(sentence: str, recent: Sequence[FigureMention] = ()) -> list[FigureMention]:
    """Every casualty figure in a sentence, in order.

    `recent` holds the figures of the sentences just before, for constructions that refer back
    to them ("Among them, 22 were in their 70s", "the count had stood at 114").
    """
    amounts = [amount for amount in find_amounts(sentence) if amount.value > 0]
    quoted = _unquoted_amounts(sentence, amounts)
    if quoted != sentence:
        # the rules read the sentence without the quotes; the figures keep its own words
        return [replace(f, text=sentence[f.start : f.end]) for f in find_figures(quoted, recent)]
    figures: list[FigureMention] = []
    for index, amount in enumerate(amounts):
        if is_other_thing(sentence, amount):
            continue
        next_amount = amounts[index + 1] if index + 1 < len(amounts) else None
        previous_end = amounts[index - 1].end if index > 0 else 0
        around = Around(
            sentence=sentence,
            amount=amount,
            before=sentence[previous_end : amount.start],
            after=sentence[amount.end : next_amount.start if next_amount else len(sentence)],
            previous_end=previous_end,
            next_amount=next_amount,
            figures=figures,
            recent=recent,
        )
        if _is_no_figure(around):
            continue
        for rule in RULES:
            reading = rule.read(around)
            if reading is not None:
                figure = _finish(around, reading, rule.name)
                if figure is not None:
                    figures.extend(_with_admission(figure, sentence))
                break
    return _place_breakdowns(figures)


def _place_breakdowns(figures: list[FigureMention]) -> list[FigureMention]:
    """ "1,293 deaths in Al Haouz, 452 in Taroudant and 15 in Marrakech": when the first count of a list by
    place has a place of its own, every item is one place's part of the toll, none the whole of the others."""
    if not any(figure.rule == "share_by_place" for figure in figures):
        return figures
    listed = list(figures)
    for index, figure in enumerate(listed):
        if figure.rule != "share_by_place" or index == 0:
            continue
        first = index - 1
        while first > 0 and listed[first].rule == "share_by_place":
            first -= 1
        head = listed[first]
        already_this_place = head.scope is not None and head.scope.place == head.place
        if (
            head.place is None
            or head.measure != figure.measure
            or not (head.scope is None or already_this_place)
        ):
            continue
        listed[first] = replace(head, scope=part_of_whole(head.measure, place=head.place))
        listed[index] = replace(figure, scope=part_of_whole(figure.measure, place=figure.place))
    return listed


RULE_EXPLANATIONS = {rule.name: (rule.read.__doc__ or "").strip().splitlines()[0] for rule in RULES}


def explain_rule(name: str | None) -> str:
    """Why a figure was read, in the words of its rule's reader ("'three injured passengers died': …")."""
    return RULE_EXPLANATIONS.get(name or "", "")
