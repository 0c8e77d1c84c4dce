"""The auditor's register at scale: recording a period, the findings as at a period, and the Excel round trip.

Run: .venv/bin/python benchmarks/bench_register.py [--findings 2000] [--periods 40] [--dir /tmp/merit_bench_register]
Prints, for a register of `--findings` candidate findings (a third seen in each period) over `--periods` quarters:
the time to record one period (and to record it again: nothing changes), to compute the findings as at the last period,
to export them to Excel and to import the sheet back with every row changed; and the register's size on disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--findings", type=int, default=2000)
    ap.add_argument("--periods", type=int, default=40)
    ap.add_argument("--dir", default="/tmp/merit_bench_register")
    args = ap.parse_args()
    import openpyxl

    from merit_lib.data.register import Observation, Register
    from merit_lib.domain.period import Period
    from merit_lib.report import temuan_xlsx as X

    root = Path(args.dir)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    rnd = random.Random(1)
    quarters = [Period(2016, 1)]
    while len(quarters) < args.periods:
        quarters.append(quarters[-1].next())
    reg = Register.open(root / "register.sqlite", create=True)
    timings = []
    for q in quarters:
        obs = [Observation("keadilan", f"OPD{i % 40}", "jenis_kelamin", f"G{i}", seen=rnd.random() < 1 / 3,
                           evidence={"flag": "disparity", "adjusted_odds_ratio": rnd.random(), "n_group": i})
               for i in range(args.findings)]
        t = time.perf_counter()
        with reg.writing("bench"):
            reg.record(str(q), obs, window=4, fingerprint=str(q))
        timings.append(time.perf_counter() - t)
    t = time.perf_counter()
    with reg.writing("bench"):
        again = reg.record(str(quarters[-1]), obs, window=4, fingerprint=str(quarters[-1]))
    same = time.perf_counter() - t
    t = time.perf_counter()
    f = reg.findings_as_at()
    as_at = time.perf_counter() - t
    sheet = root / "temuan.xlsx"
    t = time.perf_counter()
    n = X.export(reg, sheet, everything=True)
    exported = time.perf_counter() - t
    book = openpyxl.load_workbook(sheet)
    ws = book[X.SHEETS["findings"]["id"]]
    head = [c.value for c in ws[1]]
    status, deadline = head.index(X.header("follow_up")) + 1, head.index(X.header("deadline")) + 1
    for r in range(2, n + 2):
        ws.cell(row=r, column=status).value = "belum sesuai / dalam proses"
        ws.cell(row=r, column=deadline).value = dt.datetime.combine(dt.date.today() + dt.timedelta(days=90), dt.time())
    book.save(sheet)
    t = time.perf_counter()
    done = X.apply(reg, sheet, who="bench")
    imported = time.perf_counter() - t
    reg.close()
    size = (root / "register.sqlite").stat().st_size
    print(f"register: {args.findings:,} candidate findings × {args.periods} quarters; {len(f):,} findings seen, "
          f"{size / 2**20:.1f} MB on disk")
    print(f"record one quarter: median {sorted(timings)[len(timings) // 2] * 1000:.0f} ms, last {timings[-1] * 1000:.0f} ms;"
          f" the same quarter again: {same * 1000:.0f} ms (changed: {again.changed})")
    print(f"findings as at the last quarter: {as_at * 1000:.0f} ms")
    print(f"export {n:,} findings to Excel: {exported:.1f} s; import them back, each changed: {imported:.1f} s "
          f"({done.fields:,} values, {len(done.problems)} problems)")


if __name__ == "__main__":
    main()
