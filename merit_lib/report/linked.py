"""Disclosure planned across tables and periods: every published count as one system of sums, audited by integer
programming (DESIGN §5, §6; docs/disclosure.md).

`privacy.publish` hides a table's cells of 1–4 persons and the complements its own sums need. The tables are not
independent, nor are the periods: promotions by post are the level table's promotions, the talent-pool promotions of
the findings are compliance.csv's, and a count over the evidence window is the sum of its quarters' counts, of which
the ledger publishes each quarter's promotions per OPD — so two folders one quarter apart tie their cells quarter by
quarter. `System` holds what a reader of the period folder (and of the folders beside it) knows: each published count
(shown, or an unknown integer ≥ 0 where hidden), each quarter's share of an additive count (unknown), and every sum and
bound tying them (`RELATIONS`). `pinned` bounds every unknown and every cell made of them by integer programming and
returns those pinned to 1–4 (an interval excluding 0 and every value ≥ 5). `privacy.publish_all` then hides, in the
period being published, a shown count next to each pinned one (`complements`), and audits again, until none is pinned.

A cell pinned only because a published line puts everyone in one category is not counted (the whole province passes a
requirement; all of an OPD's promotions of the window went one way): the line says that of everyone in it, and hiding
it would mean hiding empty cells, which the policy does not do.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from merit_lib.domain import codes, rules
from merit_lib.domain.period import Period

PROVINCE = codes.PROVINCE
SMALL = (1, 4)
#: grid tables: the columns of a cell, and the columns splitting a table into separate breakdowns of the same persons
GRIDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "talent_box": (("kotak",), ()), "readiness": (("kesiapan",), ()), "checks": (("syarat", "status"), ("syarat",)),
    "promotions": (("level_awal", "jenis_jabatan_akhir", "kesiapan"), ())}
#: attributes a person keeps from quarter to quarter: promoted persons by them add up over the quarters of a window
STABLE = ("jenis_kelamin", "agama", "status_kepegawaian")
#: the findings' two families of cells: (persons, promoted) columns of the group and of the reference, and the labels
#: `privacy.FINDINGS` gives the cells
FAMILIES = (("n", "e", "n_group", "promoted_group", "n_reference", "promoted_reference", "kelompok", "pembanding"),
            ("nq", "eq", "n_qualified_group", "promoted_qualified_group", "n_qualified_reference",
             "promoted_qualified_reference", "talent pool kelompok", "talent pool pembanding"),
            ("nm", "em", "n_merit_group", "promoted_merit_group", "n_merit_reference", "promoted_merit_reference",
             "bernilai merit kelompok", "bernilai merit pembanding"))
#: compliance counts over the window that add up over quarters, and their `privacy.COMPLIANCE` labels
ADDITIVE_SHARES = {"n_promosi_talent_pool": "talent pool", "n_promosi_eligible": "memenuhi syarat"}
#: what the system knows, in words (docs/disclosure.md lists the same)
RELATIONS = (
    "a PROVINSI row is the sum of the OPD rows (findings: plus the blocks left out)",
    "each OPD's line of a breakdown sums to its public total: staff (9-box), persons at risk at the quarter's start "
    "(readiness, each requirement), promotions in the window (promotions), persons at risk in the window (findings)",
    "promotions by post are the level table's promotions; the level rows of an OPD sum to its compliance counts",
    "promoted ≤ persons; talent pool ≤ persons; promoted from the talent pool ≤ either; passed over ≤ candidates; "
    "candidates − passed over = not passed over; a findings row exists only for a group with someone in it",
    "each attribute's promoted persons of a scope (and those of them ever in the talent pool) are the same persons "
    "(not compliance's promotions from the pool, counted at each promotion's quarter)",
    "a count over the window is the sum of its quarters' counts (promotions, those passing someone over, from the talent "
    "pool, meeting every requirement, promoted persons by an attribute a person keeps); the ledger gives each quarter's "
    "promotions per OPD",
    "every folder beside this one, tied through the quarters its window shares")


@dataclass(frozen=True)
class CellId:
    """A count of the period being published that the door can hide: table, row key, and the cell's label."""

    table: str
    key: tuple
    label: str


@dataclass
class Lin:
    """Σ coef × unknown + const, and the shown counts of the period being published it was made from."""

    terms: dict[int, float] = field(default_factory=dict)
    const: float = 0.0
    cells: frozenset = frozenset()

    def __add__(self, other: Lin | float) -> Lin:
        other = other if isinstance(other, Lin) else Lin(const=float(other))
        terms = dict(self.terms)
        for i, c in other.terms.items():
            terms[i] = terms.get(i, 0.0) + c
        return Lin({i: c for i, c in terms.items() if c}, self.const + other.const, self.cells | other.cells)

    __radd__ = __add__

    def __neg__(self) -> Lin:
        return Lin({i: -c for i, c in self.terms.items()}, -self.const, self.cells)

    def __sub__(self, other: Lin | float) -> Lin:
        return self + (-(other if isinstance(other, Lin) else Lin(const=float(other))))

    def __rsub__(self, other: float) -> Lin:
        return Lin(const=float(other)) - self


