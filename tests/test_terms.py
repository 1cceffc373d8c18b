"""Frequencies, n-grams, collocations, keyness, KWIC and dispersion; seed values counted by hand."""
import re
import math
import pytest
import wordfreq

import framelab
from framelab import terms
from framelab import tokens as tokens_module
from framelab.tokens import stopwords
from tests.conftest import ROOT
import numpy as np
import pandas as pd


@pytest.fixture(scope="module")
def seed_frequencies(seed_corpus):
    return terms.frequencies(seed_corpus).set_index("term")


def test_us_is_counted_as_the_country_never_the_pronoun(seed_frequencies, seed_corpus):
    # 7 x "U.S." and 2 x "US" (Sino-US, China-US); the body has no pronoun "us".
    assert seed_frequencies.loc["u.s.", "count"] == 9
    every_token = terms.tokens_table(seed_corpus)["token"]
    assert (every_token == "us").sum() == 0


def test_slogan_is_found_once_in_the_body(seed_frequencies, seed_corpus):
    # Paragraph 5 only; the title also has it, but titles are not body text.
    assert seed_frequencies.loc["community of common destiny", "count"] == 1
    assert "common destiny" not in seed_frequencies.index  # not counted again inside the slogan
    hits = terms.kwic(seed_corpus, "community of common destiny")
    assert hits["paragraph"].tolist() == [5]
    assert hits["right"].iloc[0].startswith('" online?')


def test_seed_counts_and_rates(seed_frequencies):
    # "China" 12 times (China's and China-U.S. included); 12 per 608 words = 19.737 per 1,000.
    assert seed_frequencies.loc["china", "count"] == 12
    assert seed_frequencies.loc["china", "per_1000_words"] == pytest.approx(19.737, abs=0.0005)
    # "cooperation" 4 times in the text, once inside the declared phrase "bilateral cooperation".
    assert seed_frequencies.loc["cooperation", "count"] == 3
    assert seed_frequencies.loc["bilateral cooperation", "count"] == 1
    assert seed_frequencies.loc["differences", "count"] == 5
    assert seed_frequencies.loc["china", "documents"] == 1
    assert not set(seed_frequencies.index) & stopwords()


def test_ngrams_within_sentences(seed_corpus):
    bigrams = terms.ngrams(seed_corpus, n=2).set_index("term")["count"]
    trigrams = terms.ngrams(seed_corpus, n=3).set_index("term")["count"]
    # Paragraphs 8 and 11: "... to solve differences while seeking ..."
    assert bigrams["solve differences"] == 2
    assert trigrams["differences while seeking"] == 2
    # No bigram starts or ends with a stopword.
    assert not any(t.split()[0] in stopwords() or t.split()[-1] in stopwords() for t in bigrams.index)


def test_frequencies_by_document(tmp_path):
    (tmp_path / "a.txt").write_text("A\nXinhua, May 1, 2016\nCyber talks. Cyber war.\n")
    (tmp_path / "b.txt").write_text("B\nXinhua, May 2, 2016\nTrade talks.\n")
    corpus = framelab.load_corpus(tmp_path)
    table = terms.frequencies(corpus, by="doc_id", phrases=())
    counts = {(d, t): c for d, t, c in zip(table["doc_id"], table["term"], table["count"])}
    assert counts == {("a", "cyber"): 2, ("a", "talks"): 1, ("a", "war"): 1, ("b", "trade"): 1, ("b", "talks"): 1}
    # documents: in how many documents of the group (here: the one document) the term occurs.
    assert set(table["documents"]) == {1}
    # Document a has 4 words: 2 x cyber = 500 per 1,000 words.
    assert table[(table["doc_id"] == "a") & (table["term"] == "cyber")]["per_1000_words"].item() == 500
    # Each row says what it rests on: one document of 4 words (a), of 2 words (b).
    assert set(zip(table["doc_id"], table["group_documents"], table["group_words"])) == {("a", 1, 4), ("b", 1, 2)}


