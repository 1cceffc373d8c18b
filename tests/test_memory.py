"""framelab.memory: Arrow's allocator is the system's unless the user chose one."""
import os
import subprocess
import sys

from conftest import ROOT

#: pyarrow's default allocator before and after framelab is imported, in a fresh interpreter
SHOW_POOLS = ("import pyarrow as pa; before = pa.default_memory_pool().backend_name; import framelab; "
              "print(before, pa.default_memory_pool().backend_name)")


def _start(environment_value):
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if environment_value is not None:
        env["ARROW_DEFAULT_MEMORY_POOL"] = environment_value
    env["PYTHONPATH"] = str(ROOT / "lib")
    return subprocess.Popen([sys.executable, "-c", SHOW_POOLS], env=env, stdout=subprocess.PIPE, text=True)


def test_framelab_makes_the_system_allocator_arrow_s_default_unless_the_variable_chooses():
    plain, chosen = _start(None), _start("mimalloc")   # two fresh interpreters, side by side
    (before, after), chosen_pools = plain.communicate()[0].split(), chosen.communicate()[0].split()
    assert plain.returncode == 0 and chosen.returncode == 0
    assert before in {"mimalloc", "jemalloc"}   # pyarrow's own choice (else the test would prove nothing)
    assert after == "system"
    assert chosen_pools == ["mimalloc", "mimalloc"]