def total(items: Iterable[Lin]) -> Lin:
    out = Lin()
    for x in items:
        out = out + x
    return out


@dataclass
class Target:
    """A cell the audit bounds (a hidden count, a quarter's share of one, or a difference of them)."""

    name: tuple
    expr: Lin
    exempt: bool = False


@dataclass
class Published:
    """One period's published tables as the system reads them: its quarters, its tables, its public totals; `current`
    marks the period being published (only its counts can still be hidden)."""

    period: str
    quarters: list[str]
    tables: Mapping[str, pd.DataFrame]
    totals: Mapping[str, float]
    current: bool = False


class System:
    """Unknowns (integers ≥ a lower bound), sums and bounds between expressions (with the shown counts each was made
    from), and the targets to audit."""

    def __init__(self) -> None:
        self.index: dict[tuple, int] = {}
        self.lower: list[float] = []
        self.rows: list[tuple[dict[int, float], float, float, frozenset]] = []
        self.targets: dict[tuple, Target] = {}

    def unknown(self, key: tuple, lower: float = 0.0) -> Lin:
        if key not in self.index:
            self.index[key] = len(self.lower)
            self.lower.append(lower)
        elif lower > self.lower[self.index[key]]:
            self.lower[self.index[key]] = lower
        return Lin({self.index[key]: 1.0})

    def equal(self, a: Lin, b: Lin | float) -> None:
        d = a - b
        if d.terms:
            self.rows.append((d.terms, -d.const, -d.const, d.cells))

    def at_most(self, a: Lin, b: Lin | float) -> None:
        d = a - b
        if d.terms:
            self.rows.append((d.terms, -np.inf, -d.const, d.cells))

    def target(self, name: tuple, expr: Lin, exempt: bool = False) -> None:
        if expr.terms:
            old = self.targets.get(name)
            self.targets[name] = Target(name, expr, exempt or (old.exempt if old else False))

    def matrix(self) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        data, r, c, lo, hi = [], [], [], [], []
        for k, (terms, a, b, _) in enumerate(self.rows):
            for i, v in terms.items():
                r.append(k)
                c.append(i)
                data.append(v)
            lo.append(a)
            hi.append(b)
        return sparse.csr_matrix((data, (r, c)), shape=(len(self.rows), len(self.lower))), np.array(lo), np.array(hi)


# --------------------------------------------------------------------------- the audit


class _Group:
    """Unknowns tied together by sums: integer programs over them, and the feasible points found so far."""

    def __init__(self, a: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray, lower: np.ndarray) -> None:
        self.cons = [LinearConstraint(a, lo, hi)] if a.shape[0] else []
        eq = lo == hi
        up, down = ~eq & np.isfinite(hi), ~eq & np.isfinite(lo)
        self.eq = (a[eq], lo[eq]) if eq.any() else (None, None)
        self.ub = ((sparse.vstack([a[up], -a[down]]).tocsr(), np.concatenate([hi[up], -lo[down]]))
                   if (up | down).any() else (None, None))
        self.bounds = Bounds(lower, np.full(len(lower), np.inf))
        self.points = np.zeros((0, len(lower)))
        self.ranges: dict[bytes, tuple[float, float]] = {}      # exact ranges found, by target vector
        x = self.solve(np.random.default_rng(len(lower)).uniform(0.5, 1.0, len(lower)))
        if not isinstance(x, np.ndarray):
            raise Infeasible("the published numbers admit no solution")
        self.add(x)

    def add(self, x: np.ndarray) -> None:
        self.points = np.vstack([self.points, x])

    def solve(self, c: np.ndarray, bounds: Bounds | None = None, best_known: bool = False) -> np.ndarray | str | None:
        """An optimal integer point of c·x: the linear relaxation's vertex when it is integral; with `best_known`, a
        point found before whose value reaches the relaxation's bound rounded up (c integral: no integer point can do
        better, so it is optimal); else an integer program."""
        bounds = bounds or self.bounds
        res = linprog(c, A_ub=self.ub[0], b_ub=self.ub[1], A_eq=self.eq[0], b_eq=self.eq[1],
                      bounds=np.column_stack([bounds.lb, np.where(np.isinf(bounds.ub), None, bounds.ub)]),
                      method="highs")
        if res.status == 3:
            return "unbounded"
        if res.status == 2:
            return None
        if res.status == 0 and np.allclose(res.x, np.round(res.x), atol=1e-7):
            return np.round(res.x)
        if best_known and res.status == 0 and len(self.points) and np.array_equal(c, np.round(c)):
            values = self.points @ c
            best = int(values.argmin())
            if values[best] <= np.ceil(res.fun - 1e-6):
                return self.points[best].copy()
        out = milp(c, constraints=self.cons, integrality=np.ones(len(c)), bounds=bounds,
                   options={"time_limit": 120})
        if out.status == 0:
            return np.round(out.x)
        return "unbounded" if out.status == 3 else None

    def range(self, c: np.ndarray) -> tuple[float, float]:
        values = self.points @ c
        return float(values.min()), float(values.max())

    def spread(self, targets: list[tuple[np.ndarray, float]], rounds: int = 12) -> None:
        """Feasible points putting the targets not yet settled as low, then as high, as they go together."""
        cap = Bounds(self.bounds.lb, np.full(len(self.bounds.lb), 1e4))
        rng = np.random.default_rng(7)
        open_ = [t for t in targets if _inside(self.range(t[0]), t[1])]
        for _ in range(rounds):
            if not open_:
                return
            c = sum(rng.uniform(0.5, 1.5) * v for v, _ in open_)
            for sign in (1.0, -1.0):
                x = self.solve(sign * c, cap)
                if isinstance(x, np.ndarray):
                    self.add(x)
            before, open_ = len(open_), [t for t in open_ if _inside(self.range(t[0]), t[1])]
            if len(open_) == before:
                return

    def exact(self, c: np.ndarray) -> tuple[float, float]:
        key = c.tobytes()
        if key not in self.ranges:
            self.ranges[key] = self._exact(c)
        return self.ranges[key]

    def _exact(self, c: np.ndarray) -> tuple[float, float]:
        low = self.solve(c, best_known=True)
        high = self.solve(-c, best_known=True)
        for x in (low, high):
            if isinstance(x, np.ndarray):
                self.add(x)
        if not isinstance(low, np.ndarray):
            raise Infeasible("integer program failed")
        return float(c @ low), (float(c @ high) if isinstance(high, np.ndarray) else np.inf)


