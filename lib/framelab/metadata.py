"""Document metadata that lives outside the text: in file and folder names, and in a table.

``filename_pattern="{country}_{session}_{year}"`` reads ``CHN_70_2015.txt`` as country CHN,
session 70, year 2015 (readtext's ``docvarsfrom="filenames"`` in one argument). A pattern with
``/`` also reads folder names: ``"Session {session} - {year}/{country}_{session}_{year}"``; a
field named twice must have the same value both times. Fields named ``year``, ``month``,
``day`` or ``date`` make the ``date`` column.

``metadata="speakers.csv"`` joins a table on ``doc_id`` (or on a ``file`` column holding file
names) when the corpus is loaded.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from framelab.layouts import parse_date

__all__ = ["compile_pattern", "date_from_fields", "FilenamePattern", "PatternError", "DATE_FIELDS"]

#: Field names that make the ``date`` column.
DATE_FIELDS = ("year", "month", "day", "date")
#: Key columns tried, in order, to join a metadata table to the documents.
METADATA_KEYS = ("doc_id", "file", "filename", "path")
_FIELD = re.compile(r"\{([^{}]*)\}")


class PatternError(ValueError):
    """A ``filename_pattern`` that cannot be used; the message says why."""


@dataclass
class FilenamePattern:
    """A compiled ``filename_pattern``: ``match`` turns a file's path into its fields."""

    pattern: str
    regex: re.Pattern
    fields: list[str]
    folders: int  # how many folder names (besides the file name) the pattern reads

    def match(self, relative: PurePosixPath) -> dict[str, str] | None:
        """The fields read from a path relative to the corpus folder, or ``None`` if it does not fit.

        >>> compile_pattern("{country}_{session}_{year}").match(PurePosixPath("CHN_70_2015.txt"))
        {'country': 'CHN', 'session': '70', 'year': '2015'}
        """
        parts = relative.with_suffix("").parts
        if len(parts) < self.folders + 1:
            return None
        match = self.regex.fullmatch("/".join(parts[len(parts) - self.folders - 1:]))
        return match.groupdict() if match else None


def compile_pattern(pattern: str) -> FilenamePattern:
    """Compile a pattern such as ``"{country}_{session}_{year}"``.

    Each ``{name}`` matches one or more characters (not ``/``), as few as the rest allows; the
    text between fields must appear literally. Field names are Python identifiers.

    Args:
        pattern (str): the pattern, e.g. ``"{country}_{session}_{year}"``.

    >>> compile_pattern("{country}_{session}_{year}").fields
    ['country', 'session', 'year']
    """
    if not isinstance(pattern, str) or not _FIELD.search(pattern):
        raise PatternError(f"filename_pattern {pattern!r} has no field; write fields in braces, "
                           "e.g. '{country}_{session}_{year}'")
    if "{" in _FIELD.sub("", pattern) or "}" in _FIELD.sub("", pattern):
        raise PatternError(f"filename_pattern {pattern!r} has an unmatched brace")
    pieces, fields = [], []
    position = 0
    for match in _FIELD.finditer(pattern):
        pieces.append(re.escape(pattern[position:match.start()]))
        name = match[1].strip()
        if not name.isidentifier():
            raise PatternError(f"filename_pattern {pattern!r}: field {{{match[1]}}} is not a name; "
                               "use letters, digits and underscores, e.g. {country}")
        if name in fields:
            pieces.append(f"(?P={name})")
        else:
            fields.append(name)
            pieces.append(f"(?P<{name}>[^/]+?)")
        position = match.end()
    pieces.append(re.escape(pattern[position:]))
    if pattern.startswith("/") or pattern.endswith("/"):
        raise PatternError(f"filename_pattern {pattern!r} must not start or end with '/'")
    return FilenamePattern(pattern=pattern, regex=re.compile("".join(pieces)), fields=fields,
                           folders=pattern.count("/"))


