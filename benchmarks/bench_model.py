"""Analysis frame + the three readiness models for 1,000,000 ASN: wall time and peak memory.

The synthetic extract is generated first and handed to a fresh process as a pickle (generation is not timed).
The child times `analysis_frame` and `fit_readiness` (logit, logit_interaksi, gee), then, separately, what a report
asks of them afterwards (average marginal effects of every model, the aggregate CSVs).

Why GEE is feasible at this size: statsmodels solves the exchangeable working correlation in closed form (no
cluster-size matrix), so one GEE iteration is O(n); we start it from the logit estimates and scale its convergence
tolerance with n (its score is a sum over persons), which takes it to about ten iterations.

Run: .venv/bin/python benchmarks/bench_model.py [--n 1000000] [--dir /tmp/merit_bench_model]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import json, resource, sys, tempfile, time
import pandas as pd
from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.model import fit_readiness

def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2

tables = pd.read_pickle(sys.argv[1])
out = {"rss_tables_gb": rss()}
t0 = time.perf_counter()
frame = analysis_frame(tables, "2026Q1")
t1 = time.perf_counter()
models = fit_readiness(frame)
t2 = time.perf_counter()
out.update(frame_s=t1 - t0, models_s=t2 - t1, total_s=t2 - t0, rss_peak_gb=rss(), rows=len(frame),
           modelled=models.sample["n_model"], promoted=models.sample["n_events"], models=list(models.models),
           methods=[m.method for m in models.models.values()],
           ors={f"{k}/{t}": round(float(v), 3) for k, t, v in
                models.coefficients.query("term in ['kompetensi', 'kinerja']")[["model", "term", "odds_ratio"]].itertuples(index=False)})
t3 = time.perf_counter()
for m in models.models.values():
    m.marginal_effects
models.to_csv(tempfile.mkdtemp())
out.update(extras_s=time.perf_counter() - t3, rss_peak_after_extras_gb=rss())
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--dir", default="/tmp/merit_bench_model")
    args = ap.parse_args()
    from merit_lib.synth import synthesize

    path = Path(args.dir) / f"synth_{args.n}.pkl"
    if not path.exists():
        t = time.perf_counter()
        s = synthesize(n=args.n, seed=1)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump(s.tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"generated {', '.join(f'{k} {len(v):,}' for k, v in s.tables.items())} in {time.perf_counter() - t:.1f} s "
              f"(not timed below)")
        del s
    load = os.getloadavg()
    run = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True)
    if run.returncode:
        sys.exit(run.stderr)
    r = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"n = {args.n:,} profiled ASN → {r['rows']:,} pegawai rows; modelled {r['modelled']:,} at risk, "
          f"{r['promoted']:,} promoted; models {', '.join(f'{m} ({k})' for m, k in zip(r['models'], r['methods']))}")
    print(f"analysis_frame:        {r['frame_s']:6.1f} s")
    print(f"fit_readiness (3):     {r['models_s']:6.1f} s")
    print(f"frame + models:        {r['total_s']:6.1f} s wall   (target ≤ 120 s)")
    print(f"peak memory (RSS):     {r['rss_peak_gb']:6.2f} GB   (of which the loaded tables {r['rss_tables_gb']:.2f} GB)")
    print(f"afterwards, marginal effects of every model + aggregate CSVs: {r['extras_s']:.1f} s, "
          f"peak {r['rss_peak_after_extras_gb']:.2f} GB")
    print(f"odds ratios: {r['ors']}")
    print(f"machine load average at start (1/5/15 min): {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
