"""Direct quotations and their speakers (compare.quotes)."""

from __future__ import annotations

import pytest

from compare import Story
from compare.lexicons import saying_verbs
from compare.parsing import parse
from compare.quotemarks import overlaps
from compare.quotes import Quote, find_quotes, quote_spans


def _parsed(text: str, nlp, id: str = "a"):
    return parse(Story.from_texts({id: text}), nlp=nlp, progress=False)[0]


def _quotes(text: str, nlp):
    return find_quotes(_parsed(text, nlp))


# -- quotation marks (no model needed) ---------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “no way” today.", ["no way"]),
        ('He said "no way" today.', ["no way"]),
        ("He said ‘no way’ today.", ["no way"]),
        ("He said 'no way' today.", ["no way"]),
        ("Korea’s labourers can’t stay; the labourers’ presence matters.", []),
        ("Korea's labourers can't stay; the labourers' presence matters in the '90s.", []),
        ("She called it ‘Korea’s moment’ and left.", ["Korea’s moment"]),
        ("“A ‘nested’ quote,” he said.", ["A ‘nested’ quote,"]),
    ],
)
def test_quote_marks_and_apostrophes(text, expected):
    assert [text[s:e] for s, e in quote_spans(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Dale said on “Sunday Politics Tonight.” “We will not move,” he added.", ["We will not move,"]),
        ("She said on Channel Nine's “Morning Report” that she would run.", []),
        ("He spoke on the radio program “The Evening Hour” about taxes.", []),
        ("She called him “Sneaky Sam” on Monday.", ["Sneaky Sam"]),  # a nickname is quoted words
        ("He went on “a long rant” again.", ["a long rant"]),  # not capitalised: not a title
        ("Mr. Dale told NBC’s “Morning Report” that he “has a clear plan.”", ["has a clear plan."]),
        ("She told Channel Nine “It is over.”", ["It is over."]),  # no possessive: the words she said
        ("Ms. Ray said on PBS’s the “Evening Desk” show that it was bad.", []),  # the title before "show"
        ("He called it a “Paper Tiger” show of force.", ["Paper Tiger"]),
        ("A soundtrack fit for a spy drama like “Borderland” plays on.", []),  # a title after "drama like"
        ("She wrote a memoir called “Open Roads” in 2010.", []),
        ("The show, he said, was “Not Worth Watching.”", ["Not Worth Watching."]),  # a judgement, no cue
    ],
)
def test_a_show_title_is_not_a_quotation(text, expected):
    assert [text[s:e] for s, e in quote_spans(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The governor picked William “Mo” Cowan on Wednesday.", []),
        ('He appointed Maurice "Big Mo" Dalton to the seat.', []),
        ("She said “Yes” and left.", ["Yes"]),  # a lower-case word before: a quotation
        ("He called Dalton “Big Mo” at the rally.", ["Big Mo"]),  # no name after: a quotation
    ],
)
def test_a_nickname_inside_a_name_is_not_a_quotation(text, expected):
    assert [text[s:e] for s, e in quote_spans(text)] == expected


def test_overlaps_agrees_with_a_plain_scan():
    spans = [(5, 10), (20, 30), (40, 50)]
    for start in range(0, 55):
        for end in range(start + 1, 56):
            assert overlaps(spans, start, end) == any(s < end and start < e for s, e in spans)
    assert not overlaps([], 0, 5)


def test_quote_continued_in_next_paragraph_is_one_quote():
    text = "“We will stay.\n\n“We will not leave,” he said."
    spans = quote_spans(text)
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e].startswith("We will stay.") and text[s:e].endswith("not leave,")


def test_a_quote_whose_next_paragraph_lost_its_opening_mark_runs_to_the_closing_mark():
    text = (
        "Mr. Lowe said in a statement:\n\n“I had nothing to do with it. I do not hire political hacks.\n\n"
        "Their problem is theirs alone.”\n\nThe tabloid declined to comment."
    )
    (span,) = quote_spans(text)
    assert text[span[0] : span[1]].endswith("Their problem is theirs alone.")
    # a paragraph that opens a new quotation first does not close the old one
    text = "He said “we will go. Then stop.\n\nAnother paragraph “with a quote” here."
    assert [text[s:e] for s, e in quote_spans(text)] == ["we will go. Then stop.", "with a quote"]


@pytest.mark.parametrize("text", ["He said “no way. Then he left.\n\nNext paragraph.", 'A "b. C', "“", "”", "‘ ’ ' \""])
def test_unbalanced_marks_do_not_crash_and_stay_in_their_sentence(text):
    for s, e in quote_spans(text, [i + 1 for i, ch in enumerate(text) if ch == "."]):
        assert 0 <= s < e <= len(text)
        assert "\n\n" not in text[s:e]


