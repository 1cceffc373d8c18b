"""Out-of-sample validation of frame coding: dictionaries and classifiers against reference codings of
paragraphs they were not built from.

A validation sample is a table of paragraphs (doc_id, paragraph) with a ``half`` column:
"development" paragraphs may be read while revising a codebook and are what classifiers learn
from; "test" paragraphs are scored once. ``out_of_sample`` codes the sample with each codebook
and each classifier and compares every method with the coders' majority, with bootstrap
intervals, half by half.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from framelab import classifier, framing

__all__ = ["read_sample", "locate", "reference_for", "ratings_for", "tone_agreement", "out_of_sample", "draw_stratified", "decade_of", "sample_corpus", "majority",
           "agreement_by", "between_references", "targets", "by_decade", "target_lines", "methods", "CODERS",
           "DEVELOPMENT", "TEST"]

DEVELOPMENT, TEST = "development", "test"

#: Who coded each reference of the 2026 UN sample (validation/README.md): every caption says so.
CODERS = {
    "A": "reference A: three language-model agents (AI helpers of the developer, not people), each with only the "
         "project's coding manual and the paragraphs' texts; their majority",
    "B": "reference B: three other language-model agent instances (not people), each with only the published "
         "instruments (Semetko & Valkenburg 2000 items; Policy Frames Codebook dimensions); their majority",
}
#: The targets of the 2026 validation (validation/PREREGISTRATION.md).
TARGETS = {"kappa_A": 0.70, "kappa_B": 0.60, "decade": 0.50, "precision_1990": 0.70}


def read_sample(path) -> pd.DataFrame:
    """A validation sample CSV: unit, doc_id, paragraph, half (and any other columns).

    Args:
        path (str or Path): the CSV file.

    >>> read_sample("validation/un_sample.csv")["half"].value_counts().to_dict()
    {'development': 100, 'test': 100}
    """
    sample = pd.read_csv(path, dtype={"doc_id": str})
    missing = [c for c in ("doc_id", "paragraph", "half") if c not in sample.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; a sample lists doc_id, paragraph and "
                         "half (development or test)")
    unknown = sorted(set(sample["half"]) - {DEVELOPMENT, TEST})
    if unknown:
        raise ValueError(f"{path}: half must be 'development' or 'test', not {unknown}")
    return sample


def _comparable(text: str) -> str:
    """A unit's text as compared across loads: transcript furniture cut, quotes and spacing normalised."""
    from framelab.cleaning import normalize_quotes, split_transcript

    kept, _ = split_transcript([str(text)])
    return " ".join(normalize_quotes(" ".join(kept)).split())


def locate(sample: pd.DataFrame, corpus, *, level: str = "paragraph") -> pd.DataFrame:
    """Where each unit of a validation sample is in ``corpus`` now, found by its text.

    A sample keys its units by position (doc_id, paragraph[, sentence]); a change to the loader (a
    stage direction that was a paragraph of its own and is now cut) can move later units of the same
    document. Each unit is looked up at its position and, if the text there differs, by its text in
    the same document (one place only).

    Args:
        sample (DataFrame): unit, doc_id, paragraph (and sentence, for ``level="sentence"``) and text.
        corpus (Corpus): the corpus the codings are used on.
        level (str, default "paragraph"): "paragraph" or "sentence".

    Returns:
        unit, doc_id, paragraph[, sentence] (the unit's place now), and status: "in place", "moved"
        (found by its text elsewhere in the document) or "not found" (document absent, or its text is
        nowhere, or in more than one place, in the document). Units of documents not in the corpus
        are "not found".

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> text = corpus.paragraphs["text"].iloc[4]
    >>> sample = pd.DataFrame({"unit": ["P1"], "doc_id": ["000_3b2f7dccf8ea1ef8"], "paragraph": [2], "text": [text]})
    >>> locate(sample, corpus)[["paragraph", "status"]].values.tolist()
    [[5, 'moved']]
    """
    keys = ["doc_id", "paragraph"] + (["sentence"] if level == "sentence" else [])
    if level not in ("paragraph", "sentence"):
        raise ValueError(f"locate: level must be 'paragraph' or 'sentence', not {level!r}")
    missing = [c for c in ["unit", *keys, "text"] if c not in sample.columns]
    if missing:
        raise ValueError(f"locate: the sample has no column(s) {missing}; it needs unit, {', '.join(keys)} and text")
    table = corpus.paragraphs if level == "paragraph" else corpus.sentences
    wanted = set(sample["doc_id"])
    units = table[table["doc_id"].isin(wanted)]
    texts = dict(zip(map(tuple, units[keys].to_numpy().tolist()), units["text"].map(_comparable)))
    places: dict = {}
    for place, text in texts.items():
        places.setdefault((place[0], text), []).append(place)
    rows = []
    for unit in sample.itertuples(index=False):
        key = tuple(getattr(unit, k) for k in keys)
        key = (key[0], *map(int, key[1:]))
        text = _comparable(unit.text)
        if texts.get(key) == text:
            rows.append((unit.unit, *key, "in place"))
            continue
        found = places.get((key[0], text), [])
        rows.append((unit.unit, *found[0], "moved") if len(found) == 1 else (unit.unit, *key, "not found"))
    return pd.DataFrame(rows, columns=["unit", *keys, "status"])


