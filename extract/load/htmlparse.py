"""HTML text to an lxml tree, with nothing lost silently to the parser's nesting limit.

libxml2 stops building the tree at a fixed depth (256 levels, 2,048 with ``huge_tree``) and drops
the rest of the page without an exception: everything nested deeper AND everything after it. A page
that hits the limit is parsed again with its container and inline tags (``div``, ``span``,
``font`` …) flattened, which keeps its text, paragraphs, lists and tables; if even that is too
deep, a warning says from which line the page is not read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex

from extract.errors import LoadError
from extract.pattern_cache import compile_cached

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
FLATTENED = compile_cached(rf"<(/?)(?!(?:{KEPT_TAGS})\b)([a-zA-Z][\w:-]*)[^<>]*>", regex.IGNORECASE)
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
    """Answers "is an ancestor of this element one that ``predicate`` holds for?" in linear time.

    Walking up from every element costs its depth each time, which on a deeply nested page is
    quadratic; here each element's answer is found once and kept. Elements must be asked about in
    document order, after ``predicate`` has become final for their ancestors (as when a loader marks
    the blocks it has read while it walks the tree).
    """

    def __init__(self, predicate: Callable[[Any], bool]) -> None:
        self._predicate = predicate
        self._within: dict[Any, bool] = {}  # element -> the predicate holds for it or an ancestor

    def __call__(self, element: Any) -> bool:
        path: list[Any] = []
        node = element.getparent()
        while node is not None and node not in self._within:
            path.append(node)
            node = node.getparent()
        value = self._within[node] if node is not None else False
        for node in reversed(path):
            value = value or self._predicate(node)
            self._within[node] = value
        parent = element.getparent()
        return self._within[parent] if parent is not None else False


def has_tag(*tags: str) -> Callable[[Any], bool]:
    """A predicate for ``Ancestry``: the element is one of ``tags``."""
    return lambda element: isinstance(element.tag, str) and element.tag.lower() in tags
