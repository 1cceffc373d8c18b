"""Comparing groups and periods: group assignment, grouped counts, tone per group with intervals,
and hard-wrapped lines joined. A fixture of 6 articles from 2 outlets on 3 dates, counted by hand."""
import math
import warnings

import pandas as pd
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
    with pytest.raises(ValueError, match=r"invalid value for profile\(corpus=...\).*or the corpus itself"):
        framing.profile(coded, by="outlet")
    # The corpus itself may be given (coded with the default codebook), and intervals are on by default
    # (issue 23), as in sentiment.by_group.
    direct = framing.profile(six, by="outlet").set_index(["outlet", "frame"])
    assert direct.loc[("China Daily", "economic"), ["units", "units_total", "share"]].tolist() == [3, 3, 1.0]
    assert direct["share_low"].notna().all()


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


def test_keyness_of_two_outlets_within_each_year(six):
    with pytest.warns(UserWarning, match="1 year.* left out.*2021"):
        table = terms.keyness(six, by="outlet", period="year", target="Xinhua", reference="China Daily",
                              min_count=1, phrases=())
    assert sorted(table["year"].unique()) == [2015, 2016]          # 2021: only China Daily wrote
    rows = table.set_index(["year", "term"])
    # 2015: a "The talks were good." against d "Trade talks were good.": talks 1 of 4 words each.
    assert rows.loc[(2015, "talks"), "log_ratio"] == 0 and rows.loc[(2015, "talks"), "direction"] == "no difference"
    # 2016: Xinhua b + c = 12 words, "talks" 3 times; China Daily e "Trade was bad." = 3 words, no "talks".
    # G2 = 2 * 3 * ln(3 / E), E = 12 * 3 / 15 = 2.4  ->  6 * ln(1.25) = 1.339
    talks = rows.loc[(2016, "talks")]
    assert (talks["count"], talks["group_documents"], talks["group_words"]) == (3, 2, 12)
    assert talks["g2"] == pytest.approx(6 * math.log(1.25), abs=1e-3)
    assert talks["reference"] == "documents with outlet == China Daily"


def test_keyness_of_periods_against_each_other(six):
    table = terms.keyness(six, period="year", min_count=1, phrases=(), stopwords=False)
    recent = table[table["group"] == 2021].set_index("term")
    # 2021 is f alone, "Trade talks." (2 words); the rest: 4 + 4 + 8 + 4 + 3 = 23 words, "trade" in d and e.
    assert (recent.loc["trade", "count"], recent.loc["trade", "group_words"]) == (1, 2)
    assert recent.loc["trade", "reference"] == "documents with year != 2021"
    assert recent.loc["trade", "reference_count"] == 2.0
    words = terms.key_terms(table, top=3, alpha=1.0).set_index("group")
    assert set(words.index) == {2015, 2016, 2021}
    assert words.loc[2021, "over"].startswith("talks") or words.loc[2021, "over"].startswith("trade")


def test_tone_by_group_keeps_the_unmasked_mean(tmp_path):
    (tmp_path / "a.txt").write_text("T\nXinhua, May 1, 2015\nThe United States talks were good.\n", encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path)
    row = sentiment.by_group(corpus, by="outlet", intervals=0).iloc[0]
    # Masked: only "good" (1.9) counts; unmasked, "united" (1.8) adds to it: 3.7.
    assert row["mean_score"] == pytest.approx(round(compound(1.9), 4), abs=1e-4)
    assert row["mean_unmasked"] == pytest.approx(round(compound(3.7), 4), abs=1e-4)


def test_slogan_renderings_by_outlet_first_appearance_and_frames_around(tmp_path):
    from framelab import framing
    texts = {"a": ("Xinhua", "May 1, 2015", "We build a community of common destiny through cooperation."),
             "b": ("Xinhua", "May 1, 2018", "A community with a shared future for mankind.\n"
                                             "Again, a community with a shared future for mankind."),
             "c": ("China Daily", "May 1, 2019", "Trade builds a community with a shared future for mankind.")}
    for name, (outlet, date, body) in texts.items():
        (tmp_path / f"{name}.txt").write_text(f"T\n{outlet}, {date}\n{body}\n", encoding="utf-8")
    corpus = framelab.load_corpus(tmp_path)
    coded = framing.code(corpus)
    table = framing.renderings(corpus, coded, by="outlet").set_index(["outlet", "rendering"])
    assert list(table.index) == [("China Daily", "community with a shared future for mankind"),
                                 ("Xinhua", "community of common destiny"),
                                 ("Xinhua", "community with a shared future for mankind")]
    later = table.loc[("Xinhua", "community with a shared future for mankind")]
    assert (later["occurrences"], later["documents"], later["first_year"], later["first_doc_id"]) == (2, 1, 2018, "b")
    assert table.loc[("Xinhua", "community of common destiny"), "frames_same_paragraph"] == "cooperation 1"
    # Behind each Xinhua row: a (9 words) and b (8 + 9 words: "Again, a community ...") = 2 documents, 26 words.
    assert later[["group_documents", "group_words"]].tolist() == [2, 26]
    assert table.loc[("China Daily", "community with a shared future for mankind"), "frames_same_paragraph"] == "economic 1"
    every = framing.slogan(corpus, coded, by="outlet", period="year")
    assert every[["doc_id", "outlet", "year"]].values.tolist() == [["a", "Xinhua", 2015], ["b", "Xinhua", 2018],
                                                                    ["b", "Xinhua", 2018], ["c", "China Daily", 2019]]


def test_attach_adds_group_columns_beside_doc_id_and_drops_nothing(six, tmp_path):
    table = groups.attach(six.sentences[["doc_id", "sentence", "text"]], six, by="outlet", period=[2015, 2016])
    assert list(table.columns[:3]) == ["doc_id", "outlet", "period"]
    assert len(table) == len(six.sentences)
    # f (2021) is outside the bins: kept, with no period.
    assert pd.isna(table.set_index("doc_id").loc["f", "period"])
    assert table.set_index("doc_id").loc["a", "period"] == "2015–2015"


def test_comparison_says_what_a_corpus_lets_us_compare(six):
    assert groups.comparison(six, by="outlet", period="year") == ("outlet", "year", "")
    by, period, note = groups.comparison(six, by="country", period="year")
    assert (by, period) == (None, "year") and "No column 'country'" in note
    one = six.subset(["a", "b"])
    by, period, note = groups.comparison(one, by="outlet", period="decade")
    assert (by, period) == (None, None)
    assert note == "One value of 'outlet' (Xinhua): no groups to compare. One decade (2010s): no periods to compare."
    assert groups.summary(six, by="outlet")[["outlet", "documents", "words"]].values.tolist() == [
        ["China Daily", 3, 4 + 3 + 2], ["Xinhua", 3, 4 + 4 + 8]]


def test_subset_keeps_documents_and_refuses_unknown_ones(six):
    part = six.subset(["c", "a"])
    assert part.documents["doc_id"].tolist() == ["a", "c"]
    assert set(part.sentences["doc_id"]) == {"a", "c"} and len(part.sentences) == 3
    with pytest.raises(ValueError, match=r"Corpus.subset: 1 doc_id\(s\) not in the corpus.*\['zz'\]"):
        six.subset(["a", "zz"])
