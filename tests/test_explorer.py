"""The explorer's query and filter logic, without a browser. Expected hits counted by hand in the
seed files, e.g. ``grep -o -i -E "common[[:space:]-]+destiny" seeds/un-general-debate/*.txt``."""
import pytest

import framelab
from conftest import SEED_ARTICLE, UN_PATTERN, UN_SPEECHES
from framelab import explorer, framing, terms


@pytest.fixture(scope="module")
def un():
    corpus = framelab.load_corpus(UN_SPEECHES, layout="plain", filename_pattern=UN_PATTERN, progress=False)
    return corpus, explorer.build_index(corpus, period="year")


def test_index_offers_the_groups_periods_and_frames(un):
    corpus, index = un
    assert index.by == ["country"] and index.period == "year"
    assert index.filters["country"] == ["CHN", "USA"]
    assert index.frames == framing.load_codebook().frame_names
    assert len(index.paragraphs) == len(corpus.paragraphs)
    assert index.seconds > 0


def test_phrase_lines_and_counts_per_group_by_hand(un):
    # 10 occurrences: CHN_68_2013 once; USA 9 times in 6 statements (1963, 1973, 1975, 1978, 1989, 1998).
    result = explorer.search(un[1], "common destiny")
    assert result.kind == "phrase" and len(result.lines) == 10
    assert set(result.lines["match"].str.lower().str.split().str.join(" ")) == {"common destiny"}
    counts = result.by_group.set_index("country")
    assert counts.loc["CHN", "hits"] == 1 and counts.loc["CHN", "documents"] == 1
    assert counts.loc["USA", "hits"] == 9 and counts.loc["USA", "documents"] == 6
    # Rates divide by the words searched in each group.
    assert counts.loc["USA", "per_10k_words"] == round(10_000 * 9 / counts.loc["USA", "words"], 2)


def test_wildcard_counts_per_period_by_hand(un):
    # cyberterrorism (2014); cyberspace, cyberterrorism (2018); cyberactivity, cyberattacks x2,
    # cyberspace (2021); cyberspace, cyberattacks (2022).
    result = explorer.search(un[1], "cyber*")
    assert result.kind == "wildcard" and len(result.lines) == 9
    per_year = result.by_period.set_index("year")["hits"]
    assert per_year[per_year > 0].to_dict() == {2014: 1, 2018: 2, 2021: 4, 2022: 2}
    assert result.by_period["hits"].sum() == 9


def test_metadata_filter_keeps_only_those_documents(un):
    result = explorer.search(un[1], "cyber*", filters={"country": "CHN"})
    assert len(result.lines) == 3 and set(result.lines["country"]) == {"CHN"}
    assert explorer.search(un[1], "cyber*", filters={"country": ["CHN", "USA"]}).lines.shape[0] == 9
    assert len(explorer.search(un[1], "cyber*", filters={"country": explorer.ANY}).lines) == 9
    assert len(explorer.search(un[1], "cyber*", filters={"year": 2021}).lines) == 4


def test_frame_filter_keeps_paragraphs_holding_the_frame(un):
    corpus, index = un
    coded = framing.code(corpus)
    holding = set(map(tuple, coded.loc[coded["security"] > 0, ["doc_id", "paragraph"]].values.tolist()))
    all_lines = explorer.search(index, "peace").lines
    lines = explorer.search(index, "peace", frame="security").lines
    assert 0 < len(lines) < len(all_lines)
    assert set(zip(lines["doc_id"], lines["paragraph"])) <= holding
    expected = [(d, p) for d, p in zip(all_lines["doc_id"], all_lines["paragraph"]) if (d, p) in holding]
    assert list(zip(lines["doc_id"], lines["paragraph"])) == expected


def test_actor_query_matches_all_its_forms(un):
    corpus, index = un
    result = explorer.search(index, "United States", filters={"country": "CHN"})
    assert result.kind == "actor"
    expected = terms.kwic(corpus, "United States", actor=True)
    expected = expected[expected["doc_id"].str.startswith("CHN")]
    assert len(result.lines) == len(expected) > 0
    assert set(result.lines["match"]) == set(expected["match"]) and len(set(expected["match"])) > 1


def test_collocates_are_content_words_near_the_hits(seed_index):
    # The slogan once, in paragraph 5: '... and build a "community of common destiny" online?'
    result = explorer.search(seed_index, "community of common destiny", window=3)
    assert len(result.lines) == 1 and result.lines.loc[0, "paragraph"] == 5
    assert result.collocates.set_index("word")["count"].to_dict() == {"build": 1, "online": 1}


