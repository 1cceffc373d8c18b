"""Load a corpus of news articles into tables: documents, paragraphs, sentences and a load report.

Accepted input: a folder (searched recursively) or a single file of
- ``.txt`` articles: title line; a dateline such as ``Xinhua, September 25, 2015``; then one
  paragraph per line;
- ``.csv`` files and ``.jsonl`` (JSON Lines) files: one article per row, a text column plus
  optional ``doc_id``, ``title``, ``series``, ``outlet``, ``date`` and any other metadata columns.

Nothing is dropped silently: every file or row that is repaired or skipped gets a row in
``Corpus.report`` saying what happened and what to do.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framelab.cleaning import (clean_line, normalize_newlines, normalize_unicode, normalize_whitespace,
                                split_body_end, split_dateline_furniture)
from framelab.decoding import UnreadableFileError, decode_bytes
from framelab.resources import read_list
from framelab.segments import count_words, split_paragraphs, split_sentences

TEXT_SUFFIXES = {".txt"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
#: Column names tried, in order, as the text of a CSV or JSON Lines file when none is given.
TEXT_COLUMN_CANDIDATES = ("text", "body", "content")
#: Metadata columns with a fixed meaning; other columns are kept as they are.
METADATA_COLUMNS = ("doc_id", "title", "series", "outlet", "date")
DOCUMENT_COLUMNS = ["doc_id", "path", "title", "series", "outlet", "date", "text", "raw_text",
                    "encoding", "n_paragraphs", "n_words"]
REPORT_COLUMNS = ["path", "problem", "action"]
CLEANING_COLUMNS = ["doc_id", "path", "step", "removed"]
#: A progress bar is shown from this many files on (unless ``progress`` says otherwise).
PROGRESS_MIN_FILES = 50

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
_DATE_PATTERNS = [
    re.compile(r"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"),   # September 25, 2015
    re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})"),   # 25 September 2015
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ][\d:.+\-Z]*)?"),  # 2015-09-25
]
# A dateline: an outlet name, a comma, then something holding a four-digit year.
_DATELINE = re.compile(r"^(?P<outlet>[^,\d][^,]{0,80}),\s*(?P<date>.*\b\d{4}\b.*)$")


class CorpusError(ValueError):
    """Loading failed, or (in strict mode) the corpus had problems; the message lists them all."""


@dataclass
class Corpus:
    """A loaded corpus: four pandas DataFrames that share ``doc_id`` (and ``paragraph``).

    Attributes:
        documents: one row per article (see ``DOCUMENT_COLUMNS``; extra metadata columns follow).
        paragraphs: doc_id, paragraph (numbered from 1 over the body), text, n_words.
        sentences: doc_id, paragraph, sentence (numbered from 1 within its paragraph), text.
        report: path, problem, action: every file or row that was repaired or skipped.
        cleaning: doc_id, path, step, removed: the text that cleaning cut from each document
            (page furniture, end-of-item markers). Whitespace and Unicode are normalised
            everywhere; compare ``documents.raw_text`` with ``documents.text`` to see all of it.
        source: the path the corpus was loaded from.
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    report: pd.DataFrame
    cleaning: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLEANING_COLUMNS))
    source: str = ""

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return (f"<Corpus from {self.source!r}: {len(self.documents)} documents, "
                f"{len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
                f"{int(self.documents['n_words'].sum())} words; {len(self.report)} load-report rows>")


@dataclass
class _Article:
    path: str
    doc_id: str
    title: str | None
    body: str
    raw_text: str
    encoding: str
    series: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    extra: dict = field(default_factory=dict)
    changes: list[tuple[str, str]] = field(default_factory=list)


class _Report:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, path: str, problem: str, action: str) -> None:
        self.rows.append({"path": path, "problem": problem, "action": action})


# --- metadata helpers --------------------------------------------------------------------------

def parse_date(text: str) -> dt.date | None:
    """Read a date written as in news datelines; ``None`` if it is not one.

    >>> parse_date("September 25, 2015"), parse_date("25 Sept. 2015"), parse_date("2015-09-25")
    (datetime.date(2015, 9, 25), datetime.date(2015, 9, 25), datetime.date(2015, 9, 25))
    """
    text = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        month = match["month"]
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if month_number is None:
            return None
        try:
            return dt.date(int(match["year"]), month_number, int(match["day"]))
        except ValueError:  # 31 September and the like
            return None
    return None


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


