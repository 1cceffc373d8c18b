"""Which words and phrases carry a corpus: frequencies, n-grams, collocations, keyness, KWIC, dispersion.

Every function takes a ``Corpus`` (from ``framelab.load_corpus``) and returns a DataFrame whose
rows can be traced back to documents, paragraphs and words. Tokens come from ``framelab.tokens``.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from framelab import languages, stats
from framelab.actors import ActorMatcher, default_matcher
from framelab.tokens import Tokenizer, default_tokenizer, is_content, stopwords as default_stopwords

TOKEN_COLUMNS = ["doc_id", "paragraph", "sentence", "position", "token"]
#: Assumed size (tokens) of the general-English reference behind wordfreq's frequencies.
#: wordfreq merges many sources without one corpus size; this figure only scales G2, never
#: Log Ratio, and is printed in every keyness table.
REFERENCE_SIZE = 1_000_000_000
REFERENCE_NAME = "wordfreq English ('best' list)"


def _tokenizer(phrases) -> Tokenizer:
    return default_tokenizer() if phrases is None else Tokenizer(phrases=phrases)


def tokens_table(corpus, *, phrases=None) -> pd.DataFrame:
    """One row per token of the body text: doc_id, paragraph, sentence, position, token.

    ``position`` counts tokens from 0 within each document. ``phrases=()`` keeps every word single.
    """
    tokenizer = _tokenizer(phrases)
    rows = []
    position: dict[str, int] = {}
    for s in corpus.sentences.itertuples(index=False):
        start = position.get(s.doc_id, 0)
        tokens = tokenizer.tokenize(s.text)
        rows.extend((s.doc_id, s.paragraph, s.sentence, start + i, t) for i, t in enumerate(tokens))
        position[s.doc_id] = start + len(tokens)
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def _sentence_tokens(corpus, phrases) -> pd.Series:
    table = tokens_table(corpus, phrases=phrases)
    return table.groupby(["doc_id", "paragraph", "sentence"], sort=False)["token"].agg(list)


def _ngram_keep(gram: tuple[str, ...], stop) -> bool:
    if len(gram) == 1:
        return is_content(gram[0], stop)
    # Inner stopwords are fine ("trade and investment"); the edges and every word need letters.
    return (gram[0] not in stop and gram[-1] not in stop
            and all(any(ch.isalpha() for ch in w) for w in gram))


def frequencies(corpus, *, by: str = "corpus", n: int = 1, stopwords: bool = True, min_count: int = 1,
                top: int | None = None, phrases=None, processes: int | None = None) -> pd.DataFrame:
    """Term frequencies for the corpus or per document.

    Args:
        by: ``"corpus"`` for one table, ``"document"`` for one block of rows per document.
        n: 1 for words (and declared phrases), 2 or 3 for n-grams within a sentence.
        stopwords: drop stopwords, numbers and one-letter tokens (for n-grams: at either edge).
        min_count: keep terms counted at least this often (in the corpus, or in the document).
        top: keep the ``top`` most frequent terms (per document with ``by="document"``).
        phrases: phrases kept whole instead of ``data/phrases.yaml``; ``()`` for none.
        processes: worker processes for counting words (n=1); ``None`` (default) for one per
            CPU core from ``framelab.tokens.PARALLEL_MIN_TEXTS`` paragraphs on; 1 for none.
            The result is the same whatever the number.

    Returns:
        term, n, count, per_1000_words (count per 1,000 words of the corpus or document, words as
        counted by the loader) and documents (how many documents contain the term); with
        ``by="document"`` a doc_id column first. Sorted by count, then term.

    >>> frequencies(load_corpus("seeds")).head(3)          # doctest: +SKIP
    """
    languages.warn_non_english(corpus, "terms.frequencies")
    if by not in ("corpus", "document"):
        raise ValueError(f"by must be 'corpus' or 'document', not {by!r}")
    if n < 1:
        raise ValueError(f"n must be 1 or more, not {n}")
    stop = default_stopwords() if stopwords else frozenset()
    if n == 1:
        counts = _tokenizer(phrases).count_matrix(corpus.paragraphs["text"], processes=processes).to_frame()
        counts["doc_id"] = corpus.paragraphs["doc_id"].to_numpy()[counts["document"].to_numpy()]
        if stopwords:
            vocabulary = counts["term"].unique()
            keep = {t for t in vocabulary if is_content(t, stop)}
            counts = counts[counts["term"].isin(keep)]
        per_doc = counts.groupby(["doc_id", "term"], sort=False)["count"].sum().reset_index()
    else:
        rows = []
        for (doc_id, _, _), tokens in _sentence_tokens(corpus, phrases).items():
            for i in range(len(tokens) - n + 1):
                gram = tuple(tokens[i:i + n])
                if not stopwords or _ngram_keep(gram, stop):
                    rows.append((doc_id, " ".join(gram)))
        grams = pd.DataFrame(rows, columns=["doc_id", "term"])
        per_doc = grams.groupby(["doc_id", "term"], sort=False).size().rename("count").reset_index()
    doc_freq = per_doc.groupby("term")["doc_id"].nunique()
    words = corpus.documents.set_index("doc_id")["n_words"]

    if by == "corpus":
        table = per_doc.groupby("term")["count"].sum().reset_index()
        table = table[table["count"] >= min_count]
        table["per_1000_words"] = (1000 * table["count"] / words.sum()).round(3)
        table["documents"] = table["term"].map(doc_freq).astype(int)
        table = table.sort_values(["count", "term"], ascending=[False, True])
        if top is not None:
            table = table.head(top)
        columns = ["term", "n", "count", "per_1000_words", "documents"]
    else:
        order = {doc_id: i for i, doc_id in enumerate(corpus.documents["doc_id"])}
        table = per_doc[per_doc["count"] >= min_count].copy()
        table["per_1000_words"] = (1000 * table["count"] / table["doc_id"].map(words)).round(3)
        table["documents"] = table["term"].map(doc_freq).astype(int)
        table["_order"] = table["doc_id"].map(order)
        table = table.sort_values(["_order", "count", "term"], ascending=[True, False, True])
        if top is not None:
            table = table.groupby("doc_id", sort=False).head(top)
        columns = ["doc_id", "term", "n", "count", "per_1000_words", "documents"]
    table["n"] = n
    table["count"] = table["count"].astype(int)
    return table[columns].reset_index(drop=True)


def ngrams(corpus, n: int = 2, **options) -> pd.DataFrame:
    """Frequencies of n-grams (default bigrams) within sentences; options as for ``frequencies``.

    With the default ``stopwords=True`` an n-gram may hold a stopword inside but not at its edges.
    """
    return frequencies(corpus, n=n, **options)


def collocations(corpus, word: str | None = None, *, window: int = 2, min_count: int = 2,
                 stopwords: bool = True, phrases=(), top: int | None = None) -> pd.DataFrame:
    """Word pairs that occur together more than chance predicts, scored by NLTK's collocation finder.

    Args:
        word: only pairs with this word (lower case, e.g. ``"cooperation"``); None for all pairs.
        window: pairs are words at most ``window - 1`` tokens apart within a sentence, word1 first
            (2 = adjacent words; NLTK's ``window_size``).
        min_count: minimum number of times the pair occurs.
        stopwords: leave out pairs with a stopword, number or one-letter token.
        phrases: by default ``()``, i.e. single words, so declared phrases such as "cyber war"
            show up as collocations instead of hiding inside one token.

    Returns:
        word1, word2, count, g2 (NLTK's likelihood_ratio) and pmi; sorted by g2, then the words.
        A pair NLTK cannot score (degenerate counts) has NaN scores and comes last.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    words: list[str | None] = []
    for tokens in _sentence_tokens(corpus, phrases):
        words.extend(tokens)
        words.extend([None] * (window - 1))  # pairs never cross a sentence boundary
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    if stopwords:
        stop = default_stopwords()
        finder.apply_word_filter(lambda w: not is_content(w, stop))
    finder.apply_freq_filter(min_count)
    if word is not None:
        target = " ".join(_tokenizer(phrases).tokenize(word))
        finder.apply_ngram_filter(lambda w1, w2: target not in (w1, w2))
    measures = BigramAssocMeasures()

    def score(function, w1, w2):
        # NLTK's contingency table can go negative in degenerate cases (a word paired with itself
        # that makes up most of the text); such a pair gets NaN instead of stopping the analysis.
        try:
            return finder.score_ngram(function, w1, w2)
        except (ValueError, ZeroDivisionError):
            return float("nan")

    table = pd.DataFrame(
        [(w1, w2, count, score(measures.likelihood_ratio, w1, w2), score(measures.pmi, w1, w2))
         for (w1, w2), count in finder.ngram_fd.items()],
        columns=["word1", "word2", "count", "g2", "pmi"])
    table = table.sort_values(["g2", "word1", "word2"], ascending=[False, True, True], na_position="last")
    table[["g2", "pmi"]] = table[["g2", "pmi"]].round(4)
    if top is not None:
        table = table.head(top)
    return table.reset_index(drop=True)


def keyness(corpus, *, by: str | None = None, target=None, min_count: int = 2, stopwords: bool = True,
            reference_size: int = REFERENCE_SIZE) -> pd.DataFrame:
    """Words over- and under-represented compared with a reference: G2 for significance, Log Ratio for size.

    Without ``by``, the reference is general English: word frequencies from the ``wordfreq``
    package, read as counts in a reference of ``reference_size`` tokens (an assumption stated in
    the ``reference_size`` column; it changes G2, not Log Ratio). Words are single tokens here
    (no phrases), as in the reference; a word wordfreq does not know has reference count 0.

    With ``by`` and ``target``, documents whose ``by`` column equals ``target`` are compared with
    all other documents (say ``by="outlet", target="Xinhua"``).

    Returns:
        term, count, per_million, reference_count, reference_per_million, g2, p, log_ratio,
        direction ("over", "under", or "not in reference" for a hyphenated word that wordfreq
        can only estimate as a combination of words: its reference values are NaN), reference,
        reference_size, reference_lookup (how the reference value was found); sorted by
        direction (over, under, not in reference), then G2, then term. Terms counted fewer than ``min_count`` times in the corpus (or the
        target subcorpus) are left out.
    """
    languages.warn_non_english(corpus, "terms.keyness")
    table = tokens_table(corpus, phrases=())
    if by is None:
        import wordfreq

        counts = table["token"].value_counts()
        size = int(counts.sum())
        terms = counts[counts >= min_count]
        lookups = {t: _wordfreq_lookup(t) for t in terms.index}
        reference_counts = pd.Series({t: f for t, (f, _) in lookups.items()}, dtype=float) * reference_size
        lookup = pd.Series({t: how for t, (_, how) in lookups.items()}, dtype=object)
        reference_total = float(reference_size)
        label = REFERENCE_NAME
    else:
        if by not in corpus.documents.columns:
            raise ValueError(f"no column {by!r} in corpus.documents; columns: {list(corpus.documents.columns)}")
        groups = corpus.documents.set_index("doc_id")[by]
        inside = set(groups[groups == target].index)
        if not inside or len(inside) == len(groups):
            raise ValueError(f"{by} == {target!r} must select some documents but not all "
                             f"(values: {sorted(groups.dropna().astype(str).unique())[:10]})")
        is_target = table["doc_id"].isin(inside)
        counts = table.loc[is_target, "token"].value_counts()
        rest = table.loc[~is_target, "token"].value_counts()
        size = int(counts.sum())
        terms = counts[counts >= min_count]
        reference_counts = rest.reindex(terms.index, fill_value=0).astype(float)
        lookup = pd.Series("counted in the other documents", index=terms.index, dtype=object)
        reference_total = float(rest.sum())
        label = f"documents with {by} != {target}"
    if stopwords:
        stop = default_stopwords()
        terms = terms[[is_content(t, stop) for t in terms.index]]
    a = terms.to_numpy(dtype=float)
    b = reference_counts.reindex(terms.index).to_numpy(dtype=float)
    known = ~np.isnan(b)
    g2 = np.full(len(a), np.nan)
    lr = np.full(len(a), np.nan)
    p_values = np.full(len(a), np.nan)
    g2[known] = stats.log_likelihood(a[known], b[known], size, reference_total)
    lr[known] = stats.log_ratio(a[known], b[known], size, reference_total)
    p_values[known] = stats.p_value(g2[known])
    result = pd.DataFrame({
        "term": terms.index,
        "count": terms.to_numpy(dtype=int),
        "per_million": (1e6 * a / size).round(1),
        "reference_count": b.round(1),
        "reference_per_million": (1e6 * b / reference_total).round(3),
        "g2": g2.round(3),
        "p": p_values,
        "log_ratio": lr.round(3),
    })
    result["direction"] = ["not in reference" if np.isnan(x) else "over" if x > 0 else "under" for x in lr]
    result["reference"] = label
    result["reference_size"] = int(reference_total)
    result["reference_lookup"] = lookup.reindex(terms.index).to_numpy()
    order = result["direction"].map({"over": 0, "under": 1, "not in reference": 2})
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
        raise ValueError("the KWIC query is empty")
    parts = [re.escape(w).replace(r"\*", r"[^\W_]*") for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\s\-]+".join(parts) + r"(?:(?<=\.)|(?![^\W_]))",
                      re.IGNORECASE if ignore_case else 0)


def kwic(corpus, query: str, window: int = 5, *, actor: bool = False, ignore_case: bool = True) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word, phrase or actor with the words around it.

    Args:
        query: a word or phrase (``*`` matches any letters: ``"cyber*"``); with ``actor=True`` an
            actor's name from ``data/actors.yaml`` (``"United States"``), matching all its forms.
        window: words of context on each side, within the paragraph.
        ignore_case: for words and phrases (actors always match case-sensitively).

    Returns:
        doc_id, paragraph, left, match, right, start (character offset in the paragraph).

    >>> kwic(load_corpus("seeds"), "community of common destiny")   # doctest: +SKIP
    """
    if actor:
        matcher = default_matcher()
        if query not in matcher.actors:
            raise ValueError(f"unknown actor {query!r}; actors: {list(matcher.actors)}")
        one = ActorMatcher({query: matcher.actors[query]})

        def spans(text):
            return [(start, start + len(form)) for _, form, start in one.find(text)]
    else:
        pattern = _query_pattern(query, ignore_case)

        def spans(text):
            return [m.span() for m in pattern.finditer(text)]

    rows = []
    for p in corpus.paragraphs.itertuples(index=False):
        for start, end in spans(p.text):
            left = " ".join(p.text[:start].split()[-window:]) if window else ""
            right = " ".join(p.text[end:].split()[:window]) if window else ""
            rows.append((p.doc_id, p.paragraph, left, p.text[start:end], right, start))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "left", "match", "right", "start"])


def dispersion(corpus, terms, *, phrases=None) -> pd.DataFrame:
    """Where chosen terms occur along each document.

    Args:
        terms: words or declared phrases (each must be a single token, e.g. "cyber war").

    Returns:
        doc_id, term, paragraph, position (token index from 0 in the document) and
        relative_position (position / number of tokens in the document: 0 = start, near 1 = end).
    """
    tokenizer = _tokenizer(phrases)
    wanted = {}
    for term in terms:
        tokens = tokenizer.tokenize(term)
        if len(tokens) != 1:
            raise ValueError(f"{term!r} is {len(tokens)} tokens {tokens}; declare it as a phrase in "
                             "data/phrases.yaml, or look it up with kwic()")
        wanted[tokens[0]] = term
    table = tokens_table(corpus, phrases=phrases)
    lengths = table.groupby("doc_id")["position"].max() + 1
    hits = table[table["token"].isin(wanted)].copy()
    hits["term"] = hits["token"].map(wanted)
    hits["relative_position"] = (hits["position"] / hits["doc_id"].map(lengths)).round(4)
    return hits[["doc_id", "term", "paragraph", "position", "relative_position"]].reset_index(drop=True)


__all__ = ["tokens_table", "frequencies", "ngrams", "collocations", "keyness", "kwic", "dispersion",
           "REFERENCE_SIZE"]
