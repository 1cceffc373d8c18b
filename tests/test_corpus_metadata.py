"""Metadata from file and folder names, a joined metadata table, and columns that are never
overwritten. Fixtures: tests/fixtures/speeches (four one-line speeches in 'Session 70 - 2015/'),
speakers.csv, speakers_by_file.csv and tables2/."""
import datetime as dt

import pandas as pd
import pytest

import framelab
from framelab.metadata import PatternError, compile_pattern, date_from_fields
from tests.conftest import FIXTURES

SPEECHES = FIXTURES / "speeches"
FOLDER = "Session 70 - 2015"


def test_file_name_fields_become_columns_and_the_date():
    corpus = framelab.load_corpus(SPEECHES, layout="plain", filename_pattern="{country}_{session}_{year}")
    docs = corpus.documents.set_index("doc_id")
    chn = docs.loc[f"{FOLDER}/CHN_70_2015"]
    assert (chn["country"], chn["session"], chn["year"]) == ("CHN", 70, 2015)
    # A year alone: 1 January, and the precision says only the year is known.
    assert chn["date"].date() == dt.date(2015, 1, 1) and chn["date_precision"] == "year"
    # The summary says what is known: the years, not a 1 January nobody wrote (2015 and 2016 in the names).
    from framelab.corpus import describe
    assert ", dated 2015 to 2016, 1 without a date: " in describe(corpus)
    assert docs.loc[f"{FOLDER}/CHN_71_2016", "year"] == 2016
    # Numbers are integers, so sessions sort and compare as numbers.
    assert str(docs["session"].dtype) == "Int64"
    # statement.txt does not fit: loaded, without the fields, and reported as a problem.
    assert pd.isna(docs.loc[f"{FOLDER}/statement", "country"])
    rows = corpus.report[corpus.report["path"] == f"speeches/{FOLDER}/statement.txt"]
    assert rows["problem"].tolist() == ["file name does not fit filename_pattern '{country}_{session}_{year}'"]
    assert rows["severity"].tolist() == ["problem"]
    # Columns in pattern order, right after the computed ones.
    assert list(docs.columns[-3:]) == ["country", "session", "year"]


def test_folder_names_are_read_too_and_a_field_named_twice_must_agree():
    pattern = "Session {session} - {year}/{country}_{session}_{year}"
    corpus = framelab.load_corpus(SPEECHES, layout="plain", filename_pattern=pattern)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc[f"{FOLDER}/USA_70_2015", "country"] == "USA"
    # CHN_71_2016.txt sits in the folder of session 70 (2015): the names disagree, so it does not fit.
    assert pd.isna(docs.loc[f"{FOLDER}/CHN_71_2016", "country"])
    unfit = corpus.report[corpus.report["problem"].str.startswith("file name does not fit")]["path"]
    assert sorted(unfit) == [f"speeches/{FOLDER}/CHN_71_2016.txt", f"speeches/{FOLDER}/statement.txt"]


@pytest.mark.parametrize("fields, expected", [
    ({"year": "2015"}, (dt.date(2015, 1, 1), "year", None)),
    ({"year": "2015", "month": "09"}, (dt.date(2015, 9, 1), "month", None)),
    ({"year": "2015", "month": "9", "day": "25"}, (dt.date(2015, 9, 25), "day", None)),
    ({"date": "2015-09-25"}, (dt.date(2015, 9, 25), "day", None)),
    ({"date": "20150925"}, (dt.date(2015, 9, 25), "day", None)),
    ({"country": "CHN"}, (None, None, None)),
])
def test_date_from_fields(fields, expected):
    assert date_from_fields(fields) == expected


@pytest.mark.parametrize("fields, words", [
    ({"year": "2015", "month": "13"}, "no such date"),
    ({"year": "MMXV"}, "not a number"),
    ({"date": "soon"}, "could not be read"),
    ({"month": "9"}, "no year"),
])
def test_impossible_dates_in_file_names_are_problems(fields, words):
    date, precision, problem = date_from_fields(fields)
    assert date is None and words in problem


@pytest.mark.parametrize("pattern, words", [
    ("country_session_year", "has no field"),
    ("{country}_{2x}", "is not a name"),
    ("{country}_{year", "unmatched brace"),
])
def test_bad_patterns_say_what_is_wrong(pattern, words):
    with pytest.raises(PatternError, match=words):
        compile_pattern(pattern)


