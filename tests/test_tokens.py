"""Tokenization rules, one tiny text each; expected tokens written out by hand."""
import numpy as np
import pytest

from framelab.tokens import PhraseError, Tokenizer, is_content, stopwords, tokenize


@pytest.mark.parametrize("text, expected", [
    # "U.S." is one token; the pronoun stays a pronoun; "US" is the country, not "us".
    ("U.S. firms and us", ["u.s.", "firms", "and", "us"]),
    ("The US told us", ["the", "u.s.", "told", "us"]),
    ("Talks with the US. Then us.", ["talks", "with", "the", "u.s.", "then", "us"]),
])
def test_us_is_never_the_pronoun(text, expected):
    assert tokenize(text) == expected


def test_all_capitals_us_is_read_as_the_country():
    # A known limit, kept visible: in all-capital text the pronoun "US" is read as the country.
    assert tokenize("LET US GO") == ["let", "u.s.", "go"]


@pytest.mark.parametrize("text, expected", [
    ("China-U.S. ties", ["china", "u.s.", "ties"]),
    ("Sino-US relations", ["sino", "u.s.", "relations"]),
    ("China-US cooperation", ["china", "u.s.", "cooperation"]),
    ("U.S.-China talks", ["u.s.", "china", "talks"]),
    # Other hyphenated words stay whole.
    ("a Chinese-made car-hailing app", ["a", "chinese-made", "car-hailing", "app"]),
])
def test_country_compounds_split_into_both_countries(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Xi's words", ["xi", "words"]),
    ("China\u2019s resolve", ["china", "resolve"]),   # curly apostrophe
    ("the countries' views", ["the", "countries", "views"]),
    ("they don't", ["they", "don't"]),                 # a contraction is not a possessive
    # A sentence's full stop after a possessive: the stop goes, then the "'s".
    ("rights of Palestine and of Israel's.", ["rights", "of", "palestine", "and", "of", "israel"]),
    ("the U.S.'s.", ["the", "u.s."]),
    # A piece split off at "/" is a word of its own, its possessive dropped too.
    ("Israel's/Palestine's views", ["israel", "palestine", "views"]),
])
def test_possessives_count_for_the_name(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2.5 trillion U.S. dollars", ["2.5", "trillion", "u.s.", "dollars"]),
    ("1,000 users in 2015", ["1,000", "users", "in", "2015"]),
    ("after 9/11", ["after", "9/11"]),
    ("5G networks", ["5g", "networks"]),
])
def test_numbers_stay_whole(text, expected):
    assert tokenize(text) == expected


def test_phrases_match_across_case_line_breaks_and_hyphens():
    text = "Back\ndoors, BACK DOORS and back-doors"
    assert tokenize(text) == ["back doors", "back doors", "and", "back doors"]


def test_nested_phrase_longest_wins_and_is_not_counted_again():
    tokens = tokenize('build a "community of common destiny" and a common destiny')
    assert tokens.count("community of common destiny") == 1
    # Only the free-standing "common destiny" counts; the one inside the slogan does not.
    assert tokens.count("common destiny") == 1
    assert "destiny" not in tokens and "community" not in tokens


def test_overlapping_phrases_leftmost_wins():
    tokens = tokenize("cyber war games", phrases=["cyber war", "war games"])
    assert tokens == ["cyber war", "games"]


def test_no_phrases_keeps_words_single():
    assert tokenize("cyber war", phrases=()) == ["cyber", "war"]


@pytest.mark.parametrize("phrase", ["U.S. dollars", "single"])
def test_unusable_phrase_is_named(phrase):
    with pytest.raises(PhraseError, match=phrase.split()[0]):
        Tokenizer(phrases=[phrase])


def test_stopwords_are_wordclouds_plus_the_project_list():
    from wordcloud import STOPWORDS

    stop = stopwords()
    assert {w.lower() for w in STOPWORDS} <= stop
    assert {"said", "will", "us"} <= stop          # from data/stopwords.txt
    assert "u.s." not in stop and "china" not in stop


