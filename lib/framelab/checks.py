"""One place for checking arguments: allowed values declared next to each function, one wording
for every invalid value or type, and a warning when an option is ignored because of another.

Modelled on scikit-learn's ``_parameter_constraints`` (constraints declared beside the function,
checked in one place) and textacy's ``errors.py`` (one wording for every message)::

    @checks.parameters(unit=checks.Choice("sentence", "paragraph", "document"),
                       top=checks.Integer(minimum=1, none=True))
    def frequencies(corpus, *, unit="sentence", top=None): ...

A bad value raises ``ValueError`` (a wrong type ``TypeError``) worded as
``"invalid value for frequencies(top=...): -1; expected an integer >= 1 or None"``.
"""
from __future__ import annotations

import functools
import inspect
import numbers
import warnings

__all__ = ["parameters", "keywords_after", "warn_ignored", "invalid_value", "invalid_type", "Constraint", "Choice",
           "Integer", "Number", "Flag", "FlagOrWords", "Columns", "Words", "FlagOrNames", "ActorLists", "Instance", "Text"]


def invalid_value(where: str, name: str, value, expected: str) -> ValueError:
    """The one wording of an invalid value.

    Args:
        where (str): the function's name.
        name (str): the argument's name.
        value (any): the value given.
        expected (str): what is allowed, in words.

    >>> str(invalid_value("kwic", "window", -2, "an integer >= 0"))
    'invalid value for kwic(window=...): -2; expected an integer >= 0'
    """
    return ValueError(f"invalid value for {where}({name}=...): {value!r}; expected {expected}")


def invalid_type(where: str, name: str, value, expected: str) -> TypeError:
    """The one wording of an invalid type.

    Args:
        where (str): the function's name.
        name (str): the argument's name.
        value (any): the value given.
        expected (str): what is allowed, in words.

    >>> str(invalid_type("frequencies", "stopwords", "english", "True, False or a list of words"))
    'invalid type for frequencies(stopwords=...): str; expected True, False or a list of words'
    """
    return TypeError(f"invalid type for {where}({name}=...): {type(value).__name__}; expected {expected}")


def warn_ignored(where: str, option: str, because: str) -> None:
    """Warn that ``option`` has no effect in this call, and why.

    Args:
        where (str): the function's name.
        option (str): the option that has no effect.
        because (str): why, in words.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_ignored("kwic", "ignore_case", "actors always match case-sensitively")
    >>> str(caught[0].message)
    'kwic: ignore_case is ignored because actors always match case-sensitively'
    """
    warnings.warn(f"{where}: {option} is ignored because {because}", UserWarning, stacklevel=3)


class Constraint:
    """What a parameter accepts; ``check`` raises with the one wording, ``expected`` says it in words."""

    expected = "a valid value"

    def check(self, where: str, name: str, value) -> None:
        raise NotImplementedError


class Choice(Constraint):
    """One of a fixed set of values (strings such as "sentence" or "vader")."""

    def __init__(self, *values, none: bool = False):
        self.values, self.none = values, none
        self.expected = "one of " + ", ".join(repr(v) for v in values) + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if value not in self.values:
            raise invalid_value(where, name, value, self.expected)


class Integer(Constraint):
    """An integer, optionally bounded below/above, optionally None."""

    def __init__(self, minimum: int | None = None, maximum: int | None = None, none: bool = False):
        self.minimum, self.maximum, self.none = minimum, maximum, none
        bounds = [f">= {minimum}"] if minimum is not None else []
        bounds += [f"<= {maximum}"] if maximum is not None else []
        self.expected = "an integer" + (" " + " and ".join(bounds) if bounds else "") + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise invalid_type(where, name, value, self.expected)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise invalid_value(where, name, value, self.expected)


class Number(Constraint):
    """A real number, optionally bounded, optionally None."""

    def __init__(self, minimum: float | None = None, maximum: float | None = None, none: bool = False):
        self.minimum, self.maximum, self.none = minimum, maximum, none
        bounds = [f">= {minimum}"] if minimum is not None else []
        bounds += [f"<= {maximum}"] if maximum is not None else []
        self.expected = "a number" + (" " + " and ".join(bounds) if bounds else "") + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise invalid_type(where, name, value, self.expected)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise invalid_value(where, name, value, self.expected)


class Flag(Constraint):
    """True or False (optionally None)."""

    def __init__(self, none: bool = False):
        self.none = none
        self.expected = "True or False" + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if not isinstance(value, bool):
            raise invalid_type(where, name, value, self.expected)


class FlagOrWords(Constraint):
    """True (the default list), False (none) or a list of words: how ``stopwords=`` works everywhere."""

    expected = "True, False or a list of words"

    def check(self, where, name, value):
        if isinstance(value, bool):
            return
        if isinstance(value, str) or not hasattr(value, "__iter__") or not all(isinstance(w, str) for w in value):
            raise invalid_type(where, name, value, self.expected)


