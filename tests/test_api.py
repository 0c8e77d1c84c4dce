"""The analyst's API (issue 23, item 6): every result shows itself in a notebook (in its language, never a NIP or a name),
the frame carries the data's fingerprint to every result, terms read as a reader names them, two fits or two audits sit
side by side (`ml.compare`), and a verb handed the wrong thing says what it wants."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import merit_lib as ml
from merit_lib.analysis.compare import CompareError
from merit_lib.analysis.compliance import ComplianceTable
from merit_lib.domain import language as L
from merit_lib.domain import text

PERIOD = "2026Q1"
MACHINE_TERM = re.compile(r"C\(|\[T\.|_ordinal|masa_kerja|pendidikan_s1")


@pytest.fixture(scope="module")
def extract(small_dir):
    return ml.load_extract(small_dir)


@pytest.fixture(scope="module")
def frame(extract):
    return ml.analysis_frame(extract, PERIOD, window=2)


@pytest.fixture(scope="module")
def fits(extract, frame):
    return ml.fit_readiness(ml.analysis_frame(extract, PERIOD, window=1)), ml.fit_readiness(frame)


@pytest.fixture(scope="module")
def audits(extract, frame):
    return ml.audit(ml.analysis_frame(extract, "2025Q4", window=2)), ml.audit(frame)


def _no_person(shown: str, tables: dict[str, pd.DataFrame], fingerprint: str) -> None:
    """No NIP (nor any run of 8 digits: counts carry separators), no name of a person."""
    assert not re.search(r"\d{8}", shown.replace(fingerprint, "")), shown
    names = set(tables["pegawai"]["nama"].dropna())
    assert not [n for n in names if n in shown]


# --------------------------------------------------------------------------- the extract and its validation report


def test_extract_shows_sizes_span_and_validation_never_a_nip_or_name(bad_dir):
    from merit_lib.data.extract import analysable

    for lang, words in (("id", "baris ditolak"), ("en", "rows rejected")):
        ex = ml.load_extract(bad_dir, lang=lang)
        rejected = int(ex.report.issues.groupby("table")["row"].nunique().sum())
        assert rejected >= 22
        first, last = analysable(ex.tables)
        for shown in (repr(ex), ex._repr_html_(), repr(ex.report), ex.report._repr_html_()):
            _no_person(shown, ex.tables, ex.fingerprint())
            assert f"{L.number(rejected, lang)} {words}" in shown or "<table" in shown
            assert "kinerja" in ex.report._repr_html_() and "orphan" in ex.report._repr_html_()
        for shown in (repr(ex), ex._repr_html_()):
            assert f"{L.number(rejected, lang)} {words}" in shown and ex.fingerprint() in shown
            assert f"{first} – {last}" in shown
            assert f"pegawai {L.number(len(ex.pegawai), lang)}" in shown
        overview = ex.overview()
        assert list(overview.iloc[:, 2]) == list(ex.report.summary()["rows_rejected"])
    assert "Ekstrak" in ml.load_extract(bad_dir)._repr_html_()


# --------------------------------------------------------------------------- provenance without an extra argument


def test_the_frame_carries_the_fingerprint_to_every_result(extract, frame, fits, audits):
    fingerprint = extract.fingerprint()
    assert frame.attrs["data_fingerprint"] == fingerprint and frame.attrs["period"] == PERIOD
    audit = audits[1]
    assert audit.meta["data_fingerprint"] == fingerprint and audit.meta["window"]["n"] == 2
    assert f"{text.label('fingerprint', 'id')}: {fingerprint}" in audit.summary()
    assert fingerprint in audit._repr_html_() and L.period_label(PERIOD, "id") in audit._repr_html_()
    assert fits[1].context["data_fingerprint"] == fingerprint and fingerprint in fits[1].summary()
    comp = ml.compliance(frame, n_boot=50)
    assert comp.attrs["data_fingerprint"] == fingerprint and fingerprint in comp._repr_html_()
    # given context still wins; a frame that came from nowhere says it has no fingerprint
    assert ml.audit(frame, context={"data_fingerprint": "lain"}).meta["data_fingerprint"] == "lain"
    bare = pd.DataFrame(frame)
    bare.attrs = {}
    assert text.t("api.no_fingerprint", "id") in ml.audit(bare)._repr_html_()


def test_results_speak_the_extract_language(small_dir, audits):
    ex = ml.load_extract(small_dir, lang="en")
    f = ml.analysis_frame(ex, PERIOD, window=1)
    audit = ml.audit(f)
    assert audit.lang == "en" and "findings (disparity" in repr(audit)
    assert audit.summary().startswith(text.label("audit_title", "en"))
    assert ml.fit_readiness(f).lang == "en" and ml.fit_readiness(f, lang="id").lang == "id"
    id_audit = audits[1]
    assert "temuan (disparitas" in repr(id_audit) and id_audit.in_language("en").summary().startswith(text.label("audit_title", "en"))
    shown = ml.compliance(f, n_boot=50)._repr_html_()
    assert text.t("api.compliance_title", "en") in shown and text.column("n_pegawai", "en") in shown


# --------------------------------------------------------------------------- readable terms


def test_terms_read_as_a_reader_names_them(fits):
    models = fits[1]
    for shown in (models.summary(), models._repr_html_(), models["logit"]._repr_html_(),
                  models.table().to_string(), models.summary("en")):
        assert not MACHINE_TERM.findall(shown), MACHINE_TERM.findall(shown)
    table = models.table()
    tidy = models["logit"].tidy.set_index("term")
    level = next(t for t in tidy.index if t.startswith("C(level_awal)"))
    label = models.term_label(level)
    assert label.endswith(f"(dibanding {models.design.reference('level_awal')})")
    row = table[table[text.t("api.term", "id")] == label].iloc[0]
    assert row["OR"] == L.number(tidy.loc[level, "odds_ratio"], "id", 2)
    assert models.term_label("kompetensi:kinerja", "en") == "competency × performance (SKP)"
    assert models.term_label("C(sex, Treatment('L'))[T.P]") == "P (dibanding L)"
    quarter = next(t for t in tidy.index if t.startswith("C(triwulan)"))      # the window's quarters, in words
    assert re.fullmatch(r"Triwulan [IV]+ 20\d\d \(dibanding Triwulan [IV]+ 20\d\d\)", models.term_label(quarter))
    assert re.fullmatch(r"Q[1-4] 20\d\d \(against Q[1-4] 20\d\d\)", models.term_label(quarter, "en"))
    assert list(models.coefficients["term"]) == list(models.coefficients["term"])      # raw terms stay for tools
    assert any(t.startswith("C(") for t in models.coefficients["term"])


# --------------------------------------------------------------------------- two results side by side


def test_compare_two_fits_term_by_term(fits):
    a, b = fits
    if "logit" not in a.models or "logit" not in b.models:
        pytest.skip("no logit")
    cmp = ml.compare(a, b, names=("1q", "2q"))
    ta, tb = (m["logit"].tidy.set_index("term").drop(index="Intercept") for m in (a, b))
    assert len(cmp.table) == len(ta.index.union(tb.index))
    ratio_col = text.t("api.compare_ratio", "id", a="1q", b="2q")
    row = cmp.table[cmp.table[text.t("api.term", "id")] == b.term_label("kompetensi")].iloc[0]
    assert row[ratio_col] == L.number(tb.loc["kompetensi", "odds_ratio"] / ta.loc["kompetensi", "odds_ratio"], "id", 2)

    def side(r):
        return 0 if pd.isna(r["ci_low"]) else 1 if r["ci_low"] > 1 else -1 if r["ci_high"] < 1 else 0

    both = ta.index.intersection(tb.index)
    assert cmp.changed == sum(side(ta.loc[t]) != side(tb.loc[t]) for t in both)
    assert list(cmp.overview.columns) == ["", "1q", "2q"]
    assert "1q" in cmp._repr_html_() and "<Comparison:" in repr(cmp) and not MACHINE_TERM.findall(cmp.summary())


def test_compare_two_audits_puts_changed_verdicts_first(audits):
    a, b = audits
    cmp = ml.compare(a, b)
    keys = ["scope", "attribute", "group"]
    both = a.findings[keys + ["flag"]].merge(b.findings[keys + ["flag"]], on=keys, how="outer")
    changed = int((both["flag_x"].fillna("") != both["flag_y"].fillna("")).sum())
    assert cmp.changed == changed and len(cmp.table) == len(both)
    names = (L.period_label("2025Q4", "id"), L.period_label(PERIOD, "id"))
    assert cmp.names == names
    flag_a, flag_b = (f"{text.label('flag', 'id')} {n}" for n in names)
    head = cmp.table.head(changed)
    assert (head[flag_a] != head[flag_b]).all() and (cmp.table.iloc[changed:][flag_a] == cmp.table.iloc[changed:][flag_b]).all()
    assert list(cmp.overview[names[0]]) == [L.number(v, "id") for v in a.flags()]
    assert "PROVINSI" not in cmp.table.to_string()                     # scopes in words


def test_compare_refuses_two_results_of_different_kinds(fits, audits):
    with pytest.raises(CompareError) as caught:
        ml.compare(fits[0], audits[0])
    assert isinstance(caught.value, TypeError) and "ReadinessModels" in caught.value.message("en")
    with pytest.raises(CompareError):
        ml.compare(fits[0], fits[1], model="tidak_ada")


# --------------------------------------------------------------------------- the compliance table and the doors


def test_compliance_is_a_dataframe_that_shows_itself(frame):
    comp = ml.compliance(frame, n_boot=50)
    assert isinstance(comp, ComplianceTable) and type(comp.head()) is pd.DataFrame
    assert type(comp.set_index("opd_kode")) is pd.DataFrame
    comp.loc[comp.index[0], "opd_nama"] = "<b>Dinas</b>"
    shown = comp._repr_html_()
    assert "&lt;b&gt;Dinas&lt;/b&gt;" in shown and "<b>Dinas" not in shown
    tiers = comp["tier"].value_counts()
    assert all(f"{text.t('window.' + t, 'id')}: {L.number(int(n), 'id')}" in shown for t, n in tiers.items())


@pytest.mark.parametrize("verb", ["fit_readiness", "audit", "compliance"])
def test_a_verb_handed_an_extract_says_how_to_make_a_frame(extract, verb):
    with pytest.raises(ml.FrameError) as caught:
        getattr(ml, verb)(extract)
    said = caught.value.message("id")
    assert isinstance(caught.value, TypeError) and "\n" not in said
    assert f"ml.{verb}(frame)" in said and "ml.analysis_frame(extract" in said and "Extract" in said
    assert "takes the analysis frame" in caught.value.message("en")


def test_analysis_frame_handed_a_frame_says_it_wants_an_extract(frame):
    with pytest.raises(ml.FrameError) as caught:
        ml.analysis_frame(frame, PERIOD)
    assert "ml.load_extract" in str(caught.value) and "DataFrame" in str(caught.value)
