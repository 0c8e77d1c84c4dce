"""Time and peak memory of `merit` on each hostile input of `merit_lib.synth.hostile` (issue 25, item 4).

Each case is built in a temporary folder from a small synthetic extract and run as its own process under
`/usr/bin/time -v` (wall clock, maximum resident set size), stopped after `--timeout` seconds or past `--max-mb`.
Printed: the case, the input's size on disk, the exit status (or "stopped"), seconds, peak MB, the last stderr line.

Run: .venv/bin/python benchmarks/hostile_inputs.py [--timeout 150] [--max-mb 4000] [--case stray_cell zip_bomb anchor_bomb wide_header]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from merit_lib.synth import synthesize
from merit_lib.synth.hostile import anchor_bomb_roles, stray_cell_workbook, wide_header_csv, zip_bomb_workbook

MERIT = [sys.executable, "-m", "merit_lib.cli"]


def _cases(root: Path) -> dict[str, Callable[[], tuple[list[str], Path]]]:
    """Each case: a function that builds its input and returns the command line and the hostile file."""
    data = synthesize(n=300, seed=23).write(root / "data")

    def stray() -> tuple[list[str], Path]:
        out = stray_cell_workbook(data, root / "stray")
        return ["validate", str(out)], out / "pegawai.xlsx"

    def bomb() -> tuple[list[str], Path]:
        out = zip_bomb_workbook(data, root / "bomb")
        return ["validate", str(out)], out / "pegawai.xlsx"

    def anchors() -> tuple[list[str], Path]:
        roles = anchor_bomb_roles(root / "roles.yaml")
        return ["audit", "--flat", str(data / "pegawai.csv"), "--roles", str(roles), "--out", str(root / "a")], roles

    def wide() -> tuple[list[str], Path]:
        out = wide_header_csv(data, root / "wide")
        return ["validate", str(out)], out / "pegawai.csv"

    return {"stray_cell": stray, "zip_bomb": bomb, "anchor_bomb": anchors, "wide_header": wide}


def _peak_mb(pid: int) -> float:
    """The process's peak resident set so far (VmHWM), in MB; 0 once it is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    m = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(m.group(1)) / 1024 if m else 0.0


def measure(argv: list[str], timeout: float, max_mb: float) -> tuple[str, float, float, str]:
    """(exit status or "stopped", seconds, peak MB, last stderr line) of one `merit` run, stopped after `timeout` s
    or once its resident set passes `max_mb` (the machine is shared).

    The peak is read from /proc while the process runs (every 0.2 s) and, at its end, from `/usr/bin/time -v`."""
    proc = subprocess.Popen(["/usr/bin/time", "-v", *MERIT, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    t0, peak, stopped = time.perf_counter(), 0.0, False
    child = None
    while proc.poll() is None:
        if child is None:
            kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
            ids = kids.read_text().split() if kids.exists() else []
            child = int(ids[0]) if ids else None
        if child is not None:
            peak = max(peak, _peak_mb(child))
        if time.perf_counter() - t0 > timeout or peak > max_mb:
            stopped = True
            if child is not None:
                os.kill(child, signal.SIGKILL)
            proc.wait()
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    if rss:
        peak = max(peak, int(rss.group(1)) / 1024)
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith(("\t", "Command"))]
    status = "stopped" if stopped else str(proc.returncode)
    return status, seconds, peak, (lines or [""])[-1][:160]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=150)
    ap.add_argument("--max-mb", type=float, default=4000, help="stop a run whose resident set passes this")
    ap.add_argument("--case", nargs="+", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="merit-hostile-") as tmp:
        cases = _cases(Path(tmp))
        for name in args.case or list(cases):
            argv, file = cases[name]()
            status, seconds, mb, last = measure(argv, args.timeout, args.max_mb)
            print(f"{name:12s} {file.stat().st_size / 1e6:7.2f} MB on disk  exit {status:7s} {seconds:7.1f} s "
                  f"{mb:8.0f} MB peak  | {last}", flush=True)


if __name__ == "__main__":
    main()
