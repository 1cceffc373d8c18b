"""Nothing lost: syndication kept and marked, outlet spellings grouped, non-English text flagged,
GB18030 decoded, a giant paragraph split without aborting the load, symbolic links reported,
strict mode failing only on problems. Each corpus is written here, so its values are in view."""
import warnings

import nltk.redos
import pandas as pd
import pytest

import framelab
from framelab import sentiment, terms
from framelab.corpus import CorpusError

CHINESE = "中美两国在网络空间开展合作。双方同意继续对话。"


def write(folder, files: dict):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def test_syndication_is_kept_and_marked_an_exact_copy_skipped(tmp_path):
    story = "Talks resume\n{dateline}\nThe talks resumed on Friday.\n"
    corpus = framelab.load_corpus(write(tmp_path / "wire", {
        "a.txt": story.format(dateline="Xinhua, September 25, 2015"),
        "b.txt": story.format(dateline="China Daily, September 25, 2015"),   # another outlet
        "c.txt": story.format(dateline="Xinhua, September 26, 2015"),        # another date
        "d.txt": story.format(dateline="Xinhua, September 25, 2015"),        # byte-identical to a
    }), strict=True)  # all notes: strict mode does not fail
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["a", "b", "c"]
    assert docs["duplicate_of"].isna().tolist() == [True, False, False]
    assert docs["duplicate_of"].iloc[1:].tolist() == ["a", "a"]
    assert docs.loc["b", "outlet"] == "China Daily"
    skipped = corpus.report[corpus.report["problem"].str.contains("exact duplicate of wire/a.txt", regex=False)]
    assert skipped["path"].tolist() == ["wire/d.txt"] and skipped["severity"].tolist() == ["note"]
    marked = corpus.report[corpus.report["problem"].str.contains("same text as wire/a.txt", regex=False)]
    assert marked["path"].tolist() == ["wire/b.txt", "wire/c.txt"]
    assert "outlet 'China Daily' vs 'Xinhua'" in marked.iloc[0]["problem"]


def test_outlet_spellings_are_grouped_and_the_written_form_kept(tmp_path):
    corpus = framelab.load_corpus(write(tmp_path / "outlets", {
        "1.txt": "One\nXINHUA, September 1, 2016\nFirst story.\n",
        "2.txt": "Two\nXinhua News Agency, September 2, 2016\nSecond story.\n",
        "3.txt": "Three\nxinhua, September 3, 2016\nThird story.\n",
        "4.txt": "Four\nMorning  Star, September 4, 2016\nFourth story.\n",
        "5.txt": "Five\nMORNING STAR, September 5, 2016\nFifth story.\n",
        "6.txt": "Six\nmorning star, September 6, 2016\nSixth story.\n",
        "7.txt": "Seven\nThe Planet, September 7, 2016\nSeventh story.\n",
    }), outlet_aliases={"Daily Planet": ["The Planet"]})
    docs = corpus.documents
    # 1-3: outlets.yaml (given aliases add to it); 4-6: case and spacing variants of an unlisted
    # outlet, each written once, so the tie goes to mixed case; 7: the alias given.
    assert docs["outlet"].tolist() == ["Xinhua"] * 3 + ["Morning Star"] * 3 + ["Daily Planet"]
    assert docs["outlet_as_written"].tolist() == [
        "XINHUA", "Xinhua News Agency", "xinhua", "Morning Star", "MORNING STAR", "morning star", "The Planet"]


def test_default_aliases_group_xinhua(tmp_path):
    corpus = framelab.load_corpus(write(tmp_path / "x", {
        "1.txt": "One\nXINHUA, September 1, 2016\nFirst story.\n",
        "2.txt": "Two\nXinhua News Agency, September 2, 2016\nSecond story.\n",
        "3.txt": "Three\nVOA, September 3, 2016\nThird story.\n",
    }))
    assert corpus.documents["outlet"].tolist() == ["Xinhua", "Xinhua", "Voice of America"]
    grouped = corpus.report[corpus.report["problem"].str.startswith("outlet written")]
    assert len(grouped) == 3 and set(grouped["severity"]) == {"note"}


