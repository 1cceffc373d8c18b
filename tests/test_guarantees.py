"""Issue 22: nothing lost, nothing stale, nothing run that the user did not ask for. Each test was
written to fail on the code before the fix."""
import os
import warnings

import pandas as pd
import pytest

import framelab
from framelab import cache


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FRAMELAB_CACHE", str(folder))
    return folder


def _corpus_folder(tmp_path, name="corpus"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text("The talks were good.\n", encoding="utf-8")
    return folder


# --- item 2: cache.clear removes only what framelab wrote --------------------------------------------

def test_clear_leaves_a_users_files_in_the_cache_folder(tmp_path, store):
    framelab.load_corpus(_corpus_folder(tmp_path), cache=True, progress=False)
    (store / "thesis").mkdir()
    (store / "thesis" / "chapter1.docx").write_text("mine", encoding="utf-8")
    (store / "data").mkdir()
    (store / "notes.txt").write_text("mine", encoding="utf-8")
    assert cache.clear() == 1
    assert sorted(p.name for p in store.iterdir()) == ["data", "notes.txt", "thesis"]
    assert (store / "thesis" / "chapter1.docx").read_text(encoding="utf-8") == "mine"


# --- item 5: a damaged cache entry is not used -------------------------------------------------------

def test_a_flipped_byte_in_a_cached_table_makes_a_fresh_load(tmp_path, store):
    folder = _corpus_folder(tmp_path)
    first = framelab.load_corpus(folder, cache=True, progress=False)
    entry = next(p for p in store.iterdir() if p.is_dir())
    table = entry / "sentences.parquet"
    data = bytearray(table.read_bytes())
    data[len(data) // 2] ^= 0xFF
    table.write_bytes(bytes(data))
    with pytest.warns(UserWarning, match="do not match what was written"):
        again = framelab.load_corpus(folder, cache=True, progress=False)
    assert again.sentences.equals(first.sentences)


# --- items 6 and 7: the key covers linked folders, the package's data files, metadata columns -------

def test_a_file_edited_inside_a_linked_folder_loads_afresh(tmp_path, store):
    outside = _corpus_folder(tmp_path, "outside")
    corpus_folder = tmp_path / "corpus"
    corpus_folder.mkdir()
    (corpus_folder / "linked").symlink_to(outside, target_is_directory=True)
    before = framelab.load_corpus(corpus_folder, cache=True, progress=False)
    (outside / "a.txt").write_text("The talks were bad.\n", encoding="utf-8")
    after = framelab.load_corpus(corpus_folder, cache=True, progress=False)
    assert before.sentences["text"].tolist() == ["The talks were good."]
    assert after.sentences["text"].tolist() == ["The talks were bad."]
    uncached = framelab.load_corpus(corpus_folder, progress=False)   # the in-session copy too
    assert uncached.sentences["text"].tolist() == ["The talks were bad."]


def test_renaming_a_metadata_column_loads_afresh(tmp_path, store):
    folder = _corpus_folder(tmp_path)
    metadata = pd.DataFrame({"doc_id": ["a"], "country": ["CHN"]})
    first = framelab.load_corpus(folder, metadata=metadata, cache=True, progress=False)
    second = framelab.load_corpus(folder, metadata=metadata.rename(columns={"country": "region"}), cache=True,
                                  progress=False)
    assert "country" in first.documents.columns
    assert "region" in second.documents.columns and "country" not in second.documents.columns


def test_the_key_changes_when_a_data_file_of_the_loader_changes(tmp_path, monkeypatch):
    folder = _corpus_folder(tmp_path)
    before = cache.key(folder, {})
    monkeypatch.setattr(cache, "_data_files_digest", lambda: b"another cleaning.yaml")
    assert cache.key(folder, {}) != before


# --- item 9: only regular files are read, within a size limit -----------------------------------------

def test_a_fifo_and_a_link_to_a_device_are_reported_not_read(tmp_path):
    folder = _corpus_folder(tmp_path)
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").symlink_to("/dev/zero")
    corpus = framelab.load_corpus(folder, progress=False)   # returns: before the fix it hung on b.txt
    rows = corpus.report.set_index("path")
    assert "named pipe" in rows.loc["corpus/b.txt", "problem"] and "device" in rows.loc["corpus/c.txt", "problem"]
    assert corpus.documents["doc_id"].tolist() == ["a"]


def test_a_file_over_the_size_limit_is_reported(tmp_path, monkeypatch):
    folder = _corpus_folder(tmp_path)
    (folder / "big.txt").write_text("Words and more words. " * 100, encoding="utf-8")
    monkeypatch.setenv("FRAMELAB_MAX_FILE_BYTES", "1000")
    corpus = framelab.load_corpus(folder, progress=False)
    assert "over the limit of 1,000 per file" in corpus.report.set_index("path").loc["corpus/big.txt", "problem"]
    assert corpus.documents["doc_id"].tolist() == ["a"]


# --- item 12: a cache that cannot be written falls back, with a warning ---------------------------------

def test_a_cache_path_that_is_a_file_falls_back_to_loading_without_it(tmp_path, monkeypatch):
    plain = tmp_path / "not-a-folder"
    plain.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FRAMELAB_CACHE", str(plain))
    with pytest.warns(UserWarning, match="could not be cached in .*not-a-folder"):
        corpus = framelab.load_corpus(_corpus_folder(tmp_path), cache=True, progress=False)
    assert corpus.sentences["text"].tolist() == ["The talks were good."]
    assert plain.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_folder_falls_back_to_loading_without_it(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("FRAMELAB_CACHE", str(locked))
    try:
        with pytest.warns(UserWarning, match="could not be cached"):
            corpus = framelab.load_corpus(_corpus_folder(tmp_path), cache=True, progress=False)
    finally:
        locked.chmod(0o700)
    assert len(corpus.documents) == 1


# --- item 1: Dask datasets written atomically, checked, never over a user's files -----------------------

def _un_sample(tmp_path):
    from tests.conftest import UN_PATTERN, UN_SPEECHES

    source = tmp_path / "un"
    source.mkdir()
    for path in sorted(UN_SPEECHES.glob("*_20[12]*.txt"))[:12]:
        (source / path.name).write_bytes(path.read_bytes())
    return framelab.load_corpus(source, layout="plain", filename_pattern=UN_PATTERN, progress=False)


def test_an_interrupted_partition_leaves_the_previous_dataset_whole(tmp_path, monkeypatch):
    from framelab import scale

    corpus = _un_sample(tmp_path)
    folder = scale.partition(corpus, tmp_path / "dataset", words_per_partition=5_000)
    before = scale.manifest(folder)
    real, calls = cache.save_tables, []

    def dies_on_the_third(corpus, target):
        calls.append(target)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(corpus, target)

    monkeypatch.setattr(cache, "save_tables", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        scale.partition(corpus, folder, words_per_partition=2_000)
    monkeypatch.undo()
    assert scale.verify(folder) == before and before["documents"] == 12
    assert not list(tmp_path.glob("dataset.*"))     # no scratch or lock left behind


def test_run_refuses_a_dataset_that_lost_a_partition(tmp_path):
    import shutil

    from framelab import scale, terms

    folder = scale.partition(_un_sample(tmp_path), tmp_path / "dataset", words_per_partition=5_000)
    shutil.rmtree(folder / "part-00001")
    with pytest.raises(ValueError, match=r"does not match its manifest \(missing: \['part-00001'\]\)"):
        scale.run(terms.frequencies, folder)


def test_partition_refuses_the_corpus_folder_and_a_folder_of_other_files(tmp_path):
    from framelab import scale

    corpus = _un_sample(tmp_path)
    sources = sorted(p.name for p in (tmp_path / "un").iterdir())
    with pytest.raises(ValueError, match="inside the corpus's own folder"):
        scale.partition(corpus, tmp_path / "un")
    with pytest.raises(ValueError, match="inside the corpus's own folder"):
        scale.partition(corpus, tmp_path / "un" / "parts")
    assert sorted(p.name for p in (tmp_path / "un").iterdir()) == sources
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not a framelab dataset"):
        scale.partition(corpus, mine)
    assert [p.name for p in mine.iterdir()] == ["thesis.docx"]


def test_a_second_writer_fails_clearly(tmp_path):
    from framelab import scale

    corpus = _un_sample(tmp_path)
    (tmp_path / "dataset.lock").write_text("12345", encoding="utf-8")   # another writer holds it
    with pytest.raises(RuntimeError, match="another process is writing this dataset"):
        scale.partition(corpus, tmp_path / "dataset")
    assert not (tmp_path / "dataset").exists()


# --- item 3: one protection for committed notebooks and figures --------------------------------------

@pytest.mark.parametrize("out", ["notebooks", ".", "figures", "seeds/x"])
def test_out_may_not_point_at_committed_folders(tmp_path, out):
    import nbformat

    from framelab.notebooks import run_all

    # A project of its own (run_all takes the project root from the notebooks' folder), so that the
    # code before the fix, which wrote there, harms nothing.
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (tmp_path / "figures").mkdir()
    (tmp_path / "seeds").mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), notebooks / "00_x.ipynb")
    before = (notebooks / "00_x.ipynb").read_bytes()
    with pytest.raises(ValueError, match="committed work"):
        run_all(notebooks, out=tmp_path / out)
    assert (notebooks / "00_x.ipynb").read_bytes() == before
    assert not (tmp_path / "figures" / "00_x.ipynb").exists() and not (tmp_path / "00_x.ipynb").exists()


def test_only_the_default_run_writes_the_committed_figures(monkeypatch, tmp_path):
    import matplotlib.pyplot as plt

    from framelab import figures

    committed = figures.committed_guard.__globals__["Path"](figures.__file__).resolve().parents[2] / "figures"
    monkeypatch.setenv("FRAMELAB_COMMITTED_RUN", "0")     # JupyterLab, a codebook changed, make report OUT=...
    fig, _ = plt.subplots()
    written = figures.save(fig, "guard_demo", notebook="99_guard", directory=committed)
    plt.close(fig)
    try:
        assert all(p.parent == committed.parent / "reports" / "figures" for p in written)
        assert not list(committed.glob("99_guard-*"))
    finally:
        for p in written:
            p.unlink()


# --- item 10 and 11: codebook YAML bombs and giant codebooks ------------------------------------------

def test_an_alias_bomb_in_a_codebook_is_refused_quickly(tmp_path):
    from framelab import framing

    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},"
                    f"*{previous},*{previous},*{previous}]")
    text = "\n".join(bomb) + "\nframes:\n  f:\n    label: *i\n    definition: d\n    indicators: [x]\n"
    (tmp_path / "bomb.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(framing.CodebookError, match=r"bomb.yaml: not valid YAML: an alias \(\*name\) is not allowed"):
        framing.load_codebook(tmp_path / "bomb.yaml")


def test_deep_nesting_is_a_codebook_error_not_a_recursion_error(tmp_path):
    from framelab import framing

    (tmp_path / "deep.yaml").write_text("frames: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(framing.CodebookError, match="deep.yaml: .*nested deeper than 50 levels"):
        framing.load_codebook(tmp_path / "deep.yaml")


def test_a_codebook_over_the_indicator_limit_is_refused_with_its_name(tmp_path):
    import yaml

    from framelab import framing

    book = {"frames": {"f": {"definition": "d", "indicators": [f"w{i}" for i in range(framing.MAX_INDICATORS + 1)]}}}
    (tmp_path / "huge.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    with pytest.raises(framing.CodebookError, match=r"huge.yaml: 20,001 indicators and exclusions, over"):
        framing.load_codebook(tmp_path / "huge.yaml")


# --- items 4 and 13: column names that differ in spacing or case; JSON numbers -------------------------

def test_columns_that_differ_only_in_spacing_keep_both_values(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "b.csv").write_text("text,country, Country \nGood talks.,CHN,USA\n", encoding="utf-8")
    (folder / "c.jsonl").write_text('{"text": "Fine talks.", "region": "Asia", " region": "East Asia"}\n',
                                    encoding="utf-8")
    corpus = framelab.load_corpus(folder, progress=False)
    docs = corpus.documents.set_index("doc_id")
    assert (docs.loc["b:1", "country"], docs.loc["b:1", "Country_2"]) == ("CHN", "USA")
    assert (docs.loc["c:1", "region"], docs.loc["c:1", "region_2"]) == ("Asia", "East Asia")
    problems = corpus.report[corpus.report["severity"] == "problem"].set_index("path")["problem"]
    assert "columns 'country' and ' Country ' have the same name" in problems["tables/b.csv"]
    assert "columns 'region' and ' region' have the same name" in problems["tables/c.jsonl"]


def test_json_numbers_are_read_as_written_integers(tmp_path):
    folder = tmp_path / "json"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"doc_id": 5, "year": 2015, "text": "The talks were good."}\n'
                                    '{"doc_id": 6.0, "year": 2016.0, "share": 0.5, "text": "Another text."}\n',
                                    encoding="utf-8")
    docs = framelab.load_corpus(folder, progress=False).documents
    assert docs["doc_id"].tolist() == ["5", "6"]
    assert [str(v) for v in docs["year"]] == ["2015", "2016"] and docs["share"].tolist()[1] in ("0.5", 0.5)


# --- item 12: a file name that is not UTF-8 ---------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_loads(tmp_path, store):
    folder = _corpus_folder(tmp_path)
    handle = os.open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), os.O_CREAT | os.O_WRONLY)
    os.write(handle, b"Fine words here.\n")
    os.close(handle)
    assert len(cache.key(folder, {})) == 40
    corpus = framelab.load_corpus(folder, cache=True, progress=False)
    assert corpus.documents["doc_id"].tolist() == ["a"]
    row = corpus.report[corpus.report["problem"] == "file name is not UTF-8 text"].iloc[0]
    assert row["path"] == "corpus/caf\ufffd.txt" and "rename the file" in row["action"]


