"""Document facts: kind, title, number, issuer, dates, horizon and cited documents."""

from __future__ import annotations

from datetime import date
from functools import cache

import regex

from extract.fields.letterhead import Letterhead, blocks_to_letterhead
from extract.fields.timeframes import FULL_DATE, YEAR_RANGE, year_end
from extract.langdata import load_language
from extract.pattern_cache import compile_cached
from extract.spaces import collapse_spaces
from schemas.blocks import Block, Segmented
from schemas.records import DocumentInfo, Reference

NUMBER = r"\d{1,5}(?:\.\d{1,3})?(?:/\d{4})?[-/][\p{Lu}\d][\p{L}\d&\-/]*[\p{L}\d]"
NUMBER_HINT = compile_cached(r"\d[-/]")  # what every NUMBER holds: a digit, then its dash or slash
LEADING_TEXT_BLOCKS = 12
# A web page saved as Markdown: a photo with its caption as alt text, linked to its web address.
WEB_PHOTO = compile_cached(r"!\[[^\]\n]{3,}\]\(https?://[^)\s]+\.(?:jpe?g|png|gif|webp)\b", regex.IGNORECASE)
HEADLINE_MAX = 160  # characters  # where the opening paragraph that names title and issuer is looked for


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!)"


LAYOUT_ROWS = 4  # a table this short is page layout (letterhead, signature): read as text


def _cell_texts(seg: Segmented) -> list[str]:
    """Grid cells' texts: a converter may have put a whole letter, caption and all, in one grid."""
    return [collapse_spaces(c.text) for b in seg.raw.blocks if b.grid is not None
            for row in b.grid.rows for c in row if not c.covered and c.text.strip()]


def _text_blocks(seg: Segmented, number: str | None = None) -> list[str]:
    """Text blocks (and layout tables' text); with the document's own number, none after a body
    table that holds it: a saved page wraps the whole document in one layout table, and the text
    after it is the site's footer (related documents, notices citing other decrees)."""
    blocks = list(seg.raw.blocks)
    if number:
        end = next((i for i, b in enumerate(blocks) if is_body_table(b) and number in b.text), None)
        blocks = blocks if end is None else blocks[: end + 1]
    return [
        collapse_spaces(b.text)
        for b in blocks
        if (b.grid is None or b.grid.height <= LAYOUT_ROWS) and b.text.strip()
    ]


@cache
def _vocabulary(lang: str) -> dict[str, str]:
    """The regex pieces both reference readers use, escaped once."""
    data = load_language(lang)
    return {
        "types": _alternation(data.words("document_types")),
        "number": regex.escape(data.value("number_word")),
        "date": regex.escape(data.value("date_word")),
        "of": regex.escape(data.value("of_word")),
        "attached": _alternation(data.words("attached_to")),
    }


def references(texts: list[str], lang: str) -> list[Reference]:
    """Documents cited by type, number and date ("Quyết định số 1110/QĐ-BTTTT ngày 02/7/2024")."""
    words = _vocabulary(lang)
    types, number_word, date_word = words["types"], words["number"], words["date"]
    pattern = compile_cached(
        rf"(?P<type>{types})\s+(?:{number_word}\s+)?(?P<number>{NUMBER})(?:\s+{date_word}\s+(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}}))?",
        regex.IGNORECASE,
    )
    found: dict[str, Reference] = {}
    for text in texts:
        if NUMBER_HINT.search(text) is None:
            continue  # no number can match: the long alternation of types is not run
        for match in pattern.finditer(text):
            number = match.group("number")
            when = None
            if match.group("date") and (d := FULL_DATE.match(match.group("date"))):
                try:
                    when = date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
                except ValueError:
                    when = None
            if number not in found:
                found[number] = Reference(text=match.group(0), number=number, kind=match.group("type"), date=when)
    return list(found.values())


def _attached(texts: list[str], lang: str) -> tuple[str | None, date | None, str | None]:
    """Number, date and issuer from "(Kèm theo Kế hoạch số …/KH-X ngày … của <issuer>)"."""
    words = _vocabulary(lang)
    attached, types, of_word, number_word = words["attached"], words["types"], words["of"], words["number"]
    pattern = compile_cached(
        rf"\(?\s*(?:{attached})\s+(?:{types})\s+{number_word}\s*(?P<number>[^\s]*)\s*(?P<rest>.*?)\s+{of_word}\s+(?P<issuer>[^)]+)\)?",
        regex.IGNORECASE,
    )
    for text in texts:
        if match := pattern.search(text):
            number = match.group("number")
            number = number if regex.fullmatch(NUMBER, number) else None
            issued = None
            if d := FULL_DATE.search(match.group("rest")):
                try:
                    issued = date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
                except ValueError:
                    issued = None
            return number, issued, match.group("issuer").strip(" .)")
    return None, None, None


