"""Tables a reader can browse (whole, sortable, searchable, byte-stable) and findings computed from tables."""
import pandas as pd
import pytest

from framelab import reports


def test_browse_shows_every_row_drops_constant_columns_and_says_so():
    table = pd.DataFrame({"doc_id": ["a", "b", "c"], "unit": ["paragraph"] * 3, "text": ["x < y", "b & c", "ok"],
                          "score": [0.5, -0.25, 0.0]})
    shown = reports.browse(table)
    assert list(shown.table.columns) == ["doc_id", "text", "score"] and shown.dropped == {"unit": "paragraph"}
    page = shown._repr_html_()
    assert page.count("<tr>") == 4                       # header + 3 rows: nothing cut to head()
    assert "x &lt; y" in page and "b &amp; c" in page    # text is escaped, not markup
    assert "same in every row: unit = paragraph" in page
    assert "cdn" not in page.lower() and "src=" not in page   # nothing fetched from elsewhere
    assert page == reports.browse(table.copy())._repr_html_()  # same table, same bytes
    assert "same in every row: unit = paragraph" in repr(shown)


def test_browse_counts_the_rows_it_leaves_out():
    shown = reports.browse(pd.DataFrame({"doc_id": [str(i) for i in range(7)], "n": range(7)}), max_rows=5)
    assert len(shown.table) == 5 and shown.hidden == 2
    assert "2 more rows not shown" in shown._repr_html_()


def test_gap_and_change_tell_overlapping_intervals_from_separate_ones():
    table = pd.DataFrame({"country": ["A", "B", "A", "B"], "decade": ["1970s", "1970s", "2020s", "2020s"],
                          "share": [0.2, 0.3, 0.6, 0.35], "share_low": [0.1, 0.25, 0.5, 0.2],
                          "share_high": [0.3, 0.4, 0.7, 0.5]})
    gaps = reports.gap(table, value="share", by="country", target="A", reference="B", period="decade")
    assert gaps == ["1970s: A 0.200 [0.100, 0.300] < B 0.300 [0.250, 0.400] (intervals overlap)",
                    "2020s: A 0.600 [0.500, 0.700] > B 0.350 [0.200, 0.500] (intervals overlap)"]
    changes = reports.change(table, value="share", by="country", period="decade")
    assert changes[0].endswith("up, intervals apart.")        # A: [0.1, 0.3] then [0.5, 0.7]
    assert changes[1].endswith("up, intervals overlap.")      # B: [0.25, 0.4] then [0.2, 0.5]


@pytest.mark.parametrize("few", [1, 2, 4])
def test_no_interval_statement_rests_on_fewer_than_five_documents(few):
    # Issue 23: over two documents the bootstrap's bounds are the two documents' own values.
    table = pd.DataFrame({"outlet": ["X", "X"], "year": [2016, 2023], "mean_score": [0.38, 0.34],
                          "mean_low": [0.38, 0.30], "mean_high": [0.38, 0.39], "documents": [few, 4 + few]})
    said = reports.change(table, value="mean_score", by="outlet", period="year")[0]
    # The cell's value, its number of documents and no interval; no direction drawn from it.
    assert said.startswith(f"X: 0.380 ({few} document{'s' if few > 1 else ''}, too few) in 2016 -> ")
    assert said.endswith("fewer than 5 documents in a period, too few to compare.")
    assert "down" not in said and "[0.380, 0.380]" not in said
    # Nor a comparison between two groups, nor a peak.
    groups = pd.DataFrame({"outlet": ["X", "Y"], "mean_score": [0.38, 0.1], "mean_low": [0.38, 0.05],
                           "mean_high": [0.38, 0.15], "documents": [few, 9]})
    compared = reports.gap(groups, value="mean_score", by="outlet", target="X", reference="Y")[0]
    assert ">" not in compared and compared.endswith("too few to compare")
    table["documents"] = [5, 6]   # five documents: compared (the intervals overlap)
    assert reports.change(table, value="mean_score", by="outlet", period="year")[0].endswith("down, intervals overlap.")


def test_first_against_last_steps_over_periods_with_too_few_documents_and_names_them():
    # The grouped UN seeds: CHN's 1940s hold 4 statements; 1950s and 2020s hold 8 and 5.
    table = pd.DataFrame({"country": ["CHN"] * 4, "decade": ["1940s", "1950s", "1990s", "2020s"],
                          "mean_score": [0.253, 0.05, 0.2, 0.281], "mean_low": [0.2, 0.01, 0.15, 0.241],
                          "mean_high": [0.3, 0.09, 0.25, 0.319], "documents": [4, 8, 3, 5]})
    said = reports.change(table, value="mean_score", by="country", period="decade")[0]
    assert said == ("CHN: 0.050 [0.010, 0.090] in 1950s (8 documents) -> 0.281 [0.241, 0.319] in 2020s (5 documents); "
                    "up, intervals apart (left out, fewer than 5 documents: 1940s (4)).")
    # A small period between the two is no endpoint and is not named here (the shape sentence names it).
    table.loc[3, "documents"] = 2
    said = reports.change(table, value="mean_score", by="country", period="decade")[0]
    assert said.endswith("too few to compare.") and "0.253 (4 documents, too few) in 1940s" in said