def test_blank_pipeline_gives_unknown_speakers(blank_nlp):
    qs = _quotes("“We are in trouble,” said Cho.", blank_nlp)
    assert [(q.text, q.speaker) for q in qs] == [("We are in trouble,", "unknown")]


def test_saying_verbs_lexicon_is_data():
    verbs = saying_verbs()
    assert verbs["say"] == "neutral" and verbs["claim"] == "attribution" and verbs["insist"] == "attribution"


# -- speakers (trained model) -----------------------------------------------------------


def test_speaker_after_quote_same_sentence(nlp):
    text = "Cho Han bum is a scholar.\n\n“North Koreans are in trouble,” said Cho."
    (q,) = _quotes(text, nlp)
    assert (q.text, q.speaker, q.verb) == ("North Koreans are in trouble,", "Cho Han bum", "say")
    assert isinstance(q, Quote) and q.article == "a"
    assert text[q.start : q.end] == q.text


def test_speaker_before_colon(nlp):
    (q,) = _quotes('Andrey Fyodorov said: "Sanctions will not work."', nlp)
    assert q.speaker == "Andrey Fyodorov" and q.verb == "say"


def test_speaker_from_previous_sentence_for_standalone_quote(nlp):
    text = "“We are in trouble,” Cho Han bum told reporters. “China can’t help.”"
    qs = _quotes(text, nlp)
    assert [q.speaker for q in qs] == ["Cho Han bum", "Cho Han bum"]
    assert qs[1].text.startswith("China can’t help")


def test_surname_is_not_expanded_when_ambiguous(nlp):
    text = "Kim Jong Un met Kim Yo Jong in Pyongyang.\n\n“We will win,” said Kim."
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Kim"


def test_scare_quote_in_reporters_sentence_has_no_speaker(nlp):
    text = "Tensions rose after threats of “total destruction” last year. “Talks will fail,” said Cho."
    qs = _quotes(text, nlp)
    assert (qs[0].text, qs[0].speaker, qs[0].verb) == ("total destruction", "unknown", None)


def test_pronoun_speaker_is_the_preceding_named_subject(nlp):
    text = "Cho Han bum spoke in Seoul on Tuesday. He said: “We are in trouble.”"
    (q,) = _quotes(text, nlp)
    assert (q.speaker, q.verb) == ("Cho Han bum", "say")
    assert q.note.startswith("pronoun: “He” → Cho Han bum")


def test_pronoun_without_a_named_subject_stays_unknown(nlp):
    text = "Reporters asked Cho Han bum about the talks. He said: “We are in trouble.”"
    (q,) = _quotes(text, nlp)
    assert q.speaker == "unknown" and q.verb == "say"


def test_a_name_inside_the_quoted_words_is_not_the_pronouns_person(nlp):
    text = (
        "Former president Ana Ruiz spoke to reporters in Lima.\n\n"
        "“I think Mayor Soto is making a grave mistake,” she said. “Soto will regret it.”"
    )
    qs = _quotes(text, nlp)
    assert qs[0].speaker == "Ana Ruiz" and "Soto" not in {q.speaker for q in qs}


def test_a_saying_verb_with_nothing_said_introduces_the_next_paragraph(nlp):
    text = (
        "Senator Paul Grant answered on Twitter on Friday morning.\n\n"
        "“Governor Lee, who is attacking my plan today, praised it when he signed the “budget deal.””\n\n"
        "Lee replied within the hour."
    )
    qs = _quotes(text, nlp)
    outer = qs[0]
    assert outer.text.endswith("budget deal.")  # the closing marks are not quoted words
    assert (outer.speaker, outer.verb) == ("Paul Grant", "answer")
    assert "Lee" not in {q.speaker for q in qs}


def test_a_saying_verb_with_its_own_content_does_not_claim_the_next_paragraph(nlp):
    text = "Senator Paul Grant said on Friday that the plan was dead.\n\n“Nobody will vote for it.”"
    (q,) = _quotes(text, nlp)
    assert q.speaker == "unknown"


def test_he_added_is_the_named_person_quoted_just_before(nlp):
    text = (
        "Mayor Tomas Soto opened the meeting in Lima on Monday.\n\n"
        "“The plan is a disaster,” Ana Ruiz said.\n\n"
        "“It is a desperate move and it cannot work,” she added."
    )
    qs = _quotes(text, nlp)
    assert [q.speaker for q in qs] == ["Ana Ruiz", "Ana Ruiz"]
    assert qs[1].note == "pronoun: “she” → Ana Ruiz, the speaker of the quotation before"