def _relocated(table: pd.DataFrame, sample: pd.DataFrame, corpus, level: str, where: str) -> pd.DataFrame:
    """``table`` (rows keyed by unit) with each unit's doc_id/paragraph[/sentence] as ``locate`` finds
    them in ``corpus`` (a moved unit re-keyed, silently: it is the same text); units not found are left
    out, with a warning that names them."""
    keys = ["doc_id", "paragraph"] + (["sentence"] if level == "sentence" else [])
    inside = sample[sample["doc_id"].isin(set(corpus.documents["doc_id"]))]
    found = locate(inside, corpus, level=level)
    lost = found[found["status"] == "not found"]
    if len(lost):
        warnings.warn(f"{where}: {len(lost)} reference unit(s) whose text is no longer in their document were left "
                      f"out: {', '.join(lost['unit'].astype(str).head(10))}" + (" ..." if len(lost) > 10 else "")
                      + "; compare the sample's text with the corpus (corpus.cleaning lists what the loader cut)",
                      stacklevel=3)
    places = found[found["status"] != "not found"].set_index("unit")[keys]
    table = table[table["unit"].isin(places.index)].drop(columns=[k for k in keys if k in table.columns])
    return table.join(places, on="unit")


def reference_for(coded: pd.DataFrame, sample, codings, *, halves=(DEVELOPMENT, TEST),
                  strata_column: str = "stratum", drawn_otherwise=("slogan candidates",), corpus=None) -> pd.DataFrame:
    """The reference coding of a validation sample's paragraphs that lie in a coded corpus, ready for
    ``framing.profile(..., correct_with=...)``: only units drawn at random within their stratum
    (units drawn otherwise, such as the slogan's look-alikes, would bias a correction), of the
    halves asked for, and present in ``coded``.

    Args:
        coded (DataFrame): ``framing.code(corpus)`` at the paragraph unit.
        sample (DataFrame, str or Path): the sample (``read_sample``): unit, doc_id, paragraph,
            half and the strata column.
        codings (list of DataFrame, str or Path): reference codings (unit, doc_id, paragraph,
            coder and a 0/1 column per frame), e.g. one per half.
        halves (tuple of str, default both): the halves kept. The development half was read while
            the codebook was calibrated, so its errors there understate those on new text.
        strata_column (str, default "stratum"): the sample's strata column.
        drawn_otherwise (tuple of str, default ("slogan candidates",)): strata not drawn at random.
        corpus (Corpus or None, default None): the corpus coded; with it, each unit is found by its text
            (``locate``: a unit the loader has moved is re-keyed, one whose text is gone is left out with
            a warning). Without it, units are taken at their recorded place.

    Returns:
        The kept codings' rows (one per unit and coder), with the sample's columns ``half`` and the
        strata column beside them.

    >>> coded = pd.DataFrame({"doc_id": ["d"], "paragraph": [1], "unit": ["paragraph"]})
    >>> sample = pd.DataFrame({"unit": ["P1", "P2"], "doc_id": ["d", "d"], "paragraph": [1, 2],
    ...                        "half": ["test", "test"], "stratum": ["1970s", "1970s"]})
    >>> coding = pd.DataFrame({"unit": ["P1", "P2"], "doc_id": ["d", "d"], "paragraph": [1, 2],
    ...                        "coder": ["A1", "A1"], "conflict": [1, 0]})
    >>> reference_for(coded, sample, [coding])[["unit", "conflict"]].values.tolist()
    [['P1', 1]]
    """
    sample = read_sample(sample) if not isinstance(sample, pd.DataFrame) else sample
    if isinstance(codings, (pd.DataFrame, str)) or hasattr(codings, "read_text"):
        codings = [codings]
    frames = [pd.read_csv(c) if not isinstance(c, pd.DataFrame) else c for c in codings]
    coding = pd.concat(frames, ignore_index=True)
    for column in ("unit", "doc_id", "paragraph", "coder"):
        if column not in coding.columns:
            raise ValueError(f"reference_for: the reference coding has no column {column!r}; "
                             "it needs unit, doc_id, paragraph, coder and one 0/1 column per frame")
    unknown = set(halves) - {DEVELOPMENT, TEST}
    if unknown:
        raise ValueError(f"reference_for: halves must be {DEVELOPMENT!r} and/or {TEST!r}, not {sorted(unknown)}")
    chosen = sample[sample["half"].isin(halves) & ~sample[strata_column].isin(drawn_otherwise)]
    if corpus is not None:   # each unit where its text is now (see locate)
        chosen = _relocated(chosen, sample, corpus, "paragraph", "reference_for")
        coding = _relocated(coding, sample, corpus, "paragraph", "reference_for")
    inside = pd.MultiIndex.from_frame(coded[["doc_id", "paragraph"]])
    chosen = chosen[pd.MultiIndex.from_frame(chosen[["doc_id", "paragraph"]]).isin(inside)]
    kept = coding.merge(chosen[["unit", "half", strata_column]], on="unit", how="inner")
    return kept.reset_index(drop=True)


