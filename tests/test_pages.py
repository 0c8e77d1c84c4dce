"""The reader pages (issues 14 and 20): the OPD verdict box computed without a notebook — tier against the province
average, the window it rests on, the components and their points, next steps for every OPD — and a small rendered report
whose OPD page opens with the box and whose province page keeps every machine term inside its technical appendix."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace

import pandas as pd
import pytest

from merit_lib.analysis import compliance as cm
from merit_lib.domain import codes, text
from merit_lib.domain import language as L
from merit_lib.report import privacy
from merit_lib.report.opd_summary import opd_summary

PERIOD = "2026Q1"
W = cm.WEIGHTS
WINDOW = {"quarters": ["2025Q2", "2025Q3", "2025Q4", "2026Q1"], "requested": 4, "n": 4, "shrunk": False}


def _row(code, n_peg, n_prof, n_kin, n_pro, tp, el, melangkahi, n_kand, tidak, flags, tested):
    return {"opd_kode": code, "opd_nama": f"Dinas {code}", "n_pegawai": n_peg, "n_profiling": n_prof, "n_kinerja": n_kin,
            "n_promosi": n_pro, "n_promosi_talent_pool": tp, "n_promosi_eligible": el,
            "n_promosi_melangkahi": melangkahi, "n_kandidat": n_kand, "n_kandidat_tidak_terlewati": tidak,
            "n_bypassed": n_kand - tidak, "fairness_flags": flags, "fairness_tested": tested}


def _hand_index(t: pd.DataFrame) -> pd.DataFrame:
    """The index by hand (DESIGN §6 / analysis.compliance docstring): Jeffreys coverage, promotion shares pulled toward
    the province by a prior worth 5 promotions (the empirical-Bayes fallback: fewer than 5 OPDs have a count) plus
    Jeffreys' ½, fairness 1 / 0.5 / 0, unmeasured components left out with their weights."""
    t = t.copy()
    prov = {"tp": t["n_promosi_talent_pool"].sum() / t["n_promosi"].sum(),
            "el": t["n_promosi_eligible"].sum() / t["n_promosi"].sum(),
            "by": t["n_kandidat_tidak_terlewati"].sum() / t["n_kandidat"].sum()}
    t["coverage_profiling"] = t["n_profiling"] / t["n_pegawai"]
    t["coverage_kinerja"] = t["n_kinerja"] / t["n_pegawai"]
    t["share_promosi_talent_pool"] = t["n_promosi_talent_pool"] / t["n_promosi"].where(t["n_promosi"] > 0)
    t["share_promosi_eligible"] = t["n_promosi_eligible"] / t["n_promosi"].where(t["n_promosi"] > 0)
    t["share_tanpa_bypass"] = t["n_kandidat_tidak_terlewati"] / t["n_kandidat"].where(t["n_kandidat"] > 0)
    t["skor_keadilan"] = t["fairness_flags"].map({0: 1.0, 1: 0.5}).fillna(0.0).where(t["fairness_tested"] > 0)
    expected = {}
    for i, r in t.iterrows():
        c = {"coverage_profiling": (r["n_profiling"] + .5) / (r["n_pegawai"] + 1),
             "coverage_kinerja": (r["n_kinerja"] + .5) / (r["n_pegawai"] + 1)}
        if r["n_promosi"] > 0:
            c["share_promosi_talent_pool"] = (r["n_promosi_talent_pool"] + 5 * prov["tp"] + .5) / (r["n_promosi"] + 6)
            c["share_promosi_eligible"] = (r["n_promosi_eligible"] + 5 * prov["el"] + .5) / (r["n_promosi"] + 6)
        if r["n_kandidat"] > 0:
            c["share_tanpa_bypass"] = (r["n_kandidat_tidak_terlewati"] + 5 * prov["by"] + .5) / (r["n_kandidat"] + 6)
        if pd.notna(r["skor_keadilan"]):
            c["skor_keadilan"] = r["skor_keadilan"]
        w = sum(W[k] for k in c)
        expected[r["opd_kode"]] = {k: 100 * W[k] * v / w for k, v in c.items()}
        judged = r["n_promosi"] > 0
        for k in W:                       # the published table carries each component's value and points
            t.loc[i, f"nilai_{k}"] = c.get(k, float("nan")) if judged else float("nan")
            t.loc[i, f"poin_{k}"] = expected[r["opd_kode"]].get(k, float("nan")) if judged else float("nan")
        t.loc[i, "index"] = sum(expected[r["opd_kode"]].values()) if judged else float("nan")
        t.loc[i, "index_ci_low"] = t.loc[i, "index"] - 6 if judged else float("nan")
        t.loc[i, "index_ci_high"] = t.loc[i, "index"] + 6 if judged else float("nan")
    t["category"] = cm.category(t["index"]).fillna(cm.NOT_JUDGED)
    t["komponen_nilai_provinsi"] = ""
    t.attrs["expected"] = expected
    return t


