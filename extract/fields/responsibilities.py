"""Duties given in prose: agency headings in the implementation section and their bullets.

"## Sở X (Giao Phòng Y)" or "1. Sở X" + bullets gives Sở X one duty per bullet; "Đề nghị các
Sở: A, B; Công ty C" names several agencies at once, each given the paragraphs that follow; a
line "Sở X: Chủ trì, phối hợp …" names its agency inline; a sentence "Sở X chủ trì, phối hợp
với Y thực hiện …" (or "The Department of X will lead …, in coordination with Y") names its
agency as subject. "Phối hợp với Y" inside a duty makes Y a cooperating partner of it.
A heading that reads as a task rather than an agency (long, ending in ":" or ".", opening with
a duty verb) names nobody. Reading stops at the closing words ("Trên đây là …", "Nơi nhận").
"""

from __future__ import annotations

from functools import cache

import regex

from extract.agencies import agency_directory, agency_key, split_agencies
from extract.agency_lists import not_after_kind
from extract.langdata import LeadingWords, load_language, nfc, words_pattern
from extract.pattern_cache import compile_cached
from extract.segment import strip_numbering
from extract.spaces import collapse_spaces
from schemas.blocks import Block, Segmented
from schemas.records import AgencyMention, Provenance, Responsibility

BRACKETED = compile_cached(r"\s*\([^)]*\)\s*$")
SENTENCE_BREAK = compile_cached(r"(?<=[.!?])\n(?=\p{Lu})")
SENTENCE = compile_cached(r"[^.!?]+[.!?]*")
ARABIC_ITEM = compile_cached(r"^\d{1,2}\.\s+\S")
INLINE_AGENCY = compile_cached(r"^(?P<agency>[^:]{3,80}):\s+(?P<duty>\S.*)$", regex.DOTALL)
DEFAULT_ROLE_CONFIDENCE = 0.6
ROLE_CONFIDENCE = 0.9
AGENCY_HEADING_MAX = 150  # characters: a longer heading is a task, not an agency
PARTNER_MAX_WORDS = 12  # a longer "partner" is the rest of the sentence, not an agency


def heading_to_agencies(text: str, lang: str) -> list[str]:
    """Agencies a heading names: numbering, request words and bracketed delegations dropped,
    "các Sở: A, B" spread into "Sở A", "Sở B"."""
    data = load_language(lang)
    text = strip_numbering(BRACKETED.sub("", collapse_spaces(nfc(text))).strip(" :."), lang)
    request = words_pattern(data.words("roles", "request_words"))
    text = regex.sub(rf"^(?:{request.pattern})\s*", "", text, flags=regex.IGNORECASE).strip()
    names: list[str] = []
    for part in regex.split(r"\s*;\s*", text):
        head, sep, rest = part.partition(":")
        singular = data.table("roles", "plural_heads").get(head.strip().casefold())
        if sep and singular:
            names.extend(f"{singular} {item.strip()}" for item in rest.split(",") if item.strip())
        else:
            names.extend(split_agencies(part, lang))
    return names


@cache
def _role_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], int]:
    roles = load_language(lang).table("roles")

    def fold(key: str) -> tuple[str, ...]:
        return tuple(nfc(w).casefold() for w in roles.get(key, []))

    return fold("strong_lead"), fold("cooperate"), fold("lead"), int(roles.get("cooperate_window", 3))


def duty_role(duty: str, lang: str) -> tuple[str, float]:
    """``lead`` or ``cooperate`` from the duty's opening words, with a confidence.

    "Chủ trì, phối hợp …" is lead; a cooperate word among the first few words ("Phối hợp chặt
    chẽ …", "Chủ động phối hợp với …", "Tạo điều kiện …") is cooperate; other lead verbs are lead.
    """
    strong, cooperate, lead, window = _role_words(lang)
    opening = collapse_spaces(duty.casefold().lstrip("-•* "))
    if opening.startswith(strong):
        return "lead", ROLE_CONFIDENCE
    head = " ".join(opening.split()[: window + 1])
    if any(regex.search(rf"(?<!\w){regex.escape(w)}(?!\w)", head) for w in cooperate):
        return "cooperate", ROLE_CONFIDENCE
    if opening.startswith(lead):
        return "lead", ROLE_CONFIDENCE
    return "lead", DEFAULT_ROLE_CONFIDENCE


@cache
def _partner_pattern(lang: str) -> regex.Pattern[str] | None:
    roles = load_language(lang).table("roles")
    cooperate = roles.get("cooperate", [])[:1]
    if not cooperate:
        return None
    with_words = "|".join(regex.escape(w) for w in roles.get("with_words", [])) or r"(?!)"
    actions = "|".join(regex.escape(w) for w in sorted(roles.get("action_words", []), key=len, reverse=True)) or r"(?!)"
    ends = "|".join(regex.escape(w) for w in sorted(roles.get("partner_ends", []), key=len, reverse=True)) or r"(?!)"
    fillers = "|".join(regex.escape(w) for w in roles.get("partner_fillers", [])) or r"(?!)"
    return compile_cached(
        rf"(?i:(?<!\w){regex.escape(cooperate[0])}(?:\s+(?:{fillers}))?\s+(?:(?:{with_words})\s+)?)"
        rf"(?P<partners>.+?(?:(?i:(?<!\w)(?:{ends})(?!\w))|(?={not_after_kind(lang)}\s+(?:{actions})(?!\w))|(?=[;.:(])|$))",
        regex.DOTALL,
    )


@cache
def _agency_heads(lang: str) -> LeadingWords:
    data = load_language(lang)
    return LeadingWords({
        nfc(h).casefold().strip()
        for h in (*data.words("agencies", "comma_heads"), *data.words("agencies", "conjunction_heads"), *data.words("roles", "heading_heads"))
    })


