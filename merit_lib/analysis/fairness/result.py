"""The audit's result: findings with their parameters and provenance, presented as a reader needs them (summary, table,
decision table, caveats), written to and read back from a folder."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from merit_lib.analysis.fairness.merit_gaps import GAP_COLUMNS
from merit_lib.analysis.fairness.merit_gaps import _typed as _typed_gaps
from merit_lib.analysis.fairness.schema import (
    _TEXT_COLUMNS,
    DISPARITY,
    EXPLAINED,
    FLAGS,
    INCONCLUSIVE,
    INSUFFICIENT,
    MAX_MISSING_CONTROL,
    MINOR,
    NO_DISPARITY,
    PROVINCE,
    AuditParams,
    _with_dtypes,
)
from merit_lib.analysis.fairness.verdicts import (
    BASIS_LABELS,
    DIRECTION_LABELS,
    flag_label,
    odds_ratio_at,
    rules_table,
)
from merit_lib.analysis.stats import MIN_CELL, SUPPRESSED
from merit_lib.data.sink import write_csv, write_json
from merit_lib.domain import language as L
from merit_lib.domain import rules as R
from merit_lib.domain import text

#: the audit's caveats (in the catalogue, `text.AUDIT_CAVEATS`; fields from AuditResult.meta["counts"])
AUDIT_CAVEATS = text.AUDIT_CAVEATS


def _t(key: str, lang: str) -> str:
    return text.label(key, lang)


@dataclass
class AuditResult:
    """The findings table with the parameters and data provenance it was computed with."""

    findings: pd.DataFrame
    params: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    #: the group gaps in the merit measures themselves (merit_gaps.py): one row per (attribute, group, measure)
    merit_gaps: pd.DataFrame = field(default_factory=lambda: _typed_gaps([]))
    lang: str = "id"          # the language its summary, tables and displays speak unless asked otherwise

    def flags(self) -> pd.Series:
        """How many findings carry each flag (all five, zeros included)."""
        return self.findings["flag"].value_counts().reindex(list(FLAGS), fill_value=0).astype("int64").rename("n")

    def rules(self, lang: str | None = None) -> pd.DataFrame:
        """The decision table as written in the reports, thresholds filled in (one row per rule, first match wins)."""
        lang = lang or self.lang
        p = AuditParams(**self.params["thresholds"])
        t = rules_table(p, lang)
        return t.rename(columns={"row": _t("row", lang), "name": text.label("flag_name", lang), "rule": text.label("rule", lang)})

    def caveats(self, lang: str | None = None) -> list[str]:
        """Data-quality caveats with their counts, in plain words."""
        lang = lang or self.lang
        return audit_caveats({**self.meta.get("counts", {}), "rows_rejected": self.meta.get("rows_rejected")}, lang)

    def table(self, lang: str | None = None, flags: Sequence[str] | None = None, scopes: Sequence[str] | None = None,
              attributes: Sequence[str] | None = None) -> pd.DataFrame:
        """The findings for reading: rounded, labelled, every number of a group under 5 persons shown as "< 5"."""
        lang = lang or self.lang
        f = self.findings
        keep = np.ones(len(f), bool)
        for col, wanted in (("flag", flags), ("scope", scopes), ("attribute", attributes)):
            if wanted is not None:
                keep &= f[col].isin(list(wanted)).to_numpy()
        return display_table(f[keep], lang)

    def overview(self, lang: str | None = None) -> str:
        """What the audit covered, in one plain paragraph for the top of a page: period, persons at risk, promoted,
        audited and in the model, the attributes with their reference groups, scopes and tests (no machine names)."""
        lang = lang or self.lang
        m, c = self.meta, self.meta.get("counts", {})
        attributes = ", ".join(
            text.t("audit_overview_attr", lang, attribute=text.attribute_label(a, lang),
                   reference=text.group_label(a, r, lang) if r else "–")
            for a, r in self.params["references"].items()) or "–"
        period = L.period_label(m["period"], lang) if m.get("period") else "–"
        out = text.t("audit_overview", lang, period=period, n_at_risk=_n(c.get("n_at_risk"), lang),
                     n_promoted=_n(c.get("n_promoted"), lang), n_audited=_n(c.get("n_audited", c.get("n_at_risk")), lang),
                     n_model=_n(c.get("n_model"), lang), attributes=attributes, n_scopes=_n(c.get("n_scopes"), lang),
                     n_tests=_n(c.get("n_tests"), lang))
        return out + (" " + self.window_line(lang) if self.window_line(lang) else "")

    def window_line(self, lang: str | None = None) -> str:
        """The evidence window the audit rests on and its person-quarters, in one sentence ('' for a single quarter
        or a flat table)."""
        lang = lang or self.lang
        m, c = self.meta, self.meta.get("counts", {})
        if not m.get("window") and (c.get("n_quarters") or 1) <= 1:
            return ""
        window = L.window_label(m["window"], lang) if m.get("window") else f"{c.get('n_quarters')}"
        return text.t("window.audit_line", lang, window=window, n_pq=_n(c.get("n_person_quarters"), lang))

    def summary(self, lang: str | None = None, top: int = 10) -> str:
        """A plain-text summary: data, parameters, verdict counts and the findings that need reading, raw, within OPD
        and merit-adjusted side by side."""
        lang = lang or self.lang
        m, c, th = self.meta, self.meta.get("counts", {}), self.params["thresholds"]
        refs = ", ".join(f"{a} ({text.label('reference', lang)} {r or '-'})" for a, r in self.params["references"].items())
        none_promoted = [text.t("caveats.no_promotion_at_all", lang)] if c.get("n_promoted") == 0 else []
        no_merit = [text.t("caveats.no_merit_declared", lang)] if c.get("merit") is False else []
        lines = [text.label("audit_title", lang) + (f" — {m['period']}" if m.get("period") else ""),
                 f"{text.label('fingerprint', lang)}: {m.get('data_fingerprint') or '-'} | frame {m.get('frame_fingerprint')}",
                 f"{text.label('at_risk', lang)}: {_n(c.get('n_at_risk'), lang)} ({text.label('promoted', lang)} "
                 f"{_n(c.get('n_promoted'), lang)}); {_t('audited', lang)}: {_n(c.get('n_audited', c.get('n_at_risk')), lang)}; "
                 f"{text.label('in_model', lang)}: {_n(c.get('n_model'), lang)}",
                 *([self.window_line(lang)] if self.window_line(lang) else []), *none_promoted, *no_merit,
                 f"{text.label('attributes', lang)}: {refs}",
                 f"{text.label('scopes', lang)}: {PROVINCE} + {c.get('n_scopes')} | {text.label('tests', lang)}: "
                 f"{_n(c.get('n_tests'), lang)} ({_t('bh', lang)}, alpha {L.number(th['alpha'], lang, 2)})",
                 "  ".join(f"{flag_label(k, lang)}: {_n(v, lang)}" for k, v in self.flags().items())]
        shown = ~np.logical_or(*hidden_sides(self.findings))
        for flag in (DISPARITY, MINOR, EXPLAINED, INCONCLUSIVE):
            rows = self.findings[(self.findings["flag"] == flag).fillna(False).to_numpy(bool) & shown]
            rows = rows.assign(_p=rows["scope"] != PROVINCE).sort_values(["_p", "p_adjusted"]).head(top)
            if len(rows):
                lines += ["", flag_label(flag, lang).capitalize() + ":"]
                lines += [_describe(r, lang, th) for _, r in rows.iterrows()]
        gaps = self.meta.get("counts", {}).get("merit_gaps") or []
        if gaps:
            lines += ["", text.label("merit_gaps_title", lang) + ":"]
            lines += [f"  {_gap_phrase(g, lang)}" for g in gaps]
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = ", ".join(f"{flag_label(k, self.lang)} {_n(v, self.lang)}" for k, v in self.flags().items())
        return f"<AuditResult: {text.t('api.audit_repr', self.lang, n=_n(len(self.findings), self.lang), counts=counts)}>"

    def _repr_html_(self) -> str:
        """The audit in a notebook: what it covered, its provenance, the verdict counts and the findings to read first
        (at most 10; groups under 5 persons as "< 5"), in the result's language."""
        from merit_lib.domain import display as D

        lang = self.lang
        counts = pd.DataFrame({text.label("flag_name", lang): [flag_label(k, lang) for k in self.flags().index],
                               "n": [_n(v, lang) for v in self.flags()]})
        worth = [f for f in FLAGS if f not in (NO_DISPARITY, INSUFFICIENT)]
        rows = self.findings[self.findings["flag"].isin(worth)]
        rows = rows.assign(_p=rows["scope"] != PROVINCE).sort_values(["_p", "p_adjusted"], kind="stable").head(10)
        parts = [D.paragraph(self.overview(lang)), D.paragraph(D.provenance(self.meta, lang), small=True),
                 D.table(counts)]
        if len(rows):
            cols = [_t(c, lang) for c in ("scope", "attribute", "group", "reference_group", "rate_group", "rate_reference",
                                          "adjusted_odds_ratio", "flag", "direction")]
            parts += [f"<h5>{D.esc(text.t('api.audit_read_first', lang))}</h5>", D.table(display_table(rows, lang)[cols])]
        parts.append(D.paragraph(text.t("api.audit_more", lang), small=True))
        title = text.label("audit_title", lang) + (f" — {L.period_label(self.meta['period'], lang)}"
                                                   if self.meta.get("period") else "")
        return D.block(title, parts)

    def in_language(self, lang: str) -> AuditResult:
        """The same audit, presented in `lang` (`id` or `en`)."""
        return AuditResult(self.findings, self.params, self.meta, merit_gaps=self.merit_gaps, lang=L.language(lang))

    def to_dir(self, out: Path | str) -> Path:
        """Write findings.csv, merit_gaps.csv and audit_meta.json (parameters, data fingerprint, caveat counts) into
        `out`."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        write_csv(self.findings, out / "findings.csv")
        write_csv(self.merit_gaps, out / "merit_gaps.csv")
        meta = {"params": self.params, "meta": self.meta}
        write_json(meta, out / "audit_meta.json")
        return out

    def gap_table(self, lang: str = "id") -> pd.DataFrame:
        """The group gaps in the merit measures for reading: measure, group against reference, both means, the gap with
        its 95% CI and in standard deviations, p; "< 5" for a side under 5 persons."""
        return gap_display(self.merit_gaps, lang)

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
        gaps = _typed_gaps([])
        if (path / "merit_gaps.csv").exists():
            gaps = pd.read_csv(path / "merit_gaps.csv", keep_default_na=False, na_values=[""],
                               dtype={c: "string" for c, t in GAP_COLUMNS.items() if t == "string"})
        run = _run_provenance(path)
        lang = L.language(run.pop("lang", None))
        return cls(findings, meta["params"], {**run, **meta["meta"]}, merit_gaps=gaps, lang=lang)


def _run_provenance(path: Path) -> dict[str, Any]:
    """Period, data fingerprint and rejected rows from the quarterly run's run_meta.json beside the findings, if any."""
    run = path / "run_meta.json"
    if not run.exists():
        return {}
    m = json.loads(run.read_text(encoding="utf-8"))
    return {k: v for k, v in {"period": m.get("period"), "data_fingerprint": m.get("fingerprint"),
                              "rows_rejected": m.get("rows_rejected"), "window": m.get("window"),
                              "lang": m.get("lang")}.items() if v is not None}


