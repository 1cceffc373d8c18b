"""Shared paths and helpers for the tests."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds"
#: The seed article (the notebooks' default corpus) and the UN speeches beside it.
SEED_ARTICLE = SEED / "000_3b2f7dccf8ea1ef8.txt"
UN_SPEECHES = SEED / "un-general-debate"
UN_PATTERN = "{country}_{session}_{year}"


@pytest.fixture(scope="session")
def seed_corpus():
    import framelab
    return framelab.load_corpus(SEED_ARTICLE)


@pytest.fixture(autouse=True)
def _fresh_loads_where_behaviour_is_patched(request):
    """``load_corpus`` copies a small corpus it has already loaded in this session; a test that
    patches how loading behaves (the network blocked, a regex timeout, ...) must load for real."""
    if {"monkeypatch", "no_network"} & set(request.fixturenames):
        from framelab import corpus

        corpus._MEMO.clear()
    yield


def lines_corpus(tmp_path, lines):
    """A corpus of one plain document whose lines are its paragraphs (for hand-worked cases)."""
    import framelab

    folder = tmp_path / "lines"
    folder.mkdir()
    (folder / "d.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return framelab.load_corpus(folder, layout="plain", progress=False)