@pytest.fixture
def hand():
    comp = _hand_index(pd.DataFrame([
        _row("A", 40, 30, 36, 10, 5, 10, 5, 20, 14, 1, 2),     # rated, every component measured and shown
        _row("B", 25, 25, 20, 0, 0, 0, 0, 0, 0, 0, 0),          # no promotion: not rated
        _row("C", 30, 10, 30, 5, 0, 5, 0, 0, 0, 0, 0),          # no candidate, nothing testable: 4 components
    ]))
    return SimpleNamespace(compliance=comp, meta={"period": PERIOD, "window": WINDOW})


def test_components_and_their_points_add_up_to_the_index(hand):
    for code in ("A", "C"):
        s = opd_summary(hand, code)
        expected = hand.compliance.attrs["expected"][code]
        points = {c.key: c.points for c in s.components if c.points is not None}
        assert [c.key for c in s.components] == list(W)                      # all six, in the index's order
        assert points == pytest.approx(expected, abs=1e-9)
        assert sum(points.values()) == pytest.approx(s.index, abs=1e-9)
        assert not any(c.province for c in s.components)
        total = unescape(s.to_html("id")).split(text.t("box_total", "id"))[1]
        assert L.number(s.index, "id", 1) in total.split("</tr>")[0]       # the total row is the index
    # the points are read from the published table, never reconstructed: a table the door cannot recompute (an index
    # input missing, nothing hidden) keeps its own poin_* columns, and those are what the box shows
    comp = hand.compliance.drop(columns="fairness_tested")
    comp["poin_coverage_profiling"] += 1.0
    s = opd_summary(SimpleNamespace(compliance=comp, meta=hand.meta), "A")
    assert s.component("coverage_profiling").points == pytest.approx(
        hand.compliance.attrs["expected"]["A"]["coverage_profiling"] + 1.0)
    c = opd_summary(hand, "C")
    assert {k.key for k in c.components if not k.measured} == {"share_tanpa_bypass", "skor_keadilan"}
    assert sum(k.max_points for k in c.components if k.measured) == pytest.approx(100)


def test_tier_against_the_one_province_average_and_the_window_in_words(hand):
    pub = privacy.publish("compliance", hand.compliance).set_index("opd_kode")
    rated = pub.loc[["A", "C"]]
    average = (rated["index"] * rated["n_pegawai"]).sum() / rated["n_pegawai"].sum()
    assert pub["index_provinsi"].dropna().unique() == pytest.approx([average])
    a = opd_summary(hand, "A")
    assert a.rated and a.province_index == pytest.approx(average)
    lo, hi = pub.at["A", "index_ci_low"], pub.at["A", "index_ci_high"]
    want = codes.TIER_ABOVE if lo > average else codes.TIER_BELOW if hi < average else codes.TIER_EXPECTED
    assert a.tier == want == pub.at["A", "tier"]
    html = unescape(a.to_html("id"))
    assert "berdasarkan 4 triwulan: Triwulan II 2025 – Triwulan I 2026" in html
    assert text.t(f"window.{want}", "id") in html and L.number(average, "id") in html
    assert not re.search(r"peringkat \d", html) and not re.search(r"rank \d", a.to_html("en"))
    assert "based on 4 quarters: Q2 2025 – Q1 2026" in unescape(a.to_html("en"))


