"""Ruled tables on a scanned page: cell rectangles from the ruling lines in the page image.

The page is first turned straight (a scan is rarely square: the turn that lines its ink up with
pixel rows), then long dark runs give the horizontal and vertical rulings. The rulings cut the
table into a lattice; neighbouring lattice cells with no ruling between them are one merged
cell. The cell rectangles, in PDF points, go to the same table builder as a born-digital page,
with the words of a second OCR reading of the straightened page as their text.
"""

from __future__ import annotations

import io
from typing import Any

MIN_LINE_SHARE = 0.08  # of the page side: a shorter dark run is not a ruling
RUN_WINDOW = 0.02  # of the page side: the window a run must fill (tolerates speckle)
DARK = 140  # grey level below which a pixel is ink
EDGE_GAP = 6  # pixels: rows or columns of ruling this close are one line
PRESENT_SHARE = 0.6  # share of a lattice side a ruling must cover to separate two cells
MAX_SKEW_DEGREES = 3.0
SKEW_STEP = 0.1  # degrees
RULING_MARGIN = 2  # pixels painted white on each side of a ruling


def skew_of(image: Any) -> float:
    """The page's skew in degrees: the turn that makes its ink rows sharpest (rulings and
    text lines line up with pixel rows), tried in steps on a quarter-size copy."""
    import numpy as np

    small = image.resize((max(1, image.width // 4), max(1, image.height // 4)))
    best, best_score = 0.0, -1.0
    steps = int(MAX_SKEW_DEGREES / SKEW_STEP)
    for step in range(-steps, steps + 1):
        angle = step * SKEW_STEP
        profile = (np.asarray(small.rotate(angle, fillcolor=255)) < DARK).sum(axis=1).astype(np.float64)
        score = float((profile**2).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def _runs(mask: Any, window: int) -> Any:
    """Positions inside a run of ink at least ``window`` long along axis 1 (speckle tolerated)."""
    import numpy as np

    sums = np.cumsum(mask, axis=1, dtype=np.int32)
    filled = sums[:, window:] - sums[:, :-window] >= window - 2
    return filled


def _lines(profile: Any, least: int) -> list[tuple[int, int]]:
    """Bands of consecutive indexes whose profile reaches ``least``: (first, last)."""
    bands: list[tuple[int, int]] = []
    for index in [i for i, v in enumerate(profile) if v >= least]:
        if bands and index - bands[-1][1] <= EDGE_GAP:
            bands[-1] = (bands[-1][0], index)
        else:
            bands.append((index, index))
    return bands


def page_cells(png: bytes, dpi: int) -> tuple[list[tuple[float, float, float, float]], bytes | None]:
    """Cell rectangles (points, on the page turned straight) of the ruled table(s) on a scanned
    page, and that straight page with its rulings painted out (PNG) for a second, cleaner OCR
    pass; ([], None) when the page has no ruling."""
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    angle = skew_of(image)
    if angle:
        image = image.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
    pixels = np.asarray(image)
    ink = pixels < DARK
    height, width = ink.shape
    horizontal = _runs(ink, max(8, int(RUN_WINDOW * width)))
    vertical = _runs(ink.T, max(8, int(RUN_WINDOW * height)))
    rows = _lines(horizontal.sum(axis=1), int(MIN_LINE_SHARE * width))
    cols = _lines(vertical.sum(axis=1), int(MIN_LINE_SHARE * height))
    if len(rows) < 2 or len(cols) < 2:
        return [], None
    ys = [(a + b) / 2 for a, b in rows]
    xs = [(a + b) / 2 for a, b in cols]
    cells = _lattice_cells(horizontal, vertical, rows, cols, xs, ys)
    if not cells:
        return [], None
    # Rulings read as "|", "_" or glued to letters spoil the text: paint them white.
    cleaned = pixels.copy()
    for a, b in rows:
        cleaned[max(0, a - RULING_MARGIN) : b + RULING_MARGIN + 1, _covered_span(horizontal[a : b + 1], width)] = 255
    for a, b in cols:
        cleaned[_covered_span(vertical[a : b + 1], height), max(0, a - RULING_MARGIN) : b + RULING_MARGIN + 1] = 255
    buffer = io.BytesIO()
    Image.fromarray(cleaned).save(buffer, format="PNG")
    scale = dpi / 72.0
    return [(x0 / scale, y0 / scale, x1 / scale, y1 / scale) for x0, y0, x1, y1 in cells], buffer.getvalue()


def _covered_span(runs: Any, length: int) -> Any:
    """Positions along a ruling's band that its long ink runs cover (a boolean mask)."""
    import numpy as np

    window = length - runs.shape[1]
    starts = runs.any(axis=0)
    covered = np.zeros(length, dtype=bool)
    for offset in range(window):
        covered[offset : offset + starts.size] |= starts
    return covered


def _covered(run_mask: Any, band: tuple[int, int], start: float, end: float) -> bool:
    """Does a ruling in ``band`` (rows of ``run_mask``) cover most of [start, end)?"""
    lo, hi = int(start), int(end)
    if hi <= lo:
        return False
    segment = run_mask[band[0] : band[1] + 1, lo:hi].any(axis=0)
    return bool(segment.mean() >= PRESENT_SHARE)


def _lattice_cells(horizontal: Any, vertical: Any, rows: list, cols: list, xs: list[float], ys: list[float]) -> list[tuple[float, float, float, float]]:
    """Lattice cells merged where no ruling separates them, as pixel rectangles."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(p: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        parent[find(a)] = find(b)

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # A lattice cell with no ruling on any side lies outside every table.
    for r in range(n_rows):
        for c in range(n_cols):
            find((r, c))
            if c + 1 < n_cols and not _covered(vertical, cols[c + 1], ys[r], ys[r + 1]):
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not _covered(horizontal, rows[r + 1], xs[c], xs[c + 1]):
                union((r, c), (r + 1, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find((r, c)), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members) + 1
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members) + 1
        if len(members) != (r1 - r0) * (c1 - c0):
            continue  # not a rectangle: open space around a table, not a cell
        if not _covered(horizontal, rows[r0], xs[c0], xs[c1]) or not _covered(vertical, cols[c0], ys[r0], ys[r1]):
            continue
        cells.append((xs[c0], ys[r0], xs[c1], ys[r1]))
    return cells


