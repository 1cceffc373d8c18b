"""Corrected estimates (prediction-powered inference): a small case worked by hand, and a simulation
showing that the corrected interval reaches its coverage where the naive one does not."""
import math

import numpy as np
import pytest

from framelab.correction import corrected_mean


def test_a_small_case_by_hand():
    automated = [1, 1, 0, 0, 1, 0, 1, 0, 1, 1]          # naive share 6/10 = 0.6
    coded_automated, coded_reference = [1, 1, 0, 0], [1, 0, 0, 0]
    r = corrected_mean(automated, coded_automated, coded_reference, min_reference=4, small_sample=None)
    # Rectifier (reference - automated) = 0, -1, 0, 0: mean -0.25 (the instrument over-counts by
    # 0.25), so the corrected share is 0.6 - 0.25 = 0.35.
    assert (r["naive"], r["bias"], r["corrected"]) == (0.6, 0.25, 0.35)
    # Variances: automated, sum of squares 6 * 0.4^2 + 4 * 0.6^2 = 2.4, / 9 / 10 = 0.026667;
    # rectifier, deviations 0.25, -0.75, 0.25, 0.25: 0.75 / 3 / 4 = 0.0625. Together 0.089167;
    # half-width 1.959964 * sqrt(0.089167) = 0.58526, so 0.35 + 0.58526 = 0.93526 (low end clipped to 0).
    assert r["corrected_high"] == pytest.approx(0.9353, abs=1e-4) and r["corrected_low"] == 0.0
    assert r["naive_low"] == pytest.approx(0.6 - 1.959964 * math.sqrt(0.026667), abs=1e-4)


def test_agresti_min_adds_half_a_unit_to_each_cell():
    # The case above, Agresti-Min: 4 coded units, none with reference 1 where the instrument said 0
    # (b = 0.5 / 6 = 0.083333), one the reverse (c = 1.5 / 6 = 0.25); variance
    # ((b + c) - (b - c)^2) / 6 = (0.333333 - 0.027778) / 6 = 0.050926; with the automated term
    # 0.026667: 0.077593, half-width 1.959964 * 0.278555 = 0.54596, so 0.35 + 0.54596 = 0.89596.
    r = corrected_mean([1, 1, 0, 0, 1, 0, 1, 0, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0], min_reference=4,
                       small_sample="agresti-min")
    assert r["corrected"] == 0.35 and r["corrected_high"] == pytest.approx(0.89596, abs=1e-4)
    # 15 coded units that all agree: the plain variance says no measurement error at all; with
    # 0.5 per cell, b = c = 0.5 / 17, variance (1 / 17) / 17, half-width 1.959964 / 17 = 0.11529.
    agree = [1] * 5 + [0] * 10
    plain = corrected_mean([1] * 40 + [0] * 60, agree, agree, naive_variance=0.0)
    assert plain["corrected_low"] == plain["corrected_high"] == 0.4
    r = corrected_mean([1] * 40 + [0] * 60, agree, agree, naive_variance=0.0, small_sample="agresti-min")
    assert (r["corrected_low"], r["corrected_high"]) == (pytest.approx(0.4 - 0.11529, abs=1e-4),
                                                         pytest.approx(0.4 + 0.11529, abs=1e-4))
    with pytest.raises(ValueError, match="small_sample must be"):
        corrected_mean([1, 0], [1, 0], [1, 0], small_sample="wilson")


def test_too_few_coded_units_give_no_corrected_estimate():
    r = corrected_mean([1, 0, 1], [1, 0], [1, 1])
    assert math.isnan(r["corrected"]) and "2 reference-coded unit(s), fewer than 10" in r["note"]
    assert r["naive"] == pytest.approx(2 / 3, abs=1e-4)
    with pytest.raises(ValueError, match="one of each per coded unit"):
        corrected_mean([1, 0], [1, 0], [1])


def test_a_given_naive_variance_is_used_for_the_first_term():
    # With the first variance 0 (a census of automated codes), only the rectifier's spread is left:
    # rectifier 0, -1, 0, 0, ... as above, variance 0.0625: half-width 1.959964 * 0.25 = 0.48999.
    r = corrected_mean([1] * 6 + [0] * 4, [1, 1, 0, 0], [1, 0, 0, 0], naive_variance=0.0, min_reference=4,
                       small_sample=None)
    assert r["corrected_high"] == pytest.approx(0.35 + 0.48999, abs=1e-4)
    assert r["naive_low"] == r["naive_high"] == 0.6


def test_the_corrected_interval_reaches_its_coverage_and_the_naive_one_does_not():
    """500 draws: a true prevalence p in [0.1, 0.3]; 2,000 units; an instrument with sensitivity 0.9 and a
    false-positive rate 0.2 (so it over-counts by about 0.14); 150 units coded by a perfect reference."""
    rng = np.random.default_rng(20231)
    covered = {"naive": 0, "corrected": 0}
    runs = 500
    for _ in range(runs):
        p = rng.uniform(0.1, 0.3)
        truth = rng.random(2000) < p
        automated = np.where(truth, rng.random(2000) < 0.9, rng.random(2000) < 0.2).astype(int)
        coded = rng.choice(2000, size=150, replace=False)
        r = corrected_mean(automated, automated[coded], truth[coded].astype(int))
        covered["naive"] += r["naive_low"] <= p <= r["naive_high"]
        covered["corrected"] += r["corrected_low"] <= p <= r["corrected_high"]
    # 95 % nominal; over 500 runs the binomial standard error is about 0.01.
    assert 0.925 <= covered["corrected"] / runs <= 0.975
    assert covered["naive"] / runs < 0.2


