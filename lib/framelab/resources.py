"""Find and read the data files shipped inside the package (``framelab/data/``).

Lexicons, stopword lists, abbreviations and cleaning rules live there as plain files, so a
researcher can open the file that decided a result and change it without touching code.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


def data_path(name: str) -> Path:
    """Path of a data file shipped with framelab, e.g. ``data_path("abbreviations.txt")``."""
    path = Path(str(resources.files("framelab") / "data" / name))
    if not path.is_file():
        raise FileNotFoundError(f"framelab data file {name!r} not found at {path}; reinstall framelab.")
    return path


@lru_cache(maxsize=None)
def read_list(name: str) -> tuple[str, ...]:
    """Entries of a one-entry-per-line data file; blank lines and ``#`` comments are skipped."""
    entries = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


@lru_cache(maxsize=None)
def read_yaml(name: str):
    """Parsed content of a YAML data file (``yaml.safe_load``)."""
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
