"""Fast paths that skip a pattern on text it cannot change give what the full pass gives.

Each fast path is compared with the plain pass it stands in for (written out here as the code
had it), on generated strings over an alphabet of the characters each rule turns on, and on
every line of the corpus documents.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
import regex

from extract.fields.document import NUMBER, _vocabulary as _reference_words, references
from extract.fields.letterhead import DECORATION, _clean, _respell, _vocabulary
from extract.fields.numbers import _any_word_quantity, _patterns, _word_entries
from extract.fields.target_context import SENTENCE_END, text_to_sentences
from extract.fields.tasks import SPACES as TASK_SPACES
from extract.fields.tasks import joined
from extract.langdata import nfc
from extract.load.markdown import EMPHASIS, ITALIC, STAR_ITALIC, UNDERSCORE_PAIR, plain
from extract.normalize import INVISIBLE, LEGACY_LETTERS, ODD_SPACE, RUN_OF_SPACES, SLASHES, clean_chars, _lines
from extract.punctuation import _is_marks_line
from extract.segment import MIN_UPPER_LETTERS, UPPER_SHARE, _upper
from extract.spaces import SPACES, collapse_spaces
from extract.syllable_cost import repair_words

CORPUS = Path(__file__).parent.parent / "corpus" / "docs"
WHITE = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and SPACES.fullmatch(chr(c))]
ALPHABET = [*WHITE, *"aAbĐđỦủÐð⁄∕／*_`|#>-<@./!?,;:0123456789ſẞß\u200b\u00ad", *[" "] * 8, "\n", "\n", "\t",
            "./.", "**", "__", "<br/>", "MỤC TIÊU", "Uỷ ban", "toàn bộ", "hai"]


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def _corpus_texts(separator: str) -> list[str]:
    """The distinct lines (or paragraphs) of the corpus's text documents."""
    texts: list[str] = []
    for path in sorted(CORPUS.glob("*")):
        if path.suffix in (".md", ".txt", ".html"):
            texts += path.read_text(encoding="utf-8").split(separator)
    return list(dict.fromkeys(texts))


TEXTS = _generated(3000, 11)
CORPUS_TEXTS = _corpus_texts("\n")  # lines
PARAGRAPHS = [p for p in _corpus_texts("\n\n") if "\n" in p]  # multi-line texts


def test_collapse_spaces_is_the_substitution() -> None:
    assert all(c == " " or not c.isprintable() for c in WHITE)  # what the fast path rests on
    for text in TEXTS + CORPUS_TEXTS + PARAGRAPHS:
        assert collapse_spaces(text) == SPACES.sub(" ", text), repr(text)


def test_clean_chars_and_lines_are_the_full_passes() -> None:
    def full(text: str) -> str:
        text = unicodedata.normalize("NFC", text).translate(LEGACY_LETTERS).translate(SLASHES)
        return ODD_SPACE.sub(" ", INVISIBLE.sub("", text))

    for text in TEXTS + CORPUS_TEXTS:
        cleaned = full(text)
        assert clean_chars(text) == cleaned, repr(text)
        assert _lines(text) == [RUN_OF_SPACES.sub(" ", line).strip() for line in cleaned.split("\n")]


def test_upper_case_share_refuses_early_only_what_it_would_refuse() -> None:
    def full(text: str) -> bool:
        letters = regex.findall(r"\p{L}", text)
        return len(letters) >= MIN_UPPER_LETTERS and sum(map(str.isupper, letters)) >= UPPER_SHARE * len(letters)

    headings = ["I. MỤC TIÊU", "TỔ CHỨC THỰC HIỆN", "1. MỤC TIÊU cụ thể", "KẾ HOẠCH triển khai", "ABCDEFGHIJn"]
    for text in TEXTS + CORPUS_TEXTS + headings:
        assert _upper(text) == full(text), repr(text)
    assert _upper("TỔ CHỨC THỰC HIỆN") and not _upper("Tổ chức thực hiện")


