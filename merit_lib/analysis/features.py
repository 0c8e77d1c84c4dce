"""The analysis rows of an evidence window: one row per ASN at the start of each quarter of the window (person-quarters),
predictors dated before that quarter's start, and the outcome in that quarter (DESIGN §8).

No look-ahead: every predictor of a quarter's row is taken from data dated before the quarter's start (assessments, SKP
years, position history); only the outcome `dipromosikan` and the end-of-period columns (`*_akhir`) look inside it. A
person promoted in one quarter starts the next at the new level, so they leave the risk set of the old level. With a
window of one quarter the frame is one row per ASN at the period's start.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from merit_lib.analysis import talent as T
from merit_lib.domain import contract as C
from merit_lib.domain import rules as R
from merit_lib.domain.period import DEFAULT_WINDOW, Period, Window
from merit_lib.domain.rules import AGE_BANDS, AGE_LABELS

LEVEL_OF_ESELON = {"II": "JPT Pratama", "III": "Administrator", "IV": "Pengawas"}
ESELON_RANK = {"II.a": 6, "II.b": 5, "III.a": 4, "III.b": 3, "IV.a": 2, "IV.b": 1}
#: the level one below a target (a promotion into it with no eselon_lama came from here, or its functional equivalent)
LEVEL_BELOW = {"Pengawas": R.NONSTRUCTURAL, "Administrator": "Pengawas", "JPT Pratama": "Administrator"}
#: where `level_awal` came from
SOURCE_PEGAWAI, SOURCE_HISTORY, SOURCE_ESELON_LAMA = "pegawai", "riwayat", "eselon_lama"
SOURCE_SAME_LEVEL, SOURCE_INFERRED = "rotasi_mutasi_setingkat", "disimpulkan_dari_tujuan"
#: moves that keep a person's level: rotation, mutation, and a JF jenjang rise (Ahli Pertama → Ahli Muda stays Fungsional)
SAME_LEVEL = ("rotasi", "mutasi", "kenaikan_jenjang")
SOURCE_APPOINTED, SOURCE_UNKNOWN = "diangkat_dalam_periode", "tidak_diketahui"


def _tables(extract: object) -> Mapping[str, pd.DataFrame]:
    return extract.tables if hasattr(extract, "tables") else extract  # type: ignore[return-value]


def _years(later: pd.Series | pd.Timestamp, earlier: pd.Series) -> pd.Series:
    return (later - earlier).dt.days / 365.25


def age_group(usia: pd.Series, bands: tuple[float, ...] = AGE_BANDS, labels: tuple[str, ...] = AGE_LABELS) -> pd.Series:
    """Age in years → band label (`< 30`, `30–39`, `40–49`, `≥ 50` by default)."""
    return pd.cut(usia, list(bands), right=False, labels=list(labels)).astype("string")


def _level_of_eselon(eselon: pd.Series) -> pd.Series:
    """`IV.a` → `Pengawas`, `III.b` → `Administrator`, `II.a` → `JPT Pratama`; NA elsewhere."""
    return eselon.astype("string").str.split(".").str[0].map(LEVEL_OF_ESELON).astype("string")


def promotion_mask(events: pd.DataFrame) -> pd.Series:
    """Which events are promotions: `promosi`, or (jenis_mutasi missing) an eselon that rises (DESIGN §3)."""
    rise = events["jenis_mutasi"].isna() & (events["eselon_baru"].map(ESELON_RANK).fillna(0)
                                            > events["eselon_lama"].map(ESELON_RANK).fillna(0))
    return ((events["jenis_mutasi"] == "promosi") | rise).fillna(False).astype(bool)


def _target_level(events: pd.DataFrame) -> pd.Series:
    """The level an event moves into: from its eselon where given, else its jenis_jabatan_baru."""
    return _level_of_eselon(events["eselon_baru"]).fillna(events["jenis_jabatan_baru"].astype("string"))


def _level_before_first_event(first: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """For persons whose first known event falls in or after the period: the level before it, and how it was found.

    `eselon_lama` where given; a rotation or mutation keeps its level; a promotion with no `eselon_lama` came from the
    level below its target (into Pengawas: a non-structural post, Pelaksana or Fungsional, which the data cannot tell
    apart; into Administrator or JPT: the equivalent functional post, DESIGN §4); an appointment in the period means
    the person was not in service at the start; anything else stays unknown.
    """
    kind = first["jenis_mutasi"].astype("string")
    from_eselon = _level_of_eselon(first["eselon_lama"])
    same_level = kind.isin(SAME_LEVEL).fillna(False)
    promo = promotion_mask(first)
    below = _target_level(first).map(LEVEL_BELOW).astype("string")
    level = from_eselon.copy()
    source = pd.Series(np.where(from_eselon.notna(), SOURCE_ESELON_LAMA, SOURCE_UNKNOWN), index=first.index, dtype="string")
    take = level.isna() & same_level
    level[take], source[take] = first.loc[take, "jenis_jabatan_baru"].astype("string"), SOURCE_SAME_LEVEL
    take = level.isna() & promo & below.notna()
    level[take], source[take] = below[take], SOURCE_INFERRED
    take = level.isna() & (kind == "pengangkatan").fillna(False)
    source[take] = SOURCE_APPOINTED
    return level, source


def position_at_start(pegawai: pd.DataFrame, riwayat: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Level, eselon, OPD and position start date at the period start, rebuilt from history where it changed.

    `level_awal_sumber` says where each level came from (see `_level_before_first_event`). When any level had to be
    inferred as non-structural, Pelaksana and Fungsional are one level (`Pelaksana/Fungsional`) for everyone, so that
    those promoted sit in the same group as their peers.
    """
    start, end = period.start, period.end
    out = pd.DataFrame({"nip": pegawai["nip"].to_numpy(),
                        "level_awal": pegawai["jenis_jabatan"].to_numpy(),
                        "eselon_awal": pegawai["eselon"].to_numpy(),
                        "opd_kode": pegawai["opd_kode"].to_numpy(),
                        "tmt_jabatan_awal": pegawai["tmt_jabatan"].to_numpy()})
    out = out.astype({"level_awal": "string", "eselon_awal": "string", "opd_kode": "string"})
    out["level_awal_sumber"] = pd.Series(SOURCE_PEGAWAI, index=out.index, dtype="string")
    ev = riwayat.loc[riwayat["tanggal"].notna(), ["nip", "tanggal", "jenis_mutasi", "jenis_jabatan_baru", "eselon_baru",
                                                  "opd_kode_baru", "eselon_lama", "opd_kode_lama"]]
    ev = ev.sort_values(["nip", "tanggal"], kind="stable")
    changed = ev.loc[ev["tanggal"] >= start, "nip"].unique()   # anything from the start on changes the picture
    before = ev[ev["tanggal"] < start].groupby("nip").tail(1).set_index("nip")
    first_in = ev[(ev["tanggal"] >= start)].groupby("nip").head(1).set_index("nip")

    idx = out["nip"].isin(changed).to_numpy()
    nips = out.loc[idx, "nip"]
    has_before = nips.isin(before.index).to_numpy()
    b = before.reindex(nips)
    f = first_in.reindex(nips)
    inferred, inferred_source = _level_before_first_event(f)
    level = pd.Series(np.where(has_before, b["jenis_jabatan_baru"].astype("string"), inferred), index=nips.index, dtype="string")
    source = pd.Series(np.where(has_before, SOURCE_HISTORY, inferred_source), index=nips.index, dtype="string")
    same_level = (f["jenis_mutasi"].isin(SAME_LEVEL).fillna(False) & f["eselon_lama"].isna()).to_numpy()
    eselon_before = np.where(same_level, f["eselon_baru"].astype("string"), f["eselon_lama"].astype("string"))
    eselon = pd.Series(np.where(has_before, b["eselon_baru"].astype("string"), eselon_before), index=nips.index, dtype="string")
    opd = pd.Series(np.where(has_before, b["opd_kode_baru"].astype("string"), f["opd_kode_lama"].astype("string")),
                    index=nips.index, dtype="string")
    out.loc[idx, "level_awal"] = level.to_numpy()
    out.loc[idx, "level_awal_sumber"] = source.to_numpy()
    out.loc[idx, "eselon_awal"] = eselon.to_numpy()
    out.loc[idx, "opd_kode"] = opd.fillna(pegawai.loc[idx, "opd_kode"].astype("string")).to_numpy()
    out.loc[idx, "tmt_jabatan_awal"] = np.where(has_before, b["tanggal"].to_numpy(), np.datetime64("NaT"))
    out["tmt_jabatan_awal"] = pd.to_datetime(out["tmt_jabatan_awal"])
    out.loc[out["tmt_jabatan_awal"] >= start, "tmt_jabatan_awal"] = pd.NaT
    if (out["level_awal"] == R.NONSTRUCTURAL).any():
        out.loc[out["level_awal"].isin(["Pelaksana", "Fungsional"]).fillna(False), "level_awal"] = R.NONSTRUCTURAL
    # promoted into the level less than MIN_YEARS_IN_LEVEL before the start: not at risk in this quarter
    earlier = ev[(ev["tanggal"] < start) & promotion_mask(ev)].groupby("nip")["tanggal"].max()
    since = pd.Series(pd.to_datetime(earlier.reindex(out["nip"]).to_numpy()), index=out.index)
    out["baru_dipromosikan"] = ((start - since).dt.days < 365.25 * R.MIN_YEARS_IN_LEVEL).to_numpy(bool)
    # the outcome: a promotion in the period (DESIGN §3)
    in_period = ev[(ev["tanggal"] >= start) & (ev["tanggal"] <= end)]
    promo = in_period[promotion_mask(in_period)]
    out["dipromosikan"] = out["nip"].isin(promo["nip"]).to_numpy()
    first_promo = promo.groupby("nip")["tanggal"].min()
    out["tanggal_promosi"] = pd.to_datetime(first_promo.reindex(out["nip"]).to_numpy())
    out["jenis_jabatan_akhir"] = pegawai["jenis_jabatan"].to_numpy()
    out["opd_kode_akhir"] = pegawai["opd_kode"].to_numpy()
    return out


