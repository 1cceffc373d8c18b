"""Benchmark: ``make report`` on the whole UN General Debate Corpus, against the pipeline's own time
in the same run (issue 23: the target is the report in 6 minutes or less, every notebook kernel at
3 GiB or less; a kernel's memory is its resident set plus its worker processes' unique sets).

Needs the corpus archive at ``../shared/data/un-general-debate/UNGDC_1946-2024_txt.tar.gz`` (relative
to the project root; or ``--archive``); without it the benchmark says so and exits 0. The archive is
unpacked once (``--workdir`` keeps it).

1. **Pipeline** (the baseline): ``benchmarks/un_pipeline.py --all --no-baselines`` in a process of its
   own: load, frequencies, keyness, KWIC, actors, sentiment, frames, three collocations.
2. **Report**: ``python -m framelab.notebooks --corpus <all statements> --out <scratch> --group-by country
   --period decade --filename-pattern {country}_{session}_{year}`` (``make report ... FILENAME_PATTERN=...``:
   the corpus has its country and year only in its file names), with a cache folder of its own that starts empty (so the report pays for the
   first load, as a user's first run does). Every 0.5 s the memory of each notebook kernel (the
   ``ipykernel_launcher`` processes the runner starts: resident set, plus each worker process's
   unique set, so pages a forked worker shares with its kernel count once) is sampled.

Printed: the pipeline's time; the report's time and its ratio to the pipeline; how many notebooks
ran at a time (the runner's default, ``framelab.notebooks.default_jobs``); per notebook its wall time
(overlapping when notebooks run side by side) and its kernel's peak memory; whether each target is met.

Run: ``.venv/bin/python benchmarks/report_ungdc.py [--workdir DIR] [--archive PATH]``.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from slogan_everywhere import ARCHIVE, flat_copy  # noqa: E402

from framelab.notebooks import NOTEBOOK_VARIABLE, default_jobs  # noqa: E402

TARGET_SECONDS = 6 * 60
TARGET_KERNEL_GIB = 3.0


class KernelMemory:
    """Peak memory of each notebook kernel with its worker processes: the kernel's resident set plus
    each worker's unique set (USS: a forked worker's pages shared with its kernel count once). Kernels
    are found at any depth below the runner (it runs notebooks side by side in processes of its own)
    and told apart by the notebook name the runner sets in their environment."""

    def __init__(self, root_pid: int):
        self.root, self.peaks, self._stop = root_pid, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, process) -> None:
        if "ipykernel" not in " ".join(process.cmdline()):
            return
        name = process.environ().get(NOTEBOOK_VARIABLE, f"kernel {process.pid}")
        total = process.memory_info().rss
        for worker in process.children(recursive=True):
            try:
                total += worker.memory_full_info().uss
            except psutil.Error:   # gone meanwhile
                continue
        self.peaks[name] = max(self.peaks.get(name, 0), total)

    def _run(self):
        while not self._stop.is_set():
            try:
                processes = psutil.Process(self.root).children(recursive=True)
            except psutil.Error:   # the runner has ended
                break
            for process in processes:
                try:
                    self._sample(process)
                except psutil.Error:   # a process that ended while it was read
                    continue
            self._stop.wait(0.5)

    def gib(self, name: str) -> float | None:
        """The peak of the kernel that ran notebook ``name``, in GiB."""
        return self.peaks[name] / 2 ** 30 if name in self.peaks else None

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()


def pipeline_seconds(workdir: Path, archive: Path) -> float:
    """The pipeline's time, as un_pipeline.py prints it ("the pipeline ... s")."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "un_pipeline.py"), "--all", "--no-baselines",
                          "--workdir", str(workdir / "pipeline"), "--archive", str(archive)],
                         capture_output=True, text=True, check=True).stdout
    print(out)
    found = re.search(r"^pipeline\s+([\d.]+) s", out, flags=re.MULTILINE)
    return float(found[1]) if found else time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--workdir", type=Path, default=None, help="where to unpack (kept); default: a temporary folder")
    parser.add_argument("--no-pipeline", action="store_true", help="time the report only")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"UN General Debate Corpus not found at {args.archive}: report benchmark skipped "
              "(it needs ../shared/data/un-general-debate/, which a user's machine does not have).")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="framelab-report-"))
    corpus = flat_copy(args.archive, workdir)
    pipeline = None if args.no_pipeline else pipeline_seconds(workdir, args.archive)

    with tempfile.TemporaryDirectory(prefix="framelab-report-out-") as out, \
            tempfile.TemporaryDirectory(prefix="framelab-report-cache-") as cache:
        env = {**os.environ, "FRAMELAB_CACHE": cache, "PYTHONHASHSEED": "0"}
        command = [sys.executable, "-m", "framelab.notebooks", "--notebooks", str(ROOT / "notebooks"),
                   "--corpus", str(corpus), "--out", out, "--group-by", "country", "--period", "decade",
                   "--filename-pattern", "{country}_{session}_{year}"]
        jobs = default_jobs(corpus)
        started = time.perf_counter()
        runner = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        times, order = {}, []
        with KernelMemory(runner.pid) as memory:
            for line in runner.stdout:   # "running NAME -> ..." when a notebook starts, "NAME done in S s" at its end
                if line.startswith("running "):
                    order.append(line.split()[1])
                done = re.match(r"^(\S+\.ipynb) done in (\d+) s", line)
                if done:
                    times[done[1]] = int(done[2])
            runner.wait()
        total = time.perf_counter() - started
    if runner.returncode != 0:
        print(f"the report failed (exit {runner.returncode})")
        return 1
    peaks = [memory.gib(name) for name in order]
    print(f"make report on the whole UNGDC ({corpus}): {total:.0f} s"
          + (f"; the pipeline alone {pipeline:.0f} s; ratio {total / pipeline:.1f}" if pipeline else ""))
    print(f"  notebooks after the first: {jobs} at a time (make report's default here: one per core, as memory "
          f"allows); their times overlap")
    for name, peak in zip(order, peaks):
        shown = f"{peak:.2f} GiB" if peak is not None else "?"
        print(f"  {name:34s} {times.get(name, float('nan')):7.0f} s   kernel peak {shown}")
    known = [p for p in peaks if p is not None]
    print(f"target: report <= {TARGET_SECONDS // 60} min: {'met' if total <= TARGET_SECONDS else 'missed'}; "
          f"every kernel <= {TARGET_KERNEL_GIB} GiB: "
          f"{'met' if known and len(known) == len(peaks) and max(known) <= TARGET_KERNEL_GIB else 'missed'} "
          f"(highest {max(known, default=0):.2f} GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
