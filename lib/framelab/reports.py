"""Report prose that stays true: a reading written for one document is shown only when that
document is in the corpus the notebook ran on; everything else in a findings cell is computed."""
from __future__ import annotations

__all__ = ["reading", "SEED_ARTICLE"]

#: The seed article's doc_id (``seeds/000_3b2f7dccf8ea1ef8.txt``).
SEED_ARTICLE = "000_3b2f7dccf8ea1ef8"


def reading(corpus, text: str, *, doc_id: str = SEED_ARTICLE):
    """A written reading of one document, as Markdown, only if that document is in ``corpus``.

    Args:
        corpus (Corpus): the corpus the notebook ran on.
        text (str): the reading (Markdown), written by a person for that document.
        doc_id (str, default SEED_ARTICLE): the document the reading is about.

    Returns:
        An ``IPython.display.Markdown`` with the reading, headed by the document it is about; or,
        when the document is not in the corpus, one plain sentence saying the reading is left out.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> reading(corpus, "The slogan does bridging work.")
    'A reading of document 000_3b2f7dccf8ea1ef8 is left out: that document is not in this corpus.'
    """
    if doc_id not in set(corpus.documents["doc_id"]):
        return f"A reading of document {doc_id} is left out: that document is not in this corpus."
    from IPython.display import Markdown

    return Markdown(f"**Reading of document `{doc_id}`** (written by reading it; shown because it is in "
                    f"this corpus):\n\n{text}")