@pytest.mark.parametrize(
    "text, not_speaker",
    [
        (  # someone else is the subject of a sentence in between
            "“The plan is a disaster,” Ana Ruiz said on Monday.\n\n"
            "Mayor Tomas Soto, however, kept defending it in a radio interview.\n\n"
            "“Nobody here wants it to fail,” he said.",
            "Ana Ruiz",
        ),
        (  # another "she" is in play
            "Mr. Tomas Soto asked her if she could “say something about the audit.”\n\n"
            "She said: “The audit began with a letter from the board.”",
            "Tomas Soto",
        ),
        (  # the article calls him "Mr."
            "Mr. Tomas Soto opened the hearing in Lima on Monday.\n\n“We will find out what happened,” she said.",
            "Tomas Soto",
        ),
    ],
)
def test_a_pronoun_does_not_stand_for_the_wrong_person(nlp, text, not_speaker):
    assert _quotes(text, nlp)[-1].speaker != not_speaker


def test_a_title_stands_for_the_person_the_story_is_about(nlp):
    text = (
        "President Ana Ruiz met union leaders on Monday. Ruiz offered a deal, and Ruiz promised a vote. "
        "Ruiz later left for Quito, where Ruiz will meet bankers.\n\n"
        "The last such deal was struck under President Tomas Soto in 1998.\n\n"
        "“We will not wait for another crisis,” the president said."
    )
    q = _quotes(text, nlp)[-1]
    assert q.speaker == "Ana Ruiz" and "named" in q.note


def test_a_title_joined_by_and_belongs_to_someone_else(nlp):
    text = (
        "President Ana Ruiz met the council on Monday.\n\n"
        "“This afternoon, the President and Speaker Tomas Soto met at the palace,” the statement said.\n\n"
        "“We will not wait,” the president said."
    )
    assert _quotes(text, nlp)[-1].speaker == "Ana Ruiz"


def test_a_title_fits_its_synonym(nlp):
    text = (
        "Mark Ellison, the presumptive GOP nominee, spoke in Ohio on Monday.\n\n"
        "“We will win this state,” the presumptive Republican nominee said."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Mark Ellison"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“The tax is unfair,” Members of Parliament said on Monday.", "Members of Parliament"),
        ("“The tax is unfair,” The Daily Ledger’s editorial board wrote on Monday.", "Daily Ledger’s editorial board"),
        ("“We are ready for the vote,” Mr. Ellison’s office said.", "Mr. Ellison’s office"),
        ("“We are ready for the vote,” Representative Mark Ellison said.", "Mark Ellison"),
        # a document reads, and speaks for its author; the owner's party and state are not a name
        (
            "“The law protects worship,” reads a statement from Senate Majority Leader Mark Ellison’s office (D-Nev.).",
            "Mark Ellison’s office",
        ),
        ("“We are disappointed,” said the statement from Ms. Reyes’s attorney, Paul Grant.", "Paul Grant"),
    ],
)
def test_a_named_body_speaks_and_a_title_is_not_part_of_a_name(nlp, text, speaker):
    (q,) = _quotes(text, nlp)
    assert q.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The rebels, Minister Ana Ruiz said on Monday, had “no intention of laying down their arms.”",
        "That group of farmers, Mr. Tomas Soto said on the radio, was beginning to realize “that the rain will not come.”",
    ],
)
def test_a_parenthetical_attribution_names_the_speaker(nlp, text):
    (q,) = _quotes(text, nlp)
    assert q.speaker in ("Ana Ruiz", "Tomas Soto")


def test_quick_fire_answers_after_questions_are_the_interviewees(nlp):
    text = (
        "Asked about the candidates, Mr. Tomas Soto played along.\n\n"
        "Governor Lee? “Strong,” he said.\n\nSenator Park? “A patriot.”\n\nMayor Diaz? “Solid as a rock.”"
    )
    assert [q.speaker for q in _quotes(text, nlp)] == ["Tomas Soto"] * 3


def test_a_quotation_after_a_question_with_nobody_quoted_before_stays_unknown(nlp):
    (q,) = _quotes("Who will pay for the bridge? “Not the taxpayers” is the new slogan.", nlp)
    assert q.speaker == "unknown"


