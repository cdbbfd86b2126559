"""Reading goals and figures from news paragraphs given as they are, past the loaders."""

from __future__ import annotations

from datetime import date

from extract.fields.targets import segmented_to_targets
from schemas.blocks import Block, RawDocument, Section, Segmented
from schemas.records import DocumentInfo, Observation, Target


def read_news(*paragraphs: str, lang: str = "en", issued: date | None) -> tuple[list[Target], list[Observation]]:
    """The targets and observations of a news article of ``paragraphs`` dated ``issued``."""
    blocks = tuple(Block("paragraph", p, line=i + 1) for i, p in enumerate(paragraphs))
    raw = RawDocument("t.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, lang, (Section(None, "", blocks),), ())
    info = DocumentInfo(source="t.md", sha256="0" * 64, format="markdown", language=lang, kind="news",
                        issued=issued)
    found = segmented_to_targets(seg, info)
    return found[0], found[1]
