"""Where every promotion and every person went: counted in the analysis, or left out with a named reason.

`promotion_ledger` gives one row per promotion event of every quarter of the evidence window with its quarter
(`triwulan`) and `alasan` (reason); `person_ledger` one row per pegawai row read (accepted into the frame at the period's
start, or rejected at validation). `ledger_table` aggregates both, with every rotation and mutation event of the period
(`analysis.rotations`: counted, or left out with a named reason) and every JF jenjang rise of the period
(`kenaikan_jenjang`: neither), into `tables/promotions_ledger.csv` (counts per kind,
quarter, OPD and reason; no person-level detail).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from merit_lib.analysis import rotations
from merit_lib.analysis.features import SOURCE_APPOINTED, current, promotion_mask, window_of
from merit_lib.domain import rules as R
from merit_lib.domain import text
from merit_lib.domain.codes import (  # the codes live in domain.codes
    APPOINTED,
    AT_RISK,
    COUNTED,
    DUPLICATE,
    LEVEL_UNKNOWN,
    NO_HIGHER,
    NOT_ACTIVE,
    NOT_COVERED,
    NOT_IN_FRAME,
    OPD_UNKNOWN,
    RECENTLY_PROMOTED,
    REJECTED,
    SECOND,
)
from merit_lib.domain.language import number
from merit_lib.domain.period import Period

#: promotion reasons, in the order a reader wants them (the first applies)
PROMOTION_REASONS = (COUNTED, DUPLICATE, SECOND, NOT_IN_FRAME, APPOINTED, LEVEL_UNKNOWN, NOT_COVERED, OPD_UNKNOWN,
                     NOT_ACTIVE, RECENTLY_PROMOTED)

#: person reasons
PERSON_REASONS = (AT_RISK, NO_HIGHER, APPOINTED, LEVEL_UNKNOWN, OPD_UNKNOWN, NOT_ACTIVE, RECENTLY_PROMOTED, REJECTED)

KEYS = ["nip", "tanggal", "jenis_jabatan_baru", "eselon_baru", "opd_kode_baru"]


def promotion_ledger(frame: pd.DataFrame, riwayat: pd.DataFrame, period: Period | str | None = None) -> pd.DataFrame:
    """One row per promotion event dated in a quarter of the frame's evidence window: nip, tanggal, triwulan, opd_kode
    and the reason it is counted or not (each event is judged on its own quarter's row of the person). `period`, when
    given, must be the window's last quarter."""
    win = window_of(frame)
    if period is not None and Period.parse(period) != win.period:
        raise ValueError(f"periode {period} bukan triwulan terakhir jendela frame ({win.period})")
    ev = riwayat[(riwayat["tanggal"] >= win.start) & (riwayat["tanggal"] <= win.end)]
    ev = ev[promotion_mask(ev)].sort_values(["nip", "tanggal"], kind="stable")
    quarter = win.quarter_of(ev["tanggal"]).to_numpy()
    rows = frame.assign(_q=frame["triwulan"].astype("string") if "triwulan" in frame else str(win.period))
    person = rows.set_index(["nip", "_q"])
    person = person[~person.index.duplicated()]
    out = pd.DataFrame({"nip": ev["nip"].astype("string").to_numpy(), "tanggal": ev["tanggal"].to_numpy(),
                        "triwulan": pd.array(quarter, dtype="string")})
    key = pd.MultiIndex.from_arrays([out["nip"], out["triwulan"]])
    in_frame = pd.Series(key.isin(person.index))
    opd_frame = person["opd_kode"].reindex(key).astype("string").to_numpy()
    out["opd_kode"] = pd.Series(opd_frame, dtype="string").fillna(ev["opd_kode_baru"].astype("string").reset_index(drop=True))
    at_risk = person["berisiko"].reindex(key).fillna(False).astype(bool).to_numpy()
    level = person["level_awal"].reindex(key).astype("string").to_numpy()
    source = person["level_awal_sumber"].reindex(key).astype("string").to_numpy()
    recent = _flag(person, "baru_dipromosikan", key)
    inactive = ~_flag(person, "aktif", key, default=True)
    dup = ev[KEYS].reset_index(drop=True).duplicated()
    second = out[["nip", "triwulan"]].duplicated() & ~dup
    conditions = [dup, second, ~in_frame, pd.Series(source == SOURCE_APPOINTED), pd.Series(level).isna(),
                  ~pd.Series(level).isin(list(R.TARGET)), pd.Series(opd_frame).isna(), pd.Series(inactive),
                  pd.Series(recent), pd.Series(at_risk)]
    reasons = [DUPLICATE, SECOND, NOT_IN_FRAME, APPOINTED, LEVEL_UNKNOWN, NOT_COVERED, OPD_UNKNOWN, NOT_ACTIVE,
               RECENTLY_PROMOTED, COUNTED]
    out["alasan"] = _first_reason(conditions, reasons, len(out))
    return out


def _flag(person: pd.DataFrame, column: str, key: pd.MultiIndex, default: bool = False) -> np.ndarray:
    """A frame's true/false column at the (nip, quarter) of each event; `default` where the frame has no such column or
    row."""
    if column not in person:
        return np.full(len(key), default)
    return person[column].reindex(key).fillna(default).astype(bool).to_numpy()


def person_ledger(frame: pd.DataFrame, rejected_rows: int) -> pd.DataFrame:
    """Per OPD and reason: how many accepted pegawai rows are at risk at the period's start or why not; plus the rejected
    rows (OPD unknown)."""
    frame = current(frame)
    level = frame["level_awal"].astype("string")
    recent = frame["baru_dipromosikan"] if "baru_dipromosikan" in frame else pd.Series(False, index=frame.index)
    inactive = ~frame["aktif"].astype(bool) if "aktif" in frame else pd.Series(False, index=frame.index)
    conditions = [frame["berisiko"].fillna(False).astype(bool),
                  (frame["level_awal_sumber"] == SOURCE_APPOINTED).fillna(False), level.isna(),
                  ~level.isin(list(R.TARGET)).fillna(False), frame["opd_kode"].isna(), inactive, recent.fillna(False)]
    reasons = _first_reason(conditions, [AT_RISK, APPOINTED, LEVEL_UNKNOWN, NO_HIGHER, OPD_UNKNOWN, NOT_ACTIVE,
                                         RECENTLY_PROMOTED], len(frame))
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


def ledger_table(promotions: pd.DataFrame, persons: pd.DataFrame, moves: pd.DataFrame | None = None,
                 period: Period | str | None = None) -> pd.DataFrame:
    """The published ledger: counts per kind (`promosi` events and persons, per quarter of the window; `pegawai` at the
    period's start; `rotasi` and `mutasi` events of the period from `moves`, rotations.move_ledger), OPD and reason.
    `period`: the quarter the pegawai and move rows belong to (default: the promotions' latest)."""
    p = promotions.groupby(["triwulan", "opd_kode", "alasan"], dropna=False).agg(n_peristiwa=("nip", "size"),
                                                                                 n_orang=("nip", "nunique"))
    p = p.reset_index().assign(jenis="promosi")
    quarter = str(period) if period is not None else (promotions["triwulan"].max() if len(promotions) else pd.NA)
    q = persons.assign(jenis="pegawai", n_peristiwa=pd.NA, triwulan=quarter)
    parts = [p, q] + ([moves.assign(triwulan=quarter)] if moves is not None and not moves.empty else [])
    out = pd.concat(parts, ignore_index=True)[["jenis", "triwulan", "opd_kode", "alasan", "n_peristiwa", "n_orang"]]
    order = {r: i for i, r in enumerate(dict.fromkeys(PROMOTION_REASONS + PERSON_REASONS + rotations.MOVE_REASONS))}
    out = out.assign(_o=out["alasan"].map(order)).sort_values(["jenis", "triwulan", "_o", "opd_kode"], kind="stable",
                                                             na_position="last")
    return out.drop(columns="_o").astype({"triwulan": "string", "n_peristiwa": "Int64", "n_orang": "int64"}
                                         ).reset_index(drop=True)


#: reason → words (in the catalogue, `text.LEDGER`)
REASON_TEXT = text.LEDGER


def ledger_text(table: pd.DataFrame, scope: str | None = None, lang: str = "id") -> str:
    """One sentence: promotion events of the period in a scope (an OPD, or all when None), counted and left out by reason."""
    p = table[table["jenis"] == "promosi"]
    if scope is not None:
        p = p[p["opd_kode"] == scope]
    total = int(p["n_peristiwa"].sum())
    counted = int(p.loc[p["alasan"] == COUNTED, "n_peristiwa"].sum())
    out = p[p["alasan"] != COUNTED].groupby("alasan")["n_peristiwa"].sum()
    if total == 0:
        return text.t("ledger.none", lang)
    head = text.t("ledger.head", lang, total=number(total, lang), counted=number(counted, lang))
    if out.empty:
        return head + text.t("ledger.all", lang)
    why = "; ".join(f"{text.t('ledger.' + str(r), lang)} {number(int(n), lang)}" for r, n in out.items())
    return head + text.t("ledger.not_counted", lang, why=why)


def for_extract(extract: object, frame: pd.DataFrame, period: Period | str,
                moves: rotations.Moves | None = None) -> pd.DataFrame:
    """The ledger table of an extract (`Extract` with its validation report) and its analysis frame."""
    promotions = promotion_ledger(frame, extract.tables["riwayat_jabatan"], period)
    if moves is None:
        moves = rotations.review_moves(current(frame), extract.tables["riwayat_jabatan"], extract.tables["pegawai"], period)
    other = [t for t in (rotations.move_ledger(moves),
                         rotations.jenjang_ledger(extract.tables["riwayat_jabatan"], current(frame), period)) if not t.empty]
    return ledger_table(promotions, person_ledger(frame, len(extract.report.rejected_rows("pegawai"))),
                        pd.concat(other, ignore_index=True) if other else None, period)
