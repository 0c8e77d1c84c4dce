"""How often the fairness audit gives each verdict where the truth is known, and whether few OPDs keep CIs honest.

Each seed synthesizes one Banten-sized extract (n=3,236) and builds its analysis frame once; each scenario then draws
the promotions of the audited persons from a known logit over that frame (and, where the scenario says, changes the
frame's merit or controls), and audits it. The table prints each verdict's share of runs for the scenario's focal
finding (PROVINSI, the group named), with the targets of issue 13:

| scenario | planted | focal finding | target |
|---|---|---|---|
| no_effect | merit drives promotion; no group effect | jenis_kelamin P; every tested finding | false `disparity` ≤ 5 % |
| noise_merit | women OR 0.6; the merit columns are pure noise, 85 % missing | jenis_kelamin P | `explained gap` ≤ 5 % |
| composition | women work in OPDs that promote less; no effect within OPD | jenis_kelamin P | false `disparity` ≤ 5 % |
| masked_penalty | women OR 0.5 at equal merit, their merit higher: raw rates about equal | jenis_kelamin P | `disparity` ≥ 80 % |
| penalty | women (≥ 500) OR 0.5 at equal merit | jenis_kelamin P | `disparity` ≥ 80 %, `explained gap` ≤ 5 % |
| correlated_controls | no age effect; masa_kerja ≈ usia − 22 (r ≈ 0.98), golongan as generated | kelompok_usia, every band | false `disparity` ≤ 5 % |
| small_minority | 70 persons of group X (attribute `kelompok_kecil`) promoted at OR 0.05 | kelompok_kecil X | shown, not `insufficient data` |

`few_clusters` then fits the readiness model (merit_lib.analysis.model) on frames cut to 5, 12 and 42 OPDs, whose
promotions follow merit without (SD 0) and with (SD 0.3) an OPD random intercept, and prints how often the 95 % CI of
kompetensi covers the planted odds ratio (target 93–97 %).

Run: .venv/bin/python benchmarks/bench_verdicts.py [--seeds 100] [--scenarios a,b] [--clusters-seeds 150]
Takes about 25 minutes at the defaults on two cores (printing as it goes).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit

from merit_lib.analysis.fairness import FLAGS, PROVINCE, audit
from merit_lib.analysis.features import analysis_frame
from merit_lib.domain.roles import ASN
from merit_lib.synth import synthesize

N = 3236
PERIOD = "2026Q1"
BASE_RATE = 0.09
LEVEL = {"Pelaksana": 0.0, "Fungsional": -0.3, "Pelaksana/Fungsional": 0.0, "Pengawas": 0.3, "Administrator": -0.5}
BETA_K, BETA_P = 1.0, 0.6          # log odds per SD of competency and kinerja


def base_frame(seed: int) -> pd.DataFrame:
    """The analysis frame of one synthetic extract."""
    return analysis_frame(synthesize(n=N, seed=seed, period=PERIOD).tables, PERIOD, window=1)   # one row per person


def audited(frame: pd.DataFrame) -> np.ndarray:
    """Who the audit compares: at risk, and not outside by the status rule (PPPK cannot hold a structural post)."""
    return (frame["berisiko"].astype(bool) & (frame["cek_status"] != "gagal")).to_numpy(bool)


def _z(values: pd.Series, rng: np.random.Generator) -> np.ndarray:
    """A measure standardized; a missing value is an unobserved draw (the person has merit, the data do not show it)."""
    x = values.astype(float)
    z = ((x - x.mean()) / x.std()).to_numpy()
    return np.where(np.isnan(z), rng.normal(0, 1, len(z)), z)


def _intercept(eta: np.ndarray, rate: float) -> float:
    """The intercept that makes the mean promotion probability `rate` (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(50):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if expit(eta + mid).mean() < rate else (lo, mid)
    return (lo + hi) / 2


def promote(frame: pd.DataFrame, eta: np.ndarray, rng: np.random.Generator, who: np.ndarray | None = None) -> pd.DataFrame:
    """`dipromosikan` drawn from the logit `eta` (plus an intercept giving BASE_RATE) for `who` (default: the audited),
    False elsewhere."""
    who = audited(frame) if who is None else who
    eta = eta + frame["level_awal"].map(LEVEL).fillna(0.0).to_numpy(float)
    p = expit(eta + _intercept(eta[who], BASE_RATE))
    return frame.assign(dipromosikan=who & (rng.random(len(frame)) < p))


def merit_eta(frame: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Promotion follows competency and kinerja."""
    return BETA_K * _z(frame["kompetensi"], rng) + BETA_P * _z(frame["kinerja"], rng)


def women(frame: pd.DataFrame) -> np.ndarray:
    return (frame["jenis_kelamin"] == "P").to_numpy(bool)


# --------------------------------------------------------------------------- the scenarios


@dataclass(frozen=True)
class Scenario:
    """A frame transformation with a planted truth, and the finding whose verdict is counted."""

    name: str
    attribute: str
    groups: tuple[str, ...]        # the focal PROVINSI rows (empty: every group of the attribute)
    build: Callable[[pd.DataFrame, np.random.Generator], pd.DataFrame]
    all_scopes: bool = False       # audit every OPD too (else PROVINSI only, which is faster)
    also: tuple[str, ...] = ()     # further attributes audited (their rows count in "every tested finding")


def no_effect(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    return promote(frame, merit_eta(frame, rng), rng)


def noise_merit(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Women OR 0.6 and nothing else; the merit columns the audit reads are noise, and missing for 85 %."""
    out = promote(frame, np.log(0.6) * women(frame), rng)
    keep = rng.random(len(frame)) >= 0.85
    return out.assign(kompetensi=np.where(keep, rng.normal(3, 0.5, len(frame)), np.nan),
                      kinerja=np.where(keep, rng.normal(1, 0.4, len(frame)), np.nan))


def composition(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """OPDs with more women promote less (−5 log odds per share of women); no effect of gender within an OPD."""
    who = audited(frame)
    share = pd.Series(women(frame)[who]).groupby(frame.loc[who, "opd_kode"].to_numpy()).mean()
    opd = frame["opd_kode"].map(share - share.mean()).fillna(0.0).to_numpy(float)
    return promote(frame, merit_eta(frame, rng) - 5.0 * opd, rng)


def masked_penalty(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Women OR 0.5 at equal merit, and their competency higher by log(2)/β SD: about equal raw rates."""
    w = women(frame)
    shift = np.log(2) / BETA_K
    zk = _z(frame["kompetensi"], rng) + shift * w
    eta = BETA_K * zk + BETA_P * _z(frame["kinerja"], rng) + np.log(0.5) * w
    k = frame["kompetensi"].astype(float)
    return promote(frame, eta, rng).assign(kompetensi=k + shift * k.std() * w)


def penalty(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    return promote(frame, merit_eta(frame, rng) + np.log(0.5) * women(frame), rng)


def correlated_controls(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """No age effect; masa kerja made a near-function of age (r ≈ 0.98), as the issue measured."""
    masa = (frame["usia"] - 22 + rng.normal(0, 1.0, len(frame))).clip(lower=0)
    return promote(frame, merit_eta(frame, rng), rng).assign(masa_kerja=masa)


def small_minority(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """70 audited persons form group X of `kelompok_kecil`, promoted at OR 0.05."""
    idx = np.flatnonzero(audited(frame))
    x = np.zeros(len(frame), bool)
    x[rng.choice(idx, 70, replace=False)] = True
    out = promote(frame, merit_eta(frame, rng) + np.log(0.05) * x, rng)
    return out.assign(kelompok_kecil=np.where(x, "X", "Y"))


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("no_effect", "jenis_kelamin", ("P",), no_effect, all_scopes=True, also=("kelompok_usia",)),
    Scenario("noise_merit", "jenis_kelamin", ("P",), noise_merit),
    Scenario("composition", "jenis_kelamin", ("P",), composition),
    Scenario("masked_penalty", "jenis_kelamin", ("P",), masked_penalty),
    Scenario("penalty", "jenis_kelamin", ("P",), penalty),
    Scenario("correlated_controls", "kelompok_usia", (), correlated_controls),
    Scenario("small_minority", "kelompok_kecil", ("X",), small_minority),
)}
TARGETS = {"no_effect": "disparity ≤ 5%", "noise_merit": "explained gap ≤ 5%", "composition": "disparity ≤ 5%",
           "masked_penalty": "disparity ≥ 80%", "penalty": "disparity ≥ 80%, explained ≤ 5%",
           "correlated_controls": "disparity ≤ 5%", "small_minority": "not insufficient"}


def run(scenario: Scenario, frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The audit of one scenario on one frame: every finding (the focal ones are PROVINSI rows of its attribute)."""
    rng = np.random.default_rng(seed)
    shaped = scenario.build(frame, rng)
    roles = ASN.with_(protected=(scenario.attribute, *scenario.also), reference={"jenis_kelamin": "L", "kelompok_kecil": "Y"})
    return audit(shaped, roles, scopes=None if scenario.all_scopes else [PROVINCE]).findings


def focal(findings: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    f = findings[(findings["scope"] == PROVINCE) & (findings["attribute"] == scenario.attribute)]
    return f[f["group"].isin(scenario.groups)] if scenario.groups else f


# --------------------------------------------------------------------------- few clusters (the readiness model)


def cluster_frame(frame: pd.DataFrame, n_opd: int, sigma: float, rng: np.random.Generator) -> tuple[pd.DataFrame, float]:
    """The frame cut to `n_opd` OPDs (drawn with probability by size, so that a few OPDs still hold enough promotions to
    fit) with promotions of everyone at risk from merit, level and an OPD random intercept of SD `sigma`; returns it and
    the planted odds ratio per point of kompetensi."""
    sizes = frame["opd_kode"].value_counts()
    codes = rng.choice(sizes.index.to_numpy(), n_opd, replace=False, p=(sizes / sizes.sum()).to_numpy())
    f = frame[frame["opd_kode"].isin(codes)].copy()
    u = pd.Series(rng.normal(0, sigma, n_opd), index=codes)
    k = f["kompetensi"].astype(float)
    beta = BETA_K / k.std()
    eta = beta * (k - k.mean()).fillna(0).to_numpy() + BETA_P * _z(f["kinerja"], rng) + f["opd_kode"].map(u).to_numpy(float)
    return promote(f, eta, rng, f["berisiko"].to_numpy(bool)), float(np.exp(beta))


def cluster_coverage(frames: list[pd.DataFrame], sizes: tuple[int, ...], reps: int,
                     sigmas: tuple[float, ...] = (0.0, 0.3)) -> pd.DataFrame:
    """Share of runs whose 95 % CI of kompetensi (model `logit`, controls: level) covers the planted odds ratio, per OPD
    random-intercept SD and number of OPDs. (A logit without OPD effects estimates the population-averaged odds ratio,
    attenuated by 1/√(1 + 0.35 σ²) against the planted one: 1.5 % at σ 0.3, which is why σ stays small here.)"""
    from merit_lib.analysis.model import fit_readiness

    rows = []
    for sigma in sigmas:
        for g in sizes:
            hit = n = 0
            widths, method = [], "-"
            for r in range(reps):
                rng = np.random.default_rng(10_000 + 1000 * g + r)
                f, truth = cluster_frame(frames[r % len(frames)], g, sigma, rng)
                m = fit_readiness(f, ASN.with_(controls=("level_awal",)))
                if "logit" not in m.models or m["logit"].method == "ridge":
                    continue
                row = m["logit"].tidy.set_index("term").loc["kompetensi"]
                n += 1
                hit += int(row["ci_low"] <= truth <= row["ci_high"])
                widths.append(np.log(row["ci_high"] / row["ci_low"]))
                method = m["logit"].method
            rows.append({"opd_sd": sigma, "opds": g, "runs": n, "coverage": hit / max(n, 1),
                         "median_log_ci_width": float(np.median(widths)) if widths else np.nan, "method": method})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the table


def table(counts: dict[str, dict[str, int]], runs: dict[str, int]) -> pd.DataFrame:
    rows = []
    for name, c in counts.items():
        total = max(sum(c.values()), 1)
        rows.append({"scenario": name, "findings": total, **{f: c.get(f, 0) / total for f in FLAGS},
                     "target": TARGETS[name], "runs": runs[name]})
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--scenarios", default=",".join(SCENARIOS))
    ap.add_argument("--clusters-seeds", type=int, default=150, help="runs per number of OPDs and SD (0: skip)")
    args = ap.parse_args()
    chosen = [SCENARIOS[s] for s in args.scenarios.split(",") if s]
    counts = {s.name: dict.fromkeys(FLAGS, 0) for s in chosen}
    runs = dict.fromkeys(counts, 0)
    every_tested = {"tested": 0, "disparity": 0}
    frames = []
    t0 = time.perf_counter()
    for i, seed in enumerate(range(2000, 2000 + args.seeds)):
        frame = base_frame(seed)
        if len(frames) < 10:
            frames.append(frame)
        for s in chosen:
            f = run(s, frame, seed)
            for flag in focal(f, s)["flag"]:
                counts[s.name][flag] += 1
            runs[s.name] += 1
            if s.name == "no_effect":
                tested = f[f["decision_row"] != 1]
                every_tested["tested"] += len(tested)
                every_tested["disparity"] += int((tested["flag"] == "disparity").sum())
        if (i + 1) % 10 == 0:
            print(f"  {i + 1} seeds [{time.perf_counter() - t0:.0f} s]", flush=True)
    pd.set_option("display.width", 200)
    if args.seeds:
        print(f"\nVerdict shares of the focal PROVINSI findings, {args.seeds} seeds × n={N}:")
        print(table(counts, runs).to_string(index=False, float_format=lambda v: f"{v:.1%}"))
    if every_tested["tested"]:
        print(f"no_effect, every tested finding (PROVINSI and OPD rows, every attribute audited): "
              f"{every_tested['disparity'] / every_tested['tested']:.2%} disparity of {every_tested['tested']} tests")
    if args.clusters_seeds:
        if not frames:
            frames = [base_frame(2000 + i) for i in range(10)]
        t = time.perf_counter()
        print(f"\nfew_clusters: 95% CI of kompetensi covering the planted odds ratio, {args.clusters_seeds} runs each:")
        print(cluster_coverage(frames, (5, 12, 42), args.clusters_seeds).to_string(index=False))
        print(f"  [{time.perf_counter() - t:.0f} s]")


if __name__ == "__main__":
    main()
