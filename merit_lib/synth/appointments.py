"""Appointments other than promotion in the synthetic extract: rotations, mutations, JPT tenure, a shortlist to find.

Called by `generator.synthesize` after everything else, with its own random stream
(`np.random.default_rng([seed, 15])`), so the tables of earlier versions keep their values for the same seed: new
events and persons are appended at the end, and only movers' end-of-period rows (OPD, post, TMT) change.

Planted (ASSUMPTIONS of this generator, not facts about Banten; returned in `AppointmentTruth`):
- the pelantikan of `INSTALLATION_DAY`: the generator's 10 eselon II appointments (promotions and rotations);
- merit-following OPDs rotate about `ROTATION_SHARE` of their structural staff who meet every requirement of their
  post (rules.REQUIREMENTS without the time in the lower level), plus `N_MUTASI` mutations between such OPDs;
- OPDs in `ignore_merit` (the generator's) and `ROTATION_IGNORE_MERIT` fill `N_IGNORED` structural posts with staff
  who fail a requirement or were never assessed: their own (rotasi), then others' (mutasi into the OPD);
- two JPT Pratama heads in post for less than 2 years swap OPDs (`perlu alasan`); heads in one post for more than
  5 years at the period end are `melewati 5 tahun`;
- in `SHORTLIST_OPD`, a Pengawas who is ready now for Administrator (every check met, box 9, every competency 5) and
  a near miss (as strong, but 1.5 years in the post: fails `cek_masa_jabatan`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.domain import contract as C
from merit_lib.domain import rules as R
from merit_lib.domain.period import Period

STREAM = 15
ROTATION_IGNORE_MERIT: tuple[str, ...] = ("BAPENDA",)
ROTATION_SHARE = 0.08
N_MUTASI = 6
N_IGNORED = 6
SHORTLIST_OPD = "BKD"
SHORTLIST_LEVEL = "Administrator"
STRUCTURAL = ("Pengawas", "Administrator")
_TITLE = {"Pengawas": "Kepala Seksi", "Administrator": "Kepala Bidang", "JPT Pratama": "Kepala"}


@dataclass
class AppointmentTruth:
    """What was planted: the pelantikan, the rotation pattern per OPD, JPT tenure, the shortlist's first candidate."""

    pelantikan_date: pd.Timestamp
    pelantikan: pd.DataFrame                  # nip, jenis_mutasi, jenis_jabatan_baru, opd_kode_baru of the batch
    ignore_merit: list[str]
    moves: pd.DataFrame                       # planted moves: nip, tanggal, jenis_mutasi, opd_kode_baru, level, sesuai
    jpt_perlu_alasan: set[str] = field(default_factory=set)
    jpt_melewati_5_tahun: set[str] = field(default_factory=set)
    shortlist: dict[str, str] = field(default_factory=dict)   # opd, level, ready (NIP), near_miss (NIP), missing


def _latest_competency(profiling: pd.DataFrame, start: pd.Timestamp) -> pd.DataFrame:
    p = profiling[profiling["tanggal_asesmen"] < start].sort_values(["nip", "tanggal_asesmen"], kind="stable")
    return p.groupby("nip").tail(1).set_index("nip")[list(C.COMPETENCIES)]


