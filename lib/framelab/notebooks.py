"""Run the numbered notebooks top to bottom in a fresh kernel and write them back byte-stable.

This is what ``make report`` calls::

    python -m framelab.notebooks                                  # the seed corpus, in place
    python -m framelab.notebooks --corpus my_articles --out out   # another corpus, under out/

Notebooks are executed with papermill. Their ``parameters`` cell holds ``corpus_path`` and
``figures_dir``; for another corpus both are injected, and the executed notebooks and their
figures go under ``--out``, leaving the committed ones untouched. The timestamps papermill and
nbclient record are removed, so running twice on the same input gives identical files.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import re
import time
from pathlib import Path

import nbformat

__all__ = ["run_all", "run_notebook", "default_jobs", "NotebookFailed", "report_parameters", "notebook_paths", "strip_volatile", "merge_streams",
           "export_html", "for_sharing", "with_contents", "REPORTS_DIR"]

KERNEL_NAME = "framelab"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"
#: Per-cell and notebook metadata keys that change on every run.
VOLATILE_CELL_METADATA = ("papermill", "execution")
VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets")
#: A widget's output: its model id is new on every run (the widget itself lives in the kernel).
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Where ``make report`` writes the HTML pages of the seed run (``OUT/html`` for another corpus).
REPORTS_DIR = "reports"


def notebook_paths(directory) -> list[Path]:
    """The numbered notebooks of ``directory`` (``00_*.ipynb``, ``01_*.ipynb``, ...) in order.

    Args:
        directory (str or Path): a folder of notebooks.

    >>> [p.name for p in notebook_paths("notebooks")][:2]
    ['00_corpus_overview.ipynb', '01_term_frequency.ipynb']
    """
    return sorted(Path(directory).glob(NOTEBOOK_PATTERN))


def strip_volatile(nb):
    """Remove run timestamps and durations (papermill, nbclient) and widget ids from a notebook,
    in place, and merge adjacent outputs of the same stream.

    A kernel may deliver one ``print`` as one stream message or as several (timing decides), so
    the same run can be saved as one or two stdout outputs; merged, the file is the same every
    time. A widget's output keeps its plain-text form (its view names a model that lives only in
    the kernel, under a new id each run). Execution counts and outputs stay: nbval needs both.

    Args:
        nb (NotebookNode): a notebook read with nbformat.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(metadata={"papermill": {"duration": 1.0}})
    >>> dict(strip_volatile(nb).metadata)
    {}
    """
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.get("outputs", []))
            for output in cell.outputs:
                output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def merge_streams(outputs: list) -> list:
    """Outputs with each run of same-stream outputs (stdout, stderr) joined into one.

    Args:
        outputs (list): a code cell's outputs.

    >>> import nbformat
    >>> parts = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("a", "b\\n")]
    >>> [o["text"] for o in merge_streams(parts)]
    ['ab\\n']
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (previous is not None and output.get("output_type") == "stream"
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def run_notebook(source: Path, destination: Path, *, parameters: dict | None = None,
                 kernel_name: str = KERNEL_NAME) -> Path:
    """Execute ``source`` in a fresh kernel (working directory: its folder) into ``destination``.

    On an error in a cell, the notebook is still written (with the error shown in it) and the
    ``papermill.PapermillExecutionError`` is raised.

    Args:
        source (Path): the notebook.
        destination (Path): where the executed notebook is written.
        parameters (dict or None, default None): values for the ``parameters`` cell.
        kernel_name (str, default "framelab"): the Jupyter kernel.

    >>> run_notebook("notebooks/00_corpus_overview.ipynb", "/tmp/00.ipynb")   # doctest: +SKIP
    """
    import papermill

    source, destination = Path(source).resolve(), Path(destination).resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Only the parameters a notebook declares (codebook_path goes to the framing notebooks).
    declared = set(papermill.inspect_notebook(str(source)))
    parameters = {k: v for k, v in (parameters or {}).items() if k in declared}
    # Sets print in hash order; a fixed seed keeps any that slip through stable between runs.
    os.environ.setdefault("PYTHONHASHSEED", "0")
    with tempfile.TemporaryDirectory() as scratch:
        executed = Path(scratch) / source.name
        try:
            papermill.execute_notebook(
                str(source), str(executed), parameters=parameters or {}, kernel_name=kernel_name,
                cwd=str(source.parent), progress_bar=False, log_output=False,
            )
        finally:
            if executed.exists():
                nb = strip_volatile(nbformat.read(executed, as_version=4))
                nbformat.write(nb, destination)
    return destination


_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.S)


