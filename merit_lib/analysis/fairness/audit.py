"""The audit: every statistic of every (scope, attribute, group), its Benjamini–Hochberg families, and its verdict."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from merit_lib.analysis.fairness import raw
from merit_lib.analysis.fairness.adjusted import ADJUSTED_DTYPES, adjusted
from merit_lib.analysis.fairness.controls import Design, check_timing, covariates, outcome_controls, proxies
from merit_lib.analysis.fairness.merit_gaps import merit_gaps, notable
from merit_lib.analysis.fairness.population import (
    Population,
    check_columns,
    check_scopes,
    eligibility_rules,
    persons,
    population,
    reference_group,
    scope_labels,
)
from merit_lib.analysis.fairness.result import AuditResult
from merit_lib.analysis.fairness.schema import (
    _KEYS,
    EXTRA_COLUMNS,
    FINDINGS_COLUMNS,
    INSUFFICIENT,
    MAX_MISSING_CONTROL,
    PROVINCE,
    AuditParams,
    _stack,
    _with_dtypes,
)
from merit_lib.analysis.fairness.stratified import mantel_haenszel
from merit_lib.analysis.fairness.verdicts import decide, opd_disparities
from merit_lib.analysis.stats import MIN_CELL
from merit_lib.data.provenance import package_versions
from merit_lib.domain.period import DEFAULT_WINDOW
from merit_lib.domain.roles import ASN, Roles

#: the thresholds of docs/verdicts.md
DEFAULT_PARAMS = AuditParams()
#: what is copied from a PROVINSI row to the row of a scope that holds everyone (the same test, counted once)
_KEEP_OWN = ("scope", "scope_label", "n_scope")


def audit(frame: pd.DataFrame, roles: Roles = ASN, attributes: Sequence[str] | None = None,
          scopes: Sequence[str] | None = None, reference: dict[str, str] | None = None,
          params: AuditParams = DEFAULT_PARAMS, context: dict[str, Any] | None = None,
          eligibility: Sequence[str] | None = None) -> AuditResult:
    """Audit promotion outcomes by group for the province and each scope (see the package docstring).

    `attributes`: columns audited in addition to `roles.protected` (e.g. `agama`). `scopes`: the scope values (and/or
    `PROVINSI`) to report, default all. `reference`: attribute → reference group, over `roles.reference`. `context`:
    provenance written to the metadata (period, data fingerprint, …), over what the frame carries (`analysis.door`).
    `eligibility`: columns of named eligibility checks whose `gagal` puts a person outside the at-risk set (default:
    `rules.ELIGIBILITY_RULES` present in the frame).
    """
    from merit_lib.analysis import door

    frame = door.require_frame(frame, "audit")
    carried = door.context(frame)
    lang = door.lang_of(frame)
    context = {**{k: v for k, v in carried.items() if k != "lang"}, **(context or {})}
    frame = frame.reset_index(drop=True)
    attrs = list(dict.fromkeys([*roles.protected, *(attributes or [])]))
    check_columns(frame, roles, attrs)
    check_timing(roles)
    rules = eligibility_rules(frame, eligibility)
    people = population(frame, roles, attrs, rules)
    pop = people.pop
    check_scopes(pop, scopes, PROVINCE)
    refs = {a: reference_group(pop[a], a, {**roles.reference, **(reference or {})}) for a in attrs}
    compared = [a for a in attrs if pop[a].nunique() >= 2]   # one group alone has nothing to be compared with
    rows = frame.loc[pop.index]
    # a control that nearly determines the outcome is most often caused by it: left out of every merit model, named
    colliders = outcome_controls(rows, roles, params.max_outcome_smd, params.max_outcome_auc) if roles.merit else {}
    model_roles = roles.with_(controls=tuple(c for c in roles.controls if c not in colliders))
    base = covariates(rows, model_roles)
    left_out = {a: proxies(frame, pop.index[pop[a].notna()], a, model_roles, params.max_proxy_r) if roles.merit else {}
                for a in compared}
    # an attribute without a proxy among the controls is modelled on the base design itself (the same columns, read only)
    designs = {a: covariates(rows, model_roles, left_out[a]) if left_out[a] else base for a in compared}
    cells = _statistics(pop, designs, compared, refs, params, scopes, merit=bool(roles.merit),
                        reliability=dict(roles.reliability))
    cells["scope_label"] = cells["scope"].map(scope_labels(frame, roles)).astype("string")
    findings = _order(cells, attrs)
    measures = [m for m in dict.fromkeys([*roles.merit, *roles.gap_measures]) if m in frame.columns
                and m not in roles.categorical and pd.api.types.is_numeric_dtype(frame[m])]
    gaps = merit_gaps(pop, rows[measures], compared, refs, roles.reliability, params.alpha)

    terms = " + ".join(base.terms) or "-"
    run_params = {"thresholds": asdict(params), "roles": asdict(roles), "attributes": attrs, "references": refs,
                  "scopes": list(scopes) if scopes is not None else "all", "eligibility_rules": rules,
                  "bh_families": "per attribute, the province rows and the OPD rows apart; Fisher, merit-adjusted and "
                                 "Mantel–Haenszel p apart",
                  "model": {"scope": f"logit {roles.outcome} ~ intercept per ({roles.scope}, group) + {terms}",
                            PROVINCE: f"logit {roles.outcome} ~ {roles.scope} fixed effects + group + {terms}",
                            "merit": bool(roles.merit), "controls_dropped": sorted(base.dropped),
                            "max_missing_control": MAX_MISSING_CONTROL,
                            "proxies": {a: d.proxies for a, d in designs.items() if d.proxies},
                            "outcome_controls": colliders, "measured": dict(roles.measured),
                            "reliability": dict(roles.reliability),
                            "missing_correction": "inverse-probability weights of the model sample by (group, outcome), "
                                                  "where its raw odds ratio is outside the materiality bounds of "
                                                  "everyone's",
                            "decomposition": "Fairlie (pooled), blocks by Yun's weights, OPD composition the rest"}}
    counts = _counts(frame, people, base, designs, findings, attrs, compared, params, roles)
    counts.update(outcome_controls=colliders, merit_gaps=notable(gaps, params.alpha),
                  unknown_time=sorted(c for c in dict.fromkeys([*roles.merit, *model_roles.controls])
                                      if c not in roles.measured),
                  reliability={m: float(r) for m, r in roles.reliability.items()})
    meta = {**(context or {}), "frame_fingerprint": frame_fingerprint(frame, roles, attrs), "counts": counts,
            "versions": package_versions(("merit_lib", "statsmodels", "scipy", "pandas", "numpy")),
            "created": dt.datetime.now().isoformat(timespec="seconds")}
    return AuditResult(findings, run_params, meta, merit_gaps=gaps, lang=lang)


def audited_scopes(frame: pd.DataFrame, roles: Roles = ASN) -> list[str]:
    """The scopes (OPDs) an audit of `frame` compares: those of the persons at risk, less those a named eligibility rule
    puts outside (to audit the OPDs' rows alone: `audit(frame, scopes=audited_scopes(frame))`)."""
    pop = population(frame, roles, [], eligibility_rules(frame, None)).pop
    return sorted(map(str, pop["_scope"].dropna().unique()))


def _single_scope(pop: pd.DataFrame, attribute: str) -> bool:
    """Whether one scope holds every person with a value of the attribute (its rows are the PROVINSI rows again)."""
    d = pop.loc[pop[attribute].notna(), "_scope"]   # (a person who moved between scopes has rows in both)
    return bool(d.notna().all() and d.nunique() == 1)


def _statistics(pop: pd.DataFrame, designs: dict[str, Design], attrs: list[str], refs: dict[str, str | None],
                params: AuditParams, scopes: Sequence[str] | None, merit: bool,
                reliability: dict[str, float] | None = None) -> pd.DataFrame:
    """Every statistic of every (scope, attribute, group) and its verdict, in the order the decision table needs them.

    `attrs` are the attributes with at least two groups; every intermediate table keeps fixed dtypes, so that an
    attribute, scope or period with nothing to test gives rows (or no rows) of the same columns, never object ones."""
    scoped, whole = persons(pop, by_scope=True), persons(pop, by_scope=False)
    cells = _stack([raw.cells(scoped, whole, a, str(refs[a])) for a in attrs], raw.CELL_DTYPES)
    if scopes is not None:
        cells = cells[cells["scope"].isin(list(scopes))].reset_index(drop=True)
    cells = raw.raw_statistics(cells, params)
    cells["flag_reason"] = raw.insufficient(cells, params)
    has_province = set(zip(cells.loc[cells["scope"] == PROVINCE, "attribute"], cells.loc[cells["scope"] == PROVINCE, "group"]))
    single = [a for a in attrs if _single_scope(pop, a)]
    duplicate = pd.Series((cells["scope"] != PROVINCE).to_numpy(bool) & cells["attribute"].isin(single).to_numpy(bool)
                          & np.array([k in has_province for k in zip(cells["attribute"], cells["group"])], bool),
                          index=cells.index)
    testable = (cells["flag_reason"] == "") & ~duplicate
    cells["p_value"] = np.nan
    cells.loc[testable, "p_value"] = raw.fisher(cells[testable])

    with threadpool_limits(1):   # BLAS threads only add overhead to models of this size
        adj = _stack([adjusted(pop, designs[a].x, a, str(refs[a]), cells[testable & (cells["attribute"] == a)],
                               params.alpha, merit, designs[a].blocks,
                               {designs[a].merit_columns[m]: r for m, r in (reliability or {}).items()
                                if m in designs[a].merit_columns}, (params.impact_low, params.impact_high))
                      for a in attrs], ADJUSTED_DTYPES)
    cells = cells.merge(adj, on=_KEYS, how="left").merge(mantel_haenszel(scoped, attrs, refs, params.alpha), on=_KEYS,
                                                         how="left")
    cells = cells.merge(_merit_cells(pop, designs, attrs, refs, merit), on=_KEYS, how="left")
    untested = (cells["flag_reason"] != "").to_numpy()
    cells.loc[untested, ["p_value", "aor_p_value", "adjusted_odds_ratio", "aor_ci_low", "aor_ci_high",
                         "explained_share", "mh_p_value", *_VARIANT_COLUMNS]] = np.nan
    tested = ~untested & ~duplicate.to_numpy()
    # the province's rows and the OPDs' rows are two families per attribute: adding OPDs never weakens the province test,
    # and an OPD's verdict is the same whether or not the province rows are audited with it
    family = cells["attribute"] + np.where(cells["scope"] == PROVINCE, "|province", "|opd")
    province = (cells["scope"] == PROVINCE).to_numpy()
    cells["p_adjusted"] = raw.bh_by(cells["p_value"].where(tested), family)
    for col in ("aor_p_value", "aor_ipw_p_value", "aor_reliability_p_value"):
        cells[col.replace("_value", "_adjusted")] = raw.bh_by(cells[col].where(tested), family)
    cells["mh_p_adjusted"] = raw.bh_by(cells["mh_p_value"].where(tested & province), family)
    cells["bd_p_adjusted"] = raw.bh_by(cells["bd_p_value"].where(tested & province), family)
    alike = ~(cells["bd_p_adjusted"] < params.alpha).to_numpy()      # the OPDs are named only where Breslow–Day says they differ
    cells.loc[alike, "heterogeneous_opds"] = pd.NA
    cells.loc[alike, "n_opds_differ"] = np.nan
    verdict = decide(cells, params, merit)
    for col in verdict.columns:
        cells[col] = verdict[col]
    cells = opd_disparities(cells, params)      # a province row names (and is not `no disparity` with) an OPD disparity
    cells["controls_left_out"] = cells["attribute"].map(
        {a: "; ".join(f"{c} ({why})" for c, why in d.proxies.items()) for a, d in designs.items()}).astype("string")
    cells["suppressed"] = (cells["n_group"] < MIN_CELL) | (cells["n_reference"] < MIN_CELL)
    return _copy_province(_merit_shares(cells), duplicate.to_numpy())


#: the refitted estimates (adjusted.py), empty where a finding is not tested
_VARIANT_COLUMNS = [f"aor_{v}{s}" for v in ("ipw", "reliability") for s in ("", "_ci_low", "_ci_high", "_p_value")]
MERIT_CELL_DTYPES = {"scope": "string", "attribute": "string", "group": "string",
                     **{c: "float64" for c in ("n_merit_group", "promoted_merit_group", "n_merit_reference",
                                               "promoted_merit_reference")}}


def _merit_cells(pop: pd.DataFrame, designs: dict[str, Design], attrs: list[str], refs: dict[str, str | None],
                 merit: bool) -> pd.DataFrame:
    """Who has the merit measures, by group and outcome: per (scope, attribute, group), the persons of the group and of
    the reference who are in the attribute's merit model in some quarter (`n_merit_*`), and of them those promoted
    (`promoted_merit_*`), with the shares of the promoted and of the others they are (`merit_share_*`)."""
    if not merit:
        return _stack([], MERIT_CELL_DTYPES)
    parts = []
    for a in attrs:
        d = pop.loc[pop[a].notna(), ["_id", "_scope", "_y", a]]
        d = d.assign(_m=d.index.isin(designs[a].x.index))
        for scoped in (True, False):
            keys = ["_id", "_scope"] if scoped else ["_id"]
            g = d.groupby(keys, sort=False, dropna=False)
            people = pd.DataFrame({"_m": g["_m"].max(), "_y": g["_y"].max(), a: g[a].last()}).reset_index()
            if not scoped:
                people["_scope"] = PROVINCE
            people = people[people["_scope"].notna()]
            people["_my"] = people["_m"] & (people["_y"] > 0)
            c = people.groupby(["_scope", a], observed=True)[["_m", "_my"]].sum().reset_index()
            ref = c[c[a] == str(refs[a])].set_index("_scope")
            c = c[c[a] != str(refs[a])]
            parts.append(pd.DataFrame({
                "scope": c["_scope"].astype(str), "attribute": a, "group": c[a].astype(str),
                "n_merit_group": c["_m"].astype(float), "promoted_merit_group": c["_my"].astype(float),
                "n_merit_reference": c["_scope"].map(ref["_m"]).fillna(0).astype(float).to_numpy(),
                "promoted_merit_reference": c["_scope"].map(ref["_my"]).fillna(0).astype(float).to_numpy()}))
    return _stack(parts, MERIT_CELL_DTYPES)


def _merit_shares(c: pd.DataFrame) -> pd.DataFrame:
    """The shares of the promoted and of the not promoted of each side who have the merit measures."""
    for who in ("group", "reference"):
        promoted, n = c[f"promoted_{who}"].astype(float), c[f"n_{who}"].astype(float)
        k, km = c[f"promoted_merit_{who}"].astype(float), c[f"n_merit_{who}"].astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            c[f"merit_share_{who}_promoted"] = np.where(promoted > 0, k / promoted, np.nan)
            c[f"merit_share_{who}_not"] = np.where(n - promoted > 0, (km - k) / (n - promoted), np.nan)
    return c


def _copy_province(cells: pd.DataFrame, duplicate: np.ndarray) -> pd.DataFrame:
    """The row of a scope that holds everyone is the PROVINSI row again: the same figures and verdict, tested once."""
    if not duplicate.any():
        return cells
    prov = cells[cells["scope"] == PROVINCE].set_index(["attribute", "group"])
    keys = pd.MultiIndex.from_arrays([cells.loc[duplicate, "attribute"], cells.loc[duplicate, "group"]])
    for col in cells.columns:
        if col not in _KEYS and col not in _KEEP_OWN and col in prov:
            cells.loc[duplicate, col] = prov.loc[keys, col].to_numpy()
    return cells


def _order(c: pd.DataFrame, attrs: list[str]) -> pd.DataFrame:
    """DESIGN §6 columns then the extras; the province first, then scopes, attributes as given, groups sorted."""
    c = c.assign(_p=(c["scope"] != PROVINCE), _a=c["attribute"].map({a: i for i, a in enumerate(attrs)}))
    c = c.sort_values(["_p", "scope", "_a", "group"], kind="stable")
    out = c.reindex(columns=list(FINDINGS_COLUMNS + EXTRA_COLUMNS)).reset_index(drop=True)
    for col in ("n_model_group", "n_model_reference", "decision_row", "n_opds_differ", "n_merit_group",
                "promoted_merit_group", "n_merit_reference", "promoted_merit_reference"):   # not computed: 0 persons
        out[col] = out[col].fillna(0)
    for col in ("simpson", "suppressed"):
        out[col] = out[col].fillna(False).astype(bool)
    for col in ("direction", "explained_by", "flag_reason", "controls_left_out", "verdict_basis", "adjusted_direction",
                "heterogeneous_opds", "explained_parts"):
        out[col] = out[col].astype("string").fillna("")
    return _with_dtypes(out)


def frame_fingerprint(frame: pd.DataFrame, roles: Roles, attrs: Sequence[str]) -> str:
    """A short hash of the columns the audit reads (no identifiers), to tie a findings table to its frame."""
    cols = [c for c in dict.fromkeys([roles.outcome, roles.scope, *roles.merit, *roles.controls, *attrs,
                                      *[r for r in (roles.eligible, roles.qualified, roles.at_risk) if r]]) if c in frame]
    hashed = pd.util.hash_pandas_object(frame[cols].astype("string"), index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()[:12]


def _counts(frame: pd.DataFrame, people: Population, base: Design, designs: dict[str, Design], findings: pd.DataFrame,
            attrs: list[str], compared: list[str], params: AuditParams, roles: Roles) -> dict[str, Any]:
    """The figures the caveats quote: who was audited, who was left out of what, and why."""
    pop = people.pop
    tested = findings["decision_row"] != 1
    no_promo = pop[pop["_scope"].notna()].groupby("_scope")["_y"].sum()
    prov = findings[findings["scope"] == PROVINCE]
    def persons(index: pd.Index | None) -> int:
        """The persons of some audited rows (a person-quarter frame repeats a person)."""
        return 0 if index is None else int(pop.loc[pop.index.intersection(index), "_id"].nunique())

    ids = frame[roles.id] if roles.id and roles.id in frame else pd.Series(frame.index)
    return {
        "n_rows": int(ids.nunique()), "n_at_risk": people.n_persons, "n_promoted": people.n_promoted,
        "n_audited": int(pop["_id"].nunique()), "n_promoted_audited": int(pop["_y"].sum()), "outside_rules": people.outside,
        "n_person_quarters": int(len(pop)), "n_quarters": int(max(pop["_t"].nunique(), 1)),
        "merit": bool(base.has_merit), "n_model": persons(base.x.index), "n_no_merit": persons(base.no_merit),
        "n_model_rows": int(len(base.x)),
        "n_model_by_attribute": {a: int(len(d.x)) for a, d in designs.items()},
        "n_missing_control": persons(base.missing), "missing_control": base.missing_control,
        "n_settled": base.n_settled,
        "controls_dropped": base.dropped, "max_missing_control": MAX_MISSING_CONTROL,
        "proxies": {a: d.proxies for a, d in designs.items() if d.proxies},
        "n_missing_scope": int(pop["_scope"].isna().sum()),
        "missing_attribute": {a: int(pop[a].isna().sum()) for a in attrs},
        "not_compared": {a: sorted(map(str, pop[a].dropna().unique())) for a in attrs if a not in compared},
        "n_scopes": int(pop["_scope"].nunique()), "n_scopes_no_promotion": int((no_promo == 0).sum()),
        "n_findings": int(len(findings)), "n_tests": int(tested.sum()),
        "n_insufficient": int((findings["flag"] == INSUFFICIENT).sum()), "n_suppressed": int(findings["suppressed"].sum()),
        "n_lr": int((findings["aor_method"] == "lr").sum()),
        "n_simpson": int(prov["simpson"].sum()),
        "n_heterogeneous": int((prov["bd_p_adjusted"] < params.alpha).sum()),
        "n_not_equivalent": int((findings["flag_reason"] == "not_equivalent").sum()),
        "n_model_shift": int((tested & ~findings["model_shift_odds_ratio"].between(params.impact_low, params.impact_high)
                              & findings["model_shift_odds_ratio"].notna()).sum()),
        "n_model_shift_changed": int((findings["flag_reason"] == "model_sample_differs").sum()),
        "max_detectable_or": params.max_detectable_or, "power": params.power,
    }


def audit_extract(extract: object, period: str, roles: Roles = ASN, attributes: Sequence[str] | None = None,
                  age_bands: Sequence[float] | None = None, age_labels: Sequence[str] | None = None,
                  window: int = DEFAULT_WINDOW, **kwargs: Any) -> AuditResult:
    """Audit a loaded ASN extract for a period on its evidence window (`window` quarters ending with it): analysis
    frame, audit, provenance (fingerprint, rejected rows, the window).

    `age_bands`/`age_labels` cut the age groups (default features.AGE_BANDS: < 30, 30–39, 40–49, ≥ 50)."""
    from merit_lib.analysis.features import AGE_BANDS, AGE_LABELS, analysis_frame, window_of

    bands = tuple(age_bands) if age_bands is not None else AGE_BANDS
    labels = tuple(age_labels) if age_labels is not None else AGE_LABELS
    frame = analysis_frame(extract, period, window=window, age_bands=bands, age_labels=labels)
    context: dict[str, Any] = {"period": str(period), "age_bands": list(bands), "age_labels": list(labels),
                               "window": window_of(frame).as_dict()}
    if hasattr(extract, "fingerprint"):
        context["data_fingerprint"] = extract.fingerprint()
    report = getattr(extract, "report", None)
    if report is not None:
        context["rows_rejected"] = {str(k): int(v) for k, v in report.summary().set_index("table")["rows_rejected"].items()}
    return audit(frame, roles, attributes, context=context, **kwargs)


def metric_frame(frame: pd.DataFrame, attribute: str, roles: Roles = ASN) -> object:
    """fairlearn's MetricFrame of the persons at risk: promotion rate and count by scope and group, for interop (one
    row per person and scope of the window, as the findings count them)."""
    from fairlearn.metrics import MetricFrame, count, selection_rate

    pop = persons(population(frame, roles, [attribute], eligibility_rules(frame, None)).pop, by_scope=True)
    pop = pop[pop[attribute].notna()]
    y = pop["_y"].astype(int).to_numpy()
    return MetricFrame(metrics={"rate": selection_rate, "n": count}, y_true=y, y_pred=y,
                       sensitive_features=pop[attribute].astype(str).rename(attribute),
                       control_features=pop["_scope"].astype(str).rename(roles.scope))
