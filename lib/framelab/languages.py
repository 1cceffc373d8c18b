"""Which language a document is in, by its script: enough to keep non-English text out of
analyses built for English (the VADER and AFINN lexicons, the codebook, the stopword list).

Values are BCP 47 language tags: ``en`` (Latin script, mostly English function words), ``zh``
(Han characters), ``ja`` (kana), ``ko`` (Hangul), ``el`` (Greek), ``he`` (Hebrew), ``th`` (Thai);
where the script does not tell the language, ``und-`` plus the script: ``und-Latn`` (Latin script
but not English: French, Spanish ...), ``und-Cyrl``, ``und-Arab``, ``und-Deva``; ``und`` when
there are no letters.
"""
from __future__ import annotations

import re
from collections import Counter
import unicodedata
import warnings

from functools import lru_cache

__all__ = ["detect", "describe", "non_english", "warn_non_english", "ENGLISH"]

#: A Latin-script text is English unless it has at least ``ENGLISH_MIN_WORDS`` words and fewer
#: than this share of them are among the 5,000 most frequent English words (wordfreq's list).
#: Measured: every one of 1,096 UN General Debate statements (every tenth of the corpus) 0.77 or
#: more; a name-heavy wire lead ("WASHINGTON, Sept. 25 (Xinhua) -- Chinese President Xi ...")
#: 0.76; French, Spanish and German prose 0.12 to 0.45. Shorter texts count as English.
ENGLISH_MIN_SHARE = 0.6
ENGLISH_MIN_WORDS = 20
ENGLISH_WORDS = 5000
ENGLISH = "en"
_NAMES = {"en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "el": "Greek",
          "he": "Hebrew", "th": "Thai", "und-Latn": "Latin script, not English",
          "und-Cyrl": "Cyrillic script", "und-Arab": "Arabic script", "und-Deva": "Devanagari script",
          "und": "no letters"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _script(ch: str) -> str | None:
    code = ord(ch)
    if code < 0x250:
        return "Latn" if ch.isalpha() else None
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "Kana"
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F:
        return "Hani"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "Hang"
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for prefix, script in (("LATIN", "Latn"), ("CYRILLIC", "Cyrl"), ("ARABIC", "Arab"),
                           ("GREEK", "Grek"), ("HEBREW", "Hebr"), ("DEVANAGARI", "Deva"),
                           ("THAI", "Thai")):
        if name.startswith(prefix):
            return script
    return "other"


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.top_n_list("en", ENGLISH_WORDS))


def detect(text: str, *, sample: int = 20_000) -> str:
    """The language tag of ``text`` from its letters' scripts (its first ``sample`` characters).

    >>> detect("The talks were held in Beijing."), detect("中美关系"), detect("Внешняя политика")
    ('en', 'zh', 'und-Cyrl')
    >>> detect("Les négociations entre les deux pays se sont tenues à Pékin la semaine dernière, "
    ...        "et la délégation française a présenté un projet de texte sur le commerce.")
    'und-Latn'

    Args:
        text (str): any text.
        sample (int, default 20000): characters looked at.
    """
    text = text[:sample]
    # ASCII letters are Latin: counted in bytes; the other characters one distinct character at a time.
    letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    counts: dict[str, int] = {"Latn": letters} if letters else {}
    for ch, n in Counter(_NOT_ASCII.findall(text)).items():
        script = _script(ch)
        if script:
            counts[script] = counts.get(script, 0) + n
    if not counts:
        return "und"
    # Japanese mixes kana with Han characters: count them together, then a real share of kana
    # tells Japanese from Chinese.
    kana, han = counts.pop("Kana", 0), counts.get("Hani", 0)
    if kana:
        counts["Hani"] = kana + han
    script = max(sorted(counts), key=counts.get)
    if script == "Hani":
        return "ja" if kana >= 0.05 * (kana + han) else "zh"
    if script == "Latn":
        words = [w.lower() for w in _WORD.findall(text)]
        english = _english_words()
        share = sum(w in english for w in words) / max(len(words), 1)
        if len(words) < ENGLISH_MIN_WORDS:
            return ENGLISH
        return ENGLISH if share >= ENGLISH_MIN_SHARE else "und-Latn"
    return {"Hang": "ko", "Grek": "el", "Hebr": "he", "Thai": "th",
            "Cyrl": "und-Cyrl", "Arab": "und-Arab", "Deva": "und-Deva"}.get(script, "und")


def describe(tag: str) -> str:
    """A plain name for a language tag: ``describe("zh")`` is ``'Chinese'``.

    Args:
        tag (str): a tag from ``detect``.

    >>> describe("zh"), describe("und-Latn")
    ('Chinese', 'Latin script, not English')
    """
    return _NAMES.get(tag, tag)


def non_english(corpus) -> list[str]:
    """doc_ids of the documents whose ``language`` is not English (empty if the column is absent).

    Args:
        corpus (Corpus): a loaded corpus.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> non_english(corpus)
    []
    """
    documents = corpus.documents
    if "language" not in documents.columns:
        return []
    return documents.loc[documents["language"] != ENGLISH, "doc_id"].tolist()


def warn_non_english(corpus, analysis: str, *, skipped: bool = False) -> list[str]:
    """Warn once that ``analysis`` was built for English and the corpus holds other languages;
    return the doc_ids concerned. With ``skipped=True`` the warning says they were left out.

    Args:
        corpus (Corpus): a loaded corpus.
        analysis (str): the analysis's name, as the warning shows it.
        skipped (bool, default False): say that the documents were left out.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> warn_non_english(corpus, "sentiment.score")   # an English corpus: no warning
    []
    """
    other = non_english(corpus)
    if other:
        languages = corpus.documents.set_index("doc_id").loc[other, "language"]
        summary = ", ".join(f"{describe(tag)} {count}" for tag, count in
                            languages.value_counts().sort_index().items())
        shown = ", ".join(repr(d) for d in other[:5]) + (" ..." if len(other) > 5 else "")
        what = ("left out" if skipped else
                "analysed as if English; results for them are not meaningful")
        warnings.warn(f"{analysis} is built for English; {len(other)} document(s) are not English "
                      f"({summary}: {shown}) and were {what}. Filter corpus.documents on the "
                      "'language' column to choose.", UserWarning, stacklevel=3)
    return other
