"""One pelantikan reviewed as a whole: every appointment effective on a date, checked, placed on the talent map.

For each appointment (promosi, rotasi, mutasi) of the date: the named checks of the post it fills (a promotion with
the time in the lower level, a move without: `rotations.post_checks`), the 9-box and talent-pool membership, the
readiness for that post, and how many eligible candidates of the same target level were more ready and not appointed
(`n_lebih_siap_terlewati`; from the whole province for JPT Pratama, from the post's OPD for eselon III/IV). The batch's
fairness compares appointees with the eligible candidates not appointed, by sex and age band.

Predictors are those of the analysis frame of the quarter holding the date (dated before the quarter starts).
`appointments` is PERSON-LEVEL (for the BKD and Baperjakat only); `assessment` and `fairness` are count tables for
the disclosure door (`privacy.publish("pelantikan" | "pelantikan_keadilan", …)`), `summary` counts appointments per
kind and level (public: a pelantikan is announced).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.analysis.compliance import READINESS_RANK
from merit_lib.analysis.features import _target_level, analysis_frame
from merit_lib.analysis.rotations import post_checks
from merit_lib.domain import language
from merit_lib.domain.errors import ParameterError
from merit_lib.domain.period import Period

KINDS: tuple[str, ...] = ("promosi", "rotasi", "mutasi")
FAIRNESS_ATTRIBUTES: tuple[str, ...] = ("jenis_kelamin", "kelompok_usia")
APPOINTED, NOT_APPOINTED = "diangkat", "calon_tidak_diangkat"
PERSON_COLUMNS = ("nip", "nama", "jenis_mutasi", "level_tujuan", "eselon_baru", "opd_kode_baru", "jabatan_baru",
                  "hasil", "memenuhi_syarat", "syarat_gagal", "syarat_tidak_diketahui", "kotak", "talent_pool", "kesiapan",
                  "n_lebih_siap_terlewati")


@dataclass
class Pelantikan:
    """The appointments of one date (person-level) and the candidates they are compared with."""

    date: pd.Timestamp
    appointments: pd.DataFrame
    candidates: pd.DataFrame
    other_kinds: dict[str, int] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)      # the frame's provenance (period, data fingerprint, language)

    def _repr_html_(self) -> str:
        """Appointments per kind and target level (counts) and provenance: the persons stay in their tables."""
        from merit_lib.domain import display as D
        from merit_lib.domain import text

        lang = language.language(self.meta.get("lang") or "id")
        counts = self.summary().rename(columns={c: text.column(c, lang) for c in ("jenis_mutasi", "level_tujuan", "n")})
        lead = text.t("api.pelantikan_lead", lang, n=D.count(len(self.appointments), lang),
                      m=D.count(len(self.candidates), lang))
        return D.block(text.t("api.pelantikan_title", lang, date=language.date(self.date.date(), lang)),
                       [D.paragraph(D.provenance(self.meta, lang), small=True), D.paragraph(lead), D.table(counts),
                        D.paragraph(text.t("api.pelantikan_more", lang), small=True)])

    def summary(self) -> pd.DataFrame:
        """Appointments per kind and target level (public counts)."""
        a = self.appointments
        return (a.groupby(["jenis_mutasi", "level_tujuan"], dropna=False).size().rename("n").reset_index()
                .sort_values(["level_tujuan", "jenis_mutasi"], kind="stable").reset_index(drop=True))

    def assessment(self) -> pd.DataFrame:
        """Counts per target level (scope), measure (ukuran) and value (nilai); each measure is one breakdown for the door
        (`privacy.publish("pelantikan", …)` one measure at a time)."""
        a = self.appointments.assign(scope=self.appointments["level_tujuan"].fillna("tidak diketahui"))
        measures = {"jenis": a["jenis_mutasi"], "hasil": a["hasil"].fillna("tidak dinilai"),
                    "talent_pool": a["talent_pool"].map({True: "ya", False: "tidak"}).fillna("tidak dinilai"),
                    "kesiapan": a["kesiapan"].fillna("tidak dinilai")}
        parts = [pd.DataFrame({"scope": a["scope"], "ukuran": k, "nilai": v.astype(str)}) for k, v in measures.items()]
        out = pd.concat(parts).groupby(["scope", "ukuran", "nilai"]).size().rename("n").reset_index()
        passed = a.groupby("scope")["n_lebih_siap_terlewati"].sum()
        extra = pd.DataFrame({"scope": passed.index, "ukuran": "calon_lebih_siap_terlewati", "nilai": "n",
                              "n": passed.astype(int).to_numpy()})
        return pd.concat([out, extra], ignore_index=True)

    def fairness(self) -> pd.DataFrame:
        """Appointees and eligible candidates not appointed, per attribute (atribut) and group; each attribute is one
        breakdown for the door (`privacy.publish("pelantikan_keadilan", …)` one attribute at a time)."""
        people = pd.concat([self.appointments.assign(status=APPOINTED),
                            self.candidates.assign(status=NOT_APPOINTED)], ignore_index=True)
        parts = [pd.DataFrame({"atribut": attr, "kelompok": people[attr].astype("string").fillna("tidak diketahui"),
                               "status": people["status"]}) for attr in FAIRNESS_ATTRIBUTES if attr in people]
        out = pd.concat(parts).groupby(["atribut", "kelompok", "status"]).size().rename("n").reset_index()
        return out.assign(scope=str(self.date.date()))[["scope", "atribut", "kelompok", "status", "n"]]


def period_of(date: pd.Timestamp) -> Period:
    """The quarter holding a date."""
    return Period.parse(f"{date.year}Q{(date.month - 1) // 3 + 1}")


def parse_date(text: object) -> pd.Timestamp:
    """`2026-01-26` (or `26/01/2026`) as a date; a ParameterError naming the option otherwise."""
    try:
        ts = pd.Timestamp(pd.to_datetime(str(text), dayfirst="/" in str(text)))
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"--date '{text}': tanggal tidak sah; tulis mis. 2026-01-26",
                             en=f"--date '{text}': not a valid date; write e.g. 2026-01-26") from exc
    if pd.isna(ts):
        raise ParameterError(f"--date '{text}': tanggal kosong", en=f"--date '{text}': empty date")
    return ts.normalize()


def _no_appointment(riwayat: pd.DataFrame, date: pd.Timestamp) -> ParameterError:
    ev = riwayat[riwayat["jenis_mutasi"].isin(list(KINDS)).fillna(False).astype(bool)]
    busiest = ev.groupby("tanggal").size().sort_values(ascending=False, kind="stable").head(3)
    near = ", ".join(f"{d.date()} ({n})" for d, n in busiest.items())
    return ParameterError(
        f"tidak ada pengangkatan (promosi, rotasi atau mutasi) bertanggal {language.date(date.date(), 'id')} di "
        f"riwayat_jabatan" + (f"; tanggal dengan pengangkatan terbanyak: {near}" if near else ""),
        en=f"no appointment (promotion, rotation or mutation) dated {language.date(date.date(), 'en')} in "
           f"riwayat_jabatan" + (f"; dates with the most appointments: {near}" if near else ""))


def review(frame: pd.DataFrame, riwayat: pd.DataFrame, date: pd.Timestamp | str) -> Pelantikan:
    """Review every appointment effective on `date` against the analysis frame of its quarter (see the module)."""
    date = parse_date(date)
    on_day = riwayat[riwayat["tanggal"] == date]
    kinds = on_day["jenis_mutasi"].astype("string")
    ev = on_day[kinds.isin(list(KINDS)).fillna(False).to_numpy()].drop_duplicates(
        ["nip", "jenis_mutasi", "jenis_jabatan_baru", "eselon_baru", "opd_kode_baru"]).reset_index(drop=True)
    if ev.empty:
        raise _no_appointment(riwayat, date)
    other = kinds[~kinds.isin(list(KINDS)).fillna(False)].fillna("tidak diketahui").value_counts()
    ev = ev.assign(level_tujuan=_target_level(ev).astype("string").to_numpy())
    person = frame.drop_duplicates("nip").set_index("nip")
    known = ev["nip"].isin(person.index).to_numpy()
    keep = [c for c in ("nama", "jenis_kelamin", "kelompok_usia", "opd_kode") if c in person]
    out = ev.join(person[keep].rename(columns={"opd_kode": "opd_kode_awal"}), on="nip")
    checks = pd.DataFrame(index=ev.index)
    for promo in (True, False):
        rows = known & ((ev["jenis_mutasi"] == "promosi").to_numpy() == promo)
        if rows.any():
            people = person.loc[ev.loc[rows, "nip"]].reset_index()
            people.index = ev.index[rows]
            part = post_checks(people, ev.loc[rows, "level_tujuan"], ev.loc[rows, "eselon_baru"], with_time=promo)
            checks = part if checks.empty else pd.concat([checks, part])
    out = pd.concat([out, checks.reindex(ev.index)], axis=1)
    cand = _candidates(frame, out)
    out["n_lebih_siap_terlewati"] = _passed_over(out, cand)
    return Pelantikan(date, out, cand, {str(k): int(v) for k, v in other.items()}, dict(frame.attrs))


def _candidates(frame: pd.DataFrame, appointed: pd.DataFrame) -> pd.DataFrame:
    """Eligible persons for the batch's target levels not appointed on the date: province-wide for JPT Pratama, the
    posts' OPDs for the others (at the period start: target level, every promotion check met)."""
    f = frame[frame["berisiko"].fillna(False).astype(bool) & frame["memenuhi_syarat"].fillna(False).astype(bool)
              & ~frame["nip"].isin(appointed["nip"])]
    parts = []
    for level, a in appointed.groupby("level_tujuan"):
        c = f[(f["level_tujuan"] == level).fillna(False).to_numpy()]
        if level != "JPT Pratama":
            c = c[c["opd_kode"].isin(a["opd_kode_baru"].dropna())]
        parts.append(c.assign(level_calon=level))
    return pd.concat(parts, ignore_index=True) if parts else f.iloc[0:0].assign(level_calon=pd.Series(dtype="string"))


