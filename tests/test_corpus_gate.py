"""The corpus gate (STYLE.md B2.13): scorer unit tests, the pinned hashes, and the floors.

The floors test runs ``extract.extract_file`` on every corpus document and fails, field by field,
below ``corpus/baseline.json``. Never lower a floor here: re-pin with
``python corpus/gate.py --update`` (``--allow-regression`` to lower one on purpose).
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gate_floors  # noqa: E402
import scoring  # noqa: E402

CORPUS = gate_floors.CORPUS_DIR
DOCS = [doc for doc, _ in gate_floors.corpus_files(CORPUS)]
PERFECT = {"precision": 1.0, "recall": 1.0, "f1": 1.0}


# --- (a) the scorer, on small hand-made dicts -------------------------------------------------

def _gold() -> dict[str, Any]:
    return {
        "file": "x.txt", "language": "vi", "kind": "plan",
        "document": {"title": "Kế hoạch X", "number": None, "issued": None,
                     "issuer": "Sở Thông tin và Truyền thông", "horizon": "2025-12-31",
                     "references": [{"number": "1110/QĐ-BTTTT", "date": "2024-07-02"}]},
        "tasks": [
            {"key": "I.1", "group": "Nhóm một", "title": "Nhiệm vụ một",
             "lead": ["Các doanh nghiệp viễn thông"],
             "cooperating": ["Sở TT&TT", "UBND các huyện, thành phố"],
             "timeframe": {"text": "2024-2025", "start": "2024-01-01", "end": "2025-12-31",
                           "recurrence": None},
             "outputs": "mở rộng vùng phủ 4G 5G, cũng như giảm thiểu chi đầu tư."},
            {"key": "I.2", "group": "Nhóm một", "title": "Nhiệm vụ hai",
             "lead": ["Sở Thông tin và Truyền thông"], "cooperating": [],
             "timeframe": {"text": "Thường xuyên", "start": None, "end": "2025-12-31",
                           "recurrence": "continuous"},
             "outputs": None},
        ],
        "targets": [], "observations": [],
    }


def _mention(text: str) -> dict[str, Any]:
    return {"mention": text, "agency": None, "kind": None, "confidence": 0.9, "flags": []}


def _timeframe(timeframe: dict[str, Any] | None) -> dict[str, Any] | None:
    """A gold timeframe in the contract's shape: a task with no timeframe text has none."""
    if not timeframe or timeframe.get("text") is None:
        return None
    return dict(timeframe)


def _extraction_from(gold: dict[str, Any]) -> dict[str, Any]:
    """A perfect extraction of ``gold``, in the contract's shape."""
    d = gold["document"]
    return {
        "schema_version": "1",
        "document": {"source": gold["file"], "sha256": "0" * 64, "format": "markdown",
                     "language": gold["language"], "kind": gold["kind"], "title": d.get("title"),
                     "number": d["number"], "issuer": d["issuer"], "issued": d["issued"],
                     "horizon": d.get("horizon"), "pages": None,
                     "references": [
                         {"text": "…", "number": r["number"], "kind": None, "date": r["date"]}
                         for r in d.get("references", [])]},
        "tasks": [{"key": t["key"],
                   "group": ({"number": t["key"].split(".")[0], "title": t["group"]}
                             if t["group"] else None),
                   "number": t["key"].split(".")[-1], "title": t["title"], "outputs": t.get("outputs"),
                   "notes": None, "lead": [_mention(m) for m in t["lead"]],
                   "cooperating": [_mention(m) for m in t["cooperating"]],
                   "timeframe": _timeframe(t.get("timeframe")), "source": {}, "confidence": 1.0, "flags": []}
                  for t in gold["tasks"]],
        "targets": [dict(t) for t in gold.get("targets", [])],
        "observations": [dict(o) for o in gold.get("observations", [])],
        "responsibilities": [], "agencies": [], "warnings": [],
    }


def test_perfect_extraction_scores_one_on_every_field() -> None:
    gold = _gold()
    score = scoring.score_document(gold, _extraction_from(gold))
    for name in scoring.FIELDS:
        fs = score.fields[name]
        assert (fs.precision, fs.recall, fs.f1) == (1.0, 1.0, 1.0), name


def test_the_perfect_extraction_is_a_valid_contract_record() -> None:
    from schemas.contract import validated
    from schemas.records import ExtractedDocument

    gold = _gold()
    record = validated(ExtractedDocument, _extraction_from(gold))
    score = scoring.score_document(gold, record)  # an ExtractedDocument is accepted as is
    assert all(fs.f1 == 1.0 for fs in score.fields.values())


def test_whitespace_and_unicode_form_do_not_count() -> None:
    import unicodedata

    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"][0]["title"] = "  Nhiệm   vụ\nmột "
    ext["tasks"][0]["outputs"] = unicodedata.normalize("NFD", ext["tasks"][0]["outputs"])
    score = scoring.score_document(gold, ext)
    assert score.fields["title"].f1 == 1.0
    assert score.fields["outputs"].f1 == 1.0