def counted_promotions(frame: pd.DataFrame) -> pd.Series:
    """The persons whose promotion the analysis counts: promoted in the period and in the at-risk population."""
    return frame["dipromosikan"].astype(bool) & frame["berisiko"].fillna(False).astype(bool)


def latest_assessment(profiling: pd.DataFrame, before: pd.Timestamp) -> pd.DataFrame:
    """Each person's latest assessment dated before `before`, with kompetensi (mean of the 9 levels) and derived fields."""
    p = profiling[profiling["tanggal_asesmen"] < before].sort_values(["nip", "tanggal_asesmen"], kind="stable")
    p = p.groupby("nip").tail(1).set_index("nip")
    out = pd.DataFrame(index=p.index)
    out["tanggal_asesmen"] = p["tanggal_asesmen"]
    comps = p[list(C.COMPETENCIES)]
    for c in C.COMPETENCIES:
        out[c] = comps[c]
    out["kompetensi"] = comps.mean(axis=1)
    out["kompetensi_min"] = comps.min(axis=1)
    out["jpm"] = p["jpm"]
    derived = R.jpm_category(p["jpm"])
    given = p["kategori_jpm"].astype("string") if "kategori_jpm" in p else pd.Series(pd.NA, index=p.index, dtype="string")
    out["kategori_jpm"] = given.fillna(derived)
    pot = p["skor_potensi"] if "skor_potensi" in p else pd.Series(np.nan, index=p.index)
    out["potensi_diturunkan"] = pot.isna() & out["kompetensi"].notna()
    out["skor_potensi"] = pot.fillna(25 * (out["kompetensi"] - 1))
    return out


