"""Draw the UN validation sample: paragraphs of China's and the United States' UN General Debate
statements (seeds/un-general-debate), 1971-2024, that the codebook was never tuned on.

Run from the project root:  .venv/bin/python validation/draw_un_sample.py
Writes validation/un_sample.csv. Deterministic (fixed seed), so running it again gives the same file.

How the sample is drawn:
- population: every paragraph (line of the source) of the 108 statements from session 26 (1971)
  to session 79 (2024), 54 by China (the 1971 one by the Republic of China) and 54 by the United
  States, with at least MIN_WORDS words
  (shorter lines are greetings, "Thank you." or fragments of a broken line);
- 100 paragraphs per country, drawn without replacement with numpy's default_rng(SEED);
- each country's 100 split at random into 50 development and 50 test paragraphs.
The development half may be read while revising the codebook; the test half is scored once.
"""
from pathlib import Path

import numpy as np
import pandas as pd

import framelab

ROOT = Path(__file__).resolve().parents[1]
SEED = 20151006  # fixed: 6 October 2015, a day of the UN General Debate's 70th session
PER_COUNTRY = 100
MIN_WORDS = 20
FIRST_YEAR = 1971


def draw() -> pd.DataFrame:
    corpus = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain",
                                  filename_pattern="{country}_{session}_{year}", progress=False)
    documents = corpus.documents[corpus.documents["year"] >= FIRST_YEAR][["doc_id", "country", "year"]]
    paragraphs = corpus.paragraphs.merge(documents, on="doc_id")
    population = paragraphs[paragraphs["n_words"] >= MIN_WORDS].sort_values(["doc_id", "paragraph"])
    rng = np.random.default_rng(SEED)
    parts = []
    for country in ("CHN", "USA"):
        pool = population[population["country"] == country].reset_index(drop=True)
        chosen = pool.iloc[rng.choice(len(pool), size=PER_COUNTRY, replace=False)].copy()
        chosen["half"] = rng.permutation(["development"] * (PER_COUNTRY // 2) + ["test"] * (PER_COUNTRY // 2))
        parts.append(chosen)
    sample = pd.concat(parts).sort_values(["half", "doc_id", "paragraph"]).reset_index(drop=True)
    sample.insert(0, "unit", [f"U{i:03d}" for i in range(1, len(sample) + 1)])
    return sample[["unit", "doc_id", "paragraph", "country", "year", "half", "n_words", "text"]]


if __name__ == "__main__":
    sample = draw()
    sample.to_csv(ROOT / "validation" / "un_sample.csv", index=False)
    print(f"{len(sample)} paragraphs: " + ", ".join(
        f"{half} {n}" for half, n in sample["half"].value_counts().sort_index().items()))