def test_frequencies_by_a_metadata_column(tmp_path):
    (tmp_path / "a.txt").write_text("A\nXinhua, May 1, 2016\nCyber talks. Cyber war.\n")
    (tmp_path / "b.txt").write_text("B\nXinhua, May 2, 2016\nTrade talks.\n")
    (tmp_path / "c.txt").write_text("C\nChina Daily, May 3, 2016\nCyber trade talks today.\n")
    corpus = framelab.load_corpus(tmp_path)
    table = terms.frequencies(corpus, by="outlet", phrases=()).set_index(["outlet", "term"])
    # Xinhua: a + b = 6 words; cyber 2, talks 2. China Daily: c = 4 words.
    assert table.loc[("Xinhua", "talks"), "count"] == 2 and table.loc[("Xinhua", "talks"), "documents"] == 2
    assert table.loc[("Xinhua", "cyber"), "per_1000_words"] == pytest.approx(1000 * 2 / 6, abs=1e-3)
    assert table.loc[("China Daily", "today"), "group_words"] == 4
    with pytest.raises(ValueError, match=r"invalid value for frequencies\(by=...\): 'document'"):
        terms.frequencies(corpus, by="document")


def test_collocations_adjacent_pairs(seed_corpus):
    # window=1: adjacent words (one word on each side); phrases=(): "United States" is two words.
    pairs = terms.collocations(seed_corpus, window=1, min_count=2, phrases=())
    top = pairs.iloc[0]
    # "United States" 7 times: the strongest adjacent pair.
    assert (top["word1"], top["word2"], top["count"]) == ("united", "states", 7)
    counts = {(a, b): c for a, b, c in zip(pairs["word1"], pairs["word2"], pairs["count"])}
    assert counts[("user", "data")] == 2          # paragraphs 6 and 10
    assert all(c >= 2 for c in counts.values())
    assert pairs["g2"].is_monotonic_decreasing


def test_collocations_of_a_word_of_interest(seed_corpus):
    pairs = terms.collocations(seed_corpus, word="internet", window=1, min_count=1, phrases=())
    assert ((pairs["word1"] == "internet") | (pairs["word2"] == "internet")).all()
    # Adjacent to "Internet": Forum (p1), users (p2), has (stopword, p9), companies (p10),
    # online (p14, after "Internet,"), security (p16); before it: eighth (p1), chinese (p10).
    followers = set(pairs.loc[pairs["word1"] == "internet", "word2"])
    assert {"forum", "users", "companies", "security"} <= followers


def test_keyness_between_subcorpora_worked_example(tmp_path):
    (tmp_path / "a.txt").write_text("A\nXinhua, May 1, 2016\nCyber cyber cyber peace.\n")
    (tmp_path / "b.txt").write_text("B\nChina Daily, May 2, 2016\nPeace and trade. Peace and cyber talks.\n")
    corpus = framelab.load_corpus(tmp_path)
    table = terms.keyness(corpus, by="outlet", target="Xinhua", min_count=1).set_index("term")
    # Target: 4 tokens (cyber x3, peace). Rest: 7 tokens (peace x2, and x2, trade, cyber, talks).
    # cyber: a=3, b=1, c=4, d=7. E1 = 16/11 = 1.4545, E2 = 28/11 = 2.5455
    #   G2 = 2 (3 ln(2.0625) + 1 ln(0.392857)) = 2 (2.171757 - 0.934309) = 2.474896
    #   Log Ratio = log2((3/4) / (1/7)) = log2(5.25) = 2.392317
    assert table.loc["cyber", "g2"] == pytest.approx(2.474896, abs=1e-3)
    assert table.loc["cyber", "log_ratio"] == pytest.approx(2.392317, abs=1e-3)
    assert table.loc["cyber", "direction"] == "over"
    # peace: a=1, b=2. E1 = 12/11, E2 = 21/11; G2 = 2 (ln(11/12) + 2 ln(22/21)) = 0.012058;
    #   Log Ratio = log2((1/4) / (2/7)) = log2(0.875) = -0.192645
    assert table.loc["peace", "g2"] == pytest.approx(0.012058, abs=1e-3)
    assert table.loc["peace", "log_ratio"] == pytest.approx(-0.192645, abs=1e-3)
    assert table.loc["peace", "direction"] == "under"
    assert table.loc["cyber", "reference_size"] == 7
    assert table.loc["cyber", "reference"] == "documents with outlet != Xinhua"


