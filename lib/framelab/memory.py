"""How framelab's process holds memory: Arrow's allocator, and giving freed memory back.

framelab keeps a corpus's texts in Arrow-backed pandas columns. pyarrow's default allocator
(mimalloc since pyarrow 20) keeps the memory Arrow frees for Arrow's own later use; NumPy and
Python cannot reuse it, so a long pipeline's peak grows by what earlier steps freed. On the whole
UN General Debate Corpus (31.9 M words) the pipeline's peak was 2.7 GiB with mimalloc and 2.3 GiB
with the system allocator (``benchmarks/un_pipeline.py --all``; docs/scaling.md). So on import
framelab makes the system allocator Arrow's default, unless ``ARROW_DEFAULT_MEMORY_POOL`` is set:
that environment variable (read by pyarrow) still chooses. Arrow memory allocated before keeps
its allocator.
"""
from __future__ import annotations

import os

__all__ = ["use_system_allocator", "release"]

#: The environment variable pyarrow reads for its default allocator ("system", "jemalloc", "mimalloc").
ENVIRONMENT = "ARROW_DEFAULT_MEMORY_POOL"


def use_system_allocator() -> str:
    """Make the system allocator (malloc) Arrow's default unless ``ARROW_DEFAULT_MEMORY_POOL``
    says otherwise; returns the allocator now in use ("system", or the one the variable chose).

    >>> import pyarrow as pa
    >>> use_system_allocator() == pa.default_memory_pool().backend_name
    True
    """
    import pyarrow as pa

    if not os.environ.get(ENVIRONMENT):
        pa.set_memory_pool(pa.system_memory_pool())
    return pa.default_memory_pool().backend_name


def release() -> None:
    """Hand memory freed so far back to the system: glibc keeps freed blocks for reuse (about
    1 GiB after loading the 31 M-word UNGDC; Linux with glibc only), and so does mimalloc, which
    Arrow's C++ code still uses where pyarrow's Python default does not reach (reading Parquet
    files: 0.1 GiB for the UNGDC's cached tables). Memory still in use is not touched.

    >>> import pyarrow as pa
    >>> kept = pa.array(["cooperation", "conflict"])
    >>> release()
    >>> kept.to_pylist()
    ['cooperation', 'conflict']
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    import pyarrow as pa

    for pool in (pa.default_memory_pool, pa.mimalloc_memory_pool):
        try:
            pool().release_unused()
        except (NotImplementedError, AttributeError):   # not built in, or an older pyarrow
            pass
