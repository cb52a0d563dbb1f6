"""Small data folders for the staff tools, built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.helpers import write_municipality


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A data/ folder with two municipalities and an empty faq/ folder."""
    root = tmp_path / "data"
    write_municipality(root, "alpha", "070001")
    write_municipality(root, "beta", "070002")
    (root / "faq").mkdir()
    return root
