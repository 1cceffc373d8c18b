"""Split clean text into paragraphs and sentences, and count words, with no downloaded data.

Sentences come from NLTK's Punkt algorithm with an abbreviation list from
``framelab/data/abbreviations.txt`` instead of a trained (downloaded) model, so "U.S.",
"Mr." or "Sept." do not end a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from framelab.resources import read_list, read_yaml

__all__ = ["split_paragraphs", "split_sentences", "split_sentences_simply", "split_sentences_safely", "count_words"]

_WORD = re.compile(r"\S*[^\W_]\S*")


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    parameters = PunktParameters()
    parameters.abbrev_types = {a.lower().rstrip(".") for a in read_list("abbreviations.txt")}
    return PunktSentenceTokenizer(parameters)


@lru_cache(maxsize=1)
def _abbreviation_ends() -> re.Pattern:
    """Where a sentence ends after an abbreviation (``data/sentence_ends.yaml``)."""
    rules = read_yaml("sentence_ends.yaml")
    finals = "|".join(re.escape(a) for a in sorted(rules["final_abbreviations"], key=len, reverse=True))
    starters = "|".join(re.escape(s) for s in rules["starters"])
    numbers = "|".join(re.escape(a) for a in rules["number_abbreviations"])
    return re.compile(rf"(?<![\w.])(?:(?:{finals})(?=\s+(?:{starters})\b)|(?:{numbers})(?=\s+[^\W\d_]))")


def _cut_after(pattern: re.Pattern, text: str) -> list[str]:
    """``text`` cut after every match of ``pattern``; pieces stripped, empty ones dropped."""
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces.append(text[start:match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _split_after_abbreviations(sentence: str) -> list[str]:
    return _cut_after(_abbreviation_ends(), sentence)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a clean body: one per non-empty line.

    Args:
        text (str): a clean body, one paragraph per line.

    >>> split_paragraphs("First.\\n\\n Second. ")
    ['First.', 'Second.']
    """
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph.

    Punkt does not end a sentence at a listed abbreviation ("Mr.", "U.S."); a second pass ends
    one after "U.S.", "etc." and the like when a sentence starter follows, and after "no." when
    no number follows (``data/sentence_ends.yaml``).

    >>> split_sentences("Mr. Xi met U.S. President Obama. They talked.")
    ['Mr. Xi met U.S. President Obama.', 'They talked.']
    >>> split_sentences("He visited the U.S. The talks went well.")
    ['He visited the U.S.', 'The talks went well.']

    Args:
        paragraph (str): one paragraph.
    """
    return [part for s in _punkt().tokenize(paragraph) for part in _split_after_abbreviations(s.strip())]


# Fallback boundary: . ! or ? (and closing quotes/brackets), then space and a capital or digit.
_SIMPLE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_sentences_simply(paragraph: str) -> list[str]:
    """Sentences by a plain rule (end punctuation, a space, a capital), in linear time.

    The fallback for a paragraph on which Punkt gives up; abbreviations such as "Mr." may
    end a sentence here.

    >>> split_sentences_simply("It rained. Talks went on! Did they end? Yes.")
    ['It rained.', 'Talks went on!', 'Did they end?', 'Yes.']

    Args:
        paragraph (str): one paragraph.
    """
    return _cut_after(_SIMPLE_END, paragraph)


def split_sentences_safely(paragraph: str) -> tuple[list[str], bool]:
    """``(sentences, fell_back)``: Punkt's sentences, or, when one of NLTK's guarded regular
    expressions hits its time limit on a giant paragraph (``TimeoutError``), the plain rule's
    sentences and ``True``, so that one paragraph never aborts a load.

    Args:
        paragraph (str): one paragraph.

    >>> split_sentences_safely("It rained. Talks went on.")
    (['It rained.', 'Talks went on.'], False)
    """
    try:
        return split_sentences(paragraph), False
    except (TimeoutError, RecursionError):
        return split_sentences_simply(paragraph), True


def count_words(text: str) -> int:
    """Number of words: whitespace-separated pieces holding at least one letter or digit.

    "U.S.", "China-U.S." and "2.5" count as one word each; a lone dash or quote counts as none.

    >>> count_words('China-U.S. trade grew 2.5 percent -- "a lot."')
    7

    Args:
        text (str): any text.
    """
    return len(_WORD.findall(text))
