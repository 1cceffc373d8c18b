"""News-aware tokens: "U.S." stays one token, declared phrases stay whole, possessives count for the name.

Rules, in the order they are applied:

0. Typographic apostrophes and quotes become ASCII (``cleaning.normalize_quotes``): "don’t"
   is "don't", a stopword.
1. Case-sensitive rewrites from ``data/tokens.yaml`` ("US" -> "U.S."), so the country never
   becomes the pronoun "us" when the text is lower-cased; and hyphenated compounds of actor
   names from ``data/actors.yaml`` are split ("China-U.S." -> "China U.S.", "Sino-US" ->
   "Sino U.S."), while other hyphenated words stay whole ("car-hailing"). One regex pass.
2. Lower-casing.
3. Tokens, one regex pass: a declared phrase from ``data/phrases.yaml`` (tolerant of line
   breaks and hyphens between its words; where phrases nest or overlap the leftmost match
   wins, and among matches starting at the same word the longest), or a run of letters and
   digits with inner hyphens, apostrophes and . , / and an optional final full stop.
4. Each distinct match is then normalised once (cached): a final full stop is kept only by an
   abbreviation of single letters ("u.s.", "e.g."); then a possessive "'s" is dropped ("Xi's" ->
   "xi", "U.S.'s" -> "u.s.", "Israel's." -> "israel"); . , / stay inside numbers ("2.5",
   "1,000", "9/11") and split anything else, each piece normalised the same way ("and/or" ->
   "and", "or"; "Israel's/Palestine" -> "israel", "palestine"); inner hyphens and apostrophes
   stay ("car-hailing", "don't").
   Punctuation is not a token.

No downloaded data is used. Stopwords: wordcloud's maintained English list plus
``data/stopwords.txt``.
"""
from __future__ import annotations

import gc
import itertools
import os
import re
from array import array
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
import pandas as pd

from framelab.cleaning import normalize_quotes
from framelab.parallel import batch_ends, map_chunks
from framelab.resources import data_path, load_yaml, read_list, read_yaml

__all__ = ["tokenize", "stopwords", "is_content", "load_phrases", "Tokenizer", "DocumentTermCounts", "default_tokenizer", "PhraseError", "PARALLEL_MIN_TEXTS"]

#: ``count_matrix`` uses worker processes only from this many texts on.
PARALLEL_MIN_TEXTS = 1000
_PHRASE_WORD = re.compile(r"[^\W_]+")
_SEPARATOR = re.compile(r"[\s\-]+")
# A run of letters/digits with inner joiners and an optional final full stop. Deliberately
# simple (fast); the rules are applied per distinct match by ``Tokenizer.normalize``.
# A possessive "'s" after an abbreviation ("U.S.'s", "E.U.'s") belongs to the match.
_WORD = r"\w+(?:[-'’.,/]\w+)*+\.?(?:['’]s\b)?"
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.){2,}")
#: Joins texts counted in one regex call: not a word character, not a space and not a hyphen, so
#: no token holds it and no phrase crosses it; the case rules treat it like the end of a text.
_JOIN = "\x00"
_JOIN_CHARACTERS = 1_000_000
_WORD_RUN = re.compile(r"\w+")
# . , / split a token unless they stand between two digits.
_INNER_SPLIT = re.compile(r"(?<!\d)[.,/]|[.,/](?!\d)")


class PhraseError(ValueError):
    """A declared phrase cannot be used (names the phrase and the file)."""


def load_phrases(path=None) -> tuple[str, ...]:
    """Phrases from a YAML file with a ``phrases:`` list (default: ``data/phrases.yaml``).

    Args:
        path (str, Path or None, default None): the YAML file; None for ``data/phrases.yaml``.

    >>> "community of common destiny" in load_phrases()
    True
    """
    source = data_path("phrases.yaml") if path is None else path
    content = load_yaml(source, error=PhraseError) or {}
    phrases = content.get("phrases") if isinstance(content, dict) else None
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise PhraseError(f"{source}: expected a 'phrases:' list of strings")
    return tuple(phrases)