def _post_checks(state: pd.DataFrame, profiling: pd.DataFrame, kinerja: pd.DataFrame, start: pd.Timestamp
                 ) -> pd.DataFrame:
    """Generator-side verdict of every requirement of a person's own level (no time in the lower level): `pass` when
    each is known and met, `fail` when one is known to fail, else neither (not assessed, SKP missing)."""
    level = state["jenis_jabatan"].astype(str)
    req = pd.DataFrame([R.REQUIREMENTS.get(lv, {}) for lv in level], index=state.index)
    comp = _latest_competency(profiling, start).reindex(state["nip"]).min(axis=1).to_numpy()
    need = level.map(R.REQUIRED_COMPETENCY).to_numpy(float)
    k = kinerja[kinerja["tahun"].isin([start.year - 1, start.year - 2])]
    lv = k.assign(v=k["predikat"].map(R.SKP_LEVEL)).pivot_table(index="nip", columns="tahun", values="v", aggfunc="last")
    lv = lv.reindex(state["nip"])
    skp_known = lv.notna().all(axis=1).to_numpy() if lv.shape[1] == 2 else np.zeros(len(state), bool)
    skp_fail = (lv < 1).any(axis=1).to_numpy()
    edu = state["pendidikan"].astype(str).replace({"D4": "S1"}).map(R.EDU_RANK).to_numpy(float)
    edu_min = req.get("pendidikan_min", pd.Series(index=state.index, dtype=object)).map(R.EDU_RANK).to_numpy(float)
    gol = R.golongan_rank(state["golongan"]).to_numpy()
    eselon = state["eselon"].astype(object).where(state["eselon"].notna(), req.get("eselon"))
    lowest = {e: R.golongan_rank(pd.Series([g[0]]))[0] for e, g in R.ESELON_GOLONGAN.items()}
    gol_min = eselon.map(lowest).to_numpy(float)   # the golongan range of the post's own eselon
    pns = (state["status_kepegawaian"] == "PNS").to_numpy()
    fail = (~pns | (comp < need) | skp_fail | (edu < edu_min) | (gol < gol_min))
    ok = pns & (comp >= need) & skp_known & ~skp_fail & (edu >= edu_min) & (gol >= gol_min)
    return pd.DataFrame({"pass": ok, "fail": fail & ~ok}, index=state.index)


def _nip(birth: pd.Timestamp, tmt: pd.Timestamp, gender: str, taken: set[str], rng: np.random.Generator) -> str:
    for serial in rng.permutation(np.arange(1, 1000)):
        nip = f"{birth:%Y%m%d}{tmt:%Y%m}{1 if gender == 'L' else 2}{serial:03d}"
        if nip not in taken:
            taken.add(nip)
            return nip
    raise RuntimeError("no free NIP serial")


def _event(nip: str, date: pd.Timestamp, kind: str, level: str, eselon: object, opd: str, eselon_lama: object,
           opd_lama: object) -> dict:
    return {"nip": nip, "tanggal": date, "jenis_mutasi": kind, "jabatan_baru": f"{_TITLE.get(level, level)} {opd}",
            "jenis_jabatan_baru": level, "eselon_baru": eselon, "opd_kode_baru": opd, "eselon_lama": eselon_lama,
            "opd_kode_lama": opd_lama}