def test_chinese_text_is_flagged_and_sentiment_leaves_it_out(tmp_path):
    corpus = framelab.load_corpus(write(tmp_path / "mixed", {
        "en.txt": "Talks\nXinhua, September 25, 2015\nThe talks were good.\n",
        "zh.txt": f"中美网络论坛\n{CHINESE}\n",
    }))
    assert corpus.documents.set_index("doc_id")["language"].to_dict() == {"en": "en", "zh": "zh"}
    flagged = corpus.report[corpus.report["path"] == "mixed/zh.txt"]["problem"]
    assert "doc_id 'zh': text is not English: Chinese (zh)" in flagged.tolist()
    with pytest.warns(UserWarning, match=r"sentiment.score is built for English; 1 document\(s\) .*'zh'.* left out"):
        scores = sentiment.score(corpus)
    assert scores["doc_id"].tolist() == ["en"]
    with pytest.warns(UserWarning, match="terms.frequencies is built for English"):
        terms.frequencies(corpus)


def test_gbk_file_is_decoded_not_replaced(tmp_path):
    corpus = framelab.load_corpus(write(tmp_path / "gbk", {"zh.txt": f"中美网络论坛\n{CHINESE}\n".encode("gbk")}))
    doc = corpus.documents.iloc[0]
    assert doc["encoding"] == "gb18030"
    assert doc["text"] == f"中美网络论坛\n{CHINESE}"
    assert "\ufffd" not in doc["text"]
    assert doc["language"] == "zh"
    row = corpus.report[corpus.report["problem"].str.startswith("file is GB18030")]
    assert row["severity"].tolist() == ["note"]


def test_a_giant_paragraph_falls_back_to_a_simple_split(tmp_path, monkeypatch):
    # 20,000 sentences in one line (about 420 KB): with NLTK's time limit lowered to 1 ms, Punkt
    # gives up on it, as it does on multi-megabyte paragraphs at the default limit.
    monkeypatch.setattr(nltk.redos, "DEFAULT_TIMEOUT", 0.001)
    giant = " ".join(["The talks went well."] * 20_000)
    corpus = framelab.load_corpus(write(tmp_path / "giant", {
        "big.txt": f"Long\nXinhua, September 25, 2015\n{giant}\n"}))
    assert len(corpus.paragraphs) == 1
    assert len(corpus.sentences) == 20_000
    assert set(corpus.sentences["text"]) == {"The talks went well."}
    row = corpus.report[corpus.report["problem"].str.contains("too long for NLTK's sentence splitter")]
    assert row["problem"].str.startswith("paragraph 1 (419,999 characters)").tolist() == [True]


def test_symbolic_links_are_followed_or_reported(tmp_path):
    outside = write(tmp_path / "elsewhere", {"linked.txt": "Linked\nXinhua, May 1, 2016\nA linked story.\n"})
    corpus_dir = write(tmp_path / "corpus", {"real.txt": "Real\nXinhua, May 2, 2016\nA real story.\n"})
    (corpus_dir / "folder_link").symlink_to(outside, target_is_directory=True)
    (corpus_dir / "loop").symlink_to(corpus_dir, target_is_directory=True)
    (corpus_dir / "gone.txt").symlink_to(tmp_path / "no_such_file.txt")
    corpus = framelab.load_corpus(corpus_dir)
    assert corpus.documents["doc_id"].tolist() == ["folder_link/linked", "real"]
    report = corpus.report.set_index("path")
    assert report.loc["corpus/gone.txt", "problem"].startswith("broken symbolic link")
    assert report.loc["corpus/gone.txt", "severity"] == "problem"
    assert report.loc["corpus/folder_link", "problem"].startswith("symbolic link to the folder")
    assert report.loc["corpus/loop", "problem"].startswith("symbolic link to a folder already read")


def test_documentation_files_are_noted_not_problems(tmp_path):
    corpus = framelab.load_corpus(write(tmp_path / "docs", {
        "README.md": "# About this corpus\n", "LICENSE.txt": "CC0\n",
        "a.txt": "Talks\nXinhua, May 1, 2016\nA story.\n"}), strict=True)
    rows = corpus.report[corpus.report["problem"].str.startswith("documentation file")]
    assert sorted(rows["path"]) == ["docs/LICENSE.txt", "docs/README.md"]


def test_strict_fails_on_a_problem_and_names_it(tmp_path):
    with pytest.raises(CorpusError, match=r"(?s)1 problem\(s\).*s/bad\.txt: date in the dateline could not be read"):
        framelab.load_corpus(write(tmp_path / "s", {
            "bad.txt": "Talks\nXinhua, September 31, 2015\nA story.\n",
            "fine.txt": "Talks\nXinhua, September 30, 2015\nAnother story.\n"}), strict=True)


