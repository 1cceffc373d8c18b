"""Draw the 2026 validation sample: paragraphs of the whole UN General Debate Corpus, as notebook 04
loads them (lines of hard-wrapped files joined back into paragraphs, ``join_lines="auto"``).

Run from the project root, with the corpus unpacked (see ../shared/data/un-general-debate/README.md):

    .venv/bin/python validation/draw_ungdc_sample.py /tmp/ungdc/TXT

Writes validation/ungdc_sample.csv. Deterministic (fixed seed): running it again on the same corpus
gives the same file. The corpus is not in the project; the sample's texts are, so tests and notebooks
need only the CSV.

How the sample is drawn (``framelab.validation.draw_stratified``):
- population: every paragraph of the 10,952 statements, 1946-2024, with at least MIN_WORDS words
  (shorter paragraphs are salutations, "Thank you.", "(spoke in French)", "---": 2.8 % of the
  paragraphs and 0.2 % of the words; no frame can be read in them);
- strata: decade (1940s = 1946-1949, ..., 2020s = 2020-2024) x speaker: China (CHN; until 1971 the
  Republic of China), the United States (USA), every other country ("other");
- per decade PER_DECADE units: CHN 16, USA 16, other 24 (9 decades: 504 units, 216 from other
  countries, 43 %);
- a tenth stratum, "slogan candidates": SLOGAN_CANDIDATES paragraphs, not already drawn, that
  match a broad pattern for the slogan's renderings and their look-alikes (SLOGAN_POOL: "community"
  within five words before "common/shared destiny/future", or "destiny/future for (all) mankind/
  humankind"), any country and year. A random draw of paragraphs holds almost no slogan (it is
  rare), so its agreement could not be measured otherwise. This stratum is scored on its own and
  never mixed into the decade estimates;
- in each stratum half of the units (at random) are "development", half "test": the development
  half may be read while calibrating the codebook; the test half is coded only after the
  instrument is frozen (PREREGISTRATION.md) and scored once;
- unit ids (P001 ...) are given in a random order, so that an id says nothing about country,
  year or half; coders see unit ids and texts only.
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import framelab
from framelab import validation

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "validation" / "ungdc_sample.csv"
SEED = 20260312  # fixed before the draw: the date this sample was planned (2026-12-03), reversed in part
MIN_WORDS = 5
PER_DECADE = {"CHN": 16, "USA": 16, "other": 24}
DECADES = [f"{d}s" for d in range(1940, 2030, 10)]
SLOGAN_CANDIDATES = 40
SLOGAN_POOL = (r"(?i)\bcommunit\w*\W+(?:\w+\W+){0,5}?(?:common|shared)\W+(?:destiny|future)\b"
               r"|\b(?:destiny|future) for (?:all )?(?:mankind|humankind)\b")
COLUMNS = ["unit", "doc_id", "file", "paragraph", "country", "year", "decade", "group", "stratum", "half",
           "n_words", "text"]


def population(folder) -> pd.DataFrame:
    corpus = framelab.load_corpus(folder, layout="plain", filename_pattern="{country}_{session}_{year}",
                                  join_lines="auto", progress=False)
    documents = corpus.documents[["doc_id", "country", "year"]]
    paragraphs = corpus.paragraphs.merge(documents, on="doc_id")
    paragraphs = paragraphs[paragraphs["n_words"] >= MIN_WORDS].copy()
    paragraphs["file"] = paragraphs["doc_id"] + ".txt"
    paragraphs["doc_id"] = paragraphs["doc_id"].str.rsplit("/", n=1).str[-1]   # CHN_28_1973, as in seeds/
    paragraphs["year"] = paragraphs["year"].astype(int)
    paragraphs["decade"] = validation.decade_of(paragraphs["year"]).to_numpy()
    paragraphs["group"] = paragraphs["country"].where(paragraphs["country"].isin(["CHN", "USA"]), "other")
    return paragraphs.reset_index(drop=True)


def draw(folder) -> pd.DataFrame:
    pool = population(folder)
    order = ["file", "paragraph"]
    sizes = {(decade, group): n for decade in DECADES for group, n in PER_DECADE.items()}
    main = validation.draw_stratified(pool, by=["decade", "group"], sizes=sizes, seed=SEED, order=order)
    main["stratum"] = main["decade"]
    taken = set(zip(main["file"], main["paragraph"]))
    candidates = pool[pool["text"].str.contains(SLOGAN_POOL, regex=True)
                      & np.array([(f, p) not in taken for f, p in zip(pool["file"], pool["paragraph"])])].assign(stratum="slogan candidates")
    slogan = validation.draw_stratified(candidates, by=["stratum"], sizes={"slogan candidates": SLOGAN_CANDIDATES},
                                        seed=SEED + 1, order=order)
    sample = pd.concat([main, slogan], ignore_index=True)
    ids = np.random.default_rng(SEED + 2).permutation(len(sample)) + 1
    sample.insert(0, "unit", [f"P{i:03d}" for i in ids])
    return sample.sort_values("unit").reset_index(drop=True)[COLUMNS]


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: draw_ungdc_sample.py FOLDER  (the unpacked UNGDC, the folder holding 'Session NN - YYYY/'; "
                 "see ../shared/data/un-general-debate/README.md)")
    sample = draw(sys.argv[1])
    tmp = OUT.with_suffix(".csv.tmp")
    sample.to_csv(tmp, index=False)
    tmp.replace(OUT)
    print(f"{len(sample)} units -> {OUT.relative_to(ROOT)}")
    print(sample.groupby(["stratum", "group", "half"]).size().unstack().to_string())
