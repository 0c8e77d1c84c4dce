"""ringkasan.xlsx: the period's tables for an Excel user, one sheet each, readable headers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.analysis.stats import MIN_CELL, SUPPRESSED
from merit_lib.data.sink import write_excel
from merit_lib.domain.text import column

#: per sheet: the count column that decides suppression, and the columns it hides
SUPPRESS = {
    "findings": ("n_group", ["n_group", "promoted_group", "rate_group", "impact_ratio", "shortfall", "adjusted_odds_ratio",
                             "aor_ci_low", "aor_ci_high"]),
    "compliance": ("n_promosi", ["n_promosi", "share_promosi_talent_pool", "share_promosi_eligible"]),
}


def readable(table: pd.DataFrame, name: str, lang: str = "id") -> pd.DataFrame:
    """Suppress cells of fewer than MIN_CELL persons (shown as "< 5") and give columns readable headers."""
    t = table.copy()
    if name in SUPPRESS:
        count, cols = SUPPRESS[name]
        small = t[count].between(1, MIN_CELL - 1) if name == "compliance" else t[count] < MIN_CELL
        for c in cols:
            if c in t:
                t[c] = t[c].astype(object)
                t.loc[small.to_numpy(), c] = SUPPRESSED
    return t.rename(columns=lambda c: column(c, lang))


def write_workbook(tables_dir: Path, target: Path, lang: str = "id") -> Path:
    """ringkasan.xlsx: one sheet per DESIGN §5 table, readable headers, small cells suppressed."""
    from merit_lib.report.pipeline import TABLES

    sheets = {name: readable(pd.read_csv(tables_dir / f"{name}.csv", dtype={"opd_kode": str, "scope": str}), name, lang)
              for name in TABLES}
    return write_excel({n: t.replace({np.nan: None}) for n, t in sheets.items()}, target, style=_style)


def _style(ws: object, table: pd.DataFrame) -> None:
    """Column widths from the content, header row frozen."""
    for col in ws.columns:  # type: ignore[attr-defined]
        width = max(len(str(c.value or "")) for c in list(col)[:200])
        ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)  # type: ignore[attr-defined]
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
