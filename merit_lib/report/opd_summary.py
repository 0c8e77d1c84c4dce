"""The verdict box at the top of an OPD page: the tier (where the OPD's index range lies against the province average),
index and range, the evidence window it rests on, change since the last quarter, each of the six index components with
the points it adds, the two weakest in plain words, and — for every OPD, rated or not — the next steps.

Everything is read from the published compliance table (`privacy.publish`), points included: the index computation
(`analysis.compliance.index_columns`) publishes each component's value (`nilai_*`) and points (`poin_*`), recomputed by
the door with the index, so they add up to it and never rest on a hidden count. A component whose own share is hidden
shows "< 5"; if the province's value stood in for it (`komponen_nilai_provinsi`), its points are shown and labelled so.
An OPD is rated when its evidence window holds at least `tiers.MIN_PROMOTIONS` promotions (its tier is then above,
as expected or below the province); no OPD is ranked. The previous quarter comes from the trend table (report.trend):
that quarter's index on its own window.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from merit_lib.analysis import compliance as cm
from merit_lib.analysis import tiers as TR
from merit_lib.domain import codes, text
from merit_lib.domain import language as L
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
    judged: bool                    # an index exists (the window holds a promotion)
    category: str
    index: float | None
    index_low: float | None
    index_high: float | None
    tier: str
    province_index: float | None
    n_promosi: int                  # promotions in the evidence window
    window: dict = field(default_factory=dict)     # the window (period.Window.as_dict) the verdict rests on
    n_promosi_triwulan: int = 0     # the quarter's own promotions (activity)
    n_moves: int = 0                # the quarter's rotations and mutations into structural posts (activity)
    n_pegawai: int = 0
    n_unassessed: int | None = None
    n_no_skp: int | None = None
    fairness_tested: int = 0
    components: list[Component] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)
    previous_period: str | None = None
    previous_index: float | None = None
    previous_tier: str | None = None
    fairness_flags: int = 0

    @property
    def rated(self) -> bool:
        return self.tier != codes.TIER_NOT_RATED

    @property
    def change(self) -> float | None:
        """Index points since the previous quarter's own window (None when either is missing)."""
        if self.index is None or self.previous_index is None:
            return None
        return self.index - self.previous_index

    @property
    def few_promotions(self) -> bool:
        """1–4 promotions in the window: the promotion components are not the OPD's own."""
        return 1 <= self.n_promosi < privacy.MIN_CELL

    @property
    def province_valued(self) -> bool:
        return any(c.province for c in self.components)

    @property
    def borrowed(self) -> bool:
        """Every promotion component carries the province's value."""
        promo = [c for c in self.components if c.key in cm.PROMOTION_COMPONENTS and c.measured]
        return bool(promo) and all(c.province for c in promo)

    def component(self, key: str) -> Component:
        return next(c for c in self.components if c.key == key)

    # ------------------------------------------------------------------ words

    def window_text(self, lang: str = "id") -> str:
        return L.window_label(self.window, lang) if self.window else L.period_label(self.period, lang)

    def change_text(self, lang: str = "id") -> str:
        """`naik 3 poin sejak Triwulan IV 2025 (66)`, or why there is no change to tell."""
        if self.previous_period is None:
            return text.t("box_no_history", lang)
        prev = L.period_label(self.previous_period, lang)
        if not self.previous_judged:
            return text.t("box_prev_not_judged", lang, period=prev)
        if self.change is None:
            return text.t("box_no_history", lang)
        fields = {"delta": L.number(abs(self.change), lang, 1), "period": prev,
                  "previous": L.number(self.previous_index, lang)}
        if abs(self.change) < 0.05:
            return text.t("box_same", lang, **fields)
        return text.t("box_up" if self.change > 0 else "box_down", lang, **fields)

    @property
    def previous_judged(self) -> bool:
        """Whether the previous quarter rated this OPD (an index and a tier): only then is there a change to tell."""
        return self.previous_index is not None and self.previous_tier not in (None, codes.TIER_NOT_RATED)

    def arrow(self) -> str:
        """▲, ▼ or → for the change since the previous quarter; nothing where there is no change to tell."""
        c = self.change
        if c is None or not self.previous_judged:
            return ""
        return "→" if abs(c) < 0.05 else ("▲" if c > 0 else "▼")

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

    def next_steps(self, lang: str = "id") -> list[str]:
        """What to do next, for every OPD: for a rated one, the follow-up of its weakest components (or to keep it up);
        for one not rated, when its window will hold enough promotions at the present rate; and, for either, the
        unassessed staff, the missing SKP and, where the OPD is too small to test fairness, the province test."""
        steps = []
        w = self.window or {}
        n_q, size = int(w.get("n", 1) or 1), int(w.get("requested", 1) or 1)
        if self.rated:   # a weak coverage is told below with its count
            todo = [text.t("todo_" + k, lang) for k in self.weakest if not k.startswith("coverage_")]
            steps += todo or ([] if self.weakest else [text.t("window.next_keep", lang)])
        elif self.n_pegawai:
            wait = TR.quarters_to_rated(self.n_promosi, n_q, max(size, n_q))
            if self.n_promosi == 0:
                steps.append(text.t("window.next_no_rate", lang, q=n_q))
            elif wait is None:
                steps.append(text.t("window.next_rate_never", lang, n=self.n_promosi, q=n_q, window_n=max(size, n_q),
                                    min=TR.MIN_PROMOTIONS))
            else:
                steps.append(text.t("window.next_rate", lang, rate=L.number(self.n_promosi / n_q, lang, 1),
                                    window_n=max(size, n_q), min=TR.MIN_PROMOTIONS, k=wait))
        if self.n_unassessed:
            steps.append(text.t("window.next_assess", lang, n=L.number(self.n_unassessed, lang)))
        if self.n_no_skp:
            steps.append(text.t("window.next_skp", lang, n=L.number(self.n_no_skp, lang)))
        if self.n_pegawai and not self.fairness_tested:
            steps.append(text.t("window.next_fairness", lang))
        return list(dict.fromkeys(steps))

    def to_html(self, lang: str = "id") -> str:
        """The verdict box as an HTML fragment (every value escaped)."""
        e = html.escape
        colours = {codes.TIER_ABOVE: "#1b7837", codes.TIER_EXPECTED: "#4d7ea8", codes.TIER_BELOW: "#b2182b"}
        word = text.t(f"window.{self.tier}", lang)
        badge = (f'<span class="merit-badge" style="display:inline-block;padding:.2em .7em;border-radius:1em;'
                 f'color:#fff;font-weight:bold;background:{colours.get(self.tier, "#666")}">{e(word)}</span>')
        period = L.period_label(self.period, lang)
        out = ['<section class="merit-verdict" style="border:2px solid #444;border-radius:6px;padding:1em 1.2em;'
               'margin:1em 0;max-width:62em">',
               f'<h2 style="margin-top:0">{e(text.t("box_title", lang, period=period))} {badge}</h2>',
               f"<p><em>{e(text.t('window.lead', lang, window=self.window_text(lang)))}</em></p>"]
        if self.window.get("shrunk"):
            out.append(f"<p>{e(text.t('window.shrunk', lang, n=self.window['n'], requested=self.window['requested']))}</p>")
        if self.rated:
            out.append('<p style="font-size:1.15em">' + e(text.t(
                "window.tier_line", lang, tier=word, index=L.number(self.index, lang), low=L.number(self.index_low, lang),
                high=L.number(self.index_high, lang), average=L.number(self.province_index, lang))) + "</p>")
            if self.tier == codes.TIER_EXPECTED:
                out.append(f"<p>{e(text.t('window.tier_expected_note', lang))}</p>")
            if self.borrowed:
                out.append(f"<p>{e(text.t('window.tier_borrowed', lang))}</p>")
        elif not self.n_pegawai:
            out.append(f"<p><strong>{e(text.t('window.no_staff', lang, period=period))}</strong></p>")
        else:
            out.append("<p><strong>" + e(text.t("window.not_rated", lang, window=self.window_text(lang),
                                                   n=self.n_promosi, min=TR.MIN_PROMOTIONS)) + "</strong></p>")
        activity = text.t("window.activity", lang, period=period, promotions=self.n_promosi_triwulan, moves=self.n_moves)
        out.append(f"<ul><li>{e(activity)}</li>")
        out.append(f"<li>{e(text.t('box_change', lang))}: <strong>{e(self.arrow())}</strong> "
                   f"{e(self.change_text(lang))}</li>")
        if self.province_index is not None:
            out.append(f"<li>{e(text.t('box_province', lang, value=L.number(self.province_index, lang)))}</li>")
        out.append("</ul>")
        if self.few_promotions:
            out.append(f"<p>{e(text.t('box_few_promotions', lang, n=self.n_promosi))}</p>")
        elif self.province_valued:
            out.append(f"<p>{e(text.t('box_hidden_province', lang))}</p>")
        if self.index is not None or self.n_pegawai:     # coverage is measured even where no promotion is
            out.append(self._components_html(lang))
        if self.rated:
            out.append(self._weakest_html(lang))
        steps = "".join(f"<li>{e(s)}</li>" for s in self.next_steps(lang))
        out.append(f"<h3>{e(text.t('window.next_title', lang))}</h3><ol>{steps}</ol>")
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
        return f"<h3>{e(text.t('box_weakest', lang))}</h3><ul>{weak}</ul>"


