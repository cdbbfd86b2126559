"""HTML pages to blocks (lxml: keeps "Sở TT&TT;" as written; html.parser would not).

Page chrome (scripts, styles, navigation, headers, footers, forms) is dropped, and so is a
toolbar: an element whose children include controls (buttons, inputs, selects) and which holds
only a few characters besides them (a zoom widget's "100%" between its − and + buttons is not
text of the document). Headings, paragraphs, list items and tables are read in document order.
"""

from __future__ import annotations

from typing import Any

from extract.errors import LoadError
from extract.load.grid import grid_text
from extract.load.headings import marked_heading_kind
from extract.load.htmlparse import Ancestry, has_tag, parse_html
from extract.load.htmltables import element_to_grid
from extract.pattern_cache import compile_cached
from schemas.blocks import Block, RawDocument

CONTROLS = ("button", "input", "select")
TOOLBAR_TEXT_MAX = 30  # characters beside the controls: a label or a value, not a paragraph
CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select", "svg")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
PARAGRAPHS = {"p", "li", "dd", "dt", "blockquote", "pre", "caption"}
BLOCK_CHILDREN = {"p", "div", "table", "ul", "ol", "li", "section", "article", *HEADINGS}
SPACES = compile_cached(r"[ \t\u00a0\r\n]+")


def _text(element: Any) -> str:
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = [SPACES.sub(" ", line).strip() for line in element.text_content().split("\n")]
    return "\n".join(line for line in lines if line)


def _is_toolbar(element: Any) -> bool:
    controls = [c for c in element if isinstance(c.tag, str) and c.tag.lower() in CONTROLS]
    if not controls:
        return False
    rest = (element.text or "") + "".join(("" if c in controls else c.text_content()) + (c.tail or "") for c in element)
    return len(SPACES.sub(" ", rest).strip()) <= TOOLBAR_TEXT_MAX


def html_to_raw(text: str, *, source: str, sha256: str, warnings: tuple[str, ...] = ()) -> RawDocument:
    """Read an HTML page into blocks; tables become ``Grid``s."""
    root, notes = parse_html(text, source)
    warnings = (*warnings, *notes)
    for element in [e for e in root.iter() if isinstance(e.tag, str) and _is_toolbar(e)]:
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter(*CHROME)):
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    body = body if body is not None else root
    blocks: list[Block] = []
    tables = 0
    in_table = Ancestry(has_tag("table"))
    read: set[Any] = set()  # elements whose whole text is a block already
    in_read = Ancestry(read.__contains__)  # so nested elements never read the same text again
    for element in body.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or in_table(element):
            continue
        line = element.sourceline
        if tag == "table":
            grid = element_to_grid(element, index=tables + 1, loader="html")
            if grid.height:
                tables += 1
                blocks.append(Block("table", grid_text(grid), 0, None, line, grid=grid))
        elif in_read(element):
            continue
        elif tag in HEADINGS:
            if content := _text(element):
                kind = marked_heading_kind(content)
                blocks.append(Block(kind, content, HEADINGS[tag] if kind == "heading" else 0, None, line))
                read.add(element)
        elif tag in PARAGRAPHS:
            if content := _text(element):
                blocks.append(Block("list_item" if tag == "li" else "paragraph", content, 0, None, line))
                read.add(element)
        elif tag == "div" and not any(isinstance(c.tag, str) and c.tag.lower() in BLOCK_CHILDREN for c in element):
            if content := _text(element):
                blocks.append(Block("paragraph", content, 0, None, line))
                read.add(element)
    if not blocks:
        raise LoadError(source, "the HTML page has no text")
    return RawDocument(source, sha256, "html", tuple(blocks), None, None, warnings)
