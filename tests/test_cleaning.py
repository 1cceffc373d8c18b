"""Cleaning functions: each small, pure and idempotent."""
import pytest

from framelab.cleaning import (clean_line, clean_text, normalize_newlines, normalize_unicode,
                               normalize_whitespace, split_body_end, split_dateline_furniture)

MESSY = [
    "The world\u00a0is waiting.\r\nEndi",
    "  Two\t\tspaces \n\n\n and\u200b a zero-width space. Enditem  ",
    "Cafe\u0301 \u2013 \u201cquoted\u201d\u3000text\rold Mac line",
    "Xi said: \u201cwe hope.\u201d Endi Endi",
    "",
]


@pytest.mark.parametrize("text", MESSY)
def test_clean_text_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


def test_unicode_composes_and_drops_invisible_characters_but_keeps_quotes():
    # "e" + combining acute is one character after NFC; NBSP becomes a space; ZWSP and soft hyphen vanish.
    assert normalize_unicode("Cafe\u0301\u00a0cyber\u00adspace\u200b") == "Café cyberspace"
    assert normalize_unicode("\u201ccommunity\u201d \u00bd") == "\u201ccommunity\u201d \u00bd"


def test_newlines_and_whitespace():
    assert normalize_newlines("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert normalize_whitespace(" a  b \n\n\t c\t") == "a b\nc"


def test_dateline_furniture():
    assert split_dateline_furniture("Xinhua, September 25, 2015 Adjust font size:") == (
        "Xinhua, September 25, 2015", "Adjust font size:")
    assert split_dateline_furniture("Xinhua, September 25, 2015") == ("Xinhua, September 25, 2015", "")


@pytest.mark.parametrize("text, kept, removed", [
    ("The world is waiting. Endi", "The world is waiting.", "Endi"),
    ("The world is waiting.Endi", "The world is waiting.", "Endi"),
    ("Waiting.\nEnditem", "Waiting.", "Enditem"),
    # A word that ends in the marker's letters is text, not a marker.
    ("He met Vendi", "He met Vendi", ""),
    # The marker in mid-text is text.
    ("Endi is a name. Yes.", "Endi is a name. Yes.", ""),
])
def test_body_end_marker(text, kept, removed):
    assert split_body_end(text) == (kept, removed)


def test_clean_line_makes_one_line():
    assert clean_line("  China  Voice:\tTitle \n") == "China Voice: Title"


def test_cleaning_a_whole_file_at_once_gives_what_cleaning_each_line_gives():
    """The loader cleans a file's text in one pass (clean_lines) and then only cuts the end-of-item
    marker from the body: the same as cleaning each line, then the joined body, step by step.
    Random texts built from the characters each step touches (line ends, exotic spaces, tabs,
    invisible characters, combining accents, markers)."""
    import random

    from framelab.cleaning import clean_line, clean_lines, clean_text_with_cuts, normalize_newlines
    from framelab.readers import _clean_body_of_lines, join_wrapped_lines

    pieces = ["a", "b", "E", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2028", "\u0301", "\u0327", "e",
              "\u200b", "\u00ad", "\x0b", "\x0c", "\x1c", "\x85", "\u3000", "E\u0301", ".", "Endi", " Enditem", "’"]
    generator = random.Random(7)
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 40)))
        assert normalize_unicode(normalize_unicode(text)) == normalize_unicode(text), repr(text)
        lines = clean_lines(text)
        assert lines == [clean_line(line) for line in normalize_newlines(text).split("\n")], repr(text)
        kept = [line for line in lines if line]
        for body_lines in (kept, join_wrapped_lines(kept)):
            assert _clean_body_of_lines(body_lines) == clean_text_with_cuts("\n".join(body_lines)), repr(text)
