"""Units with no word are not sentences (issue 21): paragraph numbers, list labels and lone numbers
are left out of the tone measures and reported, worked out by hand."""
import pandas as pd

from framelab import sentiment
from tests.conftest import lines_corpus


def test_labels_and_numbers_are_not_sentences_but_short_sentences_are():
    texts = ["94.", "(b)", "IV.", "xii)", "2015", "12-13.", "I agree.", "Peace.", "No!", "civil.", "A/70/PV.13"]
    assert sentiment.is_sentence(pd.Series(texts)).tolist() == [False] * 6 + [True] * 5


def test_paragraph_numbers_leave_the_mean_and_are_listed(tmp_path):
    # The UN layout of the 1970s: a bare paragraph number, then the paragraph.
    corpus = lines_corpus(tmp_path, ["94.", "The talks were good.", "95.", "The weather is good."])
    scored = sentiment.score(corpus)
    # Only the two sentences with words are scored; "good" is +1.9: 1.9 / sqrt(1.9^2 + 15) = 0.4404 each.
    assert scored["text"].tolist() == ["The talks were good.", "The weather is good."]
    assert scored["score"].tolist() == [0.4404, 0.4404]
    left = sentiment.not_sentences(corpus)
    assert left["text"].tolist() == ["94.", "95."] and left["paragraph"].tolist() == [1, 3]
    row = sentiment.by_group(corpus, intervals=0).iloc[0]
    # With the numbers scored as 0 the mean would be (0 + 0.4404 + 0 + 0.4404) / 4 = 0.2202.
    assert (row["sentences"], row["not_sentences"], row["mean_score"]) == (2, 2, 0.4404)


def test_paragraph_units_exclude_a_number_inside_the_paragraph(tmp_path):
    corpus = lines_corpus(tmp_path, ["12. The talks were good. The war was bad."])
    table = sentiment.score(corpus, unit="paragraph")
    # Sentences: "12." (not a sentence), "The talks were good." 0.4404, "The war was bad." war -2.9 +
    # bad -2.5 = -5.4: -5.4 / sqrt(5.4^2 + 15) = -0.8126; the mean of two, not three: -0.1861.
    assert table["n_sentences"].tolist() == [2] and table["score"].tolist() == [-0.1861]
