"""Sentiment: VADER scores worked out by hand from its rules and lexicon, equality with the
reference implementation, explanations that add up, units, thresholds and actor groups.

Lexicon values read from vaderSentiment's vader_lexicon.txt: good 1.9, bad -2.5, kind 2.4, no -1.2,
united 1.8. Constants of vaderSentiment.py: booster 0.293, ALL CAPS 0.733, negation x-0.74,
"!" 0.292 each, "??" 0.18 each. Compound = sum / sqrt(sum^2 + 15), rounded to 4 places.
"""
import math

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framelab
from framelab import sentiment


def compound(total):
    return round(total / math.sqrt(total * total + 15), 4)


HAND = [
    # (sentence, sum of valences worked out by hand, the rule it exercises)
    ("The talks were good.", 1.9, "lexicon"),
    ("The talks were very good.", 1.9 + 0.293, "booster"),
    ("The talks were not good.", 1.9 * -0.74, "negation"),
    ("The talks were GOOD.", 1.9 + 0.733, "ALL CAPS"),
    ("The talks were good, but the results were bad.", 1.9 * 0.5 + -2.5 * 1.5, "but"),
    ("The talks were good!", 1.9 + 0.292, "exclamation"),
    ("Were the talks good??", 1.9 + 2 * 0.18, "question marks"),
    ("The talks were kind of good.", 1.9 - 0.293, "'kind of' (not scored, a dampener)"),
    ("There is no good news.", 1.9 * -0.74, "'no' before a sentiment word"),
]


@pytest.mark.parametrize("text, total, rule", HAND, ids=[h[2] for h in HAND])
def test_vader_rules_by_hand(text, total, rule):
    # e.g. "very good": (1.9 + 0.293) / sqrt(2.193^2 + 15) = 2.193 / 4.45076 = 0.4927
    assert sentiment.score_texts([text])["score"].iloc[0] == pytest.approx(compound(total), abs=1e-4)


def test_hand_values_written_out():
    # Two of the values above, in full, so that a reader can redo them on paper.
    assert compound(1.9) == 0.4404            # 1.9 / sqrt(18.61) = 1.9 / 4.31393
    assert compound(-2.8) == -0.5859          # "good, but ... bad": 0.95 - 3.75 = -2.8; -2.8 / 4.77912


REFERENCE_SENTENCES = [text for text, _, _ in HAND] + [
    "The United States has also accused China of hacking corporate trade secrets.",
    "If not handled carefully, mistrust can lead to miscalculation, and eventually to cyber war.",
    "It was never so good.", "Without doubt, it is good.", "He is at least kind of happy.",
    "This is not bad at all, no problem.", "Cyber war is the worst :(", "GREAT news!!! 😀",
    "The talks were not the least bit useful", "", "Not bad.", "sort of okay, but REALLY risky?!",
]


def test_scores_are_exactly_the_reference_implementation():
    # Without masking, and for the unmasked column always, framelab is vaderSentiment itself.
    reference = SentimentIntensityAnalyzer()
    table = sentiment.score_texts(REFERENCE_SENTENCES, mask_names=False)
    masked = sentiment.score_texts(REFERENCE_SENTENCES)
    for row, with_mask in zip(table.itertuples(), masked.itertuples()):
        expected = reference.polarity_scores(row.text)
        assert (row.score, row.neg, row.neu, row.pos) == (
            expected["compound"], expected["neg"], expected["neu"], expected["pos"]), row.text
        assert with_mask.score_unmasked == expected["compound"], row.text


@pytest.mark.parametrize("text", REFERENCE_SENTENCES)
def test_explanation_adds_up_to_the_score(text):
    table = sentiment.explain(text, mask_names=False)   # the reference implementation scores the text as written
    assert table["contribution"].sum() == pytest.approx(table.attrs["sum"], abs=1e-9)
    assert table.attrs["compound"] == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


def test_explanation_names_the_rules():
    table = sentiment.explain("The forum was NOT good, but the talks were very useful!").set_index("token")
    # good: 1.9 negated (x-0.74 = -1.406), then halved before "but" = -0.703
    assert table.loc["good", "after_rules"] == pytest.approx(-1.406)
    assert table.loc["good", "contribution"] == pytest.approx(-0.703)
    assert "negated by 'NOT'" in table.loc["good", "rules"] and "before 'but'" in table.loc["good", "rules"]
    # useful: 1.9 + booster 0.293 = 2.193, x1.5 after "but" = 3.2895
    assert table.loc["useful", "contribution"] == pytest.approx(3.2895)
    assert table.loc["! and ?", "contribution"] == pytest.approx(0.292)


