"""The language door: Indonesian formats by default, English as a parameter, unknown languages refused clearly."""

import datetime as dt

import pytest

from merit_lib.domain import language as L


def test_indonesian_formats():
    assert L.number(3517) == "3.517"
    assert L.number(0.892, decimals=2) == "0,89"
    assert L.percent(0.6954) == "69,5%"
    assert L.date(dt.date(2026, 1, 26)) == "26 Januari 2026"
    assert L.period_label("2026Q1") == "Triwulan I 2026"
    assert L.period_label("2025q4") == "Triwulan IV 2025"


def test_english_formats():
    assert L.number(3517, "en") == "3,517"
    assert L.percent(0.6954, "EN") == "69.5%"
    assert L.date(dt.date(2026, 1, 26), "en") == "26 January 2026"
    assert L.period_label("2026Q3", "en") == "Q3 2026"


def test_missing_values_are_empty_not_nan():
    assert L.number(float("nan")) == "" and L.percent(None) == ""


def test_unknown_language_is_refused_with_a_suggestion():
    with pytest.raises(ValueError, match="'fr' tidak dikenal"):
        L.language("fr")
    with pytest.raises(ValueError, match="maksud Anda 'en'"):
        L.language("eng")


# --------------------------------------------------------------------------- the catalogue (merit_lib.domain.text)

import ast  # noqa: E402
import re  # noqa: E402
import string  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from merit_lib.domain import codes, text  # noqa: E402

PACKAGE = Path(__file__).resolve().parents[1] / "merit_lib"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_entry_of_the_catalogue_has_both_languages_with_the_same_fields():
    entries = text.catalogue()
    assert len(entries) > 400
    bad = []
    for key, entry in entries.items():
        if not (isinstance(entry, dict) and "id" in entry):   # a nested help table: its leaves are checked below
            continue
        if not (isinstance(entry.get("id"), str) and entry["id"].strip() and isinstance(entry.get("en"), str)
                and entry["en"].strip()):
            bad.append(f"{key}: missing or empty language")
        elif _fields(entry["id"]) != _fields(entry["en"]):
            bad.append(f"{key}: fields {sorted(_fields(entry['id']))} (id) vs {sorted(_fields(entry['en']))} (en)")
    assert bad == []


def test_every_code_has_words_in_both_languages():
    for flag in codes.FLAGS:
        assert text.flag_label(flag, "id") != flag or flag == "disparity"
        assert text.t(f"flags.{flag}", "en") and text.t(f"meanings.{flag}", "id") != f"meanings.{flag}"
    assert {text.flag_label(f, "id") for f in codes.FLAGS} == {
        "disparitas", "kesenjangan kecil", "kesenjangan yang dijelaskan", "belum dapat disimpulkan", "tidak ada disparitas",
        "data tidak cukup"}
    for code in codes.LEDGER_REASONS:
        assert text.t(f"ledger.{code}", "en") != f"ledger.{code}"
    assert [text.category(c, "en") for c in codes.CATEGORIES] == ["Very good", "Good", "Poor", "Bad", "cannot be judged"]
    assert text.category("Good", "en") == "Good"                     # already words: left as they are


def test_lookup_by_section_and_refusal_of_an_unknown_language():
    assert text.t("fig.rate", "en") == "promotion rate (95% Wilson range)"
    assert text.t("verdict_rules.9", "id").startswith("Klaim kesetaraan")
    assert text.t("site.footer", "en").startswith("Merit workbook")
    assert text.t("no.such.key") == "no.such.key"
    with pytest.raises(ValueError, match="'fr' tidak dikenal"):
        text.t("fig.rate", "fr")


#: phrases issue 14 asked to replace, and what a reader sees instead
OLD_PHRASES = ("berisiko dipromosikan", "pegawai berisiko", "terkoreksi merit", "terjelaskan merit", "diasesmen",
               "Buku kerja ini", "persons at risk")


def test_the_catalogue_speaks_as_issue_14_asked():
    every = " ".join(e[lang] for e in text.catalogue().values() if isinstance(e, dict) and "id" in e for lang in ("id", "en"))
    assert [p for p in OLD_PHRASES if p in every] == []
    assert "pegawai yang dapat dipromosikan" in every and "setelah disesuaikan dengan merit" in every
    assert "yang dijelaskan oleh merit" in every or "dijelaskan oleh merit" in text.t("meanings.explained gap")
    assert "mengikuti asesmen" in every


