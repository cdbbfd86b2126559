"""Fill-in blanks: the dotted spaces a form template leaves for the writer ("Đơn vị chủ trì:
………", "từ ngày … tháng … năm …"). A value holding one states nothing yet.
"""

from __future__ import annotations

from extract.pattern_cache import compile_cached

# A run of four dots or underscores, an ellipsis run together with more dots, or three ellipses a
# few characters apart (a date to fill in). One ellipsis closing a list ("Sở Y tế, Sở Tài chính, …")
# is no blank.
_BLANK = compile_cached(r"[._]{4,}|…[.…_]+|[._]+…|…(?:[^…]{0,12}…){2}")


def has_fill_in(text: str) -> bool:
    """Whether ``text`` holds a form's fill-in blank."""
    return ("…" in text or "..." in text or "__" in text) and _BLANK.search(text) is not None


__all__ = ["has_fill_in"]
