"""Duties given in prose: agency headings in the implementation section and their bullets.

"## Sở X (Giao Phòng Y)" + bullets gives Sở X one duty per bullet; "Đề nghị các Sở: A, B;
Công ty C" names several agencies at once, each given the paragraphs that follow; a line
"Sở X: Chủ trì, phối hợp …" names its agency inline.
"""

from __future__ import annotations

import regex

from extract.agencies import agency_directory, agency_key, split_agencies
from extract.langdata import load_language, words_pattern
from schemas.blocks import Block, Segmented
from schemas.records import AgencyMention, Provenance, Responsibility

SPACES = regex.compile(r"\s+")
BRACKETED = regex.compile(r"\s*\([^)]*\)\s*$")
SENTENCE_BREAK = regex.compile(r"(?<=[.!?])\n(?=\p{Lu})")
INLINE_AGENCY = regex.compile(r"^(?P<agency>[^:]{3,80}):\s+(?P<duty>\S.*)$", regex.DOTALL)
DEFAULT_ROLE_CONFIDENCE = 0.6
ROLE_CONFIDENCE = 0.9


def heading_to_agencies(text: str, lang: str) -> list[str]:
    """Agencies a heading names: request words and bracketed delegations dropped,
    "các Sở: A, B" spread into "Sở A", "Sở B"."""
    data = load_language(lang)
    text = BRACKETED.sub("", SPACES.sub(" ", text)).strip(" :.")
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


def duty_role(duty: str, lang: str) -> tuple[str, float]:
    """``lead`` or ``cooperate`` from the duty's opening words, with a confidence."""
    data = load_language(lang)
    opening = duty.casefold().lstrip("-•* ")
    for role, key in (("lead", "lead"), ("cooperate", "cooperate")):
        if any(opening.startswith(w.casefold()) for w in data.words("roles", key)):
            return role, ROLE_CONFIDENCE
    return "lead", DEFAULT_ROLE_CONFIDENCE


def _duties(block: Block, lang: str) -> list[str]:
    closing = [m.casefold() for m in load_language(lang).words("closing", "markers")]
    duties = []
    for piece in SENTENCE_BREAK.split(block.text):
        flat = SPACES.sub(" ", piece).strip()
        if not flat:
            continue
        if any(flat.casefold().startswith(m) for m in closing):
            break
        duties.append(flat)
    return duties


def _known_agency(text: str, lang: str) -> bool:
    return agency_key(text, lang) in agency_directory(lang).by_key


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
                agencies = heading_to_agencies(block.text, lang)
                continue
            if block.kind not in ("paragraph", "list_item"):
                continue
            owners = agencies
            texts = _duties(block, lang)
            inline = INLINE_AGENCY.match(SPACES.sub(" ", block.text).strip())
            if inline and _known_agency(inline.group("agency"), lang):
                owners = heading_to_agencies(inline.group("agency"), lang)
                texts = [inline.group("duty")]
            for duty in texts:
                role, confidence = duty_role(duty, lang)
                for name in owners:
                    found.append(
                        Responsibility(
                            agency=AgencyMention(mention=name, confidence=0.0),
                            role=role,  # type: ignore[arg-type]
                            duty=duty,
                            source=Provenance(page=block.page, line=block.line, text=duty),
                            confidence=confidence,
                        )
                    )
    return found
