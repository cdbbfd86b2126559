"""Automatic garbage collection paused while one document is extracted.

Extraction builds hundreds of thousands of small objects (markdown tokens, grid cells, rows,
records) and no reference cycles worth collecting mid-run; CPython's generational collector
nevertheless walks them again and again as they accumulate, which cost about half the time of
a large table (and grew faster than the table). Pausing it for the duration of one extraction
and restoring the caller's setting afterwards removes that cost; any cycle left behind is
collected by the next automatic pass once the collector runs again.

PDF and Word files are loaded with the collector running: their parsers do build cycles
(pages and their parent document), which a long file must not accumulate.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused(when: bool = True) -> Iterator[None]:
    """Disable automatic garbage collection inside the block (``when`` it is asked for and the
    collector was enabled); restore it after."""
    was_enabled = when and gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
