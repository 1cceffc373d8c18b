"""Actor mentions; the seed's counts were made by reading each paragraph (see the comments)."""
import pytest
import yaml

import framelab
from framelab import actors
from framelab.actors import ActorListError, ActorMatcher


def test_seed_mentions_per_actor(seed_corpus):
    found = actors.mentions(seed_corpus)
    totals = found.groupby("actor").size().to_dict()
    # China: "China" 12 times (incl. China-U.S., China-US, China's), "Chinese" 11 (incl. Chinese-made,
    # "Chinese dream"), "Sino-" once. United States: "U.S." 7, "United States" 7, "US" 2 (Sino-US,
    # China-US), "American" 2.
    assert totals == {"China": 24, "United States": 18}
    forms = found.groupby(["actor", "surface_form"]).size().to_dict()
    assert forms == {("China", "China"): 12, ("China", "Chinese"): 11, ("China", "Sino"): 1,
                     ("United States", "U.S."): 7, ("United States", "United States"): 7,
                     ("United States", "US"): 2, ("United States", "American"): 2}


def test_seed_mentions_per_paragraph(seed_corpus):
    found = actors.mentions(seed_corpus)
    per = found.groupby(["actor", "paragraph"]).size()
    china = [int(per.get(("China", p), 0)) for p in range(1, 18)]
    usa = [int(per.get(("United States", p), 0)) for p in range(1, 18)]
    # Read off the paragraphs: e.g. 6 = "China ... American ... United States ... United States ... China
    # ... China"; 8 and 11 name neither country; 16 = "China's resolve" only.
    assert china == [2, 2, 2, 0, 1, 3, 1, 0, 2, 3, 0, 2, 1, 1, 2, 1, 1]
    assert usa == [1, 1, 2, 1, 1, 3, 1, 0, 2, 1, 0, 1, 1, 1, 1, 0, 1]


def test_series_label_and_title_are_not_mentions(tmp_path):
    (tmp_path / "a.txt").write_text("China Voice: China and U.S. meet\nXinhua, May 1, 2016\nNobody is named here.\n")
    corpus = framelab.load_corpus(tmp_path)
    assert corpus.documents.iloc[0]["series"] == "China Voice"
    assert actors.mentions(corpus).empty


@pytest.mark.parametrize("text, expected", [
    ("Let us talk about USB sticks and FOCUS.", []),          # pronoun, and US inside other words
    ("The U.S. moved.", [("United States", "U.S.")]),         # a final "." belongs to "U.S."
    ("Chinese-made phones", [("China", "Chinese")]),
    ("Americans and America", [("United States", "Americans"), ("United States", "America")]),
    ("Sinology and Sino-Japanese ties", [("China", "Sino")]),  # "Sino-" only before a hyphen
])
def test_matcher_rules(text, expected):
    assert [(a, f) for a, f, _ in ActorMatcher().find(text)] == expected


def test_mention_counts_include_zeros_and_rates(seed_corpus):
    table = actors.mention_counts(seed_corpus).set_index("actor")
    assert table.loc["China", "mentions"] == 24
    # 24 mentions in 608 words: 39.47 per 1,000 words.
    assert table.loc["China", "per_1000_words"] == pytest.approx(24 * 1000 / 608, abs=0.005)


def test_malformed_actor_file_is_named(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump({"actors": {"China": ["China"], "Taiwan": "Taipei"}}))
    with pytest.raises(ActorListError, match="Taiwan"):
        actors.load_actors(path)
    path.write_text(yaml.safe_dump({"actors": {"A": ["Xi"], "B": ["Xi"]}}))
    with pytest.raises(ActorListError, match="'Xi' is listed for both"):
        actors.load_actors(path)


def test_other_americas_are_not_the_united_states_and_a_long_name_counts_once():
    from framelab.actors import ActorMatcher
    text = ("Latin American delegates, the United States of America and Central America met; "
            "Americans spoke at the Inter-American bank, near the South China Sea, and China listened.")
    found = [(actor, form) for actor, form, _ in ActorMatcher().find(text)]
    # By hand: "United States of America" (one mention), "Americans"; "China" at the end. "Latin American",
    # "Central America", "Inter-American" and "South China Sea" name no actor.
    assert found == [("United States", "United States of America"), ("United States", "Americans"), ("China", "China")]