def _clean_body(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Clean body text; also return what was cut, as ``(step, removed text)`` pairs."""
    body, marker = split_body_end(normalize_whitespace(normalize_unicode(normalize_newlines(text))))
    return normalize_whitespace(body), [("end-of-item marker", marker)] if marker else []


# --- readers -----------------------------------------------------------------------------------

def _read_txt(file: Path, shown: str, doc_id: str, report: _Report) -> list[_Article]:
    decoded = _decode(file, shown, report)
    if decoded is None:
        return []
    lines = [clean_line(line) for line in normalize_newlines(decoded.text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        report.add(shown, "empty file (no text)", "skipped; delete the file or add the article text")
        return []
    title, rest = lines[0], lines[1:]
    outlet = date = None
    changes = []
    dateline = None
    if rest:
        dateline_text, furniture = split_dateline_furniture(rest[0])
        dateline = _DATELINE.match(dateline_text)
        if dateline and furniture:
            changes.append(("dateline furniture", furniture))
    if dateline:
        outlet = dateline["outlet"].strip()
        date = parse_date(dateline["date"])
        rest = rest[1:]
        if date is None:
            report.add(shown, f"date in the dateline could not be read: {dateline['date']!r}",
                       "loaded without a date; write it like 'September 25, 2015' or '2015-09-25'")
    else:
        report.add(shown, "no dateline on line 2 (expected e.g. 'Xinhua, September 25, 2015')",
                   "loaded without outlet and date; line 2 kept as the first paragraph; "
                   "add a dateline after the title to fix")
    body, body_changes = _clean_body("\n".join(rest))
    if not body:
        report.add(shown, "no body text after the title and dateline",
                   "skipped; add the article's paragraphs, one per line")
        return []
    series, title = split_series(title)
    return [_Article(path=shown, doc_id=doc_id, title=title, series=series, outlet=outlet,
                     date=date, body=body, raw_text=decoded.text, encoding=decoded.encoding,
                     changes=changes + body_changes)]


def _read_table(file: Path, shown: str, doc_id: str, report: _Report,
                text_column: str | None) -> list[_Article]:
    decoded = _decode(file, shown, report)
    if decoded is None:
        return []
    if not decoded.text.strip():
        report.add(shown, "empty file (no text)", "skipped; delete the file or add articles to it")
        return []
    if file.suffix.lower() == ".csv":
        try:
            table = pd.read_csv(io.StringIO(decoded.text), dtype=str, keep_default_na=False)
            # Rows counted from 1 without the header; a quoted cell may span lines, so no line number.
            table.index = range(1, len(table) + 1)
            kind = "row"
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            report.add(shown, f"not a readable CSV file ({error})".replace("\n", " "),
                       "skipped; check the delimiter and quoting (comma-separated, double quotes)")
            return []
    else:
        records, numbers = [], []
        for number, line in enumerate(normalize_newlines(decoded.text).split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                report.add(shown, f"line {number}: not valid JSON ({error.msg})",
                           "line skipped; fix the line so it holds one JSON object")
                continue
            if not isinstance(record, dict):
                report.add(shown, f"line {number}: a JSON {type(record).__name__}, not an object",
                           "line skipped; write one JSON object per line")
                continue
            records.append({key: "" if value is None else str(value) for key, value in record.items()})
            numbers.append(number)
        # A key missing from some records is an empty value there, not NaN.
        table = pd.DataFrame(records, index=numbers, dtype=str).fillna("")
        kind = "line"
    table.columns = [str(column).strip() for column in table.columns]

    column = text_column
    if column is None:
        column = next((c for c in TEXT_COLUMN_CANDIDATES if c in table.columns), None)
    if column is None or column not in table.columns:
        wanted = repr(text_column) if text_column else " or ".join(repr(c) for c in TEXT_COLUMN_CANDIDATES)
        report.add(shown, f"no text column {wanted}; columns found: {list(table.columns)}",
                   "skipped; rename the text column, or pass text_column= to load_corpus")
        return []
    for missing in (c for c in ("title", "date", "outlet") if c not in table.columns):
        report.add(shown, f"no '{missing}' column", f"loaded with an empty {missing} for every row")

    articles = []
    for number, row in zip(table.index, table.to_dict("records")):
        where = f"{kind} {number}"
        raw = row.get(column, "") or ""
        body, changes = _clean_body(raw)
        if not body:
            report.add(shown, f"{where}: empty text", "row skipped; fill in the text or delete the row")
            continue
        date = None
        if row.get("date", "").strip():
            date = parse_date(row["date"])
            if date is None:
                report.add(shown, f"{where}: date could not be read: {row['date']!r}",
                           "loaded without a date; write dates like 2015-09-25")
        title = clean_line(row.get("title", "")) or None
        series = clean_line(row.get("series", "")) or None
        if title and not series:
            series, title = split_series(title)
        row_id = clean_line(row.get("doc_id", "")) or f"{doc_id}:{number}"
        extra = {k: v for k, v in row.items() if k not in METADATA_COLUMNS and k != column}
        articles.append(_Article(path=shown, doc_id=row_id, title=title, series=series,
                                 outlet=clean_line(row.get("outlet", "")) or None, date=date,
                                 body=body, raw_text=raw, encoding=decoded.encoding, extra=extra,
                                 changes=changes))
    return articles


def _decode(file: Path, shown: str, report: _Report):
    data = file.read_bytes()
    if not data:
        report.add(shown, "empty file (0 bytes)", "skipped; delete the file or add the article text")
        return None
    try:
        decoded = decode_bytes(data)
    except UnreadableFileError as error:
        report.add(shown, error.problem, error.action)
        return None
    for problem, action in decoded.notes:
        report.add(shown, problem, action)
    return decoded


# --- assembly ----------------------------------------------------------------------------------

def _list_files(root: Path, report: _Report, base: Path) -> list[Path]:
    if root.is_file():
        return [root]
    files = []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = file.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            report.add(_shown(file, base), "hidden file", "skipped; hidden files are never articles")
        elif file.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES:
            files.append(file)
        else:
            report.add(_shown(file, base), f"unsupported file type {file.suffix or '(none)'!r}",
                       "skipped; convert it to .txt, .csv or .jsonl to include it")
    return files


def _shown(file: Path, base: Path) -> str:
    """The path as shown in tables: relative to the folder holding the corpus, so that outputs
    do not depend on where the project was cloned."""
    return file.relative_to(base).as_posix()


def _progress(files: list[Path], progress: bool | None):
    show = len(files) >= PROGRESS_MIN_FILES if progress is None else progress
    if not show:
        return files
    from tqdm.auto import tqdm
    return tqdm(files, desc="Loading corpus", unit="file", file=sys.stderr)


def load_corpus(path, strict: bool = False, *, text_column: str | None = None,
                progress: bool | None = None) -> Corpus:
    """Load and clean a folder or file of news articles.

    Args:
        path: a folder (searched recursively for .txt, .csv and .jsonl files) or one such file.
        strict: raise ``CorpusError`` listing every problem instead of loading what is recoverable.
        text_column: the text column of CSV/JSON Lines files (default: text, body or content).
        progress: show a progress bar; by default from ``PROGRESS_MIN_FILES`` files on.

    Returns:
        A ``Corpus`` with documents, paragraphs, sentences and the load report.

    Example:
        >>> corpus = load_corpus("seeds")                          # doctest: +SKIP
        >>> corpus.documents[["doc_id", "outlet", "date"]]         # doctest: +SKIP
    """
    root = Path(path).expanduser()
    if not root.exists():
        raise FileNotFoundError(f"corpus path {str(root)!r} does not exist; give a folder of "
                                ".txt/.csv/.jsonl articles or one such file")
    # Absolute but not resolved: a symlinked file inside the corpus stays inside it.
    root = Path(os.path.abspath(root))
    base = root.parent
    report = _Report()
    files = _list_files(root, report, base)
    if root.is_file() and root.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES:
        raise CorpusError(f"{root}: unsupported file type {root.suffix!r}; "
                          "give a .txt, .csv or .jsonl file or a folder of them")

    articles: list[_Article] = []
    for file in _progress(files, progress):
        shown = _shown(file, base)
        doc_id = file.relative_to(root).with_suffix("").as_posix() if root.is_dir() else file.stem
        if file.suffix.lower() in TEXT_SUFFIXES:
            articles.extend(_read_txt(file, shown, doc_id, report))
        else:
            articles.extend(_read_table(file, shown, doc_id, report, text_column))

    articles = _drop_duplicates(articles, report)
    _make_ids_unique(articles, report)

    report_table = pd.DataFrame(report.rows, columns=REPORT_COLUMNS)
    if strict and len(report_table):
        raise CorpusError(_describe_problems(str(path), report_table) +
                          "\nFix these, or load with strict=False to load what is recoverable "
                          "and read corpus.report.")
    if not articles:
        message = f"no articles could be loaded from {str(path)!r}"
        if len(report_table):
            message = _describe_problems(str(path), report_table) + "\n" + message
        raise CorpusError(message + "; expected .txt articles (title, dateline, paragraphs) "
                                    "or .csv/.jsonl files with a text column")
    return _build(articles, report_table, str(path))


def _describe_problems(source: str, report: pd.DataFrame) -> str:
    lines = [f"{len(report)} problem(s) loading {source!r}:"]
    lines += [f"  - {r.path}: {r.problem} -> {r.action}" for r in report.itertuples()]
    return "\n".join(lines)


def _drop_duplicates(articles: list[_Article], report: _Report) -> list[_Article]:
    seen: dict[tuple, _Article] = {}
    kept = []
    for article in articles:
        key = (article.title, article.body)
        if key in seen:
            first = seen[key]
            report.add(article.path, f"exact duplicate of {first.path} (doc_id {first.doc_id!r}): "
                                     f"same title and text; doc_id {article.doc_id!r} not loaded",
                       "skipped; delete one copy (the first in path order is kept)")
            continue
        seen[key] = article
        kept.append(article)
    return kept


def _make_ids_unique(articles: list[_Article], report: _Report) -> None:
    used: set[str] = set()
    for article in articles:
        if article.doc_id in used:
            number = 2
            while f"{article.doc_id}~{number}" in used:
                number += 1
            new_id = f"{article.doc_id}~{number}"
            report.add(article.path, f"doc_id {article.doc_id!r} is used by an earlier document",
                       f"loaded as {new_id!r}; give every document its own doc_id")
            article.doc_id = new_id
        used.add(article.doc_id)


def _build(articles: list[_Article], report: pd.DataFrame, source: str) -> Corpus:
    documents, paragraphs, sentences, cleaning = [], [], [], []
    extra_columns: list[str] = []
    for article in articles:
        paras = split_paragraphs(article.body)
        for p_number, paragraph in enumerate(paras, start=1):
            paragraphs.append({"doc_id": article.doc_id, "paragraph": p_number, "text": paragraph,
                               "n_words": count_words(paragraph)})
            for s_number, sentence in enumerate(split_sentences(paragraph), start=1):
                sentences.append({"doc_id": article.doc_id, "paragraph": p_number,
                                  "sentence": s_number, "text": sentence})
        extra_columns += [c for c in article.extra if c not in extra_columns]
        cleaning += [{"doc_id": article.doc_id, "path": article.path, "step": step, "removed": removed}
                     for step, removed in article.changes]
        documents.append({"doc_id": article.doc_id, "path": article.path, "title": article.title,
                          "series": article.series, "outlet": article.outlet,
                          "date": article.date, "text": "\n".join(paras),
                          "raw_text": article.raw_text, "encoding": article.encoding,
                          "n_paragraphs": len(paras), "n_words": count_words(article.body),
                          **article.extra})
    documents = pd.DataFrame(documents, columns=DOCUMENT_COLUMNS + extra_columns)
    documents["date"] = pd.to_datetime(documents["date"])
    paragraphs = pd.DataFrame(paragraphs, columns=["doc_id", "paragraph", "text", "n_words"])
    sentences = pd.DataFrame(sentences, columns=["doc_id", "paragraph", "sentence", "text"])
    cleaning = pd.DataFrame(cleaning, columns=CLEANING_COLUMNS)
    return Corpus(documents=documents, paragraphs=paragraphs, sentences=sentences,
                  report=report, cleaning=cleaning, source=source)


def describe(corpus: Corpus) -> str:
    """A one-paragraph plain-language description of a corpus, for the top of a report.

    >>> describe(load_corpus("seeds"))                              # doctest: +SKIP
    '1 document (Xinhua; series: China Voice), dated 2015-09-25: 17 paragraphs, ...'
    """
    docs = corpus.documents
    n = len(docs)
    parts = [f"{n} document{'s' if n != 1 else ''}"]
    outlets = sorted(docs["outlet"].dropna().unique())
    series = sorted(docs["series"].dropna().unique())
    where = []
    if outlets:
        where.append(", ".join(outlets[:5]) + (f" and {len(outlets) - 5} more outlets" if len(outlets) > 5 else ""))
    if series:
        where.append("series: " + ", ".join(series[:5]) + (" ..." if len(series) > 5 else ""))
    if where:
        parts[0] += f" ({'; '.join(where)})"
    dates = docs["date"].dropna()
    if len(dates):
        first, last = dates.min().date().isoformat(), dates.max().date().isoformat()
        parts.append(f"dated {first}" if first == last else f"dated {first} to {last}")
    undated = n - len(dates)
    if undated:
        parts.append(f"{undated} without a date")
    text = ", ".join(parts)
    text += (f": {len(corpus.paragraphs)} paragraphs, {len(corpus.sentences)} sentences, "
             f"{int(docs['n_words'].sum())} words "
             f"(median {docs['n_words'].median():g} words per document). ")
    problems = len(corpus.report)
    text += ("The load report is empty: every file was read as it is."
             if problems == 0 else
             f"The load report has {problems} row{'s' if problems != 1 else ''}: read it before the analysis.")
    return text
