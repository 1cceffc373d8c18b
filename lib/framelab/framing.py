"""Framing with a codebook, and its validation against a reference coding.

A codebook (YAML, default ``data/codebook.yaml``) defines frames by indicator words, phrases and
regular expressions. ``code`` counts them per paragraph (or sentence, or document) and keeps
every match, so each number can be traced to the words behind it; ``agreement`` compares the
result with a reference coding (precision, recall, F1, Cohen's kappa, Krippendorff's alpha).

Counting rule: inside one frame, overlapping or nested indicator matches count once (the
leftmost, then longest, match wins); an indicator listed under two frames counts for each.

A reference coding (by people or by machine readers: say which) is a CSV with doc_id, paragraph, an optional coder column and one 0/1 column per
frame (see ``read_coding`` and ``validation/README.md``).
"""
from __future__ import annotations

import bisect
import html
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framelab import checks, languages, stats
from framelab.corpus import UNIT_KEYS as UNITS
from framelab.stats import cohen_kappa, krippendorff_alpha
from framelab.cleaning import normalize_quotes
from framelab.parallel import batch_ends, map_chunks
from framelab.resources import data_path, load_yaml

__all__ = ["load_codebook", "Codebook", "Frame", "Indicator", "CodebookError", "code", "hits", "spans", "frames_of", "presence", "profile", "length_adjusted", "cooccurrence", "by_document", "actors_by_frame", "entman", "slogan", "slogan_concordance", "rendering_name", "renderings", "renderings_of", "read_coding", "agreement", "disagreements", "train", "predict", "cohen_kappa", "krippendorff_alpha", "RESERVED_NAMES", "highlight", "Highlight"]

#: A regular expression in a codebook may be at most this long.
MAX_REGEX_LENGTH = 200
#: ``hits`` spreads corpora of at least this many sentences over worker processes.
PARALLEL_MIN_SENTENCES = 20_000
#: ``_hit_columns`` matches this many characters of sentences at a time (one string each).
BATCH_CHARACTERS = 2_000_000
HIT_COLUMNS = ["doc_id", "paragraph", "sentence", "frame", "indicator", "match", "start", "end"]
#: Output columns of ``code``/``hits``: a frame may not be named like one.
RESERVED_NAMES = ("doc_id", "paragraph", "sentence", "unit", "text", "frame", "frames", "indicator",
                  "match", "start", "end", "n_words", "n_sentences", "n_paragraphs")
_WORD = re.compile(r"[^\W_]+\*?|\*")


class CodebookError(ValueError):
    """The codebook is malformed; the message names the file, the frame and the field."""


@dataclass
class Indicator:
    """One indicator of a frame: ``text`` as written in the codebook and its compiled ``pattern``."""

    text: str             # as written in the codebook
    pattern: "re.Pattern"  # Python's re for words and phrases; RE2 for {regex: ...} entries
    weight: float = 1.0   # what one match adds to the frame's score (see Frame.threshold)


@dataclass
class Frame:
    """A frame of a codebook: name, label, one-line definition, families (its place in Semetko &
    Valkenburg's and the Policy Frames Codebook's schemes), indicators and exclusions, and the
    presence rule: a unit presents the frame when the weights of its counted matches add up to at
    least ``threshold`` (every weight and the threshold default to 1: one match is enough)."""

    name: str
    label: str
    definition: str
    families: dict
    indicators: list[Indicator]
    exclusions: list[Indicator] = field(default_factory=list)
    threshold: float = 1.0
    introduced: int | None = None   # a slogan's first year: earlier matches are "before the slogan"


@dataclass
class Codebook:
    """A validated set of frames, built from a YAML file (``load_codebook``) or a dict
    (``Codebook.from_dict``); ``to_dict`` gives back what it was built from.

    >>> book = Codebook.from_dict({"frames": {"trade": {"definition": "Trade between states.",
    ...                                                 "indicators": ["trade*", "tariff*"]}}})
    >>> book.frame_names, book.frames["trade"].label
    (['trade'], 'trade')
    """

    name: str
    frames: dict[str, Frame]
    source: str = ""

    @classmethod
    def from_dict(cls, content: dict, *, source: str = "codebook dict") -> "Codebook":
        """Build and validate a codebook from a dict shaped like ``data/codebook.yaml``
        (``{"frames": {name: {"definition": ..., "indicators": [...]}}}``).

        Raises:
            CodebookError: naming the source, the frame and the field that is wrong.
        """
        return _codebook_from_content(content, source)

    def to_dict(self) -> dict:
        """The codebook as a dict in the YAML shape (write it with ``yaml.safe_dump``)."""
        def entries(indicators):
            out = []
            for i in indicators:
                entry = {"regex": i.text[len("regex:"):]} if i.text.startswith("regex:") else {"term": i.text}
                if i.weight != 1:
                    entry["weight"] = i.weight
                out.append(entry if len(entry) > 1 or "regex" in entry else i.text)
            return out
        return {"name": self.name, "frames": {
            f.name: {"label": f.label, "definition": f.definition, "families": dict(f.families),
                     "indicators": entries(f.indicators), **({"exclusions": entries(f.exclusions)} if f.exclusions else {}),
                     **({"threshold": f.threshold} if f.threshold != 1 else {}),
                     **({"introduced": f.introduced} if f.introduced is not None else {})}
            for f in self.frames.values()}}

    @property
    def frame_names(self) -> list[str]:
        return list(self.frames)

    def only(self, frames) -> "Codebook":
        """The same codebook with only ``frames`` (in the order given): matching a few frames over a large
        corpus is much faster than matching them all, and each frame's matches are the same.

        >>> load_codebook().only(["slogan"]).frame_names
        ['slogan']
        """
        unknown = [f for f in frames if f not in self.frames]
        if unknown:
            raise checks.invalid_value("Codebook.only", "frames", unknown, f"frames of the codebook: {self.frame_names}")
        content = self.to_dict()
        content["frames"] = {f: content["frames"][f] for f in frames}
        return Codebook.from_dict(content, source=self.source or "codebook")

    def table(self) -> pd.DataFrame:
        """The codebook as a table: frame, label, definition, families, indicators, exclusions,
        threshold, introduced (a slogan's first year, or None)."""
        return pd.DataFrame([{
            "frame": f.name, "label": f.label, "definition": f.definition,
            "semetko_valkenburg": f.families.get("semetko_valkenburg", ""),
            "policy_frames": f.families.get("policy_frames", ""),
            "indicators": ", ".join(i.text if i.weight == 1 else f"{i.text} (weight {i.weight:g})" for i in f.indicators),
            "exclusions": ", ".join(i.text for i in f.exclusions),
            "threshold": f.threshold,
            "introduced": f.introduced,
        } for f in self.frames.values()])


