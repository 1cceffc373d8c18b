"""Out-of-sample validation: the UN sample as drawn and coded, bootstrap intervals, the supervised
classifier, and a validation run on a small corpus whose values are worked out by hand."""
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

import framelab
from framelab import classifier, framing, stats, validation
from tests.conftest import ROOT

FRAMES = ["cooperation", "conflict", "security", "economic", "sovereignty", "slogan"]


# --- the UN sample in validation/ ------------------------------------------------------------------

def test_the_un_sample_is_drawn_as_its_readme_says():
    sample = validation.read_sample(ROOT / "validation" / "un_sample.csv")
    assert len(sample) == 200 and sample["unit"].is_unique
    assert sample.groupby(["country", "half"]).size().to_dict() == {
        ("CHN", "development"): 50, ("CHN", "test"): 50, ("USA", "development"): 50, ("USA", "test"): 50}
    assert sample["n_words"].min() >= 20 and sample["year"].min() >= 1971
    assert not sample.duplicated(["doc_id", "paragraph"]).any()


def test_the_sample_texts_are_the_corpus_paragraphs():
    sample = validation.read_sample(ROOT / "validation" / "un_sample.csv")
    corpus = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain", progress=False)
    merged = sample.merge(corpus.paragraphs, on=["doc_id", "paragraph"], suffixes=("", "_corpus"))
    assert len(merged) == 200 and (merged["text"] == merged["text_corpus"]).all()


def test_every_coder_coded_every_unit_once():
    coding = framing.read_coding(ROOT / "validation" / "un_agent_coding.csv", frames=FRAMES)
    assert coding.groupby("coder").size().to_dict() == {"coder_A": 200, "coder_B": 200, "coder_C": 200}
    assert not coding.duplicated(["coder", "doc_id", "paragraph"]).any()


# --- intervals -------------------------------------------------------------------------------------

def test_kappa_agrees_with_scikit_learn():
    rng = np.random.default_rng(3)
    for _ in range(20):
        a, h = rng.integers(0, 2, 40), rng.integers(0, 2, 40)
        assert stats.binary_agreement(a, h)["kappa"] == pytest.approx(cohen_kappa_score(a, h))


def test_bootstrap_interval_of_perfect_agreement_is_a_point():
    # Every resample of identical codings agrees perfectly: kappa, F1, precision, recall all 1.
    a = [1, 0, 1, 0, 1, 0, 0, 1]
    assert stats.bootstrap_agreement(a, a, resamples=200) == {
        "precision": (1.0, 1.0), "recall": (1.0, 1.0), "f1": (1.0, 1.0), "kappa": (1.0, 1.0)}


def test_bootstrap_interval_contains_the_estimate_and_is_reproducible():
    a = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0] * 3
    h = [1, 0, 0, 0, 1, 0, 1, 1, 0, 0] * 3
    first = stats.bootstrap_agreement(a, h, resamples=500)
    assert first == stats.bootstrap_agreement(a, h, resamples=500)   # fixed seed
    kappa = stats.binary_agreement(a, h)["kappa"]
    # By hand: 30 units, 9 agree-present, 15 agree-absent, 3 + 3 disagree: p_o = 0.8,
    # p_e = 0.4 * 0.4 + 0.6 * 0.6 = 0.52, kappa = 0.28 / 0.48 = 0.5833.
    assert kappa == pytest.approx(0.28 / 0.48)
    low, high = first["kappa"]
    assert low < kappa < high


# --- the classifier ------------------------------------------------------------------------------

ECONOMIC = ["Trade and investment grew.", "Markets and trade expanded fast.", "Investment in markets rose.",
            "Trade deficits and markets worried investors.", "The economy and trade grew.",
            "Investors praised the markets.", "Trade rose again.", "Markets fell and investment slowed."]
OTHER = ["The delegates met in the hall.", "The weather was cold in New York.", "He read a poem aloud.",
         "The session opened at ten.", "The speaker thanked the chair.", "Flowers lined the streets.",
         "The band played a song.", "She greeted the guests."]


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "train.txt").write_text("\n".join(ECONOMIC + OTHER) + "\n", encoding="utf-8")
    (folder / "new.txt").write_text("Trade and markets grew.\nThe chair opened the session.\n", encoding="utf-8")
    corpus = framelab.load_corpus(folder, layout="plain")
    coding = pd.DataFrame({"doc_id": "train", "paragraph": range(1, 17), "coder": "me",
                           "economic": [1] * 8 + [0] * 8})
    return corpus, coding


