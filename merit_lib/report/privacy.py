"""Disclosure control (DESIGN §6): the one place that decides which published numbers are hidden, and how.

A *cell* is the persons of a breakdown by a personal attribute (sex, age band, status, religion, 9-box cell,
readiness, a requirement passed or failed, in the talent pool or not), and within it those promoted and those not.
A cell of 1–4 persons is hidden, and so is everything that would give it back: its rate, CI and comparisons, and
enough other cells of every total the period folder publishes or implies (the next smallest cell: a complement) that
no total minus the shown cells, and no row that exists only for a non-empty cell, returns it. A breakdown whose total
is 1–4 is hidden whole; a findings block that even then gives its cells back (a group row per person) is left out.
`publish_all` then plans the period as a whole (report.linked): every published table, the public totals and the
period folders beside it as one system of sums, audited by integer programming, with more complements until no cell of
1–4 (nor a quarter's share of one) is pinned.

Hidden numbers are empty (numeric columns stay numeric) and the `suppressed` column names the row's hidden cells and
nothing else: one neutral mark, whatever hid them (a cell of 1–4, a complement, a whole small breakdown), so the mark
never tells a 1–4 from a 0 from a complement; pages show "< 5" for every hidden number. Analysis code computes full
numbers; `publish(name, table)` / `publish_all(tables, …)` is what leaves the house, `display` what a page shows,
`mask_grid` what a figure hides.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from merit_lib.analysis import compliance as cm
from merit_lib.domain import codes, text

MIN_CELL = 5                      # a cell of 1 to MIN_CELL − 1 persons is never published
SHOWN = f"< {MIN_CELL}"           # what a page shows for a hidden number
REASON = "suppressed"             # the column naming a row's hidden cells (never why they are hidden)
GRID_LABEL = "n"                  # how it names the one count of a grid row
PERSISTENT = 4                    # rounds a cell may stay pinned before the plan calls it pinned by the folders beside
LEAVE_OUT = "tanpa blok"          # `force` key of a findings block (scope, attribute) to leave out whole
PRIMARY = f"sel < {MIN_CELL}"     # the cell itself has 1–4 persons (or 1–4 promoted, or 1–4 not promoted)
COMPLEMENT = "komplementer"       # hidden so that a hidden cell cannot be computed back from a total
SMALL_TOTAL = f"total < {MIN_CELL}"  # the whole breakdown has 1–4 persons
EMPTY = "kosong"                  # already empty in the table given (published before, its reasons lost)
PROVINCE = codes.PROVINCE
#: the reason column's header and the note under a table, per language (the catalogue's PRIVACY section)
REASON_HEADER = {lang: text.t("privacy.reason_header", lang) for lang in text.LANGS}
NOTE = {lang: text.t("privacy.note", lang, shown=SHOWN, min_cell=MIN_CELL) for lang in text.LANGS}


# --------------------------------------------------------------------------- the policy, as data


@dataclass(frozen=True)
class Cell:
    """One breakdown cell of a row: its persons, of them promoted, the columns computed from it alone."""

    label: str                     # how the `suppressed` column names it
    count: str
    events: str | None = None      # promoted among `count`: both it and count − events are cells
    derived: tuple[str, ...] = ()
    exists: bool = False           # the table has a row for this cell only when it holds someone


@dataclass(frozen=True)
class Family:
    """The group and reference cells of one population of the findings, and the columns comparing them."""

    group: Cell
    reference: Cell
    compare: tuple[str, ...]
    #: its cells are parts of the first family's (e.g. those of a group with merit scores): hidden wherever those are,
    #: so that a part never bounds a hidden whole
    inside: bool = False


@dataclass(frozen=True)
class Grid:
    """A long count table: persons per scope and category (PROVINSI rows = the sum of the OPDs)."""

    dims: tuple[tuple[str, ...], ...]  # the breakdown's dimensions (columns read together)
    within: tuple[str, ...] = ()       # columns splitting it into separate breakdowns of the same persons
    count: str = "n"
    scope: str = "scope"
    parts: tuple[str, ...] = ()        # columns whose values split a scope's line into parts another table publishes


@dataclass(frozen=True)
class Share:
    """Persons with an attribute among a public count (e.g. promotions from the talent pool among promotions)."""

    label: str
    count: str
    total: str | None               # the count it is part of (None: no published total); hidden total → hidden too
    derived: tuple[str, ...] = ()
    component: str | None = None    # the compliance index component it feeds (analysis.compliance.WEIGHTS)
    linked: tuple[str, ...] = ()    # labels of shares that tell the same event: hidden together


#: findings.csv: everyone at risk, and the talent pool only (equal opportunity)
FINDINGS: tuple[Family, ...] = (
    Family(Cell("kelompok", "n_group", "promoted_group",
                ("rate_group", "rate_group_ci_low", "rate_group_ci_high", "n_model_group", "pq_group", "rate_pq_group"),
                exists=True),
           Cell("pembanding", "n_reference", "promoted_reference",
                ("rate_reference", "rate_reference_ci_low", "rate_reference_ci_high", "n_model_reference",
                 "pq_reference", "rate_pq_reference")),
           ("impact_ratio", "impact_ratio_ci_low", "impact_ratio_ci_high", "shortfall", "p_value", "p_adjusted",
            "adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "aor_p_value", "aor_p_adjusted", "mh_odds_ratio",
            "mh_ci_low", "mh_ci_high", "mh_p_value", "mh_p_adjusted", "bd_p_value", "raw_odds_ratio", "raw_or_ci_low",
            "raw_or_ci_high", "adjusted_impact_ratio", "explained_share", "moved_share", "detectable_odds_ratio",
            "model_raw_odds_ratio", "model_opd_odds_ratio",
            # issue 21: what the verdict rests on besides (equivalence, detectability, heterogeneity, the blocks of the
            # explained share, the model sample against everyone and the refitted estimates)
            "equivalence_p", "basis_detectable_or", "bd_p_adjusted", "explained_share_merit", "explained_share_opd",
            "explained_share_eligibility", "explained_share_controls", "explained_parts", "model_shift_odds_ratio",
            "aor_ipw", "aor_ipw_ci_low", "aor_ipw_ci_high", "aor_ipw_p_value", "aor_reliability",
            "aor_reliability_ci_low", "aor_reliability_ci_high", "aor_reliability_p_value")),
    Family(Cell("talent pool kelompok", "n_qualified_group", "promoted_qualified_group", ("eo_rate_group",)),
           Cell("talent pool pembanding", "n_qualified_reference", "promoted_qualified_reference",
                ("eo_rate_reference",)),
           ("eo_ratio",)),
    # issue 21: who has the merit measures, by group and outcome (persons with a merit score, of them promoted)
    Family(Cell("bernilai merit kelompok", "n_merit_group", "promoted_merit_group",
                ("merit_share_group_promoted", "merit_share_group_not")),
           Cell("bernilai merit pembanding", "n_merit_reference", "promoted_merit_reference",
                ("merit_share_reference_promoted", "merit_share_reference_not")),
           (), inside=True),
)
#: why a findings row was not tested (analysis.fairness.raw.insufficient: nobody in the group or the reference, nobody or
#: everybody promoted, too little to detect) says what its counts are; where a count of the row is hidden, the row says
#: only this (a flag_reason of its own words in the catalogue)
UNTESTED_HIDDEN = "small_cell"
UNTESTED = ("no_group", "no_reference", "no_promotion", "all_promoted", "detectable_or")
#: findings columns that are never hidden: keys, the scope's size (public: the ledger counts it), verdicts in words.
#: Any other column of a row with a hidden cell is hidden too, unless it belongs to a cell shown (a new column is
#: thus hidden until it is declared here).
FINDINGS_PUBLIC = ("scope", "attribute", "group", "reference_group", "scope_label", "n_scope", "flag", "flag_reason",
                   "direction", "explained_by", "verdict_basis", "simpson", "decision_row", "controls_left_out",
                   "aor_method", REASON,
                   # issue 21: a verdict's words (the adjusted side), and the OPDs that differ, by name and number:
                   # the audit names only OPDs none of whose cells holds 1–4 persons (analysis.fairness.stratified)
                   "adjusted_direction", "heterogeneous_opds", "n_opds_differ")

GRIDS: dict[str, Grid] = {
    "talent_box": Grid((("kotak",),)),
    "readiness": Grid((("kesiapan",),)),
    # promotions by post sum to bypassed_by_level's promotions of that level: each post is a line of its own too
    "promotions": Grid((("level_awal", "jenis_jabatan_akhir"), ("kesiapan",)), parts=("jenis_jabatan_akhir",)),
    "checks": Grid((("status",),), within=("syarat",)),
    # one pelantikan (analysis.pelantikan), one measure at a time: appointees per target level by its values …
    "pelantikan": Grid((("nilai",),)),
    # … and, one attribute at a time, appointees and eligible candidates not appointed by group
    "pelantikan_keadilan": Grid((("kelompok",), ("status",))),
}

#: compliance.csv: promotions of an OPD by attributes of the person promoted, and candidates passed over. The
#: candidates (eligible, not promoted, in a contest with a promotion) are persons by a requirement status: a cell.
#: A promotion passing over a readier candidate and the candidates so passed over are one event told twice (no one
#: passed over ⇔ no such promotion): hidden together.
COMPLIANCE: tuple[Share, ...] = (
    Share("talent pool", "n_promosi_talent_pool", "n_promosi",
          ("share_promosi_talent_pool", "share_promosi_talent_pool_ci_low", "share_promosi_talent_pool_ci_high"),
          component="share_promosi_talent_pool"),
    Share("memenuhi syarat", "n_promosi_eligible", "n_promosi",
          ("share_promosi_eligible", "share_promosi_eligible_ci_low", "share_promosi_eligible_ci_high"),
          component="share_promosi_eligible"),
    Share("melangkahi", "n_promosi_melangkahi", "n_promosi", (), linked=("terlewati",)),
    Share("calon", "n_kandidat", None),
    Share("terlewati", "n_bypassed", "n_kandidat", ("n_kandidat_tidak_terlewati", "share_bypassed", "share_tanpa_bypass"),
          component="share_tanpa_bypass", linked=("melangkahi",)),
    # rotations and mutations into a structural post (analysis.rotations): those meeting the post's requirements
    Share("rotasi memenuhi syarat", "n_rotasi_memenuhi_syarat", "n_rotasi",
          ("share_rotasi_memenuhi_syarat", "share_rotasi_memenuhi_syarat_ci_low", "share_rotasi_memenuhi_syarat_ci_high")),
)

#: counts published as they are, and why they are not a breakdown by a personal attribute
PUBLIC_COUNTS: dict[str, dict[str, str]] = {
    "compliance": {
        "n_pegawai": "staff per OPD: the OPD is where a person works, not a personal attribute",
        "n_promosi": "promotions per OPD in the evidence window: appointments are announced at the pelantikan",
        "n_promosi_triwulan": "promotions per OPD in the period's own quarter: announced at the pelantikan",
        "n_profiling": "data coverage: whether the BKD has assessed someone is a fact about the records",
        "n_kinerja": "data coverage: whether the SKP of both years is on file",
        "fairness_flags": "findings, not persons",
        "n_rotasi": "rotations and mutations into structural posts per OPD: appointments are announced at the pelantikan",
        "n_mutasi": "of them, moves between OPDs: announced likewise",
        "n_perlu_alasan": "JPT Pratama moved within 2 years of appointment: JPT appointments and their dates are public",
        "n_melewati_5_tahun": "JPT Pratama in one post beyond 5 years: the holder of a JPT post and the date are public"},
    "findings": {"n_scope": "persons at risk per OPD (also in promotions_ledger.csv)"},
    "promotions_ledger": {"n_peristiwa": "promotion, rotation and mutation events per OPD and processing reason",
                          "n_orang": "persons per OPD and processing reason (at risk, JPT Pratama, newly appointed, "
                                     "level unknown): administrative states, not personal characteristics"},
    "model_coefficients": {"n": "persons in a province-wide model", "n_events": "promotions in it"},
    "validation": {"n": "rejected input rows per table and rule"},
    "siasn_mapping": {"rows": "SIASN source rows per field or per ledger reason, province-wide: a count of records, "
                              "not a breakdown by a personal attribute",
                      "mapped": "rows of a field whose value was mapped", "unmapped": "rows whose value could not be",
                      "conflicts": "persons whose export and data-utama values of a field disagree"},
}
INDEX_LABEL = "indeks"            # the `suppressed` label of an index that could not be recomputed from shown numbers
#: every column compliance.csv may publish, with its disclosure rule: the public counts above, each COMPLIANCE share's
#: count (a cell) and derived columns, and these. `publish` refuses a compliance column declared nowhere.
COMPLIANCE_COLUMNS: dict[str, str] = {
    "opd_kode": "key", "opd_nama": "key (the OPD's name)",
    **{c: "count, public: " + why for c, why in PUBLIC_COUNTS["compliance"].items()},
    **{c: "share of public counts (data coverage), with its Wilson CI" for c in (
        "coverage_profiling", "coverage_profiling_ci_low", "coverage_profiling_ci_high", "coverage_kinerja",
        "coverage_kinerja_ci_low", "coverage_kinerja_ci_high")},
    "fairness_tested": "count of findings the audit could test, not of persons",
    "fairness_against": "count of disparity findings against a group, not of persons",
    "fairness_in_favour": "count of disparity findings in a group's favour, not of persons",
    "skor_keadilan": "score from the published findings' estimates (rows without a cell of 1–4 persons; the others take "
                     "the province's), shrunk toward the province (analysis.compliance.fairness_component)",
    "suppressed_promosi": "flag from n_promosi (public): 1–4 promotions",
    **{c: "index: recomputed by `publish` from shown numbers only (a component whose count is hidden takes the "
          "province's value pooled over the OPDs whose count is shown)" for c in (
        "index", "index_ci_low", "index_ci_high", "category", "komponen_tidak_dinilai", "komponen_nilai_provinsi")},
    **{c: "index component's value as it entered the index (shown counts, or the province's value pooled over shown "
          "counts, or the fairness score): recomputed by `publish` with the index" for c in cm.VALUE_COLUMNS.values()},
    **{c: "index component's points (100 × rescaled weight × its value; they sum to the index): recomputed by "
          "`publish` with the index, from shown numbers only" for c in cm.POINT_COLUMNS.values()},
    **{c: "partially pooled estimate's 95% interval (posterior of the empirical-Bayes prior fitted to shown counts): "
          "recomputed by `publish` with the index, empty where the OPD's count is hidden"
       for pair in cm.ESTIMATE_CI.values() for c in pair},
    "tier": "the index's 95% range against the province average (analysis.tiers): recomputed by `publish` with the index",
    "index_provinsi": "the province average of the rated OPDs' published indices: recomputed by `publish` with the index",
    REASON: "the door's own mark: the row's hidden cells by name",
}
for _s in COMPLIANCE:
    COMPLIANCE_COLUMNS[_s.count] = (f"cell: persons of an OPD by a personal attribute ({_s.label}); hidden at 1–4, "
                                    + (f"or when the rest of {_s.total} is 1–4; complemented across OPDs" if _s.total
                                       else "no published total"))
    COMPLIANCE_COLUMNS.update({c: f"derived from the cell '{_s.label}': hidden with it" for c in _s.derived})
#: bypassed_by_level.csv (analysis.summaries.bypassed_by_level): per scope and target level, promotions, those
#: passing over a more ready eligible candidate, and the candidates so passed over. Each count is a cell (the level
#: of a promotion crossed with how it went); summed over levels it is the OPD's count in compliance.csv, which the
#: door takes as known where compliance.csv shows it and as hidden where it hides it (so the level rows give that
#: count back neither way); summed over OPDs it is the PROVINSI row. As in compliance.csv, a promotion passing someone
#: over and those passed over are one event told twice (hidden together), and the promotions not passing anyone
#: over (n_promosi − n_promosi_melangkahi) are a cell too.
BY_LEVEL = "bypassed_by_level"
BY_LEVEL_KEYS = ("scope", "level_tujuan")
BY_LEVEL_COUNTS: dict[str, str] = {"n_promosi": "promosi", "n_promosi_melangkahi": "melangkahi", "n_bypassed": "terlewati"}
BY_LEVEL_COLUMNS: dict[str, str] = {
    "scope": "key: PROVINSI or the OPD's code", "level_tujuan": "key: the target level of the promotion",
    **{c: f"cell ({label}): persons of an OPD by target level; hidden at 1–4, complemented within the OPD (whose total "
          f"compliance.csv publishes or hides) and across OPDs (the PROVINSI row)" for c, label in BY_LEVEL_COUNTS.items()},
    REASON: "the door's own mark: the row's hidden cells by name"}
#: trend.csv (report.trend): each quarter's index, range, tier and category as its own compliance table published them
#: (recomputed by this door from that window's shown numbers), and the province average
PASS_THROUGH = ("promotions_ledger", "model_coefficients", "validation", "trend", "tier_sensitivity")
#: merit_gaps.csv (analysis.fairness.merit_gaps): per province, attribute, group and merit measure, the persons of the
#: group and of the reference with the measure (cells), their means and the gap. A side of 1–4 persons hides the row's
#: numbers, and so does a group whose findings row hides its persons (the persons with a measure are part of them, and
#: a shown part would bound a hidden whole). tier_sensitivity.csv is computed from the published compliance.csv alone.
MERIT_GAPS = "merit_gaps"
MERIT_GAPS_COLUMNS: dict[str, str] = {
    "scope": "key (PROVINSI)", "attribute": "key", "group": "key", "reference_group": "key", "measure": "key",
    "n_group": "cell: persons of the group with the measure", "n_reference": "cell: persons of the reference with it",
    **{c: "derived from both cells: hidden with either" for c in ("mean_group", "mean_reference", "gap", "gap_ci_low",
                                                                   "gap_ci_high", "std_gap", "p_value")},
    "reliability": "declared in the roles: public", REASON: "the door's own mark: the row's hidden cells by name"}
#: siasn_mapping.csv (a run read from SIASN): only these columns leave the house; the mapping report's unmapped raw
#: values and notes (which can hold names) and the row ledger stay in `<out>.internal/siasn/`
SIASN_MAPPING = ("kind", "source", "item", "label", "target", "status", "rows", "mapped", "unmapped", "conflicts",
                 "winner")
#: register.csv (report.temuan): the register as at the period — each finding's codes, periods, follow-up fields and the
#: numbers of its latest evidence, copied from a period's published tables (never a hidden cell: the register stores
#: only what this door let out). Only these columns leave the house: the reviewer's name and the history stay in the
#: register.
REGISTER = ("kode", "scope", "opd_nama", "kind", "attribute", "group", "reference_group", "rule", "first_seen",
            "last_seen", "status", "since", "periods_seen", "age_quarters", "verdict", "direction", "impact_ratio",
            "adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "share_komponen", "share_batas", "index", "index_ci_low",
            "index_ci_high", "index_provinsi", "n_kasus", "response", "action", "deadline", "follow_up", "open",
            "updated")
TABLES: tuple[str, ...] = ("findings", "compliance", *GRIDS, BY_LEVEL, *PASS_THROUGH, "siasn_mapping", MERIT_GAPS,
                           "register")


# --------------------------------------------------------------------------- small helpers


def too_small(counts: object) -> np.ndarray:
    """True where a count is 1 to MIN_CELL − 1 (never for 0 or a missing count)."""
    n = pd.to_numeric(pd.Series(np.ravel(np.asarray(counts, dtype=object))), errors="coerce").to_numpy(float)
    return (n >= 1) & (n < MIN_CELL)


def is_published(table: pd.DataFrame) -> bool:
    """Whether a table already went through `publish` (its `suppressed` column holds reasons, not booleans)."""
    return REASON in table.columns and not pd.api.types.is_bool_dtype(table[REASON])


def _num(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").to_numpy(float)


def _blank(out: pd.DataFrame, col: str, rows: np.ndarray) -> None:
    """Empty `col` where `rows`; integer columns become nullable integers, so every numeric column stays numeric."""
    if not rows.any():
        return
    s = out[col]
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("boolean")
    elif pd.api.types.is_integer_dtype(s):
        s = s.astype("Int64")
    elif pd.api.types.is_numeric_dtype(s):
        s = s.astype("float64")
    elif not isinstance(s.dtype, pd.StringDtype):
        s = s.astype("object")
    out[col] = s.mask(pd.Series(rows, index=out.index))


def _reasons(parts: list[list[str]]) -> pd.Series:
    return pd.Series(["; ".join(p) if p else pd.NA for p in parts], dtype="string")


def _groups(frame: pd.DataFrame, cols: list[str]) -> list[np.ndarray]:
    """Row positions of each group of `cols` (missing values a group of their own), in order of appearance."""
    if not cols:
        return [np.arange(len(frame))]
    codes = frame.groupby(cols, dropna=False, sort=False).ngroup().to_numpy()
    order = pd.unique(codes)
    return [np.flatnonzero(codes == c) for c in order]


# --------------------------------------------------------------------------- the engine


@dataclass
class _Line:
    """Units whose sum is published or implied: Σ members = the `total` unit, or a known total when None."""

    members: np.ndarray
    total: int | None = None


def _protect(n: np.ndarray, events: np.ndarray | None, lower: np.ndarray, lines: Sequence[_Line],
             unknown: np.ndarray | None = None, harmless: np.ndarray | None = None, unknown_why: str = EMPTY
             ) -> np.ndarray:
    """Why each unit is hidden ('' = shown): primary, then complementary until no line gives a hidden unit back.

    A line gives one back when it has one hidden unit (unless `harmless`: an empty cell a figure hides in its only
    line), or when its hidden units hold no more persons than their rows already promise (`lower`, e.g. 1 for a
    group row); a line whose total is 1–4 is hidden whole. `unknown` units (counted as 0) are hidden from the start."""
    e = np.zeros_like(n) if events is None else events
    unknown = np.isnan(n) | np.isnan(e) if unknown is None else unknown | np.isnan(n) | np.isnan(e)
    n, e = np.nan_to_num(n), np.nan_to_num(e)
    why = np.full(len(n), "", dtype=object)
    why[too_small(n) | too_small(e) | too_small(n - e)] = PRIMARY
    why[unknown & (why == "")] = unknown_why     # not shown anyway (already empty, or an empty cell a figure hides)
    harmless = np.zeros(len(n), bool) if harmless is None else harmless
    changed = True
    while changed:
        changed = False
        for line in lines:
            changed |= _complement(line, n, lower, why, harmless)
    return why


def _complement(line: _Line, n: np.ndarray, lower: np.ndarray, why: np.ndarray, harmless: np.ndarray) -> bool:
    """Hide one more unit of `line` if it would give a hidden one back (the smallest non-empty shown one)."""
    members = line.members
    total_hidden = line.total is not None and why[line.total] != ""
    if total_hidden:
        members = np.append(members, line.total)
    total = None if total_hidden else (n[line.total] if line.total is not None else np.nansum(n[members]))
    shown = members[why[members] == ""]
    if total is not None and too_small([total])[0] and len(shown):
        why[shown] = SMALL_TOTAL
        return True
    hid = members[why[members] != ""]
    single = len(hid) == 1 and not harmless[hid[0]]
    pinned = len(hid) >= 2 and not total_hidden and np.nansum(n[hid]) <= lower[hid].sum() and (lower[hid] >= 1).any()
    if not (single or pinned) or not len(shown):
        return False
    filled = shown[n[shown] > 0]
    if len(filled):
        why[filled[np.argmin(n[filled])]] = COMPLEMENT
    else:
        why[shown] = COMPLEMENT        # only empty cells left: all of them, so the hidden one could be any
    return True


def _exposed(line: _Line, n: np.ndarray, lower: np.ndarray, why: np.ndarray) -> bool:
    """A line whose hidden units still give one back after every complement (nothing left to hide)."""
    hid = line.members[why[line.members] != ""]
    if not len(hid):
        return False
    # a unit that exists (lower ≥ 1) lies in [lower, hidden sum − the others' lower bounds]: 1–4 when that is < 5
    slack = np.nansum(n[hid]) - lower[hid].sum()
    return len(hid) == 1 or bool(((lower[hid] >= 1) & (lower[hid] + slack <= MIN_CELL - 1)).any())


def mask_grid(grid: pd.DataFrame, zeros: bool = False) -> pd.DataFrame:
    """Which cells of one 2-D breakdown a figure hides (its total is known): missing cells, 1–4, their complements.

    `zeros=True` hides empty cells too (as "< 5"), which then serve as complements."""
    n = grid.to_numpy(float).ravel()
    empty = n == 0 if zeros else np.zeros(len(n), bool)
    why = _protect(n, None, np.zeros(len(n)), [_Line(np.arange(len(n)))], unknown=empty, harmless=empty)
    return pd.DataFrame((why != "").reshape(grid.shape), index=grid.index, columns=grid.columns)


# --------------------------------------------------------------------------- the tables


def publish(name: str, table: pd.DataFrame, published: Mapping[str, pd.DataFrame] | None = None,
            force: frozenset = frozenset()) -> pd.DataFrame:
    """The table as it may leave the house: the policy of `name` (one of TABLES) applied; idempotent. `published`: the
    tables of the period already published (BY_LEVEL reads compliance.csv's, to hide what that one hides; without it,
    every OPD total it could hide is taken as hidden). `force`: cells to hide as well (`report.linked.CellId`s of this
    table, chosen by `publish_all`), with the complements they need in turn."""
    if name not in TABLES:
        raise ValueError(f"tabel '{name}' tidak punya aturan pengungkapan di merit_lib.report.privacy (ada: "
                         f"{', '.join(TABLES)})")
    if name == "validation":
        return _validation(table)
    if name == "siasn_mapping":
        return table[[c for c in SIASN_MAPPING if c in table.columns]].copy()
    if name == "register":
        return table[[c for c in REGISTER if c in table.columns]].copy()
    if name in PASS_THROUGH:
        return table.copy()
    if is_published(table):
        return table.copy()
    if name in GRIDS:
        return _grid(table, GRIDS[name], force)
    if name == "findings":
        return _findings(table, force)
    if name == BY_LEVEL:
        comp = (published or {}).get("compliance")
        return _by_level(table, None if comp is None else publish("compliance", comp), force)
    if name == MERIT_GAPS:
        found = (published or {}).get("findings")
        return _merit_gaps(table, None if found is None else publish("findings", found))
    return _compliance(table, force)


def publish_all(tables: Mapping[str, pd.DataFrame], period: str, quarters: Sequence[str], totals: Mapping[str, float],
                beside: Sequence[object] = (), rounds: int = 40) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every table of one period published as a whole (DESIGN §5): each through `publish`, then the period planned with
    the folders `beside` it (report.linked: one system of sums, audited by integer programming) and, while a cell of 1–4
    or a quarter's share of one is pinned, a shown count next to it hidden as well (with the complements it needs in its
    own table). `quarters`: the evidence window's; `totals`: the run's public totals (`n_pegawai`, `n_promosi`).
    Returns the published tables and warnings (a cell the folders beside pin by themselves, which no count of this
    period can cover; folders that contradict this extract)."""
    from merit_lib.report import linked

    order = [n for n in ("compliance", "findings") if n in tables] + [n for n in tables if n not in ("compliance",
                                                                                                      "findings")]
    force: dict[str, set[tuple]] = {n: set() for n in tables}
    warnings: list[str] = []
    ignore: set[tuple] = set()
    seen: set[tuple] = set()
    times: dict[tuple, int] = {}
    beside = list(beside)
    pub: dict[str, pd.DataFrame] = {}
    memo = linked.Memo()            # the groups of sums a round leaves as they were are not audited again
    around = linked.Builder()       # the folders beside never change: read once, then each round's own tables
    for p in beside:
        around.add(p)
    for _ in range(rounds):
        pub = {}
        for name in order:
            pub[name] = publish(name, tables[name], pub, frozenset(force[name]))
        me = linked.Published(str(period), list(quarters), pub, totals, current=True)
        try:
            builder = around.fork()
            builder.add(me)
            system = builder.done()
            found = [f for f in linked.pinned(system, memo) if f[0].name not in ignore]
        except linked.Infeasible:
            if not beside:
                raise
            warnings.append(text.t("privacy.beside_inconsistent", "id", folders=", ".join(p.period for p in beside)))
            beside, around = [], linked.Builder()
            continue
        if not found:
            return pub, warnings
        for name, table in pub.items():         # what is hidden now stays hidden: the plan only ever hides more
            force[name] |= _hidden_keys(name, table)
        again = {f[0].name for f in found if f[0].name in seen}
        seen |= {f[0].name for f in found}
        for f in found:
            times[f[0].name] = times.get(f[0].name, 0) + 1
        new = 0
        cells, stuck = linked.complements(system, found, builder.values, wide=frozenset(again))
        # a cell still pinned after PERSISTENT rounds of complements is pinned by what no count of this period can
        # cover (the folders beside with the public totals): treated as one the folders beside pin by themselves
        stuck += [f[0] for f in found if times[f[0].name] >= PERSISTENT and f[0] not in stuck]
        for t in [f[0] for f in found if f[0].name in again] + stuck:
            # a findings cell pinned again after its complements (or with none left): its rows exist only for someone
            # in them, and the block's published total leaves them no room; the block is left out (as `_findings`
            # does on its own)
            block = _findings_block(t.name, str(period), list(quarters))
            if block is not None and "findings" in force:
                key = (LEAVE_OUT, *_cell_key(block))
                if key not in force["findings"]:
                    force["findings"].add(key)
                    new += 1
            elif t in stuck:
                ignore.add(t.name)
                warnings.append(text.t("privacy.beside_pinned", "id", cell=" ".join(map(str, t.name))))
        for cell in cells:
            key = _force_key(cell)
            if key not in force.setdefault(cell.table, set()):
                force[cell.table].add(key)
                new += 1
        if not new and not stuck:
            break
    raise RuntimeError(f"disclosure plan for {period} did not settle after {rounds} rounds")


