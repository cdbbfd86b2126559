"""The wheel a plain ``pip install .`` builds carries every file the packages need.

Built from a scratch copy of the files git tracks (not the working tree, whose ``build/``
folder could hide a missing file), then compared with ``git ls-files``: every tracked file
under the three package folders, the language data and the JSON Schema above all, must be
inside. An editable install reads the source tree and would never notice. Outside a git
checkout (CI's scratch copy of the tracked files) the files on disk stand in for the list.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extract", "schemas", "store")
DATA_FOLDERS = ("extract/lang", "schemas/json")
BUILD_LITTER = ("__pycache__", ".egg-info", ".pyc")
LOCAL_FILES = (".db", ".db-wal", ".db-shm")


def _tracked(*folders: str) -> list[str]:
    """Files git tracks under ``folders`` (repo-relative), or the files on disk without git."""
    if shutil.which("git") and (ROOT / ".git").exists():
        out = subprocess.run(
            ["git", "ls-files", "-z", "--", *folders], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode()
        return sorted(p for p in out.split("\0") if p and (ROOT / p).is_file())
    found = []
    for folder in folders:
        for path in (ROOT / folder).rglob("*"):
            relative = path.relative_to(ROOT)
            if path.is_file() and not any(part.endswith(BUILD_LITTER) for part in relative.parts):
                found.append(relative.as_posix())
    return sorted(found)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    top_level = [
        p.name for p in ROOT.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(LOCAL_FILES)
    ]
    for name in [*_tracked(*PACKAGES), *top_level]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("planwatch-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_every_language_data_and_schema_file_is_in_the_wheel(wheel_names: set[str]) -> None:
    data = _tracked(*DATA_FOLDERS)
    assert "extract/lang/indicators.tsv" in data  # the file a narrow glob once left out
    missing = [name for name in data if name not in wheel_names]
    assert not missing, f"not in the wheel: {missing}"


def test_every_tracked_package_file_is_in_the_wheel(wheel_names: set[str]) -> None:
    missing = [name for name in _tracked(*PACKAGES) if name not in wheel_names]
    assert not missing, f"not in the wheel: {missing}"


def test_the_wheel_installs_the_command_and_nothing_else(wheel: Path, wheel_names: set[str]) -> None:
    (entry_points,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        assert "planwatch = store.cli:cli" in archive.read(entry_points).decode()
    assert not [n for n in wheel_names if n.startswith(("tests/", "corpus/", "bench/", "docs/"))]