def test_verdict_texts_follow_the_decision_table():
    """The words of each rule name the flag the decision table gives (docs/verdicts.md), inconclusive included."""
    from merit_lib.analysis import fairness as F

    assert [r.text for r in F.DECISION_TABLE] == [text.VERDICT_RULES[i] for i in range(1, 11)]
    rules = F.rules_table(F.AuditParams(), "en")
    assert list(rules["name"]) == ["insufficient data", "insufficient data", "inconclusive", "disparity", "minor gap",
                                   "explained gap", "inconclusive", "inconclusive", "no disparity", "inconclusive"]
    assert "0.05" in rules["rule"].iloc[3] and "0.8" in rules["rule"].iloc[3] and "1.25" in rules["rule"].iloc[3]
    assert "90% range" in rules["rule"].iloc[8] and "equivalence" in rules["rule"].iloc[8]
    assert not hasattr(text, "FLAG_RULES") and not hasattr(text, "flag_rule") and not hasattr(text, "number")


def test_model_terms_read_as_words():
    assert text.term_label("C(level_awal)[T.Fungsional]", "id", "Pelaksana") == "Fungsional (dibanding Pelaksana)"
    assert text.term_label("C(level_awal)[T.Fungsional]", "en", "Pelaksana") == "Fungsional (against Pelaksana)"
    assert text.term_label("C(level_awal)[T.Pengawas]", "en") == "starting level: Pengawas"
    assert text.term_label("masa_kerja", "id") == "masa kerja (tahun)"
    assert text.term_label("kompetensi:kinerja", "en") == "competency × performance (SKP)"
    assert text.term_label("some_new_column", "en") == "some new column"


# --------------------------------------------------------------------------- no reader text outside the catalogue

#: dict literals of reader text that still live outside the catalogue, each with why; the list may only shrink
PENDING = {
    ("analysis/compliance.py", "METHOD"): "the index method text, rewritten this round by the compliance helper",
    ("report/workbook.py", "DATE_FORMATS"): "Excel date format codes per language, not words (domain.language's job)",
}


