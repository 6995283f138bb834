"""Speakers, roles and relay chains (claims.analysis.attribution)."""

from claims.analysis.attribution import attribute


def test_a_named_speaker_with_a_role_is_split_into_name_and_role():
    said = attribute("Some 80 homes burned, fire commissioner Rosa Lind told reporters on Monday.")
    assert (said.speaker, said.speaker_role) == ("Rosa Lind", "fire commissioner")
    assert said.via == ()


def test_the_relay_chain_lists_outlets_nearest_first():
    said = attribute(
        "Four people died, deputy governor Ivo Petrak told Radio Sava, "
        "as quoted by the Adria and Balkan agencies."
    )
    assert said.speaker == "Ivo Petrak"
    assert said.via == ("Radio Sava", "Adria", "Balkan")


def test_an_organisation_can_be_the_speaker():
    said = attribute("More than 300 people were injured, the interior ministry said on state television.")
    assert said.speaker == "interior ministry"
    assert said.via == ()  # an unnamed broadcaster is no link of a relay chain


def test_according_to_names_the_source():
    said = attribute("Nine were killed, according to the regional emergency service.")
    assert said.speaker == "regional emergency service"


def test_an_unnamed_official_is_a_role_without_a_name():
    said = attribute("Twenty of the injured were in serious condition, a hospital official said.")
    assert (said.speaker, said.speaker_role) == (None, "hospital official")


def test_he_added_refers_to_the_previous_speaker():
    first = attribute("The fire is contained, chief inspector Marta Vos said.")
    second = attribute("“Three people are still missing,” she added.", previous=first)
    assert (second.speaker, second.speaker_role) == ("Marta Vos", "chief inspector")


def test_the_minister_refers_to_the_minister_named_before():
    first = attribute("Forty died, Interior Minister Tomas Reyes told Canal 9 on Friday.")
    second = attribute("About 200 were hurt, the minister said.", previous=first)
    assert second.speaker == "Tomas Reyes"


def test_a_sentence_without_attribution_has_none():
    said = attribute("The bridge collapsed at dawn.")
    assert not said.is_attributed and said.via == ()


def test_a_surname_alone_refers_to_the_person_named_before():
    first = attribute("Nine died, police spokesman Omar Haddad said.")
    second = attribute("Haddad said the search would continue.", previous=first)
    assert (second.speaker, second.speaker_role) == ("Omar Haddad", "police spokesman")


def test_unnamed_outlets_are_a_description_not_a_speaker_or_a_relay():
    said = attribute("Regional news agencies reported heavy gunfire in the square.")
    assert (said.speaker, said.speaker_role) == (None, "regional news agencies")
    said = attribute("Forty were detained, the police statement said, according to state radio.")
    assert said.speaker == "police" and said.via == ()
    said = attribute("Six died, a ministry official told local media.")
    assert said.via == ()


def test_a_known_surname_resolves_after_another_speaker():
    first = attribute("Two died, coast guard spokeswoman Lina Ferrer said.")
    known = {"Ferrer": first}
    between = attribute("The mayor, Tom Vale, said the port was closed.", previous=first, known=known)
    later = attribute("Ferrer said the search would resume.", previous=between, known=known)
    assert (later.speaker, later.speaker_role) == ("Lina Ferrer", "coast guard spokeswoman")


def test_fragments_of_prose_are_not_speakers():
    assert not attribute("This list shows what was publicly said by officials.").speaker
    assert not attribute("Pairs that must not be reported are listed here.").is_attributed


def test_a_number_before_a_reporting_verb_is_not_a_speaker():
    assert attribute("Rockfall: 31 confirmed dead").speaker is None


def test_a_role_in_apposition_to_a_name_keeps_both():
    said = attribute("A spokesman for the coast guard, Ines Varga, later said 12 were missing.")
    assert (said.speaker, said.speaker_role) == ("Ines Varga", "spokesman for the coast guard")
    said = attribute("Nine died, the health minister of the northern region, Pavel Orlic, said.")
    assert (said.speaker, said.speaker_role) == ("Pavel Orlic", "health minister of the northern region")


