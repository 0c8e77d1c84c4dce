"""Where every promotion and every person went: counted in the analysis, or left out with a named reason.

`promotion_ledger` gives one row per promotion event of the period with its `alasan` (reason); `person_ledger`
one row per pegawai row read (accepted into the frame, or rejected at validation). `ledger_table` aggregates
both into `tables/promotions_ledger.csv` (counts per kind, OPD and reason; no person-level detail).
"""

from __future__ import annotations

import pandas as pd

from merit_lib.analysis.features import SOURCE_APPOINTED, promotion_mask
from merit_lib.domain import rules as R
from merit_lib.domain.period import Period

COUNTED = "dihitung"
#: promotion reasons, in the order a reader wants them (the first applies)
DUPLICATE = "duplikat"                         # the same event twice (same person, date, target)
SECOND = "promosi_kedua"                       # a later promotion of a person already counted in the period
NOT_IN_FRAME = "pegawai_tidak_ada"             # its person is not among the accepted pegawai rows
APPOINTED = "diangkat_dalam_periode"           # not in service at the start of the period
LEVEL_UNKNOWN = "tingkat_awal_tidak_diketahui"  # level before unknown and not inferable
NOT_COVERED = "tingkat_tujuan_tidak_dicakup"   # from JPT Pratama (or a level without a higher one covered)
OPD_UNKNOWN = "opd_tidak_diketahui"
PROMOTION_REASONS = (COUNTED, DUPLICATE, SECOND, NOT_IN_FRAME, APPOINTED, LEVEL_UNKNOWN, NOT_COVERED, OPD_UNKNOWN)

#: person reasons
AT_RISK = "dapat_dipromosikan"                 # in the frame and in the at-risk population
NO_HIGHER = "tidak_ada_jenjang_berikut"        # in the frame, at a level with no higher one covered (JPT Pratama)
REJECTED = "ditolak_validasi"                  # rejected at validation (see validation.csv)
PERSON_REASONS = (AT_RISK, NO_HIGHER, APPOINTED, LEVEL_UNKNOWN, OPD_UNKNOWN, REJECTED)

KEYS = ["nip", "tanggal", "jenis_jabatan_baru", "eselon_baru", "opd_kode_baru"]


def promotion_ledger(frame: pd.DataFrame, riwayat: pd.DataFrame, period: Period | str) -> pd.DataFrame:
    """One row per promotion event dated in `period`: nip, tanggal, opd_kode and the reason it is counted or not."""
    per = Period.parse(period)
    ev = riwayat[(riwayat["tanggal"] >= per.start) & (riwayat["tanggal"] <= per.end)]
    ev = ev[promotion_mask(ev)].sort_values(["nip", "tanggal"], kind="stable")
    person = frame.set_index("nip")
    out = pd.DataFrame({"nip": ev["nip"].astype("string").to_numpy(), "tanggal": ev["tanggal"].to_numpy()})
    in_frame = out["nip"].isin(person.index)
    opd_frame = person["opd_kode"].reindex(out["nip"]).astype("string").to_numpy()
    out["opd_kode"] = pd.Series(opd_frame, dtype="string").fillna(ev["opd_kode_baru"].astype("string").reset_index(drop=True))
    at_risk = person["berisiko"].reindex(out["nip"]).fillna(False).astype(bool).to_numpy()
    level = person["level_awal"].reindex(out["nip"]).astype("string").to_numpy()
    source = person["level_awal_sumber"].reindex(out["nip"]).astype("string").to_numpy()
    dup = ev[KEYS].reset_index(drop=True).duplicated()
    second = out["nip"].duplicated() & ~dup
    conditions = [dup, second, ~in_frame, pd.Series(source == SOURCE_APPOINTED), pd.Series(level).isna(),
                  ~pd.Series(level).isin(list(R.TARGET)), pd.Series(opd_frame).isna(), pd.Series(at_risk)]
    reasons = [DUPLICATE, SECOND, NOT_IN_FRAME, APPOINTED, LEVEL_UNKNOWN, NOT_COVERED, OPD_UNKNOWN, COUNTED]
    out["alasan"] = _first_reason(conditions, reasons, len(out))
    return out


