"""The slogan everywhere it is spoken (issue 21, item 4): each rendering the codebook (v4) adds, uses
in other countries, and uses before 2012 marked "before the slogan". Expected values are read from
the texts by hand (tests/fixtures/slogan_ungdc holds the UNGDC sentences)."""
from pathlib import Path

import pytest

import framelab
from framelab import framing
from tests.conftest import lines_corpus

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds" / "un-general-debate"
UN_FILES = dict(layout="plain", filename_pattern="{country}_{session}_{year}", progress=False)


@pytest.mark.parametrize("sentence, rendering", [
    # China 2017, the rendering the v3 codebook missed: coordinated with "and"
    ("We are building community and a shared future for humankind.", "community and a shared future for humankind"),
    ("A community and a shared future are our aim.", "community and a shared future"),
    # Zambia 2001, Venezuela 2021
    ("All nations belong to a global community with a shared destiny.", "community with a shared destiny"),
    ("Peoples form a community with a common destiny.", "community with a common destiny"),
    ("They reassured peoples of their human community and common destiny.", "community and common destiny"),
])
def test_each_new_rendering_is_found_and_named(tmp_path, sentence, rendering):
    found = framing.hits(lines_corpus(tmp_path, [sentence]))
    assert found.loc[found["frame"] == "slogan", "indicator"].tolist() == [rendering]


@pytest.mark.parametrize("sentence, match", [
    ("We build a community of development with a shared future.", "community of development with a shared future"),
    ("A community of interests and shared destiny binds us.", "community of interests and shared destiny"),
    ("A community of shared interests and common destiny.", "community of shared interests and common destiny"),
])
def test_split_forms_are_found(tmp_path, sentence, match):
    found = framing.hits(lines_corpus(tmp_path, [sentence]))
    assert found.loc[found["frame"] == "slogan", "match"].tolist() == [match]


@pytest.mark.parametrize("sentence", [
    "The community of nations and our common future.",        # two ideas, no rendering
    "As a community bound by common destiny on the Korean peninsula.",  # another country's phrase
    "Our common destiny is shared by the community.",
])
def test_near_misses_are_not_the_slogan(tmp_path, sentence):
    found = framing.hits(lines_corpus(tmp_path, [sentence]))
    assert found[found["frame"] == "slogan"].empty


def test_china_says_it_18_times_and_every_year_from_2013_but_2014():
    corpus = framelab.load_corpus(SEEDS, join_lines="auto", **UN_FILES)
    found = framing.slogan(corpus, framing.code(corpus), by="country")
    # Counted by hand with grep over CHN_*.txt: 2013 1, 2015 1, 2016 1, 2017 1, 2018 2, 2019 2,
    # 2020 2, 2021 2, 2022 2, 2023 3, 2024 1 = 18; the U.S. never.
    assert set(found["country"]) == {"CHN"}
    years = found["date"].dt.year.value_counts().sort_index().to_dict()
    assert years == {2013: 1, 2015: 1, 2016: 1, 2017: 1, 2018: 2, 2019: 2, 2020: 2, 2021: 2, 2022: 2, 2023: 3, 2024: 1}
    assert not found["before_slogan"].any()
    in_2017 = found[found["date"].dt.year == 2017].iloc[0]
    assert in_2017["rendering"] == "community and a shared future for humankind"
    assert "President of the People’s Republic of China" in in_2017["sentence"]


def test_other_countries_and_uses_before_the_slogan_are_marked():
    corpus = framelab.load_corpus(HERE / "fixtures" / "slogan_ungdc", **UN_FILES)
    found = framing.slogan(corpus, framing.code(corpus), by="country").set_index("country")
    # Korea 2021 ("community bound by common destiny", on the peninsula) is not a rendering.
    assert sorted(found.index) == ["BLR", "DZA", "KWT", "PAK", "TGO", "VEN", "ZMB"]
    before = found["before_slogan"].to_dict()
    assert before == {"BLR": False, "DZA": True, "KWT": True, "PAK": False, "TGO": False, "VEN": False, "ZMB": True}
    # Algeria 1977: an Arab-African community, shown with its sentence for the reader to judge.
    assert "Arab world" in found.loc["DZA", "sentence"] and found.loc["DZA", "rendering"] == "community of common destiny"
    table = framing.renderings(corpus, framing.code(corpus), by="country").set_index("country")
    assert table.loc["DZA", "before_slogan"] == 1 and table.loc["PAK", "before_slogan"] == 0


def test_introduced_must_be_a_year(tmp_path):
    book = {"frames": {"s": {"definition": "A slogan.", "indicators": ["x y"], "introduced": "2012"}}}
    with pytest.raises(framing.CodebookError, match="frame 's'.*'introduced' must be a year"):
        framing.Codebook.from_dict(book)
    book["frames"]["s"]["introduced"] = 2012
    assert framing.Codebook.from_dict(book).frames["s"].introduced == 2012
