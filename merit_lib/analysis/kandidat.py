"""A shortlist for a vacant post: eligible candidates ranked by readiness, each rank with its reasons.

Candidates are the persons whose next level is the post's level (rules.target_level: Pengawas and JF Ahli Muda for an
Administrator post, …), as at the start of the period. For JPT Pratama they come from the whole province; for eselon
III/IV from the post's OPD first, then the rest of the province. Eligible = every named check of the promotion met
(rules.CHECKS). Rank: readiness (Siap sekarang first), OPD before province (III/IV), 9-box (9 first), JPM against the
post's level requirement, lowest and mean competency, SKP, potential, time in level. Candidates with exactly one check
not met (failed or unknown) are listed apart with that check. PERSONAL DATA: for the BKD's selection work only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.analysis.compliance import READINESS_RANK
from merit_lib.domain import contract as C
from merit_lib.domain import rules as R
from merit_lib.domain import text
from merit_lib.domain.errors import ParameterError

LEVELS: tuple[str, ...] = ("Pengawas", "Administrator", "JPT Pratama")
COLUMNS: tuple[str, ...] = ("peringkat", "nip", "nama", "opd_kode", "level_awal", "cakupan", "kesiapan", "kotak",
                            "jpm_jabatan", "kompetensi_min", "kompetensi", "predikat_1", "skp_level_2", "skor_potensi",
                            "tahun_dalam_jabatan", "syarat_terpenuhi", "syarat_kurang", "alasan_peringkat")


@dataclass
class Shortlist:
    """The ranked eligible candidates and, apart, those missing one check (PERSONAL DATA)."""

    level: str
    opd: str | None
    jabatan: str | None
    eligible: pd.DataFrame
    near_miss: pd.DataFrame
    n_candidates: int
    n_eligible: int = 0
    lang: str = "id"
    meta: dict = field(default_factory=dict)      # the frame's provenance (period, data fingerprint)

    def _repr_html_(self) -> str:
        """Counts and provenance only: the persons stay in `.eligible` and `.near_miss` (restricted)."""
        from merit_lib.domain import display as D
        from merit_lib.domain import language as L

        lang = L.language(self.lang)
        where = "".join(f" {x}" for x in (self.jabatan,) if x) + (f" ({self.opd})" if self.opd else "")
        lead = text.t("api.shortlist_lead", lang, total=D.count(self.n_candidates, lang),
                      eligible=D.count(self.n_eligible, lang), k=D.count(len(self.eligible), lang),
                      m=D.count(len(self.near_miss), lang))
        return D.block(text.t("api.shortlist_title", lang, level=self.level, where=where),
                       [D.paragraph(D.provenance(self.meta, lang), small=True), D.paragraph(lead),
                        D.paragraph(text.t("api.shortlist_more", lang), small=True)])


def check_level(level: str) -> str:
    """The post's level, matched without regard to case; a ParameterError listing the levels otherwise."""
    for lv in LEVELS:
        if str(level).strip().lower() == lv.lower():
            return lv
    raise ParameterError(f"--level '{level}': harus salah satu dari {', '.join(LEVELS)}",
                         en=f"--level '{level}': must be one of {', '.join(LEVELS)}")


def jpm_for_post(frame: pd.DataFrame, level: str) -> pd.Series:
    """JPM against the post's level requirement: 100 × Σ min(level_c, required) / (9 × required)."""
    req = float(R.REQUIRED_COMPETENCY[level])
    comps = frame[list(C.COMPETENCIES)].astype(float)
    return 100 * comps.clip(upper=req).sum(axis=1, min_count=len(C.COMPETENCIES)) / (len(C.COMPETENCIES) * req)


