"""Wrong results found by an outside review, each pinned by a test that failed before the fix:
typographic apostrophes, names carrying sentiment, possessives of abbreviations, hyphenated words
against wordfreq, codebook names that clash, incomplete reference coding, sentence ends after
abbreviations, codebook regexes that could hang, and unreadable data files."""
import math
import multiprocessing

import pandas as pd
import pytest

import framelab
from framelab import framing, sentiment, terms, tokenize
from framelab.actors import ActorListError, load_actors
from framelab.framing import CodebookError
from framelab.segments import split_sentences
from framelab.tokens import PhraseError, load_phrases


def compound(total):
    return round(total / math.sqrt(total * total + 15), 4)


def one_doc_corpus(tmp_path, body, name="a.txt"):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"Title\nXinhua, May 1, 2016\n{body}\n", encoding="utf-8")
    return framelab.load_corpus(folder)


# --- typographic apostrophes ---------------------------------------------------------------------

def test_a_typographic_apostrophe_negates_like_a_straight_one():
    # "weren't good": good 1.9, negated by "weren't" (x -0.74) = -1.406 -> compound -0.3412.
    table = sentiment.score_texts(["The talks weren't good.", "The talks weren’t good."])
    assert table["score"].tolist() == [compound(1.9 * -0.74)] * 2 == [-0.3412] * 2
    assert table["text"].iloc[1] == "The talks weren’t good."   # the text is returned as written


def test_a_typographic_apostrophe_is_the_same_token_and_a_stopword(tmp_path):
    assert tokenize("Don’t stop") == tokenize("Don't stop") == ["don't", "stop"]
    corpus = one_doc_corpus(tmp_path, "We don’t agree. We don’t accept it. Cooperation matters.")
    counted = terms.frequencies(corpus)
    assert "don't" not in counted["term"].tolist() and "don’t" not in counted["term"].tolist()
    assert counted["term"].iloc[0] in {"accept", "agree", "cooperation", "matters"}
    # The corpus text keeps the character as written.
    assert "don’t" in corpus.documents.iloc[0]["text"]


