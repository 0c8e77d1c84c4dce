"""The verdict box at the top of an OPD page: category, index and range, change since last quarter, province average,
each of the six index components with the points it adds, the two weakest in plain words, and what to do next.

Everything is read from the published compliance table (`privacy.publish`), points included: the index computation
(`analysis.compliance.index_columns`) publishes each component's value (`nilai_*`) and points (`poin_*`), recomputed by
the door with the index, so they add up to it and never rest on a hidden count. A component whose own share is hidden
shows "< 5"; if the province's value stood in for it (`komponen_nilai_provinsi`), its points are shown and labelled so.
An OPD is judged when its category is not `tidak dapat dinilai` and it has an index; only judged OPDs are ranked.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from merit_lib.analysis import compliance as cm
from merit_lib.domain import language as L
from merit_lib.domain import text
from merit_lib.domain.period import Period
from merit_lib.report import privacy

#: the raw share (or score) shown beside each component, and the counts it is made of
SHOWN_SHARE = {"coverage_profiling": ("n_profiling", "n_pegawai"), "coverage_kinerja": ("n_kinerja", "n_pegawai"),
               "share_promosi_talent_pool": ("n_promosi_talent_pool", "n_promosi"),
               "share_promosi_eligible": ("n_promosi_eligible", "n_promosi"),
               "share_tanpa_bypass": ("n_kandidat_tidak_terlewati", "n_kandidat")}


@dataclass
class Component:
    """One index component of one OPD: its weight, adjusted value (0–1, what the index uses), points, and whether it
    could be measured and may be shown."""

    key: str
    weight: float
    value: float | None            # the value the index used (published `nilai_*`); None = not measured
    points: float | None           # the points it adds (published `poin_*`); None = not measured or no index
    max_points: float | None       # the points it would add at 100 %
    share: float | None            # the OPD's own share (or fairness score) as published
    count: float | None = None     # numerator / denominator of the share, where it has one
    total: float | None = None
    hidden: bool = False           # the OPD's own share is suppressed (a cell of 1–4 persons or its complement)
    province: bool = False         # the province's value stood in for it (`komponen_nilai_provinsi`)

    @property
    def measured(self) -> bool:
        return self.value is not None


@dataclass
class OpdSummary:
    """What a head of OPD reads first; `to_html(lang)` renders it as the box on top of the page."""

    opd_kode: str
    opd_nama: str
    period: str
    judged: bool
    category: str
    index: float | None
    index_low: float | None
    index_high: float | None
    rank: int | None
    n_ranked: int
    province_index: float | None
    n_promosi: int
    components: list[Component] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)
    previous_period: str | None = None
    previous_index: float | None = None
    previous_judged: bool = False
    fairness_flags: int = 0

    @property
    def change(self) -> float | None:
        """Index points since the previous quarter (None when either is missing)."""
        if self.index is None or self.previous_index is None:
            return None
        return self.index - self.previous_index

    @property
    def few_promotions(self) -> bool:
        """1–4 promotions: the promotion components are not the OPD's own."""
        return 1 <= self.n_promosi < privacy.MIN_CELL

    @property
    def province_valued(self) -> bool:
        return any(c.province for c in self.components)

    def component(self, key: str) -> Component:
        return next(c for c in self.components if c.key == key)

    # ------------------------------------------------------------------ words

    def change_text(self, lang: str = "id") -> str:
        """`naik 3 poin sejak Triwulan IV 2025 (66)`, or why there is no change to tell."""
        if self.previous_period is None:
            return text.t("box_no_history", lang)
        prev = L.period_label(self.previous_period, lang)
        if not self.previous_judged or self.previous_index is None:
            return text.t("box_prev_not_judged", lang, period=prev)
        if self.change is None:
            return text.t("box_no_history", lang)
        fields = {"delta": L.number(abs(self.change), lang, 1), "period": prev,
                  "previous": L.number(self.previous_index, lang)}
        if abs(self.change) < 0.05:
            return text.t("box_same", lang, **fields)
        return text.t("box_up" if self.change > 0 else "box_down", lang, **fields)

    def arrow(self) -> str:
        c = self.change
        return "" if c is None else ("→" if abs(c) < 0.05 else ("▲" if c > 0 else "▼"))

    def value_text(self, c: Component, lang: str = "id") -> str:
        """The OPD's own figure of a component in words (`14 dari 19 (73,7 %)`), "< 5" when hidden."""
        if c.hidden:
            return privacy.SHOWN
        if c.key == "skor_keadilan":            # the OPD's own figure, told even where there is no index
            if c.share is None:
                return text.t("box_not_measured", lang)
            n = self.fairness_flags
            return text.t("val_fair_0" if n == 0 else "val_fair_1" if n == 1 else "val_fair_n", lang, n=n)
        if c.share is None or not c.total or c.count is None:
            return text.t("box_not_measured", lang)
        return text.t("val_share", lang, k=L.number(c.count, lang), n=L.number(c.total, lang),
                      pct=L.percent(c.share, lang))

    def weakness(self, key: str, lang: str = "id") -> str:
        """One weak component in plain words."""
        c = self.component(key)
        if key == "share_tanpa_bypass":
            return text.t("weak_" + key, lang, k=L.number((c.total or 0) - (c.count or 0), lang),
                          n=L.number(c.total, lang))
        if key == "skor_keadilan":
            return text.t("weak_" + key, lang, n=self.fairness_flags)
        return text.t("weak_" + key, lang, pct=L.percent(c.share, lang))

    def to_html(self, lang: str = "id") -> str:
        """The verdict box as an HTML fragment (every value escaped)."""
        e = html.escape
        cat = text.category(self.category, lang)
        css = {"Sangat Baik": "#1b7837", "Baik": "#5aae61", "Kurang": "#e08214", "Buruk": "#b2182b"}
        badge = (f'<span class="merit-badge" style="display:inline-block;padding:.2em .7em;border-radius:1em;'
                 f'color:#fff;font-weight:bold;background:{css.get(self.category, "#666")}">{e(cat)}</span>')
        period = L.period_label(self.period, lang)
        out = ['<section class="merit-verdict" style="border:2px solid #444;border-radius:6px;padding:1em 1.2em;'
               'margin:1em 0;max-width:62em">',
               f'<h2 style="margin-top:0">{e(text.t("box_title", lang, period=period))} {badge}</h2>']
        if not self.judged and self.index is not None:
            out.append("<p><strong>" + e(text.t(
                "box_not_judged_few" if self.few_promotions else "box_not_judged_hidden", lang, period=period, n=self.n_promosi, index=L.number(self.index, lang),
                low=L.number(self.index_low, lang), high=L.number(self.index_high, lang))) + "</strong></p>")
        elif not self.judged:
            out.append(f"<p><strong>{e(text.t('box_not_judged', lang, period=period))}</strong></p>")
        else:
            line = text.t("box_index", lang, index=e(L.number(self.index, lang)),
                          low=e(L.number(self.index_low, lang)), high=e(L.number(self.index_high, lang)))
            rank = text.t("box_rank", lang, rank=self.rank, n=self.n_ranked) if self.rank else ""
            out.append(f"<p style=\"font-size:1.15em\">{line}{'; ' + e(rank) if rank else ''}.</p>")
        out.append("<ul>")
        out.append(f"<li>{e(text.t('box_change', lang))}: <strong>{e(self.arrow())}</strong> "
                   f"{e(self.change_text(lang))}</li>")
        if self.province_index is not None:
            out.append(f"<li>{e(text.t('box_province', lang, value=L.number(self.province_index, lang)))}</li>")
        out.append("</ul>")
        if self.few_promotions:
            out.append(f"<p>{e(text.t('box_few_promotions', lang, n=self.n_promosi))}</p>")
        elif self.province_valued:
            out.append(f"<p>{e(text.t('box_hidden_province', lang))}</p>")
        out.append(self._components_html(lang))
        if self.judged:
            out.append(self._weakest_html(lang))
        out.append("</section>")
        return "\n".join(out)

    def province_label(self, lang: str = "id") -> str:
        """How a province-valued component's points are labelled: `nilai provinsi (promosi < 5)`, or, where the OPD
        promoted 5 or more and its figure is hidden for another OPD's sake, `nilai provinsi (angka OPD disembunyikan)`."""
        return text.t("box_province_value" if self.few_promotions else "box_province_value_hidden", lang)

    def _components_html(self, lang: str) -> str:
        e = html.escape
        rows = []
        for c in self.components:
            if c.points is not None:
                pts = text.t("box_points_of", lang, points=L.number(c.points, lang, 1), max=L.number(c.max_points, lang, 1))
                if c.province:
                    pts += " — " + self.province_label(lang)
            elif c.hidden:
                pts = text.t("box_hidden", lang)
            else:
                pts = "–"
            weak = ' style="background:#fde0dd"' if c.key in self.weakest else ""
            rows.append(f"<tr{weak}><td>{e(text.t('comp_' + c.key, lang))}</td><td>{e(self.value_text(c, lang))}</td>"
                        f"<td style=\"text-align:right\">{e(pts)}</td></tr>")
        if self.index is not None:
            rows.append(f"<tr style=\"font-weight:bold;border-top:2px solid #444\"><td>{e(text.t('box_total', lang))}</td>"
                        f"<td></td><td style=\"text-align:right\">{e(L.number(self.index, lang, 1))}</td></tr>")
        head = (f"<thead><tr><th>{e(text.t('box_component', lang))}</th><th>{e(text.t('box_value', lang))}</th>"
                f"<th>{e(text.t('box_points', lang))}</th></tr></thead>")
        note = f'<p style="font-size:.85em;color:#444">{e(text.t("box_points_note", lang))}</p>' if self.index is not None \
            else ""
        return (f"<h3>{e(text.t('box_components', lang))}</h3><table class=\"merit-components\">{head}<tbody>"
                + "".join(rows) + f"</tbody></table>{note}")

    def _weakest_html(self, lang: str) -> str:
        e = html.escape
        if not self.weakest:
            return f"<p>{e(text.t('box_no_weak', lang))}</p>"
        weak = "".join(f"<li><strong>{e(text.t('comp_' + k, lang))}</strong>: {e(self.weakness(k, lang))}.</li>"
                       for k in self.weakest)
        todo = "".join(f"<li>{e(text.t('todo_' + k, lang))}</li>" for k in self.weakest)
        return (f"<h3>{e(text.t('box_weakest', lang))}</h3><ul>{weak}</ul>"
                f"<h3>{e(text.t('box_todo', lang))}</h3><ol>{todo}</ol>")