def _findings_block(name: tuple, period: str, quarters: list[str]) -> tuple[str, str] | None:
    """The (scope, attribute) of an OPD's findings block of the period being published a target names, else None."""
    if name[0] == period and name[1] == "findings" and len(name) > 3:
        scope, attr = name[2], name[3]
    elif name[0] == "q" and name[1] in quarters and name[2] == "findings" and len(name) > 4:
        scope, attr = name[3], name[4]
    else:
        return None
    return None if scope in (PROVINCE, "rest") else (scope, attr)


def _hidden_keys(name: str, table: pd.DataFrame) -> set[tuple]:
    """The cells a published table hides, named as `force` names them."""
    if name not in GRIDS and name not in ("findings", "compliance", BY_LEVEL) or table.empty:
        return set()
    mask = hidden(table, name)
    out: set[tuple] = set()
    if name in GRIDS:
        g = GRIDS[name]
        keys = [g.scope, *g.within, *itertools.chain.from_iterable(g.dims)]
        for i in np.flatnonzero(mask[g.count].to_numpy()):
            out.add(_cell_key(table.loc[table.index[i], keys]))
    elif name == "findings":
        for fam in FINDINGS:
            for cell, col in ((fam.group, "group"), (fam.reference, "reference_group")):
                if cell.count not in table:
                    continue
                for i in np.flatnonzero(mask[cell.count].to_numpy()):
                    r = table.loc[table.index[i]]
                    out.add((cell.label, *_cell_key([r["scope"], r["attribute"], r[col]])))
    elif name == "compliance":
        for s in COMPLIANCE:
            if s.count in table:
                for i in np.flatnonzero(mask[s.count].to_numpy()):
                    out.add((s.label, *_cell_key([table["opd_kode"].iloc[i]])))
    else:
        for c in BY_LEVEL_COUNTS:
            if c in table:
                for i in np.flatnonzero(mask[c].to_numpy()):
                    out.add((c, *_cell_key(table.loc[table.index[i], list(BY_LEVEL_KEYS)])))
    return out


