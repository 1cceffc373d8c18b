"""Benchmarks run where ../shared/data is absent too: they say so and exit 0 (a user's machine has no ../shared)."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("script", ["report_ungdc.py", "slogan_everywhere.py"])
def test_a_benchmark_without_the_corpus_says_it_is_skipped(script, tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--archive", str(tmp_path / "none.tar.gz")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "not found" in done.stdout and "skipped" in done.stdout
