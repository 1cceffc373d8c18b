"""Find and read the data files shipped inside the package (``framelab/data/``).

Lexicons, stopword lists, abbreviations and cleaning rules live there as plain files, so a
researcher can open the file that decided a result and change it without touching code.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["data_path", "read_list", "read_yaml", "load_yaml"]


def data_path(name: str) -> Path:
    """Path of a data file shipped with framelab, e.g. ``data_path("abbreviations.txt")``.

    Args:
        name (str): the file name inside ``framelab/data``.

    >>> data_path("codebook.yaml").name
    'codebook.yaml'
    """
    path = Path(str(resources.files("framelab") / "data" / name))
    if not path.is_file():
        raise FileNotFoundError(f"framelab data file {name!r} not found at {path}; reinstall framelab.")
    return path


@lru_cache(maxsize=None)
def read_list(name: str) -> tuple[str, ...]:
    """Entries of a one-entry-per-line data file; blank lines and ``#`` comments are skipped.

    Args:
        name (str): the file name inside ``framelab/data``.

    >>> "u.s" in read_list("abbreviations.txt")
    True
    """
    entries = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


@lru_cache(maxsize=None)
def read_yaml(name: str):
    """Parsed content of a YAML data file shipped with framelab (see ``load_yaml``).

    Args:
        name (str): the file name inside ``framelab/data``.

    >>> sorted(read_yaml("actors.yaml")["actors"])
    ['China', 'United States']
    """
    return load_yaml(data_path(name))


#: framelab's YAML files (codebooks, actor lists, ...) are read only up to this size and nesting;
#: anchors and aliases (``&name``/``*name``) are refused: an alias can multiply a small file into
#: gigabytes ("billion laughs"), and none of framelab's files needs one.
MAX_YAML_BYTES = 10_000_000
MAX_YAML_DEPTH = 50


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key repeated in one mapping (PyYAML keeps the last one),
    aliases, and nesting deeper than ``MAX_YAML_DEPTH``."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "an alias (*name) is not allowed in framelab's YAML files; "
                                              "write the value out", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_YAML_DEPTH} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _unique_mapping(loader, node, deep=False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"{key!r} is written twice (lines {seen[key]} and {line}); PyYAML would keep "
                f"only the second; merge them or rename one", key_node.start_mark)
        seen[key] = line
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def load_yaml(path, *, error: type[Exception] = ValueError):
    """Parse a YAML file safely; every failure is one ``error`` naming the file and what to do.

    Not UTF-8, not YAML, or a key written twice in one mapping (which PyYAML would silently
    resolve by keeping the last) are all reported, with the line; so are aliases (``*name``),
    nesting deeper than ``MAX_YAML_DEPTH`` and files over ``MAX_YAML_BYTES``.

    Args:
        path (str or Path): the YAML file.
        error (exception class, default ValueError): what to raise, e.g. ``CodebookError``.

    >>> load_yaml(data_path("tokens.yaml"))["rewrite"]["US"]
    'U.S.'
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise error(f"{path}: {path.stat().st_size:,} bytes, over framelab's limit of {MAX_YAML_BYTES:,} for a "
                        "YAML file; split it or shorten it")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except UnicodeDecodeError as problem:
        raise error(f"{path}: not UTF-8 text (byte {problem.start}); re-save the file as UTF-8") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as problem:
        raise error(f"{path}: not valid YAML: {' '.join(str(problem).split())}") from None
    except RecursionError:
        raise error(f"{path}: nested too deeply to read; framelab's YAML files need at most {MAX_YAML_DEPTH} levels") from None