def test_no_warning_for_an_english_corpus(seed_corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sentiment.score(seed_corpus)


# --- found by trying the loader as a new user (each failed before its fix) ------------------------

def test_rows_with_other_ids_or_other_dates_are_kept_as_syndication(tmp_path):
    folder = write(tmp_path / "rows", {"ids.csv": (
        "doc_id,outlet,date,text\n"
        "r1,Reuters,2015-09-25,Same story text.\n"
        "r2,Reuters,2015-09-25,Same story text.\n"      # another id: another item
        "r3,Reuters,2015-09,Same story text.\n"          # another date, as written
        "r1,Reuters,2015-09-25,Same story text.\n")})   # every cell the same as row 1: a copy
    corpus = framelab.load_corpus(folder)
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["r1", "r2", "r3"]
    assert docs["duplicate_of"].iloc[1:].tolist() == ["r1", "r1"]
    copies = corpus.report[corpus.report["problem"].str.contains("exact duplicate")]
    assert copies["problem"].str.startswith("row 4 (doc_id 'r1')").tolist() == [True]


def test_a_renamed_doc_id_is_a_problem_and_metadata_joins_only_the_original(tmp_path):
    folder = write(tmp_path / "clash", {
        "a1.txt": "Talks\nXinhua, May 1, 2016\nA story.\n",
        "wire.csv": "doc_id,title,outlet,date,text\na1,Other,Reuters,2016-05-02,Another story.\n"})
    table = pd.DataFrame({"doc_id": ["a1"], "stance": ["critical"]})
    corpus = framelab.load_corpus(folder, metadata=table)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["a1", "stance"] == "critical" and pd.isna(docs.loc["a1~2", "stance"])
    renamed = corpus.report[corpus.report["problem"].str.contains("is used by an earlier document")]
    assert renamed["severity"].tolist() == ["problem"]
    with pytest.raises(CorpusError, match="is used by an earlier document"):
        framelab.load_corpus(folder, strict=True)


def test_a_name_heavy_english_wire_lead_is_english():
    from framelab.languages import detect
    lead = ("WASHINGTON, Sept. 25 (Xinhua) -- Chinese President Xi Jinping held talks with U.S. President "
            "Barack Obama on Friday. Both sides pledged cooperation.")
    assert detect(lead) == "en"
    assert detect("El presidente habló ante la Asamblea General de las Naciones Unidas sobre la cooperación "
                  "internacional y el desarrollo sostenible de los países.") == "und-Latn"


def test_optional_columns_missing_are_notes_and_partial_dates_keep_their_precision(tmp_path):
    folder = write(tmp_path / "partial", {"items.csv": (
        "doc_id,date,text\n"
        "m,2015-09,A month only.\n"
        "y,2015,A year only.\n"
        "w,September 2015,A month in words.\n")})
    corpus = framelab.load_corpus(folder, strict=True)   # no title/outlet column: notes, not problems
    docs = corpus.documents.set_index("doc_id")
    assert docs["date"].dt.strftime("%Y-%m-%d").tolist() == ["2015-09-01", "2015-01-01", "2015-09-01"]
    assert docs["date_precision"].tolist() == ["month", "year", "month"]
    assert set(corpus.report[corpus.report["problem"].str.contains("column")]["severity"]) == {"note"}


def test_a_semicolon_csv_is_read_with_its_delimiter(tmp_path):
    folder = write(tmp_path / "semi", {"items.csv": "doc_id;title;outlet;date;text\nx;T;Xinhua;2016-05-01;Body text.\n"})
    corpus = framelab.load_corpus(folder)
    assert corpus.documents.iloc[0][["doc_id", "outlet"]].tolist() == ["x", "Xinhua"]
    assert corpus.report.iloc[0]["problem"] == "CSV delimiter ';', not a comma"


def test_a_corpus_loaded_again_is_a_copy_and_a_changed_file_is_read_again(tmp_path):
    from framelab import corpus as loader
    (tmp_path / "a.txt").write_text("T\nXinhua, May 1, 2016\nThe talks were good.\n", encoding="utf-8")
    first = framelab.load_corpus(tmp_path)
    first.paragraphs.loc[0, "text"] = "changed by the user"          # a copy: the next load is untouched
    again = framelab.load_corpus(tmp_path)
    assert again.paragraphs["text"].tolist() == ["The talks were good."]
    (tmp_path / "a.txt").write_text("T\nXinhua, May 1, 2016\nThe talks were bad.\n", encoding="utf-8")
    assert framelab.load_corpus(tmp_path).paragraphs["text"].tolist() == ["The talks were bad."]
    assert len(loader._MEMO) <= loader.MEMO_ENTRIES
