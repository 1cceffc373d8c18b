"""Load a corpus of news articles or speeches into tables: documents, paragraphs, sentences and
a load report.

Accepted input: a folder (searched recursively) or a single file of
- ``.txt`` files, one document each, in the ``news`` layout (title line; a dateline such as
  ``Xinhua, September 25, 2015``; then one paragraph per line) or the ``plain`` layout (every
  line a paragraph), chosen per file (``framelab.layouts``);
- ``.csv`` files and ``.jsonl`` (JSON Lines) files: one article per row, a text column plus
  optional ``doc_id``, ``title``, ``series``, ``outlet``, ``date`` and any other metadata columns.

Metadata can also come from file names (``filename_pattern``) and a table (``metadata``), see
``framelab.metadata``. Nothing is dropped silently: every file or row that is repaired, changed
or skipped gets a row in ``Corpus.report`` saying what happened and what to do.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from framelab import languages, memory, outlets
from framelab.checks import keywords_after
from framelab.parallel import iter_chunks, map_chunks
from framelab.layouts import LAYOUTS, parse_date, parse_partial_date
from framelab.metadata import (DATE_FIELDS, compile_pattern, date_from_fields, file_keys, free_name, key_column,
                               read_table as read_metadata_table, typed)
from framelab.readers import (COMPUTED_COLUMNS, NOTE, PROBLEM, REPORT_COLUMNS, TABLE_SUFFIXES, TEXT_SUFFIXES,
                              Article, Report, clean_body, list_files, read_table, read_txt, split_series)
from framelab.segments import count_words, split_paragraphs, split_sentences_safely

__all__ = ["Corpus", "CorpusError", "load_corpus", "describe", "parse_date", "split_series",
           "REPORT_COLUMNS", "DOCUMENT_COLUMNS"]

DOCUMENT_COLUMNS = ["doc_id", "path", "title", "series", "outlet", "date", "text", "raw_text",
                    "encoding", "n_paragraphs", "n_words", "date_precision", "layout", "language",
                    "outlet_as_written", "duplicate_of"]
CLEANING_COLUMNS = ["doc_id", "path", "step", "removed"]
#: The units of analysis and the columns that identify one (the same in every table).
UNIT_KEYS = {"sentence": ["doc_id", "paragraph", "sentence"], "paragraph": ["doc_id", "paragraph"],
             "document": ["doc_id"]}
#: A progress bar is shown from this many files on (unless ``progress`` says otherwise).
PROGRESS_MIN_FILES = 50
#: From this many files (or paragraphs), reading (or sentence splitting) runs in worker processes.
PARALLEL_MIN_FILES = 200
PARALLEL_MIN_PARAGRAPHS = 5_000
#: A large corpus is split into sentences in batches of documents of about this many characters.
BATCH_CHARACTERS = 20_000_000


class CorpusError(ValueError):
    """Loading failed, or (in strict mode) the corpus had problems; the message lists them all."""


@dataclass
class Corpus:
    """A loaded corpus: four pandas DataFrames that share ``doc_id`` (and ``paragraph``).

    Attributes:
        documents: one row per article (see ``DOCUMENT_COLUMNS``; extra metadata columns follow).
        paragraphs: doc_id, paragraph (numbered from 1 over the body), text, n_words.
        sentences: doc_id, paragraph, sentence (numbered from 1 within its paragraph), text.
        report: path, problem, action, severity: every file or row that was repaired, changed or
            skipped. ``severity`` is "problem" when text or metadata was lost, changed or could
            not be read, "note" for repairs and decisions that lose nothing.
        cleaning: doc_id, path, step, removed: the text that cleaning cut from each document
            (page furniture, end-of-item markers, transcript furniture). Whitespace and Unicode are normalised
            everywhere; compare ``documents.raw_text`` with ``documents.text`` to see all of it.
        source: the path the corpus was loaded from.
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    report: pd.DataFrame
    cleaning: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLEANING_COLUMNS))
    source: str = ""
    #: The key of the on-disk cache this corpus was read from or written to (``load_corpus(cache=True)``),
    #: else "": tables derived from it (``framelab.cache.derived``) are kept beside it. A subset has none.
    cache_key: str = field(default="", compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.documents)

    def select(self, units: pd.DataFrame) -> "Corpus":
        """The same corpus restricted to some paragraphs (``units``: doc_id and paragraph columns),
        for example a validation sample. Documents keep their metadata; paragraph and sentence
        numbers are unchanged, so results still point at the full text."""
        keys = units[["doc_id", "paragraph"]].drop_duplicates()
        paragraphs = self.paragraphs.merge(keys, on=["doc_id", "paragraph"])
        sentences = self.sentences.merge(keys, on=["doc_id", "paragraph"])
        documents = self.documents[self.documents["doc_id"].isin(set(keys["doc_id"]))].reset_index(drop=True)
        return Corpus(documents=documents, paragraphs=paragraphs, sentences=sentences, report=self.report,
                      cleaning=self.cleaning[self.cleaning["doc_id"].isin(set(keys["doc_id"]))], source=self.source)

    def subset(self, doc_ids) -> "Corpus":
        """The same corpus restricted to some documents, in their order in the corpus.

        Args:
            doc_ids (list of str or Series): the documents kept; one that the corpus does not hold
                is an error naming it.

        >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
        ...                               filename_pattern="{country}_{session}_{year}")
        >>> len(corpus.subset(corpus.documents.query("year >= 1972")["doc_id"]).documents)
        106
        """
        wanted = set(pd.Series(list(doc_ids), dtype=object))
        unknown = sorted(wanted - set(self.documents["doc_id"]), key=str)
        if unknown:
            raise ValueError(f"Corpus.subset: {len(unknown)} doc_id(s) not in the corpus loaded from {self.source}: "
                             f"{unknown[:5]}; pick them from corpus.documents['doc_id']")
        keep = lambda table: table[table["doc_id"].isin(wanted)].reset_index(drop=True)  # noqa: E731
        return Corpus(documents=keep(self.documents), paragraphs=keep(self.paragraphs), sentences=keep(self.sentences),
                      report=self.report, cleaning=keep(self.cleaning), source=self.source)

    def __repr__(self) -> str:
        return (f"<Corpus from {self.source!r}: {len(self.documents)} documents, "
                f"{len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
                f"{int(self.documents['n_words'].sum())} words; {len(self.report)} load-report rows>")


