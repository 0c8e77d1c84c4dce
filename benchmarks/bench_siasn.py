"""Time `merit_lib.data.siasn.convert` on a synthetic SIASN folder of about 2,000 JSON files (issue 22: within 1.5×).

Run: .venv/bin/python benchmarks/bench_siasn.py [--n 465] [--repeat 5] [--dir /tmp/merit_bench_siasn]
Prints the folder's size (persons, JSON files) and the conversion's wall time (each run, best and median) and CPU time
(best, median: steadier than wall time on a machine shared with other work).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=465, help="persons in the synthetic extract (465 ≈ 2,000 JSON files)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", default="/tmp/merit_bench_siasn")
    args = ap.parse_args()
    from merit_lib.data.siasn import convert
    from merit_lib.synth import synthesize
    from merit_lib.synth.siasn import to_siasn

    src = Path(args.dir) / f"n{args.n}_s{args.seed}"
    if not (src / "ref-unor.json").is_file():
        to_siasn(synthesize(n=args.n, seed=args.seed).tables, src, seed=args.seed)
    files = sum(1 for f in src.rglob("*.json"))
    convert(src)                                  # warm: imports and the file cache
    times, cpu = [], []
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        res = convert(src)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(f"SIASN folder {src}: {len(res.tables['pegawai'])} persons kept, {files} JSON files")
    print("convert: " + ", ".join(f"{x:.2f}" for x in times) + f" s; best {min(times):.2f} s, median "
          f"{statistics.median(times):.2f} s ({statistics.median(times) / files * 1000:.2f} ms per JSON file); CPU best "
          f"{min(cpu):.2f} s, median {statistics.median(cpu):.2f} s")


if __name__ == "__main__":
    main()