def _passed_over(appointed: pd.DataFrame, cand: pd.DataFrame) -> pd.Series:
    """Per appointment: eligible candidates of the same target level (and OPD below JPT) more ready than the appointee."""
    rank = cand["kesiapan"].map(READINESS_RANK).fillna(-1).to_numpy()
    out = []
    for _, a in appointed.iterrows():
        own = READINESS_RANK.get(a.get("kesiapan"), -1) if isinstance(a.get("kesiapan"), str) else -1
        same = np.array(cand["level_calon"] == a["level_tujuan"], dtype=bool)
        if a["level_tujuan"] != "JPT Pratama":
            same &= (cand["opd_kode"] == a["opd_kode_baru"]).fillna(False).to_numpy()
        out.append(int((same & (rank > own)).sum()))
    return pd.Series(out, index=appointed.index, dtype="int64")


def review_extract(extract: object, date: pd.Timestamp | str) -> Pelantikan:
    """`review` of an extract: the analysis frame of the date's quarter, then the date's appointments."""
    date = parse_date(date)
    tables = extract.tables if hasattr(extract, "tables") else extract
    frame = analysis_frame(extract, period_of(date), window=1)   # the appointees as at the quarter's start
    return review(frame, tables["riwayat_jabatan"], date)


def fairness_rates(p: Pelantikan) -> pd.DataFrame:
    """Full numbers (analysis only; a page reads the published counts): per attribute and group, appointees among the
    pool (appointees + eligible candidates), the rate with its Wilson 95 % CI and the ratio to the largest group."""
    from merit_lib.analysis.stats import wilson

    t = p.fairness().pivot_table(index=["atribut", "kelompok"], columns="status", values="n", fill_value=0)
    t = t.reindex(columns=[APPOINTED, NOT_APPOINTED], fill_value=0).reset_index()
    t["n_pool"] = t[APPOINTED] + t[NOT_APPOINTED]
    t["rate"] = t[APPOINTED] / t["n_pool"].where(t["n_pool"] > 0)
    t["ci_low"], t["ci_high"] = wilson(t[APPOINTED], t["n_pool"])
    ref = t.loc[t.groupby("atribut")["n_pool"].idxmax(), ["atribut", "rate"]].set_index("atribut")["rate"]
    t["ratio_to_largest"] = t["rate"] / t["atribut"].map(ref).replace(0, np.nan)
    return t
