"""Report prose that stays true, and tables a reader can browse.

A reading written for one document is shown only when that document is in the corpus the notebook
ran on; everything else in a findings cell is computed. Long tables are shown whole, sortable and
searchable (``browse``), with no code fetched from the internet."""
from __future__ import annotations

import hashlib
import html

import pandas as pd

__all__ = ["reading", "browse", "Browsable", "SEED_ARTICLE", "MAX_ROWS"]

#: ``browse`` writes at most this many rows into a notebook (the rest are counted, not shown).
MAX_ROWS = 5000

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


_SCRIPT = """<script>(function(){var root=document.getElementById("%(id)s");if(!root)return;
var body=root.querySelector("tbody"),rows=Array.prototype.slice.call(body.rows),box=root.querySelector("input"),
count=root.querySelector(".fl-count"),order={};
function show(){var q=box.value.toLowerCase(),n=0;rows.forEach(function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;
r.style.display=hit?"":"none";if(hit)n++;});count.textContent=n+" of "+rows.length+" rows";}
box.addEventListener("input",show);
root.querySelectorAll("thead th").forEach(function(th,i){th.style.cursor="pointer";th.title="sort";
th.addEventListener("click",function(){var up=order[i]=!order[i];rows.sort(function(a,b){
var x=a.cells[i].getAttribute("data-v"),y=b.cells[i].getAttribute("data-v"),nx=parseFloat(x),ny=parseFloat(y);
var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return up?c:-c;});
rows.forEach(function(r){body.appendChild(r);});});});show();})();</script>"""


class Browsable:
    """A table shown whole in a notebook: sortable (click a column), searchable (type in the box),
    scrollable. The HTML is the same for the same table (no random ids), so saved notebooks stay
    byte-stable; the script is inline (works offline, in JupyterLab and in exported HTML; a
    notebook opened untrusted shows the same table without sorting). ``table`` holds the data."""

    def __init__(self, table: pd.DataFrame, dropped: dict, hidden: int, caption: str | None):
        self.table, self.dropped, self.hidden, self.caption = table, dropped, hidden, caption

    def _notes(self) -> list[str]:
        notes = []
        if self.dropped:
            notes.append("same in every row: " + "; ".join(f"{k} = {v}" for k, v in self.dropped.items()))
        if self.hidden:
            notes.append(f"{self.hidden:,} more rows not shown (the table holds them all)")
        return notes

    def __repr__(self) -> str:
        notes = self._notes()
        with pd.option_context("display.max_rows", 20, "display.min_rows", 10, "display.width", 120):
            text = repr(self.table)
        return "\n".join(([self.caption] if self.caption else []) + [text] + [f"({n})" for n in notes])

    def _repr_html_(self) -> str:
        shown = self.table
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
        body = []
        for row in shown.itertuples(index=False):
            cells = []
            for value in row:
                text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
                cells.append(f'<td data-v="{html.escape(text, quote=True)}">{html.escape(text)}</td>')
            body.append("<tr>" + "".join(cells) + "</tr>")
        table = (f"<table class=\"dataframe\"><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
        ident = "fl-" + hashlib.sha1(table.encode()).hexdigest()[:12]
        notes = "".join(f"<div style=\"font-size:smaller\">({html.escape(n)})</div>" for n in self._notes())
        caption = f"<div><b>{html.escape(self.caption)}</b></div>" if self.caption else ""
        return (f'<div id="{ident}">{caption}<input type="search" placeholder="search rows" '
                f'style="margin:2px 0"> <span class="fl-count" style="font-size:smaller">{len(shown)} rows</span>'
                f'{notes}<div style="max-height:360px;overflow:auto">{table}</div></div>'
                + _SCRIPT % {"id": ident})


def browse(table: pd.DataFrame, *, caption: str | None = None, drop_constant: bool = True,
           max_rows: int = MAX_ROWS) -> Browsable:
    """Show a long table whole: sortable, searchable and scrollable, instead of ``head(10)``.

    Args:
        table (DataFrame): any table.
        caption (str or None, default None): a line above the table.
        drop_constant (bool, default True): leave out columns with one value in every row (of
            two rows or more) and say above the table what that value is.
        max_rows (int, default MAX_ROWS): rows written into the notebook; the number left out is
            said above the table.

    >>> shown = browse(pd.DataFrame({"doc_id": ["a", "b"], "unit": ["paragraph"] * 2, "score": [0.5, -0.1]}))
    >>> list(shown.table.columns), shown.dropped
    (['doc_id', 'score'], {'unit': 'paragraph'})
    """
    dropped = {}
    if drop_constant and len(table) > 1:
        for column in table.columns:
            values = table[column]
            if column != "doc_id" and values.astype(str).nunique(dropna=False) == 1:
                dropped[column] = values.iloc[0]
        table = table.drop(columns=list(dropped))
    hidden = max(0, len(table) - max_rows)
    return Browsable(table.head(max_rows).reset_index(drop=True), dropped, hidden, caption)
