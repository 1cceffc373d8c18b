"""One way to style and save a figure: PNG (300 dpi) and SVG, byte-stable, under ``figures/``.

Files are named ``<notebook>-<figure>.png`` / ``.svg``; the style (fonts, Okabe-Ito
colour-blind-safe palette) is ``framelab/data/framelab.mplstyle``.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

from framelab.resources import data_path

__all__ = ["use_style", "figure_path", "save", "folder"]

STYLE = data_path("framelab.mplstyle")
#: The Okabe-Ito palette of the style, in cycle order.
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]
FORMATS = ("png", "svg")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# Metadata that would change between runs or versions; None leaves it out of the file.
_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def use_style() -> None:
    """Apply the framelab style to every figure made after this call.

    >>> use_style()   # figures drawn after this use framelab.mplstyle
    """
    plt.style.use(STYLE)


def figure_path(name: str, *, notebook: str, directory="figures", format: str = "png") -> Path:
    """Where ``save`` puts a figure: ``<directory>/<notebook>-<name>.<format>``.

    Args:
        name (str): the figure's name, e.g. "top_terms".
        notebook (str): the notebook that made it, e.g. "01_term_frequency".
        directory (str or Path, default "figures"): where figures go.
        format (str, default "png"): the file type.

    >>> figure_path("top_terms", notebook="01_term_frequency").as_posix()
    'figures/01_term_frequency-top_terms.png'
    """
    for label, value in (("notebook", notebook), ("name", name)):
        if not _NAME.fullmatch(value):
            raise ValueError(f"figure {label} {value!r} may hold only letters, digits, '_', '-' and '.' "
                             "(it becomes part of a file name)")
    return Path(directory) / f"{notebook}-{name}.{format}"


def save(fig, name: str, *, notebook: str, directory="figures", formats=FORMATS) -> list[Path]:
    """Save ``fig`` as PNG (300 dpi) and SVG, byte-identical for identical figures.

    Args:
        fig: a matplotlib Figure.
        name: what the figure shows, e.g. ``"paragraph_lengths"``.
        notebook: the notebook that made it, e.g. ``"00_corpus_overview"``.
        directory: the folder to write into (created if missing).
        formats: file formats, by default PNG and SVG.

    Returns:
        The paths written.

    Example:
        >>> save(fig, "paragraph_lengths", notebook="00_corpus_overview")  # doctest: +SKIP
        [PosixPath('figures/00_corpus_overview-paragraph_lengths.png'), ...]

    Args:
        fig (matplotlib Figure): the figure.
        name (str): the figure's name, e.g. "top_terms".
        notebook (str): the notebook that made it (the file name starts with it).
        directory (str or Path, default "figures"): where figures go.
        formats (tuple of str, default ("png", "svg")): file types written.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> [p.name for p in save(fig, "demo", notebook="00_demo", directory=tempfile.mkdtemp())]
    ['00_demo-demo.png', '00_demo-demo.svg']
    """
    directory = committed_guard(directory)
    Path(directory).mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context({"svg.hashsalt": "framelab", "svg.fonttype": "path"}):
        for fmt in formats:
            path = figure_path(name, notebook=notebook, directory=directory, format=fmt)
            fig.savefig(path, format=fmt, dpi=300, bbox_inches="tight", metadata=_METADATA.get(fmt))
            written.append(path)
    return written


#: Set to "1" by ``make report`` with no options (``notebooks.run_all`` on the seed corpus, in
#: place) and by ``make test`` (nbval re-runs that same default run): only then are the committed
#: figures/ written.
COMMITTED_RUN = "FRAMELAB_COMMITTED_RUN"


def committed_guard(directory) -> Path:
    """``directory``, unless it is the committed ``figures/`` and this is not the default run (the
    environment variable ``COMMITTED_RUN`` is not "1"): then ``reports/figures/`` beside it, said
    in one line. A notebook run from JupyterLab with any parameter changed (corpus, codebook,
    groups, period ...) so never overwrites the committed figures.

    Args:
        directory (str or Path): where a figure was asked to go.

    >>> committed_guard("/tmp/elsewhere").as_posix()
    '/tmp/elsewhere'
    """
    directory = Path(directory)
    committed = Path(__file__).resolve().parents[2] / "figures"
    if directory.resolve() != committed or os.environ.get(COMMITTED_RUN) == "1":
        return directory
    target = committed.parent / "reports" / "figures"
    if not getattr(committed_guard, "_said", False):
        print(f"Figures go to {target} (only make report, with no options, writes the committed figures/).")
        committed_guard._said = True
    return target


def folder(figures_dir, *, corpus_path, default_corpus) -> Path:
    """Where a notebook saves its figures: never the committed ``figures/`` for another corpus.

    ``figures_dir`` is kept when the notebook runs on its default corpus, or when it is not the
    committed folder (``make report CORPUS=... OUT=...`` sets ``OUT/figures``). A notebook run
    from JupyterLab on another corpus with ``figures_dir`` left as it was writes to
    ``reports/<corpus name>/figures/`` instead (beside the notebook's folder), and says so.

    Args:
        figures_dir (str or Path): the notebook's ``figures_dir`` parameter.
        corpus_path (str or Path): the corpus the notebook runs on.
        default_corpus (str or Path): the corpus the committed figures are made from.

    >>> folder("../figures", corpus_path="../seeds/x.txt", default_corpus="../seeds/x.txt").as_posix()
    '../figures'
    """
    figures_dir = Path(figures_dir)
    committed = figures_dir.resolve() == (Path(__file__).resolve().parents[2] / "figures")
    if not committed or Path(corpus_path).expanduser().resolve() == Path(default_corpus).resolve():
        return figures_dir
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(corpus_path).expanduser().resolve().name) or "corpus"
    target = figures_dir.parent / "reports" / name / "figures"
    print(f"Figures of this corpus go to {target.resolve()} (the committed figures/ are made from "
          f"{Path(default_corpus).as_posix()} only).")
    return target
