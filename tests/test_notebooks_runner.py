"""The notebook runner behind `make report`: volatile metadata stripped, other corpora written elsewhere."""
import hashlib
import os
import re

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

from framelab.notebooks import KERNEL_NAME, report_parameters, run_all, strip_volatile
from tests.conftest import FIXTURES, ROOT


def test_strip_volatile_removes_timestamps_but_keeps_outputs():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "duration": 1.5}
    nb.metadata["kernelspec"] = {"name": "framelab"}
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
    cell.metadata["papermill"] = {"status": "completed"}
    cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00"}
    cell.metadata["tags"] = ["parameters"]
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nb.cells.append(cell)
    strip_volatile(nb)
    assert "papermill" not in nb.metadata and nb.metadata["kernelspec"] == {"name": "framelab"}
    assert dict(cell.metadata) == {"tags": ["parameters"]}
    assert cell.execution_count == 1 and cell.outputs[0]["data"]["text/plain"] == "2"


def test_split_stream_output_is_saved_the_same_as_one_chunk():
    # One print delivered as two stdout messages ("a" then "b\n") must be saved as one output,
    # exactly as if it had arrived at once; stderr between them keeps the order.
    def cell_with(*outputs):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("print('ab')", execution_count=1)
        cell.outputs = [nbformat.v4.new_output("stream", name=n, text=t) for n, t in outputs]
        cell.id = "fixed"  # cell ids are random; only the outputs are compared
        nb.cells.append(cell)
        return nbformat.writes(strip_volatile(nb))

    assert cell_with(("stdout", "a"), ("stdout", "b\n")) == cell_with(("stdout", "ab\n"))
    outputs = nbformat.reads(cell_with(("stdout", "a"), ("stderr", "w"), ("stdout", "b")), as_version=4).cells[0].outputs
    assert [(o.name, o.text) for o in outputs] == [("stdout", "a"), ("stderr", "w"), ("stdout", "b")]


def test_report_parameters_for_another_corpus_and_codebook(tmp_path):
    codebook = tmp_path / "frames.yaml"
    codebook.write_text("frames:\n  trade:\n    definition: d\n    indicators: [trade]\n")
    parameters = report_parameters(corpus=FIXTURES / "mini", out=tmp_path / "out", codebook=codebook)
    assert parameters == {"corpus_path": str((FIXTURES / "mini").resolve()), "codebook_path": str(codebook.resolve()),
                          "figures_dir": str((tmp_path / "out" / "figures").resolve()), "cache_corpus": True}
    with pytest.raises(ValueError, match="CORPUS, CODEBOOK, GROUP_BY, PERIOD, OUTLET_ALIASES, LAYOUT, JOIN_LINES and FILENAME_PATTERN need OUT"):
        report_parameters(codebook=codebook)
    with pytest.raises(ValueError, match="need OUT"):
        report_parameters(layout="news")
    # Loader options reach every notebook as one dict, checked here (issue 23).
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("The White House:\n  - The White House (Office of the Press Secretary)\n")
    loaded = report_parameters(corpus=FIXTURES / "mini", out=tmp_path, outlet_aliases=aliases, join_lines="false")
    assert loaded["load_options"] == {"join_lines": False, "outlet_aliases": str(aliases.resolve())}
    with pytest.raises(ValueError, match="LAYOUT='column' is not one of auto, news, plain"):
        report_parameters(corpus=FIXTURES / "mini", out=tmp_path, layout="column")
    with pytest.raises(ValueError, match="JOIN_LINES='maybe'"):
        report_parameters(corpus=FIXTURES / "mini", out=tmp_path, join_lines="maybe")
    # File-name fields (the whole UNGDC has its country and year only there) are checked here too.
    named = report_parameters(corpus=FIXTURES / "mini", out=tmp_path, filename_pattern="{country}_{session}_{year}")
    assert named["load_options"] == {"join_lines": "auto", "filename_pattern": "{country}_{session}_{year}"}
    with pytest.raises(ValueError, match="FILENAME_PATTERN: filename_pattern 'country_year' has no field"):
        report_parameters(corpus=FIXTURES / "mini", out=tmp_path, filename_pattern="country_year")
    with pytest.raises(ValueError, match="need OUT"):
        report_parameters(filename_pattern="{country}")
    aliases.write_text("The White House: 7\n")
    with pytest.raises(ValueError, match="aliases.yaml: the aliases of 'The White House' must be a list"):
        report_parameters(corpus=FIXTURES / "mini", out=tmp_path, outlet_aliases=aliases)
    with pytest.raises(FileNotFoundError, match="codebook .*missing.yaml does not exist"):
        report_parameters(codebook=tmp_path / "missing.yaml", out=tmp_path)