def test_the_two_weakest_are_the_two_lowest_and_their_follow_up_is_the_next_step(hand):
    s = opd_summary(hand, "A")
    values = {c.key: c.value for c in s.components}
    # talent pool 5 of 10 and one disparity finding are the lowest; eligibility 10 of 10 is never weak
    assert s.weakest == sorted(values, key=values.get)[:2] == ["share_promosi_talent_pool", "skor_keadilan"]
    html = s.to_html("id")
    steps = html[html.index(text.t("window.next_title", "id")):]
    assert text.t("todo_share_promosi_talent_pool", "id") in steps and text.t("todo_skor_keadilan", "id") in steps
    assert text.t("todo_coverage_profiling", "id") not in html
    assert "10 pegawai belum mengikuti asesmen" in steps          # 40 staff, 30 assessed
    assert "5 dari 10 (50,0%)" in html
    en = s.to_html("en")
    assert "Promotions from the talent pool" in en and "Tidak" not in en and "10 staff have not been assessed" in en


def test_no_promotion_is_not_rated_and_says_what_would_make_it_ratable(hand):
    s = opd_summary(hand, "B")
    assert not s.judged and not s.rated and s.index is None and s.weakest == [] and s.category == cm.NOT_JUDGED
    html = unescape(s.to_html("id"))
    assert "Belum dapat dinilai: jendela bukti (berdasarkan 4 triwulan" in html and "memuat 0 promosi" in html
    assert text.t("window.next_no_rate", "id", q=4) in html                     # no rate to tell when
    assert "5 pegawai belum memiliki SKP" in html                               # 25 staff, 20 with SKP
    assert "< 5" not in html and "level_awal" not in html and "suppressed" not in html
    assert "Not rated yet" in s.to_html("en")


def test_change_since_last_quarter_from_the_trend(hand):
    none = opd_summary(hand, "A", pd.DataFrame())
    assert none.change is None and "belum ada triwulan sebelumnya" in none.to_html("id")
    assert "no earlier quarter yet" in none.to_html("en")
    trend = pd.DataFrame({"periode": ["2025Q4", "2025Q4", "2025Q3"], "opd_kode": ["A", "C", "A"],
                          "index": [50.0, 90.0, 40.0], "tier": [codes.TIER_EXPECTED] * 3})
    s = opd_summary(hand, "A", trend)
    assert s.previous_period == "2025Q4" and s.change == pytest.approx(s.index - 50.0)
    html = s.to_html("id")
    assert "▲" in html and "sejak Triwulan IV 2025 (50)" in html and "naik" in html
    down = opd_summary(hand, "C", trend)
    assert down.change < 0 and "▼" in down.to_html("id") and "down" in down.to_html("en")
    unrated = opd_summary(hand, "A", trend.assign(tier=codes.TIER_NOT_RATED))
    assert unrated.change_text("id").startswith("Triwulan IV 2025 tidak dapat dinilai")
    assert unrated.arrow() == "" and not {"▲", "▼", "→"} & set(unrated.to_html("id"))   # no arrow without a comparison


def _with_few(hand):
    """The hand table with D (3 promotions: its promotion components take the province's value) and E (6 promotions,
    shares in between: the complement the door hides so that D's cells cannot be computed back from the sums)."""
    few = _hand_index(pd.DataFrame([_row("D", 12, 12, 12, 3, 1, 2, 0, 4, 4, 0, 0),
                                    _row("E", 20, 15, 18, 6, 3, 3, 3, 8, 4, 0, 1)]))
    comp = pd.concat([hand.compliance, few], ignore_index=True)
    return SimpleNamespace(compliance=comp, meta={"period": PERIOD, "window": WINDOW})


