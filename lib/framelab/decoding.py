"""Turn a file's bytes into text, saying what was unusual about them.

UTF-8 is expected. A byte-order mark, UTF-16, GB18030 (GBK, the common encoding of Chinese
text), Windows-1252 and Windows line endings are recovered and noted; binary and undecodable
files raise an error that says what to do. Every note says whether text may have changed
(``changed=True``: a guessed single-byte encoding, invalid bytes shown as U+FFFD) or not.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

__all__ = ["decode_bytes", "Decoded", "UnreadableFileError"]


class UnreadableFileError(ValueError):
    """The bytes are not text that framelab can recover (binary or unknown encoding)."""

    def __init__(self, problem: str, action: str):
        super().__init__(f"{problem}; {action}")
        self.problem = problem
        self.action = action


@dataclass
class Decoded:
    """Decoded text, the encoding used and the notes as ``(problem, action, changed)`` triples.

    ``changed`` is True when the decoding may have altered or lost characters (a guessed
    Windows-1252, invalid UTF-8 bytes replaced), False for repairs that lose nothing.
    """

    text: str
    encoding: str
    notes: list[tuple[str, str, bool]] = field(default_factory=list)


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf8_share(data: bytes) -> float:
    """Share of the non-ASCII bytes that form well-shaped UTF-8 sequences."""
    non_ascii = sum(1 for byte in data if byte > 127)
    if not non_ascii:
        return 1.0
    return sum(len(m) for m in _UTF8_SEQUENCE.findall(data)) / non_ascii


def _as_gb18030(data: bytes) -> str | None:
    """The text if ``data`` is GB18030/GBK Chinese: it decodes, and its non-ASCII characters
    are (almost) all Chinese characters or CJK punctuation; else None."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return None
    cjk = sum(1 for ch in non_ascii if _CJK.match(ch))
    return text if cjk / len(non_ascii) >= 0.9 else None


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")   # below 32, except tab, line feed, form feed, return


def _control_share(text: str) -> float:
    controls = len(_CONTROLS.findall(text))
    return controls / max(len(text), 1)


def decode_bytes(data: bytes) -> Decoded:
    """Decode file content, noting a BOM, UTF-16, GB18030, Windows-1252 and CRLF line endings.

    Raises:
        UnreadableFileError: for binary content (NUL or control bytes) or bytes that are
            neither UTF-8 nor Windows-1252.

    >>> decode_bytes("caf\\u00e9".encode("cp1252")).encoding
    'cp1252'

    Args:
        data (bytes): the file's bytes.
    """
    notes: list[tuple[str, str]] = []
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        notes.append(("UTF-8 byte-order mark (BOM) at the start of the file",
                      "BOM removed, text loaded; nothing to do (re-save without BOM to silence this)", False))
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        notes.append(("file is UTF-16 encoded", "decoded as UTF-16 and loaded; re-save as UTF-8 to silence this", False))
    elif b"\x00" in data:
        raise UnreadableFileError("binary file (contains NUL bytes), not text",
                                  "skipped; remove it from the corpus or convert it to UTF-8 text")
    else:
        encoding = "utf-8"

    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as utf8_error:
        if encoding != "utf-8":
            raise UnreadableFileError(f"not valid {encoding} ({utf8_error.reason} at byte {utf8_error.start})",
                                      "skipped; re-save the file as UTF-8") from None
        replaced = data.decode("utf-8", errors="replace")
        chinese = None if _utf8_share(data) >= 0.5 else _as_gb18030(data)
        if chinese is not None:
            # Most non-ASCII bytes are not UTF-8, and they all read as Chinese in GB18030 (a
            # superset of GBK and GB2312): a Chinese file, not UTF-8 with damage.
            text, encoding = chinese, "gb18030"
            notes.append(("file is GB18030/GBK encoded (Chinese), not UTF-8",
                          "decoded as GB18030 and loaded; nothing lost (re-save as UTF-8 to silence this)",
                          False))
        elif any(ord(ch) > 127 and ch != "\ufffd" for ch in replaced) and _utf8_share(data) >= 0.5:
            # Valid multi-byte UTF-8 elsewhere: a UTF-8 file with a few broken bytes. Decoding
            # it all as Windows-1252 would garble every correct accented letter.
            broken = replaced.count("\ufffd")
            text, encoding = replaced, "utf-8"
            notes.append((f"UTF-8 with {broken} invalid byte sequence(s) (first at byte {utf8_error.start})",
                          "loaded with each invalid sequence shown as \ufffd (U+FFFD); "
                          "find the damaged characters and repair the file", True))
        else:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise UnreadableFileError(
                    f"neither UTF-8 nor Windows-1252 (invalid byte at position {utf8_error.start})",
                    "skipped; find the file's encoding and re-save it as UTF-8") from None
            encoding = "cp1252"
            notes.append((f"not valid UTF-8 (first bad byte at position {utf8_error.start}); "
                          "decoded as Windows-1252",
                          "loaded; check quotes and accented letters, and re-save the file as UTF-8", True))

    if _control_share(text) > 0.01:
        raise UnreadableFileError("binary file (many control characters), not text",
                                  "skipped; remove it from the corpus or convert it to UTF-8 text")
    if "\r\n" in text:
        notes.append(("Windows line endings (CRLF)", "converted to \\n and loaded; nothing to do", False))
    elif "\r" in text:
        notes.append(("carriage returns without a line feed (old Mac or reversed \\n\\r line endings)",
                      "converted to \\n and loaded; nothing to do", False))
    return Decoded(text=text, encoding=encoding, notes=notes)
