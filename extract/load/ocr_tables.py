"""Scanned pages made ready for OCR: specks removed, ruled tables found, cells read one by one.

A scan is rarely square: the page is turned straight first (the turn that lines its ink up
with pixel rows) when it holds a ruled table. Long dark runs give the horizontal and vertical
rulings; they cut the table into a lattice, and neighbouring lattice cells with no ruling
between them are one merged cell. The rulings are painted out, and each cell's inside is
copied into a *cell sheet*: the cells stacked one under the other with white space between, so
the engine reads every cell as its own short block of lines (a lone "1" in a number column is
not lost in the page's layout analysis, and a line never runs on into the next cell). The text
around the tables is read from the page with the tables painted out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

MIN_LINE_SHARE = 0.08  # of the page side: a shorter dark run is not a ruling
RUN_WINDOW = 0.02  # of the page side: the window a run must fill (tolerates speckle)
DARK = 140  # grey level below which a pixel is ink
PAPER_GRAIN = 10  # grey levels: the paper's grain around its median, made white by levelling
INK_SHARE = 0.5  # percent of the darkest pixels taken as the ink's grey
RULING_CONTRAST = 0.25  # share of the way from paper grey to ink grey a ruling's pixel must go
EDGE_GAP = 6  # pixels: rows or columns of ruling this close are one line
PRESENT_SHARE = 0.85  # share of a lattice side a ruling must cover, unbroken, to separate two cells
RUN_GAP = 3  # pixels: a break this short in a ruling is noise, not an end
MAX_SKEW_DEGREES = 3.0
SKEW_STEP = 0.1  # degrees, on a quarter-size copy; then refined
FINE_STEP = 0.02  # degrees, on a half-size copy, within one coarse step
RULING_MARGIN = 3  # pixels painted white on each side of a ruling
RULING_SLACK = 4  # pixels a ruling may stray from its band (what turning straight left of the skew)
CELL_INSET = 1  # pixels kept off a cell's top and bottom rulings when its inside is copied
CELL_SIDE_INSET = 1  # pixels kept off its side rulings (text keeps the cell's padding off them)
SHEET_GAP = 0.3  # inches of white space between two cells on the cell sheet (less, and a lone number may be read into the cell after it)
SHEET_MARGIN = 0.1  # inches of white space around the cell sheet
MIN_CELL_INK = 12  # dark pixels: a cell with less ink is empty
RULING_DRIFT = 1  # pixels a thin ruling may wander sideways along its length and still count as one

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class ScannedPage:
    """A page ready for OCR (all images PNG bytes, all boxes in PDF points).

    ``page``: the page with its tables painted out (or the whole page when it has none);
    ``cells``: the table cells on the page turned straight; ``sheet``: the cells' insides
    stacked for reading; ``placements``: for each cell on the sheet, its sheet top and bottom
    and the shift (dx, dy) that takes a point of the sheet back onto the page.
    """

    page: bytes
    cells: list[Box] = field(default_factory=list)
    sheet: bytes | None = None
    placements: list[tuple[float, float, float, float]] = field(default_factory=list)


def levelled(pixels: Any) -> Any:
    """The page with its paper made white and its ink black: the grey levels stretched from
    the ink's (the darkest ``INK_SHARE`` percent) to the paper's (the median, less its grain).

    A scanner returns grey paper and grey, blurred ink; read as they are, short lone tokens
    (a "1." or "7." alone in a number cell) come out as noise ("%.", "3y"), while the same
    page levelled reads them. A page already white with black ink is left as it is.
    """
    import numpy as np

    paper = float(np.median(pixels)) - PAPER_GRAIN
    ink = float(np.percentile(pixels, INK_SHARE))
    if paper - ink < 2 * PAPER_GRAIN:
        return pixels  # no paper to tell from ink: a dark or empty page
    stretched = (pixels.astype(np.float32) - ink) * (255.0 / (paper - ink))
    return np.clip(stretched, 0, 255).astype(np.uint8)


def despeckle(pixels: Any) -> Any:
    """The page with lone dark pixels made white and lone light pixels inside ink made dark
    (scanner specks: they read as accents, dots and commas)."""
    import numpy as np

    ink = pixels < DARK
    padded = np.pad(ink, 1).astype(np.uint8)
    height, width = ink.shape
    around = sum(
        padded[1 + dy : 1 + dy + height, 1 + dx : 1 + dx + width]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
        if dy or dx
    )
    cleaned = pixels.copy()
    cleaned[ink & (around == 0)] = 255
    cleaned[~ink & (around == 8)] = 0
    return cleaned


def skew_of(image: Any) -> float:
    """The page's skew in degrees: the turn that makes its ink rows sharpest (rulings and
    text lines line up with pixel rows), tried in coarse steps on a quarter-size copy, then
    in fine steps on a half-size one (a ruling left 0.05 degrees off strays 2 pixels a page)."""
    coarse = _sharpest(image, 4, [step * SKEW_STEP for step in range(-int(MAX_SKEW_DEGREES / SKEW_STEP), int(MAX_SKEW_DEGREES / SKEW_STEP) + 1)])
    fine = int(SKEW_STEP / FINE_STEP)
    return round(_sharpest(image, 2, [coarse + step * FINE_STEP for step in range(-fine, fine + 1)]), 3)


def _sharpest(image: Any, shrink: int, angles: list[float]) -> float:
    import numpy as np

    small = image.resize((max(1, image.width // shrink), max(1, image.height // shrink)))
    best, best_score = 0.0, -1.0
    for angle in angles:
        profile = (np.asarray(small.rotate(angle, fillcolor=255)) < DARK).sum(axis=1).astype(np.float64)
        score = float((profile**2).sum())
        if score > best_score or (score == best_score and abs(angle) < abs(best)):
            best, best_score = angle, score
    return best


def ruling_threshold(pixels: Any) -> float:
    """The grey level below which a pixel may belong to a ruling: ``RULING_CONTRAST`` of the
    way from the page's paper (its median grey) to its ink (its darkest half percent).

    A hairline ruling that the scanner's optics blurred, on grey paper, comes out lighter than
    text strokes (grey 120-160 where letters are 40): at the text's threshold it breaks into
    dashes and the table is lost. Rulings are found as long runs, which text never makes, so
    the lighter threshold adds no false ruling.
    """
    import numpy as np

    paper = float(np.median(pixels))
    ink = float(np.percentile(pixels, 0.5))
    return max(float(DARK), paper - RULING_CONTRAST * (paper - ink))


def _runs(mask: Any, window: int) -> Any:
    """Starts of ink runs at least ``window`` long along axis 1 (speckle tolerated)."""
    import numpy as np

    sums = np.cumsum(mask, axis=1, dtype=np.int32)
    return sums[:, window:] - sums[:, :-window] >= window - 2


def _lines(profile: Any, least: int) -> list[tuple[int, int]]:
    """Bands of consecutive indexes whose profile reaches ``least``: (first, last)."""
    bands: list[tuple[int, int]] = []
    for index in [i for i, v in enumerate(profile) if v >= least]:
        if bands and index - bands[-1][1] <= EDGE_GAP:
            bands[-1] = (bands[-1][0], index)
        else:
            bands.append((index, index))
    return bands


def _png(pixels: Any) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def scan_page(png: bytes, dpi: int) -> ScannedPage:
    """A rasterised page made ready for OCR: despeckled and, when it holds a ruled table,
    turned straight, its rulings painted out and its cells, levelled, copied to a cell sheet
    (a cell's lone short tokens need the levelling; the page's running text reads as well or
    better without it)."""
    import numpy as np
    from PIL import Image

    pixels = despeckle(np.asarray(Image.open(io.BytesIO(png)).convert("L")))
    image = Image.fromarray(pixels)
    angle = skew_of(image)
    straight = np.asarray(image.rotate(angle, resample=Image.BILINEAR, fillcolor=255)) if angle else pixels
    found = _table_cells(straight < ruling_threshold(straight))
    if found is None:
        return ScannedPage(_png(pixels))
    cells, (horizontal, vertical, rows, cols) = found
    cleaned = straight.copy()
    for a, b in rows:
        _paint_ruling(cleaned, horizontal, a, b)
    for a, b in cols:
        _paint_ruling(cleaned.T, vertical, a, b)
    sheet, placements = _cell_sheet(levelled(cleaned), [inside for _, inside in cells], dpi)
    around = cleaned.copy()
    for _, (x0, y0, x1, y1) in cells:
        around[y0:y1, x0:x1] = 255
    scale = dpi / 72.0
    boxes = [(x0 / scale, y0 / scale, x1 / scale, y1 / scale) for (x0, y0, x1, y1), _ in cells]
    return ScannedPage(_png(around), boxes, sheet, placements)


def _cell_sheet(pixels: Any, insides: list[tuple[int, int, int, int]], dpi: int) -> tuple[bytes | None, list[tuple[float, float, float, float]]]:
    """The cells' insides stacked on one white sheet, and where each went (points)."""
    import numpy as np

    gap, margin = round(SHEET_GAP * dpi), round(SHEET_MARGIN * dpi)
    kept = [
        (x0, y0, x1, y1)
        for x0, y0, x1, y1 in insides
        if x1 > x0 and y1 > y0 and (pixels[y0:y1, x0:x1] < DARK).sum() >= MIN_CELL_INK
    ]
    if not kept:
        return None, []
    width = max(x1 - x0 for x0, _, x1, _ in kept) + 2 * margin
    height = sum(y1 - y0 for _, y0, _, y1 in kept) + gap * (len(kept) - 1) + 2 * margin
    sheet = np.full((height, width), 255, dtype=np.uint8)
    scale = dpi / 72.0
    placements = []
    top = margin
    for x0, y0, x1, y1 in kept:
        sheet[top : top + y1 - y0, margin : margin + x1 - x0] = pixels[y0:y1, x0:x1]
        placements.append((top / scale, (top + y1 - y0) / scale, (x0 - margin) / scale, (y0 - top) / scale))
        top += y1 - y0 + gap
    return _png(sheet), placements


