"""Open a Word file's zip package safely and parse its XML parts.

A .docx is a zip of XML parts. Before anything is decompressed, the zip's directory is checked:
a part larger than ``MAX_PART_BYTES``, parts together larger than ``MAX_TOTAL_BYTES``, or a
compression ratio no document has (a zip bomb) refuse the file. Reads are bounded too, since a
zip's directory can lie about sizes. XML is parsed without entities, DTDs or network access.
Every failure is a ``LoadError`` with one line naming the file and the reason.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Any

from lxml import etree

from extract.errors import LoadError

MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part, uncompressed (a 500-page plan is about 10 MB)
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # every part, uncompressed, as the directory states them
MAX_RATIO = 200  # uncompressed / compressed; Word XML compresses about 10:1
RATIO_FLOOR = 1024 * 1024  # parts smaller than this are never called bombs
MAX_PARTS = 10_000
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"
PACKAGE_RELS = "_rels/.rels"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc, and password-protected Office files
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT, STYLES, NUMBERING = "/officeDocument", "/styles", "/numbering"
# ISO "Strict" Word files name the same vocabulary with another namespace; read them as the usual one.
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
               NotImplementedError, RuntimeError, KeyError)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class DocxPackage:
    """The parts of one Word file, read on demand within the size limits."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        if data.startswith(OLE_MAGIC):
            raise LoadError(source, "an old Word .doc file or a password-protected document, not a .docx; "
                                    "open it in Word and save it as .docx (without a password)")
        if not data.startswith(ZIP_MAGIC):
            raise LoadError(source, "not a Word file: a .docx is a zip archive and this file is not one")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except READ_ERRORS as exc:
            raise LoadError(source, f"damaged Word file: the zip archive cannot be read ({exc})") from exc
        if len(infos) > MAX_PARTS:
            raise LoadError(source, f"not a Word file: the zip holds {len(infos)} parts")
        total = 0
        self.sizes: dict[str, int] = {}
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES and info.filename.endswith(".xml"):
                raise LoadError(source, f"refused: part {info.filename} would unpack to {info.file_size} bytes "
                                        f"(limit {MAX_PART_BYTES})")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise LoadError(source, f"refused: part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1, "
                                        "a zip bomb, not a document")
            self.sizes[info.filename] = info.file_size
        if total > MAX_TOTAL_BYTES:
            raise LoadError(source, f"refused: the archive would unpack to {total} bytes (limit {MAX_TOTAL_BYTES})")
        self.document = self._target(PACKAGE_RELS, "", OFFICE_DOCUMENT) or DOCUMENT_PART
        if self.document not in self.sizes:
            raise LoadError(source, f"not a Word document: the archive has no {self.document}")
        folder, _, name = self.document.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        self.styles = self._target(rels, folder, STYLES) or STYLES_PART
        self.numbering = self._target(rels, folder, NUMBERING) or NUMBERING_PART

    def _target(self, rels: str, folder: str, kind: str) -> str | None:
        """The part a relationship of ``kind`` points at, from a relationships part."""
        root = self.xml(rels) if rels in self.sizes else None
        if root is None:
            return None
        for rel in root.iter(RELS):
            if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External" and rel.get("Target"):
                target = str(rel.get("Target"))
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                return posixpath.normpath(path)
        return None

    def read(self, name: str) -> bytes | None:
        """A part's bytes, or None if the package has no such part."""
        if name not in self.sizes:
            return None
        try:
            with self.zip.open(name) as part:
                data = part.read(MAX_PART_BYTES + 1)
        except READ_ERRORS as exc:
            raise LoadError(self.source, f"damaged Word file: part {name} cannot be read ({exc})") from exc
        if len(data) > MAX_PART_BYTES:
            raise LoadError(self.source, f"refused: part {name} unpacks to more than {MAX_PART_BYTES} bytes")
        return data

    def xml(self, name: str) -> Any | None:
        """A part parsed as XML (lxml element), or None if absent. DTDs and entities are refused."""
        data = self.read(name)
        if data is None:
            return None
        try:
            root = etree.fromstring(data.replace(STRICT_W, TRANSITIONAL_W), _parser())
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise LoadError(self.source, f"damaged Word file: {name} is not well-formed XML ({exc})") from exc
        if root is None:
            raise LoadError(self.source, f"damaged Word file: {name} is empty")
        if getattr(root.getroottree().docinfo, "doctype", ""):
            raise LoadError(self.source, f"refused: {name} declares a DTD, which Word never writes")
        return root
