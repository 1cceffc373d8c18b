"""The public API follows one vocabulary (CONTRIBUTING.md): walk every public function of every
module and check the conventions, then the cases that used to pass silently."""
import importlib
import inspect
import pkgutil
import re
import warnings

import pandas as pd
import pytest

import framelab
from framelab import checks, framing, sentiment, terms

MODULES = sorted(m.name for m in pkgutil.iter_modules(framelab.__path__))


def public_functions():
    for name in MODULES:
        module = importlib.import_module(f"framelab.{name}")
        for attribute in getattr(module, "__all__", []):
            value = getattr(module, attribute)
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                yield f"{name}.{attribute}", value


FUNCTIONS = dict(public_functions())


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_its_public_names(name):
    module = importlib.import_module(f"framelab.{name}")
    assert hasattr(module, "__all__"), f"framelab.{name} has no __all__"
    assert module.__doc__, f"framelab.{name} has no module docstring"


def test_the_walk_finds_the_api():
    # A sanity check on the walk itself: the functions researchers call most are in it.
    for name in ["corpus.load_corpus", "terms.frequencies", "terms.kwic", "sentiment.score", "framing.code",
                 "framing.profile", "actors.mentions", "validation.out_of_sample"]:
        assert name in FUNCTIONS


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_data_first_and_positional_options_keyword_only(name):
    parameters = list(inspect.signature(FUNCTIONS[name]).parameters.values())
    if not parameters or parameters[0].kind in (parameters[0].VAR_POSITIONAL, parameters[0].VAR_KEYWORD):
        return   # decorators such as checks.parameters(**constraints)
    if all(p.kind == p.KEYWORD_ONLY for p in parameters):
        return   # no data argument: options only (groups.group_columns)
    assert parameters[0].kind == parameters[0].POSITIONAL_OR_KEYWORD, f"{name}: first argument not positional"
    for position, parameter in enumerate(parameters):
        if parameter.kind in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
            continue
        # Options (arguments with a default) are keyword-only; only a loader's first argument
        # (the path, default: framelab's data file) may have a default and stay positional.
        if parameter.default is not parameter.empty and position > 0:
            assert parameter.kind == parameter.KEYWORD_ONLY, f"{name}: option {parameter.name!r} is positional"


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_docstring_names_every_argument_and_has_an_example(name):
    function = FUNCTIONS[name]
    doc = inspect.getdoc(function) or ""
    assert doc, f"{name} has no docstring"
    for parameter in inspect.signature(function).parameters:
        if parameter in ("self", "args", "kwargs"):
            continue
        assert parameter in doc, f"{name}: argument {parameter!r} is not described"
        if parameter not in ("args", "kwargs", "constraints", "names", "options"):
            # Described with its type (and default): "window (int, default 5): ..."; "a, b (...)" groups.
            assert re.search(rf"^\s*(\w+, )*{parameter}(, \w+)* \(", doc, flags=re.M), \
                f"{name}: argument {parameter!r} has no type in its description"
    assert ">>>" in doc, f"{name}: no example"


SHARED = {
    # name: (expected default or None for "any", a phrase its docstring must contain)
    "window": (None, "on each side"),
    "by": (None, "column"),
    "stopwords": (True, "list"),
    "phrases": (None, "phrases.yaml"),
    "lexicon": ("vader", '"vader"'),
    "codebook": (None, "codebook"),
    "actors": (None, "actors.yaml"),
}


@pytest.mark.parametrize("shared", sorted(SHARED))
def test_shared_names_mean_the_same_everywhere(shared):
    default, phrase = SHARED[shared]
    users = [(n, f) for n, f in FUNCTIONS.items() if shared in inspect.signature(f).parameters]
    assert users, f"no public function takes {shared}="
    for name, function in users:
        parameter = inspect.signature(function).parameters[shared]
        if default is not None or shared in ("phrases", "codebook", "actors"):
            assert parameter.default == default, f"{name}: {shared}= defaults to {parameter.default!r}"
        section = inspect.getdoc(function).split(f"{shared} (", 1)
        assert len(section) == 2 and phrase in section[1].split("\n    ")[0] + section[1][:400], \
            f"{name}: the description of {shared}= does not say {phrase!r}"


# --- silent cases that now raise or warn -------------------------------------------------------------

