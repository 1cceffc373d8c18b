"""Read the files of a corpus into articles: which files, their bytes, their layout, their rows.

``framelab.corpus`` assembles what these readers return into tables. Every file that is not
read as it is gets a row in the load report (``Report``), as a *note* (a repair or decision
that loses nothing) or a *problem* (text or metadata lost, changed or unreadable).
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from framelab.cleaning import (clean_line, clean_lines, clean_text_with_cuts, normalize_newlines, split_transcript,
                               normalize_whitespace, split_body_end)
from framelab.decoding import UnreadableFileError, decode_bytes
from framelab.layouts import choose_layout, parse_dateline, parse_partial_date
from framelab.metadata import free_name
from framelab.resources import read_list

__all__ = []

#: The largest file ``load_corpus`` reads, in bytes (default 256 MiB; the environment variable
#: FRAMELAB_MAX_FILE_BYTES sets another). A larger file is reported and skipped: split it, or raise
#: the limit if the machine has the memory (a file is held whole while it is decoded).
MAX_FILE_BYTES = 256 * 1024 * 1024


def max_file_bytes() -> int:
    """The per-file size limit in force: FRAMELAB_MAX_FILE_BYTES if set, else ``MAX_FILE_BYTES``.

    >>> max_file_bytes() == int(os.environ.get("FRAMELAB_MAX_FILE_BYTES", MAX_FILE_BYTES))
    True
    """
    value = os.environ.get("FRAMELAB_MAX_FILE_BYTES")
    if value is None:
        return MAX_FILE_BYTES
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"FRAMELAB_MAX_FILE_BYTES={value!r} is not a number of bytes (e.g. 268435456)") from None


TEXT_SUFFIXES = {".txt"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
#: Column names tried, in order, as the text of a CSV or JSON Lines file when none is given.
TEXT_COLUMN_CANDIDATES = ("text", "body", "content")
#: Metadata columns with a fixed meaning; other columns are kept as they are.
METADATA_COLUMNS = ("doc_id", "title", "series", "outlet", "date")
#: Columns the loader computes; a source column of the same name is kept under another name.
COMPUTED_COLUMNS = ("path", "text", "raw_text", "encoding", "n_paragraphs", "n_words", "date_precision",
                    "layout", "language", "outlet_as_written", "duplicate_of")
#: Files that document a corpus rather than belong to it (README.md, LICENSE.txt ...).
DOCUMENTATION_NAMES = {"readme", "license", "licence", "citation", "notice", "copying", "changelog",
                       "authors"}
REPORT_COLUMNS = ["path", "problem", "action", "severity"]
NOTE, PROBLEM = "note", "problem"


class Report:
    """Rows of the load report: path, problem, action, severity ("note" or "problem")."""

    def __init__(self):
        self.rows: list[dict] = []

    def problem(self, path: str, problem: str, action: str) -> None:
        """Text or metadata was lost, changed or could not be read."""
        self.rows.append({"path": path, "problem": problem, "action": action, "severity": PROBLEM})

    def note(self, path: str, problem: str, action: str) -> None:
        """A repair or a decision that loses nothing (a BOM removed, a layout chosen)."""
        self.rows.append({"path": path, "problem": problem, "action": action, "severity": NOTE})

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=REPORT_COLUMNS)


@dataclass
class Article:
    """One document as read, before the tables are built."""

    path: str
    doc_id: str
    title: str | None
    body: str
    raw_text: str
    encoding: str
    relative: PurePosixPath
    series: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    layout: str = "news"
    extra: dict = field(default_factory=dict)
    changes: list[tuple[str, str]] = field(default_factory=list)
    #: The item as written (a file's text, or a row's cells): what "byte-identical" compares.
    source: tuple = ()
    #: Where in the file: "" for a .txt file, "row 3" / "line 5" for a table.
    where: str = ""


def split_series(title: str, labels: tuple[str, ...] | None = None) -> tuple[str | None, str]:
    """Split a listed series label off the front of a headline.

    Labels come from ``framelab/data/series.txt``; an unlisted prefix stays in the title.

    >>> split_series("China Voice: China, U.S. can build ties")
    ('China Voice', 'China, U.S. can build ties')
    >>> split_series("Xi: China will open wider")
    (None, 'Xi: China will open wider')
    """
    labels = read_list("series.txt") if labels is None else labels
    for label in sorted(labels, key=len, reverse=True):
        match = re.match(rf"{re.escape(label)}\s*:\s*", title, flags=re.IGNORECASE)
        if match and title[match.end():].strip():
            return label, title[match.end():].strip()
    return None, title


#: The cleaning chain lives in ``framelab.cleaning``; the loader uses it as it is.
clean_body = clean_text_with_cuts


# --- which files --------------------------------------------------------------------------------

def list_files(root: Path, report: Report, base: Path) -> list[Path]:
    """The corpus files under ``root`` in path order; everything else is reported.

    Symbolic links to folders are followed (noted; a link back into a folder already read is
    not followed twice); broken links, hidden files, documentation files (README, LICENSE ...)
    and unsupported types are reported.
    """
    if root.is_file():
        return [root] if _readable(root, _shown(root, base), report) else []
    files: list[Path] = []
    root_real = os.path.realpath(root)
    seen_dirs = {root_real}
    def unreadable(error: OSError) -> None:   # a folder os.walk cannot list: reported, not skipped silently
        where = _printable(os.path.relpath(error.filename, base)) if error.filename else str(root)
        report.problem(where, f"folder cannot be read ({error.strerror or error})",
                       "not read; check its permissions and the length of its path")

    for directory, subdirs, names in os.walk(root, followlinks=True, onerror=unreadable):
        directory = Path(directory)
        subdirs.sort()
        for sub in list(subdirs):
            path = directory / sub
            if not _utf8(sub):
                subdirs.remove(sub)
                report.problem(_printable(_shown(path, base)), "folder name is not UTF-8 text",
                               "not read; rename the folder (UTF-8) to include its files")
                continue
            if sub.startswith("."):
                subdirs.remove(sub)
                report.note(_shown(path, base), "hidden folder", "not read; hidden folders are never part of a corpus")
                continue
            if os.path.islink(path):   # os.path: False, not an error, for a path too long to stat
                target = os.path.realpath(path)
                inside = target == root_real or target.startswith(root_real + os.sep)
                loop = os.path.realpath(directory).startswith(target + os.sep) or target == os.path.realpath(directory)
                if inside or loop or target in seen_dirs:
                    subdirs.remove(sub)
                    report.note(_shown(path, base), f"symbolic link to a folder already read ({target})",
                                "not followed, so no file is read twice")
                    continue
                report.note(_shown(path, base), f"symbolic link to the folder {target}",
                            "followed; its files are part of the corpus")
            seen_dirs.add(os.path.realpath(path))
        for name in sorted(names):
            path = directory / name
            shown = _shown(path, base)
            suffix = path.suffix.lower()
            if not _utf8(shown):
                report.problem(_printable(shown), "file name is not UTF-8 text",
                               "skipped; rename the file (UTF-8) to include it")
                continue
            if os.path.islink(path) and not os.path.exists(path):
                report.problem(shown, f"broken symbolic link (to {os.readlink(path)})",
                               "skipped; point the link at an existing file or delete it")
            elif name.startswith("."):
                if suffix in TEXT_SUFFIXES | TABLE_SUFFIXES:
                    report.problem(shown, "hidden file", "skipped; hidden files are never read: "
                                   "rename it without the leading dot to include it")
                else:
                    report.note(shown, "hidden file", "skipped; hidden files are never part of a corpus")
            elif path.stem.lower() in DOCUMENTATION_NAMES:
                report.note(shown, "documentation file (README, LICENSE ...), not an article",
                            "skipped; rename it if it is an article")
            elif suffix in TEXT_SUFFIXES | TABLE_SUFFIXES:
                if _readable(path, shown, report):
                    files.append(path)
            else:
                report.problem(shown, f"unsupported file type {path.suffix or '(none)'!r}",
                               "skipped; convert it to .txt, .csv or .jsonl to include it")
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _utf8(name: str) -> bool:
    """A name that can be written as UTF-8 (a file name of other bytes decodes to lone surrogates)."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _printable(name: str) -> str:
    """A name with its undecodable bytes shown as U+FFFD, for the report."""
    return os.fsencode(name).decode("utf-8", "replace")


