"""The register meets `merit report` (issue 24, "done when"): four consecutive quarters of a synthetic extract with a
planted persistent disparity and a planted one-off one; a response imported from Excel on the next report; the
province page's follow-up rate equal to the register's; a rerun that changes nothing; only what the disclosure door
allows in the period folder."""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from sqlite_dump import dump

from merit_lib.analysis import fairness as F
from merit_lib.cli import main
from merit_lib.data.register import Register
from merit_lib.domain import codes, language, text
from merit_lib.report import privacy, temuan
from merit_lib.report import temuan_xlsx as X
from merit_lib.report.pipeline import run_report
from merit_lib.synth import Disparity, synthesize
from merit_lib.synth.generator import DEMO_DISPARITIES, DEMO_IGNORE_MERIT

QUARTERS = ("2025Q2", "2025Q3", "2025Q4", "2026Q1")
PERSISTENT = DEMO_DISPARITIES[0]                                           # DINDIKBUD, women, odds ratio 0.25, always
ONE_OFF = Disparity("RSUDBTN", "jenis_kelamin", "P", 40.0, ("2024Q3",))     # one pelantikan that favoured women
OPDS = [PERSISTENT.opd, ONE_OFF.opd]
ACTION = "- Tinjau ulang penilaian promosi; =laporkan ke Inspektorat"     # formula-like: neutralised, shown as typed
REVIEWER = "Auditor Inspektorat Satu"
#: the year (five whole reports, minutes) is the slow tier (`make test-slow`, CI): a file of its own, so that the rest of
#: the register's tests (tests/test_register_report.py) run beside it
pytestmark = pytest.mark.slow


def published(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / "tables" / f"{name}.csv", dtype={"scope": str, "opd_kode": str, "group": str},
                       float_precision="round_trip", keep_default_na=False, na_values=[""])


def key_row(table: pd.DataFrame, d: Disparity) -> pd.Series:
    rows = table[(table["scope"] == d.opd) & (table["attribute"] == d.attribute) & (table["group"] == d.group)]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """Four quarters reported side by side; the auditors' responses imported from Excel after the second."""
    root = tmp_path_factory.mktemp("register")
    # half the province's size: both planted disparities are found as at full size (the persistent one in every quarter,
    # the one-off in 2025Q2 alone; at 1,000 the one-off is no longer testable), in about half the time
    s = synthesize(n=1600, disparities=[PERSISTENT, ONE_OFF], ignore_merit=list(DEMO_IGNORE_MERIT))
    data = s.write(root / "data")
    reports = root / "reports"
    register = reports / "register.sqlite"
    runs, before_import = {}, None
    for q in QUARTERS:
        if q == "2025Q4":                                       # between the 2nd and 3rd report: the auditors respond
            before_import = dump(register)
            sheet = root / "temuan.xlsx"
            assert main(["temuan", "--register", str(register), "ekspor", str(sheet)]) == 0
            book = openpyxl.load_workbook(sheet)
            ws = book[X.SHEETS["findings"]["id"]]
            head = [c.value for c in ws[1]]
            col = {name: head.index(X.header(name)) + 1 for name in (*X.READ_ONLY, "response", "action", "deadline",
                                                                     "follow_up", "reviewer")}
            deadline = dt.date.today() + dt.timedelta(days=120)
            codes_in = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value}
            persistent = temuan.Observation(codes.KIND_FAIRNESS, PERSISTENT.opd, PERSISTENT.attribute, PERSISTENT.group).code
            one_off = temuan.Observation(codes.KIND_FAIRNESS, ONE_OFF.opd, ONE_OFF.attribute, ONE_OFF.group).code
            r = codes_in[persistent]
            ws.cell(row=r, column=col["response"]).value = "setuju"
            ws.cell(row=r, column=col["action"]).value = ACTION
            ws.cell(row=r, column=col["deadline"]).value = dt.datetime.combine(deadline, dt.time())
            ws.cell(row=r, column=col["follow_up"]).value = "belum sesuai / dalam proses"
            ws.cell(row=r, column=col["reviewer"]).value = REVIEWER
            ws.cell(row=codes_in[one_off], column=col["follow_up"]).value = "sesuai rekomendasi"
            book.save(sheet)
            assert main(["temuan", "--register", str(register), "impor", str(sheet), "--oleh", "Tim Inspektorat"]) == 0
        runs[q] = run_report(data, q, reports / q, opds=OPDS, workers=1, progress=False)
        assert runs[q].ok, [(f.name, f.error) for f in runs[q].failures]
        assert runs[q].register == register
    last = dump(register)
    rerun = run_report(data, QUARTERS[-1], reports / QUARTERS[-1], opds=OPDS, workers=1, progress=False)
    return SimpleNamespace(data=data, reports=reports, register=register, runs=runs, rerun=rerun, before_rerun=last,
                           after_rerun=dump(register), before_import=before_import, deadline=deadline,
                           persistent=persistent, one_off=one_off, truth=s.truth)


