"""Issue 5: any input ends in an extraction or a named error, never a traceback or a hang.

Hypothesis feeds every loader text and bytes made to look like what it reads (pipe tables,
nested tags, broken syllables, long digit runs) and bytes that are nothing at all. Examples are
few and each has a deadline, so the file stays fast; the benchmark (bench/bench_hostile.py) is
where sizes grow.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_file, extract_text
from extract.errors import PlanwatchError
from extract.load import SUFFIXES
from schemas.records import ExtractedDocument

FUZZ = settings(
    max_examples=25,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ"
WORDS = [
    "Sở", "Thông", "tin", "chủ", "trì", "phối", "hợp", "tăng", "10%", "năm", "2025", "đến", "quý",
    "Nhiệm", "vụ", "UBND", "tỉnh", "thựchiện", "tầ", "ng", "1.125", "88,5", "34/KH-UBND", "31/12/2025",
]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789.,;:%/-()", min_size=1, max_size=12),
)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", " | ", "\n|", "\n# ", "\n- ", ". ", ", ", "<br>", "\t"])


@st.composite
def documentish(draw: st.DrawFn) -> str:
    """Text built from Vietnamese plan words, numbers and Markdown/table punctuation."""
    parts = draw(st.lists(st.tuples(PIECES, SEPARATORS), max_size=80))
    return "".join(p + s for p, s in parts)


@st.composite
def markdown_table(draw: st.DrawFn) -> str:
    """A pipe table with a task header and ragged, odd rows."""
    header = "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n|---|---|---|---|---|\n"
    rows = draw(st.lists(st.lists(PIECES, max_size=7), max_size=15))
    return header + "".join("| " + " | ".join(row) + " |\n" for row in rows)


TAGS = ["div", "p", "span", "table", "tr", "td", "th", "ul", "li", "h1", "h3", "b", "br", "script", "font"]


@st.composite
def htmlish(draw: st.DrawFn) -> str:
    """Tags opened and closed in any order, with spans and text between them."""
    out = ["<html><body>"]
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            span = draw(st.sampled_from(["", ' colspan="99999"', ' rowspan="0"', ' colspan="-3"', ' rowspan="x"']))
            out.append(f"<{tag}{span}>")
        elif kind == 1:
            out.append(f"</{tag}>")
        else:
            out.append(draw(PIECES) + draw(st.sampled_from([" ", "&amp;", "&#0;", "&TT;", ""])))
    return "".join(out)


def _named_or_result(outcome: object) -> None:
    assert isinstance(outcome, ExtractedDocument)


def _run(func: object, *args: object, **kwargs: object) -> None:
    try:
        outcome = func(*args, **kwargs)  # type: ignore[operator]
    except PlanwatchError as exc:
        assert str(exc) and "\n" not in str(exc), "a named error is one line"
        return
    _named_or_result(outcome)


@FUZZ
@given(text=st.one_of(documentish(), markdown_table(), st.text(max_size=300)), fmt=st.sampled_from(["markdown", "text"]))
def test_any_text_is_an_extraction_or_a_named_error(text: str, fmt: str) -> None:
    _run(extract_text, text, fmt=fmt)


@FUZZ
@given(text=st.one_of(htmlish(), st.text(alphabet="<>/=\"' abdiptrl&;#0123456789", max_size=300)))
def test_any_html_is_an_extraction_or_a_named_error(text: str) -> None:
    _run(extract_text, text, fmt="html")


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name_are_an_extraction_or_a_named_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"input{suffix}"
    path.write_bytes(data)
    _run(extract_file, path)


@FUZZ
@given(text=documentish(), suffix=st.sampled_from(SUFFIXES), bom=st.booleans())
def test_document_text_under_any_name_is_an_extraction_or_a_named_error(
    tmp_path_factory: pytest.TempPathFactory, text: str, suffix: str, bom: bool
) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"input{suffix}"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    _run(extract_file, path)


ROOT = Path(__file__).parent.parent
REAL_DOCX = ROOT / "tests" / "data" / "docx" / "cv-lamdong-bcd-cqdp2cap-2025.docx"
REAL_PDF = ROOT / "corpus" / "pdf" / "kh2242-laocai-sct-kiemtra-vlncn-2026.pdf"


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """A real file cut short, or with a stretch of it overwritten."""
    at = draw(st.integers(0, len(original)))
    if draw(st.booleans()):
        return original[:at]
    patch = draw(st.binary(min_size=1, max_size=64))
    return original[:at] + patch + original[at + len(patch) :]


@pytest.mark.parametrize(("real", "examples"), [(REAL_DOCX, 15), (REAL_PDF, 4)], ids=["docx", "pdf"])
def test_damaged_word_and_pdf_files_are_an_extraction_or_a_named_error(
    tmp_path_factory: pytest.TempPathFactory, real: Path, examples: int
) -> None:
    if not real.is_file():
        pytest.skip(f"{real} is not in this checkout")

    @settings(FUZZ, max_examples=examples, deadline=timedelta(seconds=30))
    @given(data=damaged(real.read_bytes()))
    def check(data: bytes) -> None:
        path = Path(tmp_path_factory.mktemp("fuzz")) / f"damaged{real.suffix}"
        path.write_bytes(data)
        _run(extract_file, path)

    check()


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_random_bytes_named_as_word_or_pdf_are_refused_by_name(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"not-really{suffix}"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(PlanwatchError) as error:
        extract_file(path)
    assert str(error.value).startswith(str(path))
