"""Rotations and mutations of a period checked against the post moved into, JPT Pratama tenure, and counts per OPD.

Rules (DESIGN §4, "Rotations, mutations and tenure"; each with its source in `MOVE_RULES`, each can be switched off):
- `syarat_jabatan`: a rotation or mutation into a structural post meets that post's requirements — the named checks
  of a promotion (rules.CHECKS) without the time in the lower level; golongan against the post's own eselon where the
  event gives it. Verdict `sesuai` / `tidak sesuai` (a check failed, named) / `tidak diketahui` (data missing).
- `jpt_2_tahun`: a JPT Pratama moved within 2 years of the appointment to the post left → `perlu_alasan` (it needs
  written grounds; not a violation).
- `jpt_5_tahun`: a JPT Pratama holding one post for more than 5 years at the period end → `melewati_5_tahun` (the data
  cannot show an extension, so this is a question to ask, not a verdict).

Predictors are those of the analysis frame (dated before the period start, no look-ahead). An event is counted in the
OPD of the post it moves into (`opd_kode_baru`; the person's OPD when the event leaves it empty).

Columns of `rotation_table` (merged into compliance.csv, one row per opd_kode; documented in docs/appointments.md):
`n_rotasi` (rotations and mutations into a structural post, counted), `n_mutasi` (of them, moves between OPDs — from
`opd_kode_lama`, else the person's OPD at the period start — whatever the event's label),
`n_rotasi_memenuhi_syarat` (verdict `sesuai`), `share_rotasi_memenuhi_syarat` (= n_rotasi_memenuhi_syarat / n_rotasi)
with `share_rotasi_memenuhi_syarat_ci_low` / `_ci_high` (Wilson 95 %), `n_perlu_alasan`, `n_melewati_5_tahun`. (Moves
that cannot be judged are not a column: with the two above they would give back the count that failed.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from merit_lib.analysis import talent as T
from merit_lib.analysis.features import LEVEL_BELOW, _target_level
from merit_lib.analysis.stats import wilson
from merit_lib.domain import codes
from merit_lib.domain import rules as R
from merit_lib.domain.period import Period

MOVES: tuple[str, ...] = ("rotasi", "mutasi")
STRUCTURAL: tuple[str, ...] = ("Pengawas", "Administrator", "JPT Pratama")
SESUAI, TIDAK_SESUAI, TIDAK_DIKETAHUI = "sesuai", "tidak sesuai", "tidak diketahui"
PERLU_ALASAN, MELEWATI_5_TAHUN = "perlu_alasan", "melewati_5_tahun"
#: the checks of a move into a post: those of a promotion without the time in the lower level
MOVE_CHECKS: tuple[str, ...] = tuple(c for c in R.CHECKS if c != "cek_masa_jabatan")
JPT_MIN_YEARS, JPT_MAX_YEARS = 2, 5

#: the rules as data: source, date and what they report (an analyst switches one off with `rules=`)
MOVE_RULES: dict[str, dict[str, str]] = {
    "syarat_jabatan": {"source": "PP 11/2017 jo. PP 17/2020 (syarat jabatan; tabel promosi tanpa lama di jenjang bawah)",
                       "date": "2020-02-28", "report_as": f"{SESUAI} / {TIDAK_SESUAI} / {TIDAK_DIKETAHUI}"},
    "jpt_2_tahun": {"source": "UU 5/2014 Pasal 116 (kini UU 20/2023); SE MenPANRB 19/2023 membolehkan dengan alasan "
                              "tertulis", "date": "2023-10-31", "report_as": PERLU_ALASAN},
    "jpt_5_tahun": {"source": "UU 5/2014 Pasal 117; PP 11/2017 Pasal 133", "date": "2017-03-30",
                    "report_as": MELEWATI_5_TAHUN},
}

#: reasons of the ledger for a rotation or mutation event (the first that applies)
COUNTED, DUPLICATE, NOT_IN_FRAME, OPD_UNKNOWN = codes.COUNTED, codes.DUPLICATE, codes.NOT_IN_FRAME, codes.OPD_UNKNOWN
NOT_STRUCTURAL, LEVEL_UNKNOWN = codes.NOT_STRUCTURAL, codes.TARGET_UNKNOWN
MOVE_REASONS: tuple[str, ...] = (COUNTED, DUPLICATE, NOT_IN_FRAME, NOT_STRUCTURAL, LEVEL_UNKNOWN, OPD_UNKNOWN,
                                 codes.JENJANG_RISE)
#: a JF jenjang rise (contract JENIS_MUTASI): neither a move reviewed here nor a promotion; ledgered by `jenjang_ledger`
JENJANG = "kenaikan_jenjang"
KEYS = ["nip", "tanggal", "jenis_mutasi", "jenis_jabatan_baru", "eselon_baru", "opd_kode_baru"]
TABLE_COLUMNS: tuple[str, ...] = ("opd_kode", "n_rotasi", "n_mutasi", "n_rotasi_memenuhi_syarat",
                                  "share_rotasi_memenuhi_syarat", "share_rotasi_memenuhi_syarat_ci_low",
                                  "share_rotasi_memenuhi_syarat_ci_high", "n_perlu_alasan", "n_melewati_5_tahun")


def _check_rules(rules: Iterable[str] | None) -> set[str]:
    chosen = set(MOVE_RULES) if rules is None else set(rules)
    unknown = chosen - set(MOVE_RULES)
    if unknown:
        raise ValueError(f"aturan tidak dikenal: {', '.join(sorted(unknown))} (ada: {', '.join(MOVE_RULES)})")
    return chosen


def post_checks(people: pd.DataFrame, level: pd.Series, eselon: pd.Series | None = None, with_time: bool = False,
                required_competency: dict[str, float] | None = None, competency_rule: str = "each",
                thresholds: T.Thresholds = T.DEFAULT) -> pd.DataFrame:
    """Each named check of `people` (analysis-frame rows) against a post at `level` (and `eselon`, when known): the
    promotion checks, without `cek_masa_jabatan` unless `with_time`; plus `hasil` (sesuai / tidak sesuai / tidak
    diketahui), `memenuhi_syarat`, the failed and unknown checks, the 9-box and the readiness for that post."""
    derived = [*R.CHECKS, "memenuhi_syarat", "syarat_gagal", "syarat_tidak_diketahui", "potensi_level", "kinerja_level",
               "kotak", "talent_pool", "kesiapan", "alasan", "level_tujuan"]
    sub = people.drop(columns=derived, errors="ignore").copy()
    level = pd.Series(level.to_numpy(), index=sub.index, dtype="string")
    sub["level_awal"] = level.map(LEVEL_BELOW).astype("string")        # TARGET of the level below = the post's level
    sub["jenjang_jf"] = pd.Series(pd.NA, index=sub.index, dtype="string")
    checks = R.promotion_checks(sub, required_competency, competency_rule)
    if eselon is not None:       # the golongan range of the post's own eselon (DESIGN §4), where the event names it
        es = pd.Series(eselon.to_numpy(), index=sub.index).astype(object)
        lowest = es.map({e: g[0] for e, g in R.ESELON_GOLONGAN.items()})
        gmin = R.golongan_rank(lowest)
        known = gmin.notna() & checks["cek_golongan"].notna() & (checks["cek_golongan"] != R.UNKNOWN)
        ok = sub["golongan_ordinal"] >= gmin
        checks.loc[known, "cek_golongan"] = np.where(ok[known], R.PASS, R.FAIL)
    names = list(R.CHECKS if with_time else MOVE_CHECKS)
    status = checks[names]
    has = level.notna().to_numpy()
    failed = (status == R.FAIL).fillna(False)
    unknown = (status == R.UNKNOWN).fillna(False)
    out = status.copy()
    out["memenuhi_syarat"] = (status == R.PASS).fillna(False).all(axis=1) & has
    out["hasil"] = pd.Series(np.select([~has, failed.any(axis=1), unknown.any(axis=1)],
                                       [None, TIDAK_SESUAI, TIDAK_DIKETAHUI], SESUAI), index=sub.index).astype("string")
    out["syarat_gagal"] = R._join_names(status, R.FAIL)
    out["syarat_tidak_diketahui"] = R._join_names(status, R.UNKNOWN)
    ready = T.readiness(pd.concat([sub, out[["memenuhi_syarat", "syarat_gagal", "syarat_tidak_diketahui"]]], axis=1),
                        thresholds)
    return pd.concat([out, ready[["kotak", "talent_pool", "kesiapan"]]], axis=1)


def move_events(riwayat: pd.DataFrame, period: Period | str) -> pd.DataFrame:
    """The rotasi and mutasi events dated in `period`, with the level of the post each moves into (`level_tujuan`)."""
    per = Period.parse(period)
    ev = riwayat[(riwayat["tanggal"] >= per.start) & (riwayat["tanggal"] <= per.end)]
    ev = ev[ev["jenis_mutasi"].isin(list(MOVES)).fillna(False).astype(bool)]
    ev = ev.sort_values(["nip", "tanggal"], kind="stable").reset_index(drop=True)
    return ev.assign(level_tujuan=_target_level(ev).astype("string").to_numpy())


def _appointed_to_post_left(riwayat: pd.DataFrame, ev: pd.DataFrame) -> pd.Series:
    """For each event: the date the person took the post it leaves (their latest earlier event), NaT when unknown."""
    hist = riwayat.loc[riwayat["tanggal"].notna(), ["nip", "tanggal", "jenis_jabatan_baru", "eselon_baru"]]
    hist = hist.sort_values(["tanggal"], kind="stable")
    left = ev[["nip", "tanggal"]].reset_index().sort_values("tanggal", kind="stable")
    merged = pd.merge_asof(left, hist.rename(columns={"tanggal": "tmt_lama"}).assign(_t=lambda d: d["tmt_lama"]),
                           left_on="tanggal", right_on="_t", by="nip", allow_exact_matches=False)
    merged = merged.set_index("index").reindex(ev.index)
    return pd.DataFrame({"tmt_lama": pd.to_datetime(merged["tmt_lama"]),
                         "level_lama": _post_level(merged["eselon_baru"], merged["jenis_jabatan_baru"])}, index=ev.index)


def _post_level(eselon: pd.Series, jenis: pd.Series) -> pd.Series:
    """The level of a post from its eselon where given, else its jenis_jabatan."""
    return _target_level(pd.DataFrame({"eselon_baru": eselon, "jenis_jabatan_baru": jenis}))


@dataclass
class Moves:
    """Every rotation/mutation event of a period with its ledger reason, checks and JPT flag; JPT tenure at the end."""

    events: pd.DataFrame
    tenure: pd.DataFrame
    rules: set[str]

    @property
    def counted(self) -> pd.DataFrame:
        """The events counted in the analysis (into a structural post, person and OPD known, not a duplicate)."""
        return self.events[self.events["alasan"] == COUNTED]


def review_moves(frame: pd.DataFrame, riwayat: pd.DataFrame, pegawai: pd.DataFrame, period: Period | str,
                 rules: Iterable[str] | None = None, required_competency: dict[str, float] | None = None,
                 competency_rule: str = "each") -> Moves:
    """Check every rotation and mutation of `period` (DESIGN §4) and find JPT posts held beyond 5 years at its end."""
    from merit_lib.analysis.features import current

    chosen = _check_rules(rules)
    per = Period.parse(period)
    ev = move_events(riwayat, per)
    frame = current(frame)                     # a person-quarter frame: its persons as at the period's start
    person = frame.drop_duplicates("nip").set_index("nip")
    in_frame = ev["nip"].isin(person.index)
    opd = ev["opd_kode_baru"].astype("string").fillna(person["opd_kode_akhir"].reindex(ev["nip"]).astype("string")
                                                      .reset_index(drop=True))
    ev["opd_kode"] = opd
    # between OPDs is a fact of the data, whatever the event is labelled (a JPT "rotasi" into another OPD included)
    origin = person["opd_kode"].reindex(ev["nip"]).astype("string").reset_index(drop=True)
    if "opd_kode_lama" in ev:
        origin = ev["opd_kode_lama"].astype("string").fillna(origin)
    ev["antar_opd"] = (origin != opd).fillna(False).astype(bool)
    dup = ev[[k for k in KEYS if k in ev]].duplicated()
    conditions = [dup, ~in_frame, ev["level_tujuan"].isna(), ~ev["level_tujuan"].isin(list(STRUCTURAL)).fillna(False),
                  opd.isna()]
    reasons = [DUPLICATE, NOT_IN_FRAME, LEVEL_UNKNOWN, NOT_STRUCTURAL, OPD_UNKNOWN]
    alasan = pd.Series(pd.NA, index=ev.index, dtype="string")
    for cond, reason in zip(conditions, reasons):
        alasan[pd.Series(cond, index=ev.index).fillna(False).astype(bool) & alasan.isna()] = reason
    ev["alasan"] = alasan.fillna(COUNTED)
    counted = ev["alasan"] == COUNTED
    ev = pd.concat([ev, _empty_checks(ev.index)], axis=1)
    if counted.any():
        rows = person.loc[ev.loc[counted, "nip"]].reset_index()
        rows.index = ev.index[counted]
        checks = post_checks(rows, ev.loc[counted, "level_tujuan"], ev.loc[counted, "eselon_baru"],
                             required_competency=required_competency, competency_rule=competency_rule)
        for c in checks.columns:
            ev[c] = ev[c].astype(object)
            ev.loc[counted, c] = checks[c].astype(object)
    if "syarat_jabatan" not in chosen:
        ev.loc[counted, "hasil"] = pd.NA
    before = _appointed_to_post_left(riwayat, ev)
    ev["tmt_jabatan_lama"] = before["tmt_lama"]
    was_jpt = (before["level_lama"] == "JPT Pratama").fillna(False)
    years = (ev["tanggal"] - before["tmt_lama"]).dt.days / 365.25
    ev["tahun_di_jabatan_lama"] = years
    early = counted & was_jpt & (ev["level_tujuan"] == "JPT Pratama").fillna(False) \
        & (ev["tanggal"] < before["tmt_lama"] + pd.DateOffset(years=JPT_MIN_YEARS)).fillna(False)
    ev[PERLU_ALASAN] = early & ("jpt_2_tahun" in chosen)
    tenure = jpt_tenure(pegawai, per) if "jpt_5_tahun" in chosen else jpt_tenure(pegawai.iloc[0:0], per)
    return Moves(ev, tenure, chosen)


def _empty_checks(index: pd.Index) -> pd.DataFrame:
    cols = [*MOVE_CHECKS, "memenuhi_syarat", "hasil", "syarat_gagal", "syarat_tidak_diketahui", "kotak", "talent_pool",
            "kesiapan"]
    return pd.DataFrame({c: pd.Series(pd.NA, index=index, dtype=object) for c in cols})


def jpt_tenure(pegawai: pd.DataFrame, period: Period | str) -> pd.DataFrame:
    """Holders of a JPT Pratama post at the period end: OPD, years in that post, and `melewati_5_tahun`."""
    per = Period.parse(period)
    jpt = pegawai[(pegawai["jenis_jabatan"] == "JPT Pratama").fillna(False).astype(bool)]
    tmt = pd.to_datetime(jpt["tmt_jabatan"])
    out = pd.DataFrame({"nip": jpt["nip"].astype("string").to_numpy(), "opd_kode": jpt["opd_kode"].astype("string").to_numpy(),
                        "tmt_jabatan": tmt.to_numpy(), "tahun_di_jabatan": ((per.end - tmt).dt.days / 365.25).to_numpy()})
    out[MELEWATI_5_TAHUN] = (tmt + pd.DateOffset(years=JPT_MAX_YEARS) < per.end).fillna(False).to_numpy()
    return out


def rotation_table(moves: Moves, opd_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Per OPD (TABLE_COLUMNS): counted moves, mutations, moves meeting the post's requirements with a Wilson 95 % CI,
    JPT moves needing grounds, JPT posts held beyond 5 years."""
    c = moves.counted
    g = c.groupby("opd_kode")
    out = pd.DataFrame({"n_rotasi": g.size(), "n_mutasi": c["antar_opd"].groupby(c["opd_kode"]).sum(),
                        "n_rotasi_memenuhi_syarat": (c["hasil"] == SESUAI).fillna(False).groupby(c["opd_kode"]).sum(),
                        "n_perlu_alasan": c[PERLU_ALASAN].astype(bool).groupby(c["opd_kode"]).sum()})
    over = moves.tenure.groupby("opd_kode")[MELEWATI_5_TAHUN].sum().rename("n_melewati_5_tahun")
    out = out.join(over, how="outer")
    codes = list(out.index) if opd_codes is None else list(opd_codes)
    out = out.reindex(codes).fillna(0).astype(int)
    share = out["n_rotasi_memenuhi_syarat"] / out["n_rotasi"].where(out["n_rotasi"] > 0)
    lo, hi = np.clip(wilson(out["n_rotasi_memenuhi_syarat"], out["n_rotasi"]), 0, 1)
    out["share_rotasi_memenuhi_syarat"] = share
    out["share_rotasi_memenuhi_syarat_ci_low"], out["share_rotasi_memenuhi_syarat_ci_high"] = lo, hi
    out.index.name = "opd_kode"
    return out.reset_index()[list(TABLE_COLUMNS)]