def test_keyness_against_general_english(seed_corpus):
    table = terms.keyness(seed_corpus).set_index("term")
    assert (table["reference_size"] == terms.REFERENCE_SIZE).all()
    # "China" is far more frequent in this article than in general English.
    assert table.loc["china", "count"] == 12 and table.loc["china", "direction"] == "over"
    expected = wordfreq.word_frequency("china", "en") * 1e6
    assert table.loc["china", "reference_per_million"] == pytest.approx(expected, abs=0.001)
    assert "the" not in table.index
    over = table[table["direction"] == "over"]
    assert over["g2"].is_monotonic_decreasing


def test_keyness_needs_two_subcorpora(seed_corpus):
    with pytest.raises(ValueError, match=r"invalid value for keyness\(by=...\): 'outlet'; expected a column with at least two"):
        terms.keyness(seed_corpus, by="outlet", target="Xinhua")
    with pytest.raises(ValueError, match=r"invalid value for keyness\(by=...\): 'section'"):
        terms.keyness(seed_corpus, by="section", target="x")


def test_kwic_for_an_actor_and_a_wildcard(seed_corpus):
    assert len(terms.kwic(seed_corpus, "United States", actor=True)) == 18
    cyber = terms.kwic(seed_corpus, "cyber*", window=2)
    # "cyber war" (p7), "cyberspace" (p12), "cyber cooperation" (p14)
    assert cyber["match"].tolist() == ["cyber", "cyberspace", "cyber"]
    assert cyber["paragraph"].tolist() == [7, 12, 14]
    assert cyber["right"].iloc[0] == "war, a"
    with pytest.raises(ValueError, match=r"invalid value for kwic\(query=...\): .Brazil.; expected an actor of actors.yaml"):
        terms.kwic(seed_corpus, "Brazil", actor=True)


def test_dispersion_positions(seed_corpus):
    table = terms.dispersion(seed_corpus, ["community of common destiny", "differences"])
    slogan = table[table["term"] == "community of common destiny"]
    assert slogan["paragraph"].tolist() == [5]
    assert table[table["term"] == "differences"]["paragraph"].tolist() == [7, 8, 11, 13, 17]
    assert table["relative_position"].between(0, 1).all()
    with pytest.raises(ValueError, match="declare it as a phrase"):
        terms.dispersion(seed_corpus, ["mutual trust"])


def test_keyness_for_every_group_and_for_a_pair(tmp_path):
    (tmp_path / "a.txt").write_text("A\nXinhua, May 1, 2016\nCyber cyber cyber peace.\n")
    (tmp_path / "b.txt").write_text("B\nChina Daily, May 2, 2016\nPeace and trade. Peace and cyber talks.\n")
    (tmp_path / "c.txt").write_text("C\nVOA, May 3, 2016\nTrade talks peace.\n")
    corpus = framelab.load_corpus(tmp_path)
    table = terms.keyness(corpus, by="outlet", min_count=1, stopwords=False).set_index(["group", "term"])
    assert sorted(set(table.index.get_level_values("group"))) == ["China Daily", "Voice of America", "Xinhua"]
    # Xinhua against the rest (b + c: 10 tokens): cyber a=3, b=1, c=4, d=10: Log Ratio log2((3/4)/(1/10)) = 2.907.
    assert table.loc[("Xinhua", "cyber"), "log_ratio"] == pytest.approx(math.log2(7.5), abs=1e-3)
    assert table.loc[("Xinhua", "cyber"), "group_documents"] == 1
    # Voice of America against the rest: talks a=1 of 3, b=1 of 11: log2((1/3)/(1/11)) = 1.874.
    assert table.loc[("Voice of America", "talks"), "log_ratio"] == pytest.approx(math.log2(11 / 3), abs=1e-3)
    # A chosen pair: Xinhua (4 tokens) against China Daily only (7 tokens): peace 1/4 vs 2/7.
    pair = terms.keyness(corpus, by="outlet", target="Xinhua", reference="China Daily", min_count=1,
                         stopwords=False).set_index("term")
    assert pair.loc["peace", "log_ratio"] == pytest.approx(math.log2((1 / 4) / (2 / 7)), abs=1e-3)
    assert pair.loc["peace", "reference"] == "documents with outlet == China Daily"