def test_moments_and_adverbs_around_a_speaker_are_not_part_of_it():
    said = attribute("The rail operator on Saturday said that 40 had died.")
    assert said.speaker == "rail operator"
    said = attribute("Officials had earlier said 30 people were hurt.")
    assert (said.speaker, said.speaker_role) == (None, "Officials")
    said = attribute("The ministry had previously said 30 people were hurt.")
    assert said.speaker == "ministry"


def test_a_moment_an_amount_or_a_country_alone_is_never_a_speaker():
    for sentence in (
        "Dozens said they had lost everything.",
        "Kazakhstan said the unrest was over.",
        "Rescuers searched all night, and on Saturday said nothing.",
    ):
        assert attribute(sentence).speaker is None, sentence


def test_she_said_is_the_last_person_named_even_after_a_ministry_spoke():
    from claims.analysis.attribution import remember_speaker

    known = {}
    first = attribute("Nine died, police spokeswoman Lina Ortiz said.", known=known)
    remember_speaker(known, first)
    ministry = attribute("The ministry said 20 were hurt.", previous=first, known=known)
    said = attribute("“We are still searching,” she said.", previous=ministry, known=known)
    assert (said.speaker, said.speaker_role) == ("Lina Ortiz", "police spokeswoman")


def test_speaker_noise_and_non_speaker_rules_match_their_examples():
    from claims.analysis.attribution import NOT_A_SPEAKER, SPEAKER_NOISE

    for name, pattern, examples in SPEAKER_NOISE:
        for example in examples:
            assert pattern.search(example), name
    for name, pattern, examples in NOT_A_SPEAKER:
        for example in examples:
            assert pattern.match(example.strip(" .,")), name


def test_the_speaker_of_a_quotation_is_named_after_it_not_inside_it():
    said = attribute("“The operator said on Monday that 40 had died,” Governor Rhea Sand told Radio Vell.")
    assert (said.speaker, said.speaker_role) == ("Rhea Sand", "Governor")
    assert said.via == ("Radio Vell",)


def test_a_statement_or_a_bare_article_is_never_a_speaker():
    assert attribute("Forty people died, said in a statement.").speaker is None
    assert attribute("An estimated 3,000 people had gathered, the reports said.").speaker is None
    said = attribute("Officials have said at least 30 died.")
    assert (said.speaker, said.speaker_role) == (None, "Officials")


def test_an_abbreviated_title_is_a_role_and_the_name_is_remembered():
    from claims.analysis.attribution import remember_speaker

    known = {}
    said = attribute("Nine died, Gov. Lena Marsh said on Friday.", known=known)
    assert (said.speaker, said.speaker_role) == ("Lena Marsh", "Gov")
    remember_speaker(known, said)
    assert attribute("Marsh said 20 were missing.", known=known).speaker == "Lena Marsh"


def test_according_to_stops_before_a_colon():
    said = attribute("Nine died, according to the regional government: 4 in Dorn and 5 in Vell.")
    assert said.speaker == "regional government"


def test_a_name_with_its_role_after_it_is_the_speaker():
    found = attribute(
        "Nine bodies were recovered, Sunil Kade, a senior police officer in the district, told reporters."
    )
    assert (found.speaker, found.speaker_role) == ("Sunil Kade", "senior police officer in the district")


def test_a_name_with_a_who_clause_is_the_speaker():
    found = attribute("About 40 were injured, Mira Desai, who chairs the railway board, said in a statement.")
    assert found.speaker == "Mira Desai"


def test_a_list_of_places_is_no_name_with_a_role():
    found = attribute("The toll rose in Halden, Tarvo, the capital, said officials.")
    assert found.speaker != "Tarvo"


def test_the_source_an_outlet_cites_is_the_speaker_and_the_outlet_carries_it():
    found = attribute(
        "A total of 164 people have been killed since the protests began, Steppe 24, the state broadcaster, "
        "reported on Sunday, citing the health ministry."
    )
    assert (found.speaker, found.via) == ("health ministry", ("Steppe 24",))
    found = attribute("The toll rose to 40, Coast Wire reported, quoting a hospital official.")
    assert (found.speaker_role, found.via) == ("hospital official", ("Coast Wire",))


def test_the_sentences_full_stop_is_not_part_of_the_speaker():
    said = attribute("The toll has risen to five, said the local security monitoring department.")
    assert said.speaker == "local security monitoring department"


def test_an_earlier_report_is_not_a_speaker():
    assert attribute("Initial reports said two people had died.").speaker is None