def test_classifier_learns_an_obvious_frame_and_returns_the_code_shape(tiny):
    corpus, coding = tiny
    model = framing.train(corpus, coding)
    coded = framing.predict(corpus, model)
    assert list(coded.columns) == ["doc_id", "paragraph", "unit", "economic", "economic_hits"]
    new = coded[coded["doc_id"] == "new"].set_index("paragraph")
    # "Trade and markets grew." holds the words of every economic example; the other none.
    assert new["economic"].tolist() == [1, 0]
    assert set(new.loc[1, "economic_hits"].split("; ")) <= {"trade", "and", "markets", "grew", "trade and",
                                                            "and markets", "markets grew"}
    assert new.loc[2, "economic_hits"] == ""
    assert model.cross_validation.set_index("frame").loc["economic", "paragraphs"] == 16
    # The same data and seed give the same model.
    assert framing.predict(corpus, framing.train(corpus, coding)).equals(coded)


def test_a_frame_with_too_few_examples_is_not_learnt(tiny):
    corpus, coding = tiny
    coding = coding.assign(slogan=[1, 1] + [0] * 14)
    with pytest.warns(UserWarning, match=r"not learnt: slogan \(2 positive and 14 negative"):
        model = framing.train(corpus, coding)
    assert model.frames == ["economic"] and "slogan" in model.skipped


def test_codebook_counts_can_be_features(tiny):
    corpus, coding = tiny
    model = framing.train(corpus, coding, with_codebook=True)
    union = model.models["economic"].steps[0][1]
    names = list(union.get_feature_names_out())
    assert "codebook__codebook:economic" in names
    coded = framing.predict(corpus, model)
    assert coded[coded["doc_id"] == "new"]["economic"].tolist() == [1, 0]
    # The codebook's count is among the reasons given for the economic paragraph.
    assert "codebook:economic" in coded[coded["doc_id"] == "new"]["economic_hits"].iloc[0]


def test_cross_validation_shares_each_fold_s_features_and_scores_as_scikit_learn():
    """Each fold's features are made once for every C; the kappas are cross_val_score's, which
    builds the whole pipeline again for each C and fold (on the UN seeds' agent-coded paragraphs;
    words and codebook counts, the richer pipeline; the words-only one is checked through
    validation/un_scores.csv below)."""
    from sklearn.metrics import make_scorer
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    from tests.conftest import UN_PATTERN, UN_SPEECHES

    corpus = framelab.load_corpus(UN_SPEECHES, layout="plain", filename_pattern=UN_PATTERN, progress=False)
    coding = framing.read_coding(ROOT / "validation" / "un_agent_coding.csv", frames=["security"])
    table = classifier.training_table(corpus, coding, ["security"]).head(120)
    y = table["security"].to_numpy()
    codebook = framing.load_codebook()
    folds = StratifiedKFold(n_splits=classifier.FOLDS, shuffle=True, random_state=0)
    shared = classifier._cross_validated_kappa(table["text"], y, folds, 0, codebook)
    reference = {c: float(np.mean(cross_val_score(classifier._pipeline(c, 0, codebook), table["text"], y, cv=folds,
                                                  scoring=make_scorer(cohen_kappa_score))))
                 for c in classifier.C_GRID}
    assert shared == reference
    assert len(set(shared.values())) > 1   # C matters here (else the comparison would prove little)


def test_out_of_sample_scores_each_method_on_each_half(tiny):
    corpus, coding = tiny
    sample = pd.DataFrame({"doc_id": "train", "paragraph": range(1, 17),
                           "half": ["development", "test"] * 8})
    scores = validation.out_of_sample(corpus, sample, coding, codebooks={"dictionary": framing.load_codebook()},
                                      frames=["economic"], intervals=0)
    by_half = scores.set_index("half")
    # Test half: paragraphs 2, 4, 6, 8 economic (human 4), 10, 12, 14, 16 not. The codebook's
    # economic indicators find: 2 "markets", "trade"; 4 "trade", "markets"; 6 "markets";
    # 8 "markets", "investment": all four, and nothing in the others: kappa 1.
    assert by_half.loc["test", "reference"] == 4 and by_half.loc["test", "automatic"] == 4
    assert by_half.loc["test", "kappa"] == 1.0
    assert list(scores["method"].unique()) == ["dictionary"]


def test_the_committed_un_scores_are_what_the_script_computes_today():
    """Notebooks 03 and 04 show validation/un_scores.csv; it must still be what the instruments give.
    Recomputed here (every method, both halves, fixed seeds) so a change to the codebook, the matcher
    or the classifier that moves a number fails until the file is regenerated and the prose checked."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_un_sample", ROOT / "validation" / "score_un_sample.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    fresh = script.scores().reset_index(drop=True)
    committed = pd.read_csv(ROOT / "validation" / "un_scores.csv")
    assert list(fresh.columns) == list(committed.columns)
    assert fresh[["method", "half", "frame"]].astype(str).equals(committed[["method", "half", "frame"]].astype(str))
    numbers = [c for c in committed.columns if c not in ("method", "half", "frame")]
    pd.testing.assert_frame_equal(fresh[numbers].astype(float), committed[numbers].astype(float), check_exact=False,
                                  rtol=1e-9, atol=1e-9)