def test_few_promotions_take_the_province_value_are_not_rated_and_say_when_they_will_be(hand):
    tables = _with_few(hand)
    s = opd_summary(tables, "D")
    province = {c.key for c in s.components if c.province}
    assert province == set(cm.PROMOTION_COMPONENTS)
    assert all(c.hidden and c.share is None and c.count is None for c in s.components if c.province)
    # points are shown for every measured component, and they add up to the (published) index
    assert all(c.points is not None for c in s.components if c.measured)
    assert sum(c.points for c in s.components if c.measured) == pytest.approx(s.index, abs=1e-9)
    # the province's value: pooled over the OPDs whose count is shown (A and C; D hidden, E its complement)
    pub = privacy.publish("compliance", tables.compliance).set_index("opd_kode")
    shown = pub["n_promosi_talent_pool"].notna()
    assert set(pub.index[~shown]) >= {"D", "E"}
    pooled = pub.loc[shown, "n_promosi_talent_pool"].sum() / pub.loc[shown, "n_promosi"].sum()
    assert s.component("share_promosi_talent_pool").value == pytest.approx(pooled)
    # not rated (3 promotions in the window), never told as weak, and told when it will be
    assert not s.rated and s.tier == codes.TIER_NOT_RATED and s.category == cm.NOT_JUDGED and s.weakest == []
    assert pub.at["D", "tier"] == codes.TIER_NOT_RATED
    html = unescape(s.to_html("id"))
    assert "< 5" in html and "kurang dari 5 (3)" in html and "memuat 3 promosi" in html
    assert text.t("window.next_rate_never", "id", n=3, q=4, window_n=4, min=5) in html   # 0.75 a quarter: never 5 in 4
    assert html.count("nilai provinsi (promosi < 5)") == 3 and text.t("box_total", "id") in html
    assert not re.search(r"peringkat \d", html)
    en = unescape(s.to_html("en"))
    assert en.count("province value (promotions < 5)") == 3 and not re.search(r"rank \d", en)
    # E: rated (6 promotions) but both its promotion shares hidden: its index rests on the province's values for them
    e = opd_summary(tables, "E")
    assert e.rated and not province & set(e.weakest)


def test_a_hidden_complement_takes_the_province_value_but_is_not_few_promotions(hand):
    s = opd_summary(_with_few(hand), "E")
    province = {c.key for c in s.components if c.province}
    assert {"share_promosi_talent_pool", "share_promosi_eligible"} <= province and not s.few_promotions
    html = unescape(s.to_html("id"))
    assert "nilai provinsi (angka OPD disembunyikan)" in html and "promosi < 5" not in html
    # the one neutral mark: hidden as a small cell or as a complement, the page does not say which (issue 25)
    assert "kurang dari 5" not in html and "tanda itu tidak mengatakan yang mana" in html
    assert sum(c.points for c in s.components if c.measured) == pytest.approx(s.index, abs=1e-9)


# --------------------------------------------------------------------------- a small rendered report


class _Page(HTMLParser):
    """Visible text outside and inside <details>, and links."""

    def __init__(self):
        super().__init__()
        self.outside: list[str] = []
        self.inside: list[str] = []
        self.hrefs: list[str] = []
        self._skip = 0
        self._details = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "details":
            self._details += 1
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        if tag == "details":
            self._details -= 1

    def handle_data(self, data):
        if not self._skip:
            (self.inside if self._details else self.outside).append(data)


def _parse(path):
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


MACHINE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|C\(level_awal\)|logit_cluster|n_bypassed|\bepv\b|n_events")


@pytest.fixture(scope="module")
def report(small_report):
    """The shared small report (conftest: n=400, seed 7, four OPD pages), in Indonesian: (period folder, OPD codes)."""
    assert small_report["out"].name == PERIOD
    return small_report["out"], small_report["codes"]