def test_equal_rates_are_no_difference(tmp_path):
    (tmp_path / "a.txt").write_text("A\nXinhua, May 1, 2016\nPeace trade.\n")
    (tmp_path / "b.txt").write_text("B\nChina Daily, May 2, 2016\nPeace talks.\n")
    corpus = framelab.load_corpus(tmp_path)
    table = terms.keyness(corpus, by="outlet", target="Xinhua", min_count=1).set_index("term")
    # peace: 1 of 2 tokens in each: Log Ratio 0, G2 0.
    assert table.loc["peace", "direction"] == "no difference" and table.loc["peace", "log_ratio"] == 0


def test_kwic_context_in_a_long_paragraph_is_what_splitting_the_whole_text_gives(tmp_path):
    import random
    rng = random.Random(7)
    words = [rng.choice(["trade", "peace", "common", "destiny", "a" * rng.randint(1, 300), "talks,"]) for _ in range(8000)]
    text = " ".join(words)
    (tmp_path / "long.txt").write_text(text + "\n", encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path, layout="plain", progress=False)
    lines = terms.kwic(corpus, "common destiny", window=6)
    paragraph = corpus.paragraphs["text"].iloc[0]
    expected = [(" ".join(paragraph[:m.start()].split()[-6:]), m.group(0), " ".join(paragraph[m.end():].split()[:6]))
                for m in re.finditer(r"(?<![^\W_])common[\s\-]+destiny(?![^\W_])", paragraph, re.IGNORECASE)]
    assert len(expected) > 20
    assert list(zip(lines["left"], lines["match"], lines["right"])) == expected


def test_kwic_all_keeps_the_longest_of_overlapping_renderings(tmp_path):
    (tmp_path / "a.txt").write_text("T\nXinhua, May 1, 2019\nA community with a shared future for mankind. "
                                    "A community with a shared future.\n", encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path)
    lines = terms.kwic_all(corpus, ["community with a shared future", "community with a shared future for mankind"])
    # Two occurrences by hand: the first is the long rendering (the short one inside it is dropped).
    assert lines[["query", "match"]].values.tolist() == [
        ["community with a shared future for mankind", "community with a shared future for mankind"],
        ["community with a shared future", "community with a shared future"]]


@pytest.fixture(scope="module")
def un_sample():
    corpus = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain", progress=False)
    return corpus.subset(corpus.documents["doc_id"][::16])     # 10 statements of both countries, 1946-2024


@pytest.mark.parametrize("word,window,min_count,stopwords", [
    ("cooperation", 1, 1, True), ("cooperation", 4, 2, True), ("china", 3, 1, False), ("peace", 2, 1, ["and"]),
    ("development", 5, 2, True)])
def test_collocations_of_one_word_score_as_nltk_scores_all_pairs(un_sample, word, window, min_count, stopwords):
    """The one-word path counts its own pairs; NLTK's finder over every pair of the corpus is the
    reference: the same pairs, counts and scores."""
    corpus = un_sample
    one = terms.collocations(corpus, word=word, window=window, min_count=min_count, stopwords=stopwords, phrases=())
    every = terms.collocations(corpus, window=window, min_count=min_count, stopwords=stopwords, phrases=())
    expected = every[(every["word1"] == word) | (every["word2"] == word)].reset_index(drop=True)
    assert len(one) > 3
    pd.testing.assert_frame_equal(one, expected)