def plant(tables: dict[str, pd.DataFrame], start_state: pd.DataFrame, promoted: np.ndarray, period: str, seed: int,
          ignore_merit: list[str], installation_day: pd.Timestamp) -> tuple[dict[str, pd.DataFrame], AppointmentTruth]:
    """Append rotations, mutations, a JPT swap and two shortlist persons to `tables`; return them and the truth."""
    rng = np.random.default_rng([seed, STREAM])
    per = Period.parse(period)
    start, end = per.start, per.end
    install = installation_day if start <= installation_day <= end else start + pd.Timedelta(days=25)
    tables = {k: v.copy() for k, v in tables.items()}
    peg, riw = tables["pegawai"], tables["riwayat_jabatan"]
    opds = set(start_state["opd_kode"])
    ignoring = sorted({o for o in (*ignore_merit, *ROTATION_IGNORE_MERIT) if o in opds})

    in_period = riw[(riw["tanggal"] >= start) & (riw["tanggal"] <= end)]
    busy = set(in_period["nip"]) | set(start_state.loc[promoted, "nip"])
    st = start_state.reset_index(drop=True)
    free = st[st["jenis_jabatan"].isin(STRUCTURAL).to_numpy() & ~st["nip"].isin(busy).to_numpy()]
    verdict = _post_checks(free, tables["profiling"], tables["kinerja"], start)
    days = max((end - install).days, 2)

    def when() -> pd.Timestamp:
        return install + pd.Timedelta(days=int(rng.integers(1, days)))

    events, planted = [], []

    def move(row: pd.Series, kind: str, opd: str, sesuai: bool) -> None:
        date = when()
        events.append(_event(row["nip"], date, kind, row["jenis_jabatan"], row["eselon"], opd, row["eselon"],
                             row["opd_kode"]))
        planted.append({"nip": row["nip"], "tanggal": date, "jenis_mutasi": kind, "opd_kode_baru": opd,
                        "jenis_jabatan_baru": row["jenis_jabatan"], "sesuai": sesuai})

    used: set[str] = set()
    # merit-ignoring OPDs: their own failing or unassessed staff first, then failing staff of other OPDs moved in
    for opd in ignoring:
        bad = free[~verdict["pass"] & ~free["nip"].isin(used)]
        own = bad[bad["opd_kode"] == opd]
        own = own.iloc[rng.permutation(len(own))[:N_IGNORED]]
        for _, row in own.iterrows():
            move(row, "rotasi", opd, False)
            used.add(row["nip"])
        others = bad[(bad["opd_kode"] != opd) & ~bad["opd_kode"].isin(ignoring) & verdict.loc[bad.index, "fail"]]
        others = others.iloc[rng.permutation(len(others))[:max(N_IGNORED - len(own), 0)]]
        for _, row in others.iterrows():
            move(row, "mutasi", opd, False)
            used.add(row["nip"])
    # merit-following OPDs: eligible staff rotate within the OPD; a few move between such OPDs
    good = free[verdict["pass"] & ~free["opd_kode"].isin(ignoring)]
    for opd, g in good.groupby("opd_kode", sort=True):
        k = int(rng.binomial(len(g), ROTATION_SHARE))
        for _, row in g.iloc[rng.permutation(len(g))[:k]].iterrows():
            move(row, "rotasi", opd, True)
            used.add(row["nip"])
    following = sorted(opds - set(ignoring))
    rest = good[~good["nip"].isin(used)]
    for _, row in rest.iloc[rng.permutation(len(rest))[:N_MUTASI]].iterrows():
        targets = [o for o in following if o != row["opd_kode"]]
        if targets:
            move(row, "mutasi", str(rng.choice(targets)), True)
            used.add(row["nip"])

    # two JPT heads in post for under 2 years swap OPDs (after the pelantikan)
    heads = st[(st["jenis_jabatan"] == "JPT Pratama").to_numpy() & ~st["nip"].isin(busy).to_numpy()]
    young = heads[(install - heads["tmt_jabatan"]).dt.days < 2 * 365.25 - 40].sort_values("tmt_jabatan", ascending=False)
    if len(young) >= 2:
        a, b = young.iloc[0], young.iloc[1]
        date = install + pd.Timedelta(days=min(35, days - 1))
        for x, y in ((a, b), (b, a)):
            events.append(_event(x["nip"], date, "rotasi", "JPT Pratama", y["eselon"], y["opd_kode"], x["eselon"],
                                 x["opd_kode"]))
            planted.append({"nip": x["nip"], "tanggal": date, "jenis_mutasi": "rotasi", "opd_kode_baru": y["opd_kode"],
                            "jenis_jabatan_baru": "JPT Pratama", "sesuai": pd.NA})

    new_events = pd.DataFrame(events, columns=list(riw.columns))
    _apply_moves(peg, new_events, start_state)
    riw = pd.concat([riw, new_events.astype({c: riw[c].dtype for c in riw.columns})], ignore_index=True)
    tables["riwayat_jabatan"] = riw
    tables, shortlist = _shortlist_persons(tables, start, rng)

    batch = riw[(riw["tanggal"] == install) & (riw["jenis_jabatan_baru"] == "JPT Pratama")]
    truth = AppointmentTruth(install, batch[["nip", "jenis_mutasi", "jenis_jabatan_baru", "opd_kode_baru"]]
                             .reset_index(drop=True), ignoring, pd.DataFrame(planted), shortlist=shortlist)
    truth.jpt_perlu_alasan, truth.jpt_melewati_5_tahun = _jpt_truth(riw, st, tables["pegawai"], start, end)
    return tables, truth


def _apply_moves(peg: pd.DataFrame, events: pd.DataFrame, start_state: pd.DataFrame) -> None:
    """The end-of-period rows of the movers: new OPD, post title, eselon and TMT (in place)."""
    names = start_state.drop_duplicates("opd_kode").set_index("opd_kode")["opd_nama"]
    for _, e in events.iterrows():
        rows = peg["nip"] == e["nip"]
        peg.loc[rows, "opd_kode"] = e["opd_kode_baru"]
        peg.loc[rows, "opd_nama"] = names.get(e["opd_kode_baru"], e["opd_kode_baru"])
        peg.loc[rows, "eselon"] = e["eselon_baru"]
        peg.loc[rows, "jabatan"] = e["jabatan_baru"]
        peg.loc[rows, "tmt_jabatan"] = e["tanggal"]


