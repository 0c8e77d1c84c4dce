"""How long the test suite takes, run as `make test` (or `make test-slow`, `make test-all`) runs it, and what is slowest.

Runs the Makefile's target with `--workers` parallel workers (0: one process) and pytest's `--durations` added
(PYTEST_ADDOPTS), and prints the wall time, the CPU time of everything it started (user and system: on a shared
machine the wall time rises with the load, the CPU time much less), the load average before and after (a figure under
load is not a quiet machine's), how long a fixed piece of pandas work takes before and after (this machine's speed at
the time: on a shared host the same work has taken 0.32–0.56 s of CPU within one run, and the suite's time moves with
it), the outcome line and the `--top` slowest setups and calls.

Run: .venv/bin/python benchmarks/bench_suite.py [--target test|test-slow|test-all] [--workers auto] [--top 30]
A run takes minutes (the issue's target: `make test` within 5 minutes on a quiet 2-core machine).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("test", "test-slow", "test-all")


CALIBRATION = """
import time
import numpy as np, pandas as pd
rng = np.random.default_rng(0)
t = time.process_time()
for _ in range(40):
    f = pd.DataFrame({"g": rng.integers(0, 50, 20000).astype(str), "x": rng.normal(size=20000)})
    f.groupby("g")["x"].agg(["mean", "std", "size"]).merge(f.groupby("g").size().rename("n"), on="g")
print(time.process_time() - t)
"""


def calibrate() -> float:
    """CPU seconds of a fixed piece of pandas work in a fresh process: the machine's speed now."""
    done = subprocess.run([sys.executable, "-c", CALIBRATION], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", default="test", choices=TARGETS, help="the Makefile target to time (default: test)")
    ap.add_argument("--workers", default="auto", help="pytest-xdist workers (0: one process)")
    ap.add_argument("--top", type=int, default=30, help="how many of the slowest setups and calls to print")
    args = ap.parse_args()

    env = {**os.environ, "PYTEST_ADDOPTS": f"{os.environ.get('PYTEST_ADDOPTS', '')} --durations={args.top}".strip()}
    cmd = ["make", "--no-print-directory", args.target, f"WORKERS={args.workers}"]
    speed = calibrate()
    before, usage = os.getloadavg(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after, used = os.getloadavg(), resource.getrusage(resource.RUSAGE_CHILDREN)
    speed_after = calibrate()
    user, system = used.ru_utime - usage.ru_utime, used.ru_stime - usage.ru_stime
    lines = done.stdout.splitlines()
    slow = sorted((ln.strip() for ln in lines if re.match(r"^\s*\d+\.\d+s (setup|call|teardown) ", ln)),
                  key=lambda ln: -float(ln.split("s ", 1)[0]))[: args.top]
    outcomes = [ln.strip("= ") for ln in lines if re.search(r"\d+ (passed|failed|error)", ln) and " in " in ln]
    print(f"make {args.target}: workers {args.workers}, cores {os.cpu_count()}; load average before {before[0]:.2f} "
          f"{before[1]:.2f} {before[2]:.2f}, after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}")
    print(f"machine speed: a fixed piece of pandas work took {speed:.2f} s of CPU before, {speed_after:.2f} s after")
    print(f"wall {wall:.0f} s ({wall / 60:.1f} min); CPU user {user:.0f} s ({user / 60:.1f} min), system {system:.0f} s; "
          f"exit {done.returncode}")
    for outcome in outcomes or ["(no summary line)"]:
        print(f"  {outcome}")
    print(f"the {len(slow)} slowest:")
    for ln in slow:
        print("  " + ln)
    if done.returncode:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