def test_no_queries_give_an_empty_concordance_not_an_error(seed_corpus):
    # Notebook 01 asks for the slogan's renderings; a codebook without a slogan frame gives none.
    from framelab import terms

    lines = terms.kwic_all(seed_corpus, [], window=8)
    assert lines.empty and list(lines.columns) == ["query", "doc_id", "paragraph", "left", "match", "right", "start"]


def test_a_file_whose_path_is_too_long_is_a_report_row_not_a_lost_load(tmp_path):
    folder = _corpus_folder(tmp_path)
    deep = os.fsencode(folder)
    os_level = os.open(deep, os.O_RDONLY)
    try:   # build a path over 4,096 bytes one folder at a time, relative to an open folder
        current = os_level
        for _ in range(20):
            os.mkdir(b"d" * 250, dir_fd=current)
            following = os.open(b"d" * 250, os.O_RDONLY, dir_fd=current)
            if current != os_level:
                os.close(current)
            current = following
        handle = os.open(b"deep.txt", os.O_CREAT | os.O_WRONLY, dir_fd=current)
        os.write(handle, b"Words far down.\n")
        os.close(handle)
        os.close(current)
    finally:
        os.close(os_level)
    corpus = framelab.load_corpus(folder, progress=False)
    assert corpus.documents["doc_id"].tolist() == ["a"]
    assert corpus.report["problem"].str.contains("cannot be read").any()
