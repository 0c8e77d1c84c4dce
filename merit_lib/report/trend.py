"""The trend of each OPD's index and tier over the last quarters, each quarter judged on its own evidence window.

A quarter's figures are read from its published report folder beside this one (`<history>/<quarter>/tables/
compliance.csv`, one of ours) when it is there; otherwise they are computed from the extract's history as that quarter's
report would have computed them (its window of quarters ending with it: frame, audit, compliance) and published through
the same disclosure door, so a trend point never rests on a number the door would hide. Quarters before the extract's
history holds anything are left out. The table (`tables/trend.csv`) has one row per quarter and OPD, and a `PROVINSI`
row per quarter with the province average.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from merit_lib.analysis.compliance import audited_compliance
from merit_lib.analysis.features import analysis_frame, evidence_window
from merit_lib.domain import codes
from merit_lib.domain.period import Period
from merit_lib.domain.roles import ASN, Roles
from merit_lib.report import privacy
from merit_lib.report.output import read_manifest

#: quarters the trend shows, the period included
TREND_QUARTERS = 8
COLUMNS = ("periode", "opd_kode", "opd_nama", "index", "index_ci_low", "index_ci_high", "tier", "category",
           "index_provinsi", "n_promosi", "jendela", "sumber")
#: where a trend point came from: an earlier report folder, computed now from the extract's history, or this report
FROM_REPORT, FROM_HISTORY, FROM_THIS = "laporan", "riwayat", "laporan_ini"


def _points(comp: pd.DataFrame, period: str, window: int, source: str) -> pd.DataFrame:
    """The trend rows of one quarter from its published compliance table (its province average as a PROVINSI row)."""
    c = comp.reindex(columns=["opd_kode", "opd_nama", "index", "index_ci_low", "index_ci_high", "tier", "category",
                              "index_provinsi", "n_promosi"])
    c = c.assign(periode=period, jendela=window, sumber=source)
    average = pd.to_numeric(c["index_provinsi"], errors="coerce").dropna()
    prov = pd.DataFrame([{"periode": period, "opd_kode": codes.PROVINCE, "opd_nama": codes.PROVINCE,
                          "index": average.iloc[0] if len(average) else float("nan"), "jendela": window,
                          "sumber": source}])
    return pd.concat([c, prov], ignore_index=True).reindex(columns=list(COLUMNS))


def _from_report(history_dir: Path | None, quarter: Period) -> pd.DataFrame | None:
    """A quarter's published compliance table from our report folder beside this one (None when absent, not ours, or
    written before tiers were published)."""
    if history_dir is None:
        return None
    folder = Path(history_dir) / str(quarter)
    manifest = read_manifest(folder) if folder.is_dir() else None
    table = folder / "tables" / "compliance.csv"
    if manifest is None or not table.is_file():
        return None
    comp = pd.read_csv(table, dtype={"opd_kode": str})
    if not {"tier", "index_provinsi"} <= set(comp.columns):
        return None
    window = (manifest.get("window") or {}).get("n")
    return comp.assign(_window=window)


def trend_table(extract: object, period: str, window: int, current: pd.DataFrame, history_dir: Path | str | None = None,
                n: int = TREND_QUARTERS, cache: dict[str, pd.DataFrame] | None = None,
                roles: Roles = ASN) -> pd.DataFrame:
    """Index, range, tier and category of every OPD (and the province average) in each of the `n` quarters ending with
    `period`, each on its own window of `window` quarters; `current` is this period's published compliance table.
    `cache`: the quarters' rows already built for this extract (`analysis_frame`), shared; `roles`: the report's."""
    last = Period.parse(period)
    quarters = [last]
    while len(quarters) < n:
        quarters.insert(0, quarters[0].previous())
    riwayat = extract.tables["riwayat_jabatan"] if hasattr(extract, "tables") else extract["riwayat_jabatan"]
    history_from = pd.to_datetime(riwayat["tanggal"]).min() if len(riwayat) else pd.NaT
    cache = {} if cache is None else cache
    parts = []
    for q in quarters:
        if q == last:
            win = evidence_window(extract, q, window)
            parts.append(_points(current, str(q), win.n, FROM_THIS))
            continue
        if pd.notna(history_from) and q.end < history_from:
            continue
        earlier = _from_report(history_dir, q)
        if earlier is not None:
            parts.append(_points(earlier, str(q), earlier["_window"].iloc[0], FROM_REPORT))
            continue
        frame = analysis_frame(extract, q, window=window, cache=cache)
        _, comp = audited_compliance(frame, roles)       # as that quarter's report computed it (pipeline)
        parts.append(_points(privacy.publish("compliance", comp), str(q), frame["triwulan"].nunique(), FROM_HISTORY))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(COLUMNS))
    return out.astype({"periode": "string", "opd_kode": "string", "tier": "string", "category": "string",
                       "sumber": "string"})