# --------------------------------------------------------------------------- reading the published table


def _f(x: object) -> float | None:
    v = pd.to_numeric(pd.Series([x]), errors="coerce").iloc[0]
    return None if pd.isna(v) else float(v)


def rated(comp: pd.DataFrame) -> pd.Series:
    """Which OPDs of a published compliance table are rated (a tier other than `tidak_dinilai`)."""
    if "tier" not in comp:
        return pd.Series(False, index=comp.index)
    return comp["tier"].astype("string").fillna(codes.TIER_NOT_RATED) != codes.TIER_NOT_RATED


def province_index(comp: pd.DataFrame) -> float | None:
    """The province average of a published compliance table (`index_provinsi`, analysis.tiers.province_average: the
    rated OPDs' indices weighted by staff), the one every page quotes; None when no OPD is rated."""
    if "index_provinsi" in comp:
        v = pd.to_numeric(comp["index_provinsi"], errors="coerce").dropna()
        return float(v.iloc[0]) if len(v) else None
    value = TR.province_average(comp["index"], comp["n_pegawai"], rated(comp))
    return None if pd.isna(value) else value


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


def previous_point(trend: pd.DataFrame | None, period: str, opd: str) -> pd.Series | None:
    """This OPD's trend point of the quarter before `period` (report.trend: its index on its own window), or None."""
    if trend is None or trend.empty:
        return None
    prev = str(Period.parse(period).previous())
    row = trend[(trend["periode"].astype(str) == prev) & (trend["opd_kode"].astype(str) == opd)]
    return row.iloc[0] if len(row) else None


