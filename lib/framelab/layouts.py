"""How a ``.txt`` file is laid out: titles, datelines and body text.

Two layouts, chosen per file:

- ``"news"``: a title line, a dateline (``Xinhua, September 25, 2015``), then one paragraph per
  line. The dateline may be missing; then line 2 is body text.
- ``"plain"``: every line is body text (speeches, transcripts, the UN General Debate Corpus).

``"auto"`` takes a file as news only when its first line is short (a title) and its second line
is a dateline; anything else is plain, so no body paragraph is ever taken for a title or a
dateline by accident. A dateline is a short line that ends in a date, with or without an outlet
and other words before it (``The White House, Office of the Press Secretary, January 19, 2011``,
``Xinhua, BEIJING, Sept. 25, 2015``, ``2015-09-25``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from framelab.cleaning import split_dateline_furniture

__all__ = ["split_outside_brackets", "parse_date", "parse_partial_date", "parse_dateline", "is_title", "choose_layout", "Dateline", "LAYOUTS"]

LAYOUTS = ("auto", "news", "plain")
#: A title has at most this many words; a longer first line is a paragraph.
TITLE_MAX_WORDS = 30
#: A dateline has at most this many words (outlet, office, place and date together).
DATELINE_MAX_WORDS = 16

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_SHAPES = [
    rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})",                   # September 25, 2015
    rf"(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})",                   # 25 September 2015
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.+\-Z]*)?",  # 2015-09-25
]
_DATE_PATTERNS = [re.compile(shape) for shape in _DATE_SHAPES]
# A clock time (and zone) may follow the date in a dateline: "September 25, 2015 08:15 GMT".
_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?)?"
# The date ends the line; before it, nothing, or words ended by a separator (comma, bar, dash).
_DATELINE = [re.compile(rf"^(?:(?P<prefix>.*?)\s*(?:,|\||\s[-–—·/]))?\s*(?P<date>{shape}){_TIME}\s*$")
             for shape in _DATE_SHAPES]
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}


def _month_number(month: str) -> int | None:
    return int(month) if month.isdigit() else _MONTHS.get(month.lower())


def parse_date(text: str) -> dt.date | None:
    """Read a date written as in news datelines; ``None`` if it is not one.

    >>> parse_date("September 25, 2015"), parse_date("25 Sept. 2015"), parse_date("2015-09-25")
    (datetime.date(2015, 9, 25), datetime.date(2015, 9, 25), datetime.date(2015, 9, 25))
    >>> parse_date("September 31, 2015") is None     # no such day
    True

    Args:
        text (str): a date as written.
    """
    text = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _date_of(match)
    return None


_PARTIAL = [
    (re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"), "month"),                 # 2015-09
    (re.compile(r"(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})"), "month"),    # September 2015
    (re.compile(r"(?P<year>\d{4})"), "year"),                                     # 2015
]


def parse_partial_date(text: str) -> tuple[dt.date | None, str | None]:
    """``(date, precision)``: a full date ("day"), or a month ("2015-09", "September 2015": the
    1st, precision "month"), or a year ("2015": 1 January, precision "year"); ``(None, None)``.

    >>> parse_partial_date("2015-09-25"), parse_partial_date("Sept. 2015"), parse_partial_date("2015")
    ((datetime.date(2015, 9, 25), 'day'), (datetime.date(2015, 9, 1), 'month'), (datetime.date(2015, 1, 1), 'year'))

    Args:
        text (str): a date as written.
    """
    full = parse_date(text)
    if full is not None:
        return full, "day"
    text = text.strip()
    for pattern, precision in _PARTIAL:
        match = pattern.fullmatch(text)
        if not match:
            continue
        month = _month_number(match["month"]) if "month" in pattern.groupindex else 1
        if month is None or not 1 <= month <= 12 or not 1000 <= int(match["year"]) <= 2999:
            return None, None
        return dt.date(int(match["year"]), month, 1), precision
    return None, None


def _date_of(match: re.Match) -> dt.date | None:
    month = _month_number(match["month"])
    if month is None:
        return None
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:  # 31 September and the like
        return None


@dataclass
class Dateline:
    """A recognised dateline: the outlet (first name before the date, if any), the date as
    written, the date read from it (``None`` if the day cannot exist) and page furniture cut."""

    outlet: str | None
    written_date: str
    date: dt.date | None
    furniture: str = ""


_OPENING, _CLOSING = "([{", ")]}"


def split_outside_brackets(text: str) -> list[str]:
    """``text`` split at commas and bars that stand outside brackets: a bracketed part of a name
    ("Voice of America (Learning English, As It Is)") stays whole. An unclosed bracket keeps the
    rest of the text in the part it opened (never a name cut at a comma inside it).

    >>> split_outside_brackets("Voice of America (Learning English, As It Is), Washington")
    ['Voice of America (Learning English, As It Is)', ' Washington']
    >>> split_outside_brackets("The White House | Office of the Press Secretary")
    ['The White House ', ' Office of the Press Secretary']

    Args:
        text (str): the words before a dateline's date.
    """
    parts, current, depth = [], [], 0
    for character in text:
        if character in _OPENING:
            depth += 1
        elif character in _CLOSING and depth:
            depth -= 1
        if character in ",|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def parse_dateline(line: str) -> Dateline | None:
    """The dateline in ``line``, or ``None`` if the line is not one.

    A dateline is short (at most ``DATELINE_MAX_WORDS`` words after page furniture such as
    "Adjust font size:" is cut) and ends in a date whose month is a real month. Words before the
    date are separated from it by a comma, a bar or a dash; the first of them is the outlet, the
    others (an office, a place, a weekday) are allowed and left out of ``outlet``. A sentence
    that merely mentions a date or a year is not a dateline.

    >>> parse_dateline("The White House, Office of the Press Secretary, January 19, 2011").outlet
    'The White House'
    >>> parse_dateline("Voice of America (Learning English, As It Is), September 25, 2014").outlet
    'Voice of America (Learning English, As It Is)'
    >>> parse_dateline("2015-09-25").outlet is None
    True
    >>> parse_dateline("The deal, signed in 2015, ended the dispute.") is None
    True

    Args:
        line (str): a line.
    """
    text, furniture = split_dateline_furniture(line)
    if not text or len(text.split()) > DATELINE_MAX_WORDS:
        return None
    for pattern in _DATELINE:
        match = pattern.match(text)
        if not match or _month_number(match["month"]) is None:
            continue
        prefix = (match["prefix"] or "").strip()
        parts = [p.strip() for p in split_outside_brackets(prefix) if p.strip()]
        # A weekday or a byline ("By Jane Doe") is not the outlet.
        parts = [p for p in parts if p.lower().rstrip(".") not in _WEEKDAYS
                 and not re.match(r"by\s", p, flags=re.IGNORECASE)]
        date = _date_of(match)
        return Dateline(outlet=parts[0] if parts else None, written_date=match["date"],
                        date=date, furniture=furniture)
    return None


def is_title(line: str) -> bool:
    """A title is a short line: at most ``TITLE_MAX_WORDS`` words, and not itself a dateline.

    Args:
        line (str): a line.

    >>> is_title("China, U.S. can build ties"), is_title("Xinhua, September 25, 2015")
    (True, False)
    """
    return 0 < len(line.split()) <= TITLE_MAX_WORDS and parse_dateline(line) is None


def _opening(line: str, limit: int = 80) -> str:
    """The line quoted whole when short, else its first words up to ``limit`` characters and "…"
    outside the quotes, so a shortened quote never looks like the line itself."""
    if len(line) <= limit:
        return repr(line)
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return f"{cut!r}…"


def choose_layout(lines: list[str], *, layout: str = "auto") -> tuple[str, str]:
    """The layout of a file whose non-empty lines are ``lines``, and why: ``(layout, reason)``.

    With ``layout="news"`` or ``"plain"`` that layout is used; ``"auto"`` decides from the first
    two lines.

    >>> choose_layout(["China, U.S. can build ties", "Xinhua, September 25, 2015", "Text."])[0]
    'news'
    >>> choose_layout(["Mr. President, it is my pleasant duty to ...", "We meet ..."])[0]
    'plain'

    Args:
        lines (list of str): the file's non-empty lines.
        layout (str, default "auto"): "auto", "news" or "plain".
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout={layout!r} is not one of the allowed values {LAYOUTS}")
    if layout != "auto":
        return layout, f"layout={layout!r} was asked for"
    first = lines[0] if lines else ""
    second = lines[1] if len(lines) > 1 else ""
    if len(lines) >= 2 and is_title(first) and parse_dateline(second):
        return "news", f"line 1 is a short title and line 2 a dateline ({second!r})"
    if len(lines) >= 2 and parse_dateline(first) and not parse_dateline(second):
        return "news", f"line 1 is a dateline ({first!r}) and there is no title"
    if not is_title(first):
        why = f"line 1 has {len(first.split())} words, too long for a title"
    elif len(lines) < 2:
        why = "the file has one line"
    else:
        why = f"line 2 is not a dateline ({_opening(second)})"
    return "plain", why + "; every line is body text (if line 1 is a title, load with layout='news')"