def sheet_words_to_page(words: list[dict[str, Any]], placements: list[tuple[float, float, float, float]]) -> list[dict[str, Any]]:
    """Words read from a cell sheet moved back to their cells on the page; each keeps a line
    of its own cell (a sheet line never holds two cells)."""
    placed = []
    for word in words:
        middle = (word["top"] + word["bottom"]) / 2
        found = next(((i, p) for i, p in enumerate(placements) if p[0] - 1 <= middle <= p[1] + 1), None)
        if found is None:
            continue
        index, (_, _, dx, dy) = found
        line = word.get("ocr_line", ())
        placed.append(
            {**word, "x0": word["x0"] + dx, "x1": word["x1"] + dx, "top": word["top"] + dy, "bottom": word["bottom"] + dy,
             "ocr_line": ("cell", index, *line)}
        )
    return placed


def _table_cells(ink: Any) -> tuple[list[tuple[tuple[int, int, int, int], tuple[int, int, int, int]]], tuple] | None:
    """Cells of the ruled tables in an ink mask: (cell rectangle, its inside) in pixels, and
    the rulings found; None when there is no ruled table."""
    height, width = ink.shape
    horizontal = _runs(ink, max(8, int(RUN_WINDOW * width)))
    vertical = _runs(ink.T, max(8, int(RUN_WINDOW * height)))
    rows = [_narrowed(band) for band in _lines(_drifting_profile(horizontal), int(MIN_LINE_SHARE * width))]
    cols = [_narrowed(band) for band in _lines(_drifting_profile(vertical), int(MIN_LINE_SHARE * height))]
    if len(rows) < 2 or len(cols) < 2:
        return None
    cells = _lattice_cells(ink, rows, cols)
    return (cells, (horizontal, vertical, rows, cols)) if cells else None


