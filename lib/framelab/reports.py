"""Report prose that stays true, and tables a reader can browse.

A reading written for one document is shown only when that document is in the corpus the notebook
ran on; everything else in a findings cell is computed. Long tables are shown whole, sortable and
searchable (``browse``), with no code fetched from the internet."""
from __future__ import annotations

import hashlib
import html

import numpy as np
import pandas as pd

__all__ = ["slogan_count", "MIN_DOCUMENTS", "reading", "browse", "Browsable", "change", "shape", "gap", "Finding", "Findings", "markdown_table",
           "tone_finding", "frame_finding", "slogan_finding", "key_words_finding", "actors_finding", "SEED_ARTICLE",
           "MAX_ROWS"]

#: ``browse`` writes at most this many rows into a notebook (the rest are counted, not shown).
MAX_ROWS = 2000

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
var x=a.cells[i].textContent,y=b.cells[i].textContent,nx=parseFloat(x),ny=parseFloat(y);
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
        texts = [[_cell_text(value) for value in row] for row in shown.itertuples(index=False)]
        # A column of long text (titles, sentences) gets room: JupyterLab lays tables out with equal
        # columns (table-layout: fixed), which squeezes a title to one word per line.
        longest = [max((len(row[i]) for row in texts), default=0) for i in range(len(shown.columns))]
        wide = ' style="min-width:16em"'
        head = "".join(f"<th{wide if n > 40 else ''}>{html.escape(str(c))}</th>" for c, n in zip(shown.columns, longest))
        body = []
        for row in texts:
            cells = []
            for text in row:
                cells.append(f"<td>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        table = (f"<table class=\"dataframe\"><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
        ident = "fl-" + hashlib.sha1(table.encode()).hexdigest()[:12]
        notes = "".join(f"<div style=\"font-size:smaller\">({html.escape(n)})</div>" for n in self._notes())
        caption = f"<div><b>{html.escape(self.caption)}</b></div>" if self.caption else ""
        return (f'<div id="{ident}">{caption}<input type="search" placeholder="search rows" '
                f'style="margin:2px 0"> <span class="fl-count" style="font-size:smaller">{len(shown)} rows</span>'
                f'{notes}<div style="max-height:360px;overflow:auto">{table}</div></div>'
                + _SCRIPT % {"id": ident})


def _cell_text(value) -> str:
    """A table cell as text: empty for a missing value, a date without "00:00:00" when only the day is known.

    >>> _cell_text(pd.Timestamp("2015-09-25")), _cell_text(pd.Timestamp("2015-09-25 08:15")), _cell_text(None)
    ('2015-09-25', '2015-09-25 08:15:00', '')
    """
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return str(value)


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
    names_rows = isinstance(table.index, pd.MultiIndex) or table.index.name is not None or \
        not pd.api.types.is_integer_dtype(table.index)
    # An index that names the rows (doc_id, frame) becomes a column; row numbers left by a filter or sort do not.
    table = table.reset_index(drop=not names_rows)
    if isinstance(table.columns, pd.MultiIndex):
        table = table.copy()
        table.columns = [" ".join(str(part) for part in column if str(part)) for column in table.columns]
    dropped = {}
    if drop_constant and len(table) > 1:
        for column in table.columns:
            values = table[column]
            if column != "doc_id" and values.astype(str).nunique(dropna=False) == 1:
                dropped[column] = values.iloc[0]
        table = table.drop(columns=list(dropped))
    hidden = max(0, len(table) - max_rows)
    return Browsable(table.head(max_rows).reset_index(drop=True), dropped, hidden, caption)


def _interval_columns(table, value):
    stem = "mean" if value == "mean_score" else value
    low, high = f"{stem}_low", f"{stem}_high"
    return (low, high) if low in table.columns and table[low].notna().any() else (None, None)


def _apart(a, b, low, high) -> bool:
    """The two rows' intervals do not touch."""
    return a[low] > b[high] or a[high] < b[low]


#: A period or group with fewer documents than this is shown with its value but compared with
#: nothing: a bootstrap over so few documents is no interval (over two, its bounds are the two
#: documents' own values).
MIN_DOCUMENTS = 5


def _too_few(*rows) -> bool:
    """A cell of fewer than ``MIN_DOCUMENTS`` documents carries no comparison."""
    return any("documents" in row and row["documents"] < MIN_DOCUMENTS for row in rows)


def _value_text(row, value, low, high, digits) -> str:
    """The value with its interval; a cell below ``MIN_DOCUMENTS`` shows its value and its number of
    documents instead (a bootstrap over so few documents is no interval)."""
    text = f"{row[value]:.{digits}f}"
    if _too_few(row):
        n = int(row["documents"])
        return text + f" ({n} document{'' if n == 1 else 's'}, too few)"
    return text + (f" [{row[low]:.{digits}f}, {row[high]:.{digits}f}]" if low else "")


def _enough(part: pd.DataFrame) -> pd.DataFrame:
    """The rows (cells) with at least ``MIN_DOCUMENTS`` documents (all rows when the table does not count documents)."""
    return part[part["documents"] >= MIN_DOCUMENTS] if "documents" in part.columns else part


def _too_few_list(part: pd.DataFrame, when: str) -> str:
    """ "2016 (1), 2019 (2)": the periods below ``MIN_DOCUMENTS`` and their documents."""
    small = part[part["documents"] < MIN_DOCUMENTS] if "documents" in part.columns else part.iloc[0:0]
    return ", ".join(f"{r[when]} ({int(r['documents'])})" for _, r in small.iterrows())


def change(table, *, value: str, by=None, period=None, digits: int = 3) -> list[str]:
    """Sentences on how a value moved from the first to the last period, one per group.

    Args:
        table (DataFrame): a grouped table with a period column (``sentiment.by_group``,
            ``framing.profile`` of one frame, ...), with ``<value>_low``/``_high`` if it has intervals.
        value (str): the column described.
        by (str, list of str or None, default None): the group columns.
        period (str, list of int or None, default None): the period column.
        digits (int, default 3): decimals shown.

    Returns:
        One sentence per group: the value (and interval) in the first and in the last period with at
        least ``MIN_DOCUMENTS`` documents (periods before or after them are named as left out), and
        whether the two intervals overlap ("intervals overlap": the change may be noise). Without
        a period, each group's value, said to be of one period.

    >>> table = pd.DataFrame({"country": ["A", "A"], "decade": ["1970s", "2020s"], "mean_score": [0.1, 0.3],
    ...                       "mean_low": [0.05, 0.25], "mean_high": [0.15, 0.35], "documents": [8, 5]})
    >>> change(table, value="mean_score", by="country", period="decade")
    ['A: 0.100 [0.050, 0.150] in 1970s (8 documents) -> 0.300 [0.250, 0.350] in 2020s (5 documents); up, intervals apart.']
    """
    from framelab.groups import group_columns

    keys = group_columns(by=by)
    when = group_columns(period=period)[0] if period is not None else None
    low, high = _interval_columns(table, value)
    docs = lambda row: (f" ({int(row['documents'])} document{'' if int(row['documents']) == 1 else 's'})"  # noqa: E731
                        if "documents" in row else "")
    if when is None:  # nothing to follow over time: each group's value
        rows = table.groupby(keys, sort=True) if keys else [("all documents", table)]
        return [f"{' / '.join(map(str, name)) if isinstance(name, tuple) else name}: "
                f"{_value_text(part.iloc[0], value, low, high, digits)}{docs(part.iloc[0])} (one period)."
                for name, part in rows if len(part)]
    out = []
    for name, part in (table.groupby(keys, sort=True) if keys else [("all", table)]):
        part = part.dropna(subset=[value]).sort_values(when, key=lambda c: c.astype(str))
        if len(part) < 2:
            continue
        label = " / ".join(map(str, name)) if isinstance(name, tuple) else str(name)
        # The first and last periods with enough documents; the periods outside them are named.
        enough = np.flatnonzero(part["documents"].to_numpy() >= MIN_DOCUMENTS) if "documents" in part.columns \
            else np.arange(len(part))
        if len(enough) >= 2:
            first, last = part.iloc[enough[0]], part.iloc[enough[-1]]
            outside = pd.concat([part.iloc[:enough[0]], part.iloc[enough[-1] + 1:]])
            left_out = (f" (left out, fewer than {MIN_DOCUMENTS} documents: {_too_few_list(outside, when)})"
                        if len(outside) else "")
        else:
            first, last, left_out = part.iloc[0], part.iloc[-1], ""
        if _too_few(first, last):   # the values, and no direction drawn from them
            out.append(f"{label}: {_value_text(first, value, low, high, digits)} in {first[when]} -> "
                       f"{_value_text(last, value, low, high, digits)} in {last[when]}: fewer than {MIN_DOCUMENTS} "
                       "documents in a period, too few to compare.")
            continue
        direction = "up" if last[value] > first[value] else "down" if last[value] < first[value] else "unchanged"
        overlap = (", intervals apart" if _apart(first, last, low, high) else ", intervals overlap") if low else ""
        out.append(f"{label}: {_value_text(first, value, low, high, digits)} in {first[when]}{docs(first)} -> "
                   f"{_value_text(last, value, low, high, digits)} in {last[when]}{docs(last)}; {direction}{overlap}"
                   f"{left_out}.")
    return out


def shape(table, *, value: str, by=None, period, digits: int = 3) -> list[str]:
    """Sentences on the shape of a series over every period, one per group: its lowest and highest
    period, and where the last period stands against the highest (first against last hides a peak
    in between).

    Args:
        table (DataFrame): a grouped table with a period column, as for ``change``.
        value (str): the column described.
        by (str, list of str or None, default None): the group columns.
        period (str or list of int): the period column (``groups.group_columns(period=...)``).
        digits (int, default 3): decimals shown.

    Returns:
        One sentence per group with at least three periods of ``MIN_DOCUMENTS`` documents or more
        (periods with fewer are named and left out): lowest and highest value (with intervals where
        the table has them) and, unless the last period is the highest, whether the last is below
        the peak with intervals apart or overlapping. Groups with fewer periods are said to be too
        short for a shape.

    >>> table = pd.DataFrame({"country": "A", "decade": ["1970s", "1980s", "1990s"], "share": [0.2, 0.5, 0.3]})
    >>> shape(table, value="share", by="country", period="decade")
    ['A: lowest 0.200 in 1970s, highest 0.500 in 1980s; 0.300 in the last period (1990s): below the peak.']
    """
    from framelab.groups import group_columns

    keys = group_columns(by=by)
    when = group_columns(period=period)[0]
    low, high = _interval_columns(table, value)
    out = []
    for name, part in (table.groupby(keys, sort=True) if keys else [("all", table)]):
        label = " / ".join(map(str, name)) if isinstance(name, tuple) else str(name)
        part = part.dropna(subset=[value]).sort_values(when, key=lambda c: c.astype(str)).reset_index(drop=True)
        small = _too_few_list(part, when)
        skipped = f" (left out, fewer than {MIN_DOCUMENTS} documents: {small})" if small else ""
        part = _enough(part).reset_index(drop=True)
        if len(part) < 3:
            out.append(f"{label}: {len(part)} period(s) with at least {MIN_DOCUMENTS} documents, too few for a shape"
                       f"{skipped}.")
            continue
        lowest, highest, last = part.loc[part[value].idxmin()], part.loc[part[value].idxmax()], part.iloc[-1]
        text = (f"{label}: lowest {_value_text(lowest, value, low, high, digits)} in {lowest[when]}, highest "
                f"{_value_text(highest, value, low, high, digits)} in {highest[when]}")
        if last[when] == highest[when]:
            text += "; the last period is the highest"
        else:
            where = (", intervals apart" if _apart(highest, last, low, high) else ", intervals overlap") if low else ""
            text += (f"; {_value_text(last, value, low, high, digits)} in the last period ({last[when]}): "
                     f"below the peak{where}")
        out.append(text + skipped + ".")
    return out


def gap(table, *, value: str, by, target, reference, period=None, digits: int = 3) -> list[str]:
    """Sentences comparing two groups period by period: which is higher, and whether their intervals overlap.

    Args:
        table (DataFrame): a grouped table (see ``change``).
        value (str): the column compared.
        by (str): the group column.
        target (str): one group.
        reference (str): the other group.
        period (str, list of int or None, default None): the period column (None: one comparison).
        digits (int, default 3): decimals shown.

    Returns:
        One sentence per period in which both groups have a value.

    >>> table = pd.DataFrame({"country": ["A", "B"], "mean_score": [0.1, 0.3],
    ...                       "mean_low": [0.05, 0.2], "mean_high": [0.15, 0.4]})
    >>> gap(table, value="mean_score", by="country", target="A", reference="B")
    ['all: A 0.100 [0.050, 0.150] < B 0.300 [0.200, 0.400] (intervals apart)']
    """
    from framelab.groups import group_columns

    when = group_columns(period=period)[0] if period is not None else None
    low, high = _interval_columns(table, value)
    parts = table.groupby(when, sort=True) if when else [("all", table)]
    out = []
    for name, part in parts:
        rows = part.set_index(by)
        if target not in rows.index or reference not in rows.index:
            continue
        a, b = rows.loc[target], rows.loc[reference]
        if _too_few(a, b):   # the values, and no comparison drawn from them
            out.append(f"{name}: {target} {_value_text(a, value, low, high, digits)}, {reference} "
                       f"{_value_text(b, value, low, high, digits)}: fewer than {MIN_DOCUMENTS} documents in a group, "
                       "too few to compare")
            continue
        sign = ">" if a[value] > b[value] else "<" if a[value] < b[value] else "="
        note = ((" (intervals apart)" if _apart(a, b, low, high) else " (intervals overlap)") if low else "")
        out.append(f"{name}: {target} {_value_text(a, value, low, high, digits)} {sign} {reference} "
                   f"{_value_text(b, value, low, high, digits)}{note}")
    return out


# --- findings as readable Markdown ------------------------------------------------------------------

class Finding:
    """One finding: a heading, short sentences, what it rests on (``basis``: the score or
    instrument, its agreement with a reference, whether its intervals are corrected), and a small
    table (or None)."""

    def __init__(self, heading: str, sentences: list[str], *, basis: str = "", table: pd.DataFrame | None = None):
        self.heading, self.sentences, self.basis, self.table = heading, list(sentences), basis, table

    def to_markdown(self) -> str:
        parts = [f"### {self.heading}", ""]
        parts += [f"- {_md(s)}" for s in self.sentences]
        if self.basis:
            parts += ["", f"*Rests on:* {_md(self.basis)}"]
        if self.table is not None and len(self.table):
            parts += ["", markdown_table(self.table)]
        return "\n".join(parts) + "\n"


class Findings:
    """Findings shown as Markdown in a notebook (headings, short sentences, small tables; no code
    output), and kept as data: ``sentences`` and ``table`` for tests and other reports."""

    def __init__(self, findings: list[Finding], *, title: str | None = None, intro: str = ""):
        self.findings, self.title, self.intro = list(findings), title, intro

    @property
    def sentences(self) -> list[str]:
        return [s for f in self.findings for s in f.sentences]

    @property
    def table(self) -> pd.DataFrame:
        parts = [f.table.assign(finding=f.heading) for f in self.findings if f.table is not None and len(f.table)]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    def to_markdown(self) -> str:
        head = ([f"## {self.title}", ""] if self.title else []) + ([_md(self.intro), ""] if self.intro else [])
        return "".join(line + "\n" for line in head) + "\n".join(f.to_markdown() for f in self.findings)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return self.to_markdown()


def _md(text: str) -> str:
    """Text as Markdown that shows as written: characters Markdown would read as markup escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in str(text))


def markdown_table(table: pd.DataFrame) -> str:
    """A small table as a Markdown pipe table (cells escaped, missing values empty).

    Args:
        table (DataFrame): the table; its index is left out.

    >>> print(markdown_table(pd.DataFrame({"group": ["A|B"], "share": [0.5]})))
    | group | share |
    |---|---|
    | A\\|B | 0.5 |
    """
    def cell(value):
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else _md(value)
    lines = ["| " + " | ".join(_md(c) for c in table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def _series_table(table, *, value: str, by, period, digits: int = 3) -> pd.DataFrame:
    """Per group: the first period, the lowest, the highest and the last, each with its value (and
    interval)."""
    from framelab.groups import group_columns

    keys = group_columns(by=by)
    when = group_columns(period=period)[0]
    low, high = _interval_columns(table, value)
    rows = []
    for name, part in (table.groupby(keys, sort=True) if keys else [("all", table)]):
        part = part.dropna(subset=[value]).sort_values(when, key=lambda c: c.astype(str)).reset_index(drop=True)
        if part.empty:
            continue
        text = lambda row: f"{row[when]}: {_value_text(row, value, low, high, digits)}"  # noqa: E731
        enough = _enough(part).reset_index(drop=True)   # lowest and highest only among cells that can be compared
        rows.append({"group": " / ".join(map(str, name)) if isinstance(name, tuple) else str(name),
                     "first": text(part.iloc[0]),
                     "lowest": text(enough.loc[enough[value].idxmin()]) if len(enough) else "",
                     "highest": text(enough.loc[enough[value].idxmax()]) if len(enough) else "",
                     "last": text(part.iloc[-1]), "periods": len(part),
                     f"periods with {MIN_DOCUMENTS}+ documents": len(enough)})
    return pd.DataFrame(rows)


def tone_finding(tone: pd.DataFrame, *, by=None, period=None, value: str = "mean_score",
                 heading: str = "Tone", basis: str = "", target=None, reference=None) -> Finding:
    """The tone of each group over the periods: shape (lowest, highest, last against the peak) and
    first against last, with the intervals the table carries.

    Args:
        tone (DataFrame): ``sentiment.by_group`` output.
        by (str, list of str or None, default None): the group columns.
        period (str, list of int or None, default None): the period.
        value (str, default "mean_score"): the column described (``mean_topic_neutral`` for the
            topic-neutral score).
        heading (str, default "Tone"): the finding's heading.
        basis (str, default ""): what the score rests on (lexicon, masking, whether its intervals
            include measurement error).
        target (str or None, default None): with ``reference`` and ``by``: the two groups compared
            in the last period.
        reference (str or None, default None): the other group.

    >>> tone = pd.DataFrame({"country": "A", "decade": ["1970s", "1980s", "1990s"], "mean_score": [0.1, 0.3, 0.2],
    ...                      "mean_low": [0.05, 0.25, 0.15], "mean_high": [0.15, 0.35, 0.25], "documents": 8})
    >>> tone_finding(tone, by="country", period="decade").sentences[0]
    'A: lowest 0.100 [0.050, 0.150] in 1970s, highest 0.300 [0.250, 0.350] in 1980s; 0.200 [0.150, 0.250] in the last period (1990s): below the peak, intervals overlap.'
    """
    if period is None:
        return Finding(heading, change(tone, value=value, by=by), basis=basis)
    sentences = shape(tone, value=value, by=by, period=period)
    sentences += ["First against last, " + s for s in change(tone, value=value, by=by, period=period)]
    sentences += _latest_gap(tone, value, by, target, reference, period)
    return Finding(heading, sentences, basis=basis, table=_series_table(tone, value=value, by=by, period=period))


def _latest_gap(table, value, by, target, reference, period) -> list[str]:
    if not (by and target is not None and reference is not None and target != reference):
        return []
    rows = gap(table.dropna(subset=[value]), value=value, by=by, target=target, reference=reference, period=period)
    # The last period where both groups have enough documents to be compared; later ones are named.
    compared = [i for i, s in enumerate(rows) if not s.endswith("too few to compare")]
    if not compared:
        return ["In the last period, " + s for s in rows[-1:]]
    later = len(rows) - 1 - compared[-1]
    return ["In the last period compared, " + rows[compared[-1]]
            + (f" (the {later} later period{'s' if later > 1 else ''}: fewer than {MIN_DOCUMENTS} documents in a group)"
               if later else "")]


def frame_finding(profile: pd.DataFrame, *, frame: str, by=None, period=None, adjusted: pd.DataFrame | None = None,
                  agreement: pd.DataFrame | None = None, reference: str = "", groups=None) -> Finding:
    """One frame over the periods: the share with the corrected interval where a reference coding
    gave one (``framing.profile(correct_with=...)``), else the naive share; the share with
    paragraph length held fixed (``framing.length_adjusted``); and the instrument's agreement.

    Args:
        profile (DataFrame): ``framing.profile`` output with ``by``/``period`` (and, if possible,
            ``correct_with``).
        frame (str): the frame.
        by (str, list of str or None, default None): the group columns.
        period (str, list of int or None, default None): the period.
        adjusted (DataFrame or None, default None): ``framing.length_adjusted`` output.
        agreement (DataFrame or None, default None): ``validation.targets`` output (kappa with its
            interval per frame), to state beside the finding.
        reference (str, default ""): who made the reference coding used for the correction.
        groups (tuple of two str or None, default None): (target, reference group) compared in the
            last period.

    >>> profile = pd.DataFrame({"country": "A", "decade": ["1970s", "1980s", "1990s"], "frame": "conflict",
    ...                         "share": [0.5, 0.4, 0.3], "share_low": [0.45, 0.35, 0.25],
    ...                         "share_high": [0.55, 0.45, 0.35], "documents": 8})
    >>> frame_finding(profile, frame="conflict", by="country", period="decade").basis.startswith("Share of paragraphs")
    True
    """
    rows = profile[profile["frame"] == frame]
    corrected = "share_corrected" in rows.columns and rows["share_corrected"].notna().any()
    value = "share_corrected" if corrected else "share"
    if period is None:
        sentences = change(rows, value=value, by=by)
    else:
        sentences = shape(rows, value=value, by=by, period=period)
        sentences += ["First against last, " + s for s in change(rows, value=value, by=by, period=period)]
    if groups:
        sentences += _latest_gap(rows, value, by, groups[0], groups[1], period)
    missing = rows[rows["share_corrected"].isna()] if corrected else rows.iloc[0:0]
    if len(missing):
        from framelab.groups import group_columns

        cells = ", ".join(" ".join(map(str, r)) for r in missing[group_columns(by=by, period=period)].itertuples(index=False))
        sentences.append(f"No corrected share (too few reference-coded paragraphs) for: {cells}; left out above.")
    if adjusted is not None and period is not None:
        # Point estimates only: their intervals ignore measurement error, so they do not decide a difference.
        length = adjusted.loc[adjusted["frame"] == frame].drop(
            columns=["share_length_adjusted_low", "share_length_adjusted_high"], errors="ignore")
        sentences += ["Paragraph length held fixed (uncorrected point estimates), " + s
                      for s in change(length, value="share_length_adjusted", by=by, period=period)]
    basis = ("Share of paragraphs with the frame (default codebook, dictionary); "
             + (f"corrected for the codebook's measured error with {reference or 'a reference coding'} "
                "(prediction-powered inference): the intervals cover the sampling of statements and the "
                "measurement error as far as that reference is right." if corrected else
                "intervals from resampling statements; they ignore measurement error (no reference coding used)."))
    if agreement is not None and frame in set(agreement["frame"]):
        row = agreement.set_index("frame").loc[frame]
        kappa = [c for c in agreement.columns if c.startswith("kappa ")]
        verdicts = [c for c in agreement.columns if c.startswith("target kappa")]
        said = "; ".join(f"{k} {row[k]} ({row[v]} against {v[len('target '):]})" for k, v in zip(kappa, verdicts)
                         if str(row[k]) != "not coded")
        basis += f" Agreement on held-out UN paragraphs: {said}."
    return Finding(f"Frame: {frame}", sentences, basis=basis,
                   table=_series_table(rows, value=value, by=by, period=period) if period is not None else None)


def slogan_count(uses: pd.DataFrame) -> str:
    """One sentence counting the slogan's uses and each rendering's, from ``framing.slogan`` or
    ``framing.slogan_concordance`` (the same uses, so notebooks 01, 03 and 04 say the same number).

    >>> uses = pd.DataFrame({"doc_id": ["a", "a", "b"], "rendering": ["community with a shared future",
    ...     "community with a shared future for mankind", "community with a shared future for mankind"]})
    >>> print(slogan_count(uses))
    The slogan's renderings occur 3 times in 2 documents: 'community with a shared future for mankind' 2, 'community with a shared future' 1.

    Args:
        uses (DataFrame): one row per use, with doc_id and rendering.
    """
    if uses.empty:
        return "The slogan's renderings occur 0 times: no rendering of the codebook's slogan frame is in this corpus."
    names = uses["rendering"].astype(str)
    if "match" in uses.columns:   # a pattern (older tables) is named by the words it matched
        pattern = names.str.startswith("regex:")
        names = names.where(~pattern, uses["match"].astype(str).str.lower().str.split().str.join(" "))
    counts = names.value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    documents = uses["doc_id"].nunique()
    return (f"The slogan's renderings occur {len(uses)} time{'s' if len(uses) != 1 else ''} in {documents} "
            f"document{'s' if documents != 1 else ''}: " + ", ".join(f"{r!r} {n}" for r, n in counts.items()) + ".")


def slogan_finding(occurrences: pd.DataFrame, *, by=None, groups=(), all_uses: pd.DataFrame | None = None) -> Finding:
    """The slogan's renderings: how many uses per group, in which years, the first of each
    rendering, and uses before the slogan was introduced (``framing.slogan`` output).

    Args:
        occurrences (DataFrame): ``framing.slogan(corpus, coded, by=by)``.
        by (str or None, default None): the group column.
        groups (list of str, default ()): groups to report even without a use ("no use").
        all_uses (DataFrame or None, default None): the uses in the whole corpus loaded
            (``framing.slogan_concordance``), when ``occurrences`` cover only the documents compared:
            the first sentence then counts the whole corpus, as notebooks 01 and 03 do, and says how
            many of those uses are in the documents compared.

    >>> found = pd.DataFrame({"country": ["CHN", "CHN"], "date": pd.to_datetime(["2013-01-01", "2017-01-01"]),
    ...                       "rendering": ["community of common destiny", "community and a shared future"],
    ...                       "before_slogan": [False, False], "doc_id": ["a", "b"]})
    >>> slogan_finding(found, by="country").sentences[1]
    'CHN: 2 uses in 2 documents, 2013–2017 (2013 1, 2017 1).'
    """
    silent = [f"{g}: no use." for g in groups if occurrences.empty or by is None or g not in set(occurrences[by])]
    total = [slogan_count(all_uses if all_uses is not None else occurrences)]
    if all_uses is not None and len(all_uses) != len(occurrences):
        total.append(f"{len(occurrences)} of these uses are in the documents compared here.")
    if occurrences.empty:
        return Finding("The slogan", [*total, *silent],
                       basis="Exact matches of the codebook's renderings (slogan frame).")
    found = occurrences.assign(year=pd.to_datetime(occurrences["date"]).dt.year)
    sentences, rows = total, []
    for name, part in (found.groupby(by, sort=True) if by else [("all documents", found)]):
        years = part["year"].value_counts().sort_index()
        undated = int(part["year"].isna().sum())
        span = (f", {int(years.index.min())}–{int(years.index.max())} ({', '.join(f'{int(y)} {n}' for y, n in years.items())}"
                + (f", undated {undated}" if undated else "") + ")") if len(years) else ", all undated"
        sentences.append(f"{name}: {len(part)} use{'s' if len(part) != 1 else ''} in {part['doc_id'].nunique()} "
                         f"document{'s' if part['doc_id'].nunique() != 1 else ''}{span}.")
        before = part[part["before_slogan"].fillna(False).astype(bool)] if "before_slogan" in part else part.iloc[0:0]
        if len(before):
            sentences.append(f"{name}: {len(before)} use(s) before the slogan was introduced "
                             f"({', '.join(str(int(y)) for y in before['year'])}); read their sentences before counting them.")
        for rendering, r in part.groupby("rendering", sort=False):
            if str(rendering).startswith("regex:"):   # a pattern: name it by what it matched
                rendering = " / ".join(sorted(set(r["match"].str.lower()))) + " (split form)" if "match" in r else "a split form"
            rows.append({"group": name, "rendering": rendering, "uses": len(r),
                         "first": r["year"].min(), "last": r["year"].max()})
    sentences += silent
    table = pd.DataFrame(rows).sort_values(["group", "first", "rendering"], kind="stable").reset_index(drop=True)
    return Finding("The slogan", sentences, table=table,
                   basis="Exact matches of the codebook's renderings (slogan frame), each listed with its sentence "
                         "above; counts, not estimates: no interval.")


def key_words_finding(key_words: pd.DataFrame, *, period=None, target=None, reference=None, top: int = 5) -> Finding:
    """The key words of the first and the last period (``terms.key_terms`` output): over for the
    target, under for the reference.

    Args:
        key_words (DataFrame): ``terms.key_terms(terms.keyness(...))``: over and under per period.
        period (str, list of int or None, default None): the period.
        target (str or None, default None): the group whose words are "over".
        reference (str or None, default None): the group whose words are "under".
        top (int, default 5): key words named per group and period (the table above has them all).

    >>> table = pd.DataFrame({"decade": ["1970s", "2020s"], "over": ["struggle +4.1", "development +4.2"],
    ...                       "under": ["global -3.3", "climate -1.9"]})
    >>> key_words_finding(table, period="decade", target="CHN", reference="USA").sentences[0]
    '1970s: key for CHN: struggle +4.1; key for USA: global -3.3.'
    """
    from framelab.groups import group_columns

    when = group_columns(period=period)[0] if period is not None else None
    rows = key_words.iloc[[0, -1]] if when and len(key_words) > 1 else key_words.iloc[:1]
    first = lambda terms: ", ".join(str(terms).split(", ")[:top]) if terms else "none"  # noqa: E731
    sentences = [f"{row[when] if when else 'All'}: key for {target or 'the target'}: {first(row['over'])}; "
                 f"key for {reference or 'the reference'}: {first(row['under'])}." for _, row in rows.iterrows()]
    return Finding("Key words", sentences or ["No key word at p < 0.05."],
                   basis=f"Log Ratio (doublings) of terms with p < 0.05 by G2, the {top} first by G2; the full table is above.")


def actors_finding(named: pd.DataFrame, *, by=None, top: int = 3, corpus=None) -> Finding:
    """The actors each group names most, per 1,000 words over the whole study (``actors.mention_counts``).

    Args:
        named (DataFrame): ``actors.mention_counts(corpus, by=..., period=...)``: mentions and words.
        by (str or None, default None): the group column.
        top (int, default 3): actors named per group.
        corpus (Corpus or None, default None): the corpus, for the words of a table made without
            groups or periods (one row per document and actor, no ``words`` column).

    >>> named = pd.DataFrame({"country": ["A", "A"], "actor": ["China", "US"], "mentions": [30, 10],
    ...                       "words": [10_000, 10_000]})
    >>> actors_finding(named, by="country").sentences
    ['A names China 3.00, US 1.00 per 1,000 words.']
    """
    keys = [by] if by else []
    if "words" not in named.columns:
        if corpus is None or "doc_id" not in named.columns:
            raise ValueError("actors_finding: the table has no words column; pass corpus= (a table per document) "
                             "or make it with actors.mention_counts(corpus, by=...)")
        named = named.merge(corpus.documents[["doc_id", "n_words"]].rename(columns={"n_words": "words"}), on="doc_id")
    words = named.drop_duplicates(subset=[c for c in named.columns
                                          if c not in ("actor", "mentions", "per_1000_words", "documents_mentioning")])
    totals = words.groupby(keys)["words"].sum() if keys else pd.Series({"All documents": words["words"].sum()})
    counted = named.groupby(keys + ["actor"], sort=True)["mentions"].sum()
    sentences = []
    for group in totals.index:
        part = counted.loc[group] if keys else counted
        rates = (1000 * part / totals[group]).sort_values(ascending=False, kind="stable").head(top)
        sentences.append(f"{group if keys else 'The documents'} name{'s' if keys else ''} " + ", ".join(f"{a} {r:.2f}" for a, r in rates.items()) + " per 1,000 words.")
    return Finding("Actors named", sentences, basis="Mentions of the actors of actors.yaml (their listed forms), per 1,000 words.")
