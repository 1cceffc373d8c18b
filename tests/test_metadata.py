"""Dates and series labels read from titles and datelines."""
import datetime as dt

import pytest

from framelab.corpus import parse_date, split_series


@pytest.mark.parametrize("text, expected", [
    ("September 25, 2015", dt.date(2015, 9, 25)),
    ("Sept. 25, 2015", dt.date(2015, 9, 25)),
    ("Sep 25 2015", dt.date(2015, 9, 25)),
    ("25 September 2015", dt.date(2015, 9, 25)),
    ("2015-09-25", dt.date(2015, 9, 25)),
    ("2015-09-25T08:00:00Z", dt.date(2015, 9, 25)),
    ("September 31, 2015", None),   # no such day
    ("Smarch 3, 2015", None),       # no such month
    ("next Tuesday", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("title, expected", [
    ("China Voice: China, U.S. can build ties", ("China Voice", "China, U.S. can build ties")),
    ("china voice:  lower case works", ("China Voice", "lower case works")),
    ("Xinhua Insight: a longer label wins", ("Xinhua Insight", "a longer label wins")),
    # Unlisted prefixes are speakers or parts of the headline, not series.
    ("Xi: China will open wider", (None, "Xi: China will open wider")),
    ("China Voice:", (None, "China Voice:")),   # nothing after the label: keep the title
])
def test_split_series(title, expected):
    assert split_series(title) == expected