def _n(x: object, lang: str) -> str:
    """A count for a reader (`3.517`), `-` when unknown."""
    return "-" if x is None else L.number(x, lang)  # type: ignore[arg-type]


def _or(mid: float, low: float, high: float, lang: str) -> str:
    return _with_ci(mid, low, high, _dec(2), lang, odds_ratio=True) or "–"


def _get(r: pd.Series, col: str) -> Any:
    return r[col] if col in r.index else np.nan


def direction_text(r: pd.Series, lang: str = "id") -> str:
    """The finding's direction in words: the raw side, and the adjusted side beside it where it points the other way."""
    raw = DIRECTION_LABELS.get(str(_get(r, "direction")), {}).get(lang, "")
    adj = DIRECTION_LABELS.get(str(_get(r, "adjusted_direction")), {}).get(lang, "")
    if adj and raw and adj != raw:
        return text.label("raw_side", lang).format(raw=raw, adjusted=adj)
    if adj and not raw:
        return text.label("raw_side", lang).format(raw="–", adjusted=adj)
    return raw


def _bounds(r: pd.Series, th: dict[str, Any]) -> tuple[float, float]:
    """The odds ratios that are the materiality bounds at the finding's reference rate (its basis's)."""
    p0 = _get(r, "rate_pq_reference") if str(_get(r, "verdict_basis")) == "merit" and pd.notna(
        _get(r, "rate_pq_reference")) else _get(r, "rate_reference")
    return (float(odds_ratio_at(th.get("impact_low", 0.8), np.asarray([p0]))[0]),
            float(odds_ratio_at(th.get("impact_high", 1.25), np.asarray([p0]))[0]))


