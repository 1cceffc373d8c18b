"""Which words and phrases carry a corpus: frequencies, n-grams, collocations, keyness, KWIC, dispersion.

Every function takes a ``Corpus`` (from ``framelab.load_corpus``) and returns a DataFrame whose
rows can be traced back to documents, paragraphs and words. Tokens come from ``framelab.tokens``.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from framelab import checks, languages, stats
from framelab.groups import assign as group_assign, group_columns
from framelab.actors import ActorMatcher, default_matcher
from framelab.tokens import (Tokenizer, _distinct, default_tokenizer, is_content, load_phrases,
                             stopwords as default_stopwords)

__all__ = ["context", "tokens_table", "frequencies", "ngrams", "collocations", "keyness", "key_terms", "kwic", "kwic_all", "dispersion",
           "REFERENCE_SIZE"]

TOKEN_COLUMNS = ["doc_id", "paragraph", "sentence", "position", "token"]
#: Assumed size (tokens) of the general-English reference behind wordfreq's frequencies.
#: wordfreq merges many sources without one corpus size; this figure only scales G2, never
#: Log Ratio, and is printed in every keyness table.
REFERENCE_SIZE = 1_000_000_000
REFERENCE_NAME = "wordfreq English ('best' list)"


def _tokenizer(phrases) -> Tokenizer:
    return default_tokenizer() if phrases is None else Tokenizer(phrases=phrases)


def _stopword_set(stopwords) -> frozenset[str]:
    """``stopwords=`` everywhere: True for framelab's list, False for none, or a list of words."""
    if stopwords is True:
        return default_stopwords()
    if stopwords is False:
        return frozenset()
    return frozenset(w.lower() for w in stopwords)


def _keep(token: str, stop: frozenset[str]) -> bool:
    return token not in stop and any(ch.isalpha() for ch in token) and (len(token) > 1 or not stop)


@checks.parameters(phrases=checks.Words(none=True, empty=True, what="phrases"))
def tokens_table(corpus, *, phrases=None) -> pd.DataFrame:
    """One row per token of the body text: doc_id, paragraph, sentence, position, token.

    Args:
        corpus (Corpus): a loaded corpus.
        phrases (list of str or None, default None): phrases kept as one token; None for
            ``data/phrases.yaml``, ``()`` to keep every word single.

    Returns:
        doc_id, paragraph, sentence, position (counted from 0 within each document), token.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> tokens_table(corpus)["token"].head(4).tolist()
    ['there', 'were', 'a', 'lot']
    """
    return _tokens(corpus, phrases).copy()


def _tokens(corpus, phrases) -> pd.DataFrame:
    """``tokens_table`` kept on the corpus object (per phrase list), so that frequencies, keyness,
    collocations and dispersion tokenize a corpus once. The corpus's tables are read-only: a
    corpus changed in place would need a new ``Corpus`` (``select``, ``subset``, ``load_corpus``)."""
    return _kept(corpus, "_token_tables", corpus.sentences, phrases, lambda: _tokenize(corpus, phrases))


def _kept(corpus, name, source, phrases, build):
    """``build()``, kept on the corpus under ``name`` per phrase list while ``source`` (the table it
    is built from) is the same table (``framelab.cache.kept``)."""
    from framelab.cache import kept

    return kept(corpus, name, source, None if phrases is None else tuple(phrases), build)


def _count_arrays(corpus, phrases, processes=None):
    """Per paragraph and term, its count, as integer arrays: ``(DocumentTermCounts`` over the
    paragraphs, the document number of each paragraph, the doc_ids those numbers stand for).
    Counted once per corpus object and phrase list (``frequencies`` and ``keyness`` share it; the
    number of processes changes the speed, never the counts)."""
    paragraphs = corpus.paragraphs

    def count():
        counts = _tokenizer(phrases).count_matrix(paragraphs["text"], processes=processes)
        numbers, doc_ids = pd.factorize(paragraphs["doc_id"])
        return counts, numbers, np.asarray(doc_ids, dtype=object)
    return _kept(corpus, "_count_arrays", paragraphs, phrases, count)


def _summer(corpus, phrases):
    """A function giving term -> count over the whole corpus, summed from ``_count_arrays`` on
    integer codes: terms with a count above 0, in vocabulary order. Its ``by_group(values)`` sums
    every group of documents at once (see ``_group_sums``)."""
    counts, numbers, doc_ids = _count_arrays(corpus, phrases)
    vocabulary = np.asarray(counts.vocabulary, dtype=object)
    entry_document = numbers[counts.document]

    def summed() -> pd.Series:
        totals = np.bincount(counts.term, weights=counts.count, minlength=len(vocabulary)).astype(np.int64)
        present = np.flatnonzero(totals)
        return pd.Series(totals[present], index=pd.Index(vocabulary[present], name="term"), name="count")

    def by_group(values: pd.Series):
        return _group_sums(counts, entry_document, doc_ids, vocabulary, values)
    summed.by_group = by_group
    return summed


def _group_sums(counts, entry_document, doc_ids, vocabulary, values: pd.Series):
    """Term counts of every group of documents in one pass over the counts (a group at a time would
    read them all once per group: minutes for 200 countries): ``values`` maps doc_id -> group.
    The counts are ordered by group once, then each group's block is summed.
    Returns ``({group: term -> count}, term -> count over all of values's documents)``, terms with a
    count above 0 in vocabulary order, as ``summed`` gives them."""
    present = sorted(values.dropna().unique(), key=str)
    code = pd.Series(np.arange(len(present)), index=pd.Index(present, dtype=object))
    document_code = pd.Series(doc_ids).map(values.map(code)).fillna(-1).to_numpy(dtype=np.int32)
    entry_code = document_code[entry_document]
    order = np.argsort(entry_code, kind="stable")
    bounds = np.zeros(len(present) + 2, dtype=np.int64)   # the block of entries outside every group first
    np.cumsum(np.bincount(entry_code + 1, minlength=len(present) + 1), out=bounds[1:])
    del entry_code
    term, count = counts.term[order], counts.count[order]
    del order
    everything = np.zeros(len(vocabulary), dtype=np.int64)
    sums = {}
    for name, a, b in zip(present, bounds[1:-1], bounds[2:]):
        totals = np.bincount(term[a:b], weights=count[a:b], minlength=len(vocabulary)).astype(np.int64)
        everything += totals
        nonzero = np.flatnonzero(totals)
        sums[name] = pd.Series(totals[nonzero], index=pd.Index(vocabulary[nonzero], name="term"), name="count")
    nonzero = np.flatnonzero(everything)
    return sums, pd.Series(everything[nonzero], index=pd.Index(vocabulary[nonzero], name="term"), name="count")


