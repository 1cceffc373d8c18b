"""VADER (vaderSentiment 3.3.2) with the same rules and the same scores, without repeated work.

The reference ``SentimentIntensityAnalyzer.polarity_scores`` rebuilds the text character by
character to replace emojis, and lower-cases every word of the sentence again for each
sentiment word it meets (in the negation, idiom and "but" checks). ``Analyzer`` does each once
per sentence: a text without a one-character emoji is left as it is, and the lower-cased words
are computed once and handed to the checks. Every rule, constant and lexicon is vaderSentiment's
own (imported, not copied); the tests compare the scores with the reference on every sentence of
the seed corpora and on texts written to reach each rule.
"""
from __future__ import annotations

from vaderSentiment import vaderSentiment as reference
from vaderSentiment.vaderSentiment import (BOOSTER_DICT, NEGATE, N_SCALAR, SPECIAL_CASES,
                                           SentimentIntensityAnalyzer, SentiText, scalar_inc_dec)

__all__ = ["Analyzer"]

_NEGATE = frozenset(NEGATE)


def negated(words) -> bool:
    """The reference's ``negated`` for one word (the only way its checks call it): a negation
    word, or a word containing "n't"."""
    word = str(words[0]).lower()
    return word in _NEGATE or "n't" in word


class _Words(list):
    """The words of a sentence, with their lower-cased forms computed once (``lower``)."""

    __slots__ = ("lower",)

    def __init__(self, words):
        super().__init__(words)
        self.lower = [str(w).lower() for w in words]


class Analyzer(SentimentIntensityAnalyzer):
    """``SentimentIntensityAnalyzer`` with identical scores, several times faster on long sentences.

    >>> text = "The talks were not good, but useful!"
    >>> Analyzer().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)
    True
    >>> Analyzer().polarity_scores("The talks were not good.")["compound"]   # 1.9 x -0.74 = -1.406
    -0.3412
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._one_character_emojis = frozenset(e for e in self.emojis if len(e) == 1)

    def polarity_scores(self, text):
        if text.isascii() or self._one_character_emojis.isdisjoint(text):
            text = text.strip()     # the reference's emoji pass changes nothing else here
        else:
            return super().polarity_scores(text)
        sentitext = SentiText(text)
        words = _Words(sentitext.words_and_emoticons)
        sentitext.words_and_emoticons = words
        lower = words.lower
        sentiments = []
        last = len(words) - 1
        for i, item in enumerate(words):
            item_lower = lower[i]
            if item_lower in BOOSTER_DICT:
                sentiments.append(0)
                continue
            if i < last and item_lower == "kind" and lower[i + 1] == "of":
                sentiments.append(0)
                continue
            if item_lower not in self.lexicon:   # the reference appends the valence 0 for these
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def sentiment_valence(self, valence, sentitext, item, i, sentiments):
        # The reference's rules, reading the lower-cased words from ``words.lower``.
        is_cap_diff = sentitext.is_cap_diff
        words = sentitext.words_and_emoticons
        lower = words.lower if isinstance(words, _Words) else [str(w).lower() for w in words]
        lexicon = self.lexicon
        item_lowercase = lower[i]
        if item_lowercase in lexicon:
            valence = lexicon[item_lowercase]
            if item_lowercase == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
                valence = 0.0
            if (i > 0 and lower[i - 1] == "no") \
               or (i > 1 and lower[i - 2] == "no") \
               or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
                valence = lexicon[item_lowercase] * N_SCALAR
            if item.isupper() and is_cap_diff:
                if valence > 0:
                    valence += reference.C_INCR
                else:
                    valence -= reference.C_INCR
            for start_i in range(0, 3):
                if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                    s = scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = self._negation_check(valence, words, start_i, i)
                    if start_i == 2:
                        valence = self._special_idioms_check(valence, words, i)
            valence = self._least_check(valence, words, i)
        sentiments.append(valence)
        return sentiments

    @staticmethod
    def _lower(words):
        return words.lower if isinstance(words, _Words) else [str(w).lower() for w in words]

    def _least_check(self, valence, words_and_emoticons, i):
        lower = self._lower(words_and_emoticons)
        if i > 1 and lower[i - 1] not in self.lexicon and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lower[i - 1] not in self.lexicon and lower[i - 1] == "least":
            valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _but_check(words_and_emoticons, sentiments):
        lower = Analyzer._lower(words_and_emoticons)
        if "but" in lower:
            bi = lower.index("but")
            # The reference looks each score up by value (``sentiments.index``), so equal scores
            # share the first one's place: kept as it is.
            for sentiment in sentiments:
                si = sentiments.index(sentiment)
                if si < bi:
                    sentiments.pop(si)
                    sentiments.insert(si, sentiment * 0.5)
                elif si > bi:
                    sentiments.pop(si)
                    sentiments.insert(si, sentiment * 1.5)
        return sentiments

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        lower = Analyzer._lower(words_and_emoticons)
        onezero = f"{lower[i - 1]} {lower[i]}"
        twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
        twoone = f"{lower[i - 2]} {lower[i - 1]}"
        threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
        threetwo = f"{lower[i - 3]} {lower[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(lower) - 1 > i:
            zeroone = f"{lower[i]} {lower[i + 1]}"
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(lower) - 1 > i + 1:
            zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        lower = Analyzer._lower(words_and_emoticons)
        if start_i == 0:
            if negated([lower[i - 1]]):
                valence = valence * N_SCALAR
        if start_i == 1:
            if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                valence = valence
            elif negated([lower[i - 2]]):
                valence = valence * N_SCALAR
        if start_i == 2:
            if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                    (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                valence = valence
            elif negated([lower[i - 3]]):
                valence = valence * N_SCALAR
        return valence