def merge_into_compliance(comp: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """compliance.csv with the rotation columns appended (0 for an OPD without any move)."""
    base = comp.drop(columns=[c for c in TABLE_COLUMNS if c != "opd_kode" and c in comp.columns])
    out = base.merge(table, on="opd_kode", how="left")
    counts = [c for c in TABLE_COLUMNS if c.startswith("n_")]
    out[counts] = out[counts].fillna(0).astype(int)
    return out


def move_ledger(moves: Moves) -> pd.DataFrame:
    """Ledger rows of the moves: counts per kind (`rotasi`, `mutasi`), OPD and reason (no person-level detail)."""
    e = moves.events
    if e.empty:
        return pd.DataFrame({"jenis": pd.Series(dtype="string"), "opd_kode": pd.Series(dtype="string"),
                             "alasan": pd.Series(dtype="string"), "n_peristiwa": pd.Series(dtype="Int64"),
                             "n_orang": pd.Series(dtype="int64")})
    out = e.groupby(["jenis_mutasi", "opd_kode", "alasan"], dropna=False).agg(n_peristiwa=("nip", "size"),
                                                                               n_orang=("nip", "nunique"))
    out = out.reset_index().rename(columns={"jenis_mutasi": "jenis"})
    return out.astype({"jenis": "string", "opd_kode": "string", "alasan": "string", "n_peristiwa": "Int64",
                       "n_orang": "int64"})


def jenjang_ledger(riwayat: pd.DataFrame, frame: pd.DataFrame, period: Period | str) -> pd.DataFrame:
    """Ledger rows of the JF jenjang rises dated in `period` (kind `kenaikan_jenjang`, reason codes.JENJANG_RISE: not
    reviewed as a rotation, not counted as a promotion), counted per OPD of the new post (the person's when empty)."""
    per = Period.parse(period)
    ev = riwayat[(riwayat["tanggal"] >= per.start) & (riwayat["tanggal"] <= per.end)]
    ev = ev[(ev["jenis_mutasi"] == JENJANG).fillna(False).astype(bool)]
    where = "opd_kode_akhir" if "opd_kode_akhir" in frame else "opd_kode"
    person = frame.drop_duplicates("nip").set_index("nip")[where].astype("string")
    opd = ev["opd_kode_baru"].astype("string").fillna(person.reindex(ev["nip"]).set_axis(ev.index))
    out = (pd.DataFrame({"jenis": JENJANG, "opd_kode": opd, "alasan": codes.JENJANG_RISE, "nip": ev["nip"]})
           .groupby(["jenis", "opd_kode", "alasan"], dropna=False).agg(n_peristiwa=("nip", "size"), n_orang=("nip", "nunique"))
           .reset_index())
    return out.astype({"jenis": "string", "opd_kode": "string", "alasan": "string", "n_peristiwa": "Int64",
                       "n_orang": "int64"})
