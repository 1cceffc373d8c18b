"""Comparing groups and periods: group assignment, grouped counts, tone per group with intervals,
and hard-wrapped lines joined. A fixture of 6 articles from 2 outlets on 3 dates, counted by hand."""
import math
import warnings

import pytest

import framelab
from framelab import groups, sentiment, stats, terms

ARTICLES = {
    # name: (outlet, date, body)
    "a": ("Xinhua", "May 1, 2015", "The talks were good."),
    "b": ("Xinhua", "June 1, 2016", "The talks were bad."),
    "c": ("Xinhua", "July 1, 2016", "The talks were good. The talks were bad."),
    "d": ("China Daily", "May 2, 2015", "Trade talks were good."),
    "e": ("China Daily", "June 2, 2016", "Trade was bad."),
    "f": ("China Daily", "March 3, 2021", "Trade talks."),
}


@pytest.fixture
def six(tmp_path):
    for name, (outlet, date, body) in ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(f"Title {name}\n{outlet}, {date}\n{body}\n", encoding="utf-8")
    return framelab.load_corpus(tmp_path)


def compound(total):
    return total / math.sqrt(total * total + 15)


def test_groups_from_columns_and_periods(six):
    table = groups.assign(six, by="outlet", period="year").set_index("doc_id")
    assert table["year"].to_dict() == {"a": 2015, "b": 2016, "c": 2016, "d": 2015, "e": 2016, "f": 2021}
    decades = groups.assign(six, period="decade").set_index("doc_id")["decade"]
    assert decades.to_dict() == {"a": "2010s", "b": "2010s", "c": "2010s", "d": "2010s", "e": "2010s", "f": "2020s"}
    quarters = groups.assign(six, period="quarter").set_index("doc_id")["quarter"]
    assert quarters[["a", "c", "f"]].tolist() == ["2015Q2", "2016Q3", "2021Q1"]
    # Bins [2015, 2016, 2020): 2015 alone, then 2016-2019; f (2021) is outside and left out, with a warning.
    with pytest.warns(UserWarning, match="1 of 6 document"):
        binned = groups.assign(six, period=[2015, 2016, 2020]).set_index("doc_id")["period"]
    assert binned.to_dict() == {"a": "2015–2015", "b": "2016–2019", "c": "2016–2019", "d": "2015–2015",
                                "e": "2016–2019"}


def test_bad_periods_and_columns_are_clear_errors(six):
    with pytest.raises(ValueError, match=r"invalid value for assign\(period=...\): 'week'"):
        groups.assign(six, period="week")
    with pytest.raises(ValueError, match=r"invalid value for assign\(by=...\): 'country'"):
        groups.assign(six, by="country")


def test_frequencies_by_outlet_and_year(six):
    table = terms.frequencies(six, by="outlet", period="year").set_index(["outlet", "year", "term"])
    # Xinhua 2016: b + c = 4 + 8 = 12 words; "talks" 1 + 2 = 3 times in 2 documents.
    row = table.loc[("Xinhua", 2016, "talks")]
    assert (row["count"], row["documents"], row["group_documents"], row["group_words"]) == (3, 2, 2, 12)
    assert row["per_1000_words"] == pytest.approx(250.0)
    # China Daily 2015: d = 4 words, "trade" once.
    assert table.loc[("China Daily", 2015, "trade"), "per_1000_words"] == pytest.approx(250.0)


def test_tone_by_group_with_intervals_over_documents(six):
    good, bad = compound(1.9), compound(-2.5)          # "good" 1.9, "bad" -2.5 in VADER's lexicon
    table = sentiment.by_group(six, by="outlet", intervals=500).set_index("outlet")
    # Xinhua: a (good), b (bad), c (good, bad): 4 sentences, mean (2 good + 2 bad) / 4.
    xinhua = table.loc["Xinhua"]
    assert (xinhua["documents"], xinhua["sentences"]) == (3, 4)
    assert xinhua["mean_score"] == pytest.approx(round((2 * round(good, 4) + 2 * round(bad, 4)) / 4, 4), abs=1e-4)
    assert xinhua["share_positive"] == 0.5 and xinhua["share_negative"] == 0.5
    # Resampling documents: the mean of a resample lies between all-bad (b only) and all-good (a only).
    assert round(bad, 4) <= xinhua["mean_low"] <= xinhua["mean_score"] <= xinhua["mean_high"] <= round(good, 4)
    # China Daily: d good, e bad, f no sentiment word (0): 3 sentences.
    assert table.loc["China Daily", "mean_score"] == pytest.approx(round((round(good, 4) + round(bad, 4)) / 3, 4),
                                                                   abs=1e-4)


