"""Bad input is reported, recovered where the text allows, and never dropped silently.

Each fixture in tests/fixtures/bad_input holds one problem; the expected text is the fixture's.
"""
import datetime as dt

import pytest

import framelab
from framelab.corpus import CorpusError
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad_input"


def problems(corpus):
    return corpus.report["problem"].tolist()


def test_windows_1252_is_decoded_and_reported():
    corpus = framelab.load_corpus(BAD / "cp1252.txt")
    doc = corpus.documents.iloc[0]
    assert doc["encoding"] == "cp1252"
    assert doc["title"] == "Café diplomacy"
    # Bytes 0x93/0x94 are curly quotes and 0x96 an en dash in Windows-1252.
    assert doc["text"] == "The \u201ccafé\u201d opened \u2013 again."
    found = corpus.report[corpus.report["severity"] == "problem"]
    # A guessed encoding may change characters: a problem (strict mode fails on it).
    assert len(found) == 1 and "Windows-1252" in found.iloc[0]["problem"]
    # A single file is shown by its name; in a folder, relative to the folder's parent.
    assert corpus.report.iloc[0]["path"] == "cp1252.txt"


def test_utf8_with_one_broken_byte_is_not_read_as_windows_1252():
    corpus = framelab.load_corpus(BAD / "broken_utf8.txt")
    doc = corpus.documents.iloc[0]
    # The correct letters (é, ü) survive; only the stray byte 0xFF becomes U+FFFD.
    assert doc["encoding"] == "utf-8"
    assert doc["title"] == "Café talks"
    assert doc["text"] == "The café in Zürich served \ufffd tea."
    assert "UTF-8 with 1 invalid byte sequence" in problems(corpus)[0]


@pytest.mark.parametrize("name, encoding, words", [
    ("bom.txt", "utf-8-sig", "byte-order mark"),
    ("crlf.txt", "utf-8", "CRLF"),
    ("utf16.txt", "utf-16", "UTF-16"),
])
def test_recoverable_encodings_load_the_same_text(name, encoding, words):
    corpus = framelab.load_corpus(BAD / name)
    doc = corpus.documents.iloc[0]
    assert doc["encoding"] == encoding
    assert doc["title"].startswith("Talks")  # no BOM character glued to the title
    assert doc["outlet"] == "Xinhua" and doc["date"].date() == dt.date(2016, 5, 3)
    assert corpus.paragraphs["text"].tolist() == ["The two sides met in Beijing.", "They agreed to talk again."]
    assert any(words in p for p in problems(corpus))