def _readable(path: Path, shown: str, report: Report) -> bool:
    """A regular file (or a link to one) within the size limit; anything else is reported: a pipe
    or device could block the load or never end."""
    import stat

    try:
        info = path.stat()
    except OSError as error:
        report.problem(shown, f"cannot be read ({error.strerror or error})", "skipped; check the file's permissions")
        return False
    if not stat.S_ISREG(info.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
        report.problem(shown, f"{kind}, not a file of text", "skipped; only regular files are read")
        return False
    limit = max_file_bytes()
    if info.st_size > limit:
        report.problem(shown, f"{info.st_size:,} bytes, over the limit of {limit:,} per file",
                       "skipped; split the file, or set FRAMELAB_MAX_FILE_BYTES higher")
        return False
    return True


def _shown(file: Path, base: Path) -> str:
    """The path as shown in tables: relative to the folder holding the corpus, so that outputs
    do not depend on where the project was cloned."""
    return file.relative_to(base).as_posix()


def decode(file: Path, shown: str, report: Report):
    """The decoded file, or ``None`` (reported) if it is empty or not text."""
    data = file.read_bytes()
    if not data:
        report.problem(shown, "empty file (0 bytes)", "skipped; delete the file or add the article text")
        return None
    try:
        decoded = decode_bytes(data)
    except UnreadableFileError as error:
        report.problem(shown, error.problem, error.action)
        return None
    for problem, action, changed in decoded.notes:
        (report.problem if changed else report.note)(shown, problem, action)
    return decoded


# --- .txt files ---------------------------------------------------------------------------------

#: A line that ends one of these ends a sentence (and so may end a paragraph).
_SENTENCE_END = tuple('.!?:;"”’)]')
#: ``join_lines="auto"`` joins a file's lines when fewer than this share end a sentence.
HARD_WRAP_SHARE = 0.5


def _ends_sentence(line: str) -> bool:
    """The line ends a sentence: terminal punctuation, and not an abbreviation such as "Mr."."""
    line = line.rstrip()
    if not line.endswith(_SENTENCE_END):
        return False
    last = line.split()[-1].lower().rstrip(".") if line.split() else ""
    return not (line.endswith(".") and last in _abbreviations())


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower().rstrip(".") for a in read_list("abbreviations.txt"))


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Lines of a hard-wrapped text joined into paragraphs: a line that does not end a sentence
    (terminal punctuation, not after an abbreviation such as "Mr.") continues on the next line.

    >>> join_wrapped_lines(["We meet in a year", "of hope.", "Thank you."])
    ['We meet in a year of hope.', 'Thank you.']
    """
    joined: list[str] = []
    for line in lines:
        if joined and not _ends_sentence(joined[-1]):
            joined[-1] = joined[-1].rstrip() + " " + line.lstrip()
        else:
            joined.append(line)
    return joined


def _is_hard_wrapped(lines: list[str]) -> bool:
    return len(lines) >= 10 and sum(_ends_sentence(l) for l in lines) < HARD_WRAP_SHARE * len(lines)


def _clean_body_of_lines(lines: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """``clean_body("\\n".join(lines))`` for lines that ``clean_lines`` cleaned (none empty): on such
    text the Unicode and whitespace steps change nothing (tested), so only the end-of-item marker
    is cut."""
    lines, cuts = split_transcript(lines)
    body, marker = split_body_end("\n".join(lines))
    return normalize_whitespace(body), cuts + ([("end-of-item marker", marker)] if marker else [])


def read_txt(file: Path, shown: str, doc_id: str, relative: PurePosixPath, report: Report,
             layout: str = "auto", join_lines=False) -> list[Article]:
    """One article from a ``.txt`` file in the given layout ("auto", "news" or "plain"); with
    ``join_lines`` (True, or "auto" for files where most lines do not end a sentence) lines
    broken inside a sentence are joined."""
    decoded = decode(file, shown, report)
    if decoded is None:
        return []
    lines = clean_lines(decoded.text)
    lines = [line for line in lines if line]
    if not lines:
        report.problem(shown, "empty file (no text)", "skipped; delete the file or add the article text")
        return []
    chosen, reason = choose_layout(lines, layout=layout)
    if layout == "auto":
        report.note(shown, f"layout {chosen!r} assumed: {reason}", "nothing to do; pass layout= to decide")
    title = outlet = date = precision = None
    changes: list[tuple[str, str]] = []
    rest = lines
    if chosen == "news":
        dateline = parse_dateline(lines[0])
        if dateline is not None and layout == "auto" and len(lines) > 1 and not parse_dateline(lines[1]):
            rest = lines[1:]               # a dateline and no title
        else:
            title, rest = lines[0], lines[1:]
            dateline = parse_dateline(rest[0]) if rest else None
            if dateline is not None:
                rest = rest[1:]
        if dateline is not None:
            outlet, date = dateline.outlet, dateline.date
            precision = "day" if date else None
            if dateline.furniture:
                changes.append(("dateline furniture", dateline.furniture))
            if date is None:
                report.problem(shown, f"date in the dateline could not be read: {dateline.written_date!r}",
                               "loaded without a date; write it like 'September 25, 2015' or '2015-09-25'")
        elif rest:
            report.problem(shown, "no dateline on line 2 (expected e.g. 'Xinhua, September 25, 2015')",
                           "loaded without outlet and date; line 2 kept as the first paragraph; "
                           "add a dateline after the title, or load with layout='plain'")
    # Transcript furniture goes before lines are joined: a clock time or a venue line has no full stop
    # and would otherwise be joined to the paragraph after it.
    rest, transcript_cuts = split_transcript(rest)
    changes.extend(transcript_cuts)
    if join_lines is True or (join_lines == "auto" and _is_hard_wrapped(rest)):
        joined = join_wrapped_lines(rest)
        if len(joined) != len(rest):
            report.note(shown, f"{len(rest)} body lines joined into {len(joined)} paragraphs: lines that do not "
                               "end a sentence continue on the next line (join_lines)",
                        "nothing lost (raw_text keeps the lines); load with join_lines=False to keep every line")
        rest = joined
    elif join_lines is False and len(rest) >= 10 and _is_hard_wrapped(rest):
        report.note(shown, f"{len(rest)} body lines, most of them not ending a sentence: the file looks "
                           "hard-wrapped, so its 'paragraphs' are lines of the source",
                    "kept as written; load with join_lines='auto' to join lines broken inside a sentence")
    body, body_changes = _clean_body_of_lines(rest)
    if not body:
        report.problem(shown, "no body text after the title and dateline",
                       "skipped; add the article's paragraphs, one per line")
        return []
    series = None
    if title:
        series, title = split_series(title)
    return [Article(path=shown, doc_id=doc_id, title=title, series=series, outlet=outlet, date=date,
                    date_precision=precision, body=body, raw_text=decoded.text, encoding=decoded.encoding,
                    relative=relative, layout=chosen, changes=changes + body_changes,
                    source=(decoded.encoding, decoded.text))]


# --- .csv and .jsonl files ----------------------------------------------------------------------

def _delimiter(text: str) -> str:
    """The CSV delimiter: a comma unless the header line holds none and another separator instead."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    for candidate in (";", "\t", "|"):
        if candidate in header:
            return candidate
    return ","


