"""Score every frame-coding method against the agent coding (reference A) of the first UN validation sample, once.

Run from the project root:  .venv/bin/python validation/score_un_sample.py
Writes validation/un_scores.csv (deterministic: fixed seeds for the classifiers and the bootstrap).

Methods:
- dictionary v1: the codebook before it was revised for UN language (validation/codebook_v1.yaml);
- dictionary v2: the codebook revised after reading this sample's development half (validation/codebook_v2.yaml;
  framelab's default until version 3);
- classifier (words): TF-IDF + logistic regression per frame, trained on the development half;
- classifier (words + codebook): the same, with the v2 codebook's counts per frame as features.
On the development half, v2 and both classifiers are in-sample; the test half is the evidence.
"""
from pathlib import Path

import framelab
from framelab import framing, validation

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ["cooperation", "conflict", "security", "economic", "sovereignty", "slogan"]


def scores():
    corpus = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain",
                                  filename_pattern="{country}_{session}_{year}", progress=False)
    sample = validation.read_sample(ROOT / "validation" / "un_sample.csv")
    coding = framing.read_coding(ROOT / "validation" / "un_agent_coding.csv", frames=FRAMES)
    v1 = framing.load_codebook(ROOT / "validation" / "codebook_v1.yaml")
    v2 = framing.load_codebook(ROOT / "validation" / "codebook_v2.yaml")   # frozen copy: the default is v3 since 2026-12
    return validation.out_of_sample(
        corpus, sample, coding, codebooks={"dictionary v1": v1, "dictionary v2": v2},
        classifiers={"classifier (words)": None, "classifier (words + codebook)": v2}, frames=FRAMES)


if __name__ == "__main__":
    table = scores()
    table.to_csv(ROOT / "validation" / "un_scores.csv", index=False)
    test = table[table["half"] == "test"].pivot(index="frame", columns="method", values="kappa")
    print("Cohen's kappa on the test half:\n" + test.reindex(FRAMES).to_string())