def test_another_corpus_needs_an_output_folder(tmp_path):
    with pytest.raises(ValueError, match="OUT"):
        run_all(ROOT / "notebooks", corpus=FIXTURES / "mini")


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_every_notebook_declares_the_parameters_make_report_injects():
    # papermill drops a parameter a notebook does not declare (one it cannot parse), silently.
    import papermill

    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        declared = papermill.inspect_notebook(str(notebook))
        assert {"corpus_path", "figures_dir", "cache_corpus", "load_options", "group_by", "period"} <= set(declared), notebook.name


def _learned(notebook) -> str:
    """The text a notebook's "What we learned" section printed (stdout and Markdown)."""
    nb = nbformat.read(notebook, as_version=4)
    out, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            inside = cell.source.startswith("## What we learned")
        elif inside and cell.cell_type == "code":
            for o in cell.outputs:
                out.append(o.get("text", "") + o.get("data", {}).get("text/markdown", ""))
    return "\n".join(out)


def test_report_on_another_corpus_writes_under_out_only(tmp_path, monkeypatch, capsys):
    # Issue 23: make report CORPUS=tests/fixtures/mixed GROUP_BY=outlet PERIOD=year OUTLET_ALIASES=...: every
    # number in every "What we learned" below is checked against counts made by hand from those files
    # (tests/test_mixed_corpus.py says how each was counted).
    from tests.test_mixed_corpus import ALIASES, CELLS, FRAMES, MIXED, SLOGAN

    monkeypatch.setenv("FRAMELAB_CACHE", str(tmp_path / "cache"))   # the kernels read it too
    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.skip(f"kernel {KERNEL_NAME!r} is installed by `make`; run the tests with `make test`")
    committed = {"notebooks": _digests(ROOT / "notebooks"), "figures": _digests(ROOT / "figures")}

    written = run_all(ROOT / "notebooks", corpus=MIXED, out=tmp_path / "out", group_by="outlet", period="year",
                      outlet_aliases=ALIASES)
    # It says where the corpus is cached, and how to clear it (issue 22, item 14).
    assert f"kept in {tmp_path / 'cache'}" in capsys.readouterr().out

    assert [p.name for p in written] == [p.name for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    overview = nbformat.read(tmp_path / "out" / "00_corpus_overview.ipynb", as_version=4)
    assert "papermill" not in overview.metadata
    injected = [c for c in overview.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "mixed" in injected[0].source and "mixed_outlets.yaml" in injected[0].source
    assert (tmp_path / "out" / "figures" / "00_corpus_overview-paragraph_lengths.png").is_file()
    # No report says things about the seed article when it is not in the corpus.
    for notebook in written:
        nb = nbformat.read(notebook, as_version=4)
        shown = " ".join(o.get("data", {}).get("text/plain", "") + o.get("text", "")
                         for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert "Reading of document" not in shown, notebook.name
        if notebook.name < "04":
            assert "A reading of document 000_3b2f7dccf8ea1ef8 is left out" in shown, notebook.name
    assert {"notebooks": _digests(ROOT / "notebooks"), "figures": _digests(ROOT / "figures")} == committed
    # Read once and kept: every notebook loads with the same options, so there is one cache entry.
    assert len(list((tmp_path / "cache").iterdir())) == 1

    learned = {p.name[:2]: _learned(p) for p in written}
    # 00: 18 files; outlets after the aliases; first and last dateline; 45 paragraphs and 53 sentences; 581 words;
    # paragraphs of 8 to 21 words, median 13 (tests/fixtures/mixed_words_tone_reading.md);
    # 36 pieces cut (12 stage directions, 7 clock times, 7 END lines, 10 venue lines); 9 outlet-year cells.
    assert learned["00"].startswith("18 documents (The White House, United Nations, Voice of America), dated "
                                    "2014-09-24 to 2016-09-22: 45 paragraphs, 53 sentences, ")
    assert "Paragraphs hold 8 to 21 words (median 13)" in learned["00"] and "581 words" in learned["00"]
    assert "cleaning cut 36 piece(s)" in learned["00"] and "9 groups to compare ('outlet', 'year')." in learned["00"]
    # 01: actor mentions counted by hand; the slogan counted as 03 and 04 count it.
    assert "Actor mentions: China 19, United States 13." in learned["01"]
    for number in ("01", "03", "04"):
        assert SLOGAN in learned[number], number
    # 02: 53 sentences, none without a word.
    assert "- 53 sentences: " in learned["02"] and "; 0 unit(s) left out as holding no word." in learned["02"]
    # The mean of the 18 documents' VADER scores without masking names, as the same reading computed it with
    # vaderSentiment on its own sentence split (0.3118).
    assert " 0.312 without masking names." in learned["02"]
    # Names masked, topic words masked, AFINN against VADER: a second reading made without framelab's code
    # (tests/fixtures/mixed_masked_tone_reading.md; test_mixed_corpus has its exact values).
    assert "- 53 sentences: 32 positive, 13 neutral, 8 negative at ±0.05;" in learned["02"]
    assert "- Mean document score 0.232; 0.312 without masking names." in learned["02"]
    assert "- Masking changed 12 sentences, by -0.345 on average, and 6 label(s)." in learned["02"]
    assert "- With topic words masked the mean sentence score is 0.137 (raw 0.233)." in learned["02"]
    assert "- The lexicons give the same label to 50 of 53 sentences." in learned["02"]
    # Per cell (the reading's pooled sentence means 0.247485, 0.24215, 0.63335, 0.50005 ...), in 02 and 04.
    assert re.search(r"First against last, The White House: 0\.247 \[[-\d.]+, [-\d.]+\] in 2014 \(5 documents\) -> "
                     r"0\.242 \[", learned["02"].replace("\\", ""))   # the intervals are resampled: not in the reading
    assert ("First against last, United Nations: 0.220 (1 document, too few) in 2014 -> 0.633 (1 document, too few) "
            "in 2016" in learned["02"].replace("\\", ""))
    assert ("In the last period, 2016: The White House 0.181 (1 document, too few), Voice of America 0.000 "
            "(1 document, too few)" in learned["04"])
    # 01: the reading's eight first key words against general English, in its order.
    assert "Most over-represented against general English: president, china, xi, cyber, united, states, obama, " \
           "earnest." in learned["01"]
    # 03: 45 paragraphs; the slogan in 4 of them.
    assert learned["03"].startswith("45 paragraphs coded;") and "slogan 9% (4)" in learned["03"]
    for frame, units in FRAMES.items():   # an independent reading of the files (see test_mixed_corpus)
        assert f"{frame} {units / 45:.0%} ({units})" in learned["03"], frame
    # 04: the two largest outlets, 11 and 4 documents; the slogan's 5 uses, 2 of them in those outlets.
    # Words as an independent reading counted them (tests/fixtures/mixed_words_tone_reading.md): 403 + 101.
    assert learned["04"].startswith("15 documents, 504 words; The White House (11) against Voice of America (4).")
    assert "- 2 of these uses are in the documents compared here." in learned["04"]
    # No cell of fewer than 5 documents carries an interval, a direction or a comparison; each such cell is
    # named with the number of documents counted by hand.
    for number in ("02", "04"):
        for line in learned[number].splitlines():
            small = re.findall(r"[-\d.]+ \((\d) documents?, too few\)", line)
            assert all(int(n) < 5 for n in small), line
            if small and not line.startswith("|"):   # a table row shows values; a sentence must not compare them
                assert not re.search(r"; (up|down|unchanged)", line) and " > " not in line and " < " not in line, line
                assert line.rstrip(".").endswith(("too few to compare", "too few for a shape")) or "left out" in line, line
        for outlet, n, year in re.findall(r"(The White House|Voice of America|United Nations): [-\d.]+ \((\d) "
                                          r"documents?, too few\) in (\d{4})", learned[number]):
            assert CELLS[(outlet, int(year))] == int(n), (outlet, year, n)
    # The shape sentences leave out exactly the cells below five documents, named with their documents.
    assert ("The White House: 2 period(s) with at least 5 documents, too few for a shape (left out, fewer than 5 "
            "documents: 2016 (1)).") in learned["02"]
    assert ("Voice of America: 0 period(s) with at least 5 documents, too few for a shape (left out, fewer than 5 "
            "documents: 2014 (1), 2015 (2), 2016 (1)).") in learned["02"]
    # Every notebook also as an HTML page under OUT/html, with an index linking them all; no absolute path of
    # this machine in a shared page, and every figure with a text alternative.
    pages = sorted(p.name for p in (tmp_path / "out" / "html").iterdir())
    assert pages == sorted([p.stem + ".html" for p in written] + ["index.html"])
    index = (tmp_path / "out" / "html" / "index.html").read_text()
    assert all(f'href="{p.stem}.html"' in index for p in written)
    for page in (tmp_path / "out" / "html").glob("0*.html"):
        text = page.read_text()
        assert str(tmp_path) not in text and str(MIXED.resolve()) not in text, page.name
        assert text.count("<img ") == text.count('src="data:image/png;base64,') == len(re.findall(r'<img alt="Figure: ', text)) > 0
        assert " 00:00:00" not in text, page.name


def test_strip_volatile_drops_widget_views_and_state_but_keeps_their_text():
    nb = nbformat.v4.new_notebook(metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {}}})
    cell = nbformat.v4.new_code_cell("framelab.explore(corpus)")
    cell.outputs = [nbformat.v4.new_output("execute_result", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "3f2a", "version_major": 2, "version_minor": 0},
        "text/plain": "Explorer: 3 paragraphs"}, execution_count=1)]
    nb.cells.append(cell)
    strip_volatile(nb)
    assert "widgets" not in nb.metadata
    assert dict(nb.cells[0].outputs[0]["data"]) == {"text/plain": "Explorer: 3 paragraphs"}


