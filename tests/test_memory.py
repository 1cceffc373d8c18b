"""framelab.memory: Arrow's allocator is the system's unless the user chose one; freed memory goes back."""
import os
import subprocess
import sys

from conftest import ROOT

#: pyarrow's default allocator before and after framelab is imported, in a fresh interpreter
SHOW_POOLS = ("import pyarrow as pa; before = pa.default_memory_pool().backend_name; import framelab; "
              "print(before, pa.default_memory_pool().backend_name)")


def _pools(environment_value):
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if environment_value is not None:
        env["ARROW_DEFAULT_MEMORY_POOL"] = environment_value
    env["PYTHONPATH"] = str(ROOT / "lib")
    done = subprocess.run([sys.executable, "-c", SHOW_POOLS], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_importing_framelab_makes_the_system_allocator_arrow_s_default():
    before, after = _pools(None)
    assert before in {"mimalloc", "jemalloc"}   # pyarrow's own choice (else the test would prove nothing)
    assert after == "system"


def test_the_environment_variable_still_chooses():
    assert _pools("mimalloc") == ["mimalloc", "mimalloc"]

