"""Framing: codebook features on tiny fixtures, malformed codebooks, agreement statistics
worked out by hand, and the seed's frames checked against a reading of its paragraphs."""
import textwrap

import numpy as np
import pandas as pd
import pytest

import framelab
from framelab import framing
from framelab.framing import CodebookError
from tests.conftest import ROOT


def write(tmp_path, text, name="codebook.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def corpus_of(tmp_path, *paragraphs):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("A\nXinhua, May 1, 2016\n" + "\n".join(paragraphs) + "\n")
    return framelab.load_corpus(folder)


CODEBOOK = """
    frames:
      cooperation:
        definition: working together
        indicators: [cooperat*, mutual benefit, benefit, win-win, deals]
        exclusions: [lack of cooperation]
      economic:
        definition: money
        indicators: [deals, {regex: "\\\\b\\\\d+(?:\\\\.\\\\d+)? (?:b|tr)illion\\\\b"}]
"""


@pytest.fixture
def codebook(tmp_path):
    return framing.load_codebook(write(tmp_path, CODEBOOK))


def test_phrases_case_hyphens_and_line_breaks(tmp_path, codebook):
    corpus = corpus_of(tmp_path, "MUTUAL BENEFIT and a win win outcome.", "Mutual-benefit again.")
    coded = framing.code(corpus, codebook=codebook)
    # Paragraph 1: "MUTUAL BENEFIT" (case) + "win win" (space for the hyphen) = 2; paragraph 2: "Mutual-benefit" = 1.
    assert coded["cooperation"].tolist() == [2, 1]


def test_nested_indicators_inside_a_frame_count_once(tmp_path, codebook):
    corpus = corpus_of(tmp_path, "Mutual benefit is a benefit.")
    coded = framing.code(corpus, codebook=codebook)
    # "mutual benefit" (longest) covers its own "benefit"; the second "benefit" counts: 2, not 3.
    assert coded["cooperation"].item() == 2
    assert coded["cooperation_hits"].item() == "Mutual benefit; benefit"


def test_an_indicator_in_two_frames_counts_for_each(tmp_path, codebook):
    corpus = corpus_of(tmp_path, "They signed deals.")
    coded = framing.code(corpus, codebook=codebook)
    assert (coded["cooperation"].item(), coded["economic"].item()) == (1, 1)


def test_wildcard_regex_and_exclusions(tmp_path, codebook):
    corpus = corpus_of(tmp_path, "They cooperate in cooperative projects worth 2.5 trillion.",
                       "There is a lack of cooperation.")
    coded = framing.code(corpus, codebook=codebook)
    # cooperat* matches "cooperate" and "cooperative"; the regex matches "2.5 trillion".
    assert coded["cooperation"].tolist() == [2, 0]        # paragraph 2: excluded by "lack of cooperation"
    assert coded["economic_hits"].tolist() == ["2.5 trillion", ""]


def test_every_unit_is_present_even_without_hits(tmp_path, codebook):
    corpus = corpus_of(tmp_path, "Nothing here.", "Deals.")
    assert framing.code(corpus, codebook=codebook)["paragraph"].tolist() == [1, 2]
    by_sentence = framing.code(corpus, codebook=codebook, unit="sentence")
    assert list(by_sentence.columns[:3]) == ["doc_id", "paragraph", "sentence"]
    assert framing.code(corpus, codebook=codebook, unit="document")["economic"].tolist() == [1]


@pytest.mark.parametrize("text, words", [
    ("frames: {}", "'frames:' mapping"),
    ("frames:\n  conflict:\n    indicators: [war]\n", "frame 'conflict': field 'definition' is missing"),
    ("frames:\n  conflict:\n    definition: d\n    indicators: war\n", "frame 'conflict' field 'indicators'"),
    ("frames:\n  conflict:\n    definition: d\n    indicators: [{regex: '(?<=a)b'}]\n", "not accepted by RE2"),
    ("frames:\n  conflict:\n    definition: d\n    indicators: [{regex: '[a-'}]\n", "missing ]"),
    ("frames:\n  conflict:\n    definition: d\n    indicators: [{regex: '" + "a" * 201 + "'}]\n", "limit is 200"),
    ("frames:\n  conflict:\n    definition: d\n    indicators: [war]\n    colour: red\n", "unknown field(s) ['colour']"),
    ("frames:\n  Conflict Frame:\n    definition: d\n    indicators: [war]\n", "frame 'Conflict Frame'"),
    ("frames:\n  conflict:\n    definition: d\n    indicators: ['U.S. war']\n", "not a word or phrase"),
    ("frames: [unclosed\n", "not valid YAML"),
])
def test_malformed_codebooks_name_frame_and_field(tmp_path, text, words):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(CodebookError) as error:
        framing.load_codebook(path)
    assert "bad.yaml" in str(error.value) and words in str(error.value)


def test_default_codebook_maps_every_frame_to_both_families():
    table = framing.load_codebook().table()
    assert set(table["frame"]) >= {"cooperation", "conflict", "security", "economic", "sovereignty", "slogan"}
    assert (table["semetko_valkenburg"] != "").all() and (table["policy_frames"] != "").all()


@pytest.mark.parametrize("rendering", [
    "community of common destiny", "community of shared destiny", "community of shared future",
    "community with a shared future for mankind", "community with a shared future", "community of common future",
    "community of shared destiny in cyberspace",
])
def test_slogan_renderings_are_reported_separately(tmp_path, rendering):
    corpus = corpus_of(tmp_path, f"They build a {rendering.upper()} today.")
    found = framing.hits(corpus)
    slogan = found[found["frame"] == "slogan"]
    assert slogan["indicator"].tolist() == [rendering]      # the longest rendering, once


# --- agreement statistics, worked out by hand ------------------------------------------------------

A = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0]
B = [1, 0, 0, 0, 1, 0, 1, 1, 0, 0]