def _reason(row: pd.Series, level: str, lang: str) -> str:
    en = lang == "en"
    box = "no 9-box" if en else "belum ada 9-box"
    if pd.notna(row["kotak"]):
        pool = (" (talent pool)" if row["talent_pool"] else "")
        box = (f"box {int(row['kotak'])}" if en else f"kotak {int(row['kotak'])}") + pool
    req = R.REQUIRED_COMPETENCY[level]
    jpm = "–" if pd.isna(row["jpm_jabatan"]) else f"{row['jpm_jabatan']:.0f}%"
    skp = ", ".join(str(x) for x in (row.get("predikat_1"),) if isinstance(x, str)) or "–"
    yrs = "–" if pd.isna(row["tahun_dalam_jabatan"]) else f"{row['tahun_dalam_jabatan']:.1f}"
    missing = row["syarat_kurang"] or ("none" if en else "tidak ada")
    if en:
        return (f"{row['kesiapan']}; {box}; JPM against the {level} standard (level {req}): {jpm}; latest SKP: {skp}; "
                f"{yrs} years in level; checks met {row['syarat_terpenuhi']}; missing: {missing}")
    return (f"{row['kesiapan']}; {box}; JPM terhadap standar {level} (level {req}): {jpm}; SKP terakhir: {skp}; "
            f"{yrs} tahun dalam jenjang; syarat terpenuhi {row['syarat_terpenuhi']}; kurang: {missing}")


def shortlist(frame: pd.DataFrame, level: str, opd: str | None = None, jabatan: str | None = None, n: int = 10,
              lang: str = "id") -> Shortlist:
    """The shortlist for a post at `level` (in `opd` for III/IV): top `n` eligible, and those missing one check, as at
    the start of the frame's last quarter (a person-quarter frame is read at its period's start)."""
    from merit_lib.analysis.features import current

    frame = current(frame)
    level = check_level(level)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParameterError(f"--n {n}: harus bilangan bulat ≥ 1", en=f"--n {n}: must be a whole number ≥ 1")
    if opd is not None and opd not in set(frame["opd_kode"].dropna()):
        known = ", ".join(sorted(frame["opd_kode"].dropna().unique())[:8])
        raise ParameterError(f"--opd '{opd}': OPD tidak ada dalam data (ada: {known} …)",
                             en=f"--opd '{opd}': OPD not in the data (found: {known} …)")
    c = frame[(frame["level_tujuan"] == level).fillna(False).to_numpy() & frame["berisiko"].fillna(False).to_numpy()].copy()
    checks = c[list(R.CHECKS)]
    c["syarat_terpenuhi"] = (checks == R.PASS).sum(axis=1).astype(str) + "/" + str(len(R.CHECKS))
    not_met = pd.DataFrame(((checks != R.PASS) | checks.isna()).to_numpy(bool), index=c.index, columns=checks.columns)
    c["syarat_kurang"] = ["; ".join(name for name, miss in zip(checks.columns, row) if miss) for row in not_met.to_numpy()]
    c["jpm_jabatan"] = jpm_for_post(c, level)
    in_opd = (c["opd_kode"] == opd).fillna(False) if opd is not None and level != "JPT Pratama" else \
        pd.Series(True, index=c.index)
    c["cakupan"] = np.where(in_opd, "OPD" if opd is not None and level != "JPT Pratama" else "provinsi", "provinsi")
    order = pd.DataFrame({"ready": -c["kesiapan"].map(READINESS_RANK).fillna(-1), "opd": ~in_opd,
                          "box": -c["kotak"].astype(float).fillna(0), "jpm": -c["jpm_jabatan"].fillna(-1),
                          "cmin": -c["kompetensi_min"].fillna(-1), "cmean": -c["kompetensi"].fillna(-1),
                          "skp": -c["kinerja"].fillna(-1), "pot": -c["skor_potensi"].fillna(-1),
                          "years": -c["tahun_dalam_jabatan"].fillna(-1), "nip": c["nip"]}, index=c.index)
    c = c.loc[order.sort_values(list(order.columns), kind="stable").index]
    c["alasan_peringkat"] = [_reason(r, level, lang) for _, r in c.iterrows()] if len(c) else pd.Series(dtype="string")
    eligible = c[c["memenuhi_syarat"].fillna(False).astype(bool)].head(n).copy()
    eligible["peringkat"] = np.arange(1, len(eligible) + 1)
    near = c[not_met.loc[c.index].sum(axis=1) == 1].copy()
    near["peringkat"] = pd.NA
    cols = [col for col in COLUMNS if col in c.columns or col == "peringkat"]
    return Shortlist(level, opd, jabatan, eligible[cols].reset_index(drop=True), near[cols].reset_index(drop=True), len(c),
                     int(c["memenuhi_syarat"].fillna(False).astype(bool).sum()), lang, dict(frame.attrs))
