"""Damaged and hostile .docx files: one-line LoadError naming the file, nothing stored."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_xml import p, write_docx

from extract.errors import LoadError
from extract.load import load_file
from extract.load.docxpackage import MAX_PART_BYTES

REAL = Path(__file__).parent / "data" / "docx" / "kh2242-laocai-sct-kiemtra-vlncn-2026.docx"


def refused(path: Path, reason: str) -> str:
    with pytest.raises(LoadError) as error:
        load_file(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert reason in message, message
    return message


def zip_with(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def test_text_file_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("Kế hoạch số 12/KH-UBND\n", encoding="utf-8")
    refused(path, "not a Word file")


def test_empty_docx(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    refused(path, "empty")


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.99])
def test_truncated_docx(tmp_path: Path, cut: float) -> None:
    data = REAL.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: int(len(data) * cut)])
    refused(path, "damaged Word file")


def test_damaged_part_data(tmp_path: Path) -> None:
    data = bytearray(REAL.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    data[start: start + 200] = b"\x00" * 200
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    refused(path, "damaged Word file")


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = zip_with(tmp_path / "nodoc.docx", {"word/styles.xml": b"<w:styles/>", "other.txt": b"x"})
    refused(path, "no word/document.xml")


def test_zip_bomb_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package, package.open("word/document.xml", "w") as part:
        for _ in range(20):
            part.write(b"\x00" * (1024 * 1024))
    refused(path, "zip bomb")


def test_part_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        package.writestr("word/document.xml", b"")
    # the directory claims a size over the limit: rewrite the central directory's size field
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24: central + 28] = (MAX_PART_BYTES + 1).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    refused(path, "would unpack to")


def test_entity_expansion_refused(tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    path = zip_with(tmp_path / "laughs.docx", {"word/document.xml": laughs})
    refused(path, "DTD")


def test_external_entity_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("bí mật", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>").encode()
    path = zip_with(tmp_path / "xxe.docx", {"word/document.xml": xxe})
    message = refused(path, "DTD")
    assert "bí mật" not in message


def test_malformed_xml(tmp_path: Path) -> None:
    path = zip_with(tmp_path / "bad.docx", {"word/document.xml": b"<w:document><w:body><w:p>"})
    refused(path, "not well-formed XML")


def test_document_without_body_or_text(tmp_path: Path) -> None:
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    path = zip_with(tmp_path / "nobody.docx", {"word/document.xml": b"<w:document " + ns + b"/>"})
    refused(path, "has no body")
    refused(write_docx(tmp_path / "blank.docx", p("") + p("   ")), "no text")


def test_cli_extract_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    from store.cli import cli

    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "damaged Word file" in result.output


def test_ingest_stores_nothing_from_a_bad_docx(tmp_path: Path) -> None:
    from store.cli import cli

    bad = tmp_path / "in" / "bomb.docx"
    bad.parent.mkdir()
    bad.write_bytes(b"not a zip at all")
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(bad.parent)])
    assert result.exit_code == 1
    assert f"{bad}: not a Word file" in result.output
    listing = CliRunner().invoke(cli, ["--db", db, "documents", "--format", "json"])
    assert listing.exit_code == 0 and json.loads(listing.output) == []


def test_old_binary_word_or_protected_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    refused(path, "save it as .docx")


def test_pictures_only_document_says_it_has_no_text(tmp_path: Path) -> None:
    body = '<w:p><w:r><w:drawing/></w:r></w:p><w:p><w:r><w:drawing/></w:r></w:p>'
    refused(write_docx(tmp_path / "scan.docx", body), "2 pictures and no text (a scan?)")


def test_embedded_chunks_are_reported(tmp_path: Path) -> None:
    raw = load_file(write_docx(tmp_path / "chunk.docx", p("Đoạn văn.") + '<w:altChunk r:id="rId7"/>'))
    assert any("altChunk" in w for w in raw.warnings)