def _json_value(value) -> str:
    """A JSON value as text: strings as they are, null as empty, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))   # 2015.0 is the year 2015, 5.0 the id 5
    return json.dumps(value, ensure_ascii=False)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _column_name(raw: str, taken, shown: str, report: Report, clashes: set) -> str:
    """A column's name with its spaces stripped; if it then equals (ignoring case) a column already
    taken, a name of its own, reported once per file, so that no column's values are lost."""
    name = raw.strip()
    folded = {str(t).casefold(): t for t in taken}
    if name.casefold() not in folded:
        return name
    other = folded[name.casefold()]
    new = free_name(name, set(taken), "_2")
    if (other, raw) not in clashes:
        clashes.add((other, raw))
        report.problem(shown, f"columns {other!r} and {raw!r} have the same name once spaces and case are "
                       "ignored", f"both kept: the second as {new!r}; rename one in the file")
    return new


def _unique_columns(columns, shown: str, report: Report) -> list[str]:
    names: list[str] = []
    clashes: set = set()
    for raw in map(str, columns):
        names.append(_column_name(raw, names, shown, report, clashes))
    return names


def _read_jsonl(text: str, shown: str, report: Report, text_column: str | None):
    records, numbers = [], []
    clashes: set = set()
    # Split on line feeds only: U+2028, U+2029 and U+0085 are legal inside a JSON string and
    # must not end a record (str.splitlines would split on them).
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report.problem(shown, f"line {number}: not valid JSON ({error.msg})",
                           "line skipped; fix the line so it holds one JSON object")
            continue
        if not isinstance(record, dict):
            report.problem(shown, f"line {number}: a JSON {type(record).__name__}, not an object",
                           "line skipped; write one JSON object per line")
            continue
        row = {}
        for key, value in record.items():
            key = _column_name(str(key), row, shown, report, clashes)
            wanted_text = key == text_column or (text_column is None and key in TEXT_COLUMN_CANDIDATES)
            if wanted_text and isinstance(value, list):
                # A list of strings is the text's paragraphs.
                row[key] = "\n".join(_json_value(v) for v in value if v is not None)
            else:
                row[key] = _json_value(value)
        # A "\\ud800" escape without its pair is a lone surrogate: no text column can hold it.
        lone = sum(len(_LONE_SURROGATE.findall(v)) for v in row.values())
        if lone:
            row = {k: _LONE_SURROGATE.sub("\ufffd", v) for k, v in row.items()}
            report.problem(shown, f"line {number}: {lone} unpaired surrogate escape(s) (\\ud800-\\udfff) "
                           "that are no character", "loaded with each shown as \ufffd (U+FFFD); fix the "
                           "escapes (a character outside the BMP is a pair: \\ud83d\\ude00)")
        records.append(row)
        numbers.append(number)
    # A key missing from some records is an empty value there, not NaN.
    return pd.DataFrame(records, index=numbers, dtype=str).fillna("")


