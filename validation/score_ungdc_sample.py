"""Score the frame-coding methods on the 2026 UN sample (ungdc_sample.csv) against two references.

Run from the project root:

    .venv/bin/python validation/score_ungdc_sample.py select   # development half only: choose one method per frame
    .venv/bin/python validation/score_ungdc_sample.py score    # both halves, once the test half is coded

In ungdc_scores.csv, `against` names the reference (A or B) and `reference` counts the units it
codes as presenting the frame. `select` writes ungdc_selection.csv (development half only) and is run before the freeze: its rule
(SELECTION_RULE) picks the one method per frame that the notebooks use, and methods_2026.yaml
records the choice. `score` writes ungdc_scores.csv and ungdc_references.csv; it refuses to run
while PREREGISTRATION.md's hashes do not match the files. Deterministic: fixed seeds.

References (validation/README.md says who coded):
- A: three language-model agents with the project's manual (coding_manual.md), every frame;
- B: three other language-model agent instances with the published instruments only
  (coding_manual_published.md): conflict, economic, security, sovereignty (formed from the items by
  B_FRAMES, the rule written in that manual).
The reference is the majority of its three coders. Agreement is scored on the decade strata (the
random sample); the slogan, rare in a random sample, is scored on every unit of a half (the decade
strata plus the "slogan candidates" stratum drawn for it). Intervals: 95 % percentile bootstrap over
the units of a half (sampling error of the units; they do not include the references' own error,
which alpha and the A-B kappa show beside them).
"""
import hashlib
import re
import sys
import warnings
from pathlib import Path

import pandas as pd
import yaml

from framelab import classifier, framing, validation

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "validation"
FRAMES = ["cooperation", "conflict", "security", "economic", "sovereignty", "slogan"]
B_FRAMES = {"conflict": ["c1", "c2", "c3", "c4"], "economic": ["e1", "e2", "e3", "pfc_economic"],
            "security": ["pfc_security"], "sovereignty": ["pfc_legality"]}
CANDIDATES = "slogan candidates"
INTERVALS = 2000
SEED = 0
CLASSIFIER = "classifier (words + codebook v3)"
DICTIONARIES = {"dictionary v1": "codebook_v1.yaml", "dictionary v2": "codebook_v2.yaml", "dictionary v3": "codebook_v3.yaml"}
SELECTION_RULE = (
    "Per frame, on the development half only, against reference A: the dictionary (v3) unless the classifier's "
    "5-fold cross-validated kappa exceeds the dictionary's development-half kappa by at least 0.05 (the "
    "dictionary is what the notebooks, the explorer and the highlight use; a switch must buy a clear gain). "
    "The slogan is always the dictionary (too few positives to learn).")
PRE_1990, POST_1990 = "before 1990", "1990 and after"


def sample() -> pd.DataFrame:
    return pd.read_csv(HERE / "ungdc_sample.csv", dtype={"doc_id": str, "unit": str})


def reference(name: str, half: str) -> pd.DataFrame | None:
    """Reference A or B of a half, shaped for framing.agreement (doc_id = the unit id, paragraph 1)."""
    path = HERE / f"ungdc_reference_{name}_{half}.csv"
    if not path.exists():
        return None
    coding = pd.read_csv(path, dtype={"unit": str, "doc_id": str})
    if name == "B":
        for frame, items in B_FRAMES.items():
            coding[frame] = coding[items].max(axis=1)
    frames = FRAMES if name == "A" else list(B_FRAMES)
    return coding.assign(doc_id=coding["unit"], paragraph=1)[["unit", "doc_id", "paragraph", "coder", *frames]]


def codebooks() -> dict:
    return {name: framing.load_codebook(HERE / file) for name, file in DICTIONARIES.items()}