@pytest.mark.parametrize("token, content", [
    ("cooperation", True), ("the", False), ("2.5", False), ("u.s.", True), ("x", False),
    ("community of common destiny", True),
])
def test_is_content(token, content):
    assert is_content(token) is content


TEXTS = [
    "China-U.S. ties: Xi's visit to the U.S. and the US-China Internet Forum.",
    "Back-doors, back\ndoors and BACK DOORS; and/or 2.5 trillion.",
    "",
    "The community of common destiny, a common destiny.",
] * 3


def test_count_matrix_agrees_with_tokenize():
    tokenizer = Tokenizer()
    frame = tokenizer.count_matrix(TEXTS).to_frame()
    for index, text in enumerate(TEXTS):
        counted = dict(zip(frame.loc[frame["document"] == index, "term"], frame.loc[frame["document"] == index, "count"]))
        expected = {}
        for token in tokenizer.tokenize(text):
            expected[token] = expected.get(token, 0) + 1
        assert counted == expected, text
    # The second text by hand: back doors x3, and x2 ("and" + "and/or" split), or, 2.5, trillion.
    second = frame[frame["document"] == 1].set_index("term")["count"].to_dict()
    assert second == {"back doors": 3, "and": 2, "or": 1, "2.5": 1, "trillion": 1}


def test_count_matrix_is_the_same_with_worker_processes(monkeypatch):
    import framelab.tokens as tokens_module

    monkeypatch.setattr(tokens_module, "PARALLEL_MIN_TEXTS", 2)
    tokenizer = Tokenizer()
    serial = tokenizer.count_matrix(TEXTS, processes=1).to_frame()
    parallel = tokenizer.count_matrix(TEXTS, processes=2).to_frame()
    key = ["document", "term"]
    assert serial.sort_values(key).values.tolist() == parallel.sort_values(key).values.tolist()
    assert tokenizer.count_matrix(TEXTS, processes=2).n_documents == len(TEXTS)


def _by_text(counts):
    """{text number: {term: count}} of a DocumentTermCounts."""
    frame = counts.to_frame()
    return {d: dict(zip(g["term"], g["count"])) for d, g in frame.groupby("document")}


def test_joined_counting_matches_counting_text_by_text_on_crafted_texts():
    # _count_texts joins texts with _JOIN and runs the regex once; _count_each runs it per text.
    tokenizer = Tokenizer()
    texts = TEXTS + ["US", "and/or and/or Israel's.", "back", "doors", "U.S.", "Xi's"]
    joined, each = tokenizer._count_texts(texts), tokenizer._count_each(texts)
    assert _by_text(joined) == _by_text(each)
    assert joined.n_documents == each.n_documents == len(texts)
    # By hand: a phrase never spans two texts ("back" | "doors"), "US" alone is the country,
    # and/or x2 gives and 2 + or 2, "Israel's." is israel.
    assert _by_text(joined)[len(TEXTS) + 2] == {"back": 1}
    assert _by_text(joined)[len(TEXTS)] == {"u.s.": 1}
    assert _by_text(joined)[len(TEXTS) + 1] == {"and": 2, "or": 2, "israel": 1}


def test_a_text_holding_the_joining_character_is_counted_text_by_text():
    import framelab.tokens as tokens_module

    tokenizer = Tokenizer(phrases=["back doors"])
    texts = ["back" + tokens_module._JOIN + "doors back doors", "back doors"]
    # By hand: the joining character separates "back" and "doors" as any non-space would.
    assert _by_text(tokenizer._count_texts(texts)) == {0: {"back": 1, "doors": 1, "back doors": 1},
                                                       1: {"back doors": 1}}