def read_table(file: Path, shown: str, doc_id: str, relative: PurePosixPath, report: Report,
               text_column: str | None) -> list[Article]:
    """One article per row of a ``.csv`` or ``.jsonl`` file."""
    decoded = decode(file, shown, report)
    if decoded is None:
        return []
    if not decoded.text.strip():
        report.problem(shown, "empty file (no text)", "skipped; delete the file or add articles to it")
        return []
    if file.suffix.lower() == ".csv":
        delimiter = _delimiter(decoded.text)
        if delimiter != ",":
            report.note(shown, f"CSV delimiter {delimiter!r}, not a comma", "read with that delimiter; nothing to do")
        try:
            table = pd.read_csv(io.StringIO(decoded.text), dtype=str, keep_default_na=False, sep=delimiter)
            # Rows counted from 1 without the header; a quoted cell may span lines, so no line number.
            table.index = range(1, len(table) + 1)
            kind = "row"
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            report.problem(shown, f"not a readable CSV file ({error})".replace("\n", " "),
                           "skipped; check the delimiter and quoting (comma-separated, double quotes)")
            return []
    else:
        table = _read_jsonl(decoded.text, shown, report, text_column)
        kind = "line"
    if kind == "row":
        table.columns = _unique_columns(table.columns, shown, report)

    column = text_column
    if column is None:
        column = next((c for c in TEXT_COLUMN_CANDIDATES if c in table.columns), None)
    if column is None or column not in table.columns:
        wanted = repr(text_column) if text_column else " or ".join(repr(c) for c in TEXT_COLUMN_CANDIDATES)
        report.problem(shown, f"no text column {wanted}; columns found: {list(table.columns)}",
                       "skipped; rename the text column, or pass text_column= to load_corpus")
        return []
    renamed = {}
    for name in table.columns:
        if name in COMPUTED_COLUMNS and name != column:
            renamed[name] = free_name(name, set(table.columns) | set(renamed.values()), "_in_file")
            report.note(shown, f"column {name!r} has the name of a column framelab computes",
                        f"kept as {renamed[name]!r}; rename it in the file to choose another name")
    table = table.rename(columns=renamed)
    for missing in (c for c in ("title", "date", "outlet") if c not in table.columns):
        report.note(shown, f"no '{missing}' column (optional)", f"loaded with an empty {missing} for every row")

    articles = []
    for number, row in zip(table.index, table.to_dict("records")):
        where = f"{kind} {number}"
        raw = row.get(column, "") or ""
        body, changes = clean_body(raw)
        if not body:
            report.problem(shown, f"{where}: empty text", "row skipped; fill in the text or delete the row")
            continue
        date = precision = None
        if row.get("date", "").strip():
            date, precision = parse_partial_date(row["date"])
            if date is None:
                report.problem(shown, f"{where}: date could not be read: {row['date']!r}",
                               "loaded without a date; write dates like 2015-09-25 (or 2015-09, 2015)")
        title = clean_line(row.get("title", "")) or None
        series = clean_line(row.get("series", "")) or None
        if title and not series:
            series, title = split_series(title)
        row_id = clean_line(row.get("doc_id", "")) or f"{doc_id}:{number}"
        extra = {k: v for k, v in row.items() if k not in METADATA_COLUMNS and k != column}
        articles.append(Article(path=shown, doc_id=row_id, title=title, series=series,
                                outlet=clean_line(row.get("outlet", "")) or None, date=date,
                                date_precision=precision, body=body, raw_text=raw,
                                encoding=decoded.encoding, relative=relative, layout="table",
                                extra=extra, changes=changes, source=tuple(sorted(row.items())), where=where))
    return articles
