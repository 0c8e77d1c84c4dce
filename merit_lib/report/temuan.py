"""The register meets the report: which findings of a period are worth following, read from its published tables only,
and the register as the period folder publishes it (`tables/register.csv`).

A finding worth following (`observations`), each keyed by stable fields (`data.register.Observation`):
- `keadilan`: a row of findings.csv whose verdict is one to follow (`FOLLOWED`: `disparity`, and a small but real gap
  where the verdict vocabulary has one — every verdict but those that say there is no gap to act on), per scope,
  attribute and group;
- `komponen`: an index component of an OPD below the 99.8 % limit of its funnel plot (report.views.funnel_points: the
  OPD's published share against the province's, pooled over published counts);
- `posisi`: an OPD whose index range lies wholly below the province average (tier `di_bawah`);
- `syarat`: promotions of persons not meeting every requirement, promotions passing over a more ready eligible
  candidate, rotations into a structural post not meeting its requirements (compliance.csv's counts, where shown);
- `rotasi`: a JPT Pratama moved within two years of appointment (needs written grounds) or in one post beyond five.
Every candidate is observed, seen or not, so a finding already in the register gets the period's evidence either way.
The evidence is the published numbers, read back from the period's own CSV files (`float_precision="round_trip"`): a
number the disclosure door hid is an empty value, never recovered. Verdicts are read through the constants of
`analysis.fairness`, never as literal strings.

`recording` is the report's step: after the tables are published it opens the register (created beside the period
folders if absent), takes its lock, records the period in one transaction and writes `tables/register.csv`; the
transaction is committed only when the period folder is swapped in (`commit`), so a run that stops or is killed leaves
the register as it was.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.analysis import fairness as F
from merit_lib.analysis.tiers import FUNNEL_LEVELS, funnel_limits
from merit_lib.data.register import Observation, Recorded, Register, who_am_i
from merit_lib.data.sink import inside, write_csv
from merit_lib.domain import codes, text
from merit_lib.report import privacy

#: the verdicts a register follows: every verdict of the vocabulary except those that find no gap to act on (so a
#: "small but real gap" verdict, once the vocabulary has one, is followed without a change here)
NOT_FOLLOWED = frozenset({F.NO_DISPARITY, F.INSUFFICIENT, F.EXPLAINED, F.INCONCLUSIVE})
FOLLOWED: tuple[str, ...] = tuple(v for v in F.FLAGS if v not in NOT_FOLLOWED)
#: what a fairness finding's evidence keeps of its findings.csv row
FAIRNESS_EVIDENCE = ("flag", "direction", "reference_group", "n_group", "n_reference", "promoted_group",
                     "promoted_reference", "rate_group", "rate_reference", "impact_ratio", "p_adjusted",
                     "adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "aor_p_adjusted")
TIER_EVIDENCE = ("tier", "index", "index_ci_low", "index_ci_high", "index_provinsi", "category")
#: the named rules of compliance.csv: rule → (kind, count column, total column it is taken from or None)
RULES: dict[str, tuple[str, str, str | None]] = {
    codes.RULE_NOT_ELIGIBLE: (codes.KIND_RULE, "n_promosi_eligible", "n_promosi"),
    codes.RULE_BYPASS: (codes.KIND_RULE, "n_promosi_melangkahi", None),
    codes.RULE_MOVE_NOT_ELIGIBLE: (codes.KIND_RULE, "n_rotasi_memenuhi_syarat", "n_rotasi"),
    codes.RULE_NEEDS_GROUNDS: (codes.KIND_MOVE, "n_perlu_alasan", None),
    codes.RULE_OVER_5_YEARS: (codes.KIND_MOVE, "n_melewati_5_tahun", None),
}
#: the published register table (tables/register.csv, the workbook's `register` sheet): its columns, in order; the
#: disclosure door lets no other column out (privacy.REGISTER): the reviewer's name stays in the register
COLUMNS = privacy.REGISTER
TABLE = "register"
#: how long a run waits for the register while another run or an import holds it (seconds)
RUN_WAIT = 30 * 60


def read_published(tables_dir: Path | str, name: str) -> pd.DataFrame | None:
    """A period's published table as its CSV holds it (numbers exactly as written), None when absent."""
    path = Path(tables_dir) / f"{name}.csv"
    if not path.is_file():
        return None
    t = pd.read_csv(path, dtype={"opd_kode": str, "scope": str}, float_precision="round_trip")
    return privacy.publish(name, t)


def _value(v: object) -> object:
    """A cell as evidence: None for an empty one, a whole number as int, else the number or text as it is."""
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return None
    if hasattr(v, "item"):
        v = v.item()  # type: ignore[union-attr]
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return v


def _fairness(findings: pd.DataFrame) -> list[Observation]:
    out = []
    keep = [c for c in FAIRNESS_EVIDENCE if c in findings]
    for r in findings.itertuples(index=False):
        row = r._asdict()
        out.append(Observation(codes.KIND_FAIRNESS, str(row["scope"]), str(row["attribute"]), str(row["group"]), "",
                               seen=row["flag"] in FOLLOWED, evidence={c: _value(row[c]) for c in keep}))
    return out


def _components(comp: pd.DataFrame) -> list[Observation]:
    from merit_lib.report.views import funnel_points

    points = funnel_points(comp)
    out = []
    for r in points.itertuples(index=False):
        limit = float(funnel_limits(r.p0, np.array([r.n]), (FUNNEL_LEVELS[-1],))[f"low_{100 * FUNNEL_LEVELS[-1]:g}"][0])
        out.append(Observation(codes.KIND_COMPONENT, str(r.opd_kode), "", "", str(r.component),
                               seen=r.position == "below",
                               evidence={"k": _value(r.k), "n": _value(r.n), "share": _value(r.share),
                                         "province": _value(r.p0), "limit": _value(limit)}))
    return out