def test_a_typographic_apostrophe_matches_a_codebook_regex(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("frames:\n  refusal:\n    definition: d\n    indicators: [{regex: \"won't\"}]\n", encoding="utf-8")
    codebook = framing.load_codebook(path)
    corpus = one_doc_corpus(tmp_path, "China won’t accept it.")
    found = framing.hits(corpus, codebook=codebook)
    assert found["match"].tolist() == ["won’t"]   # shown as written, matched as "won't"


# --- names carry sentiment -------------------------------------------------------------------------

def test_names_are_masked_before_scoring_and_the_reference_score_kept():
    # "United" is +1.8 in VADER: unmasked 1.8 / sqrt(1.8^2 + 15) = 0.4215; masked, no valence: 0.
    table = sentiment.score_texts(["The United States and China met."])
    assert table["score_unmasked"].iloc[0] == compound(1.8) == 0.4215
    assert table["score"].iloc[0] == 0.0
    # "Security Council" (security +1.4) and "Communist Party" (party +1.7) are names too.
    table = sentiment.score_texts(["The Security Council met.", "The Communist Party met."])
    assert table["score"].tolist() == [0.0, 0.0]
    assert table["score_unmasked"].tolist() == [compound(1.4), compound(1.7)]


def test_masking_keeps_real_sentiment_words():
    # "great" is +3.1 as an adjective; only the name "Great Hall of the People" is masked.
    table = sentiment.score_texts(["It was a great meeting in the Great Hall of the People."])
    assert table["score"].iloc[0] == compound(3.1)
    assert table["score_unmasked"].iloc[0] == compound(3.1 + 3.1)


# --- possessives of abbreviations ----------------------------------------------------------------

@pytest.mark.parametrize("text, tokens", [
    ("the U.S.'s fault", ["the", "u.s.", "fault"]),
    ("the EU's plan", ["the", "e.u.", "plan"]),
    ("the U.S.’s fault", ["the", "u.s.", "fault"]),
])
def test_possessive_of_an_abbreviation_is_not_a_token(text, tokens):
    assert tokenize(text) == tokens


def test_no_bigram_with_a_stray_s(tmp_path):
    corpus = one_doc_corpus(tmp_path, "It is the U.S.'s fault and the U.S.'s plan.")
    grams = terms.ngrams(corpus, n=2, stopwords=False)["term"].tolist()
    assert not any(g.endswith(" s") or g.startswith("s ") for g in grams)
    assert "u.s. fault" in grams


# --- hyphenated words against wordfreq -------------------------------------------------------------

def test_a_hyphenated_word_is_not_in_the_reference(tmp_path):
    corpus = one_doc_corpus(tmp_path, "A Chinese-made phone. A Chinese-made car. Cooperation grows. Cooperation helps.")
    table = terms.keyness(corpus).set_index("term")
    row = table.loc["chinese-made"]
    # wordfreq would give 91 per million for "chinese made": more than "cooperation" (20).
    assert row["direction"] == "not in reference" and math.isnan(row["g2"]) and math.isnan(row["log_ratio"])
    assert row["reference_lookup"] == "not in reference: wordfreq splits it into chinese + made"
    assert table.loc["cooperation", "reference_lookup"] == "word"
    assert table.index[-1] == "chinese-made"   # listed after the ranked terms


# --- codebook names that clash ---------------------------------------------------------------------

def _codebook(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("frames, words", [
    ("  paragraph:\n    definition: d\n    indicators: [x]\n", "'paragraph' is a column of the coded table"),
    ("  doc_id:\n    definition: d\n    indicators: [x]\n", "'doc_id' is a column of the coded table"),
    ("  conflict:\n    definition: d\n    indicators: [x]\n  conflict_hits:\n    definition: d\n    indicators: [y]\n",
     "frame 'conflict_hits': the column of the matches of frame 'conflict' is called 'conflict_hits'"),
    ("  conflict:\n    definition: d\n    indicators: [x]\n  conflict:\n    definition: e\n    indicators: [y]\n",
     "'conflict' is written twice (lines 2 and 5)"),
])
def test_frame_names_that_would_overwrite_columns_are_errors(tmp_path, frames, words):
    with pytest.raises(CodebookError) as error:
        framing.load_codebook(_codebook(tmp_path, "frames:\n" + frames))
    assert "bad.yaml" in str(error.value) and words in str(error.value)


# --- reference codings ----------------------------------------------------------------------------------

def test_a_coding_that_covers_only_some_paragraphs_is_an_error(tmp_path):
    corpus = one_doc_corpus(tmp_path, "We cooperate.\nWe disagree.\nWe trade.")
    codebook = framing.load_codebook()
    coded = framing.code(corpus, codebook=codebook)
    frames = ",".join(codebook.frame_names)
    partial = tmp_path / "partial.csv"
    partial.write_text(f"doc_id,paragraph,coder,{frames}\na,1,me,1,0,0,0,0,0\na,2,me,0,1,0,0,0,0\n")
    with pytest.raises(ValueError, match=r"coder 'me' leaves out 1 paragraph\(s\) \(a 3\)"):
        framing.agreement(coded, partial)
    # Declared as a sample of paragraphs 1 and 2, the same coding is complete.
    table = framing.agreement(coded, partial, sample=pd.DataFrame({"doc_id": ["a", "a"], "paragraph": [1, 2]}))
    assert table.set_index("frame").loc["cooperation", "paragraphs"] == 2


def test_a_blank_coder_cell_is_a_clear_error(tmp_path):
    coding = tmp_path / "blank.csv"
    coding.write_text("doc_id,paragraph,coder,cooperation\na,1,me,1\na,2,,0\n")
    with pytest.raises(ValueError, match=r"blank.csv: line 3: the 'coder' cell is empty"):
        framing.read_coding(coding, frames=["cooperation"])


# --- sentence ends after abbreviations ---------------------------------------------------------------

@pytest.mark.parametrize("text, sentences", [
    ("China has close ties with the U.S. The talks went well.",
     ["China has close ties with the U.S.", "The talks went well."]),
    ("They traded steel, coal, etc. The deal was signed.", ["They traded steel, coal, etc.", "The deal was signed."]),
    ("Asked about the plan, he said no. China will wait.", ["Asked about the plan, he said no.", "China will wait."]),
    # ... and what must stay whole:
    ("U.S. President Obama met Xi.", ["U.S. President Obama met Xi."]),
    ("It is the No. 1 priority.", ["It is the No. 1 priority."]),
])
def test_sentences_end_after_abbreviations_that_end_them(text, sentences):
    assert split_sentences(text) == sentences


# --- codebook regexes that could hang ------------------------------------------------------------------

HOSTILE = "a" * 20_000 + "!"


def _match_in_child(pattern, queue):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "codebook.yaml"
    path.write_text(f"frames:\n  f:\n    definition: d\n    indicators: [{{regex: '{pattern}'}}]\n", encoding="utf-8")
    try:
        codebook = framing.load_codebook(path)
    except CodebookError as error:
        queue.put(("refused", str(error)))
        return
    indicator = codebook.frames["f"].indicators[0]
    queue.put(("matched", len(list(indicator.pattern.finditer(HOSTILE)))))


@pytest.mark.parametrize("pattern", ["((a+))+$", "(a|a)+$", "(?:a|a)*$", "((?:a+)b?)+$", "(a+(?#x))+$",
                                     "(([a-z]+))+$"])
def test_a_catastrophic_regex_is_refused_or_runs_in_linear_time(pattern):
    # Python's re takes minutes or more on these with 20,000 letters; RE2 answers at once, or refuses
    # the pattern. A child process with a generous limit tells a hang from an answer.
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_match_in_child, args=(pattern, queue))
    child.start()
    child.join(60)
    hung = child.is_alive()
    if hung:
        child.kill()
    assert not hung, f"{pattern} still running after 60 s"
    outcome, detail = queue.get(timeout=5)
    assert outcome in ("matched", "refused")
    if outcome == "refused":
        assert "not accepted by RE2" in detail


# --- unreadable data files ----------------------------------------------------------------------------

def test_a_codebook_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.yaml"
    # "frames:\n" is bytes 0-7, "  coop" 8-13: the Latin-1 é is byte 14.
    path.write_bytes("frames:\n  coop\xe9ration:\n    definition: d\n    indicators: [x]\n".encode("latin-1"))
    with pytest.raises(CodebookError, match=r"latin1.yaml: not UTF-8 text \(byte 14\); re-save the file as UTF-8"):
        framing.load_codebook(path)


@pytest.mark.parametrize("content, words", [
    (b"actors:\n  China: [China\n", "not valid YAML"),
    ("actors:\n  Chin\xe9: [China]\n".encode("latin-1"), "not UTF-8 text"),
    (b"actors:\n  China: [China]\n  China: [PRC]\n", "'China' is written twice"),
    (b"actors:\n  China: China\n", "give a non-empty list of surface forms"),
])
def test_malformed_actor_files_are_clear_errors(tmp_path, content, words):
    path = tmp_path / "actors.yaml"
    path.write_bytes(content)
    with pytest.raises(ActorListError) as error:
        load_actors(path)
    assert "actors.yaml" in str(error.value) and words in str(error.value)


@pytest.mark.parametrize("content, words", [
    (b"phrases: [cyber war\n", "not valid YAML"),
    ("phrases: [caf\xe9 society]\n".encode("latin-1"), "not UTF-8 text"),
    (b"phrases: cyber war\n", "expected a 'phrases:' list of strings"),
])
def test_malformed_phrase_files_are_clear_errors(tmp_path, content, words):
    path = tmp_path / "phrases.yaml"
    path.write_bytes(content)
    with pytest.raises(PhraseError) as error:
        load_phrases(path)
    assert "phrases.yaml" in str(error.value) and words in str(error.value)