def _compile_phrase(text: str, where: str) -> re.Pattern:
    words = re.split(r"[\s\-]+", text.strip())
    if not words or not all(_WORD.fullmatch(w) for w in words) or any(w == "*" for w in words):
        raise CodebookError(f"{where}: {text!r} is not a word or phrase (letters and digits, a final * "
                            "allowed); write a regular expression as {{regex: \"...\"}} instead")
    parts = [re.escape(w[:-1]) + r"[^\W_]*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"(?<![^\W_])" + r"[\s\-]+".join(parts) + r"(?![^\W_])", re.IGNORECASE)


def _compile_regex(text, where: str):
    """A codebook regex, compiled with RE2 (google-re2): matching takes time linear in the text,
    whatever the pattern, so no pattern can hang a run (Python's re backtracks: ``((a+))+$``
    takes minutes on one sentence). RE2 has no backreferences, lookarounds or comments; a
    pattern using them is refused with a message saying so."""
    import re2

    if not isinstance(text, str) or not text:
        raise CodebookError(f"{where}: 'regex' must be a non-empty string")
    if len(text) > MAX_REGEX_LENGTH:
        raise CodebookError(f"{where}: regex is {len(text)} characters; the limit is {MAX_REGEX_LENGTH}")
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(text, options)
    except re2.error as error:
        detail = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        raise CodebookError(f"{where}: regex {text!r} is not accepted by RE2, the linear-time engine "
                            f"codebooks use ({detail}); write it without backreferences, lookarounds "
                            "or (?#comments)") from None


def _weight(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100 or value != value:
        raise CodebookError(f"{where}: weight must be a number above 0 and at most 100, not {value!r}")
    return float(value)


def _indicators(entries, where: str, *, weighted: bool = True) -> list[Indicator]:
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise CodebookError(f"{where}: expected a list of words, phrases or {{regex: ...}} entries")
    out = []
    for number, entry in enumerate(entries, start=1):
        place = f"{where} entry {number}"
        if isinstance(entry, str):
            out.append(Indicator(entry, _compile_phrase(entry, place)))
            continue
        allowed = {"term", "regex", "weight"} if weighted else {"term", "regex"}
        kinds = {"term", "regex"} & set(entry) if isinstance(entry, dict) else set()
        if not isinstance(entry, dict) or len(kinds) != 1 or set(entry) - allowed:
            weight = " (and an optional weight: ...)" if weighted else ""
            raise CodebookError(f"{place}: {entry!r} is neither a word/phrase, {{term: \"...\"}} nor "
                                f"{{regex: \"...\"}}{weight}")
        weight = _weight(entry["weight"], place) if "weight" in entry else 1.0
        if "regex" in entry:
            out.append(Indicator(f"regex:{entry['regex']}", _compile_regex(entry["regex"], place), weight))
        else:
            if not isinstance(entry["term"], str):
                raise CodebookError(f"{place}: term must be a word or phrase, not {entry['term']!r}")
            out.append(Indicator(entry["term"], _compile_phrase(entry["term"], place), weight))
    return out


def load_codebook(path=None) -> Codebook:
    """Read a codebook (YAML); ``None`` reads framelab's default ``data/codebook.yaml``.

    Args:
        path (str, Path or None, default None): the YAML file; None for the default codebook.

    Raises:
        CodebookError: naming the file, the frame and the field that is wrong.

    >>> load_codebook().frame_names
    ['cooperation', 'conflict', 'security', 'economic', 'sovereignty', 'slogan']
    """
    source = data_path("codebook.yaml") if path is None else Path(path)
    return _codebook_from_content(load_yaml(source, error=CodebookError), source)


#: A codebook may list at most this many indicators and exclusions in all: matching, highlighting and
#: the explorer stay interactive below it (a larger list belongs in a classifier, ``framing.train``).
MAX_INDICATORS = 20_000


def _codebook_from_content(content, source) -> Codebook:
    if not isinstance(content, dict) or not isinstance(content.get("frames"), dict) or not content["frames"]:
        raise CodebookError(f"{source}: expected a 'frames:' mapping of frame names to their fields")
    listed = sum(len(spec.get(field) or []) for spec in content["frames"].values() if isinstance(spec, dict)
                 for field in ("indicators", "exclusions") if isinstance(spec.get(field) or [], list))
    if listed > MAX_INDICATORS:
        raise CodebookError(f"{source}: {listed:,} indicators and exclusions, over framelab's limit of "
                            f"{MAX_INDICATORS:,}; a list this long is better learned (framing.train)")
    frames = {}
    for name, spec in content["frames"].items():
        where = f"{source}: frame {name!r}"
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise CodebookError(f"{where}: frame names are lower-case letters, digits and _ (they become columns)")
        if name in RESERVED_NAMES:
            raise CodebookError(f"{where}: {name!r} is a column of the coded table; rename the frame")
        clash = next((other for other in content["frames"] if isinstance(other, str) and name == f"{other}_hits"), None)
        if clash:
            raise CodebookError(f"{where}: the column of the matches of frame {clash!r} is called {name!r}; "
                                "rename the frame")
        if not isinstance(spec, dict):
            raise CodebookError(f"{where}: expected fields label, definition, indicators")
        unknown = set(spec) - {"label", "definition", "families", "indicators", "exclusions", "threshold", "introduced"}
        if unknown:
            raise CodebookError(f"{where}: unknown field(s) {sorted(unknown)}")
        for required in ("definition", "indicators"):
            if not spec.get(required):
                raise CodebookError(f"{where}: field '{required}' is missing or empty")
        if not isinstance(spec["definition"], str):
            raise CodebookError(f"{where}: field 'definition' must be one line of text")
        families = spec.get("families") or {}
        if not isinstance(families, dict) or not all(isinstance(v, (str, int, float)) for v in families.values()):
            raise CodebookError(f"{where}: field 'families' must map a scheme to a frame family (a name)")
        if not isinstance(spec.get("label", name), (str, int, float)):
            raise CodebookError(f"{where}: field 'label' must be one line of text")
        introduced = spec.get("introduced")
        if introduced is not None and (isinstance(introduced, bool) or not isinstance(introduced, int)
                                       or not 1000 <= introduced <= 9999):
            raise CodebookError(f"{where}: field 'introduced' must be a year such as 2012, not {introduced!r}")
        frames[name] = Frame(name=name, label=str(spec.get("label", name)), definition=spec["definition"],
                             families=families,
                             indicators=_indicators(spec["indicators"], f"{where} field 'indicators'"),
                             exclusions=_indicators(spec.get("exclusions"), f"{where} field 'exclusions'", weighted=False),
                             threshold=_weight(spec.get("threshold", 1), f"{where} field 'threshold'"),
                             introduced=introduced)
        texts = [i.text for i in frames[name].indicators]
        repeated = sorted({t for t in texts if texts.count(t) > 1})
        if repeated and any(i.weight != 1 for i in frames[name].indicators):
            raise CodebookError(f"{where}: indicator(s) {repeated} listed twice in a frame with weights; list each once")
    return Codebook(name=str(content.get("name", source)), frames=frames, source=str(source))


class _Gate:
    """Which indicators of a frame can match an ASCII sentence, read from its words: a word or
    phrase indicator can only match where its first word (or, with ``*``, a word starting with its
    stem) occurs. Regex indicators, non-ASCII first words and non-ASCII sentences are always
    tried. Only a shortcut: the indicators it lets through are matched exactly as before."""

    def __init__(self, frame: Frame):
        self.exact, self.prefixes, self.always = {}, [], []
        for indicator in frame.indicators:
            first = indicator.text.split()[0].split("-")[0].lower() if indicator.text else ""
            if indicator.text.startswith("regex:") or not first.isascii() or not _WORD.fullmatch(first) or first == "*":
                self.always.append(indicator)
            elif first.endswith("*"):
                self.prefixes.append((first[:-1], indicator))
            else:
                self.exact.setdefault(first, []).append(indicator)
        self.stems = tuple(stem for stem, _ in self.prefixes)

    def candidates(self, words: set[str] | None, indicators: list[Indicator]) -> list[Indicator]:
        if words is None:
            return indicators
        chosen = {id(i) for i in self.always}
        for word in words:
            for indicator in self.exact.get(word, ()):
                chosen.add(id(indicator))
            if self.stems and word.startswith(self.stems):
                chosen.update(id(i) for stem, i in self.prefixes if word.startswith(stem))
        return [i for i in indicators if id(i) in chosen]  # codebook order, as without the gate


_GATE_WORD = re.compile(r"[^\W_]+")


def _gate_words(text: str) -> set[str] | None:
    """The lower-cased words of an ASCII text (None for other text: no shortcut is taken)."""
    return set(_GATE_WORD.findall(text.lower())) if text.isascii() else None


def _frame_hits(text: str, frame: Frame, gate: "_Gate | None" = None,
                words: set[str] | None = None) -> list[tuple[str, str, int, int]]:
    """``(indicator, match, start, end)`` of one frame in one text, after exclusions and overlaps."""
    indicators = frame.indicators if gate is None else gate.candidates(words, frame.indicators)
    if not indicators:
        return []
    excluded = [m.span() for e in frame.exclusions for m in e.pattern.finditer(text)]
    found = []
    for indicator in indicators:
        for m in indicator.pattern.finditer(text):
            if m.end() > m.start() and not any(s <= m.start() and m.end() <= e for s, e in excluded):
                found.append((m.start(), -(m.end() - m.start()), indicator.text, m.group(0), m.end()))
    return _leftmost_longest(found)


def _leftmost_longest(found) -> list[tuple[str, str, int, int]]:
    """From ``(start, -length, indicator, match, end)`` candidates, the matches kept: leftmost
    first, at the same start the longest, none overlapping one already kept."""
    kept, last_end = [], -1
    for start, negative_length, indicator, match, end in sorted(found):
        if start >= last_end:
            kept.append((indicator, match, start, end))
            last_end = end
    return kept


_SEPARATORS = re.compile(r"[\s\-]+")
_ASCII_RUN = re.compile(r"[a-z0-9]+")
_PLAIN_PHRASE = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*\*?")


def _required_literal(indicator) -> str:
    """Lower-cased text that every match of ``indicator`` contains ("" when none can be read off
    its pattern safely): the longest run of plain characters at the top level of the pattern,
    outside groups, alternatives and repetitions. Only a shortcut for sentences without it."""
    if not indicator.text.startswith("regex:"):   # a phrase with an inner * or a non-ASCII word:
        # its longest run of ASCII letters and digits (other letters may match in ways lower() does
        # not show; an ASCII one only as "ı", "ſ" or "İ", and such sentences are matched apart)
        runs = [run for w in _SEPARATORS.split(indicator.text.lower()) if w and not w.endswith("*")
                for run in _ASCII_RUN.findall(w)]
        longest = max(runs, key=len, default="")
        return longest if len(longest) >= 3 else ""
    try:
        from re import _parser as sre_parse  # Python's own regex parser; RE2's syntax reads the same here

        parsed = sre_parse.parse(indicator.text[len("regex:"):])
    except Exception:
        return ""
    best, run = "", []
    for op, value in list(parsed) + [(None, None)]:
        if op is sre_parse.LITERAL and chr(value).isascii() and (chr(value).isalnum() or chr(value) == " "):
            run.append(chr(value))
            continue
        text = "".join(run).strip()
        best = text if len(text) > len(best) else best
        run = []
    return best.lower() if len(best) >= 3 else ""


class _Matcher:
    """All word and phrase indicators (and exclusions) of a codebook in one Aho-Corasick automaton
    (``pyahocorasick``), for ASCII sentences: the sentence is lower-cased and every run of spaces,
    line breaks and hyphens read as one space, the automaton finds every key, and word
    boundaries (and a final ``*``) are checked around each. The matches are those of the
    indicators' own regular expressions, so ``_frame_hits`` picks from the same candidates.
    Regex indicators, a ``*`` inside a phrase and non-ASCII words take their own patterns, and so
    do sentences where lower-casing is not Python's case-insensitive matching ("İ", "ı", "ſ")."""

    def __init__(self, codebook: Codebook):
        import ahocorasick

        self.frames = list(codebook.frames.values())
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[int]] = {}
        self.entries = []
        self.slow = []   # per frame: (indicators, exclusions) matched by their own patterns
        for number, frame in enumerate(self.frames):
            slow_indicators, slow_exclusions = [], []
            for excluded, group, slow in ((False, frame.indicators, slow_indicators),
                                          (True, frame.exclusions, slow_exclusions)):
                for indicator in group:
                    key = " ".join(_SEPARATORS.split(indicator.text.strip())).lower()
                    if indicator.text.startswith("regex:") or not key.isascii() or not _PLAIN_PHRASE.fullmatch(key):
                        slow.append(indicator)
                        continue
                    wildcard = key.endswith("*")
                    entries.setdefault(key.rstrip("*"), []).append(len(self.entries))
                    self.entries.append((number, excluded, indicator.text, wildcard, len(key.rstrip("*"))))
            self.slow.append((slow_indicators, slow_exclusions))
        for key, values in entries.items():
            self.automaton.add_word(key, tuple(values))
        # per entry (an indicator or exclusion under one frame): frame number, exclusion?, text,
        # final *?, length of its key
        # Every indicator's text, sorted: an indicator's place here breaks ties as its text does.
        self.names = sorted({i.text for f in self.frames for i in f.indicators + f.exclusions})
        self.name_index = {name: n for n, name in enumerate(self.names)}
        self.entry_name = np.asarray([self.name_index[e[2]] for e in self.entries], dtype=np.int64)
        columns = list(zip(*self.entries)) or [(), (), (), (), ()]
        self.entry_frame, self.entry_excluded = np.asarray(columns[0], dtype=np.int64), np.asarray(columns[1], dtype=bool)
        self.entry_text, self.entry_wildcard = list(columns[2]), np.asarray(columns[3], dtype=bool)
        self.entry_length = np.asarray(columns[4], dtype=np.int64)
        self.automaton.make_automaton() if entries else None
        self.empty = not entries
        self.gates = [_Gate(frame) for frame in self.frames]
        # A regex indicator is tried only on sentences holding a literal it cannot match without.
        self.needs = [([(i, _required_literal(i)) for i in slow_i], [(e, _required_literal(e)) for e in slow_e])
                      for slow_i, slow_e in self.slow]

    def frame_hits(self, text: str) -> list[list[tuple[str, str, int, int]]]:
        """Per frame, as ``_frame_hits`` gives them, for one sentence (quotes already normalised)."""
        out = [[] for _ in self.frames]
        for _, number, indicator, start, end in self.batch([text]):
            out[number].append((indicator, text[start:end], start, end))
        return out

    def batch(self, texts: list[str]) -> list[tuple[int, int, str, int, int]]:
        """``(sentence, frame number, indicator, start, end)`` of every kept match in ``texts``
        (sentences; typographic quotes are read as ASCII here), ordered by sentence, frame and
        start. The sentences are matched as one string, joined by a character that is neither a
        separator nor a word character, so no match crosses from one sentence into the next."""
        sentence, number, name, start, end = self.columns(texts)
        names = self.names
        return [(s, n, names[i], a, b) for s, n, i, a, b in zip(sentence.tolist(), number.tolist(), name.tolist(),
                                                                 start.tolist(), end.tolist())]

    def columns(self, texts: list[str]) -> tuple[np.ndarray, ...]:
        """``batch(texts)`` as arrays: sentence, frame number, indicator (its place in ``names``),
        start, end."""
        joined = normalize_quotes(_BOUNDARY.join(texts))
        special = {}   # sentences where lower-casing is not matching without case: their own patterns
        if any(c in joined for c in _CASE_SPECIAL_CHARACTERS):
            special = {i: normalize_quotes(t) for i, t in enumerate(texts) if _CASE_SPECIAL.search(t)}
            joined = normalize_quotes(_BOUNDARY.join("" if i in special else t for i, t in enumerate(texts)))
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        if special:
            lengths[list(special)] = 0
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths + 1, out=offsets[1:])
        lowered = joined.lower()
        parts, excluded = [], {}
        if not self.empty:
            parts.append(self._automaton_hits(lowered, offsets, excluded))
        slow = []
        bounds = offsets.tolist()
        for number, (slow_indicators, slow_exclusions) in enumerate(self.needs):
            for group, is_exclusion in ((slow_indicators, False), (slow_exclusions, True)):
                for indicator, need in group:
                    for sentence in _containing(lowered, need, bounds):
                        base = bounds[sentence]
                        for m in indicator.pattern.finditer(joined[base:bounds[sentence + 1] - 1]):
                            if is_exclusion:
                                excluded.setdefault((sentence, number), []).append(m.span())
                            else:
                                slow.append((sentence, number, self.name_index[indicator.text], *m.span()))
        if slow:
            parts.append(tuple(np.asarray(column, dtype=np.int64) for column in zip(*slow)))
        empty = np.zeros(0, dtype=np.int64)
        sentence, number, name, start, end = (np.concatenate([p[k] for p in parts]) if parts else empty
                                              for k in range(5))
        # Leftmost, then longest, then the indicator's text first (as _leftmost_longest).
        order = np.lexsort((name, start - end, start, number, sentence))
        sentence, number, name, start, end = (c[order] for c in (sentence, number, name, start, end))
        valid = end > start
        for at in (np.flatnonzero(np.isin(sentence, [k[0] for k in excluded])) if excluded else ()):
            spans = excluded.get((int(sentence[at]), int(number[at])))
            if spans and any(s <= start[at] and end[at] <= e for s, e in spans):
                valid[at] = False
        sentence, number, name, start, end = (c[valid] for c in (sentence, number, name, start, end))
        keep = _kept_leftmost_longest(sentence, number, start, end)
        columns = [c[keep] for c in (sentence, number, name, start, end)]
        if special:
            extra = [(i, n, self.name_index[indicator], a, b) for i, text in sorted(special.items())
                     for n, (frame, gate) in enumerate(zip(self.frames, self.gates))
                     for indicator, _, a, b in _frame_hits(text, frame, gate, _gate_words(text))]
            if extra:
                columns = [np.concatenate([c, np.asarray(e, dtype=np.int64)]) for c, e in zip(columns, zip(*extra))]
                order = np.lexsort((columns[3], columns[1], columns[0]))
                columns = [c[order] for c in columns]
        return tuple(columns)

    def batch_arrays(self, texts: list[str]) -> tuple:
        """``batch(texts)`` as columns for a worker to send back: the number of texts, then the
        sentence numbers, frame numbers, indicators, matched text, starts and ends."""
        # Batch by batch: the strings built from a batch (joined, lower-cased) stay small.
        found, first = [], 0
        for last in batch_ends(texts, BATCH_CHARACTERS):
            columns = self.columns(texts[first:last])
            found.append((columns[0] + first, *columns[1:]))
            first = last
        sentence, number, name, start, end = (np.concatenate([f[k] for f in found]) if found
                                              else np.zeros(0, dtype=np.int64) for k in range(5))
        names = self.names
        return (len(texts), sentence, number, [names[i] for i in name.tolist()],
                [texts[r][a:b] for r, a, b in zip(sentence.tolist(), start.tolist(), end.tolist())], start, end)

    def _automaton_hits(self, lowered, offsets, excluded) -> tuple[np.ndarray, ...]:
        """The automaton's matches on ``lowered`` with every run of separators read as one space,
        their word boundaries checked, as positions in the sentences: sentence, frame number,
        indicator, start, end (exclusions go to ``excluded``)."""
        keys, origins, pieces, position, written = [0], [0], [], 0, 0
        for run_start, run_end in _separator_runs(lowered):
            pieces.append(lowered[position:run_start])
            written += run_start - position + 1
            pieces.append(" ")
            position = run_end
            keys.append(written)
            origins.append(position)
        pieces.append(lowered[position:])
        normal = "".join(pieces) if len(keys) > 1 else lowered
        pairs = [(last, entry) for last, ids in self.automaton.iter(normal) for entry in ids]
        empty = np.zeros(0, dtype=np.int64)
        if not pairs:
            return empty, empty, empty, empty, empty
        last, entry = np.asarray(pairs, dtype=np.int64).T
        begin, end = last + 1 - self.entry_length[entry], last + 1
        # a word boundary before the key ...
        keep = np.fromiter((b == 0 or not normal[b - 1].isalnum() for b in begin.tolist()), bool, len(begin))
        begin, end, entry = begin[keep], end[keep], entry[keep]
        # ... and after it, or (a final *) the rest of the word
        size, rest, wildcard = len(normal), _WORD_REST.match, self.entry_wildcard[entry]
        end = np.fromiter((rest(normal, e).end() if w else (e if e == size or not normal[e].isalnum() else -1)
                           for e, w in zip(end.tolist(), wildcard.tolist())), np.int64, len(end))
        keep = end >= 0
        begin, end, entry = begin[keep], end[keep], entry[keep]
        if len(keys) > 1:   # positions on word characters of ``normal`` -> in the joined sentences
            keys, origins = np.asarray(keys), np.asarray(origins)
            piece = np.searchsorted(keys, begin, side="right") - 1
            start = origins[piece] + begin - keys[piece]
            piece = np.searchsorted(keys, end - 1, side="right") - 1
            stop = origins[piece] + end - keys[piece]
        else:
            start, stop = begin, end
        sentence = np.searchsorted(offsets, start, side="right") - 1
        base = offsets[sentence]
        start, stop, number = start - base, stop - base, self.entry_frame[entry]
        exclusion = self.entry_excluded[entry]
        for s, n, a, b in zip(sentence[exclusion].tolist(), number[exclusion].tolist(),
                              start[exclusion].tolist(), stop[exclusion].tolist()):
            excluded.setdefault((s, n), []).append((a, b))
        kept = ~exclusion
        return sentence[kept], number[kept], self.entry_name[entry[kept]], start[kept], stop[kept]