def test_task_cells_join_as_the_pattern_does() -> None:
    for text in TEXTS + CORPUS_TEXTS + PARAGRAPHS:
        assert joined(text) == TASK_SPACES.sub(" ", text).strip(), repr(text)


def test_markdown_plain_and_marks_lines_are_the_full_passes() -> None:
    def full_plain(text: str) -> str:
        text = UNDERSCORE_PAIR.sub(" ", EMPHASIS.sub("", text))
        return STAR_ITALIC.sub(r"\1", ITALIC.sub(r"\1", text)).strip()

    words = repair_words()
    for text in TEXTS + CORPUS_TEXTS:
        assert plain(text) == full_plain(text), repr(text)
        marks = [c for c in text if not c.isspace()]
        expected = bool(marks) and all(c in words.sentence_final or c in words.separators for c in marks)
        assert _is_marks_line(text) == expected, repr(text)


def test_letterhead_cleaning_and_respelling_are_the_full_passes() -> None:
    vocab = _vocabulary("vi")
    assert vocab.spellings, "the Vietnamese letterhead data lists old spellings"
    old, new = next(iter(vocab.spellings.items()))

    def full_respell(text: str) -> str:
        def swap(match: regex.Match[str]) -> str:
            word = match.group(0)
            modern = vocab.spellings.get(word.casefold())
            if modern is None:
                return word
            if word.isupper():
                return modern.upper()
            return modern[0].upper() + modern[1:] if word[0].isupper() else modern

        return regex.sub(r"\p{L}+", swap, text)

    extra = [f"{old} {old.upper()} {old.capitalize()} x{old}", f"— {old} —"]
    for text in TEXTS + CORPUS_TEXTS + extra:
        assert _clean(text) == SPACES.sub(" ", DECORATION.sub("", nfc(text))).strip(), repr(text)
        assert _respell(text, vocab) == full_respell(text), repr(text)
    assert new in _respell(extra[0], vocab)


def test_sentences_split_as_the_whole_pattern_does() -> None:
    def full(text: str) -> list[tuple[int, int, str]]:
        found, begin = [], 0
        for m in [*SENTENCE_END.finditer(text), None]:
            end = m.start() if m else len(text)
            piece = text[begin:end]
            stripped = piece.strip().lstrip("-•*+ ").strip()
            if stripped:
                offset = begin + piece.index(stripped)
                found.append((offset, offset + len(stripped), stripped))
            begin = m.end() if m else len(text)
        return found

    for text in TEXTS + PARAGRAPHS + ["Mục tiêu. Đạt 90%./.", "Kết thúc./. Tiếp theo"]:
        assert [(s.start, s.end, s.text) for s in text_to_sentences(text)] == full(text), repr(text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_any_word_quantity_matches_exactly_when_one_pattern_does(lang: str) -> None:
    union = _any_word_quantity(lang)
    assert union is not None
    patterns = [_patterns(lang)["word"], *(entry.words for entry in _word_entries(lang)[1])]
    samples = ["toàn bộ các xã", "hai mươi", "một nửa", "half of all", "thai", "all communes", "ba", "nothing"]
    for text in TEXTS + CORPUS_TEXTS + samples:
        assert (union.search(text) is not None) == any(p.search(text) for p in patterns), repr(text)


def test_references_skip_only_texts_without_a_number() -> None:
    words = _reference_words("vi")
    pattern = regex.compile(rf"(?P<type>{words['types']})\s+(?:{words['number']}\s+)?(?P<number>{NUMBER})", regex.IGNORECASE)
    cited = ["Quyết định số 1110/QĐ-BTTTT ngày 02/7/2024", "Kế hoạch 179/KH-UBND", "Nghị quyết số 66.19/2026/NQ-CP"]
    for text in CORPUS_TEXTS + cited:
        assert [r.number for r in references([text], "vi")] == list(dict.fromkeys(
            m.group("number") for m in pattern.finditer(text))), repr(text)
