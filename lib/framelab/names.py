"""Mask proper names before sentiment scoring: a name is not an opinion.

VADER rates "united" +1.8 and "security" +1.4, so every "United States", "United Nations" or
"Security Council" lifts the score of its sentence. The declared names (``data/names.txt``, the
surface forms of ``data/actors.yaml`` and the capitalised phrases of ``data/phrases.yaml``) are
replaced, word for word, by a placeholder that no lexicon knows ("Name", or "NAME" for a word in
capitals, so VADER's capitals rule sees the same sentence shape).
"""
from __future__ import annotations

import re
from functools import lru_cache

from framelab.resources import read_list, read_yaml

__all__ = ["mask", "declared_names", "PLACEHOLDER"]

PLACEHOLDER = "Name"


@lru_cache(maxsize=1)
def declared_names() -> tuple[str, ...]:
    """Every name that is masked by default, longest first.

    >>> "Security Council" in declared_names() and "United States" in declared_names()
    True
    """
    from framelab.tokens import load_phrases

    names = set(read_list("names.txt"))
    names |= {form.rstrip("-") for forms in read_yaml("actors.yaml")["actors"].values() for form in forms}
    names |= {phrase for phrase in load_phrases() if any(ch.isupper() for ch in phrase)}
    return tuple(sorted((n for n in names if n.strip()), key=lambda n: (-len(n), n)))


@lru_cache(maxsize=8)
def _pattern(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in names)
    # Whole words, case-sensitive; a possessive "'s" stays outside the mask.
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def _placeholder(word: str) -> str:
    letters = [ch for ch in word if ch.isalpha()]
    return PLACEHOLDER.upper() if letters and all(ch.isupper() for ch in letters) and len(letters) > 1 else PLACEHOLDER


def mask(text: str, *, names=None) -> str:
    """``text`` with every declared name replaced word for word by the placeholder.

    Args:
        text (str): a sentence or any string.
        names (list of str or None, default None): names to mask instead of ``declared_names()``.

    >>> mask("The United States and the U.S. Security Council's members met.")
    "The Name Name and the NAME Name Name's members met."
    """
    names = declared_names() if names is None else tuple(sorted(set(names), key=lambda n: (-len(n), n)))
    if not names:
        return text
    return _pattern(names).sub(lambda m: re.sub(r"\S+", lambda w: _placeholder(w.group(0)), m.group(0)), text)
