"""framelab: load, clean and analyse corpora of news articles and speeches (see README.md)."""
import importlib

from framelab import memory
from framelab.corpus import Corpus, CorpusError, load_corpus
from framelab.tokens import tokenize

__all__ = ["Corpus", "CorpusError", "load_corpus", "tokenize"]
__version__ = "0.2.0"

memory.use_system_allocator()   # Arrow's freed memory reusable by NumPy too (see framelab.memory)

_SUBMODULES = {"actors", "checks", "classifier", "cleaning", "explain", "explorer", "figures", "framing", "groups", "languages", "layouts",
               "memory", "metadata", "names", "outlets", "plots", "reports", "segments", "sentiment", "stats", "terms", "tokens",
               "validation"}


def __getattr__(name):
    # framelab.terms, framelab.sentiment ... imported on first use (PEP 562).
    if name == "explore":   # framelab.explore(corpus): the explorer widget (framelab.explorer)
        return importlib.import_module("framelab.explorer").explore
    if name in _SUBMODULES:
        return importlib.import_module(f"framelab.{name}")
    raise AttributeError(f"module 'framelab' has no attribute {name!r}")