# --- assembly ----------------------------------------------------------------------------------

def _progress(n_files: int, progress: bool | None):
    """A progress bar over the files (None when not shown)."""
    show = n_files >= PROGRESS_MIN_FILES if progress is None else progress
    if not show:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=n_files, desc="Loading corpus", unit="file", file=sys.stderr)


def _read_files(jobs: list[tuple], *, layout, join_lines, text_column) -> tuple[list[Article], list[dict]]:
    """The articles of some files and the rows of their load report."""
    report, articles = Report(), []
    for file, shown, doc_id, relative in jobs:
        if file.suffix.lower() in TEXT_SUFFIXES:
            articles.extend(read_txt(file, shown, doc_id, relative, report, layout, join_lines))
        else:
            articles.extend(read_table(file, shown, doc_id, relative, report, text_column))
    return articles, report.rows


def _split_paragraphs(paragraphs: list[str]) -> tuple[list[int], list[int], list[bool], str]:
    """Per paragraph its words, its number of sentences and whether the splitter fell back to the
    plain rule; then all the sentences, one per line (cheap to send back from a worker: a
    paragraph is one line, so no sentence holds a line break)."""
    words, counts, fell_back, sentences = [], [], [], []
    for paragraph in paragraphs:
        split, fell = split_sentences_safely(paragraph)
        words.append(count_words(paragraph))
        counts.append(len(split))
        fell_back.append(fell)
        sentences.extend(split)
    return words, counts, fell_back, "\n".join(sentences)


def _split_all(paragraphs: list[str]):
    """``(words, sentences, fell_back)`` per paragraph, in order, split in worker processes for a
    large corpus."""
    for _, (words, counts, fell_back, joined) in iter_chunks(_split_paragraphs, paragraphs,
                                                             min_items=PARALLEL_MIN_PARAGRAPHS):
        sentences, at = joined.split("\n") if joined else [], 0
        for n_words, count, fell in zip(words, counts, fell_back):
            yield n_words, sentences[at:at + count], fell
            at += count


def _languages(bodies: list[str]) -> list[str]:
    return [languages.detect(body) for body in bodies]