def _phrase_words(phrases: Iterable[str], source: str = "phrases") -> list[list[str]]:
    checked = []
    for phrase in phrases:
        words = _SEPARATOR.split(phrase.strip().lower())
        bad = [w for w in words if not _PHRASE_WORD.fullmatch(w)]
        if bad or len(words) < 2:
            reason = f"words may hold letters and digits only ({bad})" if bad else "needs two or more words"
            raise PhraseError(f"{source}: phrase {phrase!r}: {reason}; fix or remove it")
        checked.append(words)
    return checked


class Tokenizer:
    """A tokenizer with its phrases, actors and rewrites; ``default_tokenizer()`` uses the data files.

    Args:
        phrases: phrases kept whole (default: ``data/phrases.yaml``); ``()`` for none.
        actor_forms: surface forms whose hyphenated compounds are split (default: ``data/actors.yaml``).
        rewrite: case-sensitive rewrites applied before lower-casing (default: ``data/tokens.yaml``).
    """

    def __init__(self, phrases=None, actor_forms=None, rewrite=None):
        self.phrases = load_phrases() if phrases is None else tuple(phrases)
        if actor_forms is None:
            actor_forms = [f for forms in read_yaml("actors.yaml")["actors"].values() for f in forms]
        self.rewrite = dict(read_yaml("tokens.yaml")["rewrite"] if rewrite is None else rewrite)

        words = _phrase_words(self.phrases)
        self._phrases = {" ".join(w) for w in words}
        self._phrase_words = words
        self._token = re.compile(_token_pattern(words))
        self._joined = re.compile(f"{_token_pattern(words)}|{_JOIN}")
        self._normalized: dict[str, tuple[str, ...]] = {}

        # One pass before lower-casing: a hyphen between two actor forms becomes a space; a
        # rewrite spelling ("US") standing as a word is replaced. Each branch opens with a
        # literal, so the engine skips ahead quickly; boundaries are checked behind it.
        forms = sorted({f.rstrip("-") for f in actor_forms} | set(self.rewrite.values()), key=lambda f: (-len(f), f))
        alternation = "|".join(re.escape(f) for f in forms)
        behind = "|".join(rf"(?<={re.escape(f)}-)(?<![^\W_]{re.escape(f)}-)" for f in forms)
        branches = [rf"-(?:{behind})(?=(?:{alternation})(?:(?<=\.)|(?![^\W_])))"] if forms else []
        # Not after a word character or full stop; not before a word character or ".x" ("US.gov").
        branches += [rf"{re.escape(k)}(?<![\w.]{re.escape(k)})(?!\w|\.\w)"
                     for k in sorted(self.rewrite, key=lambda k: (-len(k), k))]
        self._prepare_pattern = re.compile("|".join(branches)) if branches else None

    def _replace(self, match: re.Match) -> str:
        found = match.group(0)
        return " " if found == "-" else self.rewrite[found]

    def _prepare(self, text: str) -> str:
        text = normalize_quotes(text)
        if self._prepare_pattern is not None:
            text = self._prepare_pattern.sub(self._replace, text)
        return text.replace("_", " ").lower()

    def normalize(self, match: str) -> tuple[str, ...]:
        """The tokens one regex match stands for (rule 4 of the module docstring); cached.

        >>> Tokenizer(phrases=["back doors"]).normalize("back-doors's")
        ('back doors',)
        """
        found = self._normalized.get(match)
        if found is not None:
            return found
        token = match
        if token.endswith(".") and not _ABBREVIATION.fullmatch(token):
            token = token.rstrip(".")  # a sentence's full stop goes first: "Israel's." -> "Israel's"
        if token.endswith(("'s", "’s")):
            token = token[:-2]
        if _SEPARATOR.search(token):
            phrase = " ".join(_SEPARATOR.split(token))
            if phrase in self._phrases:
                self._normalized[match] = (phrase,)
                return (phrase,)
        if _ABBREVIATION.fullmatch(token):
            parts = (token,)
        else:
            pieces = [p for p in _INNER_SPLIT.split(token.rstrip(".")) if p]
            # A piece split off is normalised like a match of its own ("Israel's/Palestine").
            parts = tuple(t for p in pieces for t in ((p,) if p == token else self.normalize(p)))
        self._normalized[match] = parts
        return parts

    def raw_tokens(self, text: str) -> list[str]:
        """Regex matches before normalisation (see ``normalize``)."""
        return self._token.findall(self._prepare(text))

    def tokenize(self, text: str) -> list[str]:
        """Tokens of ``text``, phrases shown with single spaces."""
        normalize = self.normalize
        return [t for m in self.raw_tokens(text) for t in ((m,) if m.isalnum() else normalize(m))]

    def count_matrix(self, texts: Iterable[str], *, processes: int | None = None) -> "DocumentTermCounts":
        """Tokenize and count each text: the term-frequency pipeline behind ``framelab.terms``.

        Args:
            texts: the texts, e.g. ``corpus.paragraphs["text"]``.
            processes: worker processes; ``None`` (default) for one per CPU core, used only from
                ``PARALLEL_MIN_TEXTS`` texts on. The result is the same whatever the number.

        Returns:
            ``DocumentTermCounts``: one entry per (text, term) pair, like a sparse matrix.

        >>> counts = Tokenizer(phrases=()).count_matrix(["Xi's visit", "a visit"])
        >>> counts.to_frame().values.tolist()
        [[0, 'xi', 1], [0, 'visit', 1], [1, 'visit', 1], [1, 'a', 1]]
        """
        texts = texts if isinstance(texts, (list, pd.Series, np.ndarray)) else list(texts)
        parts = map_chunks(self._count_chunk, texts, processes=processes, min_items=PARALLEL_MIN_TEXTS)
        return parts[0] if len(parts) == 1 else DocumentTermCounts.concatenate(parts)

    def _count_chunk(self, texts: list[str]) -> "DocumentTermCounts":
        with _gc_paused():
            return self._count_texts(texts)

    def _count_texts(self, texts: list[str]) -> "DocumentTermCounts":
        """Counts of some texts, found in batches of texts joined by a character no token holds or
        crosses (``_JOIN``): the regex runs once per batch, and each batch's (text, term) pairs are
        counted by sorting integer codes. Texts holding that character are counted one by one
        (``_count_each``), with the same result."""
        if any(_JOIN in text for text in texts):
            return self._count_each(texts)
        columns: list[list[np.ndarray]] = [[], [], []]
        terms: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        for start, text, term in self._term_batches(texts, terms):
            key, count = _distinct((text << 32) | term)
            del text, term
            columns[0].append((key >> 32).astype(np.int32) + start)
            columns[1].append((key & 0xFFFFFFFF).astype(np.int32))
            columns[2].append(count.astype(np.int32))
        document, term, count = (np.concatenate(c) if c else np.zeros(0, dtype=np.int32) for c in columns)
        return DocumentTermCounts(list(terms), document, term, count, len(texts))

    def _term_batches(self, texts: list[str], terms: defaultdict):
        """Per batch of texts (none holding ``_JOIN``): ``(start, text, term)``, the batch's first
        text, then for every token in order the text it is in (counted from ``start``) and its
        number in ``terms`` (terms are numbered there in order of first appearance)."""
        # Each distinct regex match gets a number (0 is the separator) in order of first appearance,
        # and stands for 0 (the separator), 1 or more terms (rule 4): ``width`` of them, from
        # ``first`` on in ``flat``.
        raw = _Numbering()
        raw[_JOIN]
        # width -1: a match not met in the texts yet (the chunk matcher also numbers matches of
        # chunks it then matches again with their neighbours).
        width, first, flat = array("q", [0]), array("q", [0]), array("q")
        normalize, names = self.normalize, raw.names()
        matcher = _ChunkMatcher(self._joined, self._phrase_words, raw)
        start = 0
        for stop in batch_ends(texts, _JOIN_CHARACTERS):
            codes = matcher.codes(self._prepare(_JOIN.join(texts[start:stop])))
            width.extend(itertools.repeat(-1, len(raw) - len(width)))
            first.extend(itertools.repeat(0, len(raw) - len(first)))
            fresh = codes[np.frombuffer(width, dtype=np.int64)[codes] < 0]
            for code in pd.unique(fresh).tolist():   # in order of first appearance
                match = names[code]
                parts = (match,) if match.isalnum() else normalize(match)
                width[code] = len(parts)
                first[code] = len(flat)
                flat.extend(terms[t] for t in parts)
            del fresh
            # The batch's text of each match: how many separators come before it.
            separator = codes == 0
            text = np.cumsum(separator, dtype=np.int64) - separator
            widths = np.frombuffer(width, dtype=np.int64)[codes]
            firsts = np.frombuffer(first, dtype=np.int64)[codes]
            if not np.all(widths[~separator] == 1):   # a match standing for several terms: repeated
                text, firsts = np.repeat(text, widths), np.repeat(firsts, widths)
                ends = np.cumsum(widths)
                firsts += np.arange(len(text)) - np.repeat(ends - widths, widths)
            else:
                keep = ~separator
                text, firsts = text[keep], firsts[keep]
            del codes, separator, widths
            yield start, text, np.frombuffer(flat, dtype=np.int64)[firsts]
            start = stop

    def token_ids(self, texts, *, processes: int | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every text's tokens as numbers: ``(ids, lengths, vocabulary)``, the tokens of the texts one
        after another as positions in ``vocabulary`` (terms in order of first appearance), and each
        text's number of tokens. The same tokens as ``tokenize`` gives text by text, found in
        batches as ``count_matrix`` finds them (in worker processes for many texts).

        >>> ids, lengths, vocabulary = Tokenizer(phrases=()).token_ids(["Xi's visit", "a visit"])
        >>> [vocabulary[i] for i in ids], lengths.tolist()
        (['xi', 'visit', 'a', 'visit'], [2, 2])
        """
        texts = texts if isinstance(texts, (list, pd.Series, np.ndarray)) else list(texts)
        parts = map_chunks(self._ids_chunk, texts, processes=processes, min_items=PARALLEL_MIN_TEXTS)
        if not parts:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64), []
        numbers: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        ids = []
        for vocabulary, part_ids, _ in parts:   # each part's numbers as positions in the whole vocabulary
            mapping = np.fromiter(map(numbers.__getitem__, vocabulary), dtype=np.int32, count=len(vocabulary))
            ids.append(mapping[part_ids] if len(part_ids) else part_ids.astype(np.int32))
        lengths = np.concatenate([p[2] for p in parts])
        return np.concatenate(ids), lengths, list(numbers)

    def _ids_chunk(self, texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
        with _gc_paused():
            terms: defaultdict[str, int] = defaultdict(itertools.count().__next__)
            if any(_JOIN in text for text in texts):   # one by one (a text holding the batches' separator)
                found = [[terms[t] for t in self.tokenize(text)] for text in texts]
                ids = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int32)
                return list(terms), ids, np.fromiter(map(len, found), dtype=np.int64, count=len(found))
            ids, lengths = [], np.zeros(len(texts), dtype=np.int64)
            for start, text, term in self._term_batches(texts, terms):
                lengths[start:start + (int(text[-1]) + 1 if len(text) else 0)] += np.bincount(text)
                ids.append(term.astype(np.int32))
            return list(terms), (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)), lengths

    def _count_each(self, texts: list[str]) -> "DocumentTermCounts":
        """Counts of some texts, one regex call and one Counter per text (``_count_texts`` gives
        the same counts faster)."""
        ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        term_id = ids.__getitem__
        lengths, terms, counts = array("i"), array("i"), array("i")
        normalize, token, prepare = self.normalize, self._token, self._prepare
        for text in texts:
            counter = Counter(token.findall(prepare(text)))
            # Most matches are plain words; only the others are normalised (once each, cached).
            for match in list(itertools.filterfalse(str.isalnum, counter)):
                parts = normalize(match)
                if parts != (match,):
                    n = counter.pop(match)
                    for part in parts:
                        counter[part] += n
            lengths.append(len(counter))
            terms.extend(map(term_id, counter))
            counts.extend(counter.values())
        documents = np.repeat(np.arange(len(texts), dtype=np.int32), np.frombuffer(lengths, dtype=np.int32))
        return DocumentTermCounts(list(ids), documents, np.frombuffer(terms, dtype=np.int32),
                                  np.frombuffer(counts, dtype=np.int32), len(texts))


class _ChunkMatcher:
    """The numbers (in ``raw``) of the matches of ``pattern`` in a prepared text, the same as
    ``pattern.findall(text)`` gives, found faster on real text: the text is split at whitespace,
    which no match holds but a phrase, and each distinct chunk is matched once (a few hundred
    thousand distinct chunks make up millions). Where a chunk ends with a phrase's word and the
    next chunk begins with that phrase's next word, a phrase may span the whitespace: those chunks
    are matched together, joined by a space (any whitespace separates a phrase's words alike).
    The text is split and its distinct chunks found by Arrow (``_split_whitespace``): a dictionary
    lookup per distinct chunk, not per chunk, and new chunks that are plain words are numbered
    together."""

    def __init__(self, pattern: re.Pattern, phrase_words: list[list[str]], raw: "_Numbering"):
        self.pattern, self.raw = pattern, raw
        self.chunks = _Numbering()
        self.start, self.length, self.tail, self.head = array("q"), array("q"), array("q"), array("q")
        self.pool = array("i")
        words = sorted({w for ws in phrase_words for w in ws})
        self.word = {w: i for i, w in enumerate(words)}
        self.longest = max(map(len, words), default=0)
        # follows[a, b]: word b comes right after word a in a phrase (the last row and column stand
        # for "no phrase word", -1, and are False).
        self.follows = np.zeros((len(words) + 1, len(words) + 1), dtype=bool)
        for ws in phrase_words:
            for a, b in zip(ws, ws[1:]):
                self.follows[self.word[a], self.word[b]] = True

    def codes(self, text: str) -> np.ndarray:
        # The texts' separator (``_JOIN``) becomes a chunk of its own: no match holds or crosses it
        # and the case rules treat it like a space, so the matches are the same; the words at the
        # texts' ends are then chunks met before ("peace." and "The", not "peace.\\x00The").
        local, chunks = _split_whitespace(text.replace(_JOIN, f" {_JOIN} "))
        # Each distinct chunk of the text gets its number in ``chunks`` (new ones in order of first
        # appearance), looked up once per distinct chunk.
        mapping = np.fromiter(map(self.chunks.__getitem__, chunks), dtype=np.int64, count=len(chunks))
        ids = mapping[local]
        self._number_new_chunks()
        start = np.frombuffer(self.start, dtype=np.int64)[ids]
        length = np.frombuffer(self.length, dtype=np.int64)[ids]
        if len(ids) > 1 and len(self.word):
            spans = self.follows[np.frombuffer(self.tail, dtype=np.int64)[ids[:-1]],
                                 np.frombuffer(self.head, dtype=np.int64)[ids[1:]]]
            numbered, findall = self.raw.__getitem__, self.pattern.findall
            for first, last in _runs(np.flatnonzero(spans)):
                # Chunks first .. last + 1 are matched as one text; the first one holds the matches.
                matches = findall(" ".join(chunks[i] for i in local[first:last + 2].tolist()))
                start[first], length[first] = len(self.pool), len(matches)
                length[first + 1:last + 2] = 0
                self.pool.extend(map(numbered, matches))
        ends = np.cumsum(length)
        index = np.repeat(start - (ends - length), length) + np.arange(int(ends[-1]) if len(ends) else 0)
        return np.frombuffer(self.pool, dtype=np.int32)[index]

    def _number_new_chunks(self) -> None:
        """The matches of the chunks numbered since the last call (their place in ``pool``, how
        many) and the phrase words at their ends (``tail``, ``head``). A plain word (most chunks)
        is its own match, the same word at both ends: those are done together."""
        new = self.chunks.new()
        if not new:
            return
        numbered, findall, word, longest = self.raw.__getitem__, self.pattern.findall, self.word.get, self.longest
        plain = np.fromiter(map(str.isalnum, new), dtype=bool, count=len(new))
        words = list(itertools.compress(new, plain))
        start, length = np.empty(len(new), dtype=np.int64), np.ones(len(new), dtype=np.int64)
        tail = np.empty(len(new), dtype=np.int64)
        start[plain] = len(self.pool) + np.arange(len(words))
        self.pool.extend(map(numbered, words))
        tail[plain] = np.fromiter(map(word, words, itertools.repeat(-1)), dtype=np.int64, count=len(words))
        head = tail.copy()
        for i in np.flatnonzero(~plain).tolist():
            chunk = new[i]
            matches = findall(chunk)
            start[i], length[i] = len(self.pool), len(matches)
            self.pool.extend(map(numbered, matches))
            # The runs of word characters at the chunk's ends, hyphens aside (a phrase's separator).
            last = _WORD_RUN.match(chunk.rstrip("-")[::-1][:longest + 1])
            first = _WORD_RUN.match(chunk.lstrip("-")[:longest + 1])
            tail[i] = word(last.group()[::-1], -1) if last and len(last.group()) <= longest else -1
            head[i] = word(first.group(), -1) if first and len(first.group()) <= longest else -1
        for column, values in ((self.start, start), (self.length, length), (self.tail, tail), (self.head, head)):
            column.frombytes(values.tobytes())


def _split_whitespace(text: str) -> tuple[np.ndarray, list[str]]:
    """``text.split()`` as the distinct chunks, in order of first appearance, and where each
    chunk of the text is among them: split and encoded by Arrow, whose whitespace is Python's
    (``str.isspace``, the 29 characters ``\\s`` matches; a test checks every code point). Arrow
    keeps an empty chunk for whitespace at either end: those are dropped. A text Arrow cannot hold
    (a lone surrogate, as ``json.loads`` can give) is split by Python, with the same result."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        array = pa.array([text], pa.large_string())
    except (UnicodeEncodeError, pa.ArrowInvalid):
        numbering: dict[str, int] = {}
        local = np.fromiter((numbering.setdefault(c, len(numbering)) for c in text.split()), dtype=np.int64)
        return local, list(numbering)
    encoded = pc.dictionary_encode(pc.list_flatten(pc.utf8_split_whitespace(array)))
    local = encoded.indices.to_numpy()
    chunks = encoded.dictionary.to_pylist()
    if "" in chunks:   # only at the ends, or a text of whitespace alone
        empty = chunks.index("")
        local = local[local != empty]
        local = local - (local > empty)
        del chunks[empty]
    return local, chunks


def _runs(values: np.ndarray) -> list[tuple[int, int]]:
    """``(first, last)`` of each run of consecutive integers in sorted ``values``."""
    if not len(values):
        return []
    breaks = np.flatnonzero(np.diff(values) != 1)
    firsts = np.concatenate(([values[0]], values[breaks + 1]))
    lasts = np.concatenate((values[breaks], [values[-1]]))
    return list(zip(firsts.tolist(), lasts.tolist()))


class _Numbering(dict):
    """A number for each key, in order of first appearance (``numbering[key]``); ``new()`` gives
    the keys numbered since it was last called. Known keys are found at dict speed."""

    def __init__(self):
        super().__init__()
        self._order: list[str] = []
        self._seen = 0

    def __missing__(self, key):
        number = self[key] = len(self._order)
        self._order.append(key)
        return number

    def names(self) -> list[str]:
        """The keys in order of their numbers (a live list: it grows as keys are numbered)."""
        return self._order

    def new(self) -> list[str]:
        found = self._order[self._seen:]
        self._seen = len(self._order)
        return found


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and how often each occurs (``np.unique`` with counts, by
    sorting: NumPy 2.3+ finds distinct values by hashing, several times slower on these arrays)."""
    ordered = np.sort(values)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1]))) if len(ordered) else \
        np.zeros(0, dtype=np.int64)
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


@dataclass
class DocumentTermCounts:
    """Counts of each term in each text, stored like a sparse matrix (coordinate format).

    Attributes:
        vocabulary: the terms, in order of first appearance; ``term`` holds positions in this list.
        document, term, count: one entry per (text, term) pair with a count above 0, in order
            of text.
        n_documents: how many texts were counted (some may have no tokens).
    """

    vocabulary: list[str]
    document: np.ndarray
    term: np.ndarray
    count: np.ndarray
    n_documents: int

    def to_frame(self) -> pd.DataFrame:
        """The counts as a table: document (position of the text), term, count."""
        return pd.DataFrame({"document": self.document,
                             "term": np.asarray(self.vocabulary, dtype=object)[self.term],
                             "count": self.count})

    @classmethod
    def concatenate(cls, parts: list["DocumentTermCounts"]) -> "DocumentTermCounts":
        """Join the counts of consecutive chunks of texts into one (the parts' arrays are let go:
        do not use the parts afterwards)."""
        ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        empty = np.zeros(0, dtype=np.int32)
        # Column by column, each part's column let go once copied: a peak of the parts plus one
        # column, not twice the parts.
        terms, documents, offset = [], [], 0
        for part in parts:
            mapping = np.fromiter(map(ids.__getitem__, part.vocabulary), dtype=np.int32,
                                  count=len(part.vocabulary))
            terms.append(mapping[part.term] if len(part.term) else part.term)
            part.term = None
        term = np.concatenate(terms or [empty])
        del terms
        document = np.concatenate([p.document for p in parts] or [empty])
        at = 0
        for part in parts:   # each part's text numbers follow the texts of the parts before it
            document[at:at + len(part.document)] += offset
            at += len(part.document)
            offset += part.n_documents
            part.document = None
        count = np.concatenate([p.count for p in parts] or [empty])
        for part in parts:
            part.count = None
        return cls(list(ids), document, term, count, offset)


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while millions of counters are built.

    Counters of strings and integers hold no reference cycles, so there is nothing for it to
    find; left on, it walks the growing heap again and again (a fifth of the run time at 10
    million words). Reference counting still frees memory as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _token_pattern(phrases: list[list[str]]) -> str:
    """One regex: declared phrases (grouped by first word, most words first), else a word."""
    groups: dict[str, list[list[str]]] = {}
    for words in sorted(phrases, key=lambda w: (-len(w), w)):
        groups.setdefault(words[0], []).append(words[1:])
    alternatives = []
    for first in sorted(groups, key=lambda w: (-len(w), w)):
        rests = "|".join("".join(r"[\s\-]+" + re.escape(w) for w in rest) for rest in groups[first])
        alternatives.append(rf"{re.escape(first)}(?:{rests})(?:['’]s)?\b")
    if not alternatives:
        return _WORD
    # A cheap look at the first letter spares most words the phrase alternatives.
    initials = "".join(sorted({re.escape(first[0]) for first in groups}))
    return rf"(?=[{initials}])(?:{'|'.join(alternatives)})|{_WORD}"


@lru_cache(maxsize=1)
def default_tokenizer() -> Tokenizer:
    """The tokenizer built from the package's data files (built once)."""
    return Tokenizer()


def tokenize(text: str, *, phrases=None) -> list[str]:
    """Split ``text`` into lower-case tokens with news-aware rules (see the module docstring).

    Args:
        text (str): any text.
        phrases (list of str or None, default None): phrases kept whole; None for
            ``data/phrases.yaml``, ``()`` for none.

    >>> tokenize("China-U.S. ties: Xi's 2.5 trillion community-of-common-destiny plan")
    ['china', 'u.s.', 'ties', 'xi', '2.5', 'trillion', 'community of common destiny', 'plan']
    """
    tokenizer = default_tokenizer() if phrases is None else Tokenizer(phrases=phrases)
    return tokenizer.tokenize(text)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """wordcloud's English stopword list plus the project's ``data/stopwords.txt``, lower case."""
    return frozenset(w.lower() for w in _wordcloud_stopwords()) | frozenset(read_list("stopwords.txt"))


def _wordcloud_stopwords() -> set[str]:
    """``wordcloud.STOPWORDS``, read from the package's ``stopwords`` file as wordcloud reads it,
    without importing wordcloud (which imports matplotlib: a second or more in a script)."""
    from importlib.util import find_spec

    spec = find_spec("wordcloud")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = os.path.join(folder, "stopwords")
        if os.path.exists(path):
            with open(path) as f:
                return set(map(str.strip, f.readlines()))
    from wordcloud import STOPWORDS

    return set(STOPWORDS)


def is_content(token: str, *, stop: frozenset[str] | None = None) -> bool:
    """True for a token worth counting as a term: not a stopword, not a number, not one letter.

    Args:
        token (str): a token from ``tokenize``.
        stop (frozenset of str or None, default None): stopwords; None for ``stopwords()``.

    >>> [is_content(t) for t in ["cooperation", "the", "2.5", "u.s.", "x"]]
    [True, False, False, True, False]
    """
    stop = stopwords() if stop is None else stop
    return token not in stop and len(token) > 1 and (token.isalpha() or any(ch.isalpha() for ch in token))
