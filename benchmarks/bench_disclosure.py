"""Disclosure control measured (issue 25): the share of published count cells hidden, and what an attacker recovers.

On one extract (default: `merit synth` defaults), the tables of two consecutive periods (2025Q4, then 2026Q1 beside
it) are computed by the code in `--src` (default: this checkout; pass an exported `main` to measure before a change).
Then, from what was published:
- cells: every value of a count column of the door's tables (findings, compliance, bypassed_by_level, the grids
  talent_box/readiness/promotions/checks, merit_gaps); hidden = empty. A findings block left out whole is not counted.
- the attacker (tests/attacker.py, integer programming over every published CSV and the run facts) on 2026Q1 alone,
  on 2026Q1 believing the old reason words («sel < 5» = 1–4, «total < 5» = 0) where a folder still has them, and on
  both folders together; it prints the cells it pins to 1–4.

Usage: python benchmarks/bench_disclosure.py [--src DIR] [--extract DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
PERIODS = ("2025Q4", "2026Q1")
#: count cells issue 21 added (who has merit scores; merit_gaps.csv): left out of a second share, to compare with a
#: checkout from before them
NEWER = ("n_merit_group", "promoted_merit_group", "n_merit_reference", "promoted_merit_reference", "merit_gaps")


def compute(src: Path, data: Path, reports: Path, period: str) -> tuple[float, str]:
    """The period's tables by the code in `src` (a subprocess started in `src`, which comes first on its path), its
    seconds and the merit_lib it ran."""
    code = ("import merit_lib; print(merit_lib.__file__); from merit_lib.report.pipeline import compute; "
            f"compute({str(data)!r}, {period!r}, {str(reports / period / 'tables')!r}, "
            f"history_dir={str(reports)!r})")
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True, cwd=src)
    (reports / period / "manifest.json").write_text("{}")       # a folder `report.linked.beside` reads
    return time.perf_counter() - t0, run.stdout.splitlines()[0]


def count_columns() -> dict[str, list[str]]:
    from merit_lib.report import privacy as P

    findings = [c for fam in P.FINDINGS for cell in (fam.group, fam.reference) for c in (cell.count, cell.events) if c]
    return {"findings": findings, "compliance": [s.count for s in P.COMPLIANCE] + ["n_kandidat", "n_bypassed"],
            "bypassed_by_level": list(P.BY_LEVEL_COUNTS), "merit_gaps": ["n_group", "n_reference"],
            **{g: ["n"] for g in P.GRIDS}}


def hidden_share(folder: Path, skip: tuple[str, ...] = ()) -> tuple[int, int, dict[str, str]]:
    """Hidden and all count cells of the door's tables in `folder` (leaving out the columns and tables in `skip`)."""
    shown = hidden = 0
    per: dict[str, str] = {}
    for name, cols in count_columns().items():
        path = folder / "tables" / f"{name}.csv"
        if not path.is_file() or name in skip:
            continue
        t = pd.read_csv(path)
        cols = [c for c in cols if c in t and c not in skip]
        h, n = int(t[cols].isna().sum().sum()), int(t[cols].size)
        per[name] = f"{h}/{n}"
        hidden, shown = hidden + h, shown + n
    return hidden, shown, per


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", type=Path, default=ROOT, help="the code to measure (a checkout or `git archive` of it)")
    ap.add_argument("--extract", type=Path, help="an extract folder (default: `merit synth` defaults)")
    ap.add_argument("--keep", type=Path, help="write the period folders here (default: a temporary folder)")
    args = ap.parse_args()
    from attacker import attack

    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        data = args.extract
        if data is None:
            from merit_lib.synth import synthesize

            data = synthesize().write(base / "data")
        reports = base / "reports"
        for period in PERIODS:
            secs, used = compute(args.src.resolve(), data, reports, period)
            print(f"{period}: tables computed in {secs:.0f} s by {used}")
        now = reports / PERIODS[-1]
        h, n, per = hidden_share(now)
        print(f"count cells hidden in {PERIODS[-1]}: {h} of {n} ({h / n:.1%}); per table {per}")
        h, n, _ = hidden_share(now, skip=NEWER)
        print(f"  without {', '.join(NEWER)} (columns main lacked before issue 21): {h} of {n} ({h / n:.1%})")
        for label, folders, reasons in ((f"{PERIODS[-1]} alone", [now], False),
                                        (f"{PERIODS[-1]} alone, reason words believed", [now], True),
                                        (f"{' + '.join(PERIODS)}", [reports / p for p in PERIODS], False)):
            t0 = time.perf_counter()
            model, found = attack(folders, reasons=reasons)
            exact = sum(lo == hi for _, lo, hi in found)
            print(f"attacker, {label}: {len(found)} cells pinned to 1–4 ({exact} exactly), {len(model.index)} unknowns, "
                  f"{len(model.problems)} problems, {time.perf_counter() - t0:.0f} s")
            for t, lo, hi in found[:5]:
                print(f"    {' '.join(map(str, t.name))}: [{lo:g}, {hi:g}]")


if __name__ == "__main__":
    main()
