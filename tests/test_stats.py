"""G2 and Log Ratio against a worked example computed by hand from the formulas."""
import math

import pytest

from framelab import stats


def test_log_likelihood_worked_example():
    # a = 10 in a corpus of c = 1,000 tokens; b = 20 in a reference of d = 100,000.
    # E1 = c(a+b)/(c+d) = 1000*30/101000 = 0.2970297;  E2 = 100000*30/101000 = 29.7029703
    # a ln(a/E1) = 10 ln(33.6667) = 10 * 3.5165082 = 35.1650823   (ln(101/3) = 4.6151205 - 1.0986123)
    # b ln(b/E2) = 20 ln(0.6733333) = 20 * -0.3955148 = -7.9102955 (ln(101/150) = 4.6151205 - 5.0106353)
    # G2 = 2 * (35.1650823 - 7.9102955) = 54.5095736
    assert float(stats.log_likelihood(10, 20, 1000, 100000)) == pytest.approx(54.5095736, abs=1e-6)


def test_log_likelihood_is_zero_when_relative_frequencies_are_equal():
    # 5 in 1,000 and 50 in 10,000: same rate, so E1 = a and E2 = b and both logs are 0.
    assert float(stats.log_likelihood(5, 50, 1000, 10000)) == pytest.approx(0.0, abs=1e-12)


def test_log_likelihood_with_a_zero_cell():
    # b = 0: 0 ln 0 counts as 0. a = 4, c = 100, d = 300: E1 = 100*4/400 = 1, G2 = 2 * 4 ln(4) = 11.0903549
    assert float(stats.log_likelihood(4, 0, 100, 300)) == pytest.approx(8 * math.log(4), abs=1e-9)


def test_log_ratio_worked_example():
    # (10/1000) / (20/100000) = 0.01 / 0.0002 = 50; log2(50) = 5.6438562
    assert float(stats.log_ratio(10, 20, 1000, 100000)) == pytest.approx(5.6438562, abs=1e-6)
    # Half as frequent: (5/1000) / (20/2000) = 0.5 -> -1
    assert float(stats.log_ratio(5, 20, 1000, 2000)) == pytest.approx(-1.0)


def test_log_ratio_replaces_zero_by_one_half():
    # Hardie (2014): b = 0 becomes 0.5, so (4/100) / (0.5/100) = 8 -> 3 doublings.
    assert float(stats.log_ratio(4, 0, 100, 100)) == pytest.approx(3.0)


def test_p_value_of_the_usual_critical_values():
    # chi-square, 1 df: 3.841 -> p = 0.05, 6.635 -> 0.01, 10.828 -> 0.001
    assert float(stats.p_value(3.841)) == pytest.approx(0.05, abs=1e-4)
    assert float(stats.p_value(6.635)) == pytest.approx(0.01, abs=1e-4)
    assert float(stats.p_value(10.828)) == pytest.approx(0.001, abs=1e-5)
