"""Nothing downloads at run time: the loader and every notebook's code run with the network blocked."""
import socket
import urllib.request

import matplotlib
import nbformat
import pytest

import framelab
from framelab.notebooks import notebook_paths
from tests.conftest import ROOT, SEED

matplotlib.use("Agg")


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Block every outgoing connection and name lookup; record who tried."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkBlocked(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_the_guard_really_blocks(no_network):
    with pytest.raises(Exception):
        urllib.request.urlopen("http://example.org", timeout=1)
    assert no_network, "the guard did not see the attempt"


def test_loader_runs_offline(no_network):
    # The whole seeds folder: the Xinhua article and the 157 UN speeches.
    corpus = framelab.load_corpus(SEED)
    assert len(corpus.documents) == 1 + 157
    assert (corpus.sentences["doc_id"] == "000_3b2f7dccf8ea1ef8").sum() == 28
    assert no_network == []


# Every code path of a notebook, on less text where its full run takes long (nbval runs it whole).
FASTER = {"04_un_general_debate.ipynb": {"first_year": 2013, "intervals": 100}}


@pytest.mark.parametrize("notebook", notebook_paths(ROOT / "notebooks"), ids=lambda p: p.name)
def test_notebook_code_runs_offline(notebook, no_network, tmp_path, monkeypatch):
    """Run the notebook's code cells in this process (no kernel, so no sockets of Jupyter's own)."""
    nb = nbformat.read(notebook, as_version=4)
    monkeypatch.chdir(notebook.parent)
    namespace = {"__name__": "__notebook__"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        exec(compile(cell.source, f"{notebook.name}", "exec"), namespace)
        if "parameters" in cell.metadata.get("tags", []):
            namespace["figures_dir"] = str(tmp_path)  # keep the committed figures untouched
            namespace.update(FASTER.get(notebook.name, {}))
    assert no_network == []
    assert any(tmp_path.iterdir()), "the notebook saved no figure"
    matplotlib.pyplot.close("all")
