"""Draw the tone reference sample (issue 21): random sentences of notebook 04's corpus, 20 per country
and decade, for a reference rating of tone that corrects VADER's group means
(``sentiment.by_group(correct_with=...)``).

The population is what notebook 04 scores: the statements of China and the United States in
``seeds/un-general-debate`` dated 1972-2024, loaded with ``join_lines="auto"``, and their sentences
that hold a word (``sentiment.is_sentence``). Each stratum (country x decade) is drawn without
replacement with one seeded generator (``validation.draw_stratified``); nothing is tuned on the
rating, so the halves it marks are not used. Output: ``tone_sample.csv`` (unit T001..., the
sentence's keys, country, decade, text), written atomically.

Run: ``.venv/bin/python validation/draw_tone_sample.py``
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = 20261203
PER_STRATUM = 20


def draw():
    import framelab
    from framelab import groups, sentiment, validation

    corpus = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain", progress=False,
                                  filename_pattern="{country}_{session}_{year}", join_lines="auto")
    years = corpus.documents["date"].dt.year
    corpus = corpus.subset(corpus.documents.loc[years.between(1972, 2024), "doc_id"])
    decades = groups.assign(corpus, by="country", period="decade", where="draw_tone_sample")[["doc_id", "country", "decade"]]
    sentences = corpus.sentences[["doc_id", "paragraph", "sentence", "text"]]
    sentences = sentences[sentiment.is_sentence(sentences["text"]).to_numpy()].merge(decades, on="doc_id")
    sizes = {key: PER_STRATUM for key in sorted(set(zip(sentences["country"], sentences["decade"])))}
    drawn = validation.draw_stratified(sentences, by=["country", "decade"], sizes=sizes, seed=SEED,
                                       order=["doc_id", "paragraph", "sentence"])
    drawn = drawn.sort_values(["country", "decade", "doc_id", "paragraph", "sentence"]).reset_index(drop=True)
    drawn.insert(0, "unit", [f"T{i:03d}" for i in range(1, len(drawn) + 1)])
    return drawn[["unit", "doc_id", "paragraph", "sentence", "country", "decade", "text"]]


def main() -> int:
    table = draw()
    target = HERE / "tone_sample.csv"
    partial = target.with_suffix(".csv.partial")
    table.to_csv(partial, index=False, lineterminator="\n")
    partial.replace(target)
    print(f"{len(table)} sentences, {table.groupby(['country', 'decade']).size().min()} per stratum -> {target.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
