"""pytest at the project root: doctests in lib/framelab run from here with ``framelab`` imported,
so every docstring example works as written in a notebook started at the project root."""
import os

import matplotlib
import pytest

matplotlib.use("Agg")   # doctests draw figures without a screen
# nbval re-runs the default run (seed corpus, in place), which alone may write the committed figures/
# (framelab.figures.COMMITTED_RUN); the notebooks' kernels inherit it. make test sets it too.
os.environ.setdefault("FRAMELAB_COMMITTED_RUN", "1")


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    import framelab
    import pandas as pd

    doctest_namespace["framelab"] = framelab
    doctest_namespace["pd"] = pd
    yield
    import matplotlib.pyplot as plt

    plt.close("all")   # figures drawn by examples and tests are not kept open
