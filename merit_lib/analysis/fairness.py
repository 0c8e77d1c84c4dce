"""Fairness audit: is a group promoted less than its reference group, and does merit explain it?

For the province (`PROVINSI`, every row) and each value of `roles.scope` (each OPD), each protected
attribute and each group against its reference group (the largest group of the province unless
configured), over the persons at risk of promotion (`roles.at_risk`):

- counts, the promotion rate with a Wilson CI, the impact ratio (four-fifths rule) with its CI, and
  the shortfall: persons of the group not promoted relative to the reference rate;
- Fisher's exact test, Benjamini–Hochberg adjusted over every test of the run;
- the merit-adjusted odds ratio, "equal merit, unequal outcome": one logit per attribute of the
  outcome on an intercept per (scope, group) cell plus merit (competency, kinerja), eligibility and
  the model controls, with slopes shared by every scope (province rows: scope fixed effects plus the
  group). Persons without complete merit or controls are left out of this model only; a control (never a
  merit measure) missing for more than `MAX_MISSING_CONTROL` of the persons at risk is left out of the model
  instead, with a caveat, so that one empty optional column cannot empty the model. A cell where
  nobody (or everybody) was promoted has no finite odds ratio (0 or ∞); it is tested by the
  likelihood-ratio test of merging the group with its reference;
- equal opportunity: the same rates among the merit-qualified (`roles.qualified`, the talent pool);
- for the province, a Mantel–Haenszel test stratified by scope;
- a flag by the four rules of `text.FLAG_RULES`, thresholds in `AuditParams`.

Only findings with enough data are tested, and only they enter the Benjamini–Hochberg families (one for
the exact tests, one for the merit-adjusted tests). With fewer than 10 promotions in a group and its
reference together even the most lopsided split hardly ever survives the correction for the run's
tests, so such a finding is `insufficient data` rather than a `no disparity` that could not have been
anything else; leaving these powerless tests out also keeps the correction from drowning the rest.
Groups under 5 persons (stats.MIN_CELL) are marked `suppressed` and never shown as numbers.

Any extract shape gives one row per (scope, attribute, group) at most: an attribute with fewer than two groups among
the persons at risk (a PNS-only extract) has no rows and a caveat; a scope or a whole period without promotions gives
`insufficient data` rows, never an error.

Only declared roles (merit_lib.domain.roles) are read, never ASN column names, so the same audit runs on any
table mapped by a `Roles`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from patsy import dmatrix
from scipy import stats as sps
from statsmodels.discrete.discrete_model import Logit
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep
from statsmodels.tools.sm_exceptions import PerfectSeparationError
from threadpoolctl import threadpool_limits

from merit_lib.analysis.stats import MIN_CELL, SUPPRESSED, wilson
from merit_lib.data.provenance import package_versions
from merit_lib.domain import text
from merit_lib.domain.roles import ASN, Roles

PROVINCE = "PROVINSI"
DISPARITY, EXPLAINED, INSUFFICIENT, NO_DISPARITY = "disparity", "explained gap", "insufficient data", "no disparity"
FLAGS: tuple[str, ...] = (DISPARITY, EXPLAINED, INSUFFICIENT, NO_DISPARITY)

#: DESIGN §6, in this order; extra columns follow
FINDINGS_COLUMNS: tuple[str, ...] = (
    "scope", "attribute", "group", "reference_group", "n_group", "n_reference", "promoted_group", "promoted_reference",
    "rate_group", "rate_reference", "impact_ratio", "shortfall", "p_value", "p_adjusted", "adjusted_odds_ratio",
    "aor_ci_low", "aor_ci_high", "aor_p_adjusted", "flag")
EXTRA_COLUMNS: tuple[str, ...] = (
    "scope_label", "n_scope", "rate_group_ci_low", "rate_group_ci_high", "rate_reference_ci_low", "rate_reference_ci_high",
    "impact_ratio_ci_low", "impact_ratio_ci_high", "aor_p_value", "aor_method", "n_model_group", "n_model_reference",
    "n_qualified_group", "promoted_qualified_group", "eo_rate_group", "n_qualified_reference",
    "promoted_qualified_reference", "eo_rate_reference", "eo_ratio", "mh_odds_ratio", "mh_ci_low", "mh_ci_high",
    "mh_p_value", "flag_reason", "suppressed")
_TEXT_COLUMNS = ("scope", "attribute", "group", "reference_group", "flag", "scope_label", "aor_method", "flag_reason")
_INT_COLUMNS = ("n_group", "n_reference", "promoted_group", "promoted_reference", "n_scope", "n_qualified_group",
                "promoted_qualified_group", "n_qualified_reference", "promoted_qualified_reference", "n_model_group",
                "n_model_reference")
_BOOL_COLUMNS = ("suppressed",)
#: every other column of the findings is a float (NaN where not computed), never object
_FLOAT_COLUMNS = tuple(c for c in FINDINGS_COLUMNS + EXTRA_COLUMNS if c not in _TEXT_COLUMNS + _INT_COLUMNS + _BOOL_COLUMNS)
_KEYS = ["scope", "attribute", "group"]
_SEP = "\x1f"   # joins scope and group into a cell key; never in a label

#: a control (not a merit measure) missing for more than this share of the persons at risk is left out of the
#: merit-adjusted model (and named in the caveats) instead of removing everyone without it from the model
MAX_MISSING_CONTROL = 0.5

#: caveats this module adds to (or words more precisely than) text.AUDIT_CAVEATS; fields from AuditResult.meta["counts"]
AUDIT_CAVEATS: dict[str, dict[str, str]] = {
    "no_merit": {"id": "{n_no_merit} pegawai berisiko ({pct}) tanpa nilai merit lengkap (kompetensi atau kinerja: belum "
                       "diasesmen, SKP kosong): mereka ikut dalam tingkat promosi mentah, tetapi tidak dalam model "
                       "terkoreksi merit.",
                 "en": "{n_no_merit} persons at risk ({pct}) lack complete merit scores (competency or kinerja: not "
                       "assessed, SKP missing): they count in the raw rates but not in the merit-adjusted model."},
    "missing_control": {"id": "{n_missing_control} pegawai berisiko ({pct}) mempunyai nilai merit tetapi tanpa variabel "
                              "kontrol {controls}: mereka ikut dalam tingkat promosi mentah, tetapi tidak dalam model "
                              "terkoreksi merit.",
                        "en": "{n_missing_control} persons at risk ({pct}) have merit scores but no value of the control "
                              "{controls}: they count in the raw rates but not in the merit-adjusted model."},
    "control_dropped": {"id": "Variabel kontrol {control} kosong untuk {pct} pegawai berisiko (lebih dari {limit}): "
                              "variabel itu tidak dipakai dalam model terkoreksi merit, jadi rasio odds tidak dikoreksi "
                              "menurut {control}.",
                        "en": "The control {control} is missing for {pct} of the persons at risk (more than {limit}): it "
                              "is left out of the merit-adjusted model, so the odds ratios are not adjusted for it."},
    "not_compared": {"id": "{attribute}: kurang dari dua kelompok di antara pegawai berisiko ({values}); tidak ada yang "
                           "dapat dibandingkan, tidak ada temuan.",
                     "en": "{attribute}: fewer than two groups among the persons at risk ({values}); nothing to compare, "
                           "no findings."},
    "no_promotion_at_all": {"id": "Tidak seorang pun pegawai berisiko dipromosikan pada periode ini: tidak ada yang "
                                  "dapat diuji, semua temuan berstatus data tidak cukup.",
                            "en": "Nobody at risk was promoted in the period: nothing can be tested, every finding is "
                                  "insufficient data."},
}


@dataclass(frozen=True)
class AuditParams:
    """Thresholds of the flag rules; every one is written to audit_meta.json and into the rule texts."""

    alpha: float = 0.05          # significance after Benjamini–Hochberg; intervals are (1 − alpha)
    impact_low: float = 0.8      # the four-fifths rule: a practical gap below this impact ratio …
    impact_high: float = 1.25    # … or above this one
    min_shortfall: float = 1.0   # … or a shortfall (either direction) of at least this many persons
    min_group: int = MIN_CELL    # fewer persons in the group or its reference: not tested
    min_share: float = 0.02      # a group under this share of the scope's persons at risk: not tested
    min_promotions: int = 10     # fewer promotions in group and reference together: not tested (module docstring)

    def rule_fields(self) -> dict[str, object]:
        """The values the rule texts quote."""
        return {**asdict(self), "level": round(100 * (1 - self.alpha)), "min_share_pct": f"{100 * self.min_share:g}"}


# --------------------------------------------------------------------------- the result


@dataclass
class AuditResult:
    """The findings table with the parameters and data provenance it was computed with."""

    findings: pd.DataFrame
    params: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    def flags(self) -> pd.Series:
        """How many findings carry each flag (all four, zeros included)."""
        return self.findings["flag"].value_counts().reindex(list(FLAGS), fill_value=0).rename("n")

    def rules(self, lang: str = "id") -> pd.DataFrame:
        """Each flag with its rule as written in the reports, thresholds filled in."""
        p = AuditParams(**self.params["thresholds"])
        return pd.DataFrame({"flag": list(FLAGS), text.label("flag_name", lang): [text.flag_label(f, lang) for f in FLAGS],
                             text.label("rule", lang): [text.flag_rule(f, lang, **p.rule_fields()) for f in FLAGS]})

    def caveats(self, lang: str = "id") -> list[str]:
        """Data-quality caveats with their counts, in plain words."""
        return audit_caveats({**self.meta.get("counts", {}), "rows_rejected": self.meta.get("rows_rejected")}, lang)

    def table(self, lang: str = "id", flags: Sequence[str] | None = None, scopes: Sequence[str] | None = None,
              attributes: Sequence[str] | None = None) -> pd.DataFrame:
        """The findings for reading: rounded, labelled, every number of a group under 5 persons shown as "< 5"."""
        f = self.findings
        keep = np.ones(len(f), bool)
        for col, wanted in (("flag", flags), ("scope", scopes), ("attribute", attributes)):
            if wanted is not None:
                keep &= f[col].isin(list(wanted)).to_numpy()
        return display_table(f[keep], lang)

    def summary(self, lang: str = "id", top: int = 10) -> str:
        """A plain-text summary: data, parameters, flag counts and the flagged findings."""
        m, c, th = self.meta, self.meta.get("counts", {}), self.params["thresholds"]
        refs = ", ".join(f"{a} ({text.label('reference', lang)} {r or '-'})" for a, r in self.params["references"].items())
        # no promotion at all is why nothing below was tested: said right under the at-risk count
        none_promoted = [AUDIT_CAVEATS["no_promotion_at_all"][lang]] if c.get("n_promoted") == 0 else []
        lines = [text.label("audit_title", lang) + (f" — {m['period']}" if m.get("period") else ""),
                 f"{text.label('fingerprint', lang)}: {m.get('data_fingerprint') or '-'} | frame {m.get('frame_fingerprint')}",
                 f"{text.label('at_risk', lang)}: {c.get('n_at_risk')} ({text.label('promoted', lang)} {c.get('n_promoted')}); "
                 f"{text.label('in_model', lang)}: {c.get('n_model')}",
                 *none_promoted,
                 f"{text.label('attributes', lang)}: {refs}",
                 f"{text.label('scopes', lang)}: {PROVINCE} + {c.get('n_scopes')} | {text.label('tests', lang)}: "
                 f"{c.get('n_tests')} (Benjamini–Hochberg, alpha {th['alpha']})",
                 "  ".join(f"{text.flag_label(k, lang)}: {v}" for k, v in self.flags().items())]
        for flag in (DISPARITY, EXPLAINED):
            rows = self.findings[(self.findings["flag"] == flag) & ~self.findings["suppressed"]]
            rows = rows.sort_values("aor_p_adjusted").head(top)
            if len(rows):
                lines += ["", text.flag_label(flag, lang).capitalize() + ":"]
                lines += [_describe(r, lang) for _, r in rows.iterrows()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.flags().items())
        return f"<AuditResult: {len(self.findings)} findings ({counts})>"

    def to_dir(self, out: Path | str) -> Path:
        """Write findings.csv and audit_meta.json (parameters, data fingerprint, caveat counts) into `out`."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        self.findings.to_csv(out / "findings.csv", index=False)
        meta = {"params": self.params, "meta": self.meta}
        (out / "audit_meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        return out

    @classmethod
    def from_dir(cls, path: Path | str) -> AuditResult:
        """Read back an audit written by `to_dir`, to present it again without recomputing."""
        path = Path(path)
        if not (path / "findings.csv").exists():
            raise FileNotFoundError(f"{path / 'findings.csv'} tidak ada (no computed audit in {path})")
        findings = pd.read_csv(path / "findings.csv", keep_default_na=False, na_values=[""],
                               dtype={c: "string" for c in _TEXT_COLUMNS})
        findings = _with_dtypes(findings)
        meta = json.loads((path / "audit_meta.json").read_text(encoding="utf-8"))
        return cls(findings, meta["params"], {**_run_provenance(path), **meta["meta"]})


def _run_provenance(path: Path) -> dict[str, Any]:
    """Period, data fingerprint and rejected rows from the quarterly run's run_meta.json beside the findings, if any."""
    run = path / "run_meta.json"
    if not run.exists():
        return {}
    m = json.loads(run.read_text(encoding="utf-8"))
    return {k: v for k, v in {"period": m.get("period"), "data_fingerprint": m.get("fingerprint"),
                              "rows_rejected": m.get("rows_rejected")}.items() if v is not None}


def _describe(r: pd.Series, lang: str) -> str:
    """One (unsuppressed) finding in one line."""
    aor = _with_ci(r["adjusted_odds_ratio"], r["aor_ci_low"], r["aor_ci_high"], "{:.2f}", lang, odds_ratio=True)
    return (f"  {r['scope']} {r['attribute']} {r['group']} vs {r['reference_group']}: "
            f"{r['rate_group']:.1%} vs {r['rate_reference']:.1%}, {text.label('impact_ratio', lang)} {r['impact_ratio']:.2f}, "
            f"{text.label('shortfall', lang)} {r['shortfall']:+.1f}, {text.label('adjusted_odds_ratio', lang)} {aor}, "
            f"p_BH {r['aor_p_adjusted']:.3g}")


def display_table(findings: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Findings as strings for a report: rates in %, ratios with CIs, "< 5" for every number of a suppressed row."""
    f = findings
    small = f["suppressed"].to_numpy(bool)
    hidden = SUPPRESSED

    def num(values: pd.Series, fmt: str) -> pd.Series:
        shown = pd.Series([("" if pd.isna(v) else fmt.format(v)) for v in values], index=f.index, dtype=object)
        shown[small] = hidden
        return shown

    def ci(mid: str, lo: str, hi: str, fmt: str) -> pd.Series:
        parts = [_with_ci(m, a, b, fmt, lang, mid == "adjusted_odds_ratio") for m, a, b in zip(f[mid], f[lo], f[hi])]
        shown = pd.Series(parts, index=f.index, dtype=object)
        shown[small] = hidden
        return shown

    out = pd.DataFrame({
        "scope": f["scope"], "attribute": f["attribute"], "group": f["group"], "reference_group": f["reference_group"],
        "n_group": f["n_group"].astype(object).where(f["n_group"] >= MIN_CELL, hidden),
        "n_reference": f["n_reference"].astype(object).where(f["n_reference"] >= MIN_CELL, hidden),
        "promoted_group": num(f["promoted_group"], "{:.0f}"),
        "rate_group": ci("rate_group", "rate_group_ci_low", "rate_group_ci_high", "{:.1%}"),
        "rate_reference": ci("rate_reference", "rate_reference_ci_low", "rate_reference_ci_high", "{:.1%}"),
        "impact_ratio": ci("impact_ratio", "impact_ratio_ci_low", "impact_ratio_ci_high", "{:.2f}"),
        "shortfall": num(f["shortfall"], "{:+.1f}"),
        "p_adjusted": num(f["p_adjusted"], "{:.3g}"),
        "adjusted_odds_ratio": ci("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "{:.2f}"),
        "aor_p_adjusted": num(f["aor_p_adjusted"], "{:.3g}"),
        "eo_rate_group": num(f["eo_rate_group"], "{:.1%}").where(f["n_qualified_group"] >= MIN_CELL, hidden),
        "flag": [text.flag_label(v, lang) for v in f["flag"]],
    })
    return out.rename(columns={c: text.label(c, lang) for c in out.columns}).reset_index(drop=True)


def _with_ci(mid: float, low: float, high: float, fmt: str, lang: str, odds_ratio: bool = False) -> str:
    """`0.41 (0.24–0.71)`; an adjusted odds ratio of 0 or ∞ says it was tested by likelihood ratio instead."""
    if pd.isna(mid):
        return ""
    if odds_ratio and (mid == 0 or np.isinf(mid)):
        return f"{'∞' if np.isinf(mid) else fmt.format(mid)} ({text.label('lr_test', lang)})"
    shown = [("∞" if np.isinf(v) else fmt.format(v)) for v in (mid, low, high) if not pd.isna(v)]
    return shown[0] if len(shown) < 3 else f"{shown[0]} ({shown[1]}–{shown[2]})"


# --------------------------------------------------------------------------- the audit


def audit(frame: pd.DataFrame, roles: Roles = ASN, attributes: Sequence[str] | None = None,
          scopes: Sequence[str] | None = None, reference: dict[str, str] | None = None,
          params: AuditParams = AuditParams(), context: dict[str, Any] | None = None) -> AuditResult:
    """Audit promotion outcomes by group for the province and each scope; see the module docstring.

    `attributes`: columns audited in addition to `roles.protected` (e.g. `agama`). `scopes`: the scope
    values (and/or `PROVINSI`) to report, default all. `reference`: attribute → reference group, over
    `roles.reference`. `context`: provenance written to the metadata (period, data fingerprint, …).
    """
    frame = frame.reset_index(drop=True)
    attrs = list(dict.fromkeys([*roles.protected, *(attributes or [])]))
    _check_columns(frame, roles, attrs)
    pop = _population(frame, roles, attrs)
    _check_scopes(pop, scopes)
    design = _covariates(frame.loc[pop.index], roles)
    refs = {a: _reference(pop[a], a, {**roles.reference, **(reference or {})}) for a in attrs}
    compared = [a for a in attrs if pop[a].nunique() >= 2]   # one group alone has nothing to be compared with
    cells = _statistics(pop, design.x, compared, refs, params, scopes)
    cells["scope_label"] = cells["scope"].map(_scope_labels(frame, roles)).astype("string")
    findings = _order(cells, attrs)

    terms = " + ".join(design.terms) or "-"
    run_params = {"thresholds": asdict(params), "roles": asdict(roles), "attributes": attrs, "references": refs,
                  "scopes": list(scopes) if scopes is not None else "all",
                  "model": {"scope": f"logit {roles.outcome} ~ intercept per ({roles.scope}, group) + {terms}",
                            PROVINCE: f"logit {roles.outcome} ~ {roles.scope} fixed effects + group + {terms}",
                            "controls_dropped": sorted(design.dropped), "max_missing_control": MAX_MISSING_CONTROL}}
    meta = {**(context or {}), "frame_fingerprint": frame_fingerprint(frame, roles, attrs),
            "counts": _counts(frame, pop, design, findings, attrs, compared),
            "versions": package_versions(("merit_lib", "statsmodels", "scipy", "pandas", "numpy")), "created": dt.datetime.now().isoformat(timespec="seconds")}
    return AuditResult(findings, run_params, meta)


def _check_scopes(pop: pd.DataFrame, scopes: Sequence[str] | None) -> None:
    """Every scope asked for must be `PROVINSI` or a scope of the persons at risk; the error names the others."""
    if scopes is None:
        return
    unknown = sorted(set(scopes) - {PROVINCE, *pop["_scope"].dropna()})
    if unknown:
        raise ValueError(f"lingkup tidak dikenal (unknown scopes): {', '.join(unknown)}")


def _statistics(pop: pd.DataFrame, covariates: pd.DataFrame, attrs: list[str], refs: dict[str, str | None],
                params: AuditParams, scopes: Sequence[str] | None) -> pd.DataFrame:
    """Every statistic of every (scope, attribute, group) and its flag, in the order the rules need them.

    `attrs` are the attributes with at least two groups; every intermediate table keeps fixed dtypes, so that an
    attribute, scope or period with nothing to test gives rows (or no rows) of the same columns, never object ones."""
    cells = _stack([_cells(pop, a, str(refs[a])) for a in attrs], _CELL_DTYPES)
    if scopes is not None:
        cells = cells[cells["scope"].isin(list(scopes))].reset_index(drop=True)
    cells = _raw_statistics(cells, params.alpha)
    cells["flag_reason"] = _insufficient(cells, params)
    testable = cells["flag_reason"] == ""
    cells["p_value"] = np.nan
    cells.loc[testable, "p_value"] = _fisher(cells[testable])

    with threadpool_limits(1):   # BLAS threads only add overhead to models of this size
        adjusted = _stack([_adjusted(pop, covariates, a, str(refs[a]), cells[testable & (cells["attribute"] == a)],
                                     params.alpha) for a in attrs], _ADJUSTED_DTYPES)
    cells = cells.merge(adjusted, on=_KEYS, how="left").merge(_mantel_haenszel(pop, attrs, refs, params.alpha),
                                                              on=_KEYS, how="left")
    cells.loc[(cells["flag_reason"] == "") & cells["aor_p_value"].isna(), "flag_reason"] = "aor_not_estimable"
    untested = cells["flag_reason"] != ""
    cells.loc[untested, ["p_value", "aor_p_value", "adjusted_odds_ratio", "aor_ci_low", "aor_ci_high"]] = np.nan
    cells["p_adjusted"] = _bh(cells["p_value"])
    cells["aor_p_adjusted"] = _bh(cells["aor_p_value"])
    cells["flag"] = _flag(cells, params)
    cells["suppressed"] = (cells["n_group"] < MIN_CELL) | (cells["n_reference"] < MIN_CELL)
    return cells


def _stack(parts: Sequence[pd.DataFrame], dtypes: dict[str, str]) -> pd.DataFrame:
    """The parts one under the other (no part: no rows) with exactly these columns and dtypes.

    pandas 3 gives an empty or all-missing part object columns, and refuses to put numbers back into a float column
    from them; fixing the dtypes here keeps every later step numeric."""
    parts = [p for p in parts if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(dtypes))
    out = out.reindex(columns=list(dtypes))
    for col, dtype in dtypes.items():
        out[col] = pd.to_numeric(out[col]).astype(dtype) if dtype == "float64" else out[col].astype(dtype)
    return out


def _scope_labels(frame: pd.DataFrame, roles: Roles) -> pd.Series:
    """Scope value → its label (e.g. opd_kode → opd_nama); empty when the roles name no label column."""
    if not roles.scope_label or roles.scope_label not in frame:
        return pd.Series(dtype="string")
    pairs = frame[[roles.scope, roles.scope_label]].dropna().drop_duplicates(roles.scope)
    return pairs.set_index(roles.scope)[roles.scope_label].astype("string")


def _check_columns(frame: pd.DataFrame, roles: Roles, attrs: list[str]) -> None:
    """Every column a role names must exist; the error names the missing ones."""
    wanted = [roles.outcome, roles.scope, *roles.merit, *roles.controls, *attrs,
              *[c for c in (roles.eligible, roles.qualified, roles.at_risk) if c]]
    missing = [c for c in dict.fromkeys(wanted) if c not in frame.columns]
    if missing:
        raise ValueError(f"kolom tidak ada di data (missing columns): {', '.join(missing)}")


def _flag_series(s: pd.Series) -> pd.Series:
    """Any true/false column (bool, boolean, 0/1, bool[pyarrow]) as pandas nullable boolean."""
    return s.astype("boolean")


def _population(frame: pd.DataFrame, roles: Roles, attrs: list[str]) -> pd.DataFrame:
    """The persons at risk with a known outcome: outcome `_y`, scope `_scope`, qualified `_q`, and the attributes."""
    rows = frame
    if roles.at_risk:
        rows = rows[_flag_series(rows[roles.at_risk]).fillna(False).to_numpy(bool)]
    rows = rows[rows[roles.outcome].notna()]
    pop = pd.DataFrame(index=rows.index)
    pop["_y"] = _flag_series(rows[roles.outcome]).astype(float)
    pop["_scope"] = rows[roles.scope].astype("string")
    pop["_q"] = _flag_series(rows[roles.qualified]).fillna(False).astype(float) if roles.qualified else np.nan
    for a in attrs:
        pop[a] = rows[a].astype("string")
    return pop


@dataclass
class _Design:
    """The shared covariates of the merit-adjusted model, and who (and what) was left out of it, and why."""

    x: pd.DataFrame                 # covariates (no intercept) of the persons in the model, indexed like the population
    terms: list[str]                # the formula terms the model uses
    dropped: dict[str, float]       # control left out of the model → its share missing among the persons at risk
    n_no_merit: int                 # persons at risk without complete merit scores: not in the model
    missing_control: dict[str, int]  # kept control → persons with merit scores but without it: not in the model
    n_missing_control: int          # persons with merit scores left out for a missing control (each counted once)


def _controls(rows: pd.DataFrame, roles: Roles) -> pd.DataFrame:
    """The model's controls of the persons at risk, eligibility included as 0/1 `_eligible` (merit measures apart)."""
    data = rows[[c for c in dict.fromkeys(roles.controls) if c not in roles.merit]].copy()
    if roles.eligible:
        data["_eligible"] = _flag_series(rows[roles.eligible]).astype(float)
    return data


def _covariates(rows: pd.DataFrame, roles: Roles) -> _Design:
    """The model's covariates for the persons with complete merit and (kept) controls.

    A control missing for more than MAX_MISSING_CONTROL of the persons at risk is left out of the model rather than
    leaving those persons out; a missing merit score always leaves the person out (merit is what the model adjusts for)."""
    merit, controls = rows[list(dict.fromkeys(roles.merit))], _controls(rows, roles)
    share = controls.isna().mean()
    dropped = share[share > MAX_MISSING_CONTROL]
    kept = controls.drop(columns=dropped.index)
    has_merit = merit.notna().all(axis=1)
    has_controls = kept.notna().all(axis=1)
    terms = roles.terms(tuple(merit.columns) + tuple(c for c in kept.columns if c != "_eligible"))
    terms += ["_eligible"] if "_eligible" in kept else []
    x = _design_matrix(pd.concat([merit, kept], axis=1)[has_merit & has_controls], terms)
    name = {"_eligible": roles.eligible}
    return _Design(x=x, terms=terms, dropped={name.get(c, c): float(v) for c, v in dropped.items()},
                   n_no_merit=int((~has_merit).sum()),
                   missing_control={name.get(c, c): int(n) for c, n in kept[has_merit].isna().sum().items() if n},
                   n_missing_control=int((has_merit & ~has_controls).sum()))


def _design_matrix(data: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """The terms' columns (patsy, categorical terms as dummies, no intercept), constant columns left out."""
    if data.empty or not terms:
        return pd.DataFrame(index=data.index)
    x = dmatrix(" + ".join(terms), data, NA_action="raise", return_type="dataframe")
    x = x.drop(columns="Intercept")
    return x.loc[:, x.std() > 0]   # a constant column would only make the model singular


def _reference(values: pd.Series, attribute: str, configured: dict[str, str]) -> str | None:
    """The configured reference group, else the largest group of the population.

    With fewer than two groups there is nothing to compare: the configured (else the only) group is returned as it
    is, present or not, and None when nobody has a value."""
    counts = values.value_counts()
    ref = configured.get(attribute)
    if len(counts) < 2:
        return ref if ref is not None else (str(counts.index[0]) if len(counts) else None)
    if ref is None:
        return str(counts.index[0])
    if ref not in counts.index:
        raise ValueError(f"kelompok pembanding '{ref}' tidak ada pada {attribute} (groups: {', '.join(map(str, counts.index))})")
    return ref


#: the columns of `_cells`, counts as floats until the findings are ordered
_CELL_DTYPES: dict[str, str] = {
    "scope": "string", "attribute": "string", "group": "string", "reference_group": "string",
    **{c: "float64" for c in ("n_group", "promoted_group", "n_qualified_group", "promoted_qualified_group", "n_scope",
                              "n_reference", "promoted_reference", "n_qualified_reference", "promoted_qualified_reference")}}


def _cells(pop: pd.DataFrame, attribute: str, reference: str) -> pd.DataFrame:
    """Counts per (scope, group), province included, each non-reference group joined with its reference's counts."""
    d = pop[pop[attribute].notna()]
    d = pd.DataFrame({"scope": d["_scope"], "group": d[attribute], "n": 1.0, "promoted": d["_y"],
                      "n_qualified": d["_q"], "promoted_qualified": d["_q"] * d["_y"]})
    by_scope = d[d["scope"].notna()].groupby(["scope", "group"], observed=True).sum().reset_index()
    province = d.drop(columns="scope").groupby("group", observed=True).sum().reset_index().assign(scope=PROVINCE)
    counts = pd.concat([province, by_scope], ignore_index=True)
    counts["n_scope"] = counts.groupby("scope")["n"].transform("sum")
    ref = counts[counts["group"] == reference].set_index("scope")[["n", "promoted", "n_qualified", "promoted_qualified"]]
    out = counts[counts["group"] != reference].join(ref, on="scope", suffixes=("", "_reference"))
    out = out.rename(columns={"n": "n_group", "promoted": "promoted_group", "n_qualified": "n_qualified_group",
                              "promoted_qualified": "promoted_qualified_group"})
    for c in ("n_reference", "promoted_reference", "n_qualified_reference", "promoted_qualified_reference"):
        out[c] = out[c].fillna(0)
    out = out.assign(attribute=attribute, reference_group=reference)
    return _stack([out], _CELL_DTYPES)


def _ratio(a: pd.Series, b: pd.Series) -> pd.Series:
    """a / b, NaN where b is 0 or missing (inf only when b is 0 and a positive)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(np.asarray(a, float) / np.asarray(b, float), index=a.index)


def _raw_statistics(c: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Rates with Wilson CIs, impact ratio with its CI, shortfall in persons, equal-opportunity rates (vectorized)."""
    c = c.copy()
    for who in ("group", "reference"):
        c[f"rate_{who}"] = _ratio(c[f"promoted_{who}"], c[f"n_{who}"])
        c[f"rate_{who}_ci_low"], c[f"rate_{who}_ci_high"] = wilson(c[f"promoted_{who}"], c[f"n_{who}"], alpha)
        c[f"eo_rate_{who}"] = _ratio(c[f"promoted_qualified_{who}"], c[f"n_qualified_{who}"])
    c["impact_ratio"] = _ratio(c["rate_group"], c["rate_reference"])
    c["impact_ratio_ci_low"] = c["impact_ratio_ci_high"] = np.nan
    ok = ((c["n_group"] > 0) & (c["n_reference"] > 0)).to_numpy()
    if ok.any():
        lo, hi = confint_proportions_2indep(c.loc[ok, "promoted_group"].to_numpy(), c.loc[ok, "n_group"].to_numpy(),
                                            c.loc[ok, "promoted_reference"].to_numpy(), c.loc[ok, "n_reference"].to_numpy(),
                                            method="log-adjusted", compare="ratio", alpha=alpha)
        c.loc[ok, "impact_ratio_ci_low"], c.loc[ok, "impact_ratio_ci_high"] = lo, hi
    c["shortfall"] = (c["n_group"] * c["rate_reference"] - c["promoted_group"]).round(1)
    c["eo_ratio"] = _ratio(c["eo_rate_group"], c["eo_rate_reference"])
    return c


def _insufficient(c: pd.DataFrame, p: AuditParams) -> pd.Series:
    """Why a finding is not tested ('' when it is): the insufficient-data rule, first reason that applies."""
    conditions = [c["n_group"] < p.min_group, c["n_reference"] < p.min_group, c["n_group"] < p.min_share * c["n_scope"],
                  c["promoted_group"] + c["promoted_reference"] < p.min_promotions]
    reasons = [f"n_group<{p.min_group}", f"n_reference<{p.min_group}", f"share<{100 * p.min_share:g}%",
               f"promotions<{p.min_promotions}"]
    return pd.Series(np.select(conditions, reasons, ""), index=c.index, dtype=object)


def _fisher(c: pd.DataFrame) -> np.ndarray:
    """Two-sided Fisher exact p of each group against its reference (promoted / not promoted)."""
    k1, n1 = c["promoted_group"].to_numpy(int), c["n_group"].to_numpy(int)
    k2, n2 = c["promoted_reference"].to_numpy(int), c["n_reference"].to_numpy(int)
    return np.array([sps.fisher_exact([[a, n - a], [b, m - b]]).pvalue for a, n, b, m in zip(k1, n1, k2, n2)], float)


def _bh(p: pd.Series) -> pd.Series:
    """Benjamini–Hochberg adjusted p over every non-missing p of the series (always float64)."""
    p = pd.to_numeric(p).astype("float64")
    out = pd.Series(np.nan, index=p.index, dtype="float64")
    ok = p.notna().to_numpy()
    if ok.any():
        out[ok] = multipletests(p[ok].to_numpy("float64"), method="fdr_bh")[1]
    return out


# --------------------------------------------------------------------------- merit-adjusted odds ratios


@dataclass
class _Fit:
    """A fitted logit: coefficients, their covariance and the log-likelihood."""

    params: pd.Series
    cov: pd.DataFrame
    llf: float


def _logit(y: pd.Series, x: pd.DataFrame) -> _Fit | None:
    """Maximum-likelihood logit (statsmodels, Newton); the design always spans a constant (its cell or scope dummies).

    None when it cannot be estimated: no rows, a singular design (e.g. a covariate constant within the rows of a
    small extract) or an estimate that is not finite. The findings it was for are then `aor_not_estimable`."""
    if len(y) == 0 or x.shape[1] == 0:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = Logit(y.to_numpy(float), x.to_numpy(float), hasconst=True).fit(method="newton", disp=0, maxiter=100)
            cov = np.asarray(res.cov_params(), float)
        except (np.linalg.LinAlgError, PerfectSeparationError):
            return None
    if not (np.isfinite(res.llf) and np.isfinite(res.params).all()):
        return None
    names = list(x.columns)
    return _Fit(pd.Series(res.params, index=names), pd.DataFrame(cov, index=names, columns=names), float(res.llf))


def _open(y: pd.Series, key: pd.Series) -> tuple[pd.Series, dict[str, float]]:
    """Rows whose key has both promoted and not-promoted persons, and each other key's limit (−∞ none, +∞ all)."""
    ev = y.groupby(key).agg(["sum", "size"])
    closed = ev[(ev["sum"] == 0) | (ev["sum"] == ev["size"])]
    return ~key.isin(closed.index), {k: (-np.inf if s == 0 else np.inf) for k, s in closed["sum"].items()}


def _cell_fit(y: pd.Series, x: pd.DataFrame, cell: pd.Series) -> tuple[_Fit | None, dict[str, float]]:
    """Logit with one intercept per cell and shared slopes; closed cells (nobody or everybody promoted) are left out.

    The fit is None when it cannot be estimated (see `_logit`)."""
    keep, closed = _open(y, cell)
    return _logit(y[keep], pd.concat([_dummies(cell[keep]), x[keep]], axis=1)), closed


def _dummies(key: pd.Series, tag: str = "") -> pd.DataFrame:
    """One 0/1 column per value, named `tag + _SEP + value`, so that no covariate name can collide with it."""
    return pd.get_dummies(key, dtype=float, prefix=tag, prefix_sep=_SEP)


def _lr_p(full: _Fit | None, null: _Fit | None) -> float:
    """Likelihood-ratio p of one constraint; NaN when either model could not be estimated."""
    if full is None or null is None:
        return np.nan
    return float(sps.chi2.sf(max(2 * (full.llf - null.llf), 0.0), 1))


def _adjusted(pop: pd.DataFrame, x: pd.DataFrame, attribute: str, reference: str, wanted: pd.DataFrame,
              alpha: float) -> pd.DataFrame:
    """Merit-adjusted odds ratio, CI and p of each wanted (scope, group) of one attribute."""
    rows = pop.loc[x.index]
    rows = rows[rows[attribute].notna()]
    if wanted.empty or rows.empty:
        return _stack([], _ADJUSTED_DTYPES)
    y, xs, group = rows["_y"], x.loc[rows.index], rows[attribute].astype(str)
    in_scope = rows["_scope"].notna()
    z = sps.norm.ppf(1 - alpha / 2)
    out = []
    opd = wanted[wanted["scope"] != PROVINCE]
    if len(opd):
        cell = (rows["_scope"].astype(str) + _SEP + group)[in_scope]
        est = _scope_effects(y[in_scope], xs[in_scope], cell, opd, reference)
        out.append(est)
    if (wanted["scope"] == PROVINCE).any():
        out.append(_province_effects(y[in_scope], xs[in_scope], rows.loc[in_scope, "_scope"].astype(str),
                                     group[in_scope], reference, wanted[wanted["scope"] == PROVINCE]))
    res = pd.concat(out, ignore_index=True)
    res["attribute"] = attribute
    wald = res["aor_method"] == "wald"
    with np.errstate(over="ignore"):   # a huge standard error (a nearly singular fit) gives an interval up to ∞
        res["adjusted_odds_ratio"] = np.exp(res["log_or"])
        low, high = np.exp(res["log_or"] - z * res["se"]), np.exp(res["log_or"] + z * res["se"])
    res["aor_ci_low"] = np.where(wald, low, np.where(res["log_or"] == -np.inf, 0.0, np.nan))
    res["aor_ci_high"] = np.where(wald, high, np.where(res["log_or"] == np.inf, np.inf, np.nan))
    res.loc[wald, "aor_p_value"] = 2 * sps.norm.sf(np.abs(res.loc[wald, "log_or"] / res.loc[wald, "se"]))
    return _stack([res], _ADJUSTED_DTYPES)


#: the columns of `_adjusted`
_ADJUSTED_DTYPES: dict[str, str] = {
    "scope": "string", "attribute": "string", "group": "string", "adjusted_odds_ratio": "float64", "aor_ci_low": "float64",
    "aor_ci_high": "float64", "aor_p_value": "float64", "aor_method": "string", "n_model_group": "float64",
    "n_model_reference": "float64"}


def _scope_effects(y: pd.Series, x: pd.DataFrame, cell: pd.Series, wanted: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Log odds ratio of each wanted scope's group against the same scope's reference: a contrast of cell intercepts."""
    fit, closed = _cell_fit(y, x, cell)
    sizes = cell.value_counts()
    records = []
    for s, g in zip(wanted["scope"], wanted["group"]):
        cg, cr = f"{s}{_SEP}{g}", f"{s}{_SEP}{reference}"
        rec = {"scope": s, "group": g, "n_model_group": int(sizes.get(cg, 0)), "n_model_reference": int(sizes.get(cr, 0)),
               "log_or": np.nan, "se": np.nan, "aor_p_value": np.nan, "aor_method": ""}
        if fit is None or rec["n_model_group"] == 0 or rec["n_model_reference"] == 0:
            records.append(rec)
            continue
        if cg not in closed and cr not in closed:
            v, a, b = fit.cov, _SEP + cg, _SEP + cr
            rec.update(log_or=fit.params[a] - fit.params[b], aor_method="wald",
                       se=float(np.sqrt(v.loc[a, a] + v.loc[b, b] - 2 * v.loc[a, b])))
        else:   # a closed cell: the odds ratio is 0 or ∞; test it by merging the group into its reference
            lim_g, lim_r = closed.get(cg, 0.0), closed.get(cr, 0.0)   # 0 for an open cell
            if lim_g != lim_r:
                null, _ = _cell_fit(y, x, cell.where(cell != cg, cr))
                rec.update(log_or=np.sign(lim_g - lim_r) * np.inf, aor_p_value=_lr_p(fit, null), aor_method="lr")
        records.append(rec)
    return pd.DataFrame(records)


def _province_effects(y: pd.Series, x: pd.DataFrame, scope: pd.Series, group: pd.Series, reference: str,
                      wanted: pd.DataFrame) -> pd.DataFrame:
    """Log odds ratio of each group against the reference over the province, within scopes (scope fixed effects).

    Every group has its own term, tested or not; scopes that promoted nobody carry no information and sit out."""
    keep, _ = _open(y, scope)
    y, x, scope, group = y[keep], x[keep], scope[keep], group[keep]
    sizes = group.value_counts()
    _, closed = _open(y, group)
    others = [g for g in sizes.index if g != reference]
    open_groups = [g for g in others if g not in closed]

    def fit(merged: str | None = None) -> _Fit | None:
        """The model without the closed groups' rows, or with `merged` put back into the reference."""
        rows = ~group.isin([g for g in closed if g != merged])
        terms = _dummies(group[rows], "g")[[f"g{_SEP}{g}" for g in open_groups]]
        return _logit(y[rows], pd.concat([_dummies(scope[rows], "s"), terms, x[rows]], axis=1))

    records = [{"scope": PROVINCE, "group": g, "n_model_group": int(sizes.get(g, 0)),
                "n_model_reference": int(sizes.get(reference, 0)), "log_or": np.nan, "se": np.nan,
                "aor_p_value": np.nan, "aor_method": ""} for g in wanted["group"]]
    if reference in closed or sizes.get(reference, 0) == 0:   # no contrast with a reference nobody (or all) of whom was promoted
        return pd.DataFrame(records)
    full = fit()
    if full is None:
        return pd.DataFrame(records)
    for rec in records:
        g, term = rec["group"], f"g{_SEP}{rec['group']}"
        if g in open_groups:
            rec.update(log_or=full.params[term], se=float(np.sqrt(full.cov.loc[term, term])), aor_method="wald")
        elif g in closed:
            rec.update(log_or=closed[g], aor_p_value=_lr_p(full, fit(merged=g)), aor_method="lr")
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- Mantel–Haenszel, flags, provenance


def _mantel_haenszel(pop: pd.DataFrame, attrs: list[str], refs: dict[str, str | None], alpha: float) -> pd.DataFrame:
    """For the province rows: the Mantel–Haenszel odds ratio (CI) and test of each group vs its reference, by scope."""
    records = []
    for a in attrs:
        d = pop[pop["_scope"].notna() & pop[a].notna()]
        for g in sorted(set(d[a].astype(str)) - {str(refs[a])}):
            rec = {"scope": PROVINCE, "attribute": a, "group": g}
            tables = _strata_tables(d, a, g, str(refs[a]))
            if tables is not None:
                with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    st = StratifiedTable(tables)
                    lo, hi = st.oddsratio_pooled_confint(alpha)
                    rec.update(mh_odds_ratio=st.oddsratio_pooled, mh_ci_low=lo, mh_ci_high=hi,
                               mh_p_value=st.test_null_odds().pvalue)
            records.append(rec)
    return _stack([pd.DataFrame(records)], {"scope": "string", "attribute": "string", "group": "string",
                                            **{c: "float64" for c in ("mh_odds_ratio", "mh_ci_low", "mh_ci_high", "mh_p_value")}})


def _strata_tables(d: pd.DataFrame, attribute: str, group: str, reference: str) -> np.ndarray | None:
    """2 × 2 × K counts, (group, reference) × (promoted, not), in each scope holding both; None if nothing to pool."""
    two = d[d[attribute].isin([group, reference])]
    is_group = (two[attribute] == group).rename("_g")
    by = two.groupby(["_scope", is_group])["_y"]
    k = by.sum().unstack(fill_value=0).reindex(columns=[True, False], fill_value=0)
    n = by.size().unstack(fill_value=0).reindex(columns=[True, False], fill_value=0)
    both = (n[True] > 0) & (n[False] > 0)
    k, n = k[both], n[both]
    if not both.any() or k.to_numpy().sum() == 0 or (n - k).to_numpy().sum() == 0:
        return None
    return np.array([[k[True], n[True] - k[True]], [k[False], n[False] - k[False]]], float)


def _flag(c: pd.DataFrame, p: AuditParams) -> pd.Series:
    """The four rules (text.FLAG_RULES): insufficient data first, then disparity, explained gap, no disparity."""
    practical = (c["impact_ratio"] < p.impact_low) | (c["impact_ratio"] > p.impact_high) | (c["shortfall"].abs() >= p.min_shortfall)
    # for a likelihood-ratio row the (profile) interval excludes 1 exactly when its p is below alpha
    away = (c["aor_ci_high"] < 1) | (c["aor_ci_low"] > 1) | ((c["aor_method"] == "lr") & (c["aor_p_value"] < p.alpha))
    disparity = away & (c["aor_p_adjusted"] < p.alpha) & practical
    explained = practical & (c["p_adjusted"] < p.alpha) & ~away   # the gap disappears at equal merit
    return pd.Series(np.select([c["flag_reason"] != "", disparity.to_numpy(bool), explained.to_numpy(bool)],
                               [INSUFFICIENT, DISPARITY, EXPLAINED], NO_DISPARITY), index=c.index)


def _order(c: pd.DataFrame, attrs: list[str]) -> pd.DataFrame:
    """DESIGN §6 columns then the extras; the province first, then scopes, attributes as given, groups sorted."""
    c = c.assign(_p=(c["scope"] != PROVINCE), _a=c["attribute"].map({a: i for i, a in enumerate(attrs)}))
    c = c.sort_values(["_p", "scope", "_a", "group"], kind="stable")
    out = c[list(FINDINGS_COLUMNS + EXTRA_COLUMNS)].reset_index(drop=True)
    for col in ("n_model_group", "n_model_reference"):   # not in the model (untested): 0 persons
        out[col] = out[col].fillna(0)
    return _with_dtypes(out)


def _with_dtypes(f: pd.DataFrame) -> pd.DataFrame:
    """The findings' dtypes: counts int64, texts `string` (empty → missing, as from the CSV), `suppressed` bool and
    every other known column float64 — never object, whatever the shape of the extract (or of a findings.csv read
    back, where an empty table has object columns). A count left empty in a CSV (suppressed) reads as Int64."""
    f = f.copy()
    for col in _INT_COLUMNS:
        if col in f:
            counts = pd.to_numeric(f[col])
            f[col] = counts.astype("int64") if counts.notna().all() else counts.astype("Int64")
    for col in _FLOAT_COLUMNS:
        if col in f:
            f[col] = pd.to_numeric(f[col]).astype("float64")
    for col in _TEXT_COLUMNS:
        if col in f:
            f[col] = f[col].astype("string").replace("", pd.NA)
    for col in _BOOL_COLUMNS:
        if col in f:
            f[col] = f[col].astype(bool)
    return f


def frame_fingerprint(frame: pd.DataFrame, roles: Roles, attrs: Sequence[str]) -> str:
    """A short hash of the columns the audit reads (no identifiers), to tie a findings table to its frame."""
    cols = [c for c in dict.fromkeys([roles.outcome, roles.scope, *roles.merit, *roles.controls, *attrs,
                                      *[r for r in (roles.eligible, roles.qualified, roles.at_risk) if r]]) if c in frame]
    hashed = pd.util.hash_pandas_object(frame[cols].astype("string"), index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()[:12]


def _counts(frame: pd.DataFrame, pop: pd.DataFrame, design: _Design, findings: pd.DataFrame, attrs: list[str],
            compared: list[str]) -> dict[str, Any]:
    """The figures the caveats quote: who was audited, who was left out of what, and why."""
    tested = findings["flag"] != INSUFFICIENT
    no_promo = pop[pop["_scope"].notna()].groupby("_scope")["_y"].sum()
    return {
        "n_rows": int(len(frame)), "n_at_risk": int(len(pop)), "n_promoted": int(pop["_y"].sum()),
        "n_model": int(len(design.x)), "n_no_merit": design.n_no_merit,
        "n_missing_control": design.n_missing_control, "missing_control": design.missing_control,
        "controls_dropped": design.dropped, "max_missing_control": MAX_MISSING_CONTROL,
        "n_missing_scope": int(pop["_scope"].isna().sum()),
        "missing_attribute": {a: int(pop[a].isna().sum()) for a in attrs},
        "not_compared": {a: sorted(map(str, pop[a].dropna().unique())) for a in attrs if a not in compared},
        "n_scopes": int(pop["_scope"].nunique()), "n_scopes_no_promotion": int((no_promo == 0).sum()),
        "n_findings": int(len(findings)), "n_tests": int(tested.sum()),
        "n_insufficient": int((~tested).sum()), "n_suppressed": int(findings["suppressed"].sum()),
        "n_lr": int((findings["aor_method"] == "lr").sum()),
    }


# --------------------------------------------------------------------------- conveniences


def audit_extract(extract: object, period: str, roles: Roles = ASN, attributes: Sequence[str] | None = None,
                  age_bands: Sequence[float] | None = None, age_labels: Sequence[str] | None = None,
                  **kwargs: Any) -> AuditResult:
    """Audit a loaded ASN extract for a period: analysis frame, audit, provenance (fingerprint, rejected rows).

    `age_bands`/`age_labels` cut the age groups (default features.AGE_BANDS: < 30, 30–39, 40–49, ≥ 50)."""
    from merit_lib.analysis.features import AGE_BANDS, AGE_LABELS, analysis_frame

    bands = tuple(age_bands) if age_bands is not None else AGE_BANDS
    labels = tuple(age_labels) if age_labels is not None else AGE_LABELS
    frame = analysis_frame(extract, period, age_bands=bands, age_labels=labels)
    context: dict[str, Any] = {"period": str(period), "age_bands": list(bands), "age_labels": list(labels)}
    if hasattr(extract, "fingerprint"):
        context["data_fingerprint"] = extract.fingerprint()
    report = getattr(extract, "report", None)
    if report is not None:
        context["rows_rejected"] = {str(k): int(v) for k, v in report.summary().set_index("table")["rows_rejected"].items()}
    return audit(frame, roles, attributes, context=context, **kwargs)


def metric_frame(frame: pd.DataFrame, attribute: str, roles: Roles = ASN) -> object:
    """fairlearn's MetricFrame of the persons at risk: promotion rate and count by scope and group, for interop."""
    from fairlearn.metrics import MetricFrame, count, selection_rate

    pop = _population(frame, roles, [attribute])
    pop = pop[pop[attribute].notna()]
    y = pop["_y"].astype(int).to_numpy()
    return MetricFrame(metrics={"rate": selection_rate, "n": count}, y_true=y, y_pred=y,
                       sensitive_features=pop[attribute].astype(str).rename(attribute),
                       control_features=pop["_scope"].astype(str).rename(roles.scope))


def audit_caveats(counts: dict[str, Any], lang: str = "id") -> list[str]:
    """The data-quality caveats of an audit in plain words, from its counts (text.AUDIT_CAVEATS, with this module's
    AUDIT_CAVEATS over them)."""
    t = {k: v[lang] for k, v in {**text.AUDIT_CAVEATS, **AUDIT_CAVEATS}.items()}
    c = counts
    out = []
    rejected = c.get("rows_rejected") or {}
    if isinstance(rejected, dict) and sum(rejected.values()):
        detail = ", ".join(f"{k} {v}" for k, v in rejected.items() if v)
        out.append(t["rejected"].format(n=sum(rejected.values()), detail=detail))
    out.append(t["at_risk"].format(**c))
    if c.get("n_at_risk") and c.get("n_promoted") == 0:
        out.append(t["no_promotion_at_all"])
    out += _model_caveats(c, t)
    for a, values in (c.get("not_compared") or {}).items():
        out.append(t["not_compared"].format(attribute=a, values=", ".join(values) or "-"))
    for a, n in (c.get("missing_attribute") or {}).items():
        if n:
            out.append(t["missing_attribute"].format(n=n, attribute=a))
    if c.get("n_missing_scope"):
        out.append(t["missing_scope"].format(n=c["n_missing_scope"]))
    if c.get("n_scopes_no_promotion") and c.get("n_promoted"):   # with no promotion at all, said once above
        out.append(t["no_promotion"].format(n=c["n_scopes_no_promotion"], n_scopes=c["n_scopes"]))
    out.append(t["insufficient"].format(**c))
    if c.get("n_lr"):
        out.append(t["lr"].format(**c))
    return out


def _model_caveats(c: dict[str, Any], t: dict[str, str]) -> list[str]:
    """What and who the merit-adjusted model left out, each with its actual reason: a control missing for too many
    (left out of the model), no merit score, or merit scores but a missing control (the person left out)."""
    def share(n: int) -> str:
        return f"{n / max(c.get('n_at_risk') or 0, 1):.1%}"

    limit = f"{c.get('max_missing_control', MAX_MISSING_CONTROL):.0%}"
    out = [t["control_dropped"].format(control=k, pct=f"{v:.0%}", limit=limit)
           for k, v in (c.get("controls_dropped") or {}).items()]
    if c.get("n_no_merit"):
        out.append(t["no_merit"].format(**c, pct=share(c["n_no_merit"])))
    if c.get("n_missing_control"):
        controls = ", ".join(c.get("missing_control") or {}) or "-"
        out.append(t["missing_control"].format(**c, pct=share(c["n_missing_control"]), controls=controls))
    return out
