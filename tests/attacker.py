"""The attacker of the disclosure door (DESIGN §5, §6), as a test tool: every number of one or more published period
folders, solved as an integer program.

What it knows is what a reader of the folders knows: every CSV of `tables/`, `run_meta.json` (staff, promotions in the
window and in the quarter), the ledger (promotions per OPD and quarter, persons at risk), that a hidden count is an
integer ≥ 0, and that it is hidden (the marker; the attacker does not need to read the marker's words, and with
`reasons=True` also believes the old reason words: «sel < 5» = 1–4, «total < 5» = 0). It knows how the tables are made:
a PROVINSI row is the sum of the OPD rows; each OPD's row of a breakdown sums to its public total (staff, persons at
risk, promotions, persons at risk in the audit); promoted ≤ persons; a findings row exists only for a group with someone
in it; promotions by start level are the level table's promotions at the level that start aims at; each attribute's promoted persons of a scope (and those
of them ever in the talent pool) are the same persons. A count over the evidence window is the sum of its quarters' counts (promotions, those passing
someone over, from the talent pool, meeting every requirement; promoted persons by an attribute a person keeps), and the
ledger gives every quarter's promotions per OPD: two folders one quarter apart then tie their cells quarter by quarter.

It then bounds every unknown — each hidden count, each quarter's share of a count — and every cell made of them (a
group's persons not promoted = persons − promoted) by integer programming (scipy.optimize.milp), and reports each one
pinned to 1–4: an interval that excludes both 0 and every value ≥ 5. A cell pinned because a published line says
everyone is in one category (the whole province passes a requirement; all of an OPD's promotions of the window went one
way) is not reported: the line tells that of everyone, and the policy does not hide empty cells.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

PROVINCE = "PROVINSI"
SMALL = (1, 4)
#: columns whose cells count the persons of a breakdown, per published table
GRIDS = {"talent_box": (["kotak"], []), "readiness": (["kesiapan"], []), "checks": (["syarat", "status"], ["syarat"]),
         "promotions": (["level_awal", "jenis_jabatan_akhir", "kesiapan"], [])}
#: tables whose sums the attacker models (the rest are scanned for small counts shown: `Attacker._others`); the
#: ledger and the validation counts are public by design (DESIGN §5), the coefficients and trend hold no counts
KNOWN = {*GRIDS, "compliance", "bypassed_by_level", "findings", "merit_gaps", "promotions_ledger", "validation",
         "model_coefficients", "trend", "tier_sensitivity"}
#: the level a promotion counts at in the level table: the one its start level aims at (DESIGN §6)
AIMS = {"Pelaksana": "Pengawas", "Fungsional": "Pengawas", "Pelaksana/Fungsional": "Pengawas",
        "Pengawas": "Administrator", "Administrator": "JPT Pratama"}
#: attributes a person keeps from quarter to quarter: their promoted counts add up over the quarters of a window
STABLE = ("jenis_kelamin", "agama", "status_kepegawaian")


def _key(x: object) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)) or x is pd.NA or (not isinstance(x, str) and pd.isna(x)):
        return "NA"
    if isinstance(x, float | np.floating) and float(x).is_integer():
        return str(int(x))
    return str(x)


def _num(x: object) -> float:
    v = pd.to_numeric(pd.Series([x]), errors="coerce").iloc[0]
    return float("nan") if pd.isna(v) else float(v)


# --------------------------------------------------------------------------- linear expressions over the unknowns


@dataclass
class Lin:
    """Σ coef × unknown + const."""

    terms: dict[int, float] = field(default_factory=dict)
    const: float = 0.0

    def __add__(self, other: Lin | float) -> Lin:
        other = other if isinstance(other, Lin) else Lin(const=float(other))
        terms = dict(self.terms)
        for i, c in other.terms.items():
            terms[i] = terms.get(i, 0.0) + c
        return Lin({i: c for i, c in terms.items() if c}, self.const + other.const)

    __radd__ = __add__

    def __neg__(self) -> Lin:
        return Lin({i: -c for i, c in self.terms.items()}, -self.const)

    def __sub__(self, other: Lin | float) -> Lin:
        return self + (-(other if isinstance(other, Lin) else Lin(const=float(other))))

    def __rsub__(self, other: float) -> Lin:
        return Lin(const=float(other)) - self

    @property
    def known(self) -> bool:
        return not self.terms


def total(items: Iterable[Lin]) -> Lin:
    out = Lin()
    for x in items:
        out = out + x
    return out


@dataclass
class Target:
    """A cell the attacker bounds: its name, its expression, its true value when the test knows it."""

    name: tuple
    expr: Lin
    exempt: bool = False


class Model:
    """Unknowns (integers ≥ their lower bound), equations and inequalities between expressions, and targets."""

    def __init__(self) -> None:
        self.index: dict[tuple, int] = {}
        self.lower: list[float] = []
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self.targets: dict[tuple, Target] = {}
        self.problems: list[str] = []            # things told outright (a small count shown, a rate of a hidden cell)

    def unknown(self, key: tuple, lower: float = 0.0) -> Lin:
        if key not in self.index:
            self.index[key] = len(self.lower)
            self.lower.append(lower)
        elif lower > self.lower[self.index[key]]:
            self.lower[self.index[key]] = lower
        return Lin({self.index[key]: 1.0})

    def equal(self, a: Lin, b: Lin | float) -> None:
        d = a - b
        if d.known:
            if abs(d.const) > 1e-6:
                self.problems.append(f"inconsistent published sums: {d.const:+g}")
            return
        self.rows.append((d.terms, -d.const, -d.const))

    def at_most(self, a: Lin, b: Lin | float) -> None:
        d = a - b
        if not d.known:
            self.rows.append((d.terms, -np.inf, -d.const))

    def target(self, name: tuple, expr: Lin, exempt: bool = False) -> None:
        if not expr.known:
            t = self.targets.get(name)
            self.targets[name] = Target(name, expr, exempt or (t.exempt if t else False))
        elif SMALL[0] <= expr.const <= SMALL[1]:
            self.problems.append(f"{name} = {expr.const:g} shown")

    # ------------------------------------------------------------------ solving

    def _system(self) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        n = len(self.lower)
        data, rows, cols, lo, hi = [], [], [], [], []
        for r, (terms, a, b) in enumerate(self.rows):
            for i, c in terms.items():
                rows.append(r)
                cols.append(i)
                data.append(c)
            lo.append(a)
            hi.append(b)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(self.rows), n)), np.array(lo), np.array(hi)

    def pinned(self, limit: float = 60.0) -> list[tuple[Target, float, float]]:
        """Every target (not exempt) whose integer range lies inside 1–4, with its range.

        The unknowns fall apart into independent groups (those tied by no sum); a target's range is the sum of its parts'
        ranges, each bounded in its own group. Feasible points found on the way (witnesses) settle most targets without
        a solve of their own: a target that some witness puts at 0 or at 5 or more is not pinned."""
        from scipy.sparse.csgraph import connected_components

        n = len(self.lower)
        todo = [t for t in self.targets.values() if not t.exempt]
        if not n or not todo:
            return []
        a, lo, hi = self._system()
        link = (a.T @ a) if a.shape[0] else sparse.csr_matrix((n, n))
        _, comp = connected_components(abs(link) > 0, directed=False)
        members: dict[int, np.ndarray] = {g: np.flatnonzero(comp == g) for g in np.unique(comp)}
        row_group = np.array([comp[next(iter(terms))] for terms, _, _ in self.rows], dtype=int)
        solver = {}

        def group(g: int) -> _Group:
            if g not in solver:
                idx = members[g]
                rows = np.flatnonzero(row_group == g)
                solver[g] = _Group(idx, a[rows][:, idx], lo[rows], hi[rows], np.array(self.lower)[idx], limit)
            return solver[g]

        split = []
        for t in todo:
            parts: dict[int, dict[int, float]] = defaultdict(dict)
            for i, c in t.expr.terms.items():
                parts[int(comp[i])][i] = c
            split.append((t, parts))
        by_group: dict[int, list[tuple[dict[int, float], float]]] = defaultdict(list)
        for t, parts in split:
            for g, terms in parts.items():
                by_group[g].append((terms, t.expr.const if len(parts) == 1 else 0.0))
        for g, terms in by_group.items():              # witnesses that push many targets down (or up) at once
            group(g).spread(terms)
        out = []
        for t, parts in split:
            ranges = [group(g).range(terms) for g, terms in parts.items()]
            low = t.expr.const + sum(r[0] for r in ranges)
            high = t.expr.const + sum(r[1] for r in ranges)
            if low >= SMALL[0] - 0.5 and high <= SMALL[1] + 0.5:
                # the parts' extremes are exact only together: confirm with the parts' own optima
                exact = [group(g).exact(terms) for g, terms in parts.items()]
                low = t.expr.const + sum(r[0] for r in exact)
                high = t.expr.const + sum(r[1] for r in exact)
                if low >= SMALL[0] - 0.5 and high <= SMALL[1] + 0.5:
                    out.append((t, low, high))
        return out

    def feasible_at(self, truth: dict[tuple, float]) -> list[str]:
        """The rows the true values break (a check of the attacker's own model; unknowns without a truth are skipped)."""
        bad = []
        x = {i: truth[k] for k, i in self.index.items() if k in truth}
        for terms, lo, hi in self.rows:
            if all(i in x for i in terms):
                v = sum(c * x[i] for i, c in terms.items())
                if v < lo - 1e-6 or v > hi + 1e-6:
                    bad.append(f"{[k for k, i in self.index.items() if i in terms][:4]}: {v} not in [{lo}, {hi}]")
        return bad


class _Group:
    """One group of unknowns tied together by sums: integer programs over it, and the feasible points found so far."""

    def __init__(self, idx: np.ndarray, a: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray, lower: np.ndarray,
                 limit: float) -> None:
        self.pos = {int(i): k for k, i in enumerate(idx)}
        self.cons = [LinearConstraint(a, lo, hi)] if a.shape[0] else []
        eq = lo == hi
        upper, lower_ = ~eq & np.isfinite(hi), ~eq & np.isfinite(lo)
        self.eq = (a[eq], lo[eq]) if eq.any() else (None, None)
        self.ub = ((sparse.vstack([a[upper], -a[lower_]]).tocsr(), np.concatenate([hi[upper], -lo[lower_]]))
                   if (upper | lower_).any() else (None, None))
        self.bounds = Bounds(lower, np.full(len(idx), np.inf))
        self.limit = limit
        self.points: list[np.ndarray] = []
        rng = np.random.default_rng(len(idx))
        for _ in range(2):                         # two feasible points near "everything small"
            x = self.solve(rng.uniform(0.5, 1.0, len(idx)))
            if isinstance(x, np.ndarray):
                self.points.append(x)
        if not self.points:
            raise AssertionError("the published numbers admit no solution: the attacker's model is wrong")

    def solve(self, c: np.ndarray, bounds: Bounds | None = None) -> np.ndarray | str | None:
        """An optimal integer point of c·x (its linear relaxation first: an integral vertex is optimal already)."""
        bounds = bounds or self.bounds
        res = linprog(c, A_ub=self.ub[0], b_ub=self.ub[1], A_eq=self.eq[0], b_eq=self.eq[1],
                      bounds=np.column_stack([bounds.lb, np.where(np.isinf(bounds.ub), None, bounds.ub)]),
                      method="highs")
        if res.status == 3:
            return "unbounded"
        if res.status == 0 and np.allclose(res.x, np.round(res.x), atol=1e-7):
            return np.round(res.x)
        res = milp(c, constraints=self.cons, integrality=np.ones(len(c)), bounds=bounds,
                   options={"time_limit": self.limit})
        if res.status == 0:
            return np.round(res.x)
        return "unbounded" if res.status == 3 else None

    def spread(self, targets: list[tuple[dict[int, float], float]], rounds: int = 12) -> None:
        """Feasible points that put the targets not yet settled as low, then as high, as they can go together (random
        weights, until a round settles none)."""
        cap = Bounds(self.bounds.lb, np.full(len(self.bounds.lb), 1e4))
        rng = np.random.default_rng(7)
        open_ = [t for t in targets if self._inside(*t)]
        for _ in range(rounds):
            if not open_:
                return
            c = sum(rng.uniform(0.5, 1.5) * self._vector(t) for t, _ in open_)
            for sign in (1.0, -1.0):
                x = self.solve(sign * c, cap)
                if isinstance(x, np.ndarray):
                    self.points.append(x)
            before, open_ = len(open_), [t for t in open_ if self._inside(*t)]
            if len(open_) == before:
                return

    def _inside(self, terms: dict[int, float], const: float = 0.0) -> bool:
        low, high = self.range(terms)
        return low + const >= SMALL[0] - 0.5 and high + const <= SMALL[1] + 0.5

    def _vector(self, terms: dict[int, float]) -> np.ndarray:
        c = np.zeros(len(self.bounds.lb))
        for i, v in terms.items():
            c[self.pos[i]] = v
        return c

    def range(self, terms: dict[int, float]) -> tuple[float, float]:
        """The lowest and highest value of Σ terms among the witnesses (a quick inner bound of the true range)."""
        c = self._vector(terms)
        values = np.array([c @ x for x in self.points])
        return float(values.min()), float(values.max())

    def exact(self, terms: dict[int, float]) -> tuple[float, float]:
        """The true integer range of Σ terms over the group (∞ when nothing bounds it above)."""
        c = self._vector(terms)
        out = []
        for sign in (1.0, -1.0):
            x = self.solve(sign * c)
            if isinstance(x, np.ndarray):
                self.points.append(x)
                out.append(float(c @ x))
            elif x == "unbounded":
                out.append(sign * -np.inf if sign < 0 else -np.inf)
            else:
                raise AssertionError(f"integer program failed on {len(c)} unknowns")
        low, high = out[0], out[1]
        return low, (np.inf if high == -np.inf else high)


# --------------------------------------------------------------------------- what a period folder says


@dataclass
class Folder:
    """One published period folder as the attacker reads it."""

    period: str
    quarters: list[str]
    tables: dict[str, pd.DataFrame]
    meta: dict

    @property
    def comp(self) -> pd.DataFrame:
        return self.tables["compliance"].set_index("opd_kode")


def read_folder(path: Path) -> Folder:
    """The CSVs of `path/tables` (codes and categories as text) and its run facts."""
    tables = {}
    for csv in sorted((path / "tables").glob("*.csv")):
        tables[csv.stem] = pd.read_csv(csv, dtype={"scope": str, "opd_kode": str, "triwulan": str, "periode": str})
    meta = json.loads((path / "tables" / "run_meta.json").read_text(encoding="utf-8"))
    return Folder(meta["period"], list(meta["window"]["quarters"]), tables, meta)


def _reason_bounds(reason: object) -> tuple[float, float] | None:
    """The old reason words, for an attacker who believes them (`reasons=True`): «sel < 5» 1–4, «total < 5» 0."""
    if not isinstance(reason, str):
        return None
    if reason == "sel < 5":
        return (1, 4)
    if reason == "total < 5":
        return (0, 0)
    return None


class Attacker:
    """Builds the model of one or more folders (`add`), then `pinned()`."""

    def __init__(self, reasons: bool = False) -> None:
        self.m = Model()
        self.reasons = reasons
        self.truth: dict[tuple, float] = {}
        self.quarter_totals: dict[tuple[str, str], float] = {}     # (quarter, opd) → promotions counted
        self.window_cells: dict[tuple, list] = defaultdict(list)   # additive cell → [(period, shown value or None)]
        self.sides: dict[tuple, dict[str, Lin]] = {}                # findings cells: (period, scope, attr, group, is_group)

    # ------------------------------------------------------------------ cells

    def quarterly(self, name: tuple, quarters: list[str]) -> Lin:
        """An additive count of a window: the sum of its quarters' shares (unknowns ≥ 0)."""
        return total(self.m.unknown(("q", q, *name)) for q in quarters)

    def cell(self, f: Folder, name: tuple, value: float, additive: bool = False, lower: float = 0.0,
             reason: object = None) -> Lin:
        """A published count: its value where shown, else an unknown (or, when additive, its quarters' sum)."""
        if additive:
            expr = self.quarterly(name, f.quarters)
            if not np.isnan(value):
                self.m.equal(expr, value)
            self.window_cells[name].append((f.period, None if np.isnan(value) else value))
            if lower:
                self.m.at_most(Lin(const=lower), expr)
        elif np.isnan(value):
            expr = self.m.unknown((f.period, *name), lower)
        else:
            expr = Lin(const=value)
        bounds = _reason_bounds(reason) if self.reasons and np.isnan(value) else None
        if bounds:
            self.m.at_most(Lin(const=bounds[0]), expr)
            self.m.at_most(expr, bounds[1])
        return expr

    # ------------------------------------------------------------------ the folders

    def add(self, f: Folder) -> None:
        """Everything one folder tells."""
        led = f.tables.get("promotions_ledger", pd.DataFrame())
        if len(led):
            promo = led[(led["jenis"] == "promosi") & (led["alasan"] == "dihitung")]
            for (q, o), n in promo.groupby(["triwulan", "opd_kode"])["n_peristiwa"].sum().items():
                self.quarter_totals[(str(q), str(o))] = float(n)
        comp = f.comp
        for o in comp.index:
            for q in f.quarters:
                self.quarter_totals.setdefault((q, str(o)), 0.0)
            n_q = _num(comp.at[o, "n_promosi_triwulan"]) if "n_promosi_triwulan" in comp else np.nan
            if not np.isnan(n_q):
                self.quarter_totals[(f.quarters[-1], str(o))] = n_q
        self._grids(f)
        self._levels_and_compliance(f)
        self._findings(f)
        self._merit_gaps(f)
        self._others(f)

    def _quarter_lines(self) -> None:
        """Per quarter and OPD: the promotions of every breakdown of promotions sum to the ledger's count, those from the
        talent pool (…) are at most it."""
        cells: dict[tuple[str, str, str], list[Lin]] = defaultdict(list)
        for key, i in self.m.index.items():
            if key[0] != "q":
                continue
            q, name = key[1], key[2:]
            if name[0] == "promotions" and name[1] != PROVINCE:
                cells[(q, name[1], "promotions")].append(Lin({i: 1.0}))
            elif name[0] in ("compliance", "by_level") or (name[0] == "findings" and name[-1] == "e"):
                opd = name[1]
                t = self.quarter_totals.get((q, opd))
                if t is not None:
                    self.m.at_most(Lin({i: 1.0}), t)
                if name[0] == "findings":
                    cells[(q, opd, f"findings:{name[2]}")].append(Lin({i: 1.0}))
        for (q, opd, kind), items in cells.items():
            t = self.quarter_totals.get((q, opd))
            if t is None:
                continue
            if kind == "promotions":
                self.m.equal(total(items), t)
            else:
                self.m.at_most(total(items), t)

    # grids: talent_box, readiness, checks, promotions

    def _grids(self, f: Folder) -> None:
        comp = f.comp
        led = f.tables.get("promotions_ledger", pd.DataFrame())
        risk = {}
        if len(led):
            r = led[(led["jenis"] == "pegawai") & (led["alasan"] == "dapat_dipromosikan") & (led["triwulan"] == f.period)]
            risk = dict(zip(r["opd_kode"].astype(str), r["n_orang"].astype(float)))
        line_totals = {"talent_box": {str(o): float(comp.at[o, "n_pegawai"]) for o in comp.index},
                       "readiness": risk, "checks": risk,
                       "promotions": {str(o): float(comp.at[o, "n_promosi"]) for o in comp.index}}
        prov_total = {"talent_box": float(f.meta["n_pegawai"]), "promotions": float(f.meta["n_promosi"]),
                      "readiness": sum(risk.values()) if risk else None, "checks": sum(risk.values()) if risk else None}
        for name, (keys, within) in GRIDS.items():
            t = f.tables.get(name)
            if t is None or t.empty:
                continue
            additive = name == "promotions"
            cells: dict[tuple, Lin] = {}
            shown: dict[tuple, float] = {}
            for _, r in t.iterrows():
                k = (_key(r["scope"]), *(_key(r[c]) for c in keys))
                v = _num(r["n"])
                shown[k] = v
                if additive and k[0] == PROVINCE:
                    continue                           # the province's cells are the OPDs' sums (below)
                cells[k] = self.cell(f, (name, *k), v, additive, reason=r.get("suppressed"))
            cats = sorted({k[1:] for k in cells} | {k[1:] for k in shown})
            opds = sorted({k[0] for k in shown if k[0] != PROVINCE} | set(line_totals[name]))
            for o in opds:
                for c in cats:
                    if (o, *c) not in cells:           # a cell without a row: nobody in it
                        cells[(o, *c)] = Lin()
            if additive:
                for c in cats:
                    prov = total(cells[(o, *c)] for o in opds)
                    cells[(PROVINCE, *c)] = prov
                    v = shown.get((PROVINCE, *c), np.nan)
                    if not np.isnan(v):
                        self.m.equal(prov, v)
            else:
                for c in cats:
                    if (PROVINCE, *c) in cells:
                        self.m.equal(total(cells[(o, *c)] for o in opds), cells[(PROVINCE, *c)])
            wi = [keys.index(w) for w in within]
            groups = sorted({tuple(c[i] for i in wi) for c in cats})
            for scope in [*opds, PROVINCE]:
                for g in groups:
                    members = [cells[(scope, *c)] for c in cats if tuple(c[i] for i in wi) == g and (scope, *c) in cells]
                    tot = prov_total[name] if scope == PROVINCE else line_totals[name].get(scope)
                    if tot is not None and members:
                        self.m.equal(total(members), tot)
            # targets: every cell, and, for promotions, every quarter's share of it; exempt where the province's line
            # puts everyone in one category (then each OPD's line does too)
            uniform = {tuple(c[i] for i in wi) for c in cats
                       if prov_total[name] and shown.get((PROVINCE, *c), np.nan) == prov_total[name]}
            for k, expr in cells.items():
                self.m.target((f.period, name, *k), expr, exempt=tuple(k[1:][i] for i in wi) in uniform)
            if additive:
                for o in opds:
                    whole = line_totals[name].get(o, np.nan)
                    for c in cats:
                        one_way = shown.get((o, *c), np.nan) == whole and whole > 0
                        for q in f.quarters:
                            key = ("q", q, name, o, *c)
                            if key in self.m.index:
                                self.m.target(key, Lin({self.m.index[key]: 1.0}), exempt=bool(one_way))
                for c in cats:
                    for q in f.quarters:
                        parts = [Lin({self.m.index[k]: 1.0}) for o in opds
                                 if (k := ("q", q, name, o, *c)) in self.m.index]
                        if parts:
                            self.m.target(("q", q, name, PROVINCE, *c), total(parts))

    # level table and compliance

    def _levels_and_compliance(self, f: Folder) -> None:
        comp = f.comp
        lv = f.tables.get("bypassed_by_level", pd.DataFrame())
        # the level table counts a promotion at the level its start level aims at (not the post reached); where the
        # extract knows JF jenjang (run facts), a Fungsional aims at its jenjang's level, which no table shows: its
        # promotions of a quarter go to the levels by unknown shares
        split = bool(f.meta.get("jf_jenjang", True))
        levels = sorted({_key(x) for x in lv["level_tujuan"]}) if len(lv) else []
        by_quarter: dict[tuple[str, str, str], Lin] = defaultdict(Lin)      # (quarter, opd, level aimed at)
        jf: dict[tuple[str, str], Lin] = defaultdict(Lin)
        for key, i in list(self.m.index.items()):
            if key[0] == "q" and key[1] in f.quarters and key[2] == "promotions" and key[3] != PROVINCE:
                if split and key[4] == "Fungsional":
                    jf[(key[1], key[3])] = jf[(key[1], key[3])] + Lin({i: 1.0})
                elif key[4] in AIMS:
                    k = (key[1], key[3], AIMS[key[4]])
                    by_quarter[k] = by_quarter[k] + Lin({i: 1.0})
        for (q, o), promoted in jf.items():
            shares = [self.m.unknown(("q", q, "jf_aims", o, level)) for level in levels]
            for level, x in zip(levels, shares):
                by_quarter[(q, o, level)] = by_quarter[(q, o, level)] + x
            self.m.at_most(total(shares), promoted)            # the highest jenjang aims at no level of the table
        promo_post: dict[tuple[str, str], Lin] = defaultdict(Lin)
        for (_q, o, level), x in by_quarter.items():
            promo_post[(o, level)] = promo_post[(o, level)] + x
        mel: dict[str, Lin] = defaultdict(Lin)
        byp: dict[str, Lin] = defaultdict(Lin)
        prov_mel, prov_byp = defaultdict(Lin), defaultdict(Lin)
        if len(lv):
            for _, r in lv.iterrows():
                s, level = _key(r["scope"]), _key(r["level_tujuan"])
                if s == PROVINCE:
                    continue
                p = promo_post.get((s, level), Lin())
                v = _num(r["n_promosi"])
                if not np.isnan(v):
                    self.m.equal(p, v)
                m_ = self.cell(f, ("by_level", s, level, "mel"), _num(r["n_promosi_melangkahi"]), additive=True)
                b_ = self.cell(f, ("by_level", s, level, "byp"), _num(r["n_bypassed"]))
                self.m.at_most(m_, p)
                mel[s] = mel[s] + m_
                byp[s] = byp[s] + b_
                prov_mel[level] = prov_mel[level] + m_
                prov_byp[level] = prov_byp[level] + b_
                self.m.target((f.period, "by_level", s, level, "promosi"), p)
                self.m.target((f.period, "by_level", s, level, "mel"), m_)
                self.m.target((f.period, "by_level", s, level, "promosi-mel"), p - m_)
                self.m.target((f.period, "by_level", s, level, "byp"), b_)
                for q in f.quarters:
                    k = ("q", q, "by_level", s, level, "mel")
                    if k in self.m.index:
                        m_q = Lin({self.m.index[k]: 1.0})
                        p_q = by_quarter.get((q, s, level), Lin())
                        self.m.at_most(m_q, p_q)
                        # none (or all) of the window's promotions to this level passed someone over: told of each
                        one_way = _num(r["n_promosi_melangkahi"]) in (0.0, v)
                        self.m.target(k, m_q, exempt=one_way)
                        self.m.target((*k, "not"), p_q - m_q, exempt=one_way)
            for _, r in lv[lv["scope"].astype(str) == PROVINCE].iterrows():
                level = _key(r["level_tujuan"])
                for col, sums in (("n_promosi_melangkahi", prov_mel), ("n_bypassed", prov_byp)):
                    v = _num(r[col])
                    if not np.isnan(v):
                        self.m.equal(sums[level], v)
        for o in comp.index:
            s = str(o)
            row = comp.loc[o]
            n_p = float(row["n_promosi"])
            for col, label in (("n_promosi_talent_pool", "tp"), ("n_promosi_eligible", "el")):
                if col not in row:
                    continue
                x = self.cell(f, ("compliance", s, label), _num(row[col]), additive=True)
                self.m.at_most(x, n_p)
                self.m.target((f.period, "compliance", s, label), x)
                self.m.target((f.period, "compliance", s, f"not {label}"), n_p - x)
                one_way = _num(row[col]) in (0.0, n_p)        # none, or all, of the window's promotions
                for q in f.quarters:
                    k = ("q", q, "compliance", s, label)
                    if k in self.m.index:
                        x_q = Lin({self.m.index[k]: 1.0})
                        self.m.target(k, x_q, exempt=one_way)
                        self.m.target((*k, "not"), self.quarter_totals.get((q, s), 0.0) - x_q, exempt=one_way)
            if "n_promosi_melangkahi" in row:
                v = _num(row["n_promosi_melangkahi"])
                if not np.isnan(v):
                    self.m.equal(mel[s], v)
                self.m.target((f.period, "compliance", s, "mel"), mel[s])
                self.m.target((f.period, "compliance", s, "not mel"), n_p - mel[s])
            if "n_kandidat" in row:
                kand = self.cell(f, ("compliance", s, "kand"), _num(row["n_kandidat"]))
                b = byp[s] if len(lv) else self.cell(f, ("compliance", s, "byp"), _num(row["n_bypassed"]))
                v = _num(row["n_bypassed"])
                if not np.isnan(v):
                    self.m.equal(b, v)
                rest = _num(row.get("n_kandidat_tidak_terlewati", np.nan))
                if not np.isnan(rest):
                    self.m.equal(kand - b, rest)
                self.m.at_most(b, kand)
                self.m.target((f.period, "compliance", s, "kand"), kand)
                self.m.target((f.period, "compliance", s, "byp"), b)
                self.m.target((f.period, "compliance", s, "kand-byp"), kand - b)
            if "n_rotasi_memenuhi_syarat" in row:
                n_r = float(row["n_rotasi"])
                x = self.cell(f, ("compliance", s, "rot"), _num(row["n_rotasi_memenuhi_syarat"]))
                self.m.at_most(x, n_r)
                self.m.target((f.period, "compliance", s, "rot"), x)
                self.m.target((f.period, "compliance", s, "not rot"), n_r - x)
            for col, derived in (("n_promosi_talent_pool", "share_promosi_talent_pool"),
                                 ("n_promosi_eligible", "share_promosi_eligible"),
                                 ("n_bypassed", "share_bypassed"), ("n_rotasi_memenuhi_syarat",
                                                                     "share_rotasi_memenuhi_syarat")):
                if col in row and derived in row and pd.isna(row[col]) and pd.notna(row[derived]):
                    self.m.problems.append(f"{f.period} compliance {s}: {derived} shown, {col} hidden")

    # findings

    def _findings(self, f: Folder) -> None:
        t = f.tables.get("findings")
        if t is None or t.empty:
            return
        comp = f.comp
        families = [("n", "e", "n_group", "promoted_group", "n_reference", "promoted_reference"),
                    ("nq", "eq", "n_qualified_group", "promoted_qualified_group", "n_qualified_reference",
                     "promoted_qualified_reference"),
                    ("nm", "em", "n_merit_group", "promoted_merit_group", "n_merit_reference", "promoted_merit_reference")]
        sums: dict[tuple, Lin] = defaultdict(Lin)          # (kind, attribute, group) over OPDs
        prov: dict[tuple, Lin] = {}
        for (scope, attr), rows in t.groupby(["scope", "attribute"], sort=False):
            scope, attr = str(scope), str(attr)
            stable = attr in STABLE
            ref = str(rows["reference_group"].iloc[0])
            block: dict[str, list[Lin]] = defaultdict(list)
            sides: list[dict[str, Lin]] = []
            units = [(str(r["group"]), r, True) for _, r in rows.iterrows()] + [(ref, rows.iloc[0], False)]
            for g, r, is_group in units:
                side = {}
                for kind_n, kind_e, cn, ce, rn, re_ in families:
                    col_n, col_e = (cn, ce) if is_group else (rn, re_)
                    if col_n not in r:
                        continue
                    name = ("findings", scope, attr, g)
                    n = self.cell(f, (*name, kind_n), _num(r[col_n]), lower=1.0 if (is_group and kind_n == "n") else 0.0)
                    e = self.cell(f, (*name, kind_e), _num(r[col_e]),
                                  additive=stable and kind_e == "e" and scope != PROVINCE)
                    side[kind_n], side[kind_e] = n, e
                    self.m.at_most(e, n)
                    block[kind_n].append(n)
                    block[kind_e].append(e)
                    for nm, x in ((kind_n, n), (kind_e, e), (f"{kind_n}-{kind_e}", n - e)):
                        self.m.target((f.period, *name, nm), x)
                    if stable and kind_e == "e" and scope != PROVINCE:
                        # the window says every promoted person of the block is in this group (the others' 0 shown)
                        others = [_num(o[ce] if o_is else o[re_]) for og, o, o_is in units if (og, o_is) != (g, is_group)]
                        one_way = all(v == 0 for v in others)
                        for q in f.quarters:
                            k = ("q", q, *name, "e")
                            if k in self.m.index:
                                self.m.target(k, Lin({self.m.index[k]: 1.0}), exempt=one_way)
                    for kind, x in ((kind_n, n), (kind_e, e)):
                        key = (kind, attr, g, is_group)
                        if scope == PROVINCE:
                            prov[key] = x
                        else:
                            sums[key] = sums[key] + x
                for part in ("q", "m"):      # the talent pool, those with a merit score: parts of the row's persons
                    if {"n", "e", f"n{part}", f"e{part}"} <= set(side):
                        self.m.at_most(side[f"n{part}"], side["n"])
                        self.m.at_most(side[f"e{part}"], side["e"])
                        self.m.at_most(side[f"e{part}"], side[f"n{part}"])
                sides.append(side)
                self.sides[(f.period, scope, attr, g, is_group)] = side
            ref_side = sides[-1]
            for side, (_, r) in zip(sides, rows.iterrows()):     # the audit says why a row was not tested
                if "e" in side and "e" in ref_side:
                    self._flag_reason(r.get("flag_reason"), side, ref_side)
            n_scope = _num(rows["n_scope"].iloc[0]) if "n_scope" in rows else np.nan
            if not np.isnan(n_scope):
                self.m.equal(total(block["n"]), n_scope)
            if scope != PROVINCE and scope in comp.index.astype(str):
                self.m.equal(total(block["e"]), self.m.unknown((f.period, "findings", scope, "E")))
                self.m.at_most(self.m.unknown((f.period, "findings", scope, "E")), float(comp.at[scope, "n_promosi"]))
                # promoted persons ever in the talent pool in the window: the same persons for every attribute (not
                # compliance's promotions from the pool, which counts each promotion at its quarter)
                if block["eq"]:
                    self.m.equal(total(block["eq"]), self.m.unknown((f.period, "findings", scope, "EQ")))
                if block["nq"]:
                    self.m.equal(total(block["nq"]), self.m.unknown((f.period, "findings", scope, "NQ")))
        opds = {str(o) for o in comp.index}
        for key, x in prov.items():
            have = {str(s) for s in t.loc[t["attribute"].astype(str) == key[1], "scope"]}
            rest = Lin() if opds <= have else self.m.unknown((f.period, "findings", "rest", *key))  # blocks left out
            self.m.equal(sums.get(key, Lin()) + rest, x)

    def _flag_reason(self, why: object, side: dict[str, Lin], ref: dict[str, Lin]) -> None:
        """docs/verdicts.md: an untested row says why (nobody in the group, in the reference, nobody or everybody
        promoted); any other row has someone in the reference, someone promoted and someone not."""
        why = why if isinstance(why, str) else ""
        n, e = side["n"] + ref["n"], side["e"] + ref["e"]
        if why == "small_cell":            # not tested, a count hidden: the reason withheld
            return
        if why == "no_group":
            self.m.equal(side["n"], 0)
        elif why == "no_reference":
            self.m.equal(ref["n"], 0)
        elif why == "no_promotion":
            self.m.at_most(Lin(const=1), ref["n"])
            self.m.equal(e, 0)
        elif why == "all_promoted":
            self.m.at_most(Lin(const=1), ref["n"])
            self.m.equal(e, n)
        else:
            self.m.at_most(Lin(const=1), ref["n"])
            self.m.at_most(Lin(const=1), e)
            self.m.at_most(e, n - 1)

    # merit_gaps.csv: the persons of a group (and of its reference) with a merit measure are some of its persons

    def _merit_gaps(self, f: Folder) -> None:
        t = f.tables.get("merit_gaps")
        if t is None or t.empty:
            return
        for _, r in t.iterrows():
            scope, attr, g, ref = (_key(r[c]) for c in ("scope", "attribute", "group", "reference_group"))
            for col, who, is_group in (("n_group", g, True), ("n_reference", ref, False)):
                x = self.cell(f, ("merit_gaps", scope, attr, who, _key(r["measure"]), col), _num(r[col]))
                side = self.sides.get((f.period, scope, attr, who, is_group))
                if side and "n" in side:
                    self.m.at_most(x, side["n"])
                self.m.target((f.period, "merit_gaps", scope, attr, who, _key(r["measure"])), x)

    # every other table (register.csv, …): no count column may show 1–4

    def _others(self, f: Folder) -> None:
        for name, t in f.tables.items():
            if name in KNOWN or t.empty:
                continue
            for col in t.columns:
                if not (col == "n" or col.startswith("n_")) or not pd.api.types.is_numeric_dtype(t[col]):
                    continue
                small = t[col].between(SMALL[0], SMALL[1])
                if small.any():
                    self.m.problems.append(f"{f.period} {name}.{col}: {int(small.sum())} counts of 1–4 shown")

    def done(self) -> Model:
        self._quarter_lines()
        return self.m


def attack(folders: list[Path], reasons: bool = False) -> tuple[Model, list[tuple[Target, float, float]]]:
    """The model of the folders (oldest first) and every cell it pins to 1–4."""
    a = Attacker(reasons)
    for path in folders:
        a.add(read_folder(path))
    m = a.done()
    return m, m.pinned()