def ratings_for(corpus, ratings, *, sample=None) -> pd.DataFrame:
    """The rows of a sentence rating (doc_id, paragraph, sentence, ...) whose sentence is a scored
    sentence of ``corpus`` (present, and holding a word: ``sentiment.is_sentence``), for
    ``sentiment.by_group(correct_with=...)`` on part of the corpus the rating was drawn from.

    Args:
        corpus (Corpus): the corpus scored.
        ratings (DataFrame, str or Path): the rating table or its CSV.
        sample (DataFrame, str, Path or None, default None): the rated sample (unit, doc_id, paragraph,
            sentence, text): with it each rated sentence is found by its text (``locate``) and a rating
            whose sentence is gone is left out with a warning; without it, ratings are taken at their
            recorded place.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> rated = pd.DataFrame({"doc_id": ["000_3b2f7dccf8ea1ef8", "elsewhere"], "paragraph": [1, 1], "sentence": [1, 1],
    ...                       "coder": "R1", "reference": [0.5, 0.0]})
    >>> ratings_for(corpus, rated)["doc_id"].tolist()
    ['000_3b2f7dccf8ea1ef8']
    """
    from framelab.sentiment import is_sentence

    ratings = ratings if isinstance(ratings, pd.DataFrame) else pd.read_csv(ratings)
    keys = ["doc_id", "paragraph", "sentence"]
    if sample is not None:   # each rated sentence where its text is now (see locate)
        sample = sample if isinstance(sample, pd.DataFrame) else pd.read_csv(sample)
        ratings = _relocated(ratings, sample, corpus, "sentence", "ratings_for")[list(ratings.columns)]
    sentences = corpus.sentences
    scored = pd.MultiIndex.from_frame(sentences.loc[is_sentence(sentences["text"]).to_numpy(), keys])
    return ratings[pd.MultiIndex.from_frame(ratings[keys]).isin(scored)].reset_index(drop=True)


def _sign(values, dead_zone: float) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return np.where(values > dead_zone, 1, np.where(values < -dead_zone, -1, 0))


def tone_agreement(scores: pd.DataFrame, ratings: pd.DataFrame, *, threshold: float = 0.05,
                   intervals: int = 2000, seed: int = 0) -> pd.DataFrame:
    """How far a tone score agrees with a reference rating of the same sentences, and the raters
    with each other.

    Args:
        scores (DataFrame): ``sentiment.score(corpus)`` at the sentence unit (doc_id, paragraph,
            sentence, score).
        ratings (DataFrame): doc_id, paragraph, sentence, coder, reference (one row per rater and
            sentence; every rated sentence must be scored).
        threshold (float, default 0.05): the score's label threshold (VADER's: positive above it,
            negative below minus it); the reference's label is the sign of the raters' mean.
        intervals (int, default 2000): bootstrap resamples of sentences for the 95 % intervals.
        seed (int, default 0): the bootstrap's seed.

    Returns:
        One row: sentences, raters, mean_score, mean_reference (the raters' mean), pearson_r with
        its interval, kappa (three labels: negative, neutral, positive) with its interval, raters_r
        (the mean Pearson correlation of each pair of raters) and raters_alpha (Krippendorff's
        alpha of the raters' three labels).

    >>> scores = pd.DataFrame({"doc_id": "d", "paragraph": 1, "sentence": [1, 2, 3, 4], "score": [0.6, -0.4, 0.0, 0.3]})
    >>> ratings = pd.DataFrame({"doc_id": "d", "paragraph": 1, "sentence": [1, 2, 3, 4] * 2, "coder": ["R1"] * 4 + ["R2"] * 4,
    ...                         "reference": [1, -0.5, 0, 0, 0.5, -1, 0, 0.5]})
    >>> row = tone_agreement(scores, ratings, intervals=0).iloc[0]   # labels: +, -, 0, + on both sides
    >>> int(row["sentences"]), int(row["raters"]), float(row["kappa"])
    (4, 2, 1.0)
    """
    from framelab.stats import krippendorff_alpha

    keys = ["doc_id", "paragraph", "sentence"]
    wide = ratings.pivot_table(index=keys, columns="coder", values="reference", aggfunc="mean")
    merged = wide.reset_index().merge(scores[keys + ["score"]], on=keys, how="left")
    if merged["score"].isna().any():
        raise ValueError(f"tone_agreement: {int(merged['score'].isna().sum())} rated sentence(s) have no score; "
                         "score the corpus the sentences were drawn from")
    raters = list(wide.columns)
    score = merged["score"].to_numpy(dtype=float)
    reference = merged[raters].mean(axis=1).to_numpy(dtype=float)

    def kappa(a, b):
        labels = np.array([-1, 0, 1])
        observed = float(np.mean(a == b))
        expected = float(sum(np.mean(a == k) * np.mean(b == k) for k in labels))
        return (observed - expected) / (1 - expected) if expected < 1 else float("nan")

    def statistics(rows):
        return (float(np.corrcoef(score[rows], reference[rows])[0, 1]),
                kappa(_sign(score[rows], threshold), _sign(reference[rows], 0)))

    r, k = statistics(np.arange(len(score)))
    low = {"r": float("nan"), "k": float("nan")}
    high = dict(low)
    if intervals:
        picks = np.random.default_rng(seed).integers(0, len(score), (intervals, len(score)))
        drawn = np.array([statistics(rows) for rows in picks])
        (low["r"], low["k"]), (high["r"], high["k"]) = np.nanpercentile(drawn, 2.5, axis=0), np.nanpercentile(drawn, 97.5, axis=0)
    pairs = [(a, b) for i, a in enumerate(raters) for b in raters[i + 1:]]
    raters_r = float(np.mean([np.corrcoef(merged[a], merged[b])[0, 1] for a, b in pairs])) if pairs else float("nan")
    alpha = float(krippendorff_alpha(np.sign(merged[raters].to_numpy(dtype=float)))) if pairs else float("nan")
    return pd.DataFrame([{"sentences": len(merged), "raters": len(raters), "mean_score": round(float(score.mean()), 4),
                          "mean_reference": round(float(reference.mean()), 4), "pearson_r": round(r, 3),
                          "pearson_r_low": round(low["r"], 3), "pearson_r_high": round(high["r"], 3),
                          "kappa": round(k, 3), "kappa_low": round(low["k"], 3), "kappa_high": round(high["k"], 3),
                          "raters_r": round(raters_r, 3), "raters_alpha": round(alpha, 3)}])