def test_with_ppi_python_s_variances_the_interval_is_ppi_python_s():
    """ppi_py.ppi_mean_ci(Y, Yhat, Yhat_unlabeled, alpha=0.05, lam=1) (ppi-python 0.2.3, run outside the
    project on these arrays) gives (0.39666121, 0.63933879); with ddof=0 the same formula here."""
    rng = np.random.default_rng(1)
    unlabeled = rng.integers(0, 2, 500).astype(float)
    predicted = rng.integers(0, 2, 60).astype(float)
    truth = np.where(rng.random(60) < 0.8, predicted, 1 - predicted)
    r = corrected_mean(unlabeled, predicted, truth, ddof=0, small_sample=None)
    assert r["corrected"] == 0.518
    assert (r["corrected_low"], r["corrected_high"]) == (pytest.approx(0.39666121, abs=1e-4),
                                                         pytest.approx(0.63933879, abs=1e-4))


def test_profile_corrects_each_share_with_the_reference_of_its_group(tmp_path):
    import pandas as pd

    import framelab
    from framelab import framing

    # Two documents of 12 paragraphs. The dictionary flags "trade" paragraphs as economic; the reference
    # also counts the "money" paragraphs, which the dictionary misses.
    folder = tmp_path / "c"
    folder.mkdir()
    a = ["Trade grew."] * 6 + ["Money moved."] * 3 + ["Rain fell."] * 3     # dictionary 6/12, truth 9/12
    b = ["Trade grew."] * 3 + ["Rain fell."] * 9                            # dictionary 3/12, truth 3/12
    (folder / "a.txt").write_text("\n".join(a) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n".join(b) + "\n", encoding="utf-8")
    corpus = framelab.load_corpus(folder, layout="plain", progress=False)
    book = framing.Codebook.from_dict({"frames": {"economic": {"definition": "x", "indicators": ["trade"]}}})
    coded = framing.code(corpus, codebook=book)
    # All 24 paragraphs coded by the reference (a census): the corrected share is then the true share.
    truth = [1] * 9 + [0] * 3 + [1] * 3 + [0] * 9
    coding = pd.DataFrame({"doc_id": ["a"] * 12 + ["b"] * 12, "paragraph": list(range(1, 13)) * 2,
                           "coder": "r", "economic": truth})
    row = framing.profile(coded, correct_with=coding).iloc[0]
    # Naive 9/24 = 0.375; rectifier: 3 paragraphs of +1 among 24, mean 0.125; corrected 0.5 = 12/24.
    assert (row["share"], row["bias"], row["share_corrected"]) == (0.375, -0.125, 0.5)
    grouped = framing.profile(coded, corpus=corpus, by="doc_id", correct_with=coding).set_index("doc_id")
    assert grouped.loc["a", "share_corrected"] == 0.75 and grouped.loc["b", "share_corrected"] == 0.25
    assert grouped.loc["b", "bias"] == 0.0
    # A group with fewer than 10 coded paragraphs gets no corrected share, and says so.
    few = coding[(coding["doc_id"] == "a") | (coding["paragraph"] <= 4)]
    grouped = framing.profile(coded, corpus=corpus, by="doc_id", correct_with=few).set_index("doc_id")
    assert math.isnan(grouped.loc["b", "share_corrected"]) and "4 reference-coded unit(s)" in grouped.loc["b", "correction"]
    with pytest.raises(ValueError, match="not in the coded table"):
        framing.profile(coded, correct_with=coding.assign(doc_id="z"))


@pytest.mark.parametrize("sensitivity, false_positives", [(0.9, 0.08), (0.97, 0.03)])
def test_with_16_coded_units_per_group_the_plain_interval_stays_near_95_and_agresti_min_is_wider(
        sensitivity, false_positives):
    """The size of notebook 04's cells: 400 units, 16 coded. 1,000 draws each; the binomial
    standard error of a coverage near 0.95 is about 0.007."""
    rng = np.random.default_rng(7)
    covered = {None: 0, "agresti-min": 0}
    for _ in range(1000):
        p = rng.uniform(0.2, 0.5)
        truth = rng.random(400) < p
        automated = np.where(truth, rng.random(400) < sensitivity, rng.random(400) < false_positives).astype(int)
        coded = rng.choice(400, size=16, replace=False)
        for method in covered:
            r = corrected_mean(automated, automated[coded], truth[coded].astype(int), small_sample=method)
            covered[method] += r["corrected_low"] <= p <= r["corrected_high"]
    assert 0.92 <= covered[None] / 1000 <= 0.975
    assert covered["agresti-min"] / 1000 >= 0.98
