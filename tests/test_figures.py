"""The figure helper: PNG at 300 dpi and SVG, named after notebook and figure, byte-stable."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from framelab import figures  # noqa: E402


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
