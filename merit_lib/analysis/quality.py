"""Data-quality figures: coverage of profiling and SKP per OPD, rejected rows per rule."""

from __future__ import annotations

import pandas as pd

from merit_lib.analysis.stats import MIN_CELL, wilson
from merit_lib.data.extract import Extract


def coverage_by_opd(extract: Extract, kinerja_years: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Per OPD: pegawai, share with a profiling assessment, share with SKP (each year wanted), with Wilson CIs."""
    peg = extract.pegawai[["nip", "opd_kode", "opd_nama"]]
    years = kinerja_years or tuple(sorted(extract.kinerja["tahun"].dropna().unique())[-2:])
    has_prof = peg["nip"].isin(extract.profiling["nip"])
    kin = extract.kinerja[extract.kinerja["tahun"].isin(years)]
    full = kin.groupby("nip")["tahun"].nunique()
    has_kin = peg["nip"].map(full).fillna(0) >= len(years)
    g = pd.DataFrame({"opd_kode": peg["opd_kode"], "opd_nama": peg["opd_nama"], "prof": has_prof, "kin": has_kin})
    out = g.groupby(["opd_kode", "opd_nama"], as_index=False).agg(n_pegawai=("prof", "size"),
                                                                   n_profiling=("prof", "sum"), n_kinerja=("kin", "sum"))
    for key, col in (("profiling", "n_profiling"), ("kinerja", "n_kinerja")):
        out[f"coverage_{key}"] = out[col] / out["n_pegawai"]
        out[f"coverage_{key}_ci_low"], out[f"coverage_{key}_ci_high"] = wilson(out[col], out["n_pegawai"])
    out["suppressed"] = out["n_pegawai"] < MIN_CELL
    return out.sort_values("n_pegawai", ascending=False, kind="stable").reset_index(drop=True)


def province_coverage(cov: pd.DataFrame) -> dict[str, float]:
    """Province-wide coverage figures from the per-OPD table."""
    n = cov["n_pegawai"].sum()
    return {"n_pegawai": int(n), "coverage_profiling": cov["n_profiling"].sum() / n,
            "coverage_kinerja": cov["n_kinerja"].sum() / n}
