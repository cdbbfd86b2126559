"""HTML text to an lxml tree, with nothing lost silently to the parser's nesting limit.

libxml2 stops building the tree at a fixed depth (256 levels, 2,048 with ``huge_tree``) and drops
the rest of the page without an exception: everything nested deeper AND everything after it. A page
that hits the limit is parsed again with its container and inline tags (``div``, ``span``,
``font`` …) flattened, which keeps its text, paragraphs, lists and tables; if even that is too
deep, a warning says from which line the page is not read.
"""

from __future__ import annotations

from typing import Any

import regex

from extract.errors import LoadError

DEPTH_ERROR = "Excessive depth"
# Tags kept when a too-deep page is flattened: structure the loaders read, and page chrome they drop.
KEPT_TAGS = (
    "html|head|body|title|meta|table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col|ul|ol|li|p|h[1-6]|br|"
    "script|style|noscript|nav|header|footer|aside|form|iframe|button|select|svg"
)
# Dropped tags that separate blocks of text become paragraph breaks; the rest just go.
BLOCK_TAGS = frozenset(
    {"div", "section", "article", "main", "center", "blockquote", "dl", "dd", "dt", "figure", "address", "fieldset", "pre"}
)
FLATTENED = regex.compile(rf"<(/?)(?!(?:{KEPT_TAGS})\b)([a-zA-Z][\w:-]*)[^<>]*>", regex.IGNORECASE)
TOO_DEEP = "{source}: HTML nested deeper than {depth} levels from line {line}; {outcome}"


def _depth_error(parser: Any) -> Any:
    return next((e for e in parser.error_log if DEPTH_ERROR in e.message), None)


def _flatten(text: str) -> str:
    """``text`` with container and inline tags removed (line breaks inside a tag kept)."""

    def replace(match: regex.Match[str]) -> str:
        breaks = "\n" * str(match.group()).count("\n")
        return ("<p>" if str(match.group(2)).lower() in BLOCK_TAGS else "") + breaks

    return str(FLATTENED.sub(replace, text))


def parse_html(text: str, source: str) -> tuple[Any, list[str]]:
    """The document tree of ``text``, and warnings about what could not be read as written.

    Raises:
        LoadError: the text is not readable as HTML.
    """
    import lxml.html
    from lxml import etree

    def parse(markup: str) -> tuple[Any, Any]:
        parser = lxml.html.HTMLParser(huge_tree=True)
        try:
            return lxml.html.document_fromstring(markup, parser=parser), parser
        except (etree.ParserError, ValueError) as exc:
            raise LoadError(source, f"not readable as HTML ({exc})") from exc

    root, parser = parse(text)
    error = _depth_error(parser)
    if error is None:
        return root, []
    depth = regex.search(r"\d+", error.message)
    limit = depth.group() if depth else "the parser's"
    flat_root, flat_parser = parse(_flatten(text))
    still = _depth_error(flat_parser)
    if still is None:
        outcome = "read with its div/span nesting removed"
    else:
        outcome = f"the page is not read past line {still.line} (nested tables or lists too deep)"
    return flat_root, [TOO_DEEP.format(source=source, depth=limit, line=error.line, outcome=outcome)]


class Ancestry:
    """Answers "is this element inside one of these tags?" for a whole page in linear time.

    Walking up from every element costs its depth each time, which on a deeply nested page is
    quadratic; here each element's answer is found once and kept, per set of tags.
    """

    def __init__(self) -> None:
        self._within: dict[frozenset[str], dict[Any, bool]] = {}

    def __call__(self, element: Any, tags: set[str] | frozenset[str] | tuple[str, ...]) -> bool:
        """True if an ancestor of ``element`` (not the element itself) has one of ``tags``."""
        key = frozenset(tags)
        within = self._within.setdefault(key, {})  # element -> it or an ancestor has one of tags
        path: list[Any] = []
        node = element.getparent()
        while node is not None and node not in within:
            path.append(node)
            node = node.getparent()
        value = within[node] if node is not None else False
        for node in reversed(path):
            value = value or (isinstance(node.tag, str) and node.tag.lower() in key)
            within[node] = value
        parent = element.getparent()
        return within[parent] if parent is not None else False
