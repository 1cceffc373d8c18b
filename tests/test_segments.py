"""Sentence splitting and word counts without downloaded models."""
import pytest

from framelab.segments import count_words, split_paragraphs, split_sentences


@pytest.mark.parametrize("text, expected", [
    # Abbreviations from data/abbreviations.txt never end a sentence ...
    ("Mr. Xi met U.S. President Obama. They talked.", ["Mr. Xi met U.S. President Obama.", "They talked."]),
    ("Dr. Li and Gen. Wu arrived on Sept. 25. Talks began.", ["Dr. Li and Gen. Wu arrived on Sept. 25.", "Talks began."]),
    # ... a decimal point is not a full stop ...
    ("Trade reached 2.5 trillion dollars. It grew.", ["Trade reached 2.5 trillion dollars.", "It grew."]),
    # ... and a quotation closes with its sentence.
    ('He said "we agree." Then he left.', ['He said "we agree."', "Then he left."]),
    ("Can they cooperate? Yes!", ["Can they cooperate?", "Yes!"]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_paragraphs_skips_blank_lines():
    assert split_paragraphs("One.\n\n  Two.  \n") == ["One.", "Two."]


@pytest.mark.parametrize("text, n", [
    ("China-U.S. relations", 2),           # a hyphenated compound is one word
    ("2.5 trillion U.S. dollars", 4),
    ("cooperation -- and \u2014 mistrust", 3),  # dashes alone are not words
    ('"learning from the best."', 4),
    ("", 0),
])
def test_count_words(text, n):
    assert count_words(text) == n
