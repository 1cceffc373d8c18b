"""The UN General Debate statements of China and the United States shipped in
seeds/un-general-debate. Expected values were counted from the files themselves (ls, grep, awk),
not from the loader."""
import pytest

import framelab
from tests.conftest import UN_PATTERN, UN_SPEECHES


@pytest.fixture(scope="module")
def un_corpus():
    return framelab.load_corpus(UN_SPEECHES, filename_pattern=UN_PATTERN)


def test_speeches_per_country(un_corpus):
    # ls CHN_* | wc -l -> 78; ls USA_* | wc -l -> 79.
    assert un_corpus.documents["country"].value_counts().to_dict() == {"USA": 79, "CHN": 78}


def test_years_covered(un_corpus):
    years = un_corpus.documents.groupby("country")["year"].apply(lambda y: sorted(y.tolist()))
    # The United States every year 1946-2024; China every year but 1970 (no statement in the corpus).
    assert years["USA"] == list(range(1946, 2025))
    assert years["CHN"] == [y for y in range(1946, 2025) if y != 1970]
    # Session 1 met in 1946: the session is always the year minus 1945.
    docs = un_corpus.documents
    assert ((docs["year"] - docs["session"]) == 1945).all()
    # Only the year is known: 1 January, precision "year".
    assert (docs["date"].dt.year == docs["year"]).all() and (docs["date"].dt.day_of_year == 1).all()
    assert set(docs["date_precision"]) == {"year"}


def test_every_speech_is_plain_text_in_english(un_corpus):
    docs = un_corpus.documents
    assert set(docs["layout"]) == {"plain"} and docs["title"].isna().all() and docs["outlet"].isna().all()
    assert set(docs["language"]) == {"en"}


@pytest.mark.parametrize("doc_id, lines, first, last", [
    # awk 'NF' CHN_70_2015.txt | wc -l -> 26 lines with text; head -1 and tail -1 of the same.
    ("CHN_70_2015", 26, "Just 70 years ago, an earlier generation fought heroically",
     "into ploughshares and building a war-free world with lasting"),
    ("USA_70_2015", 54, "Seventy years after the founding of the United Nations it is worth reflecting",
     "The people of our United Nations are not as different as the"),
])
def test_first_and_last_paragraphs_are_body_text(un_corpus, doc_id, lines, first, last):
    paragraphs = un_corpus.paragraphs[un_corpus.paragraphs["doc_id"] == doc_id]["text"].tolist()
    assert len(paragraphs) == lines
    assert paragraphs[0].startswith(first)
    assert paragraphs[-1].startswith(last)


def test_the_load_report_holds_notes_only(un_corpus):
    report = un_corpus.report
    assert set(report["severity"]) == {"note"}
    # One layout note per file, plus 38 byte-order marks (grep -c '^\xef\xbb\xbf') and 6 files with
    # carriage returns (grep -c $'\r': CHN and USA of 1965, 1967 and 1991); README.md is documentation.
    assert report["problem"].str.startswith("layout 'plain' assumed").sum() == 157
    assert report["problem"].str.contains("byte-order mark").sum() == 38
    assert report["problem"].str.contains("line endings").sum() == 6
    assert report["problem"].str.startswith("documentation file").sum() == 1
    # Kept as lines by default, the hard-wrapped files say so: exactly the files join_lines="auto" joins.
    wrapped = set(report.loc[report["problem"].str.contains("looks hard-wrapped"), "path"])
    joined = framelab.load_corpus(UN_SPEECHES, layout="plain", join_lines="auto", progress=False).report
    assert wrapped == set(joined.loc[joined["problem"].str.contains("body lines joined into"), "path"])
    assert {"un-general-debate/USA_50_1995.txt", "un-general-debate/CHN_60_2005.txt"} <= wrapped
    assert "un-general-debate/CHN_27_1972.txt" not in wrapped
    assert len(report) == 157 + 38 + 6 + 1 + len(wrapped)


def test_strict_plain_load_has_nothing_to_report_but_repairs():
    corpus = framelab.load_corpus(UN_SPEECHES, layout="plain", filename_pattern=UN_PATTERN, strict=True)
    assert len(corpus.documents) == 157
    assert not corpus.report["problem"].str.startswith("layout").any()
