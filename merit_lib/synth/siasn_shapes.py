"""Shapes of SIASN as other BKDs and Pemdas hold it (/work/shared/siasn.md, "Seen in other public BKD and Pemda code";
issue 22), for `to_siasn(..., shapes=Shapes(...))`, and the moves the default synthetic world lacks (`plant_moves`).

`plant_moves` changes the contract tables (the truth): III.b → III.a promotions, JF jenjang rises (`kenaikan_jenjang`)
and persons whose kedudukan hukum is not aktif (the contract's optional `kedudukan_hukum`, `tmt_kedudukan_hukum`).
`Shapes` changes only how `to_siasn` writes the same facts: acting posts named only in the title with empty codes,
ISO dates with a time and `Z` or an offset (and Excel serials in the export), no ref-unor (the export's UNOR INDUK,
ids in mixed spellings, heads whose induk is the Pemda), and values planted to be unreadable, counted in `planted`.
All drawn from a seed; assumptions, not facts about Banten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.domain import siasn_codes as S
from merit_lib.domain.period import Period

#: our kedudukan code → the BKN id and name written for it (the first id of each code; siasn_codes.KEDUDUKAN_HUKUM_ID)
KEDUDUKAN_WRITTEN: dict[str, tuple[str, str]] = {
    "aktif": ("01", "Aktif"), "cltn": ("02", "CLTN"), "tugas_belajar": ("03", "Tugas Belajar"),
    "pemberhentian_sementara": ("04", "Pemberhentian Sementara"), "mpp": ("20", "Masa Persiapan Pensiun"),
    "nonaktif": ("52", "Tidak Aktif"), "diberhentikan": ("66", "Diberhentikan"), "bup": ("98", "Mencapai BUP"),
    "pensiun": ("99", "Pensiun"),
}
#: the states `plant_moves` gives, in turn
NON_ACTIVE: tuple[str, ...] = ("cltn", "tugas_belajar", "mpp", "bup", "pensiun", "pemberhentian_sementara", "nonaktif")
#: acting titles as clients write them, per penugasan code (any case and spacing)
TITLE_PREFIX: dict[str, tuple[str, ...]] = {"PLT": ("PLT. ", "plt ", "Plt."), "PLH": ("Plh. ", "P L H  "),
                                            "PJ": ("Pj. ", "Pjs. ")}
PROVINCE_NAME = "PEMERINTAH PROVINSI BANTEN"


@dataclass
class Shapes:
    """How `to_siasn` writes the facts (each off by default); `planted` counts the values written to be unreadable, per
    (source, field)."""

    acting_titles: bool = False
    iso_dates: bool = False
    no_ref_unor: bool = False
    unreadable_dates: int = 0
    unknown_kedudukan: int = 0
    planted: dict[str, int] = field(default_factory=dict)

    def count(self, key: str) -> None:
        self.planted[key] = self.planted.get(key, 0) + 1


class Writer:
    """Dates and ids as a shape writes them, drawn from its own generator (the default world's draws stay as they are)."""

    def __init__(self, shapes: Shapes | None, seed: int):
        self.shapes = shapes or Shapes()
        self.rng = np.random.default_rng(seed + 22_000)

    def date(self, x: object, json: bool = True) -> str | None:
        """A date as SIASN writes it: dd-mm-yyyy; with `iso_dates`, in JSON one of the ISO shapes (UTC midnight, WIB
        midnight written in UTC, an offset), in the export `yyyy-mm-dd hh:mm:ss` or an Excel serial."""
        if pd.isna(x):
            return None
        day = pd.Timestamp(x)
        if not self.shapes.iso_dates:
            return day.strftime(S.DATE_FORMAT)
        k = int(self.rng.integers(3))
        if json:
            return (day.strftime("%Y-%m-%dT00:00:00Z"), (day - pd.Timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    day.strftime("%Y-%m-%dT00:00:00+07:00"))[k]
        return (day.strftime("%Y-%m-%d 00:00:00"), str((day - S.EXCEL_ORIGIN).days), day.strftime(S.DATE_FORMAT))[k]

    def uid(self, x: str | None) -> str | None:
        """An id as it comes: with `no_ref_unor`, lower case, upper case or a dashed UUID, one answer mixing them."""
        if x is None or not self.shapes.no_ref_unor:
            return x
        k = int(self.rng.integers(3))
        return (x.lower(), x.upper(), "-".join((x[:8], x[8:12], x[12:16], x[16:20], x[20:])))[k]

    def pad(self, name: str | None) -> str | None:
        """unorIndukNama as some answers carry it: padded with blanks (with `no_ref_unor`)."""
        return f"  {name}   " if name and self.shapes.no_ref_unor and self.rng.random() < 0.5 else name


def _quarter(riw: pd.DataFrame) -> Period:
    last = pd.to_datetime(riw["tanggal"]).max()
    return Period(last.year, (last.month - 1) // 3 + 1)


def plant_moves(tables: dict[str, pd.DataFrame], seed: int = 0, eselon_ab: int = 4, jenjang: int = 4,
                nonaktif: int = 7) -> dict[str, pd.DataFrame]:
    """A copy of the contract tables with, in the quarter of the last history event: `eselon_ab` Administrators moved
    from III.b to III.a in their OPD (promosi), `jenjang` Fungsional raised from Ahli Pertama to Ahli Muda
    (kenaikan_jenjang), and `nonaktif` persons with no event in it given a kedudukan hukum other than aktif (NON_ACTIVE
    in turn; a TMT only for BUP and pensiun). Everyone else is `aktif`."""
    rng = np.random.default_rng(seed + 2200)
    peg = tables["pegawai"].reset_index(drop=True).copy()
    riw = tables["riwayat_jabatan"].copy()
    riw["tanggal"] = pd.to_datetime(riw["tanggal"])
    per = _quarter(riw)
    busy = set(riw.loc[riw["tanggal"] >= per.start, "nip"])
    free = ~peg["nip"].isin(busy)
    events = []

    def pick(mask: pd.Series, k: int) -> np.ndarray:
        idx = peg.index[mask & free].to_numpy()
        return rng.choice(idx, min(k, len(idx)), replace=False) if len(idx) else idx

    for i in pick((peg["eselon"] == "III.b").fillna(False), eselon_ab):
        day = per.start + pd.Timedelta(days=int(rng.integers(10, 80)))
        p = peg.loc[i]
        events.append({"nip": p["nip"], "tanggal": day, "jenis_mutasi": "promosi", "jabatan_baru": f"Sekretaris {p['opd_kode']}",
                       "jenis_jabatan_baru": "Administrator", "eselon_baru": "III.a", "opd_kode_baru": p["opd_kode"],
                       "eselon_lama": "III.b", "opd_kode_lama": p["opd_kode"]})
        peg.loc[i, ["eselon", "jabatan", "tmt_jabatan"]] = ["III.a", f"Sekretaris {p['opd_kode']}", day]
        free[i] = False
    for i in pick((peg["jenis_jabatan"] == "Fungsional").fillna(False), jenjang):
        day = per.start + pd.Timedelta(days=int(rng.integers(10, 80)))
        p = peg.loc[i]
        mine = riw["nip"] == p["nip"]
        riw.loc[mine & (riw["jenis_jabatan_baru"] == "Fungsional"), "jabatan_baru"] = "Perencana Ahli Pertama"
        events.append({"nip": p["nip"], "tanggal": day, "jenis_mutasi": "kenaikan_jenjang",
                       "jabatan_baru": "Perencana Ahli Muda", "jenis_jabatan_baru": "Fungsional", "eselon_baru": pd.NA,
                       "opd_kode_baru": p["opd_kode"], "eselon_lama": pd.NA, "opd_kode_lama": p["opd_kode"]})
        peg.loc[i, ["jabatan", "tmt_jabatan"]] = ["Perencana Ahli Muda", day]
        free[i] = False
    peg["kedudukan_hukum"] = "aktif"
    peg["tmt_kedudukan_hukum"] = pd.NaT
    for j, i in enumerate(pick(peg["eselon"].isna(), nonaktif)):
        state = NON_ACTIVE[j % len(NON_ACTIVE)]
        peg.loc[i, "kedudukan_hukum"] = state
        if state in ("bup", "pensiun"):
            peg.loc[i, "tmt_kedudukan_hukum"] = per.start + pd.Timedelta(days=int(rng.integers(0, 60)))
    if events:
        riw = pd.concat([riw, pd.DataFrame(events)], ignore_index=True)
    riw = riw.sort_values(["tanggal", "nip"], kind="stable").reset_index(drop=True)
    return {**tables, "pegawai": peg, "riwayat_jabatan": riw}


def acting_row(row: dict, code: str, k: int) -> dict:
    """An acting rw-jabatan row as other BKDs hold it: jenisPenugasanId empty and the post named in the title (`PLT.
    KEPALA …`, `Pjs. …`, `… (Tugas Tambahan)`; every fourth PLT written as PJ); every third row instead keeps a plain
    title and carries its code in jenisMutasiId (the fallback one client uses)."""
    out = dict(row)
    code = "PJ" if code == "PLT" and k % 4 == 3 else code
    fallback = k % 3 == 2
    for key in ("namaJabatan", "jabatanFungsionalNama", "jabatanFungsionalUmumNama"):
        title = out.get(key)
        if title and not fallback:
            prefixes = TITLE_PREFIX.get(code)
            out[key] = f"{title} (Tugas Tambahan)" if prefixes is None else prefixes[k % len(prefixes)] + title
    out["jenisPenugasanId"] = ""
    out["jenisMutasiId"] = code if fallback else ""
    return out