def person_ledger(frame: pd.DataFrame, rejected_rows: int) -> pd.DataFrame:
    """Per OPD and reason: how many accepted pegawai rows are at risk or why not; plus the rejected rows (OPD unknown)."""
    level = frame["level_awal"].astype("string")
    conditions = [frame["berisiko"].fillna(False).astype(bool),
                  (frame["level_awal_sumber"] == SOURCE_APPOINTED).fillna(False), level.isna(),
                  ~level.isin(list(R.TARGET)).fillna(False), frame["opd_kode"].isna()]
    reasons = _first_reason(conditions, [AT_RISK, APPOINTED, LEVEL_UNKNOWN, NO_HIGHER, OPD_UNKNOWN], len(frame))
    table = pd.DataFrame({"opd_kode": frame["opd_kode"].astype("string").to_numpy(), "alasan": reasons.to_numpy()})
    counts = table.groupby(["opd_kode", "alasan"], dropna=False).size().rename("n_orang").reset_index()
    if rejected_rows:
        counts = pd.concat([counts, pd.DataFrame({"opd_kode": [pd.NA], "alasan": [REJECTED], "n_orang": [rejected_rows]})],
                           ignore_index=True)
    return counts.astype({"opd_kode": "string", "alasan": "string", "n_orang": "int64"})


def _first_reason(conditions: list, reasons: list[str], n: int) -> pd.Series:
    """The first reason whose condition holds (conditions are aligned positionally)."""
    out = pd.Series(pd.NA, index=range(n), dtype="string")
    for cond, reason in zip(conditions, reasons):
        hit = pd.Series(cond).reset_index(drop=True).fillna(False).astype(bool) & out.isna()
        out[hit] = reason
    return out.fillna(LEVEL_UNKNOWN)


def ledger_table(promotions: pd.DataFrame, persons: pd.DataFrame) -> pd.DataFrame:
    """The published ledger: counts per kind (`promosi` events and persons, `pegawai`), OPD and reason."""
    p = promotions.groupby(["opd_kode", "alasan"], dropna=False).agg(n_peristiwa=("nip", "size"), n_orang=("nip", "nunique"))
    p = p.reset_index().assign(jenis="promosi")
    q = persons.assign(jenis="pegawai", n_peristiwa=pd.NA)
    out = pd.concat([p, q], ignore_index=True)[["jenis", "opd_kode", "alasan", "n_peristiwa", "n_orang"]]
    order = {r: i for i, r in enumerate(PROMOTION_REASONS + PERSON_REASONS)}
    out = out.assign(_o=out["alasan"].map(order)).sort_values(["jenis", "_o", "opd_kode"], kind="stable", na_position="last")
    return out.drop(columns="_o").astype({"n_peristiwa": "Int64", "n_orang": "int64"}).reset_index(drop=True)


REASON_TEXT = {
    DUPLICATE: {"id": "baris ganda", "en": "duplicate rows"},
    SECOND: {"id": "promosi kedua orang yang sama", "en": "second promotion of the same person"},
    NOT_IN_FRAME: {"id": "pegawainya tidak ada di data pegawai", "en": "person not in the staff table"},
    APPOINTED: {"id": "baru diangkat dalam periode", "en": "appointed during the period"},
    LEVEL_UNKNOWN: {"id": "jenjang sebelum promosi tidak diketahui", "en": "level before promotion unknown"},
    NOT_COVERED: {"id": "jenjang tujuan di luar cakupan (di atas JPT Pratama)", "en": "target level not covered (above JPT Pratama)"},
    OPD_UNKNOWN: {"id": "OPD tidak diketahui", "en": "OPD unknown"},
}


def ledger_text(table: pd.DataFrame, scope: str | None = None, lang: str = "id") -> str:
    """One sentence: promotion events of the period in a scope (an OPD, or all when None), counted and left out by reason."""
    p = table[table["jenis"] == "promosi"]
    if scope is not None:
        p = p[p["opd_kode"] == scope]
    total = int(p["n_peristiwa"].sum())
    counted = int(p.loc[p["alasan"] == COUNTED, "n_peristiwa"].sum())
    out = p[p["alasan"] != COUNTED].groupby("alasan")["n_peristiwa"].sum()
    en = lang == "en"
    if total == 0:
        return "No promotion event in this period." if en else "Tidak ada peristiwa promosi pada periode ini."
    head = (f"Promotion events in the data: {total}; counted in the analysis: {counted}" if en
            else f"Peristiwa promosi dalam data: {total}; dihitung dalam analisis: {counted}")
    if out.empty:
        return head + (" (all)." if en else " (semuanya).")
    why = "; ".join(f"{REASON_TEXT[r]['en' if en else 'id']} {int(n)}" for r, n in out.items())
    return head + (f"; not counted: {why}." if en else f"; tidak dihitung: {why}.")


def for_extract(extract: object, frame: pd.DataFrame, period: Period | str) -> pd.DataFrame:
    """The ledger table of an extract (`Extract` with its validation report) and its analysis frame."""
    promotions = promotion_ledger(frame, extract.tables["riwayat_jabatan"], period)
    return ledger_table(promotions, person_ledger(frame, len(extract.report.rejected_rows("pegawai"))))