def test_cohen_kappa_by_hand():
    # Agree on 8 of 10: p_o = 0.8. Each says 1 four times: p_e = 0.4*0.4 + 0.6*0.6 = 0.52.
    # kappa = (0.8 - 0.52) / (1 - 0.52) = 0.28 / 0.48 = 0.583333
    assert framing.cohen_kappa(A, B) == pytest.approx(0.583333, abs=1e-6)


def test_krippendorff_alpha_two_coders_by_hand():
    # Coincidences: o11 = 2*3 = 6, o00 = 2*5 = 10, o01 = o10 = 2; n1 = 8, n0 = 12, n = 20.
    # alpha = 1 - (n - 1) * (o01 + o10) / (2 * n1 * n0) = 1 - 19 * 4 / 192 = 0.604167
    assert framing.krippendorff_alpha(np.column_stack([A, B])) == pytest.approx(0.604167, abs=1e-6)


def test_krippendorff_alpha_three_coders_with_missing_values_by_hand():
    data = [[1, 1, np.nan], [0, 0, 0], [1, 0, 1], [np.nan, 1, np.nan]]
    # u1 (m=2): o11 += 2. u2 (m=3): six 0-0 pairs at 1/2: o00 += 3. u3 (1,0,1; m=3): 1-1 twice, 1-0 twice,
    # 0-1 twice, each 1/2: o11 += 1, o10 += 1, o01 += 1. u4 has one value: not pairable.
    # n1 = 4, n0 = 4, n = 8: alpha = 1 - 7 * 2 / (2 * 4 * 4) = 1 - 14/32 = 0.5625
    assert framing.krippendorff_alpha(data) == pytest.approx(0.5625)


def test_agreement_table_by_hand():
    automatic = pd.DataFrame({"doc_id": ["d"] * 4, "paragraph": [1, 2, 3, 4], "x": [1, 1, 0, 0]})
    human = pd.DataFrame({"doc_id": ["d"] * 8, "paragraph": [1, 2, 3, 4] * 2, "coder": ["a"] * 4 + ["b"] * 4,
                          "x": [1, 0, 1, 0] + [1, 0, 0, 0]})
    row = framing.agreement(automatic, human, frames=["x"]).iloc[0]
    # Reference = majority, a tie counting as present: [1, 0, 1, 0]. Automatic [1, 1, 0, 0]:
    # tp 1, fp 1, fn 1, tn 1 -> precision 0.5, recall 0.5, F1 0.5; p_o = 0.5, p_e = 0.5 -> kappa 0.
    assert (row.true_positive, row.false_positive, row.false_negative, row.true_negative) == (1, 1, 1, 1)
    assert (row.precision, row.recall, row.f1, row.kappa) == (0.5, 0.5, 0.5, 0.0)
    # Coders a and b: units (1,1), (0,0), (1,0), (0,0): o11 = 2, o00 = 4, o10 = o01 = 1; n1 = 3, n0 = 5.
    # alpha = 1 - 7 * 2 / (2 * 3 * 5) = 0.533
    assert row.coders == 2 and row.alpha_coders == pytest.approx(0.533, abs=1e-3)


def test_coding_file_errors_name_line_and_column(tmp_path):
    path = tmp_path / "coding.csv"
    path.write_text("doc_id,paragraph,x\nd,1,1\nd,2,2\n")
    with pytest.raises(ValueError, match=r"line 3, column 'x': 2 is not 0 or 1"):
        framing.read_coding(path, frames=["x"])
    with pytest.raises(ValueError, match=r"missing column\(s\) \['y'\]"):
        framing.read_coding(path, frames=["x", "y"])