@pytest.mark.parametrize("name, words", [
    ("empty.txt", "empty file (0 bytes)"),
    ("blank.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("title_only.txt", "no body text"),
])
def test_unrecoverable_file_alone_raises_with_the_report(name, words):
    with pytest.raises(CorpusError) as error:
        framelab.load_corpus(BAD / name)
    assert name in str(error.value)
    assert words in str(error.value)


def test_missing_dateline_in_news_layout_loads_without_outlet_and_date():
    corpus = framelab.load_corpus(BAD / "no_dateline.txt", layout="news")
    doc = corpus.documents.iloc[0]
    assert doc["title"] == "A headline only"
    assert doc["outlet"] is None or doc["outlet"] != doc["outlet"]  # None or NaN
    assert doc["date"] != doc["date"]  # NaT
    # Line 2 is body text, so it must not be lost: it becomes paragraph 1.
    assert corpus.paragraphs["text"].tolist() == [
        "The first paragraph follows the title directly.", "A second paragraph."]
    assert "no dateline" in problems(corpus)[0]


def test_missing_dateline_in_auto_layout_keeps_every_line_as_body():
    # Line 2 is no dateline, so auto cannot tell line 1 from a paragraph: all three lines are body.
    corpus = framelab.load_corpus(BAD / "no_dateline.txt")
    assert corpus.documents.iloc[0]["layout"] == "plain"
    assert corpus.documents.iloc[0]["title"] is None
    assert corpus.paragraphs["text"].tolist() == [
        "A headline only", "The first paragraph follows the title directly.", "A second paragraph."]
    assert corpus.report.iloc[0]["problem"].startswith("layout 'plain' assumed: line 2 is not a dateline")
    assert corpus.report["severity"].tolist() == ["note"]


def test_impossible_date_is_reported_not_guessed():
    corpus = framelab.load_corpus(BAD / "bad_date.txt")
    doc = corpus.documents.iloc[0]
    assert doc["outlet"] == "Xinhua"
    assert doc["date"] != doc["date"]  # September has 30 days: NaT, not October 1
    assert "September 31, 2015" in problems(corpus)[0]
    assert corpus.paragraphs["text"].tolist() == ["One paragraph."]


def test_folder_with_every_problem_reports_each_file():
    corpus = framelab.load_corpus(BAD)
    by_path = corpus.report.groupby("path")["problem"].apply(" | ".join)
    for name in ["cp1252.txt", "broken_utf8.txt", "bom.txt", "crlf.txt", "utf16.txt", "empty.txt", "blank.txt",
                 "binary.txt", "no_dateline.txt", "bad_date.txt", "title_only.txt", "notes.pdf",
                 "duplicate_b.txt"]:
        assert f"bad_input/{name}" in by_path.index, name
    assert "duplicate of bad_input/duplicate_a.txt" in by_path["bad_input/duplicate_b.txt"]
    # Loaded: cp1252, broken_utf8, bom, crlf, utf16, no_dateline, bad_date, duplicate_a = 8 of the 15 files.
    assert sorted(corpus.documents["doc_id"]) == sorted(
        ["cp1252", "broken_utf8", "bom", "crlf", "utf16", "no_dateline", "bad_date", "duplicate_a"])
    # Every file is either loaded or named in the report.
    named = set(corpus.documents["path"]) | set(corpus.report["path"])
    assert named == {f"bad_input/{p.name}" for p in BAD.iterdir()}


def test_strict_mode_lists_every_problem_in_one_error():
    with pytest.raises(CorpusError) as error:
        framelab.load_corpus(BAD, strict=True, layout="news")
    message = str(error.value)
    # Problems: text lost (empty, binary, pdf, title only), changed (cp1252, broken UTF-8) or
    # metadata missing (no dateline in news layout, impossible date).
    for name in ["cp1252.txt", "broken_utf8.txt", "empty.txt", "blank.txt", "binary.txt", "title_only.txt",
                 "no_dateline.txt", "bad_date.txt", "notes.pdf"]:
        assert f"bad_input/{name}" in message, name
    # Notes lose nothing: a BOM, CRLF, UTF-16, and an exact duplicate whose first copy is loaded.
    for name in ["bom.txt", "crlf.txt", "utf16.txt", "duplicate_b.txt"]:
        assert f"bad_input/{name}" not in message, name
    assert message.startswith("9 problem(s)")
    assert "strict=False" in message


def test_strict_mode_does_not_fail_on_notes():
    # A BOM, Windows line endings and UTF-16 are repaired without loss: notes, never errors.
    for name in ["bom.txt", "crlf.txt", "utf16.txt"]:
        corpus = framelab.load_corpus(BAD / name, strict=True)
        assert set(corpus.report["severity"]) == {"note"}


def test_strict_mode_accepts_a_clean_corpus():
    corpus = framelab.load_corpus(FIXTURES / "mini", strict=True)
    assert len(corpus) == 2


def test_missing_path_names_it():
    with pytest.raises(FileNotFoundError, match="no_such_folder"):
        framelab.load_corpus(FIXTURES / "no_such_folder")


def test_the_share_of_control_characters_counts_exactly_the_controls_that_are_not_layout():
    from framelab.decoding import _control_share
    # Below 32: tab (9), line feed (10), form feed (12) and return (13) are layout, not controls.
    text = "a\tb\nc\x0cd\re" + "\x00\x07\x0b\x1b\x1f"
    assert _control_share(text) == 5 / len(text)