def test_opd_page_opens_with_the_verdict_box(report):
    out, codes = report
    for code in codes:
        page = (out / "opd" / f"{code}.html").read_text(encoding="utf-8")
        box = page.index('class="merit-verdict"')
        assert box < page.index("<img") and box < page.index(f"<h2>{text.t('opd_promotions', 'id')}</h2>")
        section = page[box: page.index("</section>", box)]
        assert all(text.t(f"comp_{k}", "id") in section for k in W)              # all six components
        order = [page.index(f"<h2>{text.t(k, 'id')}</h2>") for k in ("opd_promotions", "opd_passed_over", "opd_talent",
                                                       "opd_fairness", "opd_quality")]
        assert order == sorted(order)
        outside = " ".join(_parse(out / "opd" / f"{code}.html").outside)
        assert MACHINE.findall(outside) == []
        steps = section[section.index(text.t("window.next_title", "id")):]
        assert steps.count("<li>") >= 1                               # every OPD page has a next step
        assert not re.search(r"peringkat \d|rank \d", unescape(page))


def test_province_page_grid_links_and_appendix(report):
    out, codes = report
    page = out / "provinsi.html"
    html = page.read_text(encoding="utf-8")
    assert 'class="merit-table merit-grid"' in html and "<details" in html
    parsed = _parse(page)
    links = {h for h in parsed.hrefs if h.startswith("opd/")}
    assert links == {f"opd/{c}.html" for c in codes}
    assert all((out / h).is_file() for h in links)
    inside, outside = " ".join(parsed.inside), " ".join(parsed.outside)
    assert "n_bypassed" in inside and "opd_kode" in inside and "C(level_awal)" not in inside   # terms in words
    assert MACHINE.findall(outside) == []
    assert text.t("prov_grid", "id") in outside and ("↓" in outside or "↑" in outside or "○" in outside)


# --------------------------------------------------------------------------- the audit page (issue 14)

#: machine words an audit page must not show outside its technical appendix (the package's own name is allowed: the
#: settings table names its version)
AUDIT_MACHINE = re.compile(r"jenis_kelamin|kelompok_usia|status_kepegawaian|masa_kerja|\bframe\b|2026Q1|"
                           r"\b(?!merit_lib\b)[a-z]+_[a-z0-9_]+\b")
NEGATIVE_SHARE = re.compile(r"(?<![\w–])[-−]\s?\d[\d.,]*\s?%")


def _audit_outside(out) -> str:
    page = out / "audit_keadilan.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("<h1") == 1, "one h1 per page"
    parsed = _parse(page)
    inside = " ".join(parsed.inside)
    assert "frame" in inside and "jenis_kelamin" in inside       # the raw summary moved into the appendix
    return " ".join(parsed.outside)


def test_audit_page_reads_without_machine_terms(report):
    out, _ = report
    outside = _audit_outside(out)
    assert AUDIT_MACHINE.findall(outside) == []
    assert NEGATIVE_SHARE.findall(outside) == []
    assert "PROVINSI" not in outside and "Provinsi" in outside and "Perempuan" in outside
    assert L.period_label(PERIOD, "id") in outside


@pytest.fixture(scope="module")
def report_en(small_report_en):
    """The same report with `--lang en` (conftest): its period folder."""
    return small_report_en["out"]


@pytest.mark.slow      # a second whole run, in English (make test-slow, CI)
def test_english_audit_page_says_province_not_the_code(report_en):
    outside = _audit_outside(report_en)
    assert AUDIT_MACHINE.findall(outside) == []
    assert NEGATIVE_SHARE.findall(outside) == []
    assert "PROVINSI" not in outside and "Province" in outside and "Women" in outside
    assert "Q1 2026" in outside


def test_explained_share_is_shown_only_for_an_explained_gap_that_explains(report):
    """A negative or zero share, or one of a finding that is not an explained gap, reads "–"; the rest as a share
    (beyond all of the gap: "> 100 %"); scopes, attributes and groups in words."""
    from merit_lib.analysis import fairness as F

    out, _ = report
    f = F.AuditResult.from_dir(out / "tables").findings
    f = f[~f["suppressed"]]
    assert len(f) >= 1                 # the door plans the whole folder (issue 25): few rows of a small extract show
    f = pd.concat([f] * 4).head(4).reset_index(drop=True)
    f["flag"] = [F.NO_DISPARITY, F.EXPLAINED, F.EXPLAINED, F.EXPLAINED]
    f["explained_share"] = [0.97, -0.4, 0.61, 1.27]
    for lang, shares in (("id", ["–", "–", "61%", "> 100%"]), ("en", ["–", "–", "61%", "> 100%"])):
        shown = F.display_table(f, lang)
        assert list(shown[text.label("explained_share", lang)]) == shares
        scopes = set(shown[text.label("scope", lang)])
        assert F.PROVINCE not in scopes and not scopes & set(f["scope"].dropna())   # names, not codes
        assert not set(shown[text.label("attribute", lang)]) & {"jenis_kelamin", "kelompok_usia"}
    assert text.t("scope_province", "id") == "Provinsi" and text.t("scope_province", "en") == "Province"



