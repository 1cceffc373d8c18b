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

Printed: the pipeline's time; the report's time and its ratio to the pipeline; per notebook its wall
time and its kernel's peak memory; whether each target is met.

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

TARGET_SECONDS = 6 * 60
TARGET_KERNEL_GIB = 3.0


class KernelMemory:
    """Peak memory of each notebook kernel (a direct child of the runner) with its worker processes:
    the kernel's resident set plus each worker's unique set (USS: a forked worker's pages shared with
    its kernel count once)."""

    def __init__(self, root_pid: int):
        self.root, self.peaks, self.started, self._stop = root_pid, {}, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, process) -> None:
        if "ipykernel" not in " ".join(process.cmdline()):
            return
        total = process.memory_info().rss
        for worker in process.children(recursive=True):
            try:
                total += worker.memory_full_info().uss
            except psutil.Error:   # gone meanwhile
                continue
        self.started.setdefault(process.pid, process.create_time())
        self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), total)

    def _run(self):
        while not self._stop.is_set():
            try:
                kernels = psutil.Process(self.root).children()
            except psutil.Error:   # the runner has ended
                break
            for kernel in kernels:
                try:
                    self._sample(kernel)
                except psutil.Error:   # a kernel that ended while it was read
                    continue
            self._stop.wait(0.5)

    def in_order(self) -> list[float]:
        """The kernels' peaks in GiB, in the order they started (one kernel per notebook)."""
        return [self.peaks[pid] / 2 ** 30 for pid in sorted(self.peaks, key=self.started.get)]

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
        started = time.perf_counter()
        runner = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        times, current, order = {}, None, []
        with KernelMemory(runner.pid) as memory:
            for line in runner.stdout:
                if line.startswith("running "):
                    now = time.perf_counter()
                    if current:
                        times[current] = now - times[current]
                    current = line.split()[1]
                    times[current], order = now, order + [current]
            runner.wait()
        total = time.perf_counter() - started
        if current:
            times[current] = total + started - times[current]
    if runner.returncode != 0:
        print(f"the report failed (exit {runner.returncode})")
        return 1
    peaks = memory.in_order()
    print(f"make report on the whole UNGDC ({corpus}): {total:.0f} s"
          + (f"; the pipeline alone {pipeline:.0f} s; ratio {total / pipeline:.1f}" if pipeline else ""))
    for number, name in enumerate(order):
        peak = f"{peaks[number]:.2f} GiB" if number < len(peaks) else "?"
        print(f"  {name:34s} {times[name]:7.0f} s   kernel peak {peak}")
    print(f"target: report <= {TARGET_SECONDS // 60} min: {'met' if total <= TARGET_SECONDS else 'missed'}; "
          f"every kernel <= {TARGET_KERNEL_GIB} GiB: "
          f"{'met' if peaks and max(peaks) <= TARGET_KERNEL_GIB else 'missed'} (highest {max(peaks, default=0):.2f} GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