def test_keyness_and_frequencies_share_one_count_of_the_corpus_equal_to_its_tokens(un_sample):
    corpus = framelab.corpus._copy(un_sample)
    terms.frequencies(corpus)
    terms.keyness(corpus)
    assert list(corpus._count_arrays) == [None]          # counted once, for both
    # The per-paragraph counts are the sentence tokens, counted: the same totals term by term.
    counted = terms._summer(corpus, None)().sort_index()
    tokens = terms.tokens_table(corpus)["token"].value_counts().sort_index()
    assert counted.to_dict() == tokens.to_dict() and len(counted) > 1000


def _nltk_collocations(corpus, window, min_count, stopwords, phrases):
    """The reference: NLTK's BigramCollocationFinder over every token of the corpus, sentences
    padded so that no pair crosses one (framelab's own code before it counted on token numbers)."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    words = []
    for tokens in terms.tokens_table(corpus, phrases=phrases).groupby(
            ["doc_id", "paragraph", "sentence"], sort=False)["token"].agg(list):
        words.extend(tokens)
        words.extend([None] * window)
    finder = BigramCollocationFinder.from_words(words, window_size=window + 1)
    if stopwords is not False:
        stop = terms._stopword_set(stopwords)
        finder.apply_word_filter(lambda w: not (tokens_module.is_content(w, stop=stop) if stopwords is True
                                               else w not in stop))
    finder.apply_freq_filter(min_count)
    measures = BigramAssocMeasures()
    table = pd.DataFrame([(a, b, n, finder.score_ngram(measures.likelihood_ratio, a, b),
                           finder.score_ngram(measures.pmi, a, b)) for (a, b), n in finder.ngram_fd.items()],
                         columns=["word1", "word2", "count", "g2", "pmi"])
    table = table.sort_values(["g2", "word1", "word2"], ascending=[False, True, True], na_position="last")
    table[["g2", "pmi"]] = table[["g2", "pmi"]].round(4)
    return table.reset_index(drop=True)


@pytest.mark.parametrize("window,min_count,stopwords,phrases", [
    (1, 1, True, ()), (1, 2, False, None), (4, 2, True, None), (3, 1, ["the", "of"], ())])
def test_all_pairs_collocations_are_nltks(un_sample, window, min_count, stopwords, phrases):
    ours = terms.collocations(un_sample, window=window, min_count=min_count, stopwords=stopwords, phrases=phrases)
    expected = _nltk_collocations(un_sample, window, min_count, stopwords, phrases)
    assert len(ours) > 50
    pd.testing.assert_frame_equal(ours, expected)


def test_ngrams_and_dispersion_from_token_numbers_match_the_token_table(un_sample):
    """n-grams and dispersion count on token numbers; the token table (one row of strings per
    token) is the reference, worked through in plain Python."""
    from collections import Counter

    table = terms.tokens_table(un_sample)
    sentences = table.groupby(["doc_id", "paragraph", "sentence"], sort=False)["token"].agg(list)
    stop = tokens_module.stopwords()
    for n in (2, 3):
        expected = Counter(" ".join(tokens[i:i + n]) for tokens in sentences for i in range(len(tokens) - n + 1)
                           if tokens[i] not in stop and tokens[i + n - 1] not in stop
                           and all(any(ch.isalpha() for ch in w) for w in tokens[i:i + n]))
        counted = terms.frequencies(un_sample, n=n, min_count=1).set_index("term")["count"]
        assert counted.to_dict() == dict(expected) and len(expected) > 1000
    lengths = table.groupby("doc_id")["position"].max() + 1
    wanted = table[table["token"].isin(["cooperation", "peace", "united states"])]
    found = terms.dispersion(un_sample, ["cooperation", "peace", "united states"])
    assert found[["doc_id", "term", "paragraph", "position"]].values.tolist() == \
        wanted[["doc_id", "token", "paragraph", "position"]].values.tolist()
    assert found["relative_position"].tolist() == (wanted["position"] / wanted["doc_id"].map(lengths)).round(4).tolist()
    assert len(found) > 30


def test_kwic_searches_paragraphs_joined_but_never_across_them(tmp_path, monkeypatch):
    """Paragraphs are searched many at a time, joined: a phrase split over two paragraphs is no
    match, and matches at a paragraph's first and last word are found (counted by hand: 3)."""
    monkeypatch.setattr(terms, "_KWIC_BATCH", 2)          # several batches on a small corpus
    (tmp_path / "a.txt").write_text("T\nXinhua, May 1, 2016\nWe share a common\ndestiny is not here.\n"
                                    "Common destiny at the start.\nAt the end, common destiny\n"
                                    "Uncommon destiny, common destinyx.\nA common-destiny plan.\n", encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path)
    found = terms.kwic(corpus, "common destiny", window=2)
    assert found[["paragraph", "match", "start"]].values.tolist() == [
        [3, "Common destiny", 0], [4, "common destiny", 12], [6, "common-destiny", 2]]
    assert found["left"].tolist() == ["", "the end,", "A"]