def date_from_fields(fields: dict[str, str]) -> tuple[dt.date | None, str | None, str | None]:
    """``(date, precision, problem)`` from ``year``/``month``/``day``/``date`` fields.

    Precision is ``"day"``, ``"month"`` or ``"year"``: a year alone gives 1 January of that year
    with precision ``"year"``, so that a reader (and a monthly chart) knows the day is not known.

    Args:
        fields (dict): field name -> value, as read from a file name.

    >>> date_from_fields({"year": "2015"})
    (datetime.date(2015, 1, 1), 'year', None)
    >>> date_from_fields({"date": "20150925"})
    (datetime.date(2015, 9, 25), 'day', None)
    """
    if "date" in fields:
        value = fields["date"]
        date = parse_date(value)
        if date is None and re.fullmatch(r"\d{8}", value):
            date = parse_date(f"{value[:4]}-{value[4:6]}-{value[6:]}")
        if date is None:
            return None, None, f"date {value!r} in the file name could not be read"
        return date, "day", None
    if "year" not in fields:
        if "month" in fields or "day" in fields:
            return None, None, "the file name gives a month or day but no year"
        return None, None, None
    values = {}
    for name in ("year", "month", "day"):
        if name in fields:
            if not fields[name].isdigit():
                return None, None, f"{name} {fields[name]!r} in the file name is not a number"
            values[name] = int(fields[name])
    if "day" in values and "month" not in values:
        return None, None, "the file name gives a day but no month"
    precision = "day" if "day" in values else "month" if "month" in values else "year"
    try:
        date = dt.date(values["year"], values.get("month", 1), values.get("day", 1))
    except ValueError:
        return None, None, f"no such date: {fields}"
    return date, precision, None


def read_table(source) -> tuple[pd.DataFrame, str]:
    """A metadata table from a ``.csv``/``.jsonl`` path or a DataFrame, all values as text,
    and how to name it in the report."""
    if isinstance(source, pd.DataFrame):
        table = source.copy()
        table.index = range(1, len(table) + 1)
        return table.astype(object).where(table.notna(), None), "metadata table"
    path = Path(source).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"metadata table {str(path)!r} does not exist; give a .csv or "
                                ".jsonl file with a doc_id (or file) column")
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            table = pd.read_json(path, lines=True, dtype=False)
            table = table.astype(object).where(table.notna(), None)
        else:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise ValueError(f"metadata table {path.name}: could not be read ({error}); save it as "
                         "UTF-8 CSV with a header row") from None
    table.columns = [str(c).strip() for c in table.columns]
    table.index = range(1, len(table) + 1)
    return table, path.name


def key_column(table: pd.DataFrame, shown: str) -> str:
    """The column to join on: ``doc_id``, else ``file``, ``filename`` or ``path``."""
    for key in METADATA_KEYS:
        if key in table.columns:
            return key
    raise ValueError(f"{shown}: no key column; columns found: {list(table.columns)}. Add a "
                     "'doc_id' column (or 'file' with file names) to say which document each row is for")


def file_keys(path: str, doc_id: str) -> set[str]:
    """The values a ``file`` key may take for a document: its path as shown, the file name with
    and without suffix, and its doc_id."""
    posix = PurePosixPath(path)
    return {path, posix.name, posix.stem, doc_id, str(posix.with_suffix(""))}


def free_name(name: str, taken, suffix: str) -> str:
    """``name`` + ``suffix``, numbered if that is taken too: where a clashing column goes.

    >>> free_name("n_words", {"n_words", "n_words_in_file"}, "_in_file")
    'n_words_in_file_2'
    """
    candidate = f"{name}{suffix}"
    number = 2
    while candidate in taken:
        candidate = f"{name}{suffix}_{number}"
        number += 1
    return candidate


def typed(values: pd.Series) -> pd.Series:
    """Whole numbers as integers when every value of a field is one (session "01" is 1);
    otherwise text."""
    present = values.dropna()
    if len(present) and all(isinstance(v, str) and v.isdigit() for v in present):
        return values.map(lambda v: None if v is None or v != v else int(v)).astype("Int64")
    return values
