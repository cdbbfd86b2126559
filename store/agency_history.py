"""Agency listings with their history: validity dates and the successor after the mergers."""

from __future__ import annotations

from datetime import date
from typing import Any


def with_history(rows: list[dict[str, Any]], as_of: date | None, *, successors: bool) -> list[dict[str, Any]]:
    """``rows`` of ``queries.agencies`` with ``valid_from``/``valid_until`` from the directory;
    only those valid on ``as_of`` when given; with ``successors``, the identity that carries each
    on at ``as_of`` (every recorded change when None) as ``successor``/``successor_area``, or None
    when it is still itself or was abolished (``valid_until`` and no successor)."""
    from extract.directory import agency_directory

    directory = agency_directory()
    out = []
    for row in rows:
        name, area = row["name"], row.get("area")
        if as_of is not None and not directory.valid_on(name, as_of):
            continue
        info = directory.get(name) if row.get("resolved", True) else None
        extra: dict[str, Any] = {
            "valid_from": info.valid_from.isoformat() if info and info.valid_from else None,
            "valid_until": info.valid_until.isoformat() if info and info.valid_until else None,
        }
        if successors:
            ended = bool(info and info.valid_until and not info.successor and (as_of is None or info.valid_until <= as_of))
            later = directory.carried_on(name, area, as_of) if info else (name, area)
            changed = later != (name, area) and not ended  # abolished (district level): no one carries it on
            extra |= {"successor": later[0] if changed else None, "successor_area": later[1] if changed else None}
        out.append({**row, **extra})
    return out