def test_the_audit_table_says_less_than_5_exactly_where_the_door_hid_a_count(report):
    """Issue 23, review: a published row whose only hidden cells are its talent pool's showed every number as "< 5"
    (BAPENDA: 14 and 17 promotions, published in findings.csv and on the OPD page). A count reads "< 5" where the door
    hid it, and only there; a hidden talent-pool rate reads "< 5", not blank."""
    from merit_lib.analysis import fairness as F

    out, _ = report
    raw = pd.read_csv(out / "tables" / "findings.csv")
    f = F.AuditResult.from_dir(out / "tables").findings
    mask = privacy.hidden(raw, "findings")
    promoted = F.display_table(f, "id").iloc[:, 7]
    rows = raw["promoted_group"].notna() | mask["promoted_group"]
    assert rows.sum() >= 5
    assert ((promoted[rows] == "< 5") == mask.loc[rows, "promoted_group"]).all()
    # the reviewer's row: every own count shown, the talent pool hidden
    shown = f[raw["promoted_group"].notna() & (raw["n_group"] >= 5) & (raw["n_reference"] >= 5)].head(1).copy()
    assert len(shown) == 1
    shown["suppressed"], shown["n_qualified_group"], shown["eo_rate_group"] = True, float("nan"), float("nan")
    table = F.display_table(shown, "id")
    assert table.iloc[0, 7] == L.number(shown["promoted_group"].iloc[0], "id", 0) and table.iloc[0, 16] == "< 5"
    assert table.iloc[0, 8] != "< 5" and table.iloc[0, 10] != "< 5"
    shown["promoted_group"] = float("nan")        # the group's count hidden: its numbers and the comparison, not the
    table = F.display_table(shown, "id")           # reference's rate
    assert (table.iloc[0, [7, 8, 10, 11]] == "< 5").all() and table.iloc[0, 9] != "< 5"


def test_the_promotion_section_counts_the_window_and_says_so(report):
    """Issue 23, review: "11 promosi pada Triwulan I 2026" counted the four quarters of the window under the quarter's
    name (the page's activity line said 4 for that quarter). The section names the window's quarters."""
    out, codes = report
    comp = pd.read_csv(out / "tables" / "compliance.csv", dtype={"opd_kode": str}).set_index("opd_kode")
    meta = json.loads((out / "tables" / "run_meta.json").read_text(encoding="utf-8"))
    span = L.span_label(meta["window"], "id")
    assert meta["window"]["n"] == 4 and span == "Triwulan II 2025 – Triwulan I 2026"
    said = 0
    for code in codes:
        n = int(comp.at[code, "n_promosi"])
        if n >= privacy.MIN_CELL:
            page = unescape((out / "opd" / f"{code}.html").read_text(encoding="utf-8"))
            assert text.t("promotions_lead", "id", n=L.number(n, "id"), period=span) in page, code
            said += 1
    assert said >= 2

