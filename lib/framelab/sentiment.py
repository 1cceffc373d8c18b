"""Sentiment that a reviewer can audit: VADER and AFINN scores by sentence, paragraph or document.

VADER scores come from the reference implementation (the ``vaderSentiment`` package by VADER's
authors, with its own lexicon file); AFINN scores from the ``afinn`` package (AFINN-en-165).
``explain`` shows, token by token, how VADER reached a score; ``coverage`` shows which frequent
words of a corpus neither lexicon knows.

Paragraph and document scores are built from sentence scores, as VADER's authors recommend for
longer texts: the mean of the sentences' VADER compound scores, the sum of their AFINN scores.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from framelab import languages
from framelab import names as names_module
from framelab.cleaning import normalize_quotes
from framelab.parallel import map_chunks

LEXICONS = ("vader", "afinn")
#: Default label thresholds: VADER's authors recommend +-0.05 on the compound score; an AFINN
#: sum is positive above 0 and negative below 0.
THRESHOLDS = {"vader": 0.05, "afinn": 0.0}
UNITS = {"sentence": ["doc_id", "paragraph", "sentence"], "paragraph": ["doc_id", "paragraph"],
         "document": ["doc_id"]}
#: Lexicon files and licences, as shipped by the packages (see README).
SOURCES = {
    "vader": "vaderSentiment 3.3.2, vader_lexicon.txt (Hutto & Gilbert 2014; MIT licence)",
    "afinn": "afinn 0.1, AFINN-en-165.txt (Nielsen 2011; lexicon under the Open Database License)",
}


@lru_cache(maxsize=1)
def vader():
    """The reference VADER analyzer (loaded once; its lexicon ships with the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def afinn():
    """The AFINN scorer, English AFINN-en-165 (loaded once; the word list ships with the package)."""
    from afinn import Afinn

    return Afinn(language="en")


def _check(lexicon: str, threshold):
    if lexicon not in LEXICONS:
        raise ValueError(f"unknown lexicon {lexicon!r}; choose one of {LEXICONS}")
    threshold = THRESHOLDS[lexicon] if threshold is None else float(threshold)
    if threshold < 0:
        raise ValueError(f"threshold must be 0 or more, not {threshold}")
    return threshold


def label(scores, threshold: float) -> list[str]:
    """positive (score >= threshold), negative (score <= -threshold), else neutral.

    With threshold 0 a score of exactly 0 is neutral.

    >>> label([0.5, 0.05, 0.0, -0.2], 0.05)
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


def _vader_chunk(texts: list[str]) -> list[tuple[float, float, float, float]]:
    analyzer = vader()
    rows = []
    for text in texts:
        s = analyzer.polarity_scores(text)
        rows.append((s["compound"], s["neg"], s["neu"], s["pos"]))
    return rows


def _afinn_chunk(texts: list[str]) -> list[float]:
    scorer = afinn()
    return [float(scorer.score(text)) for text in texts]


def score_texts(texts, *, lexicon: str = "vader", threshold: float | None = None,
                processes: int | None = None, mask_names=True) -> pd.DataFrame:
    """Score plain strings, e.g. a spreadsheet column.

    Before scoring, typographic apostrophes and quotes become ASCII ("weren’t" is "weren't", so
    VADER's negation rule sees it) and declared names are masked ("United States" carries no
    tone; see ``framelab.names``). The text itself is returned as given.

    Args:
        texts: strings (a list or a pandas Series); each is scored as one unit.
        lexicon: "vader" (compound score, -1..1) or "afinn" (sum of word valences).
        threshold: label threshold (default: 0.05 for VADER, 0 for AFINN).
        processes: worker processes; ``None`` for one per core from 1,000 texts on.
        mask_names: True (default) to mask ``names.declared_names()``, a list of names to mask
            instead, or False to score names like any other words.

    Returns:
        text, lexicon, score, score_unmasked (the reference implementation's score of the same
        text without masking, so the effect of masking can be seen and equality with
        vaderSentiment tested), label (from ``score``), thresholds; for VADER also neg, neu and
        pos (of the masked text). Identical texts are scored once.

    >>> score_texts(["Cooperation is good.", "War is terrible."])[["score", "label"]].values.tolist()   # doctest: +SKIP
    """
    threshold = _check(lexicon, threshold)
    texts = ["" if t is None or (isinstance(t, float) and math.isnan(t)) else str(t) for t in texts]
    plain = [normalize_quotes(t) for t in texts]
    if mask_names is False or mask_names is None:
        masked = plain
    else:
        names = None if mask_names is True else list(mask_names)
        masked = [names_module.mask(t, names) for t in plain]
    unique = list(dict.fromkeys(plain + masked))
    chunk = _vader_chunk if lexicon == "vader" else _afinn_chunk
    results = [r for part in map_chunks(chunk, unique, processes=processes) for r in part]
    by_text = dict(zip(unique, results))
    table = pd.DataFrame({"text": texts, "lexicon": lexicon})
    if lexicon == "vader":
        values = np.array([by_text[t] for t in masked], dtype=float).reshape(len(texts), 4)
        table["score"] = values[:, 0]
        table["score_unmasked"] = [by_text[t][0] for t in plain]
        table["neg"], table["neu"], table["pos"] = values[:, 1], values[:, 2], values[:, 3]
    else:
        table["score"] = [by_text[t] for t in masked]
        table["score_unmasked"] = [by_text[t] for t in plain]
    table["label"] = label(table["score"], threshold)
    table["thresholds"] = _describe_thresholds(lexicon, threshold)
    return table


def score(corpus, unit: str = "sentence", lexicon: str = "vader", *, threshold: float | None = None,
          processes: int | None = None, mask_names=True) -> pd.DataFrame:
    """Sentiment of every sentence, paragraph or document of a corpus.

    Args:
        unit: "sentence", "paragraph" or "document".
        lexicon: "vader" or "afinn".
        threshold: label threshold (default: 0.05 for VADER, 0 for AFINN).
        mask_names: mask declared names before scoring (see ``score_texts``).

    Returns:
        The unit's keys (doc_id[, paragraph[, sentence]]), unit, text, n_sentences, lexicon,
        score, score_unmasked (names not masked), label and thresholds (for VADER also neg, neu, pos: means over sentences above
        the sentence unit). Paragraph and document scores: mean of sentence VADER compound
        scores, or sum of sentence AFINN scores. Documents whose ``language`` is not English
        are left out, with a warning naming them.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)}, not {unit!r}")
    threshold = _check(lexicon, threshold)
    sentences = corpus.sentences
    # The lexicons are English word lists: other languages are left out, with a warning.
    skipped = languages.warn_non_english(corpus, "sentiment.score", skipped=True)
    if skipped:
        sentences = sentences[~sentences["doc_id"].isin(skipped)].reset_index(drop=True)
    scored = score_texts(sentences["text"], lexicon=lexicon, threshold=threshold, processes=processes,
                         mask_names=mask_names)
    table = pd.concat([sentences[UNITS["sentence"]].reset_index(drop=True),
                       scored.drop(columns=["text", "label", "thresholds"])], axis=1)
    table["text"] = sentences["text"].to_numpy()
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
    table["label"] = label(table["score"], threshold)
    table["thresholds"] = _describe_thresholds(lexicon, threshold)
    columns = keys + ["unit", "text", "n_sentences", "lexicon", "score", "score_unmasked"]
    columns += ["neg", "neu", "pos"] if lexicon == "vader" else []
    return table[columns + ["label", "thresholds"]]