def test_missing_task_lowers_tasks_recall_not_precision() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    del ext["tasks"][1]
    fs = scoring.score_document(gold, ext).fields["tasks"]
    assert fs.recall == 0.5 and fs.precision == 1.0
    assert fs.missing == ("I.2",)


def test_repeated_task_lowers_tasks_precision() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"].append(copy.deepcopy(ext["tasks"][0]))  # e.g. the pipe-table copy counted twice
    fs = scoring.score_document(gold, ext).fields["tasks"]
    assert fs.recall == 1.0 and fs.precision == pytest.approx(2 / 3)
    assert fs.extra == ("I.1",)


def test_misplaced_comma_fails_outputs() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"][0]["outputs"] = "mở rộng vùng phủ 4G, 5G cũng như giảm thiểu chi đầu tư."
    score = scoring.score_document(gold, ext)
    fs = score.fields["outputs"]
    assert fs.f1 < 1.0 and fs.tp == 0 and fs.fp == 1 and fs.fn == 1
    assert fs.missing == ("I.1: mở rộng vùng phủ 4G 5G, cũng như giảm thiểu chi đầu tư.",)
    assert fs.extra == ("I.1: mở rộng vùng phủ 4G, 5G cũng như giảm thiểu chi đầu tư.",)
    failures = gate_floors.floor_failures(score, {"outputs": PERFECT})
    assert len(failures) == 1 and "'outputs'" in failures[0] and "4G, 5G cũng như" in failures[0]


def test_extra_lead_agency_lowers_lead_precision() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"][0]["lead"].append(_mention("Sở TT&TT"))
    fs = scoring.score_document(gold, ext).fields["lead"]
    assert fs.recall == 1.0 and fs.precision == pytest.approx(2 / 3)
    assert fs.extra == ("I.1: Sở TT&TT",)


def test_agency_mentions_are_a_multiset_per_task() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    # the same mention under the wrong task is one miss and one extra, not a hit
    ext["tasks"][0]["lead"] = []
    ext["tasks"][1]["lead"].append(_mention("Các doanh nghiệp viễn thông"))
    fs = scoring.score_document(gold, ext).fields["lead"]
    assert (fs.tp, fs.fp, fs.fn) == (1, 1, 1)


def test_timeframe_needs_every_part_equal() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"][1]["timeframe"]["end"] = None  # 'Thường xuyên' not bounded by the horizon
    fs = scoring.score_document(gold, ext).fields["timeframe"]
    assert (fs.tp, fs.fp, fs.fn) == (1, 1, 1)


def test_group_compares_the_group_title() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"][1]["group"] = None
    fs = scoring.score_document(gold, ext).fields["group"]
    assert (fs.tp, fs.fp, fs.fn) == (1, 0, 1)


def test_document_facts() -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["document"]["references"].append(
        {"text": "…", "number": "34/KH-STTTT", "kind": None, "date": "2024-05-09"})
    ext["document"]["issuer"] = "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    ext["document"]["horizon"] = None
    score = scoring.score_document(gold, ext)
    assert score.fields["references"].precision == 0.5 and score.fields["references"].recall == 1.0
    assert score.fields["issuer"].f1 == 0.0
    assert (score.fields["horizon"].recall, score.fields["horizon"].f1) == (0.0, 0.0)


def test_nothing_expected_and_nothing_found_scores_one() -> None:
    gold = {"file": "n.txt", "language": "en", "kind": "news",
            "document": {"number": None, "issued": None, "issuer": None, "references": []},
            "tasks": [], "targets": [], "observations": []}
    score = scoring.score_document(gold, {"document": {}, "tasks": []})
    assert all(fs.f1 == 1.0 for fs in score.fields.values())
    # ... but a task found where none is expected costs precision
    one_task = {"document": {}, "tasks": [{"key": "1", "title": "x"}]}
    fs = scoring.score_document(gold, one_task).fields["tasks"]
    assert (fs.precision, fs.recall, fs.f1) == (0.0, 1.0, 0.0)


def test_update_never_lowers_a_floor_silently(tmp_path: Path) -> None:
    gold = _gold()
    ext = _extraction_from(gold)
    ext["tasks"][0]["lead"].append(_mention("Sở TT&TT"))
    score = scoring.score_document(gold, ext, file="x.txt")
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    baseline = {"sha256": {}, "floors": {"x.txt": {"lead": PERFECT}}}
    new, lowered = gate_floors.updated_baseline(baseline, [score], tmp_path)
    assert lowered and all("lead" in x for x in lowered)
    new, lowered = gate_floors.updated_baseline(baseline, [score], tmp_path, allow_regression=True)
    assert not lowered and new["floors"]["x.txt"]["lead"]["precision"] < 1.0
    # floors are rounded down, so the score that set them always meets them
    assert not gate_floors.floor_failures(score, new["floors"]["x.txt"])


