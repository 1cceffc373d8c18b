"""The figure helper: PNG at 300 dpi and SVG, named after notebook and figure, byte-stable."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from framelab import figures  # noqa: E402
from tests.conftest import ROOT  # noqa: E402


def _figure():
    figures.use_style()
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.bar([1, 2, 3], [3, 1, 2])
    ax.set_title("test")
    return fig


def test_save_writes_png_and_svg_named_after_notebook_and_figure(tmp_path):
    paths = figures.save(_figure(), "bars", notebook="99_test", directory=tmp_path / "figs")
    assert [p.name for p in paths] == ["99_test-bars.png", "99_test-bars.svg"]
    assert all(p.stat().st_size > 0 for p in paths)


def test_png_is_300_dpi(tmp_path):
    png = figures.save(_figure(), "bars", notebook="99_test", directory=tmp_path, formats=("png",))[0]
    dpi = Image.open(png).info["dpi"]
    assert round(dpi[0]) == 300 and round(dpi[1]) == 300


def test_same_figure_gives_identical_bytes(tmp_path):
    first = figures.save(_figure(), "bars", notebook="99_test", directory=tmp_path / "a")
    second = figures.save(_figure(), "bars", notebook="99_test", directory=tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_svg_carries_no_date(tmp_path):
    svg = figures.save(_figure(), "bars", notebook="99_test", directory=tmp_path, formats=("svg",))[0]
    assert "<dc:date>" not in svg.read_text()


def test_style_uses_the_colour_blind_safe_palette():
    figures.use_style()
    cycle = [c.upper() for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle == figures.PALETTE


@pytest.mark.parametrize("name", ["with space", "../escape", ""])
def test_names_that_are_not_file_names_are_refused(name, tmp_path):
    with pytest.raises(ValueError, match="file name"):
        figures.save(_figure(), name, notebook="99_test", directory=tmp_path)


def test_frame_heatmap_bins_a_long_document_on_one_colour_scale_with_a_legend(tmp_path):
    import framelab
    from framelab import framing, plots
    # 150 paragraphs: every third mentions trade (economic), the others nothing.
    body = "\n".join("Trade grew." if i % 3 == 0 else "Nothing else." for i in range(150))
    (tmp_path / "long.txt").write_text(f"T\nXinhua, May 1, 2016\n{body}\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text("T\nXinhua, May 2, 2016\nTrade and trade.\n", encoding="utf-8")
    coded = framing.code(framelab.load_corpus(tmp_path))
    long = coded[coded["doc_id"] == "long"]
    values, labels, per_column = plots._heatmap_columns(long, framing.frames_of(coded))
    # ceil(150 / 60) = 3 paragraphs per column: 50 columns, each holding one "trade" (paragraphs 1, 4, 7, ...).
    assert per_column == 3 and values.shape[1] == 50 and labels[:2] == ["1", "4"]
    economic = framing.frames_of(coded).index("economic")
    assert values[economic].sum() == 50 and set(values[economic]) == {1}
    fig = plots.frame_heatmap(coded)
    images = [ax.images[0] for ax in fig.axes if ax.images]
    assert len(images) == 2 and {im.get_clim() for im in images} == {(0, 2)}   # one scale: the short one's 2 matches
    assert len(fig.axes) == 3                                                   # two panels and the colour bar


def test_a_long_document_is_drawn_as_bin_means():
    from framelab import plots
    # 900 paragraphs of 10 words, then 900 of 30: 6 paragraphs per bar (1800 / 300), 300 bars, none mixed.
    paragraphs = pd.DataFrame({"doc_id": "long", "paragraph": range(1, 1801), "n_words": [10] * 900 + [30] * 900})
    fig = plots.paragraph_lengths(paragraphs)
    heights = [bar.get_height() for bar in fig.axes[0].patches]
    assert len(heights) == 300 and set(heights) == {10, 30}
    assert "mean of 6 paragraphs per bar" in fig.axes[0].get_title(loc="left")


def test_figures_over_time_draw_the_largest_groups_only_and_say_so():
    from framelab import plots
    # 15 outlets, outlet k with k documents in each of two years: the 10 largest are 6..15.
    rows = [{"outlet": f"o{k:02d}", "year": year, "mean_score": 0.1, "documents": k}
            for k in range(1, 16) for year in (2015, 2016)]
    fig = plots.over_time(pd.DataFrame(rows), by="outlet", period="year")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == [f"o{k:02d}" for k in range(6, 16)]
    assert "10 of 15 groups, those with the most documents" in fig.axes[0].get_title(loc="left")


def test_a_scatter_of_many_points_stays_a_small_svg_and_byte_stable(tmp_path):
    """Above plots.MAX_POINTS the points are a bitmap inside the SVG (the whole UNGDC's 2.5 million
    sentences made a 264 MB SVG); below it they stay vector shapes, as before."""
    import numpy as np

    from framelab import plots

    def table(n):
        generator = np.random.default_rng(0)
        afinn, vader = generator.integers(-5, 6, n), generator.uniform(-1, 1, n).round(4)
        return pd.DataFrame({"doc_id": "d", "sentence": range(n), "afinn": afinn, "vader": vader,
                             "agree": np.sign(afinn) == np.sign(vader)})

    many = plots.MAX_POINTS * 40
    small = figures.save(plots.lexicon_agreement(table(200)), "few", notebook="99", directory=tmp_path)[1].read_text()
    big = figures.save(plots.lexicon_agreement(table(many)), "many", notebook="99", directory=tmp_path)[1]
    again = figures.save(plots.lexicon_agreement(table(many)), "again", notebook="99", directory=tmp_path)[1]
    assert "<image" not in small and small.count("<use ") >= 200
    assert "<image" in big.read_text() and big.stat().st_size < 2_000_000
    assert big.read_bytes() == again.read_bytes()


def test_figures_of_another_corpus_never_go_to_the_committed_folder(tmp_path, capsys):
    from framelab.figures import folder

    committed = ROOT / "figures"
    seed = ROOT / "seeds" / "000_3b2f7dccf8ea1ef8.txt"
    # The default corpus, or a folder make report chose (OUT/figures): kept as given.
    assert folder(committed, corpus_path=seed, default_corpus=seed) == committed
    assert folder(tmp_path / "out" / "figures", corpus_path=tmp_path, default_corpus=seed) == tmp_path / "out" / "figures"
    assert capsys.readouterr().out == ""
    # Another corpus with the committed folder left in place: reports/<corpus name>/figures, said.
    mine = tmp_path / "my articles"
    mine.mkdir()
    assert folder(committed, corpus_path=mine, default_corpus=seed) == ROOT / "reports" / "my_articles" / "figures"
    assert "reports/my_articles/figures" in capsys.readouterr().out
