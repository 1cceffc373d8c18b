"""A loaded corpus kept on disk (Parquet, via pyarrow), so that a large corpus is read and split
into sentences once: ``load_corpus(path, cache=True)``.

The cache key is a hash of framelab's version and loader revision, every loader option, and the name, size and content
of every file under the corpus path (and of a metadata or outlet file given by path). Changing a
file, adding or removing one, or changing an option gives another key, so a stale corpus is never
returned; old entries stay until ``clear`` removes them. The tables come back exactly as loaded.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd

__all__ = ["cache_dir", "key", "read", "write", "clear", "save_tables", "load_tables", "TABLES"]

TABLES = ("documents", "paragraphs", "sentences", "report", "cleaning")


def cache_dir() -> Path:
    """Where cached corpora live: ``$FRAMELAB_CACHE``, else ``$XDG_CACHE_HOME/framelab``, else
    ``~/.cache/framelab``.

    >>> cache_dir().name in {"framelab", os.environ.get("FRAMELAB_CACHE", "framelab").rstrip("/").split("/")[-1]}
    True
    """
    if os.environ.get("FRAMELAB_CACHE"):
        return Path(os.environ["FRAMELAB_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "framelab"


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and ".framelab-cache" not in p.parts)


#: Raised whenever a change to framelab can change what ``load_corpus`` gives for the same files
#: and options (between releases too), so that no cached corpus from before is reused.
#: 2: ``normalize_unicode`` drops invisible characters before composing (NFC).
LOADER_REVISION = 2


def key(path, options: dict) -> str:
    """The cache key of a corpus path loaded with ``options`` (file names, sizes, contents, options).

    Args:
        path (str or Path): the corpus path as given to ``load_corpus``.
        options (dict): the loader's options (values that are paths are hashed with their content).

    >>> key("seeds/000_3b2f7dccf8ea1ef8.txt", {"layout": "auto"}) == key("seeds/000_3b2f7dccf8ea1ef8.txt", {"layout": "auto"})
    True
    """
    from framelab import __version__

    root = Path(path).expanduser()
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"framelab {__version__} loader {LOADER_REVISION}\n".encode())
    for name, value in sorted(options.items()):
        if isinstance(value, pd.DataFrame):
            value = pd.util.hash_pandas_object(value, index=True).sum()
        digest.update(f"{name}={value!r}\n".encode())
        if isinstance(value, (str, Path)) and name in ("metadata", "outlet_aliases") and Path(value).is_file():
            digest.update(Path(value).read_bytes())
    digest.update(f"root={os.path.abspath(root)}\n".encode())
    for file in _files(root):
        relative = file.relative_to(root).as_posix() if root.is_dir() else file.name
        data = file.read_bytes()
        digest.update(f"{relative}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load_tables(folder) -> "object | None":
    """The corpus saved in ``folder`` by ``save_tables`` (None if there is none or it cannot be read).

    Args:
        folder (str or Path): a folder written by ``save_tables``.

    >>> load_tables("/nonexistent") is None
    True
    """
    from framelab.corpus import Corpus

    folder = Path(folder)
    meta = folder / "meta.json"
    if not meta.exists():
        return None
    try:
        info = json.loads(meta.read_text())
        tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
    except Exception:  # written by another version or cut short
        return None
    for name, dtypes in info.get("dtypes", {}).items():
        table = tables[name]
        for column, dtype in dtypes.items():  # Parquet has its own types: give each column back its own
            if column not in table.columns or str(table[column].dtype) == dtype:
                continue
            if dtype == "object":
                table[column] = table[column].astype(object).where(table[column].notna(), None)
            else:
                try:
                    table[column] = table[column].astype(dtype)
                except (TypeError, ValueError):
                    return None
    from framelab import memory

    memory.release()   # what reading the files took and freed (Arrow's C++ reader keeps it otherwise)
    return Corpus(source=info["source"], **tables)


def save_tables(corpus, folder) -> bool:
    """Write ``corpus``'s tables to ``folder`` as Parquet files (all or nothing); False when a table
    cannot go to Parquet.

    Args:
        corpus (Corpus): the corpus.
        folder (str or Path): the folder (replaced if it exists).

    >>> import tempfile
    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> folder = Path(tempfile.mkdtemp()) / "seed"
    >>> save_tables(corpus, folder), load_tables(folder).paragraphs.equals(corpus.paragraphs)
    (True, True)
    """
    folder = Path(folder)
    scratch = folder.with_name(folder.name + ".partial")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        dtypes = {}
        for name in TABLES:
            table = getattr(corpus, name)
            dtypes[name] = {str(c): str(table[c].dtype) for c in table.columns}
            table.to_parquet(scratch / f"{name}.parquet", index=False)
        (scratch / "meta.json").write_text(json.dumps({"source": corpus.source, "dtypes": dtypes}))
    except Exception:
        shutil.rmtree(scratch, ignore_errors=True)
        return False
    shutil.rmtree(folder, ignore_errors=True)
    scratch.rename(folder)
    return True


def read(entry: str):
    """The corpus cached under ``entry``, or None if there is none (or it cannot be read).

    Args:
        entry (str): a key from ``key``.

    >>> read("0" * 40) is None
    True
    """
    return load_tables(cache_dir() / entry)


def write(entry: str, corpus) -> bool:
    """Save ``corpus`` under ``entry``; False (and nothing saved) when a table cannot go to Parquet
    (a metadata column mixing numbers and text, for example).

    Args:
        entry (str): a key from ``key``.
        corpus (Corpus): the loaded corpus.

    >>> import tempfile
    >>> os.environ["FRAMELAB_CACHE"] = tempfile.mkdtemp()
    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> entry = key("seeds/000_3b2f7dccf8ea1ef8.txt", {})
    >>> write(entry, corpus), read(entry).sentences.equals(corpus.sentences), clear()
    (True, True, 1)
    >>> del os.environ["FRAMELAB_CACHE"]
    """
    return save_tables(corpus, cache_dir() / entry)


def clear() -> int:
    """Remove every cached corpus; returns how many were removed.

    >>> import tempfile
    >>> os.environ["FRAMELAB_CACHE"] = tempfile.mkdtemp()
    >>> clear()
    0
    >>> del os.environ["FRAMELAB_CACHE"]
    """
    folder = cache_dir()
    if not folder.exists():
        return 0
    entries = [p for p in folder.iterdir() if p.is_dir()]
    for entry in entries:
        shutil.rmtree(entry, ignore_errors=True)
    return len(entries)
