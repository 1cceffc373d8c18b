"""How VADER and AFINN reached a score, token by token: the reference implementation's own steps,
run one by one, so that a reader can follow the sum to the compound score.

The steps call ``vaderSentiment``'s rule functions (``SentiText``, ``negated``, its booster and
idiom tables) in the order of ``SentimentIntensityAnalyzer.polarity_scores``; a test checks that
the explained compound score equals the reference score.
"""
from __future__ import annotations

import math

import pandas as pd

__all__ = ["explain", "explain_afinn", "compound_from_sum"]


def _analyzers():
    from framelab.sentiment import afinn, vader

    return vader(), afinn()



def _without_emojis(text: str) -> str:
    # The reference's first step (polarity_scores): emojis become their descriptions.
    analyzer, _ = _analyzers()
    out, prev_space = "", True
    for char in text:
        if char in analyzer.emojis:
            if not prev_space:
                out += " "
            out += analyzer.emojis[char]
            prev_space = False
        else:
            out += char
            prev_space = char == " "
    return out.strip()


def _rules(words: list[str], i: int, is_cap_diff: bool, lexicon: dict) -> list[str]:
    """Which of VADER's rules applied to word ``i``, following the conditions of the reference's
    ``sentiment_valence`` (a description: the numbers in ``explain`` come from VADER itself)."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SPECIAL_CASES, negated, scalar_inc_dec

    low = [w.lower() for w in words]
    word = low[i]
    if word in BOOSTER_DICT:
        return [f"booster ({BOOSTER_DICT[word]:+.3f} to a sentiment word up to 3 words after it)"]
    if word == "but":
        return ["'but': sentiment before it x0.5, after it x1.5"]
    if word == "kind" and i < len(low) - 1 and low[i + 1] == "of":
        return ["'kind of': a modifier here, not scored"]
    if word not in lexicon:
        return ["negation (x-0.74 for sentiment words up to 3 words after it)"] if negated([word]) else []
    notes = []
    if word == "no" and i != len(words) - 1 and low[i + 1] in lexicon:
        notes.append("'no' before a sentiment word: its own valence dropped")
    if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") or \
            (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
        notes.append("negated by 'no' (x-0.74)")
    if words[i].isupper() and is_cap_diff:
        notes.append("ALL CAPS (+-0.733)")
    for start in range(3):
        if i > start and low[i - (start + 1)] not in lexicon:
            before = words[i - (start + 1)]
            if scalar_inc_dec(before, 1.0, is_cap_diff) != 0:
                notes.append(f"booster '{before}' {start + 1} word(s) before"
                             + (" (x0.95)" if start == 1 else " (x0.9)" if start == 2 else ""))
            if start >= 1 and low[i - (start + 1)] == "never" and low[i - start] in ("so", "this"):
                notes.append("'never so/this' before it: x1.25")
            elif start == 2 and low[i - 1] in ("so", "this"):
                notes.append(f"'{low[i - 1]}' just before it: x1.25")
            elif start >= 1 and low[i - (start + 1)] == "without" and "doubt" in low[i - start:i]:
                notes.append("'without doubt': no negation")
            elif negated([low[i - (start + 1)]]):
                notes.append(f"negated by '{before}' {start + 1} word(s) before (x-0.74)")
            if start == 2:
                grams = [f"{low[i - 1]} {word}", f"{low[i - 2]} {low[i - 1]} {word}"]
                grams += [" ".join(low[i:i + 2]), " ".join(low[i:i + 3])] if i + 1 < len(low) else []
                if any(g in SPECIAL_CASES for g in grams):
                    notes.append("idiom (valence set by VADER's special cases)")
                phrases = [" ".join(low[j:i]) for j in (i - 3, i - 2) if j >= 0] + [" ".join(low[i - 3:i - 1])]
                for phrase in phrases:
                    if phrase in BOOSTER_DICT:
                        notes.append(f"booster phrase '{phrase}' before it ({BOOSTER_DICT[phrase]:+.3f})")
    if i > 0 and low[i - 1] == "least" and low[i - 1] not in lexicon and \
            not (i > 1 and low[i - 2] in ("at", "very")):
        notes.append("after 'least' (x-0.74)")
    if "but" in low:
        notes.append("before 'but' (x0.5)" if i < low.index("but") else "after 'but' (x1.5)" if i > low.index("but") else "")
    return [n for n in notes if n]


def explain(text: str, *, mask_names=True) -> pd.DataFrame:
    """How VADER scored ``text``, token by token, so that the sum can be followed.

    The reference implementation's own steps are run one by one: the lexicon valence of each
    token, the valence after its rules (ALL CAPS, boosters, negation, idioms, "least"), then
    after the "but" rule; then the punctuation emphasis ("!" and "?") is added with the sign of
    the sum, and the sum is normalised to the compound score: x / sqrt(x^2 + 15).

    Returns:
        One row per token that carries valence or modifies others, plus a row for punctuation
        when it counts: position, token, lexicon_valence, after_rules, contribution (after the
        "but" rule; these add up to the sum) and rules (what applied). ``attrs`` holds ``sum``
        and ``compound`` (rounded to 4 places, as VADER reports it).

    >>> table = explain("The forum was NOT good, but the talks were very useful!")   # doctest: +SKIP
    >>> table.attrs["compound"] == vader().polarity_scores(...)["compound"]          # doctest: +SKIP

    The text is prepared as ``sentiment.score`` prepares it: typographic quotes read as ASCII and,
    by default, declared names masked, so the working explains the score shown beside the sentence
    (``mask_names=False`` explains ``score_unmasked``).

    Args:
        text (str): a sentence.
        mask_names (bool or list of str, default True): as in ``sentiment.score_texts``: True
            masks the declared names, False none, a list those names.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText, negated

    from framelab import names as names_module
    from framelab.cleaning import normalize_quotes

    analyzer, _ = _analyzers()
    text = normalize_quotes(text)
    if mask_names is not False and mask_names is not None:
        text = names_module.mask(text, names=None if mask_names is True else list(mask_names))
    cleaned = _without_emojis(text)
    sentitext = SentiText(cleaned)
    words = sentitext.words_and_emoticons
    after_rules: list[float] = []
    for i, item in enumerate(words):
        # The reference loop of polarity_scores, step by step.
        if item.lower() in BOOSTER_DICT:
            after_rules.append(0)
            continue
        if i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of":
            after_rules.append(0)
            continue
        after_rules = analyzer.sentiment_valence(0, sentitext, item, i, after_rules)
    final = analyzer._but_check(words, list(after_rules))
    total = float(sum(final))
    emphasis = analyzer._punctuation_emphasis(cleaned) if final else 0.0
    signed = emphasis if total > 0 else -emphasis if total < 0 else 0.0

    rows = []
    lowered = [w.lower() for w in words]
    for i, word in enumerate(words):
        lexicon_valence = analyzer.lexicon.get(lowered[i], 0.0)
        modifier = lowered[i] in BOOSTER_DICT or lowered[i] == "but" or negated([lowered[i]])
        if lexicon_valence == 0 and final[i] == 0 and not modifier:
            continue
        rows.append({"position": i + 1, "token": word, "lexicon_valence": lexicon_valence,
                     "after_rules": round(float(after_rules[i]), 4), "contribution": float(final[i]),
                     "rules": "; ".join(_rules(words, i, sentitext.is_cap_diff, analyzer.lexicon))})
    if signed:
        rows.append({"position": None, "token": "! and ?", "lexicon_valence": 0.0, "after_rules": 0.0,
                     "contribution": signed,
                     "rules": f"punctuation emphasis {emphasis:.3f}, added with the sign of the sum"})
    table = pd.DataFrame(rows, columns=["position", "token", "lexicon_valence", "after_rules",
                                        "contribution", "rules"])
    table["position"] = table["position"].astype("Int64")
    raw = total + signed
    table.attrs["sum"] = raw
    table.attrs["compound"] = round(compound_from_sum(raw), 4) if final else 0.0
    return table


def compound_from_sum(total: float, *, alpha: float = 15) -> float:
    """VADER's normalisation of a sum of valences to -1..1: x / sqrt(x^2 + alpha).

    >>> round(compound_from_sum(1.0), 4)
    0.25

    Args:
        total (float): the sum of valences (after VADER's rules).
        alpha (float, default 15): VADER's normalisation constant.

    >>> round(compound_from_sum(1.9), 4)
    0.4404
    """
    value = total / math.sqrt(total * total + alpha)
    return max(-1.0, min(1.0, value))


def explain_afinn(text: str) -> pd.DataFrame:
    """The AFINN words found in ``text`` and their valences; they add up to the AFINN score.

    Args:
        text (str): any text.

    >>> explain_afinn("Good talks, bad results.").values.tolist()
    [['good', 3.0], ['bad', -3.0]]
    """
    _, scorer = _analyzers()
    words = scorer.find_all(text)
    return pd.DataFrame({"word": words, "valence": [float(scorer._dict[w]) for w in words]})