def _tiers(comp: pd.DataFrame) -> list[Observation]:
    if "tier" not in comp:
        return []
    keep = [c for c in TIER_EVIDENCE if c in comp]
    return [Observation(codes.KIND_TIER, str(r["opd_kode"]), "", "", codes.RULE_TIER, seen=r["tier"] == codes.TIER_BELOW,
                        evidence={c: _value(r[c]) for c in keep})
            for _, r in comp.iterrows() if pd.notna(r["tier"])]


def _rules(comp: pd.DataFrame) -> list[Observation]:
    out = []
    for rule, (kind, count, total) in RULES.items():
        if count not in comp or (total is not None and total not in comp):
            continue
        for _, r in comp.iterrows():
            k = r[count]
            m = r[total] if total is not None else None
            if pd.isna(k) or (total is not None and pd.isna(m)):
                continue                                   # hidden by the door: nothing is known, nothing is kept
            n = int(m - k) if total is not None else int(k)
            if 0 < n < privacy.MIN_CELL:
                continue                                   # 1–4 persons: a count the door would not let out
            evidence = {"n": n, count: _value(k), **({total: _value(m)} if total is not None else {})}
            out.append(Observation(kind, str(r["opd_kode"]), "", "", rule, seen=n > 0, evidence=evidence))
    return out


def observations(tables_dir: Path | str) -> list[Observation]:
    """Every candidate finding of a period's published tables, seen (worth following in this period) or not."""
    findings = read_published(tables_dir, "findings")
    comp = read_published(tables_dir, "compliance")
    out: list[Observation] = []
    if findings is not None and "flag" in findings:
        out += _fairness(findings)
    if comp is not None:
        out += _components(comp) + _tiers(comp) + _rules(comp)
    return out


# --------------------------------------------------------------------------- the published register


def published_table(findings: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The register as at a period for the period folder (`Register.findings_as_at` → COLUMNS): codes and the
    evidence's numbers as published; no reviewer, no history of who did what."""
    names = names or {}
    rows = []
    for r in findings.itertuples(index=False):
        ev = r.evidence or {}
        rows.append({
            "kode": r.kode, "scope": r.scope, "opd_nama": names.get(str(r.scope), "") if r.scope != codes.PROVINCE else "",
            "kind": r.kind, "attribute": r.attribute or None, "group": r.group or None,
            "reference_group": ev.get("reference_group"), "rule": r.rule or None, "first_seen": r.first_seen,
            "last_seen": r.last_seen, "status": r.status, "since": r.since, "periods_seen": r.periods_seen,
            "age_quarters": r.age_quarters, "verdict": ev.get("flag") if r.kind == codes.KIND_FAIRNESS else ev.get("tier"),
            "direction": ev.get("direction"), "impact_ratio": ev.get("impact_ratio"),
            "adjusted_odds_ratio": ev.get("adjusted_odds_ratio"), "aor_ci_low": ev.get("aor_ci_low"),
            "aor_ci_high": ev.get("aor_ci_high"),
            "share_komponen": ev.get("share") if r.kind == codes.KIND_COMPONENT else None,
            "share_batas": ev.get("limit") if r.kind == codes.KIND_COMPONENT else None,
            "index": ev.get("index"), "index_ci_low": ev.get("index_ci_low"), "index_ci_high": ev.get("index_ci_high"),
            "index_provinsi": ev.get("index_provinsi"),
            "n_kasus": ev.get("n") if r.kind in (codes.KIND_RULE, codes.KIND_MOVE) else None,
            "response": r.response, "action": r.action, "deadline": r.deadline, "follow_up": r.follow_up,
            "open": bool(r.open), "updated": str(r.updated_at)[:10] if r.updated_at else None})
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    for c in ("impact_ratio", "adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "share_komponen", "share_batas", "index",
              "index_ci_low", "index_ci_high", "index_provinsi"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    for c in ("periods_seen", "age_quarters", "n_kasus"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("Int64")
    out["open"] = out["open"].astype(bool)
    return out


# --------------------------------------------------------------------------- the report's step


@dataclass
class Recording:
    """A period recorded in an open write transaction: `commit` when the period folder is swapped in."""

    register: Register
    result: Recorded
    path: Path

    def commit(self) -> None:
        self.register.commit()


@contextlib.contextmanager
def recording(path: Path | str, tables_dir: Path | str, period: str, meta: dict, lang: str = "id",
              progress: bool = True, wait: float = RUN_WAIT) -> Iterator[Recording]:
    """Open (or create) the register, take its lock, record the period from its published tables in one transaction
    and write `tables/register.csv`; yields the open `Recording`. Leaving the block without `commit` rolls back."""
    def waiting(holder: str) -> None:
        if progress:
            print(text.t("register.waiting", lang, holder=holder), file=sys.stderr, flush=True)

    purpose = f"merit report {period}"
    reg = Register.open(path, create=True, wait=wait, purpose=purpose)
    try:
        reg.begin(purpose, wait=wait, on_wait=waiting)
        window = (meta.get("window") or {}).get("n")
        result = reg.record(period, observations(tables_dir), window=window, fingerprint=meta.get("fingerprint"),
                            who=who_am_i(), source=purpose)
        comp = read_published(tables_dir, "compliance")
        names = {} if comp is None else {str(k): str(v) for k, v in zip(comp["opd_kode"], comp["opd_nama"]) if pd.notna(v)}
        table = published_table(reg.findings_as_at(period), names)
        write_csv(privacy.publish(TABLE, table), inside(tables_dir, f"{TABLE}.csv"))
        yield Recording(reg, result, reg.path)
    finally:
        reg.rollback()
        reg.close()
