"""Framing findings, word swaps, summary and plot (compare.framing, compare.plots)."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from compare import Article, CompareWarning  # noqa: E402
from compare.framing import (  # noqa: E402
    CATEGORIES,
    FRAMING_COLUMNS,
    SUMMARY_COLUMNS,
    VOICES,
    comparison_framing,
    framing,
)
from compare.plots import plot_framing  # noqa: E402
from compare.wording import WORDING_COLUMNS  # noqa: E402


def _find(df: pd.DataFrame, text: str) -> pd.Series:
    hit = df[df["text"].str.contains(text, regex=False)]
    assert len(hit), f"{text!r} not flagged; got {df['text'].tolist()}"
    return hit.iloc[0]


# -- the seed ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def aljazeera(seed_comparison):
    parsed = next(p for p in seed_comparison.parsed if p.article.id == "aljazeera")
    return framing(parsed)


def test_columns_and_offsets(seed_comparison, aljazeera):
    assert list(aljazeera.columns) == FRAMING_COLUMNS
    df = seed_comparison.framing
    assert list(df.columns) == FRAMING_COLUMNS
    for r in df.itertuples():
        assert seed_comparison.story[r.article].text[r.start : r.end] == r.text
    order = {p.article.id: k for k, p in enumerate(seed_comparison.parsed)}
    keys = list(zip(df["article"].map(order), df["start"]))
    assert keys == sorted(keys)
    assert set(df["outlet"]) <= set(seed_comparison.story.labels.values())


def test_founding_article_alone_matches_answer_key(answer_key, aljazeera):
    for item in answer_key["loaded_language"]:
        if item["article"] != "aljazeera":
            continue
        row = _find(aljazeera[aljazeera["category"] == item["category"]], item["text"])
        assert row["voice"] == item["voice"], item
        if "speaker" in item:
            assert row["speaker"] == item["speaker"]


def test_stupidity_names_its_target(aljazeera):
    row = _find(aljazeera[aljazeera["category"] == "name_calling"], "stupidity")
    assert row["text"] == "stupidity of Donald Trump" and row["voice"] == "editorial"


def test_literal_sanctions_vocabulary_is_not_flagged(aljazeera):
    flagged = " ".join(aljazeera["text"]).lower()
    for word in ("threats", "shortage", "trouble", "failed", "collapse", "crisis", "destruction"):
        assert word not in flagged
    assert len(aljazeera) <= 12  # few findings in a 900-word article


def test_courier_matches_answer_key(seed_comparison, answer_key):
    df = seed_comparison.framing
    courier = df[df["article"] == "courier"]
    for item in answer_key["loaded_language"]:
        if item["article"] != "courier":
            continue
        row = _find(courier[courier["category"] == item["category"]], item["text"])
        assert row["voice"] == item["voice"], item
        if "speaker" in item:
            assert row["speaker"] == item["speaker"]


def test_comparative_reason_quotes_other_outlets(seed_comparison):
    df = seed_comparison.framing
    row = _find(df[df["article"] == "courier"], "lifeline")
    assert row["reason"].endswith("the matching sentences of the other outlets do not use it")
    row = _find(df[df["article"] == "courier"], "craved")
    assert "Al Jazeera says ‘sought’" in row["reason"]  # the word in the same slot of the aligned sentence


def test_wording_claimed_against_said(seed_comparison):
    w = seed_comparison.wording
    assert list(w.columns) == WORDING_COLUMNS
    hit = w[((w.word_a == "said") & (w.word_b == "claimed")) | ((w.word_a == "claimed") & (w.word_b == "said"))]
    assert len(hit) and set(hit["category"]) == {"attribution"}
    assert "Daily Courier (constructed)" in set(hit["outlet_a"]) | set(hit["outlet_b"])


def test_wording_regime_against_pyongyang_or_north_korea(seed_comparison):
    w = seed_comparison.wording
    regime = w[w.word_b.str.contains("regime") | w.word_a.str.contains("regime")]
    others = set(regime.word_a) | set(regime.word_b)
    assert any("Pyongyang" in o or "North Korea" in o for o in others)
    assert set(regime["category"]) == {"name_calling"}


def test_summary(seed_comparison):
    s = seed_comparison.framing_summary
    assert list(s.columns) == SUMMARY_COLUMNS
    by = s.set_index("article")
    assert by.loc["courier", "per_1000_words"] > 3 * by.loc["wire", "per_1000_words"]
    assert (s["findings"] == s[CATEGORIES].sum(axis=1)).all()
    assert (s["findings"] == s[VOICES].sum(axis=1)).all()


def test_plot(seed_comparison):
    import matplotlib.pyplot as plt

    fig = seed_comparison.plot_framing()
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert any(p.get_hatch() for p in ax.patches)
    _, ax2 = plt.subplots()
    assert plot_framing(seed_comparison.framing, seed_comparison.aligned.labels, ax=ax2) is ax2.figure
    plt.close("all")


# -- every category and voice on small texts -------------------------------------------------


@pytest.mark.parametrize(
    "text, word, category, voice",
    [
        ("The infamous general left the city.", "infamous", "loaded", "editorial"),
        ("The regime closed the border on Monday.", "regime", "name_calling", "editorial"),
        ("The minister gave a deeply shameful speech.", "deeply", "intensifier", "editorial"),
        ("The minister supposedly left the country.", "supposedly", "hedge", "editorial"),
        ("The minister claimed that taxes would fall.", "claimed", "attribution", "editorial"),
        ("The fall was blamed on Smith, a trader.", "blamed on", "blame", "editorial"),
        ("“It is a monstrous plan,” said Jane Smith.", "monstrous", "loaded", "quoted"),
        ("Jane Smith said that the plan was outrageous.", "outrageous", "loaded", "reported"),
    ],
)
def test_every_category_and_voice(nlp, text, word, category, voice):
    df = framing(Article(id="t", outlet="Test", text=text), nlp=nlp, min_score=0)  # the candidate rules
    row = _find(df[df["category"] == category], word)
    assert row["voice"] == voice
    if voice != "editorial":
        assert row["speaker"] == "Jane Smith"
    assert row["reason"]


def test_intensifier_needs_an_evaluative_word(nlp):
    df = framing("Russia has a very small footprint in the North.", nlp=nlp)
    assert "intensifier" not in set(df["category"])


@pytest.mark.parametrize(
    "text, word, flagged",
    [
        # an intensifier frames when it turns up a criticism it modifies, not a degree of praise
        ("The senator called the plan utterly irresponsible.", "utterly", True),
        ("She was very gentle with the children.", "very", False),
        ("His most loyal aides stayed on.", "most", False),
        ("Most voters want change, and that is what most candidates say.", "most", False),
        # the speaker's own feeling judges no one
        ("“I'm very frustrated with the delay,” the mayor said.", "very", False),
        ("“I deeply and profoundly regret my reaction,” he said.", "profoundly", False),
    ],
)
def test_intensifier_turns_up_a_criticism(nlp, text, word, flagged):
    df = framing(text, nlp=nlp, min_score=0)
    hits = df[(df["category"] == "intensifier") & (df["text"] == word)]
    assert bool(len(hits)) is flagged


@pytest.mark.parametrize(
    "text, word",
    [
        ("The minister reportedly left the country on Monday.", "reportedly"),  # sourcing, not doubt
        ("The minister apparently left the country on Monday.", "apparently"),  # a writer's caution
        ("The plan appears to have failed.", "appears"),
        ("The talks were supposed to start on Monday.", "supposed"),  # what was expected
        ("The lawsuit alleged that the firm paid women less.", "alleged"),  # due legal caution
        ("The alleged bribe was paid in cash.", "alleged"),
    ],
)
def test_sourcing_and_caution_are_not_hedges(nlp, text, word):
    df = framing(text, nlp=nlp, min_score=0)
    assert not df["text"].str.lower().str.startswith(word).any()


@pytest.mark.parametrize(
    "text, word, voice, speaker",
    [
        # a charge or claim of a group named by its party is reported speech, not the outlet's words
        (
            "Democratic campaign officials accused Republicans of exploiting the attacks.",
            "exploiting",
            "reported",
            "Democratic campaign officials",
        ),
        ("Ryan defended his budget, saying that the concept is merely a policy with support.", "merely", "reported", "Ryan"),
        ("His spokesman tried to clarify it by insisting that he merely meant the budget.", "merely", "reported", "unknown"),
        # a view held by someone in particular ("X sees Y as Z"), not by nobody ("Y is seen as Z")
        ("Both provisions are seen by many Democrats as giveaways to the rich.", "giveaways", "reported", "Democrats"),
        ("The plan is widely seen as a disgraceful giveaway.", "disgraceful", "editorial", None),
        # a person the tool cannot name is still someone in particular
        ("The mayor of Springfield suggested it was peddling hate.", "peddling", "reported", "unknown"),
        # an unnamed group ("critics", "analysts say") lends the outlet's own wording no one's voice
        ("Critics charged that the plan was a disgraceful giveaway.", "disgraceful", "editorial", None),
        # a judging verb of saying is the writer's choice, even inside someone's reported words
        ("Trump said he was ending the debate, which he claimed the party was asking him to do.", "claimed", "editorial", None),
        # words the outlet put in brackets inside a quotation are its own
        ('Trump said "it looks like (Libyan strongman Muammar) al-Qaddafi is going to win."', "strongman", "editorial", None),
        ('Trump said "the strongman Muammar al-Qaddafi is going to win."', "strongman", "quoted", "Trump"),
    ],
)
def test_whose_voice_in_reported_speech_and_quotations(nlp, text, word, voice, speaker):
    row = _find(framing(text, nlp=nlp, min_score=0), word)
    assert row["voice"] == voice
    assert (row["speaker"] if voice != "editorial" else None) == speaker


def test_the_one_named_by_a_label_is_not_its_speaker(nlp):
    df = framing('The group\'s first ad called Obama an "elitist hypocrite" for his remarks.', nlp=nlp, min_score=0)
    assert "Obama" not in set(df["speaker"].dropna())


def test_complained_names_a_grievance_not_a_judgement_of_the_speaker(nlp):
    df = framing("The mayor complained that the budget was late.", nlp=nlp, min_score=0)
    assert "attribution" not in set(df["category"])
    assert "attribution" in set(framing("The mayor claimed that the budget was late.", nlp=nlp, min_score=0)["category"])


def test_a_noun_the_tagger_took_for_a_verb_of_saying_is_not_flagged(nlp):
    df = framing("The governor said claims that the farmers are lazy were false.", nlp=nlp, min_score=0)
    assert "attribution" not in set(df["category"])


def test_insisting_on_a_demand_is_not_a_judging_verb_of_saying(nlp):
    demand = framing("The council has been insisting that the ministry agree to deeper cuts.", nlp=nlp, min_score=0)
    claim = framing("The council has been insisting that the cuts will not hurt anyone.", nlp=nlp, min_score=0)
    assert "attribution" not in set(demand["category"])
    assert "attribution" in set(claim["category"])


def test_blame_about_a_thing_is_not_flagged_alone(nlp):
    df = framing("Trade fell in 2018 because of the sanctions.", nlp=nlp)
    assert "blame" not in set(df["category"])


def test_extra_lexicon(nlp, tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my words\nloaded footprint\n", encoding="utf-8")
    df = framing("Russia has a small footprint.", nlp=nlp, extra_lexicon=path)
    assert _find(df, "footprint")["category"] == "loaded"


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  ", "...", "!!!"])
def test_empty_or_no_sentences(nlp, text):
    df = framing(text, nlp=nlp)
    assert list(df.columns) == FRAMING_COLUMNS and df.empty


def test_non_english_warns_and_returns_empty(nlp):
    art = Article(id="de", outlet="Zeitung", text="Der berüchtigte Diktator ist angekommen.", meta={"language": "de"})
    with pytest.warns(CompareWarning, match="English"):
        df = framing(art, nlp=nlp)
    assert list(df.columns) == FRAMING_COLUMNS and df.empty
    with pytest.warns(CompareWarning):
        text = (
            "Der berüchtigte Diktator ist in Russland angekommen, und die Regierung hat es nicht gesagt. "
            "Die Gespräche sollen am Donnerstag beginnen, wie die Nachrichtenagentur meldete. "
            "Beobachter erwarten keine Einigung über die Sanktionen, die seit Jahren gelten."
        )
        df = framing(text, nlp=nlp)
    assert df.empty


def test_unbalanced_quotes_fall_back(nlp):
    text = "“This monstrous plan will fail, said Jane Smith.\n\nThe infamous plan passed."
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = framing(text, nlp=nlp)
    assert _find(df, "infamous")["voice"] == "editorial"  # the stray mark does not swallow the next paragraph
    assert _find(df, "monstrous")["voice"] == "quoted"  # the open quotation runs to the paragraph end


def test_blank_pipeline_does_not_crash(blank_nlp):
    df = framing("The infamous regime “left”.", nlp=blank_nlp)
    assert list(df.columns) == FRAMING_COLUMNS


# -- broadened lexicon, hyphenated and inflected entries, parse-gated valence ---------------


@pytest.mark.parametrize(
    "text, span, category",
    [
        ("The so-called reform passed on Monday.", "so-called", "loaded"),
        ("Far-left activists marched on Monday.", "Far-left", "loaded"),
        ("The senator lashed out at reporters on Monday.", "lashed out", "loaded"),
        ("The senator ripped into the plan on Monday.", "ripped into", "loaded"),
        ("Democrats rammed the bill through the Senate.", "rammed", "loaded"),
        ("The governor bragged about the budget.", "bragged", "loaded"),
        ("The mayor made baseless claims about the vote.", "baseless", "loaded"),
        ("The committee ended its shenanigans on Monday.", "shenanigans", "loaded"),
        ("The president and his sycophants met on Monday.", "sycophants", "name_calling"),
    ],
)
def test_broadened_lexicon(nlp, text, span, category):
    df = framing(text, nlp=nlp)
    row = _find(df[df["category"] == category], span)
    assert row["text"] == span and row["voice"] == "editorial"


def test_hyphenated_entry_keeps_word_lookup():
    from compare.lexicons import load_lexicon

    lex = load_lexicon()
    assert lex.category("so-called") == "loaded"
    assert lex.phrases[("so", "-", "called")] == "loaded"


def test_valence_gated_by_parse(nlp):
    # an evaluative adjective judging a person is flagged from VADER valence alone ...
    for text, target in (
        ("John Smith’s selfish decision angered the town, and it was the talk of the week.", "the decision"),
        ("The selfish Republicans won the vote.", "Republicans"),
    ):
        row = _find(framing(text, nlp=nlp).query("category == 'loaded'"), "selfish")
        assert row["reason"].startswith(f"‘selfish’ judges {target}")
    # ... but not the same strength of adjective on a thing, nor a predicate feeling
    assert framing("It was a rude awakening for the market.", nlp=nlp).empty
    assert framing("Smith was confident about the vote.", nlp=nlp).empty


def test_new_lexicon_keeps_literal_words_quiet(nlp):
    text = "The talks failed and the crisis deepened as sanctions caused a shortage and threats grew."
    assert framing(text, nlp=nlp).query("category in ['loaded', 'name_calling']").empty


# -- the agent judge on hand-built parses (no trained model) ---------------------------------


def _hand_parsed(words, heads, deps, pos, ents=None):
    from helpers import hand_parsed, make_doc

    doc = make_doc(words, heads=heads, deps=deps, pos=pos, ents=ents, spaces=[True] * (len(words) - 2) + [False, False])
    return hand_parsed(doc)


def test_valence_alone_flags_an_adjective_only_when_it_judges_a_person():
    # "wonderful" (VADER +2.7, not in the lexicon) is loaded on a person, not on a harvest
    person = _hand_parsed(
        ["The", "wonderful", "Smith", "spoke", "."],
        heads=[2, 2, 3, 3, 3],
        deps=["det", "amod", "nsubj", "ROOT", "punct"],
        pos=["DET", "ADJ", "PROPN", "VERB", "PUNCT"],
        ents=["O", "O", "B-PERSON", "O", "O"],
    )
    thing = _hand_parsed(
        ["The", "wonderful", "harvest", "came", "."],
        heads=[2, 2, 3, 3, 3],
        deps=["det", "amod", "nsubj", "ROOT", "punct"],
        pos=["DET", "ADJ", "NOUN", "VERB", "PUNCT"],
    )
    predicate = _hand_parsed(
        ["Smith", "was", "wonderful", "today", "."],
        heads=[1, 1, 1, 1, 1],
        deps=["nsubj", "ROOT", "acomp", "npadvmod", "punct"],
        pos=["PROPN", "AUX", "ADJ", "NOUN", "PUNCT"],
        ents=["B-PERSON", "O", "O", "O", "O"],
    )
    found = framing(person)
    assert found[["text", "category", "voice"]].values.tolist() == [["wonderful", "loaded", "editorial"]]
    assert found.reason.iloc[0] == "‘wonderful’ judges Smith"
    assert framing(thing).empty
    assert framing(predicate).empty


# -- issue 12: scored findings, real swaps, one voice ------------------------------------------


def _story(nlp, texts: dict[str, str]):
    import compare

    arts = [Article(id=k, outlet=k.title(), text=v) for k, v in texts.items()]
    return compare.compare(compare.Story(arts, name="t"), nlp=nlp, progress=False, cache=False)


def test_score_is_a_probability_and_min_score_zero_shows_all(nlp):
    from compare.framing import default_min_score

    text = "The infamous regime reportedly claimed that the talks were a great success, a welcome step."
    every = framing(text, nlp=nlp, min_score=0)
    shown = framing(text, nlp=nlp)
    assert every["score"].between(0, 1).all()
    assert 0 < default_min_score() < 1
    assert set(shown["start"]) <= set(every["start"])
    scored = shown[shown["category"] != "attribution"]  # judging verbs of saying are shown by their rule
    assert len(scored) and (scored["score"] >= default_min_score()).all()
    assert "claimed" in set(shown["text"])
    with pytest.raises(Exception, match="min_score"):
        framing(text, nlp=nlp, min_score=2)


def test_due_to_fly_is_a_schedule_not_blame(nlp):
    df = framing("Kim is due to fly on to Beijing on Friday after the talks.", nlp=nlp, min_score=0)
    assert "blame" not in set(df["category"])


def test_a_cause_is_blame_only_when_the_other_outlets_name_none(nlp):
    # alone, "because of Smith" is a plain cause; explicit blame ("blamed on") is flagged alone
    assert "blame" not in set(framing("Prices rose because of Smith, a trader.", nlp=nlp, min_score=0)["category"])
    assert "blame" in set(framing("The rise was blamed on Smith, a trader.", nlp=nlp, min_score=0)["category"])
    added = _story(
        nlp,
        {
            "first": "Wheat prices rose sharply in March because of Smith, a trader in Chicago.",
            "second": "Wheat prices rose sharply in March, traders in Chicago said.",
        },
    )
    rows = comparison_framing(added.aligned, min_score=0)
    blame = rows[rows["category"] == "blame"]
    assert list(blame["article"]) == ["first"] and blame["text"].iloc[0].startswith("because of")
    both = _story(
        nlp,
        {
            "first": "Wheat prices rose sharply in March because of Smith, a trader in Chicago.",
            "second": "Wheat prices rose sharply in March because of a drought in Chicago.",
        },
    )
    assert "blame" not in set(comparison_framing(both.aligned, min_score=0)["category"])


def test_friendly_words_in_a_quote_and_plain_nouns_are_not_findings(nlp):
    c = _story(
        nlp,
        {
            "wire": "“We welcome the friendship of our neighbours,” Vladimir Putin said on Thursday in Vladivostok. "
            "The disagreement over the greeting ensures a long night of talks, officials said.",
            "daily": "Vladimir Putin spoke about relations with the neighbours on Thursday in Vladivostok. "
            "The talks will run long into the night, officials said.",
            "post": "Putin spoke about the neighbours on Thursday in Vladivostok. Officials said the talks would run late.",
        },
    )
    flagged = set(c.framing["text"].str.lower())
    for word in ("welcome", "friendship", "disagreement", "greeting", "ensures"):
        assert word not in flagged, c.framing[["text", "score", "reason"]]


def test_names_never_form_a_swap(nlp):
    c = _story(
        nlp,
        {
            "wire": "Putin keen to show that Russia still matters in the region, analysts said on Thursday.",
            "daily": "The United States wants to show that Russia still matters in the region, analysts said on Thursday.",
        },
    )
    w = c.wording
    names = {"Putin", "keen", "United", "States", "United States", "Russia"}
    assert not any(a in names and b in names for a, b in zip(w.word_a, w.word_b)), w


def test_swaps_fill_the_same_slot(nlp):
    c = _story(
        nlp,
        {
            "wire": "Senator Smith criticised the budget plan on Tuesday in Washington.",
            "daily": "Senator Smith slammed the budget plan on Tuesday in Washington.",
        },
    )
    w = c.wording
    hit = w[(w.word_a == "criticised") & (w.word_b == "slammed")]
    assert len(hit) == 1 and hit["category"].iloc[0] == "loaded", w
    row = c.framing.query("text == 'slammed'")
    assert len(row) and "says ‘criticised’" in row["reason"].iloc[0]


def test_unrelated_words_in_loosely_parallel_sentences_are_not_a_swap(nlp):
    from compare.wording import wording

    c = _story(
        nlp,
        {
            "wire": "Senator Marco Rubio said the president showed a disregard for moral purpose that at times "
            "flirted with disdain, in a speech on Cuba.",
            "daily": "Senator Marco Rubio has challenged the president's efforts to restore relations with the island, "
            "in a speech on Cuba.",
        },
    )
    every = wording(c.aligned, every_slot=True)
    assert list(zip(every.word_a, every.word_b)) == [("said", "challenged")]  # the diff's slot ...
    assert c.wording.empty  # ... holds two different statements, not one word for another


def test_meddle_has_one_voice_alone_and_in_a_comparison(nlp):
    c = _story(
        nlp,
        {
            "wire": "Kim and Putin met in Vladivostok on Thursday. "
            "Georgy Toloraya said that Washington would try to meddle in the talks between the two leaders.",
            "daily": "Kim and Putin met in Vladivostok on Thursday. "
            "Georgy Toloraya said that Washington would follow the talks between the two leaders.",
        },
    )
    from compare.framing import comparison_framing

    alone = framing(next(p for p in c.parsed if p.article.id == "wire"), min_score=0)
    many = comparison_framing(c.aligned, min_score=0)
    alone = alone[alone.text == "meddle"]
    many = many[(many.article == "wire") & (many.text == "meddle")]
    assert len(alone) == 1 and len(many) == 1
    assert alone["voice"].iloc[0] == many["voice"].iloc[0] == "reported"
    assert alone["speaker"].iloc[0] == many["speaker"].iloc[0] == "Georgy Toloraya"


def test_reason_is_short_plain_words(seed_comparison):
    df = seed_comparison.framing
    assert (df["reason"].str.len() <= 120).all(), df.loc[df["reason"].str.len() > 120, "reason"].tolist()
    row = _find(df[df.article == "courier"], "blatant")
    assert row["reason"].startswith("‘blatant’ judges")


def test_reason_names_what_a_phrase_judges_not_a_word_inside_it(nlp):
    art = Article(
        id="x",
        outlet="X",
        text="The so-called reform plan was pushed brazenly through parliament. Critics called it a corrupt and abominable deal.",
    )
    df = framing(art, nlp=nlp, min_score=0)
    assert _find(df, "so-called")["reason"] == "‘so-called’ judges the plan"  # not "how they called"
    assert _find(df, "brazenly")["reason"].startswith("‘brazenly’ judges how they pushed")
    now = framing("She cynically continues to deny it.", nlp=nlp, min_score=0)
    assert _find(now, "cynically")["reason"].startswith("‘cynically’ judges how they continue")
    assert _find(df, "corrupt")["reason"].startswith("‘corrupt’ judges the deal")
    assert _find(df, "abominable")["reason"].startswith("‘abominable’ judges the deal")  # the second of a pair too


def test_framing_of_a_whole_comparison_is_a_clear_error(seed_comparison):
    with pytest.raises(TypeError, match="Comparison.framing"):
        framing(seed_comparison.aligned)


def test_a_participle_used_as_an_adjective_judges_its_noun():
    df = framing("The senator gave a dazzling speech to the crowd on Monday.", min_score=0)
    assert df.set_index("text").loc["dazzling", "reason"] == "‘dazzling’ judges the speech"


def test_a_label_that_only_describes_a_thing_is_loaded_not_name_calling():
    df = framing("America is not a clown show. The pariah regime and the dictator Kim met.", min_score=0)
    cats = dict(zip(df.text, df.category))
    assert cats["clown"] == "loaded"
    assert cats["pariah"] == cats["dictator"] == "name_calling"


def test_a_reason_never_says_an_outlet_lacks_a_word_it_uses_elsewhere(nlp):
    import compare
    from compare.framing import comparison_framing

    texts = {
        "A": "The governor unveiled a lavish plan for the new bridge on Monday. Critics say the plan costs too much.",
        "B": "The governor unveiled a plan for the new bridge on Monday. Critics called the plan lavish and say it costs too much.",
        "C": "The governor unveiled a plan for the new bridge on Monday. Critics say the plan costs too much.",
    }
    c = compare.compare(compare.Story.from_texts(texts), nlp=nlp, progress=False)
    row = _find(comparison_framing(c.aligned, min_score=0).query("article == 'a'"), "lavish")
    assert row["reason"].endswith("the matching sentence of C does not use it")  # B calls it lavish, a sentence later