def _tokenize(corpus, phrases) -> pd.DataFrame:
    tokenizer = _tokenizer(phrases)
    rows = []
    position: dict[str, int] = {}
    for s in corpus.sentences.itertuples(index=False):
        start = position.get(s.doc_id, 0)
        tokens = tokenizer.tokenize(s.text)
        rows.extend((s.doc_id, s.paragraph, s.sentence, start + i, t) for i, t in enumerate(tokens))
        position[s.doc_id] = start + len(tokens)
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def _token_ids(corpus, phrases) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every sentence's tokens as numbers, kept per corpus object and phrase list: ``(ids, starts,
    vocabulary)``: the tokens of sentence ``i`` (row ``i`` of ``corpus.sentences``) are
    ``vocabulary[ids[starts[i]:starts[i + 1]]]``. A few bytes per token (the token table takes a
    row of strings per token): n-grams, collocations and dispersion work on it. Sentences are
    tokenized in worker processes for a large corpus. With more phrases than a tokenization already
    kept, only the sentences where an added phrase can occur are tokenized again (``_with_phrases``)."""
    def build():
        base = _kept_subset(corpus, phrases)
        if base is not None:
            return _with_phrases(corpus, base, phrases)
        counts, _, _ = _count_arrays(corpus, phrases)
        vocabulary = list(counts.vocabulary)
        number = {term: i for i, term in enumerate(vocabulary)}
        # Tokenized in batches, as the paragraphs' counts are; then numbered as those counts number
        # the terms (a token they do not hold, none expected: tested, gets a number after them).
        ids, lengths, found = _tokenizer(phrases).token_ids(corpus.sentences["text"])
        for token in found:
            if token not in number:
                number[token] = len(vocabulary)
                vocabulary.append(token)
        mapping = np.fromiter((number[token] for token in found), dtype=np.int32, count=len(found))
        ids = mapping[ids] if len(ids) else ids
        starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        return ids, starts, vocabulary
    return _kept(corpus, "_token_ids", corpus.sentences, phrases, build)


def _phrase_set(phrases) -> frozenset[str]:
    """Phrases as the tokenizer matches them: lower case, words joined by one space."""
    return frozenset(" ".join(re.split(r"[\s\-]+", p.strip().lower()))
                     for p in (load_phrases() if phrases is None else phrases))


def _kept_subset(corpus, phrases):
    """The kept token numbers of this corpus (``_token_ids``) for the largest phrase list that the
    new one extends by at least one phrase, as ``(key, result)``, or None."""
    from framelab.cache import kept_results

    wanted, best, size = _phrase_set(phrases), None, -1
    for key, result in kept_results(corpus, "_token_ids", corpus.sentences).items():
        have = _phrase_set(key)
        if have < wanted and len(have) > size:
            best, size = (key, result), len(have)
    return best


def _with_phrases(corpus, base, phrases) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``_token_ids`` for ``phrases`` from ``base`` (``(key, result)`` for a phrase list it extends).
    A phrase changes the tokens only of a sentence where its words occur, and each of its words is
    then part of one of the sentence's tokens (a word, or inside a phrase or a hyphenated token).
    Only those sentences are tokenized again: the same numbers as tokenizing every sentence
    (tested)."""
    key, (ids, starts, vocabulary) = base
    added = [p.split(" ") for p in _phrase_set(phrases) - _phrase_set(key)]
    sentence = _sentence_of_tokens(starts)
    count = len(starts) - 1
    possible = np.zeros(count, dtype=bool)
    for words in added:
        here = np.ones(count, dtype=bool)
        for word in set(words):
            holds = np.fromiter((word in token for token in vocabulary), dtype=bool, count=len(vocabulary))
            has = np.zeros(count, dtype=bool)
            has[sentence[holds[ids]]] = True
            here &= has
        possible |= here
    rows = np.flatnonzero(possible)
    tokenizer, vocabulary = _tokenizer(phrases), list(vocabulary)
    number = {t: i for i, t in enumerate(vocabulary)}
    again = []
    for text in corpus.sentences["text"].to_numpy()[rows].tolist():
        numbers = []
        for token in tokenizer.tokenize(text):
            if token not in number:
                number[token] = len(vocabulary)
                vocabulary.append(token)
            numbers.append(number[token])
        again.append(np.asarray(numbers, dtype=np.int32))
    lengths = np.diff(starts)
    lengths[rows] = [len(a) for a in again]
    new_starts = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_starts[1:])
    new_ids = np.empty(new_starts[-1], dtype=np.int32)
    old = np.flatnonzero(~possible[sentence])
    new_ids[new_starts[sentence[old]] + old - starts[sentence[old]]] = ids[old]
    for row, numbers in zip(rows.tolist(), again):
        new_ids[new_starts[row]:new_starts[row + 1]] = numbers
    return new_ids, new_starts, vocabulary


def _summed_pairs(first: np.ndarray, second: np.ndarray, weights, size: int):
    """``weights`` (None: 1 each) summed over each distinct ``(first, second)`` pair, ``second`` below
    ``size``: the pairs' ``first``, their ``second`` and the sums, in order of first appearance."""
    pair, pairs = pd.factorize(first.astype(np.int64) * size + second)
    sums = np.bincount(pair, weights=weights, minlength=len(pairs)).astype(np.int64)
    return pairs // size, pairs % size, sums


def _sentence_of_tokens(starts: np.ndarray) -> np.ndarray:
    """The sentence (row) of every token."""
    return np.repeat(np.arange(len(starts) - 1), np.diff(starts))


def _gram_counts(corpus, n: int, phrases, stopwords) -> tuple:
    """n-grams within sentences counted per document, as ``_count_arrays`` gives word counts:
    ``(DocumentTermCounts`` over the documents, the document number of each row, the doc_ids);
    with ``stopwords`` the n-grams with a stopword at either edge, or a word without letters, are
    left out (inner stopwords are fine: "trade and investment")."""
    from framelab.tokens import DocumentTermCounts

    ids, starts, vocabulary = _token_ids(corpus, phrases)
    size = max(len(vocabulary), 1)
    if size ** n >= 2 ** 62:
        raise ValueError(f"frequencies: {len(vocabulary):,} distinct words are too many for {n}-grams")
    sentence = _sentence_of_tokens(starts)
    first = np.arange(max(len(ids) - n + 1, 0))
    valid = sentence[first] == sentence[first + n - 1]
    if stopwords is not False:
        stop = _stopword_set(stopwords)
        stopped = np.fromiter((t in stop for t in vocabulary), dtype=bool, count=len(vocabulary))
        lettered = np.fromiter((any(ch.isalpha() for ch in t) for t in vocabulary), dtype=bool, count=len(vocabulary))
        valid &= ~stopped[ids[first]] & ~stopped[ids[first + n - 1]]
        for k in range(n):
            valid &= lettered[ids[first + k]]
    first = first[valid]
    keys = np.zeros(len(first), dtype=np.int64)
    for k in range(n):
        keys = keys * size + ids[first + k]
    gram, grams = pd.factorize(keys)
    numbers, doc_ids = pd.factorize(corpus.sentences["doc_id"])
    document, gram, count = _summed_pairs(numbers[sentence[first]], gram, None, max(len(grams), 1))
    # The n-grams' words from their keys, all at once (millions of distinct n-grams in a large corpus).
    names, words, rest = np.asarray(vocabulary, dtype=object), None, np.asarray(grams, dtype=np.int64)
    for _ in range(n):
        rest, last = np.divmod(rest, size)
        words = names[last] if words is None else names[last] + " " + words
    words = [] if words is None else words.tolist()
    counts = DocumentTermCounts(words, document.astype(np.int32), gram.astype(np.int32), count.astype(np.int32),
                                len(doc_ids))
    return counts, np.arange(len(doc_ids)), np.asarray(doc_ids, dtype=object)