def masking_effect(scored: pd.DataFrame, *, threshold: float | None = None) -> pd.DataFrame:
    """How much masking names moved the scores of a ``score`` or ``score_texts`` table.

    Returns one row: unit, units, units_with_names (masking changed their score), mean_score,
    mean_unmasked, mean_change (masked minus unmasked, over all units), mean_change_with_names
    (over the units that hold a name), label_changes (units whose label differs).
    """
    lexicon = scored["lexicon"].iloc[0] if len(scored) else "vader"
    threshold = _check(lexicon, threshold)
    changed = scored["score"] != scored["score_unmasked"]
    difference = scored["score"] - scored["score_unmasked"]
    labels = pd.Series(label(scored["score"], threshold), index=scored.index)
    unmasked_labels = pd.Series(label(scored["score_unmasked"], threshold), index=scored.index)
    return pd.DataFrame([{
        "unit": scored["unit"].iloc[0] if "unit" in scored.columns and len(scored) else "text",
        "units": len(scored), "units_with_names": int(changed.sum()),
        "mean_score": round(float(scored["score"].mean()), 4),
        "mean_unmasked": round(float(scored["score_unmasked"].mean()), 4),
        "mean_change": round(float(difference.mean()), 4),
        "mean_change_with_names": round(float(difference[changed].mean()), 4) if changed.any() else 0.0,
        "label_changes": int((labels != unmasked_labels).sum()),
    }])