def _jpt_truth(riw: pd.DataFrame, start_state: pd.DataFrame, peg: pd.DataFrame, start: pd.Timestamp,
               end: pd.Timestamp) -> tuple[set[str], set[str]]:
    """JPT moves in the period within 2 years of the appointment to the post left; JPT posts held > 5 years at `end`."""
    appointed = start_state.set_index("nip")["tmt_jabatan"]
    moves = riw[(riw["tanggal"] >= start) & (riw["tanggal"] <= end) & riw["jenis_mutasi"].isin(["rotasi", "mutasi"])
                & (riw["jenis_jabatan_baru"] == "JPT Pratama")]
    held = appointed.reindex(moves["nip"]).to_numpy()
    was_jpt = start_state.set_index("nip")["jenis_jabatan"].reindex(moves["nip"]).eq("JPT Pratama").to_numpy()
    early = was_jpt & (moves["tanggal"].to_numpy() < (pd.DatetimeIndex(held) + pd.DateOffset(years=2)).to_numpy())
    long = peg[(peg["jenis_jabatan"] == "JPT Pratama") & (peg["tmt_jabatan"] + pd.DateOffset(years=5) < end)]
    return set(moves.loc[early, "nip"]), set(long["nip"])


def _shortlist_persons(tables: dict[str, pd.DataFrame], start: pd.Timestamp, rng: np.random.Generator
                       ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Two Pengawas of SHORTLIST_OPD: ready now for Administrator, and a near miss (1.5 years in the post)."""
    peg = tables["pegawai"]
    if SHORTLIST_OPD not in set(peg["opd_kode"]):
        return tables, {}
    name = peg.loc[peg["opd_kode"] == SHORTLIST_OPD, "opd_nama"].iloc[0]
    taken = set(peg["nip"])
    rows, prof, kin, riw = [], [], [], []
    out = {"opd": SHORTLIST_OPD, "level": SHORTLIST_LEVEL, "missing": "cek_masa_jabatan"}
    for key, years_in_post, gender, nama in (("ready", 5.0, "P", "Ratna Kandidat"), ("near_miss", 1.5, "L", "Budi Kandidat")):
        birth = pd.Timestamp(start.year - 44, 3 + len(rows), 14)
        tmt_cpns = pd.Timestamp(start.year - 19, 3, 1)
        tmt = (start - pd.Timedelta(days=round(years_in_post * 365.25))).normalize()
        nip = _nip(birth, tmt_cpns, gender, taken, rng)
        out[key] = nip
        rows.append({"nip": nip, "nama": nama, "jenis_kelamin": gender, "tanggal_lahir": birth,
                     "status_kepegawaian": "PNS", "golongan": "III/d", "pendidikan": "S2", "opd_kode": SHORTLIST_OPD,
                     "opd_nama": name, "jabatan": f"Kepala Seksi {SHORTLIST_OPD}", "jenis_jabatan": "Pengawas",
                     "eselon": "IV.a", "tmt_jabatan": tmt, "tmt_cpns": tmt_cpns, "diklat_kepemimpinan": "PKP",
                     "agama": "Islam"})
        prof.append({"nip": nip, "tanggal_asesmen": pd.Timestamp(start.year - 2, 6, 3), "gelombang": pd.NA,
                     **{c: 5.0 for c in C.COMPETENCIES}, "jpm": 100.0, "kategori_jpm": "Optimal", "skor_potensi": 97.0})
        kin += [{"nip": nip, "tahun": y, "predikat": "Sangat Baik"} for y in (start.year - 2, start.year - 1)]
        riw += [_event(nip, tmt_cpns, "pengangkatan", "Pelaksana", None, SHORTLIST_OPD, None, None),
                _event(nip, tmt, "promosi", "Pengawas", "IV.a", SHORTLIST_OPD, None, SHORTLIST_OPD)]
        riw[-2]["jabatan_baru"] = "Pengadministrasi Umum"
    for tname, new in (("pegawai", rows), ("profiling", prof), ("kinerja", kin), ("riwayat_jabatan", riw)):
        t = tables[tname]
        add = pd.DataFrame(new, columns=list(t.columns)).astype({c: t[c].dtype for c in t.columns})
        tables[tname] = pd.concat([t, add], ignore_index=True)
    return tables, out
