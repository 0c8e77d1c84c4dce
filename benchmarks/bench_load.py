"""Load + validate a national-scale extract (1,000,000 pegawai, 1,000,000 profiling rows, ~2,000,000
kinerja rows) from Parquet and from CSV; prints wall time and peak memory of each load.

Run: .venv/bin/python benchmarks/bench_load.py [--n 1000000] [--dir /tmp/merit_bench_load]
Each load runs in a fresh process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import json, resource, sys, time
t = time.perf_counter()
from merit_lib import load_extract
e = load_extract(sys.argv[1])
wall = time.perf_counter() - t
print(json.dumps({"wall_s": wall, "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2,
                  "rows": {k: len(v) for k, v in e.tables.items()}, "rejected": int(len(e.report.issues))}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--dir", default="/tmp/merit_bench_load")
    args = ap.parse_args()
    from merit_lib.synth import synthesize, write_tables

    root = Path(args.dir)
    t = time.perf_counter()
    s = synthesize(n=args.n, seed=1, unprofiled=0.0)
    print(f"generated {', '.join(f'{k} {len(v):,}' for k, v in s.tables.items())} in {time.perf_counter() - t:.1f} s")
    for fmt in ("parquet", "csv"):
        folder = root / fmt
        if not (folder / f"pegawai.{fmt}").exists():
            t = time.perf_counter()
            write_tables(s.tables, folder, fmt)
            print(f"wrote {fmt} in {time.perf_counter() - t:.1f} s")
    del s
    for fmt in ("parquet", "csv"):
        out = subprocess.run([sys.executable, "-c", CHILD, str(root / fmt)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{fmt:8s} load+validate: {r['wall_s']:.1f} s wall, peak {r['peak_gb']:.2f} GB, rows {r['rows']}, "
              f"rejected {r['rejected']}")


if __name__ == "__main__":
    main()