def _agency_like(name: str, lang: str) -> bool:
    """A phrase that opens like an agency name ("Sở …", "các doanh nghiệp …", "UBND …")."""
    if agency_key(name, lang) in agency_directory(lang).by_key:
        return True
    folded = collapse_spaces(nfc(name).casefold()).strip()
    for word in sorted((w.casefold() for w in load_language(lang).words("agencies", "leading_words")), key=len, reverse=True):
        if folded.startswith(word + " "):
            folded = folded[len(word) + 1 :]
    return _agency_heads(lang).match(folded)


def duty_partners(duty: str, lang: str) -> list[str]:
    """Agencies a duty names as partners: "phối hợp với Sở Xây dựng, các đơn vị liên quan …"."""
    pattern = _partner_pattern(lang)
    if pattern is None:
        return []
    partners: list[str] = []
    for match in pattern.finditer(collapse_spaces(duty)):
        for name in split_agencies(match.group("partners").strip(" ,"), lang):
            if len(name.split()) <= PARTNER_MAX_WORDS and _agency_like(name, lang) and name not in partners:
                partners.append(name)
    return partners


def _closing(text: str, lang: str) -> bool:
    closing = [m.casefold() for m in load_language(lang).words("closing", "markers")]
    return any(collapse_spaces(text).strip().casefold().startswith(m) for m in closing)


def _duties(block: Block, lang: str) -> tuple[list[str], bool]:
    """The duties of a block, and whether a closing paragraph ended the section in it."""
    duties = []
    for piece in SENTENCE_BREAK.split(block.text):
        flat = collapse_spaces(piece).strip()
        if not flat:
            continue
        if _closing(flat, lang):
            return duties, True
        duties.append(flat)
    return duties, False


def _known_agency(text: str, lang: str) -> bool:
    return agency_key(text, lang) in agency_directory(lang).by_key


def _agency_heading(text: str, lang: str) -> list[str]:
    """The agencies an implementation-section heading names; [] for a heading that is a task."""
    flat = collapse_spaces(text).strip()
    name = strip_numbering(flat, lang)
    if len(flat) > AGENCY_HEADING_MAX or flat.endswith((":", ";")) or not name:
        return []
    strong, cooperate, lead, _ = _role_words(lang)
    if name.casefold().startswith((*strong, *cooperate, *lead)):
        return []
    names = heading_to_agencies(flat, lang)
    return names if any(_agency_like(n, lang) for n in names) else []


@cache
def _subject_pattern(lang: str) -> regex.Pattern[str] | None:
    """A sentence that names its own agency: "<agency> chủ trì, …" / "<agency> will lead …"."""
    strong = load_language(lang).table("roles").get("strong_lead", [])
    if not strong:
        return None
    words = "|".join(regex.escape(w) for w in sorted(strong, key=len, reverse=True))
    return compile_cached(rf"^(?P<agency>\p{{Lu}}[^;:]{{2,90}}?)\s+(?P<duty>(?:{words})(?!\w).*)$", regex.IGNORECASE | regex.DOTALL)


def sentence_duties(text: str, lang: str) -> list[tuple[str, str]]:
    """(agency, duty) for each sentence whose subject is an agency and whose verb is a lead word."""
    pattern = _subject_pattern(lang)
    if pattern is None:
        return []
    found: list[tuple[str, str]] = []
    for sentence in SENTENCE.findall(collapse_spaces(text)):
        sentence = sentence.strip()
        match = pattern.match(strip_numbering(sentence, lang))
        if match and _agency_like(match.group("agency"), lang):
            found.append((match.group("agency").strip(), sentence))
    return found


def _responsibility(name: str, duty: str, block: Block, lang: str) -> Responsibility:
    role, confidence = duty_role(duty, lang)
    return Responsibility(
        agency=AgencyMention(mention=name, confidence=0.0),
        role=role,  # type: ignore[arg-type]
        duty=duty,
        cooperating=[AgencyMention(mention=p, confidence=0.0) for p in duty_partners(duty, lang) if p != name],
        source=Provenance(page=block.page, line=block.line, text=duty),
        confidence=confidence,
    )


def sections_to_responsibilities(seg: Segmented) -> list[Responsibility]:
    """Duties from the implementation section(s), agency mentions not yet resolved."""
    lang = seg.lang
    found: list[Responsibility] = []
    for section in seg.sections:
        if section.role != "implementation":
            continue
        agencies: list[str] = []
        for block in section.blocks:
            if block.kind == "heading":
                if _closing(block.text, lang):
                    break
                agencies = _agency_heading(f"{block.marker} {block.text}" if block.marker else block.text, lang)
                continue
            if block.kind not in ("paragraph", "list_item"):
                continue
            if block.marker[:1].isdigit() or ARABIC_ITEM.match(block.text):
                agencies = []  # "5. …" is a sibling of the agency heading above, not its duty
            owners = agencies
            texts, closed = _duties(block, lang)
            inline = INLINE_AGENCY.match(strip_numbering(collapse_spaces(block.text).strip(), lang))
            own = sentence_duties(" ".join(texts), lang)
            if inline and (_known_agency(inline.group("agency"), lang) or _agency_like(inline.group("agency"), lang)):
                owners = heading_to_agencies(inline.group("agency"), lang)
                texts = [inline.group("duty")]
            elif own:
                found.extend(_responsibility(name, duty, block, lang) for name, duty in own)
                owners = []
            for duty in texts if owners else []:
                found.extend(_responsibility(name, duty, block, lang) for name in owners)
            if closed:
                break
    return found