# --- the seed, against a reading of its paragraphs ----------------------------------------------------

@pytest.fixture(scope="module")
def seed_coded(seed_corpus):
    return framing.code(seed_corpus)


def present(coded, frame):
    return set(coded.loc[coded[frame] > 0, "paragraph"])


def test_seed_security_paragraphs(seed_coded):
    # 6: Snowden, back doors, hacking, stealing; 7: "cyber war"; 14: terrorism, hacking; 15: theft of
    # commercial secrets. 16: "protect Internet security" holds only "security", a weak indicator in
    # codebook v3 (weight 0.5, threshold 1): absent, though a reader sees a security frame there.
    # The business paragraphs 1-4 and the cooperation ones 8-13 have none.
    assert present(seed_coded, "security") == {6, 7, 14, 15}
    assert seed_coded.set_index("paragraph").loc[16, "security_hits"] == "security"
    assert not present(seed_coded, "security") & {1, 2, 3, 4, 8, 9, 10, 11, 12, 13}


def test_seed_conflict_and_mistrust(seed_coded):
    # 6: "accused ... which China has denied"; 7: "contentions ... mistrust and suspicion ... cyber war".
    assert {6, 7} <= present(seed_coded, "conflict")
    assert not present(seed_coded, "conflict") & {1, 2, 3, 4, 5, 9, 10, 12}


def test_seed_cooperation_and_mutual_benefit(seed_coded):
    # 8: "past cooperation ... partnership ... mutual benefits"; 11: "common interests";
    # 12: "room for cooperation ... bilateral cooperation"; 13: "set aside differences".
    assert {8, 11, 12, 13} <= present(seed_coded, "cooperation")
    hits = seed_coded.set_index("paragraph")["cooperation_hits"]
    assert "mutual" in hits[8] and "partnership" in hits[8]


def test_seed_economic_and_slogan(seed_coded):
    # 2: market, revenues; 3: companies, investors; 4: market capitalization, trillion.
    assert {2, 3, 4} <= present(seed_coded, "economic")
    # The slogan is in paragraph 5 only (the title has it too, but titles are not paragraphs).
    assert present(seed_coded, "slogan") == {5}


def test_seed_coding_covers_every_paragraph(seed_corpus, seed_coded):
    reading = framing.read_coding(ROOT / "validation" / "seed_agent_coding.csv", frames=framing.frames_of(seed_coded))
    assert reading["paragraph"].tolist() == list(range(1, 18))
    table = framing.agreement(seed_coded, reading)
    assert table["paragraphs"].eq(17).all() and table["coders"].eq(1).all()


def test_word_gate_finds_exactly_what_every_indicator_finds():
    """The shortcuts (skipping indicators whose first word is absent; one Aho-Corasick pass for all
    word and phrase indicators) must change no hit: compared with running every indicator's regular
    expression on every sentence, on tricky text and on real UN sentences."""
    from framelab.framing import _frame_hits, _Gate, _gate_words, _Matcher
    from framelab.cleaning import normalize_quotes

    book = framing.Codebook.from_dict({"frames": {
        "f": {"definition": "d", "indicators": ["cooperat*", "win-win", "common destiny", "Trade", "security",
                                                 {"regex": "sovereign(ty)?"}, "café", "korea", "integrity", "détente"],
              "exclusions": ["trade war"]}}})
    tricky = ["Win win cooperation and COOPERATIVE trade.", "A trade war, then trade.", "Common\ndestiny",
              "Common -- \n destiny; win--win; cooperation-minded, non-cooperative, cooperat", "tradetrade trade1 trade_x",
              "The İran café cooperates; sovereignty.", "x_cooperation_y win-\nwin", "", "co-operation",
              "Café détente: Cooperation\u00a0and TRADE\u2009war — peaceful coexistence", "ſecurity and ıntegrity",
              "\u212aorea trade; naïve cooperation-minded détente", "win", "win trade", "Common",
              "destiny of common", "-destiny", "trade\x00war and win\x00 win"]
    corpus = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain", progress=False,
                                  filename_pattern="{country}_{session}_{year}")
    sentences = tricky + corpus.sentences["text"].iloc[::15].tolist()
    default = framing.load_codebook()
    checked = 0
    for codebook in (book, default):
        for frame in codebook.frames.values():
            gate = _Gate(frame)
            for text in sentences:
                analysed = normalize_quotes(text)
                expected = _frame_hits(analysed, frame)
                assert _frame_hits(analysed, frame, gate, _gate_words(analysed)) == expected, (frame.name, text)
                checked += bool(expected)
        # The Aho-Corasick matcher finds the same, frame by frame, one sentence at a time ...
        matcher = _Matcher(codebook)
        expected = []
        for number, text in enumerate(sentences):
            analysed = normalize_quotes(text)
            per_frame = [_frame_hits(analysed, f) for f in codebook.frames.values()]
            assert matcher.frame_hits(analysed) == per_frame, text
            expected += [(number, n, name, start, end) for n, found in enumerate(per_frame)
                         for name, _, start, end in found]
        # ... and all sentences at once (as framing.hits runs it): nothing crosses from one
        # sentence into the next, and the sentences that need their own patterns keep them.
        assert matcher.batch(sentences) == expected
    assert checked > 500  # the comparison saw many real hits, not only empty lists


