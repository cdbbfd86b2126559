"""Text repair after PDF conversion: syllable re-segmentation and punctuation re-attachment."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import MissingDependency
from extract.lexicon import is_syllable, is_well_formed, is_word, lexicon, viet74k_path
from extract.punctuation import reattach_punctuation
from extract.repair import repair_text

SEED_003 = Path(__file__).parent.parent / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"


# --- seed 003: what the PDF converter really produced ------------------------------------------

@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("Nhiệm vụ thựchiện", "Nhiệm vụ thực hiện"),
        ("Đơn vịchủ trì", "Đơn vị chủ trì"),
        ("Đơn vịphốihợp", "Đơn vị phối hợp"),
        ("Thờigian", "Thời gian"),
        ("Ghichú", "Ghi chú"),
        ("Quymô mụctiêu kế tquả", "Quy mô mục tiêu kết quả"),
        ("các trạm gố c có độ an", "các trạm gốc có độ an"),
        ("mức độ chố ng", "mức độ chống"),
        ("cơ sở hạ tầ ng", "cơ sở hạ tầng"),
        ("- Đẩ y mạnh công tác", "- Đẩy mạnh công tác"),
        ("tối ưu hóa hệ thố ng đảm bảo tính", "tối ưu hóa hệ thống đảm bảo tính"),
        ("cũngnhưgiảmthiể uchi đầ utư", "cũng như giảm thiểu chi đầu tư"),
        ("viễ nthôngởcáckhu vực dễbịthiên", "viễn thông ở các khu vực dễ bị thiên"),
        ("tai sựcố", "tai sự cố"),
        ("bề nvữngcơsởhạtầ ngviễ nthông", "bền vững cơ sở hạ tầng viễn thông"),
        ("Thông tinvà Truyền thông", "Thông tin và Truyền thông"),
        ("cấp dịch vụ theoquy định củapháp", "cấp dịch vụ theo quy định của pháp"),
    ],
)
def test_repair_text_fixes_seed_003_fragments(broken: str, repaired: str) -> None:
    assert repair_text(broken) == repaired


def test_repair_text_fixes_seed_003_table_header_and_keeps_html() -> None:
    broken = "<th>Thờigian<br>thựchiện</th>\n<th>Quymô mụctiêu kế tquả<br>,,</th>"
    assert repair_text(broken) == "<th>Thời gian<br>thực hiện</th>\n<th>Quy mô mục tiêu kết quả<br>,,</th>"


def test_repair_text_changes_only_spaces_in_seed_003() -> None:
    text = SEED_003.read_text(encoding="utf-8")
    repaired = repair_text(text)
    assert repaired != text
    assert repaired.replace(" ", "") == text.replace(" ", "")
    assert repaired.count("\n") == text.count("\n")


# --- text the seeds do not contain ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("Ủy ban nhân dântỉnh", "Ủy ban nhân dân tỉnh"),
        ("Ủyban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("chuyểnđổi số", "chuyển đổi số"),
        ("chuyể nđổi số", "chuyển đổi số"),
        ("xây dựng cơsởdữliệu", "xây dựng cơ sở dữ liệu"),
        ("cơ sở dữ liệ u quốc gia", "cơ sở dữ liệu quốc gia"),
        ("cung cấp dịch vụcông trực tuyế n", "cung cấp dịch vụ công trực tuyến"),
        ("dịchvụcôngtrựctuyến mứcđộ 4", "dịch vụ công trực tuyến mức độ 4"),
        ("Sở Kế hoạch và Đầutư", "Sở Kế hoạch và Đầu tư"),
        ("bá ocáo kết quả thực hiện", "báo cáo kết quả thực hiện"),
        ("hoàn thành trướcngày 30/6/2025", "hoàn thành trước ngày 30/6/2025"),
        ("Hướngdẫn, đôn đốc các đơn vị", "Hướng dẫn, đôn đốc các đơn vị"),
        ("phát triển nguồ n nhân lực", "phát triển nguồn nhân lực"),
        ("tổ chức triể n khai", "tổ chức triển khai"),
        ("bố trí kinh phí thựchiệ n", "bố trí kinh phí thực hiện"),
        ("theodõi, kiểm tra", "theo dõi, kiểm tra"),
        ("ban hành theoquy chế", "ban hành theo quy chế"),
        ("**Nhiệmvụ trọng tâm**", "**Nhiệm vụ trọng tâm**"),
        ("| Đơn vịchủ trì | Thờigian |", "| Đơn vị chủ trì | Thời gian |"),
        ("# Tổchức thựchiện", "# Tổ chức thực hiện"),
        ("* Giảiquyết thủ tục hành chính", "* Giải quyết thủ tục hành chính"),
        ("Quymô  mụctiêu\tkế tquả", "Quy mô  mục tiêu\tkết quả"),
        ("dòng một thựchiện\ndòng hai Ghichú\n", "dòng một thực hiện\ndòng hai Ghi chú\n"),
        # syllables cut in two valid-looking halves, and run-together words with capitals
        ("đặc bi ệt khó khăn", "đặc biệt khó khăn"),
        ("dịch vụ đi ện thoại di động", "dịch vụ điện thoại di động"),
        ("các tòanhà khu công nghiệp", "các tòa nhà khu công nghiệp"),
        ("tổ chức triển kha i hiệu quả", "tổ chức triển khai hiệu quả"),
        ("phối hợp vớiSở Giao thông", "phối hợp với Sở Giao thông"),
        ("báo cáo củaBộThông tin", "báo cáo của Bộ Thông tin"),
        ("nội dung videochất lượng", "nội dung video chất lượng"),
    ],
)
def test_repair_text_fixes_own_broken_sentences(broken: str, repaired: str) -> None:
    assert repair_text(broken) == repaired


CLEAN_PARAGRAPH = (
    "Căn cứ Quyết định số 1110/QĐ-BTTTT ngày 02/7/2024 của Bộ Thông tin và Truyền thông, "
    "Ủy ban nhân dân tỉnh Đắk Nông ban hành Kế hoạch chuyển đổi số năm 2024-2025 như sau: "
    "xây dựng cơ sở dữ liệu dùng chung; cung cấp 100% dịch vụ công trực tuyến toàn trình; "
    "tỷ lệ hồ sơ xử lý trực tuyến đạt 88,5%, với 1.125 điểm truy nhập Internet công cộng. "
    "Sở TT&TT chủ trì, phối hợp với UBND thành phố Gia Nghĩa và các DNVT; thời gian hoàn thành "
    "trước ngày 31/12/2025. Người dân được hướng dẫn sử dụng ứng dụng i-Speed, iSpeed trên "
    "smartphone để đo tốc độ 4G, 5G (tối thiểu 40 Mbit/s), xem video Full HD 1080p, Ultra HD 4K "
    "và học online; đồng thời tuyên truyền qua website, email, camera giám sát."
)


def test_repair_text_leaves_clean_paragraph_byte_identical() -> None:
    assert repair_text(CLEAN_PARAGRAPH) == CLEAN_PARAGRAPH


def test_repair_text_leaves_clean_part_of_seed_003_unchanged() -> None:
    head = SEED_003.read_text(encoding="utf-8").split("<table", 1)[0]
    assert repair_text(head) == head


@pytest.mark.parametrize(
    "text",
    [
        "UBND", "DNVT", "TT&TT", "Sở TT&TT;", "STTTT", "i-Speed", "iSpeed", "QĐ-BTTTT",
        "34/KH-STTTT", "4G", "5G", "40 Mbit/s", "5Mbit/s", "1080p", "Full HD", "Ultra HD",
        "1.125", "88,5%", "02/7/2024", "2024-2025", "đo/xã/tháng",
        "Internet", "video", "online", "smartphone", "website", "camera", "email",
        "Đắk Nông", "Gia Nghĩa", "Đắk Lắk", "Krông Nô", "tỉnh Đắk Nông",
        "the locality will", "an inexorable trend", "at the same time", "staff at Hoa Ba",
        "điểm a, b, c khoản 2", "vùng Caribê và", "nước Bôlôvia, Rumani và Hungari", "luật Manu", "https://dichvucong.gov.vn/p/home", "lienhe@daknong.gov.vn",
    ],
)
def test_repair_text_never_touches_abbreviations_numbers_foreign_words_names(text: str) -> None:
    assert repair_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "**I **", "|---|---|", "<td>**II**</td>", "_(Chi tiết tại phụ lục đính kèm)_",
        "- Đẩy mạnh,<br>- tối ưu", "* Dịch vụ; *", "# MỤC TIÊU", "## **5. PHỤ LỤC**",
        '<table border="1" cellpadding="6">', "hỗ trợ./.", "sinh hoạt… giúp",
    ],
)
def test_repair_text_keeps_markdown_and_html(text: str) -> None:
    assert repair_text(text) == text


def test_repair_text_normalises_to_nfc() -> None:
    decomposed = "thu\u031b\u0323c hie\u0302\u0323n"  # "thực hiện" in NFD
    assert repair_text(decomposed) == "thực hiện"


# --- punctuation on lines of its own -------------------------------------------------------------

@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["luật để mở rộng vùng phủ 4G 5G", ",", "cũng như giảm thiểu chi đầu tư", "."],
            ["luật để mở rộng vùng phủ 4G 5G,", "cũng như giảm thiểu chi đầu tư."],
        ),
        (
            ["luật để mở rộng vùng phủ 4G 5G", ",", "cũngnhưgiảmthiể uchi đầ utư", "."],
            ["luật để mở rộng vùng phủ 4G 5G,", "cũng như giảm thiểu chi đầu tư."],
        ),
        (
            [
                "- Xây dựng các trạm gốc có độ an", "toàn cao nâng cao mức độ chống", ",",
                "chịu thảm họa của các cơ sở hạ tầng", "viễn thông ở các khu vực dễ bị thiên",
                "tai sự cố", ", .", "- Đẩy mạnh công tác rà soát định kỳ,",
                "tối ưu hóa hệ thống đảm bảo tính", ",", "bền vững cơ sở hạ tầng viễn thông",
            ],
            [
                "- Xây dựng các trạm gốc có độ an", "toàn cao, nâng cao mức độ chống",
                "chịu thảm họa của các cơ sở hạ tầng", "viễn thông ở các khu vực dễ bị thiên",
                "tai, sự cố.", "- Đẩy mạnh công tác rà soát định kỳ,",
                "tối ưu hóa hệ thống, đảm bảo tính", "bền vững cơ sở hạ tầng viễn thông",
            ],
        ),
        (["Quy mô mục tiêu kết quả", ",,"], ["Quy mô, mục tiêu, kết quả"]),
        (["Quymô mụctiêu kế tquả", ",,"], ["Quy mô, mục tiêu, kết quả"]),
        # own cases
        (["Ủy ban nhân dân tỉnh", ";", "Sở Tài chính"], ["Ủy ban nhân dân tỉnh;", "Sở Tài chính"]),
        (["hoàn thành trong năm 2025", ":"], ["hoàn thành trong năm 2025:"]),
        (["rà soát thủ tục hành chính", "…"], ["rà soát thủ tục hành chính…"]),
        (["xây dựng cơ sở dữ liệu", ",", "dịch vụ công trực tuyến"],
         ["xây dựng cơ sở dữ liệu,", "dịch vụ công trực tuyến"]),
        # a clause starter closing the line: the comma opens its clause, the object follows
        (["số hóa hồ sơ tăng cường", ",", "kết nối liên thông"],
         ["số hóa hồ sơ, tăng cường", "kết nối liên thông"]),
        # the break splits a word ("chống chịu"): the comma goes before that word, not after it
        (["thiết bị dự phòng khả năng chống", ",", "chịu thiên tai"],
         ["thiết bị dự phòng, khả năng chống", "chịu thiên tai"]),
        (["hệ thống cảnh báo sớm nâng cao khả năng chống", ",", "chịu thiên tai"],
         ["hệ thống cảnh báo sớm, nâng cao khả năng chống", "chịu thiên tai"]),
        (["cải cách hành chính đẩy mạnh chuyển", ",", "đổi số"],
         ["cải cách hành chính, đẩy mạnh chuyển", "đổi số"]),
        (["Cơ quan chủ trì thời gian hoàn thành", ",,"], ["Cơ quan chủ trì, thời gian, hoàn thành"]),
        ([",", "Sở Nội vụ"], [",", "Sở Nội vụ"]),
        (["Sở Nội vụ", "phối hợp"], ["Sở Nội vụ", "phối hợp"]),
        (["Sở Nội vụ  ", "."], ["Sở Nội vụ."]),
    ],
)
def test_reattach_punctuation(lines: list[str], expected: list[str]) -> None:
    assert reattach_punctuation(lines) == expected


# --- lexicon and syllable structure --------------------------------------------------------------

@pytest.mark.parametrize(
    ("token", "well_formed"),
    [
        ("thống", True), ("quy", True), ("gì", True), ("giếng", True), ("quốc", True),
        ("nghiêng", True), ("khuya", True), ("gố", True), ("học", True),
        ("tầ", False), ("ng", False), ("tquả", False), ("viễ", False), ("hoc", False),
        ("ci", False), ("nge", False), ("thiể", False), ("hòả", False), ("đắk", False),
    ],
)
def test_is_well_formed_follows_vietnamese_syllable_structure(token: str, well_formed: bool) -> None:
    assert is_well_formed(token) is well_formed


def test_lexicon_indexes_viet74k_syllables_and_words() -> None:
    lex = lexicon()
    assert {"thống", "quy", "định", "video"} <= lex.syllables
    assert {"quy định", "hạ tầng", "chuyển đổi", "cơ sở dữ liệu"} <= lex.words
    assert lex.is_pair("chống", "chịu") and "chống chịu" in lex.pairs  # from the supplement in syllables.toml
    assert is_word("quy", "định") and not is_word("tai", "sự")
    assert is_syllable("video") and not is_syllable("tầ")


def test_viet74k_path_raises_missing_dependency_without_underthesea(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(MissingDependency, match="underthesea"):
        viet74k_path()


def test_importing_repair_does_not_import_underthesea() -> None:
    import subprocess
    import sys

    code = "import sys, extract.repair, extract.lexicon; print('underthesea' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