def verdict_notes(r: pd.Series, lang: str = "id", th: dict[str, Any] | None = None) -> list[str]:
    """What a reader must be told beside a finding's verdict, in words: its size (minor gap), the equivalence shown (no
    disparity), the smallest gap it could have detected and why it is inconclusive, the OPDs that differ, the estimate
    weighted back to everyone and the one at the declared reliability, who has merit scores where that differs."""
    th = th or {}
    flag, notes = str(_get(r, "flag")), []
    if flag == MINOR and pd.notna(_get(r, "adjusted_impact_ratio")):
        notes.append(_t("gap_size", lang).format(air=L.number(_get(r, "adjusted_impact_ratio"), lang, 2)))
    if flag == NO_DISPARITY and pd.notna(_get(r, "equivalence_p")):
        low, high = _bounds(r, th)
        notes.append(_t("equivalent", lang).format(low=L.number(low, lang, 2), high=L.number(high, lang, 2) if
                                                    np.isfinite(high) else "∞", p=L.p_value(_get(r, "equivalence_p"), lang)))
    reason = str(_get(r, "flag_reason")) if pd.notna(_get(r, "flag_reason")) else ""
    if flag == INCONCLUSIVE and reason:
        notes.append(text.flag_reason_label(reason, lang))
    if flag == INCONCLUSIVE and pd.notna(_get(r, "basis_detectable_or")) and np.isfinite(_get(r, "basis_detectable_or")):
        d = float(_get(r, "basis_detectable_or"))
        notes.append(_t("detectable", lang).format(low=L.number(1 / d, lang, 2), high=L.number(d, lang, 2)))
    opds = str(_get(r, "heterogeneous_opds")) if pd.notna(_get(r, "heterogeneous_opds")) else ""
    n_differ = int(_get(r, "n_opds_differ") or 0) if pd.notna(_get(r, "n_opds_differ")) else 0
    if opds:
        named = len(opds.split(", "))
        more = f" {_t('opds_differ_more', lang).format(n=n_differ - named)}" if n_differ > named else ""
        notes.append(_t("opds_differ", lang).format(opds=opds) + more)
    elif n_differ:
        notes.append(_t("opds_differ_unnamed", lang).format(n=n_differ))
    shift = _get(r, "model_shift_odds_ratio")
    if pd.notna(shift) and not th.get("impact_low", 0.8) <= shift <= th.get("impact_high", 1.25):
        notes.append(_t("model_shift", lang).format(value=L.number(shift, lang, 2)))
        if pd.notna(_get(r, "aor_ipw")):
            notes.append(_t("ipw", lang).format(value=_or(_get(r, "aor_ipw"), _get(r, "aor_ipw_ci_low"),
                                                          _get(r, "aor_ipw_ci_high"), lang)))
        shares = [_get(r, c) for c in ("merit_share_group_promoted", "merit_share_group_not",
                                       "merit_share_reference_promoted", "merit_share_reference_not")]
        if all(pd.notna(v) for v in shares):
            notes.append(_t("merit_coverage", lang).format(**{k: L.percent(v, lang, 0) for k, v in zip(
                ("g_yes", "g_no", "r_yes", "r_no"), shares)}))
    if pd.notna(_get(r, "aor_reliability")):
        notes.append(_t("reliability_or", lang).format(value=_or(_get(r, "aor_reliability"),
                                                                 _get(r, "aor_reliability_ci_low"),
                                                                 _get(r, "aor_reliability_ci_high"), lang)))
    return notes