def decade_of(years) -> pd.Series:
    """The decade of each year, as a label: 1946 -> "1940s", 2024 -> "2020s".

    Args:
        years (Series or list of int): years.

    >>> decade_of([1946, 1950, 2024]).tolist()
    ['1940s', '1950s', '2020s']
    """
    years = pd.Series(years).astype(int)
    return (years // 10 * 10).astype(str) + "s"


def draw_stratified(population: pd.DataFrame, *, by: list[str], sizes: dict, seed: int,
                    order: list[str] | None = None) -> pd.DataFrame:
    """Draw units stratum by stratum without replacement, then split each stratum's draw into a
    development and a test half.

    Args:
        population (DataFrame): one row per unit that may be drawn.
        by (list of str): the columns whose value combinations are the strata.
        sizes (dict): stratum (a tuple of the ``by`` values, or the value itself for one column)
            -> number of units to draw. A stratum not listed is not drawn; a listed stratum with
            fewer units than asked for is an error (naming the stratum), never a smaller draw.
        seed (int): for ``numpy.random.default_rng``; the same population, sizes and seed give
            the same draw.
        order (list of str or None, default None): the columns that sort each stratum before it
            is drawn from (None: every column of ``population``), so the draw does not depend on
            the population's row order.

    Returns:
        The drawn rows, with a column ``half``: in each stratum the first ``ceil(n / 2)`` of a
        random permutation are "development", the other ``floor(n / 2)`` "test". Strata are drawn
        in sorted order, each with the next numbers of one random generator.

    >>> population = pd.DataFrame({"decade": ["1970s"] * 6 + ["1980s"] * 4, "unit": range(10)})
    >>> drawn = draw_stratified(population, by=["decade"], sizes={"1970s": 4, "1980s": 3}, seed=1)
    >>> drawn.groupby(["decade", "half"]).size().to_dict()
    {('1970s', 'development'): 2, ('1970s', 'test'): 2, ('1980s', 'development'): 2, ('1980s', 'test'): 1}
    """
    from framelab import checks

    if not isinstance(by, (list, tuple)) or not by or any(c not in population.columns for c in by):
        raise checks.invalid_value("draw_stratified", "by", by, f"a list of columns of the population {list(population.columns)}")
    if not isinstance(sizes, dict) or not sizes:
        raise checks.invalid_value("draw_stratified", "sizes", sizes, "a dict of stratum -> number of units")
    checks.Integer().check("draw_stratified", "seed", seed)
    order = list(population.columns) if order is None else list(order)
    grouped = {key if isinstance(key, tuple) else (key,): rows for key, rows in population.groupby(list(by), sort=True)}
    rng = np.random.default_rng(seed)
    parts = []
    for stratum in sorted(sizes, key=lambda k: tuple(map(str, k if isinstance(k, tuple) else (k,)))):
        n = sizes[stratum]
        key = stratum if isinstance(stratum, tuple) else (stratum,)
        checks.Integer(minimum=1).check("draw_stratified", f"sizes[{stratum!r}]", n)
        pool = grouped.get(key, population.iloc[0:0])
        if len(pool) < n:
            raise ValueError(f"draw_stratified: stratum {stratum!r} has {len(pool)} unit(s), fewer than the {n} "
                             "asked for; lower its size or widen the stratum")
        pool = pool.sort_values(order, kind="stable").reset_index(drop=True)
        chosen = pool.iloc[rng.choice(len(pool), size=n, replace=False)].copy()
        chosen["half"] = rng.permutation([DEVELOPMENT] * ((n + 1) // 2) + [TEST] * (n // 2))
        parts.append(chosen)
    return pd.concat(parts, ignore_index=True)


def sample_corpus(sample: pd.DataFrame):
    """A corpus of a sample's own texts: one document per unit (``doc_id`` = the unit id), holding
    the unit's text as its one paragraph. Coding it gives what coding the unit's paragraph in its
    source corpus gives (matching runs sentence by sentence inside a paragraph), so a sample that
    carries its texts can be scored without the corpus it was drawn from.

    Args:
        sample (DataFrame): columns ``unit`` and ``text`` (one paragraph, no line breaks).

    >>> corpus = sample_corpus(pd.DataFrame({"unit": ["P1", "P2"], "text": ["Trade grew.", "War came."]}))
    >>> corpus.paragraphs[["doc_id", "paragraph", "text"]].values.tolist()
    [['P1', 1, 'Trade grew.'], ['P2', 1, 'War came.']]
    """
    import tempfile
    from pathlib import Path

    from framelab.corpus import load_corpus

    missing = [c for c in ("unit", "text") if c not in sample.columns]
    if missing:
        raise ValueError(f"sample_corpus: the sample lacks column(s) {missing}")
    if not sample["unit"].is_unique:
        raise ValueError("sample_corpus: unit ids must be unique")
    broken = sample["text"].astype(str).str.contains(r"[\r\n]", regex=True)
    if broken.any():
        raise ValueError(f"sample_corpus: unit {sample['unit'][broken].iloc[0]!r} holds a line break; a unit is one paragraph")
    with tempfile.TemporaryDirectory() as folder:
        for unit, text in zip(sample["unit"].astype(str), sample["text"].astype(str)):
            (Path(folder) / f"{unit}.txt").write_text(text + "\n", encoding="utf-8")
        corpus = load_corpus(folder, layout="plain", progress=False)
    if len(corpus.paragraphs) != len(sample):
        raise ValueError(f"sample_corpus: {len(sample)} units gave {len(corpus.paragraphs)} paragraphs; "
                         "check for empty texts")
    return corpus


def majority(coding: pd.DataFrame, frames: list[str], *, by: str = "unit") -> pd.DataFrame:
    """The coders' majority per unit and frame (a tie counts as present), as 0/1.

    Args:
        coding (DataFrame): one row per coder and unit, a 0/1 column per frame.
        frames (list of str): the frames.
        by (str, default "unit"): the unit's id column.

    >>> coding = pd.DataFrame({"unit": ["a", "a", "a", "b", "b"], "f": [1, 1, 0, 1, 0]})
    >>> majority(coding, ["f"])["f"].to_dict()
    {'a': 1, 'b': 1}
    """
    return coding.groupby(by)[frames].mean().ge(0.5).astype(int)


def agreement_by(automatic: pd.DataFrame, coding: pd.DataFrame, groups: pd.Series, *, frames: list[str],
                 intervals: int = 0) -> pd.DataFrame:
    """``framing.agreement`` within each group of units (a decade, a country, a stratum).

    Args:
        automatic (DataFrame): ``framing.code`` (or ``predict``) output of the units, paragraph unit.
        coding (DataFrame): the reference coding of the same units (``framing.read_coding`` shape).
        groups (Series): the group of each unit, indexed by ``doc_id`` (the unit id). Units not in
            ``groups`` are left out.
        frames (list of str): the frames.
        intervals (int, default 0): bootstrap resamples for 95 % intervals within each group.

    Returns:
        ``group``, then ``framing.agreement``'s columns, per group (sorted) and frame.

    >>> coded = pd.DataFrame({"doc_id": ["u1", "u2", "u3", "u4"], "paragraph": 1, "unit": "paragraph",
    ...                       "f": [1, 0, 1, 1], "f_hits": ""})
    >>> coding = pd.DataFrame({"doc_id": ["u1", "u2", "u3", "u4"], "paragraph": 1, "coder": "c", "f": [1, 0, 1, 0]})
    >>> decades = pd.Series(["1970s", "1970s", "1980s", "1980s"], index=["u1", "u2", "u3", "u4"])
    >>> agreement_by(coded, coding, decades, frames=["f"])[["group", "kappa"]].values.tolist()
    [['1970s', 1.0], ['1980s', 0.0]]
    """
    units = pd.DataFrame({"doc_id": groups.index.astype(str), "paragraph": 1})
    part = automatic[automatic["doc_id"].isin(units["doc_id"])]
    reference = coding[coding["doc_id"].isin(units["doc_id"])]
    return framing.agreement(part, reference[["doc_id", "paragraph", "coder", *frames]], frames=frames,
                             sample=units, intervals=intervals, groups=groups.set_axis(units["doc_id"]))


def between_references(first: pd.DataFrame, second: pd.DataFrame, *, frames: list[str], intervals: int = 0,
                       by: str = "unit") -> pd.DataFrame:
    """How far two reference codings of the same units agree: per frame, Krippendorff's alpha among
    each reference's own coders (before any majority is taken), and Cohen's kappa between the two
    majorities (the construct's reliability across two readings), with a 95 % bootstrap interval
    over units.

    Args:
        first, second (DataFrame): codings with ``coder``, the unit id column and a 0/1 column per frame.
        frames (list of str): frames both codings have.
        intervals (int, default 0): bootstrap resamples (0 for no interval).
        by (str, default "unit"): the unit's id column.

    >>> a = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3, 4, 4], "coder": ["x", "y"] * 4, "f": [1, 1, 0, 0, 1, 1, 0, 0]})
    >>> b = pd.DataFrame({"unit": [1, 2, 3, 4], "coder": "z", "f": [1, 0, 0, 0]})
    >>> between_references(a, b, frames=["f"]).loc[0, ["alpha_first", "kappa"]].tolist()
    [1.0, 0.5]
    """
    from framelab import stats

    if set(first[by]) != set(second[by]):
        raise ValueError("between_references: the two codings must cover the same units")
    one, two = majority(first, frames, by=by), majority(second, frames, by=by)
    two = two.loc[one.index]
    rows = []
    for frame in frames:
        row = {"frame": frame, "units": len(one)}
        for name, coding in (("first", first), ("second", second)):
            wide = coding.pivot_table(index=by, columns="coder", values=frame, aggfunc="first")
            row[f"coders_{name}"] = wide.shape[1]
            row[f"alpha_{name}"] = stats.krippendorff_alpha(wide.to_numpy()) if wide.shape[1] > 1 else float("nan")
        row["present_first"], row["present_second"] = int(one[frame].sum()), int(two[frame].sum())
        row["kappa"] = stats.cohen_kappa(one[frame].to_numpy(), two[frame].to_numpy())
        if intervals:
            row["kappa_low"], row["kappa_high"] = stats.bootstrap_agreement(
                one[frame].to_numpy(), two[frame].to_numpy(), resamples=intervals)["kappa"]
        rows.append(row)
    table = pd.DataFrame(rows)
    numeric = [c for c in table.columns if c.startswith(("alpha", "kappa"))]
    table[numeric] = table[numeric].astype(float).round(3)
    return table


#: Fewer positives than this in the reference: no verdict on a target (kappa, precision and their
#: bootstrap intervals mean little; the slogan's 4 test paragraphs give "1.00 [1.00, 1.00]").
MIN_POSITIVES = 10


def _interval(row, value: str = "kappa") -> str:
    if pd.isna(row[value]):
        return "undefined"
    return f"{row[value]:.2f} [{row[f'{value}_low']:.2f}, {row[f'{value}_high']:.2f}]"


def _verdict(row, value: str, goal: float) -> str:
    """Met or missed by the estimate, and whether the 95 % interval lies wholly on that side."""
    if pd.isna(row[value]):
        return "undefined"
    if row["reference"] < MIN_POSITIVES:
        return f"not judged: {int(row['reference'])} positives"
    low, high = row[f"{value}_low"], row[f"{value}_high"]
    if row[value] >= goal:
        return "met" if low >= goal else "met by the estimate; interval reaches below"
    return "missed" if high < goal else "missed by the estimate; interval reaches above"


def targets(scores: pd.DataFrame, *, method: str = "pre-registered", half: str = TEST) -> pd.DataFrame:
    """The pre-registered targets, frame by frame, from a scores table (``ungdc_scores.csv``).

    Args:
        scores (DataFrame or path): written by ``validation/score_ungdc_sample.py score``.
        method (str, default "pre-registered"): the method judged.
        half (str, default "test"): the half judged (the development half's dictionary figures are in-sample).

    Returns:
        Per frame: kappa against reference A and B with their 95 % intervals (bootstrap over the
        half's paragraphs), the lowest decade's kappa against A, precision on paragraphs from 1990
        on against A and B, and a verdict per target: "met" or "missed" when the whole interval is
        on that side; "met by the estimate; interval reaches below" (or "missed ...; interval
        reaches above") when the estimate and the interval disagree; "not judged" below
        ``MIN_POSITIVES`` positives in the reference; "undefined" where kappa needs both classes.

    >>> table = targets("validation/ungdc_scores.csv").set_index("frame")
    >>> table.loc["cooperation", "target kappa A >= 0.70"], table.loc["economic", "target kappa A >= 0.70"]
    ('missed', 'met by the estimate; interval reaches below')
    """
    if not isinstance(scores, pd.DataFrame):
        scores = pd.read_csv(scores)
    rows = scores[(scores["method"] == method) & (scores["half"] == half)]
    if rows.empty:
        raise ValueError(f"targets: no scores for method {method!r} on the {half} half")
    overall = rows[rows["scope"].str.startswith("all")]
    table = []
    for frame in dict.fromkeys(overall["frame"]):
        row = {"frame": frame}
        for against, goal in (("A", TARGETS["kappa_A"]), ("B", TARGETS["kappa_B"])):
            found = overall[(overall["frame"] == frame) & (overall["against"] == against)]
            if found.empty:
                row[f"kappa {against}"], row[f"target kappa {against} >= {goal:.2f}"] = "not coded", "not coded"
                continue
            one = found.iloc[0]
            row[f"kappa {against}"] = (_interval(one) if one["reference"] >= MIN_POSITIVES else
                                       f"{one['kappa']:.2f} ({int(one['reference'])} positives)")
            row[f"target kappa {against} >= {goal:.2f}"] = _verdict(one, "kappa", goal)
        decades = rows[(rows["scope"] == "decade") & (rows["frame"] == frame) & (rows["against"] == "A")]
        if len(decades) and decades["kappa"].notna().any():
            low = decades.loc[decades["kappa"].idxmin()]
            row["lowest decade (A)"] = f"{low['group']}: {_interval(low)}"
            undefined = int(decades["kappa"].isna().sum())
            verdict = "met" if low["kappa"] >= TARGETS["decade"] else "missed"
            row[f"target decades >= {TARGETS['decade']:.2f}"] = (
                verdict + " by the estimate" + (f" ({undefined} undefined)" if undefined else ""))
        else:
            row["lowest decade (A)"], row[f"target decades >= {TARGETS['decade']:.2f}"] = "n/a", "n/a (one stratum)"
        for against in ("A", "B"):
            goal = TARGETS["precision_1990"]
            recent = rows[(rows["scope"] == "era") & (rows["group"] == "1990 and after") & (rows["frame"] == frame)
                          & (rows["against"] == against)]
            if recent.empty:
                row[f"precision 1990- ({against})"] = "not coded" if frame != "slogan" or against == "B" else "n/a"
                row[f"target precision {against} >= {goal:.2f}"] = row[f"precision 1990- ({against})"]
                continue
            one = recent.iloc[0]
            row[f"precision 1990- ({against})"] = _interval(one, "precision")
            row[f"target precision {against} >= {goal:.2f}"] = _verdict(one, "precision", goal)
        table.append(row)
    return pd.DataFrame(table)


def by_decade(scores: pd.DataFrame, *, method: str = "pre-registered", half: str = TEST, against: str = "A",
              value: str = "kappa", intervals: bool = False) -> pd.DataFrame:
    """One metric per decade (rows) and frame (columns), from a scores table, with the number of
    paragraphs per decade. Each decade's figure rests on its paragraphs of the half only (28 in the
    2026 sample's test half): read the intervals in the scores table before comparing decades.

    Args:
        scores (DataFrame or path): ``ungdc_scores.csv``.
        method (str, default "pre-registered"): the method.
        half (str, default "test"): the half.
        against (str, default "A"): the reference.
        value (str, default "kappa"): a column of the scores ("kappa", "precision", "recall", ...).
        intervals (bool, default False): show each value with its 95 % interval, as text.

    >>> by_decade("validation/ungdc_scores.csv")["paragraphs"].tolist()
    [28, 28, 28, 28, 28, 28, 28, 28, 28]
    """
    if not isinstance(scores, pd.DataFrame):
        scores = pd.read_csv(scores)
    rows = scores[(scores["method"] == method) & (scores["half"] == half) & (scores["against"] == against)
                  & (scores["scope"] == "decade")]
    if intervals:
        rows = rows.assign(**{value: [
            "undefined" if pd.isna(v) else f"{v:.2f} [{lo:.2f}, {hi:.2f}]"
            for v, lo, hi in zip(rows[value], rows[f"{value}_low"], rows[f"{value}_high"])]})
    table = rows.pivot(index="group", columns="frame", values=value)
    table = table[[f for f in dict.fromkeys(rows["frame"])]]
    table.insert(0, "paragraphs", rows.groupby("group")["paragraphs"].first())
    table.index.name = "decade"
    return table


def methods(scores: pd.DataFrame, *, half: str = TEST) -> pd.DataFrame:
    """Every method's kappa (95 % interval) per frame and reference on one half, for comparison; the
    pre-registered method is the one the notebooks use, chosen on the development half (the others
    are shown, not chosen from here).

    Args:
        scores (DataFrame or path): ``ungdc_scores.csv``.
        half (str, default "test"): the half.

    >>> methods("validation/ungdc_scores.csv").loc["economic", "dictionary v3 vs A"]
    '0.79 [0.70, 0.87]'
    """
    if not isinstance(scores, pd.DataFrame):
        scores = pd.read_csv(scores)
    rows = scores[(scores["half"] == half) & scores["scope"].str.startswith("all")]
    rows = rows.assign(cell=[_interval(r) for r in rows.to_dict("records")],
                       column=[f"{m} vs {a}" for m, a in zip(rows["method"], rows["against"])])
    table = rows.pivot(index="frame", columns="column", values="cell").fillna("not coded")
    order = [f"{m} vs {a}" for a in ("A", "B") for m in dict.fromkeys(rows["method"]) if f"{m} vs {a}" in table.columns]
    return table.reindex(index=list(dict.fromkeys(rows["frame"])), columns=order)


def target_lines(table: pd.DataFrame) -> list[str]:
    """``targets``' table as plain sentences, one per frame and target, saying met or missed.

    Args:
        table (DataFrame): ``targets`` output.

    >>> target_lines(targets("validation/ungdc_scores.csv"))[0]
    'cooperation: kappa A >= 0.70: MISSED (0.52 [0.42, 0.63])'
    """
    lines = []
    for row in table.to_dict("records"):
        for column, verdict in row.items():
            if not column.startswith("target ") or verdict.startswith("n/a"):
                continue
            what = column[len("target "):]
            if verdict == "not coded":
                lines.append(f"{row['frame']}: {what}: no target (reference {what.split()[1]} does not define this frame)")
                continue
            if what.startswith("kappa"):
                evidence = row[f"kappa {what.split()[1]}"]
            elif what.startswith("decades"):
                evidence = f"lowest decade {row['lowest decade (A)']}"
            else:
                evidence = f"precision {row[f'precision 1990- ({what.split()[1]})']} on paragraphs from 1990 on"
            head, _, rest = verdict.partition(":") if verdict.startswith("not judged") else verdict.partition(" ")
            rest = f":{rest}" if verdict.startswith("not judged") else (f" {rest}" if rest else "")
            lines.append(f"{row['frame']}: {what}: {head.upper()}{rest} ({evidence})")
    return lines


def out_of_sample(corpus, sample: pd.DataFrame, coding: pd.DataFrame, *, codebooks: dict,
                  classifiers: dict | None = None, frames: list[str] | None = None,
                  intervals: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Agreement of each method with the reference coding, on each half of the sample.

    Args:
        corpus (Corpus): the corpus the sample was drawn from.
        sample (DataFrame or path): doc_id, paragraph, half (see ``read_sample``).
        coding (DataFrame or path): the reference coding of every sampled paragraph (``framing.read_coding``).
        codebooks (dict): name -> ``framing.Codebook``, each applied as a dictionary.
        classifiers (dict or None, default None): name -> codebook or None: a classifier is
            trained on the development half (words only for None, words plus that codebook's
            counts otherwise) and scored on both halves (on the development half its figures are
            in-sample).
        frames (list of str or None, default None): frames to compare (None: the first
            codebook's frames that the coding has).
        intervals (int, default 2000): bootstrap resamples for the 95 % intervals (0 for none).
        seed (int, default 0): for the classifiers' folds and solver.

    Returns:
        method, half, then ``framing.agreement``'s columns per frame.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> sample = read_sample("validation/un_sample.csv")
    >>> coding = framelab.framing.read_coding("validation/un_agent_coding.csv", frames=["economic"])
    >>> table = out_of_sample(corpus, sample, coding, codebooks={"v2": framelab.framing.load_codebook("validation/codebook_v2.yaml")},
    ...                       frames=["economic"], intervals=0)
    >>> table[["method", "half", "frame", "kappa"]].values.tolist()
    [['v2', 'development', 'economic', 0.821], ['v2', 'test', 'economic', 0.757]]
    """
    from framelab import checks

    if not isinstance(sample, pd.DataFrame):
        sample = read_sample(sample)
    if not isinstance(coding, pd.DataFrame):
        coding = framing.read_coding(coding, frames=frames or framing._coding_frames(coding))
    if not isinstance(codebooks, dict) or not codebooks:
        raise checks.invalid_value("out_of_sample", "codebooks", codebooks, "a dict of name -> Codebook (at least one)")
    checks.Integer(minimum=0).check("out_of_sample", "intervals", intervals)
    classifiers = classifiers or {}
    if frames is None:
        first = next(iter(codebooks.values()))
        frames = [f for f in first.frame_names if f in coding.columns]
    selected = corpus.select(sample)
    tables = []

    def score(method: str, coded: pd.DataFrame) -> None:
        for half in (DEVELOPMENT, TEST):
            units = sample[sample["half"] == half][["doc_id", "paragraph"]]
            reference = coding.merge(units, on=["doc_id", "paragraph"])
            present = [f for f in frames if f in coded.columns]
            part = coded[["doc_id", "paragraph", *present]].merge(units, on=["doc_id", "paragraph"])
            table = framing.agreement(part, reference[["doc_id", "paragraph", "coder", *present]], frames=present,
                                      sample=units, intervals=intervals)
            tables.append(table.assign(method=method, half=half))

    for name, codebook in codebooks.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # a sample may mix languages; the coding decides
            score(name, framing.code(selected, codebook=codebook))
    development = coding.merge(sample[sample["half"] == DEVELOPMENT][["doc_id", "paragraph"]],
                               on=["doc_id", "paragraph"])
    for name, codebook in classifiers.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = classifier.train(corpus, development, frames=frames, with_codebook=codebook or False, seed=seed)
        score(name, classifier.predict(selected, model))
    result = pd.concat(tables, ignore_index=True)
    columns = ["method", "half"] + [c for c in result.columns if c not in ("method", "half")]
    return result[columns]