class Infeasible(ValueError):
    """The published numbers (this period's and those beside it) contradict each other."""


def _inside(r: tuple[float, float], const: float = 0.0) -> bool:
    return r[0] + const >= SMALL[0] - 0.5 and r[1] + const <= SMALL[1] + 0.5


class Memo:
    """The groups already audited, by their content (sums, bounds, lower bounds): a group the next round of a plan
    leaves as it was is not solved again (its feasible points and exact ranges are the same)."""

    def __init__(self) -> None:
        self.groups: dict[bytes, _Group] = {}
        self.hits = self.misses = 0

    @staticmethod
    def key(a: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray, lower: np.ndarray) -> bytes:
        a = a.copy()
        a.sort_indices()
        parts = (np.array(a.shape), a.indptr, a.indices, a.data, lo, hi, lower)
        return b"|".join(np.ascontiguousarray(x).tobytes() for x in parts)

    def group(self, a: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray, lower: np.ndarray) -> _Group:
        key = self.key(a, lo, hi, lower)
        if key in self.groups:
            self.hits += 1
        else:
            self.misses += 1
            self.groups[key] = _Group(a, lo, hi, lower)
        return self.groups[key]


def pinned(system: System, memo: Memo | None = None) -> list[tuple[Target, float, float]]:
    """Every target (not exempt) whose integer range lies inside 1–4, with that range.

    The unknowns fall apart into groups tied by no sum; a target's range is the sum of its parts' ranges. Feasible
    points found on the way settle most targets (one that a point puts at 0 or at 5 or more is not pinned); the rest
    get their exact range. `memo` (one per plan) keeps the groups audited in earlier rounds."""
    from scipy.sparse.csgraph import connected_components

    memo = Memo() if memo is None else memo

    n = len(system.lower)
    todo = [t for t in system.targets.values() if not t.exempt]
    if not n or not todo:
        return []
    a, lo, hi = system.matrix()
    link = (abs(a).T @ abs(a)) if a.shape[0] else sparse.csr_matrix((n, n))
    _, comp = connected_components(link > 0, directed=False)
    row_group = np.array([comp[next(iter(terms))] for terms, *_ in system.rows], dtype=int)
    lower = np.array(system.lower)
    groups: dict[int, _Group] = {}
    local: dict[int, np.ndarray] = {}

    def group(g: int) -> _Group:
        if g not in groups:
            idx = np.flatnonzero(comp == g)
            local[g] = idx
            rows = np.flatnonzero(row_group == g)
            groups[g] = memo.group(a[rows][:, idx], lo[rows], hi[rows], lower[idx])
        return groups[g]

    def vector(g: int, terms: dict[int, float]) -> np.ndarray:
        group(g)
        c = np.zeros(len(local[g]))
        pos = np.searchsorted(local[g], list(terms))
        c[pos] = list(terms.values())
        return c

    split = []
    for t in todo:
        parts: dict[int, dict[int, float]] = defaultdict(dict)
        for i, c in t.expr.terms.items():
            parts[int(comp[i])][i] = c
        split.append((t, {g: vector(g, terms) for g, terms in parts.items()}))
    by_group: dict[int, list[tuple[np.ndarray, float]]] = defaultdict(list)
    for t, parts in split:
        for g, v in parts.items():
            by_group[g].append((v, t.expr.const if len(parts) == 1 else 0.0))
    for g, vs in by_group.items():
        group(g).spread(vs)
    out = []
    for t, parts in split:
        ranges = [group(g).range(v) for g, v in parts.items()]
        if not _inside((sum(r[0] for r in ranges), sum(r[1] for r in ranges)), t.expr.const):
            continue
        exact = [group(g).exact(v) for g, v in parts.items()]
        r = (sum(x[0] for x in exact) + t.expr.const, sum(x[1] for x in exact) + t.expr.const)
        if _inside(r):
            out.append((t, *r))
    return out


