"""Sentiment that a reviewer can audit: VADER and AFINN scores by sentence, paragraph or document.

VADER scores come from the reference implementation (the ``vaderSentiment`` package by VADER's
authors, with its own lexicon file); AFINN scores from the ``afinn`` package (AFINN-en-165).
``explain`` shows, token by token, how VADER reached a score; ``coverage`` shows which frequent
words of a corpus neither lexicon knows.

Paragraph and document scores are built from sentence scores, as VADER's authors recommend for
longer texts: the mean of the sentences' VADER compound scores, the sum of their AFINN scores.
"""
from __future__ import annotations

import functools
import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from framelab import checks, languages, stats
from framelab import names as names_module
from framelab.corpus import UNIT_KEYS as UNITS
from framelab.explain import compound_from_sum, explain, explain_afinn
from framelab.cleaning import normalize_quotes, without_speaker_labels
from framelab.parallel import map_chunks
from framelab.terms import _kept
from framelab.cache import derived

LEXICONS = ("vader", "afinn")
#: Default label thresholds: VADER's authors recommend +-0.05 on the compound score; an AFINN
#: sum is positive above 0 and negative below 0.
THRESHOLDS = {"vader": 0.05, "afinn": 0.0}
#: Lexicon files and licences, as shipped by the packages (see README).
__all__ = ["score", "not_sentences", "is_sentence", "topic_neutral", "score_texts", "by_group", "masking_effect", "label", "explain", "explain_afinn", "compound_from_sum",
           "coverage", "lexicon_agreement", "agreement_summary", "actor_groups", "tone_by_actor",
           "sentences_by_actor", "actor_tone", "vader", "afinn", "LEXICONS", "THRESHOLDS", "SOURCES"]
_LEXICON = checks.Choice(*LEXICONS)
_UNIT = checks.Choice("sentence", "paragraph", "document")
_THRESHOLD = checks.Number(minimum=0, none=True)
SOURCES = {
    "vader": "vaderSentiment 3.3.2, vader_lexicon.txt (Hutto & Gilbert 2014; MIT licence)",
    "afinn": "afinn 0.1, AFINN-en-165.txt (Nielsen 2011; lexicon under the Open Database License)",
}


@lru_cache(maxsize=1)
def vader():
    """The reference VADER analyzer (loaded once; its lexicon ships with the package).

    >>> vader().polarity_scores("The talks were good.")["compound"]
    0.4404
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def afinn():
    """The AFINN scorer, English AFINN-en-165 (loaded once; the word list ships with the package).

    >>> afinn().score("The talks were good.")
    3.0
    """
    from afinn import Afinn

    return Afinn(language="en")


def _check(lexicon: str, threshold, where: str = "sentiment"):
    _LEXICON.check(where, "lexicon", lexicon)
    _THRESHOLD.check(where, "threshold", threshold)
    return THRESHOLDS[lexicon] if threshold is None else float(threshold)


@checks.parameters(threshold=checks.Number(minimum=0))
def label(scores, *, threshold: float) -> list[str]:
    """positive (score >= threshold), negative (score <= -threshold), else neutral.

    With threshold 0 a score of exactly 0 is neutral.

    Args:
        scores (list of float or Series): scores.
        threshold (float): the label threshold (0 or more).

    >>> label([0.5, 0.05, 0.0, -0.2], threshold=0.05)
    ['positive', 'positive', 'neutral', 'negative']
    """
    out = []
    for score in scores:
        if threshold == 0:
            out.append("positive" if score > 0 else "negative" if score < 0 else "neutral")
        else:
            out.append("positive" if score >= threshold else "negative" if score <= -threshold else "neutral")
    return out


def _describe_thresholds(lexicon: str, threshold: float) -> str:
    if threshold == 0:
        return f"{lexicon}: positive > 0, negative < 0"
    return f"{lexicon}: positive >= {threshold:g}, negative <= -{threshold:g}"


@lru_cache(maxsize=1)
def _analyzer():
    """VADER for scoring: ``framelab.vader.Analyzer``, the reference's rules and scores, faster."""
    from framelab.vader import Analyzer

    return Analyzer()


@lru_cache(maxsize=1)
def _afinn_scorer():
    """AFINN for scoring: ``framelab.afinn_scorer.Scorer``, the package's matches and scores, faster."""
    from framelab.afinn_scorer import Scorer

    return Scorer()


def _score_chunk(texts: list[str], *, lexicon: str, names, unmasked_too: bool = True) -> np.ndarray:
    """Per text: typographic quotes made ASCII, names masked (``names``: None for the declared
    names, a tuple, or False for none), then scored, masked and not. Rows: for VADER the masked
    compound, neg, neu and pos, then the unmasked compound; for AFINN the masked and unmasked scores.
    Without ``unmasked_too`` the unmasked score is not computed (NaN) where masking changed the text."""
    scorer = _analyzer().polarity_scores if lexicon == "vader" else _afinn_scorer().score
    out = np.empty((len(texts), 5 if lexicon == "vader" else 2))
    nothing = {"compound": np.nan} if lexicon == "vader" else np.nan
    for row, text in enumerate(texts):
        plain = without_speaker_labels(normalize_quotes(text))   # "MR. EARNEST:" says who speaks; it is not tone
        masked = plain if names is False else names_module.mask(plain, names=names)
        if masked == plain:
            unmasked = scored = scorer(plain)
        else:
            unmasked, scored = (scorer(plain) if unmasked_too else nothing), scorer(masked)
        if lexicon == "vader":
            out[row] = (scored["compound"], scored["neg"], scored["neu"], scored["pos"], unmasked["compound"])
        else:
            out[row] = (scored, unmasked)
    return out


