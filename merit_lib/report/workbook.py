"""ringkasan.xlsx: the period's tables for an Excel user, one sheet each, readable headers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from merit_lib.data.sink import write_excel
from merit_lib.domain.text import column
from merit_lib.report import privacy


def readable(table: pd.DataFrame, name: str, lang: str = "id") -> pd.DataFrame:
    """The published table (privacy.publish: hidden numbers empty, numeric columns numeric) with readable headers."""
    t = privacy.publish(name, table)
    return t.rename(columns=lambda c: privacy.REASON_HEADER[lang] if c == privacy.REASON else column(c, lang))


def write_workbook(tables_dir: Path, target: Path, lang: str = "id") -> Path:
    """ringkasan.xlsx: one sheet per DESIGN §5 table, readable headers, small cells and their complements empty."""
    from merit_lib.report.pipeline import TABLES

    sheets = {name: readable(pd.read_csv(tables_dir / f"{name}.csv", dtype={"opd_kode": str, "scope": str}), name, lang)
              for name in TABLES}
    return write_excel({n: _cells(t) for n, t in sheets.items()}, target, style=_style)


def _cells(table: pd.DataFrame) -> pd.DataFrame:
    """Missing values as empty cells (None), numbers left as numbers."""
    return table.astype(object).where(table.notna(), None)


def _style(ws: object, table: pd.DataFrame) -> None:
    """Column widths from the content, header row frozen."""
    for col in ws.columns:  # type: ignore[attr-defined]
        width = max(len(str(c.value or "")) for c in list(col)[:200])
        ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)  # type: ignore[attr-defined]
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