def test_bad_queries_and_filters_say_what_to_do(un):
    with pytest.raises(ValueError, match="empty"):
        explorer.search(un[1], "  ")
    with pytest.raises(ValueError, match="no column 'outlet_x'"):
        explorer.search(un[1], "peace", filters={"outlet_x": "A"})
    with pytest.raises(ValueError, match="no frame 'war'.*cooperation"):
        explorer.search(un[1], "peace", frame="war")


@pytest.fixture(scope="module")
def seed_index():
    return explorer.build_index(framelab.load_corpus(SEED_ARTICLE))


def test_widget_answers_a_typed_query_and_opens_a_line(seed_index):
    widget = explorer.Explorer(seed_index)
    # Body lines 7, 12 and 14 of the seed hold cyber war, cyberspace, cyber cooperation (the
    # title's "cyberspace" is not body text).
    widget.query.value = "cyber*"
    assert len(widget.lines.options) == len(explorer.search(seed_index, "cyber*").lines) == 3
    assert "3</b> line(s)" in widget.status.value
    widget.lines.index = 0
    assert 'data-frames="conflict' in widget.reading.value or '<mark class="fl-frame"' in widget.reading.value
    assert "paragraph 7" in widget.reading.value


def test_highlight_marks_frames_actors_and_sentiment_by_hand(seed_corpus):
    # Paragraph 5: "... can China and the United States continue to forge a mutually beneficial
    # relationship and build a "community of common destiny" online?"
    marked = framing.highlight(seed_corpus, "000_3b2f7dccf8ea1ef8", 5)
    assert '<mark class="fl-frame" data-frames="slogan"' in marked.html
    # The slogan's marks, joined, are the whole phrase; "common" inside it is also a (weak) cooperation
    # indicator in codebook v3, so that piece carries both frames.
    import re
    slogan = re.findall(r'<mark class="fl-frame" data-frames="(?:cooperation )?slogan"[^>]*>([^<]*)</mark>', marked.html)
    assert "".join(slogan) == "community of common destiny"
    assert '<mark class="fl-frame" data-frames="cooperation slogan"' in marked.html
    assert marked.actors["surface_form"].tolist() == ["China", "United States"]
    assert marked.html.count('class="fl-actor"') == 2
    assert len(marked.sentiment) == 1 and "VADER compound" in marked.html
    assert marked.html == framing.highlight(seed_corpus, "000_3b2f7dccf8ea1ef8", 5).html   # no random ids
    with pytest.raises(ValueError, match="paragraphs 1-"):
        framing.highlight(seed_corpus, "000_3b2f7dccf8ea1ef8", 99)


def test_highlight_says_when_a_frame_stays_below_its_threshold(seed_corpus):
    # Paragraph 16: "... protect Internet security." holds one security indicator, "security", weight 0.5
    # in codebook v3 against a threshold of 1: marked, counted, and said to be below the threshold.
    marked = framing.highlight(seed_corpus, "000_3b2f7dccf8ea1ef8", 16)
    assert '<mark class="fl-frame" data-frames="security"' in marked.html
    assert "Security and threat: 1, weight 0.5 below the threshold 1: not present" in marked.html
    assert framing.code(seed_corpus).set_index("paragraph").loc[16, "security"] == 0
    # Paragraph 6 is present: its legend gives the count alone (6 matches, by hand: Snowden, back doors,
    # covert, hacking, secrets, stealing).
    assert "Security and threat: 6</span>" in framing.highlight(seed_corpus, "000_3b2f7dccf8ea1ef8", 6).html


def test_filters_resolve_types_and_aliases_and_never_fail_silently(tmp_path):
    # Issue 23: {"year": "2013"} where the column holds numbers, and an outlet's alias, found as the
    # loader finds them; a value that is nowhere is an error naming the values there.
    import framelab
    from framelab import explorer

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.csv").write_text("text,outlet,date\nCyber talks went well.,Voice of America,2013-05-01\n"
                                  "Cyber rules were set.,Xinhua,2015-06-01\n", encoding="utf-8")
    index = explorer.build_index(framelab.load_corpus(folder, progress=False))
    assert len(explorer.search(index, "cyber*", filters={"year": "2013"}).lines) == 1
    assert len(explorer.search(index, "cyber*", filters={"year": 2015.0}).lines) == 1
    assert len(explorer.search(index, "cyber*", filters={"outlet": "VOA"}).lines) == 1
    with pytest.raises(ValueError, match=r"no paragraph has outlet = 'Reuters'; the values of 'outlet' are \['Voice of America', 'Xinhua'\]"):
        explorer.search(index, "cyber*", filters={"outlet": "Reuters"})