# --------------------------------------------------------------------------- reading the published table


def _f(x: object) -> float | None:
    v = pd.to_numeric(pd.Series([x]), errors="coerce").iloc[0]
    return None if pd.isna(v) else float(v)


def judged(comp: pd.DataFrame) -> pd.Series:
    """Which OPDs of a published compliance table are judged: an index, and a category other than `tidak dapat
    dinilai` (an OPD none of whose promotion components is its own keeps an index but is not judged)."""
    return pd.to_numeric(comp["index"], errors="coerce").notna() & (comp["category"].astype("string") != cm.NOT_JUDGED)


def province_index(comp: pd.DataFrame) -> float | None:
    """The province's index: the judged OPDs' indices weighted by staff (None when no OPD is judged)."""
    ok = judged(comp)
    w = comp.loc[ok, "n_pegawai"].astype(float)
    return float((comp.loc[ok, "index"].astype(float) * w).sum() / w.sum()) if ok.any() and w.sum() > 0 else None


def _listed(value: object) -> set[str]:
    """The component keys of a `komponen_*` cell ("a, b" → {a, b}; empty → none)."""
    return set() if pd.isna(value) else {k.strip() for k in str(value).split(",") if k.strip()}


def components(row: pd.Series, hidden: pd.Series) -> list[Component]:
    """The six components of one published compliance row, with the value and points the index gave each (read, never
    recomputed). `hidden` is the row of `privacy.hidden`: a hidden share shows "< 5"."""
    absent = [c for c in (*cm.VALUE_COLUMNS.values(), *cm.POINT_COLUMNS.values()) if c not in row.index]
    if absent:
        raise ValueError(f"tabel kepatuhan tanpa poin komponen (compliance table lacks the component points): "
                         f"{', '.join(absent)}; hitung ulang dengan merit_lib.analysis.compliance")
    province = _listed(row.get("komponen_nilai_provinsi"))
    values = {k: _f(row[cm.VALUE_COLUMNS[k]]) for k in cm.WEIGHTS}
    w_all = sum(cm.WEIGHTS[k] for k in cm.WEIGHTS if values[k] is not None)
    has_index = _f(row.get("index")) is not None
    out = []
    for key, w in cm.WEIGHTS.items():
        hide = bool(hidden.get(key, False)) or key in province
        count = total = None
        if key in SHOWN_SHARE:
            count, total = _f(row.get(SHOWN_SHARE[key][0])), _f(row.get(SHOWN_SHARE[key][1]))
        share = _f(row.get(key))
        if key == "share_tanpa_bypass" and share is None and count is not None and total:
            share = count / total
        measured = values[key] is not None
        points = _f(row[cm.POINT_COLUMNS[key]]) if has_index and measured else None
        max_points = 100 * w / w_all if has_index and measured and w_all > 0 else None
        out.append(Component(key, w, values[key], points, max_points, None if hide else share,
                             None if hide else count, None if hide else total, hide, key in province))
    return out


