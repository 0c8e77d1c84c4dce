"""An independent check of published breakdowns with ACRO (SACRO's output checker, `pip install acro`), run by the
interpreter of its own environment (`.venv/acro`: acro pins pandas < 3, the workbook runs on pandas 3).

Usage: acro_check.py IN.json OUT.json. IN holds tables, each {"name", "rows": [[row label, column label, n], …]}: the
persons of a breakdown, one (row, column) cell per entry. Each is expanded to one record per person and tabulated by
`acro.ACRO().crosstab` with the workbook's threshold (a cell of fewer than 5 persons is disclosive; an empty cell is
not: DESIGN §5 hides cells of 1–4). OUT gets, per table, the cells ACRO's checks flag (with its words) and its status.
"""

from __future__ import annotations

import json
import sys

import pandas as pd


def main(src: str, dst: str) -> None:
    from importlib.metadata import version

    import acro

    session = acro.ACRO(suppress=False)
    session.sdc_checks.risk_appetite["safe_threshold"] = 5
    session.sdc_checks.risk_appetite["zeros_are_disclosive"] = False
    out = {"acro_version": version("acro"), "threshold": 5, "tables": {}}
    for table in json.loads(open(src, encoding="utf-8").read())["tables"]:
        rows = pd.DataFrame(table["rows"], columns=["row", "col", "n"])
        rows = rows[rows["n"] > 0]
        records = rows.loc[rows.index.repeat(rows["n"].astype(int)), ["row", "col"]].reset_index(drop=True)
        session.crosstab(records["row"], records["col"])
        record = session.results.get_index(-1)
        outcome = record.outcome
        flagged = [[str(r), str(c), str(outcome.at[r, c]).strip()] for r in outcome.index for c in outcome.columns
                   if str(outcome.at[r, c]).strip() not in ("", "ok")]
        out["tables"][table["name"]] = {"status": record.status, "flagged": flagged, "summary": record.summary}
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