def _gap_phrase(g: dict[str, Any], lang: str) -> str:
    """One gap in a merit measure in words: `kinerja: P vs L −0,45 SD (−0,52 – −0,38)`."""
    a = str(g["attribute"])
    return (f"{text.term_label(str(g['measure']), lang)}: {text.group_label(a, g['group'], lang)} "
            f"{_t('versus', lang)} {text.group_label(a, g['reference'], lang)} {L.signed(g['gap'], lang, 2)} "
            f"({L.signed(g['gap_ci_low'], lang, 2)} – {L.signed(g['gap_ci_high'], lang, 2)}), "
            f"{L.signed(g['std_gap'], lang, 2)} SD")


def gap_display(gaps: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Gaps in the merit measures for a page: "< 5" for a side of 1–4 persons, words for codes."""
    if gaps is None or gaps.empty:
        return pd.DataFrame()
    n_g, n_r = pd.to_numeric(gaps["n_group"], errors="coerce"), pd.to_numeric(gaps["n_reference"], errors="coerce")
    small = np.array(n_g.between(1, MIN_CELL - 1) | n_r.between(1, MIN_CELL - 1) | n_g.isna() | n_r.isna(), bool)
    if "suppressed" in gaps:   # as published (report.privacy): a row with a reason is hidden, whatever the reason
        small |= gaps["suppressed"].astype("string").fillna("").ne("").to_numpy() & ~gaps["suppressed"].isin(
            [False]).to_numpy()

    def num(col: str, decimals: int, signed: bool = False) -> list[str]:
        f = L.signed if signed else L.number
        return [SUPPRESSED if sm else ("" if pd.isna(v) else f(v, lang, decimals)) for v, sm in zip(gaps[col], small)]

    ci = [SUPPRESSED if sm else ("" if pd.isna(lo) else f"{L.signed(lo, lang, 2)} – {L.signed(hi, lang, 2)}")
          for lo, hi, sm in zip(gaps["gap_ci_low"], gaps["gap_ci_high"], small)]
    out = pd.DataFrame({
        text.t("col_attribute", lang): [text.attribute_label(a, lang) for a in gaps["attribute"]],
        text.t("col_group", lang): [text.group_label(a, g, lang) for a, g in zip(gaps["attribute"], gaps["group"])],
        text.t("col_reference", lang): [text.group_label(a, g, lang) for a, g in zip(gaps["attribute"],
                                                                                     gaps["reference_group"])],
        text.column("measure", lang): [text.term_label(m, lang) for m in gaps["measure"]],
        text.column("merit_gaps.n_group", lang): [SUPPRESSED if sm else L.number(v, lang) for v, sm in zip(n_g, small)],
        text.column("mean_group", lang): num("mean_group", 2),
        text.column("mean_reference", lang): num("mean_reference", 2),
        text.column("gap", lang): num("gap", 2, signed=True),
        text.column("gap_ci", lang): ci,
        text.column("std_gap", lang): num("std_gap", 2, signed=True),
        text.column("merit_gaps.p_value", lang): [SUPPRESSED if sm else ("" if pd.isna(v) else L.significant(v, lang))
                                                  for v, sm in zip(gaps["p_value"], small)],
    })
    return out


def _describe(r: pd.Series, lang: str, th: dict[str, Any] | None = None) -> str:
    """One (unsuppressed) finding in one line: rates, then raw, within-OPD and adjusted odds ratios side by side, the
    direction and what explains the gap, then what a reader must be told beside the verdict (`verdict_notes`)."""
    parts = [f"{_t('raw', lang)} {_or(r['raw_odds_ratio'], r['raw_or_ci_low'], r['raw_or_ci_high'], lang)}"]
    if r["scope"] == PROVINCE and pd.notna(r["mh_odds_ratio"]):
        parts.append(f"{_t('within_opd', lang)} {_or(r['mh_odds_ratio'], r['mh_ci_low'], r['mh_ci_high'], lang)}")
    if pd.notna(r["adjusted_odds_ratio"]):
        parts.append(f"{_t('adjusted', lang)} {_or(r['adjusted_odds_ratio'], r['aor_ci_low'], r['aor_ci_high'], lang)}")
    direction = direction_text(r, lang)
    tail = [f"{_t('direction', lang)}: {direction}"] if direction else []
    if pd.notna(r["explained_by"]):
        tail.append(f"{_t('explained_by', lang)}: {text.explained_by_label(r['explained_by'], lang)}")
    share = explained_share_text(r["explained_share"], r["flag"], lang)
    if share != "–":
        tail.append(f"{_t('explained_share', lang)} {share}")
        parts_text = explained_parts_text(_get(r, "explained_parts"), lang)
        if parts_text:
            tail.append(f"{_t('explained_parts', lang)}: {parts_text}")
    if r["simpson"]:
        tail.append(_t("simpson", lang))
    if pd.notna(r["bd_p_value"]) and r["bd_p_value"] < 0.05:
        tail.append(_t("heterogeneous", lang).format(p=L.p_value(r["bd_p_value"], lang)))
    tail += verdict_notes(r, lang, th)
    vs = _t("versus", lang)
    return (f"  {r['scope']} {r['attribute']} {r['group']} {vs} {r['reference_group']}: "
            f"{L.percent(r['rate_group'], lang)} {vs} {L.percent(r['rate_reference'], lang)}, {text.label('impact_ratio', lang)} "
            f"{L.number(r['impact_ratio'], lang, 2)}; OR {'; '.join(parts)}" + (f" — {'; '.join(tail)}" if tail else ""))


def hidden_sides(findings: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose group's numbers, and rows whose reference's numbers, are hidden. An audit just run marks a row
    `suppressed` when its group or reference holds 1–4 persons: everything of it is hidden. A published findings table
    (whose `suppressed` names every cell the door hid, the talent pool's too) leaves a hidden count blank: that side."""
    f = findings
    num = f.reindex(columns=["n_group", "n_reference", "promoted_group", "promoted_reference"]).apply(
        pd.to_numeric, errors="coerce").astype(float)
    suppressed = f["suppressed"].fillna(False).to_numpy(bool)
    whole = suppressed & (num["n_group"].between(1, MIN_CELL - 1) | num["n_reference"].between(1, MIN_CELL - 1)).to_numpy()
    group = whole | (suppressed & num[["n_group", "promoted_group"]].isna().any(axis=1).to_numpy())
    reference = whole | (suppressed & num[["n_reference", "promoted_reference"]].isna().any(axis=1).to_numpy())
    return group, reference


def display_table(findings: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Findings as strings for a report: rates in %, ratios with CIs (raw, within OPD, merit-adjusted side by side), the
    verdict with its direction and explanation; "< 5" for a number that rests on a hidden count (`hidden_sides`: the
    group's, the reference's, or both for what compares them)."""
    f = findings
    group, reference = hidden_sides(f)
    small = group | reference
    hidden = SUPPRESSED

    def num(values: pd.Series, fmt: Fmt, rows: np.ndarray = small) -> pd.Series:
        shown = pd.Series([("" if pd.isna(v) else fmt(v, lang)) for v in values], index=f.index, dtype=object)
        shown[rows] = hidden
        return shown

    def ci(mid: str, lo: str, hi: str, fmt: Fmt, odds_ratio: bool = False, rows: np.ndarray = small) -> pd.Series:
        parts = [_with_ci(m, a, b, fmt, lang, odds_ratio) for m, a, b in zip(f[mid], f[lo], f[hi])]
        shown = pd.Series(parts, index=f.index, dtype=object)
        shown[rows] = hidden
        return shown

    def words(values: pd.Series, labels: dict[str, dict[str, str]]) -> list[str]:
        return [labels.get(str(v), {}).get(lang, "") if pd.notna(v) else "" for v in values]

    labels = f["scope_label"] if "scope_label" in f else pd.Series(pd.NA, index=f.index)
    out = pd.DataFrame({
        "scope": [scope_name(s, n, lang) for s, n in zip(f["scope"], labels)],
        "attribute": [text.attribute_label(a, lang) for a in f["attribute"]],
        "group": [text.group_label(a, g, lang) for a, g in zip(f["attribute"], f["group"])],
        "reference_group": [text.group_label(a, g, lang) for a, g in zip(f["attribute"], f["reference_group"])],
        "n_group": _counts(f["n_group"], lang).where(f["n_group"] >= MIN_CELL, hidden),
        "n_reference": _counts(f["n_reference"], lang).where(f["n_reference"] >= MIN_CELL, hidden),
        "n_model_group": _counts(f["n_model_group"], lang).where(f["n_model_group"] >= MIN_CELL, hidden)
                                                          .where(f["n_model_group"] > 0, ""),
        "promoted_group": num(f["promoted_group"], _dec(0), group),
        "rate_group": ci("rate_group", "rate_group_ci_low", "rate_group_ci_high", _pct(1), rows=group),
        "rate_reference": ci("rate_reference", "rate_reference_ci_low", "rate_reference_ci_high", _pct(1), rows=reference),
        "impact_ratio": ci("impact_ratio", "impact_ratio_ci_low", "impact_ratio_ci_high", _dec(2)),
        "shortfall": num(f["shortfall"], _signed(1)),
        "p_adjusted": num(f["p_adjusted"], L.significant),
        "mh_odds_ratio": ci("mh_odds_ratio", "mh_ci_low", "mh_ci_high", _dec(2), True),
        "adjusted_odds_ratio": ci("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", _dec(2), True),
        "aor_p_adjusted": num(f["aor_p_adjusted"], L.significant),
        "eo_rate_group": num(f["eo_rate_group"], _pct(1)).where(f["n_qualified_group"] >= MIN_CELL, hidden)
                                                          .where((f["n_qualified_group"] > 0) | f["n_qualified_group"].isna(), ""),
        "flag": [flag_label(v, lang) for v in f["flag"]],
        "direction": [direction_text(r, lang) for _, r in f.iterrows()],
        "explained_by": [text.explained_by_label(v, lang) for v in f["explained_by"]],
        "explained_share": pd.Series([hidden if sm else explained_share_text(v, flag, lang) for v, flag, sm
                                      in zip(f["explained_share"], f["flag"], small)], index=f.index, dtype=object),
        "basis": words(f["verdict_basis"], BASIS_LABELS),
    })
    return out.rename(columns={c: _t(c, lang) for c in out.columns}).reset_index(drop=True)


Fmt = Callable[[float, str], str]


def scope_name(scope: object, label: object = None, lang: str = "id") -> str:
    """A scope as readers name it: the province in words ("Provinsi"), an OPD by its name (its code when unnamed)."""
    if str(scope) == PROVINCE:
        return text.t("scope_province", lang)
    return str(label) if label is not None and not pd.isna(label) and str(label).strip() else str(scope)


def explained_parts_text(parts: object, lang: str = "id") -> str:
    """`explained_parts` (`opd 0.62; masa_kerja 0.30`) in words: "komposisi OPD 62 %, masa kerja (tahun) 30 %"."""
    if parts is None or pd.isna(parts) or not str(parts):  # type: ignore[arg-type]
        return ""
    out = []
    for part in str(parts).split("; "):
        name, _, share = part.rpartition(" ")
        try:
            value = float(share)
        except ValueError:
            continue
        out.append(f"{text.explained_by_label(name, lang)} {L.percent(value, lang, 0)}")
    return ", ".join(out)


def explained_share_text(share: object, flag: object, lang: str = "id") -> str:
    """The share of a gap the adjustment explained, only where that means something: an explained gap whose share is
    positive (`61 %`; beyond all of it `> 100 %`); "–" for every other finding and for a share of 0 or below."""
    if str(flag) != EXPLAINED or share is None or pd.isna(share) or float(share) <= 0:  # type: ignore[arg-type]
        return "–"
    return ("> " + L.percent(1.0, lang, 0)) if float(share) > 1 else L.percent(float(share), lang, 0)  # type: ignore[arg-type]


def _dec(decimals: int) -> Fmt:
    return lambda v, lang: L.number(v, lang, decimals)


def _pct(decimals: int) -> Fmt:
    return lambda v, lang: L.percent(v, lang, decimals)


def _signed(decimals: int) -> Fmt:
    return lambda v, lang: L.signed(v, lang, decimals)


def _counts(values: pd.Series, lang: str) -> pd.Series:
    """Counts as the language writes them (`1.234`), kept in an object column so "< 5" can take a cell's place."""
    return pd.Series([("" if pd.isna(v) else L.number(v, lang)) for v in values], index=values.index, dtype=object)


def _with_ci(mid: float, low: float, high: float, fmt: Fmt, lang: str, odds_ratio: bool = False) -> str:
    """`0,41 (0,24–0,71)`; an adjusted odds ratio of 0 or ∞ says it was tested by likelihood ratio instead."""
    if pd.isna(mid):
        return ""
    if odds_ratio and (mid == 0 or np.isinf(mid)):
        return f"{'∞' if np.isinf(mid) else fmt(mid, lang)} ({text.label('lr_test', lang)})"
    shown = [("∞" if np.isinf(v) else fmt(v, lang)) for v in (mid, low, high) if not pd.isna(v)]
    return shown[0] if len(shown) < 3 else f"{shown[0]} ({shown[1]}–{shown[2]})"


def audit_caveats(counts: dict[str, Any], lang: str = "id") -> list[str]:
    """The data-quality caveats of an audit in plain words, from its counts (the catalogue's `text.AUDIT_CAVEATS`)."""
    t = {k: text.t("caveats." + k, lang) for k in text.AUDIT_CAVEATS}
    c = counts
    out = []
    rejected = c.get("rows_rejected") or {}
    if isinstance(rejected, dict) and sum(rejected.values()):
        detail = ", ".join(f"{k} {L.number(v, lang)}" for k, v in rejected.items() if v)
        out.append(t["rejected"].format(n=L.number(sum(rejected.values()), lang), detail=detail))
    out.append(t["at_risk"].format(**_counted(c, lang)))
    for rule, n in (c.get("outside_rules") or {}).items():
        if n.get("n"):
            label = R.CHECK_LABELS.get(rule, {}).get(lang, rule)
            source = text.CHECK_SOURCES[rule][lang] if rule in text.CHECK_SOURCES else R.CHECK_SOURCES.get(rule, "-")
            out.append(t["outside_rule"].format(rule=rule, label=label, source=source, **_counted(n, lang)))
    if c.get("n_at_risk") and c.get("n_promoted") == 0:
        out.append(t["no_promotion_at_all"])
    if c.get("merit") is False:
        out.append(t["no_merit_declared"])
    out += _model_caveats(c, t, lang)
    for a, found in (c.get("proxies") or {}).items():
        out.append(t["proxy"].format(attribute=text.attribute_label(a, lang), controls=", ".join(
            f"{text.term_label(k, lang)} ({_proxy_reason(v, lang)})" for k, v in found.items())))
    for a, values in (c.get("not_compared") or {}).items():
        out.append(t["not_compared"].format(attribute=text.attribute_label(a, lang),
                                            values=", ".join(text.group_label(a, v, lang) for v in values) or "-"))
    for a, n in (c.get("missing_attribute") or {}).items():
        if n:
            out.append(t["missing_attribute"].format(n=L.number(n, lang), attribute=text.attribute_label(a, lang).lower()))
    if c.get("n_missing_scope"):
        out.append(t["missing_scope"].format(n=L.number(c["n_missing_scope"], lang)))
    if c.get("n_scopes_no_promotion") and c.get("n_promoted"):   # with no promotion at all, said once above
        out.append(t["no_promotion"].format(n=c["n_scopes_no_promotion"], n_scopes=c["n_scopes"]))
    out.append(t["insufficient"].format(**{"max_detectable_or": 4.0, "power": 0.8, **_counted(c, lang)},
                                        power_pct=round(100 * c.get("power", 0.8))))
    out.append(t["bh"])
    for key in ("simpson", "heterogeneous"):
        if c.get(f"n_{key}"):
            out.append(t[key].format(**_counted(c, lang)))
    if c.get("n_not_equivalent"):
        out.append(t["equivalence"].format(**_counted(c, lang)))
    if c.get("n_model_shift"):
        out.append(t["model_sample"].format(n=L.number(c["n_model_shift"], lang),
                                            n_changed=L.number(c.get("n_model_shift_changed", 0), lang)))
    if c.get("outcome_controls"):
        out.append(t["outcome_control"].format(controls=", ".join(
            f"{text.term_label(k, lang)} ({v})" for k, v in c["outcome_controls"].items())))
    if c.get("unknown_time") and c.get("merit"):
        out.append(t["unknown_time"].format(columns=", ".join(text.term_label(k, lang) for k in c["unknown_time"])))
    if c.get("reliability"):
        out.append(t["reliability"].format(measures=", ".join(
            f"{text.term_label(k, lang)} {L.number(v, lang, 2)}" for k, v in c["reliability"].items())))
    if c.get("merit_gaps"):
        out.append(t["merit_gap"].format(gaps="; ".join(_gap_phrase(g, lang) for g in c["merit_gaps"])))
    if c.get("n_lr"):
        out.append(t["lr"].format(**_counted(c, lang)))
    return out


def _proxy_reason(reason: str, lang: str) -> str:
    """Why a control was left out as a proxy (`mechanical`, or `|r| = 0.82` as controls.py writes it), for a reader."""
    if reason == "mechanical":
        return text.label("mechanical", lang)
    m = re.fullmatch(r"\|r\| = ([0-9.]+)", str(reason))
    return f"|r| = {L.number(float(m.group(1)), lang, 2)}" if m else str(reason)


def _counted(c: dict[str, Any], lang: str) -> dict[str, Any]:
    """The integer counts of `c` as the language writes them (`3.517`), everything else as it is."""
    return {k: (L.number(v, lang) if isinstance(v, int | np.integer) and not isinstance(v, bool) else v) for k, v in c.items()}


def _model_caveats(c: dict[str, Any], t: dict[str, str], lang: str = "id") -> list[str]:
    """What and who the merit-adjusted model left out, each with its actual reason: a control missing for too many
    (left out of the model), no merit score, or merit scores but a missing control (the person left out)."""
    def share(n: int) -> str:
        return L.percent(n / max(c.get('n_at_risk') or 0, 1), lang, 1)

    limit = L.percent(c.get('max_missing_control', MAX_MISSING_CONTROL), lang, 0)
    out = [t["control_dropped"].format(control=text.term_label(k, lang), pct=L.percent(v, lang, 0), limit=limit)
           for k, v in (c.get("controls_dropped") or {}).items()]
    if c.get("n_no_merit"):
        out.append(t["no_merit"].format(**_counted(c, lang), pct=share(c["n_no_merit"])))
    if c.get("n_missing_control"):
        controls = ", ".join(text.term_label(k, lang) for k in c.get("missing_control") or {}) or "-"
        out.append(t["missing_control"].format(**_counted(c, lang), pct=share(c["n_missing_control"]), controls=controls))
    return out
