"""One name per outlet: case and spacing variants and listed aliases grouped together.

"XINHUA", "Xinhua " and "Xinhua News Agency" are one outlet for every comparison. Aliases live
in ``framelab/data/outlets.yaml`` (editable); the name as the source wrote it is kept in the
``outlet_as_written`` column.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from framelab.resources import load_yaml, read_yaml

__all__ = ["load_aliases", "group", "key"]


def key(name: str) -> str:
    """The form outlet names are compared in: spacing collapsed, case folded.

    Args:
        name (str): an outlet name as written.

    >>> key("  Xinhua   NEWS ")
    'xinhua news'
    """
    return re.sub(r"\s+", " ", name).strip().casefold()


def load_aliases(source=None) -> dict[str, str]:
    """``{compared form: outlet name}`` from ``outlets.yaml``, plus (taking precedence) the
    aliases in ``source``: a YAML file of the same shape or a dict ``{name: [aliases]}``.

    >>> load_aliases()[key("XINHUA NEWS AGENCY")]
    'Xinhua'

    Args:
        source (str, Path, dict or None, default None): aliases added to (and taking precedence
            over) ``outlets.yaml``.
    """
    aliases = _aliases(read_yaml("outlets.yaml"), "framelab/data/outlets.yaml")
    if source is None:
        return aliases
    if isinstance(source, dict):
        entries, shown = source, "outlet_aliases"
    else:
        path = Path(source).expanduser()
        shown = path.name
        entries = load_yaml(path)
    return {**aliases, **_aliases(entries, shown)}


def _aliases(entries, shown: str) -> dict[str, str]:
    if not isinstance(entries, dict):
        raise ValueError(f"{shown}: expected a mapping of outlet name to a list of aliases, "
                         f"found {type(entries).__name__}")
    aliases: dict[str, str] = {}
    for name, others in entries.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{shown}: outlet name {name!r} is not text")
        if others is None:
            others = []
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise ValueError(f"{shown}: the aliases of {name!r} must be a list of names")
        for form in [name, *others]:
            earlier = aliases.get(key(form))
            if earlier is not None and earlier != name.strip():
                raise ValueError(f"{shown}: {form!r} is listed under both {earlier!r} and {name!r}")
            aliases[key(form)] = name.strip()
    return aliases


def group(written: list[str | None], aliases: dict[str, str]) -> list[str | None]:
    """The outlet name for each written name.

    A listed alias gives its outlet's name. Otherwise variants that differ only in case or
    spacing take the form written most often (ties: mixed case before all capitals, then
    alphabetical, then all lower case), so the corpus decides and no variant is invented.

    >>> group(["XINHUA", "Xinhua News Agency", "Voice  of America", "Daily Planet", "DAILY PLANET",
    ...        "Daily Planet"], load_aliases())
    ['Xinhua', 'Xinhua', 'Voice of America', 'Daily Planet', 'Daily Planet', 'Daily Planet']

    Args:
        written (list of str or None): outlet names as written.
        aliases (dict): from ``load_aliases``.
    """
    spelled = Counter(re.sub(r"\s+", " ", w).strip() for w in written if w)
    best: dict[str, str] = {}
    def preference(item):
        form, count = item
        return -count, 2 if form.islower() else 1 if form.isupper() else 0, form

    for form, count in sorted(spelled.items(), key=preference):
        best.setdefault(key(form), form)
    return [None if not w else aliases.get(key(w), best[key(w)]) for w in written]