def test_he_stands_for_a_surname_the_tagger_missed(nlp):
    text = (
        "Tea party activist Alex Poulter also disputed the claims.\n\n"
        "Poulter said he has seen no evidence of racism in the group.\n\n"
        "“It is unfounded, but people are running with it,” he said."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker.endswith("Poulter")


def test_the_person_she_talks_to_is_no_rival_for_she(nlp):
    text = (
        "Ms. Ana Ruiz declined when asked whether she believed Mr. Tomas Soto was lying.\n\n"
        "“I will not guess at motives,” she told Mr. Lee Park. “The point is that we keep working.\n\n"
        "“We have worked hard,” she said."
    )
    assert {q.speaker for q in _quotes(text, nlp)} == {"Ana Ruiz"}


def test_a_pronoun_prefers_the_named_subject_of_its_own_sentence(nlp):
    text = (
        "Mr. Tomas Soto criticized Mr. Lee Park on Friday. Park answered on radio.\n\n"
        "It was during a campaign stop in Lima on Saturday that Mr. Soto described what he called "
        "the “phony budget” of Mr. Park’s team."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker.endswith("Soto")


def test_title_resolved_to_the_named_person(nlp):
    text = (
        "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok. "
        "“There are no secrets here,” the Russian president told reporters after the talks."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Vladimir Putin"
    assert q.note.startswith("title: “Russian president” → Vladimir Putin") or q.note.startswith("title: ")


@pytest.mark.parametrize(
    "text",
    [
        "“The aid will arrive soon,” the statement said.",
        "“We will stay until the end,” the documents said.",
        "Officials met for hours. “It was useful,” the negotiations concluded, according to no one.",
        "The panel noted that the Code of Ethics says a “judge should stay out of elections.”",
    ],
)
def test_a_common_noun_is_never_a_speaker(nlp, text):
    for q in _quotes(text, nlp):
        assert q.speaker in ("unknown", "Officials")  # never "statement", "documents", "negotiations", "hours"


def test_unresolved_title_is_unknown_with_a_note(nlp):
    text = "The summit opened on Thursday. “We are ready,” the spokesman said."
    (q,) = _quotes(text, nlp)
    assert q.speaker == "unknown" and "spokesman" in q.note


def test_judging_verb_lemma(nlp):
    (q,) = _quotes('Cho claimed Kim had been in a "catch-22" situation.', nlp)
    assert (q.text, q.speaker, q.verb) == ("catch-22", "Cho", "claim")


def test_seed_quotes(seed_comparison):
    by_id = {p.article.id: p for p in seed_comparison.parsed}
    quotes = find_quotes(by_id["aljazeera"])
    speakers = {q.text[:20]: q.speaker for q in quotes}
    assert speakers["Without Russia and C"] == "Andrey Fyodorov"
    assert speakers["North Koreans are in"] == "Cho Han bum"  # "Cho told Al Jazeera": surname resolved
    assert speakers["China can’t help as "] == "Cho Han bum"  # speaker from the previous sentence
    assert speakers["In addition, there’s"] == "Cho Han bum"  # paragraph continuing Cho's quotation
    assert speakers["large enough and the"] == "Dmitry Zhuravlev"
    assert speakers["total destruction"] == "unknown"
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    courier = {q.text[:8]: (q.speaker, q.verb) for q in find_quotes(by_id["courier"])}
    assert courier["catch-22"] == ("Cho Han bum", "claim")
    assert courier["without "] == ("Andrey Fyodorov", "insist")


# -- rules on hand-built parses (no trained model) -------------------------------------------


def test_speaker_is_the_subject_of_the_verb_of_saying():
    from helpers import hand_parsed, make_doc

    # “We are in trouble,” said Cho Han bum.
    doc = make_doc(
        ["“", "We", "are", "in", "trouble", ",", "”", "said", "Cho", "Han", "bum", "."],
        spaces=[False, True, True, True, False, False, True, True, True, True, False, False],
        heads=[2, 2, 7, 2, 3, 2, 7, 7, 10, 10, 7, 7],
        deps=["punct", "nsubj", "ccomp", "prep", "pobj", "punct", "punct", "ROOT", "compound", "compound", "nsubj", "punct"],
        pos=["PUNCT", "PRON", "AUX", "ADP", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PROPN", "PUNCT"],
        lemmas=["“", "we", "be", "in", "trouble", ",", "”", "say", "Cho", "Han", "bum", "."],
        ents=["O", "O", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O"],
    )
    quotes = find_quotes(hand_parsed(doc))
    assert [(q.text, q.speaker, q.verb) for q in quotes] == [("We are in trouble,", "Cho Han bum", "say")]


def test_a_pronoun_subject_is_not_a_speaker_name():
    from helpers import hand_parsed, make_doc

    # “It will fail,” he said.
    doc = make_doc(
        ["“", "It", "will", "fail", ",", "”", "he", "said", "."],
        spaces=[False, True, True, False, False, True, True, False, False],
        heads=[3, 3, 3, 7, 3, 7, 7, 7, 7],
        deps=["punct", "nsubj", "aux", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"],
        pos=["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"],
        lemmas=["“", "it", "will", "fail", ",", "”", "he", "say", "."],
    )
    (quote,) = find_quotes(hand_parsed(doc))
    assert quote.text == "It will fail," and quote.speaker == "unknown" and quote.verb == "say"


def test_a_news_outlet_is_not_the_speaker(nlp):
    (q,) = _quotes("“We will win this fight,” Senator Jane Doe told CNN on Sunday, and CNN aired it.", nlp)
    assert q.speaker in ("Jane Doe", "unknown") and q.speaker != "CNN"
    from compare.speaker_words import is_news_outlet

    assert is_news_outlet("the Times") and is_news_outlet("Fox News") and not is_news_outlet("Vicente Fox")
    assert not is_news_outlet("Washington")


def test_a_paragraph_is_never_parsed_into_the_sentence_before(nlp):
    """The pipeline starts a sentence after each paragraph break, so what the next paragraph narrates
    is not taken for what the previous speaker said (its subject stays a narrated subject)."""
    text = (
        "“This is a scandal,” Senator Paul Grant said on the radio show “Morning Report.”\n\n"
        "While serving as mayor in 2007, Maria Okafor criticized the council for its secrecy, according to the Ledger. "
        "“We know about the secret accounts,” she said."
    )
    doc = _parsed(text, nlp).doc
    criticized = next(t for t in doc if t.text == "criticized")
    assert criticized.dep_ == "ROOT"
    assert _quotes(text, nlp)[-1].speaker == "Maria Okafor"


@pytest.mark.parametrize(
    "text",
    [
        # a place that is a subject in between is no rival for "he"
        "Mayor Tom Reyes spoke on Monday. Reyes says the law is wrong. He has told city departments to check "
        "whether Seattle is doing business with the state.\n\n“Discrimination has no place in our city,” he said.",
        # nor is the subject of what someone else is reported to have said
        "Senator Tom Reyes spoke in Ohio. Reyes said Harlan “wasted no time” and cast Ruth Okafor as his deputy.\n\n"
        "“She was the architect of a disaster,” he said during an interview.",
    ],
)
def test_a_pronoun_looks_past_places_and_reported_subjects(nlp, text):
    assert _quotes(text, nlp)[-1].speaker == "Tom Reyes"


def test_an_abbreviated_title_fits_the_person(nlp):
    text = "Gov. Mark Dellman of Ohio signed the law on Thursday.\n\n“I support this law,” the governor said."
    q = _quotes(text, nlp)[-1]
    assert q.speaker == "Mark Dellman" and q.note.startswith("title:")


def test_a_pronoun_after_a_title_subject_is_that_titled_person(nlp):
    text = (
        "Rep. Anthony Marsh spoke to reporters outside his office. His aides stayed inside. The doors were shut.\n\n"
        "The congressman also expressed concern about his wife. “I am protecting my wife,” he told a radio host."
    )
    assert _quotes(text, nlp)[-1].speaker == "Anthony Marsh"


def test_the_outlet_that_carried_the_words_is_not_preferred_to_the_speaker(nlp):
    text = (
        "“I want to see the papers,” said Donald Harlan in an interview, according to TIME. "
        "“How come nobody in the hospital knows?”"
    )
    assert [q.speaker for q in _quotes(text, nlp)] == ["Donald Harlan", "Donald Harlan"]


def test_a_statement_that_continues_is_its_authors(nlp):
    text = (
        "“She should step down,” Donald Harlan said in a statement released by his campaign.\n\n"
        "“We cannot afford to be weak any longer,” the statement continued."
    )
    q = _quotes(text, nlp)[-1]
    assert q.speaker == "Donald Harlan" and "document" in q.note


def test_a_quotation_right_after_the_verbs_own_words_is_governed_by_it(nlp):
    text = (
        "After the attack, Donald Harlan again defended his proposals, saying on Twitter: "
        "“What has happened is just the beginning. Our leaders are weak.”"
    )
    assert _quotes(text, nlp)[-1].speaker == "Donald Harlan"


def test_a_surname_the_tagger_left_untagged_is_still_the_person(nlp):
    text = (
        "Elizabeth Lauten, an aide to a congressman, wrote a post on Friday. The post spread quickly. "
        "Reporters called her office.\n\n"
        "Lauten later apologized for rushing to judgment.\n\n"
        "“I reacted to an article and judged two young people,” she said."
    )
    assert _quotes(text, nlp)[-1].speaker == "Elizabeth Lauten"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The report, by White House Counsel Robert Dunne, said “no offer of a paid post was made.”", "Robert Dunne"),
        ("Mr. Dunne’s report said “no offer of a paid post was made.”", "Dunne"),
        ("“No offer of a paid post was made,” the report said.", "unknown"),  # a document alone never speaks
    ],
)
def test_a_documents_words_are_its_authors(nlp, text, speaker):
    assert _quotes(text, nlp)[-1].speaker == speaker


def test_a_name_inside_a_documents_subject_is_not_its_author(nlp):
    text = "The report on Mr. Dunne’s plan said “no offer of a paid post was made.”"
    assert _quotes(text, nlp)[-1].speaker == "unknown"


def test_a_saying_verb_tagged_as_a_noun_and_a_tenure_title_still_attribute(nlp):
    text = (
        "Rep. Bob Etherton was caught on video. He grabs the man's wrist and will not let go. "
        "“Who are you!” the seven-term congressman demands."
    )
    q = _quotes(text, nlp)[-1]
    assert q.speaker == "Bob Etherton" and "seven-term congressman" in q.note


def test_a_verb_that_only_describes_a_noun_does_not_claim_the_quotation(nlp):
    text = (
        "Representative Dan Issak of Ohio said the talks described by the White House "
        "“represent an illegal deal,” even if nobody was paid."
    )
    assert _quotes(text, nlp)[-1].speaker == "Dan Issak"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“Stay tuned,” an AARP spokeswoman said in an email.", "an AARP spokeswoman"),
        ("“They are walking backwards,” one union official said.", "one union official"),
        ("“We will win,” the spokeswoman said.", "unknown"),  # "the": someone named before, or nobody
    ],
)
def test_one_unnamed_source_is_kept_as_written(nlp, text, speaker):
    q = _quotes(text, nlp)[-1]
    assert q.speaker == speaker
    assert (speaker == "unknown") != q.note.startswith("an unnamed source")


def test_a_run_of_pronouns_leads_back_to_the_last_named_subject(nlp):
    text = (
        "Glen Becker, the closing speaker of the conference, tore into both parties on Saturday. "
        "Progressivism, he told the crowd, is a cancer. But he aimed his fire at his own side too.\n\n"
        "The Democrats tax and spend, while the Republicans just spend.\n\n"
        "“It is still morning in America,” he said."
    )
    q = _quotes(text, nlp)[-1]
    assert q.speaker == "Glen Becker" and "last named subject" in q.note


@pytest.mark.parametrize(
    "text",
    [
        # another pronoun takes over the narration ("she"), so "he" is someone else
        "Meredith Vale spoke on the morning show. She is a host. Viewers wrote in. "
        "The remarks later prompted Vale to ask Don Tramp about his plans.\n\n“They cannot believe it,” he said.",
        # "they wrote" in between: the run is broken
        "Senate Leader Harry Reyes got a letter on Monday. It came from every Republican. Its tone was sharp. "
        "“We cannot agree to anything else,” they wrote.\n\n“This strategy is cynical,” he said in a statement.",
    ],
)
def test_a_broken_run_of_pronouns_leads_nowhere(nlp, text):
    assert _quotes(text, nlp)[-1].speaker == "unknown"


def test_a_word_inside_quotation_marks_is_never_the_speaker(nlp):
    text = (
        "His image suffered a blow in 2014, when aides were found to have caused traffic jams near a bridge. "
        'Dubbed "Bridgegate," the scandal caused Christie, who had enjoyed high ratings, to see his negatives rise sharply.'
    )
    assert _quotes(text, nlp)[-1].speaker == "unknown"


def test_a_party_letter_after_the_name_is_no_rival(nlp):
    text = (
        "Maine Gov. Paul LeMay (R) said Wednesday that he has no plans to resign.\n\n"
        "“I will no longer speak to the press ever again after today,” he told reporters."
    )
    assert _quotes(text, nlp)[-1].speaker == "Paul LeMay"


# -- party members and "(D-Calif.)" ---------------------------------------------------


def test_a_party_member_with_a_state_is_the_named_person_of_that_party_and_state(nlp):
    text = (
        "House Minority Leader Ana Ortega (D-Calif.) kept her post on Wednesday. "
        "Rep. Tom Reyes (D-Ga.) backed her.\n\n"
        "The California Democrat spoke to reporters, saying she felt “exhilarated” by the vote."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Ana Ortega"
    assert "California Democrat" in q.note


def test_a_party_member_nobody_fits_is_unknown_never_the_party(nlp):
    text = "Rep. Ana Ortega (D-Calif.) kept her post.\n\n“It was close,” the Ohio Republican said."
    (q,) = _quotes(text, nlp)
    assert q.speaker == "unknown"
    assert "Ohio Republican" in q.note


def test_one_party_member_is_an_unnamed_source(nlp):
    text = "Ana Ortega won the vote.\n\n“There is a whole lot of anger,” said one Democrat who opposed her."
    (q,) = _quotes(text, nlp)
    assert q.speaker == "one Democrat"
    assert "unnamed source" in q.note


@pytest.mark.parametrize(
    "text, words",
    [
        (" (D-Calif.) said", {"democratic", "california"}),
        ("(R-S.C.)", {"republican", "south", "carolina"}),
        ("(I-Vt.)", {"independent", "vermont"}),
        ("(Ohio)", {"ohio"}),
        (", R-Ariz., said", {"republican", "arizona"}),
        (", Ohio, said", set()),
        ("(AP)", set()),
        ("(X-Calif.)", set()),
        ("(", set()),
    ],
)
def test_party_and_state_after_a_name(text, words):
    from compare.speaker_words import party_state

    assert party_state(text) == words


def test_a_first_name_joined_to_a_couples_name_makes_the_surname_ambiguous(nlp):
    text = (
        "Hillary and Bill Clinton earned $141 million, according to tax returns released Friday.\n\n"
        "“We owe it to the opportunities America provides,” Clinton said in a statement."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Clinton"  # not "Bill Clinton": the article names two Clintons


def test_a_title_before_an_untagged_full_name_is_not_part_of_the_name(nlp):
    from compare.speakers import speaker_of

    doc = nlp("Representative Kurt Schaller of Oregon said the party needed a new agenda.")
    doc.set_ents([], default="outside")  # as the tagger leaves it in some articles
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert speaker_of(subject, None) == ("Kurt Schaller", "")
    company = nlp("General Electric said the plant would close.")
    company.set_ents([], default="outside")
    assert speaker_of(next(t for t in company if t.dep_ == "nsubj"), None)[0] == "General Electric"


def test_a_hyphenated_title_is_one_title(nlp):
    text = (
        "Republican front-runner Daniel Brock spoke on Monday.\n\n"
        "The GOP front-runner, who has made many outrageous comments, has called them “criminals.”"
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Daniel Brock"
    assert "front-runner" in q.note


def test_a_body_whose_owner_is_a_title_speaks_for_the_named_person(nlp):
    text = "Gov. Ann Lee vetoed the bill on Monday.\n\nThe governor’s office said the bill was “a costly mistake.”"
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Ann Lee’s office"
    assert "governor" in q.note


def test_a_pronoun_looks_past_a_news_outlet_and_the_same_persons_name(nlp):
    text = (
        "But Steele has been unpredictable, and some close to him say he wants to run again.\n\n"
        "Fox News confirmed Steele sent an e-mail to members on Saturday night.\n\n"
        "In the note, he asked members to join him “for a private conference call” on Monday."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Steele"


def test_the_subject_of_what_someone_doubts_is_no_rival_for_he(nlp):
    text = (
        "Mr. Ortega expressed disbelief that Mr. Ruiz would invite the candidate.\n\n"
        "He suggested that the candidate was only coming as part of a “desperate” strategy."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker in ("Ortega", "Vicente Ortega")


def test_the_subject_of_what_someone_is_sure_of_is_no_rival_for_he(nlp):
    text = (
        "Vicente Ortega spoke to reporters in Mexico City.\n\n"
        "Ortega, however, isn't worried that Brock will actually win the presidency.\n\n"
        "“Democracy cannot pick crazy people,” he said."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker in ("Ortega", "Vicente Ortega")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Rick Dorn spoke in Ohio.\n\nDorn had dismissed the governor's politics as “some phony theology.”", "Rick Dorn"),
        ("Rob Gable, an adviser to the governor, criticized such attacks on “character and faith.”", "Rob Gable"),
    ],
)
def test_a_verb_that_judges_what_it_reports_names_its_speaker(nlp, text, speaker):
    (q,) = _quotes(text, nlp)
    assert q.speaker == speaker


@pytest.mark.parametrize(
    "text, not_speaker",
    [
        ("Mr. Boehner also dismissed Mr. Axelrod's comment that House Republicans are under a “reign of terror.”", "Boehner"),
        ("Governor Ann Lee was seen that October praising the president for his “leadership.”", "October"),
    ],
)
def test_someone_elses_words_under_a_judging_verb_are_not_its_subjects(nlp, text, not_speaker):
    for q in _quotes(text, nlp):
        assert not_speaker not in q.speaker


def test_an_organisation_before_a_title_and_a_name_is_not_the_speaker(nlp):
    text = "The National Union of Nurses President Ann Marley said that the cover is “sexist” and demeaning."
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Ann Marley"


# -- whose words, when a sentence names several people (review rounds 21 and 22) -------------------


def test_a_pronoun_after_a_clause_naming_one_person_is_that_person(nlp):
    text = (
        "Tom Morell, the deputy director, acted on his own. But when the final draft was sent to Dan Petrov, "
        "he dismissed it, saying “Frankly, I would rather not use this,” and left."
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Dan Petrov"
    (q,) = _quotes("Mr. Reid spoke first. When Mr. Obama met Mr. Reid, he said “no.”", nlp)
    assert q.speaker == "unknown"  # the clause's own subject is a person too: either may be "he"


def test_words_reported_by_someone_inside_anothers_sentence_are_not_the_outer_speakers(nlp):
    text = (
        "Ann Lee said she had no knowledge of the warning which former security agents have told "
        "reporters amounted to a “cry for help.”"
    )
    (q,) = _quotes(text, nlp)
    assert q.speaker != "Ann Lee"
    text = "Paul Lamar said that union officials, who had called him out for missing an event, could “kiss my boots.”"
    (q,) = _quotes(text, nlp)
    assert q.speaker == "Paul Lamar"  # "called him out" says nothing


def test_a_verb_that_introduces_its_own_quotation_does_not_take_the_one_before(nlp):
    text = (
        "Asked by one of Ms. Ruiz’s aides, “Is this the final language you want to use,” "
        "Mr. Rhodes replied with a single word: “Yup.”"
    )
    asked, yup = _quotes(text, nlp)
    assert asked.speaker != "Rhodes" and yup.speaker == "Rhodes"
    text = "Barry Rand later issued a statement calling the article “misleading” and claiming “We have not changed our position.”"
    assert [q.speaker for q in _quotes(text, nlp)] == ["Barry Rand", "Barry Rand"]


def test_a_capital_opening_a_sentence_and_named_nowhere_else_is_no_person():
    from compare.people import People

    from helpers import make_doc

    # the tagger took the opening "Draft" for a person and the subject: "Draft depicted efforts. She argued."
    words = ["Draft", "depicted", "efforts", ".", "She", "argued", "."]
    doc = make_doc(
        words,
        heads=[1, 1, 1, 1, 5, 5, 5],
        deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT"],
        ents=["B-PERSON"] + ["O"] * 6,
        sent_starts=[True, False, False, False, True, False, False],
    )
    she = doc[4]
    assert People(doc).by_pronoun("She", she.idx, she.sent.start_char).name == "unknown"


def test_the_president_is_not_the_vice_president(nlp):
    text = (
        "President Barack Obama watched. Vice President Joe Biden and Rep. Paul Ryan debated.\n\n"
        "“I am going to make a special point,” the president told reporters. “We agree,” the vice president said."
    )
    assert [q.speaker for q in _quotes(text, nlp)] == ["Barack Obama", "Joe Biden"]


def test_a_lawsuit_is_a_document_not_a_speaker(nlp):
    (q,) = _quotes("The lawsuit was filed on Monday. The lawsuit says the scheme “created a dangerous gap” in the law.", nlp)
    assert q.speaker == "unknown" and "document" in q.note


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "shown saying": the parser hangs the quotation on "shown"
        (
            "A new advertisement uses a news clip of the prime minister, Ann Lee.\n\n"
            "“Every day that passes, the danger grows closer and closer to our borders,” Ms. Lee is shown saying.",
            "Ann Lee",
        ),
        ("Paul Ryan spoke next. Ryan shot back: “As the vice president very well knows, we did not do that.”", "Paul Ryan"),
        # a surname the tagger took for a common noun is the person named in full before
        (
            "John Suthers is the attorney general. “Because neighboring states have expressed concern, "
            "we expected this,” Suthers said.",
            "John Suthers",
        ),
        (
            "Fox News host Glenn Beck spoke on Saturday.\n\n"
            "“Hello, my name is the Republican Party, and I got a problem,” the Fox News host said.",
            "Glenn Beck",
        ),
    ],
)
def test_the_speaker_named_around_a_quotation(nlp, text, speaker):
    (q,) = _quotes(text, nlp)
    assert q.speaker == speaker


def test_fired_back_at_someone_says_nothing(nlp):
    (q,) = _quotes("The soldiers fired back at the rebels, and the “ceasefire” collapsed.", nlp)
    assert q.verb is None