def test_the_persistent_disparity_recurs_with_its_history(year):
    with Register.open(year.register) as reg:
        assert reg.periods() == list(QUARTERS)
        f = reg.findings_as_at(QUARTERS[-1]).set_index("kode").loc[year.persistent]
        assert (f["status"], f["since"], f["first_seen"], f["periods_seen"], f["age_quarters"]) == (
            codes.SEEN_RECURRING, "2025Q2", "2025Q2", 4, 4)
        s = reg.sightings()
        history = s[s["kode"] == year.persistent].set_index("period")
    assert list(history.index) == list(QUARTERS) and history["seen"].all()
    for q in QUARTERS:                       # the evidence of each quarter is its own published findings row
        row = key_row(published(year.reports / q, "findings"), PERSISTENT)
        evidence = history.loc[q, "evidence"]
        assert row["flag"] in temuan.FOLLOWED and evidence["flag"] == row["flag"] == F.DISPARITY
        assert evidence["direction"] == row["direction"] == F.LOWER
        for c in ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "rate_group", "impact_ratio"):
            assert evidence[c] == row[c] or (evidence[c] is None and pd.isna(row[c])), (q, c)
        assert evidence["aor_ci_high"] < 1


def test_the_one_off_disparity_is_no_longer_seen(year):
    with Register.open(year.register) as reg:
        f = reg.findings_as_at(QUARTERS[-1]).set_index("kode").loc[year.one_off]
        s = reg.sightings()
    assert (f["first_seen"], f["last_seen"], f["status"], f["since"]) == ("2025Q2", "2025Q2", codes.SEEN_GONE, "2025Q3")
    assert f["evidence"]["flag"] == F.DISPARITY and f["evidence"]["direction"] == F.HIGHER     # men held back
    later = s[(s["kode"] == year.one_off) & (s["period"] > "2025Q2")]
    assert list(later["period"]) == list(QUARTERS[1:]) and not later["seen"].any()
    assert all(e["flag"] not in temuan.FOLLOWED for e in later["evidence"])     # observed, the verdict says no gap
    page = (year.reports / QUARTERS[-1] / "opd" / f"{ONE_OFF.opd}.html").read_text()
    assert "Tidak terlihat lagi sejak Triwulan III 2025" not in page              # closed (sesuai): not listed as open


def test_a_response_imported_from_excel_appears_on_the_next_report(year):
    with Register.open(year.register) as reg:
        h = reg.history()
    imported = h[h["source"] == "impor temuan.xlsx"]
    assert set(imported["who"]) == {"Tim Inspektorat"} and len(imported) == 6
    before = (year.reports / "2025Q3" / "opd" / f"{PERSISTENT.opd}.html").read_text()
    assert "Tinjau ulang" not in before and "dalam proses" not in before
    for q in ("2025Q4", "2026Q1"):
        page = BeautifulSoup((year.reports / q / "opd" / f"{PERSISTENT.opd}.html").read_text(), "html.parser")
        item = next(li.get_text(" ", strip=True) for li in page.select("ul.merit-register li")
                    if year.persistent in li.get_text())
        when = language.date(year.deadline, "id")
        assert f"Berulang sejak Triwulan II 2025 ({QUARTERS.index(q) + 1} triwulan" in item
        assert f"tanggapan OPD: setuju; tindakan: {ACTION}; tindak lanjut: dalam proses, batas {when}" in item
        assert REVIEWER not in page.get_text()                                      # the reviewer stays in the register


def _rates_on_page(folder: Path) -> dict[str, list[str]]:
    page = BeautifulSoup((folder / "provinsi.html").read_text(), "html.parser")
    caption = next(p for p in page.find_all("p") if p.get_text(strip=True) == text.t("register.rate_caption", "id"))
    table = caption.find_next("table")
    return {tr.find_all("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")[1:]]
            for tr in table.find("tbody").find_all("tr")}


def test_the_province_page_rate_equals_the_register(year):
    folder = year.reports / QUARTERS[-1]
    shown = _rates_on_page(folder)
    comp = published(folder, "compliance")
    names = dict(zip(comp["opd_kode"], comp["opd_nama"]))
    conn = sqlite3.connect(year.register)        # the register counted by hand, not through the code under test
    counted = conn.execute(
        "SELECT scope, count(*), sum(follow_up = 'sesuai'), sum(follow_up NOT IN ('sesuai', 'tidak_dapat')) "
        "FROM findings f WHERE EXISTS (SELECT 1 FROM sightings s WHERE s.finding_id = f.id AND s.seen = 1 "
        "AND s.period <= ?) GROUP BY scope", (QUARTERS[-1],)).fetchall()
    conn.close()
    total = [sum(r[i] for r in counted) for i in (1, 2, 3)]
    assert total[1] >= 1 and total[0] > total[1]                                    # a rate strictly between 0 and 1
    rows = {names.get(scope, text.t("register.province", "id") if scope == codes.PROVINCE else scope): (n, done, open_)
            for scope, n, done, open_ in counted}
    rows[text.t("register.all", "id")] = tuple(total)
    assert set(shown) == set(rows)
    for name, (n, done, open_) in rows.items():
        cells = shown[name]
        assert cells[0] == language.number(n, "id") and cells[1] == language.number(done, "id"), name
        assert cells[-2] == language.number(open_, "id"), name
        assert cells[-1] == language.percent(done / n, "id", 0), name
    assert shown[names[ONE_OFF.opd]][-1] != "0%"


