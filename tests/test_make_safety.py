"""Issue 22: what a user types into a make variable reaches framelab as typed and never a shell."""
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "python").exists(),
                                reason="needs make and the project's venv (make setup)")


def test_make_report_runs_nothing_from_a_variable_and_keeps_a_dollar(tmp_path):
    planted = [tmp_path / f"pwned{i}" for i in range(5)]
    corpus = f'{tmp_path}/prices$2015"; touch {planted[0]}; echo "'
    options = {"CORPUS": corpus, "OUT": f"{tmp_path}/out`touch {planted[1]}`", "CODEBOOK": f"$$(touch {planted[2]})",
               "GROUP_BY": f"$(shell touch {planted[3]})", "PERIOD": f"'; touch {planted[4]}; echo '"}
    done = subprocess.run(["make", "-s", "report", *(f"{k}={v}" for k, v in options.items())], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert not [p.name for p in planted if p.exists()]
    # The runner names the path exactly as typed: "$2" is not expanded, no quote is eaten.
    assert done.returncode != 0 and f"corpus {corpus} does not exist" in done.stderr
    # The loader options too: a file-name pattern is checked as typed and runs nothing.
    pattern = f"{{country}}_$(shell touch {planted[0]})`touch {planted[1]}`_{{year}}"
    done = subprocess.run(["make", "-s", "report", f"OUT={tmp_path}/out", f"FILENAME_PATTERN={pattern}",
                           f"LAYOUT=$$(touch {planted[2]})"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert not [p.name for p in planted if p.exists()]
    assert done.returncode != 0 and f"LAYOUT='$$(touch {planted[2]})' is not one of" in done.stderr


def test_test_workers_reaches_pytest_as_a_number_not_a_command(tmp_path):
    planted = tmp_path / "pwned"
    done = subprocess.run(["make", "-n", "test", f"TEST_WORKERS=2; touch {planted}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert str(planted) not in done.stdout and "-n auto" in done.stdout