def test_browse_keeps_an_index_that_names_the_rows_and_flattens_two_level_headers():
    table = pd.DataFrame([[2, 3], [0, 1]], index=pd.Index(["a", "b"], name="doc_id"),
                         columns=pd.MultiIndex.from_tuples([("cooperation", "paragraphs"), ("cooperation", "matches")]))
    shown = reports.browse(table)
    assert list(shown.table.columns) == ["doc_id", "cooperation paragraphs", "cooperation matches"]
    assert shown.table["doc_id"].tolist() == ["a", "b"]


def test_shape_names_the_peak_and_where_the_last_period_stands():
    import pandas as pd

    from framelab import reports

    # China's tone by decade (made-up numbers): low in the 1970s, peak in the 2000s, then down.
    table = pd.DataFrame({"country": "CHN", "decade": ["1970s", "1990s", "2000s", "2020s"],
                          "mean_score": [0.03, 0.30, 0.36, 0.28], "mean_low": [0.00, 0.27, 0.33, 0.24],
                          "mean_high": [0.06, 0.33, 0.39, 0.32], "documents": [8, 10, 10, 5]})
    assert reports.shape(table, value="mean_score", by="country", period="decade") == [
        "CHN: lowest 0.030 [0.000, 0.060] in 1970s, highest 0.360 [0.330, 0.390] in 2000s; 0.280 [0.240, 0.320] "
        "in the last period (2020s): below the peak, intervals apart."]
    # The last period the highest; and a group with two periods has no shape.
    rising = table.assign(mean_score=[0.1, 0.2, 0.3, 0.4])
    assert reports.shape(rising, value="mean_score", by="country", period="decade")[0].endswith(
        "; the last period is the highest.")
    assert reports.shape(table.head(2), value="mean_score", by="country", period="decade") == [
        "CHN: 2 period(s) with at least 5 documents, too few for a shape."]
    # A period of fewer than five documents is named and left out: no peak or low from it (issue 23).
    tiny = table.assign(mean_score=[0.03, 0.30, 0.36, 0.90], documents=[8, 10, 10, 2])
    assert reports.shape(tiny, value="mean_score", by="country", period="decade") == [
        "CHN: lowest 0.030 [0.000, 0.060] in 1970s, highest 0.360 [0.330, 0.390] in 2000s; the last period is the "
        "highest (left out, fewer than 5 documents: 2020s (2))."]


# --- findings as Markdown (issue 21, item 6) ---------------------------------------------------------

def _profile():
    # Two decades of one country; the corrected share exists only for the 1970s and 1990s.
    return pd.DataFrame({"country": "A", "decade": ["1970s", "1980s", "1990s"], "frame": "conflict",
                         "documents": 8, "share": [0.50, 0.40, 0.30],
                         "share_low": [0.45, 0.35, 0.25], "share_high": [0.55, 0.45, 0.35],
                         "share_corrected": [0.60, float("nan"), 0.20],
                         "share_corrected_low": [0.50, float("nan"), 0.05],
                         "share_corrected_high": [0.70, float("nan"), 0.35]})


def test_a_frame_finding_rests_on_the_corrected_share_and_names_the_cells_without_one():
    agreement = pd.DataFrame({"frame": ["conflict"], "kappa A": ["0.50 [0.38, 0.60]"],
                              "target kappa A >= 0.70": ["missed"]})
    finding = reports.frame_finding(_profile(), frame="conflict", by="country", period="decade",
                                    agreement=agreement, reference="reference A")
    # Corrected: 0.60 [0.50, 0.70] in the 1970s, 0.20 [0.05, 0.35] in the 1990s: apart, down. The
    # naive shares (0.50 -> 0.30, also apart) are not what the sentence uses.
    assert finding.sentences[1] == ("First against last, A: 0.600 [0.500, 0.700] in 1970s (8 documents) -> "
                                    "0.200 [0.050, 0.350] in 1990s (8 documents); down, intervals apart.")
    assert finding.sentences[2] == "No corrected share (too few reference-coded paragraphs) for: A 1980s; left out above."
    assert "corrected for the codebook's measured error with reference A" in finding.basis
    assert "kappa A 0.50 [0.38, 0.60] (missed against kappa A >= 0.70)" in finding.basis