def _bilingual_dicts(path: Path) -> list[tuple[int, str]]:
    """(line, name it is assigned to) of every dict literal whose keys are exactly "id" and "en"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for sub in ast.walk(node):
                names.setdefault(id(sub), ",".join(ast.unparse(t) for t in targets))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and node.keys and all(isinstance(k, ast.Constant) for k in node.keys):
            if {k.value for k in node.keys} == {"id", "en"}:
                found.append((node.lineno, names.get(id(node), "?")))
    return found


def test_no_reader_text_in_report_or_analysis_outside_the_catalogue():
    found = {}
    for layer in ("report", "analysis"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            rel = str(path.relative_to(PACKAGE))
            for line, name in _bilingual_dicts(path):
                found.setdefault((rel, name.split(",")[0].split("[")[0]), []).append(line)
    unexpected = {k: v for k, v in found.items() if k not in PENDING}
    assert unexpected == {}, "move these texts into merit_lib/domain/text.py"
    assert set(PENDING) <= set(found), "a pending entry moved into the catalogue: remove it from PENDING"


def test_the_grep_sees_a_dict_of_texts(tmp_path):
    p = tmp_path / "m.py"
    p.write_text('X = {"a": {"id": "satu", "en": "one"}}\nY = {"id": 1}\n', encoding="utf-8")
    assert _bilingual_dicts(p) == [(1, "X")]


# --------------------------------------------------------------------------- figures: palette, shapes, axes

def test_every_verdict_has_its_own_okabe_ito_colour_and_shape():
    from merit_lib.report import figures

    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}
    assert set(figures.FLAG_COLORS) == set(figures.FLAG_MARKERS) == set(codes.FLAGS)
    assert set(figures.FLAG_COLORS.values()) <= okabe_ito and len(set(figures.FLAG_COLORS.values())) == 6
    assert len(set(figures.FLAG_MARKERS.values())) == 6


def _forest_findings() -> pd.DataFrame:
    from merit_lib.analysis.fairness import EXTRA_COLUMNS, FINDINGS_COLUMNS

    rows = []
    for scope, flag, aor in (("PROVINSI", codes.DISPARITY, 0.4), ("OPD1", codes.INCONCLUSIVE, 0.7),
                             ("OPD2", codes.NO_DISPARITY, 1.1), ("OPD3", codes.EXPLAINED, 0.9)):
        r = {c: np.nan for c in FINDINGS_COLUMNS + EXTRA_COLUMNS}
        r.update(scope=scope, attribute="status_kepegawaian", group="PPPK", reference_group="PNS", n_group=200,
                 n_reference=300, promoted_group=40, promoted_reference=90, n_scope=500, flag=flag,
                 adjusted_odds_ratio=aor, aor_ci_low=aor / 2, aor_ci_high=aor * 2, suppressed=False, simpson=False,
                 n_qualified_group=50, n_qualified_reference=80, promoted_qualified_group=10,
                 promoted_qualified_reference=20, n_model_group=150, n_model_reference=250, direction="lower")
        rows.append(r)
    return pd.DataFrame(rows)


def _texts(fig) -> list[str]:
    fig.canvas.draw()
    out = [t.get_text() for t in fig.texts] + [fig._suptitle.get_text() if fig._suptitle else ""]
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    for leg in fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]:
        out += [t.get_text() for t in leg.get_texts()]
    return [t for t in out if t]


def test_forest_plot_reads_in_english_with_plain_log_ticks_and_a_shape_per_verdict():
    import matplotlib.pyplot as plt

    from merit_lib.report import figures

    fig = figures.forest_plot(_forest_findings(), "status_kepegawaian", "en")
    texts = _texts(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert {"0.1", "1", "10"} <= set(ticks) and not any("10^" in t or "$" in t for t in ticks)
    assert "Odds ratio of promotion at equal merit — employment status" in texts
    assert not any(re.search(r"[a-z]_[a-z]", t) for t in texts if "OPD" not in t)     # no snake_case anywhere
    assert {"disparity", "explained gap", "inconclusive", "no disparity"} <= set(texts)
    markers = {line.get_marker() for line in fig.axes[0].lines if np.size(line.get_xdata()) == 1}
    assert {"s", "D", "o", "^"} <= markers
    plt.close(fig)
    fig = figures.forest_plot(_forest_findings(), "status_kepegawaian", "id")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert {"0,1", "1", "10"} <= set(ticks)
    assert "belum dapat disimpulkan" in _texts(fig)
    plt.close(fig)


def test_odds_ratio_plot_names_terms_in_words():
    import matplotlib.pyplot as plt

    from merit_lib.report import figures

    coef = pd.DataFrame({"model": "logit", "term": ["Intercept", "kompetensi", "C(level_awal)[T.Fungsional]"],
                         "odds_ratio": [0.1, 1.8, 0.6], "ci_low": [0.05, 1.2, 0.3], "ci_high": [0.2, 2.7, 1.2]})
    fig = figures.odds_ratio_plot(coef, "id", references={"level_awal": "Pelaksana"})
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Fungsional (dibanding Pelaksana)", "kompetensi"]
    assert "regresi logistik" in _texts(fig)
    plt.close(fig)


# --------------------------------------------------------------------------- a whole report in each language

from html.parser import HTMLParser  # noqa: E402

#: Indonesian words an English page or sheet must not carry (outside proper names and machine names)
INDONESIAN = ("dan", "yang", "pegawai", "Triwulan", "Temuan", "temuan", "putusan", "dengan", "untuk", "tidak", "dari",
              "pada", "atau", "adalah", "dalam", "belum", "kelompok", "tingkat", "promosi", "disparitas", "kesenjangan",
              "berisiko", "Catatan", "Beranda", "Periode", "Indeks", "kinerja", "Baik", "Kurang", "Buruk", "dinilai",
              "bila", "jika", "oleh", "hal", "sel", "komplementer", "kelompok", "pembanding", "terlewati")
ENGLISH_VERDICTS = ("no disparity", "insufficient data", "explained gap", "inconclusive")
#: what an Indonesian page or sheet must not carry: English verdicts, the other language's interval, an ISO date in
#: running text, a space before % (PUEBI writes 95,4%), English function words
NOT_INDONESIAN = (*ENGLISH_VERDICTS, "95% CI", "95% range", "IK 95", "CI 95", " IK ", "IK-nya", "(IK ", " CI ", "(CI ",
                  " the ", " of the ", " and the ")
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")
SPACED_PERCENT = re.compile(r"\d[ \u00a0]%")


class _Visible(HTMLParser):
    """The text a reader sees (and alt/title texts), without scripts, styles and code; `appendix=False` leaves out the
    `<details>` (the technical appendix) too."""

    def __init__(self, appendix: bool = False) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._skip = ("script", "style", "code", "pre") + (() if appendix else ("details",))

    def handle_starttag(self, tag, attrs):
        if tag in self._skip:
            self._hidden += 1
        self.parts += [v for k, v in attrs if k in ("alt", "title") and v and not self._hidden]

    def handle_endtag(self, tag):
        if tag in self._skip:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def _visible(path: Path, names: set[str], appendix: bool = False) -> str:
    v = _Visible(appendix)
    v.feed(path.read_text(encoding="utf-8"))
    return _unnamed("\n".join(v.parts), names)


def _unnamed(out: str, names: set[str]) -> str:
    """Text without proper names (OPD names may hold any word) and machine names (`opd_kode`, `tables/x.csv`)."""
    for name in sorted(names, key=len, reverse=True):
        out = out.replace(name, " ")
    out = re.sub(r"\S*(?:_|\.csv|\.xlsx)\S*", " ", out)
    return re.sub(r"\b(?:pegawai|profiling|kinerja)\b(?=[,)\s]*$)", " ", out, flags=re.M)   # an input table's name


def _sheets(path: Path, names: set[str]) -> dict[str, str]:
    """Every sheet's cells as text (the About sheet's CSV-name column left out: machine names), names removed."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for i, ws in enumerate(book.worksheets):
        cells = [str(v) for row in ws.iter_rows(values_only=True) for j, v in enumerate(row)
                 if v is not None and not (i == 0 and j == 2)]
        out[ws.title] = _unnamed("\n".join(cells), names)
    return out