def test_export_html_pages_open_offline_with_figures_and_tables(tmp_path):
    import json

    from framelab.notebooks import export_html

    notebook = ROOT / "notebooks" / "00_corpus_overview.ipynb"
    pages = export_html([notebook], tmp_path)
    assert [p.name for p in pages] == ["00_corpus_overview.html", "index.html"]
    page = pages[0].read_text()
    outputs = [o for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    images = sum("image/png" in o.get("data", {}) for o in outputs)
    assert images >= 1 and page.count('src="data:image/png;base64,') == images      # embedded
    assert "<script src=" not in page and "mathjax" not in page.lower()              # nothing fetched
    assert page.count('type="search"') == sum('type="search"' in "".join(o.get("data", {}).get("text/html", []))
                                              for o in outputs) > 0                  # sortable tables kept
    assert page == export_html([notebook], tmp_path / "again")[0].read_text()          # byte-stable
    # Code hidden by default behind a "Show code" box (CSS, no script); contents link every section.
    assert '<input type="checkbox" id="fl-show-code">' in page
    assert "#fl-show-code:not(:checked) ~ .jp-CodeCell .jp-Cell-inputWrapper { display: none; }" in page
    sections = re.findall(r'<h2 id="([^"]+)"', page)
    assert sections and all(f'<a href="#{s}">' in page for s in sections)


# --- notebooks side by side (make report JOBS=) -----------------------------------------------------

def _tiny_notebooks(folder, sources: dict) -> None:
    folder.mkdir()
    for name, source in sources.items():
        cell = nbformat.v4.new_code_cell(source)
        cell.id = "c0"   # fixed: the written notebooks are compared byte for byte
        nb = nbformat.v4.new_notebook(cells=[cell])
        nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "framelab", "language": "python"}
        nbformat.write(nb, folder / name)


