"""One self-contained HTML page: the status summary and the responsibility matrix.

No scripts, fonts or links to fetch: the page opens the same offline, in a mail attachment or
on an intranet. The matrix has tasks in rows, grouped by document and task group, agencies in
columns, and cells reading lead / cooperate in the labels' language; overdue rows are marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.checklist import Item

STYLE = """
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:1.5rem;color:#1b1b1b}
table{border-collapse:collapse;margin:0 0 1.5rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;vertical-align:top;font-size:.9rem}
thead th{background:#ddebf7;position:sticky;top:0}
th.agency{writing-mode:vertical-rl;transform:rotate(180deg);height:13rem;white-space:normal;font-weight:normal;text-align:left}
td.task{min-width:22rem}
tbody th{text-align:left;font-weight:normal}
td.lead{background:#c6e0b4;font-weight:bold;text-align:center}
td.cooperate{background:#fff2cc;text-align:center}
tr.group th{background:#f2f2f2;text-align:left}
tr.document th{background:#d9d9d9;text-align:left;font-size:1rem}
tr.overdue td.task{background:#ffc7ce}
td.num{text-align:right}
code{font-size:.8rem}
"""
SUMMARY_KEYS = ("total", "completed", "in_progress", "on_time", "overdue", "cancelled", "blocked")


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def write_html(items: Sequence[Item], out: IO[str], words: dict[str, dict[str, str]], *, title: str,
               summary: Sequence[dict[str, Any]] = (), today: date | None = None) -> None:
    """Write the page: heading, summary table (``Summary.to_dict()`` rows), then the matrix."""
    w = words["words"]
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>", f"<h1>{_e(title)}</h1>",
    ]
    if today:
        parts.append(f"<p>{_e(w['as_of'])} {today.strftime('%d/%m/%Y')}</p>")
    if summary:
        parts.append(f"<h2>{_e(w['summary'])}</h2>")
        parts.append('<table id="summary"><thead><tr><th></th>'
                     + "".join(f"<th>{_e(words['categories'][k])}</th>" for k in SUMMARY_KEYS) + "</tr></thead><tbody>")
        for row in summary:
            parts.append(f"<tr><th>{_e(row['name'])}</th>"
                         + "".join(f'<td class="num" data-key="{k}">{row[k]}</td>' for k in SUMMARY_KEYS) + "</tr>")
        parts.append("</tbody></table>")
    parts.extend(_matrix(items, words))
    parts.append("</body></html>")
    out.write("\n".join(parts) + "\n")


def _matrix(items: Sequence[Item], words: dict[str, dict[str, str]]) -> list[str]:
    from store.names import sort_key

    columns, roles = words["columns"], words["roles"]
    agencies = sorted({i.agency for i in items}, key=sort_key)
    tasks: dict[str | None, dict[str, Any]] = {}
    for item in items:
        entry = tasks.setdefault(item.id, {"item": item, "roles": {}})
        if entry["roles"].get(item.agency) != "lead":
            entry["roles"][item.agency] = item.role
    ordered = sorted(tasks.values(), key=lambda e: (e["item"].document, _natural(e["item"].key)))
    head = [columns["tt"], columns["id"], columns["task"], columns["due"], columns["status"]]
    out = [f"<h2>{_e(words['words']['matrix'])}</h2>", '<table id="matrix"><thead><tr>']
    out.append("".join(f"<th>{_e(h)}</th>" for h in head)
               + "".join(f'<th class="agency">{_e(a)}</th>' for a in agencies) + "</tr></thead><tbody>")
    width = len(head) + len(agencies)
    document = group = None
    for entry in ordered:
        item = entry["item"]
        if item.document != document:
            document, group = item.document, None
            out.append(f'<tr class="document"><th colspan="{width}">{_e(document)}</th></tr>')
        if item.group and item.group != group:
            group = item.group
            out.append(f'<tr class="group"><th colspan="{width}">{_e(group)}</th></tr>')
        status = words["statuses"].get(item.status, item.status)
        due = item.due.strftime("%d/%m/%Y") if item.due else ""
        cells = [f"<td>{_e(item.key)}</td>", f"<td><code>{_e(item.id)}</code></td>",
                 f'<td class="task">{_e(item.task)}</td>', f"<td>{due}</td>", f"<td>{_e(status)}</td>"]
        for agency in agencies:
            role = entry["roles"].get(agency)
            cells.append(f'<td class="{role}">{_e(roles[role].capitalize())}</td>' if role else "<td></td>")
        css = ' class="overdue"' if item.overdue else ""
        out.append(f'<tr{css} data-id="{_e(item.id)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def _natural(key: str) -> Any:
    from store.queries import _natural as natural

    return natural(key)