@checks.parameters(by=checks.Columns(), n=checks.Integer(minimum=1), stopwords=checks.FlagOrWords(),
                   min_count=checks.Integer(minimum=1), top=checks.Integer(minimum=1, none=True),
                   phrases=checks.Words(none=True, empty=True, what="phrases"),
                   processes=checks.Integer(minimum=1, none=True))
def frequencies(corpus, *, by=None, period=None, n: int = 1, stopwords=True, min_count: int = 1,
                top: int | None = None, phrases=None, processes: int | None = None) -> pd.DataFrame:
    """Term frequencies for the corpus, or per group of documents.

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): metadata column(s) of ``corpus.documents``
            to count per group (``"doc_id"`` for one block per document, ``"outlet"``,
            ``["country", "year"]``); None for the whole corpus.
        period (str, list of int or None, default None): also group by a time bin of the date:
            "year", "month", "quarter", "decade" or bin edges in years (see ``framelab.groups``).
        n (int, default 1): 1 for words (and declared phrases), 2 or 3 for n-grams within a sentence.
        stopwords (bool or list of str, default True): True drops framelab's stopwords, numbers
            and one-letter tokens (for n-grams: at either edge); a list drops those words; False
            keeps everything.
        min_count (int, default 1): keep terms counted at least this often (in the corpus or group).
        top (int or None, default None): keep the ``top`` most frequent terms (per group with ``by``).
        phrases (list of str or None, default None): phrases kept whole; None for
            ``data/phrases.yaml``, ``()`` for none.
        processes (int or None, default None): worker processes for counting words (n=1); None
            for one per CPU core from ``framelab.tokens.PARALLEL_MIN_TEXTS`` paragraphs on; 1 for
            none. The result is the same whatever the number.

    Returns:
        [by columns,] term, n, count, per_1000_words (of the corpus or group), documents (of the
        corpus or group, in which the term occurs); with ``by`` also group_documents and
        group_words, the documents and words behind each count. Sorted by group, then count (descending), then term.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> frequencies(corpus, top=2)[["term", "count"]].values.tolist()
    [['china', 12], ['chinese', 9]]
    """
    languages.warn_non_english(corpus, "terms.frequencies")
    groups = _group_columns(corpus, by, "frequencies") if period is None else None
    if period is not None or by is not None:
        assigned = group_assign(corpus, by=by, period=period, where="frequencies")
        groups = group_columns(by=by, period=period)
    if n > 1 and processes is not None:
        checks.warn_ignored("frequencies", "processes", "n-grams (n > 1) are counted in one process")
    stop = _stopword_set(stopwords)
    # On integer codes: per (document, term) pair, in order of first appearance.
    counts, numbers, doc_ids = (_count_arrays(corpus, phrases, processes) if n == 1
                                else _gram_counts(corpus, n, phrases, stopwords))
    vocabulary = np.asarray(counts.vocabulary, dtype=object)
    term, count, document = counts.term, counts.count, counts.document
    if stopwords is not False and n == 1:
        kept = np.fromiter(((is_content(t, stop=stop) if stopwords is True else t not in stop)
                            for t in counts.vocabulary), dtype=bool, count=len(vocabulary))
        mask = kept[term]
        term, count, document = term[mask], count[mask], document[mask]
        del mask
    document = numbers[document]
    size = max(len(vocabulary), 1)
    if groups is None:   # the whole corpus: no table of pairs needed
        totals = np.bincount(term, weights=count, minlength=len(vocabulary)).astype(np.int64)
        # The documents holding each term: the distinct (document, term) pairs, found by sorting.
        pairs = document.astype(np.int32 if len(doc_ids) * size < 2 ** 31 else np.int64)  # int32 sorts faster
        del document
        pairs *= size
        pairs += term
        pairs.sort()
        distinct = np.ones(len(pairs), dtype=bool)
        np.not_equal(pairs[1:], pairs[:-1], out=distinct[1:])
        in_documents = np.bincount(pairs[distinct] % size, minlength=len(vocabulary))
        del pairs, distinct
    else:
        pair_document, pair_term, summed = _summed_pairs(document, term, count, size)
        del document, term, count
    words = corpus.documents.set_index("doc_id")["n_words"]

    if groups is None:
        present = (totals > 0) & (totals >= min_count)
        table = pd.DataFrame({"term": vocabulary[present], "count": totals[present],
                              "documents": in_documents[present].astype(int)})
        table["per_1000_words"] = (1000 * table["count"] / words.sum()).round(3)
        table = table.sort_values(["count", "term"], ascending=[False, True])
        if top is not None:
            table = table.head(top)
        columns = ["term", "n", "count", "per_1000_words", "documents"]
    else:
        documents = assigned[["doc_id", *[g for g in groups if g != "doc_id"]]]
        sizes = documents.assign(words=assigned["n_words"].to_numpy()).groupby(
            groups, sort=False, dropna=False).agg(group_documents=("doc_id", "nunique"), group_words=("words", "sum"))
        table = _group_table(sizes.reset_index(), documents.groupby(groups, sort=False, dropna=False).ngroup(),
                             documents["doc_id"], doc_ids, vocabulary, pair_document, pair_term, summed, min_count, top)
        columns = groups + ["term", "n", "count", "per_1000_words", "documents", "group_documents", "group_words"]
    table["n"] = n
    table["count"] = table["count"].astype(int)
    return table[columns].reset_index(drop=True)