def test_opd_page_shows_candidates_passed_over_by_level(report):
    """Issue 14, item 1: the passed-over section has a small table by target level (readable headers, hidden cells as
    "< 5"), the same as the published tables/bypassed_by_level.csv gives; an OPD without promotions has none."""
    from merit_lib.report import views

    out, codes = report
    tables = views.load_tables(out / "tables")
    assert privacy.is_published(pd.read_csv(out / "tables" / f"{privacy.BY_LEVEL}.csv"))
    heads = [text.t(k, "id") for k in ("bypass_level", "bypass_level_promos", "bypass_level_passing",
                                       "bypass_level_passed", "bypass_level_province")]
    shown = 0
    for code in codes:
        page = (out / "opd" / f"{code}.html").read_text(encoding="utf-8")
        start = page.index(f"<h2>{text.t('opd_passed_over', 'id')}</h2>")
        section = unescape(page[start: page.index("<h2>", start + 5)])
        levels = views.bypassed_by_level(tables, code, "id")
        if tables.opd(code)["n_promosi"] == 0 or tables.opd(code)["n_kandidat"] == 0:
            assert heads[2] not in section
            continue
        shown += 1
        assert list(levels.columns) == heads and all(h in section for h in heads)
        assert set(levels[heads[0]]) <= {"Pengawas", "Administrator", "JPT Pratama", text.t("bypass_level_unknown")}
        for _, row in levels.iterrows():                      # each row, cell by cell, in order, in the page
            at = section.index(f"<td>{row[heads[0]]}</td>")
            for v in row[heads[1:]]:
                at = section.index(f"<td>{v}</td>", at + 1)
        assert not [v for v in levels[heads[1:4]].to_numpy().ravel() if v in {"1", "2", "3", "4"}]
    assert shown >= 1


# --------------------------------------------------------------------------- nothing but the report (issue 23, item 1)

#: what a page must never show: a Python warning or error (`RuntimeWarning: …`), a traceback, a source line
#: (`views.py:142`), or a path of the machine that ran it
LEAK = re.compile(r"\b\w*(?:Warning|Error)\b:|Traceback|\bFile \"|\b\w+\.py:\d+|site-packages|\.venv\b|"
                  r"(?<![\w.])/(?:tmp|home|root|work|usr|opt|var|srv|private)/")


