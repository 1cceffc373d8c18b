"""Actors: who is mentioned where. Surface forms per actor come from ``data/actors.yaml``.

Only body text is searched (sentence by sentence), so a title or a series label such as
"China Voice" is never a mention.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from framelab import checks
from framelab.resources import data_path, load_yaml

MENTION_COLUMNS = ["doc_id", "paragraph", "sentence", "actor", "surface_form", "start"]
__all__ = ["load_actors", "load_not_mentions", "mentions", "mention_counts", "groups", "ActorMatcher", "ActorListError"]


class ActorListError(ValueError):
    """The actor file is malformed (names the file and the entry)."""


def load_actors(path=None) -> dict[str, list[str]]:
    """Actors and their surface forms from a YAML file (default: ``data/actors.yaml``).

    The file holds ``actors:`` mapping each actor's name to a list of surface forms.

    Args:
        path (str, Path or None, default None): the YAML file; None for ``data/actors.yaml``.

    >>> sorted(load_actors())
    ['China', 'United States']
    """
    source = data_path("actors.yaml") if path is None else path
    content = load_yaml(source, error=ActorListError) or {}
    actors = content.get("actors") if isinstance(content, dict) else None
    if not isinstance(actors, dict) or not actors:
        raise ActorListError(f"{source}: expected 'actors:' mapping each actor to a list of surface forms")
    owner: dict[str, str] = {}
    for actor, forms in actors.items():
        if not isinstance(actor, str) or not actor.strip():
            raise ActorListError(f"{source}: actor name {actor!r} must be text")
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
            raise ActorListError(f"{source}: actor {actor!r}: give a non-empty list of surface forms")
        for form in forms:
            if form in owner and owner[form] != actor:
                raise ActorListError(f"{source}: surface form {form!r} is listed for both "
                                     f"{owner[form]!r} and {actor!r}; keep it under one actor")
            owner[form] = actor
    return {str(actor): list(forms) for actor, forms in actors.items()}


def load_not_mentions(path=None) -> list[str]:
    """Names that contain an actor's surface form but mention no actor ("Latin America"), from the
    ``not_mentions:`` list of the actor file (default: ``data/actors.yaml``; none if it has no list).

    Args:
        path (str, Path or None, default None): the YAML file; None for ``data/actors.yaml``.

    >>> "Latin America" in load_not_mentions()
    True
    """
    source = data_path("actors.yaml") if path is None else path
    content = load_yaml(source, error=ActorListError) or {}
    names = content.get("not_mentions", []) if isinstance(content, dict) else []
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ActorListError(f"{source}: 'not_mentions:' must be a list of names")
    return list(names)


class ActorMatcher:
    """Finds actor mentions in text: case-sensitive forms, word boundaries, hyphens as boundaries.
    Where forms overlap the longest wins; names listed as ``not_mentions`` ("Latin America") are
    read whole and counted for nobody.

    Args:
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.
        not_mentions (list of str or None, default None): names that mention no actor; None for
            the ``not_mentions:`` list of ``data/actors.yaml``.

    >>> ActorMatcher({"China": ["China", "Beijing"]}).find("Beijing and China-U.S. ties")
    [('China', 'Beijing', 0), ('China', 'China', 12)]
    """

    def __init__(self, actors: dict[str, list[str]] | None = None, not_mentions: list[str] | None = None):
        self.actors = load_actors() if actors is None else actors
        self.not_mentions = load_not_mentions() if not_mentions is None else list(not_mentions)
        self._actor_of = {}
        alternatives = []
        for name in self.not_mentions:  # read whole and counted for nobody ("Latin America")
            self._actor_of[name] = None
            alternatives.append((len(name), name, re.escape(name)))
        for actor, forms in self.actors.items():
            for form in forms:
                # "Sino-": the prefix only, and only before a hyphen.
                bare = form[:-1] if form.endswith("-") else form
                self._actor_of[bare] = actor
                alternatives.append((len(bare), bare, re.escape(bare) + ("(?=-)" if form.endswith("-") else "")))
        alternatives.sort(key=lambda a: (-a[0], a[1]))
        # Left: not after a letter or digit (a hyphen is fine: "China-U.S."). Right: the same,
        # except that a form ending in "." is complete ("U.S." before a word-final period).
        self._pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(a[2] for a in alternatives) + r")"
                                   r"(?:(?<=\.)|(?![^\W_]))")

    def find(self, text: str) -> list[tuple[str, str, int]]:
        """``(actor, surface_form, start)`` for every mention in ``text``.

        >>> ActorMatcher().find("Sino-US ties: China's view")
        [('China', 'Sino', 0), ('United States', 'US', 5), ('China', 'China', 14)]
        """
        return [(self._actor_of[m.group(0)], m.group(0), m.start()) for m in self._pattern.finditer(text)
                if self._actor_of[m.group(0)] is not None]


@lru_cache(maxsize=1)
def default_matcher() -> ActorMatcher:
    return ActorMatcher()


@checks.parameters(actors=checks.ActorLists())
def mentions(corpus, *, actors: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """One row per actor mention in the body text.

    Args:
        corpus (Corpus): a loaded corpus.
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    Returns:
        DataFrame with doc_id, paragraph, sentence, actor, surface_form (as written, without a
        possessive "'s") and start (character offset in the sentence).

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> mentions(corpus).groupby("actor").size().to_dict()
    {'China': 24, 'United States': 18}
    """
    import json

    from framelab.cache import derived, kept

    matcher = default_matcher() if actors is None else ActorMatcher(actors)
    forms = json.dumps(matcher.actors, sort_keys=True)

    def find():
        rows = [(s.doc_id, s.paragraph, s.sentence, actor, form, start)
                for s in corpus.sentences.itertuples(index=False)
                for actor, form, start in matcher.find(s.text)]
        return pd.DataFrame(rows, columns=MENTION_COLUMNS)
    # Found once per corpus object and actor list, and kept beside a cached corpus for the next notebook.
    found = kept(corpus, "_mentions", corpus.sentences, forms,
                 lambda: derived(corpus, "actors.mentions", {"actors": forms}, find))
    return found.copy()


@checks.parameters(actors=checks.ActorLists())
def mention_counts(corpus, *, actors: dict[str, list[str]] | None = None, by=None, period=None) -> pd.DataFrame:
    """Mentions per document (or group of documents) and actor, with the rate per 1,000 words.

    Every (document or group, actor) pair appears, with 0 where an actor is never mentioned.

    Args:
        corpus (Corpus): a loaded corpus.
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.
        by (str, list of str or None, default None): count per group: metadata column(s) of
            ``corpus.documents`` (None: per document).
        period (str, list of int or None, default None): count per time bin of the date ("year",
            "month", "quarter", "decade" or bin edges in years).

    Returns:
        doc_id, actor, mentions, per_1000_words; with ``by``/``period`` the group columns,
        actor, mentions, per_1000_words, documents (in the group), documents_mentioning, words.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> mention_counts(corpus)[["actor", "mentions"]].values.tolist()
    [['China', 24], ['United States', 18]]
    """
    matcher = default_matcher() if actors is None else ActorMatcher(actors)
    found = mentions(corpus, actors=matcher.actors)
    if by is not None or period is not None:
        return _grouped_counts(corpus, found, list(matcher.actors), by, period)
    index = pd.MultiIndex.from_product([corpus.documents["doc_id"], list(matcher.actors)],
                                       names=["doc_id", "actor"])
    counts = found.groupby(["doc_id", "actor"]).size().reindex(index, fill_value=0).rename("mentions")
    table = counts.reset_index()
    words = corpus.documents.set_index("doc_id")["n_words"]
    table["per_1000_words"] = (1000 * table["mentions"] / table["doc_id"].map(words)).round(2)
    return table


@checks.parameters(actors=checks.ActorLists())
def groups(corpus, units: pd.DataFrame, *, actors: dict[str, list[str]] | None = None) -> list[str]:
    """For each row of ``units`` (keyed by doc_id[, paragraph[, sentence]]), the actors it mentions
    as one label: an actor's name, several joined by " + " in alphabetical order, or "neither".

    Args:
        corpus (Corpus): a loaded corpus.
        units (DataFrame): rows keyed by doc_id[, paragraph[, sentence]] (e.g. ``corpus.paragraphs``).
        actors (dict or None, default None): actor -> surface forms; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> groups(corpus, corpus.paragraphs)[:2]
    ['China + United States', 'China + United States']
    """
    keys = [k for k in ("doc_id", "paragraph", "sentence") if k in units.columns]
    # Each unit's distinct actors in alphabetical order, joined (one vectorised pass, not a function per unit).
    found = mentions(corpus, actors=actors)[keys + ["actor"]].drop_duplicates().sort_values(keys + ["actor"], kind="stable")
    named = found.groupby(keys, sort=False)["actor"].agg(" + ".join).rename("_actors").reset_index()
    labels = units[keys].merge(named, on=keys, how="left")["_actors"]
    return labels.where(labels.notna(), "neither").tolist()


def _grouped_counts(corpus, found, names, by, period) -> pd.DataFrame:
    from framelab import groups as grouping

    keys = grouping.group_columns(by=by, period=period)
    assigned = grouping.assign(corpus, by=by, period=period, where="mention_counts")
    found = found.merge(assigned[["doc_id", *[k for k in keys if k != "doc_id"]]], on="doc_id", how="inner")
    rows = []
    for key, part in assigned.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        inside = found[found["doc_id"].isin(set(part["doc_id"]))]
        words = int(part["n_words"].sum())
        for actor in names:
            hits = inside[inside["actor"] == actor]
            rows.append({**dict(zip(keys, key)), "actor": actor, "mentions": len(hits),
                         "per_1000_words": round(1000 * len(hits) / words, 2) if words else float("nan"),
                         "documents": len(part), "documents_mentioning": int(hits["doc_id"].nunique()),
                         "words": words})
    return pd.DataFrame(rows)

