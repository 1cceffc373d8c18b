"""Cleaning as small pure functions: Unicode, line endings, whitespace, page furniture.

``clean_text`` composes them. Every function is idempotent (cleaning clean text changes
nothing), and the loader keeps the raw text beside the clean text so a reader can compare.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from framelab.resources import read_yaml

__all__ = ["normalize_newlines", "normalize_unicode", "normalize_quotes", "normalize_whitespace", "split_dateline_furniture", "remove_dateline_furniture", "split_body_end", "remove_body_end", "split_transcript", "transcript_rules", "without_speaker_labels", "clean_text", "clean_text_with_cuts", "clean_line", "clean_lines"]

# Characters that print as a space (no-break, en/em, thin, ideographic ...).
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Characters that print as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Runs of spaces and tabs that are not a single space (a single space needs no change).
_HORIZONTAL_RUN = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize_newlines(text: str) -> str:
    """Turn Windows (``\\r\\n``), old Mac (``\\r``) and Unicode line separators into ``\\n``.

    Args:
        text (str): any text.

    >>> normalize_newlines("a\\r\\nb\\rc\\u2028d")
    'a\\nb\\nc\\nd'
    """
    return _NEWLINES.sub("\n", text)


def normalize_unicode(text: str) -> str:
    """NFC-compose characters, make exotic spaces plain spaces and drop invisible characters.

    NFC (not NFKC) so that characters with meaning, such as curly quotes, ``½`` or ``²``,
    are kept as written.

    >>> normalize_unicode("Cafe\\u0301\\u00a0Xi\\u200b")
    'Café Xi'

    Args:
        text (str): any text.
    """
    # Invisible characters go first, so that NFC composes what they stood between (and a second
    # pass changes nothing).
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", text)


# Typographic apostrophes and quotation marks, each replaced by its one-character ASCII form, so
# offsets into the text stay valid.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u201f": '"'})
_QUOTE_PAIRS = [(chr(code), ascii_form) for code, ascii_form in _QUOTES.items()]


def normalize_quotes(text: str) -> str:
    """Typographic apostrophes and quotes as ASCII ``'`` and ``"``, one character for one.

    For analysis only (tokens, stopwords, sentiment, frame indicators): news text writes
    "weren’t", and VADER's negation rule, the stopword list and the lexicons know "weren't".
    The corpus text keeps the characters as written.

    >>> print(normalize_quotes("The talks weren’t “good”."))
    The talks weren't "good".

    Args:
        text (str): any text.
    """
    for typographic, ascii_form in _QUOTE_PAIRS:   # str.replace: many times faster than translate
        if typographic in text:
            text = text.replace(typographic, ascii_form)
    return text


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces and tabs, strip every line and drop blank lines.

    One paragraph per line is the corpus convention, so blank lines carry no information.

    >>> normalize_whitespace("  Two  spaces\\n\\n\\tand a tab ")
    'Two spaces\\nand a tab'

    Args:
        text (str): any text.
    """
    lines = (line.strip() for line in _HORIZONTAL_RUN.sub(" ", normalize_newlines(text)).split("\n"))
    return "\n".join(line for line in lines if line)


def split_dateline_furniture(line: str, *, furniture: list[str] | None = None) -> tuple[str, str]:
    """Split page controls scraped together with the dateline off its end: ``(kept, removed)``.

    ``furniture`` defaults to the ``dateline`` list of ``framelab/data/cleaning.yaml``.

    >>> split_dateline_furniture("Xinhua, September 25, 2015 Adjust font size:")
    ('Xinhua, September 25, 2015', 'Adjust font size:')

    Args:
        line (str): the dateline as read.
        furniture (list of str or None, default None): None for ``cleaning.yaml``'s list.
    """
    if furniture is None:
        furniture = read_yaml("cleaning.yaml")["dateline"]
    kept = line.strip()
    changed = True
    while changed:
        changed = False
        for item in furniture:
            if item and kept.endswith(item):
                kept = kept[: -len(item)].rstrip()
                changed = True
    return kept, line.strip()[len(kept):].strip()


def remove_dateline_furniture(line: str, *, furniture: list[str] | None = None) -> str:
    """The dateline without its page furniture (see ``split_dateline_furniture``).

    >>> remove_dateline_furniture("Xinhua, September 25, 2015 Adjust font size:")
    'Xinhua, September 25, 2015'

    Args:
        line (str): the dateline as read.
        furniture (list of str or None, default None): None for ``cleaning.yaml``'s list.
    """
    return split_dateline_furniture(line, furniture=furniture)[0]


