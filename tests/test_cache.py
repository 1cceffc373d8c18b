"""The on-disk corpus cache: the same tables back, and a new load whenever a file or an option changes."""
import shutil

import pandas as pd
import pytest

import framelab
from framelab import cache
from tests.conftest import ROOT


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELAB_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def same(a, b):
    for name in cache.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
        assert list(getattr(a, name).columns) == list(getattr(b, name).columns)
    assert a.source == b.source


def test_a_cached_corpus_comes_back_as_loaded(cache_home, tmp_path):
    folder = tmp_path / "un"
    folder.mkdir()
    for file in sorted((ROOT / "seeds" / "un-general-debate").glob("*_199*.txt")):   # 20 statements, hard-wrapped
        shutil.copyfile(file, folder / file.name)
    options = dict(layout="plain", filename_pattern="{country}_{session}_{year}", join_lines="auto", progress=False)
    fresh = framelab.load_corpus(folder, **options)
    first = framelab.load_corpus(folder, cache=True, **options)       # loads and writes the cache
    assert len(list(cache_home.iterdir())) == 1
    again = framelab.load_corpus(folder, cache=True, **options)       # reads it
    same(fresh, first)
    same(fresh, again)
    assert again.documents["date"].dtype == fresh.documents["date"].dtype
    # The tools read the cached corpus as they read a fresh one.
    assert framelab.sentiment.by_group(again, by="country", intervals=0).equals(
        framelab.sentiment.by_group(fresh, by="country", intervals=0))


def test_the_cache_is_not_used_after_a_file_or_an_option_changes(cache_home, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("T\nXinhua, May 1, 2016\nThe talks were good.\n", encoding="utf-8")
    first = framelab.load_corpus(folder, cache=True)
    (folder / "a.txt").write_text("T\nXinhua, May 1, 2016\nThe talks were bad.\n", encoding="utf-8")
    changed = framelab.load_corpus(folder, cache=True)
    assert first.paragraphs["text"].tolist() == ["The talks were good."]
    assert changed.paragraphs["text"].tolist() == ["The talks were bad."]
    (folder / "b.txt").write_text("T\nXinhua, May 2, 2016\nMore talks.\n", encoding="utf-8")
    assert len(framelab.load_corpus(folder, cache=True).documents) == 2          # a new file
    plain = framelab.load_corpus(folder, cache=True, layout="plain")              # another option
    assert set(plain.documents["layout"]) == {"plain"}
    assert len(list(cache_home.iterdir())) == 4
    assert cache.clear() == 4 and not list(cache_home.iterdir())


def test_a_corpus_cached_before_the_loader_changed_is_not_reused(cache_home, tmp_path, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("T\nXinhua, May 1, 2016\nThe talks were good.\n", encoding="utf-8")
    before = cache.key(folder, {"layout": "auto"})
    monkeypatch.setattr(cache, "LOADER_REVISION", cache.LOADER_REVISION + 1)
    assert cache.key(folder, {"layout": "auto"}) != before


def test_strict_raises_on_a_cached_corpus_with_problems(cache_home, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_text("T\nnot a dateline at all\nText.\n", encoding="utf-8")
    framelab.load_corpus(folder, cache=True, layout="news")
    with pytest.raises(framelab.corpus.CorpusError, match="no dateline"):
        framelab.load_corpus(folder, cache=True, layout="news", strict=True)
