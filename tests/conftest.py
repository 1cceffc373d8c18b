"""Shared paths and helpers for the tests."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_corpus():
    import framelab
    return framelab.load_corpus(SEED)