def split_body_end(text: str, *, markers: list[str] | None = None) -> tuple[str, str]:
    """Split an end-of-item marker (``"Endi"``) off the end of a body: ``(kept, removed)``.

    The marker is removed only when it stands as the last word after whitespace or
    sentence-final punctuation, so a word that merely ends in the same letters ("Vendi") is
    never cut. ``markers`` defaults to the ``body_end`` list of ``framelab/data/cleaning.yaml``.

    >>> split_body_end("The world is waiting. Endi")
    ('The world is waiting.', 'Endi')

    Args:
        text (str): the body.
        markers (list of str or None, default None): None for ``cleaning.yaml``'s list.
    """
    if markers is None:
        markers = read_yaml("cleaning.yaml")["body_end"]
    # Longest first, so "Enditem" is not read as "Endi" + "tem".
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True) if m)
    if not alternatives:
        return text, ""
    pattern = re.compile(rf"(?:(?<=\s)|(?<=[.!?\"'”’)\]]))(?:{alternatives})\s*\Z")
    kept, longest = text.rstrip(), max(len(m) for m in markers)
    # A marker can only be the last characters: search from there (the lookbehind still sees
    # the character before).
    while (match := pattern.search(kept, max(len(kept) - longest, 0))):
        kept = kept[: match.start()].rstrip()
    return kept, text.rstrip()[len(kept):].strip()


def remove_body_end(text: str, *, markers: list[str] | None = None) -> str:
    """The body without its end-of-item marker (see ``split_body_end``).

    >>> remove_body_end("The world is waiting. Endi")
    'The world is waiting.'

    Args:
        text (str): the body.
        markers (list of str or None, default None): None for ``cleaning.yaml``'s list.
    """
    return split_body_end(text, markers=markers)[0]


@dataclass(frozen=True)
class TranscriptRules:
    """``transcripts.yaml`` compiled: see ``transcript_rules``."""

    aside: re.Pattern
    timestamp: re.Pattern
    end: re.Pattern
    end_starts: frozenset
    heading_lines: int
    heading_max_words: int
    speaker: re.Pattern


@lru_cache(maxsize=1)
def transcript_rules() -> TranscriptRules:
    """The rules of ``framelab/data/transcripts.yaml``, checked and compiled (a malformed entry is an
    error naming the file and the entry).

    >>> bool(transcript_rules().aside.search("Thank you. (Laughter.)"))
    True
    """
    shown = "framelab/data/transcripts.yaml"
    rules = read_yaml("transcripts.yaml")
    try:
        words = [w for w in rules["stage_directions"] if isinstance(w, str) and w.strip()]
        if len(words) != len(rules["stage_directions"]):
            raise ValueError("every stage_directions entry must be text")
        ends = [str(e) for e in rules["end"]]
        time = rules["timestamp"]
        aside_words = "|".join(re.escape(w.strip()) for w in sorted(words, key=len, reverse=True))
        return TranscriptRules(
            aside=re.compile(rf"\s*[(\[]\s*(?:{aside_words})\b[^()\[\]]{{0,80}}[)\]]", re.IGNORECASE),
            timestamp=re.compile(time),
            end=re.compile(rf"(?:{'|'.join(re.escape(e) for e in ends)})(?:\s+(?:{time}))?"),
            end_starts=frozenset(e[:1] for e in ends if e),
            heading_lines=int(rules["heading_lines"]), heading_max_words=int(rules["heading_max_words"]),
            speaker=re.compile(rf"^(?:{rules['speaker_label']})", re.MULTILINE))
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise ValueError(f"{shown}: malformed rule ({type(error).__name__}: {error}); restore the entries "
                         "stage_directions (list of words), timestamp (a regular expression), end (list), "
                         "heading_lines and heading_max_words (numbers), speaker_label (a regular expression)") from error


def without_speaker_labels(text: str, *, rules: TranscriptRules | None = None) -> str:
    r"""``text`` without the speaker labels that open its lines ("MR. EARNEST:", "PRESIDENT XI:", "Q"; the
    rule is ``speaker_label`` in ``framelab/data/transcripts.yaml``): what tone is scored on.

    Args:
        text (str): any text; a label is removed only where it opens a line.
        rules (TranscriptRules or None, default None): None for ``transcript_rules()``.

    >>> without_speaker_labels("MR. EARNEST: Yes, we do.\nQ  And Beijing?")
    'Yes, we do.\nAnd Beijing?'
    """
    return (rules or transcript_rules()).speaker.sub("", text)


_SENTENCE_END = re.compile(r"[.!?:;\"'”’]$")


