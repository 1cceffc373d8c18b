"""The notebook runner behind `make report`: volatile metadata stripped, other corpora written elsewhere."""
import hashlib
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
    with pytest.raises(ValueError, match="CORPUS, CODEBOOK, GROUP_BY and PERIOD need OUT"):
        report_parameters(codebook=codebook)
    with pytest.raises(FileNotFoundError, match="codebook .*missing.yaml does not exist"):
        report_parameters(codebook=tmp_path / "missing.yaml", out=tmp_path)


def test_another_corpus_needs_an_output_folder(tmp_path):
    with pytest.raises(ValueError, match="OUT"):
        run_all(ROOT / "notebooks", corpus=FIXTURES / "mini")


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_report_on_another_corpus_writes_under_out_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FRAMELAB_CACHE", str(tmp_path / "cache"))   # the kernels read it too
    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.skip(f"kernel {KERNEL_NAME!r} is installed by `make`; run the tests with `make test`")
    committed = {"notebooks": _digests(ROOT / "notebooks"), "figures": _digests(ROOT / "figures")}

    written = run_all(ROOT / "notebooks", corpus=FIXTURES / "mini", out=tmp_path / "out")
    # It says where the corpus is cached, and how to clear it (issue 22, item 14).
    assert f"kept in {tmp_path / 'cache'}" in capsys.readouterr().out

    assert [p.name for p in written] == [p.name for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    overview = nbformat.read(tmp_path / "out" / "00_corpus_overview.ipynb", as_version=4)
    assert "papermill" not in overview.metadata
    injected = [c for c in overview.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "mini" in injected[0].source
    printed = "".join(o.get("text", "") for c in overview.cells if c.cell_type == "code" for o in c.outputs)
    # tests/fixtures/mini holds two articles (a.txt, b.txt).
    assert printed.startswith("2 documents (China Daily, Xinhua; series: Commentary)")
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
    # Another corpus is read once and kept: one cache entry for notebooks 00-03 (framelab's default
    # options) and one for 04 (which joins hard-wrapped lines).
    assert len(list((tmp_path / "cache").iterdir())) == 2
    # Every notebook also as an HTML page under OUT/html, with an index linking them all.
    pages = sorted(p.name for p in (tmp_path / "out" / "html").iterdir())
    assert pages == sorted([p.stem + ".html" for p in written] + ["index.html"])
    index = (tmp_path / "out" / "html" / "index.html").read_text()
    assert all(f'href="{p.stem}.html"' in index for p in written)


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