def _group_table(sizes: pd.DataFrame, group_of_row: pd.Series, row_doc_ids: pd.Series, doc_ids, vocabulary,
                 pair_document, pair_term, summed, min_count: int, top) -> pd.DataFrame:
    """``frequencies``'s table per group, on integer codes: the (document, term) sums are summed per
    (group, term) (their rows counted: the documents), terms below ``min_count`` dropped, rows
    ordered by group (``sizes``'s order), count (descending) and term, then the ``top`` of each
    group; only the rows kept become strings. A document outside every group is left out."""
    code = pd.Series(group_of_row.to_numpy(), index=row_doc_ids.to_numpy())
    document_group = pd.Series(doc_ids).map(code).fillna(-1).to_numpy(dtype=np.int64)
    group = document_group[pair_document]
    inside = group >= 0
    group, term, summed = group[inside], pair_term[inside], summed[inside]
    size = max(len(vocabulary), 1)
    pair, first = pd.factorize(group * size + term)
    count = np.bincount(pair, weights=summed, minlength=len(first)).astype(np.int64)
    in_documents = np.bincount(pair, minlength=len(first)).astype(np.int64)
    group, term = first // size, first % size
    kept = count >= min_count
    group, term, count, in_documents = group[kept], term[kept], count[kept], in_documents[kept]
    rank = np.empty(len(vocabulary), dtype=np.int64)   # each term's place in alphabetical order
    rank[np.argsort(np.asarray(vocabulary, dtype=object), kind="stable")] = np.arange(len(vocabulary))
    order = np.lexsort((rank[term], -count, group))
    group, term, count, in_documents = group[order], term[order], count[order], in_documents[order]
    if top is not None:   # the first ``top`` rows of each group
        starts = np.r_[0, np.flatnonzero(group[1:] != group[:-1]) + 1]
        place = np.arange(len(group)) - np.repeat(starts, np.diff(np.r_[starts, len(group)]))
        within = place < top
        group, term, count, in_documents = group[within], term[within], count[within], in_documents[within]
    table = sizes.iloc[group].reset_index(drop=True)
    table["term"] = pd.Series(vocabulary[term])
    table["count"] = count
    table["documents"] = in_documents
    table["per_1000_words"] = (1000 * table["count"] / table["group_words"]).round(3)
    return table


def _group_columns(corpus, by, function: str) -> list[str] | None:
    """``by=`` as a list of metadata columns (None for the whole corpus), checked against the corpus."""
    if by is None:
        return None
    groups = [by] if isinstance(by, str) else list(by)
    if groups in (["corpus"], ["document"]):
        raise checks.invalid_value(function, "by", by, "None for the whole corpus, 'doc_id' for one block "
                                   "per document, or metadata column(s) of corpus.documents")
    missing = [g for g in groups if g not in corpus.documents.columns]
    if missing:
        raise checks.invalid_value(function, "by", by, f"column(s) of corpus.documents: "
                                   f"{list(corpus.documents.columns)}")
    return groups


@checks.keywords_after("n")
def ngrams(corpus, *, n: int = 2, **options) -> pd.DataFrame:
    """Frequencies of n-grams (default bigrams) within sentences.

    Args:
        corpus (Corpus): a loaded corpus.
        n (int, default 2): words per n-gram.
        **options: as for ``frequencies`` (by, stopwords, min_count, top, phrases). With the
            default ``stopwords=True`` an n-gram may hold a stopword inside but not at its edges.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> ngrams(corpus, n=2, top=1)[["term", "count"]].values.tolist()
    [['china u.s.', 2]]
    """
    return frequencies(corpus, n=n, **options)


@checks.keywords_after("word")
@checks.parameters(word=checks.Text(none=True), window=checks.Integer(minimum=1), min_count=checks.Integer(minimum=1),
                   stopwords=checks.FlagOrWords(), phrases=checks.Words(none=True, empty=True, what="phrases"),
                   top=checks.Integer(minimum=1, none=True))