def _drifting_profile(runs: Any) -> Any:
    """For each pixel row, how much of it long runs cover in it or the rows ``RULING_DRIFT``
    beside it.

    A one-pixel ruling left a fraction of a degree off straight (what turning the page
    straight leaves, or a wobbling scanner) runs half its length in one pixel row and half
    in the next: counted row by row, a short table's side ruling falls below the threshold
    in both and its last column is lost.
    """
    import numpy as np

    spread = runs.copy()
    for shift in range(1, RULING_DRIFT + 1):
        spread[shift:] |= runs[:-shift]
        spread[:-shift] |= runs[shift:]
    return np.asarray(spread.sum(axis=1))


def _narrowed(band: tuple[int, int]) -> tuple[int, int]:
    """A band found with drift, back to the rows the ruling itself takes (the drift widened it
    by ``RULING_DRIFT`` on each side; cells start where the ruling ends)."""
    first, last = band
    if last - first >= 2 * RULING_DRIFT:
        return first + RULING_DRIFT, last - RULING_DRIFT
    middle = (first + last) // 2
    return middle, middle


def _covered(runs: Any, length: int) -> Any:
    """Positions that the long ink runs cover, row by row (``runs`` marks where runs start)."""
    import numpy as np

    window = length - runs.shape[1]
    starts = np.zeros((runs.shape[0], length + 1), dtype=np.int32)
    starts[:, 1 : runs.shape[1] + 1] = runs
    sums = np.cumsum(starts, axis=1)
    # covered at i: a run starts somewhere in (i - window, i]
    ends = np.arange(1, length + 1)
    return sums[:, ends] - sums[:, np.maximum(ends - window, 0)] > 0