def _kept_leftmost_longest(sentence, number, start, end) -> np.ndarray:
    """Which candidates (sorted by sentence, frame, start, longest first) are kept: leftmost
    first, at the same start the longest, none overlapping one already kept in its sentence and
    frame. Candidates that overlap nothing before them are kept at once; only the groups with an
    overlap are walked through."""
    n = len(start)
    keep = np.ones(n, dtype=bool)
    if n < 2:
        return keep
    first = np.ones(n, dtype=bool)
    first[1:] = (sentence[1:] != sentence[:-1]) | (number[1:] != number[:-1])
    group = np.cumsum(first) - 1
    span = int(end.max()) + 1
    reached = np.maximum.accumulate(group * span + end) - group * span   # the furthest end so far, per group
    before = np.empty(n, dtype=np.int64)
    before[0] = -1
    before[1:] = reached[:-1]
    before[first] = -1
    for g in np.unique(group[start < before]).tolist():
        last_end = -1
        for at in np.flatnonzero(group == g).tolist():
            if start[at] >= last_end:
                last_end = end[at]
            else:
                keep[at] = False
    return keep


def _separator_runs(lowered: str):
    """``(start, end)`` of every run of separators (whitespace and hyphens, as the phrase
    patterns' ``[\\s\\-]+``) other than a single space, found with NumPy."""
    codes = np.frombuffer(lowered.encode("utf-32-le"), dtype=np.uint32)
    separator = np.isin(codes, _SEPARATOR_CODES, kind="table")
    if not separator.any():
        return []
    edges = np.diff(separator.astype(np.int8), prepend=0, append=0)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    change = (ends - starts > 1) | (codes[starts] != 32)
    return list(zip(starts[change].tolist(), ends[change].tolist()))


#: The characters of ``[\s\-]`` in Python's re (str patterns): every Unicode whitespace, and "-" (tested).
_SEPARATOR_CODES = np.array([0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x2d, 0x85, 0xa0, 0x1680,
                             *range(0x2000, 0x200b), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000], dtype=np.uint32)


#: Joins the sentences of a batch: not a separator, not a word character (no match crosses it).
_BOUNDARY = "\x00"
#: Where lower-casing is not Python's case-insensitive matching: lower() lengthens "İ", and re
#: ignoring case matches "ı" and "ſ" to i and s (the only such characters; tested).
_CASE_SPECIAL_CHARACTERS = "\u0130\u0131\u017f"
_CASE_SPECIAL = re.compile(f"[{_CASE_SPECIAL_CHARACTERS}]")
_WORD_REST = re.compile(r"[^\W_]*")


def _containing(lowered: str, need: str, offsets: list[int]):
    """Numbers of the sentences (joined in ``lowered``, starting at ``offsets``) that contain ``need``."""
    if not need:
        yield from range(len(offsets) - 1)
        return
    at = lowered.find(need)
    while at != -1:
        sentence = bisect.bisect_right(offsets, at) - 1
        yield sentence
        at = lowered.find(need, offsets[sentence + 1])