@checks.parameters(texts=checks.Words(empty=True, what="texts"), lexicon=_LEXICON, threshold=_THRESHOLD,
                   processes=checks.Integer(minimum=1, none=True), mask_names=checks.FlagOrNames())
def score_texts(texts, *, lexicon: str = "vader", threshold: float | None = None,
                processes: int | None = None, mask_names=True) -> pd.DataFrame:
    """Score plain strings, e.g. a spreadsheet column.

    Before scoring, typographic apostrophes and quotes become ASCII ("weren’t" is "weren't", so
    VADER's negation rule sees it), speaker labels that open a line ("MR. EARNEST:", "Q") are left
    out (``cleaning.without_speaker_labels``) and declared names are masked ("United States" carries no
    tone; see ``framelab.names``). The text itself is returned as given.

    Args:
        texts (list of str or Series): each is scored as one unit.
        lexicon (str, default "vader"): "vader" (compound score, -1..1) or "afinn" (sum of word valences).
        threshold (float or None, default None): label threshold (None: 0.05 for VADER, 0 for AFINN).
        processes (int or None, default None): worker processes; None for one per core from 1,000 texts on.
        mask_names (bool or list of str, default True): True to mask ``names.declared_names()``, a
            list of names to mask instead, or False to score names like any other words.

    Returns:
        text, lexicon, score, score_unmasked (the reference implementation's score of the same
        text without masking, so the effect of masking can be seen and equality with
        vaderSentiment tested), label (from ``score``), thresholds; for VADER also neg, neu and
        pos (of the masked text). Identical texts are scored once.

    >>> score_texts(["The talks were good.", "The United States met."])[["score", "score_unmasked"]].values.tolist()
    [[0.4404, 0.4404], [0.0, 0.4215]]
    """
    threshold = _check(lexicon, threshold)
    texts, values = _texts_and_scores(texts, lexicon, processes, mask_names)
    table = pd.DataFrame({"text": texts, "lexicon": lexicon})
    for name, column in values.items():
        table[name] = column
    table = table[["text", "lexicon", "score", "score_unmasked", *(["neg", "neu", "pos"] if lexicon == "vader" else [])]]
    table["label"] = label(table["score"], threshold=threshold)
    table["thresholds"] = _describe_thresholds(lexicon, threshold)
    return table


def _texts_and_scores(texts, lexicon: str, processes, mask_names, unmasked_too: bool = True) -> tuple:
    """The texts as ``score_texts`` returns them, and their scores as a table of numbers only:
    score, neg, neu, pos, score_unmasked for VADER; score, score_unmasked for AFINN (without
    ``unmasked_too``, score_unmasked is NaN where masking changed the text: not computed)."""
    if isinstance(texts, pd.Series) and pd.api.types.is_string_dtype(texts.dtype) and not texts.hasnans:
        texts = texts.reset_index(drop=True)   # a corpus's column: no list of Python strings made here
    else:
        texts = ["" if t is None or (isinstance(t, float) and math.isnan(t)) else str(t) for t in texts]
    if mask_names is False or mask_names is None:
        names = False
    else:
        names = None if mask_names is True else tuple(mask_names)
    # Each distinct text is prepared and scored once, in worker processes for many texts.
    rows, distinct = pd.factorize(pd.Series(texts, dtype=object) if isinstance(texts, list) else texts)
    chunk = functools.partial(_score_chunk, lexicon=lexicon, names=names, unmasked_too=unmasked_too)
    parts = map_chunks(chunk, distinct, processes=processes)
    del distinct   # a copy of the distinct texts: let go before the scores are spread over the rows
    columns = ["score", "neg", "neu", "pos", "score_unmasked"] if lexicon == "vader" else ["score", "score_unmasked"]
    values = np.concatenate(parts) if parts else np.zeros((0, len(columns)))
    del parts
    # one column at a time (a text's row of scores taken for every row that holds that text)
    return texts, pd.DataFrame({name: np.take(values[:, i], rows) for i, name in enumerate(columns)})


def _sentence_scores(texts, lexicon: str, processes, mask_names) -> pd.DataFrame:
    """The columns of ``score_texts`` that ``score`` keeps per corpus: lexicon and the scores (no
    texts, labels or threshold notes: millions of strings for a large corpus)."""
    _, values = _texts_and_scores(texts, lexicon, processes, mask_names)
    values.insert(0, "lexicon", lexicon)
    return values[["lexicon", "score", "score_unmasked", *(["neg", "neu", "pos"] if lexicon == "vader" else [])]]


def _scored_sentences(sentences: pd.DataFrame, skipped) -> tuple[np.ndarray, pd.DataFrame]:
    """Which sentences ``score`` scores (those holding a word, in a document not skipped for its
    language), and those rows, numbered from 0."""
    keep = is_sentence(sentences["text"]).to_numpy().copy()
    if skipped:
        keep &= ~sentences["doc_id"].isin(skipped).to_numpy()
    return keep, (sentences.reset_index(drop=True) if keep.all() else sentences[keep].reset_index(drop=True))