# --- explanations --------------------------------------------------------------------------------

def _without_emojis(text: str) -> str:
    # The reference's first step (polarity_scores): emojis become their descriptions.
    analyzer = vader()
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


def explain(text: str) -> pd.DataFrame:
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
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText, negated

    analyzer = vader()
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


def compound_from_sum(total: float, alpha: float = 15) -> float:
    """VADER's normalisation of a sum of valences to -1..1: x / sqrt(x^2 + alpha).

    >>> round(compound_from_sum(1.0), 4)
    0.25
    """
    value = total / math.sqrt(total * total + alpha)
    return max(-1.0, min(1.0, value))


def explain_afinn(text: str) -> pd.DataFrame:
    """The AFINN words found in ``text`` and their valences; they add up to the AFINN score."""
    scorer = afinn()
    words = scorer.find_all(text)
    return pd.DataFrame({"word": words, "valence": [float(scorer._dict[w]) for w in words]})


# --- what the instrument cannot see ---------------------------------------------------------------

def coverage(corpus, *, top: int = 30) -> pd.DataFrame:
    """The corpus's most frequent content words and their valence in each lexicon (NaN = unknown).

    Words such as "cooperation", "mutual" or "destiny" carry no valence in VADER: whatever they
    do in the text, the score cannot see it.

    Returns:
        term, count, documents, vader, afinn (valences, NaN when the lexicon lacks the word) and
        known_to ("both", "vader", "afinn" or "neither").
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


def lexicon_agreement(corpus, unit: str = "sentence") -> pd.DataFrame:
    """VADER and AFINN side by side for every unit, with their labels and whether they agree.

    The label thresholds of both lexicons are in ``attrs["thresholds"]``.
    """
    v = score(corpus, unit, "vader")
    a = score(corpus, unit, "afinn")
    keys = UNITS[unit]
    table = v[keys + ["unit", "text", "score", "label"]].rename(columns={"score": "vader", "label": "vader_label"})
    table["afinn"] = a["score"].to_numpy()
    table["afinn_label"] = a["label"].to_numpy()
    table["agree"] = table["vader_label"] == table["afinn_label"]
    table.attrs["thresholds"] = f"{v['thresholds'].iloc[0] if len(v) else ''}; {a['thresholds'].iloc[0] if len(a) else ''}"
    return table


def agreement_summary(table: pd.DataFrame) -> pd.DataFrame:
    """How far the two lexicons agree (``lexicon_agreement`` output): units, share with the same
    label, Spearman's rank correlation of the scores (Pearson's r of the ranks, ties averaged)."""
    rho = table["vader"].rank().corr(table["afinn"].rank()) if len(table) > 1 else np.nan
    return pd.DataFrame({"units": [len(table)], "same_label": [round(float(table["agree"].mean()), 3)],
                         "spearman_rho": [round(float(rho), 3)]})


# --- towards whom ----------------------------------------------------------------------------------

def actor_groups(corpus, actors: dict | None = None) -> pd.DataFrame:
    """Each sentence with the actors it mentions, as a group: one actor's name, "A + B", or "neither"."""
    from framelab.actors import groups

    table = corpus.sentences[UNITS["sentence"] + ["text"]].copy()
    table["actors"] = groups(corpus, table, actors)
    return table


def actor_tone(corpus, lexicon: str = "vader", *, threshold: float | None = None,
               actors: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tone of the sentences that mention each actor only, several actors, or none.

    Returns:
        ``(summary, sentences)``: per group the number of sentences, mean and median score and
        the share labelled positive, neutral and negative (with the thresholds); and the scored
        sentences themselves with their group, so that every mean is one filter away.
    """
    threshold = _check(lexicon, threshold)
    groups = actor_groups(corpus, actors)
    scored = score(corpus, "sentence", lexicon, threshold=threshold)
    sentences = scored.merge(groups[UNITS["sentence"] + ["actors"]], on=UNITS["sentence"], how="left")
    summary = sentences.groupby("actors").agg(
        sentences=("score", "size"), mean=("score", "mean"), median=("score", "median"),
        positive=("label", lambda s: (s == "positive").mean()),
        neutral=("label", lambda s: (s == "neutral").mean()),
        negative=("label", lambda s: (s == "negative").mean()))
    summary = summary.round(3).reset_index()
    summary["lexicon"] = lexicon
    summary["thresholds"] = _describe_thresholds(lexicon, threshold)
    return summary, sentences
