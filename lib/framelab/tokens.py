"""News-aware tokens: "U.S." stays one token, declared phrases stay whole, possessives count for the name.

Rules, in the order they are applied (each one pass of a regular expression over the text):

1. Case-sensitive rewrites from ``data/tokens.yaml`` ("US" -> "U.S."), so the country never
   becomes the pronoun "us" when the text is lower-cased.
2. Hyphenated compounds of actor names from ``data/actors.yaml`` are split ("China-U.S." ->
   "China U.S.", "Sino-US" -> "Sino U.S."); other hyphenated words stay whole ("car-hailing").
3. Lower-casing.
4. Declared phrases from ``data/phrases.yaml`` become one token, tolerant of case, line breaks
   and hyphens; where phrases nest or overlap, the leftmost-longest match wins.
5. Tokens: phrases, abbreviations ("u.s."), words (letters, digits, inner hyphens and
   apostrophes), numbers ("2.5", "1,000", "9/11"); a possessive "'s" is dropped ("Xi's" -> "xi").
   Punctuation is not a token.

No downloaded data is used. Stopwords: wordcloud's maintained English list plus
``data/stopwords.txt``.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from framelab.resources import data_path, read_list, read_yaml

#: Joins the words of a phrase inside the tokenizer; shown as a space in every result.
_JOIN = "_"
_PHRASE_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(
    r"([^\W_]+(?:_[^\W_]+)+"                        # a declared phrase, joined
    r"|(?:[^\W\d_]\.){2,}"                           # an abbreviation: u.s., u.k., e.g.
    r"|[^\W_]*[^\W\d_][^\W_]*(?:-[^\W_]+)*"          # a word with at least one letter, inner hyphens
    r"(?:['’](?!s(?![^\W_]))[^\W_]+)*"               # ... and inner apostrophes other than 's: don't
    r"|\d+(?:[.,/]\d+)*)"                            # a number: 2.5, 1,000, 9/11
    r"(?:['’]s(?![^\W_]))?"                          # a possessive, dropped: Xi's -> xi
)


class PhraseError(ValueError):
    """A declared phrase cannot be used (names the phrase and the file)."""


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


def load_phrases(path=None) -> tuple[str, ...]:
    """Phrases from a YAML file with a ``phrases:`` list (default: ``data/phrases.yaml``)."""
    import yaml

    source = data_path("phrases.yaml") if path is None else path
    with open(source, encoding="utf-8") as handle:
        content = yaml.safe_load(handle) or {}
    phrases = content.get("phrases") if isinstance(content, dict) else None
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise PhraseError(f"{source}: expected a 'phrases:' list of strings")
    return tuple(phrases)


def _phrase_pattern(phrases: Iterable[str], source: str = "phrases") -> re.Pattern | None:
    alternatives = []
    for phrase in phrases:
        words = re.split(r"[\s\-]+", phrase.strip().lower())
        bad = [w for w in words if not _PHRASE_WORD.fullmatch(w)]
        if bad or len(words) < 2:
            reason = f"words may hold letters and digits only ({bad})" if bad else "needs two or more words"
            raise PhraseError(f"{source}: phrase {phrase!r}: {reason}; fix or remove it")
        alternatives.append((len(words), len(phrase), r"[\s\-]+".join(re.escape(w) for w in words)))
    if not alternatives:
        return None
    # Longest first, so that "community of common destiny" wins over "common destiny".
    alternatives.sort(key=lambda a: (-a[0], -a[1], a[2]))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(a[2] for a in alternatives) + r")(?![^\W_])")


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
        self._phrases = _phrase_pattern(self.phrases)
        self._rewrite = (re.compile(r"(?<![\w.])(?:" + _alternation(self.rewrite) + r")(?![\w])")
                         if self.rewrite else None)
        forms = {f.rstrip("-") for f in actor_forms} | set(self.rewrite.values())
        alternation = _alternation(forms)
        self._compound = re.compile(rf"(?<![^\W_])({alternation})-(?=(?:{alternation})(?![^\W_]))")

    def _prepare(self, text: str) -> str:
        text = text.replace(_JOIN, " ")
        if self._rewrite is not None:
            text = self._rewrite.sub(lambda m: self.rewrite[m.group(0)], text)
        text = self._compound.sub(r"\1 ", text).lower()
        if self._phrases is not None:
            text = self._phrases.sub(lambda m: re.sub(r"[\s\-]+", _JOIN, m.group(0)), text)
        return text

    def raw_tokens(self, text: str) -> list[str]:
        """Tokens with phrase words joined by ``_`` (fast path for counting; see ``display``)."""
        return _TOKEN.findall(self._prepare(text))

    def tokenize(self, text: str) -> list[str]:
        """Tokens of ``text``, phrases shown with spaces."""
        return [display(t) for t in self.raw_tokens(text)]

    def count(self, texts: Iterable[str]) -> Counter:
        """Token counts over many texts; phrase words joined by spaces."""
        counts: Counter = Counter()
        for text in texts:
            counts.update(self.raw_tokens(text))
        return Counter({display(t): n for t, n in counts.items()})


def display(token: str) -> str:
    """A token as shown in results: the words of a phrase joined by spaces."""
    return token.replace(_JOIN, " ") if _JOIN in token else token


@lru_cache(maxsize=1)
def default_tokenizer() -> Tokenizer:
    """The tokenizer built from the package's data files (built once)."""
    return Tokenizer()


def tokenize(text: str, *, phrases=None) -> list[str]:
    """Split ``text`` into lower-case tokens with news-aware rules (see the module docstring).

    Args:
        text: any text.
        phrases: phrases to keep whole instead of ``data/phrases.yaml``; ``()`` for none.

    >>> tokenize("China-U.S. ties: Xi's 2.5 trillion community-of-common-destiny plan")
    ['china', 'u.s.', 'ties', 'xi', '2.5', 'trillion', 'community of common destiny', 'plan']
    """
    tokenizer = default_tokenizer() if phrases is None else Tokenizer(phrases=phrases)
    return tokenizer.tokenize(text)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """wordcloud's English stopword list plus the project's ``data/stopwords.txt``, lower case."""
    from wordcloud import STOPWORDS

    return frozenset(w.lower() for w in STOPWORDS) | frozenset(read_list("stopwords.txt"))


def is_content(token: str, stop: frozenset[str] | None = None) -> bool:
    """True for a token worth counting as a term: not a stopword, not a number, not one letter.

    >>> [is_content(t) for t in ["cooperation", "the", "2.5", "u.s.", "x"]]
    [True, False, False, True, False]
    """
    stop = stopwords() if stop is None else stop
    return token not in stop and len(token) > 1 and any(ch.isalpha() for ch in token)