@checks.keywords_after("unit", "lexicon")
@checks.parameters(unit=_UNIT, lexicon=_LEXICON, threshold=_THRESHOLD, processes=checks.Integer(minimum=1, none=True),
                   mask_names=checks.FlagOrNames())
def score(corpus, *, unit: str = "sentence", lexicon: str = "vader", threshold: float | None = None,
          processes: int | None = None, mask_names=True) -> pd.DataFrame:
    """Sentiment of every sentence, paragraph or document of a corpus.

    Args:
        corpus (Corpus): a loaded corpus.
        unit (str, default "sentence"): "sentence", "paragraph" or "document".
        lexicon (str, default "vader"): "vader" or "afinn".
        threshold (float or None, default None): label threshold (None: 0.05 for VADER, 0 for AFINN).
        processes (int or None, default None): worker processes (see ``score_texts``).
        mask_names (bool or list of str, default True): mask declared names before scoring
            (see ``score_texts``).

    Returns:
        The unit's keys (doc_id[, paragraph[, sentence]]), unit, text, n_sentences, lexicon,
        score, score_unmasked (names not masked), label and thresholds (for VADER also neg, neu,
        pos: means over sentences above the sentence unit). Paragraph and document scores: mean
        of sentence VADER compound scores, or sum of sentence AFINN scores. Units that hold no word
        (paragraph numbers, list labels: ``is_sentence``) are not sentences and are left out;
        ``not_sentences`` lists them. Documents whose
        ``language`` is not English are left out, with a warning naming them.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> score(corpus, unit="document")[["score", "score_unmasked", "label"]].values.tolist()
    [[0.1933, 0.283, 'positive']]
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)}, not {unit!r}")
    threshold = _check(lexicon, threshold)
    sentences = corpus.sentences
    # The lexicons are English word lists: other languages are left out, with a warning.
    skipped = languages.warn_non_english(corpus, "sentiment.score", skipped=True)
    # Every sentence is scored once per corpus object, lexicon and names masked: paragraph and
    # document scores, and the other thresholds, are made from the same sentence scores.
    names = mask_names if isinstance(mask_names, bool) or mask_names is None else tuple(mask_names)
    # Kept on disk beside a cached corpus too (framelab.cache.derived): the next notebook reads the scores.
    scored = _kept(corpus, "_sentence_scores", sentences, (lexicon, names), lambda: derived(
        corpus, "sentiment.sentence_scores", {"lexicon": lexicon, "names": names},
        lambda: _sentence_scores(sentences["text"], lexicon, processes, mask_names)))
    # Units without a word (paragraph numbers such as "94.", list labels such as "(a)" or "IV.",
    # lone numbers) are not sentences: they would enter every mean as a 0. not_sentences lists them.
    # The scored sentences are kept per corpus object: every score table made from them shares their
    # text (one copy of a large corpus's sentences, not one per table).
    keep, sentences = _kept(corpus, "_scored_sentences", corpus.sentences, tuple(sorted(skipped or ())),
                            lambda: _scored_sentences(corpus.sentences, skipped))
    if not keep.all():
        scored = scored[keep].reset_index(drop=True)
    table = pd.concat([sentences[UNITS["sentence"]], scored], axis=1)
    table["text"] = sentences["text"]
    value_columns = ["score", "score_unmasked", "neg", "neu", "pos"] if lexicon == "vader" else ["score", "score_unmasked"]
    keys = UNITS[unit]
    if unit == "sentence":
        table["n_sentences"] = 1
    else:
        aggregate = {c: ("mean" if lexicon == "vader" else "sum") for c in value_columns}
        grouped = table.groupby(keys, sort=False)
        table = grouped.agg({**aggregate, "sentence": "size"}).rename(columns={"sentence": "n_sentences"})
        table = table.reset_index()
        source = corpus.paragraphs if unit == "paragraph" else corpus.documents
        table = table.merge(source[keys + ["text"]], on=keys, how="left")
        table["lexicon"] = lexicon
        if lexicon == "vader":
            table[value_columns] = table[value_columns].round(4)
    table["unit"] = unit
    table["label"] = label(table["score"], threshold=threshold)
    table["thresholds"] = _describe_thresholds(lexicon, threshold)
    columns = keys + ["unit", "text", "n_sentences", "lexicon", "score", "score_unmasked"]
    columns += ["neg", "neu", "pos"] if lexicon == "vader" else []
    return table[columns + ["label", "thresholds"]]


#: A unit that is a label, not a sentence: digits, a Roman numeral or one letter, with brackets and
#: punctuation ("94.", "(a)", "IV.", "12-13", "B)"); or no letter at all.
_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_LABEL = re.compile(rf"[\W\d_]*(?:(?:(?=[MDCLXVI]){_ROMAN}|(?=[mdclxvi]){_ROMAN.lower()}|[A-Za-z])(?![A-Za-z])[\W\d_]*)?")


def is_sentence(texts) -> pd.Series:
    """Whether each text is a sentence for the tone measures: True unless it holds no word, i.e. it
    is only digits, punctuation, and at most one Roman numeral or one letter as a label (a paragraph
    number "94.", a list label "(a)" or "IV.", a lone number "2015"). ``score`` leaves such units out
    of every score and mean; ``not_sentences`` lists them.

    Args:
        texts (Series or list of str): the units' texts (``corpus.sentences["text"]``).

    >>> is_sentence(pd.Series(["94.", "(b)", "IV.", "2015", "I agree.", "Peace.", "A/70/PV.13"])).tolist()
    [False, False, False, False, True, True, True]
    """
    texts = pd.Series(texts, dtype=object)
    return ~texts.map(lambda text: bool(_LABEL.fullmatch(str(text).strip()))).astype(bool)


def not_sentences(corpus, *, by=None, period=None) -> pd.DataFrame:
    """The units of ``corpus.sentences`` that ``score`` leaves out because they hold no word
    (``is_sentence``): paragraph numbers, list labels, lone numbers.

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): metadata column(s) shown beside doc_id.
        period (str, list of int or None, default None): a time bin of the date shown beside doc_id.

    Returns:
        doc_id, [the group columns,] paragraph, sentence, text: one row per unit left out.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(not_sentences(corpus))
    0
    """
    sentences = corpus.sentences
    left = sentences.loc[~is_sentence(sentences["text"]).to_numpy(), ["doc_id", "paragraph", "sentence", "text"]]
    left = left.reset_index(drop=True)
    if by is None and period is None:
        return left
    from framelab import groups as grouping

    columns = grouping.group_columns(by=by, period=period)
    assigned = grouping.assign(corpus, by=by, period=period, where="not_sentences")[["doc_id", *columns]]
    return assigned.merge(left, on="doc_id", how="inner")[["doc_id", *columns, "paragraph", "sentence", "text"]]


def topic_words() -> list[str]:
    """The words ``topic_neutral`` masks besides the codebook's indicators (``data/topic_words.txt``).

    >>> topic_words()[:2]
    ['peace', 'peaceful*']
    """
    from framelab.resources import data_path

    lines = data_path("topic_words.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _placeholder(word: str) -> str:
    """A word the lexicons do not rate, in the case of the word it replaces (case moves VADER)."""
    return "TOPIC" if word.isupper() and len(word) > 1 else "Topic" if word[:1].isupper() else "topic"


def _masked_sentences(sentences: pd.DataFrame, spans: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Each sentence with the words inside ``spans`` (row of ``sentences``, start, end) replaced word for
    word by a placeholder; and the number of spans masked per sentence."""
    import re

    rows = spans["row"].to_numpy()
    texts = sentences["text"].tolist()
    counts = np.zeros(len(texts), dtype=np.int64)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for row, start, end in zip(rows.tolist(), spans["start"].tolist(), spans["end"].tolist()):
        by_row.setdefault(row, []).append((start, end))
    for row, found in by_row.items():
        merged = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        text = texts[row]
        for start, end in reversed(merged):
            text = text[:start] + re.sub(r"[^\W_]+", lambda m: _placeholder(m.group(0)), text[start:end]) + text[end:]
        texts[row] = text
        counts[row] = len(merged)
    return texts, counts