def test_joined_counting_matches_counting_text_by_text_on_the_un_speeches(monkeypatch):
    import framelab
    import framelab.tokens as tokens_module
    from conftest import UN_PATTERN, UN_SPEECHES

    corpus = framelab.load_corpus(UN_SPEECHES, layout="plain", filename_pattern=UN_PATTERN, progress=False)
    texts = corpus.paragraphs["text"].tolist()[::4]   # a quarter of the lines, all kinds of speech
    # Small batches, so that batch ends fall inside the corpus many times.
    monkeypatch.setattr(tokens_module, "_JOIN_CHARACTERS", 5000)
    tokenizer = Tokenizer()
    joined, each = tokenizer._count_texts(texts), tokenizer._count_each(texts)
    assert _by_text(joined) == _by_text(each)
    # Terms are numbered in order of first appearance.
    assert joined.vocabulary == list(dict.fromkeys(t for text in texts for t in tokenizer.tokenize(text)))


def test_distinct_is_numpys_unique_with_counts():
    import numpy as np

    from framelab.tokens import _distinct

    values = np.random.default_rng(3).integers(0, 50, 1000)
    for array in (values, values[:0], values[:1]):
        found, counts = _distinct(array)
        expected, expected_counts = np.unique(array, return_counts=True)
        assert found.tolist() == expected.tolist() and counts.tolist() == expected_counts.tolist()
    assert [c.tolist() for c in _distinct(np.array([5, 1, 5, 5]))] == [[1, 5], [1, 3]]


def test_wordcloud_stopwords_read_without_importing_wordcloud():
    from wordcloud import STOPWORDS

    from framelab.tokens import _wordcloud_stopwords

    assert _wordcloud_stopwords() == STOPWORDS


def _chunk_terms(tokenizer, text):
    """The terms of a prepared text found chunk by chunk (``_ChunkMatcher``)."""
    from framelab.tokens import _JOIN, _ChunkMatcher, _Numbering

    raw = _Numbering()
    raw[_JOIN]
    codes = _ChunkMatcher(tokenizer._joined, tokenizer._phrase_words, raw).codes(text).tolist()
    names = list(raw)
    return [t for c in codes for t in ((_JOIN,) if c == 0 else tokenizer.normalize(names[c]))]


def _regex_terms(tokenizer, text):
    """The same from one findall over the whole text (the reference)."""
    from framelab.tokens import _JOIN

    return [t for m in tokenizer._joined.findall(text) for t in ((_JOIN,) if m == _JOIN else tokenizer.normalize(m))]


@pytest.mark.parametrize("text, expected", [
    # A phrase across any whitespace, with its possessive; broken by punctuation; not inside a word.
    ("united \n states's", ["united states"]),
    ("united, states", ["united", "states"]),
    ("disunited states", ["disunited", "states"]),
    # Nested phrases across chunks: the longest from the leftmost start.
    ("community of\tcommon destiny", ["community of common destiny"]),
    ("community-of common destiny", ["community of common destiny"]),
    ("with a shared future", ["with", "a", "shared", "future"]),
])
def test_chunk_matching_by_hand(text, expected):
    tokenizer = Tokenizer()
    assert _chunk_terms(tokenizer, tokenizer._prepare(text)) == expected