#: a component whose own share (or fairness score) is at least this is not called weak
STRONG = 0.95


def _weakest(comps: list[Component], n: int = 2) -> list[str]:
    """The `n` measured components of the OPD's own (neither hidden nor at the province's value) with the lowest value
    the index used (a component at STRONG or above is not weak)."""
    own = [c for c in comps if c.measured and not c.hidden and not c.province and (c.share is None or c.share < STRONG)]
    return [c.key for c in sorted(own, key=lambda c: c.value)[:n]]


def opd_history(history_dir: object, period: str, opd: str, n: int = 4) -> pd.DataFrame:
    """This OPD's index and category in up to `n` earlier periods whose report folders sit beside this one (newest
    first; empty when none)."""
    from pathlib import Path

    rows = []
    if history_dir:
        p = Period.parse(period)
        for _ in range(n):
            p = p.previous()
            f = Path(str(history_dir)) / str(p) / "tables" / "compliance.csv"
            if f.exists():
                c = pd.read_csv(f, dtype={"opd_kode": str})
                r = c[c["opd_kode"] == opd]
                if len(r):
                    rows.append({"periode": str(p), "index": _f(r.iloc[0]["index"]),
                                 "category": str(r.iloc[0]["category"])})
    return pd.DataFrame(rows, columns=["periode", "index", "category"])


