"""The topic-neutral score (issue 21): topic words masked before scoring, worked out by hand."""
import pytest

from framelab import sentiment
from tests.conftest import lines_corpus


def test_topic_words_are_masked_before_scoring(tmp_path):
    corpus = lines_corpus(tmp_path, ["War is bad.", "Peace is good.", "The weather is good.",
                                "The Second World War was bad."])
    table = sentiment.topic_neutral(corpus).set_index("paragraph")
    # VADER compound = s / sqrt(s^2 + 15) for the sum s of the rated words.
    # 1: war -2.9 + bad -2.5 = -5.4: -5.4 / sqrt(44.16) = -0.8126; masked ("Topic is bad."): -0.5423.
    assert table.loc[1, ["score", "score_topic_neutral"]].tolist() == [-0.8126, -0.5423]
    # 2: peace +2.5 + good +1.9 = 4.4: 0.7506; masked, good alone: 1.9 / sqrt(18.61) = 0.4404.
    assert table.loc[2, ["score", "score_topic_neutral"]].tolist() == [0.7506, 0.4404]
    # 3: no topic word: nothing masked, nothing moves.
    assert table.loc[3, "topic_words_masked"] == 0 and table.loc[3, "topic_shift"] == 0
    # 4: "war" in "Second World War" is excluded by the codebook but masked as a topic word.
    assert table.loc[4, "score_topic_neutral"] == -0.5423 and table.loc[4, "topic_words_masked"] >= 1
    assert table.loc[1, "topic_shift"] == round(-0.8126 + 0.5423, 4)


def test_the_table_shows_the_text_as_written_and_a_capitalised_topic_word_is_masked_too(tmp_path):
    corpus = lines_corpus(tmp_path, ["WAR is bad, they said."])
    row = sentiment.topic_neutral(corpus).iloc[0]
    assert row["text"] == "WAR is bad, they said."
    # The placeholder "TOPIC" is rated by neither lexicon: only "bad" (-2.5) is left, -0.5423.
    assert row["score_topic_neutral"] == -0.5423 and row["topic_words_masked"] == 1


def test_tone_per_group_can_carry_the_topic_neutral_mean(tmp_path):
    corpus = lines_corpus(tmp_path, ["War is bad.", "Peace is good.", "The weather is good."])
    row = sentiment.by_group(corpus, intervals=0, with_topic_neutral=True).iloc[0]
    # Raw: (-0.8126 + 0.7506 + 0.4404) / 3 = 0.1261; topic-neutral: (-0.5423 + 0.4404 + 0.4404) / 3 = 0.1128.
    assert (row["mean_score"], row["mean_topic_neutral"]) == (0.1261, 0.1128)
    assert "mean_topic_neutral" not in sentiment.by_group(corpus, intervals=0).columns


def test_tone_per_group_can_be_corrected_with_a_reference_rating(tmp_path):
    import pandas as pd

    good, bad = "The talks were good.", "The war was bad."
    corpus = lines_corpus(tmp_path, [good, bad] * 6)          # paragraphs 1..12, one sentence each
    # Rated by a reference on the compound scale: five "good" sentences 0.5, five "bad" ones -0.5.
    rated = pd.DataFrame({"doc_id": "d", "paragraph": range(1, 11), "sentence": 1, "reference": [0.5, -0.5] * 5})
    row = sentiment.by_group(corpus, intervals=0, correct_with=rated).iloc[0]
    # VADER: good +1.9 -> 0.4404; war -2.9 + bad -2.5 = -5.4 -> -0.8126. Mean (6 * 0.4404 - 6 * 0.8126) / 12 =
    # -0.1861. Reference minus score: 0.0596 on a good sentence, 0.3126 on a bad one; mean over the ten
    # rated (0.298 + 1.563) / 10 = 0.1861, so the lexicon reads 0.1861 too low and the corrected mean is 0.0.
    assert (row["mean_score"], row["reference_units"], row["bias"], row["mean_corrected"]) == (-0.1861, 10, -0.1861, 0.0)
    assert row["mean_corrected_low"] < 0 < row["mean_corrected_high"]
    with pytest.raises(ValueError, match="not scored sentences"):
        sentiment.by_group(corpus, intervals=0, correct_with=rated.assign(paragraph=rated["paragraph"] + 20))
