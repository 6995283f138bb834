"""Sentence splitting with exact spans (claims.analysis.sentences)."""

from claims.analysis.sentences import split_sentences

BODY = (
    "Floods hit Tarn valley\n\n"
    "Dr. Ana Ruiz said 12 people died… Rescue teams from the U.S. arrived on Jan. 5 at 3 p.m. local time.\n"
    "“We lost everything,” said one resident. “Nothing is left.”\n"
    "Not even #BBC covers it https://t.co/abc.def #floods pic.twitter.com/xyz\n"
    "— Jane Roe (@jane) January 5, 2022\n"
)


def test_every_span_slices_the_body_to_its_text():
    for sentence in split_sentences(BODY):
        assert BODY[sentence.start : sentence.end] == sentence.text


def test_a_line_without_terminal_punctuation_is_its_own_sentence():
    sentences = split_sentences(BODY)
    assert sentences[0].text == "Floods hit Tarn valley"
    assert sentences[0].is_line


def test_abbreviations_and_initials_do_not_end_a_sentence():
    texts = [s.text for s in split_sentences(BODY)]
    assert "Rescue teams from the U.S. arrived on Jan. 5 at 3 p.m. local time." in texts
    assert texts[1].startswith("Dr. Ana Ruiz said 12 people died…")


def test_curly_quotes_stay_with_their_sentence():
    texts = [s.text for s in split_sentences(BODY)]
    assert "“We lost everything,” said one resident." in texts
    assert "“Nothing is left.”" in texts


def test_urls_hashtags_and_tweet_signatures_stay_whole():
    texts = [s.text for s in split_sentences(BODY)]
    assert "Not even #BBC covers it https://t.co/abc.def #floods pic.twitter.com/xyz" in texts
    assert "— Jane Roe (@jane) January 5, 2022" in texts