def test_a_rerun_of_the_same_period_changes_nothing(year):
    assert year.rerun.ok and year.rerun.recorded is not None
    assert not year.rerun.recorded.changed and year.rerun.recorded.again
    assert year.after_rerun == year.before_rerun


def test_the_published_register_is_only_what_the_door_allows(year):
    nips = set(pd.read_csv(year.data / "pegawai.csv", dtype=str)["nip"].dropna())
    for q in QUARTERS:
        folder = year.reports / q
        reg = published(folder, "register")
        assert tuple(reg.columns) == privacy.REGISTER
        assert set(reg["first_seen"]) <= set(QUARTERS[: QUARTERS.index(q) + 1])
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".csv", ".html", ".json", ".ipynb"):
                body = path.read_text(errors="ignore")
                # no NIP of the extract as an 18-digit run (not a decimal fraction, nor digits of an input's SHA-256)
                assert REVIEWER not in body and not set(re.findall(r"(?<![\d.])\d{18}(?!\d)", body)) & nips, path
        # every number of the register is a cell its own quarter's folder published (never one the door hid)
        for _, r in reg.iterrows():
            source = year.reports / r["last_seen"]
            if r["kind"] == codes.KIND_FAIRNESS:
                cell = key_row(published(source, "findings"), Disparity(r["scope"], r["attribute"], r["group"], 1))
                for c in ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "impact_ratio"):
                    assert r[c] == cell[c] or (pd.isna(r[c]) and pd.isna(cell[c])), (q, r["kode"], c)
            elif r["kind"] in (codes.KIND_RULE, codes.KIND_MOVE):
                comp = published(source, "compliance").set_index("opd_kode").loc[r["scope"]]
                count, total = temuan.RULES[r["rule"]][1:]
                expected = comp[count] if total is None else comp[total] - comp[count]
                assert r["n_kasus"] == expected and not pd.isna(expected)
                assert not 0 < r["n_kasus"] < privacy.MIN_CELL
            elif r["kind"] == codes.KIND_TIER:
                comp = published(source, "compliance").set_index("opd_kode").loc[r["scope"]]
                assert r["index"] == comp["index"] and comp["tier"] == codes.TIER_BELOW


def test_the_workbook_has_the_register_as_a_sheet(year):
    from merit_lib.report.workbook import sheet_name

    folder = year.reports / QUARTERS[-1]
    book = openpyxl.load_workbook(folder / "ringkasan.xlsx")
    sheet = sheet_name("register")                 # the sheet's name in the workbook's language
    assert sheet == "register_temuan" and sheet in book.sheetnames
    ws = book[sheet]
    rows = list(ws.iter_rows(values_only=True))
    reg = published(folder, "register")
    assert len(rows) - 1 == len(reg)
    head = list(rows[0])
    assert "Kode temuan" in head and "Status tindak lanjut" in head and "kode" not in head
    words = {r[head.index("Kode temuan")]: dict(zip(head, r)) for r in rows[1:]}
    assert words[year.persistent]["Status tindak lanjut"] == "belum sesuai / dalam proses"
    assert words[year.persistent]["Sejak"] == "Triwulan II 2025"
    about = [r for r in book["Keterangan"].iter_rows(values_only=True) if r[0] == sheet]
    assert len(about) == len(reg.columns) + 1 and all(r[3] for r in about)


def test_observations_take_the_published_cells_and_nothing_the_door_hid(year):
    folder = year.reports / "2025Q2"
    obs = temuan.observations(folder / "tables")
    findings = published(folder, "findings")
    fair = [o for o in obs if o.kind == codes.KIND_FAIRNESS]
    assert len(fair) == len(findings)
    hidden = 0
    for o in fair:
        row = key_row(findings, Disparity(o.scope, o.attribute, o.group, 1))
        assert o.seen == (row["flag"] in temuan.FOLLOWED)
        for c, v in o.evidence.items():
            if pd.isna(row[c]):
                assert v is None
                hidden += 1
            else:
                assert v == row[c] or (isinstance(v, float) and math.isclose(v, row[c], rel_tol=0, abs_tol=0)), (o, c)
    assert hidden > 0                                        # this extract has hidden cells, and none was kept
    assert {F.DISPARITY} <= set(temuan.FOLLOWED) and not set(temuan.FOLLOWED) & temuan.NOT_FOLLOWED


# --------------------------------------------------------------------------- shapes the generator does not make