@keywords_after("strict")
def load_corpus(path, *, strict: bool = False, layout: str = "auto", filename_pattern: str | None = None,
                metadata=None, outlet_aliases=None, text_column: str | None = None,
                join_lines=False, progress: bool | None = None, cache: bool = False) -> Corpus:
    """Load and clean a folder or file of news articles or speeches.

    Args:
        path (str or Path): a folder (searched recursively, symbolic links followed) for .txt,
            .csv and .jsonl files, or one such file.
        strict (bool, default False): raise ``CorpusError`` listing every problem (text or metadata lost, changed or
            unreadable) instead of loading what is recoverable. Notes (repairs that lose
            nothing, such as a byte-order mark or Windows line endings) never raise.
        layout (str, default "auto"): for .txt files: "news" (title, dateline, paragraphs), "plain" (every line is
            body text) or "auto" (decided per file; a report note says which and why).
        filename_pattern (str or None, default None): fields read from each file's name (and folders, with ``/``), e.g.
            ``"{country}_{session}_{year}"``; ``year``/``month``/``day``/``date`` fields make the
            ``date`` column. A file whose name does not fit is reported.
        metadata (str, Path, DataFrame or None, default None): a .csv/.jsonl file or DataFrame of metadata joined on ``doc_id`` (or on a
            ``file`` column of file names); rows that match no document are reported.
        outlet_aliases (str, Path, dict or None, default None): outlet names and their aliases (YAML file or dict) instead of
            ``framelab/data/outlets.yaml``.
        text_column (str or None, default None): the text column of CSV/JSON Lines files (default: text, body or content).
        join_lines (bool or "auto", default False): for .txt files, join lines broken inside a
            sentence (a line not ending in . ! ? : ; or a closing quote continues on the next):
            True for every file, "auto" for files where most lines do not end a sentence
            (hard-wrapped text, such as the UN statements of 1990-2019), False to keep every line
            as a paragraph. A note says where lines were joined.
        progress (bool or None, default None): show a progress bar; by default from ``PROGRESS_MIN_FILES`` files on.
        cache (bool, default False): keep the loaded corpus on disk (Parquet, ``framelab.cache``)
            and reuse it while no file under ``path`` and no option has changed: a large corpus is
            read and split into sentences once. ``strict`` still raises on a cached corpus's problems.

    Returns:
        A ``Corpus`` with documents, paragraphs, sentences, the load report and the cleaning log.
        A small corpus (files of up to ``MEMO_BYTES`` in all) loaded again in the same session,
        with the same options and byte-identical files, is a copy of the first load.

    >>> corpus = load_corpus("seeds/un-general-debate", layout="plain",
    ...                      filename_pattern="{country}_{session}_{year}")
    >>> corpus.documents.loc[0, ["doc_id", "country", "session", "year", "date_precision"]].astype(str).tolist()
    ['CHN_01_1946', 'CHN', '1', '1946', 'year']
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout={layout!r} is not one of the allowed values {LAYOUTS}")
    options = dict(layout=layout, filename_pattern=filename_pattern, metadata=metadata,
                   outlet_aliases=outlet_aliases, text_column=text_column, join_lines=join_lines)
    small = _memo_key(path, cache, **options)
    if small is not None and small in _MEMO:
        corpus = _copy(_MEMO[small])
        return _checked(corpus, path, strict)
    if cache:
        from framelab import cache as store

        if not Path(path).expanduser().exists():
            raise FileNotFoundError(f"corpus path {str(path)!r} does not exist; give a folder of "
                                    ".txt/.csv/.jsonl articles or one such file")
        entry = store.key(path, options)
        corpus = store.read(entry)
        if corpus is None:
            corpus = load_corpus(path, progress=progress, **options)
            if store.write(entry, corpus):
                corpus.cache_key = entry
        else:
            corpus.cache_key = entry
        return _checked(corpus, path, strict)
    pattern = compile_pattern(filename_pattern) if filename_pattern is not None else None
    aliases = outlets.load_aliases(outlet_aliases)
    root = Path(path).expanduser()
    if not root.exists():
        raise FileNotFoundError(f"corpus path {str(root)!r} does not exist; give a folder of "
                                ".txt/.csv/.jsonl articles or one such file")
    # Absolute but not resolved: a symlinked file inside the corpus stays inside it.
    root = Path(os.path.abspath(root))
    if root.is_file() and root.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES:
        raise CorpusError(f"{root}: unsupported file type {root.suffix!r}; "
                          "give a .txt, .csv or .jsonl file or a folder of them")
    base = root.parent
    report = Report()
    files = list_files(root, report, base)

    jobs = []
    for file in files:
        relative = PurePosixPath(file.relative_to(root).as_posix() if root.is_dir() else file.name)
        jobs.append((file, file.relative_to(base).as_posix(), relative.with_suffix("").as_posix(), relative))
    articles: list[Article] = []
    bar = _progress(len(files), progress)
    # Files are read (decoded, cleaned) in worker processes for a large corpus; the articles and
    # the report's rows come back in file order, as one process would give them.
    read = functools.partial(_read_files, layout=layout, join_lines=join_lines, text_column=text_column)
    for size, (read_articles, rows) in iter_chunks(read, jobs, min_items=PARALLEL_MIN_FILES):
        articles.extend(read_articles)
        report.rows.extend(rows)
        bar.update(size) if bar is not None else None
    bar.close() if bar is not None else None

    field_names: list[str] = []
    if pattern is not None:
        field_names = _apply_filename_pattern(articles, pattern, report)
    articles = _drop_duplicates(articles, report)
    _make_ids_unique(articles, report)
    if metadata is not None:
        _join_metadata(articles, metadata, report)   # on the final doc_ids
    duplicate_of = _mark_syndication(articles, report)
    written = _group_outlets(articles, aliases, report)

    corpus = _build(articles, report, str(path), duplicate_of, written, field_names,
                    progress=len(files) >= PROGRESS_MIN_FILES if progress is None else progress)
    del articles
    memory.release()
    if small is not None:
        _MEMO[small] = _copy(corpus)
        while len(_MEMO) > MEMO_ENTRIES:
            _MEMO.pop(next(iter(_MEMO)))
    return _checked(corpus, path, strict)


#: A small corpus (files up to MEMO_BYTES in all) loaded again in the same Python session, with
#: the same options and byte-identical files, is copied from memory instead of read and split again.
MEMO_BYTES = 20_000_000
MEMO_ENTRIES = 4
_MEMO: dict = {}


def _memo_key(path, cache, **options):
    """The in-session key of a small corpus (None for a large one, a missing path or a metadata
    DataFrame): framelab.cache's key of every option and every file's name and content."""
    root = Path(path).expanduser()
    if cache or not root.exists() or isinstance(options.get("metadata"), pd.DataFrame):
        return None
    from framelab import cache as store

    total = 0
    for file in store._files(root):   # as the loader walks (links followed); what cannot be read counts 0
        try:
            total += file.stat().st_size if file.is_file() else 0
        except OSError:
            continue
    if total > MEMO_BYTES:
        return None

    return store.key(path, options)


def _copy(corpus: Corpus) -> Corpus:
    return Corpus(documents=corpus.documents.copy(), paragraphs=corpus.paragraphs.copy(),
                  sentences=corpus.sentences.copy(), report=corpus.report.copy(), cleaning=corpus.cleaning.copy(),
                  source=corpus.source)


def _checked(corpus: Corpus, path, strict: bool) -> Corpus:
    """``corpus``, or with ``strict`` a ``CorpusError`` listing its problems."""
    problems = corpus.report[corpus.report["severity"] == PROBLEM]
    if strict and len(problems):
        raise CorpusError(_describe_problems(str(path), problems) +
                          "\nFix these, or load with strict=False to load what is recoverable "
                          "and read corpus.report.")
    return corpus


def _describe_problems(source: str, report: pd.DataFrame) -> str:
    lines = [f"{len(report)} problem(s) loading {source!r}:"]
    lines += [f"  - {r.path}: {r.problem} -> {r.action}" for r in report.itertuples()]
    return "\n".join(lines)


def _fits(value, precision_date, precision: str) -> bool:
    if precision == "year":
        return value.year == precision_date.year
    if precision == "month":
        return (value.year, value.month) == (precision_date.year, precision_date.month)
    return value == precision_date


def _set_value(article: Article, name: str, value, source: str, report: Report) -> None:
    """Give ``article`` the metadata value ``name`` from ``source``; an existing different value
    is kept and the disagreement reported."""
    if value is None or (isinstance(value, str) and not value.strip()) or value != value:
        return
    current = getattr(article, name) if name in ("title", "series", "outlet") else article.extra.get(name)
    if current is None or (isinstance(current, str) and not current.strip()):
        if name in ("title", "series", "outlet"):
            setattr(article, name, value)
        else:
            article.extra[name] = value
    elif str(current) != str(value):
        report.problem(article.path, f"{name} is {current!r} in the document but {value!r} in the {source}",
                       f"kept {current!r}; correct whichever is wrong")


def _apply_filename_pattern(articles: list[Article], pattern, report: Report) -> list[str]:
    """Fields from file names into each article; the columns made, in pattern order."""
    columns = []
    for name in pattern.fields:
        if name == "date":
            continue
        columns.append(free_name(name, set(), "_in_filename") if name in COMPUTED_COLUMNS or name == "doc_id"
                       else name)
    reported: set[str] = set()
    for article in articles:
        fields = pattern.match(article.relative)
        if fields is None:
            if article.path not in reported:
                report.problem(article.path, f"file name does not fit filename_pattern {pattern.pattern!r}",
                               f"loaded without {', '.join(pattern.fields)}; rename the file or change the pattern")
                reported.add(article.path)
            continue
        for name, column in zip([f for f in pattern.fields if f != "date"], columns):
            _set_value(article, column, fields[name], "file name", report)
        date, precision, problem = date_from_fields(fields)
        if problem and article.path not in reported:
            report.problem(article.path, problem, "loaded without a date from the file name; rename the file")
            reported.add(article.path)
        if date is None:
            continue
        if article.date is None:
            article.date, article.date_precision = date, precision
        elif not _fits(article.date, date, precision):
            report.problem(article.path, f"date {article.date.isoformat()} in the text but "
                                         f"{date.isoformat()[:{'year': 4, 'month': 7}.get(precision, 10)]} in the file name",
                           "kept the date in the text; correct whichever is wrong")
    return columns


def _join_metadata(articles: list[Article], source, report: Report) -> None:
    table, shown = read_metadata_table(source)
    key = key_column(table, shown)
    renamed = {}
    for name in table.columns:
        if name in COMPUTED_COLUMNS:
            renamed[name] = free_name(name, set(table.columns) | set(renamed.values()), "_in_metadata")
            report.note(shown, f"column {name!r} has the name of a column framelab computes",
                        f"kept as {renamed[name]!r}; rename it in the table to choose another name")
    table = table.rename(columns=renamed)
    index: dict[str, list[Article]] = {}
    for article in articles:
        keys = {article.doc_id} if key == "doc_id" else file_keys(article.path, article.doc_id) | {
            article.relative.as_posix(), article.relative.with_suffix("").as_posix()}
        for value in keys:
            index.setdefault(value, []).append(article)
    matched: set[int] = set()
    first_row: dict[str, int] = {}
    for number, row in zip(table.index, table.to_dict("records")):
        value = "" if row.get(key) is None else str(row[key]).strip()
        if value in first_row:
            report.problem(shown, f"row {number}: {key} {value!r} repeats row {first_row[value]}",
                           "row not used; keep one row per document")
            continue
        first_row[value] = number
        targets = index.get(value, [])
        if not targets:
            report.problem(shown, f"row {number}: {key} {value!r} matches no document",
                           f"row not used; check the {key} against corpus.documents")
            continue
        for article in targets:
            matched.add(id(article))
            for name, cell in row.items():
                if name == key and key in ("doc_id", "path"):
                    continue
                if name == "date":
                    if cell is None or not str(cell).strip():
                        continue
                    date, precision = parse_partial_date(str(cell))
                    if date is None:
                        report.problem(shown, f"row {number}: date could not be read: {cell!r}",
                                       "not used; write dates like 2015-09-25 (or 2015-09, 2015)")
                    elif article.date is None:
                        article.date, article.date_precision = date, precision
                    elif article.date != date:
                        report.problem(article.path, f"date {article.date.isoformat()} in the document but "
                                                     f"{date.isoformat()} in {shown}",
                                       "kept the date in the document; correct whichever is wrong")
                    continue
                _set_value(article, name, cell, shown, report)
    unmatched = [a.doc_id for a in articles if id(a) not in matched]
    if unmatched:
        listed = ", ".join(repr(d) for d in unmatched[:5]) + (" ..." if len(unmatched) > 5 else "")
        report.problem(shown, f"{len(unmatched)} document(s) have no row in it: {listed}",
                       "loaded without its metadata; add rows for them if they need it")


def _identity(article: Article) -> tuple:
    """What makes two files or rows the same item: the same bytes as written (a file's text, or
    every cell of a row, doc_id included) and the same metadata from the file name."""
    return (article.source, tuple(sorted((k, str(v)) for k, v in article.extra.items())))


def _named(article: Article) -> str:
    """How a report row names one document: the file, and for a table the row and doc_id."""
    return f"{article.where} (doc_id {article.doc_id!r})" if article.where else f"doc_id {article.doc_id!r}"


def _shown_value(value) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "none"
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)


def _drop_duplicates(articles: list[Article], report: Report) -> list[Article]:
    """Skip a file or row that repeats an earlier one byte for byte, metadata included."""
    seen: dict[tuple, Article] = {}
    kept = []
    for article in articles:
        key = _identity(article)
        if key in seen:
            first = seen[key]
            report.note(article.path, f"{_named(article)}: exact duplicate of {first.path} {_named(first)}, "
                                      "byte for byte, with the same metadata; not loaded",
                        "skipped, nothing lost; delete one copy (the first in path order is kept)")
            continue
        seen[key] = article
        kept.append(article)
    return kept


def _mark_syndication(articles: list[Article], report: Report) -> list[str | None]:
    """The same text under other metadata (another outlet, date or name) is syndication, not
    duplication: kept, with the doc_id of the first copy in ``duplicate_of``."""
    first: dict[str, Article] = {}
    marks = []
    for article in articles:
        earlier = first.setdefault(article.body, article)
        if earlier is article:
            marks.append(None)
            continue
        marks.append(earlier.doc_id)
        differences = [f"{name} {_shown_value(getattr(article, name))} vs {_shown_value(getattr(earlier, name))}"
                       for name in ("title", "outlet", "date")
                       if _shown_value(getattr(article, name)) != _shown_value(getattr(earlier, name))]
        differences += [f"{k} {_shown_value(v)} vs {_shown_value(earlier.extra.get(k))}" for k, v in article.extra.items()
                        if _shown_value(earlier.extra.get(k)) != _shown_value(v)]
        report.note(article.path, f"{_named(article)}: same text as {earlier.path} {_named(earlier)} but "
                                  f"{'other metadata (' + '; '.join(differences) + ')' if differences else 'another file or row'}",
                    "kept both; marked in the duplicate_of column (filter on it to count each text once)")
    return marks


def _group_outlets(articles: list[Article], aliases: dict, report: Report) -> list[str | None]:
    """Group outlet spellings; return the names as written."""
    written = [a.outlet for a in articles]
    grouped = outlets.group(written, aliases)
    changed: dict[tuple[str, str], list[Article]] = {}
    for article, before, after in zip(articles, written, grouped):
        article.outlet = after
        if before is not None and before != after:
            changed.setdefault((before, after), []).append(article)
    for (before, after), group in changed.items():
        others = f" and {len(group) - 1} more" if len(group) > 1 else ""
        report.note(group[0].path + others, f"outlet written {before!r}",
                    f"grouped as {after!r} (framelab/data/outlets.yaml or case and spacing); "
                    "the written form is in outlet_as_written")
    _note_outlet_variants(articles, report)
    return written


def _note_outlet_variants(articles: list[Article], report: Report) -> None:
    """A note for each outlet that is another outlet's name with a bracketed addition ("The White
    House (Office of the Press Secretary)" beside "The White House"): kept apart, as written, but a
    comparison by outlet would split one source into several groups."""
    names = sorted({a.outlet for a in articles if a.outlet})
    for name in names:
        longer = [n for n in names if n != name and re.fullmatch(re.escape(name) + r"\s*[(\[].*", n)]
        if longer:
            first = next(a for a in articles if a.outlet == longer[0])
            shown = ", ".join(repr(n) for n in longer)
            report.note(first.path, f"outlet{'s' if len(longer) > 1 else ''} {shown} {'are' if len(longer) > 1 else 'is'} "
                                    f"{name!r} with a bracketed addition: kept as separate outlets",
                        f"to compare them as one, list them under {name!r} in an outlet aliases file "
                        "(load_corpus(outlet_aliases=...), make report OUTLET_ALIASES=file.yaml)")


def _make_ids_unique(articles: list[Article], report: Report) -> None:
    used: set[str] = set()
    for article in articles:
        if article.doc_id in used:
            number = 2
            while f"{article.doc_id}~{number}" in used:
                number += 1
            new_id = f"{article.doc_id}~{number}"
            report.problem(article.path, f"{article.where + ': ' if article.where else ''}doc_id {article.doc_id!r} "
                                         "is used by an earlier document",
                           f"loaded as {new_id!r} (metadata, reference codings and results use this id); "
                           "give every document its own doc_id")
            article.doc_id = new_id
        used.add(article.doc_id)


def _build(articles: list[Article], report: Report, source: str, duplicate_of: list,
           written: list, field_names: list[str], progress: bool = False) -> Corpus:
    """The corpus's tables from the articles read (``articles`` is emptied: its texts are let go
    as the tables take them)."""
    documents, cleaning = [], []
    # The documents' texts are made into columns batch by batch, and the articles' copies let go.
    texts = {"text": _TextColumn(), "raw_text": _TextColumn()}
    paragraph_tables, sentence_tables = [], []
    extra_columns: list[str] = []
    # Language detection, then sentence splitting and word counts, in worker processes for a
    # large corpus (results in order, as one process gives them). A large corpus is split in
    # batches of documents, each batch's paragraphs and sentences made into tables before the
    # next: only one batch is ever held as Python strings.
    found = [tag for part in map_chunks(_languages, [a.body for a in articles], min_items=PARALLEL_MIN_FILES)
             for tag in part]
    items = zip(articles, duplicate_of, written, found)
    if progress:
        from tqdm.auto import tqdm
        items = tqdm(items, total=len(articles), desc="Splitting sentences", unit="doc", file=sys.stderr)
    for batch in _batches(items, BATCH_CHARACTERS):
        # Paragraphs and sentences as columns (a dict per row would cost hundreds of bytes each).
        paragraphs = {"doc_id": [], "paragraph": [], "text": [], "n_words": []}
        batch_texts: dict[str, list] = {"text": [], "raw_text": []}
        sentences = {"doc_id": [], "paragraph": [], "sentence": [], "text": []}
        paras_of = [split_paragraphs(article.body) for article, *_ in batch]
        splits = _split_all([p for paras in paras_of for p in paras])
        for (article, duplicate, outlet_written, language), paras in zip(batch, paras_of):
            n_words = 0   # the body's words: those of its paragraphs (lines), as count_words(body) counts them
            for p_number, paragraph in enumerate(paras, start=1):
                words, split, fell_back = next(splits)
                n_words += words
                for column, value in zip(paragraphs.values(), (article.doc_id, p_number, paragraph, words)):
                    column.append(value)
                if fell_back:
                    report.note(article.path, f"paragraph {p_number} ({len(paragraph):,} characters) is too long "
                                              "for NLTK's sentence splitter (time limit reached)",
                                "split into sentences by a simpler rule (end punctuation, space, capital); "
                                "check for missing line breaks in the file")
                sentences["doc_id"].extend([article.doc_id] * len(split))
                sentences["paragraph"].extend([p_number] * len(split))
                sentences["sentence"].extend(range(1, len(split) + 1))
                sentences["text"].extend(split)
            extra_columns += [c for c in article.extra if c not in extra_columns]
            cleaning += [{"doc_id": article.doc_id, "path": article.path, "step": step, "removed": removed}
                         for step, removed in article.changes]
            if language != languages.ENGLISH:
                report.note(article.path, f"{_named(article)}: text is not English: {languages.describe(language)} ({language})",
                            "loaded with language set; analyses built for English skip or warn on it")
            # The body itself when it is already its paragraphs joined (no second copy of the text).
            text = article.body if len(article.body) == sum(map(len, paras)) + len(paras) - 1 else "\n".join(paras)
            batch_texts["text"].append(text)
            batch_texts["raw_text"].append(article.raw_text)
            article.body = article.raw_text = None
            documents.append({"doc_id": article.doc_id, "path": article.path, "title": article.title,
                              "series": article.series, "outlet": article.outlet,
                              "date": article.date, "encoding": article.encoding,
                              "n_paragraphs": len(paras), "n_words": n_words,
                              "date_precision": article.date_precision, "layout": article.layout,
                              "language": language, "outlet_as_written": outlet_written,
                              "duplicate_of": duplicate, **article.extra})
        paragraph_tables.append(_table(paragraphs))
        sentence_tables.append(_table(sentences))
        for name, values in batch_texts.items():
            texts[name].add(values)
        del paras_of, paragraphs, sentences
    # Filename fields first (in pattern order), then the rest as met.
    extra_columns = [c for c in field_names if c in extra_columns] + [c for c in extra_columns if c not in field_names]
    columns = DOCUMENT_COLUMNS + extra_columns
    documents = pd.DataFrame(documents, columns=[c for c in columns if c not in texts])
    articles.clear()
    for name, column in texts.items():
        documents.insert(columns.index(name), name, column.series())
    documents["date"] = pd.to_datetime(documents["date"])
    for column in field_names:
        if column in documents.columns:
            documents[column] = typed(documents[column].astype(object).where(documents[column].notna(), None))
    paragraphs = _concatenated(paragraph_tables, ["doc_id", "paragraph", "text", "n_words"])
    sentences = _concatenated(sentence_tables, ["doc_id", "paragraph", "sentence", "text"])
    cleaning = pd.DataFrame(cleaning, columns=CLEANING_COLUMNS)
    report_table = report.table()
    if not len(documents):
        message = f"no articles could be loaded from {source!r}"
        if len(report_table):
            message = _describe_problems(source, report_table) + "\n" + message
        raise CorpusError(message + "; expected .txt articles (title, dateline, paragraphs, or plain "
                                    "paragraphs) or .csv/.jsonl files with a text column")
    return Corpus(documents=documents, paragraphs=paragraphs, sentences=sentences,
                  report=report_table, cleaning=cleaning, source=source)


def _batches(items, characters: int):
    """Consecutive lists of ``(article, ...)`` items holding about ``characters`` of body text each."""
    batch, size = [], 0
    for item in items:
        batch.append(item)
        size += len(item[0].body)
        if size >= characters:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _concatenated(tables: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if not tables:
        return pd.DataFrame(columns=columns)
    return tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)


class _TextColumn:
    """A column of long texts, as ``pd.Series(values)`` makes it, built from batches of texts:
    with pandas' Arrow strings each batch is encoded at once, a slice at a time, and the Python
    strings let go (pandas would keep a UTF-8 copy beside every Python string until the end: the
    whole UNGDC's load peaked at 2.6 GB before, 2.1 GB now)."""

    def __init__(self):
        self.dtype = pd.Series(["x"]).dtype
        self.arrow = getattr(self.dtype, "storage", None) == "pyarrow"
        self.values: list = []
        self.chunks: list = []

    def add(self, values: list) -> None:
        """Take a batch of texts (the list is emptied)."""
        if not self.arrow:
            self.values.extend(values)
            values.clear()
            return
        import pyarrow as pa

        for start in range(0, len(values), 256):
            part = values[start:start + 256]
            values[start:start + 256] = [None] * len(part)
            encoded = pa.array([None if v is None else v.encode("utf-8") for v in part], type=pa.large_binary())
            self.chunks.append(encoded.cast(pa.large_string()))
            del part, encoded
        values.clear()

    def series(self) -> pd.Series:
        if not self.arrow or not self.chunks:
            return pd.Series(self.values, dtype=None if self.values else object)
        import pyarrow as pa

        return pa.chunked_array(self.chunks, type=pa.large_string()).to_pandas(
            types_mapper={pa.large_string(): self.dtype}.get)


def _table(columns: dict[str, list]) -> pd.DataFrame:
    """A table from lists of values, each list emptied as soon as its column is made."""
    table = pd.DataFrame(index=pd.RangeIndex(len(next(iter(columns.values())))))
    for name, values in columns.items():
        table[name] = pd.Series(values, dtype=None if values else object)
        values.clear()
    return table


_WIDTH = {"year": 4, "month": 7}


def _date_as_known(documents: pd.DataFrame, date) -> str:
    """``date`` as precisely as every document dated so is known ("1946" for a year read from a file
    name, not "1946-01-01"); a precision not recorded prints the whole day."""
    text = date.date().isoformat()
    if "date_precision" not in documents.columns:
        return text
    known = set(documents.loc[documents["date"] == date, "date_precision"].dropna())
    width = min((_WIDTH.get(p, 10) for p in known), default=10)
    return text[:width]


def describe(corpus: Corpus) -> str:
    """A one-paragraph plain-language description of a corpus, for the top of a report.

    Args:
        corpus (Corpus): a loaded corpus.

    >>> describe(load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt"))[:60]
    '1 document (Xinhua; series: China Voice), dated 2015-09-25: '
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
        first, last = _date_as_known(docs, dates.min()), _date_as_known(docs, dates.max())
        parts.append(f"dated {first}" if first == last else f"dated {first} to {last}")
    undated = n - len(dates)
    if undated:
        parts.append(f"{undated} without a date")
    text = ", ".join(parts)
    text += (f": {len(corpus.paragraphs)} paragraphs, {len(corpus.sentences)} sentences, "
             f"{int(docs['n_words'].sum())} words "
             f"(median {docs['n_words'].median():g} words per document). ")
    languages_seen = docs["language"].value_counts() if "language" in docs.columns else pd.Series(dtype=int)
    other = {tag: count for tag, count in languages_seen.items() if tag != languages.ENGLISH}
    if other:
        text += ("Not English: " + ", ".join(f"{count} in {languages.describe(tag)}" for tag, count in
                                             sorted(other.items())) + " (analyses built for English skip or warn). ")
    severity = corpus.report["severity"] if "severity" in corpus.report.columns else pd.Series(PROBLEM, index=corpus.report.index)
    problems, notes = int((severity == PROBLEM).sum()), int((severity == NOTE).sum())
    if not problems and not notes:
        text += "The load report is empty: every file was read as it is."
    elif not problems:
        text += (f"The load report has {notes} note{'s' if notes != 1 else ''} (repairs and decisions "
                 "that lose nothing) and no problems.")
    else:
        text += (f"The load report has {problems} problem{'s' if problems != 1 else ''} (text or metadata "
                 f"lost, changed or unreadable) and {notes} note{'s' if notes != 1 else ''}: "
                 "read it before the analysis.")
    return text