def _scope(name: tuple) -> str:
    """The OPD (or PROVINSI) a target belongs to: `(period, table, scope, …)` or `("q", quarter, table, scope, …)`."""
    return str(name[3] if name[0] == "q" else name[2])


def complements(system: System, found: list[tuple[Target, float, float]], values: Mapping[CellId, float],
                depth: int = 3, wide: frozenset = frozenset()) -> tuple[set[CellId], list[Target]]:
    """For each pinned target, a shown count of the period being published to hide next to it: among the counts of the
    sums that hold its unknowns (then of the sums next to those, up to `depth`), one of the target's own OPD first,
    the nearest, in the sum with the fewest counts (the tightest), the smallest non-empty one. A target named in `wide`
    (pinned again after a complement) gets every count of its OPD in those sums. Returns the counts, and the targets
    none could help (pinned by the folders beside alone)."""
    rows_of: dict[int, list[int]] = defaultdict(list)
    for k, (terms, *_) in enumerate(system.rows):
        for i in terms:
            rows_of[i].append(k)
    chosen: set[CellId] = set()
    stuck = []
    for t, _, _ in found:
        scope = _scope(t.name)
        frontier, seen_vars, seen_rows = set(t.expr.terms), set(t.expr.terms), set()
        candidates: list[tuple[tuple, CellId]] = []
        for d in range(depth):
            rows = sorted({k for i in frontier for k in rows_of[i]} - seen_rows)
            seen_rows |= set(rows)
            for k in rows:
                for c in system.rows[k][3]:
                    v = values.get(c, 0)
                    candidates.append(((str(c.key[0]) != scope, d, len(system.rows[k][3]), v <= 0, v, c.table,
                                        str(c.key), c.label), c))
            frontier = {i for k in rows for i in system.rows[k][0]} - seen_vars
            seen_vars |= frontier
        if not candidates:
            stuck.append(t)
        elif t.name in wide:
            own = [c for key, c in candidates if not key[0]]
            chosen |= set(own) if own else {min(candidates, key=lambda kc: kc[0])[1]}
        else:
            chosen.add(min(candidates, key=lambda kc: kc[0])[1])
    return chosen, stuck


# --------------------------------------------------------------------------- what the published tables say


def _key(x: object) -> str:
    if x is None or x is pd.NA or (not isinstance(x, str) and pd.isna(x)):
        return "NA"
    if isinstance(x, float | np.floating) and float(x).is_integer():
        return str(int(x))
    return str(x)


def _num(x: object) -> float:
    """A published number as a float (NaN where hidden or not a number)."""
    if x is None or x is pd.NA:
        return float("nan")
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