def test_without_a_reference_the_finding_says_its_intervals_ignore_measurement_error():
    profile = _profile().drop(columns=["share_corrected", "share_corrected_low", "share_corrected_high"])
    finding = reports.frame_finding(profile, frame="conflict", by="country", period="decade")
    assert "they ignore measurement error" in finding.basis
    assert finding.sentences[1].startswith("First against last, A: 0.500 [0.450, 0.550] in 1970s")


def test_the_slogan_finding_counts_uses_marks_those_before_it_and_names_split_forms():
    found = pd.DataFrame({"country": ["DZA", "CHN", "CHN", "CHN"], "doc_id": ["d77", "c13", "c21", "c21"],
                          "date": pd.to_datetime(["1977-01-01", "2013-01-01", "2021-01-01", "2021-01-01"]),
                          "rendering": ["community of common destiny", "community of common destiny",
                                        "regex:\\bcommunity of \\w+ with a shared future\\b", "community with a shared future"],
                          "match": ["community of common destiny", "community of common destiny",
                                    "community of development with a shared future", "community with a shared future"],
                          "before_slogan": [False, False, False, False]})
    found.loc[0, "before_slogan"] = True
    finding = reports.slogan_finding(found, by="country", groups=["CHN", "USA"])
    assert finding.sentences == [
        # Counted by hand from the four rows above: 4 uses in 3 documents (d77, c13, c21); the pattern is
        # named by the words it matched.
        "The slogan's renderings occur 4 times in 3 documents: 'community of common destiny' 2, "
        "'community of development with a shared future' 1, 'community with a shared future' 1.",
        "CHN: 3 uses in 2 documents, 2013–2021 (2013 1, 2021 2).",
        "DZA: 1 use in 1 document, 1977–1977 (1977 1).",
        "DZA: 1 use(s) before the slogan was introduced (1977); read their sentences before counting them.",
        "USA: no use."]
    assert "community of development with a shared future (split form)" in set(finding.table["rendering"])
    assert not finding.table["rendering"].str.startswith("regex:").any()


def test_findings_render_as_markdown_with_markup_escaped():
    shown = reports.Findings([reports.Finding("Tone", ["A: 0.1 [0.0, 0.2] -> 0.3; p < 0.05 *"], basis="VADER")],
                             intro="2 statements.").to_markdown()
    assert shown.startswith("2 statements.\n\n### Tone\n")
    assert "- A: 0.1 \\[0.0, 0.2\\] -\\> 0.3; p \\< 0.05 \\*" in shown and "*Rests on:* VADER" in shown


def test_length_held_fixed_shares_are_given_without_a_verdict_on_difference():
    adjusted = pd.DataFrame({"country": "A", "decade": ["1970s", "1990s"], "frame": "conflict", "documents": 8,
                             "share_length_adjusted": [0.62, 0.26], "share_length_adjusted_low": [0.56, 0.22],
                             "share_length_adjusted_high": [0.68, 0.33]})
    finding = reports.frame_finding(_profile(), frame="conflict", by="country", period="decade", adjusted=adjusted)
    # Their intervals are apart, but they ignore measurement error: the sentence gives the direction only.
    assert finding.sentences[-1] == ("Paragraph length held fixed (uncorrected point estimates), A: 0.620 in 1970s "
                                     "(8 documents) -> 0.260 in 1990s (8 documents); down.")


def test_the_last_comparison_is_of_the_last_period_with_enough_documents():
    # Issue 23: 2015 has 6 and 5 documents; 2016 has 1 and 1: the comparison is 2015's, and 2016 is named.
    table = pd.DataFrame({"outlet": ["A", "B"] * 2, "year": [2015, 2015, 2016, 2016], "mean_score": [0.3, 0.1, 0.2, 0.0],
                          "mean_low": [0.25, 0.05, 0.2, 0.0], "mean_high": [0.35, 0.15, 0.2, 0.0],
                          "documents": [6, 5, 1, 1]})
    said = [s for s in reports.tone_finding(table, by="outlet", period="year", target="A", reference="B").sentences
            if s.startswith("In the last period")]
    assert said == ["In the last period compared, 2015: A 0.300 [0.250, 0.350] > B 0.100 [0.050, 0.150] (intervals apart)"
                    " (the 1 later period: fewer than 5 documents in a group)"]
    # No period with enough documents: the last one's values, and no comparison.
    said = [s for s in reports.tone_finding(table.assign(documents=[2, 2, 1, 1]), by="outlet", period="year", target="A",
                                            reference="B").sentences if s.startswith("In the last period")]
    assert said[0].startswith("In the last period, 2016: A 0.200 (1 document, too few), B 0.000 (1 document, too few)")