def test_united_states_carries_valence_in_vader():
    # An artefact a reviewer should see: "United" is +1.8 in VADER's lexicon.
    table = sentiment.explain("The United States met.", mask_names=False)
    assert table["token"].tolist() == ["United"] and table["contribution"].iloc[0] == 1.8


def test_afinn_scores_and_explanation():
    # AFINN-en-165: good +3, bad -3, war -2; no rules, so "good, but ... bad" sums to 0.
    table = sentiment.score_texts(["The talks were good, but the results were bad.", "Cyber war."], lexicon="afinn")
    assert table["score"].tolist() == [0.0, -2.0]
    assert table["label"].tolist() == ["neutral", "negative"]
    words = sentiment.explain_afinn("Good talks, bad war")
    assert words.values.tolist() == [["good", 3.0], ["bad", -3.0], ["war", -2.0]]


def test_thresholds_are_a_parameter_and_are_printed():
    default = sentiment.score_texts(["The talks were kind of good."])      # 0.3832
    strict = sentiment.score_texts(["The talks were kind of good."], threshold=0.5)
    assert default["label"].iloc[0] == "positive" and strict["label"].iloc[0] == "neutral"
    assert strict["thresholds"].iloc[0] == "vader: positive >= 0.5, negative <= -0.5"
    with pytest.raises(ValueError, match=r"invalid value for score_texts\(lexicon=...\): 'liwc'; expected one of 'vader', 'afinn'"):
        sentiment.score_texts(["x"], lexicon="liwc")


def test_units_paragraph_and_document(tmp_path):
    (tmp_path / "a.txt").write_text("A\nXinhua, May 1, 2016\nThe talks were good. The results were bad.\nNothing here.\n")
    corpus = framelab.load_corpus(tmp_path)
    sentences = sentiment.score(corpus, unit="sentence")
    assert sentences["score"].tolist() == [0.4404, -0.5423, 0.0]   # bad: -2.5 / sqrt(21.25) = -0.5423
    paragraphs = sentiment.score(corpus, unit="paragraph")
    # Paragraph 1 = mean of its two sentences: (0.4404 - 0.5423) / 2 = -0.05095: negative at 0.05.
    assert paragraphs["score"].tolist() == [pytest.approx(-0.051, abs=1e-3), 0.0]
    assert paragraphs["label"].tolist() == ["negative", "neutral"]
    assert paragraphs["n_sentences"].tolist() == [2, 1]
    document = sentiment.score(corpus, unit="document")
    assert document["score"].iloc[0] == pytest.approx((0.4404 - 0.5423 + 0.0) / 3, abs=1e-4)
    assert set(document["unit"]) == {"document"} and set(sentences["unit"]) == {"sentence"}


def test_actor_groups_and_tone(tmp_path):
    (tmp_path / "a.txt").write_text(
        "A\nXinhua, May 1, 2016\nChina met the U.S. today. Beijing was very good. Washington replied. Nobody came.\n")
    corpus = framelab.load_corpus(tmp_path)
    groups = sentiment.actor_groups(corpus)
    assert groups["actors"].tolist() == ["China + United States", "China", "United States", "neither"]
    summary, sentences = sentiment.tone_by_actor(corpus), sentiment.sentences_by_actor(corpus)
    assert dict(zip(summary["actors"], summary["sentences"])) == {
        "China + United States": 1, "China": 1, "United States": 1, "neither": 1}
    # "Beijing was very good": (1.9 + 0.293) -> 0.4927
    assert summary.set_index("actors").loc["China", "mean"] == pytest.approx(0.493, abs=1e-3)
    assert sentences.loc[sentences["actors"] == "China", "text"].tolist() == ["Beijing was very good."]


def test_coverage_marks_words_the_lexicons_do_not_know(seed_corpus):
    table = sentiment.coverage(seed_corpus, top=40).set_index("term")
    # cooperation and differences are frequent in the seed and rated by neither lexicon.
    assert table.loc["cooperation", "known_to"] == "neither"
    assert table.loc["differences", "known_to"] == "neither"
    assert table.loc["united", "vader"] == 1.8 and table.loc["united", "known_to"] == "both"


def test_parallel_scoring_gives_the_same_scores(monkeypatch):
    import framelab.parallel as parallel

    texts = [f"The talks number {i} were {'good' if i % 2 else 'bad'}." for i in range(40)]
    serial = sentiment.score_texts(texts, processes=1)
    parallel_table = sentiment.score_texts(texts, processes=2)
    # Below the threshold nothing forks; force it to check the merge keeps order.
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    calls = []
    original = parallel._context
    monkeypatch.setattr(parallel, "_context", lambda: calls.append(1) or original())
    forced = sentiment.score_texts(texts, processes=2)
    assert calls, "worker processes were not used"
    assert serial.equals(parallel_table) and serial.equals(forced)