def with_contents(page: str) -> str:
    """An exported page with, right after ``<main>``: the "Show code" box (code is hidden until it
    is ticked; the page's style sheet does the hiding, no script) and a table of contents linking
    each section (h2) and subsection (h3) of its Markdown.

    Args:
        page (str): a page written by nbconvert's lab template (``export_html``).

    >>> page = '<main><h2 id="Method">Method<a class="anchor-link" href="#Method">¶</a></h2></main>'
    >>> 'href="#Method">Method</a>' in with_contents(page)
    True
    """
    import html

    entries = []
    for level, ident, inner in _HEADING.findall(page):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).rstrip("¶").strip()
        entries.append(f'<li class="fl-h{level}"><a href="#{ident}">{html.escape(text)}</a></li>')
    head = ('<input type="checkbox" id="fl-show-code"><label class="fl-show-code" for="fl-show-code">Show code</label>'
            + (f'<nav class="fl-contents"><b>Contents</b><ul>{"".join(entries)}</ul></nav>' if entries else ""))
    return page.replace("<main>", "<main>\n" + head, 1)


_ABSOLUTE_PATH = re.compile(r"""(?P<quote>["'])(?P<path>/(?:[^"'\n]*/)?(?P<name>[^"'/\n]+))(?P=quote)""")
_SAVED_FIGURE = re.compile(r"""figures\.save\(\s*\w+\s*,\s*["']([^"']+)["']""")