def test_bad_values_raise_with_one_wording(seed_corpus):
    with pytest.raises(ValueError, match=r"^invalid value for frequencies\(top=...\): -1; expected an integer >= 1 or None$"):
        terms.frequencies(seed_corpus, top=-1)
    with pytest.raises(ValueError, match=r"^invalid value for kwic\(window=...\): -2; expected an integer >= 0$"):
        terms.kwic(seed_corpus, "china", window=-2)
    with pytest.raises(ValueError, match=r"^invalid value for keyness\(target=...\): 'zzz'; expected None without by="):
        terms.keyness(seed_corpus, target="zzz")
    with pytest.raises(ValueError, match=r"^invalid value for score\(unit=...\): 'word'; expected one of 'sentence', "
                                         r"'paragraph', 'document'$"):
        sentiment.score(seed_corpus, unit="word")
    with pytest.raises(TypeError, match=r"^invalid type for frequencies\(stopwords=...\): str; expected True, False "
                                        r"or a list of words$"):
        terms.frequencies(seed_corpus, stopwords="english")


def test_an_option_ignored_because_of_another_warns(seed_corpus):
    with pytest.warns(UserWarning, match="kwic: ignore_case is ignored because actors always match case-sensitively"):
        terms.kwic(seed_corpus, "United States", actor=True, ignore_case=False)
    with pytest.warns(UserWarning, match=r"frequencies: processes is ignored because n-grams \(n > 1\)"):
        terms.frequencies(seed_corpus, n=2, processes=4)


def test_stopwords_take_a_list(seed_corpus):
    # Only "china" and "chinese" dropped: "the" stays, as the list replaces framelab's.
    table = terms.frequencies(seed_corpus, stopwords=["china", "chinese"]).set_index("term")
    assert "china" not in table.index and "chinese" not in table.index and "the" in table.index


def test_old_positional_calls_still_work_with_a_deprecation_warning(seed_corpus):
    with pytest.warns(FutureWarning, match=r"score\(\): pass unit=, lexicon= by keyword"):
        old = sentiment.score(seed_corpus, "paragraph", "vader")
    assert old.equals(sentiment.score(seed_corpus, unit="paragraph", lexicon="vader"))
    with pytest.warns(FutureWarning, match=r"code\(\): pass codebook= by keyword"):
        framing.code(seed_corpus, framing.load_codebook())
    with pytest.warns(FutureWarning, match=r"slogan\(window=...\) is now slogan\(paragraphs=...\)"):
        framing.slogan(seed_corpus, framing.code(seed_corpus), window=1)


def test_results_keep_their_meaning_after_a_merge(seed_corpus):
    coded = framing.code(seed_corpus)
    merged = coded.merge(seed_corpus.paragraphs[["doc_id", "paragraph", "n_words"]], on=["doc_id", "paragraph"])
    assert merged.attrs == {} or "frames" not in merged.attrs
    # Frames are read from the columns (f beside f_hits), the unit from its column.
    assert framing.profile(merged).equals(framing.profile(coded))
    assert framing.by_document(merged).equals(framing.by_document(coded))
    assert set(merged["unit"]) == {"paragraph"}
    table = sentiment.lexicon_agreement(seed_corpus)
    assert table["thresholds"].iloc[0] == "vader: positive >= 0.05, negative <= -0.05; afinn: positive > 0, negative < 0"


def test_collocations_window_is_words_on_each_side(tmp_path):
    # "a b c d": with window=1 the pairs are neighbours; window=2 adds pairs one word apart.
    (tmp_path / "a.txt").write_text("T\nXinhua, May 1, 2016\nalpha beta gamma delta.\n")
    corpus = framelab.load_corpus(tmp_path)
    one = terms.collocations(corpus, window=1, min_count=1, stopwords=False)
    two = terms.collocations(corpus, window=2, min_count=1, stopwords=False)
    assert sorted(zip(one["word1"], one["word2"])) == [("alpha", "beta"), ("beta", "gamma"), ("gamma", "delta")]
    assert sorted(zip(two["word1"], two["word2"])) == [("alpha", "beta"), ("alpha", "gamma"), ("beta", "delta"),
                                                       ("beta", "gamma"), ("gamma", "delta")]


def test_a_codebook_from_a_dict_equals_the_same_codebook_from_yaml():
    book = framing.load_codebook()
    again = framing.Codebook.from_dict(book.to_dict())
    assert again.frame_names == book.frame_names
    assert [i.text for i in again.frames["conflict"].exclusions] == [i.text for i in book.frames["conflict"].exclusions]
    with pytest.raises(framing.CodebookError, match="codebook dict: frame 'x': field 'definition' is missing"):
        framing.Codebook.from_dict({"frames": {"x": {"indicators": ["y"]}}})


def test_constraints_are_declared_next_to_the_function():
    assert isinstance(terms.frequencies.parameter_constraints["top"], checks.Integer)
    assert isinstance(sentiment.score.__wrapped__.parameter_constraints["unit"], checks.Choice)