def opd_summary(tables: object, opd: str, trend: pd.DataFrame | None = None) -> OpdSummary:
    """The verdict box of one OPD from the published tables (`views.Tables`) and the trend table (`tables.trend`
    unless given)."""
    comp = privacy.publish("compliance", tables.compliance).reset_index(drop=True)  # type: ignore[attr-defined]
    pos = comp.index[comp["opd_kode"] == opd]
    if not len(pos):
        raise ValueError(f"OPD '{opd}' tidak ada dalam tabel kepatuhan (ada: {', '.join(sorted(comp['opd_kode'])[:8])} …)")
    row = comp.loc[pos[0]]
    hidden = privacy.hidden(comp, "compliance").loc[pos[0]]
    comps = components(row, hidden)
    index = _f(row["index"])
    is_rated = bool(rated(comp).loc[pos[0]])
    meta = getattr(tables, "meta", {}) or {}
    period = str(meta.get("period", ""))
    trend = trend if trend is not None else getattr(tables, "trend", None)
    prev = previous_point(trend, period, opd) if period else None
    n_peg = int(_f(row.get("n_pegawai")) or 0)
    n_prof, n_kin = _f(row.get("n_profiling")), _f(row.get("n_kinerja"))
    return OpdSummary(
        opd_kode=opd, opd_nama=str(row["opd_nama"]), period=period, judged=index is not None,
        category=str(row["category"]), index=index, index_low=_f(row.get("index_ci_low")),
        index_high=_f(row.get("index_ci_high")),
        tier=str(row["tier"]) if "tier" in row and pd.notna(row["tier"]) else codes.TIER_NOT_RATED,
        province_index=province_index(comp), n_promosi=int(_f(row["n_promosi"]) or 0), window=meta.get("window") or {},
        n_promosi_triwulan=int(_f(row.get("n_promosi_triwulan")) or 0), n_moves=int(_f(row.get("n_rotasi")) or 0),
        n_pegawai=n_peg, n_unassessed=None if n_prof is None else int(n_peg - n_prof),
        n_no_skp=None if n_kin is None else int(n_peg - n_kin), fairness_tested=int(_f(row.get("fairness_tested")) or 0),
        components=comps, weakest=_weakest(comps) if is_rated else [],
        previous_period=None if prev is None else str(prev["periode"]),
        previous_index=None if prev is None else _f(prev["index"]),
        previous_tier=None if prev is None or pd.isna(prev["tier"]) else str(prev["tier"]),
        fairness_flags=int(_f(row.get("fairness_flags")) or 0))
