"""What the benchmarks share: each run in a fresh process, medians, peak memory, ratios to a baseline."""
from __future__ import annotations

import multiprocessing as mp
import resource
import statistics


class SystemMemory:
    """Peak memory in use on the machine (MemTotal - MemAvailable, from /proc/meminfo) above what
    was in use when it started, sampled every 50 ms in a thread: this process and its worker
    processes together, shared pages counted once (a forked worker's peak RSS counts its
    parent's pages again). Linux only; elsewhere ``peak_mib`` is None. Other programs running
    at the same time count too: measure on a quiet machine."""

    def __init__(self):
        import threading

        self.start = self._in_use()
        self.peak = 0.0
        if self.start is not None:
            threading.Thread(target=self._sample, daemon=True).start()

    @staticmethod
    def _in_use():
        try:
            with open("/proc/meminfo") as f:
                info = {line.split(":")[0]: int(line.split()[1]) for line in f}
            return (info["MemTotal"] - info["MemAvailable"]) / 1024
        except (OSError, KeyError, ValueError):
            return None

    def _sample(self):
        import time

        while True:
            self.peak = max(self.peak, self._in_use() - self.start)
            time.sleep(0.05)

    @property
    def peak_mib(self):
        return None if self.start is None else max(self.peak, self._in_use() - self.start)


def own_peak_rss_mib() -> float:
    """Peak resident memory of this process alone (MiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mib() -> float:
    """Peak resident memory of this process and of its finished workers, whichever is larger (MiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024  # Linux reports KiB


def measure(target, name: str, payload) -> tuple:
    """Run ``target(name, payload, queue)`` in a fresh (spawned) interpreter and return what it puts.

    A forked child would inherit the pages the parent freed after building the input and pay a
    copy-on-write fault for each one it reuses, which is not the pipeline's cost.
    """
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(name, payload, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def compare(target, payload, *, baseline: str, pipelines: list[str], repeat: int, items: int,
            unit: str, memory: str, same_as_baseline: bool = False) -> None:
    """Time the baseline and each pipeline ``repeat`` times; print medians, throughput and ratios.

    ``target`` puts ``(name, seconds, check, memory_mib)``; the pipelines' ``check`` values must
    agree (the same result whatever the number of processes), and with ``same_as_baseline`` also
    the baseline's (the same scores as the reference implementation).
    """
    results = {}
    for name in [baseline, *pipelines]:
        runs = [measure(target, name, payload) for _ in range(repeat)]
        seconds = statistics.median(r[1] for r in runs)
        results[name] = (seconds, runs[0][2], max(r[3] for r in runs))
        print(f"{name:>20}: {seconds:6.2f} s (median of {repeat}: {', '.join(f'{r[1]:.2f}' for r in runs)}), "
              f"{items / seconds:12,.0f} {unit}/s, {runs[0][2]}, {memory} {results[name][2]:.0f} MiB")
    checked = pipelines + ([baseline] if same_as_baseline else [])
    if len({results[name][1] for name in checked}) != 1:
        raise SystemExit(f"different results from {', '.join(checked)}")
    for name in pipelines:
        ratio = results[name][0] / results[baseline][0]
        verdict = "no slower than" if ratio <= 1.0 else "SLOWER than"
        print(f"ratio {name} / {baseline} (time): {ratio:.2f}  -> {verdict} the baseline (target <= 1.0)")