def test_the_separators_read_as_one_space_are_those_of_the_phrase_patterns():
    """framing reads a run of whitespace and hyphens as one space, finding the runs with NumPy: its
    list of characters must be exactly what Python's re matches with [\\s\\-]."""
    import re
    import sys

    from framelab.framing import _SEPARATOR_CODES

    expected = {c for c in range(sys.maxunicode + 1) if re.match(r"[\s\-]", chr(c))}
    assert set(_SEPARATOR_CODES.tolist()) == expected


def test_the_array_selection_of_matches_keeps_what_the_reference_keeps():
    """_kept_leftmost_longest (NumPy, walking only groups with an overlap) against
    _leftmost_longest (one group at a time, in Python), on random overlapping candidates."""
    import random

    import numpy as np

    from framelab.framing import _kept_leftmost_longest, _leftmost_longest

    generator = random.Random(3)
    for _ in range(300):
        rows = []
        for _ in range(generator.randint(0, 30)):
            start = generator.randint(0, 40)
            rows.append((generator.randint(0, 3), generator.randint(0, 2), start, start + generator.randint(1, 12)))
        rows.sort(key=lambda r: (r[0], r[1], r[2], -(r[3] - r[2])))
        sentence, number, start, end = (np.asarray(c, dtype=np.int64).reshape(-1) for c in zip(*rows)) if rows \
            else (np.zeros(0, dtype=np.int64),) * 4
        keep = _kept_leftmost_longest(sentence, number, start, end)
        kept = {(s, n, a, b) for (s, n, a, b), k in zip(rows, keep.tolist()) if k}
        expected = set()
        for key in {(s, n) for s, n, _, _ in rows}:
            found = [(a, a - b, "i", "m", b) for s, n, a, b in rows if (s, n) == key]
            expected |= {(*key, a, b) for _, _, a, b in _leftmost_longest(found)}
        assert kept == expected


def test_length_adjusted_shares_weight_each_length_stratum_by_the_whole_corpus(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    short_yes, short_no = "We cooperate.", "Rain falls."                          # 2 words each
    long_yes, long_no = "We cooperate on trade and many things.", "The rain falls on the wide plains."  # 7 words
    (folder / "A_2000.txt").write_text("\n".join([short_yes, short_no, short_no, long_yes]) + "\n", encoding="utf-8")
    (folder / "B_2000.txt").write_text("\n".join([short_no, long_yes, long_yes, long_no]) + "\n", encoding="utf-8")
    corpus = framelab.load_corpus(folder, layout="plain", filename_pattern="{country}_{year}", progress=False)
    table = framing.length_adjusted(framing.code(corpus), corpus=corpus, by="country", strata=2)
    table = table[table["frame"] == "cooperation"].set_index("country")
    # 4 short and 4 long paragraphs in all: weights 1/2 and 1/2. A: short 1/3, long 1/1, so
    # 0.5 * 1/3 + 0.5 * 1 = 0.6667; B: short 0/1, long 2/3: 0.3333. Both raw shares are 2/4.
    assert table["share"].tolist() == [0.5, 0.5]
    assert table["share_length_adjusted"].tolist() == [0.6667, 0.3333]
    assert table.loc["A", "strata"] == "2–4 words 0.50; 5–7 words 0.50"
    # A group without a paragraph of some stratum gets no adjusted share, and says why.
    # C: one paragraph of 4 words. Lengths 2 x 5, 4, 7 x 4: median 4, so the strata are 2-3 and 4-7.
    (folder / "C_2000.txt").write_text("We cooperate with all.\n", encoding="utf-8")
    corpus = framelab.load_corpus(folder, layout="plain", filename_pattern="{country}_{year}", progress=False)
    table = framing.length_adjusted(framing.code(corpus), corpus=corpus, by="country", strata=2)
    row = table[(table["frame"] == "cooperation") & (table["country"] == "C")].iloc[0]
    assert row["share_length_adjusted"] != row["share_length_adjusted"] and row["note"] == "no paragraph of 2–3 words: no adjusted share"
