"""How long the test suite takes, as `make test` runs it, and which tests take longest.

Runs pytest on the whole suite (tests and the notebooks under nbval) with `--workers` parallel workers (0: one
process, as before pytest-xdist), and prints the wall time, the load average before and after (the machine may be
shared: a figure under load is not a quiet machine's) and the `--top` slowest setups and calls.

Run: .venv/bin/python benchmarks/bench_suite.py [--workers auto] [--top 30] [-m "not slow and not browser"]
A whole run takes minutes (the issue's target: `make test` within 5 minutes on a quiet 2-core machine).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", default="auto", help="pytest-xdist workers (0: one process)")
    ap.add_argument("--top", type=int, default=30, help="how many of the slowest setups and calls to print")
    ap.add_argument("-m", dest="marks", default=None, help="a marker expression (default: every tier, as make test)")
    args = ap.parse_args()

    cmd = [sys.executable, "-m", "pytest", "tests", "--nbval-lax", "notebooks", "-p", "no:cacheprovider", "-q",
           f"--durations={args.top}"]
    if args.workers != "0":
        cmd += ["-n", args.workers, "--dist", "loadfile"]
    if args.marks:
        cmd += ["-m", args.marks]
    before = os.getloadavg()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.getloadavg()
    lines = done.stdout.splitlines()
    slow = [ln for ln in lines if re.match(r"^\s*\d+\.\d+s (setup|call|teardown) ", ln)]
    outcome = next((ln for ln in reversed(lines) if re.search(r"\d+ (passed|failed)", ln)), "(no summary line)")
    print(f"workers {args.workers}, cores {os.cpu_count()}; load average before {before[0]:.2f} {before[1]:.2f}, "
          f"after {after[0]:.2f} {after[1]:.2f}")
    print(f"wall time {wall:.0f} s ({wall / 60:.1f} min): {outcome.strip('= ')}")
    print(f"the {len(slow)} slowest:")
    for ln in slow:
        print("  " + ln.strip())
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