def test_bootstrap_ratio_respects_documents():
    # Two documents with 1 and 3 units; shares 1/1 and 0/3. Resamples: (1+1)/(1+1) = 1,
    # (1+0)/(1+3) = 0.25 (twice as likely), (0+0)/(3+3) = 0: the 95 % interval spans 0 to 1.
    assert stats.bootstrap_ratio([1, 0], [1, 3], resamples=1000) == (0.0, 1.0)
    # Identical documents: no uncertainty from resampling.
    assert stats.bootstrap_ratio([2, 2, 2], [4, 4, 4], resamples=200) == (0.5, 0.5)


def test_hard_wrapped_lines_are_joined_on_request(tmp_path):
    lines = ["We meet in a", "year of hope and", "of trial.", "Thank you, Mr.", "President.", "Peace", "is", "near",
             "for", "all", "of us."]
    (tmp_path / "CHN_50_1995.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = framelab.load_corpus(tmp_path, layout="plain")
    assert len(kept.paragraphs) == 11                      # every line a paragraph, as written
    joined = framelab.load_corpus(tmp_path, layout="plain", join_lines="auto")
    # 3 of 11 lines end a sentence (< half): joined at those ends into 3 paragraphs.
    assert joined.paragraphs["text"].tolist() == [
        "We meet in a year of hope and of trial.", "Thank you, Mr. President.", "Peace is near for all of us."]
    assert joined.report["problem"].str.contains("11 body lines joined into 3 paragraphs").any()
    assert joined.documents.iloc[0]["raw_text"] == "\n".join(lines) + "\n"


def test_frame_shares_per_group_with_intervals(six):
    from framelab import framing
    coded = framing.code(six)
    table = framing.profile(coded, corpus=six, by="outlet", intervals=200).set_index(["outlet", "frame"])
    # economic ("trade"): China Daily d, e, f (3 of 3 paragraphs); Xinhua none (0 of 3).
    assert table.loc[("China Daily", "economic"), ["units", "units_total", "share"]].tolist() == [3, 3, 1.0]
    assert table.loc[("Xinhua", "economic"), ["units", "units_total", "share"]].tolist() == [0, 3, 0.0]
    assert table.loc[("Xinhua", "economic"), "share_high"] == 0.0   # no resample can find what is not there
    with pytest.raises(ValueError, match=r"invalid value for profile\(corpus=...\)"):
        framing.profile(coded, by="outlet")


def test_actor_mentions_per_group(tmp_path):
    for name, (outlet, body) in {"a": ("Xinhua", "China and the United States met."),
                                 "b": ("Xinhua", "China spoke."),
                                 "c": ("VOA", "The U.S. spoke. America listened.")}.items():
        (tmp_path / f"{name}.txt").write_text(f"T\n{outlet}, May 1, 2016\n{body}\n", encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path)
    table = framelab.actors.mention_counts(corpus, by="outlet").set_index(["outlet", "actor"])
    # Xinhua: China twice (a, b), United States once (a); words 6 + 2 = 8. VOA: U.S. + America = 2.
    assert table.loc[("Xinhua", "China"), ["mentions", "documents_mentioning", "words"]].tolist() == [2, 2, 8]
    assert table.loc[("Xinhua", "United States"), "per_1000_words"] == 125.0
    assert table.loc[("Voice of America", "United States"), "mentions"] == 2
    assert table.loc[("Voice of America", "China"), "mentions"] == 0
