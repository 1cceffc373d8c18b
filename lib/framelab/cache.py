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
#: Written into every saved corpus's meta.json: ``clear`` removes only folders that carry it.
MARK = "framelab corpus tables"


def _checksum(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
    """Every entry under ``path`` as the loader walks it: symbolic links to folders followed (each
    real folder once), so a file edited inside a linked folder changes the key."""
    if not path.is_dir():
        return [path]
    found, seen = [], set()
    for directory, subdirs, names in os.walk(path, followlinks=True):
        real = os.path.realpath(directory)
        if real in seen:
            subdirs[:] = []
            continue
        seen.add(real)
        subdirs.sort()
        found.extend(Path(directory) / name for name in names)
    return sorted(p for p in found if ".framelab-cache" not in p.parts)


def _describe(file: Path) -> bytes:
    """What of one entry can change a load: where a link points, and a regular file's bytes (a pipe,
    device or socket is named by its type only: reading it could block or never end)."""
    import stat

    try:
        link = f"->{os.path.realpath(file)}" if file.is_symlink() else ""
        mode = file.stat().st_mode
    except OSError as error:
        return f"\0cannot be read {error.errno}\0".encode()
    if not stat.S_ISREG(mode):
        return f"{link}\0not a regular file {stat.S_IFMT(mode)}\0".encode()
    data = file.read_bytes()
    return f"{link}\0{len(data)}\0".encode() + data


def _data_files_digest() -> bytes:
    """framelab's own data files (cleaning rules, abbreviations, outlet names, ...): editing one can
    change what a load gives, so it changes every key."""
    from framelab.resources import data_path

    folder = data_path("cleaning.yaml").parent
    digest = hashlib.blake2b(digest_size=20)
    for file in sorted(folder.iterdir()):
        if file.is_file():
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest().encode()


#: Raised whenever a change to framelab can change what ``load_corpus`` gives for the same files
#: and options (between releases too), so that no cached corpus from before is reused.
#: 2: ``normalize_unicode`` drops invisible characters before composing (NFC).
#: 3: transcript furniture cut (cleaning.split_transcript); datelines split outside brackets.
LOADER_REVISION = 3


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
    digest.update(b"data " + _data_files_digest() + b"\n")
    for name, value in sorted(options.items()):
        if isinstance(value, pd.DataFrame):   # its values, and its column names and types
            value = (pd.util.hash_pandas_object(value, index=True).sum(), list(map(str, value.columns)),
                     [str(t) for t in value.dtypes])
        digest.update(f"{name}={value!r}\n".encode())
        if isinstance(value, (str, Path)) and name in ("metadata", "outlet_aliases") and Path(value).is_file():
            digest.update(Path(value).read_bytes())
    digest.update(f"root={os.path.abspath(root)}\n".encode())
    for file in _files(root):
        relative = file.relative_to(root).as_posix() if root.is_dir() else file.name
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0" + _describe(file))
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
        changed = [name for name, value in info.get("sha256", {}).items()
                   if _checksum(folder / f"{name}.parquet") != value]
        if changed or "sha256" not in info:
            import warnings

            warnings.warn(f"{folder}: the saved table(s) {changed or 'without checksums'} do not match what was "
                          "written (a changed or damaged file); not used, the corpus is read again", stacklevel=3)
            return None
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
        sums = {name: _checksum(scratch / f"{name}.parquet") for name in TABLES}
        (scratch / "meta.json").write_text(json.dumps({"framelab": MARK, "source": corpus.source, "dtypes": dtypes,
                                                       "sha256": sums}))
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
    folder = cache_dir()
    try:
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(f"{folder} is a file")
        folder.mkdir(parents=True, exist_ok=True)
        return save_tables(corpus, folder / entry)
    except OSError as error:
        import warnings

        warnings.warn(f"the corpus could not be cached in {folder} ({error}); it was loaded and is used without "
                      "the cache. Set FRAMELAB_CACHE to a writable folder to keep it.", stacklevel=3)
        return False


def clear() -> int:
    """Remove every cached corpus framelab wrote (folders named by a key, marked in their meta.json);
    any other file or folder in the cache folder is left alone. Returns how many were removed.

    >>> import tempfile
    >>> os.environ["FRAMELAB_CACHE"] = tempfile.mkdtemp()
    >>> clear()
    0
    >>> del os.environ["FRAMELAB_CACHE"]
    """
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    entries = [p for p in folder.iterdir() if _is_entry(p)]
    for entry in entries:
        shutil.rmtree(entry, ignore_errors=True)
    return len(entries)


def _is_entry(path: Path) -> bool:
    """A cache entry framelab wrote: a folder named by a key (or its unfinished ".partial") whose
    meta.json carries framelab's mark. Anything else in the cache folder is left alone."""
    import re

    if path.is_symlink() or not path.is_dir() or not re.fullmatch(r"[0-9a-f]{40}(\.partial)?", path.name):
        return False
    if path.name.endswith(".partial"):
        return all(child.suffix in (".parquet", ".json") for child in path.iterdir())
    try:
        return json.loads((path / "meta.json").read_text()).get("framelab") == MARK
    except (OSError, ValueError, AttributeError):
        return False


def kept(corpus, name: str, source: pd.DataFrame, key, build):
    """``build()``, kept on the corpus object under ``name`` and ``key`` while ``source`` (the table it
    is built from) is the same table: computed once per corpus object in a process.

    Args:
        corpus (Corpus): the corpus.
        name (str): what is kept.
        source (DataFrame): the corpus table it is made from (a new table means a new result).
        key (hashable): the parameters.
        build (callable): makes it.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> kept(corpus, "_n", corpus.sentences, None, lambda: [1]) is kept(corpus, "_n", corpus.sentences, None, list)
    True
    """
    store = corpus.__dict__.setdefault(name, {})
    entry = store.get(key)
    if entry is not None and entry[0] is source and entry[1] == len(source):
        return entry[2]
    result = build()
    store[key] = (source, len(source), result)
    return result


def kept_results(corpus, name: str, source: pd.DataFrame) -> dict:
    """What ``kept`` holds on the corpus under ``name`` that is still valid for ``source``: key -> result.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> _ = kept(corpus, "_n", corpus.sentences, ("a",), lambda: [1])
    >>> kept_results(corpus, "_n", corpus.sentences)
    {('a',): [1]}
    """
    return {key: result for key, (table, length, result) in corpus.__dict__.get(name, {}).items()
            if table is source and length == len(source)}


#: Raised whenever a change to framelab can change a derived table for the same corpus and parameters.
DERIVED_REVISION = 2


def _fingerprint(corpus) -> str:
    """What a derived table depends on besides its parameters: the corpus's cache key and its units as
    they are now (a corpus changed in memory after loading gets tables of its own)."""
    def compute() -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(corpus.cache_key.encode())
        for table in (corpus.paragraphs, corpus.sentences):
            digest.update(str(len(table)).encode())
            digest.update(pd.util.hash_pandas_object(table["text"], index=False).to_numpy().tobytes())
        return digest.hexdigest()
    # Hashed once per corpus object (while its tables are the same ones), not once per derived table.
    return kept(corpus, "_fingerprint", corpus.sentences, (corpus.cache_key, id(corpus.paragraphs)), compute)


def derived(corpus, name: str, params: dict, compute) -> pd.DataFrame:
    """``compute()``, kept on disk beside the cached corpus it was computed from, so that the next
    notebook (another process) reads it instead of computing it again.

    Only for a corpus loaded with ``cache=True`` (``corpus.cache_key``); otherwise ``compute()`` is
    simply called. The file is named by ``name``, ``params``, framelab's version and data files, and
    the corpus's units as they are now; it is written atomically with its SHA-256, and a file that
    does not match its checksum is computed again.

    Args:
        corpus (Corpus): the corpus the table is computed from.
        name (str): what the table is, e.g. "sentiment.score".
        params (dict): every parameter that changes the table (their repr is the key).
        compute (callable): makes the table (a DataFrame with a plain index).

    >>> import tempfile
    >>> os.environ["FRAMELAB_CACHE"] = tempfile.mkdtemp()
    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt", cache=True)
    >>> calls = []
    >>> table = lambda: calls.append(1) or pd.DataFrame({"n": [len(corpus.sentences)]})
    >>> derived(corpus, "count", {}, table).equals(derived(corpus, "count", {}, table)), len(calls)
    (True, 1)
    >>> clear()
    1
    >>> del os.environ["FRAMELAB_CACHE"]
    """
    if not getattr(corpus, "cache_key", ""):
        return compute()
    from framelab import __version__

    folder = cache_dir() / corpus.cache_key / "derived"
    tag = hashlib.blake2b(f"{name}|{sorted(params.items())!r}|{__version__}|{DERIVED_REVISION}|".encode()
                          + _data_files_digest() + _fingerprint(corpus).encode(), digest_size=12).hexdigest()
    file, meta = folder / f"{name}-{tag}.parquet", folder / f"{name}-{tag}.json"
    if file.exists() and meta.exists():
        try:
            info = json.loads(meta.read_text())
            if _checksum(file) == info["sha256"]:
                table = pd.read_parquet(file)
                for column, dtype in info["dtypes"].items():
                    if str(table[column].dtype) != dtype:
                        table[column] = (table[column].astype(object).where(table[column].notna(), None)
                                         if dtype == "object" else table[column].astype(dtype))
                return table
        except Exception:   # written by another version, cut short or damaged: computed again
            pass
    table = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        scratch = folder / f".{file.name}.{os.getpid()}.partial"
        table.to_parquet(scratch, index=False)
        info = {"sha256": _checksum(scratch), "dtypes": {str(c): str(table[c].dtype) for c in table.columns}}
        os.replace(scratch, file)
        meta.write_text(json.dumps(info))
    except Exception:   # not kept (a column Parquet cannot hold, a full disk): the table is still returned
        for leftover in folder.glob(f".{file.name}.*.partial") if folder.exists() else []:
            leftover.unlink(missing_ok=True)
    return table