def _force_key(cell: object) -> tuple:
    """How `publish` names a cell `report.linked` chose (`force`)."""
    table, key, label = cell.table, cell.key, cell.label   # type: ignore[attr-defined]
    if table in GRIDS:
        return tuple(key)
    if table == "findings":
        return (label.removesuffix(":e"), *key)
    return (label, *key)


def _merit_gaps(table: pd.DataFrame, findings: pd.DataFrame | None) -> pd.DataFrame:
    """Hide a row's numbers where a side holds 1–4 persons, or where the published findings hide (or leave out) its
    group's or reference's persons in the province row; without the findings, every row whose findings row is unknown
    is hidden as a complement would be."""
    undeclared = [c for c in table.columns if c not in MERIT_GAPS_COLUMNS]
    if undeclared:
        raise ValueError(f"kolom {MERIT_GAPS} tanpa aturan pengungkapan (undeclared columns): {', '.join(map(str, undeclared))}"
                         f"; nyatakan di merit_lib.report.privacy.MERIT_GAPS_COLUMNS")
    t = table.reset_index(drop=True).drop(columns=[REASON], errors="ignore")
    why = np.full(len(t), "", dtype=object)
    why[too_small(t["n_group"]) | too_small(t["n_reference"])] = PRIMARY
    shown: set[tuple[str, str]] = set()
    if findings is not None and len(findings):
        prov = findings[findings["scope"] == PROVINCE]
        ok = prov["n_group"].notna() & prov["n_reference"].notna()
        shown = set(zip(prov.loc[ok, "attribute"].astype(str), prov.loc[ok, "group"].astype(str)))
    whole_hidden = np.array([(str(a), str(g)) not in shown for a, g in zip(t["attribute"], t["group"])], bool)
    why[whole_hidden & (why == "")] = COMPLEMENT
    out = t.copy()
    for col in [c for c, rule in MERIT_GAPS_COLUMNS.items() if rule.startswith(("cell", "derived")) and c in out]:
        _blank(out, col, why != "")
    out[REASON] = _reasons([[FINDINGS[0].group.label, FINDINGS[0].reference.label] if w else [] for w in why])
    return out