def test_metadata_table_joined_on_doc_id():
    corpus = framelab.load_corpus(SPEECHES, layout="plain", filename_pattern="{country}_{session}_{year}",
                                  metadata=SPEECHES.parent / "speakers.csv")
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc[f"{FOLDER}/CHN_70_2015", "speaker"] == "Xi Jinping"
    assert docs.loc[f"{FOLDER}/USA_70_2015", "role"] == "President"
    # The table's n_words would overwrite the computed count: kept under another name, noted.
    assert docs.loc[f"{FOLDER}/CHN_70_2015", "n_words_in_metadata"] == "9999"
    assert docs.loc[f"{FOLDER}/CHN_70_2015", "n_words"] == 9   # "We meet in a year of hope." (7) + "Thank you." (2)
    report = corpus.report[corpus.report["path"] == "speakers.csv"]
    problems = report[report["severity"] == "problem"]["problem"].tolist()
    # Row 3 (FRA) matches nothing; CHN_71_2016 and statement have no row.
    assert f"row 3: doc_id '{FOLDER}/FRA_70_2015' matches no document" in problems
    assert any(p.startswith("2 document(s) have no row in it") for p in problems)
    assert "column 'n_words' has the name of a column framelab computes" in report["problem"].tolist()


def test_metadata_table_joined_on_file_names():
    corpus = framelab.load_corpus(SPEECHES, layout="plain", metadata=SPEECHES.parent / "speakers_by_file.csv")
    docs = corpus.documents.set_index("doc_id")
    # "CHN_70_2015.txt" (with suffix) and "USA_70_2015" (without) both name a file.
    assert docs.loc[f"{FOLDER}/CHN_70_2015", "speaker"] == "Xi Jinping"
    assert docs.loc[f"{FOLDER}/USA_70_2015", "speaker"] == "Barack Obama"


def test_metadata_table_as_a_dataframe_and_disagreements_reported():
    table = pd.DataFrame({"doc_id": [f"{FOLDER}/CHN_70_2015"], "country": ["PRC"], "date": ["2015-09-28"]})
    corpus = framelab.load_corpus(SPEECHES, layout="plain", filename_pattern="{country}_{session}_{year}",
                                  metadata=table)
    doc = corpus.documents.set_index("doc_id").loc[f"{FOLDER}/CHN_70_2015"]
    # The file name said CHN: kept, and the disagreement is a problem row naming both values.
    assert doc["country"] == "CHN"
    assert any("country is 'CHN' in the document but 'PRC' in the metadata table" in p
               for p in corpus.report["problem"])
    # The file name gave only the year; the table's full date disagrees with 2015-01-01 and is reported.
    assert any("date 2015-01-01 in the document but 2015-09-28" in p for p in corpus.report["problem"])


def test_metadata_table_without_a_key_column_names_the_columns():
    with pytest.raises(ValueError, match=r"no key column; columns found: \['speaker'\]"):
        framelab.load_corpus(SPEECHES, layout="plain", metadata=pd.DataFrame({"speaker": ["x"]}))


def test_columns_named_like_computed_columns_are_kept_under_new_names():
    corpus = framelab.load_corpus(FIXTURES / "tables2" / "collisions.csv", text_column="body")
    doc = corpus.documents.iloc[0]
    # The file's own n_words, path, encoding and text (not the chosen text column) are all kept.
    assert doc["n_words_in_file"] == "12" and doc["n_words"] == 7   # The body of c1 has seven words.
    assert doc["path_in_file"] == "/archive/c1.html" and doc["path"] == "collisions.csv"
    assert doc["encoding_in_file"] == "latin-1" and doc["encoding"] == "utf-8"
    assert doc["text_in_file"] == "summary of c1" and doc["text"] == "The body of c1 has seven words."
    renamed = corpus.report[corpus.report["problem"].str.contains("has the name of a column")]
    assert len(renamed) == 4 and set(renamed["severity"]) == {"note"}


def test_json_lists_are_paragraphs_other_values_json_and_u2028_does_not_split_a_record():
    corpus = framelab.load_corpus(FIXTURES / "tables2" / "lists.jsonl")
    docs = corpus.documents.set_index("doc_id")
    # Both records load: the raw U+2028 (in its body) and U+0085 (in its title) inside j2's strings
    # do not end the JSON line.
    assert list(docs.index) == ["j1", "j2"]
    assert docs.loc["j2", "title"] == "Separator two"
    assert corpus.paragraphs[corpus.paragraphs["doc_id"] == "j1"]["text"].tolist() == [
        "First paragraph.", "Second paragraph."]
    # Inside the text, U+2028 is a line separator: a new paragraph, as everywhere in framelab.
    assert corpus.paragraphs[corpus.paragraphs["doc_id"] == "j2"]["text"].tolist() == [
        "One line", "still the same record."]
    assert docs.loc["j1", "tags"] == '["trade", "cyber"]'
    assert docs.loc["j1", "meta"] == '{"desk": "world"}'
    assert (docs.loc["j1", "score"], docs.loc["j1", "flag"], docs.loc["j1", "missing"]) == ("3", "true", "")
    assert docs.loc["j2", "tags"] == "[]" and docs.loc["j2", "score"] == "4.5"
    assert corpus.report[corpus.report["severity"] == "problem"].empty