def coded_by_method(corpus, development_a: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every method's coding of every unit: the dictionaries, and the classifier learnt from the
    development half's reference A (its development-half figures are in-sample)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        coded = {name: framing.code(corpus, codebook=book) for name, book in codebooks().items()}
        model = classifier.train(corpus, development_a, frames=FRAMES[:-1], with_codebook=codebooks()["dictionary v3"],
                                 seed=SEED)
        coded[CLASSIFIER] = classifier.predict(corpus, model)
    return coded, model


def select() -> pd.DataFrame:
    """The development half's figures behind the choice of one method per frame (SELECTION_RULE)."""
    units = sample()
    corpus = validation.sample_corpus(units)
    development = units[units["half"] == validation.DEVELOPMENT]
    main = development[development["stratum"] != CANDIDATES]
    coding = reference("A", validation.DEVELOPMENT)
    coded, model = coded_by_method(corpus, coding[coding["unit"].isin(main["unit"])])
    rows = []
    for frame in FRAMES:
        scope = development if frame == "slogan" else main
        kept = pd.DataFrame({"doc_id": scope["unit"], "paragraph": 1})
        row = {"frame": frame, "units": len(kept)}
        for name in ("dictionary v2", "dictionary v3"):
            part = coded[name][coded[name]["doc_id"].isin(kept["doc_id"])]
            table = framing.agreement(part, coding[coding["doc_id"].isin(kept["doc_id"])], frames=[frame], sample=kept)
            row[f"{name} kappa (in-sample)"] = table.loc[0, "kappa"]
        cv = model.cross_validation.set_index("frame")
        row["classifier cv kappa"] = float(cv.loc[frame, "cv_kappa"]) if frame in cv.index else float("nan")
        gain = row["classifier cv kappa"] - row["dictionary v3 kappa (in-sample)"]
        row["chosen"] = CLASSIFIER if frame != "slogan" and gain >= 0.05 else "dictionary v3"
        rows.append(row)
    return pd.DataFrame(rows)


def preregistered() -> dict:
    """PREREGISTRATION.md's table of files and sha256; each file must still hash to its value."""
    text = (HERE / "PREREGISTRATION.md").read_text(encoding="utf-8")
    hashes = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|", text, flags=re.M))
    if not hashes:
        raise SystemExit("PREREGISTRATION.md lists no files")
    return hashes


def drifted() -> list[str]:
    return [path for path, digest in preregistered().items()
            if hashlib.sha256((ROOT / path).read_bytes()).hexdigest() != digest]


def score() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreement of every method with both references on both halves (overall, per decade, before
    and after 1990, per speaker group), and the references' own reliability."""
    if drifted():
        raise SystemExit(f"files changed since PREREGISTRATION.md: {drifted()}; a new score needs its own "
                         "pre-registration (see validation/README.md)")
    methods = yaml.safe_load((HERE / "methods_2026.yaml").read_text(encoding="utf-8"))["frames"]
    units = sample()
    corpus = validation.sample_corpus(units)
    development_a = reference("A", validation.DEVELOPMENT)
    main_development = units[(units["half"] == validation.DEVELOPMENT) & (units["stratum"] != CANDIDATES)]
    coded, _ = coded_by_method(corpus, development_a[development_a["unit"].isin(main_development["unit"])])
    coded["pre-registered"] = chosen_coding(coded, methods)
    units = units.set_index("unit")
    units["era"] = [PRE_1990 if y < 1990 else POST_1990 for y in units["year"]]
    scores, references = [], []
    for half in (validation.DEVELOPMENT, validation.TEST):
        codings = {name: reference(name, half) for name in ("A", "B")}
        if codings["A"] is None:
            continue
        in_half = units[units["half"] == half]
        main = in_half[in_half["stratum"] != CANDIDATES]
        for name, coding in codings.items():
            if coding is None:
                continue
            frames = [f for f in FRAMES if f in coding.columns]
            for method, table in coded.items():
                present = [f for f in frames if f in table.columns]
                for scope, groups in (("all", pd.Series("all", index=main.index)),
                                      ("decade", main["decade"]), ("era", main["era"]), ("group", main["group"])):
                    part = [f for f in present if f != "slogan"]
                    if part:
                        found = validation.agreement_by(table, coding, groups, frames=part, intervals=INTERVALS)
                        scores.append(found.assign(scope=scope, method=method, against=name, half=half))
                if "slogan" in present:   # every unit of the half, candidates included
                    found = validation.agreement_by(table, coding, pd.Series("all", index=in_half.index),
                                                    frames=["slogan"], intervals=INTERVALS)
                    scores.append(found.assign(scope="all, with slogan candidates", method=method, against=name,
                                               half=half))
        if codings["B"] is not None:
            a, b = codings["A"], codings["B"]
            keep = set(main.index)
            table = validation.between_references(a[a["unit"].isin(keep)], b[b["unit"].isin(keep)],
                                                  frames=list(B_FRAMES), intervals=INTERVALS)
            references.append(table.assign(half=half))
        a = codings["A"]
        table = validation.between_references(a[a["unit"].isin(set(main.index))], a[a["unit"].isin(set(main.index))],
                                              frames=FRAMES[:-1])
        references.append(table[["frame", "units", "coders_first", "alpha_first"]].assign(half=half, comparison="A alone"))
    scores = pd.concat(scores, ignore_index=True)
    first = ["half", "against", "method", "scope", "group"]
    scores = scores[first + [c for c in scores.columns if c not in first]]
    references = pd.concat(references, ignore_index=True)
    references["comparison"] = references["comparison"].fillna("A and B")
    return scores, references


def chosen_coding(coded: dict, methods: dict) -> pd.DataFrame:
    """One table: each frame's columns from its pre-registered method."""
    base = coded["dictionary v3"].copy()
    for frame, method in methods.items():
        if method != "dictionary v3":
            source = coded[method].set_index("doc_id").loc[base["doc_id"]]
            base[frame] = source[frame].to_numpy()
            base[f"{frame}_hits"] = source[f"{frame}_hits"].to_numpy()
    return base


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) == 2 else ""
    if what == "select":
        table = select()
        table.to_csv(HERE / "ungdc_selection.csv", index=False)
        print(SELECTION_RULE + "\n" + table.to_string(index=False))
    elif what == "score":
        scores, references = score()
        scores.to_csv(HERE / "ungdc_scores.csv", index=False)
        references.to_csv(HERE / "ungdc_references.csv", index=False)
        test = scores[(scores["half"] == "test") & (scores["scope"].str.startswith("all"))
                      & (scores["method"] == "pre-registered")]
        print(test[["against", "frame", "kappa", "kappa_low", "kappa_high", "precision", "recall"]].to_string(index=False))
    else:
        sys.exit("usage: score_ungdc_sample.py select|score")
