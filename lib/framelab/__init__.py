"""framelab: load, clean and analyse corpora of news articles (see README.md)."""
from framelab.corpus import Corpus, CorpusError, load_corpus
from framelab.tokens import tokenize

__all__ = ["Corpus", "CorpusError", "load_corpus", "tokenize"]
__version__ = "0.1.0"