@checks.parameters(unit=checks.Choice("sentence", "paragraph", "document"), lexicon=_LEXICON,
                   mask_names=checks.FlagOrNames())
def topic_neutral(corpus, *, unit: str = "sentence", lexicon: str = "vader", codebook=None,
                  mask_names=True) -> pd.DataFrame:
    """``score`` beside a topic-neutral score: the same text with the codebook's frame indicators and
    ``topic_words()`` masked before scoring, as names are masked. VADER rates topic words ("war"
    -2.9, "security" +1.4, "peace" +2.5, "struggle" -1.3), so a speech that moves from war to peace
    gains "tone" without any change of tone; the topic-neutral score leaves that out.

    Args:
        corpus (Corpus): a loaded corpus.
        unit (str, default "sentence"): "sentence", "paragraph" or "document".
        lexicon (str, default "vader"): "vader" or "afinn".
        codebook (Codebook or None, default None): whose indicators are masked (None: the default
            codebook); every indicator match counts, whether or not its frame reaches its threshold.
        mask_names (bool or list of str, default True): as in ``score``.

    Returns:
        ``score``'s columns, then ``score_topic_neutral``, ``topic_shift`` (score minus the
        topic-neutral score: how much of the score the topic words make) and ``topic_words_masked``
        (matches masked in the unit).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> table = topic_neutral(corpus)
    >>> table.loc[table["text"].str.contains("cyber war"), ["score", "score_topic_neutral"]].values.tolist()[0]
    [-0.6451, -0.0951]
    """
    import json

    from framelab import framing

    codebook = framing.load_codebook() if codebook is None else codebook
    names = mask_names if isinstance(mask_names, bool) or mask_names is None else tuple(mask_names)
    params = {"lexicon": lexicon, "names": names, "codebook": json.dumps(codebook.to_dict(), sort_keys=True, default=str)}
    # The masked sentences scored once per corpus (and kept beside a cached corpus): every unit is made from them.
    masked = _kept(corpus, "_topic_neutral", corpus.sentences, (lexicon, names, params["codebook"]), lambda: derived(
        corpus, "sentiment.topic_neutral", params, lambda: _topic_neutral_sentences(corpus, codebook, lexicon, mask_names)))
    table = score(corpus, unit=unit, lexicon=lexicon, mask_names=mask_names)
    keys = UNITS[unit]
    per_sentence = corpus.sentences[UNITS["sentence"]].assign(topic_words_masked=masked["topic_words_masked"].to_numpy(),
                                                               _neutral=masked["score"].to_numpy())
    if unit == "sentence":
        neutral = per_sentence.rename(columns={"_neutral": "score_topic_neutral"})
    else:   # as score aggregates: the mean of the sentences' VADER scores (rounded), the sum of AFINN's
        kept = per_sentence.dropna(subset=["_neutral"])
        neutral = kept.groupby(keys, sort=False)["_neutral"].agg("mean" if lexicon == "vader" else "sum")
        neutral = (neutral.round(4) if lexicon == "vader" else neutral).rename("score_topic_neutral").reset_index()
    # Columns added by the units' keys (a left join that leaves the table's own columns, its text
    # too, as they are: no copy of a large corpus's sentences).
    table["score_topic_neutral"] = _by_keys(table, neutral, keys, "score_topic_neutral")
    table["topic_shift"] = (table["score"] - table["score_topic_neutral"]).round(4)
    totals = per_sentence.groupby(keys, sort=False)["topic_words_masked"].sum().reset_index()
    table["topic_words_masked"] = _by_keys(table, totals, keys, "topic_words_masked")
    return table