def kinerja_history(kinerja: pd.DataFrame, start: pd.Timestamp) -> pd.DataFrame:
    """SKP levels of the last two full years before `start` (`skp_level_1` = the latest) and their mean `kinerja`."""
    y1, y2 = start.year - 1, start.year - 2
    k = kinerja[kinerja["tahun"].isin([y1, y2])].copy()
    k["level"] = k["predikat"].map(R.SKP_LEVEL).astype(float)
    wide = k.pivot_table(index="nip", columns="tahun", values="level", aggfunc="last")
    out = pd.DataFrame(index=wide.index)
    out["skp_level_1"] = wide[y1] if y1 in wide else np.nan
    out["skp_level_2"] = wide[y2] if y2 in wide else np.nan
    pred = k.pivot_table(index="nip", columns="tahun", values="predikat", aggfunc="last")
    out["predikat_1"] = pred[y1] if y1 in pred else pd.NA
    out["kinerja"] = out[["skp_level_1", "skp_level_2"]].mean(axis=1)
    return out


def evidence_window(extract: object, period: Period | str, window: int | Window = DEFAULT_WINDOW) -> Window:
    """The quarters of the evidence window ending with `period`: `window` of them, fewer where the extract's history
    (its first dated `riwayat_jabatan` event) does not reach back that far."""
    if isinstance(window, Window):
        return window
    riwayat = _tables(extract)["riwayat_jabatan"]
    first = pd.to_datetime(riwayat["tanggal"]).min() if len(riwayat) else pd.NaT
    return Window.ending(period, window, first)


