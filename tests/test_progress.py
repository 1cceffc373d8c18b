"""Large corpora show a progress bar in the terminal; small ones keep the output clean."""
import framelab
from framelab.corpus import PROGRESS_MIN_FILES


def _write_articles(folder, n):
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(f"Title {i}\nXinhua, May 1, 2016\nParagraph number {i}.\n")


def test_progress_bar_from_the_threshold_on(tmp_path, capsys):
    _write_articles(tmp_path, PROGRESS_MIN_FILES)
    corpus = framelab.load_corpus(tmp_path)
    assert len(corpus) == PROGRESS_MIN_FILES
    err = capsys.readouterr().err
    assert "Loading corpus" in err and f"{PROGRESS_MIN_FILES}/{PROGRESS_MIN_FILES}" in err


def test_no_progress_bar_below_the_threshold(tmp_path, capsys):
    _write_articles(tmp_path, PROGRESS_MIN_FILES - 1)
    framelab.load_corpus(tmp_path)
    assert capsys.readouterr().err == ""


def test_progress_can_be_forced(tmp_path, capsys):
    _write_articles(tmp_path, 3)
    framelab.load_corpus(tmp_path, progress=True)
    assert "3/3" in capsys.readouterr().err
