"""Layouts and datelines: a title is a short line, a dateline a short line whose date parses, and
no body paragraph leaves the body without a report row. Fixtures in tests/fixtures/layouts."""
import datetime as dt

import pytest

import framelab
from framelab.layouts import choose_layout, parse_dateline
from tests.conftest import FIXTURES

LAYOUTS = FIXTURES / "layouts"


def load(name, **options):
    return framelab.load_corpus(LAYOUTS / name, **options)


def test_dateline_with_an_office_between_outlet_and_date():
    corpus = load("white_house.txt")
    doc = corpus.documents.iloc[0]
    assert doc["layout"] == "news"
    assert doc["title"] == "Remarks by the President on the Visit of President Hu of China"
    # "The White House, Office of the Press Secretary, January 19, 2011": the outlet is the
    # first name, the office is allowed between it and the date.
    assert doc["outlet"] == "The White House"
    assert doc["date"].date() == dt.date(2011, 1, 19)
    assert corpus.paragraphs["text"].tolist() == [
        "President Obama welcomed President Hu to the White House.", "The two leaders discussed trade."]


def test_dateline_with_a_place_name():
    doc = load("beijing.txt").documents.iloc[0]
    # "Xinhua, BEIJING, Sept. 25, 2015"
    assert (doc["outlet"], doc["date"].date()) == ("Xinhua", dt.date(2015, 9, 25))


@pytest.mark.parametrize("name", ["date_only_iso.txt", "date_only_words.txt"])
def test_a_date_alone_on_line_2_is_a_dateline(name):
    corpus = load(name)
    doc = corpus.documents.iloc[0]
    assert doc["layout"] == "news" and doc["title"] == "Talks resume"
    assert doc["date"].date() == dt.date(2015, 9, 25)
    assert doc["outlet"] is None
    assert corpus.paragraphs["text"].tolist() == ["The talks resumed on Friday."]
    assert set(corpus.report["severity"]) == {"note"}


def test_a_lead_paragraph_with_a_comma_and_a_year_stays_in_the_body():
    # Auto: line 2 is no dateline, so the file is plain and all three lines are body text.
    corpus = load("lead_with_year.txt")
    assert corpus.documents.iloc[0]["layout"] == "plain"
    assert corpus.paragraphs["text"].tolist() == [
        "Trade dispute ends", "The deal, signed in 2015, ended a long dispute over tariffs.", "Both sides welcomed it."]
    # News layout: line 1 is the title, the lead is still paragraph 1, and the missing dateline is a problem.
    corpus = load("lead_with_year.txt", layout="news")
    doc = corpus.documents.iloc[0]
    assert doc["title"] == "Trade dispute ends" and doc["outlet"] is None
    assert corpus.paragraphs["text"].tolist() == [
        "The deal, signed in 2015, ended a long dispute over tariffs.", "Both sides welcomed it."]
    assert corpus.report["severity"].tolist() == ["problem"]


def test_a_speech_is_plain_and_keeps_its_first_paragraph():
    corpus = load("speech.txt")
    doc = corpus.documents.iloc[0]
    assert doc["layout"] == "plain" and doc["title"] is None and doc["outlet"] is None
    # Three lines, three paragraphs; the comma-and-year line 2 is not cut as a dateline.
    assert doc["n_paragraphs"] == 3
    assert corpus.paragraphs["text"].iloc[1] == "The theme of this session, chosen in 2015, is a reminder of our duties."
    assert "layout 'plain' assumed" in corpus.report.iloc[0]["problem"]


def test_plain_layout_takes_every_line_as_body_even_a_news_file():
    corpus = load("beijing.txt", layout="plain")
    assert corpus.paragraphs["text"].tolist() == [
        "China, U.S. agree on cyber rules", "Xinhua, BEIJING, Sept. 25, 2015", "The two countries agreed on rules."]
    assert corpus.report.empty  # asked for, so no layout note


def test_a_folder_decides_per_file():
    corpus = framelab.load_corpus(LAYOUTS)
    layouts = corpus.documents.set_index("doc_id")["layout"].to_dict()
    assert layouts == {"beijing": "news", "date_only_iso": "news", "date_only_words": "news",
                       "lead_with_year": "plain", "speech": "plain", "white_house": "news"}
    # One note per file saying which layout was assumed and why.
    notes = corpus.report[corpus.report["problem"].str.startswith("layout")]
    assert len(notes) == 6 and set(notes["severity"]) == {"note"}


@pytest.mark.parametrize("line, outlet, date", [
    ("Xinhua, September 25, 2015 Adjust font size:", "Xinhua", dt.date(2015, 9, 25)),
    ("Voice of America | March 3, 2016 10:32 AM EST", "Voice of America", dt.date(2016, 3, 3)),
    ("Friday, September 25, 2015", None, dt.date(2015, 9, 25)),   # a weekday is not an outlet
    ("By Jane Doe - March 3, 2016", None, dt.date(2016, 3, 3)),    # nor is a byline
    ("Xinhua, September 31, 2015", "Xinhua", None),                # a dateline whose day cannot exist
])
def test_parse_dateline(line, outlet, date):
    dateline = parse_dateline(line)
    assert (dateline.outlet, dateline.date) == (outlet, date)


@pytest.mark.parametrize("line", [
    "The deal, signed in 2015, ended the dispute.",          # a year, no date
    "The deal was signed on September 25, 2015",            # a date inside a sentence, no separator
    "The theme of this session, the seventieth, 2015",      # the UN case: a comma and a year
    "Smarch 3, 2015",                                       # no such month
    "Xinhua, " + "very " * 20 + "long, September 25, 2015",  # too long for a dateline
])
def test_lines_that_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_choose_layout_rejects_an_unknown_layout():
    with pytest.raises(ValueError, match="layout='newspaper' is not one of the allowed values"):
        choose_layout(["a", "b"], layout="newspaper")