def window_of(frame: pd.DataFrame) -> Window:
    """The evidence window a frame was built on (its quarters, and how many were asked for)."""
    if "window" in frame.attrs:
        return Window.from_dict(frame.attrs["window"])
    quarters = sorted(pd.unique(frame["triwulan"].dropna()), key=str) if "triwulan" in frame else []
    return Window(tuple(Period.parse(q) for q in quarters), max(len(quarters), 1))


def current(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the window's last quarter: one per ASN at the period's start (the state a talent map shows)."""
    if "triwulan" not in frame or frame["triwulan"].nunique() <= 1:
        return frame
    return frame[frame["triwulan"] == str(window_of(frame).period)]


def analysis_frame(extract: object, period: Period | str, window: int | Window = DEFAULT_WINDOW,
                   age_bands: tuple[float, ...] = AGE_BANDS, age_labels: tuple[str, ...] = AGE_LABELS,
                   required_competency: dict[str, float] | None = None,
                   thresholds: T.Thresholds = T.DEFAULT, competency_rule: str = "each",
                   cache: dict[str, pd.DataFrame] | None = None, as_at: bool = False) -> pd.DataFrame:
    """The person-quarters of the evidence window ending with `period`: for each quarter (`triwulan`), one row per ASN at
    its start with predictors, every eligibility check and the outcome in that quarter (`quarter_frame`).

    `window`: quarters (default 4, the twelve months ending with the period; 1 = the period alone), fewer where the
    history is shorter (`evidence_window`); the frame's `attrs["window"]` records it (`window_of`). `cache`: quarter →
    its rows, shared by calls on the same extract and settings (overlapping windows build each quarter once; a window's
    last quarter differs only in who is in post, `_as_last`).

    The door of a period (`analysis.door.check_period`): a malformed one, one before the extract's history or after its
    last date is refused in one line; `as_at=True` (a shortlist: the staff as at the period's start, nothing counted in
    it) lets the period lie after the data. The frame carries its provenance in `attrs` (period, window, the extract's
    fingerprint, rejected rows and language: `analysis.door.context`), which audit, models and compliance read."""
    from merit_lib.analysis import door

    door.require_tables(extract)
    period = door.check_period(extract, period, as_at=as_at)
    win = evidence_window(extract, period, window)
    cache = {} if cache is None else cache
    frames = []
    for q in win.quarters:
        key = str(q)
        if key not in cache:
            cache[key] = quarter_frame(extract, q, age_bands, age_labels, required_competency, thresholds,
                                       competency_rule, last=False)
        frames.append(_as_last(cache[key], extract, q) if q == win.period else cache[key])
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].copy()
    frame.attrs.update({**door.extract_context(extract), "period": str(win.period), "window": win.as_dict()})
    return frame


def _as_last(rows: pd.DataFrame, extract: object, period: Period) -> pd.DataFrame:
    """A quarter's rows (`quarter_frame(…, last=False)`) as its window's last quarter: the same but for who is in post
    (`active_at`) and so at risk; nothing else in a row depends on it, nor on the other rows."""
    peg = _tables(extract)["pegawai"].reset_index(drop=True)
    aktif = active_at(peg, period.start, last=True).to_numpy()
    if (aktif == rows["aktif"].to_numpy()).all():
        return rows
    out = rows.copy()
    out["aktif"] = aktif
    out["berisiko"] = at_risk(out)
    return out


def at_risk(frame: pd.DataFrame) -> pd.Series:
    """Who could be promoted in the quarter: in post, with a level to rise to, in an OPD, not just promoted."""
    return frame["level_tujuan"].notna() & frame["opd_kode"].notna() & ~frame["baru_dipromosikan"] & frame["aktif"]


def active_at(pegawai: pd.DataFrame, start: pd.Timestamp, last: bool = True) -> pd.Series:
    """Who is in post (kedudukan hukum, rules.is_active) at a quarter's start: a state that is not active counts from
    its `tmt_kedudukan_hukum`; without that date, from the window's `last` quarter only (the extract is the state at
    its end, so the earlier quarters count where the person was still active). Nobody is in post before their
    `tmt_cpns` (an extract lists today's staff: a person appointed later was not yet an ASN)."""
    appointed = pd.to_datetime(pegawai["tmt_cpns"], errors="coerce") if "tmt_cpns" in pegawai else \
        pd.Series(pd.NaT, index=pegawai.index)
    not_yet = (appointed > start).fillna(False).to_numpy(bool)
    if "kedudukan_hukum" not in pegawai:
        return pd.Series(~not_yet, index=pegawai.index)
    inactive = ~R.is_active(pegawai["kedudukan_hukum"])
    since = pd.to_datetime(pegawai["tmt_kedudukan_hukum"]) if "tmt_kedudukan_hukum" in pegawai else \
        pd.Series(pd.NaT, index=pegawai.index)
    started = (since <= start).fillna(False) | (since.isna() & last)
    return ~(inactive & started) & ~not_yet


def quarter_frame(extract: object, period: Period | str, age_bands: tuple[float, ...] = AGE_BANDS,
                  age_labels: tuple[str, ...] = AGE_LABELS,
                  required_competency: dict[str, float] | None = None,
                  thresholds: T.Thresholds = T.DEFAULT, competency_rule: str = "each", last: bool = True) -> pd.DataFrame:
    """One row per ASN at the start of one quarter: predictors, every eligibility check, and the outcome.

    `competency_rule`: how the competency requirement reads the assessment (rules.COMPETENCY_RULES; default `each`
    competency at least the target level). `last`: whether the quarter is its window's last (`active_at`)."""
    per = Period.parse(period)
    start = per.start
    t = _tables(extract)
    peg = t["pegawai"].reset_index(drop=True)
    pos = position_at_start(peg, t["riwayat_jabatan"], per)

    frame = pd.DataFrame({"nip": peg["nip"].astype("string"), "nama": peg["nama"].astype("string"),
                          "triwulan": pd.Series(str(per), index=peg.index, dtype="string")})
    for col in ("jenis_kelamin", "status_kepegawaian", "golongan", "pendidikan", "agama"):
        if col in peg:
            frame[col] = peg[col].astype("string")
    for col in peg.columns:   # any further (protected) attribute column is kept
        if col not in frame and col not in {c.name for c in C.PEGAWAI.columns} and col != "_row":
            frame[col] = peg[col]
    for col in ("opd_kode", "level_awal", "level_awal_sumber", "eselon_awal", "tmt_jabatan_awal", "dipromosikan", "tanggal_promosi",
                "jenis_jabatan_akhir", "opd_kode_akhir", "baru_dipromosikan"):
        frame[col] = pos[col].to_numpy()
    names = peg.drop_duplicates("opd_kode").set_index("opd_kode")["opd_nama"]
    frame["opd_nama"] = frame["opd_kode"].map(names).astype("string")

    frame["usia"] = _years(start, peg["tanggal_lahir"]).to_numpy()
    frame["kelompok_usia"] = age_group(frame["usia"], age_bands, age_labels)
    tmt_cpns = peg["tmt_cpns"] if "tmt_cpns" in peg else pd.Series(pd.NaT, index=peg.index)
    frame["masa_kerja"] = _years(start, tmt_cpns.where(tmt_cpns < start)).to_numpy()
    frame["tahun_dalam_jabatan"] = _years(start, frame["tmt_jabatan_awal"]).to_numpy()
    # golongan is the end-of-period value: it changes on fixed April/October dates, never on promotion
    frame["golongan_ordinal"] = R.golongan_rank(frame["golongan"]).to_numpy()
    frame["pendidikan_s1"] = frame["pendidikan"].isin(["D4", "S1", "S2", "S3"]).astype(float)
    frame.loc[frame["pendidikan"].isna(), "pendidikan_s1"] = np.nan

    frame = frame.join(latest_assessment(t["profiling"], start), on="nip")
    frame = frame.join(kinerja_history(t["kinerja"], start), on="nip")
    frame["diprofil"] = frame["kompetensi"].notna()
    # the JF jenjang of a Fungsional still in a JF post at the end (the title names it); it decides the target (DESIGN §4)
    still_jf = (frame["level_awal"] == "Fungsional").fillna(False) & (frame["jenis_jabatan_akhir"] == "Fungsional").fillna(False)
    titles = peg["jabatan"] if "jabatan" in peg else pd.Series(pd.NA, index=peg.index, dtype="string")
    frame["jenjang_jf"] = pd.Series(R.jf_jenjang(titles).where(still_jf.to_numpy(), pd.NA).to_numpy(), index=frame.index,
                                    dtype="string")
    frame["level_tujuan"] = R.target_level(frame)
    frame["aktif"] = active_at(peg, start, last).to_numpy()
    frame["berisiko"] = at_risk(frame)
    checks = R.promotion_checks(frame, required_competency, competency_rule)
    frame = pd.concat([frame, checks], axis=1)
    return pd.concat([frame, T.readiness(frame, thresholds)], axis=1)
