"""Aggregate tables a report may show: counts per OPD of 9-box, readiness, promotions and checks.

Person-level data never leave this module: every table holds counts per scope and category, with `PROVINSI`
rows for the whole province. The counts are full numbers; what may be published is decided by
`merit_lib.report.privacy.publish` (which also completes each table with its empty cells).
"""

from __future__ import annotations

import pandas as pd

from merit_lib.analysis.compliance import contests
from merit_lib.analysis.features import counted_promotions, current
from merit_lib.domain import rules as R

PROVINCE = "PROVINSI"
#: the target levels of a promotion, in the order a page lists them (Pelaksana and Fungsional aim at Pengawas)
TARGET_LEVELS = ("Pengawas", "Administrator", "JPT Pratama")
BY_LEVEL_COUNTS = ("n_promosi", "n_promosi_melangkahi", "n_bypassed")


def _counts(frame: pd.DataFrame, by: list[str], scope: str) -> pd.DataFrame:
    """Counts per scope and `by`, the province's first."""
    per = frame.groupby([scope, *by], dropna=False, observed=True).size().rename("n").reset_index()
    prov = frame.groupby(by, dropna=False, observed=True).size().rename("n").reset_index()
    prov.insert(0, scope, PROVINCE)
    return pd.concat([prov, per], ignore_index=True).rename(columns={scope: "scope"})


def talent_box(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Persons per 9-box cell (kotak 1–9; NA = no box) per OPD and for the province, at the period's start."""
    now = current(frame)
    return _counts(now.assign(kotak=now["kotak"].astype("Int64")), ["kotak"], scope)


def readiness_counts(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Persons per readiness category among those who could be promoted at the period's start."""
    now = current(frame)
    return _counts(now[now["berisiko"]], ["kesiapan"], scope)


def promotions(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Promotions of the evidence window by move (level before → after) and readiness at the start of their quarter.

    Talent pool and eligibility of the promoted are in compliance.csv (as counts per OPD), not crossed here:
    a five-way breakdown of a handful of promotions would single each person out."""
    p = frame[counted_promotions(frame)]
    return _counts(p, ["level_awal", "jenis_jabatan_akhir", "kesiapan"], scope)


def check_counts(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Per named requirement: persons passing, failing, or without data to tell (among those who could be promoted at
    the period's start)."""
    now = current(frame)
    d = now[now["berisiko"]]
    long = d.melt(id_vars=[scope], value_vars=list(R.CHECKS), var_name="syarat", value_name="status")
    return _counts(long, ["syarat", "status"], scope)


def bypassed_by_level(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Per scope (each OPD, and PROVINSI first) and target level of the promotion (`level_tujuan`): promotions, those
    passing over a more ready eligible candidate, and the candidates so passed over (analysis.compliance.contests);
    every scope has a row for each level of TARGET_LEVELS (a level none aims at: NA, only when someone is in it)."""
    c = contests(frame, scope)[list(BY_LEVEL_COUNTS)].reset_index().rename(columns={"level": "level_tujuan"})
    other = [lv for lv in pd.unique(c["level_tujuan"]) if lv not in TARGET_LEVELS]
    levels = pd.Series([*TARGET_LEVELS, *other], dtype="string")
    scopes = pd.Series(sorted(pd.unique(current(frame)[scope].dropna().astype(str))), dtype="string")
    full = pd.DataFrame({"scope": scopes}).merge(pd.DataFrame({"level_tujuan": levels}), how="cross")
    c = c.astype({"scope": "string", "level_tujuan": "string"})
    per = full.merge(c, on=["scope", "level_tujuan"], how="left").fillna({k: 0 for k in BY_LEVEL_COUNTS})
    prov = per.groupby("level_tujuan", dropna=False, sort=False)[list(BY_LEVEL_COUNTS)].sum().reset_index()
    prov.insert(0, "scope", PROVINCE)
    out = pd.concat([prov, per], ignore_index=True).astype({k: "int64" for k in BY_LEVEL_COUNTS})
    return out.astype({"scope": "string", "level_tujuan": "string"})


def all_tables(frame: pd.DataFrame, scope: str = "opd_kode") -> dict[str, pd.DataFrame]:
    """Every aggregate table by file stem."""
    return {"talent_box": talent_box(frame, scope), "readiness": readiness_counts(frame, scope),
            "promotions": promotions(frame, scope), "checks": check_counts(frame, scope),
            "bypassed_by_level": bypassed_by_level(frame, scope)}