@pytest.mark.parametrize("added", [
    ["general assembly", "community with a shared future for mankind", "common destiny of mankind"],
    ["united nations", "peace and security"]])
def test_more_phrases_retokenize_only_where_they_can_occur_and_give_the_same_tokens(added, un_sample):
    """Dispersion adds the slogan's renderings to the phrase list; the token numbers are then made from
    the kept ones, sentences holding every word of an added phrase tokenized again. They must equal a
    tokenization of every sentence with the longer list."""
    from framelab.tokens import load_phrases

    phrases = list(load_phrases()) + added
    every = framelab.corpus._copy(un_sample)
    reused = framelab.corpus._copy(un_sample)
    before = terms.dispersion(reused, ["peace"])               # keeps the default tokenization
    full_ids, full_starts, full_vocabulary = terms._token_ids(every, phrases)
    ids, starts, vocabulary = terms._token_ids(reused, phrases)
    assert list(reused._token_ids) == [None, tuple(phrases)] and list(every._token_ids) == [tuple(phrases)]
    assert (starts == full_starts).all()
    tokens = np.asarray(vocabulary, dtype=object)[ids]
    assert (tokens == np.asarray(full_vocabulary, dtype=object)[full_ids]).all()
    # The first added phrase is one token wherever its words stand in a sentence, as a pattern finds them.
    pattern = re.compile(r"\b" + r"[\s-]+".join(added[0].split()) + r"\b", re.IGNORECASE)
    expected = sum(len(pattern.findall(text)) for text in every.sentences["text"])
    assert (tokens == added[0]).sum() == expected > 0
    after = terms.dispersion(reused, ["peace"], phrases=phrases)
    assert len(after) <= len(before)
    pd.testing.assert_frame_equal(after, terms.dispersion(every, ["peace"], phrases=phrases))


def test_one_word_collocations_are_the_same_from_the_sentences_or_the_kept_token_numbers(un_sample):
    """A rare word's pairs come from tokenizing the sentences that hold it; once every sentence's token
    numbers are kept (or for a word in most sentences), from those: the same table either way."""
    fresh = framelab.corpus._copy(un_sample)
    reused = framelab.corpus._copy(un_sample)
    terms._token_ids(reused, ())
    first = terms.collocations(fresh, word="cooperation", window=3, min_count=1, phrases=())
    assert "_token_ids" not in fresh.__dict__          # the rare word's own sentences only
    pd.testing.assert_frame_equal(first, terms.collocations(reused, word="cooperation", window=3, min_count=1, phrases=()))
    assert len(first) > 20
    common = terms.collocations(fresh, word="the", window=2, min_count=1, phrases=(), stopwords=False)
    assert list(fresh._token_ids) == [()]               # a word in most sentences: every sentence, kept
    pd.testing.assert_frame_equal(common, terms.collocations(reused, word="the", window=2, min_count=1, phrases=(),
                                                             stopwords=False))