def _kernel_installed() -> bool:
    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return False
    return True


@pytest.mark.skipif(not _kernel_installed(), reason="needs the framelab kernel (make setup)")
def test_notebooks_side_by_side_are_written_as_one_at_a_time_writes_them(tmp_path):
    # Each kernel knows its notebook (benchmarks tell kernels apart by it): the output names it, so
    # a notebook written by the wrong worker, or two outputs swapped, would show.
    show = "import os\nprint(os.environ['FRAMELAB_NOTEBOOK'], sum(range({n})))"
    _tiny_notebooks(tmp_path / "notebooks", {f"0{i}_n.ipynb": show.format(n=i * 10) for i in range(3)})
    one = run_all(tmp_path / "notebooks", out=tmp_path / "one", jobs=1)
    two = run_all(tmp_path / "notebooks", out=tmp_path / "two", jobs=2)
    assert [p.name for p in one] == [p.name for p in two] == ["00_n.ipynb", "01_n.ipynb", "02_n.ipynb"]
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes()
    # each page written as its notebook finishes, the index once all have run: the same pages
    pages = sorted(p.name for p in (tmp_path / "two" / "html").iterdir())
    assert pages == ["00_n.html", "01_n.html", "02_n.html", "index.html"]
    for name in pages:
        assert (tmp_path / "one" / "html" / name).read_bytes() == (tmp_path / "two" / "html" / name).read_bytes()
    assert (tmp_path / "two" / "html" / "index.html").read_text().count("<li>") == 3
    # sum(range(20)) = 190: counted by hand (0 + 1 + ... + 19 = 19 * 20 / 2)
    code = [c for c in nbformat.read(two[2], as_version=4).cells if c.cell_type == "code"]
    assert code[0].outputs[0]["text"] == "02_n.ipynb 190\n"