def test_chunk_matching_gives_the_regex_matches_on_random_text():
    import random

    tokenizer = Tokenizer()
    rng = random.Random(7)
    pieces = ["united", "states", "community", "of", "common", "destiny", "with", "a", "shared", "future",
              "back", "doors", "'s", "’s", ".", ",", "-", "--", " ", "  ", "\n", "\t", "x", "u.s.", "US", "China",
              "-U.S.", "dis", "win", "xi", "jinping", "\x00", "/", "2.5", "(", '"', "cyber", "war", "'",
              "\u2028", "\x1c", "\xa0", "\u3000", "\x85", "\r\n"]
    for _ in range(3000):
        text = tokenizer._prepare("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))
        assert _chunk_terms(tokenizer, text) == _regex_terms(tokenizer, text), repr(text)


@pytest.mark.parametrize("text", ["", "   ", " a ", "a  b\t\n c", "\u3000x\u2028y\x1cz\x85", "only",
                                  "lone \ud800 surrogate  lone"])
def test_whitespace_split_is_python_s(text):
    from framelab.tokens import _split_whitespace

    local, chunks = _split_whitespace(text)
    assert [chunks[i] for i in local.tolist()] == text.split()
    assert chunks == list(dict.fromkeys(text.split()))   # each distinct chunk once, in order of appearance


def test_texts_with_a_lone_surrogate_are_counted_like_any_other():
    # json.loads('"\\ud800"') gives such a string; Arrow cannot hold it, Python's split can.
    texts = ["bad \ud800 text here", "ok text", "bad-\ud800 text"] * 400
    tokenizer = Tokenizer()
    joined, each = tokenizer._count_texts(texts), tokenizer._count_each(texts)
    assert joined.to_frame().sort_values(["document", "term"]).reset_index(drop=True).equals(
        each.to_frame().sort_values(["document", "term"]).reset_index(drop=True))
    # By hand, the first text: bad, text, here (the surrogate is no word character).
    assert sorted(joined.to_frame().query("document == 0")["term"]) == ["bad", "here", "text"]


def test_whitespace_split_agrees_with_python_on_every_code_point():
    from framelab.tokens import _split_whitespace

    # "x" then each code point (surrogates cannot be encoded): Python splits at the 29 whitespace
    # characters only, and so must the Arrow kernel used instead of str.split.
    text = "".join("x" + chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    local, chunks = _split_whitespace(text)
    assert [chunks[i] for i in local.tolist()] == text.split()


def test_chunk_matching_gives_the_regex_matches_on_the_un_speeches():
    import framelab
    from conftest import UN_PATTERN, UN_SPEECHES
    from framelab.tokens import _JOIN

    corpus = framelab.load_corpus(UN_SPEECHES, layout="plain", filename_pattern=UN_PATTERN, progress=False)
    tokenizer = Tokenizer()
    text = tokenizer._prepare(_JOIN.join(corpus.paragraphs["text"]))
    assert _chunk_terms(tokenizer, text) == _regex_terms(tokenizer, text)


def _sequences(ids, lengths, vocabulary):
    ends = np.cumsum(lengths)
    return [[vocabulary[i] for i in ids[end - n:end]] for end, n in zip(ends.tolist(), lengths.tolist())]


def test_token_ids_are_tokenize_text_by_text():
    # Batched, as count_matrix counts: the same tokens in the same order as tokenize, text by text.
    tokenizer = Tokenizer()
    ids, lengths, vocabulary = tokenizer.token_ids(TEXTS)
    assert _sequences(ids, lengths, vocabulary) == [tokenizer.tokenize(t) for t in TEXTS]
    # The second text by hand: "Back-doors, back\ndoors and BACK DOORS; and/or 2.5 trillion."
    assert _sequences(ids, lengths, vocabulary)[1] == ["back doors", "back doors", "and", "back doors", "and",
                                                       "or", "2.5", "trillion"]
    assert lengths.tolist()[2] == 0 and len(vocabulary) == len(set(vocabulary))
    # A text holding the batches' separator is tokenized on its own, with the same result.
    odd = ["a\x00b visit", "Xi's visit"]
    ids, lengths, vocabulary = tokenizer.token_ids(odd)
    assert _sequences(ids, lengths, vocabulary) == [tokenizer.tokenize(t) for t in odd]


def test_token_ids_are_the_same_with_worker_processes_and_on_real_text(monkeypatch):
    import framelab
    import framelab.tokens as tokens_module

    from tests.conftest import ROOT

    sentences = framelab.load_corpus(ROOT / "seeds" / "un-general-debate").sentences["text"].tolist()
    tokenizer = Tokenizer()
    monkeypatch.setattr(tokens_module, "PARALLEL_MIN_TEXTS", 2)
    serial = tokenizer.token_ids(sentences, processes=1)
    parallel = tokenizer.token_ids(sentences, processes=2)
    assert _sequences(*serial) == _sequences(*parallel) == [tokenizer.tokenize(t) for t in sentences]