class Builder:
    """The system of one or more periods' published tables (`add` each, the period being published last)."""

    def __init__(self) -> None:
        self.s = System()
        self.quarter_totals: dict[tuple[str, str], float] = {}
        self.values: dict[CellId, float] = {}            # the shown counts of the period being published

    def fork(self) -> Builder:
        """A builder holding what this one holds, to add to apart (the folders beside a period, built once per plan,
        then each round's own tables)."""
        out = Builder()
        out.s.index, out.s.lower, out.s.rows = dict(self.s.index), list(self.s.lower), list(self.s.rows)
        out.s.targets = dict(self.s.targets)
        out.quarter_totals, out.values = dict(self.quarter_totals), dict(self.values)
        return out

    def cell(self, p: Published, cid: CellId, value: float, additive: bool = False, lower: float = 0.0) -> Lin:
        """A published count: its value where shown, else an unknown (additive: the sum of its quarters' shares)."""
        name = (cid.table, *cid.key, cid.label)
        shown = not np.isnan(value)
        cells = frozenset([cid]) if p.current and shown else frozenset()
        if shown and p.current:
            self.values[cid] = value
        if additive:
            expr = total(self.s.unknown(("q", q, *name)) for q in p.quarters)
            if shown:
                self.s.equal(expr, Lin(const=value, cells=cells))
            if lower:
                self.s.at_most(Lin(const=lower), expr)
            return Lin(expr.terms, 0.0, cells)
        if shown:
            return Lin(const=value, cells=cells)
        return self.s.unknown((p.period, *name), lower)

    def add(self, p: Published) -> None:
        led = p.tables.get("promotions_ledger", pd.DataFrame())
        if len(led):
            promo = led[(led["jenis"] == "promosi") & (led["alasan"] == codes.COUNTED)]
            for (q, o), n in promo.groupby(["triwulan", "opd_kode"])["n_peristiwa"].sum().items():
                self.quarter_totals[(str(q), str(o))] = float(n)
        comp = p.tables["compliance"].set_index(p.tables["compliance"]["opd_kode"].astype(str))
        for o in comp.index:
            for q in p.quarters:
                self.quarter_totals.setdefault((q, o), 0.0)
            if "n_promosi_triwulan" in comp and pd.notna(comp.at[o, "n_promosi_triwulan"]):
                self.quarter_totals[(p.quarters[-1], o)] = float(comp.at[o, "n_promosi_triwulan"])
        self._grids(p, comp, led)
        self._levels(p, comp)
        self._findings(p, comp)

    # ------------------------------------------------------------------ grids

    def _grids(self, p: Published, comp: pd.DataFrame, led: pd.DataFrame) -> None:
        risk: dict[str, float] = {}
        if len(led):
            r = led[(led["jenis"] == "pegawai") & (led["alasan"] == codes.AT_RISK) & (led["triwulan"].astype(str) == p.period)]
            risk = dict(zip(r["opd_kode"].astype(str), r["n_orang"].astype(float)))
        line = {"talent_box": comp["n_pegawai"].astype(float).to_dict(), "readiness": risk, "checks": risk,
                "promotions": comp["n_promosi"].astype(float).to_dict()}
        whole = {"talent_box": p.totals.get("n_pegawai"), "promotions": p.totals.get("n_promosi"),
                 "readiness": sum(risk.values()) if risk else None, "checks": sum(risk.values()) if risk else None}
        for name, (keys, within) in GRIDS.items():
            t = p.tables.get(name)
            if t is None or t.empty:
                continue
            additive = name == "promotions"
            cells: dict[tuple, Lin] = {}
            shown: dict[tuple, float] = {}
            for r in t.itertuples(index=False):
                r = r._asdict()
                k = (_key(r["scope"]), *(_key(r[c]) for c in keys))
                shown[k] = _num(r["n"])
                if additive and k[0] == PROVINCE:
                    continue                               # the province's cells are the OPDs' sums
                cells[k] = self.cell(p, CellId(name, k, "n"), shown[k], additive)
            cats = sorted({k[1:] for k in shown})
            opds = sorted({k[0] for k in shown if k[0] != PROVINCE} | {str(o) for o in line[name]})
            for o in opds:
                for c in cats:
                    cells.setdefault((o, *c), Lin())       # a cell without a row: nobody in it
            for c in cats:
                opd_sum = total(cells[(o, *c)] for o in opds)
                if additive:
                    cells[(PROVINCE, *c)] = opd_sum
                    v = shown.get((PROVINCE, *c), np.nan)
                    if not np.isnan(v):
                        self.s.equal(opd_sum, Lin(const=v, cells=self._cells(p, CellId(name, (PROVINCE, *c), "n"), v)))
                elif (PROVINCE, *c) in cells:
                    self.s.equal(opd_sum, cells[(PROVINCE, *c)])
            wi = [keys.index(w) for w in within]
            parts = sorted({tuple(c[i] for i in wi) for c in cats})
            for scope in [*opds, PROVINCE]:
                tot = whole[name] if scope == PROVINCE else line[name].get(scope)
                for g in parts:
                    members = [cells[(scope, *c)] for c in cats if tuple(c[i] for i in wi) == g and (scope, *c) in cells]
                    if tot is not None and members and not np.isnan(tot):
                        self.s.equal(total(members), float(tot))
            uniform = {tuple(c[i] for i in wi) for c in cats if whole[name] and shown.get((PROVINCE, *c)) == whole[name]}
            for k, expr in cells.items():
                self.s.target((p.period, name, *k), expr, exempt=tuple(k[1:][i] for i in wi) in uniform)
            if additive:
                self._quarter_targets(p, name, opds, cats, shown, line[name])

    def _cells(self, p: Published, cid: CellId, value: float) -> frozenset:
        if p.current:
            self.values[cid] = value
            return frozenset([cid])
        return frozenset()

    def _quarter_targets(self, p: Published, name: str, opds: list[str], cats: list[tuple], shown: dict,
                         line: Mapping[str, float]) -> None:
        """Each quarter's share of each promotions cell, and of the province's; none where the OPD's window shows all
        its promotions in one cell (the others 0)."""
        for o in opds:
            for c in cats:
                others = [shown.get((o, *d), np.nan) for d in cats if d != c]
                one_way = all(v == 0 for v in others) and line.get(o, 0) > 0
                for q in p.quarters:
                    key = ("q", q, name, o, *c, "n")
                    if key in self.s.index:
                        self.s.target(key, Lin({self.s.index[key]: 1.0}), exempt=one_way)
        for c in cats:
            for q in p.quarters:
                parts = [Lin({self.s.index[k]: 1.0}) for o in opds if (k := ("q", q, name, o, *c, "n")) in self.s.index]
                if parts:
                    self.s.target(("q", q, name, PROVINCE, *c), total(parts))

    # ------------------------------------------------------------------ level table and compliance

    def _levels(self, p: Published, comp: pd.DataFrame) -> None:
        lv = p.tables.get("bypassed_by_level", pd.DataFrame())
        # the level table counts each promotion at the level its start level aims at (rules.target_level), not at the
        # post reached (a Fungsional may rise to Administrator and count at Pengawas): a promotions cell goes to
        # TARGET[level_awal]; where the extract knows JF jenjang (p.totals["jf_jenjang"]) a Fungsional's target is
        # its jenjang's, which no table shows, so its promotions are split over the levels by unknown shares
        split = bool(p.totals.get("jf_jenjang", False))
        post: dict[tuple[str, str, str], Lin] = defaultdict(Lin)      # (quarter, opd, target level) → promotions
        jf: dict[tuple[str, str], Lin] = defaultdict(Lin)             # (quarter, opd) → a Fungsional's promotions
        for key, i in list(self.s.index.items()):
            if key[0] == "q" and key[1] in p.quarters and key[2] == "promotions" and key[3] != PROVINCE:
                if split and key[4] == "Fungsional":
                    jf[(key[1], key[3])] = jf[(key[1], key[3])] + Lin({i: 1.0})
                elif (target := rules.TARGET.get(key[4])) is not None:
                    post[(key[1], key[3], target)] = post[(key[1], key[3], target)] + Lin({i: 1.0})
        if split and len(lv):
            levels = sorted({_key(x) for x in lv["level_tujuan"]})
            for (q, o), promoted in jf.items():
                shares = [self.s.unknown(("q", q, "jf_target", o, lev)) for lev in levels]
                for lev, x in zip(levels, shares):
                    post[(q, o, lev)] = post[(q, o, lev)] + x
                self.s.at_most(total(shares), promoted)        # Ahli Utama has no higher level: ≤, not =
        mel: dict[str, Lin] = defaultdict(Lin)
        byp: dict[str, Lin] = defaultdict(Lin)
        prov: dict[tuple[str, str], Lin] = defaultdict(Lin)
        level_promotions = {(_key(s), _key(lev)): _num(v) for s, lev, v in
                            zip(lv["scope"], lv["level_tujuan"], lv["n_promosi"])} if len(lv) else {}
        for r in lv.itertuples(index=False) if len(lv) else ():
            r = r._asdict()
            s, level = _key(r["scope"]), _key(r["level_tujuan"])
            if s == PROVINCE:
                continue
            p_w = total(post[(q, s, level)] for q in p.quarters)
            v = _num(r["n_promosi"])
            if not np.isnan(v):
                self.s.equal(p_w, Lin(const=v, cells=self._cells(p, CellId("bypassed_by_level", (s, level),
                                                                               "n_promosi"), v)))
            m = self.cell(p, CellId("bypassed_by_level", (s, level), "n_promosi_melangkahi"),
                          _num(r["n_promosi_melangkahi"]), additive=True)
            b = self.cell(p, CellId("bypassed_by_level", (s, level), "n_bypassed"), _num(r["n_bypassed"]))
            self.s.at_most(m, p_w)
            mel[s], byp[s] = mel[s] + m, byp[s] + b
            prov[("n_promosi_melangkahi", level)] = prov[("n_promosi_melangkahi", level)] + m
            prov[("n_bypassed", level)] = prov[("n_bypassed", level)] + b
            others = [x for (o, lev), x in level_promotions.items() if o == s and lev != level]
            all_here = bool(others) and all(x == 0 for x in others)
            for label, x in (("promosi", p_w), ("melangkahi", m), ("tidak melangkahi", p_w - m), ("terlewati", b)):
                # every promotion of the OPD's window went to this level (the others shown 0): told of each of them
                self.s.target((p.period, "bypassed_by_level", s, level, label), x, exempt=label == "promosi" and all_here)
            mv = _num(r["n_promosi_melangkahi"])
            one_way = mv == 0 or (mv == v and not np.isnan(v))
            for q in p.quarters:
                k = ("q", q, "bypassed_by_level", s, level, "n_promosi_melangkahi")
                if k in self.s.index:
                    m_q = Lin({self.s.index[k]: 1.0})
                    self.s.at_most(m_q, post[(q, s, level)])
                    self.s.target(k, m_q, exempt=one_way)
                    self.s.target((*k, "tidak"), post[(q, s, level)] - m_q, exempt=one_way)
        for r in lv[lv["scope"].astype(str) == PROVINCE].itertuples(index=False) if len(lv) else ():
            r = r._asdict()
            level = _key(r["level_tujuan"])
            for col in ("n_promosi_melangkahi", "n_bypassed"):
                v = _num(r[col])
                if not np.isnan(v):
                    self.s.equal(prov[(col, level)], Lin(const=v, cells=self._cells(
                        p, CellId("bypassed_by_level", (PROVINCE, level), col), v)))
        for o in comp.index:
            row = comp.loc[o]
            n_p = float(row["n_promosi"])
            for col, label in ADDITIVE_SHARES.items():
                if col not in row:
                    continue
                x = self.cell(p, CellId("compliance", (o,), label), _num(row[col]), additive=True)
                self.s.at_most(x, n_p)
                self.s.target((p.period, "compliance", o, label), x)
                self.s.target((p.period, "compliance", o, label, "tidak"), n_p - x)
                one_way = _num(row[col]) in (0.0, n_p)
                for q in p.quarters:
                    k = ("q", q, "compliance", o, label)
                    if k in self.s.index:
                        x_q = Lin({self.s.index[k]: 1.0})
                        self.s.target(k, x_q, exempt=one_way)
                        self.s.target((*k, "tidak"), self.quarter_totals.get((q, o), 0.0) - x_q, exempt=one_way)
            if "n_promosi_melangkahi" in row:
                v = _num(row["n_promosi_melangkahi"])
                if not np.isnan(v):
                    self.s.equal(mel[o], Lin(const=v, cells=self._cells(p, CellId("compliance", (o,), "melangkahi"), v)))
                self.s.target((p.period, "compliance", o, "melangkahi"), mel[o])
                self.s.target((p.period, "compliance", o, "melangkahi", "tidak"), n_p - mel[o])
            if "n_kandidat" in row:
                kand = self.cell(p, CellId("compliance", (o,), "calon"), _num(row["n_kandidat"]))
                b = byp[o] if len(lv) else self.s.unknown((p.period, "compliance", o, "terlewati"))
                v = _num(row.get("n_bypassed", np.nan))
                if not np.isnan(v):
                    self.s.equal(b, Lin(const=v, cells=self._cells(p, CellId("compliance", (o,), "terlewati"), v)))
                rest = _num(row.get("n_kandidat_tidak_terlewati", np.nan))
                if not np.isnan(rest):
                    self.s.equal(kand - b, rest)
                self.s.at_most(b, kand)
                self.s.target((p.period, "compliance", o, "calon"), kand)
                self.s.target((p.period, "compliance", o, "terlewati"), b)
                self.s.target((p.period, "compliance", o, "tidak terlewati"), kand - b)
            if "n_rotasi_memenuhi_syarat" in row:
                n_r = float(row["n_rotasi"])
                x = self.cell(p, CellId("compliance", (o,), "rotasi memenuhi syarat"), _num(row["n_rotasi_memenuhi_syarat"]))
                self.s.at_most(x, n_r)
                self.s.target((p.period, "compliance", o, "rotasi memenuhi syarat"), x)
                self.s.target((p.period, "compliance", o, "rotasi memenuhi syarat", "tidak"), n_r - x)

    # ------------------------------------------------------------------ findings

    def _findings(self, p: Published, comp: pd.DataFrame) -> None:
        t = p.tables.get("findings")
        if t is None or t.empty:
            return
        sums: dict[tuple, Lin] = defaultdict(Lin)
        prov: dict[tuple, Lin] = {}
        for (scope, attr), rows in t.groupby(["scope", "attribute"], sort=False):
            scope, attr = str(scope), str(attr)
            ref = _key(rows["reference_group"].iloc[0])
            units = [(_key(r["group"]), r, True) for _, r in rows.iterrows()] + [(ref, rows.iloc[0], False)]
            block: dict[str, list[Lin]] = defaultdict(list)
            sides: list[dict[str, Lin]] = []
            for g, r, is_group in units:
                side: dict[str, Lin] = {}
                for kn, ke, gn, ge, rn, re_, glabel, rlabel in FAMILIES:
                    col_n, col_e, label = (gn, ge, glabel) if is_group else (rn, re_, rlabel)
                    if col_n not in r:
                        continue
                    cid = CellId("findings", (scope, attr, g), label)
                    additive = attr in STABLE and ke == "e" and scope != PROVINCE
                    n = self.cell(p, cid, _num(r[col_n]), lower=1.0 if is_group and kn == "n" else 0.0)
                    e = self.cell(p, CellId("findings", (scope, attr, g), label + ":e"), _num(r[col_e]), additive)
                    side[kn], side[ke] = n, e
                    self.s.at_most(e, n)
                    block[kn].append(n)
                    block[ke].append(e)
                    for suffix, x in ((kn, n), (ke, e), (f"{kn}-{ke}", n - e)):
                        self.s.target((p.period, "findings", scope, attr, g, suffix), x)
                    if additive:
                        others = [_num(o[ge] if o_is else o[re_]) for og, o, o_is in units if (og, o_is) != (g, is_group)]
                        one_way = all(v == 0 for v in others)
                        for q in p.quarters:
                            k = ("q", q, "findings", scope, attr, g, label + ":e")
                            if k in self.s.index:
                                self.s.target(k, Lin({self.s.index[k]: 1.0}), exempt=one_way)
                    for kind, x in ((kn, n), (ke, e)):
                        key = (kind, attr, g, is_group)
                        if scope == PROVINCE:
                            prov[key] = x
                        else:
                            sums[key] = sums[key] + x
                for part in ("q", "m"):              # the talent pool, those with a merit score: parts of the row
                    if {"n", "e", f"n{part}", f"e{part}"} <= set(side):
                        self.s.at_most(side[f"n{part}"], side["n"])
                        self.s.at_most(side[f"e{part}"], side["e"])
                        self.s.at_most(side[f"e{part}"], side[f"n{part}"])
                sides.append(side)
            self._untested(rows, sides)
            n_scope = _num(rows["n_scope"].iloc[0]) if "n_scope" in rows else np.nan
            if not np.isnan(n_scope):
                self.s.equal(total(block["n"]), n_scope)
            if scope != PROVINCE and scope in comp.index:
                persons = self.s.unknown((p.period, "findings", scope, "E"))
                self.s.equal(total(block["e"]), persons)
                self.s.at_most(persons, float(comp.at[scope, "n_promosi"]))
                # promoted persons in the talent pool in any quarter of the window: the same persons for every
                # attribute (not compliance's promotions from the pool, counted at each promotion's quarter)
                if block["eq"]:
                    self.s.equal(total(block["eq"]), self.s.unknown((p.period, "findings", scope, "EQ")))
                if block["nq"]:
                    self.s.equal(total(block["nq"]), self.s.unknown((p.period, "findings", scope, "NQ")))
        opds = set(comp.index)
        for key, x in prov.items():
            have = {str(s) for s in t.loc[t["attribute"].astype(str) == key[1], "scope"]}
            rest = Lin() if opds <= have else self.s.unknown((p.period, "findings", "rest", *key))
            self.s.equal(sums.get(key, Lin()) + rest, x)

    def _untested(self, rows: pd.DataFrame, sides: list[dict[str, Lin]]) -> None:
        """What each row's `flag_reason` says of its group and the reference (analysis.fairness.raw.insufficient, the
        first that applies): nobody in the group; nobody in the reference; nobody promoted; everybody promoted; or else
        (tested, or too little to detect) someone in the reference, someone promoted and someone not."""
        ref = sides[-1]
        for side, (_, r) in zip(sides, rows.iterrows()):
            if "e" not in side or "e" not in ref:
                continue
            why = r.get("flag_reason")
            why = "" if why is None or (not isinstance(why, str) and pd.isna(why)) else str(why)
            n, e = side["n"] + ref["n"], side["e"] + ref["e"]
            if why == "small_cell":                  # privacy.UNTESTED_HIDDEN: says nothing
                continue
            if why == "no_group":
                self.s.equal(side["n"], 0.0)
            elif why == "no_reference":
                self.s.equal(ref["n"], 0.0)
            elif why == "no_promotion":
                self.s.at_most(Lin(const=1.0), ref["n"])
                self.s.equal(e, 0.0)
            elif why == "all_promoted":
                self.s.at_most(Lin(const=1.0), ref["n"])
                self.s.equal(e, n)
            else:
                self.s.at_most(Lin(const=1.0), ref["n"])
                self.s.at_most(Lin(const=1.0), e)
                self.s.at_most(e, n - 1.0)

    def done(self) -> System:
        """Per quarter and OPD: the shares of the promotions cells sum to the ledger's count; every other additive
        share is at most it (promoted persons of each stable attribute together too)."""
        lines: dict[tuple[str, str, str], list[Lin]] = defaultdict(list)
        for key, i in self.s.index.items():
            if key[0] != "q":
                continue
            q, table, opd = key[1], key[2], key[3]
            if table == "promotions":
                lines[(q, opd, table)].append(Lin({i: 1.0}))
                continue
            t = self.quarter_totals.get((q, opd))
            if t is not None:
                self.s.at_most(Lin({i: 1.0}), t)
            if table == "findings":
                lines[(q, opd, f"findings:{key[4]}:{key[-1]}")].append(Lin({i: 1.0}))
        for (q, opd, kind), items in lines.items():
            t = self.quarter_totals.get((q, opd))
            if t is None:
                continue
            if kind == "promotions":
                self.s.equal(total(items), t)
            else:
                self.s.at_most(total(items), t)
        return self.s