class Columns(Constraint):
    """A column name or a list of them (``by=``), optionally None."""

    def __init__(self, none: bool = True):
        self.none = none
        self.expected = "a column name or a list of column names" + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if isinstance(value, str) and value:
            return
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) and v for v in value):
            if len(set(value)) != len(value):
                raise invalid_value(where, name, value, "column names, each once")
            return
        raise invalid_type(where, name, value, self.expected)


class Words(Constraint):
    """A list (or tuple, Series) of strings, never a bare string (which would be read letter by
    letter); optionally empty, optionally None."""

    def __init__(self, none: bool = False, empty: bool = False, what: str = "strings"):
        self.none, self.empty = none, empty
        self.expected = f"a list of {what}" + ("" if empty else " (not empty)") + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__") or isinstance(value, dict):
            raise invalid_type(where, name, value, self.expected)
        items = list(value)
        if not all(isinstance(v, str) for v in items):
            raise invalid_type(where, name, value, self.expected)
        if not items and not self.empty:
            raise invalid_value(where, name, value, self.expected)


class FlagOrNames(Words):
    """True, False or a list of names (``mask_names=``)."""

    def __init__(self):
        super().__init__(empty=True, what="names")
        self.expected = "True, False or a list of names"

    def check(self, where, name, value):
        if isinstance(value, bool):
            return
        super().check(where, name, value)


class ActorLists(Constraint):
    """None, or a non-empty dict of actor name -> list of surface forms (``actors=``)."""

    expected = "None or a dict of actor name -> list of surface forms"

    def check(self, where, name, value):
        if value is None:
            return
        if not isinstance(value, dict) or not value:
            raise invalid_type(where, name, value, self.expected) if not isinstance(value, dict) else \
                invalid_value(where, name, value, self.expected)
        for forms in value.values():
            Words(what="surface forms").check(where, name, forms)


class Instance(Constraint):
    """An instance of a class (by name, to avoid circular imports), optionally None."""

    def __init__(self, class_name: str, none: bool = True, hint: str = ""):
        self.class_name, self.none = class_name, none
        self.expected = f"a {class_name}" + (" or None" if none else "") + (f" ({hint})" if hint else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if type(value).__name__ != self.class_name:
            raise invalid_type(where, name, value, self.expected)


class Text(Constraint):
    """A non-empty string, optionally None."""

    def __init__(self, none: bool = False):
        self.none = none
        self.expected = "a non-empty string" + (" or None" if none else "")

    def check(self, where, name, value):
        if value is None and self.none:
            return
        if not isinstance(value, str):
            raise invalid_type(where, name, value, self.expected)
        if not value.strip():
            raise invalid_value(where, name, value, self.expected)


def parameters(**constraints):
    """Decorator: check the named arguments of every call against their constraints.

    Args:
        **constraints (Constraint): parameter name -> what it accepts.

    >>> @parameters(top=Integer(minimum=1))
    ... def first(items, *, top=1):
    ...     return items[:top]
    >>> first([1, 2, 3], top=2)
    [1, 2]
    >>> first([1, 2, 3], top=0)
    Traceback (most recent call last):
    ValueError: invalid value for first(top=...): 0; expected an integer >= 1
    """

    def decorate(function):
        signature = inspect.signature(function)
        unknown = set(constraints) - set(signature.parameters)
        if unknown:
            raise TypeError(f"{function.__qualname__} has no parameter(s) {sorted(unknown)}")
        where = function.__name__

        @functools.wraps(function)
        def checked(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, constraint in constraints.items():
                constraint.check(where, name, bound.arguments[name])
            return function(*args, **kwargs)

        checked.parameter_constraints = dict(constraints)
        return checked

    return decorate


def keywords_after(*names, release: str = "0.3"):
    """Decorator for an option that used to be positional: a positional value still works, with a
    ``FutureWarning`` saying to pass it by keyword (until ``release``).

    Args:
        *names (str): the options that used to be positional, in their old order.
        release (str, default "0.3"): the release that drops the positional form.

    >>> @keywords_after("top")
    ... def first(items, *, top=1):
    ...     return items[:top]
    >>> import warnings; warnings.simplefilter("ignore", FutureWarning)
    >>> first([1, 2, 3], 2)
    [1, 2]
    """

    def decorate(function):
        signature = inspect.signature(function)
        positional = [p for p in signature.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if len(args) > len(positional):
                extra = args[len(positional):]
                if len(extra) > len(names):
                    raise TypeError(f"{function.__name__}() takes {len(positional)} positional argument(s); "
                                    f"pass {', '.join(names)} by keyword")
                moved = dict(zip(names, extra))
                warnings.warn(f"{function.__name__}(): pass {', '.join(f'{k}=' for k in moved)} by keyword; "
                              f"positional use is deprecated and stops working in framelab {release}",
                              FutureWarning, stacklevel=2)
                clash = set(moved) & set(kwargs)
                if clash:
                    raise TypeError(f"{function.__name__}() got {sorted(clash)} both by position and by keyword")
                kwargs.update(moved)
                args = args[:len(positional)]
            return function(*args, **kwargs)

        wrapper.moved_to_keywords = names
        return wrapper

    return decorate