def for_sharing(nb):
    """A notebook ready to be a shared page, changed in memory only: absolute paths in the cell of
    parameters injected by ``make report`` shown as ``…/name`` (the reader needs the corpus's name,
    not the folders of the machine it ran on), the same folders written as ``…/`` in every output, and each figure given a text alternative (``alt``
    in its output's metadata): the figure's name and the section it belongs to.

    Args:
        nb (NotebookNode): an executed notebook.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     'corpus_path = "/home/ana/interviews/corpus"', metadata={"tags": ["injected-parameters"]})])
    >>> for_sharing(nb).cells[0].source
    'corpus_path = "…/corpus"'
    """
    injected = "\n".join(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    # The folders that hold the injected paths, longest first: written as "…/" wherever an output prints them.
    folders = sorted({m["path"][: -len(m["name"])] for m in _ABSOLUTE_PATH.finditer(injected)} - {"/"}, key=len, reverse=True)

    def shared(text: str) -> str:
        for folder in folders:
            text = text.replace(folder, "…/")
        return text

    section = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((line.lstrip("#").strip() for line in cell.source.splitlines() if line.startswith("#")), None)
            section = heading or section
            continue
        if cell.cell_type != "code":
            continue
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = _ABSOLUTE_PATH.sub(lambda m: f"{m['quote']}…/{m['name']}{m['quote']}", cell.source)
        names = _SAVED_FIGURE.findall(cell.source)
        for output in cell.get("outputs", []):
            if folders and "text" in output:
                output["text"] = shared(output["text"])
            for kind in ("text/plain", "text/html", "text/markdown"):
                if folders and kind in output.get("data", {}):
                    output["data"][kind] = shared(output["data"][kind])
            if "image/png" in output.get("data", {}):
                what = ", ".join(n.replace("_", " ") for n in names) or "figure"
                output.setdefault("metadata", {})["alt"] = (f"Figure: {what}" + (f" (section: {section})" if section else "")
                                                            + "; its numbers are in the tables of this section.")
    return nb


def export_html(notebooks, folder) -> list[Path]:
    """Each executed notebook as one self-contained HTML page in ``folder``, plus ``index.html``
    linking them: figures embedded, tables kept (the sortable ones keep working: their script is
    inline), nothing fetched from the internet, so a page can be sent and opened offline.

    Args:
        notebooks (list of Path): executed notebooks.
        folder (str or Path): where the pages go (created if missing).

    Returns:
        The pages written, index.html last.

    >>> export_html(notebook_paths("notebooks"), "/tmp/framelab-html")[-1].name   # doctest: +SKIP
    'index.html'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, entries = [], []
    for notebook in map(Path, notebooks):
        target, entry = _export_page(notebook, folder)
        written.append(target)
        entries.append(entry)
    return written + [_write_index(folder, entries)]


def _export_page(notebook: Path, folder: Path) -> tuple[Path, str]:
    """One executed notebook as an HTML page in ``folder``; returns the page and its line of the index."""
    import html

    from nbconvert import HTMLExporter

    from framelab.resources import data_path

    exporter = HTMLExporter(template_name="lab", template_file=str(data_path("report.html.j2")), embed_images=True)
    nb = for_sharing(nbformat.read(notebook, as_version=4))
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    target = Path(folder) / f"{notebook.stem}.html"
    target.write_text(with_contents(page), encoding="utf-8")
    heading = next((line.lstrip("# ").strip() for cell in nb.cells if cell.cell_type == "markdown"
                    for line in cell.source.splitlines() if line.startswith("# ")), notebook.stem)
    return target, (f'<li><a href="{html.escape(target.name)}">{html.escape(heading)}</a> '
                    f'<span style="color:#666">({html.escape(notebook.name)})</span></li>')


def _write_index(folder: Path, entries: list[str]) -> Path:
    index = Path(folder) / "index.html"
    index.write_text("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>framelab reports</title>"
                     "</head><body style=\"font-family:sans-serif;max-width:50em;margin:2em auto\">"
                     "<h1>framelab reports</h1><p>Each notebook as it last ran, one page each (opens offline)."
                     f"</p><ul>{''.join(entries)}</ul></body></html>\n", encoding="utf-8")
    return index


def report_parameters(*, corpus=None, out=None, codebook=None, group_by=None, period=None, outlet_aliases=None,
                      layout=None, join_lines=None, filename_pattern=None) -> dict:
    """The values injected into every notebook's ``parameters`` cell by ``make report``.

    Args:
        corpus (str, Path or None, default None): another corpus (needs ``out``): ``corpus_path``.
        out (str, Path or None, default None): the output folder: ``figures_dir`` under it.
        codebook (str, Path or None, default None): another codebook (needs ``out``): ``codebook_path``
            (notebooks that code frames read it).
        group_by (str or None, default None): the metadata column(s) the comparative sections
            compare ("country", or "country,outlet"): ``group_by``.
        period (str or None, default None): the time bin of those sections ("year", "decade", ...,
            or edges in years such as "1971,1990,2025"): ``period``.
        outlet_aliases (str, Path or None, default None): a YAML file of outlet names and their aliases
            (``load_corpus(outlet_aliases=)``), checked here.
        layout (str or None, default None): "auto", "news" or "plain" (``load_corpus(layout=)``).
        join_lines (str, bool or None, default None): "auto", "true" or "false" (``load_corpus(join_lines=)``;
            the notebooks' default is "auto").
        filename_pattern (str or None, default None): fields read from each file's name, such as
            "{country}_{session}_{year}" (``load_corpus(filename_pattern=)``), checked here.

    The four loader options reach every notebook as one ``load_options`` dict, so all notebooks load
    the corpus alike (and the cache is read, not rebuilt). Another corpus is also read once and kept on disk (``cache_corpus``: ``load_corpus(cache=True)``),
    so that the notebooks after the first do not read and split it again.

    >>> sorted(report_parameters(corpus="seeds", out="/tmp/out", group_by="outlet"))
    ['cache_corpus', 'corpus_path', 'figures_dir', 'group_by']
    >>> report_parameters(corpus="seeds", out="/tmp/out", layout="news")["load_options"]
    {'join_lines': 'auto', 'layout': 'news'}
    >>> report_parameters(corpus="seeds", out="/tmp/out", filename_pattern="{country}_{session}_{year}")["load_options"]
    {'join_lines': 'auto', 'filename_pattern': '{country}_{session}_{year}'}
    """
    parameters = {}
    options = {"outlet_aliases": outlet_aliases, "layout": layout, "join_lines": join_lines,
               "filename_pattern": filename_pattern}
    if any(v is not None for v in (corpus, codebook, group_by, period, *options.values())) and out is None:
        raise ValueError("CORPUS, CODEBOOK, GROUP_BY, PERIOD, OUTLET_ALIASES, LAYOUT, JOIN_LINES and FILENAME_PATTERN "
                         "need OUT: give "
                         "OUT=path/to/dir so the committed notebooks and figures stay untouched")
    if any(v is not None for v in options.values()):
        parameters["load_options"] = _load_options(**options)
    if group_by is not None:
        columns = [c.strip() for c in str(group_by).split(",") if c.strip()]
        parameters["group_by"] = columns[0] if len(columns) == 1 else columns
    if period is not None:
        period = str(period).strip()
        parameters["period"] = [int(p) for p in period.split(",")] if "," in period else period
    for name, value in (("corpus_path", corpus), ("codebook_path", codebook)):
        if value is not None:
            value = Path(value).expanduser().resolve()
            if not value.exists():
                raise FileNotFoundError(f"{name.split('_')[0]} {value} does not exist")
            parameters[name] = str(value)
    if corpus is not None:
        parameters["cache_corpus"] = True
    if out is not None:
        parameters["figures_dir"] = str(Path(out).expanduser().resolve() / "figures")
    return parameters


#: The notebooks' own ``load_options`` (their parameters cell): what an option not given stays at.
DEFAULT_LOAD_OPTIONS = {"join_lines": "auto"}
_JOIN_LINES = {"auto": "auto", "true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _load_options(*, outlet_aliases=None, layout=None, join_lines=None, filename_pattern=None) -> dict:
    """``load_corpus`` keyword arguments from make report's OUTLET_ALIASES, LAYOUT, JOIN_LINES and
    FILENAME_PATTERN, checked."""
    from framelab.layouts import LAYOUTS
    from framelab.metadata import PatternError, compile_pattern
    from framelab.outlets import load_aliases

    options = dict(DEFAULT_LOAD_OPTIONS)
    if join_lines is not None:
        value = _JOIN_LINES.get(str(join_lines).strip().lower())
        if value is None:
            raise ValueError(f"JOIN_LINES={join_lines!r} is not one of auto, true, false")
        options["join_lines"] = value
    if layout is not None:
        if str(layout).strip() not in LAYOUTS:
            raise ValueError(f"LAYOUT={layout!r} is not one of {', '.join(LAYOUTS)}")
        options["layout"] = str(layout).strip()
    if outlet_aliases is not None:
        path = Path(outlet_aliases).expanduser().resolve()
        if not path.is_file():
            raise FileNotFoundError(f"OUTLET_ALIASES={outlet_aliases}: no such file (a YAML file: outlet name: [aliases])")
        load_aliases(path)   # a malformed file is an error now, naming it, not in every notebook
        options["outlet_aliases"] = str(path)
    if filename_pattern is not None:
        try:
            compile_pattern(str(filename_pattern))   # a pattern with no field or a stray brace fails here
        except PatternError as error:
            raise ValueError(f"FILENAME_PATTERN: {error}") from None
        options["filename_pattern"] = str(filename_pattern)
    return options


#: Folders of the project that a run with OUT never writes into (git-tracked work).
PROTECTED = ("notebooks", "figures", "seeds", "lib", "validation", "tests", "docs", "benchmarks")


def _refuse_committed(out: Path, root: Path) -> None:
    """Refuse an OUT whose notebooks, figures/ or html/ would land in the project's committed folders."""
    for target in (out, out / "figures", out / "html"):
        for name in PROTECTED:
            protected = (root / name).resolve()
            if target == protected or protected in target.parents:
                raise ValueError(f"OUT={out} would write into the project's {name}/ (committed work); give OUT a "
                                 "folder of its own, e.g. reports/my_corpus. Only make report with no options "
                                 "writes notebooks/ and figures/.")


def run_all(notebook_dir="notebooks", *, corpus=None, out=None, codebook=None, group_by=None, period=None,
            outlet_aliases=None, layout=None, join_lines=None, filename_pattern=None,
            kernel_name: str = KERNEL_NAME, jobs: int | None = None) -> list[Path]:
    """Execute every numbered notebook: in place on the seed corpus, or on ``corpus`` into ``out``;
    each is also written as an HTML page (as ``export_html`` writes them) into ``reports/``
    (``out/html/``) as soon as it has run, and the pages' index once all have run.

    Args:
        notebook_dir (str or Path, default "notebooks"): the folder of numbered notebooks.
        corpus (str, Path or None, default None): another corpus (needs ``out``).
        out (str, Path or None, default None): where executed notebooks and figures go.
        codebook (str, Path or None, default None): another codebook (needs ``out``).
        group_by (str or None, default None): column(s) for the comparative sections (needs ``out``).
        period (str or None, default None): their time bin (needs ``out``).
        outlet_aliases, layout, join_lines, filename_pattern (default None): loader options for every notebook (need ``out``;
            see ``report_parameters``).
        kernel_name (str, default "framelab"): the Jupyter kernel.
        jobs (int or None, default None): notebooks run at the same time after the first (which
            loads the corpus and keeps it in the cache for the others); None for
            ``default_jobs(corpus)``: one per CPU core, as many as the memory holds. The notebooks
            written are the same whatever the number.

    >>> run_all(corpus="my_articles", out="reports/my_articles")   # doctest: +SKIP
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"JOBS={jobs!r}: give the number of notebooks to run at the same time, 1 or more")
    notebook_dir = Path(notebook_dir)
    notebooks = notebook_paths(notebook_dir)
    if not notebooks:
        raise FileNotFoundError(f"no numbered notebooks ({NOTEBOOK_PATTERN}) in {notebook_dir}")
    parameters = report_parameters(corpus=corpus, out=out, codebook=codebook, group_by=group_by, period=period,
                                   outlet_aliases=outlet_aliases, layout=layout, join_lines=join_lines,
                                   filename_pattern=filename_pattern)
    out = Path(out).expanduser().resolve() if out is not None else None
    if out is not None:
        _refuse_committed(out, notebook_dir.resolve().parent)
    from framelab.figures import COMMITTED_RUN

    # The kernels inherit this: only the default run (seed corpus, in place) writes the committed figures/.
    if corpus is not None:
        from framelab.cache import cache_dir

        print(f"The corpus is read once and kept in {cache_dir()} (FRAMELAB_CACHE chooses another folder); "
              "python -c 'from framelab import cache; cache.clear()' removes what framelab wrote there.", flush=True)
    before = os.environ.get(COMMITTED_RUN)
    os.environ[COMMITTED_RUN] = "1" if out is None and not parameters else "0"
    jobs = default_jobs(corpus) if jobs is None else jobs
    destinations = [notebook if out is None else out / notebook.name for notebook in notebooks]
    try:
        written = _run_each(notebooks, destinations, parameters, kernel_name, jobs,
                            (notebook_dir.resolve().parent / REPORTS_DIR) if out is None else out / "html")
    finally:
        if before is None:
            os.environ.pop(COMMITTED_RUN, None)
        else:
            os.environ[COMMITTED_RUN] = before
    return written


#: Memory a notebook kernel may need: a base, plus this many times the corpus's size on disk. On
#: the whole UNGDC (186 MiB of text) the largest kernel took 5.3 GiB (docs/scaling.md): 29 times.
KERNEL_BASE_BYTES = 512 * 2 ** 20
KERNEL_BYTES_PER_CORPUS_BYTE = 30


def _corpus_bytes(corpus) -> int:
    """The size on disk of a corpus's files (0 for the seed corpus: small)."""
    if corpus is None:
        return 0
    path = Path(corpus).expanduser()
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _available_memory() -> int | None:
    """Memory available to new processes, in bytes (None where it cannot be read)."""
    try:
        import psutil
    except ImportError:
        return None
    return psutil.virtual_memory().available


def default_jobs(corpus=None) -> int:
    """How many notebooks ``run_all`` runs at the same time after the first: one per CPU core, and
    no more than the available memory holds at ``KERNEL_BASE_BYTES`` plus
    ``KERNEL_BYTES_PER_CORPUS_BYTE`` times the corpus's size on disk each; at least one, and one
    when the available memory cannot be read.

    Args:
        corpus (str, Path or None, default None): the corpus the notebooks load (None: the seed
            corpus, small); its files' size sets the memory each notebook may need.

    >>> default_jobs() >= 1
    True
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    memory = _available_memory()
    if memory is None:
        return 1
    need = KERNEL_BASE_BYTES + KERNEL_BYTES_PER_CORPUS_BYTE * _corpus_bytes(corpus)
    return max(1, min(cores, memory // need))


class NotebookFailed(RuntimeError):
    """A notebook of ``run_all`` stopped with an error (the executed notebook, written, shows it)."""


#: Set in a notebook kernel's environment to the notebook's name (benchmarks tell the kernels apart by it).
NOTEBOOK_VARIABLE = "FRAMELAB_NOTEBOOK"


def _run_one(notebook: Path, destination: Path, parameters: dict, kernel_name: str, pages: Path) -> tuple[Path, str]:
    """Run a notebook, then write its HTML page into ``pages`` (in the same worker process, beside the
    other notebooks); returns the executed notebook and its line of the pages' index."""
    print(f"running {notebook.name} -> {destination}", flush=True)
    started, before = time.perf_counter(), os.environ.get(NOTEBOOK_VARIABLE)
    os.environ[NOTEBOOK_VARIABLE] = notebook.name   # the kernel inherits it
    try:
        written = run_notebook(notebook, destination, parameters=parameters, kernel_name=kernel_name)
    except Exception as error:   # one message that survives the way back from a worker process
        if hasattr(error, "ename") and hasattr(error, "evalue"):   # papermill: an error in a cell
            what = f"in cell [{getattr(error, 'exec_count', '?')}] with {error.ename}: {error.evalue}"
        else:
            what = f"with {type(error).__name__}: {error}"
        raise NotebookFailed(f"{notebook.name} stopped {what} (the notebook as far as it ran: {destination})") from error
    finally:
        if before is None:
            os.environ.pop(NOTEBOOK_VARIABLE, None)
        else:
            os.environ[NOTEBOOK_VARIABLE] = before
    page = _export_page(written, pages)
    print(f"{notebook.name} done in {time.perf_counter() - started:.0f} s", flush=True)
    return written, page[1]


def _run_each(notebooks, destinations, parameters, kernel_name, jobs: int, pages: Path) -> list[Path]:
    """Run the first notebook alone (it loads the corpus and keeps it in the cache, and the tables
    the others read), then the others, ``jobs`` at a time, each in a process of its own; each
    notebook's HTML page is written into ``pages`` as it finishes, and the pages' index at the end.
    On an error no further notebook starts; those running finish, and the first error in notebook
    order is raised (no index is written)."""
    pages.mkdir(parents=True, exist_ok=True)
    done = [_run_one(notebooks[0], destinations[0], parameters, kernel_name, pages)]
    rest = list(zip(notebooks[1:], destinations[1:]))
    if jobs <= 1 or len(rest) <= 1:
        done += [_run_one(n, d, parameters, kernel_name, pages) for n, d in rest]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: a fresh interpreter per worker (a forked runner would copy its state and its threads).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(rest)), mp_context=context) as pool:
            futures = [pool.submit(_run_one, n, d, parameters, kernel_name, pages) for n, d in rest]
            error = None
            for future in futures:
                try:
                    done.append(future.result())
                except Exception as failed:   # the first error in notebook order; no new notebook starts
                    if error is None:
                        error = failed
                        for later in futures:
                            later.cancel()
        if error is not None:
            raise error
    index = _write_index(pages, [entry for _, entry in done])
    print(f"HTML reports: {index}", flush=True)
    return [written for written, _ in done]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framelab.notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", default="notebooks", help="folder of numbered notebooks")
    # make report passes its options in the environment (FRAMELAB_REPORT_CORPUS, ...): no shell sees them.
    env = lambda name: os.environ.get(f"FRAMELAB_REPORT_{name}") or None  # noqa: E731
    parser.add_argument("--corpus", default=env("CORPUS"), help="folder or file of articles (default: the seed corpus)")
    parser.add_argument("--out", default=env("OUT"), help="folder for executed notebooks and figures/ (default: in place)")
    parser.add_argument("--codebook", default=env("CODEBOOK"),
                        help="a codebook YAML for the framing notebooks (default: framelab's)")
    parser.add_argument("--group-by", default=env("GROUP_BY"),
                        help="metadata column(s) to compare, comma-separated (e.g. country)")
    parser.add_argument("--period", default=env("PERIOD"),
                        help="time bin to compare: year, month, quarter, decade or edges 1971,1990,2025")
    parser.add_argument("--outlet-aliases", default=env("OUTLET_ALIASES"),
                        help="YAML file of outlet names and their aliases (outlet name: [aliases])")
    parser.add_argument("--layout", default=env("LAYOUT"), help=".txt layout: auto, news or plain")
    parser.add_argument("--join-lines", default=env("JOIN_LINES"), help="join hard-wrapped lines: auto, true or false")
    parser.add_argument("--filename-pattern", default=env("FILENAME_PATTERN"),
                        help="fields in file names, e.g. {country}_{session}_{year}")
    parser.add_argument("--kernel", default=KERNEL_NAME, help="Jupyter kernel to run them with")
    parser.add_argument("--jobs", type=int, default=env("JOBS"),
                        help="notebooks run at the same time after the first (default: one per core, as memory allows)")
    args = parser.parse_args(argv)
    try:
        run_all(args.notebooks, corpus=args.corpus, out=args.out, codebook=args.codebook, group_by=args.group_by,
                period=args.period, outlet_aliases=args.outlet_aliases, layout=args.layout,
                join_lines=args.join_lines, filename_pattern=args.filename_pattern, kernel_name=args.kernel,
                jobs=args.jobs)
    except Exception as error:  # one clear line instead of a traceback through papermill
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