@pytest.mark.skipif(not _kernel_installed(), reason="needs the framelab kernel (make setup)")
def test_a_failing_notebook_side_by_side_is_named_and_written(tmp_path):
    from framelab.notebooks import NotebookFailed

    _tiny_notebooks(tmp_path / "notebooks", {"00_a.ipynb": "1", "01_b.ipynb": "import time\ntime.sleep(1)",
                                             "02_c.ipynb": "raise ValueError('no such column: outlet')"})
    with pytest.raises(NotebookFailed, match=r"02_c.ipynb stopped in cell \[1\] with ValueError: no such column: outlet \(the notebook"):
        run_all(tmp_path / "notebooks", out=tmp_path / "out", jobs=2)
    # the failed notebook is written with its error in it; the one beside it finished
    failed = nbformat.read(tmp_path / "out" / "02_c.ipynb", as_version=4)
    code = [c for c in failed.cells if c.cell_type == "code"]
    assert code[0].outputs[0]["ename"] == "ValueError"
    assert (tmp_path / "out" / "01_b.ipynb").exists()
    assert not (tmp_path / "out" / "html" / "index.html").exists()   # no index of a run that failed


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_jobs_must_be_a_whole_number_of_one_or_more(tmp_path, jobs, monkeypatch):
    from framelab.figures import COMMITTED_RUN

    monkeypatch.setenv(COMMITTED_RUN, "1")   # as make test sets it for nbval's kernels in this process
    _tiny_notebooks(tmp_path / "notebooks", {"00_a.ipynb": "1"})
    with pytest.raises(ValueError, match="JOBS=.*1 or more"):
        run_all(tmp_path / "notebooks", out=tmp_path / "out", jobs=jobs)
    # refused before anything changed: the environment the later notebooks' kernels inherit is as it was
    assert os.environ[COMMITTED_RUN] == "1" and not (tmp_path / "out").exists()


def test_default_jobs_follow_cores_and_memory(monkeypatch, tmp_path):
    from framelab import notebooks

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"x" * 1000)
    (corpus / "b.txt").write_bytes(b"y" * 500)
    need = notebooks.KERNEL_BASE_BYTES + notebooks.KERNEL_BYTES_PER_CORPUS_BYTE * 1500   # 1,500 bytes of files
    monkeypatch.setattr(notebooks.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(notebooks, "_available_memory", lambda: 10 * need)
    assert notebooks.default_jobs(corpus) == 4                      # four cores, memory for ten kernels
    monkeypatch.setattr(notebooks, "_available_memory", lambda: 3 * need - 1)
    assert notebooks.default_jobs(corpus) == 2                      # memory for two kernels, not three
    monkeypatch.setattr(notebooks, "_available_memory", lambda: need // 2)
    assert notebooks.default_jobs(corpus) == 1                      # never fewer than one
    monkeypatch.setattr(notebooks, "_available_memory", lambda: None)
    assert notebooks.default_jobs(corpus) == 1                      # memory unknown: one at a time
