"""Issue 23: transcripts, bracketed outlets, layout notes, time axes and shared pages."""
import pandas as pd
import pytest

from framelab import cleaning, layouts, plots, reports


def test_stage_directions_clock_times_end_and_venue_lines_are_cut():
    lines = ["THE WHITE HOUSE", "Office of the Press Secretary", "Great Hall of the People", "Beijing, China",
             "12:15 P.M. CST",
             "PRESIDENT XI: (As interpreted.) Good afternoon. (Applause.)",
             "PRESIDENT OBAMA: Thank you. [Laughter] We discussed Guinea (Bissau) and (Taiwan) matters.",
             "(applause)",
             "Q Mr. President, what about the 2:15 P.M. meeting?",
             "END 12:50 P.M. CST"]
    kept, cuts = cleaning.split_transcript(lines)
    assert kept == ["PRESIDENT XI: Good afternoon.",
                    "PRESIDENT OBAMA: Thank you. We discussed Guinea (Bissau) and (Taiwan) matters.",
                    "Q Mr. President, what about the 2:15 P.M. meeting?"]
    assert cuts == [("transcript heading", "THE WHITE HOUSE"), ("transcript heading", "Office of the Press Secretary"),
                    ("transcript heading", "Great Hall of the People"), ("transcript heading", "Beijing, China"),
                    ("timestamp", "12:15 P.M. CST"), ("stage direction", "(As interpreted.)"),
                    ("stage direction", "(Applause.)"), ("stage direction", "[Laughter]"),
                    ("stage direction", "(applause)"), ("end of transcript", "END 12:50 P.M. CST")]
    # Cleaning clean text changes nothing.
    assert cleaning.split_transcript(kept) == (kept, [])


def test_text_that_is_not_a_transcript_passes_unchanged():
    # No clock time among the first lines: short lines at the top are text (a speech's salutation), not a heading.
    speech = ["Mr. President", "Excellencies", "We meet in a year of hope (and of fear).", "END"]
    kept, cuts = cleaning.split_transcript(speech)
    assert kept == speech[:3] and cuts == [("end of transcript", "END")]
    # A clock time further down is a timestamp line, but no heading is taken from far below the top.
    late = ["Line one of the record.", *[f"Paragraph {i}." for i in range(10)], "Noon", "12:00 P.M. EST", "More."]
    kept, cuts = cleaning.split_transcript(late)
    assert "Noon" in kept and cuts == [("timestamp", "12:00 P.M. EST")]
    # A price or a figure on a line of its own is not a clock time; "10.30 a.m." is.
    assert cleaning.split_transcript(["10.30 a.m.", "2.50 USD"]) == (["2.50 USD"], [("timestamp", "10.30 a.m.")])


@pytest.mark.parametrize("line, outlet", [
    ("Voice of America (Learning English, As It Is), September 25, 2014", "Voice of America (Learning English, As It Is)"),
    ("The White House (Office of the Press Secretary), January 19, 2011", "The White House (Office of the Press Secretary)"),
    ("The White House, Office of the Press Secretary, January 19, 2011", "The White House"),
    ("Reuters [Beijing, bureau], 2015-09-25", "Reuters [Beijing, bureau]"),
    ("Agency (unclosed, Beijing, September 25, 2015", "Agency (unclosed, Beijing"),
])
def test_an_outlet_is_cut_only_at_a_comma_outside_brackets(line, outlet):
    assert layouts.parse_dateline(line).outlet == outlet


def test_layout_notes_quote_the_dateline_whole():
    dateline = "The White House, Office of the Press Secretary, January 19, 2011"
    _, why = layouts.choose_layout(["Remarks by the President", dateline, "Text."])
    assert repr(dateline) in why
    _, why = layouts.choose_layout(["Short title", "A long second line " * 10])
    assert why.startswith("line 2 is not a dateline ('A long second line") and "'…" in why


def test_a_time_axis_is_in_years():
    positions = plots.period_positions([2013, 2015, 2016, 2020])
    assert positions[2020] - positions[2016] == 4 * (positions[2016] - positions[2015])
    assert plots.period_positions(["2015Q1", "2015Q3"]) == {"2015Q1": 2015.0, "2015Q3": 2015.5}
    assert plots.period_positions(["early", "late"]) == {"early": 0.0, "late": 1.0}   # labels: one apart


def test_shared_tables_show_a_day_without_a_clock_time():
    table = pd.DataFrame({"date": pd.to_datetime(["2015-09-25", "2015-09-26"]), "title": ["a", "b"]})
    html = reports.browse(table, drop_constant=False)._repr_html_()
    assert "<td>2015-09-25</td>" in html and "00:00:00" not in html


def test_a_shared_page_keeps_the_corpus_name_but_not_the_machine_folders():
    import nbformat

    from framelab.notebooks import for_sharing

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('corpus_path = "/home/ana/private/interviews"\nfigures_dir = "/home/ana/out/figures"',
                                  metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_markdown_cell("## Results: tone"),
        nbformat.v4.new_code_cell('figures.save(fig, "tone_over_time", notebook=NOTEBOOK)', outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="saved /home/ana/out/figures/02-tone.png\n"),
            nbformat.v4.new_output("display_data", data={"image/png": "iVBO", "text/plain": "<Figure>"})])])
    shared = for_sharing(nb)
    assert shared.cells[0].source == 'corpus_path = "…/interviews"\nfigures_dir = "…/figures"'
    assert shared.cells[2].outputs[0]["text"] == "saved …/figures/02-tone.png\n"
    assert shared.cells[2].outputs[1]["metadata"]["alt"].startswith("Figure: tone over time (section: Results: tone)")


def test_speaker_labels_are_left_out_of_tone_only_at_the_start_of_a_line():
    from framelab.cleaning import without_speaker_labels

    text = "MR. EARNEST: Good afternoon.\nQ  Thank you.\nPRESIDENT XI: Welcome.\nTHE PRESIDENT: Thanks."
    assert without_speaker_labels(text) == "Good afternoon.\nThank you.\nWelcome.\nThanks."
    # Not a label: a colon inside a sentence, a year, a mixed-case word, a lone capital Q inside a line.
    for kept in ("We agreed on one point: trade.", "In 2015: progress.", "Mr. Earnest: a fine man.", "Ask Q and A."):
        assert without_speaker_labels(kept) == kept
    from framelab import sentiment
    scores = sentiment.score_texts(["MR. EARNEST: Yes, we do.", "Yes, we do."], mask_names=False)["score"].tolist()
    assert scores[0] == scores[1]
