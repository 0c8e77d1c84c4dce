"""The register where auditors work (report.temuan_xlsx, `merit temuan`): the sheet exported cell by cell, read back
unchanged and changed (property-based), every bad cell one clear message with nothing written, unusable files refused,
one response from the command line, the history exported."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlite_dump import dump

from merit_lib.cli import main
from merit_lib.data.register import Observation, Register
from merit_lib.domain import codes, followup, language, text
from merit_lib.domain.errors import InputError
from merit_lib.report import register_view
from merit_lib.report import temuan_xlsx as X

TODAY = dt.date(2026, 4, 15)
FAIR = Observation("keadilan", "DINKES", "jenis_kelamin", "P", seen=True, evidence={
    "flag": "disparity", "direction": "lower", "reference_group": "L", "adjusted_odds_ratio": 0.41, "aor_ci_low": 0.22,
    "aor_ci_high": 0.77, "impact_ratio": 0.55, "n_group": 120, "promoted_group": 9})
COMP = Observation("komponen", "BAPENDA", rule="share_promosi_talent_pool", seen=True,
                   evidence={"k": 3, "n": 21, "share": 3 / 21, "province": 0.71, "limit": 0.44})
TIER = Observation("posisi", "BAPENDA", rule="di_bawah_provinsi", seen=True,
                   evidence={"tier": "di_bawah", "index": 38.2, "index_ci_low": 30.1, "index_ci_high": 46.0,
                             "index_provinsi": 61.5})
RULE = Observation("syarat", "DINDIKBUD", rule="promosi_melangkahi", seen=True, evidence={"n": 11})
MOVE = Observation("rotasi", "INSP", rule="perlu_alasan", seen=True, evidence={"n": 1})
ALL = (FAIR, COMP, TIER, RULE, MOVE)
EDITABLE = ("response", "action", "deadline", "follow_up", "reviewer")


@pytest.fixture
def reg(tmp_path):
    r = Register.open(tmp_path / "register.sqlite", create=True)
    with r.writing("test"):
        r.record("2025Q4", [FAIR, COMP, RULE], window=4, fingerprint="a")
    with r.writing("test"):
        r.record("2026Q1", [FAIR, TIER, RULE, MOVE, Observation("komponen", "BAPENDA", rule="share_promosi_talent_pool",
                                                                 seen=False, evidence={"share": 0.6})],
                 window=4, fingerprint="b")
    with r.writing("test"):   # a response already there: an action a spreadsheet would read as a formula, a past deadline
        r.update(FAIR.code, {"response": "setuju", "action": "- kirim surat; =cek ulang", "deadline": "2026-01-31",
                             "follow_up": "proses", "reviewer": "Auditor A"}, who="uji")
    yield r
    r.close()


def sheet_rows(path, lang="id"):
    book = openpyxl.load_workbook(path)
    ws = book[X.SHEETS["findings"][lang]]
    rows = [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]
    return book, ws, rows[0], rows[1:]


def col(head, name, lang="id"):
    return list(head).index(X.header(name, lang))


# --------------------------------------------------------------------------- export, cell by cell


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_exported_sheet_holds_the_register_cell_by_cell(reg, tmp_path, lang):
    target = tmp_path / f"temuan_{lang}.xlsx"
    n = X.export(reg, target, lang=lang, everything=True)
    book, ws, head, rows = sheet_rows(target, lang)
    assert list(head) == [X.header(c, lang) for c in (*X.READ_ONLY, *EDITABLE)]
    f = reg.findings_as_at()
    assert n == len(rows) == len(f) == 5                  # the component seen in 2025Q4 is no longer seen, still open
    table = X.findings_frame(reg, everything=True)
    for row, (_, r) in zip(rows, table.iterrows()):
        cell = dict(zip([*X.READ_ONLY, *EDITABLE], row))
        assert cell["kode"] == r["kode"] and cell["scope"] == r["scope"]
        assert cell["kind"] == text.t(f"register.kind_{r['kind']}", lang)
        assert cell["what"] == f"{register_view.title(r, lang)}: {register_view.detail(r, lang)}"
        assert cell["status"] == register_view.status_phrase(r, lang)
        assert (cell["first_seen"], cell["last_seen"], cell["age_quarters"]) == (r["first_seen"], r["last_seen"],
                                                                                 r["age_quarters"])
        stored = f.set_index("kode").loc[r["kode"]]
        assert cell["response"] == (followup.label("response", stored["response"], lang) or None)
        assert cell["follow_up"] == followup.label("follow_up", stored["follow_up"], lang)
        assert cell["reviewer"] == stored["reviewer"]
        if stored["deadline"]:
            assert cell["deadline"] == dt.datetime.fromisoformat(stored["deadline"])
        else:
            assert cell["deadline"] is None
        if stored["action"]:                               # neutralised against formulas on the way out
            assert X.restore(cell["action"]) == stored["action"] and cell["action"] != stored["action"]
    fair = dict(zip([*X.READ_ONLY, *EDITABLE], rows[[r[0] for r in rows].index(FAIR.code)]))
    assert "0,41" in fair["what"] if lang == "id" else "0.41" in fair["what"]
    gone = dict(zip([*X.READ_ONLY, *EDITABLE], rows[[r[0] for r in rows].index(COMP.code)]))
    assert gone["status"].startswith(text.t("register.status_tidak_terlihat", lang, since="", last="")[:12])
    # drop-down lists, a date from today on, text lengths, the auditor's cells editable and the rest locked
    rules = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    letter = {name: openpyxl.utils.get_column_letter(col(head, name, lang) + 1) for name in EDITABLE}
    assert rules[letter["follow_up"]].type == "list" and not rules[letter["follow_up"]].allow_blank
    assert rules[letter["follow_up"]].formula1 == '"' + ",".join(followup.choices("follow_up", lang)) + '"'
    assert rules[letter["response"]].formula1 == '"' + ",".join(followup.choices("response", lang)) + '"'
    assert rules[letter["deadline"]].type == "date" and rules[letter["deadline"]].formula1 == "TODAY()"
    assert rules[letter["action"]].type == "textLength" and rules[letter["action"]].formula1 == "500"
    assert rules[letter["reviewer"]].formula1 == "80"
    assert ws.protection.sheet
    assert not ws.cell(row=2, column=col(head, "follow_up", lang) + 1).protection.locked
    assert ws.cell(row=2, column=col(head, "kode", lang) + 1).protection.locked
    # the evidence sheet: each finding period by period
    ev = list(book[X.SHEETS["evidence"][lang]].iter_rows(values_only=True))
    assert sum(r[0] == FAIR.code for r in ev) == 2 and sum(r[0] == COMP.code for r in ev) == 2
    assert len(ev) - 1 == len(reg.sightings())


def test_by_default_only_open_findings_are_exported_and_filters_apply(reg, tmp_path):
    with reg.writing("test"):
        reg.update(RULE.code, {"follow_up": "sesuai"})
    assert X.export(reg, tmp_path / "a.xlsx") == 4
    assert X.export(reg, tmp_path / "b.xlsx", opds=["bapenda"]) == 2
    assert X.export(reg, tmp_path / "c.xlsx", kinds=["keadilan"], statuses=["berulang"]) == 1
    assert X.export(reg, tmp_path / "d.xlsx", period="2025Q4", everything=True) == 3   # as at an earlier quarter


# --------------------------------------------------------------------------- read back: unchanged, changed


def test_an_unchanged_sheet_changes_nothing_even_with_a_deadline_since_passed(reg, tmp_path):
    target = tmp_path / "t.xlsx"
    X.export(reg, target, everything=True)
    before = dump(reg.path)
    done = X.apply(reg, target, who="uji", today=TODAY)
    assert done.problems == [] and done.fields == 0 and done.rows == 5
    assert dump(reg.path) == before


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
                | st.sampled_from(list(";=+-@ \n")), max_size=120)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=_text, reviewer=_text.map(lambda s: s[:80]), follow=st.sampled_from(codes.FOLLOW_UPS),
       response=st.sampled_from((None, *codes.RESPONSES)), days=st.integers(0, 900), lang=st.sampled_from(["id", "en"]))
@example(action="=cek ulang", reviewer="=", follow=codes.FOLLOW_UPS[0], response=None, days=0, lang="id")  # text, not a formula
def test_a_changed_sheet_lands_in_the_register_cell_by_cell(reg, tmp_path, action, reviewer, follow, response, days,
                                                            lang):
    target = tmp_path / f"c_{lang}.xlsx"
    X.export(reg, target, lang=lang, everything=True)
    book, ws, head, rows = sheet_rows(target, lang)
    deadline = TODAY + dt.timedelta(days=days)
    written = {}
    for i, row in enumerate(rows, start=2):
        kode = row[0]
        values = {"response": followup.label("response", response, lang) or None, "action": action or None,
                  "deadline": dt.datetime.combine(deadline, dt.time()), "follow_up": followup.label("follow_up", follow,
                                                                                                    lang),
                  "reviewer": reviewer or None}
        for name, v in values.items():
            cell = ws.cell(row=i, column=col(head, name, lang) + 1)
            cell.value = v
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"          # typed as text ('=…), as Excel keeps it; a real formula is refused
        written[kode] = values
    book.save(target)
    done = X.apply(reg, target, who="uji", today=TODAY, lang=lang)
    assert done.problems == []
    stored = reg.table("findings").set_index("kode")
    for kode in written:
        s = stored.loc[kode]
        assert s["action"] == (action.strip() or None) and s["reviewer"] == (reviewer.strip() or None)
        assert s["follow_up"] == follow and s["response"] == response and s["deadline"] == deadline.isoformat()
    again = tmp_path / f"again_{lang}.xlsx"                    # and out again: the same cells
    X.export(reg, again, lang=lang, everything=True)
    _, _, _, rows2 = sheet_rows(again, lang)
    for row in rows2:
        cell = dict(zip([*X.READ_ONLY, *EDITABLE], row))
        assert X.restore(cell["action"]) == (action.strip() or None)
        assert cell["follow_up"] == followup.label("follow_up", follow, lang)
        assert cell["deadline"].date() == deadline


def test_each_changed_value_is_in_the_history_with_who_and_the_file(reg, tmp_path):
    target = tmp_path / "h.xlsx"
    X.export(reg, target, opds=["DINDIKBUD"])
    book, ws, head, rows = sheet_rows(target)
    ws.cell(row=2, column=col(head, "follow_up") + 1).value = "sesuai rekomendasi"
    ws.cell(row=2, column=col(head, "reviewer") + 1).value = "Auditor B"
    book.save(target)
    n = len(reg.history())
    done = X.apply(reg, target, who="Tim Inspektorat", today=TODAY)
    assert (done.findings, done.fields) == (1, 2)
    h = reg.history().iloc[n:]
    assert set(h["field"]) == {"follow_up", "reviewer"} and set(h["who"]) == {"Tim Inspektorat"}
    assert set(h["source"]) == {"impor h.xlsx"} and set(h["kode"]) == {RULE.code}
    assert reg.findings_as_at().set_index("kode").loc[RULE.code, "open"] == False  # noqa: E712  closed now


# --------------------------------------------------------------------------- bad imports: one message per problem


def test_every_bad_cell_is_one_message_and_nothing_is_written(reg, tmp_path):
    target = tmp_path / "bad.xlsx"
    X.export(reg, target, everything=True)
    book, ws, head, rows = sheet_rows(target)
    ws.protection.sheet = False
    c = {name: col(head, name) + 1 for name in (*X.READ_ONLY, *EDITABLE)}
    ws.cell(row=2, column=c["follow_up"]).value = "selesai"                       # not in the list
    ws.cell(row=2, column=c["response"]).value = "mungkin"                        # not in the list
    ws.cell(row=3, column=c["deadline"]).value = dt.datetime(2026, 1, 1)          # set in the past
    ws.cell(row=3, column=c["action"]).value = "x" * 501                          # too long
    ws.cell(row=4, column=c["reviewer"]).value = "NIP 196711101992031001"        # a NIP
    ws.cell(row=4, column=c["deadline"]).value = "31/02/2027"                     # no such day
    ws.cell(row=5, column=c["follow_up"]).value = None                            # required
    ws.cell(row=5, column=c["action"]).value = "=HYPERLINK(\"http://x\")"         # a formula
    ws.cell(row=6, column=c["kode"]).value = "T00000000"                          # unknown finding
    ws.cell(row=7, column=c["kode"]).value = rows[0][0]                           # a finding twice
    ws.cell(row=7, column=c["follow_up"]).value = "belum ditindaklanjuti"
    ws.cell(row=8, column=c["kode"]).value = None                                 # no code, but something filled in
    ws.cell(row=8, column=c["reviewer"]).value = "Auditor C"
    book.save(target)
    before = dump(reg.path)
    done = X.apply(reg, target, today=TODAY)
    assert dump(reg.path) == before
    letter = {k: openpyxl.utils.get_column_letter(v) for k, v in c.items()}
    expected = [(f"{letter['response']}2", "mungkin"), (f"{letter['follow_up']}2", "selesai"),
                (f"{letter['action']}3", "501"), (f"{letter['deadline']}3", "2026-01-01"),
                (f"{letter['deadline']}4", "31/02/2027"), (f"{letter['reviewer']}4", "NIP"),
                (f"{letter['action']}5", "rumus"), (f"{letter['follow_up']}5", "kosong"),
                (f"{letter['kode']}6", "T00000000"), (f"{letter['kode']}7", "lebih dari sekali"),
                (f"{letter['kode']}8", "kosong")]
    assert len(done.problems) == len(expected), "\n".join(done.problems)
    for problem, (cell, words) in zip(done.problems, expected):
        assert problem.startswith(f"bad.xlsx: lembar Temuan, sel {cell} "), problem
        assert words in problem, problem
    assert all("\n" not in p for p in done.problems)


def test_the_command_prints_each_problem_and_exits_1(reg, tmp_path, capsys):
    target = tmp_path / "bad.xlsx"
    X.export(reg, target)
    book, ws, head, rows = sheet_rows(target)
    ws.cell(row=2, column=col(head, "follow_up") + 1).value = "beres"
    book.save(target)
    before = dump(reg.path)
    assert main(["temuan", "--register", str(reg.path), "impor", str(target)]) == 1
    err = capsys.readouterr().err
    assert "'beres' tidak ada dalam daftar" in err and "1 masalah; tidak ada yang disimpan" in err
    assert "Traceback" not in err and dump(reg.path) == before


def _book(path, sheets: dict[str, list[list[object]]]):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_files_that_cannot_be_read_back_are_refused_by_name(reg, tmp_path):
    cases = {"missing": (tmp_path / "none.xlsx", "tidak ada"),
             "csv": (tmp_path / "temuan.csv", "bukan buku kerja .xlsx"),
             "garbage": (tmp_path / "rusak.xlsx", "tidak dapat dibaca"),
             "no sheet": (_book(tmp_path / "lain.xlsx", {"Sheet1": [["a"]]}), "tidak ada lembar Temuan"),
             "no column": (_book(tmp_path / "kolom.xlsx", {"Temuan": [["Kode", "Tanggapan OPD", "Tindakan yang disepakati",
                                                                        "Batas waktu", "Status tindak lnjut", "Peninjau"]]}),
                           "tidak punya kolom 'Status tindak lanjut' (yang paling mirip: Status tindak lnjut)")}
    (tmp_path / "temuan.csv").write_text("Kode\n")
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan zip")
    before = dump(reg.path)
    for name, (path, words) in cases.items():
        with pytest.raises(InputError) as err:
            X.apply(reg, path, today=TODAY)
        assert words in err.value.message("id"), (name, err.value.message("id"))
        assert str(path.name) in err.value.message("id")
    assert dump(reg.path) == before
    assert not (tmp_path / ".register.sqlite.lock").exists()


def test_a_sheet_typed_by_hand_with_dates_as_text_is_read(reg, tmp_path):
    path = _book(tmp_path / "tangan.xlsx", {"Temuan": [
        ["kode", "tanggapan opd", "tindakan yang disepakati", "batas waktu", "status tindak lanjut", "peninjau"],
        [FAIR.code.lower(), "Setuju Sebagian", "  rapat  ", "30/06/2026", "DALAM PROSES", "Auditor D"],
        [RULE.code, None, None, "2026-05-01", "tidak dapat ditindaklanjuti dengan alasan sah", None]]})
    done = X.apply(reg, path, today=TODAY)
    assert done.problems == [] and done.findings == 2
    s = reg.table("findings").set_index("kode")
    assert s.loc[FAIR.code, ["response", "action", "deadline", "follow_up", "reviewer"]].tolist() == [
        "setuju_sebagian", "rapat", "2026-06-30", "proses", "Auditor D"]
    assert s.loc[RULE.code, "follow_up"] == "tidak_dapat" and s.loc[RULE.code, "deadline"] == "2026-05-01"


def test_an_import_while_the_register_is_held_says_so_and_writes_nothing(reg, tmp_path, capsys):
    target = tmp_path / "t.xlsx"
    X.export(reg, target)
    holder = Register.open(reg.path)
    holder.begin("merit report 2026Q2", wait=1)
    try:
        before = dump(reg.path)
        code = main(["temuan", "--register", str(reg.path), "impor", str(target), "--tunggu", "0.3"])
        err = capsys.readouterr().err
        assert code == 2 and "sedang dipakai" in err and "merit report 2026Q2" in err
        assert dump(reg.path) == before
    finally:
        holder.rollback()
        holder.close()


# --------------------------------------------------------------------------- the command line


def test_one_response_from_the_command_line(reg, capsys):
    argv = ["temuan", "--register", str(reg.path), "catat", RULE.code.lower(), "--tindak-lanjut", "dalam proses",
            "--batas", (dt.date.today() + dt.timedelta(days=30)).isoformat(), "--peninjau", "Auditor E",
            "--oleh", "Tim BKD"]
    assert main(argv) == 0
    assert "batas waktu, status tindak lanjut, peninjau diperbarui" in capsys.readouterr().out
    s = reg.table("findings").set_index("kode").loc[RULE.code]
    assert (s["follow_up"], s["reviewer"]) == ("proses", "Auditor E")
    assert set(reg.history()["who"].iloc[-3:]) == {"Tim BKD"}
    before = dump(reg.path)
    assert main(["temuan", "--register", str(reg.path), "catat", RULE.code, "--batas", "2020-01-01",
                 "--tanggapan", "oke"]) == 1
    err = capsys.readouterr().err
    assert "--batas: batas 2020-01-01 sudah lewat" in err and "--tanggapan: 'oke' tidak ada dalam daftar" in err
    assert dump(reg.path) == before
    assert main(["temuan", "--register", str(reg.path), "catat", RULE.code]) == 2
    assert main(["temuan", "--register", str(reg.path), "catat", "T00000000", "--tindak-lanjut", "belum"]) == 1


def test_listing_showing_and_the_history_export(reg, tmp_path, capsys):
    assert main(["temuan", "--register", str(reg.path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 + 5 and FAIR.code in out
    assert "Berulang sejak Triwulan IV 2025" in out and "batas 31 Januari 2026 (batas terlewati)" in out
    assert main(["temuan", "--register", str(reg.path), "--lang", "en", "--opd", "DINKES"]) == 0
    out = capsys.readouterr().out
    assert "Recurring since Q4 2025" in out and "deadline 31 January 2026" in out and RULE.code not in out
    assert main(["temuan", "--register", str(reg.path), "tampil", FAIR.code]) == 0
    out = capsys.readouterr().out
    assert "Triwulan IV 2025" in out and "Triwulan I 2026" in out and "follow_up: belum → proses" in out
    target = tmp_path / "riwayat.csv"
    assert main(["temuan", "--register", str(reg.path), "riwayat", "--out", str(target)]) == 0
    history = pd.read_csv(target)
    assert len(history) == len(reg.history()) and (target.stat().st_mode & 0o777) == 0o600
    assert main(["temuan", "--register", str(tmp_path / "none.sqlite")]) == 2
    assert "tidak ada" in capsys.readouterr().err


def test_the_dates_of_a_page_are_in_words(reg):
    row = X.findings_frame(reg).set_index("kode").loc[FAIR.code]
    phrase = register_view.follow_phrase(row, "2026Q1", "id")
    assert phrase == ("tanggapan OPD: setuju; tindakan: - kirim surat; =cek ulang; tindak lanjut: dalam proses, batas "
                      f"{language.date(dt.date(2026, 1, 31), 'id')} (batas terlewati)")
    assert re.search(r"batas 31 Januari 2026", phrase)
    assert "(batas terlewati)" not in register_view.follow_phrase(row, "2025Q4", "id")


@given(st.one_of(st.text(max_size=700), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(),
                 st.dates().map(lambda d: dt.datetime.combine(d, dt.time()))),
       st.sampled_from(EDITABLE))
def test_any_cell_is_a_value_or_one_problem_never_an_error(value, name):
    parsed, problem = followup.parse(name, value)
    assert (problem is None) or parsed is None
    if problem is not None:
        message = problem.message("id")
        assert message and not message.startswith("register.") and problem.message("en") != message
    elif parsed is not None and name in followup.MAX_LENGTH:
        assert isinstance(parsed, str) and parsed == parsed.strip() and len(parsed) <= followup.MAX_LENGTH[name]
        assert not re.search(r"(?<!\d)\d{18}(?!\d)", parsed)
    elif parsed is not None and name == "deadline":
        assert dt.date.fromisoformat(parsed)
    elif parsed is not None:
        assert parsed in (codes.FOLLOW_UPS if name == "follow_up" else codes.RESPONSES)


def test_a_formula_typed_into_the_sheet_is_refused_naming_its_cell(reg, tmp_path):
    target = tmp_path / "f.xlsx"
    X.export(reg, target, everything=True)
    book, ws, head, rows = sheet_rows(target, "id")
    ws.cell(row=2, column=col(head, "action", "id") + 1).value = "=HYPERLINK(\"http://x\")"     # a formula, not text
    book.save(target)
    before = dump(reg.path)
    done = X.apply(reg, target, who="uji", today=TODAY)
    assert len(done.problems) == 1 and "f.xlsx" in done.problems[0] and "rumus" in done.problems[0]
    assert dump(reg.path) == before                                                        # all or nothing
