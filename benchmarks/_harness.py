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
    at the same time count too: measure on a quiet machine.

    With ``include_self=True`` what this process already held at the start (the interpreter, the
    libraries imported) counts too, so the figure is comparable with this process's peak RSS."""

    def __init__(self, include_self: bool = False):
        import threading

        self.start = self._in_use()
        if self.start is not None and include_self:
            self.start -= own_rss_mib() or 0.0
        self.peak = 0.0
        if self.start is not None:
            threading.Thread(target=self._sample, daemon=True).start()

    def reset(self) -> None:
        """Forget the peak so far: ``peak_mib`` then gives the peak from now on."""
        if self.start is not None:
            self.peak = self._in_use() - self.start

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
    """Peak resident memory of this process alone (MiB): since ``reset_own_peak`` where that
    works (Linux), else since the process started."""
    peak = _status_mib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def own_rss_mib() -> float | None:
    """Resident memory of this process now (MiB; None where /proc is missing)."""
    return _status_mib("VmRSS")


def reset_own_peak() -> bool:
    """Start this process's peak resident memory again from its current size (Linux: writing 5
    to /proc/self/clear_refs resets VmHWM); False where that cannot be done."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def release() -> None:
    """Give back what earlier steps freed (garbage collection, then ``framelab.memory.release``:
    glibc's and Arrow's freed memory), so that one step's leftovers do not count in the next
    step's memory."""
    import gc

    from framelab import memory

    gc.collect()
    memory.release()


def _status_mib(field: str) -> float | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


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
