"""Speed of agency resolution: 100,000 mentions against a directory of 5,000 names.

Run: python bench/bench_agencies.py [--runs N] [--mentions N] [--names N] [--distinct F].
Builds a directory of N names (the real directory, then each provincial department per
province, then companies made of random words) and a list of mentions drawn from a pool of
distinct spellings (--mix): exact names and aliases, names with "tỉnh <province>" after them, one
letter changed (the close-spelling path), and words no agency has (unresolved after the
close-spelling search). Prints the median of resolving the whole list with a fresh directory
(cold: no answer, lookup key, level or province cached) and a warm second pass, beside a baseline measured in the same run:
one dict lookup of each mention's NFC, case-folded text in a dict of the directory's names.
Target: >= 20,000 mentions/s cold.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 20_000  # mentions per second, cold
# Shares of exact names, names with "tỉnh <province>", one letter changed, unknown words. The
# corpus has about 85% resolved, 15% unresolved and 0.1% close spellings; the default is harsher
# on the costly kinds (a close-spelling search each); --mix 1 1 1 1 is harsher still.
MIX = (0.5, 0.2, 0.1, 0.2)
WORDS = ("An", "Bình", "Cường", "Đại", "Hưng", "Khang", "Long", "Minh", "Nam", "Phát", "Phú", "Quang", "Sơn",
         "Tân", "Thành", "Thịnh", "Trung", "Việt", "Vĩnh", "Xuân")
FORMS = ("Công ty Cổ phần", "Công ty TNHH", "Tổng công ty", "Trung tâm", "Viện", "Hội")
UNKNOWN = ("Ban chỉ đạo", "Tổ công tác", "Hội đồng thẩm định", "Nhóm nghiên cứu", "Câu lạc bộ", "Đoàn kiểm tra")


def build_directory(size: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """A directory of about ``size`` names and aliases: real entries first, then synthetic ones."""
    from extract.directory import AgencyDirectory, directory_rows
    from extract.jurisdiction import provinces
    from schemas.records import AgencyInfo

    rows = directory_rows("vi")
    infos = list(rows)
    count = sum(1 + len(r.aliases) for r in rows)
    departments = [r for r in rows if r.kind == "department" and not r.name.endswith(" tỉnh")]
    for province in provinces():
        for dept in departments:
            if count >= size:
                break
            infos.append(AgencyInfo(name=f"{dept.name} tỉnh {province.name}", kind="department", jurisdiction="province"))
            count += 1
    while count < size:
        name = f"{rng.choice(FORMS)} {' '.join(rng.sample(WORDS, 3))} {rng.randrange(1, 10_000)}"
        infos.append(AgencyInfo(name=name, kind="enterprise", jurisdiction="unknown"))
        count += 1
    return AgencyDirectory.build(infos, "vi"), infos


def _misspelt(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    return name[:i] + rng.choice("aeioun") + name[i + 1 :]


def build_mentions(infos: list, total: int, distinct: float, mix: tuple[float, ...], rng: random.Random) -> list[str]:  # type: ignore[type-arg]
    """``total`` mentions drawn from ``distinct * total`` spellings; ``mix`` gives the shares of
    exact names, names with a province after them, misspellings and unknown words."""
    from extract.jurisdiction import provinces

    names = [n for info in infos for n in (info.name, *info.aliases)]
    places = [p.name for p in provinces()]
    pool: list[str] = []
    kinds = rng.choices(range(4), weights=mix, k=max(1, int(total * distinct)))
    for kind in kinds:
        name = rng.choice(names)
        if kind == 0:
            pool.append(name if rng.random() < 0.5 else name.upper())
        elif kind == 1:
            pool.append(f"{name} tỉnh {rng.choice(places)}")
        elif kind == 2:
            pool.append(_misspelt(name, rng))
        else:
            pool.append(f"{rng.choice(UNKNOWN)} {' '.join(rng.sample(WORDS, 2))} {rng.randrange(100)}")
    return [rng.choice(pool) for _ in range(total)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=5_000)
    parser.add_argument("--distinct", type=float, default=0.2, help="share of distinct spellings among the mentions")
    parser.add_argument("--mix", type=float, nargs=4, default=MIX, metavar=("EXACT", "PLACE", "MISSPELT", "UNKNOWN"),
                        help="shares of the kinds of spellings [default: %(default)s]")
    args = parser.parse_args()
    from extract.directory import AgencyDirectory, agency_key
    from extract.jurisdiction import head_level, province_in, tier

    rng = random.Random(10)
    directory, infos = build_directory(args.names, rng)
    mentions = build_mentions(infos, args.mentions, args.distinct, tuple(args.mix), rng)
    print(f"directory: {len(directory.by_key)} names and aliases ({len(infos)} agencies); "
          f"{len(mentions)} mentions, {len(set(mentions))} distinct")
    plain = {unicodedata.normalize("NFC", k).casefold(): k for k in directory.spelled.values()}
    cold, warm, base = [], [], []
    for _ in range(args.runs):
        for cached in (agency_key, head_level, tier, province_in):  # nothing remembered from the run before
            cached.cache_clear()
        fresh = AgencyDirectory.build(infos, "vi")
        start = time.perf_counter()
        resolved = [fresh.resolve(m, "Lâm Đồng") for m in mentions]
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        [fresh.resolve(m, "Lâm Đồng") for m in mentions]
        warm.append(time.perf_counter() - start)
        start = time.perf_counter()
        [plain.get(unicodedata.normalize("NFC", m).casefold()) for m in mentions]
        base.append(time.perf_counter() - start)
    outcome = {r: sum(1 for m in resolved if m.reason == r) for r in ("name", "alias", "acronym", "fuzzy", "unresolved")}
    rate = len(mentions) / statistics.median(cold)
    print(f"resolved: {outcome}")
    print(f"resolve, cold   median {statistics.median(cold) * 1000:8.1f} ms  {rate:10,.0f} mentions/s  (target >= {TARGET:,})")
    print(f"resolve, warm   median {statistics.median(warm) * 1000:8.1f} ms  {len(mentions) / statistics.median(warm):10,.0f} mentions/s")
    print(f"dict baseline   median {statistics.median(base) * 1000:8.1f} ms  ratio cold/baseline "
          f"{statistics.median(cold) / statistics.median(base):.0f}x")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