def _validation(table: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows per table and rule: a row-level listing is counted, never published."""
    if not {"row", "value", "message"} & set(table.columns):
        return table.copy()
    keys = [c for c in ("table", "rule") if c in table.columns]
    if not keys:
        return pd.DataFrame({"n": [len(table)]})
    return table.groupby(keys, dropna=False, sort=False).size().rename("n").reset_index()


def _grid(table: pd.DataFrame, g: Grid, force: frozenset = frozenset()) -> pd.DataFrame:
    """Complete the grid with its empty cells (so a row never says a cell holds someone), then protect it."""
    dims = [list(g.within)] * bool(g.within) + [list(d) for d in g.dims]
    keys = [g.scope, *itertools.chain.from_iterable(dims)]
    counts = pd.to_numeric(table[g.count]).astype("float64")
    grouped = counts.groupby([table[k] for k in keys], dropna=False, sort=False)
    t = grouped.sum().where(grouped.count() == grouped.size()).rename(g.count).reset_index()   # an empty part: empty
    full = pd.DataFrame({g.scope: pd.unique(t[g.scope])})
    for cols in dims:
        full = full.merge(t[cols].drop_duplicates(), how="cross")
    t = full.merge(t.assign(_row=True), on=keys, how="left")
    t[g.count] = t[g.count].mask(t.pop("_row").isna(), 0).astype("Int64")   # a cell nobody is in: 0
    for col in keys[1:]:      # a category read back from a CSV as 1.0, 2.0 …: the integer it was
        if pd.api.types.is_float_dtype(t[col]) and (t[col].dropna() % 1 == 0).all():
            t[col] = t[col].astype("Int64")
    n = _num(t[g.count])
    prov = (t[g.scope] == PROVINCE).to_numpy()
    lines = [_Line(rows) for rows in _groups(t, [g.scope, *g.within, *g.parts])]
    if g.parts:
        lines += [_Line(rows) for rows in _groups(t, [g.scope, *g.within])]
    for rows in _groups(t, keys[1:]):
        total = rows[prov[rows]]
        lines.append(_Line(rows[~prov[rows]], int(total[0]) if len(total) == 1 else None))
    forced = np.array([_cell_key(r) in force for r in t[keys].itertuples(index=False)], bool) if force else None
    why = _protect(n, None, np.zeros(len(n)), lines, unknown=forced, unknown_why=COMPLEMENT)
    _blank(t, g.count, why != "")
    t[REASON] = _reasons([[GRID_LABEL] if w else [] for w in why])
    return t


def _cell_key(values: Sequence[object]) -> tuple:
    """A row's key as `report.linked` names it (codes as text, whole numbers without ".0", missing as NA)."""
    from merit_lib.report.linked import _key

    return tuple(_key(v) for v in values)


def _findings(table: pd.DataFrame, force: frozenset = frozenset()) -> pd.DataFrame:
    """Group and reference cells of every (scope, attribute), within the scope and across OPDs to the province."""
    t = table.reset_index(drop=True).drop(columns=[REASON], errors="ignore")
    if t.empty:
        return t.assign(**{REASON: pd.Series(dtype="string")})
    blocks = _groups(t, ["scope", "attribute"])
    block_of = np.empty(len(t), int)
    for b, rows in enumerate(blocks):
        block_of[rows] = b
    first = np.array([rows[0] for rows in blocks])
    prov = (t["scope"] == PROVINCE).to_numpy()
    cell_why: dict[str, np.ndarray] = {}
    drop = np.zeros(len(t), bool)
    for k, fam in enumerate(f for f in FINDINGS if f.group.count in t and f.reference.count in t):
        n_g, n_r = _num(t[fam.group.count]), _num(t[fam.reference.count])[first]
        e_g = _num(t[fam.group.events]) if fam.group.events in t else np.zeros(len(t))
        e_r = (_num(t[fam.reference.events]) if fam.reference.events in t else np.zeros(len(t)))[first]
        n, e = np.concatenate([n_g, n_r]), np.concatenate([e_g, e_r])
        lower = np.concatenate([(n_g >= 1) * float(fam.group.exists), np.zeros(len(blocks))])
        refs = len(t) + np.arange(len(blocks))
        lines = [_Line(np.append(rows, refs[b])) for b, rows in enumerate(blocks)]
        keys = [(str(s), str(a), str(g)) for s, a, g in zip(t["scope"], t["attribute"], t["group"])] + \
            [(str(t.at[i, "scope"]), str(t.at[i, "attribute"]), str(t.at[i, "reference_group"])) for i in first]
        labels = [fam.group.label] * len(t) + [fam.reference.label] * len(blocks)
        forced = np.array([(lab, *_cell_key(k)) in force for lab, k in zip(labels, keys)], bool)
        units = pd.DataFrame({"attribute": np.concatenate([t["attribute"].to_numpy(object), t["attribute"].to_numpy(object)[first]]),
                              "value": np.concatenate([t["group"].to_numpy(object), t["reference_group"].to_numpy(object)[first]]),
                              "prov": np.concatenate([prov, prov[first]])})
        for rows in _groups(units, ["attribute", "value"]):
            total = rows[units["prov"].to_numpy()[rows]]
            lines.append(_Line(rows[~units["prov"].to_numpy()[rows]], int(total[0]) if len(total) == 1 else None))
        if fam.inside and FINDINGS[0].group.label in cell_why:   # hidden wherever the whole it is a part of is hidden
            base_g, base_r = cell_why[FINDINGS[0].group.label], cell_why[FINDINGS[0].reference.label]
            forced |= np.concatenate([base_g != "", np.array([base_r[rows[0]] != "" for rows in blocks], bool)])
        why = _protect(n, e, lower, lines, unknown=forced, unknown_why=COMPLEMENT)
        if k == 0:   # a block whose rows alone give its cells back (one group row per person) is left out, and so
            for b in range(len(blocks)):      # is one the plan across tables (publish_all) found giving them back
                if _exposed(lines[b], n, lower, why) or \
                        (LEAVE_OUT, *_cell_key([t.at[first[b], "scope"], t.at[first[b], "attribute"]])) in force:
                    drop[blocks[b]] = True
        cell_why[fam.group.label], cell_why[fam.reference.label] = why[: len(t)], why[refs][block_of]
    out = t.copy()
    for col, rows in _findings_mask(out, {k: v != "" for k, v in cell_why.items()}).items():
        _blank(out, col, rows)
    if "flag_reason" in out and FINDINGS[0].group.label in cell_why:
        main = (cell_why[FINDINGS[0].group.label] != "") | (cell_why[FINDINGS[0].reference.label] != "")
        why = out["flag_reason"].astype("string")
        told = why.fillna("").str.match("|".join(UNTESTED)).to_numpy(bool)
        out["flag_reason"] = why.mask(pd.Series(main & told, index=out.index), UNTESTED_HIDDEN)
    out[REASON] = _reasons([[label for label, why in cell_why.items() if why[i]] for i in range(len(t))])
    return out[~drop].reset_index(drop=True)


def _findings_mask(t: pd.DataFrame, cells: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per column, the rows where it is hidden, given which cells (by label) are hidden in each row."""
    none = np.zeros(len(t), bool)
    any_cell = np.logical_or.reduce([*cells.values(), none])
    own: dict[str, np.ndarray] = {}
    for fam in FINDINGS:
        both = cells.get(fam.group.label, none) | cells.get(fam.reference.label, none)
        for cell in (fam.group, fam.reference):
            for col in (cell.count, cell.events, *cell.derived):
                if col:
                    own[col] = cells.get(cell.label, none)
        for col in fam.compare:
            own[col] = both
    return {c: own.get(c, any_cell) for c in t.columns if c not in FINDINGS_PUBLIC}


def _compliance(table: pd.DataFrame, force: frozenset = frozenset()) -> pd.DataFrame:
    """Promotions of each OPD by attributes of the promoted, and the candidates passed over; across OPDs their sum is
    known (from the findings). The index, with each component's value and points, is then recomputed from the shown
    numbers only (`_index`)."""
    undeclared = [c for c in table.columns if c not in COMPLIANCE_COLUMNS]
    if undeclared:
        raise ValueError(f"kolom kepatuhan tanpa aturan pengungkapan (undeclared compliance columns): "
                         f"{', '.join(map(str, undeclared))}; nyatakan di merit_lib.report.privacy.COMPLIANCE_COLUMNS")
    t = table.reset_index(drop=True)
    shares = [s for s in COMPLIANCE if s.count in t]
    why = {s.label: _share_primary(t, s) for s in shares}
    for s in shares:
        forced = np.array([(s.label, *_cell_key([o])) in force for o in t["opd_kode"]], bool)
        why[s.label][forced & (why[s.label] == "")] = COMPLEMENT
    changed = True
    while changed:               # hidden totals, linked shares and complements, until nothing more is hidden
        before = {k: v.copy() for k, v in why.items()}
        for s in shares:
            total = next((o for o in shares if o.count == s.total), None)
            if total is not None:
                why[s.label][(why[total.label] != "") & (why[s.label] == "")] = SMALL_TOTAL
            for other in (o for o in s.linked if o in why):
                why[s.label][(why[other] != "") & (why[s.label] == "")] = COMPLEMENT
            if s.total in t:
                _complement_shares(np.nan_to_num(_num(t[s.count])), np.nan_to_num(_num(t[s.total])), why[s.label])
        changed = any((before[k] != v).any() for k, v in why.items())
    out = t.copy()
    parts: list[list[str]] = [[] for _ in range(len(out))]
    for s in shares:
        for col in (s.count, *s.derived):
            if col in out:
                _blank(out, col, why[s.label] != "")
        for i in np.flatnonzero(why[s.label] != ""):
            parts[i].append(s.label)
    out = _index(t, out, {s.component: why[s.label] != "" for s in shares if s.component}, parts)
    out[REASON] = _reasons(parts)
    return _reorder(out)


def _by_level(table: pd.DataFrame, comp: pd.DataFrame | None, force: frozenset = frozenset()) -> pd.DataFrame:
    """Protect the level rows (BY_LEVEL): each count a grid of scope × level whose OPD rows sum to compliance.csv's
    count (known where `comp` shows it, a hidden unit where it hides it or without `comp`; promotions per OPD are
    public) and whose OPD cells sum to the PROVINSI row; `melangkahi` and `terlewati` hidden together, `melangkahi`
    also where its promotions are hidden or the promotions not passing anyone over are 1–4; until nothing changes."""
    undeclared = [c for c in table.columns if c not in BY_LEVEL_COLUMNS]
    if undeclared:
        raise ValueError(f"kolom {BY_LEVEL} tanpa aturan pengungkapan (undeclared columns): "
                         f"{', '.join(map(str, undeclared))}; nyatakan di merit_lib.report.privacy.BY_LEVEL_COLUMNS")
    t = table.reset_index(drop=True).drop(columns=[REASON], errors="ignore")
    full = pd.DataFrame({"scope": pd.unique(t["scope"])}).merge(t[["level_tujuan"]].drop_duplicates(), how="cross")
    t = full.merge(t, on=list(BY_LEVEL_KEYS), how="left")     # a cell nobody is in: 0 (a row never says someone is)
    counts = [c for c in BY_LEVEL_COUNTS if c in t]
    n = {c: np.nan_to_num(_num(t[c])) for c in counts}
    for c in counts:
        t[c] = pd.Series(n[c], index=t.index).astype("Int64")
    prov = (t["scope"] == PROVINCE).to_numpy()
    scopes, levels = _groups(t, ["scope"]), _groups(t, ["level_tujuan"])
    shown_total = {c: _opd_totals_shown(t, comp, c) for c in counts}
    keys = [_cell_key(k) for k in t[list(BY_LEVEL_KEYS)].itertuples(index=False)]
    preset = {c: np.array([(c, *k) in force for k in keys], bool) for c in counts}
    rest_small = too_small(n["n_promosi"] - n["n_promosi_melangkahi"]) if {"n_promosi", "n_promosi_melangkahi"} <= \
        set(counts) else np.zeros(len(t), bool)
    while True:
        why = {}
        for c in counts:
            units, unknown, lines = list(n[c]), list(preset[c]), []
            for rows in scopes:
                if prov[rows[0]] or shown_total[c][rows[0]]:
                    lines.append(_Line(rows))                   # the OPD's (or province's) total is known
                else:                                           # hidden in compliance.csv: a unit of its own
                    units.append(n[c][rows].sum())
                    unknown.append(True)
                    lines.append(_Line(rows, len(units) - 1))
            for rows in levels:
                total = rows[prov[rows]]
                lines.append(_Line(rows[~prov[rows]], int(total[0]) if len(total) == 1 else None))
            why[c] = _protect(np.asarray(units, float), None, np.zeros(len(units)), lines,
                              unknown=np.asarray(unknown, bool), unknown_why=COMPLEMENT)[: len(t)]
        new = {c: v.copy() for c, v in preset.items()}
        if "n_promosi_melangkahi" in why and "n_bypassed" in why:
            told_twice = (why["n_promosi_melangkahi"] != "") | (why["n_bypassed"] != "")
            new["n_promosi_melangkahi"] |= told_twice
            new["n_bypassed"] |= told_twice
        if "n_promosi_melangkahi" in why:
            new["n_promosi_melangkahi"] |= rest_small | (why.get("n_promosi", np.full(len(t), "")) != "")
        if all((new[c] == preset[c]).all() for c in counts):
            break
        preset = new
    if "n_promosi_melangkahi" in why:
        why["n_promosi_melangkahi"][rest_small] = PRIMARY
    out = t.copy()
    for c in counts:
        _blank(out, c, why[c] != "")
    out[REASON] = _reasons([[BY_LEVEL_COUNTS[c] for c in counts if why[c][i]] for i in range(len(t))])
    return out


def _opd_totals_shown(t: pd.DataFrame, comp: pd.DataFrame | None, col: str) -> np.ndarray:
    """Per row of a BY_LEVEL table: whether compliance.csv shows its OPD's `col` (promotions always: public)."""
    if col in PUBLIC_COUNTS["compliance"]:
        return np.ones(len(t), bool)
    if comp is None or col not in comp:
        return np.zeros(len(t), bool)
    shown = comp.assign(_k=comp["opd_kode"].astype(str)).set_index("_k")[col].notna()
    return t["scope"].astype(str).map(shown).fillna(False).to_numpy(bool)


def _share_primary(t: pd.DataFrame, s: Share) -> np.ndarray:
    """Primary suppression of one share: its count, or the rest of its total, is 1–4; already empty → EMPTY."""
    k = _num(t[s.count])
    n = _num(t[s.total]) if s.total in t else None
    why = np.full(len(t), "", dtype=object)
    why[too_small(k) | (too_small(n - k) if n is not None else False)] = PRIMARY
    why[np.isnan(k) & (why == "") & (n > 0 if n is not None else True)] = EMPTY
    return why


def _index(t: pd.DataFrame, out: pd.DataFrame, hidden: dict[str, np.ndarray], parts: list[list[str]]) -> pd.DataFrame:
    """The index as the shown numbers give it: every component whose count is hidden takes the province's value
    pooled over the OPDs whose count is shown (`analysis.compliance.index_columns`); every column it computes (range,
    category, each component's value and points) is written with it, so none keeps a value resting on a hidden
    count. A table without the index's inputs cannot be recomputed: its index columns are hidden wherever a component
    is."""
    cols = [c for c in cm.INDEX_COLUMNS if c in out]
    if not cols:
        return out
    if all(c in t for c in cm.INDEX_INPUTS):
        replaced = pd.DataFrame({c: hidden.get(c, np.zeros(len(t), bool)) for c in cm.PROMOTION_COMPONENTS})
        for col, values in cm.index_columns(t, replaced).items():
            if col in out or "index" in out:
                out[col] = values.to_numpy()
        return out
    rows = np.logical_or.reduce([*hidden.values(), np.zeros(len(t), bool)])
    for col in cols:
        _blank(out, col, rows)
    for i in np.flatnonzero(rows):
        parts[i].append(INDEX_LABEL)
    return out


def _reorder(out: pd.DataFrame) -> pd.DataFrame:
    """Rows ranked by the published index (the order of the full one would tell it), when the table has one."""
    if "index" not in out or "category" not in out:
        return out
    return cm.ranked(out).reset_index(drop=True)


def _complement_shares(k: np.ndarray, n: np.ndarray, why: np.ndarray) -> None:
    """Hide more OPDs until no hidden count is pinned down by the sum over OPDs and each OPD's public total."""
    while True:
        hid = np.flatnonzero(why != "")
        if not len(hid):
            return
        sk, sn = np.nansum(k[hid]), np.nansum(n[hid])
        lo = np.maximum(0, sk - (sn - n[hid]))
        hi = np.minimum(n[hid], sk)
        pinned = (lo == hi) & (too_small(lo) | too_small(n[hid] - lo))
        if not pinned.any():
            return
        shown = np.flatnonzero((why == "") & (n > 0))
        if not len(shown):
            return
        mixed = shown[(k[shown] > 0) & (k[shown] < n[shown])]
        pool = mixed if len(mixed) else shown
        why[pool[np.argmin(n[pool])]] = COMPLEMENT


# --------------------------------------------------------------------------- pages and figures


def hidden(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Where a published table's numbers are hidden (True), as its `suppressed` column accounts for them."""
    mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    if REASON not in table.columns:
        return mask
    parts = [[] if pd.isna(r) or r == "" else str(r).split("; ") for r in table[REASON]]
    labels = {lab: np.array([any(p.split(": ")[0] == lab for p in ps) for ps in parts], bool)
              for lab in _labels(name)}
    if name in GRIDS:
        cols = {GRIDS[name].count: np.array([bool(p) for p in parts], bool)}
    elif name == "findings":
        cols = _findings_mask(table, labels)
    elif name == BY_LEVEL:
        cols = {c: labels[label] for c, label in BY_LEVEL_COUNTS.items()}
    elif name == MERIT_GAPS:
        rows = np.array([bool(p) for p in parts], bool)
        cols = {c: rows for c, rule in MERIT_GAPS_COLUMNS.items() if rule.startswith(("cell", "derived"))}
    elif name == "compliance":
        cols = {}
        for s in COMPLIANCE:
            for col in (s.count, *s.derived):
                cols[col] = labels[s.label]
        for col in cm.INDEX_COLUMNS:
            cols[col] = labels[INDEX_LABEL]
    else:
        cols = {}
    for col, rows in cols.items():
        if col in mask.columns:
            mask[col] = rows & table[col].isna().to_numpy()
    return mask


def _labels(name: str) -> list[str]:
    if name == "findings":
        return [c.label for f in FINDINGS for c in (f.group, f.reference)]
    if name == BY_LEVEL:
        return list(BY_LEVEL_COUNTS.values())
    return [s.label for s in COMPLIANCE] + [INDEX_LABEL] if name == "compliance" else []


def display(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table for a page: published first (if it was not), every hidden number as "< 5", no `suppressed` column."""
    t = publish(name, table)
    out = t.astype(object).mask(hidden(t, name), SHOWN)
    return out.drop(columns=[REASON], errors="ignore")