def _leaks(out, machine_paths) -> list[str]:
    """Every leak in every page of a period folder, and every stderr or error output left in its executed notebooks."""
    found = []
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        body = unescape(page.read_text(encoding="utf-8"))
        found += [f"{page.name}: {m.group(0)!r}" for m in LEAK.finditer(body)]
        found += [f"{page.name}: {p}" for p in machine_paths if p in body]
    for nb in sorted((out / "notebooks").rglob("*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error" or o.get("name") == "stderr":
                    found.append(f"{nb.name}: {o.get('output_type')} {str(o.get('text') or o.get('ename'))[:200]}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    found += [f"manifest {n['name']}: {n['stderr']}" for n in manifest["notebooks"] if n.get("stderr")]
    return found


@pytest.mark.parametrize("which", ["id", pytest.param("en", marks=pytest.mark.slow)])   # en: a second whole run
def test_no_page_shows_a_warning_a_traceback_or_a_server_path(which, report, request, tmp_path_factory):
    import sys
    from pathlib import Path

    import merit_lib

    out = report[0] if which == "id" else request.getfixturevalue("report_en")
    machine = {str(out.parent), str(tmp_path_factory.getbasetemp()), sys.prefix, str(Path(merit_lib.__file__).parent),
               str(Path.home())}
    assert _leaks(out, machine - {"/"}) == []
    log = (out.parent / f"{out.name}.internal" / "run.log").read_text(encoding="utf-8")
    assert log.startswith(f"merit report {PERIOD}:") and "audit_keadilan: ok" in log    # the run's log, for the steward


# --------------------------------------------------------------------------- the auditor's path (issue 23, item 5)

TRAIL = re.compile(r'<details class="merit-trail">(.*?)</details>', re.S)


def _trail(page) -> str:
    found = TRAIL.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, page
    return unescape(found[0])


def _blocks(trail: str) -> list[str]:
    return re.findall(r"<pre><code>(.*?)</code></pre>", trail, re.S)


def test_every_page_names_code_data_and_the_command_that_reproduces_it(report):
    from merit_lib.data.provenance import code_version

    out, codes = report
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    code = code_version()
    for name, opd in [("audit_keadilan", None), ("provinsi", None), *((f"opd/{c}", c) for c in codes)]:
        trail = _trail(out / f"{name}.html")
        assert code["commit"] and code["commit"] == manifest["git_commit"] and code["commit"] in trail
        assert (text.t("trail.code_dirty", "id") in trail) == bool(code["dirty"])
        assert manifest["data_fingerprint"] in trail
        for entry in manifest["inputs"].values():
            assert entry["sha256"] in trail and entry["file"].rsplit("/", 1)[-1] in trail
        command, notebook, python = _blocks(trail)
        assert command == f"merit report --data DATA --period {PERIOD} --window 4 --out {PERIOD} --opd " + \
            (opd if opd else " ".join(codes))
        assert notebook.startswith("papermill merit_lib/notebooks/") and re.search(f"-p (tables|results)_dir {PERIOD}/tables", notebook)
        assert f'ml.analysis_frame(ml.load_extract("DATA"), "{PERIOD}", window=4)' in python
        assert python.endswith("ml.audit(frame)") == (name == "audit_keadilan") and (opd is None or f'== "{opd}"' in python)


def test_the_trail_notebook_call_and_python_call_reproduce_the_page(report, tmp_path):
    """The page's notebook, run as its trail says on the published tables, gives the page's verdict box again; the
    trail's Python calls give the published verdicts again."""
    import subprocess
    import sys

    import nbformat
    from conftest import copy_report

    from merit_lib.analysis.fairness import AuditResult
    from merit_lib.report.pipeline import NOTEBOOKS

    out, codes = report
    out = copy_report(out, tmp_path / "copy")        # the notebook is written beside the period folder: a copy of it
    code = codes[0]
    notebook = _blocks(_trail(out / "opd" / f"{code}.html"))[1]
    argv = notebook.replace("merit_lib/notebooks/", f"{NOTEBOOKS}/").split()
    assert argv[0] == "papermill"
    done = subprocess.run([sys.executable, "-m", "papermill", *argv[1:], "--log-level", "ERROR"], cwd=out.parent,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]

    def box(path):
        nb = nbformat.read(path, as_version=4)
        return next(o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
                    if "merit-verdict" in str(o.get("data", {}).get("text/html", "")))

    assert box(out.parent / f"{code}.ipynb") == box(out / "notebooks" / "opd" / f"{code}.ipynb")

    python = _blocks(_trail(out / "audit_keadilan.html"))[2]
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["parameters"]["data"]
    scope: dict = {}
    exec(python.replace('"DATA"', repr(data)).replace("ml.audit(frame)", "result = ml.audit(frame)"), scope)
    again, published = scope["result"].findings, AuditResult.from_dir(out / "tables").findings
    keys = ["scope", "attribute", "group"]
    # every published finding is computed again (its verdict is published even where the door hides its counts)
    both = published.merge(again, on=keys, how="left", suffixes=("", "_again"))
    assert len(both) >= 10 and both["flag_again"].notna().all()
    assert (both["flag"] == both["flag_again"]).all() and (both["decision_row"] == both["decision_row_again"]).all()
    assert scope["result"].meta["data_fingerprint"] == AuditResult.from_dir(out / "tables").meta["data_fingerprint"]


def test_the_model_figure_names_each_term_against_its_own_reference(report):
    """The province page's model figure named quarter terms as starting levels ("Jenjang 2025Q3 (dibanding
    Administrator)"): each categorical term now reads against its own reference, in words."""
    from merit_lib.report.views import coefficient_labels

    out, _ = report
    coef = pd.read_csv(out / "tables" / "model_coefficients.csv")
    coef = coef[coef["model"] == "logit"]
    labels = dict(zip(coef["term"], coefficient_labels(coef["term"], "id")))
    assert labels["C(triwulan)[T.2025Q3]"] == "Triwulan III 2025 (dibanding Triwulan II 2025)"
    assert labels["C(level_awal)[T.Pengawas]"] == "Pengawas (dibanding Administrator)"
    assert labels["kompetensi"] == text.t("term_kompetensi", "id")
    assert not [v for v in labels.values() if re.search(r"C\(|\d{4}Q\d|Jenjang", v)]