def test_explain_works_out_the_score_shown_names_masked_by_default():
    from framelab import sentiment
    text = "The United States talks were good."
    scored = sentiment.score_texts([text]).iloc[0]
    masked, unmasked = sentiment.explain(text), sentiment.explain(text, mask_names=False)
    assert masked.attrs["compound"] == scored["score"] and unmasked.attrs["compound"] == scored["score_unmasked"]
    # By hand: masked, only "good" (1.9) counts; unmasked, "united" (1.8) too.
    assert masked.attrs["sum"] == pytest.approx(1.9) and unmasked.attrs["sum"] == pytest.approx(3.7)


def test_framelabs_vader_scores_exactly_as_the_reference_on_real_and_crafted_text():
    """framelab.vader.Analyzer (the reference's rules, with the lower-cased words computed once)
    against vaderSentiment's own SentimentIntensityAnalyzer: every score of every sentence."""
    from framelab.names import mask
    from framelab.vader import Analyzer

    crafted = REFERENCE_SENTENCES + [
        "No good, no bad, no or nor good.", "no", "No", "not at least good", "very least good",
        "It is never this good. Never so bad. Never very good.", "without a doubt good; without doubt bad",
        "kind of kind", "Kind Of GOOD and KIND", "The bomb was the bomb.", "bad ass and badass yeah right",
        "It is kind of death, a kiss of death", "the shit hit the fan", "GOOD GOOD GOOD", "Good ??? !!!!! ?",
        "it isn't good, they weren't bad, hasn't the least risk", "😀 good 😀😀", "😀", "good\u00a0😀news",
        "  padded good  ", "He said: 'good' — “great”", "but but good but bad", "good good but bad bad",
        "sort of nice, kinda nice, just enough good", "not rarely seldom despite good"]
    corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
                                  filename_pattern="{country}_{session}_{year}")
    real = corpus.sentences["text"].iloc[::3].tolist()
    texts = crafted + real + [mask(t) for t in real[:2000]]
    reference, fast = SentimentIntensityAnalyzer(), Analyzer()
    different = [t for t in texts if fast.polarity_scores(t) != reference.polarity_scores(t)]
    assert different == []
    assert len(texts) > 15_000


def test_framelabs_afinn_scores_exactly_as_the_afinn_package():
    """framelab.afinn_scorer.Scorer (an automaton) against afinn's own regular expression: the
    same entries found and the same score for every sentence."""
    from afinn import Afinn

    from framelab.afinn_scorer import Scorer

    crafted = REFERENCE_SENTENCES + [
        "It does not work, cool stuff", "does  not\twork", "DOES NOT WORK!", "not good", "good-natured and ill-fated",
        "a 'good' _good_ good_ good1 1good", "can't stand it; cannot stand", "no fun at all", "some kind of idiot",
        "goodgood good", "Good. Bad. Ugly? Lovely!", "the green wash greenwash", "ça va bien, très bien good",
        "x" * 50 + " good " + "y" * 50, "", "   ", "fine,fine;fine:fine"]
    corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
                                  filename_pattern="{country}_{session}_{year}")
    texts = crafted + corpus.sentences["text"].iloc[::4].tolist()
    reference, fast = Afinn(language="en"), Scorer()
    assert [fast.find_all(t) for t in texts] == [reference.find_all(t) for t in texts]
    assert [fast.score(t) for t in texts] == [reference.score(t) for t in texts]
    assert sum(bool(reference.find_all(t)) for t in texts) > 3000


@pytest.mark.parametrize("as_series", [False, True])
def test_repeated_texts_are_scored_once_and_each_row_gets_its_own_text_s_scores(monkeypatch, as_series):
    import pandas as pd

    import framelab.parallel as parallel

    # VADER by hand: "good" has valence 1.9, compound 1.9 / sqrt(1.9² + 15) = 0.4404; "bad" -2.5,
    # -2.5 / sqrt(2.5² + 15) = -0.5423; "table" has none: 0.
    texts = ["good", "bad", "good", "table", "bad", "good"] * 3
    expected = [0.4404, -0.5423, 0.4404, 0.0, -0.5423, 0.4404] * 3
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)   # the texts go to worker processes
    given = pd.Series(texts, dtype="str") if as_series else texts
    table = sentiment.score_texts(given, processes=2)
    assert table["score"].tolist() == expected
    assert table["text"].tolist() == texts
    assert table["pos"].tolist() == [1.0 if s > 0 else 0.0 for s in expected]
    assert table["neg"].tolist() == [1.0 if s < 0 else 0.0 for s in expected]
