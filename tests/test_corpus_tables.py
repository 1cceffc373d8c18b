"""CSV and JSON Lines corpora: a text column plus optional metadata columns."""
import datetime as dt

import pytest

import framelab
from framelab.corpus import CorpusError
from tests.conftest import FIXTURES

TABLES = FIXTURES / "tables"


def test_csv_rows_become_documents_with_metadata():
    corpus = framelab.load_corpus(TABLES / "articles.csv")
    docs = corpus.documents.set_index("doc_id")
    # Rows a1-a3 have text; a4's text is empty.
    assert list(docs.index) == ["a1", "a2", "a3"]
    assert docs.loc["a1", "series"] == "Commentary" and docs.loc["a1", "title"] == "Trade first"
    assert docs.loc["a1", "date"].date() == dt.date(2016, 1, 5)
    assert docs.loc["a1", "outlet"] == "China Daily"
    # Extra metadata columns are kept for later comparisons (keyness by section, say).
    assert docs.loc["a2", "section"] == "news"
    # The cell holds two lines: two paragraphs; the wire marker is cleaned off.
    paragraphs = corpus.paragraphs[corpus.paragraphs["doc_id"] == "a1"]["text"].tolist()
    assert paragraphs == ["First paragraph.", "Second paragraph."]
    assert docs.loc["a2", "date"] != docs.loc["a2", "date"]  # empty date cell: NaT
    report = " | ".join(corpus.report["problem"])
    # Rows are counted without the header (row 1 is a1, whose quoted text spans two lines).
    assert "row 3: date could not be read: 'Jan 45 2016'" in report
    assert "row 4: empty text" in report


def test_jsonl_reports_broken_lines_and_reads_the_rest():
    corpus = framelab.load_corpus(TABLES / "articles.jsonl")
    docs = corpus.documents
    assert docs["title"].tolist() == ["One", "Two", "Three"]
    assert [d.date() for d in docs["date"][:2]] == [dt.date(2017, 3, 1), dt.date(2017, 3, 2)]
    # Line 5 has no date and no outlet key: loaded with both empty.
    assert docs["date"].isna().tolist() == [False, False, True]
    assert docs["outlet"].isna().tolist() == [False, False, True]
    # doc_id: file name and line number, the same number the report uses.
    assert docs["doc_id"].tolist() == ["articles:1", "articles:2", "articles:5"]
    assert corpus.paragraphs["text"].tolist() == ["Line one.", "Line two.", "Text two.", "No date, no outlet."]
    report = " | ".join(corpus.report["problem"])
    assert "line 3: not valid JSON" in report
    assert "line 4: a JSON list, not an object" in report


def test_jsonl_unpaired_surrogate_escapes_become_u_fffd_and_are_reported(tmp_path):
    # Line 1 holds a lone high surrogate escape; line 2 a proper pair (U+1F600), which is fine.
    (tmp_path / "wire.jsonl").write_text(
        '{"text": "Trade \\ud800 grew.", "title": "Broken"}\n'
        '{"text": "Smile \\ud83d\\ude00 here.", "title": "Paired"}\n', encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path / "wire.jsonl")
    assert corpus.paragraphs["text"].tolist() == ["Trade \ufffd grew.", "Smile \U0001F600 here."]
    problem = corpus.report[corpus.report["severity"] == "problem"]
    assert problem["path"].tolist() == ["wire.jsonl"]
    assert problem["problem"].iloc[0].startswith("line 1: 1 unpaired surrogate escape(s)")
    assert "U+FFFD" in problem["action"].iloc[0]


def test_table_without_text_column_names_the_columns_found():
    with pytest.raises(CorpusError) as error:
        framelab.load_corpus(TABLES / "no_text_column.csv")
    assert "no_text_column.csv" in str(error.value)
    assert "['title', 'date']" in str(error.value)
    assert "text_column=" in str(error.value)


def test_text_column_is_the_column_pandas_makes():
    # The documents' texts are encoded batch by batch; the column must be what pd.Series gives.
    import pandas as pd

    from framelab.corpus import _TextColumn

    batches = [["plain", "Xi’s “community” — 命运共同体", "emoji 🙂"], [], [None, "", "x" * 100_000]]
    expected = pd.Series([v for b in batches for v in b])
    column = _TextColumn()
    for batch in batches:
        values = list(batch)
        column.add(values)
        assert values == []          # the batch's strings are let go
    pd.testing.assert_series_equal(column.series(), expected)
    pd.testing.assert_series_equal(_TextColumn().series(), pd.Series([], dtype=object))