def _issued_title(texts: list[str], lang: str) -> tuple[str | None, str | None]:
    """Title and issuer from "<issuer> ban hành <Kế hoạch …>, với …" in the opening text."""
    data = load_language(lang)
    verbs = _alternation(data.words("issue_verbs"))
    types = _alternation(data.words("document_types"))
    pattern = compile_cached(rf"(?:^|[.;:]\s+)(?P<issuer>[^.;:]{{3,120}}?)\s+(?:{verbs})\s+(?P<title>(?:{types})\s[^,.;:]+)")
    for text in texts[:LEADING_TEXT_BLOCKS]:
        if match := pattern.search(text):
            return match.group("title").strip(), match.group("issuer").strip()
    return None, None


def is_body_table(block: Block) -> bool:
    """A table longer than page layout: the document's body (or a site's whole page) is in it,
    so text after it is no part of the document's opening."""
    return block.grid is not None and block.grid.height > LAYOUT_ROWS


def _opening_texts(seg: Segmented) -> list[str]:
    """Text blocks before the first body table: the title block, never a related-documents list
    or site footer after the body (a saved page whose body is one large layout table)."""
    texts: list[str] = []
    for block in seg.raw.blocks:
        if is_body_table(block):
            break
        if block.text.strip():
            texts.append(collapse_spaces(block.text))
    return texts


@cache
def _cited_year(lang: str) -> regex.Pattern[str]:
    years = _alternation(load_language(lang).words("timeframes", "year"))
    pattern = rf"(?P<number>{NUMBER})\s+(?:{years})\s+(?:19|20)\d\d(?!\d)"
    return compile_cached(pattern, regex.IGNORECASE)


def without_issue_years(text: str, lang: str) -> str:
    """The text without the year that follows a cited document's number ("Quyết định
    2629/QĐ-TTg năm 2025" names the decision by the year it was issued): no horizon or deadline."""
    if NUMBER_HINT.search(text) is None:
        return text
    return _cited_year(lang).sub(lambda m: m.group("number"), text)


