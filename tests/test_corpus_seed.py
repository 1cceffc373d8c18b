"""The loader on the seed article; every expected value was read off seeds/000_3b2f7dccf8ea1ef8.txt by hand."""
import datetime as dt

from framelab.cleaning import clean_text
from tests.conftest import SEED


def test_metadata_from_title_and_dateline(seed_corpus):
    doc = seed_corpus.documents.iloc[0]
    assert len(seed_corpus.documents) == 1
    assert doc["doc_id"] == "000_3b2f7dccf8ea1ef8"
    # A single file is shown by its name, so outputs do not depend on the clone's location.
    assert doc["path"] == "000_3b2f7dccf8ea1ef8.txt"
    # Line 1 is 'China Voice: China, U.S. can build "community of common destiny" in cyberspace'.
    assert doc["series"] == "China Voice"
    assert doc["title"] == 'China, U.S. can build "community of common destiny" in cyberspace'
    # Line 2 is 'Xinhua, September 25, 2015 Adjust font size:'.
    assert doc["outlet"] == "Xinhua"
    assert doc["date"].date() == dt.date(2015, 9, 25)
    assert doc["encoding"] == "utf-8"
    # One note, no problem: auto layout says it took the file as news (title, then a dateline).
    assert seed_corpus.report["severity"].tolist() == ["note"]
    assert seed_corpus.report.iloc[0]["problem"].startswith("layout 'news' assumed")
    assert doc["layout"] == "news" and doc["language"] == "en" and doc["date_precision"] == "day"


def test_paragraphs_are_the_seventeen_body_lines(seed_corpus):
    paragraphs = seed_corpus.paragraphs
    # 19 lines: title, dateline, then 17 paragraphs.
    assert seed_corpus.documents.iloc[0]["n_paragraphs"] == 17
    assert paragraphs["paragraph"].tolist() == list(range(1, 18))
    assert paragraphs.iloc[0]["text"].startswith("There were a lot of intriguing moments")
    assert paragraphs.iloc[16]["text"].startswith("The ability of China and the United States")


def test_page_furniture_and_end_marker_are_cleaned_but_kept_in_raw_text(seed_corpus):
    doc = seed_corpus.documents.iloc[0]
    assert "Adjust font size" not in doc["text"]
    assert doc["text"].endswith("other countries. The world is waiting.")
    assert "Endi" not in doc["text"]
    raw = (SEED / "000_3b2f7dccf8ea1ef8.txt").read_text(encoding="utf-8")
    assert doc["raw_text"] == raw
    assert seed_corpus.cleaning[["step", "removed"]].values.tolist() == [
        ["dateline furniture", "Adjust font size:"],
        ["end-of-item marker", "Endi"],
    ]


def test_word_counts(seed_corpus):
    words = dict(zip(seed_corpus.paragraphs["paragraph"], seed_corpus.paragraphs["n_words"]))
    # "If we want this trend to go on, both sides need to solve differences while seeking common interests."
    assert words[11] == 18
    # "Xi's words also demonstrated China's resolve to protect Internet security."
    assert words[16] == 10
    # Paragraph 17 has 30 words once the trailing "Endi" is gone.
    assert words[17] == 30
    # The 17 body lines hold 609 whitespace-separated words (counted with `wc -w`), one of them "Endi";
    # none is bare punctuation.
    assert seed_corpus.documents.iloc[0]["n_words"] == 608


def test_sentences_per_paragraph(seed_corpus):
    per_paragraph = seed_corpus.sentences.groupby("paragraph").size().tolist()
    # Counted by reading: paragraph 2 has three sentences, paragraph 7 three, "U.S." never ends one.
    assert per_paragraph == [1, 3, 1, 2, 1, 2, 3, 2, 2, 2, 1, 2, 1, 1, 1, 1, 2]
    assert len(seed_corpus.sentences) == 28
    sentences = seed_corpus.sentences.set_index(["paragraph", "sentence"])["text"]
    assert sentences[(4, 1)].endswith("exceeded 2.5 trillion U.S. dollars.")
    assert sentences[(15, 1)].startswith("Before his visit, Xi told the Wall Street Journal")
    assert sentences[(15, 1)].endswith("with U.S. President Obama.")
    assert sentences[(17, 2)] == "The world is waiting."


def test_cleaning_is_idempotent_on_the_seed(seed_corpus):
    text = seed_corpus.documents.iloc[0]["text"]
    assert clean_text(text) == text


def test_a_reading_of_the_seed_is_shown_only_with_the_seed(seed_corpus):
    from framelab import reports
    shown = reports.reading(seed_corpus, "It reads like a reassurance piece.")
    assert "It reads like a reassurance piece." in shown.data and "000_3b2f7dccf8ea1ef8" in shown.data
    import framelab
    other = framelab.load_corpus(SEED / "un-general-debate", layout="plain")
    assert reports.reading(other, "It reads like a reassurance piece.") == (
        "A reading of document 000_3b2f7dccf8ea1ef8 is left out: that document is not in this corpus.")
