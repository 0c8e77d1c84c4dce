"""Reshape a synthetic extract into shapes real extracts take and our generator does not make by default.

Each function takes the four tables (a dict of DataFrames, as `synthesize(...).tables`) and returns new ones,
kept valid by DESIGN §3 (NIPs, genders and dates stay consistent). `reshape` applies a named set of them;
tests and `benchmarks/fuzz_report.py` draw those sets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.domain.period import Period

Tables = dict[str, pd.DataFrame]

#: columns DESIGN §3 calls optional (never needed for a run)
OPTIONAL = {"pegawai": ["tmt_cpns", "diklat_kepemimpinan", "agama"],
            "profiling": ["gelombang", "kategori_jpm", "skor_potensi"],
            "kinerja": ["nilai"],
            "riwayat_jabatan": ["eselon_lama", "opd_kode_lama"]}


def _copy(t: Tables) -> Tables:
    return {k: v.copy() for k, v in t.items()}


def history_inside(t: Tables, period: str = "2026Q1") -> Tables:
    """Position history only inside the period (no earlier events at all)."""
    t = _copy(t)
    r = t["riwayat_jabatan"]
    t["riwayat_jabatan"] = r[pd.to_datetime(r["tanggal"]) >= Period.parse(period).start].reset_index(drop=True)
    return t


def without_lama(t: Tables) -> Tables:
    """No `eselon_lama` / `opd_kode_lama` columns in the history."""
    t = _copy(t)
    t["riwayat_jabatan"] = t["riwayat_jabatan"].drop(columns=["eselon_lama", "opd_kode_lama"], errors="ignore")
    return t


def pengawas_without_eselon_lama(t: Tables) -> Tables:
    """Promotions into Pengawas carry no `eselon_lama` (they come from a non-structural post)."""
    t = _copy(t)
    r = t["riwayat_jabatan"]
    if "eselon_lama" in r:
        r.loc[r["jenis_jabatan_baru"] == "Pengawas", "eselon_lama"] = None
    return t


def without_optional(t: Tables) -> Tables:
    """Every optional column of DESIGN §3 absent."""
    return {k: v.drop(columns=OPTIONAL.get(k, []), errors="ignore") for k, v in t.items()}


def pns_only(t: Tables) -> Tables:
    """Only PNS (no PPPK): one value of status_kepegawaian. Child rows of the removed persons go too."""
    t = _copy(t)
    keep = t["pegawai"]["status_kepegawaian"] == "PNS"
    gone = set(t["pegawai"].loc[~keep, "nip"])
    t["pegawai"] = t["pegawai"][keep].reset_index(drop=True)
    for k in ("profiling", "kinerja", "riwayat_jabatan"):
        t[k] = t[k][~t[k]["nip"].isin(gone)].reset_index(drop=True)
    return t


def _recode(t: Tables, mapping: Callable[[pd.Series], pd.Series], rename: bool = False) -> Tables:
    """Apply `mapping` to every OPD code in pegawai and history; `rename` names each OPD after its new code."""
    t = _copy(t)
    p, r = t["pegawai"], t["riwayat_jabatan"]
    p["opd_kode"] = mapping(p["opd_kode"]).to_numpy()
    if rename:
        p["opd_nama"] = "Unit " + p["opd_kode"].str.strip()
    for c in ("opd_kode_baru", "opd_kode_lama"):
        if c in r:
            known = r[c].notna()
            r.loc[known, c] = mapping(r.loc[known, c]).to_numpy()
    return t


def few_opds(t: Tables, k: int = 3) -> Tables:
    """All staff in `k` OPDs (codes `01` … with leading zeros)."""
    codes = sorted(t["pegawai"]["opd_kode"].unique())
    to = {c: f"{i % k + 1:02d}" for i, c in enumerate(codes)}
    return _recode(t, lambda s: s.map(to), rename=True)


def many_opds(t: Tables, k: int = 300, seed: int = 0) -> Tables:
    """Staff spread over `k` small OPDs (each person's own history follows them)."""
    rng = np.random.default_rng(seed)
    p = t["pegawai"]
    code = pd.Series([f"U{i:03d}" for i in rng.integers(0, k, len(p))], index=p.index)
    by_nip = dict(zip(p["nip"], code))
    t = _copy(t)
    t["pegawai"]["opd_kode"] = code.to_numpy()
    t["pegawai"]["opd_nama"] = "Unit " + code.to_numpy()
    r = t["riwayat_jabatan"]
    for c in ("opd_kode_baru", "opd_kode_lama"):
        if c in r:
            r.loc[r[c].notna(), c] = r.loc[r[c].notna(), "nip"].map(by_nip).to_numpy()
    return t


def tiny_opds(t: Tables, sizes: Sequence[int] = (1, 2, 3), seed: int = 0) -> Tables:
    """A few OPDs of 1–3 persons, made of staff moved out of larger OPDs (with their history)."""
    rng = np.random.default_rng(seed)
    p = t["pegawai"]
    chosen = rng.choice(len(p), size=sum(sizes), replace=False)
    labels = np.repeat([f"KECIL{i + 1}" for i in range(len(sizes))], list(sizes))
    by_nip = dict(zip(p["nip"].iloc[chosen], labels))
    return _move(t, by_nip)


def _move(t: Tables, by_nip: dict[str, str]) -> Tables:
    """Move the given persons (nip → OPD code) to new OPDs, with their history."""
    t = _copy(t)
    p, r = t["pegawai"], t["riwayat_jabatan"]
    who = p["nip"].isin(list(by_nip))
    p.loc[who, "opd_kode"] = p.loc[who, "nip"].map(by_nip).to_numpy()
    p.loc[who, "opd_nama"] = "Unit " + p.loc[who, "opd_kode"]
    for c in ("opd_kode_baru", "opd_kode_lama"):
        if c in r:
            rwho = r["nip"].isin(list(by_nip)) & r[c].notna()
            r.loc[rwho, c] = r.loc[rwho, "nip"].map(by_nip).to_numpy()
    return t


def one_gender_opd(t: Tables, code: str | None = None) -> Tables:
    """One OPD of men only: its women move to another OPD (NIPs keep their gender digit)."""
    p = t["pegawai"]
    sizes = p["opd_kode"].value_counts()
    code = code or sizes.index[len(sizes) // 2]
    other = sizes.index[0] if sizes.index[0] != code else sizes.index[1]
    women = p.loc[(p["opd_kode"] == code) & (p["jenis_kelamin"] == "P"), "nip"]
    return _move(t, dict.fromkeys(women, other))


def odd_codes(t: Tables) -> Tables:
    """OPD codes as real extracts write them: leading zeros, lower case, stray spaces (the same OPD written alike)."""
    codes = sorted(t["pegawai"]["opd_kode"].unique())
    style = {c: (f"{i + 1:02d}" if i % 3 == 0 else (c.lower() if i % 3 == 1 else f" {c} ")) for i, c in enumerate(codes)}
    return _recode(t, lambda s: s.map(style))


def moves_inside(t: Tables, period: str = "2026Q1", k: int = 5, seed: int = 0) -> Tables:
    """`k` non-structural staff move OPD inside the period (a `mutasi` event; pegawai shows the new OPD)."""
    rng = np.random.default_rng(seed)
    t = _copy(t)
    p, r = t["pegawai"], t["riwayat_jabatan"]
    per = Period.parse(period)
    moved_already = set(r.loc[pd.to_datetime(r["tanggal"]) >= per.start, "nip"])
    pool = p[p["eselon"].isna() & ~p["nip"].isin(moved_already)]
    pick = pool.iloc[rng.choice(len(pool), size=min(k, len(pool)), replace=False)]
    codes = sorted(p["opd_kode"].unique())
    new = [codes[(codes.index(c) + 1) % len(codes)] for c in pick["opd_kode"]]
    ev = pd.DataFrame({"nip": pick["nip"].to_numpy(), "tanggal": per.start + pd.Timedelta(days=40), "jenis_mutasi": "mutasi",
                       "jabatan_baru": pick["jabatan"].to_numpy(), "jenis_jabatan_baru": pick["jenis_jabatan"].to_numpy(),
                       "eselon_baru": None, "opd_kode_baru": new, "eselon_lama": None, "opd_kode_lama": pick["opd_kode"].to_numpy()})
    t["riwayat_jabatan"] = pd.concat([r, ev[[c for c in ev.columns if c in r.columns]]], ignore_index=True)
    names = p.drop_duplicates("opd_kode").set_index("opd_kode")["opd_nama"]
    p.loc[pick.index, "opd_kode"] = new
    p.loc[pick.index, "opd_nama"] = [names[c] for c in new]
    p.loc[pick.index, "tmt_jabatan"] = per.start + pd.Timedelta(days=40)
    return t


def opd_emptied(t: Tables, period: str = "2026Q1", code: str | None = None) -> Tables:
    """Every person of one OPD (default: a middle-sized one) moves to the largest OPD inside the period (a `mutasi`
    event each): the OPD had staff at the quarter's start and has none at its end. Not drawn by `random_case`."""
    t = _copy(t)
    p, r = t["pegawai"], t["riwayat_jabatan"]
    sizes = p["opd_kode"].value_counts()
    code = code or sizes.index[len(sizes) // 2]
    to = sizes.index[0] if sizes.index[0] != code else sizes.index[1]
    per = Period.parse(period)
    who = p[p["opd_kode"] == code]
    when = per.start + pd.Timedelta(days=40)
    ev = pd.DataFrame({"nip": who["nip"].to_numpy(), "tanggal": when, "jenis_mutasi": "mutasi",
                       "jabatan_baru": who["jabatan"].to_numpy(), "jenis_jabatan_baru": who["jenis_jabatan"].to_numpy(),
                       "eselon_baru": who["eselon"].to_numpy(), "opd_kode_baru": to, "eselon_lama": who["eselon"].to_numpy(),
                       "opd_kode_lama": code})
    t["riwayat_jabatan"] = pd.concat([r, ev[[c for c in ev.columns if c in r.columns]]], ignore_index=True)
    p.loc[who.index, ["opd_kode", "opd_nama"]] = [to, p.loc[p["opd_kode"] == to, "opd_nama"].iloc[0]]
    p.loc[who.index, "tmt_jabatan"] = when
    return t


def second_promotions(t: Tables, period: str = "2026Q1", k: int = 2) -> Tables:
    """`k` persons promoted into Pengawas in the period are promoted again, into Administrator, before it ends."""
    t = _copy(t)
    p, r = t["pegawai"], t["riwayat_jabatan"]
    per = Period.parse(period)
    when = pd.to_datetime(r["tanggal"])
    first = r[(r["jenis_mutasi"] == "promosi") & (r["jenis_jabatan_baru"] == "Pengawas") & (when >= per.start)
              & (when < per.end - pd.Timedelta(days=2))].head(k)
    ev = first.assign(tanggal=per.end - pd.Timedelta(days=1), jenis_jabatan_baru="Administrator",
                      jabatan_baru="Kepala Bidang", eselon_baru="III.b")
    if "eselon_lama" in ev:
        ev["eselon_lama"] = first["eselon_baru"].to_numpy()
    t["riwayat_jabatan"] = pd.concat([r, ev], ignore_index=True)
    who = p["nip"].isin(first["nip"])
    p.loc[who, ["jenis_jabatan", "eselon", "jabatan"]] = ["Administrator", "III.b", "Kepala Bidang"]
    p.loc[who, "tmt_jabatan"] = per.end - pd.Timedelta(days=1)
    return t


SHAPES: dict[str, Callable[[Tables], Tables]] = {
    "history_inside": history_inside, "without_lama": without_lama,
    "pengawas_without_eselon_lama": pengawas_without_eselon_lama, "without_optional": without_optional,
    "pns_only": pns_only, "few_opds": few_opds, "many_opds": many_opds, "tiny_opds": tiny_opds,
    "one_gender_opd": one_gender_opd, "odd_codes": odd_codes, "moves_inside": moves_inside,
    "second_promotions": second_promotions,
}
#: an order that keeps every combination valid (history edits before column drops, codes last)
ORDER = ("moves_inside", "second_promotions", "pns_only", "one_gender_opd", "tiny_opds", "few_opds", "many_opds",
         "history_inside", "pengawas_without_eselon_lama", "without_lama", "without_optional", "odd_codes")


def reshape(t: Tables, names: Sequence[str]) -> Tables:
    """Apply the named shapes in a safe order."""
    unknown = set(names) - set(SHAPES)
    if unknown:
        raise ValueError(f"unknown shapes: {sorted(unknown)} (known: {sorted(SHAPES)})")
    for name in ORDER:
        if name in names:
            t = SHAPES[name](t)
    return t


@dataclass(frozen=True)
class Case:
    """One generated extract: the generator's knobs and the shapes applied to its tables."""

    n: int = 400
    seed: int = 0
    shapes: tuple[str, ...] = ()
    no_promotion: tuple[str, ...] = ()
    unprofiled: float = 0.08
    base_rate: float = 0.09

    def tables(self) -> Tables:
        """The case's four tables."""
        from merit_lib.synth.generator import synthesize

        s = synthesize(n=self.n, seed=self.seed, no_promotion=self.no_promotion, unprofiled=self.unprofiled,
                       base_rate=self.base_rate)
        return reshape(s.tables, self.shapes)


def random_case(rng: np.random.Generator, n: tuple[int, int] = (150, 900)) -> Case:
    """A random case over every knob (for `benchmarks/fuzz_report.py`)."""
    names = tuple(s for s in SHAPES if rng.random() < 0.35)
    blocked = [(), ("*",), ("Fungsional",), ("Pengawas",), ("DINKES",), ("BKD", "INSP")][rng.integers(0, 6)]
    return Case(n=int(rng.integers(*n)), seed=int(rng.integers(0, 2**31)), shapes=names, no_promotion=blocked,
                unprofiled=float(rng.uniform(0, 0.6)), base_rate=float(rng.uniform(0.02, 0.2)))


def promotion_events(t: Tables, period: str = "2026Q1", quarters: list[str] | None = None) -> pd.DataFrame:
    """The `promosi` events of the period (or of the window's `quarters`) in a case's tables (the ground truth a ledger
    must account for)."""
    r = t["riwayat_jabatan"]
    spans = [Period.parse(q) for q in (quarters or [period])]
    when = pd.to_datetime(r["tanggal"])
    return r[(r["jenis_mutasi"] == "promosi") & (when >= min(p.start for p in spans)) & (when <= max(p.end for p in spans))]


def report_problems(out: Path, t: Tables, period: str = "2026Q1", pages: bool = True) -> list[str]:
    """What is wrong with a report (or, `pages=False`, its computed tables) of the case's tables; empty when nothing is."""
    tables = Path(out) / "tables" if pages else Path(out)
    read = {n: pd.read_csv(tables / f"{n}.csv", dtype={"opd_kode": str, "scope": str})
            for n in ("compliance", "findings", "model_coefficients", "promotions_ledger")}
    problems: list[str] = []
    import json

    meta = json.loads((tables / "run_meta.json").read_text(encoding="utf-8"))
    events = promotion_events(t, period, (meta.get("window") or {}).get("quarters"))
    ledger = read["promotions_ledger"]
    promo, people = ledger[ledger["jenis"] == "promosi"], ledger[ledger["jenis"] == "pegawai"]
    if int(promo["n_peristiwa"].sum()) != len(events):
        problems.append(f"ledger lists {int(promo['n_peristiwa'].sum())} promotion events, the data hold {len(events)}")
    if int(people["n_orang"].sum()) != len(t["pegawai"]):
        problems.append(f"ledger accounts for {int(people['n_orang'].sum())} pegawai rows of {len(t['pegawai'])}")
    counted = int(promo.loc[promo["alasan"] == "dihitung", "n_orang"].sum())
    if int(read["compliance"]["n_promosi"].sum()) != counted:
        problems.append(f"compliance counts {int(read['compliance']['n_promosi'].sum())} promotions, the ledger {counted}")
    if read["compliance"].empty:
        problems.append("compliance.csv is empty")
    if read["findings"].empty:
        problems.append("findings.csv is empty")
    if counted and read["model_coefficients"].empty:
        problems.append("model_coefficients.csv is empty although promotions were counted")
    if pages:
        problems += _page_problems(Path(out), read["compliance"])
    return problems


def _page_problems(out: Path, comp: pd.DataFrame) -> list[str]:
    """Every page a period folder must hold, and every notebook finished."""
    import json

    problems = [f"missing {p}" for p in ("index.html", "provinsi.html", "audit_keadilan.html", "ringkasan.xlsx",
                                         "manifest.json") if not (out / p).exists()]
    if (out / "manifest.json").exists():
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        problems += [f"notebook {n['name']}: {n['status']} {n.get('error', '')}" for n in manifest["notebooks"]
                     if n["status"] != "ok"]
        pages = sum(n["name"].startswith("opd/") for n in manifest["notebooks"])
        if pages != len(comp):
            problems.append(f"{pages} OPD pages for {len(comp)} OPDs")
    return problems