# --- (c) the pins ------------------------------------------------------------------------------

def test_corpus_has_documents_and_gold() -> None:
    assert len(DOCS) >= 4
    for doc, gold_path in gate_floors.corpus_files(CORPUS):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        # A twin (the same Word file printed to PDF) shares its original's gold.
        assert Path(gold["file"]).stem == gate_floors.gold_stem(doc), gold_path
        assert gold["kind"] in scoring.PINNED, gold_path


def test_documents_and_gold_match_their_pinned_hashes() -> None:
    problems = gate_floors.pin_problems(gate_floors.load_baseline(CORPUS), CORPUS)
    assert not problems, "\n".join(problems)


def test_pinned_fields_have_floors() -> None:
    floors = gate_floors.load_baseline(CORPUS)["floors"]
    for doc, gold_path in gate_floors.corpus_files(CORPUS):
        kind = json.loads(gold_path.read_text(encoding="utf-8"))["kind"]
        assert set(floors[doc.name]) == set(scoring.PINNED[kind]), doc.name


def test_a_changed_gold_file_fails_the_pins(tmp_path: Path) -> None:
    import shutil

    for part in ("docs", "scans", "gold"):
        shutil.copytree(CORPUS / part, tmp_path / part)
    baseline = gate_floors.load_baseline(CORPUS)
    assert not gate_floors.pin_problems(baseline, tmp_path)
    gold = tmp_path / "gold" / "003_c754e10d2d6fc772.json"
    gold.write_text(gold.read_text(encoding="utf-8").replace("4G 5G, cũng như", "4G, 5G cũng như"),
                    encoding="utf-8")
    problems = gate_floors.pin_problems(baseline, tmp_path)
    assert any(gold.name in p and "changed" in p for p in problems)
    assert any("--update" in p for p in problems)


# --- (b) the gate ------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_extraction_meets_the_floors(doc: Path) -> None:
    import extract

    gold = json.loads((CORPUS / "gold" / f"{gate_floors.gold_stem(doc)}.json").read_text(encoding="utf-8"))
    floors = gate_floors.load_baseline(CORPUS)["floors"][doc.name]
    extraction = extract.extract_file(doc).to_dict()
    score = scoring.score_document(gold, extraction, file=doc.name)
    failures = gate_floors.floor_failures(score, floors)
    assert not failures, "\n" + "\n".join(failures)


# --- the gate's command line, with a stand-in extractor -----------------------------------------

def _load_gate() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_gate", CORPUS / "gate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gate_cli_passes_fails_and_refuses_to_lower_floors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    for part in ("docs", "scans", "gold"):
        shutil.copytree(CORPUS / part, tmp_path / part)
    shutil.copy(CORPUS / gate_floors.BASELINE_NAME, tmp_path / gate_floors.BASELINE_NAME)
    gate = _load_gate()
    comma = {"moved": False}

    def fake_extraction(doc: Path) -> tuple[dict[str, Any], None]:
        gold = json.loads((tmp_path / "gold" / f"{gate_floors.gold_stem(doc)}.json").read_text(encoding="utf-8"))
        ext = _extraction_from(gold)
        if comma["moved"]:
            for t in ext["tasks"]:
                if t["outputs"]:
                    t["outputs"] = t["outputs"].replace("4G 5G, cũng", "4G, 5G cũng")
        return ext, None

    monkeypatch.setattr(gate_floors, "run_extraction", fake_extraction)
    assert gate.main(["--corpus", str(tmp_path)]) == 0

    comma["moved"] = True
    assert gate.main(["--corpus", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "field 'outputs'" in err and "4G, 5G cũng như" in err

    before = (tmp_path / gate_floors.BASELINE_NAME).read_text(encoding="utf-8")
    assert gate.main(["--corpus", str(tmp_path), "--update"]) == 1
    assert "would lower" in capsys.readouterr().err
    assert (tmp_path / gate_floors.BASELINE_NAME).read_text(encoding="utf-8") == before

    assert gate.main(["--corpus", str(tmp_path), "--update", "--allow-regression"]) == 0
    floors = gate_floors.load_baseline(tmp_path)["floors"]
    assert floors["003_c754e10d2d6fc772.txt"]["outputs"]["f1"] < 1.0
    assert gate.main(["--corpus", str(tmp_path)]) == 0


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_gold_fits_the_extraction_contract(doc: Path) -> None:
    """Gold dates, recurrences and kinds are values the contract can hold (catches gold typos)."""
    from schemas.contract import validated
    from schemas.records import ExtractedDocument

    gold = json.loads((CORPUS / "gold" / f"{gate_floors.gold_stem(doc)}.json").read_text(encoding="utf-8"))
    record = validated(ExtractedDocument, _extraction_from(gold))
    assert scoring.score_document(gold, record).fields["tasks"].f1 == 1.0
