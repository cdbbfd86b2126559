"""The command line: exit codes and exact output, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import STTTT, UBND, VNPT, make_plan
from store.cli import cli
from store.ingest import save_result

GARBAGE = b"\x00\xff\xfe\x01" * 64 + bytes(range(256))


def run(db_url: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", db_url, "--silent", *args], catch_exceptions=False)


def fake_extract_one(path: Path) -> tuple[Any, str]:
    """The real loader (so bad files fail for real), then the small plan for good ones."""
    from extract.errors import LoadError
    from extract.load import load_file

    try:
        raw = load_file(path)
    except LoadError as error:
        return None, error.reason
    return make_plan(sha256=raw.sha256, source=str(path), number=f"{path.stem}/KH", title=path.stem), ""


@pytest.fixture
def fake_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    import store.ingest

    monkeypatch.setattr(store.ingest, "extract_in_worker", fake_extract_one)


@pytest.fixture
def seeded(db_url: str, session: Any) -> str:
    save_result(session, make_plan())
    return db_url


def test_every_command_has_help_with_an_example() -> None:
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name


def test_cli_module_imports_only_click_at_start_up() -> None:
    code = (
        "import sys, store.cli; "
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'rich', 'openpyxl', 'extract', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_unreachable_database_is_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(cli, ["--db", "postgresql://nobody@127.0.0.1:1/none", "documents"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open the database postgresql://nobody@127.0.0.1:1/none (")


def test_db_given_as_a_file_name_is_that_sqlite_file(tmp_path: Path) -> None:
    plan = Path(__file__).parent.parent / "corpus" / "docs" / "kh2242-laocai-sct-kiemtra-vlncn-2026.docx"
    store_file = tmp_path / "team.db"
    ingest = CliRunner().invoke(cli, ["--db", str(store_file), "-q", "ingest", str(plan)])
    assert ingest.exit_code == 0, ingest.output
    assert store_file.is_file()
    listed = CliRunner().invoke(cli, ["tasks", "--db", str(store_file), "--format", "json"])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 9


def test_unreadable_database_url_is_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(cli, ["--db", "postgres:/one-slash", "documents"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot read the database URL 'postgres:/one-slash'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_option_value_is_a_usage_error(seeded: str) -> None:
    assert run(seeded, "tasks", "--role", "boss").exit_code == 2
    result = run(seeded, "checklist", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a file; give it with -o FILE" in result.stderr


def test_ingest_batch_with_bad_files_stores_the_good_ones(db_url: str, tmp_path: Path, fake_extraction: None) -> None:
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    good = [folder / "a.md", folder / "sub" / "b.txt"]
    good[0].write_text("# Kế hoạch A\n\nNội dung.\n", encoding="utf-8")
    good[1].write_text("Kế hoạch B\n\nNội dung khác.\n", encoding="utf-8")
    empty, garbage = folder / "empty.md", folder / "garbage.md"
    empty.write_bytes(b"")
    garbage.write_bytes(GARBAGE)
    (folder / "notes.xyz").write_text("ignored: not a document suffix")

    result = run(db_url, "ingest", str(folder))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"ok {good[0]}: 3 tasks, 1 targets, 1 warnings",
        f"error {empty}: the file is empty",
        f"error {garbage}: binary data, not text (NUL bytes); is it the right file?",
        f"ok {good[1]}: 3 tasks, 1 targets, 1 warnings",
        "2 of 4 files failed",
    ]
    assert result.stdout == ""
    listed = json.loads(run(db_url, "documents", "--format", "json").stdout)
    assert [d["source"] for d in listed] == [str(p) for p in good]


def test_reingest_is_skipped_and_exits_0(db_url: str, tmp_path: Path, fake_extraction: None) -> None:
    plan = tmp_path / "ke-hoach.md"
    plan.write_text("# Kế hoạch\n\nNội dung.\n", encoding="utf-8")
    copy = tmp_path / "copy.md"
    copy.write_bytes(plan.read_bytes())
    assert run(db_url, "ingest", str(plan)).exit_code == 0
    result = run(db_url, "ingest", str(plan), str(copy))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"skipped {plan}: already ingested",
        f"skipped {copy}: already ingested",
    ]
    assert len(json.loads(run(db_url, "documents", "--format", "json").stdout)) == 1


def test_ingest_unsupported_suffix_named_directly_is_an_error_line(db_url: str, tmp_path: Path) -> None:
    odd = tmp_path / "plan.xyz"
    odd.write_text("x")
    result = run(db_url, "ingest", str(odd))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"error {odd}: unsupported format '.xyz'")


def test_tasks_with_an_abbreviated_agency_as_csv(seeded: str) -> None:
    result = run(seeded, "tasks", "--agency", "STTTT", "--role", "cooperate", "--format", "csv")
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    assert header == "\ufeffid,document,key,title,lead,cooperate,due,status"
    assert [line.split(",", 1)[1] for line in lines] == [  # after the stable id
        f"34/KH-STTTT,I.1,\"Rà soát, phát triển trạm BTS tại các khu vực lõm sóng\",{VNPT},\"{STTTT}; {UBND}\",2025-12-31,not_started",
        f"34/KH-STTTT,II.1,Tuyên truyền về chuyển đổi số,Đài Phát thanh tỉnh,{STTTT},2025-12-31,not_started",
    ]


def test_tasks_overdue_on_a_given_day_as_json(seeded: str) -> None:
    result = run(seeded, "tasks", "--agency", "Sở TT&TT", "--overdue", "--today", "2024-07-01", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["key"], r["deadline"], r["lead"]) for r in rows] == [("I.2", "2024-06-30", [STTTT])]
    assert "\\u" not in result.stdout


def test_unknown_agency_or_document_exits_1_with_a_hint(seeded: str) -> None:
    result = run(seeded, "tasks", "--agency", "Công ty không tồn tại XYZ")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no agency matches 'Công ty không tồn tại XYZ'; run `planwatch agencies` to see names and aliases\n"
    )
    assert run(seeded, "matrix", "--document", "99/KH").exit_code == 1


def test_matrix_json_is_one_row_per_assignment(seeded: str) -> None:
    result = run(seeded, "matrix", "--agency", "Sở Thông tin và Truyền thông", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert all(len(row.pop("id")) == 8 for row in rows)  # the task's stable id
    assert rows == [
        {"document": "34/KH-STTTT", "task_key": "I.1", "task": "Rà soát, phát triển trạm BTS tại các khu vực lõm sóng",
         "agency": STTTT, "role": "cooperate"},
        {"document": "34/KH-STTTT", "task_key": "I.2", "task": "Kiểm tra, đo kiểm chất lượng dịch vụ 4G",
         "agency": STTTT, "role": "lead"},
        {"document": "34/KH-STTTT", "task_key": "II.1", "task": "Tuyên truyền về chuyển đổi số",
         "agency": STTTT, "role": "cooperate"},
    ]


def test_matrix_csv_and_table_are_grids_of_l_and_c(seeded: str) -> None:
    lines = run(seeded, "matrix", "--format", "csv").stdout.splitlines()
    assert lines[0] == f"\ufeffid,document,task_key,task,{VNPT},{STTTT},\"{UBND}\",các đơn vị có liên quan,Đài Phát thanh tỉnh"
    assert lines[2].split(",", 1)[1] == "34/KH-STTTT,I.2,\"Kiểm tra, đo kiểm chất lượng dịch vụ 4G\",C,L,,C,"
    table = run(seeded, "matrix", "--format", "table").stdout
    assert "I.2" in table and " L " in table and " C " in table


def test_matrix_md_to_a_file(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "matrix.md"
    assert run(seeded, "matrix", "--format", "md", "-o", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "|" + "---|" * 9  # the task id, then the grid
    assert lines[4].split(" | ", 1)[1] == "34/KH-STTTT | II.1 | Tuyên truyền về chuyển đổi số |  | C |  |  | L |"


def test_checklist_markdown_for_an_abbreviated_agency(seeded: str, tmp_path: Path) -> None:
    result = run(seeded, "checklist", "--agency", "Sở TT&TT", "--lang", "en", "--as-of", "2024-07-01")
    assert result.exit_code == 0
    lines = [re.sub(r" `[0-9a-z]{8}`$", "", line) for line in result.stdout.splitlines()]
    assert lines == [
        "# Checklist", "", f"## {STTTT}", "", "### Due 2024-06-30", "",
        f"- [ ] Kiểm tra, đo kiểm chất lượng dịch vụ 4G — lead; Quý II/2024; with: {VNPT}, các đơn vị có liên quan; "
        "**overdue**; source: 34/KH-STTTT, page 5, row 3",
        "", "### Due 2025-12-31", "",
        f"- [ ] Rà soát, phát triển trạm BTS tại các khu vực lõm sóng — cooperate; 2024-2025; with: {VNPT}, {UBND}; "
        "outputs: Báo cáo kết quả rà soát; source: 34/KH-STTTT, page 5, row 2",
        "- [ ] Tuyên truyền về chuyển đổi số — cooperate; Thường xuyên; with: Đài Phát thanh tỉnh; "
        "source: 34/KH-STTTT, page 6, row 5",
    ]


def test_checklist_xlsx_file_reads_back(seeded: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "checklist.xlsx"
    result = run(seeded, "checklist", "--document", "34/KH-STTTT", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet["C"]][1:] == [  # the agency column, agencies in Vietnamese order
        "các đơn vị có liên quan", "Đài Phát thanh tỉnh", VNPT, VNPT, STTTT, STTTT, STTTT, UBND,
    ]
    assert sheet["E6"].value == "Kiểm tra, đo kiểm chất lượng dịch vụ 4G" and sheet["D6"].value == "chủ trì"


def test_agencies_unresolved_as_csv(seeded: str) -> None:
    result = run(seeded, "agencies", "--unresolved", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "\ufeffname,kind,aliases,lead_tasks,cooperate_tasks,resolved,area",
        "các đơn vị có liên quan,vague,,0,1,no,",
        "Đài Phát thanh tỉnh,,,1,0,no,",
    ]


def test_documents_table(seeded: str) -> None:
    result = run(seeded, "documents", "--format", "table")
    assert result.exit_code == 0
    assert "34/KH-STTTT" in result.stdout and "current" in result.stdout


def test_database_url_from_environment(seeded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_DB", seeded)
    result = CliRunner().invoke(cli, ["documents", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["label"] == "34/KH-STTTT"


CORPUS = Path(__file__).parent.parent / "corpus" / "docs"
PLAN = CORPUS / "003_c754e10d2d6fc772.txt"
needs_corpus = pytest.mark.skipif(not PLAN.exists(), reason=f"the seed documents are not in {CORPUS} yet")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A folder holding the four seed documents (the whole corpus is the gate's to read)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(CORPUS.glob("00[0-9]_*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@needs_corpus
def test_extract_prints_the_contract_json_with_real_characters() -> None:
    result = CliRunner().invoke(cli, ["extract", str(PLAN)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["tasks"]) == 7
    assert "\\u" not in result.stdout and "Sở Thông tin và Truyền thông" in result.stdout


def test_extract_of_an_empty_file_is_one_error_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(empty)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {empty}: the file is empty\n"


@needs_corpus
def test_ingest_the_seed_corpus_then_query_it(db_url: str, seeds: Path) -> None:
    result = run(db_url, "ingest", str(seeds))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"ok {p}" for p in sorted(seeds.glob("*.txt"))]
    assert lines[3].startswith(f"ok {seeds / PLAN.name}: 7 tasks, ")

    rows = json.loads(run(db_url, "matrix", "--document", PLAN.name, "--format", "json").stdout)
    assert len({r["task_key"] for r in rows}) == 7
    assert {r["role"] for r in rows} == {"lead", "cooperate"}

    tasks = json.loads(run(db_url, "tasks", "--agency", "Sở TT&TT", "--format", "json").stdout)
    assert tasks and all(STTTT in (*t["lead"], *t["cooperate"]) for t in tasks)

    checklist = run(db_url, "checklist", "--agency", "STTTT").stdout
    assert checklist.startswith(f"# Danh mục nhiệm vụ\n\n## {STTTT}\n\n### Hạn ")


@needs_corpus
def test_ingest_with_workers_stores_what_one_process_stores(db_url: str, tmp_path: Path, seeds: Path) -> None:
    assert run(db_url, "ingest", "--workers", "2", str(seeds)).exit_code == 0
    parallel = run(db_url, "matrix", "--format", "json").stdout
    serial_db = f"sqlite:///{tmp_path / 'serial.db'}"
    assert run(serial_db, "ingest", "--workers", "1", str(seeds)).exit_code == 0
    assert run(serial_db, "matrix", "--format", "json").stdout == parallel


@needs_corpus
def test_seed_batch_with_an_empty_and_a_garbage_file(db_url: str, tmp_path: Path) -> None:
    plan = tmp_path / PLAN.name
    plan.write_bytes(PLAN.read_bytes())
    empty, garbage = tmp_path / "empty.md", tmp_path / "garbage.md"
    empty.write_bytes(b"")
    garbage.write_bytes(GARBAGE)
    result = run(db_url, "ingest", str(empty), str(plan), str(garbage))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"error {empty}: the file is empty"
    assert lines[1].startswith(f"ok {plan}: 7 tasks, ")
    assert lines[2].startswith(f"error {garbage}: binary data")
    assert len(json.loads(run(db_url, "tasks", "--format", "json").stdout)) == 7


def test_targets_as_csv(seeded: str) -> None:
    result = run(seeded, "targets", "--indicator", "tốc độ", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "\ufeffdocument,indicator,comparator,value,value_max,unit,deadline,area",
        "34/KH-STTTT,Tốc độ tải xuống trung bình 4G,>=,40,,Mbit/s,2025-12-31,tỉnh Đắk Nông",
    ]