def _by_keys(table: pd.DataFrame, other: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """``other[column]`` for each row of ``table``, matched on ``keys`` (unique in ``other``), as
    ``table.merge(other, on=keys, how="left")`` gives it: missing (NaN) where no row matches."""
    at = pd.MultiIndex.from_frame(other[keys]).get_indexer(pd.MultiIndex.from_frame(table[keys]))
    values = other[column].to_numpy()
    if (at >= 0).all():
        return pd.Series(values[at], index=table.index, name=column)
    found = np.where(at >= 0, values[np.maximum(at, 0)].astype(float), np.nan)
    return pd.Series(found, index=table.index, name=column)


def _topic_neutral_sentences(corpus, codebook, lexicon: str, mask_names) -> pd.DataFrame:
    """One row per sentence of ``corpus``: score (the topic-masked text's score; missing for a unit that
    is not a sentence) and topic_words_masked (matches masked)."""
    from framelab import framing

    extra = framing.Codebook.from_dict({"frames": {"topic": {"definition": "topic words", "indicators": topic_words()}}})
    # Positions only, and the topic words' matches not kept: millions of matches on a large corpus.
    spans = pd.concat([framing.spans(corpus, codebook=codebook), framing.spans(corpus, codebook=extra, keep=False)],
                      ignore_index=True)
    texts, counts = _masked_sentences(corpus.sentences, spans)
    del spans
    keys = UNITS["sentence"]
    # A sentence without a topic word reads as it did: its score is the corpus's own (kept) score.
    # Only the sentences with a word masked are scored again.
    rows = corpus.sentences[keys].assign(topic_words_masked=counts)
    result = rows.merge(score(corpus, unit="sentence", lexicon=lexicon, mask_names=mask_names)[keys + ["score"]],
                        on=keys, how="left")
    # Scored again: the units score scores (sentences of English documents) where a word was masked;
    # only their masked score is needed (not the score with names as written).
    changed = np.flatnonzero((counts > 0) & result["score"].notna().to_numpy())
    if len(changed):
        again = [texts[i] for i in changed.tolist()]
        del texts
        _, values = _texts_and_scores(again, lexicon, None, mask_names, unmasked_too=False)
        scores = result["score"].to_numpy(dtype=float, copy=True)
        scores[changed] = values["score"].to_numpy(dtype=float)
        result["score"] = scores
    return result[["score", "topic_words_masked"]]


@checks.parameters(lexicon=_LEXICON, threshold=_THRESHOLD, intervals=checks.Integer(minimum=0))
def by_group(corpus, *, by=None, period=None, lexicon: str = "vader", threshold: float | None = None,
             intervals: int = 2000, seed: int = 0, with_topic_neutral: bool = False, correct_with=None) -> pd.DataFrame:
    """Tone per group of documents: the mean sentence score with a bootstrap interval over documents.

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): metadata column(s) of ``corpus.documents``.
        period (str, list of int or None, default None): a time bin of the date ("year", "month",
            "quarter", "decade" or bin edges in years; see ``framelab.groups``).
        lexicon (str, default "vader"): "vader" or "afinn".
        threshold (float or None, default None): label threshold (None: the lexicon's default).
        intervals (int, default 2000): bootstrap resamples of documents for the 95 % interval of
            the mean (0 for none). Resampling documents, not sentences, respects that the
            sentences of one speech or article are not independent.
        seed (int, default 0): the random seed of the bootstrap.
        with_topic_neutral (bool, default False): also the mean topic-neutral score
            (``topic_neutral``: topic words masked), with its interval from the same resamples.
        correct_with (DataFrame or None, default None): a reference rating of a random sample of the
            corpus's sentences on the lexicon's scale: doc_id, paragraph, sentence and ``reference``
            (several raters: their mean). Each group's mean then gets a corrected estimate
            (prediction-powered inference, ``framelab.correction``): the mean plus the average of
            reference minus score over the group's rated sentences, with a 95 % interval that covers
            the resampling of documents and the lexicon's measured error. Fewer than
            ``correction.MIN_REFERENCE`` rated sentences in a group: none, and ``correction`` says so.

    Returns:
        The group columns, documents, sentences, not_sentences (units left out as holding no word:
        paragraph numbers and the like, see ``is_sentence``), words, mean_score, mean_low, mean_high,
        mean_unmasked (the mean of ``score_unmasked``: the same sentences with names left in,
        so that the effect of masking can be read per group), share_positive, share_negative,
        lexicon, thresholds; with ``with_topic_neutral`` also mean_topic_neutral,
        mean_topic_neutral_low and mean_topic_neutral_high; with ``correct_with`` also
        reference_units, bias, mean_corrected, mean_corrected_low, mean_corrected_high, correction.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
    ...                               filename_pattern="{country}_{session}_{year}")
    >>> by_group(corpus, by="country", intervals=0)[["country", "documents"]].values.tolist()
    [['CHN', 78], ['USA', 79]]
    """
    from framelab import groups as grouping

    threshold = _check(lexicon, threshold)
    keys = grouping.group_columns(by=by, period=period)
    assigned = grouping.assign(corpus, by=by, period=period, where="by_group")
    checks.Flag().check("by_group", "with_topic_neutral", with_topic_neutral)
    sentences = (topic_neutral(corpus, unit="sentence", lexicon=lexicon) if with_topic_neutral else
                 score(corpus, unit="sentence", lexicon=lexicon, threshold=threshold))
    if with_topic_neutral:   # topic_neutral labels with the default threshold: label again with this one
        sentences["label"] = label(sentences["score"], threshold=threshold)
    merged = sentences.merge(assigned, on="doc_id", how="inner")
    reference = _sentence_reference(correct_with, merged) if correct_with is not None else None
    merged["positive"] = merged["label"] == "positive"
    merged["negative"] = merged["label"] == "negative"
    # per document within its group (by="doc_id" makes each document a group of its own)
    per_doc = merged.groupby(keys + [k for k in ["doc_id"] if k not in keys], sort=False, dropna=False).agg(
        total=("score", "sum"), unmasked=("score_unmasked", "sum"),
        **({"neutral": ("score_topic_neutral", "sum")} if with_topic_neutral else {}),
        sentences=("score", "size"), positive=("positive", "sum"),
        negative=("negative", "sum"), words=("n_words", "first")).reset_index()
    rows = []
    for key, part in (per_doc.groupby(keys, sort=True, dropna=False) if keys else [((), per_doc)]):
        key = key if isinstance(key, tuple) else (key,)
        n = part["sentences"].sum()
        low, high = (stats.bootstrap_ratio(part["total"], part["sentences"], resamples=intervals, seed=seed)
                     if intervals else (float("nan"), float("nan")))
        rows.append({**dict(zip(keys, key)), "documents": len(part), "sentences": int(n),
                     "words": int(part["words"].sum()), "mean_score": round(float(part["total"].sum() / n), 4),
                     "mean_low": round(low, 4), "mean_high": round(high, 4),
                     "mean_unmasked": round(float(part["unmasked"].sum() / n), 4),
                     "share_positive": round(float(part["positive"].sum() / n), 4),
                     "share_negative": round(float(part["negative"].sum() / n), 4)})
        if reference is not None:
            rows[-1].update(_corrected_tone(merged, reference, keys, key, rows[-1], intervals))
        if with_topic_neutral:
            low, high = (stats.bootstrap_ratio(part["neutral"], part["sentences"], resamples=intervals, seed=seed)
                         if intervals else (float("nan"), float("nan")))
            rows[-1].update({"mean_topic_neutral": round(float(part["neutral"].sum() / n), 4),
                             "mean_topic_neutral_low": round(low, 4), "mean_topic_neutral_high": round(high, 4)})
    table = pd.DataFrame(rows)
    # The units left out as not sentences (is_sentence), per group: reported, not dropped silently.
    left = not_sentences(corpus)[["doc_id"]].merge(assigned[["doc_id", *[k for k in keys if k != "doc_id"]]],
                                                   on="doc_id", how="inner")
    counted = left.groupby(keys, dropna=False).size() if keys else pd.Series([len(left)])
    if keys and len(table):
        index = pd.MultiIndex.from_frame(table[keys]) if len(keys) > 1 else pd.Index(table[keys[0]])
        table.insert(table.columns.get_loc("sentences") + 1, "not_sentences",
                     counted.reindex(index, fill_value=0).to_numpy().astype(int))
    elif len(table):
        table.insert(table.columns.get_loc("sentences") + 1, "not_sentences", int(counted.iloc[0]))
    table["lexicon"] = lexicon
    table["thresholds"] = _describe_thresholds(lexicon, threshold)
    return table


def _sentence_reference(correct_with, scored: pd.DataFrame) -> pd.Series:
    """The reference rating per scored sentence (mean over raters), indexed like ``scored``'s keys."""
    keys = ["doc_id", "paragraph", "sentence"]
    missing = [c for c in [*keys, "reference"] if c not in correct_with.columns]
    if missing:
        raise ValueError(f"by_group(correct_with=...): the reference rating has no column(s) {missing}; it needs "
                         "doc_id, paragraph, sentence and reference (a score on the lexicon's scale)")
    rated = correct_with.groupby(keys)["reference"].mean()
    known = pd.MultiIndex.from_frame(scored[keys])
    absent = rated.index.difference(known)
    if len(absent):
        raise ValueError(f"by_group(correct_with=...): {len(absent)} rated sentence(s) are not scored sentences of "
                         f"this corpus, e.g. {list(absent[:3])} (units without a word are not sentences)")
    return rated


def _corrected_tone(merged, reference, keys, key, row, intervals) -> dict:
    from framelab.correction import corrected_mean, variance_from_interval

    part = merged
    for name, value in zip(keys, key):
        part = part[part[name].isna()] if value != value else part[part[name] == value]
    index = pd.MultiIndex.from_frame(part[["doc_id", "paragraph", "sentence"]])
    rated = reference.index.intersection(index)
    automated = part["score"].to_numpy(dtype=float)
    at = index.get_indexer(rated)
    variance = (variance_from_interval(row["mean_low"], row["mean_high"])
                if intervals and row["mean_high"] == row["mean_high"] else None)
    result = corrected_mean(automated, automated[at], reference.loc[rated].to_numpy(dtype=float), naive_variance=variance)
    return {"reference_units": result["reference_units"], "bias": result["bias"], "mean_corrected": result["corrected"],
            "mean_corrected_low": result["corrected_low"], "mean_corrected_high": result["corrected_high"],
            "correction": result["note"]}


def _unit_of(table: pd.DataFrame) -> str:
    """The unit of a scored table, also after a merge that renamed ``unit`` to unit_x/unit_y."""
    for column in ("unit", "unit_y", "unit_x"):
        if column in table.columns and len(table):
            return str(table[column].iloc[0])
    keys = [k for k in ("sentence", "paragraph", "doc_id") if k in table.columns]
    return {"sentence": "sentence", "paragraph": "paragraph", "doc_id": "document"}.get(keys[0], "text") if keys else "text"


def masking_effect(scored: pd.DataFrame, *, threshold: float | None = None) -> pd.DataFrame:
    """How much masking names moved the scores of a ``score`` or ``score_texts`` table.

    Args:
        scored (DataFrame): ``score`` or ``score_texts`` output (with score and score_unmasked).
        threshold (float or None, default None): label threshold (None: the lexicon's default).

    Returns one row: unit, units, units_with_names (masking changed their score), mean_score,
    mean_unmasked, mean_change (masked minus unmasked, over all units), mean_change_with_names
    (over the units that hold a name), label_changes (units whose label differs).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> masking_effect(score(corpus))[["units", "units_with_names", "label_changes"]].values.tolist()
    [[28, 9, 2]]
    """
    lexicon = scored["lexicon"].iloc[0] if len(scored) else "vader"
    if threshold is None and "thresholds" in scored.columns and len(scored):
        # The table says which threshold labelled it: "vader: positive >= 0.5, negative <= -0.5".
        import re
        found = re.search(r"positive >=? ([0-9.]+)", str(scored["thresholds"].iloc[0]))
        threshold = float(found.group(1)) if found else None
    threshold = _check(lexicon, threshold, "masking_effect")
    changed = scored["score"] != scored["score_unmasked"]
    difference = scored["score"] - scored["score_unmasked"]
    labels = pd.Series(label(scored["score"], threshold=threshold), index=scored.index)
    unmasked_labels = pd.Series(label(scored["score_unmasked"], threshold=threshold), index=scored.index)
    return pd.DataFrame([{
        "unit": _unit_of(scored),
        "units": len(scored), "units_with_names": int(changed.sum()),
        "mean_score": round(float(scored["score"].mean()), 4),
        "mean_unmasked": round(float(scored["score_unmasked"].mean()), 4),
        "mean_change": round(float(difference.mean()), 4),
        "mean_change_with_names": round(float(difference[changed].mean()), 4) if changed.any() else 0.0,
        "label_changes": int((labels != unmasked_labels).sum()),
    }])


# --- what the instrument cannot see ---------------------------------------------------------------

@checks.parameters(top=checks.Integer(minimum=1))
def coverage(corpus, *, top: int = 30) -> pd.DataFrame:
    """The corpus's most frequent content words and their valence in each lexicon (NaN = unknown).

    Words such as "cooperation", "mutual" or "destiny" carry no valence in VADER: whatever they
    do in the text, the score cannot see it.

    Args:
        corpus (Corpus): a loaded corpus.
        top (int, default 30): how many of the most frequent content words to check.

    Returns:
        term, count, documents, vader, afinn (valences, NaN when the lexicon lacks the word) and
        known_to ("both", "vader", "afinn" or "neither").

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> coverage(corpus, top=3)[["term", "known_to"]].values.tolist()
    [['china', 'neither'], ['chinese', 'neither'], ['u.s.', 'neither']]
    """
    from framelab.terms import frequencies

    table = frequencies(corpus, phrases=(), top=top)[["term", "count", "documents"]].copy()
    vader_lexicon, afinn_lexicon = vader().lexicon, afinn()._dict
    table["vader"] = [vader_lexicon.get(t, np.nan) for t in table["term"]]
    table["afinn"] = [float(afinn_lexicon[t]) if t in afinn_lexicon else np.nan for t in table["term"]]
    known = table[["vader", "afinn"]].notna()
    table["known_to"] = np.select([known.all(axis=1), known["vader"], known["afinn"]],
                                  ["both", "vader", "afinn"], default="neither")
    return table.reset_index(drop=True)


@checks.keywords_after("unit")
@checks.parameters(unit=_UNIT)
def lexicon_agreement(corpus, *, unit: str = "sentence") -> pd.DataFrame:
    """VADER and AFINN side by side for every unit, with their labels and whether they agree.

    Args:
        corpus (Corpus): a loaded corpus.
        unit (str, default "sentence"): "sentence", "paragraph" or "document".

    Returns:
        The unit's keys, unit, text, vader, vader_label, afinn, afinn_label, agree, and
        thresholds (both lexicons' label thresholds, in words).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> int(lexicon_agreement(corpus)["agree"].sum())
    25
    """
    v = score(corpus, unit=unit, lexicon="vader")
    a = score(corpus, unit=unit, lexicon="afinn")
    keys = UNITS[unit]
    table = v[keys + ["unit", "text", "score", "label"]].rename(columns={"score": "vader", "label": "vader_label"})
    table["afinn"] = a["score"].to_numpy()
    table["afinn_label"] = a["label"].to_numpy()
    table["agree"] = table["vader_label"] == table["afinn_label"]
    table["thresholds"] = f"{v['thresholds'].iloc[0] if len(v) else ''}; {a['thresholds'].iloc[0] if len(a) else ''}"
    table.attrs["thresholds"] = table["thresholds"].iloc[0] if len(table) else ""
    return table


def agreement_summary(table: pd.DataFrame) -> pd.DataFrame:
    """How far the two lexicons agree: units, share with the same label, Spearman's rank
    correlation of the scores (Pearson's r of the ranks, ties averaged).

    Args:
        table (DataFrame): ``lexicon_agreement`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> agreement_summary(lexicon_agreement(corpus))["units"].item()
    28
    """
    rho = table["vader"].rank().corr(table["afinn"].rank()) if len(table) > 1 else np.nan
    return pd.DataFrame({"units": [len(table)], "same_label": [round(float(table["agree"].mean()), 3)],
                         "spearman_rho": [round(float(rho), 3)]})


# --- towards whom ----------------------------------------------------------------------------------

@checks.parameters(actors=checks.ActorLists())
def actor_groups(corpus, *, actors: dict | None = None) -> pd.DataFrame:
    """Each sentence with the actors it mentions, as a group: one actor's name, "A + B", or "neither".

    Args:
        corpus (Corpus): a loaded corpus.
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> actor_groups(corpus)["actors"].value_counts()["China + United States"].item()
    15
    """
    from framelab.actors import groups

    table = corpus.sentences[UNITS["sentence"] + ["text"]].copy()
    table["actors"] = groups(corpus, table, actors=actors)
    return table


@checks.parameters(lexicon=_LEXICON, threshold=_THRESHOLD, actors=checks.ActorLists())
def sentences_by_actor(corpus, *, lexicon: str = "vader", threshold: float | None = None,
                       actors: dict | None = None) -> pd.DataFrame:
    """Scored sentences (``score`` at the sentence unit) with the actors they mention (``actors``).

    Args:
        corpus (Corpus): a loaded corpus.
        lexicon (str, default "vader"): "vader" or "afinn".
        threshold (float or None, default None): label threshold (None: the lexicon's default).
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> sentences_by_actor(corpus)["actors"].iloc[0]
    'China + United States'
    """
    keys = UNITS["sentence"]
    groups = actor_groups(corpus, actors=actors)
    scored = score(corpus, unit="sentence", lexicon=lexicon, threshold=threshold)
    return scored.merge(groups[keys + ["actors"]], on=keys, how="left")


@checks.parameters(lexicon=_LEXICON, threshold=_THRESHOLD, actors=checks.ActorLists())
def tone_by_actor(corpus, *, lexicon: str = "vader", threshold: float | None = None,
                  actors: dict | None = None) -> pd.DataFrame:
    """Tone of the sentences that mention each actor only, several actors, or none.

    Args:
        corpus (Corpus): a loaded corpus.
        lexicon (str, default "vader"): "vader" or "afinn".
        threshold (float or None, default None): label threshold (None: the lexicon's default).
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    Returns:
        Per group (actors): sentences, mean and median score, the share labelled positive,
        neutral and negative, lexicon and thresholds. The sentences behind every mean are
        ``sentences_by_actor`` with the same arguments.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> tone_by_actor(corpus).set_index("actors").loc["China + United States", "sentences"].item()
    15
    """
    threshold = _check(lexicon, threshold)
    sentences = sentences_by_actor(corpus, lexicon=lexicon, threshold=threshold, actors=actors)
    summary = sentences.groupby("actors").agg(
        sentences=("score", "size"), mean=("score", "mean"), median=("score", "median"),
        positive=("label", lambda s: (s == "positive").mean()),
        neutral=("label", lambda s: (s == "neutral").mean()),
        negative=("label", lambda s: (s == "negative").mean()))
    summary = summary.round(3).reset_index()
    summary["lexicon"] = lexicon
    summary["thresholds"] = _describe_thresholds(lexicon, threshold)
    return summary


@checks.keywords_after("lexicon")
def actor_tone(corpus, *, lexicon: str = "vader", threshold: float | None = None,
               actors: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Deprecated: ``(tone_by_actor(...), sentences_by_actor(...))`` as one tuple.

    Args:
        corpus (Corpus): a loaded corpus.
        lexicon (str, default "vader"): "vader" or "afinn".
        threshold (float or None, default None): label threshold.
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> import warnings; warnings.simplefilter("ignore", FutureWarning)
    >>> len(actor_tone(corpus))
    2
    """
    import warnings

    warnings.warn("actor_tone() is deprecated (framelab 0.3 removes it): use tone_by_actor() for the "
                  "summary and sentences_by_actor() for the sentences", FutureWarning, stacklevel=3)
    return (tone_by_actor(corpus, lexicon=lexicon, threshold=threshold, actors=actors),
            sentences_by_actor(corpus, lexicon=lexicon, threshold=threshold, actors=actors))