def opd_summary(tables: object, opd: str, history: pd.DataFrame | None = None) -> OpdSummary:
    """The verdict box of one OPD from the published tables (`views.Tables`) and its earlier quarters (`opd_history`)."""
    comp = privacy.publish("compliance", tables.compliance).reset_index(drop=True)  # type: ignore[attr-defined]
    pos = comp.index[comp["opd_kode"] == opd]
    if not len(pos):
        raise ValueError(f"OPD '{opd}' tidak ada dalam tabel kepatuhan (ada: {', '.join(sorted(comp['opd_kode'])[:8])} …)")
    row = comp.loc[pos[0]]
    hidden = privacy.hidden(comp, "compliance").loc[pos[0]]
    comps = components(row, hidden)
    index = _f(row["index"])
    is_judged = judged(comp)
    ranked = comp[is_judged].assign(_ix=lambda d: d["index"].astype(float)).sort_values(
        "_ix", ascending=False, kind="stable").reset_index(drop=True)
    ok = bool(is_judged.loc[pos[0]])
    rank = int(ranked.index[ranked["opd_kode"] == opd][0]) + 1 if ok else None
    prev = history.iloc[0] if history is not None and len(history) else None
    period = str(tables.meta.get("period", ""))  # type: ignore[attr-defined]
    return OpdSummary(
        opd_kode=opd, opd_nama=str(row["opd_nama"]), period=period, judged=ok,
        category=str(row["category"]) if ok else cm.NOT_JUDGED, index=index, index_low=_f(row.get("index_ci_low")),
        index_high=_f(row.get("index_ci_high")), rank=rank, n_ranked=len(ranked), province_index=province_index(comp),
        n_promosi=int(_f(row["n_promosi"]) or 0), components=comps, weakest=_weakest(comps) if ok else [],
        previous_period=None if prev is None else str(prev["periode"]),
        previous_index=None if prev is None else _f(prev["index"]),
        previous_judged=prev is not None and _f(prev["index"]) is not None and str(prev["category"]) != cm.NOT_JUDGED,
        fairness_flags=int(_f(row.get("fairness_flags")) or 0))
