"""Task tables, format-free: grids in, task rows out (grid → header → column roles → rows).

Modules: ``header`` (where the header is, what each column means), ``columns`` (roles, stand-ins,
placing the cells of rows that lost their spans), ``numbering`` (printed hierarchy and keys),
``rows`` (groups, continuations, sub-rows), ``stitch`` (pieces cut by page breaks, repeats).
"""

from __future__ import annotations

from extract.tables.stitch import blocks_to_task_tables

__all__ = ["blocks_to_task_tables"]