# --- found by a user's review of the conventions (each failed before its fix) -------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda c: sentiment.score_texts("The talks were good."), TypeError, r"score_texts\(texts=...\): str"),
    (lambda c: terms.dispersion(c, "china"), TypeError, r"dispersion\(terms=...\): str"),
    (lambda c: sentiment.score(c, mask_names="United States"), TypeError, r"score\(mask_names=...\): str"),
    (lambda c: framelab.actors.mentions(c, actors={"China": "China"}), TypeError, r"mentions\(actors=...\): str"),
    (lambda c: framelab.actors.mentions(c, actors={}), ValueError, r"mentions\(actors=...\): \{\}"),
    (lambda c: framing.entman(c, framing.code(c), frames="conflict"), TypeError, r"entman\(frames=...\): str"),
    (lambda c: framing.read_coding("validation/seed_agent_coding.csv", frames="slogan"), TypeError, "read_coding"),
    (lambda c: terms.frequencies(c, phrases="cyber war"), TypeError, r"frequencies\(phrases=...\): str"),
    (lambda c: terms.frequencies(c, phrases=5), TypeError, r"frequencies\(phrases=...\): int"),
    (lambda c: framing.code(c, codebook="lib/framelab/data/codebook.yaml"), TypeError, r"code\(codebook=...\): str"),
    (lambda c: terms.kwic(c, None), TypeError, r"kwic\(query=...\): NoneType"),
    (lambda c: terms.kwic(c, ""), ValueError, r"kwic\(query=...\): ''"),
    (lambda c: terms.collocations(c, word=5), TypeError, r"collocations\(word=...\): int"),
    (lambda c: terms.kwic(c, "china", ignore_case="yes"), TypeError, r"kwic\(ignore_case=...\): str"),
    (lambda c: sentiment.label([0.1], threshold=-1), ValueError, r"label\(threshold=...\): -1"),
    (lambda c: terms.frequencies(c, by=["outlet", "outlet"]), ValueError, "each once"),
    (lambda c: framelab.plots.top_terms(terms.frequencies(c), top=-3), ValueError, r"top_terms\(top=...\): -3"),
    (lambda c: framing.agreement(framing.code(c, unit="sentence"), "validation/seed_agent_coding.csv"), ValueError,
     "paragraph unit"),
    (lambda c: framing.slogan(c, framing.code(c, unit="document")), ValueError, "paragraph unit"),
])
def test_wrong_arguments_fail_with_the_one_wording(seed_corpus, call, error, words):
    with pytest.raises(error, match=words):
        call(seed_corpus)


def test_keyness_per_document_and_ignored_options(tmp_path):
    for name, body in {"a": "Cyber cyber talks.", "b": "Trade talks."}.items():
        (tmp_path / f"{name}.txt").write_text(f"T\nXinhua, May 1, 2016\n{body}\n")
    corpus = framelab.load_corpus(tmp_path)
    table = terms.keyness(corpus, by="doc_id", target="a", min_count=1)
    assert table.set_index("term").loc["cyber", "count"] == 2
    with pytest.warns(UserWarning, match="reference_size is ignored"):
        terms.keyness(corpus, by="doc_id", target="a", min_count=1, reference_size=10)


def test_useless_options_warn(seed_corpus):
    coded = framing.code(seed_corpus)
    with pytest.warns(UserWarning, match="slogan: window is ignored because paragraphs= is given"):
        framing.slogan(seed_corpus, coded, window=2, paragraphs=1)
    with pytest.warns(UserWarning, match="collocations: word is ignored because 'the' is a stopword"):
        terms.collocations(seed_corpus, word="the")


def test_masking_effect_after_a_merge_and_with_the_table_threshold(seed_corpus):
    scored = sentiment.score(seed_corpus, unit="paragraph", threshold=0.5)
    merged = framing.code(seed_corpus).merge(scored, on=["doc_id", "paragraph"])
    effect = sentiment.masking_effect(merged).iloc[0]
    assert effect["unit"] == "paragraph"
    # The table was labelled at 0.5, so label changes are counted at 0.5, as if passed explicitly.
    assert effect["label_changes"] == sentiment.masking_effect(scored, threshold=0.5).iloc[0]["label_changes"]
    with pytest.raises(ValueError, match=r"invalid value for masking_effect\(threshold=...\)"):
        sentiment.masking_effect(scored, threshold=-1)


def test_train_takes_the_codebook_as_with_codebook():
    assert "codebook" not in inspect.signature(framing.train).parameters
    assert inspect.signature(framing.train).parameters["with_codebook"].default is False


def test_a_sentiment_arc_of_a_merged_table(seed_corpus):
    merged = framing.code(seed_corpus).merge(sentiment.score(seed_corpus, unit="paragraph"), on=["doc_id", "paragraph"])
    assert {"unit_x", "unit_y"} <= set(merged.columns)
    assert len(framelab.plots.sentiment_arc(merged).axes) >= 1