def _paint_ruling(pixels: Any, runs: Any, first: int, last: int) -> None:
    """Paint a ruling white (rows ``first``..``last`` of ``pixels``, where ``runs`` marks its
    long runs), with its grey fringe and the bits of it that strayed from the band; the
    letters beside it are no long runs and stay."""
    lo, hi = max(0, first - RULING_SLACK), min(pixels.shape[0], last + RULING_SLACK + 1)
    covered = _covered(runs[lo:hi], pixels.shape[1])
    for offset in range(-RULING_MARGIN, RULING_MARGIN + 1):
        top, bottom = max(0, lo + offset), min(pixels.shape[0], hi + offset)
        if bottom > top:
            region = pixels[top:bottom]
            region[covered[top - lo - offset : bottom - lo - offset]] = 255


def _solid(ink: Any, band: tuple[int, int], start: float, end: float) -> bool:
    """Does a ruling in ``band`` (rows of ``ink``) run unbroken over most of [start, end)?

    Unbroken, not merely inked: letters of a merged cell that cross a missing ruling's place
    ink much of it too, but never from one ruling to the next.
    """
    import numpy as np

    lo, hi = int(start), int(end)
    if hi <= lo:
        return False
    inked = np.flatnonzero(ink[max(0, band[0] - RULING_SLACK) : band[1] + RULING_SLACK + 1, lo:hi].any(axis=0))
    if not inked.size:
        return False
    breaks = np.flatnonzero(np.diff(inked) > RUN_GAP + 1)
    starts = np.concatenate(([inked[0]], inked[breaks + 1]))
    ends = np.concatenate((inked[breaks], [inked[-1]]))
    return bool((ends - starts + 1).max() >= PRESENT_SHARE * (hi - lo))


def _lattice_cells(ink: Any, rows: list[tuple[int, int]], cols: list[tuple[int, int]]) -> list[tuple[tuple[int, int, int, int], tuple[int, int, int, int]]]:
    """Lattice cells merged where no ruling separates them: (rectangle between ruling centres,
    inside between ruling edges), in pixels."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    ink_t = ink.T
    ys = [(a + b) / 2 for a, b in rows]
    xs = [(a + b) / 2 for a, b in cols]

    def find(p: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        parent[find(a)] = find(b)

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    for r in range(n_rows):
        for c in range(n_cols):
            find((r, c))
            if c + 1 < n_cols and not _solid(ink_t, cols[c + 1], ys[r], ys[r + 1]):
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not _solid(ink, rows[r + 1], xs[c], xs[c + 1]):
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
        # A lattice cell with no ruling on its top or left lies outside every table.
        if not _solid(ink, rows[r0], xs[c0], xs[c1]) or not _solid(ink_t, cols[c0], ys[r0], ys[r1]):
            continue
        box = (round(xs[c0]), round(ys[r0]), round(xs[c1]), round(ys[r1]))
        # Up to the rulings themselves (painted out): a last line's descenders and dots below
        # often reach down to the ruling ("hợp", "độ"), and a cut one reads as another letter.
        inside = (cols[c0][1] + CELL_SIDE_INSET, rows[r0][1] + CELL_INSET, cols[c1][0] - CELL_SIDE_INSET, rows[r1][0] - CELL_INSET)
        cells.append((box, inside))
    return cells