def collocations(corpus, *, word: str | None = None, window: int = 1, min_count: int = 2,
                 stopwords=True, phrases=None, top: int | None = None) -> pd.DataFrame:
    """Word pairs that occur together more than chance predicts, scored by NLTK's collocation finder.

    Args:
        corpus (Corpus): a loaded corpus.
        word (str or None, default None): only pairs with this word (e.g. ``"cooperation"``),
            before or after it; None for all pairs.
        window (int, default 1): words on each side: a pair is two tokens at most ``window``
            tokens apart within a sentence (1 = adjacent words), word1 the earlier one.
        min_count (int, default 2): minimum number of times the pair occurs.
        stopwords (bool or list of str, default True): leave out pairs with a stopword, number or
            one-letter token (or with a word of the given list; False keeps all).
        phrases (list of str or None, default None): phrases kept as one token; None for
            ``data/phrases.yaml``, ``()`` for single words, so that declared phrases such as
            "cyber war" show up as collocations instead of hiding inside one token.
        top (int or None, default None): keep the ``top`` pairs.

    Returns:
        word1, word2, count, g2 (NLTK's likelihood_ratio) and pmi; sorted by g2, then the words.
        A pair NLTK cannot score (degenerate counts) has NaN scores and comes last.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> collocations(corpus, word="internet", phrases=(), min_count=1, top=1)[["word1", "word2"]].values.tolist()
    [['internet', 'users']]
    """
    if word is not None:
        return _collocations_of(corpus, word, window, min_count, stopwords, phrases, top)
    # Every pair of tokens at most ``window`` apart in a sentence (word1 the earlier), counted on
    # the token numbers, and scored as NLTK's BigramCollocationFinder scores them (tested).
    ids, starts, vocabulary = _token_ids(corpus, phrases)
    size = max(len(vocabulary), 1)
    sentence = _sentence_of_tokens(starts)
    keys = []
    for distance in range(1, window + 1):
        first = np.arange(max(len(ids) - distance, 0))
        first = first[sentence[first] == sentence[first + distance]]
        keys.append(ids[first].astype(np.int64) * size + ids[first + distance])
    keys, counts = np.unique(np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64), return_counts=True)
    chosen = counts >= min_count
    if stopwords is not False:
        stop = _stopword_set(stopwords)
        content = np.fromiter(((is_content(t, stop=stop) if stopwords is True else t not in stop) for t in vocabulary),
                              dtype=bool, count=len(vocabulary))
        chosen &= content[keys // size] & content[keys % size]
    pairs = {(vocabulary[k // size], vocabulary[k % size]): int(c)
             for k, c in zip(keys[chosen].tolist(), counts[chosen].tolist())}
    totals = np.bincount(ids, minlength=len(vocabulary)).astype(np.int64)
    words = pd.Series(totals, index=pd.Index(np.asarray(vocabulary, dtype=object), name="term"), name="count")
    return _scored_pairs(pairs, words, int(len(ids)), window, min_count, stopwords, top)


def _collocations_of(corpus, word, window, min_count, stopwords, phrases, top) -> pd.DataFrame:
    """``collocations(word=...)`` without building every pair of the corpus: the pairs of one word,
    counted in the sentences that hold it, scored with NLTK's own measures and counts exactly as
    its ``BigramCollocationFinder`` scores them (pair count / window, word counts, all tokens)."""
    target = _collocation_target(word, stopwords, phrases)
    return _scored_pairs(*_pairs_of(corpus, target, window, phrases), window, min_count, stopwords, top)


def _collocation_target(word: str, stopwords, phrases) -> str:
    target = " ".join(_tokenizer(phrases).tokenize(word))
    if stopwords is True and not is_content(target, stop=default_stopwords()):
        checks.warn_ignored("collocations", "word", f"{word!r} is a stopword and stopwords=True drops it "
                            "(pass stopwords=False to see its collocates)")
    return target


def _pairs_of(corpus, target: str, window: int, phrases) -> tuple[Counter, pd.Series, int]:
    """The pairs of ``target`` (a Counter of (word1, word2)), every word's count and the number of
    tokens: what the scores need, and what partitions of a corpus add up (``framelab.scale``).
    Word counts come from the per-paragraph counts (the same as the sentences' tokens give:
    tested). A pair is the target and a token at most ``window`` after it, or a token other than the
    target at most ``window`` before it, in the same sentence. The pairs come from the sentences'
    token numbers (``_token_ids``, shared with n-grams, every pair's collocations and dispersion)
    when they are kept or the word stands in more than a quarter of the sentences; otherwise only the
    sentences of the paragraphs holding the word are tokenized (the same pairs: tested)."""
    counted, _, _ = _count_arrays(corpus, phrases)
    vocabulary = np.asarray(counted.vocabulary, dtype=object)
    totals = np.bincount(counted.term, weights=counted.count, minlength=len(vocabulary)).astype(np.int64)
    words = pd.Series(totals, index=pd.Index(vocabulary, name="term"), name="count")
    pairs: Counter = Counter()
    found = np.flatnonzero(vocabulary == target)
    if not len(found):
        return pairs, words, int(totals.sum())
    from framelab.cache import kept_results

    key = None if phrases is None else tuple(phrases)
    holding = None
    if key not in kept_results(corpus, "_token_ids", corpus.sentences):
        paragraphs = corpus.paragraphs.iloc[np.unique(counted.document[counted.term == found[0]])]
        keys = ["doc_id", "paragraph"]
        holding = pd.MultiIndex.from_frame(corpus.sentences[keys]).isin(pd.MultiIndex.from_frame(paragraphs[keys]))
    if holding is None or holding.mean() > 0.25:
        _pairs_from_ids(pairs, _token_ids(corpus, phrases), target, window)
        return pairs, words, int(totals.sum())
    tokenize = _tokenizer(phrases).tokenize
    for text in corpus.sentences["text"].to_numpy()[holding]:
        tokens = tokenize(text)
        for at in (i for i, token in enumerate(tokens) if token == target):
            for distance in range(1, window + 1):
                if at + distance < len(tokens):
                    pairs[(target, tokens[at + distance])] += 1
                if at - distance >= 0 and tokens[at - distance] != target:
                    pairs[(tokens[at - distance], target)] += 1
    return pairs, words, int(totals.sum())


def _pairs_from_ids(pairs: Counter, token_ids, target: str, window: int) -> None:
    """``_pairs_of``'s pairs counted on the token numbers of every sentence, added to ``pairs``."""
    ids, starts, numbered = token_ids
    number = numbered.index(target)
    sentence = _sentence_of_tokens(starts)
    at = np.flatnonzero(ids == number)
    for distance in range(1, window + 1):
        after = at[at + distance < len(ids)]
        after = after[sentence[after] == sentence[after + distance]]
        before = at[at - distance >= 0]
        before = before[(sentence[before] == sentence[before - distance]) & (ids[before - distance] != number)]
        for neighbours, as_pair in ((ids[after + distance], lambda w: (target, w)),
                                    (ids[before - distance], lambda w: (w, target))):
            found, counts = np.unique(neighbours, return_counts=True)
            for i, n in zip(found.tolist(), counts.tolist()):
                pairs[as_pair(numbered[i])] += n


def _scored_pairs(pairs: Counter, words: pd.Series, total: int, window: int, min_count: int, stopwords,
                  top) -> pd.DataFrame:
    """The table of ``collocations``: pairs kept (stopwords, min_count) and scored by NLTK's measures."""
    from nltk.collocations import BigramAssocMeasures

    if stopwords is not False:
        stop = _stopword_set(stopwords)
        keep = (lambda w: is_content(w, stop=stop)) if stopwords is True else (lambda w: w not in stop)
        pairs = {pair: n for pair, n in pairs.items() if keep(pair[0]) and keep(pair[1])}
    pairs = {pair: n for pair, n in pairs.items() if n >= min_count}
    measures = BigramAssocMeasures()

    def score(function, pair, count):
        try:
            return function(count / window, (int(words[pair[0]]), int(words[pair[1]])), total)
        except (ValueError, ZeroDivisionError):
            return float("nan")

    result = pd.DataFrame([(a, b, int(n), score(measures.likelihood_ratio, (a, b), n), score(measures.pmi, (a, b), n))
                           for (a, b), n in pairs.items()], columns=["word1", "word2", "count", "g2", "pmi"])
    result = result.sort_values(["g2", "word1", "word2"], ascending=[False, True, True], na_position="last")
    result[["g2", "pmi"]] = result[["g2", "pmi"]].round(4)
    if top is not None:
        result = result.head(top)
    return result.reset_index(drop=True)


@checks.parameters(by=checks.Columns(), min_count=checks.Integer(minimum=1), stopwords=checks.FlagOrWords(),
                   phrases=checks.Words(none=True, empty=True, what="phrases"), reference_size=checks.Integer(minimum=1))
def keyness(corpus, *, by=None, period=None, target=None, reference=None, min_count: int = 2, stopwords=True,
            phrases=None, reference_size: int = REFERENCE_SIZE) -> pd.DataFrame:
    """Words over- and under-represented compared with a reference: G2 for significance, Log Ratio for size.

    Without ``by``, the reference is general English: word frequencies from the ``wordfreq``
    package, read as counts in a reference of ``reference_size`` tokens (an assumption stated in
    the ``reference_size`` column; it changes G2, not Log Ratio). Words are single tokens here
    (no phrases), as in the reference; a word wordfreq does not know has reference count 0.

    With ``by``, groups of documents are compared: every group against the rest of the corpus,
    all in one table (``by="country"``); one group against the rest (``target="CHN"``); or one
    group against another (``target="CHN", reference="USA"``). A Log Ratio of 0 is labelled
    "no difference".

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): the metadata column(s) whose values are the
            groups; None to compare the whole corpus with general English.
        period (str, list of int or None, default None): with ``by``, compare the groups within
            each time bin of the date ("year", "decade", bin edges in years, ...; see
            ``framelab.groups``): one block of rows per period, the period in the first column.
            A period where the target or the reference has no documents is left out, with a
            warning. Without ``by``, the periods are the groups: each against the others.
        target (str, number or None, default None): the group compared (a value of ``by``); None
            for every group.
        reference (str, number or None, default None): the group it is compared with; None for
            the rest of the corpus.
        min_count (int, default 2): leave out terms counted fewer times in the target.
        stopwords (bool or list of str, default True): as in ``frequencies``.
        phrases (list of str or None, default None): phrases kept as one token (None for
            ``data/phrases.yaml``, ``()`` for single words, as in the reference); a phrase has
            no wordfreq frequency and is marked "not in reference".
        reference_size (int, default 10**9): the assumed size of the wordfreq reference.

    Returns:
        [period, group, group_documents, group_words,] term, count, per_million, reference_count,
        reference_per_million, g2, p, log_ratio,
        direction ("over", "under", or "not in reference" for a hyphenated word that wordfreq
        can only estimate as a combination of words: its reference values are NaN), reference,
        reference_size, reference_lookup (how the reference value was found); sorted by
        direction (over, under, not in reference), then G2, then term. Terms counted fewer than
        ``min_count`` times in the corpus (or the target subcorpus) are left out.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> keyness(corpus, phrases=())["term"].head(3).tolist()
    ['china', 'chinese', 'xi']
    """
    languages.warn_non_english(corpus, "terms.keyness")
    if by is None and (target is not None or reference is not None):
        raise checks.invalid_value("keyness", "target" if target is not None else "reference",
                                   target if target is not None else reference,
                                   "None without by=; give by= the column that holds the groups")
    if reference is not None and target is None:
        checks.warn_ignored("keyness", "reference", "it needs target= (the group compared with it)")
    summed = _summer(corpus, phrases)
    stop = _stopword_set(stopwords) if stopwords is not False else None

    def keep(terms):
        if stop is None:
            return terms
        return terms[[(is_content(t, stop=stop) if stopwords is True else t not in stop) for t in terms.index]]

    if by is None and period is not None:  # the periods are the groups: each against the others
        bins = group_assign(corpus, period=period, where="keyness").set_index("doc_id").iloc[:, -1]
        if bins.nunique() < 2:
            raise checks.invalid_value("keyness", "period", period, "a time bin with at least two values in "
                                       "this corpus (periods to compare)")
        name = group_columns(period=period)[0]
        return _group_keyness(corpus, summed, bins, name, None, None, min_count, keep)
    if by is None:
        counts = summed()
        terms = keep(counts[counts >= min_count])
        lookups = {t: _wordfreq_lookup(t) for t in terms.index}
        reference_counts = pd.Series({t: f for t, (f, _) in lookups.items()}, dtype=float) * reference_size
        lookup = pd.Series({t: how for t, (_, how) in lookups.items()}, dtype=object)
        return _keyness_table(terms, int(counts.sum()), reference_counts, float(reference_size), REFERENCE_NAME, lookup)
    groups = _group_columns(corpus, by, "keyness")
    if reference_size != REFERENCE_SIZE:
        checks.warn_ignored("keyness", "reference_size", "by= compares groups of the corpus, not general English")
    indexed = corpus.documents.set_index("doc_id", drop=False)
    values = indexed[groups[0]] if len(groups) == 1 else indexed[groups].astype(str).agg(" / ".join, axis=1)
    present = sorted(values.dropna().unique(), key=str)
    for name, value in (("target", target), ("reference", reference)):
        if value is not None and value not in present:
            raise checks.invalid_value("keyness", name, value, f"a value of {by!r}: {present[:10]}")
    if len(present) < 2:
        raise checks.invalid_value("keyness", "by", by, "a column with at least two values (groups to compare)")
    if period is None:
        return _group_keyness(corpus, summed, values, by, target, reference, min_count, keep)
    import warnings

    bins = group_assign(corpus, period=period, where="keyness").set_index("doc_id").iloc[:, -1]
    name = group_columns(period=period)[0]
    tables, skipped = [], []
    for when in sorted(bins.unique(), key=str):
        in_period = values[values.index.isin(bins.index[bins == when])]
        wanted = [v for v in (target, reference) if v is not None]
        if any(v not in set(in_period) for v in wanted) or in_period.nunique() < 2:
            skipped.append(str(when))
            continue
        part = _group_keyness(corpus, summed, in_period, by, target, reference, min_count, keep)
        part.insert(0, name, when)
        tables.append(part)
    if skipped:
        warnings.warn(f"keyness: {len(skipped)} {name}(s) left out, where {target or 'a second group'}"
                      f"{' or ' + str(reference) if reference is not None else ''} has no documents: "
                      f"{', '.join(skipped)}", UserWarning, stacklevel=3)
    if not tables:
        raise checks.invalid_value("keyness", "period", period, "time bins in which the groups compared all have documents")
    return pd.concat(tables, ignore_index=True)


def _group_keyness(corpus, summed, values, by, target, reference, min_count, keep) -> pd.DataFrame:
    """Keyness of each group (or ``target``) against the rest (or ``reference``), among ``values``'s
    documents (``summed``: from ``_summer``)."""
    present = sorted(values.dropna().unique(), key=str)
    targets = [target] if target is not None else present
    sums, everything = summed.by_group(values)
    words = corpus.documents.set_index("doc_id")["n_words"]
    tables = []
    for group in targets:
        inside = values.index[values == group]
        counts = sums[group]
        terms = keep(counts[counts >= min_count])
        if reference is not None:
            rest = sums[reference].reindex(terms.index, fill_value=0)
            rest_total = int(sums[reference].sum())
        else:   # the rest: every document of values's but the group's
            rest = everything.reindex(terms.index, fill_value=0) - terms
            rest_total = int(everything.sum()) - int(counts.sum())
        label = f"documents with {by} == {reference}" if reference is not None else f"documents with {by} != {group}"
        part = _keyness_table(terms, int(counts.sum()), rest.astype(float), float(rest_total), label,
                              pd.Series("counted in the other documents", index=terms.index, dtype=object))
        part.insert(0, "group", group)
        part.insert(1, "group_documents", len(inside))
        part.insert(2, "group_words", int(words.loc[inside].sum()))
        tables.append(part)
    return pd.concat(tables, ignore_index=True)


@checks.parameters(top=checks.Integer(minimum=1))
def key_terms(table: pd.DataFrame, *, top: int = 10, alpha: float = 0.05) -> pd.DataFrame:
    """A keyness table read as words: per group (and period), its most over- and under-represented terms.

    Args:
        table (DataFrame): ``keyness`` output (with or without ``by``/``period``).
        top (int, default 10): terms listed on each side.
        alpha (float, default 0.05): only terms with p below it are listed.

    Returns:
        [period,] [group, group_documents, group_words,] reference, over, under: ``over`` and
        ``under`` list the terms by G2, each with its Log Ratio ("china +2.1").

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> key_terms(keyness(corpus, phrases=()), top=2)["over"].tolist()
    ['china +7.3, chinese +7.3']
    """
    keys = [c for c in table.columns if c not in _KEYNESS_VALUES]
    if table.empty:
        return pd.DataFrame(columns=[*keys, "reference", "over", "under"])
    rows = []
    parts = table.groupby(keys, sort=False) if keys else [((), table)]
    for key, part in parts:
        key = key if isinstance(key, tuple) else (key,)
        significant = part[part["p"] < alpha].sort_values(["g2", "term"], ascending=[False, True])
        listed = {}
        for side in ("over", "under"):
            chosen = significant[significant["direction"] == side].head(top)
            listed[side] = ", ".join(f"{t} {lr:+.1f}" for t, lr in zip(chosen["term"], chosen["log_ratio"]))
        rows.append({**dict(zip(keys, key)), "reference": part["reference"].iloc[0], **listed})
    return pd.DataFrame(rows, columns=[*keys, "reference", "over", "under"])


_KEYNESS_VALUES = {"term", "count", "per_million", "reference_count", "reference_per_million", "g2", "p", "log_ratio",
                   "direction", "reference", "reference_size", "reference_lookup"}


def _keyness_table(terms, size, reference_counts, reference_total, label, lookup) -> pd.DataFrame:
    a = terms.to_numpy(dtype=float)
    b = reference_counts.reindex(terms.index).to_numpy(dtype=float)
    known = ~np.isnan(b)
    g2 = np.full(len(a), np.nan)
    lr = np.full(len(a), np.nan)
    p_values = np.full(len(a), np.nan)
    if known.any():
        g2[known] = stats.log_likelihood(a[known], b[known], size, reference_total)
        lr[known] = stats.log_ratio(a[known], b[known], size, reference_total)
        p_values[known] = stats.p_value(g2[known])
    result = pd.DataFrame({
        "term": terms.index,
        "count": terms.to_numpy(dtype=int),
        "per_million": (1e6 * a / size).round(1) if size else np.full(len(a), np.nan),
        "reference_count": b.round(1),
        "reference_per_million": (1e6 * b / reference_total).round(3) if reference_total else np.full(len(a), np.nan),
        "g2": g2.round(3),
        "p": p_values,
        "log_ratio": lr.round(3),
    })
    result["direction"] = ["not in reference" if np.isnan(x) else "over" if x > 0 else "under" if x < 0
                           else "no difference" for x in np.round(lr, 3)]
    result["reference"] = label
    result["reference_size"] = int(reference_total)
    result["reference_lookup"] = lookup.reindex(terms.index).to_numpy()
    order = result["direction"].map({"over": 0, "under": 1, "no difference": 2, "not in reference": 3})
    result = result.assign(_order=order).sort_values(["_order", "g2", "term"], ascending=[True, False, True])
    return result.drop(columns="_order").reset_index(drop=True)


def _wordfreq_lookup(term: str) -> tuple[float, str]:
    """``(frequency, how it was looked up)`` of a term in wordfreq's English list.

    wordfreq splits a hyphenated word ("chinese-made") into several and returns an estimate
    for the combination, far above the word's real frequency (91 per million for
    "chinese-made", more than "cooperation"). Such a term is not in the reference: its
    frequency is NaN, and so are its G2 and Log Ratio.
    """
    import wordfreq

    pieces = wordfreq.tokenize(term, "en")
    if len(pieces) > 1:
        return float("nan"), f"not in reference: wordfreq splits it into {' + '.join(pieces)}"
    frequency = wordfreq.word_frequency(term, "en")
    return frequency, "word" if frequency > 0 else "word unknown to wordfreq (reference count 0)"


def _query_pattern(query: str, ignore_case: bool) -> re.Pattern:
    words = [w for w in re.split(r"[\s\-]+", query.strip()) if w]
    if not words:
        raise checks.invalid_value("kwic", "query", query, "a word or phrase")
    parts = [re.escape(w).replace(r"\*", r"[^\W_]*") for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\s\-]+".join(parts) + r"(?:(?<=\.)|(?![^\W_]))",
                      re.IGNORECASE if ignore_case else 0)


@checks.keywords_after("window")
@checks.parameters(query=checks.Text(), window=checks.Integer(minimum=0), actor=checks.Flag(),
                   ignore_case=checks.Flag(none=True))
def kwic(corpus, query: str, *, window: int = 5, actor: bool = False, ignore_case: bool | None = None) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word, phrase or actor with the words around it.

    Args:
        corpus (Corpus): a loaded corpus.
        query (str): a word or phrase (``*`` matches any letters: ``"cyber*"``); with
            ``actor=True`` an actor's name from ``data/actors.yaml`` (``"United States"``),
            matching all its forms.
        window (int, default 5): words of context on each side, within the paragraph.
        actor (bool, default False): the query is an actor's name.
        ignore_case (bool or None, default None): for words and phrases, True unless set; actors
            always match case-sensitively, so with ``actor=True`` the option is ignored (with a warning).

    Returns:
        doc_id, paragraph, left, match, right, start (character offset in the paragraph).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> kwic(corpus, "community of common destiny", window=3)[["left", "match", "right"]].values.tolist()
    [['build a "', 'community of common destiny', '" online?']]
    """
    if actor and ignore_case is not None:
        checks.warn_ignored("kwic", "ignore_case", "actors always match case-sensitively (actors.yaml)")
    ignore_case = True if ignore_case is None else ignore_case
    if actor:
        matcher = default_matcher()
        if query not in matcher.actors:
            raise checks.invalid_value("kwic", "query", query, f"an actor of actors.yaml with actor=True: {list(matcher.actors)}")
        one = ActorMatcher({query: matcher.actors[query]})

        def spans(text):
            return [(start, start + len(form)) for _, form, start in one.find(text)]
    else:
        pattern = _query_pattern(query, ignore_case)
    rows = []
    paragraphs = corpus.paragraphs
    doc_ids, numbers = paragraphs["doc_id"].to_numpy(), paragraphs["paragraph"].to_numpy()
    for first in range(0, len(paragraphs), _KWIC_BATCH):
        texts = paragraphs["text"].iloc[first:first + _KWIC_BATCH].tolist()
        for row, start, end in (_spans_in(texts, pattern) if not actor else
                                ((i, a, b) for i, text in enumerate(texts) for a, b in spans(text))):
            text = texts[row]
            left = _words_before(text, start, window) if window else ""
            right = _words_after(text, end, window) if window else ""
            rows.append((doc_ids[first + row], int(numbers[first + row]), left, text[start:end], right, start))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "left", "match", "right", "start"])


#: ``kwic`` searches this many paragraphs at a time, joined into one string.
_KWIC_BATCH = 20_000


def _spans_in(texts: list[str], pattern: re.Pattern):
    """``(text number, start, end)`` of every match of a query's ``pattern`` in ``texts``, in order:
    the texts are searched as one string, joined by a character that is neither a separator nor
    a word character (so no match crosses from one text into the next, and each text's edges
    read as a string's edges)."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):   # a text holding the joining character itself
        yield from ((i, *m.span()) for i, text in enumerate(texts) for m in pattern.finditer(text))
        return
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum([len(t) + 1 for t in texts], out=offsets[1:])
    for m in pattern.finditer(joined):
        row = int(np.searchsorted(offsets, m.start(), side="right")) - 1
        yield row, m.start() - int(offsets[row]), m.end() - int(offsets[row])


def context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """The ``window`` words before ``start`` and after ``end`` in ``text``: a concordance line's sides.

    >>> context("we can build a community of common destiny online today", 15, 42, 2)
    ('build a', 'online today')

    Args:
        text (str): a paragraph.
        start (int): where the match starts.
        end (int): where it ends.
        window (int): words on each side.
    """
    return (_words_before(text, start, window) if window else "", _words_after(text, end, window) if window else "")


def _words_before(text: str, start: int, window: int) -> str:
    """The ``window`` words before ``start``, reading only as far back as they need (a match in a
    5 MB paragraph does not copy the paragraph)."""
    size = 64 * window
    while True:
        chunk = text[max(0, start - size):start]
        parts = chunk.rsplit(None, window)
        if len(parts) > window:
            return " ".join(parts[-window:])
        if size >= start:       # the paragraph's start reached: every word there is
            return " ".join(parts)
        size *= 4


def _words_after(text: str, end: int, window: int) -> str:
    """The ``window`` words after ``end``, reading only as far as they need."""
    size = 64 * window
    while True:
        chunk = text[end:end + size]
        parts = chunk.split(None, window)
        if len(parts) > window or end + size >= len(text):
            return " ".join(parts[:window])
        size *= 4


@checks.parameters(queries=checks.Words(what="queries", empty=True))
def kwic_all(corpus, queries, *, window: int = 5, ignore_case: bool | None = None) -> pd.DataFrame:
    """Keyword in context for several words or phrases at once, each occurrence once.

    Where queries overlap (the slogan's renderings: "community with a shared future" inside
    "community with a shared future for mankind"), the longest match at a place is kept and the
    shorter ones are dropped, so ``len`` of the result counts occurrences, not query hits.

    Args:
        corpus (Corpus): a loaded corpus.
        queries (list of str): words or phrases (``*`` matches any letters).
        window (int, default 5): words of context on each side, within the paragraph.
        ignore_case (bool or None, default None): True unless set.

    Returns:
        query (the query whose match was kept), then the columns of ``kwic``; in corpus order.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(kwic_all(corpus, ["community of common destiny", "common destiny"]))
    1
    """
    parts = [kwic(corpus, q, window=window, ignore_case=ignore_case).assign(query=q) for q in queries]
    columns = ["query", "doc_id", "paragraph", "left", "match", "right", "start"]
    found = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=columns)
    if found.empty:
        return found[columns]
    found["end"] = found["start"] + found["match"].str.len()
    order = {d: i for i, d in enumerate(dict.fromkeys(corpus.paragraphs["doc_id"]))}
    found["_doc"] = found["doc_id"].map(order)
    found = found.sort_values(["_doc", "paragraph", "start", "end"], ascending=[True, True, True, False], kind="stable")
    kept, last = [], {}
    for row in found.itertuples():
        place = (row.doc_id, row.paragraph)
        if row.end <= last.get(place, -1):      # inside a longer match already kept
            continue
        kept.append(row.Index)
        last[place] = max(last.get(place, -1), row.end)
    return found.loc[kept, columns].reset_index(drop=True)


@checks.parameters(terms=checks.Words(what="terms"), phrases=checks.Words(none=True, empty=True, what="phrases"))
def dispersion(corpus, terms, *, phrases=None) -> pd.DataFrame:
    """Where chosen terms occur along each document.

    Args:
        corpus (Corpus): a loaded corpus.
        terms (list of str): words or declared phrases (each must be a single token, e.g. "cyber war").
        phrases (list of str or None, default None): phrases kept as one token; None for
            ``data/phrases.yaml``.

    Returns:
        doc_id, term, paragraph, position (token index from 0 in the document) and
        relative_position (position / number of tokens in the document: 0 = start, near 1 = end).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> dispersion(corpus, ["cyber war"])[["term", "paragraph"]].values.tolist()
    [['cyber war', 7]]
    """
    tokenizer = _tokenizer(phrases)
    wanted = {}
    for term in terms:
        tokens = tokenizer.tokenize(term)
        if len(tokens) != 1:
            raise checks.invalid_value("dispersion", "terms", term, f"single tokens; {term!r} is {len(tokens)} "
                                       f"tokens {tokens}: declare it as a phrase in data/phrases.yaml, or use kwic()")
        wanted[tokens[0]] = term
    ids, starts, vocabulary = _token_ids(corpus, phrases)
    number = {t: i for i, t in enumerate(vocabulary)}
    at = np.flatnonzero(np.isin(ids, [number[t] for t in wanted if t in number]))
    sentences = corpus.sentences
    sentence = _sentence_of_tokens(starts)[at]
    documents, doc_ids = pd.factorize(sentences["doc_id"])
    # Each document's first token and number of tokens (its sentences are consecutive rows).
    first_sentence = np.flatnonzero(np.r_[True, documents[1:] != documents[:-1]])
    first_token = starts[first_sentence]
    length = np.diff(np.r_[first_token, starts[-1]])
    document = documents[sentence]
    position = at - first_token[document]
    return pd.DataFrame({"doc_id": sentences["doc_id"].to_numpy()[sentence],
                         "term": [wanted[vocabulary[i]] for i in ids[at].tolist()],
                         "paragraph": sentences["paragraph"].to_numpy()[sentence],
                         "position": position.astype(np.int64),
                         "relative_position": (position / length[document]).round(4)})