@checks.keywords_after("codebook")
@checks.parameters(codebook=checks.Instance("Codebook", hint="from load_codebook() or Codebook.from_dict()"))
def hits(corpus, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """Every indicator match: doc_id, paragraph, sentence, frame, indicator, match, start, end.

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): None for framelab's default codebook.

    Matching runs sentence by sentence (``start``/``end`` are offsets in the sentence), so a
    phrase never spans two sentences. Typographic apostrophes and quotes match their ASCII forms
    ("people’s" matches "people's"); ``match`` shows the text as written.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> hits(corpus).query("frame == 'slogan'")[["paragraph", "match"]].values.tolist()
    [[5, 'community of common destiny']]
    """
    codebook = load_codebook() if codebook is None else codebook
    found = _hit_columns(corpus, codebook)
    rows = found["row"]
    sentences = corpus.sentences
    return pd.DataFrame({"doc_id": sentences["doc_id"].to_numpy()[rows].tolist(),
                         "paragraph": sentences["paragraph"].to_numpy()[rows].astype(np.int64),
                         "sentence": sentences["sentence"].to_numpy()[rows].astype(np.int64),
                         "frame": np.asarray(codebook.frame_names, dtype=object)[found["number"]].tolist(),
                         "indicator": found["indicator"], "match": found["match"],
                         "start": found["start"], "end": found["end"]}, columns=HIT_COLUMNS)


@checks.keywords_after("codebook")
@checks.parameters(codebook=checks.Instance("Codebook", hint="from load_codebook() or Codebook.from_dict()"))
def spans(corpus, *, codebook: Codebook | None = None, keep: bool = True) -> pd.DataFrame:
    """Where the indicators match, by position only: row (of ``corpus.sentences``), start and end
    (offsets in the sentence), in corpus order; the same matches as ``hits``, without their words.

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): None for framelab's default codebook.
        keep (bool, default True): keep the matches with the corpus (and beside a cached corpus) for
            the next call, as ``hits`` does; False for a codebook used once (nothing is kept).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> spans(corpus).shape[1]
    3
    """
    codebook = load_codebook() if codebook is None else codebook
    found = _hit_columns(corpus, codebook) if keep else _match_columns(corpus, codebook)
    return pd.DataFrame({"row": np.asarray(found["row"], dtype=np.int64), "start": np.asarray(found["start"], dtype=np.int64),
                         "end": np.asarray(found["end"], dtype=np.int64)})


def _hit_columns(corpus, codebook: Codebook) -> dict:
    """Every kept match as columns: ``row`` (the sentence's row in ``corpus.sentences``),
    ``number`` (the frame's place in the codebook), ``indicator``, ``match``, ``start``, ``end``;
    in corpus order, then frame, then start. Large corpora are spread over worker processes.
    Matched once per corpus object and codebook, and kept on disk beside a cached corpus
    (``framelab.cache.derived``), so the next notebook reads the matches."""
    import json

    from framelab.cache import derived
    from framelab.terms import _kept

    content = json.dumps(codebook.to_dict(), sort_keys=True, default=str)
    table = _kept(corpus, "_hit_columns", corpus.sentences, (content,), lambda: derived(
        corpus, "framing.hits", {"codebook": content}, lambda: pd.DataFrame(_match_columns(corpus, codebook))))
    return {"row": table["row"].to_numpy(np.int64), "number": table["number"].to_numpy(np.int64),
            "indicator": table["indicator"].tolist(), "match": table["match"].tolist(),
            "start": table["start"].to_numpy(np.int64), "end": table["end"].to_numpy(np.int64)}


def _match_columns(corpus, codebook: Codebook) -> dict:
    """``_hit_columns`` computed."""
    matcher = _Matcher(codebook)
    parts = map_chunks(matcher.batch_arrays, corpus.sentences["text"], min_items=PARALLEL_MIN_SENTENCES)
    bases = np.cumsum([0] + [part[0] for part in parts[:-1]])
    return {"row": np.concatenate([part[1] + base for part, base in zip(parts, bases)]),
            "number": np.concatenate([part[2] for part in parts]),
            "indicator": [name for part in parts for name in part[3]],
            "match": [text for part in parts for text in part[4]],
            "start": np.concatenate([part[5] for part in parts]),
            "end": np.concatenate([part[6] for part in parts])}


@checks.keywords_after("codebook", "unit")
@checks.parameters(codebook=checks.Instance("Codebook", hint="from load_codebook() or Codebook.from_dict()"), unit=checks.Choice("sentence", "paragraph", "document"))
def code(corpus, *, codebook: Codebook | None = None, unit: str = "paragraph") -> pd.DataFrame:
    """Code every unit of the corpus: one row per unit, one numeric column per frame.

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): from ``load_codebook`` or
            ``Codebook.from_dict``; None for framelab's default codebook.
        unit (str, default "paragraph"): "paragraph", "sentence" or "document".

    Returns:
        The unit's keys (doc_id, paragraph[, sentence]), unit, then per frame a column named after the
        frame holding the number of indicator matches (intensity; > 0 means present), then per
        frame a column ``<frame>_hits`` with the matched words ("; "-separated), so every number
        can be traced. Where a frame has a presence rule (indicator weights, a ``threshold``), a
        unit whose matches' weights add up to less than the threshold gets 0 for the frame, and its
        matches are still listed in ``<frame>_hits``. Units without any match are included, with zeros. The frames are the
        columns that have a ``_hits`` partner (``frames_of``), so later functions find them after
        a merge.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> code(corpus).loc[4, ["paragraph", "unit", "slogan", "slogan_hits"]].astype(str).tolist()
    ['5', 'paragraph', '1', 'community of common destiny']
    """
    languages.warn_non_english(corpus, "framing.code (an English codebook)")
    codebook = load_codebook() if codebook is None else codebook
    keys = UNITS[unit]
    base = {"sentence": corpus.sentences, "paragraph": corpus.paragraphs, "document": corpus.documents}[unit]
    table = base[keys].drop_duplicates().reset_index(drop=True)
    found = _hit_columns(corpus, codebook)
    names = codebook.frame_names
    table["unit"] = unit
    # The unit (row of ``table``) of each match, then the matches of each unit and frame in the
    # order found, joined.
    sentences = corpus.sentences
    if unit == "sentence" and table[keys].equals(sentences[keys]):
        unit_rows = found["row"]
    else:
        index = pd.MultiIndex.from_frame(table[keys]) if len(keys) > 1 else pd.Index(table[keys[0]])
        of_sentence = (pd.MultiIndex.from_frame(sentences[keys]) if len(keys) > 1 else pd.Index(sentences[keys[0]]))
        unit_rows = index.get_indexer(of_sentence)[found["row"]]
    cell = unit_rows * len(names) + found["number"]
    counts = np.bincount(cell, minlength=len(table) * len(names)).reshape(len(table), len(names))
    counts = _apply_thresholds(codebook, found, cell, counts)
    order = np.argsort(cell, kind="stable")
    words = np.full(len(table) * len(names), "", dtype=object)   # by cell: row * frames + frame
    if len(order):
        sorted_cells = cell[order]
        starts = np.flatnonzero(np.r_[True, sorted_cells[1:] != sorted_cells[:-1]])
        ends = np.r_[starts[1:], len(order)]
        matches = np.asarray(found["match"], dtype=object)[order]
        single = ends - starts == 1          # most cells hold one match: no join needed
        words[sorted_cells[starts[single]]] = matches[starts[single]]
        for first, last in zip(starts[~single].tolist(), ends[~single].tolist()):
            words[sorted_cells[first]] = "; ".join(matches[first:last].tolist())
    words = words.reshape(len(table), len(names))
    for n, name in enumerate(names):
        table[name] = counts[:, n].astype(np.int64)
    for n, name in enumerate(names):
        table[f"{name}_hits"] = words[:, n].tolist()
    return table


def _apply_thresholds(codebook: Codebook, found: dict, cell: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The presence rule: a unit's count of a frame is kept where the weights of its matches add up
    to the frame's threshold, and set to 0 below it (its matches stay listed in ``<frame>_hits``)."""
    frames = list(codebook.frames.values())
    if all(f.threshold == 1 and all(i.weight == 1 for i in f.indicators) for f in frames):
        return counts   # one match of weight 1 reaches a threshold of 1: nothing to do
    weights = {(n, i.text): i.weight for n, f in enumerate(frames) for i in f.indicators}
    of_match = np.fromiter((weights[(n, text)] for n, text in zip(found["number"].tolist(), found["indicator"])),
                           dtype=np.float64, count=len(found["indicator"]))
    scores = np.bincount(cell, weights=of_match, minlength=counts.size).reshape(counts.shape)
    thresholds = np.asarray([f.threshold for f in frames], dtype=np.float64)
    return np.where(scores >= thresholds - 1e-9, counts, 0)


def frames_of(coded: pd.DataFrame) -> list[str]:
    """The frames of a coded table, read from its columns: each frame ``f`` has a count column ``f``
    and a ``f_hits`` column, so the list survives merges, copies and files (``attrs`` do not).

    Args:
        coded (DataFrame): ``code`` or ``predict`` output.

    >>> frames_of(pd.DataFrame(columns=["doc_id", "paragraph", "unit", "trade", "trade_hits", "n_words"]))
    ['trade']
    """
    frames = [c[:-len("_hits")] for c in coded.columns if c.endswith("_hits") and c[:-len("_hits")] in coded.columns]
    if not frames:
        raise ValueError("no frame columns found (a frame f has columns f and f_hits): pass the table "
                         "from framing.code or framing.predict, or name the frames with frames=")
    return frames


def presence(coded: pd.DataFrame, *, frames: list[str] | None = None) -> pd.DataFrame:
    """0/1 presence per frame (1 where the frame has at least one match).

    Args:
        coded (DataFrame): ``code`` or ``predict`` output (it may have been merged with other columns).
        frames (list of str or None, default None): the frames; None reads them from the columns.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> int(presence(code(corpus))["slogan"].sum())
    1
    """
    frames = frames_of(coded) if frames is None else frames
    return (coded[frames] > 0).astype(int)


@checks.parameters(intervals=checks.Integer(minimum=0))
def profile(coded: pd.DataFrame, *, frames: list[str] | None = None, corpus=None, by=None, period=None,
            intervals: int = 2000, seed: int = 0, correct_with=None) -> pd.DataFrame:
    """Per frame: units where it is present, their share, and the total number of matches.

    Args:
        coded (DataFrame or Corpus): ``code`` or ``predict`` output (merges keep working: frames are
            columns); or a corpus, which is then coded with framelab's default codebook (and is the
            ``corpus`` for ``by``/``period``).
        frames (list of str or None, default None): the frames; None reads them from the columns.
        corpus (Corpus or None, default None): the coded corpus; needed with ``by`` or ``period``.
        by (str, list of str or None, default None): compare groups: metadata column(s) of
            ``corpus.documents``.
        period (str, list of int or None, default None): compare time bins of the date ("year",
            "month", "quarter", "decade" or bin edges in years).
        intervals (int, default 2000): with ``by``/``period``, bootstrap resamples of documents for a
            95 % interval of each share (0 for none), as ``sentiment.by_group``.
        seed (int, default 0): the random seed of the bootstrap.
        correct_with (DataFrame, path or None, default None): a reference coding of a random sample
            of the coded paragraphs (``read_coding`` shape; with several coders their majority).
            Each share then gets a second, corrected estimate (prediction-powered inference,
            ``framelab.correction``): the share plus the mean of reference minus automatic code
            on the coded paragraphs of the same group, with a 95 % interval that covers the
            sampling of paragraphs (the bootstrap's, when ``intervals`` is given) and the
            instrument's measured error. The coded paragraphs must be a simple random sample of
            each group's paragraphs (from a stratified sample: group by its strata, and leave out
            units drawn otherwise). A group with fewer than ``correction.MIN_REFERENCE`` coded
            paragraphs gets none, and says so.

    Returns:
        frame, units, share, matches; with ``by``/``period`` the group columns first, then
        documents, words, units_total (paragraphs in the group) and share_low/share_high (these
        intervals ignore measurement error). With ``correct_with``: reference_units, bias (the
        automatic share's excess on the coded paragraphs), share_corrected,
        share_corrected_low/high, and correction (a note where there is no corrected estimate).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> profile(code(corpus)).set_index("frame").loc["cooperation", "units"].item()
    12
    """
    if hasattr(coded, "paragraphs") and hasattr(coded, "documents"):   # a Corpus: code it first
        corpus = coded if corpus is None else corpus
        coded = code(coded)
    frames = frames_of(coded) if frames is None else frames
    reference = None if correct_with is None else _reference_majority(correct_with, coded, frames)
    if by is not None or period is not None:
        return _grouped_profile(coded, frames, corpus, by, period, intervals, seed, reference)
    present = presence(coded, frames=frames)
    table = pd.DataFrame({"frame": frames, "units": [int(present[f].sum()) for f in frames],
                          "share": [round(float(present[f].mean()), 3) if len(present) else 0.0 for f in frames],
                          "matches": [int(coded[f].sum()) for f in frames]})
    if reference is None:
        return table
    keys = coded[["doc_id", "paragraph"]].reset_index(drop=True)
    corrected = [_corrected_share(present.reset_index(drop=True), keys, reference, frame, None) for frame in frames]
    return pd.concat([table, pd.DataFrame(corrected)], axis=1)


def _reference_majority(correct_with, coded: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """The reference coding's majority per (doc_id, paragraph); every coded paragraph must be in ``coded``."""
    _paragraph_unit(coded, "profile", "coded")
    coding = correct_with if isinstance(correct_with, pd.DataFrame) else read_coding(correct_with, frames=frames)
    missing = [f for f in frames if f not in coding.columns]
    if missing:
        raise ValueError(f"profile(correct_with=...): the reference coding has no column for frame(s) {missing}; "
                         "code them, or pass frames= with the coded frames only")
    majority = coding.groupby(["doc_id", "paragraph"])[frames].mean().ge(0.5).astype(int)
    known = pd.MultiIndex.from_frame(coded[["doc_id", "paragraph"]])
    absent = majority.index.difference(known)
    if len(absent):
        raise ValueError(f"profile(correct_with=...): {len(absent)} reference-coded paragraph(s) are not in the "
                         f"coded table, e.g. {list(absent[:3])}; the reference must code paragraphs of this corpus")
    return majority


def _corrected_share(present: pd.DataFrame, keys: pd.DataFrame, reference: pd.DataFrame, frame: str,
                     naive_variance) -> dict:
    """``correction.corrected_mean`` of one frame's presence over the units of ``present`` (rows
    aligned with ``keys``), with the reference-coded ones among them."""
    from framelab.correction import corrected_mean

    index = pd.MultiIndex.from_frame(keys)
    coded = reference.index.intersection(index)
    automated = present[frame].to_numpy()
    at = index.get_indexer(coded)
    result = corrected_mean(automated, automated[at], reference.loc[coded, frame].to_numpy(),
                            naive_variance=naive_variance)
    return {"reference_units": result["reference_units"], "bias": result["bias"],
            "share_corrected": result["corrected"], "share_corrected_low": result["corrected_low"],
            "share_corrected_high": result["corrected_high"], "correction": result["note"]}


def _grouped_profile(coded, frames, corpus, by, period, intervals, seed, reference=None) -> pd.DataFrame:
    from framelab import groups as grouping

    if corpus is None:
        raise checks.invalid_value("profile", "corpus", None, "the coded corpus when by= or period= is given "
                                   "(profile(coded, corpus=corpus, by=...)), or the corpus itself as the first argument")
    keys = grouping.group_columns(by=by, period=period)
    assigned = grouping.assign(corpus, by=by, period=period, where="profile")
    present = presence(coded, frames=frames).assign(doc_id=coded["doc_id"].to_numpy())
    matches = coded[frames].assign(doc_id=coded["doc_id"].to_numpy())
    per_doc = present.groupby("doc_id").agg({**{f: "sum" for f in frames}, "doc_id": "size"}).rename(
        columns={"doc_id": "units_total"})
    per_doc = per_doc.join(matches.groupby("doc_id")[frames].sum().add_suffix("__matches")).reset_index()
    per_doc = per_doc.merge(assigned, on="doc_id", how="inner")
    rows = []
    units = present.reset_index(drop=True)
    unit_keys = coded[["doc_id", "paragraph"]].reset_index(drop=True)
    from framelab.correction import variance_from_interval

    for key, part in per_doc.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        total = int(part["units_total"].sum())
        mine = units["doc_id"].isin(part["doc_id"]).to_numpy() if reference is not None else None
        for frame in frames:
            low, high = (stats.bootstrap_ratio(part[frame], part["units_total"], resamples=intervals, seed=seed)
                         if intervals else (float("nan"), float("nan")))
            row = {**dict(zip(keys, key)), "frame": frame, "documents": len(part),
                   "words": int(part["n_words"].sum()), "units_total": total, "units": int(part[frame].sum()),
                   "share": round(float(part[frame].sum() / total), 4) if total else float("nan"),
                   "share_low": round(low, 4), "share_high": round(high, 4),
                   "matches": int(part[f"{frame}__matches"].sum())}
            if reference is not None:
                # The naive share's variance: the documents' bootstrap (read from its interval), so the
                # corrected interval keeps the clustering of paragraphs in documents.
                variance = variance_from_interval(low, high) if intervals and high == high else None
                row.update(_corrected_share(units[mine].reset_index(drop=True), unit_keys[mine].reset_index(drop=True),
                                            reference, frame, variance))
            rows.append(row)
    return pd.DataFrame(rows)


@checks.parameters(strata=checks.Integer(minimum=1), intervals=checks.Integer(minimum=0))
def length_adjusted(coded: pd.DataFrame, *, corpus, by=None, period=None, frames: list[str] | None = None,
                    strata: int = 4, intervals: int = 0, seed: int = 0) -> pd.DataFrame:
    """Frame shares with paragraph length held fixed: a long paragraph has more words that can match,
    so a group whose paragraphs grow longer shows more frames with no change of framing. Each group's
    share within each length stratum is weighted by the whole corpus's share of paragraphs in that
    stratum (direct standardisation), beside the raw share.

    Args:
        coded (DataFrame): ``code(corpus)`` at the paragraph unit.
        corpus (Corpus): the coded corpus (paragraph lengths and the groups' metadata).
        by (str, list of str or None, default None): metadata column(s) of ``corpus.documents``.
        period (str, list of int or None, default None): a time bin of the date (see ``profile``).
        frames (list of str or None, default None): the frames; None reads them from the columns.
        strata (int, default 4): length strata: quantiles of the words per paragraph over the whole
            corpus (fewer when lengths tie).
        intervals (int, default 0): bootstrap resamples of documents within each group for a 95 %
            interval of the adjusted share (0 for none); it ignores measurement error.
        seed (int, default 0): the random seed of the bootstrap.

    Returns:
        The group columns, frame, units_total, mean_words (words per paragraph), share (raw),
        share_length_adjusted, share_length_adjusted_low/high, strata (the length bins and the
        standard's weights), and note (why a group has no adjusted share: a stratum it lacks).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> table = length_adjusted(code(corpus), corpus=corpus, strata=1).set_index("frame")
    >>> bool(table.loc["conflict", "share"] == table.loc["conflict", "share_length_adjusted"])
    True
    """
    from framelab import groups as grouping

    _paragraph_unit(coded, "length_adjusted")
    frames = frames_of(coded) if frames is None else list(frames)
    keys = grouping.group_columns(by=by, period=period)
    lengths = corpus.paragraphs[["doc_id", "paragraph", "n_words"]]
    units = coded[["doc_id", "paragraph"]].merge(lengths, on=["doc_id", "paragraph"], how="left")
    if units["n_words"].isna().any():
        raise ValueError("length_adjusted: coded paragraphs missing from corpus.paragraphs; pass the corpus that was coded")
    edges = np.unique(np.quantile(units["n_words"], np.linspace(0, 1, strata + 1)))
    bins = np.clip(np.searchsorted(edges, units["n_words"].to_numpy(), side="right") - 1, 0, max(len(edges) - 2, 0))
    n_bins = max(len(edges) - 1, 1)
    weights = np.bincount(bins, minlength=n_bins) / len(bins)
    # Bin k holds edges[k] <= words < edges[k + 1] (the last bin also its upper edge); words are whole.
    labels = [f"{math.ceil(edges[k])}–{math.ceil(edges[k + 1]) - 1 if k < n_bins - 1 else int(edges[-1])}"
              if len(edges) > 1 else f"{int(edges[0])}" for k in range(n_bins)]
    described = "; ".join(f"{label} words {w:.2f}" for label, w in zip(labels, weights))
    present = presence(coded, frames=frames).reset_index(drop=True)
    assigned = (grouping.assign(corpus, by=by, period=period, where="length_adjusted")[["doc_id", *keys]]
                if keys else corpus.documents[["doc_id"]])
    table = units.assign(_bin=bins).join(present).merge(assigned, on="doc_id", how="inner")
    rows = []
    for key, part in (table.groupby(keys, sort=True, dropna=False) if keys else [((), table)]):
        key = key if isinstance(key, tuple) else (key,)
        docs, doc_index = np.unique(part["doc_id"].to_numpy(), return_inverse=True)
        cell = doc_index * n_bins + part["_bin"].to_numpy()
        totals = np.bincount(cell, minlength=len(docs) * n_bins).reshape(len(docs), n_bins)
        picks = (np.random.default_rng(seed).integers(0, len(docs), (intervals, len(docs)))
                 if intervals else None)
        for frame in frames:
            hits_ = np.bincount(cell, weights=part[frame].to_numpy(dtype=float),
                                minlength=len(docs) * n_bins).reshape(len(docs), n_bins)
            within = np.divide(hits_.sum(0), totals.sum(0), out=np.full(n_bins, np.nan), where=totals.sum(0) > 0)
            lacking = [labels[k] for k in range(n_bins) if totals.sum(0)[k] == 0 and weights[k] > 0]
            adjusted = float(np.dot(weights, within)) if not lacking else float("nan")
            low = high = float("nan")
            if picks is not None and not lacking:
                num, den = hits_[picks].sum(axis=1), totals[picks].sum(axis=1)   # resamples x strata
                shares = np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0)
                values = shares @ weights
                values = values[~np.isnan(values)]
                if len(values):
                    low, high = (float(v) for v in np.percentile(values, [2.5, 97.5]))
            rows.append({**dict(zip(keys, key)), "frame": frame, "units_total": int(totals.sum()),
                         "mean_words": round(float(part["n_words"].mean()), 1),
                         "share": round(float(part[frame].mean()), 4),
                         "share_length_adjusted": round(adjusted, 4),
                         "share_length_adjusted_low": round(low, 4), "share_length_adjusted_high": round(high, 4),
                         "strata": described,
                         "note": f"no paragraph of {', '.join(lacking)} words: no adjusted share" if lacking else ""})
    return pd.DataFrame(rows)


def cooccurrence(coded: pd.DataFrame, *, frames: list[str] | None = None) -> pd.DataFrame:
    """Frame by frame: in how many units both are present (the diagonal: units with the frame).

    Args:
        coded (DataFrame): ``code`` or ``predict`` output.
        frames (list of str or None, default None): the frames; None reads them from the columns.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> cooccurrence(code(corpus)).loc["conflict", "security"].item()
    2
    """
    present = presence(coded, frames=frames)
    return present.T.dot(present)


def by_document(coded: pd.DataFrame, *, frames: list[str] | None = None) -> pd.DataFrame:
    """Per document and frame: units (paragraphs) where it is present, and its matches.

    Args:
        coded (DataFrame): ``code`` or ``predict`` output.
        frames (list of str or None, default None): the frames; None reads them from the columns.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> by_document(code(corpus))[("units", "economic")].item()
    7
    """
    frames = frames_of(coded) if frames is None else frames
    present = presence(coded, frames=frames).assign(doc_id=coded["doc_id"].to_numpy())
    units = present.groupby("doc_id", sort=False)[frames].sum()
    matches = coded.groupby("doc_id", sort=False)[frames].sum()
    return pd.concat({"units": units, "matches": matches}, axis=1)


# --- frames and actors -----------------------------------------------------------------------------

def actors_by_frame(corpus, coded: pd.DataFrame, *, actors=None) -> pd.DataFrame:
    """For each frame, the units where it is present, by the actors they mention (one, several, neither).

    Args:
        corpus (Corpus): the corpus that was coded.
        coded (DataFrame): ``code`` or ``predict`` output at the paragraph unit.
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> actors_by_frame(corpus, code(corpus)).loc["slogan"].to_dict()
    {'China': 0, 'China + United States': 1, 'United States': 0, 'neither': 0}
    """
    from framelab.actors import groups

    _paragraph_unit(coded, "actors_by_frame")
    frames = frames_of(coded)
    present = presence(coded, frames=frames).assign(actors=groups(corpus, coded, actors=actors))
    table = present.groupby("actors")[frames].sum()
    return table.T.rename_axis(index="frame", columns="actors")


@checks.parameters(frames=checks.Words(what="frames"), actors=checks.ActorLists())
def entman(corpus, coded: pd.DataFrame, *, frames=("conflict", "security"), actors=None) -> pd.DataFrame:
    """A reading aid after Entman (1993): the paragraphs flagged by the given frames, with the actors
    they name and the words that flagged them, so a reader can note who is cast as the cause and
    what remedy is proposed. No causal role is extracted automatically.

    Args:
        corpus (Corpus): the corpus that was coded.
        coded (DataFrame): ``code`` output at the paragraph unit.
        frames (list of str, default ("conflict", "security")): the frames that flag a paragraph.
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> entman(corpus, code(corpus))["paragraph"].tolist()
    [6, 7, 14, 15]
    """
    from framelab.actors import mentions

    _paragraph_unit(coded, "entman")
    frames = [f for f in frames if f in coded.columns]
    flagged = coded[(coded[frames] > 0).any(axis=1)] if frames else coded.iloc[0:0]
    found = mentions(corpus, actors=actors)
    names = found.groupby(["doc_id", "paragraph"])["surface_form"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    text = corpus.paragraphs.set_index(["doc_id", "paragraph"])["text"]
    rows = []
    for row in flagged.to_dict("records"):
        key = (row["doc_id"], row["paragraph"])
        rows.append({"doc_id": row["doc_id"], "paragraph": row["paragraph"],
                     "frames": ", ".join(f for f in frames if row[f] > 0),
                     "flagged_by": "; ".join(row[f"{f}_hits"] for f in frames if row.get(f"{f}_hits")),
                     "actors_named": names.get(key, ""), "text": text.get(key, "")})
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "frames", "flagged_by", "actors_named", "text"])


# --- the slogan -------------------------------------------------------------------------------------

@checks.keywords_after("codebook")
@checks.parameters(codebook=checks.Instance("Codebook", hint="from load_codebook() or Codebook.from_dict()"), paragraphs=checks.Integer(minimum=0, none=True),
                   window=checks.Integer(minimum=0, none=True))
def slogan(corpus, coded: pd.DataFrame, *, codebook: Codebook | None = None, frame: str = "slogan",
           paragraphs: int | None = None, by=None, period=None, window: int | None = None) -> pd.DataFrame:
    """Every occurrence of the slogan frame: where it stands, which rendering, what surrounds it.

    Args:
        corpus (Corpus): the corpus that was coded.
        coded (DataFrame): ``code(corpus, codebook=codebook)`` at the paragraph unit.
        codebook (Codebook or None, default None): None for framelab's default codebook.
        frame (str, default "slogan"): the frame whose matches are the slogan's renderings.
        paragraphs (int or None, default None): paragraphs before and after that count as the
            slogan's surroundings (None: 1).
        by (str, list of str or None, default None): metadata column(s) shown beside doc_id.
        period (str, list of int or None, default None): a time bin of the date shown beside doc_id
            ("year", "decade", ...; see ``framelab.groups``).
        window (int or None, default None): deprecated name of ``paragraphs`` (``window`` means
            words on each side everywhere else in framelab).

    Returns:
        doc_id, [the group columns,] date, paragraph, of (paragraphs in the document), position (paragraph / of),
        rendering (the codebook indicator that matched, variants kept apart; for a regular-expression
        indicator the words it matched, see ``rendering_name``), match (as written), before_slogan (True when the document is dated before the frame's ``introduced``
        year: an earlier use, for the reader to judge; missing when the codebook gives no year),
        the frames present in the same paragraph and within ``paragraphs`` paragraphs, and
        sentence (the sentence that holds the match).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> slogan(corpus, code(corpus))[["paragraph", "rendering"]].values.tolist()
    [[5, 'community of common destiny']]
    """
    _paragraph_unit(coded, "slogan")
    if window is not None and paragraphs is not None:
        checks.warn_ignored("slogan", "window", "paragraphs= is given (window is its deprecated name)")
        window = None
    if window is not None:
        import warnings

        warnings.warn("slogan(window=...) is now slogan(paragraphs=...): window means words on each side "
                      "everywhere else; the old name stops working in framelab 0.3", FutureWarning, stacklevel=4)
        if paragraphs is None:
            paragraphs = window
    paragraphs = 1 if paragraphs is None else paragraphs
    codebook = load_codebook() if codebook is None else codebook
    found = hits(corpus, codebook=codebook)
    table = _slogan_rows(corpus, coded, found[found["frame"] == frame], frame, paragraphs)
    introduced = codebook.frames[frame].introduced if frame in codebook.frames else None
    if not table.empty:
        years = pd.to_datetime(table["date"]).dt.year.astype("Int64")
        table.insert(table.columns.get_loc("match") + 1, "before_slogan",
                     (years < introduced) if introduced is not None else pd.array([pd.NA] * len(table), dtype="boolean"))
    if by is None and period is None:
        return table
    from framelab import groups as grouping

    columns = grouping.group_columns(by=by, period=period)
    assigned = grouping.assign(corpus, by=by, period=period, where="slogan")[["doc_id", *columns]]
    if table.empty:
        return pd.DataFrame(columns=["doc_id", *columns, *_SLOGAN_COLUMNS, f"frames_within_{paragraphs}", "sentence"])
    return assigned.merge(table, on="doc_id", how="inner")


def rendering_name(indicator: str, match: str) -> str:
    """What a slogan use is listed as: its codebook indicator, or, for a regular-expression indicator,
    the words it matched (lower case, spacing and quotes normalised), never the pattern itself.

    >>> rendering_name("community of common destiny", "Community of Common Destiny")
    'community of common destiny'
    >>> rendering_name(r"regex:\\bcommunity of \\w+ with a shared future\\b",
    ...                "community of development  with a shared future")
    'community of development with a shared future'

    Args:
        indicator (str): the indicator that matched (``hits``' ``indicator``).
        match (str): the text it matched.
    """
    if not indicator.startswith("regex:"):
        return indicator
    return " ".join(normalize_quotes(match).lower().split())


@checks.keywords_after("codebook")
def slogan_concordance(corpus, *, codebook: Codebook | None = None, frame: str = "slogan", window: int = 8,
                       by=None, period=None) -> pd.DataFrame:
    """One concordance line per use of the slogan: the same uses, counted the same way, as ``slogan``
    and ``renderings`` (the longest rendering at a place, once), so every notebook gives one count.

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): None for framelab's default codebook.
        frame (str, default "slogan"): the frame whose matches are the slogan's renderings.
        window (int, default 8): words of context on each side, within the paragraph.
        by (str, list of str or None, default None): metadata column(s) shown beside doc_id.
        period (str, list of int or None, default None): a time bin of the date shown beside doc_id.

    Returns:
        doc_id, [the group columns,] paragraph, rendering (as ``slogan``), left, match, right; in corpus order.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> slogan_concordance(corpus, window=3)[["left", "match", "right"]].values.tolist()
    [['build a "', 'community of common destiny', '" online?']]
    """
    from framelab.terms import context

    codebook = load_codebook() if codebook is None else codebook
    if frame not in codebook.frames:
        raise checks.invalid_value("slogan_concordance", "frame", frame, f"a frame of the codebook: {codebook.frame_names}")
    found = hits(corpus, codebook=codebook.only([frame]))   # one frame: its matches, found faster
    columns = ["doc_id", "paragraph", "rendering", "left", "match", "right"]
    sentences = corpus.sentences.set_index(["doc_id", "paragraph", "sentence"])["text"]
    paragraphs = corpus.paragraphs.set_index(["doc_id", "paragraph"])["text"]
    rows = []
    for hit in found.itertuples(index=False):
        text = paragraphs[(hit.doc_id, hit.paragraph)]
        sentence = sentences[(hit.doc_id, hit.paragraph, hit.sentence)]
        # The match's place in the paragraph: its sentence's place (sentences are pieces of the paragraph,
        # in order) plus its offset in the sentence; the sentence alone if it cannot be placed.
        offset = _sentence_offset(text, sentences, hit.doc_id, hit.paragraph, hit.sentence)
        if offset is None:
            text, offset = sentence, 0
        left, right = context(text, offset + hit.start, offset + hit.end, window)
        rows.append((hit.doc_id, hit.paragraph, rendering_name(hit.indicator, hit.match), left, hit.match, right))
    table = pd.DataFrame(rows, columns=columns)
    if by is None and period is None:
        return table
    from framelab import groups as grouping

    keys = grouping.group_columns(by=by, period=period)
    assigned = grouping.assign(corpus, by=by, period=period, where="slogan_concordance")[["doc_id", *keys]]
    return assigned.merge(table, on="doc_id", how="inner")[["doc_id", *keys, *columns[1:]]]


def _sentence_offset(paragraph: str, sentences: pd.Series, doc_id, number: int, sentence: int) -> int | None:
    """Where sentence ``sentence`` of a paragraph starts in the paragraph's text (None if not found)."""
    position = 0
    for index in range(sentence + 1):
        piece = sentences.get((doc_id, number, index))
        if piece is None:
            return None
        found = paragraph.find(piece, position)
        if found < 0:
            return None
        if index == sentence:
            return found
        position = found + len(piece)
    return None


def renderings_of(codebook: Codebook | None = None, *, frame: str = "slogan") -> list[str]:
    """The word and phrase indicators of a frame: for the slogan, its renderings, as queries for
    ``terms.kwic`` (regex indicators are left out: KWIC takes words and phrases).

    Args:
        codebook (Codebook or None, default None): None for framelab's default codebook.
        frame (str, default "slogan"): the frame.

    >>> renderings_of()[:2]
    ['community of common destiny in cyberspace', 'community of common destiny']
    """
    codebook = load_codebook() if codebook is None else codebook
    if frame not in codebook.frames:
        raise checks.invalid_value("renderings_of", "frame", frame, f"a frame of the codebook: {codebook.frame_names}")
    return [i.text for i in codebook.frames[frame].indicators if not i.text.startswith("regex:")]


_SLOGAN_COLUMNS = ["date", "paragraph", "of", "position", "rendering", "match", "before_slogan", "frames_same_paragraph"]


@checks.keywords_after("codebook")
@checks.parameters(codebook=checks.Instance("Codebook", hint="from load_codebook() or Codebook.from_dict()"))
def renderings(corpus, coded: pd.DataFrame, *, codebook: Codebook | None = None, frame: str = "slogan",
               by=None, period=None) -> pd.DataFrame:
    """The slogan's renderings over time: when each first and last appears, in which group, how often,
    and the frames present in the paragraphs that hold it.

    Args:
        corpus (Corpus): the corpus that was coded.
        coded (DataFrame): ``code(corpus, codebook=codebook)`` at the paragraph unit.
        codebook (Codebook or None, default None): None for framelab's default codebook.
        frame (str, default "slogan"): the frame whose indicators are the renderings.
        by (str, list of str or None, default None): metadata column(s): one row per group and rendering.
        period (str, list of int or None, default None): a time bin of the date: one row per
            period (and group) and rendering.

    Returns:
        The group columns, group_documents and group_words (all the group's documents and words),
        rendering (the codebook indicator), occurrences, documents (that use it),
        first_year, first_doc_id (where it first appears: earliest date, then doc_id), last_year,
        before_slogan (occurrences dated before the frame's ``introduced`` year; see ``slogan``),
        frames_same_paragraph (each other frame with the number of occurrences whose paragraph
        has it, most frequent first); sorted by group, first_year and rendering. Documents without
        a date count, with no year.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> renderings(corpus, code(corpus))[["rendering", "occurrences", "first_year"]].values.tolist()
    [['community of common destiny', 1, 2015]]
    """
    found = slogan(corpus, coded, codebook=codebook, frame=frame, by=by, period=period)
    from framelab import groups as grouping

    keys = grouping.group_columns(by=by, period=period)
    columns = [*keys, "rendering", "occurrences", "documents", "first_year", "first_doc_id", "last_year",
               "before_slogan", "frames_same_paragraph"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    found = found.assign(_year=pd.to_datetime(found["date"]).dt.year.astype("Int64"))
    rows = []
    for key, part in found.groupby([*keys, "rendering"], sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        first = part.sort_values(["_year", "doc_id", "paragraph"], na_position="last").iloc[0]
        around = pd.Series([f for cell in part["frames_same_paragraph"] for f in cell.split(", ") if f])
        counted = around.value_counts().sort_index().sort_values(ascending=False, kind="stable")
        rows.append({**dict(zip([*keys, "rendering"], key)), "occurrences": len(part),
                     "documents": part["doc_id"].nunique(), "first_year": first["_year"],
                     "first_doc_id": first["doc_id"], "last_year": part["_year"].max(),
                     "before_slogan": int(part["before_slogan"].fillna(False).sum()),
                     "frames_same_paragraph": ", ".join(f"{f} {n}" for f, n in counted.items())})
    table = pd.DataFrame(rows, columns=columns)
    if keys:  # the documents and words behind each group, mentioning the slogan or not
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # slogan() has already warned about documents without a period
            behind = grouping.summary(corpus, by=by, period=period).rename(
                columns={"documents": "group_documents", "words": "group_words"})
        table = table.merge(behind, on=keys, how="left")
        table = table[[*keys, "group_documents", "group_words", *columns[len(keys):]]]
    return table.sort_values([*keys, "first_year", "rendering"], na_position="last", kind="stable").reset_index(drop=True)


def _slogan_rows(corpus, coded, found, frame, window):
    frames = [f for f in frames_of(coded) if f != frame]
    present = presence(coded, frames=frames).assign(doc_id=coded["doc_id"].to_numpy(), paragraph=coded["paragraph"].to_numpy())
    present = present.set_index(["doc_id", "paragraph"])
    sizes = corpus.documents.set_index("doc_id")["n_paragraphs"]
    sentences = corpus.sentences.set_index(["doc_id", "paragraph", "sentence"])["text"]
    dates = corpus.documents.set_index("doc_id")["date"]
    rows = []
    for hit in found.itertuples(index=False):
        same = [f for f in frames if present.loc[(hit.doc_id, hit.paragraph), f]]
        near = set()
        for p in range(hit.paragraph - window, hit.paragraph + window + 1):
            if p != hit.paragraph and (hit.doc_id, p) in present.index:
                near |= {f for f in frames if present.loc[(hit.doc_id, p), f]}
        rows.append({"doc_id": hit.doc_id, "date": dates.get(hit.doc_id), "paragraph": hit.paragraph,
                     "of": int(sizes[hit.doc_id]), "position": round(hit.paragraph / sizes[hit.doc_id], 3),
                     "rendering": rendering_name(hit.indicator, hit.match), "match": hit.match,
                     "frames_same_paragraph": ", ".join(same),
                     f"frames_within_{window}": ", ".join(f for f in frames if f in near),
                     "sentence": sentences.get((hit.doc_id, hit.paragraph, hit.sentence), "")})
    return pd.DataFrame(rows)


# --- validation against a reference coding -----------------------------------------------------------

#: Reference codings renamed in validation/ (a machine reading is not called hand coding): the old
#: names are still read, with a warning.
RENAMED_CODINGS = {"un_hand_coding.csv": "un_agent_coding.csv", "seed_hand_coding.csv": "seed_agent_coding.csv"}


def _renamed(path):
    path = Path(path)
    if not path.exists() and path.name in RENAMED_CODINGS and (path.parent / RENAMED_CODINGS[path.name]).exists():
        new = path.parent / RENAMED_CODINGS[path.name]
        warnings.warn(f"{path} was renamed {new.name}: it is a coding by language-model agents, not a hand "
                      "coding (validation/README.md); reading the new file", FutureWarning, stacklevel=3)
        return new
    return path


@checks.keywords_after("frames")
@checks.parameters(frames=checks.Words(what="frames"))
def read_coding(path, *, frames: list[str]) -> pd.DataFrame:
    """Read a reference coding CSV (by people or by machine readers): doc_id (or document),
    paragraph, optional coder, one 0/1 column per frame.

    Args:
        path (str or Path): the CSV file (format in ``validation/README.md``). The old names
            ``un_hand_coding.csv`` and ``seed_hand_coding.csv`` still read their renamed files.
        frames (list of str): the frame columns to read.

    >>> read_coding("validation/seed_agent_coding.csv", frames=["slogan"])["slogan"].sum().item()
    1

    Raises:
        ValueError: naming the file, the row and the column that is wrong.
    """
    path = _renamed(path)
    table = pd.read_csv(path, dtype={"doc_id": str, "document": str})
    if "doc_id" not in table.columns and "document" in table.columns:
        table = table.rename(columns={"document": "doc_id"})
    missing = [c for c in ["doc_id", "paragraph", *frames] if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected doc_id, paragraph, [coder], "
                         f"and one 0/1 column per frame: {frames}")
    if "coder" not in table.columns:
        table["coder"] = "coder"
    blank = table["coder"].isna() | (table["coder"].astype(str).str.strip() == "")
    if blank.any():
        row = int(np.flatnonzero(blank.to_numpy())[0]) + 2
        raise ValueError(f"{path}: line {row}: the 'coder' cell is empty; write who coded the paragraph "
                         "(or drop the coder column if one person coded everything)")
    table["coder"] = table["coder"].astype(str).str.strip()
    for frame in frames:
        bad = ~table[frame].isin([0, 1])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            raise ValueError(f"{path}: line {row}, column {frame!r}: {table[frame].iloc[row - 2]} is not 0 or 1")
    duplicated = table.duplicated(["coder", "doc_id", "paragraph"])
    if duplicated.any():
        row = int(np.flatnonzero(duplicated.to_numpy())[0]) + 2
        raise ValueError(f"{path}: line {row}: the same coder coded this paragraph twice")
    return table[["doc_id", "paragraph", "coder", *frames]]


def _paragraph_unit(coded: pd.DataFrame, where: str, name: str = "coded") -> None:
    """Functions that read paragraphs need a table coded at the paragraph unit."""
    units = set(coded["unit"]) if "unit" in coded.columns else ({"sentence"} if "sentence" in coded.columns else
                                                                 {"paragraph"} if "paragraph" in coded.columns else
                                                                 {"document"})
    if units != {"paragraph"} and len(coded):
        raise checks.invalid_value(where, name, f"a table coded at the {', '.join(sorted(units))} unit",
                                   'a table coded at the paragraph unit (code(corpus, unit="paragraph"))')


def _check_coverage(coding: pd.DataFrame, automatic: pd.DataFrame, sample) -> None:
    """Every coder must code every paragraph of the documents coded (or of the sample)."""
    keys = ["doc_id", "paragraph"]
    if sample is None:
        documents = set(coding["doc_id"])
        expected = automatic.loc[automatic["doc_id"].isin(documents), keys]
        what = "every paragraph of each document it codes (or pass sample= with the paragraphs drawn)"
    else:
        expected = (sample if isinstance(sample, pd.DataFrame) else pd.read_csv(sample, dtype={"doc_id": str}))[keys]
        what = "every paragraph of the sample"
    expected = set(map(tuple, expected.astype({"paragraph": int}).to_numpy().tolist()))
    for coder, rows in coding.groupby("coder"):
        coded = set(map(tuple, rows[keys].astype({"paragraph": int}).to_numpy().tolist()))
        missing = sorted(expected - coded)
        extra = sorted(coded - expected) if sample is not None else []
        if missing or extra:
            listed = ", ".join(f"{d} {p}" for d, p in (missing or extra)[:5])
            problem = (f"leaves out {len(missing)} paragraph(s) ({listed}{' ...' if len(missing) > 5 else ''})"
                       if missing else f"codes {len(extra)} paragraph(s) outside the sample ({listed})")
            raise ValueError(f"the reference coding of coder {coder!r} {problem}; a coding must cover {what}: "
                             "a missing paragraph is an error, not a 0")


@checks.parameters(intervals=checks.Integer(minimum=0))
def agreement(automatic: pd.DataFrame, reference, *, frames: list[str] | None = None, sample=None,
              intervals: int = 0, groups: pd.Series | None = None) -> pd.DataFrame:
    """Compare automatic coding (``code`` output, paragraph unit) with a reference coding.

    Args:
        automatic (DataFrame): ``code(corpus, codebook=...)`` or ``predict`` at the paragraph unit.
        reference (DataFrame or path): from ``read_coding``, or the path of a coding CSV (say in
            your report who coded it: people, or machine readers such as language-model agents).
        frames (list of str or None, default None): frames to compare; None reads them from the
            columns of ``automatic``.
        sample (DataFrame, path or None, default None): for a coding of sampled paragraphs: the sample (DataFrame or CSV with doc_id and
            paragraph), which every coder must cover exactly. Without it every coder must code
            every paragraph of each document they code.
        intervals (int, default 0): with a number of resamples (say 2000), 95 % percentile
            bootstrap intervals over paragraphs for precision, recall, F1 and kappa
            (``<metric>_low``/``_high``), from a fixed seed; 0 for none.
        groups (Series or None, default None): a group label (a decade, a country) per paragraph,
            indexed by ``doc_id`` (every paragraph of a document in its group) or by ``(doc_id,
            paragraph)``: the table is then computed within each group (sorted), with a first
            column ``group``. Every compared paragraph needs a group.

    Returns:
        Per frame: paragraphs compared, positives in the reference (``reference``) and in the
        automatic coding, true/false positives and negatives, precision, recall, F1, Cohen's kappa
        (automatic against the reference), coders, and Krippendorff's alpha among the reference's
        coders (NaN with one coder). With several coders the reference is the majority (a tie
        counts as present).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> table = agreement(code(corpus), "validation/seed_agent_coding.csv")
    >>> table.set_index("frame").loc["conflict", ["true_positive", "false_positive", "false_negative"]].tolist()
    [2, 0, 1]
    """
    _paragraph_unit(automatic, "agreement", "automatic")
    coding = reference
    frames = frames_of(automatic) if frames is None else frames
    checks.Words(what="frames").check("agreement", "frames", frames)
    if not isinstance(coding, pd.DataFrame):
        coding = read_coding(coding, frames=frames)
    keys = ["doc_id", "paragraph"]
    auto = automatic.set_index(keys)[frames].gt(0).astype(int)
    coders = sorted(coding["coder"].unique())
    reference = coding.groupby(keys)[frames].mean().ge(0.5).astype(int)
    missing = reference.index.difference(auto.index)
    if len(missing):
        raise ValueError(f"the reference coding names paragraphs the corpus does not have: {list(missing)[:5]}")
    _check_coverage(coding, automatic, sample)
    auto = auto.loc[reference.index]
    # Every coder's codes, one column per (frame, coder), made once for all frames and groups.
    wide_all = (coding.groupby([*keys, "coder"])[frames].first().unstack("coder").reindex(reference.index)
                if len(coders) > 1 else None)
    if groups is None:
        blocks = [(None, np.ones(len(reference), dtype=bool))]
    else:
        labels = _group_labels(groups, reference.index)
        blocks = [(label, labels == label) for label in sorted(pd.unique(labels))]
    majority, automatic_codes = reference[frames].to_numpy(), auto[frames].to_numpy()
    per_coder = None if wide_all is None else [wide_all[frame].to_numpy(dtype=float) for frame in frames]
    tables = [_agreement_rows(majority[mask], automatic_codes[mask],
                              None if per_coder is None else [codes[mask] for codes in per_coder], frames,
                              len(coders), intervals).assign(group=label)
              for label, mask in blocks]
    table = pd.concat(tables, ignore_index=True)
    if groups is None:
        return table.drop(columns="group")
    return table[["group"] + [c for c in table.columns if c != "group"]]


def _group_labels(groups: pd.Series, index: pd.MultiIndex) -> np.ndarray:
    """The group of each (doc_id, paragraph) of ``index``; every one must have one."""
    if not isinstance(groups, pd.Series):
        raise checks.invalid_type("agreement", "groups", groups, "a Series of group labels or None")
    if isinstance(groups.index, pd.MultiIndex):
        labels = groups.reindex(index)
    else:
        labels = pd.Series(groups.reindex(index.get_level_values(0)).to_numpy(), index=index)
    if labels.isna().any():
        first = labels.index[labels.isna()][0]
        raise ValueError(f"agreement: paragraph {first[1]} of {first[0]!r} has no group; give every compared "
                         "paragraph one, or leave it out of both codings")
    return labels.to_numpy()


def _agreement_rows(reference: np.ndarray, auto: np.ndarray, per_coder, frames: list[str], coders: int,
                    intervals: int) -> pd.DataFrame:
    """``agreement``'s table for one set of paragraphs: the majority (``reference``) and automatic codes
    (``auto``), 0/1 arrays with a column per frame, and per frame every coder's codes (``per_coder``:
    paragraphs x coders, NaN where a coder did not code; None for one coder)."""
    rows = []
    for number, frame in enumerate(frames):
        h, a = reference[:, number], auto[:, number]
        tp, fp = int(((a == 1) & (h == 1)).sum()), int(((a == 1) & (h == 0)).sum())
        fn, tn = int(((a == 0) & (h == 1)).sum()), int(((a == 0) & (h == 0)).sum())
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp else (0.0 if fp + fn else float("nan"))
        alpha = float("nan")
        if coders > 1:
            codes = per_coder[number]
            alpha = krippendorff_alpha(codes[~np.isnan(codes).all(axis=1)])
        row = {"frame": frame, "paragraphs": len(h), "reference": int(h.sum()), "automatic": int(a.sum()),
               "true_positive": tp, "false_positive": fp, "false_negative": fn, "true_negative": tn,
               "precision": precision, "recall": recall, "f1": f1, "kappa": cohen_kappa(a, h),
               "coders": coders, "alpha_coders": alpha}
        if intervals:
            for metric, (low, high) in stats.bootstrap_agreement(a, h, resamples=intervals).items():
                row[f"{metric}_low"], row[f"{metric}_high"] = low, high
        rows.append(row)
    table = pd.DataFrame(rows)
    numeric = ["precision", "recall", "f1", "kappa", "alpha_coders"]
    if intervals:
        numeric += [f"{m}_{end}" for m in ("precision", "recall", "f1", "kappa") for end in ("low", "high")]
    table[numeric] = table[numeric].astype(float).round(3)
    return table


@checks.keywords_after("corpus")
def disagreements(automatic: pd.DataFrame, reference, *, corpus=None, frames: list[str] | None = None) -> pd.DataFrame:
    """The paragraphs where the automatic coding and the reference coding differ, frame by frame,
    with the words that fired (and the paragraph text when ``corpus`` is given).

    Args:
        automatic (DataFrame): ``code`` or ``predict`` output at the paragraph unit.
        reference (DataFrame or path): from ``read_coding``, or the path of a coding CSV.
        corpus (Corpus or None, default None): to show each paragraph's text.
        frames (list of str or None, default None): None reads them from the columns of ``automatic``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> disagreements(code(corpus), "validation/seed_agent_coding.csv")[["paragraph", "frame"]].values.tolist()
    [[15, 'conflict'], [16, 'security']]
    """
    _paragraph_unit(automatic, "disagreements", "automatic")
    coding = reference
    frames = frames_of(automatic) if frames is None else frames
    if not isinstance(coding, pd.DataFrame):
        coding = read_coding(coding, frames=frames)
    keys = ["doc_id", "paragraph"]
    reference = coding.groupby(keys)[frames].mean().ge(0.5).astype(int)
    auto = automatic.set_index(keys)
    rows = []
    for key in reference.index:
        for frame in frames:
            a, h = int(auto.loc[key, frame] > 0), int(reference.loc[key, frame])
            if a != h:
                rows.append({"doc_id": key[0], "paragraph": key[1], "frame": frame,
                             "reference": h, "automatic": a, "words": auto.loc[key, f"{frame}_hits"]})
    table = pd.DataFrame(rows, columns=["doc_id", "paragraph", "frame", "reference", "automatic", "words"])
    if corpus is not None:
        text = corpus.paragraphs.set_index(keys)["text"]
        table["text"] = [text.get((d, p), "") for d, p in zip(table["doc_id"], table["paragraph"])]
    return table


def train(corpus, coding, *, frames: list[str] | None = None, with_codebook=False, seed: int = 0):
    """Learn a supervised classifier per frame from a reference coding (see ``framelab.classifier``).

    Args:
        corpus (Corpus): the corpus the coded paragraphs come from.
        coding (DataFrame or path): from ``read_coding``, or the path of a coding CSV.
        frames (list of str or None, default None): frames to learn (None: every frame of the coding).
        with_codebook (bool or Codebook, default False): False for words only; True to add the
            default codebook's counts per frame as features, or a Codebook to add its counts.
        seed (int, default 0): for the folds and the solver.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> coding = read_coding("validation/un_agent_coding.csv", frames=["economic"]).head(300)
    >>> train(corpus, coding).frames
    ['economic']
    """
    from framelab import classifier

    if not isinstance(coding, pd.DataFrame):
        coding = read_coding(coding, frames=frames or _coding_frames(coding))
    return classifier.train(corpus, coding, frames=frames, with_codebook=with_codebook, seed=seed)


def predict(corpus, model) -> pd.DataFrame:
    """Code every paragraph with a trained classifier: the table shape of ``code``.

    Args:
        corpus (Corpus): the corpus to code.
        model (FrameClassifier): from ``train``.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> coding = read_coding("validation/un_agent_coding.csv", frames=["economic"]).head(300)
    >>> frames_of(predict(corpus, train(corpus, coding)))
    ['economic']
    """
    from framelab import classifier

    return classifier.predict(corpus, model)


def _coding_frames(path) -> list[str]:
    columns = pd.read_csv(path, nrows=0).columns
    return [c for c in columns if c not in ("doc_id", "document", "paragraph", "coder", "unit")]



@dataclass
class Highlight:
    """One paragraph marked for reading (``highlight``): ``html`` (shown by ``_repr_html_`` in a
    notebook and in exported reports), and the tables behind it: ``hits`` (frame indicator
    matches), ``actors`` (actor mentions) and ``sentiment`` (each sentence's VADER compound score
    and the words that made it). Offsets are in the sentence."""

    doc_id: str
    paragraph: int
    html: str
    hits: pd.DataFrame
    actors: pd.DataFrame
    sentiment: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return (f"Highlight({self.doc_id!r}, paragraph {self.paragraph}: {len(self.hits)} indicator match(es), "
                f"{len(self.actors)} actor mention(s), {len(self.sentiment)} sentence(s))")


def _tint(colour: str, share: float = 0.45) -> str:
    """``colour`` (#rrggbb) mixed with white: a background that keeps text readable."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def highlight(corpus, doc_id: str, paragraph: int, *, codebook: Codebook | None = None) -> Highlight:
    """A paragraph with every frame indicator marked (one colour per frame, with a legend),
    actor mentions underlined and, under each sentence, its VADER score and the words behind it.

    Args:
        corpus (Corpus): a loaded corpus.
        doc_id (str): the document.
        paragraph (int): the paragraph's number in the document (as in ``corpus.paragraphs``).
        codebook (Codebook or None, default None): None for framelab's default codebook.

    Returns:
        A ``Highlight``: its HTML shows in a notebook, in exported reports and in the explorer;
        the same HTML for the same paragraph (no random ids). Every match is marked; the legend
        counts them per frame and says where a frame's matches stay below its threshold (the frame
        is then absent in ``code``).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> marked = highlight(corpus, "000_3b2f7dccf8ea1ef8", 5)
    >>> marked.hits.query("frame == 'slogan'")["match"].tolist()
    ['community of common destiny']
    """
    from framelab.actors import default_matcher
    from framelab.explain import explain
    from framelab.figures import PALETTE

    codebook = load_codebook() if codebook is None else codebook
    sentences = corpus.sentences
    chosen = sentences[(sentences["doc_id"] == doc_id) & (sentences["paragraph"] == int(paragraph))]
    if not len(chosen):
        known = corpus.paragraphs.loc[corpus.paragraphs["doc_id"] == doc_id, "paragraph"]
        where = (f"document {doc_id!r} has paragraphs {int(known.min())}-{int(known.max())}" if len(known)
                 else f"there is no document {doc_id!r} in this corpus")
        raise ValueError(f"highlight: no paragraph {paragraph} of document {doc_id!r}: {where}")
    texts = chosen["text"].tolist()
    numbers = chosen["sentence"].astype(int).tolist()
    names = codebook.frame_names
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    found = _Matcher(codebook).batch(texts)
    hit_rows = [(numbers[s], names[n], indicator, texts[s][a:b], a, b) for s, n, indicator, a, b in found]
    hits_table = pd.DataFrame(hit_rows, columns=["sentence", "frame", "indicator", "match", "start", "end"])
    matcher = default_matcher()
    actor_rows = [(numbers[i], actor, form, start, start + len(form))
                  for i, text in enumerate(texts) for actor, form, start in matcher.find(text)]
    actors_table = pd.DataFrame(actor_rows, columns=["sentence", "actor", "surface_form", "start", "end"])
    sentiment_rows, parts = [], []
    for i, text in enumerate(texts):
        spans = [(a, b, ("frame", f)) for s, f, _, _, a, b in hit_rows if s == numbers[i]]
        spans += [(a, b, ("actor", actor)) for s, actor, _, a, b in actor_rows if s == numbers[i]]
        cuts = sorted({0, len(text), *[p for a, b, _ in spans for p in (a, b)]})
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            piece = html.escape(text[a:b])
            frames = [f for f in names if any(s <= a and b <= e and kind == ("frame", f) for s, e, kind in spans)]
            actor = next((k[1] for s, e, k in spans if k[0] == "actor" and s <= a and b <= e), None)
            if actor is not None:
                piece = (f'<span class="fl-actor" data-actor="{html.escape(actor)}" title="actor: '
                         f'{html.escape(actor)}" style="border-bottom:2px solid #222;font-weight:600">{piece}</span>')
            if frames:
                stripes = "".join(f";box-shadow:inset 0 -3px 0 {colours[f]}" for f in frames[1:2])
                piece = (f'<mark class="fl-frame" data-frames="{" ".join(frames)}" title="frame: '
                         f'{", ".join(frames)}" style="background:{_tint(colours[frames[0]])}{stripes};'
                         f'color:inherit;padding:0 1px">{piece}</mark>')
            pieces.append(piece)
        explained = explain(text)
        compound = float(explained.attrs.get("compound", 0.0))
        words = explained[explained["contribution"].abs() > 0] if "contribution" in explained else explained.head(0)
        because = ", ".join(f"{html.escape(str(t))} {c:+.2f}" for t, c in zip(words["token"], words["contribution"]))
        sentiment_rows.append((numbers[i], compound, because))
        parts.append(f'<p class="fl-sentence" style="margin:4px 0">{"".join(pieces)}<br><span class="fl-vader" '
                     f'style="font-size:smaller;color:#555">VADER compound {compound:+.3f}'
                     f'{": " + because if because else ""}</span></p>')
    weights = {(f.name, i.text): i.weight for f in codebook.frames.values() for i in f.indicators}

    def count(name: str) -> str:
        """The frame's matches; where they stay below its threshold, say so (the frame is absent)."""
        mine = hits_table[hits_table["frame"] == name]
        score = sum(weights[(name, text)] for text in mine["indicator"])
        threshold = codebook.frames[name].threshold
        if len(mine) and score < threshold - 1e-9:
            return f"{len(mine)}, weight {score:g} below the threshold {threshold:g}: not present"
        return str(len(mine))

    legend = " ".join(
        f'<span class="fl-legend" data-frame="{name}" style="background:{_tint(colours[name])};padding:0 4px;'
        f'margin-right:4px">{html.escape(codebook.frames[name].label)}: {count(name)}</span>' for name in names)
    page = (f'<div class="fl-highlight" data-doc="{html.escape(str(doc_id))}" data-paragraph="{int(paragraph)}" '
            f'style="border:1px solid #ccc;padding:6px;line-height:1.6">'
            f'<div style="font-size:smaller"><b>{html.escape(str(doc_id))}, paragraph {int(paragraph)}</b> · '
            f'frames (indicator matches): {legend} · <span style="border-bottom:2px solid #222;font-weight:600">'
            f'actor</span></div>{"".join(parts)}</div>')
    return Highlight(doc_id=str(doc_id), paragraph=int(paragraph), html=page, hits=hits_table,
                     actors=actors_table,
                     sentiment=pd.DataFrame(sentiment_rows, columns=["sentence", "compound", "words"]))
