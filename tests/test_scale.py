"""Dask: every distributed analysis gives the table the local run gives, on local processes and on a
LocalCluster of two workers, over a corpus split into several partitions."""
import pandas as pd
import pytest

import framelab
from framelab import actors, framing, scale, sentiment, terms
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    loaded = framelab.load_corpus(ROOT / "seeds" / "un-general-debate", layout="plain", progress=False,
                                  filename_pattern="{country}_{session}_{year}", join_lines="auto")
    return loaded.subset(loaded.documents["doc_id"][loaded.documents["year"] >= 2005])   # 40 statements


@pytest.fixture(scope="module")
def folder(corpus, tmp_path_factory):
    return scale.partition(corpus, tmp_path_factory.mktemp("dask") / "un", words_per_partition=20_000)


CASES = [
    (framing.hits, {}, lambda c: framing.hits(c)),
    (framing.code, {}, lambda c: framing.code(c)),
    (actors.mentions, {}, lambda c: actors.mentions(c)),
    (terms.kwic, {"query": "shared future", "window": 4}, lambda c: terms.kwic(c, "shared future", window=4)),
    (sentiment.score, {}, lambda c: sentiment.score(c)),
    (terms.frequencies, {"min_count": 2, "top": 200}, lambda c: terms.frequencies(c, min_count=2, top=200)),
    (terms.frequencies, {"n": 2, "phrases": ()}, lambda c: terms.frequencies(c, n=2, phrases=())),
    # Word counts per group and period, keyness and a word's collocations: computed from the
    # partitions' counts as the local run computes them from the whole corpus.
    (terms.frequencies, {"by": "country", "period": "decade", "top": 30},
     lambda c: terms.frequencies(c, by="country", period="decade", top=30)),
    (terms.keyness, {"by": "country", "target": "CHN", "reference": "USA"},
     lambda c: terms.keyness(c, by="country", target="CHN", reference="USA")),
    (terms.keyness, {"period": "decade", "min_count": 3}, lambda c: terms.keyness(c, period="decade", min_count=3)),
    (terms.keyness, {}, lambda c: terms.keyness(c)),
    (terms.collocations, {"word": "development", "window": 3, "min_count": 2},
     lambda c: terms.collocations(c, word="development", window=3, min_count=2)),
]


def test_the_partitions_hold_every_document_once_in_order(corpus, folder):
    parts = [scale.load_partition(p) for p in scale.partitions(folder)]
    assert len(parts) >= 4                                        # 40 statements of 4,000-6,000 words
    assert pd.concat([p.documents["doc_id"] for p in parts], ignore_index=True).equals(corpus.documents["doc_id"])
    assert sum(len(p.sentences) for p in parts) == len(corpus.sentences)


def test_local_processes_give_the_local_results(corpus, folder):
    # The default scheduler (local worker processes) runs the same per-partition code as a cluster
    # (which the next test checks case by case): one case of combined counts (keyness).
    for function, options, local in (CASES[8],):
        pd.testing.assert_frame_equal(scale.run(function, folder, **options), local(corpus))


def test_a_local_cluster_of_two_workers_gives_the_local_results(corpus, folder):
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        for function, options, local in CASES:
            pd.testing.assert_frame_equal(scale.run(function, folder, client=client, **options), local(corpus))


def test_what_is_not_distributed_is_a_clear_error(folder):
    with pytest.raises(ValueError, match=r"invalid value for run\(function=...\): 'terms.dispersion'"):
        scale.run(terms.dispersion, folder)
    with pytest.raises(ValueError, match=r"distributed for words, n=1"):
        scale.run(terms.frequencies, folder, n=2, by="country")
    with pytest.raises(ValueError, match=r"the pairs of one word"):
        scale.run(terms.collocations, folder)


def test_the_cases_compared_are_not_empty(corpus):
    # Each comparison above is between tables with rows: an empty result could not disagree.
    for _, _, local in CASES:
        assert len(local(corpus)) > 5


def test_a_corpus_too_large_to_load_at_once_is_partitioned_folder_by_folder(corpus, tmp_path):
    older = corpus.subset(corpus.documents["doc_id"][corpus.documents["year"] < 2015])
    newer = corpus.subset(corpus.documents["doc_id"][corpus.documents["year"] >= 2015])
    folder = scale.partition(older, tmp_path / "parts", words_per_partition=50_000)
    scale.partition(newer, folder, words_per_partition=50_000, append=True)
    ids = pd.concat([scale.load_partition(p).documents["doc_id"] for p in scale.partitions(folder)], ignore_index=True)
    assert ids.equals(pd.concat([older.documents["doc_id"], newer.documents["doc_id"]], ignore_index=True))
    assert len(ids) == len(corpus.documents)
    with pytest.raises(ValueError, match="already in"):
        scale.partition(newer, folder, append=True)
