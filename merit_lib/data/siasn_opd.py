"""Where a SIASN unit sits: its OPD, from the ref-unor tree when there is one, else from the unit-induk fields.

`opd_of_units` walks the tree; `Placement.rollup` places units of any source (the export, data-utama, rw-jabatan) and
says how (`via`): `unit` (the unit is in the tree), `induk` (its unorIndukId is), `induk_tanpa_pohon` (no tree: the
unorIndukId itself), `induk_nama` (no tree, no id: the export's UNOR INDUK name), `kepala_unit` (the induk is the Pemda
itself: the unit the person heads is the OPD). Sources: siasn_codes.SOURCES["opd_induk"], ["unit_id"].
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from merit_lib.domain import contract as C
from merit_lib.domain import siasn_codes as S

#: the top unit of an instansi's tree (and an induk that is the Pemda itself) is named like this
INSTANSI_NAME = r"\s*(?:PEMERINTAH|PEMPROV|PEMKAB|PEMKOT)\b"
#: how an OPD was found, in the order the mapping report lists them
METHODS: tuple[str, ...] = ("unit", "induk", "induk_tanpa_pohon", "induk_nama", "kepala_unit")
ESELON_II = frozenset({"21", "22"})


def norm_name(names: pd.Series) -> pd.Series:
    """Unit names comparable across sources: trimmed (unorIndukNama comes padded with blanks), one space, upper case."""
    return S.clean(names).str.replace(r"\s+", " ", regex=True).str.upper()


def code_from_id(uid: str) -> str:
    """An OPD code from a unit id: letters and digits, upper case, at most 32."""
    return re.sub(r"[^A-Z0-9]", "", uid.upper())[:32]


def code_from_name(name: str) -> str:
    """An OPD code from a unit name (no id known): letters and digits, upper case; a longer one is cut to 26 and given
    6 hex digits of its hash, so that two names never share a code."""
    plain = re.sub(r"[^A-Z0-9]", "", name.upper())
    return plain if len(plain) <= 32 else plain[:26] + hashlib.sha256(plain.encode()).hexdigest()[:6].upper()


def is_instansi_name(names: pd.Series) -> pd.Series:
    """True for a name of the Pemda itself (`PEMERINTAH PROVINSI BANTEN`, `Pemprov Banten`)."""
    return names.astype("string").str.match(INSTANSI_NAME, case=False).fillna(False).astype(bool)


def opd_of_units(units: pd.DataFrame) -> pd.DataFrame:
    """Each unit's OPD, indexed by unit id: opd_id, opd_kode, opd_nama, and the unit's own contract eselon.

    Walk DiatasanId up (IndukUnorId where DiatasanId is missing) to the first unit whose IndukUnorId is itself, or
    to the top of the tree. That unit is the OPD — unless it is the instansi (a top named `PEMERINTAH …`, or a top
    outside eselon II with eselon II units right below it, as a tree without IndukUnorId has it): then the OPD is the
    unit just below it on the way. A cycle leaves the unit without OPD (NA)."""
    ids = set(units["id"].dropna())
    parent = dict(zip(units["id"], units["diatasan_id"]))
    # a null IndukUnorId (as the web service answers for the top of the tree) is None, never NA: NA == id is no bool
    induk = {u: (v if isinstance(v, str) else None) for u, v in zip(units["id"], units["induk_unor_id"])}
    names = {u: (n if isinstance(n, str) else "") for u, n in zip(units["id"], units["nama_unor"])}
    eselon = {u: (e if isinstance(e, str) else "") for u, e in zip(units["id"], S.code_key(units["eselon_id"], 2))}
    below_ii = {p for p, u in zip(units["diatasan_id"], units["id"]) if eselon.get(u) in ESELON_II}

    def up(u: str) -> str | None:
        for nxt in (parent.get(u), induk.get(u)):
            if isinstance(nxt, str) and nxt in ids and nxt != u:
                return nxt
        return None

    def instansi(u: str) -> bool:
        named = bool(re.match(INSTANSI_NAME, names.get(u, ""), re.IGNORECASE))
        return up(u) is None and (named or (u in below_ii and eselon.get(u) not in ESELON_II))

    def walk(u: str) -> str | None:
        path = [u]
        while True:
            cur = path[-1]
            nxt = up(cur)
            if induk.get(cur) == cur or nxt is None:
                return path[-2] if nxt is None and instansi(cur) and len(path) > 1 else cur
            if nxt in path:
                return None
            path.append(nxt)

    out = pd.DataFrame({"opd_id": pd.Series({u: walk(u) for u in units["id"]}, dtype="string")})
    out["instansi"] = [instansi(u) for u in out.index]
    by_id = units.set_index("id")
    out["opd_nama"] = out["opd_id"].map(by_id["nama_unor"]).astype("string")
    out["opd_kode"] = out["opd_id"].map(opd_codes(units, out["opd_id"].dropna().unique())).astype("string")
    out["eselon_unit"] = S.eselon(by_id["eselon_id"]).reindex(out.index).astype("string")
    return out


def opd_codes(units: pd.DataFrame, opd_ids: Iterable[str]) -> dict[str, str]:
    """opd_kode of each OPD unit: its CepatKode (trimmed, upper case) where it fits the contract's CODE_PATTERN and no
    other OPD has it; else its Id (letters and digits only, upper case, at most 32)."""
    opd_ids = list(opd_ids)
    cepat = units.set_index("id")["cepat_kode"].reindex(opd_ids).astype("string").str.strip().str.upper()
    ok = cepat.str.fullmatch(C.CODE_PATTERN).fillna(False).astype(bool) & ~cepat.duplicated(keep=False)
    from_id = pd.Series([code_from_id(i) for i in opd_ids], index=opd_ids, dtype="string")
    return cepat.where(ok, from_id).to_dict()


def _most_frequent(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    pairs = pd.DataFrame({"k": keys, "v": values}).dropna()
    if pairs.empty:
        return {}
    counts = pairs.groupby(["k", "v"], sort=True).size().rename("n").reset_index()
    best = counts.sort_values(["k", "n"], ascending=[True, False], kind="stable").drop_duplicates("k")
    return dict(zip(best["k"], best["v"]))


class Placement:
    """The unit tree (may be empty) and, for the OPDs found without it, which id goes with which name."""

    def __init__(self, units: pd.DataFrame):
        self.has_tree = bool(len(units))
        self.opd = opd_of_units(units) if self.has_tree else pd.DataFrame(
            columns=["opd_id", "opd_nama", "opd_kode", "eselon_unit", "instansi"], dtype="string")
        self.instansi_ids: set[str] = set(self.opd.index[self.opd["instansi"].astype(bool)]) if self.has_tree else set()
        self.id_of_name: dict[str, str] = {}
        self.name_of_id: dict[str, str] = {}

    def learn(self, pairs: list[tuple[pd.Series, pd.Series]], instansi: list[pd.Series]) -> None:
        """Learn from every (unit id, unit name) pair the sources give (unorIndukId/unorIndukNama, unorId/unorNama of a
        head): the most frequent name of each id and id of each name; and the ids that are the Pemda itself."""
        ids = pd.concat([i for i, _ in pairs], ignore_index=True) if pairs else pd.Series(dtype="string")
        names = pd.concat([norm_name(n) for _, n in pairs], ignore_index=True) if pairs else pd.Series(dtype="string")
        pemda = is_instansi_name(names)
        self.instansi_ids |= set(ids[pemda].dropna())
        for s in instansi:
            self.instansi_ids |= set(s.dropna())
        self.name_of_id = _most_frequent(ids[~pemda], names[~pemda])
        self.id_of_name = _most_frequent(names[~pemda], ids[~pemda])

    def rollup(self, unit: pd.Series, induk: pd.Series, induk_nama: pd.Series, unit_nama: pd.Series | None = None
               ) -> pd.DataFrame:
        """Units (ids as siasn_codes.unit_id gives them) → opd_kode, opd_nama, the unit's eselon (tree only), and `via`
        (METHODS; NA where no OPD is found)."""
        unit_nama = pd.Series(pd.NA, index=unit.index, dtype="string") if unit_nama is None else unit_nama
        iname = norm_name(induk_nama)
        o = self.opd.reindex(unit.astype(object).to_numpy())
        out = pd.DataFrame({"opd_kode": o["opd_kode"].to_numpy(), "opd_nama": o["opd_nama"].to_numpy(),
                            "eselon_unit": o["eselon_unit"].to_numpy()}, index=unit.index).astype("string")
        out["via"] = pd.Series(np.where(out["opd_kode"].notna(), "unit", None), index=unit.index, dtype="string")
        pemda = (induk.isin(list(self.instansi_ids)).fillna(False) | is_instansi_name(iname)).astype(bool)
        todo = out["opd_kode"].isna() & induk.notna() & ~pemda
        if self.has_tree:
            oi = self.opd.reindex(induk[todo].astype(object).to_numpy())
            oi.loc[oi["instansi"].fillna(False).astype(bool).to_numpy(), ["opd_kode", "opd_nama"]] = pd.NA
            out.loc[todo, "opd_kode"] = oi["opd_kode"].to_numpy()
            out.loc[todo, "opd_nama"] = oi["opd_nama"].to_numpy()
            out.loc[todo & out["opd_kode"].notna(), "via"] = "induk"
        else:
            self._by_id(out, todo, induk, iname, "induk_tanpa_pohon")
            by_name = out["opd_kode"].isna() & induk.isna() & iname.notna() & ~pemda
            known = iname.map(self.id_of_name).astype("string")
            self._by_id(out, by_name & known.notna(), known, iname, "induk_nama")
            rest = by_name & known.isna()
            out.loc[rest, "opd_kode"] = iname[rest].map(code_from_name)
            out.loc[rest, "opd_nama"] = iname[rest]
            out.loc[rest, "via"] = "induk_nama"
            # the induk is the Pemda itself (a head of a dinas): the unit is the OPD; with a tree, such a unit is in it
            head = out["opd_kode"].isna() & pemda & unit.notna()
            self._by_id(out, head, unit, norm_name(unit_nama), "kepala_unit")
        return out

    def _by_id(self, out: pd.DataFrame, where: pd.Series, ids: pd.Series, names: pd.Series, via: str) -> None:
        """Fill the rows at `where` from a unit id: its code, and the most frequent name seen with it."""
        if not where.any():
            return
        uid = ids[where].astype(str)
        out.loc[where, "opd_kode"] = uid.map(code_from_id)
        out.loc[where, "opd_nama"] = uid.map(self.name_of_id).astype("string").fillna(names[where]).fillna(
            uid.map(code_from_id))
        out.loc[where, "via"] = via
