"""The layout rules of the design card, checked rather than hoped for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
VIETNAMESE_ONLY = set("ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ")


def python_files(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def string_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants that are not docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("help", "epilog") and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))  # command-line help is documentation for users
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", python_files("extract", "store", "schemas"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_vietnamese_words_in_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offending = [(line, text) for line, text in string_literals(tree) if VIETNAMESE_ONLY & set(text.casefold())]
    assert not offending, f"Vietnamese words belong in extract/lang/: {offending[:3]}"


@pytest.mark.parametrize("path", python_files("extract", "schemas"), ids=lambda p: str(p.relative_to(ROOT)))
def test_extract_and_schemas_never_import_store_or_the_cli(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not imported & {"store", "click", "sqlmodel", "sqlalchemy", "rich"}


def test_importing_extract_loads_no_heavy_library() -> None:
    code = "import sys, extract, store.cli; print(','.join(m for m in ('spacy', 'underthesea', 'sqlmodel', 'pydantic', 'rich', 'openpyxl') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    assert loaded == ""


@pytest.mark.parametrize("path", python_files("extract", "store", "schemas"), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 450, "split this module by responsibility"