# --------------------------------------------------------------------------- the folders beside this one


def beside(history_dir: Path | str | None, period: str, reach: int = 8) -> list[Published]:
    """The period folders of ours beside `period` in `history_dir` (within `reach` quarters before or after), as
    published: their tables, quarters and totals. Folders without their run facts are skipped."""
    if history_dir is None or not Path(history_dir).is_dir():
        return []
    me = Period.parse(period)
    out = []
    for folder in sorted(Path(history_dir).iterdir()):
        try:
            q = Period.parse(folder.name)
        except ValueError:
            continue
        meta_file = folder / "tables" / "run_meta.json"
        if q == me or not folder.is_dir() or not (folder / "manifest.json").is_file() or not meta_file.is_file():
            continue
        if abs((q.year - me.year) * 4 + q.quarter - me.quarter) > reach:
            continue
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            tables = {csv.stem: pd.read_csv(csv, dtype={"scope": str, "opd_kode": str, "triwulan": str, "periode": str})
                      for csv in sorted((folder / "tables").glob("*.csv"))}
        except (OSError, ValueError):
            continue
        if "compliance" not in tables or "window" not in meta:
            continue
        out.append(Published(str(q), list(meta["window"]["quarters"]), tables,
                             {**{k: float(meta[k]) for k in ("n_pegawai", "n_promosi") if k in meta},
                              "jf_jenjang": bool(meta.get("jf_jenjang", True))}))   # unknown: the looser split
    return out