@cache
def _year_patterns(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A date in words ("ngày 22 tháng 12 năm 2024") and a year named as such ("năm 2026")."""
    data = load_language(lang)
    day, month, year = (_alternation(data.words("timeframes", k)) for k in ("day", "month", "year"))
    in_words = rf"(?:{day})\s+\d{{1,2}}\s+(?:{month})\s+\d{{1,2}}\s+(?:{year})\s+\d{{4}}"
    named = rf"(?<!\w)(?:{year})\s+((?:19|20)\d\d)(?!\d)"
    return compile_cached(in_words, regex.IGNORECASE), compile_cached(named, regex.IGNORECASE)


def reported_year(title: str, lang: str, issued: date | None) -> date | None:
    """A year the title names before the document's own ("Công bố Chỉ số cải cách hành chính năm
    2025", issued in 2026): the period it reports on. A cited document's date or issue year is none."""
    in_words, named = _year_patterns(lang)
    match = named.search(in_words.sub(" ", without_issue_years(title, lang)))
    if match is None or issued is None or int(match.group(1)) >= issued.year:
        return None
    return year_end(int(match.group(1)))


def _title_year(title: str, lang: str, issued: date | None) -> date | None:
    """The year an annual plan's title names ("Chương trình lập pháp năm 2026"); not a cited
    document's issue year or date, nor a year before the document's own."""
    in_words, named = _year_patterns(lang)
    match = named.search(in_words.sub(" ", without_issue_years(title, lang)))
    if match is None or (issued is not None and int(match.group(1)) < issued.year):
        return None
    return year_end(int(match.group(1)))


def _horizon(title: str | None, texts: list[str], lang: str, issued: date | None) -> date | None:
    """The period or "by <year>" the title names, else the year it names, else the first period
    or "by <year>" of the opening; a cited document's issue year is none of them."""
    prefixes = _alternation(load_language(lang).words("horizon_prefixes"))

    def stated(text: str) -> date | None:
        text = without_issue_years(text, lang)
        if match := YEAR_RANGE.search(text):
            return year_end(int(match.group(2)))
        if match := regex.search(rf"(?:{prefixes})\s+((?:19|20)\d\d)\b", text, regex.IGNORECASE):
            return year_end(int(match.group(1)))
        return None

    found = stated(title or "") or _title_year(title or "", lang, issued)
    opening = (_carried_out(t, lang) for t in texts[:LEADING_TEXT_BLOCKS])
    return found or next((day for t in opening if (day := stated(t))), None)


def _carried_out(text: str, lang: str) -> str:
    """Of a basis paragraph ("Thực hiện A; B; C"), the part naming the document the plan carries
    out: the documents after the first ';' are background, and their periods are not the plan's."""
    openers = tuple(w.casefold() for w in load_language(lang).table("letterhead").get("body_openers", []))
    if not text.casefold().startswith(openers):
        return text
    return text.split(";", 1)[0]


def _credit(texts: list[str], lang: str) -> str | None:
    for pattern in load_language("en").words("news", "credit_patterns"):
        for text in texts[:3]:
            if match := regex.search(pattern, text):
                return match.group("credit")
    return None


def _stamp(texts: list[str], lang: str) -> date | None:
    """The publication stamp of a web article near its top ("27/05/2025 20:57"), as a date."""
    for pattern in load_language(lang).words("news", "stamps"):
        for text in texts[:LEADING_TEXT_BLOCKS]:
            if match := regex.search(pattern, text, regex.IGNORECASE):
                try:
                    return date(int(match.group("y")), _month(match, lang), int(match.group("d")))
                except ValueError:
                    continue
    return None


def _month(match: regex.Match[str], lang: str) -> int:
    """A stamp's month, written as a number or, in a ``monthname`` group, as a word."""
    named = match.groupdict().get("monthname")
    if named is None:
        return int(match.group("m"))
    names = [m.casefold() for m in load_language(lang).words("letterhead", "month_names")]
    return names.index(named.casefold()) + 1 if named.casefold() in names else 0


def _web_photo(texts: list[str]) -> bool:
    """Whether the opening text shows a captioned photo from a web address: a news page saved as
    Markdown (an official document converted from PDF or Word names its images by file only)."""
    return any(WEB_PHOTO.search(t) for t in texts[:LEADING_TEXT_BLOCKS])


def _reports_speech(texts: list[str], lang: str) -> bool:
    """Whether the opening text uses at least two different reporting verbs ("cho biết", …)."""
    words = load_language(lang).words("news", "speech")
    if not words:
        return False
    head = " ".join(texts[:LEADING_TEXT_BLOCKS]).casefold()
    return sum(1 for w in words if regex.search(rf"(?<!\w){regex.escape(w.casefold())}(?!\w)", head)) >= 2


def _headline(seg: Segmented) -> str | None:
    """A news headline: the first line when it is short and not a sentence or a caption."""
    first = next((b for b in seg.raw.blocks if b.kind in ("heading", "paragraph")), None)
    if first is None:
        return None
    line = first.text.split("\n")[0].strip()
    if first.kind == "heading" or (len(line) <= HEADLINE_MAX and not line.endswith((".", ")", "!", "?"))):
        return line
    return None


def _letterhead_title(head: Letterhead) -> str | None:
    """"Kế hoạch" + the title lines under the kind line, as printed."""
    if head.doc_type is None or head.title is None:
        return None
    return f"{head.doc_type} {head.title}"


def reference_date(seg: Segmented, document: DocumentInfo) -> date | None:
    """The date a document's figures are read against: its issue date, else the month its
    letterhead names when the day was left blank for the signing ("Lâm Đồng, ngày    tháng 3 năm
    2026" -> 2026-03-01). The issue date itself stays unknown."""
    if document.issued is not None or document.kind == "news":
        return document.issued
    return blocks_to_letterhead(seg.raw.blocks, seg.lang).month


def segmented_to_document(seg: Segmented) -> DocumentInfo:
    """The document's facts; what the text does not say stays null.

    The letterhead (issuer block, "Số: …", place and date, kind line and title) comes first;
    an appendix caption "(Kèm theo Kế hoạch số … của …)" and an opening "<issuer> ban hành
    <title>" fill in what it lacks.
    """
    raw, lang = seg.raw, seg.lang
    texts = _text_blocks(seg)
    headings = [collapse_spaces(b.text) for b in raw.blocks if b.kind == "heading"]
    head = blocks_to_letterhead(raw.blocks, lang)
    title, issuer = _issued_title(texts, lang)
    if title is None or (head.doc_type and not title.casefold().startswith(head.doc_type.casefold())):
        title = _letterhead_title(head) or title  # "X ban hành <title>" named another document
    number, issued, attached_issuer = _attached(headings + texts + _cell_texts(seg), lang)
    number, issued = head.number or number, head.issued or issued
    issuer = head.issuer or attached_issuer or issuer
    is_plan = head.is_plan or bool(seg.tables) or sum(1 for s in seg.sections if s.role) >= 2
    stamp = _stamp(texts, lang)
    quoted = not (head.doc_type or number) and (_reports_speech(texts, lang) or _web_photo(texts))
    kind = "plan" if is_plan else (
        "news" if raw.dateline or lang == "en" or _credit(texts, lang) or stamp or quoted else "other")
    if kind == "news" and issued is None:
        issued = stamp
    if title is None and kind != "plan":
        title = _headline(seg)
    if kind == "news":
        issuer = issuer or _credit(texts, lang)
    if raw.dateline:
        issued = date.fromisoformat(raw.dateline)
    own = {number} if number else set()
    cited = [r for r in references(_text_blocks(seg, number), lang) if r.number not in own]
    return DocumentInfo(
        source=raw.source,
        sha256=raw.sha256,
        format=raw.format,
        language=lang,
        kind=kind,  # type: ignore[arg-type]
        title=title,
        number=number,
        issuer=issuer,
        issued=issued,
        horizon=_horizon(title, _opening_texts(seg), lang, issued) if kind == "plan" else None,
        pages=raw.pages,
        references=cited,
    )