@pytest.fixture(scope="module")
def reports(small_report):
    """The small synthetic extract's report in Indonesian (conftest's shared report, four OPD pages)."""
    return {"id": small_report["out"]}, set(small_report["names"])


@pytest.mark.slow      # a second whole run, in English (make test-slow, CI)
def test_an_english_report_has_no_indonesian_boilerplate(small_report, small_report_en):
    """Every page with its technical appendix, and every sheet of the workbook: wholly English."""
    out, names = {"en": small_report_en["out"]}, set(small_report["names"])
    pages = sorted(out["en"].rglob("*.html"))
    assert len(pages) >= 5
    found = {}
    texts = {p.name: _visible(p, names, appendix=True) for p in pages} | _sheets(out["en"] / "ringkasan.xlsx", names)
    for where, shown in texts.items():
        hits = sorted({w for w in INDONESIAN if re.search(rf"\b{w}\b", shown)})
        hits += re.findall(r"\bCIs?\b", shown)[:1]                # one name for an interval: "range"
        if hits:
            found[where] = hits
    assert found == {}
    assert "Q1 2026" in _visible(out["en"] / "index.html", names)


def test_an_indonesian_report_has_no_english_verdict_and_indonesian_numbers(reports):
    out, names = reports
    texts = {p.name: _visible(p, names, appendix=True) for p in sorted(out["id"].rglob("*.html"))}
    for where, shown in (texts | _sheets(out["id"] / "ringkasan.xlsx", names)).items():
        assert [w for w in NOT_INDONESIAN if w in shown] == [], (where, [w for w in NOT_INDONESIAN if w in shown])
        assert not SPACED_PERCENT.search(shown), (where, SPACED_PERCENT.search(shown))
    for page in sorted(out["id"].rglob("*.html")):
        shown = texts[page.name]
        assert not ISO_DATE.search(shown), (page.name, ISO_DATE.search(shown))   # dates in words: 7 Desember 2026
        # a yes/no in words (a workbook's boolean cells are Excel's own, which Excel shows in its reader's language)
        assert not re.search(r"\b(True|False)\b", shown), (page.name, re.search(r"\b(True|False)\b", shown))
        assert re.findall(r"(?<![\d.,/:-])[1-9]\d{0,2},\d{3}(?![\d,])", shown) == [], page.name   # 3,517 is English
        assert re.findall(r"(?<![\d.,/:-])(?<!pukul )\d+\.\d{1,2}(?![\d.])\b", shown) == [], page.name   # 69.54 is
        # English; "pukul 01.49" is an Indonesian time
    index = _visible(out["id"] / "index.html", names)
    assert "Triwulan I 2026" in index and "2026Q1" not in index.replace("2026Q1/", "")