def split_transcript(lines: list[str], *, rules: TranscriptRules | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """A transcript's lines without its furniture, and what was cut as ``(step, removed)`` pairs.

    Cut (rules in ``framelab/data/transcripts.yaml``): stage directions in brackets ("(Laughter.)",
    also inside a paragraph), lines that are only a clock time ("12:15 P.M. CST"), "END" lines,
    and the heading before an opening clock time: short lines that do not end a sentence, such as
    the venue ("Great Hall of the People", "Beijing, China"). Text that is not a transcript has
    none of these and passes unchanged; "(Taiwan)" and other bracketed words stay.

    >>> split_transcript(["Great Hall of the People", "Beijing, China", "12:15 P.M. CST",
    ...                   "PRESIDENT XI: (As interpreted.) Welcome. (Applause.)", "END 12:50 P.M. CST"])[0]
    ['PRESIDENT XI: Welcome.']

    Args:
        lines (list of str): the body's lines (paragraphs), cleaned.
        rules (TranscriptRules or None, default None): None for ``transcript_rules()``.
    """
    rules = rules or transcript_rules()
    cuts: list[tuple[str, str]] = []
    ends = rules.end_starts
    if not any(line[:1].isdigit() or line[:1] in ends or "(" in line or "[" in line for line in lines):
        return lines, cuts   # nothing a rule could cut (most text): one quick pass
    opening = next((i for i, line in enumerate(lines[: rules.heading_lines]) if rules.timestamp.fullmatch(line)), None)
    kept: list[str] = []
    for index, line in enumerate(lines):
        if opening is not None and index < opening and len(line.split()) <= rules.heading_max_words \
                and not _SENTENCE_END.search(line):
            cuts.append(("transcript heading", line))
            continue
        if line[:1].isdigit() and len(line) < 40 and rules.timestamp.fullmatch(line):
            cuts.append(("timestamp", line))
            continue
        if line[:1] in ends and rules.end.fullmatch(line):
            cuts.append(("end of transcript", line))
            continue
        if "(" in line or "[" in line:
            asides = [m.group().strip() for m in rules.aside.finditer(line)]
            if asides:
                cuts.extend(("stage direction", aside) for aside in asides)
                line = rules.aside.sub("", line).strip()
                if not line:
                    continue
        kept.append(line)
    return kept, cuts


def clean_text_with_cuts(text: str, *, markers: list[str] | None = None) -> tuple[str, list[tuple[str, str]]]:
    """``clean_text`` and what it cut, as ``(step, removed text)`` pairs (the loader's cleaning log).

    Args:
        text (str): the body as read.
        markers (list of str or None, default None): end-of-item markers; None for ``cleaning.yaml``.

    >>> clean_text_with_cuts("The world is waiting. Endi")
    ('The world is waiting.', [('end-of-item marker', 'Endi')])
    """
    lines, cuts = split_transcript(normalize_whitespace(normalize_unicode(normalize_newlines(text))).split("\n"))
    body, marker = split_body_end("\n".join(lines), markers=markers)
    return normalize_whitespace(body), cuts + ([("end-of-item marker", marker)] if marker else [])


def clean_text(text: str, *, markers: list[str] | None = None) -> str:
    """Clean an article body: line endings, Unicode, whitespace, transcript furniture
    (``split_transcript``), then the end-of-item marker.

    Args:
        text (str): the body as read.
        markers (list of str or None, default None): end-of-item markers; None for ``cleaning.yaml``.

    >>> clean_text("The world\\u00a0 is waiting.\\r\\n Endi")
    'The world is waiting.'
    """
    return clean_text_with_cuts(text, markers=markers)[0]


def clean_lines(text: str) -> list[str]:
    """Every line of a text cleaned as ``clean_line`` cleans it (blank lines kept, as empty strings),
    in one pass over the whole text.

    >>> clean_lines("  China Voice:\\u00a0 talks \\r\\n\\n Xinhua ")
    ['China Voice: talks', '', 'Xinhua']

    Args:
        text (str): a whole file's text.
    """
    # No step changes a line break or reaches across one, so the whole text is cleaned at once.
    text = _HORIZONTAL_RUN.sub(" ", normalize_unicode(normalize_newlines(text)))
    return [line.strip() for line in text.split("\n")]


def clean_line(line: str) -> str:
    """Clean one line of metadata (title, dateline): Unicode and whitespace only.

    Args:
        line (str): a title or dateline as read.

    >>> clean_line("  China Voice:\u00a0 talks ")
    'China Voice: talks'
    """
    return normalize_whitespace(normalize_unicode(line)).replace("\n", " ")
